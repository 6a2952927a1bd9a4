"""Theano's configuration: the flags, how THEANO_FLAGS and .theanorc set them, change_flags."""

import configparser as _ini
import difflib
import functools
import getpass
import hashlib
import os
import platform
import re
import shutil
import sys
import warnings

import numpy as np

__all__ = [
    "AddConfigVar",
    "BoolParam",
    "ConfigParam",
    "ContextsParam",
    "DeviceParam",
    "EnumStr",
    "FloatParam",
    "IntParam",
    "StrParam",
    "TheanoConfigParser",
    "TheanoConfigWarning",
    "TypedParam",
    "change_flags",
    "config",
    "fetch_val_for_key",
    "get_config_hash",
    "get_config_md5",
    "parse_config_string",
]


class TheanoConfigWarning(Warning):
    """Warning about THEANO_FLAGS or a config file: an unknown flag, a key without a value."""

    @classmethod
    def warn(cls, message, stacklevel=0):
        """Issue `message` with this category, `stacklevel` frames above the caller."""
        warnings.warn(message, cls, stacklevel=stacklevel + 3)


# ---------------------------------------------------------------------------------------------
# Parameter kinds: each one knows its default and turns a raw value into a valid one.


class ConfigParam:
    """One configuration flag: its default, how values are checked, whether it may change.

    Parameters
    ----------
    default
        The default value, or a callable without arguments computing it on first read (for
        defaults that depend on other flags or on the machine).
    filter : callable, optional
        Called with a candidate value; returns the value to store or raises ValueError or
        TypeError with a short reason.
    allow_override : bool
        If False the flag is fixed once Theano is imported: set it with THEANO_FLAGS or in a
        .theanorc file; runtime assignment of a different value raises AttributeError.
    allowed : str, optional
        Words describing the accepted values, used in error messages and ``str(config)``.

    Attributes
    ----------
    fullname, doc, in_c_key
        Filled in by `AddConfigVar`.
    is_default : bool
        False once the user set the flag (flags, config file, assignment).
    """

    def __init__(self, default, filter=None, allow_override=True, *, allowed=None):
        self.default = default
        self.filter = filter
        self.allow_override = allow_override
        self.allowed = allowed
        self.fullname = None
        self.doc = None
        self.in_c_key = True
        self.is_default = True

    def describe(self):
        """Describe the accepted values in a few words."""
        return self.allowed or "any value"

    def _convert(self, value):
        # Return the value to store or raise ValueError/TypeError giving the reason.
        if self.filter is None:
            return value
        return self.filter(value)

    def _filter(self, value, source=None):
        # Check `value`; on failure re-raise with the flag, the value and where it came from.
        try:
            return self._convert(value)
        except (ValueError, TypeError) as exc:
            kind = ValueError if isinstance(exc, ValueError) else TypeError
            where = f" (from {source})" if source else ""
            message = f"Invalid value {value!r} for config flag {self.fullname!r}{where}: {exc}"
            raise kind(message) from None

    def __str__(self):
        return f"{self.fullname} ({self.describe()})"


class EnumStr(ConfigParam):
    """A flag taking one of a fixed set of strings; the first one is the default.

    Parameters
    ----------
    default : str
        The default, also the first allowed value.
    *options : str
        The other allowed values.
    allow_override : bool, optional
        See `ConfigParam`.
    convert : callable, optional
        Applied to a candidate value before it is checked against the options.
    """

    def __init__(self, default, *options, allow_override=True, convert=None):
        self.all = tuple(dict.fromkeys((default,) + options))
        for option in self.all:
            if not isinstance(option, str):
                raise TypeError(f"EnumStr options must be strings, got {option!r}")
        self.convert = convert
        super().__init__(default, allow_override=allow_override)

    def describe(self):
        return ", ".join(repr(option) for option in self.all)

    def _convert(self, value):
        if self.convert is not None:
            value = self.convert(value)
        if isinstance(value, str) and value in self.all:
            return str(value)
        kind = ValueError if isinstance(value, str) else TypeError
        raise kind(f"allowed values are {self.describe()}")


