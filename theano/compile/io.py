"""In and Out: how a function's inputs and outputs are passed."""

from theano.graph.basic import Variable


class SymbolicInput:
    """An input of a compiled function and how it is fed.

    Parameters
    ----------
    variable : Variable
    name : str, optional
        Keyword name for calls; defaults to ``variable.name``.
    update : Variable, optional
        New value of this input's internal state after each call (needs ``value``).
    mutable : bool
        The function may overwrite the value passed (default: False).
    strict : bool
        Refuse values that are not exactly of the input's type.
    allow_downcast : bool or None
        Accept lossy conversions of the values given.
    implicit : bool
        The input is not a parameter of the call (shared variables).
    """

    def __init__(self, variable, name=None, update=None, mutable=None, strict=False,
                 allow_downcast=None, autoname=True, implicit=False):
        if not isinstance(variable, Variable):
            raise TypeError(f"In() needs a Variable as its first argument, got {variable!r}")
        self.variable = variable
        if autoname and name is None:
            name = variable.name
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name must be a string, got {name!r}")
        self.name = name
        self.update = update
        self.mutable = mutable if mutable is not None else (update is not None)
        self.strict = strict
        self.allow_downcast = allow_downcast
        self.implicit = implicit

    def __str__(self):
        if self.update is not None:
            return f"In({self.variable} -> {self.update})"
        return f"In({self.variable})"

    __repr__ = __str__


_NO_VALUE = object()


class In(SymbolicInput):
    """A function input with an optional default ``value`` (Theano's ``theano.In``)."""

    def __init__(self, variable, name=None, value=None, update=None, mutable=None,
                 strict=False, allow_downcast=None, autoname=True, implicit=None,
                 borrow=None, shared=False):
        if implicit is None:
            from theano.compile.sharedvalue import SharedVariable

            implicit = isinstance(value, SharedVariable)
        super().__init__(variable, name, update, mutable, strict, allow_downcast,
                         autoname, implicit)
        self.value = value
        self.borrow = borrow if borrow is not None else False
        self.shared = shared
        if self.mutable and borrow is False:
            raise AssertionError("Symbolic input for variable %s (name=%s) has flags "
                                 "mutable=True, borrow=False. This combination is incompatible "
                                 "since mutable=True implies that the input variable may be "
                                 "both aliased (borrow=True) and overwritten." % (variable, name))


def Param(variable, default=None, name=None, mutable=False, strict=False,
          allow_downcast=None, implicit=None, borrow=None):
    """Pre-1.0 name for ``In(variable, value=default, ...)``."""
    return In(variable, name=name, value=default, mutable=mutable, strict=strict,
              allow_downcast=allow_downcast, implicit=implicit, borrow=borrow)


class SymbolicOutput:
    """A function output; ``borrow=True`` lets the function return its internal buffer."""

    def __init__(self, variable, borrow=False):
        self.variable = variable
        self.borrow = borrow

    def __str__(self):
        return f"Out({self.variable}, borrow={self.borrow})"

    __repr__ = __str__


Out = SymbolicOutput
