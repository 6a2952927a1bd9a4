"""Tests of theano.configparser: flag values, THEANO_FLAGS, .theanorc files and change_flags."""

import functools
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MODULE_PATH = REPO / "theano" / "configparser.py"


def _load_configparser():
    # Import through the package when it imports cleanly, else load the file on its own (the
    # module imports nothing else from theano), so these tests do not depend on the package.
    try:
        import theano.configparser as module

        return module, "import theano.configparser as cp"
    except Exception:  # noqa: BLE001 (a package under construction may fail in any way)
        spec = importlib.util.spec_from_file_location("theano.configparser", MODULE_PATH)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        loader = (
            "import importlib.util\n"
            f"spec = importlib.util.spec_from_file_location('theano.configparser', "
            f"{str(MODULE_PATH)!r})\n"
            "cp = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(cp)"
        )
        return module, loader


cp, IMPORT_CONFIGPARSER = _load_configparser()
config = cp.config


def flag(root, name):
    return functools.reduce(getattr, name.split("."), root)


def run_python(tmp_path, code, flags=None, rc_files=(), env=None):
    """Run `code` in a fresh interpreter that has imported the module as `cp`."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("THEANO")}
    child_env["PYTHONPATH"] = str(REPO)
    child_env["HOME"] = str(tmp_path)
    child_env["THEANORC"] = os.pathsep.join(str(f) for f in rc_files) or str(tmp_path / "none")
    if flags is not None:
        child_env["THEANO_FLAGS"] = flags
    child_env.update(env or {})
    script = IMPORT_CONFIGPARSER + "\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        env=child_env,
        cwd=tmp_path,
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )


def child_values(tmp_path, names, flags=None, rc_files=(), env=None):
    """Return {name: value} of flags `names` read in a fresh interpreter, and its stderr."""
    code = f"""
        import functools, json
        names = {list(names)!r}
        values = {{n: functools.reduce(getattr, n.split("."), cp.config) for n in names}}
        print(json.dumps(values))
    """
    result = run_python(tmp_path, code, flags, rc_files, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stderr


def write_rc(path, text):
    path.write_text(textwrap.dedent(text))
    return path


# ---------------------------------------------------------------------------------------------
# Defaults


def test_defaults_in_a_clean_environment(tmp_path):
    expected = {
        "floatX": "float64",
        "device": "cpu",
        "force_device": False,
        "init_gpu_device": "",
        "mode": "Mode",
        "linker": "py",
        "optimizer": "o4",
        "optimizer_including": "",
        "optimizer_excluding": "",
        "optimizer_verbose": False,
        "exception_verbosity": "low",
        "compute_test_value": "off",
        "compute_test_value_opt": "off",
        "on_unused_input": "raise",
        "cast_policy": "custom",
        "int_division": "int",
        "deterministic": "default",
        "allow_gc": True,
        "profile": False,
        "openmp": False,
        "openmp_elemwise_minsize": 200000,
        "traceback.limit": 8,
        "traceback.compile_limit": 0,
        "warn_float64": "ignore",
        "scan.allow_gc": False,
        "scan.allow_output_prealloc": True,
        "NanGuardMode.nan_is_error": True,
        "NanGuardMode.action": "raise",
        "DebugMode.patience": 10,
        "DebugMode.check_py": True,
        "numpy.seterr_all": "ignore",
        "numpy.seterr_divide": "None",
        "warn.ignore_bug_before": "0.9",
        "warn.round": False,  # fixed in 0.9, not after warn.ignore_bug_before
        "warn.inc_subtensor1_opt": True,  # fixed in 0.10
        "optdb.max_use_ratio": 8.0,
        "gpuarray.preallocate": 0.0,
        "dnn.enabled": "auto",
        "dnn.conv.algo_fwd": "small",
        "tensor.cmp_sloppy": 0,
        "vm.lazy": None,
        "reoptimize_unpickled_function": False,
        "unpickle_function": True,
        "check_input": True,
        "contexts": "",
    }
    values, stderr = child_values(tmp_path, list(expected) + ["compiledir", "base_compiledir"])
    compiledir = values.pop("compiledir")
    assert values.pop("base_compiledir") == str(tmp_path / ".theano")
    assert values == expected
    assert compiledir.startswith(str(tmp_path / ".theano" / "compiledir_"))
    assert "TheanoConfigWarning" not in stderr


def test_numpy_seterr_flags_are_applied_at_import(tmp_path):
    code = "import json, numpy; print(json.dumps(numpy.geterr()))"
    result = run_python(tmp_path, code)
    assert json.loads(result.stdout) == {
        "divide": "ignore",
        "over": "ignore",
        "under": "ignore",
        "invalid": "ignore",
    }
    result = run_python(tmp_path, code, flags="numpy.seterr_all=raise,numpy.seterr_under=warn")
    assert json.loads(result.stdout) == {
        "divide": "raise",
        "over": "raise",
        "under": "warn",
        "invalid": "raise",
    }


def test_sections_are_objects_holding_their_flags():
    assert isinstance(config.scan.allow_gc, bool)
    assert config.dnn.conv.algo_fwd in config._all_params["dnn.conv.algo_fwd"].all
    assert repr(config.scan) == "<theano.config.scan: 3 flags>"
    assert {"allow_gc", "allow_output_prealloc", "debug"} <= set(dir(config.scan))
    assert {"floatX", "scan", "NanGuardMode"} <= set(dir(config))


# ---------------------------------------------------------------------------------------------
# Runtime assignment


def test_runtime_assignment_converts_values():
    names = ("floatX", "scan.allow_gc", "traceback.limit", "optdb.max_use_ratio", "vm.lazy")
    with cp.change_flags({name: flag(config, name) for name in names}):
        config.floatX = "float32"
        config.scan.allow_gc = "True"
        config.traceback.limit = "12"
        config.optdb.max_use_ratio = 3
        config.vm.lazy = "False"
        assert config.floatX == "float32"
        assert config.scan.allow_gc is True
        assert config.traceback.limit == 12
        assert config.optdb.max_use_ratio == 3.0
        assert config.vm.lazy is False
        assert config._all_params["floatX"].is_default is False


@pytest.mark.parametrize(
    "name, value, error, words",
    [
        ("floatX", "float128", ValueError, ["'floatX'", "'float128'", "'float32', 'float16'"]),
        ("floatX", 32, TypeError, ["'floatX'", "32", "'float64', 'float32', 'float16'"]),
        ("mode", "PROFILE", ValueError, ["'mode'", "'FAST_RUN'", "Mode instance"]),
        ("scan.allow_gc", "maybe", ValueError, ["'scan.allow_gc'", "'maybe'", "'True'"]),
        ("traceback.limit", "abc", ValueError, ["'traceback.limit'", "'abc'", "int"]),
        ("traceback.limit", 1.5, ValueError, ["'traceback.limit'", "1.5", "int"]),
        ("traceback.limit", [1], TypeError, ["'traceback.limit'", "[1]"]),
        ("tensor.cmp_sloppy", 3, ValueError, ["'tensor.cmp_sloppy'", "0, 1 or 2"]),
        ("DebugMode.patience", 0, ValueError, ["'DebugMode.patience'", "positive"]),
        ("profiling.destination", None, TypeError, ["'profiling.destination'", "string"]),
    ],
)
def test_runtime_assignment_rejects_bad_values(name, value, error, words):
    section_name, _, short = name.rpartition(".")
    section = flag(config, section_name) if section_name else config
    before = getattr(section, short)
    with pytest.raises(error) as info:
        setattr(section, short, value)
    message = str(info.value)
    assert message.startswith("Invalid value")
    for word in words:
        assert word in message
    assert getattr(section, short) == before


def test_assigning_an_unknown_flag_raises_and_suggests():
    with pytest.raises(AttributeError, match=r"'flaotX'.*Did you mean 'floatX'\?"):
        config.flaotX = "float32"
    with pytest.raises(AttributeError, match=r"'scan.alow_gc'.*Did you mean 'scan.allow_gc'"):
        config.scan.alow_gc = True
    assert "flaotX" not in vars(config)
    assert not hasattr(config, "flaotX")


def test_reading_an_unknown_flag_raises_and_suggests():
    with pytest.raises(AttributeError, match=r"unknown config flag 'floatx'.*'floatX'"):
        _ = config.floatx
    with pytest.raises(AttributeError, match=r"'NanGuardMode.actoin'.*'NanGuardMode.action'"):
        _ = config.NanGuardMode.actoin
    with pytest.raises(AttributeError, match=r"print\(theano.config\) lists every flag"):
        _ = config.zzzzzzzz


def test_assigning_a_section_is_refused():
    with pytest.raises(AttributeError, match="theano.config.scan is a section, not a flag"):
        config.scan = False
    assert config.scan.allow_gc in (True, False)


def test_flags_fixed_at_import_refuse_runtime_changes():
    other = "opencl0:0" if config.device != "opencl0:0" else "cpu"
    with pytest.raises(AttributeError) as info:
        config.device = other
    message = str(info.value)
    assert "'device' cannot be changed after theano is imported" in message
    assert f"THEANO_FLAGS='device={other}'" in message
    with pytest.raises(AttributeError, match=r"\[numpy\] seterr_all = raise"):
        config.numpy.seterr_all = "raise" if config.numpy.seterr_all != "raise" else "warn"
    with pytest.raises(AttributeError, match="'optimizer_excluding' cannot be changed"):
        config.optimizer_excluding = config.optimizer_excluding + ":inplace"
    config.device = config.device  # assigning the current value is harmless


def test_mode_accepts_a_mode_instance():
    class FakeMode:
        linker = "py"
        optimizer = "fast_run"

    mode = FakeMode()
    with cp.change_flags(mode=mode):
        assert config.mode is mode


# ---------------------------------------------------------------------------------------------
# change_flags


def test_change_flags_as_context_manager_restores_values():
    old_floatx, old_gc = config.floatX, config.scan.allow_gc
    new_floatx = "float16" if old_floatx != "float16" else "float32"
    with cp.change_flags({"scan.allow_gc": not old_gc}, floatX=new_floatx) as entered:
        assert entered is None
        assert config.floatX == new_floatx
        assert config.scan.allow_gc is (not old_gc)
    assert config.floatX == old_floatx
    assert config.scan.allow_gc is old_gc


def test_change_flags_as_decorator_restores_values():
    old = config.exception_verbosity

    @cp.change_flags(exception_verbosity="high")
    def verbosity():
        """Report the flag."""
        return config.exception_verbosity

    assert verbosity() == "high"
    assert config.exception_verbosity == old
    assert verbosity.__name__ == "verbosity"
    assert verbosity.__doc__ == "Report the flag."


def test_change_flags_restores_values_after_an_exception():
    old = config.on_unused_input
    with pytest.raises(ZeroDivisionError), cp.change_flags(on_unused_input="ignore"):
        _ = 1 / 0
    assert config.on_unused_input == old

    @cp.change_flags(on_unused_input="warn")
    def fail():
        raise KeyError("boom")

    with pytest.raises(KeyError):
        fail()
    assert config.on_unused_input == old


def test_change_flags_can_nest_and_recurse():
    old = config.traceback.limit
    seen = []

    @cp.change_flags({"traceback.limit": 3})
    def recurse(depth):
        seen.append(config.traceback.limit)
        config.traceback.limit = 100 + depth  # each level restores what it found
        if depth:
            recurse(depth - 1)
        seen.append(config.traceback.limit)

    recurse(2)
    assert seen == [3, 3, 3, 100, 101, 102]
    assert config.traceback.limit == old


def test_change_flags_validates_names_and_values_when_built():
    old = config.floatX
    with pytest.raises(ValueError, match=r"'floatX' \(from change_flags\).*'float32'"):
        cp.change_flags(floatX="double")
    with pytest.raises(AttributeError, match="Did you mean 'floatX'"):
        cp.change_flags(floatx="float32")
    with pytest.raises(AttributeError, match="'scan.allow_gc'"):
        cp.change_flags({"scan.allow_cg": True})
    assert config.floatX == old


def test_change_flags_refuses_fixed_flags_and_rolls_back():
    old = config.floatX
    new = "float16" if old != "float16" else "float32"
    other = "opencl0:0" if config.device != "opencl0:0" else "cpu"
    changer = cp.change_flags({"floatX": new, "device": other})
    with pytest.raises(AttributeError, match="'device' cannot be changed"), changer:
        pass
    assert config.floatX == old


# ---------------------------------------------------------------------------------------------
# Parsing, registration, printing, hashing


def test_parse_config_string():
    parsed = cp.parse_config_string(" floatX = float32,, scan.allow_gc=True ,floatX=float16")
    assert parsed == {"floatX": "float16", "scan.allow_gc": "True"}
    assert cp.parse_config_string("gcc.cxxflags=-DA=1") == {"gcc.cxxflags": "-DA=1"}
    assert cp.parse_config_string("optimizer_excluding=") == {"optimizer_excluding": ""}
    with pytest.warns(cp.TheanoConfigWarning, match="'nonsense' has no value, ignoring it"):
        assert cp.parse_config_string("nonsense,device=cpu") == {"device": "cpu"}


def test_add_config_var_on_a_fresh_root():
    root = cp.TheanoConfigParser()
    cp.AddConfigVar("testonly.sub.level", "A level.", cp.IntParam(3), root=root)
    cp.AddConfigVar("testonly.kind", "A kind.", cp.EnumStr("a", "b"), root=root, in_c_key=False)
    assert root.testonly.sub.level == 3
    assert root.testonly.kind == "a"
    assert root._all_params["testonly.kind"].in_c_key is False
    root.testonly.kind = "b"
    assert root.testonly.kind == "b"
    with pytest.raises(ValueError, match="'testonly.kind' is already registered"):
        cp.AddConfigVar("testonly.kind", "Again.", cp.EnumStr("a"), root=root)
    with pytest.raises(ValueError, match="clashes with section"):
        cp.AddConfigVar("testonly.sub", "Clash.", cp.BoolParam(True), root=root)
    with pytest.raises(ValueError, match="clashes with flag 'testonly.kind'"):
        cp.AddConfigVar("testonly.kind.deeper", "Clash.", cp.BoolParam(True), root=root)
    with pytest.raises(ValueError, match="Bad config flag name"):
        cp.AddConfigVar("testonly.9lives", "Bad.", cp.BoolParam(True), root=root)
    unused = cp.BoolParam(True)
    with pytest.raises(ValueError, match="clashes with flag 'testonly.kind'"):
        cp.AddConfigVar("testonly.kind.other", "Clash.", unused, root=root)
    cp.AddConfigVar("testonly.other", "Reuses a param refused above.", unused, root=root)
    assert root.testonly.other is True
    with pytest.raises(TypeError, match="expected a ConfigParam"):
        cp.AddConfigVar("testonly.raw", "Raw.", 3, root=root)
    with pytest.raises(TypeError, match="must be strings"):
        cp.EnumStr("a", 1)
    assert "testonly.raw" not in root._all_params


def test_lazy_default_is_computed_once_on_first_read():
    root = cp.TheanoConfigParser()
    calls = []

    def default():
        calls.append(1)
        return "computed"

    cp.AddConfigVar("testonly_lazy", "Lazy.", cp.StrParam(default), root=root)
    assert calls == []
    assert root.testonly_lazy == "computed"
    assert root.testonly_lazy == "computed"
    assert calls == [1]


@pytest.mark.parametrize(
    "raw, expected",
    [("True", True), ("true", True), ("1", True), (1, True), ("False", False), ("0", False)],
)
def test_bool_param_accepts_theano_spellings(raw, expected):
    param = cp.BoolParam(True)
    param.fullname = "testonly_bool"
    assert param._filter(raw) is expected


def test_device_param_names_and_old_gpu_spelling():
    param = cp.DeviceParam("cpu")
    param.fullname = "testonly_device"
    assert [param._filter(v) for v in ("cpu", "cuda", "cuda1", "opencl0:1")] == [
        "cpu",
        "cuda",
        "cuda1",
        "opencl0:1",
    ]
    with pytest.warns(cp.TheanoConfigWarning, match="'gpu2'.*'cuda2'"):
        assert param._filter("gpu2") == "cuda2"
    with pytest.raises(ValueError, match="'tpu'.*'cudaN'"):
        param._filter("tpu")


def test_str_config_lists_every_flag_with_doc_and_value():
    text = str(config)
    assert "floatX ('float64', 'float32', 'float16')\n    Doc:  Default float dtype" in text
    assert f"\n    Value:  {config.floatX}\n" in text
    assert "scan.allow_gc (bool)" in text
    assert "traceback.limit (int)" in text
    assert text.count("    Doc:  ") == len(config._all_params)
    section = str(config.scan)
    assert section.count("    Doc:  ") == 3
    assert "floatX" not in section


def test_config_hash_follows_code_key_flags_only():
    before = cp.get_config_hash()
    assert len(before) == 64
    other = "float16" if config.floatX != "float16" else "float32"
    with cp.change_flags(floatX=other):
        assert cp.get_config_hash() != before
    other = "high" if config.exception_verbosity != "high" else "low"
    with cp.change_flags(exception_verbosity=other):
        assert cp.get_config_hash() == before
    assert cp.get_config_hash() == before
    assert cp.get_config_md5 is cp.get_config_hash


# ---------------------------------------------------------------------------------------------
# THEANO_FLAGS and config files, each read by a fresh interpreter


def test_theano_flags_set_values_and_later_duplicates_win(tmp_path):
    flags = (
        "floatX=float32, scan.allow_gc=True,device=cuda,traceback.limit=3,"
        "dnn.conv.algo_fwd=fft,optimizer_excluding=inplace:fusion,floatX=float16"
    )
    names = ["floatX", "scan.allow_gc", "device", "traceback.limit", "dnn.conv.algo_fwd"]
    values, stderr = child_values(tmp_path, names + ["optimizer_excluding"], flags=flags)
    assert values == {
        "floatX": "float16",
        "scan.allow_gc": True,
        "device": "cuda",
        "traceback.limit": 3,
        "dnn.conv.algo_fwd": "fft",
        "optimizer_excluding": "inplace:fusion",
    }
    assert "TheanoConfigWarning" not in stderr


def test_theano_flags_entry_without_value_is_ignored_with_a_warning(tmp_path):
    values, stderr = child_values(tmp_path, ["floatX"], flags="floatX=float32,nonsense")
    assert values == {"floatX": "float32"}
    assert "TheanoConfigWarning: Config key 'nonsense' has no value, ignoring it" in stderr


def test_unknown_flag_in_theano_flags_warns_and_suggests(tmp_path):
    values, stderr = child_values(tmp_path, ["floatX"], flags="flaotX=float32,scan.alow_gc=1")
    assert values == {"floatX": "float64"}
    assert "THEANO_FLAGS sets an unknown config flag 'flaotX'. Did you mean 'floatX'?" in stderr
    assert "'scan.alow_gc'. Did you mean 'scan.allow_gc'" in stderr


def test_bad_value_in_theano_flags_fails_at_import(tmp_path):
    result = run_python(tmp_path, "print('imported')", flags="floatX=foo")
    assert result.returncode != 0
    assert "imported" not in result.stdout
    assert (
        "ValueError: Invalid value 'foo' for config flag 'floatX' (from THEANO_FLAGS): "
        "allowed values are 'float64', 'float32', 'float16'"
    ) in result.stderr


def test_old_gpu_device_spelling_maps_to_cuda(tmp_path):
    values, stderr = child_values(tmp_path, ["device"], flags="device=gpu1")
    assert values == {"device": "cuda1"}
    assert "device='gpu1' names Theano's removed GPU back-end; using device='cuda1'" in stderr


def test_warn_flag_defaults_follow_ignore_bug_before(tmp_path):
    names = ["warn.argmax_pushdown_bug", "warn.round", "warn.inc_subtensor1_opt"]
    values, _ = child_values(tmp_path, names, flags="warn.ignore_bug_before=None")
    assert values == dict.fromkeys(names, True)
    values, _ = child_values(tmp_path, names, flags="warn.ignore_bug_before=all")
    assert values == dict.fromkeys(names, False)
    values, _ = child_values(tmp_path, names, flags="warn.ignore_bug_before=0.5,warn.round=0")
    assert list(values.values()) == [False, False, True]  # 0.3: before 0.5; round set; 0.10


def test_theanorc_global_and_sections_with_interpolation(tmp_path):
    rc = write_rc(
        tmp_path / "theanorc",
        """
        [global]
        floatX = float32
        base_compiledir = %(TMPDIR)s/theano-%(USER)s
        compiledir = /tmp/cache-%(PID)s
        compiledir_format = cache_%(python_version)s

        [scan]
        allow_gc = True

        [dnn.conv]
        algo_fwd = large

        [NanGuardMode]
        action = warn
        """,
    )
    code = """
        import os, json
        c = cp.config
        print(json.dumps([c.floatX, c.base_compiledir, c.compiledir, c.compiledir_format,
                          c.scan.allow_gc, c.dnn.conv.algo_fwd, c.NanGuardMode.action,
                          os.getpid()]))
    """
    env = {"TMPDIR": str(tmp_path / "scratch"), "USER": "ada", "LOGNAME": "ada"}
    result = run_python(tmp_path, code, rc_files=[rc], env=env)
    assert result.returncode == 0, result.stderr
    floatx, base, compiledir, fmt, scan_gc, algo, action, pid = json.loads(result.stdout)
    assert floatx == "float32"
    assert base == str(tmp_path / "scratch" / "theano-ada")
    assert compiledir == f"/tmp/cache-{pid}"
    assert fmt == "cache_%(python_version)s"  # not an interpolation name: read raw
    assert (scan_gc, algo, action) == (True, "large", "warn")
    assert "TheanoConfigWarning" not in result.stderr


def test_precedence_of_assignment_flags_and_files(tmp_path):
    first = write_rc(
        tmp_path / "first",
        """
        [global]
        floatX = float32
        mode = FAST_COMPILE
        linker = cvm
        """,
    )
    second = write_rc(tmp_path / "second", "[global]\nfloatX = float16\nlinker = vm\n")
    names = ["floatX", "mode", "linker"]
    values, _ = child_values(tmp_path, names, rc_files=[first, second])
    assert values == {"floatX": "float16", "mode": "FAST_COMPILE", "linker": "vm"}
    values, _ = child_values(tmp_path, names, flags="floatX=float64", rc_files=[first, second])
    assert values == {"floatX": "float64", "mode": "FAST_COMPILE", "linker": "vm"}
    code = "cp.config.floatX = 'float32'; print(cp.config.floatX)"
    result = run_python(tmp_path, code, flags="floatX=float64", rc_files=[first, second])
    assert result.stdout.split() == ["float32"]


def test_unknown_key_in_theanorc_warns_and_suggests(tmp_path):
    rc = write_rc(
        tmp_path / "rc",
        """
        [global]
        flaotX = float32
        scan.allow_output_prealloc = False
        [scan]
        alow_gc = True
        [nanguardmode]
        action = warn
        """,
    )
    names = ["floatX", "scan.allow_gc", "scan.allow_output_prealloc", "NanGuardMode.action"]
    values, stderr = child_values(tmp_path, names, rc_files=[rc])
    assert list(values.values()) == ["float64", False, False, "raise"]
    assert "'nanguardmode.action'. Did you mean 'NanGuardMode.action'" in stderr
    assert stderr.count("TheanoConfigWarning") == 3
    assert f"Config file {rc} sets an unknown config flag 'flaotx'" in stderr
    assert "Did you mean 'floatX'?" in stderr
    assert "'scan.alow_gc'. Did you mean 'scan.allow_gc'" in stderr


def test_bad_value_in_theanorc_fails_at_import(tmp_path):
    rc = write_rc(tmp_path / "rc", "[scan]\nallow_gc = sometimes\n")
    result = run_python(tmp_path, "print('imported')", rc_files=[rc])
    assert result.returncode != 0
    assert (
        f"ValueError: Invalid value 'sometimes' for config flag 'scan.allow_gc' "
        f"(from config file {rc})"
    ) in result.stderr


def test_fetch_val_for_key_reads_flags_then_files(tmp_path):
    rc = write_rc(tmp_path / "rc", "[global]\nfloatX = float16\n[scan]\nallow_gc = 1\n")
    code = """
        import json
        out = [cp.fetch_val_for_key("floatX"), cp.fetch_val_for_key("scan.allow_gc")]
        try:
            cp.fetch_val_for_key("linker")
        except KeyError as exc:
            out.append(str(exc))
        print(json.dumps(out))
    """
    result = run_python(tmp_path, code, flags="floatX=float32", rc_files=[rc])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["float32", "1", "'linker'"]