class TypedParam(ConfigParam):
    """A flag whose value is converted with ``mytype(value)``, then checked with `is_valid`.

    Parameters
    ----------
    default
        The default value (or a callable computing it on first read).
    mytype : type
        Converts raw values (strings from THEANO_FLAGS or config files) to the stored type.
    is_valid : callable, optional
        Returns True for acceptable converted values.
    allow_override : bool, optional
        See `ConfigParam`.
    allowed : str, optional
        See `ConfigParam`.
    """

    def __init__(self, default, mytype, is_valid=None, allow_override=True, *, allowed=None):
        self.mytype = mytype
        self.is_valid = is_valid
        super().__init__(default, allow_override=allow_override, allowed=allowed)

    def describe(self):
        if self.allowed:
            return f"{self.mytype.__name__}: {self.allowed}"
        return self.mytype.__name__

    def _cast(self, value):
        try:
            return self.mytype(value)
        except (ValueError, TypeError):
            kind = ValueError if isinstance(value, str) else TypeError
            raise kind(f"expected {self.describe()}") from None

    def _convert(self, value):
        value = self._cast(value)
        if self.is_valid is not None and not self.is_valid(value):
            raise ValueError(f"expected {self.describe()}")
        return value


class StrParam(TypedParam):
    """A flag holding a string (see `TypedParam`); other types are refused."""

    def __init__(self, default, is_valid=None, allow_override=True, *, allowed=None):
        super().__init__(default, str, is_valid, allow_override, allowed=allowed)

    def _cast(self, value):
        if not isinstance(value, str):
            raise TypeError("expected a string")
        return str(value)


class IntParam(TypedParam):
    """A flag holding an int (see `TypedParam`); '12' and 12.0 are accepted, 1.5 is not."""

    def __init__(self, default, is_valid=None, allow_override=True, *, allowed=None):
        super().__init__(default, int, is_valid, allow_override, allowed=allowed)

    def _cast(self, value):
        if isinstance(value, (float, np.floating)) and not float(value).is_integer():
            raise ValueError(f"expected {self.describe()}")
        if isinstance(value, (bool, np.bool_)):
            raise TypeError(f"expected {self.describe()}")
        return super()._cast(value)


class FloatParam(TypedParam):
    """A flag holding a float (see `TypedParam`); 'inf' is accepted."""

    def __init__(self, default, is_valid=None, allow_override=True, *, allowed=None):
        super().__init__(default, float, is_valid, allow_override, allowed=allowed)


_TRUE_STRINGS = ("true", "1")
_FALSE_STRINGS = ("false", "0")


class BoolParam(TypedParam):
    """A boolean flag: True/False, 1/0, or the strings 'True'/'False'/'1'/'0' (any case)."""

    def __init__(self, default, is_valid=None, allow_override=True):
        super().__init__(default, bool, is_valid, allow_override)

    def describe(self):
        return "bool"

    def _cast(self, value):
        if isinstance(value, str):
            if value.strip().lower() in _TRUE_STRINGS:
                return True
            if value.strip().lower() in _FALSE_STRINGS:
                return False
            raise ValueError("expected a boolean: True/False, 'True'/'False' or '1'/'0'")
        if isinstance(value, (bool, np.bool_, int, np.integer)) and value in (0, 1):
            return bool(value)
        raise TypeError("expected a boolean: True/False, 'True'/'False' or '1'/'0'")


_DEVICE_RE = re.compile(r"cpu|cuda\d*|opencl\d+:\d+")
_OLD_GPU_RE = re.compile(r"gpu(\d*)")


