"""Modes: which rewrites run and which backend executes a compiled function."""

from theano.configparser import config

_linker_aliases = {
    "py": "py",
    "cvm": "py",
    "vm": "py",
    "c": "py",
    "c|py": "py",
    "c|py_nogc": "py",
    "vm_nogc": "py",
    "cvm_nogc": "py",
}


_optimizer_aliases = {
    "None": None,
    "o1": "fast_compile",
    "o2": "fast_run",
    "o3": "fast_run",
    "o4": "fast_run",
    "unsafe": "fast_run",
    "stabilize": "fast_run",
}


class Mode:
    """A (linker, optimizer) pair, as Theano's ``theano.Mode``.

    Every Theano linker name is accepted and runs on the ``py`` backend (the only
    one so far); ``optimizer`` is 'fast_run', 'fast_compile', 'merge' or None.
    """

    def __init__(self, linker=None, optimizer="default"):
        if linker is None:
            linker = config.linker
        if optimizer == "default":
            optimizer = config.optimizer
        optimizer = _optimizer_aliases.get(optimizer, optimizer)
        if linker not in _linker_aliases:
            raise ValueError(
                f"Unknown linker {linker!r}; expected one of {sorted(_linker_aliases)}"
            )
        self.provided_linker = linker
        self.linker = _linker_aliases[linker]
        self.provided_optimizer = optimizer
        self.optimizer = optimizer
        self.including_tags = ()
        self.excluding_tags = ()

    def including(self, *tags):
        m = self.clone()
        m.including_tags = m.including_tags + tags
        return m

    def excluding(self, *tags):
        m = self.clone()
        m.excluding_tags = m.excluding_tags + tags
        return m

    def requiring(self, *tags):
        return self.including(*tags)

    def clone(self, link_kwargs=None, optimizer="", **kwargs):
        m = Mode(self.provided_linker, self.optimizer if optimizer == "" else optimizer)
        m.including_tags = self.including_tags
        m.excluding_tags = self.excluding_tags
        return m

    def __str__(self):
        return f"Mode(linker={self.provided_linker}, optimizer={self.optimizer})"

    __repr__ = __str__


FAST_RUN = Mode("py", "fast_run")
FAST_COMPILE = Mode("py", "fast_compile")

predefined_modes = {
    "FAST_RUN": FAST_RUN,
    "FAST_COMPILE": FAST_COMPILE,
    "DebugMode": FAST_RUN,
    "DEBUG_MODE": FAST_RUN,
    "NanGuardMode": FAST_RUN,
    "ProfileMode": FAST_RUN,
    "PROFILE_MODE": FAST_RUN,
}
predefined_linkers = {name: name for name in _linker_aliases}
predefined_optimizers = {"fast_run": "fast_run", "fast_compile": "fast_compile",
                         "merge": "merge", "None": None}


def get_mode(mode):
    """A Mode from None (config.mode), a name, or a Mode."""
    if mode is None:
        mode = config.mode
    if isinstance(mode, Mode):
        return mode
    if mode == "Mode":
        return Mode()
    if mode in predefined_modes:
        return predefined_modes[mode]
    raise ValueError(f"Unknown mode {mode!r}; expected a Mode or one of "
                     f"{['Mode'] + sorted(predefined_modes)}")


def get_default_mode():
    return get_mode(None)
