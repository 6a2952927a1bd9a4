"""Theano's flags: every registration (AddConfigVar) and the defaults computed from the machine.

Imported at the end of ``theano.configparser``, so ``from theano.configparser import config``
gives every flag.  A value comes from THEANO_FLAGS, else a .theanorc file, else the default.
"""

import os
import platform
import re
import shutil
import sys

import numpy as np

from theano.configparser import (
    AddConfigVar,
    BoolParam,
    ConfigParam,
    ContextsParam,
    DeviceParam,
    EnumStr,
    FloatParam,
    IntParam,
    StrParam,
    _ModeParam,
    config,
)


# ---------------------------------------------------------------------------------------------
# Helpers for defaults that depend on the machine or on other flags.


def _warn_default(version):
    # Per-bug warnings default on only for bugs fixed after warn.ignore_bug_before.
    ignore_before = config.warn.ignore_bug_before
    if ignore_before == "None":
        return True
    if ignore_before == "all":
        return False
    return _version_tuple(version) > _version_tuple(ignore_before)


def _version_tuple(version):
    return tuple(int(part) for part in version.split("."))


def _default_cxx():
    return "g++" if shutil.which("g++") else ""


def _default_base_compiledir():
    if sys.platform == "win32" and os.getenv("LOCALAPPDATA"):
        return os.path.join(os.getenv("LOCALAPPDATA"), "Theano")
    return os.path.join(os.path.expanduser("~"), ".theano")


# The %(key)s names compiledir_format may use.
_COMPILEDIR_KEYS = {
    "platform": platform.platform,
    "short_platform": lambda: f"{platform.system()}-{platform.release()}",
    "processor": lambda: platform.machine() or "unknown",
    "python_version": platform.python_version,
    "python_bitwidth": lambda: str(64 if sys.maxsize > 2**32 else 32),
    "python_int_bitwidth": lambda: str(np.dtype(np.int_).itemsize * 8),
    "theano_version": lambda: getattr(sys.modules.get("theano"), "__version__", "unknown"),
    "numpy_version": lambda: np.__version__,
    "gxx_version": lambda: "none",
    "hostname": platform.node,
}


class _CompiledirKeys(dict):
    # Computes each %(key)s value only if compiledir_format uses it.
    def __missing__(self, key):
        value = self[key] = _COMPILEDIR_KEYS[key]()
        return value


def _check_compiledir_format(value):
    unknown = set(re.findall(r"%\((\w+)\)s", value)) - set(_COMPILEDIR_KEYS)
    return not unknown


def _path(value):
    if not isinstance(value, str):
        raise TypeError("expected a directory path string")
    return os.path.abspath(os.path.expanduser(value))


def _default_compiledir():
    name = config.compiledir_format % _CompiledirKeys()
    return os.path.join(config.base_compiledir, name)


def _none_or_bool(value):
    if value is None or value == "None":
        return None
    return BoolParam(False)._cast(value)


_ON_PROBLEM = ("ignore", "warn", "raise", "pdb")
_SETERR = ("ignore", "warn", "raise", "call", "print", "log", "None")
_BUG_VERSIONS = ("None", "all", "0.3", "0.4", "0.4.1", "0.5", "0.6", "0.7", "0.8", "0.8.1")
_BUG_VERSIONS += ("0.8.2", "0.9", "0.10", "1.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5")
_CUDNN_SEARCH = ("guess_once", "guess_on_shape_change", "time_once", "time_on_shape_change")
_POSITIVE = {"is_valid": lambda i: i > 0, "allowed": "a positive integer"}
_ZERO_ONE_TWO = {"is_valid": lambda i: i in (0, 1, 2), "allowed": "0, 1 or 2"}


def _add(name, param, doc, in_c_key=False):
    # Most flags do not change generated code, so in_c_key defaults to False here.
    AddConfigVar(name, doc, param, in_c_key=in_c_key)