class DeviceParam(ConfigParam):
    """A device name: 'cpu', 'cuda', 'cudaN' or 'openclN:M' (plus `default` and `options`).

    The old back-end's spellings 'gpu' and 'gpuN' are accepted with a warning and stored as
    'cuda' and 'cudaN'.
    """

    def __init__(self, default, *options, allow_override=True):
        self.all = tuple(dict.fromkeys((default,) + options))
        super().__init__(default, allow_override=allow_override)

    def describe(self):
        extra = "".join(f"{option!r}, " for option in self.all if option != "cpu")
        return f"{extra}'cpu', 'cuda', 'cudaN' or 'openclN:M'"

    def _convert(self, value):
        if not isinstance(value, str):
            raise TypeError(f"expected a device name: {self.describe()}")
        if value in self.all or _DEVICE_RE.fullmatch(value):
            return str(value)
        old = _OLD_GPU_RE.fullmatch(value)
        if old:
            new = "cuda" + old.group(1)
            TheanoConfigWarning.warn(
                f"{self.fullname}={value!r} names Theano's removed GPU back-end; "
                f"using {self.fullname}={new!r} instead",
                stacklevel=2,
            )
            return new
        raise ValueError(f"expected a device name: {self.describe()}")


class ContextsParam(ConfigParam):
    """A map of GPU context names to devices: 'name1->cuda0;name2->cuda1' ('' for none)."""

    def __init__(self):
        super().__init__("", allow_override=False, allowed="'name->device;name2->device2'")

    def _convert(self, value):
        if not isinstance(value, str):
            raise TypeError("expected a string 'name->device;name2->device2'")
        for entry in filter(None, value.split(";")):
            parts = entry.split("->")
            if len(parts) != 2:
                raise ValueError(f"malformed entry {entry!r}; expected 'name->device'")
            if _DEVICE_RE.fullmatch(parts[0]) or parts[0].startswith(("cuda", "opencl")):
                raise ValueError(f"{parts[0]!r} is a device name and cannot name a context")
        return value


class _ModeParam(EnumStr):
    # `mode` takes a mode name, or a Mode instance (duck-typed: this module imports no Mode).
    def _convert(self, value):
        if not isinstance(value, str) and hasattr(value, "linker") and hasattr(value, "optimizer"):
            return value
        return super()._convert(value)

    def describe(self):
        return super().describe() + " or a Mode instance"


# ---------------------------------------------------------------------------------------------
# The config object: nested sections whose flag values are plain instance attributes, so a
# read such as `config.floatX` is one dict lookup.

_INTERNAL = frozenset(["_root", "_path", "_params", "_sections", "_all_params", "_all_sections"])


