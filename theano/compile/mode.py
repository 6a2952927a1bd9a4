"""Modes: which rewrites run (a Query on ``optdb``) and which backend executes the function."""

import sys

import theano.tensor.rewriting  # noqa: F401  (registers the tensor rewrites in optdb)
from theano.configparser import config
from theano.graph.rewriting.basic import GraphRewriter
from theano.graph.rewriting.db import Query
from theano.graph.rewriting.pipeline import (  # noqa: F401  (re-exported names)
    OPT_FAST_COMPILE,
    OPT_FAST_RUN,
    OPT_FAST_RUN_STABLE,
    OPT_MERGE,
    OPT_NONE,
    OPT_O2,
    OPT_O3,
    OPT_STABILIZE,
    OPT_UNSAFE,
    optdb,
    predefined_optimizers,
    query_optdb,
)

_linker_aliases = {
    "py": "py",
    "cvm": "py",
    "vm": "py",
    "c": "py",
    "c|py": "py",
    "c|py_nogc": "py",
    "vm_nogc": "py",
    "cvm_nogc": "py",
    "numba": "py",
    "jax": "py",
}
predefined_linkers = {name: name for name in _linker_aliases}


def register_linker(name, linker):
    """Add a linker that ``Mode(linker=name)`` can use."""
    if name in predefined_linkers:
        raise ValueError(f"Linker name already taken: {name}")
    predefined_linkers[name] = linker
    _linker_aliases[name] = linker


def register_optimizer(name, opt):
    """Add a rewriter (or Query) that ``Mode(optimizer=name)`` can use."""
    if name in predefined_optimizers:
        raise ValueError(f"Optimizer name already taken: {name}")
    predefined_optimizers[name] = opt


class Mode:
    """How to compile: a linker (the backend) and an optimizer (the rewrites), as Theano's.

    Parameters
    ----------
    linker : str, optional
        A Theano linker name ('cvm', 'vm', 'py', 'c|py', ...); every one runs on the
        py backend for now.  Default ``config.linker``.
    optimizer : str, Query, graph rewriter or None
        'fast_run' ('o4'), 'fast_compile' ('o1'), 'o2', 'o3', 'merge', 'stabilize',
        'unsafe', 'fast_run_stable', 'None'/None, a Query on ``optdb``, or a rewriter.
        Default ``config.optimizer``.

    ``including``, ``excluding`` and ``requiring`` return a copy whose Query adds the
    given rewrite names or tags (e.g. ``Mode().excluding('local_mul_canonizer')``).
    """

    def __init__(self, linker=None, optimizer="default"):
        if linker is None:
            linker = config.linker
        if isinstance(optimizer, str) and optimizer == "default":
            optimizer = config.optimizer
        Mode.__setstate__(self, (linker, optimizer))

    def __getstate__(self):
        return (self.provided_linker, self.provided_optimizer)

    def __setstate__(self, state):
        linker, optimizer = state
        if isinstance(linker, str) or linker is None:
            if linker not in _linker_aliases:
                raise ValueError(
                    f"Unknown linker {linker!r}; expected one of {sorted(_linker_aliases)}"
                )
            self.linker = _linker_aliases[linker]
        else:
            self.linker = linker
        self.provided_linker = linker
        self.provided_optimizer = optimizer
        if isinstance(optimizer, str) or optimizer is None:
            if optimizer not in predefined_optimizers:
                raise ValueError(
                    f"Unknown optimizer {optimizer!r}; expected one of "
                    f"{sorted(str(k) for k in predefined_optimizers)}, a Query or a rewriter"
                )
            optimizer = predefined_optimizers[optimizer]
        if isinstance(optimizer, Query):
            self.provided_optimizer = optimizer
        self._optimizer = optimizer
        self.call_time = 0
        self.fn_time = 0

    @property
    def optimizer(self):
        """The graph rewriter this mode runs (``optdb`` queried with the mode's Query)."""
        if isinstance(self._optimizer, Query):
            return query_optdb(self._optimizer)
        return self._optimizer

    def _query(self, what):
        if not isinstance(self._optimizer, Query):
            raise TypeError(
                f"Mode.{what}: the mode's optimizer is {self._optimizer!r}, not a Query on "
                "optdb, so tags cannot be added to it."
            )
        return self._optimizer

    def including(self, *tags):
        """A copy of this mode that also runs the rewrites with these names or tags."""
        return self.clone(optimizer=self._query("including").including(*tags))

    def excluding(self, *tags):
        """A copy of this mode without the rewrites with these names or tags."""
        return self.clone(optimizer=self._query("excluding").excluding(*tags))

    def requiring(self, *tags):
        """A copy of this mode that runs only rewrites having all these tags."""
        return self.clone(optimizer=self._query("requiring").requiring(*tags))

    def register(self, *optimizations):
        """A copy of this mode with extra ``(rewriter, position)`` passes."""
        return self.clone(optimizer=self._query("register").register(*optimizations))

    def clone(self, link_kwargs=None, optimizer="", **kwargs):
        """A new Mode with the same linker and (unless given) the same optimizer."""
        if optimizer == "":
            optimizer = self.provided_optimizer
        return type(self)(linker=self.provided_linker, optimizer=optimizer)

    def __str__(self):
        opt = self.provided_optimizer
        opt = getattr(opt, "name", None) or opt
        return f"{type(self).__name__}(linker={self.provided_linker}, optimizer={opt})"

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


def register_mode(name, mode):
    """Add a Mode that ``theano.function(..., mode=name)`` can use."""
    if name in predefined_modes:
        raise ValueError(f"Mode name already taken: {name}")
    predefined_modes[name] = mode


def _flag_tags(value):
    return [t for t in value.split(":") if t]


def get_mode(orig_string):
    """A Mode from None (config.mode), a name, or a Mode.

    The default mode (None) also applies the flags ``optimizer_excluding``,
    ``optimizer_including`` and ``optimizer_requiring``, as Theano did.
    """
    string = config.mode if orig_string is None else orig_string
    if not isinstance(string, str):
        ret = string  # already a Mode
    elif string == "Mode":
        ret = Mode()
    elif string in ("DebugMode", "NanGuardMode", "DEBUG_MODE"):
        ret = Mode(optimizer=config.optimizer)
    elif string in predefined_modes:
        ret = predefined_modes[string]
    else:
        raise ValueError(
            f"Unknown mode {string!r}; expected a Mode or one of "
            f"{['Mode'] + sorted(predefined_modes)}"
        )
    if orig_string is None and isinstance(ret, Mode) and isinstance(ret._optimizer, Query):
        if config.optimizer_excluding:
            ret = ret.excluding(*_flag_tags(config.optimizer_excluding))
        if config.optimizer_including:
            ret = ret.including(*_flag_tags(config.optimizer_including))
        if config.optimizer_requiring:
            ret = ret.requiring(*_flag_tags(config.optimizer_requiring))
    return ret


def get_default_mode():
    return get_mode(None)


class AddFeatureOptimizer(GraphRewriter):
    """A pass that only attaches ``feature`` to the graph (for later passes)."""

    def __init__(self, feature):
        self.feature = feature

    def add_requirements(self, fgraph):
        fgraph.attach_feature(self.feature)

    def apply(self, fgraph):
        pass


class PrintCurrentFunctionGraph(GraphRewriter):
    """A pass printing the graph as it is at that point of the pipeline (debugging)."""

    def __init__(self, header):
        self.header = header

    def apply(self, fgraph):
        import theano.printing

        print("PrintCurrentFunctionGraph:", self.header, file=sys.stdout)
        theano.printing.debugprint(fgraph.outputs)