def _register_defaults():
    """Register Theano 1.0's flags on the global config (our `linker` default is 'py')."""
    # --- dtypes and casting
    _add(
        "floatX",
        EnumStr("float64", "float32", "float16"),
        "Default float dtype: of T.scalar(), T.vector()... without a dtype, of T.zeros and "
        "friends, and of autocast Python floats (see cast_policy).",
        in_c_key=True,
    )
    _add("warn_float64", EnumStr(*_ON_PROBLEM), "What to do when a float64 variable is created.")
    _add(
        "cast_policy",
        EnumStr("custom", "numpy+floatX"),
        "How Python scalars are cast: 'custom' (smallest int that holds them, floats to floatX "
        "when exact) or 'numpy+floatX' (NumPy's rules, floats default to floatX).",
        in_c_key=True,
    )
    _add(
        "int_division",
        EnumStr("int", "raise", "floatX"),
        "What the legacy `div` does on two integer tensors: 'int' (floor), 'raise' or 'floatX'.",
        in_c_key=True,
    )
    _add(
        "deterministic",
        EnumStr("default", "more"),
        "'more' avoids nondeterministic implementations even when they are faster.",
        in_c_key=True,
    )

    # --- devices; the GPU knobs are accepted and recorded for the device layer
    _add(
        "device",
        DeviceParam("cpu", allow_override=False),
        "Default device for computations and shared variables: 'cpu', 'cuda', 'cudaN' or "
        "'openclN:M'. The old 'gpu'/'gpuN' spellings map to 'cuda'/'cudaN' with a warning.",
    )
    _add(
        "init_gpu_device",
        DeviceParam("", allow_override=False),
        "Initialise this GPU without moving computations or shared variables onto it.",
    )
    _add(
        "force_device",
        BoolParam(False, allow_override=False),
        "Raise an error instead of falling back to the CPU when `device` cannot be used.",
    )
    _add("contexts", ContextsParam(), "Context names to devices: 'name1->cuda0;name2->cuda1'.")
    _add("print_active_device", BoolParam(True), "Print the device when a GPU is initialised.")
    _add("assert_no_cpu_op", EnumStr(*_ON_PROBLEM), "What to do when a CPU op is left on GPU.")
    _add("pycuda.init", BoolParam(False), "Initialise PyCUDA before the GPU back-end.")
    _add("cuda.root", StrParam(""), "CUDA installation directory.")
    _add("lib.cnmem", FloatParam(0), "Pre-1.0 GPU memory pool size; accepted and ignored.")
    _add(
        "gpuarray.preallocate",
        FloatParam(0, allow_override=False),
        "GPU memory to preallocate: a fraction of the total if < 1, else MB; -1 disables the "
        "allocation cache.",
    )
    _add("gpuarray.sched", EnumStr("default", "multi", "single"), "GPU stream scheduling.")
    _add("gpuarray.single_stream", BoolParam(True), "Run all GPU work on one stream.")
    _add(
        "gpuarray.cache_path",
        ConfigParam(lambda: os.path.join(config.compiledir, "gpuarray_kernels"), _path),
        "Directory of the compiled GPU kernel cache.",
    )
    _add(
        "dnn.enabled",
        EnumStr("auto", "True", "False", "no_check"),
        "Use cuDNN: 'auto' if found, 'True' (error if missing), 'False', or 'no_check'.",
    )
    for name in ("base_path", "include_path", "library_path", "bin_path"):
        _add(f"dnn.{name}", StrParam(""), f"cuDNN {name.replace('_', ' ')}.")
    _add(
        "dnn.conv.algo_fwd",
        EnumStr("small", "none", "large", "fft", "fft_tiling", "winograd", *_CUDNN_SEARCH),
        "cuDNN forward convolution algorithm.",
    )
    _add(
        "dnn.conv.algo_bwd_data",
        EnumStr("none", "deterministic", "fft", "fft_tiling", "winograd", *_CUDNN_SEARCH),
        "cuDNN algorithm for the convolution gradient wrt its inputs.",
    )
    _add(
        "dnn.conv.algo_bwd_filter",
        EnumStr("none", "deterministic", "fft", "small", *_CUDNN_SEARCH),
        "cuDNN algorithm for the convolution gradient wrt its filters.",
    )
    _add(
        "dnn.conv.precision",
        EnumStr("as_input_f32", "as_input", "float16", "float32", "float64"),
        "Precision of cuDNN convolutions.",
    )
    _add("magma.enabled", BoolParam(False), "Use MAGMA for GPU linear algebra.")
    _add("magma.include_path", StrParam(""), "MAGMA include directory.")
    _add("magma.library_path", StrParam(""), "MAGMA library directory.")
    _add("ctc.root", StrParam(""), "Directory of the warp-ctc library.")
    _add("nvcc.fastmath", BoolParam(False), "Compile CUDA code with -use_fast_math.", True)
    _add("nvcc.flags", StrParam(""), "Extra nvcc flags.", True)

    # --- compilation mode, linker, rewrites
    _add(
        "mode",
        _ModeParam("Mode", "FAST_RUN", "FAST_COMPILE", "DebugMode", "DEBUG_MODE", "NanGuardMode"),
        "Default compilation mode. 'Mode' combines the `linker` and `optimizer` flags.",
    )
    _add(
        "linker",
        EnumStr("py", "cvm", "c|py", "c", "vm", "c|py_nogc", "vm_nogc", "cvm_nogc", "numba", "jax"),
        "Executor used by mode 'Mode' (Theano 1.0's names plus 'numba' and 'jax'; the compiler "
        "maps each onto a back-end).",
    )
    _add(
        "optimizer",
        EnumStr("o4", "o3", "o2", "o1", "unsafe", "fast_run", "fast_compile", "merge", "None"),
        "Graph rewrites used by mode 'Mode': 'o4' (== 'fast_run'), 'o3', 'o2', 'o1' "
        "(== 'fast_compile'), 'unsafe', 'merge' or 'None'.",
    )
    for name, verb in (("including", "add"), ("excluding", "remove"), ("requiring", "require")):
        _add(
            f"optimizer_{name}",
            StrParam("", allow_override=False),
            f"Colon-separated rewrite names or tags to {verb}, e.g. 'inplace:fusion'.",
        )
    _add("optimizer_verbose", BoolParam(False), "Print each rewrite as it is applied.")
    _add(
        "on_opt_error",
        EnumStr("warn", "raise", "pdb", "ignore"),
        "What to do when a graph rewrite raises: warn and skip it, raise, pdb, or ignore.",
    )
    _add("on_shape_error", EnumStr("warn", "raise"), "What to do when shape inference fails.")
    _add(
        "allow_gc",
        BoolParam(True),
        "Free intermediate results as soon as they are used; False trades memory for speed.",
    )
    _add(
        "vm.lazy",
        ConfigParam(None, _none_or_bool, allowed="None, True or False"),
        "For the vm linkers: None chooses lazy evaluation when the graph needs it; True or "
        "False forces it.",
    )
    _add(
        "optdb.position_cutoff",
        FloatParam(np.inf),
        "Skip rewrite passes registered at positions above this one.",
    )
    _add(
        "optdb.max_use_ratio",
        FloatParam(8),
        "An equilibrium rewriter stops after this many rewrites per node.",
    )
    _add("cycle_detection", EnumStr("regular", "fast"), "How inplace rewrites find cycles.")
    _add(
        "check_stack_trace",
        EnumStr("off", "log", "warn", "raise"),
        "Check that rewrites copy the user stack trace to the nodes they create.",
    )
    _add("cache_optimizations", BoolParam(False), "Cache rewritten graphs (experimental).")
    _add("tensor.local_elemwise_fusion", BoolParam(True), "Fuse element-wise chains.")
    _add(
        "tensor.insert_inplace_optimizer_validate_nb",
        IntParam(-1),
        "Inplace candidates validated together (-1: automatic).",
    )
    _add(
        "tensor.cmp_sloppy",
        IntParam(0, **_ZERO_ONE_TWO),
        "Loosen tensor comparisons in tests: 0 not at all, 1 a bit, 2 more.",
    )
    _add(
        "experimental.local_alloc_elemwise_assert",
        BoolParam(True),
        "Keep the shape asserts when the local_alloc_elemwise rewrite removes an Alloc.",
    )
    _add(
        "conv.assert_shape",
        BoolParam(False),
        "Check at run time that convolution inputs have the shapes given to the op.",
    )

    # --- errors, debugging, test values
    _add(
        "exception_verbosity",
        EnumStr("low", "high"),
        "'high' makes run-time errors also print a debugprint of the failing node.",
    )
    for name, when in (("compute_test_value", "builds"), ("compute_test_value_opt", "rewrites")):
        _add(
            name,
            EnumStr("off", "ignore", "warn", "raise", "pdb"),
            f"Evaluate each node on its inputs' tag.test_value as the graph {when}, to catch "
            f"shape errors early: 'off', or what to do when a test value is missing.",
        )
    _add("print_test_value", BoolParam(False), "Make repr(var) show its test value.")
    _add(
        "on_unused_input",
        EnumStr("raise", "warn", "ignore"),
        "What theano.function does with inputs no output depends on.",
    )
    _add("check_input", BoolParam(True), "Check the values given to functions and ops.", True)
    _add("traceback.limit", IntParam(8), "Depth of the user stack kept on each node (-1: all).")
    _add(
        "traceback.compile_limit",
        IntParam(0),
        "Depth of the stack recorded at compile time and shown in errors (0: none).",
    )
    _add("NanGuardMode.nan_is_error", BoolParam(True), "NanGuardMode reports NaNs.")
    _add("NanGuardMode.inf_is_error", BoolParam(True), "NanGuardMode reports infinities.")
    _add("NanGuardMode.big_is_error", BoolParam(True), "NanGuardMode reports |x| > 1e10.")
    _add(
        "NanGuardMode.action",
        EnumStr("raise", "warn", "pdb"),
        "What NanGuardMode does when it finds a bad value.",
    )
    _add(
        "DebugMode.patience",
        IntParam(10, **_POSITIVE),
        "Number of times DebugMode reruns each op to check it is deterministic.",
    )
    _add(
        "DebugMode.check_c",
        BoolParam(lambda: bool(config.cxx)),
        "DebugMode runs compiled implementations (default: when a C++ compiler exists).",
    )
    _add("DebugMode.check_py", BoolParam(True), "DebugMode runs Python implementations.")
    _add("DebugMode.check_finite", BoolParam(True), "DebugMode rejects NaN and Inf.")
    _add(
        "DebugMode.check_strides",
        IntParam(0, **_ZERO_ONE_TWO),
        "On outputs with unusual strides DebugMode does: 0 nothing, 1 warn, 2 raise.",
    )
    _add(
        "DebugMode.warn_input_not_reused",
        BoolParam(True),
        "Warn when an inplace op does not reuse its input's memory.",
    )
    _add(
        "DebugMode.check_preallocated_output",
        StrParam(""),
        "Colon-separated kinds of preallocated outputs to test ops with, e.g. "
        "'initial:previous:c_contiguous:f_contiguous:strided:wrong_size:ALL'.",
    )
    _add(
        "DebugMode.check_preallocated_output_ndim",
        IntParam(4, **_POSITIVE),
        "Test preallocated outputs with at most this many dimensions.",
    )
    _add("unittests.rseed", StrParam("666"), "Seed of the unit tests ('random': random).")

    # --- profiling
    _add("profile", BoolParam(False), "Profile every function and print a summary at exit.")
    _add("profile_memory", BoolParam(False), "Add a memory section to profiles.")
    _add("profile_optimizer", BoolParam(False), "Add the time of each rewrite to profiles.")
    _add("print_global_stats", BoolParam(False), "Print compile and run times at exit.")
    _add("profiling.n_apply", IntParam(20), "Apply nodes listed in profiles.")
    _add("profiling.n_ops", IntParam(20), "Ops listed in profiles.")
    _add("profiling.output_line_width", IntParam(512), "Maximum width of profile lines.")
    _add("profiling.min_memory_size", IntParam(1024), "Smallest size (bytes) memory profiles show.")
    _add("profiling.min_peak_memory", BoolParam(False), "Show the smallest reachable peak memory.")
    _add("profiling.destination", StrParam("stderr"), "'stderr', 'stdout' or a file name.")
    _add("profiling.debugprint", BoolParam(False), "Add a debugprint of each profiled function.")
    _add("profiling.ignore_first_call", BoolParam(False), "Leave the first call out of profiles.")
    _add("profiling.time_thunks", BoolParam(True), "Time each node separately when profiling.")

    # --- scan
    _add("scan.allow_gc", BoolParam(False), "Free scan's inner buffers between iterations.")
    _add(
        "scan.allow_output_prealloc",
        BoolParam(True),
        "Let scan's inner function write its outputs into preallocated buffers.",
    )
    _add("scan.debug", BoolParam(False), "Print scan's internal decisions.")

    # --- pickling
    _add(
        "reoptimize_unpickled_function",
        BoolParam(False),
        "Rewrite the graph again when unpickling a function instead of reusing the pickled one.",
    )
    _add(
        "unpickle_function",
        BoolParam(True),
        "Unpickle compiled functions; if False, unpickling one gives None.",
    )
    _add("pickle_test_value", BoolParam(True), "Pickle the test values attached to variables.")
    _add(
        "experimental.unpickle_gpu_on_cpu",
        BoolParam(False),
        "Unpickle GPU arrays as NumPy arrays when no GPU is available.",
    )

    # --- NumPy floating-point errors (applied to NumPy when this module is imported)
    _add(
        "numpy.seterr_all",
        EnumStr(*_SETERR, allow_override=False),
        "NumPy's behaviour for all floating-point errors (numpy.seterr); 'None' keeps "
        "NumPy's own default. The seterr_* flags below refine it.",
    )
    for name in ("divide", "over", "under", "invalid"):
        _add(
            f"numpy.seterr_{name}",
            EnumStr("None", *_SETERR, allow_override=False),
            f"NumPy's behaviour for floating-point {name} errors; 'None' follows seterr_all.",
        )

    # --- warnings about bugs of old Theano versions
    _add(
        "warn.ignore_bug_before",
        EnumStr("0.9", *_BUG_VERSIONS, allow_override=False),
        "Do not warn about bugs fixed in this Theano version or earlier ('None': warn about "
        "all, 'all': none). Each warn.* flag can still be set on its own.",
    )
    for name, version, what in (
        ("argmax_pushdown_bug", "0.3", "the argmax pushdown rewrite"),
        ("gpusum_01_011_0111_bug", "0.3", "GPU sums over patterns 01, 011 and 0111"),
        ("sum_sum_bug", "0.3", "two consecutive sums"),
        ("sum_div_dimshuffle_bug", "0.3", "sums of divisions of dimshuffled tensors"),
        ("subtensor_merge_bug", "0.5", "merging consecutive subtensors"),
        ("gpu_set_subtensor1", "0.6", "GPU set_subtensor with a vector of indices"),
        ("vm_gc_bug", "0.7", "garbage collection in the vm linker with lazy ops"),
        ("signal_conv2d_interface", "0.7", "the interface of signal.conv2d"),
        ("reduce_join", "0.7", "reductions of a join along the joined axis"),
        ("inc_set_subtensor1", "0.7", "inc/set_subtensor with a vector of indices"),
        ("round", "0.9", "T.round, which now rounds half to even like NumPy"),
        ("inc_subtensor1_opt", "0.10", "rewrites of inc_subtensor with a vector of indices"),
    ):
        _add(
            f"warn.{name}",
            BoolParam(_warn_default(version)),
            f"Warn where Theano before {version} gave wrong results with {what}.",
        )

    # --- compilers, libraries and the compile cache (accepted; no C code is generated)
    _add("cxx", StrParam(_default_cxx), "C++ compiler ('' if none); accepted for compatibility.")
    _add("gcc.cxxflags", StrParam(""), "Extra C++ compiler flags.", True)
    _add("blas.ldflags", StrParam(""), "Link flags for BLAS (not autodetected here).", True)
    _add("lib.amdlibm", BoolParam(False), "Use AMD's libm.", True)
    _add("openmp", BoolParam(False), "Parallelise element-wise loops with OpenMP.", True)
    _add(
        "openmp_elemwise_minsize",
        IntParam(200000, **_POSITIVE),
        "Smallest element-wise output size run in parallel when openmp is on.",
        in_c_key=True,
    )
    _add("nocleanup", BoolParam(False), "Keep the files of code that failed to compile.")
    _add(
        "base_compiledir",
        ConfigParam(_default_base_compiledir, _path, allow_override=False, allowed="a path"),
        "Directory holding the compile caches.",
    )
    _add(
        "compiledir_format",
        StrParam(
            "compiledir_%(short_platform)s-%(processor)s-%(python_version)s-%(python_bitwidth)s",
            _check_compiledir_format,
            allow_override=False,
            allowed="a string whose %(key)s names are known",
        ),
        "Name of the compile cache under base_compiledir; %(key)s may name one of "
        + ", ".join(sorted(_COMPILEDIR_KEYS))
        + ".",
    )
    _add(
        "compiledir",
        ConfigParam(_default_compiledir, _path, allow_override=False, allowed="a path"),
        "The compile cache directory (default: base_compiledir/compiledir_format).",
    )
    _add("compile.wait", IntParam(5, **_POSITIVE), "Seconds between compile-lock attempts.")
    _add(
        "compile.timeout",
        IntParam(120, lambda i: i >= 0, allowed="a non-negative integer"),
        "Seconds after which another process's compile lock is considered stale.",
    )
    _add("cmodule.warn_no_version", BoolParam(False), "Warn about unversioned compiled code.")
    _add("cmodule.remove_gxx_opt", BoolParam(False), "Compile without -O3.")
    _add("cmodule.compilation_warning", BoolParam(False), "Print compiler warnings.")
    _add("cmodule.preload_cache", BoolParam(False), "Load the compile cache at start-up.")
    _add("cmodule.debug", BoolParam(False), "Log compile-cache activity.")
    _add(
        "cmodule.age_thresh_use",
        IntParam(60 * 60 * 24 * 24),
        "Seconds after which an unused compile-cache entry is deleted.",
    )


_register_defaults()