class _ConfigSection:
    """A group of flags reached as an attribute of the config, e.g. ``theano.config.scan``."""

    def __init__(self, root, path):
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_params", {})
        object.__setattr__(self, "_sections", {})

    def __getattr__(self, name):
        # Reached only when `name` has no stored value: a lazy default not yet read, or a typo.
        if name.startswith("__") or name in _INTERNAL:
            raise AttributeError(name)
        param = self._params.get(name)
        if param is None:
            raise AttributeError(self._root._unknown_message(self._fullname(name)))
        value = param._filter(param.default(), "its default")
        object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name, value):
        if name in self._params:
            self._assign(name, value, None)
        elif name in self._sections:
            raise AttributeError(
                f"theano.config.{self._fullname(name)} is a section, not a flag; "
                f"assign one of its flags instead"
            )
        else:
            message = self._root._unknown_message(self._fullname(name))
            raise AttributeError(f"Cannot set {message}")

    def __delattr__(self, name):
        raise AttributeError(f"Config flags cannot be deleted: {self._fullname(name)!r}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._params) | set(self._sections))

    def _fullname(self, name):
        return f"{self._path}.{name}" if self._path else name

    def _assign(self, name, value, source):
        # Validate and store one flag of this section (runtime assignment and change_flags).
        param = self._params[name]
        new = param._filter(value, source)
        if not param.allow_override:
            current = getattr(self, name)
            if new != current:
                raise AttributeError(_frozen_message(param, current, new))
            return
        object.__setattr__(self, name, new)
        param.is_default = False

    def _iter_params(self):
        prefix = self._path + "." if self._path else ""
        for fullname, param in self._root._all_params.items():
            if fullname.startswith(prefix):
                yield fullname, param

    def __str__(self):
        lines = []
        for fullname, param in self._iter_params():
            lines.append(str(param))
            lines.append(f"    Doc:  {param.doc}")
            lines.append(f"    Value:  {self._root._get_value(fullname)}")
            lines.append("")
        return "\n".join(lines)

    def __repr__(self):
        count = sum(1 for _ in self._iter_params())
        name = "theano.config" + (f".{self._path}" if self._path else "")
        return f"<{name}: {count} flags>"


class TheanoConfigParser(_ConfigSection):
    """The root of the configuration; ``theano.config`` is its one global instance.

    Flags are read and set as attributes (``config.floatX``, ``config.scan.allow_gc``);
    `AddConfigVar` registers new ones. ``print(config)`` lists every flag with its accepted
    values, doc and current value.
    """

    def __init__(self):
        super().__init__(self, "")
        object.__setattr__(self, "_all_params", {})
        object.__setattr__(self, "_all_sections", [])

    def _find(self, fullname):
        # Return (section, short name) of a registered flag, or raise AttributeError.
        if fullname not in self._all_params:
            raise AttributeError(self._unknown_message(fullname))
        section = self
        *path, short = fullname.split(".")
        for part in path:
            section = section._sections[part]
        return section, short

    def _get_value(self, fullname):
        section, short = self._find(fullname)
        return getattr(section, short)

    def _set_value(self, fullname, value, source=None):
        section, short = self._find(fullname)
        section._assign(short, value, source)

    def _unknown_message(self, fullname):
        names = list(self._all_params) + self._all_sections
        by_lower = {name.lower(): name for name in names}
        close = difflib.get_close_matches(fullname.lower(), by_lower, n=3, cutoff=0.6)
        if close:
            hint = "Did you mean " + " or ".join(repr(by_lower[name]) for name in close) + "?"
        else:
            hint = "print(theano.config) lists every flag."
        return f"unknown config flag {fullname!r}. {hint}"


def _frozen_message(param, current, new):
    if "." in param.fullname:
        section, key = param.fullname.rsplit(".", 1)
    else:
        section, key = "global", param.fullname
    return (
        f"Config flag {param.fullname!r} cannot be changed after theano is imported (it is "
        f"{current!r}, you asked for {new!r}). Set it before importing theano, with "
        f"THEANO_FLAGS='{param.fullname}={new}' or in .theanorc: [{section}] {key} = {new}"
    )


# ---------------------------------------------------------------------------------------------
# Where user values come from: THEANO_FLAGS, then the config files named by THEANORC.


def parse_config_string(config_string, issue_warnings=True):
    """Parse a THEANO_FLAGS-style string into a dict.

    Parameters
    ----------
    config_string : str
        Comma-separated ``key=value`` entries; blanks around keys and values are dropped and a
        later duplicate wins.
    issue_warnings : bool
        Warn (TheanoConfigWarning) about entries without ``=``, which are ignored.

    Returns
    -------
    dict
        Flag name to raw string value.

    Examples
    --------
    >>> parse_config_string("floatX=float32, scan.allow_gc=False,floatX=float16")
    {'floatX': 'float16', 'scan.allow_gc': 'False'}
    """
    config_dict = {}
    for entry in config_string.split(","):
        entry = entry.strip()
        if not entry:
            continue
        key, sep, value = entry.partition("=")
        if not sep:
            if issue_warnings:
                TheanoConfigWarning.warn(
                    f"Config key {key!r} has no value, ignoring it (expected {key}=<value>)"
                )
            continue
        config_dict[key.strip()] = value.strip()
    return config_dict


def config_files_from_theanorc():
    """List the config files named by THEANORC (os.pathsep-joined; ~/.theanorc by default)."""
    default = os.pathsep.join(["~/.theanorc", "~/.theanorc.txt"])
    paths = os.getenv("THEANORC", default).split(os.pathsep)
    return [os.path.expanduser(path) for path in paths if path]


def _interpolation_defaults():
    # Names a config file may use as %(NAME)s.
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no USER/LOGNAME and no password entry (some containers)
        user = "unknown"
    return {
        "USER": user,
        "PID": str(os.getpid()),
        "TMPDIR": os.getenv("TMPDIR", ""),
        "TEMP": os.getenv("TEMP", ""),
        "TMP": os.getenv("TMP", ""),
        "LSCRATCH": os.getenv("LSCRATCH", ""),
    }


THEANO_FLAGS = os.getenv("THEANO_FLAGS", "")
THEANO_FLAGS_DICT = parse_config_string(THEANO_FLAGS)
config_files = config_files_from_theanorc()
theano_cfg = _ini.ConfigParser(_interpolation_defaults())
_read_config_files = theano_cfg.read(config_files, encoding="utf-8")
theano_raw_cfg = _ini.RawConfigParser()  # for values whose % is not an interpolation
theano_raw_cfg.read(config_files, encoding="utf-8")


def _fetch_val_and_source(key, delete_key=False):
    # Return (raw value, where it came from) for flag `key`, or raise KeyError.
    if key in THEANO_FLAGS_DICT:
        value = THEANO_FLAGS_DICT.pop(key) if delete_key else THEANO_FLAGS_DICT[key]
        return value, "THEANO_FLAGS"
    in_section = key.rsplit(".", 1) if "." in key else ("global", key)
    source = "config file " + os.pathsep.join(_read_config_files)
    # Flag a.b.c lives in section [a.b] as c; [global] a.b.c is accepted too.
    for section, option in (in_section, ("global", key)):
        try:
            return theano_cfg.get(section, option), source
        except _ini.InterpolationError:
            return theano_raw_cfg.get(section, option), source
        except (_ini.NoSectionError, _ini.NoOptionError):
            pass
    raise KeyError(key)


def fetch_val_for_key(key, delete_key=False):
    """Return the raw string the user gave for flag `key` (THEANO_FLAGS, else config files).

    Parameters
    ----------
    key : str
        Full flag name, e.g. 'floatX' or 'scan.allow_gc'.
    delete_key : bool
        Remove the key from THEANO_FLAGS_DICT once read.

    Raises
    ------
    KeyError
        If neither THEANO_FLAGS nor a config file sets `key`.
    """
    return _fetch_val_and_source(key, delete_key)[0]


def _warn_unknown_keys(root):
    # Keys the user set that name no registered flag: warn with close matches, never crash.
    for key in THEANO_FLAGS_DICT:
        if key not in root._all_params:
            TheanoConfigWarning.warn(
                f"THEANO_FLAGS sets an {root._unknown_message(key)} It is ignored.", stacklevel=1
            )
    # Sections are case-sensitive, options are not (configparser lowercases them).
    known = set(theano_cfg.defaults())
    for name in root._all_params:
        section, _, option = name.rpartition(".")
        known.add((section or "global", option.lower()))
        known.add(("global", name.lower()))
    for section in theano_cfg.sections():
        for option in theano_cfg.options(section):
            if option in known or (section, option) in known:
                continue
            fullname = option if section == "global" else f"{section}.{option}"
            files = os.pathsep.join(_read_config_files)
            TheanoConfigWarning.warn(
                f"Config file {files} sets an {root._unknown_message(fullname)} It is ignored.",
                stacklevel=1,
            )


# ---------------------------------------------------------------------------------------------
# Registration, temporary changes, hashing.

config = TheanoConfigParser()


def AddConfigVar(name, doc, configparam, root=None, in_c_key=True):
    """Register flag `name` and give it its value: THEANO_FLAGS, else config file, else default.

    Parameters
    ----------
    name : str
        Full dotted name, e.g. 'floatX' or 'NanGuardMode.action'; sections are created as
        needed.
    doc : str
        What the flag does (shown by ``print(theano.config)``).
    configparam : ConfigParam
        The kind of value and its default.
    root : TheanoConfigParser, optional
        The config to register in; ``theano.config`` by default.
    in_c_key : bool
        Whether the value enters `get_config_hash` (flags that change generated code).

    Raises
    ------
    ValueError
        If `name` is taken or malformed, or if the user's value for it is invalid.
    """
    root = config if root is None else root
    if not isinstance(configparam, ConfigParam):
        raise TypeError(f"AddConfigVar({name!r}): expected a ConfigParam, got {configparam!r}")
    if configparam.fullname is not None:
        raise ValueError(f"This ConfigParam is already registered as {configparam.fullname!r}")
    if name in root._all_params:
        raise ValueError(f"Config flag {name!r} is already registered")
    parts = name.split(".")
    if not all(part.isidentifier() and not part.startswith("_") for part in parts):
        raise ValueError(f"Bad config flag name {name!r}: expected dotted Python identifiers")
    section = root
    for depth, part in enumerate(parts):
        if part in section._params:
            clash = ".".join(parts[: depth + 1])
            raise ValueError(f"Config flag {name!r} clashes with flag {clash!r}")
        section = section._sections.get(part)
        if section is None:
            break
    else:
        raise ValueError(f"Config flag {name!r} clashes with section {name!r}")

    configparam.fullname = name
    configparam.doc = doc
    configparam.in_c_key = in_c_key
    try:
        raw, source = _fetch_val_and_source(name)
    except KeyError:
        lazy = callable(configparam.default)
        if not lazy:
            value = configparam._filter(configparam.default, "its default")
        configparam.is_default = True
    else:
        lazy = False
        value = configparam._filter(raw, source)
        configparam.is_default = False

    section = root
    for depth, part in enumerate(parts[:-1]):
        if part not in section._sections:
            sub = _ConfigSection(root, ".".join(parts[: depth + 1]))
            section._sections[part] = sub
            object.__setattr__(section, part, sub)
            root._all_sections.append(sub._path)
        section = section._sections[part]
    section._params[parts[-1]] = configparam
    root._all_params[name] = configparam
    if not lazy:
        object.__setattr__(section, parts[-1], value)


class change_flags:
    """Temporarily set flags, as a context manager or a decorator; values return on exit.

    Parameters
    ----------
    args : dict or iterable of pairs, optional
        Flags by full name, for dotted names: ``change_flags({'scan.allow_gc': True})``.
    **kwargs
        Top-level flags: ``change_flags(floatX='float32')``.

    Raises
    ------
    AttributeError
        For an unknown flag (naming close matches), or a flag that cannot change after import.
    ValueError, TypeError
        For an invalid value (checked when change_flags is built).

    Examples
    --------
    >>> with change_flags(floatX="float32"):
    ...     config.floatX
    'float32'
    >>> @change_flags({"scan.allow_gc": True})
    ... def f():
    ...     return config.scan.allow_gc
    >>> f()
    True
    """

    def __init__(self, args=(), **kwargs):
        new_vals = dict(args)
        new_vals.update(kwargs)
        for name, value in new_vals.items():
            config._find(name)
            new_vals[name] = config._all_params[name]._filter(value, "change_flags")
        self.new_vals = new_vals
        self._saved = []  # a stack, so one instance may be entered recursively

    def __call__(self, f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            with self:
                return f(*args, **kwargs)

        return wrapper

    def __enter__(self):
        saved = {}
        for name in self.new_vals:
            saved[name] = (config._get_value(name), config._all_params[name].is_default)
        self._saved.append(saved)
        try:
            for name, value in self.new_vals.items():
                config._set_value(name, value, "change_flags")
        except BaseException:
            self._restore(self._saved.pop())
            raise

    def __exit__(self, *exc_info):
        self._restore(self._saved.pop())
        return False

    def _restore(self, saved):
        for name, (value, is_default) in saved.items():
            section, short = config._find(name)
            object.__setattr__(section, short, value)  # the old value was valid; skip checks
            config._all_params[name].is_default = is_default


def get_config_hash():
    """Return a hex digest of the flags registered with ``in_c_key=True`` and their values.

    Two configurations that may produce different generated code give different digests.
    """
    lines = [
        f"{name} = {config._get_value(name)!r}"
        for name, param in sorted(config._all_params.items())
        if param.in_c_key
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


get_config_md5 = get_config_hash  # Theano's name


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


def _apply_numpy_seterr():
    # As `import theano` did: numpy.seterr from the numpy.seterr_* flags ('None': unchanged).
    def value(flag):
        return None if flag == "None" else flag

    np.seterr(
        all=value(config.numpy.seterr_all),
        divide=value(config.numpy.seterr_divide),
        over=value(config.numpy.seterr_over),
        under=value(config.numpy.seterr_under),
        invalid=value(config.numpy.seterr_invalid),
    )


_register_defaults()
_warn_unknown_keys(config)
_apply_numpy_seterr()
