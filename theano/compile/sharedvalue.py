"""Shared variables: symbolic variables that own a value kept between function calls."""

import copy

import numpy as np

from theano.graph.basic import Variable
from theano.graph.type import generic
from theano.graph.utils import add_tag_trace


class Container:
    """Holds one value (``.value``) on behalf of a shared variable or a function input."""

    __slots__ = ("type", "value", "name", "strict", "allow_downcast", "readonly")

    def __init__(self, type, value, name=None, strict=False, allow_downcast=None):
        self.type = type
        self.value = value
        self.name = name
        self.strict = strict
        self.allow_downcast = allow_downcast
        self.readonly = False

    @property
    def storage(self):
        return [self.value]

    @property
    def data(self):
        return self.value

    def __repr__(self):
        return f"<{self.value!r}>"


class SharedVariable(Variable):
    """A variable with a value that every compiled function using it reads and updates.

    ``get_value(borrow=False)`` returns a copy unless ``borrow``; ``set_value`` checks
    the value against the variable's type and copies it unless ``borrow``.
    """

    def __init__(self, name, type, value, strict, allow_downcast=None, container=None):
        super().__init__(type=type, name=name)
        if container is not None:
            self.container = container
        else:
            self.container = Container(
                type,
                type.filter(value, strict=strict, allow_downcast=allow_downcast),
                name=name,
                strict=strict,
                allow_downcast=allow_downcast,
            )

    def get_value(self, borrow=False, return_internal_type=False):
        if borrow:
            return self.container.value
        return copy.deepcopy(self.container.value)

    def set_value(self, new_value, borrow=False):
        c = self.container
        try:
            value = c.type.filter(new_value, strict=c.strict, allow_downcast=c.allow_downcast)
        except TypeError as e:
            raise TypeError(f"set_value of shared variable {self}: {e}") from None
        if not borrow and value is new_value:
            value = copy.deepcopy(value)
        c.value = value

    def zero(self, borrow=False):
        self.set_value(np.zeros_like(self.container.value), borrow=True)

    def clone(self):
        cp = self.__class__(
            name=self.name,
            type=self.type,
            value=None,
            strict=None,
            container=self.container,
        )
        cp.tag = copy.copy(self.tag)
        return cp

    @property
    def value(self):
        raise AttributeError(
            "shared_var.value does not exist anymore: use shared_var.get_value() instead."
        )

    def __getstate__(self):
        d = self.__dict__.copy()
        d.pop("_fn_cache", None)
        return d

    default_update = None


shared_constructors = []


def shared_constructor(ctor, remove=False):
    """Register a constructor that ``shared`` tries (last registered first)."""
    if remove:
        shared_constructors.remove(ctor)
    else:
        shared_constructors.append(ctor)
    return ctor


def shared(value, name=None, strict=False, allow_downcast=None, **kwargs):
    """Make a SharedVariable holding ``value`` (copied unless ``borrow=True``).

    Arrays become tensor shared variables of the array's dtype (never broadcastable
    unless ``broadcastable=`` says so); Python ints become int64 and floats float64
    0-d tensors; other objects get a generic shared variable.
    """
    if isinstance(value, Variable):
        raise TypeError(
            "Shared variable constructor needs numeric values and not symbolic variables."
        )
    for ctor in reversed(shared_constructors):
        try:
            var = ctor(value, name=name, strict=strict, allow_downcast=allow_downcast, **kwargs)
        except TypeError:
            continue
        add_tag_trace(var)
        return var
    raise TypeError(
        f"No suitable SharedVariable constructor could be found for value {value!r} "
        f"(type {type(value).__name__}) with kwargs {kwargs}."
    )


@shared_constructor
def generic_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False):
    """Any Python object (random generators, lists...) as a generic shared variable."""
    if not borrow:
        value = copy.deepcopy(value)
    return SharedVariable(type=generic, value=value, name=name, strict=strict,
                          allow_downcast=allow_downcast)


# ----------------------------------------------------------------------------------
# Tensor shared variables (compile may import tensor; tensor never imports compile).

from theano.tensor.type import TensorType  # noqa: E402
from theano.tensor.var import _tensor_py_operators  # noqa: E402


class TensorSharedVariable(_tensor_py_operators, SharedVariable):
    """A shared variable holding an ndarray; usable wherever a tensor is."""


@shared_constructor
def tensor_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False,
                       broadcastable=None, target="cpu"):
    """ndarrays (and lists) become TensorSharedVariables of their own dtype."""
    if target != "cpu":
        raise TypeError("only target='cpu' is supported")
    if not isinstance(value, np.ndarray):
        if isinstance(value, (list, tuple)):
            value = np.asarray(value)
            if value.dtype.kind not in "biufc":
                raise TypeError("not numeric")
        else:
            raise TypeError("not an ndarray")
    if value.dtype.kind not in "biufc":
        raise TypeError("not numeric")
    if broadcastable is None:
        broadcastable = (False,) * value.ndim
    ttype = TensorType(value.dtype.name, broadcastable)
    if not borrow:
        value = value.copy()
    return TensorSharedVariable(type=ttype, value=value, name=name, strict=strict,
                                allow_downcast=allow_downcast)


@shared_constructor
def scalar_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False,
                       target="cpu"):
    """Python and NumPy scalars become 0-d TensorSharedVariables (int -> int64, float -> float64)."""
    if target != "cpu":
        raise TypeError("only target='cpu' is supported")
    if isinstance(value, np.generic):
        dtype = value.dtype.name
    elif isinstance(value, bool):
        dtype = "bool"
    elif isinstance(value, int):
        dtype = "int64"
    elif isinstance(value, float):
        dtype = "float64"
    elif isinstance(value, complex):
        dtype = "complex128"
    else:
        raise TypeError("not a scalar")
    ttype = TensorType(dtype, ())
    return TensorSharedVariable(type=ttype, value=np.asarray(value, dtype=dtype), name=name,
                                strict=strict, allow_downcast=allow_downcast)
