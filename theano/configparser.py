"""Theano's configuration: flag kinds, how THEANO_FLAGS and .theanorc set them, change_flags.

The flags themselves are registered in ``theano.configdefaults``, imported at the end.
"""

import configparser as _ini
import difflib
import functools
import getpass
import hashlib
import os
import re
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


# The flags themselves are registered by configdefaults, imported last as it uses everything
# above; then user keys naming no flag are reported and the numpy.seterr_* flags applied.
from theano import configdefaults  # noqa: E402,F401

_warn_unknown_keys(config)
_apply_numpy_seterr()
