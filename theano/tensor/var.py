"""TensorVariable and TensorConstant: symbolic arrays with NumPy-like Python operators."""

import numpy as np

from theano.graph.basic import Constant, Variable
from theano.tensor.type import TensorType


def _T():
    import theano.tensor as T

    return T


class _tensor_py_operators:
    """Operators and methods shared by every tensor-typed Variable."""

    # NumPy defers binary operators to us (`ndarray - var` builds a graph, not an
    # object array).
    __array_priority__ = 1000

    # Arithmetic ---------------------------------------------------------------------
    def __abs__(self):
        return _T().abs_(self)

    def __neg__(self):
        return _T().neg(self)

    def __invert__(self):
        return _T().invert(self)

    def __add__(self, other):
        return _T().add(self, other)

    def __radd__(self, other):
        return _T().add(other, self)

    def __sub__(self, other):
        return _T().sub(self, other)

    def __rsub__(self, other):
        return _T().sub(other, self)

    def __mul__(self, other):
        return _T().mul(self, other)

    def __rmul__(self, other):
        return _T().mul(other, self)

    def __truediv__(self, other):
        return _T().true_div(self, other)

    def __rtruediv__(self, other):
        return _T().true_div(other, self)

    def __floordiv__(self, other):
        return _T().int_div(self, other)

    def __rfloordiv__(self, other):
        return _T().int_div(other, self)

    def __mod__(self, other):
        return _T().mod(self, other)

    def __rmod__(self, other):
        return _T().mod(other, self)

    def __divmod__(self, other):
        return _T().divmod(self, other)

    def __pow__(self, other):
        return _T().pow(self, other)

    def __rpow__(self, other):
        return _T().pow(other, self)

    def __and__(self, other):
        return _T().and_(self, other)

    def __rand__(self, other):
        return _T().and_(other, self)

    def __or__(self, other):
        return _T().or_(self, other)

    def __ror__(self, other):
        return _T().or_(other, self)

    def __xor__(self, other):
        return _T().xor(self, other)

    def __rxor__(self, other):
        return _T().xor(other, self)

    def __matmul__(self, other):
        return _T().dot(self, other)

    def __rmatmul__(self, other):
        return _T().dot(other, self)

    # Comparisons return symbolic booleans; == stays Python identity (use T.eq). ------
    def __lt__(self, other):
        return _T().lt(self, other)

    def __le__(self, other):
        return _T().le(self, other)

    def __gt__(self, other):
        return _T().gt(self, other)

    def __ge__(self, other):
        return _T().ge(self, other)

    def __bool__(self):
        owner = self.owner
        if owner is not None and getattr(getattr(owner.op, "scalar_op", None), "name", None) in (
            "lt",
            "le",
            "gt",
            "ge",
        ):
            raise TypeError(
                "Variables do not support boolean operations. This can happen if you do a "
                "logical operation (<, <=, >, >=) on a symbolic variable and then use it in "
                "an `if` or a chained comparison; use theano.tensor.switch or "
                "theano.ifelse.ifelse for symbolic branching."
            )
        return True

    def __len__(self):
        raise TypeError(
            "object of type 'TensorVariable' has no len(): its length is symbolic; use "
            "`x.shape[0]` instead."
        )

    def __iter__(self):
        try:
            n = int(_T().get_vector_length(self))
        except Exception:
            raise TypeError(
                "TensorType does not support iteration: the length of this variable is not "
                "known when the graph is built. Maybe you are using builtins.sum instead of "
                "theano.tensor.sum? (Maybe .max?)"
            ) from None
        for i in range(n):
            yield self[i]

    # Attributes --------------------------------------------------------------------
    @property
    def ndim(self):
        return self.type.ndim

    @property
    def dtype(self):
        return self.type.dtype

    @property
    def broadcastable(self):
        return self.type.broadcastable

    @property
    def shape(self):
        return _T().shape(self)

    @property
    def size(self):
        return _T().prod(self.shape) if self.ndim else _T().constant(1, dtype="int64")

    @property
    def T(self):
        return _T().transpose(self)

    @property
    def real(self):
        return _T().real(self)

    @property
    def imag(self):
        return _T().imag(self)

    # Methods -----------------------------------------------------------------------
    def __getitem__(self, args):
        return _T().subtensor.getitem(self, args)

    def __setitem__(self, key, value):
        raise TypeError(
            "Theano variables are immutable: `x[i] = y` is not supported. Use "
            "theano.tensor.set_subtensor(x[i], y) (or inc_subtensor) to build a new variable."
        )

    def __dot__(self, other):
        return _T().dot(self, other)

    def __rdot__(self, other):
        return _T().dot(other, self)

    def dot(self, other):
        return _T().dot(self, other)

    def sum(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _T().sum(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def prod(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _T().prod(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def mean(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _T().mean(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def var(self, axis=None, ddof=0, keepdims=False, corrected=False):
        return _T().var(self, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected)

    def std(self, axis=None, ddof=0, keepdims=False, corrected=False):
        return _T().std(self, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected)

    def max(self, axis=None, keepdims=False):
        return _T().max(self, axis=axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        return _T().min(self, axis=axis, keepdims=keepdims)

    def argmax(self, axis=None, keepdims=False):
        return _T().argmax(self, axis=axis, keepdims=keepdims)

    def argmin(self, axis=None, keepdims=False):
        return _T().argmin(self, axis=axis, keepdims=keepdims)

    def all(self, axis=None, keepdims=False):
        return _T().all(self, axis=axis, keepdims=keepdims)

    def any(self, axis=None, keepdims=False):
        return _T().any(self, axis=axis, keepdims=keepdims)

    def norm(self, L, axis=None, keepdims=False):
        T = _T()
        if L == 0:
            raise NotImplementedError("norm with L=0 is not a norm")
        return T.pow(T.sum(T.pow(T.abs_(self), L), axis=axis, keepdims=keepdims), 1.0 / L)

    def reshape(self, shape, ndim=None):
        return _T().reshape(self, shape, ndim=ndim)

    def dimshuffle(self, *pattern):
        if len(pattern) == 1 and isinstance(pattern[0], (list, tuple)):
            pattern = pattern[0]
        return _T().DimShuffle(self.broadcastable, pattern)(self)

    def flatten(self, ndim=1, outdim=None):
        return _T().flatten(self, ndim if outdim is None else outdim)

    def ravel(self):
        return _T().flatten(self)

    def transpose(self, *axes):
        if len(axes) == 0:
            return _T().transpose(self)
        if len(axes) == 1 and isinstance(axes[0], (list, tuple)):
            axes = axes[0]
        return _T().transpose(self, axes)

    def swapaxes(self, axis1, axis2):
        return _T().swapaxes(self, axis1, axis2)

    def squeeze(self):
        return _T().squeeze(self)

    def astype(self, dtype):
        return _T().cast(self, dtype)

    def clip(self, a_min, a_max):
        return _T().clip(self, a_min, a_max)

    def round(self, mode=None):
        return _T().round(self, mode)

    def nonzero(self, return_matrix=False):
        return _T().nonzero(self, return_matrix=return_matrix)

    def nonzero_values(self):
        return _T().nonzero_values(self)

    def sort(self, axis=-1, kind="quicksort", order=None):
        return _T().sort(self, axis, kind, order)

    def argsort(self, axis=-1, kind="quicksort", order=None):
        return _T().argsort(self, axis, kind, order)

    def repeat(self, repeats, axis=None):
        return _T().repeat(self, repeats, axis)

    def cumsum(self, axis=None):
        return _T().cumsum(self, axis)

    def cumprod(self, axis=None):
        return _T().cumprod(self, axis)

    def diagonal(self, offset=0, axis1=0, axis2=1):
        return _T().diagonal(self, offset, axis1, axis2)

    def trace(self):
        return _T().trace(self)

    def take(self, indices, axis=None, mode="raise"):
        return _T().take(self, indices, axis, mode)

    def conj(self):
        return _T().conj(self)

    def zeros_like(self, dtype=None):
        return _T().zeros_like(self, dtype=dtype)

    def ones_like(self, dtype=None):
        return _T().ones_like(self, dtype=dtype)

    def fill(self, value):
        return _T().fill(self, value)

    def copy(self, name=None):
        out = _T().tensor_copy(self)
        out.name = name
        return out

    def ptp(self, axis=None):
        return _T().ptp(self, axis)

    def choose(self, choices, out=None, mode="raise"):
        return _T().choose(self, choices, out=out, mode=mode)

    def searchsorted(self, v, side="left", sorter=None):
        return _T().searchsorted(self, v, side=side, sorter=sorter)

    def compress(self, a, axis=None):
        return _T().compress(self, a, axis=axis)

    def get_scalar_constant_value(self):
        return _T().get_scalar_constant_value(self)


class TensorVariable(_tensor_py_operators, Variable):
    """A symbolic array: a graph input or the output of an operation."""


class TensorConstant(_tensor_py_operators, Constant):
    """A constant array in a graph; equal data means the constants merge."""

    def __init__(self, type, data, name=None):
        super().__init__(type, data, name)

    def signature(self):
        data = self.data
        return (self.type, data.shape, data.tobytes() if data.size < 1000 else id(data))

    def __str__(self):
        # Theano's format: the value, "(shape) of v" for a uniform array, ".." elisions.
        data = self.data
        if data.size > 1 and data.ndim > 0:
            flat = data.reshape(-1)
            if np.all(flat == flat[0]):
                return f"TensorConstant{{{data.shape} of {flat[0]}}}"
        if data.ndim == 0:
            return f"TensorConstant{{{data[()]}}}"
        text = np.array2string(data, threshold=10, edgeitems=3).replace("...", "..")
        text = " ".join(text.split()) if "\n" in text else text
        return f"TensorConstant{{{text}}}"

    def __deepcopy__(self, memo):
        return self


TensorType.Variable = TensorVariable
TensorType.Constant = TensorConstant
