"""NumPy-like extras: cumsum/cumprod, diff, repeat, bincount, unique, searchsorted, nonzero, ..."""

import numpy as np

from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.scalar.basic import (
    complex_dtypes,
    discrete_dtypes,
    int_dtypes,
    integer_dtypes,
    upcast,
)
from theano.tensor.basic import (
    NotScalarConstantError,
    as_tensor_variable,
    cast,
    get_scalar_constant_value,
    get_vector_length,
)
from theano.tensor.shape import shape_i, squeeze
from theano.tensor.type import TensorType

__all__ = [
    "CpuContiguous",
    "cpu_contiguous",
    "SearchsortedOp",
    "searchsorted",
    "CumOp",
    "cumsum",
    "cumprod",
    "DiffOp",
    "diff",
    "bincount",
    "squeeze",
    "compress",
    "RepeatOp",
    "repeat",
    "Bartlett",
    "bartlett",
    "FillDiagonal",
    "fill_diagonal",
    "FillDiagonalOffset",
    "fill_diagonal_offset",
    "to_one_hot",
    "Unique",
    "unique",
    "UnravelIndex",
    "unravel_index",
    "RavelMultiIndex",
    "ravel_multi_index",
    "Choose",
    "choose",
]


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def _is_disconnected(g):
    from theano.gradient import DisconnectedType

    return g is None or isinstance(g.type, DisconnectedType)


def _float_zeros_like(x):
    from theano.gradient import _zeros_like

    return _zeros_like(x)


def _grad_undefined(op, pos, x, comment=""):
    from theano.gradient import grad_undefined

    return grad_undefined(op, pos, x, comment)


def _int64(v):
    return v if v.dtype == "int64" else cast(v, "int64")


def _mul_shapes(shape):
    """Product of the entries of a shape tuple as an int64 scalar (1 for a 0-d shape)."""
    from theano.tensor.math import mul

    entries = [as_tensor_variable(s) for s in shape]
    if not entries:
        return as_tensor_variable(np.int64(1))
    return _int64(entries[0] if len(entries) == 1 else mul(*entries))


def _check_axis(opname, axis, ndim):
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{opname}: axis {axis} is out of bounds for an input with {ndim} dimensions "
            f"(expected {-ndim} <= axis < {ndim})"
        )


def _reversed_along(x, axis):
    """``x`` reversed along ``axis`` (a Subtensor view)."""
    index = [slice(None)] * x.ndim
    index[axis] = slice(None, None, -1)
    return x[tuple(index)]


# ----------------------------------------------------------------------------------
# CpuContiguous


class CpuContiguous(Op):
    """``x`` itself when it is C-contiguous, else a C-contiguous copy."""

    __props__ = ()
    view_map = {0: [0]}

    def make_node(self, x):
        x = as_tensor_variable(x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        x = np.asarray(inputs[0])
        output_storage[0][0] = x if x.flags["C_CONTIGUOUS"] else x.copy()

    def grad(self, inputs, output_grads):
        return [output_grads[0]]


cpu_contiguous = CpuContiguous()


# ----------------------------------------------------------------------------------
# Searchsorted


class SearchsortedOp(Op):
    """``numpy.searchsorted``; see :func:`searchsorted`."""

    __props__ = ("side",)

    def __init__(self, side="left"):
        if side not in ("left", "right"):
            raise ValueError(f"'{side}' is an invalid value for keyword 'side'")
        self.side = side

    def make_node(self, x, v, sorter=None):
        x = as_tensor_variable(x)
        v = as_tensor_variable(v)
        if x.ndim != 1:
            raise ValueError(
                f"SearchsortedOp: input 0 (x) must be a vector (1-d sorted array), got {x.type}"
            )
        out = TensorType("int64", v.broadcastable)()
        if sorter is None:
            return Apply(self, [x, v], [out])
        sorter = as_tensor_variable(sorter)
        if sorter.ndim != 1 or sorter.dtype not in integer_dtypes:
            raise TypeError("sorter must be an integer vector", sorter.type)
        return Apply(self, [x, v, sorter], [out])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[1]]

    def perform(self, node, inputs, output_storage):
        x, v = inputs[:2]
        sorter = inputs[2] if len(inputs) == 3 else None
        res = np.searchsorted(x, v, side=self.side, sorter=sorter)
        output_storage[0][0] = np.asarray(res, dtype="int64")

    def grad(self, inputs, output_grads):
        grads = [_float_zeros_like(inputs[0]), _float_zeros_like(inputs[1])]
        if len(inputs) == 3:
            grads.append(_disconnected())
        return grads

    def connection_pattern(self, node):
        return [[True], [True]] + [[False]] * (len(node.inputs) - 2)


def searchsorted(x, v, side="left", sorter=None):
    """Indices where the elements of ``v`` would be inserted into sorted ``x`` (numpy's).

    Parameters
    ----------
    x : 1-d tensor
        Sorted in ascending order, unless ``sorter`` gives the indices that sort it.
    v : tensor
        Values to insert.
    side : {'left', 'right'}
        'left': the first suitable index; 'right': the last one.
    sorter : 1-d integer tensor, optional
        Indices sorting ``x`` (typically ``argsort(x)``).

    Returns
    -------
    int64 tensor with the shape (and broadcastable pattern) of ``v``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.extra_ops.searchsorted([1, 2, 3, 4, 5], [-10, 10, 2, 3]).eval()
    array([0, 5, 1, 2])
    """
    return SearchsortedOp(side=side)(x, v, sorter)


# ----------------------------------------------------------------------------------
# Cumulative sum / product


class CumOp(Op):
    """Cumulative sum (mode 'add') or product (mode 'mul') along ``axis`` (None: flattened)."""

    __props__ = ("axis", "mode")

    def __init__(self, axis=None, mode="add"):
        if mode not in ("add", "mul"):
            raise ValueError(f'{type(self).__name__}: Unknown mode "{mode}"')
        self.axis = None if axis is None else int(axis)
        self.mode = mode

    def __str__(self):
        return f"{type(self).__name__}{{{self.axis}, {self.mode}}}"

    def make_node(self, x):
        x = as_tensor_variable(x)
        if self.axis is None:
            out = TensorType(x.dtype, (False,))()
        elif not -x.ndim <= self.axis < x.ndim:
            raise ValueError(
                f"axis(={self.axis}) out of bounds: {self} got input {x} with {x.ndim} dimensions"
            )
        else:
            out = x.type()
        return Apply(self, [x], [out])

    def infer_shape(self, fgraph, node, shapes):
        if self.axis is None:
            return [(_mul_shapes(shapes[0]),)]
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        fn = np.cumsum if self.mode == "add" else np.cumprod
        # Accumulate in the input dtype (NumPy would widen small ints to int64).
        output_storage[0][0] = fn(inputs[0], axis=self.axis, dtype=node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        (gz,) = output_grads
        if self.mode == "mul":
            # d/dx_j of prod_{i<=k} x_i is out_k / x_j (Theano's formula: x must be nonzero)
            gz = outputs[0] * gz
        if self.axis is None:
            g = cumsum(gz[::-1])[::-1].reshape(x.shape)
        else:
            g = _reversed_along(cumsum(_reversed_along(gz, self.axis), self.axis), self.axis)
        if self.mode == "mul":
            g = g / x
        return [g]


def cumsum(x, axis=None):
    """Cumulative sum of ``x`` along ``axis`` (None: over the flattened input).

    The result keeps the dtype of ``x``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.cumsum([[1, 2], [3, 4]]).eval()
    array([ 1,  3,  6, 10])
    """
    return CumOp(axis=axis, mode="add")(x)


def cumprod(x, axis=None):
    """Cumulative product of ``x`` along ``axis`` (None: over the flattened input).

    The result keeps the dtype of ``x``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.cumprod([[1, 2], [3, 4]], axis=1).eval()
    array([[ 1,  2],
           [ 3, 12]])
    """
    return CumOp(axis=axis, mode="mul")(x)


# ----------------------------------------------------------------------------------
# Diff


class DiffOp(Op):
    """``numpy.diff``: the n-th discrete difference along ``axis``."""

    __props__ = ("n", "axis")

    def __init__(self, n=1, axis=-1):
        self.n = int(n)
        self.axis = int(axis)
        if self.n < 0:
            raise ValueError(f"DiffOp: order n must be non-negative, got {n}")
        if self.n == 0:
            self.view_map = {0: [0]}  # NumPy returns the input itself

    def make_node(self, x):
        x = as_tensor_variable(x)
        if x.ndim == 0:
            raise ValueError(f"{self}: input x must have at least one dimension, got {x.type}")
        _check_axis(str(self), self.axis, x.ndim)
        bcast = list(x.broadcastable)
        if self.n > 0:
            bcast[self.axis] = False  # a length-1 axis becomes length 0
        return Apply(self, [x], [TensorType(x.dtype, bcast)()])

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import maximum

        out = list(shapes[0])
        if self.n > 0:
            out[self.axis] = maximum(out[self.axis] - self.n, 0)
        return [tuple(out)]

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.diff(inputs[0], n=self.n, axis=self.axis)

    def grad(self, inputs, output_grads):
        from theano.tensor.alloc import zeros
        from theano.tensor.join import concatenate

        (x,) = inputs
        (g,) = output_grads
        axis = self.axis % x.ndim
        # diff(x)[i] = x[i+1] - x[i], so the gradient is [0, g] - [g, 0] along axis.
        for _ in range(self.n):
            pad_shape = [1 if d == axis else g.shape[d] for d in range(g.ndim)]
            pad = zeros(pad_shape, dtype=g.dtype)
            g = concatenate([pad, g], axis) - concatenate([g, pad], axis)
        return [g]


def diff(x, n=1, axis=-1):
    """The n-th discrete difference of ``x`` along ``axis`` (``numpy.diff``).

    ``out[i] = x[i + 1] - x[i]`` along ``axis``, applied ``n`` times.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.extra_ops.diff([1, 4, 9, 16]).eval()
    array([3, 5, 7])
    """
    return DiffOp(n=n, axis=axis)(x)


# ----------------------------------------------------------------------------------
# bincount, compress, repeat


class _CheckNonNegative(Op):
    """Its input, after checking at run time that no entry is negative."""

    __props__ = ("msg",)
    view_map = {0: [0]}

    def __init__(self, msg):
        self.msg = msg

    def make_node(self, x):
        x = as_tensor_variable(x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        if np.any(np.asarray(x) < 0):
            raise AssertionError(self.msg)
        output_storage[0][0] = x

    def grad(self, inputs, output_grads):
        return [output_grads[0]]


def bincount(x, weights=None, minlength=None, assert_nonneg=False):
    """Count the occurrences of each value in the non-negative int vector ``x``.

    Parameters
    ----------
    x : 1-d integer tensor
    weights : 1-d tensor of the length of ``x``, optional
        Add ``weights[i]`` instead of 1 for the entry ``x[i]``.
    minlength : int, optional
        The minimum number of bins.
    assert_nonneg : bool
        Check at run time that ``x`` has no negative entry (negative entries
        otherwise count from the end, as in indexing).

    Returns
    -------
    Vector of length ``max(x.max() + 1, minlength)``, of the dtype of ``x`` (of
    ``weights`` when given).

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.bincount(T.as_tensor_variable([0, 1, 1, 3])).eval()
    array([1, 2, 0, 1])
    """
    from theano.tensor.alloc import zeros
    from theano.tensor.math import maximum
    from theano.tensor.subtensor import advanced_inc_subtensor1

    x = as_tensor_variable(x)
    if x.ndim != 1:
        raise TypeError(f"Inputs must be of dimension 1 (bincount got x of type {x.type}).")
    if x.dtype not in integer_dtypes:
        raise TypeError(f"bincount: x must be an integer vector, got dtype {x.dtype}")
    if assert_nonneg:
        x = _CheckNonNegative("Input to bincount has negative values!")(x)
    max_value = cast(x.max() + 1, "int64")
    if minlength is not None:
        max_value = maximum(max_value, minlength)
    if weights is None:
        out = zeros([max_value], dtype=x.dtype)
        return advanced_inc_subtensor1(out, 1, x)
    weights = as_tensor_variable(weights)
    if weights.ndim != 1:
        raise TypeError(f"bincount: weights must be a vector, got {weights.type}")
    out = zeros([max_value], dtype=weights.dtype)
    return advanced_inc_subtensor1(out, weights, x)


def compress(condition, x, axis=None):
    """The slices of ``x`` along ``axis`` where ``condition`` is non-zero (``numpy.compress``).

    With ``axis=None`` ``x`` is flattened first.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.extra_ops.compress([1, 0, 1], np.arange(6.).reshape(2, 3), axis=1).eval()
    array([[0., 2.],
           [3., 5.]])
    """
    from theano.tensor.sort import flatnonzero
    from theano.tensor.subtensor import take

    indices = flatnonzero(as_tensor_variable(condition))
    return take(x, indices, axis=axis)


class RepeatOp(Op):
    """``numpy.repeat`` with an integer vector (or scalar) of repeats; see :func:`repeat`."""

    __props__ = ("axis",)

    def __init__(self, axis=None):
        self.axis = None if axis is None else int(axis)

    def make_node(self, x, repeats):
        x = as_tensor_variable(x)
        repeats = as_tensor_variable(repeats)
        if repeats.dtype not in integer_dtypes:
            raise TypeError(f"repeats.dtype must be an integer (RepeatOp got {repeats.dtype}).")
        if repeats.dtype == "uint64":
            raise TypeError(
                "dtypes ('uint64',) are not supported by numpy.repeat for the 'repeats' parameter",
                repeats.dtype,
            )
        if repeats.ndim > 1:
            raise ValueError(f"{self}: repeats must be a scalar or a vector, got {repeats.type}")
        if self.axis is None:
            bcast = (False,)
        else:
            _check_axis(str(self), self.axis, x.ndim)
            bcast = list(x.broadcastable)
            try:
                const_reps = get_scalar_constant_value(repeats)
            except (NotScalarConstantError, TypeError, ValueError):
                const_reps = None
            if const_reps != 1:
                bcast[self.axis] = False
        return Apply(self, [x, repeats], [TensorType(x.dtype, bcast)()])

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.reduction import sum as tsum

        x_shape = shapes[0]
        repeats = node.inputs[1]
        if repeats.ndim == 0:
            reps = _int64(repeats)
            if self.axis is None:
                return [(_mul_shapes(x_shape) * reps,)]
            out = list(x_shape)
            out[self.axis] = out[self.axis] * reps
            return [tuple(out)]
        total = _int64(tsum(repeats))
        if self.axis is None:
            return [(total,)]
        out = list(x_shape)
        out[self.axis] = total
        return [tuple(out)]

    def perform(self, node, inputs, output_storage):
        x, repeats = inputs
        output_storage[0][0] = np.repeat(x, repeats, axis=self.axis)

    def connection_pattern(self, node):
        return [[True], [False]]

    def grad(self, inputs, output_grads):
        from theano.tensor.alloc import zeros
        from theano.tensor.join import concatenate
        from theano.tensor.subtensor import take

        x, repeats = inputs
        (gz,) = output_grads
        if self.axis is None:
            xv = x.flatten()
            axis = 0
        else:
            xv = x
            axis = self.axis % x.ndim
        if repeats.ndim == 0:
            # Each input entry became `repeats` adjacent copies: sum them back.
            shape = [xv.shape[k] for k in range(xv.ndim)]
            shape.insert(axis + 1, repeats)
            g = gz.reshape(shape, ndim=xv.ndim + 1).sum(axis=axis + 1)
        else:
            # Segment sums of gz along axis: differences of its cumulative sum.
            pad_shape = [1 if d == axis else gz.shape[d] for d in range(gz.ndim)]
            csum = concatenate([zeros(pad_shape, dtype=gz.dtype), cumsum(gz, axis)], axis)
            ends = cumsum(_int64(repeats))
            g = take(csum, ends, axis=axis) - take(csum, ends - repeats, axis=axis)
        if self.axis is None:
            g = g.reshape(x.shape)
        return [g, _disconnected()]


def repeat(x, repeats, axis=None):
    """Repeat the elements of ``x`` (``numpy.repeat``).

    Parameters
    ----------
    x : tensor
    repeats : int, integer scalar or integer vector
        Repetitions of each element, broadcast along ``axis``.
    axis : int, optional
        Axis along which to repeat; None repeats the flattened ``x`` and returns a
        vector.

    Returns
    -------
    tensor of the dtype of ``x``.  A scalar (or length-1 broadcastable vector) of
    repeats is computed with Alloc and Reshape; a vector uses ``RepeatOp``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.repeat(T.as_tensor_variable([1, 2]), 2).eval()
    array([1, 1, 2, 2])
    """
    from theano.tensor.alloc import alloc

    x = as_tensor_variable(x)
    repeats = as_tensor_variable(repeats)
    if repeats.ndim > 1:
        raise ValueError("The dimension of repeats should not exceed 1.")
    if repeats.ndim == 1 and not repeats.broadcastable[0]:
        return RepeatOp(axis=axis)(x, repeats)
    if repeats.ndim == 1:
        if isinstance(repeats, Constant):
            repeats = as_tensor_variable(repeats.data[0])
        else:
            repeats = repeats[0]
    if repeats.dtype not in integer_dtypes:
        raise TypeError(f"repeat: repeats must be integers, got dtype {repeats.dtype}")
    if x.dtype == "uint64":
        raise TypeError("theano.tensor.repeat don't support dtype uint64")
    if axis is None:
        axis = 0
        x = x.flatten()
    else:
        axis = int(axis)
        if axis >= x.ndim:
            raise ValueError("Axis should not exceed x.ndim-1.")
        if axis < -x.ndim:
            raise ValueError(f"repeat: axis {axis} is out of bounds for a {x.ndim}-d tensor")
        if axis < 0:
            axis += x.ndim
    # x gets a broadcastable axis after `axis`, is allocated `repeats` times along it,
    # then the two axes are merged.
    shape = [1 if x.broadcastable[i] else x.shape[i] for i in range(x.ndim)]
    alloc_shape = list(shape)
    alloc_shape.insert(axis + 1, repeats)
    pattern = list(range(x.ndim))
    pattern.insert(axis + 1, "x")
    shape[axis] = shape[axis] * repeats
    return alloc(x.dimshuffle(*pattern), *alloc_shape).reshape(shape)


# ----------------------------------------------------------------------------------
# Bartlett window, diagonal filling, one-hot


class Bartlett(Op):
    """``numpy.bartlett``: the Bartlett (triangular) window of M points, float64."""

    __props__ = ()

    def make_node(self, M):
        M = as_tensor_variable(M)
        if M.ndim != 0:
            raise TypeError(f"{type(self).__name__} only works on scalar input (got {M.type})")
        if M.dtype not in integer_dtypes:
            raise TypeError(f"{type(self).__name__} only works on integer input (got {M.type})")
        return Apply(self, [M], [TensorType("float64", (False,))()])

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import maximum

        return [(maximum(_int64(node.inputs[0]), 0),)]

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.bartlett(int(inputs[0]))

    def grad(self, inputs, output_grads):
        return [None]


bartlett_ = Bartlett()


def bartlett(M):
    """The Bartlett window of ``M`` points (empty when ``M <= 0``), as a float64 vector.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.bartlett(5).eval()
    array([0. , 0.5, 1. , 0.5, 0. ])
    """
    return bartlett_(M)


def _diagonal_sum(g, n):
    """Sum of ``g[i, i, ..., i]`` for ``i < n``."""
    from theano.tensor.alloc import arange

    idx = arange(n)
    return g[(idx,) * g.ndim].sum()


def _cast_fill_value(op, a, val):
    val = cast(val, upcast(a.dtype, val.dtype))
    if val.dtype != a.dtype:
        raise TypeError(
            f"{type(op).__name__}: type of second parameter must be the same as the first's "
            f"(the value {val.type} cannot be stored in {a.type} without a downcast)"
        )
    return val


class FillDiagonal(Op):
    """A copy of ``a`` with its main diagonal set to the scalar ``val``."""

    __props__ = ()

    def make_node(self, a, val):
        a = as_tensor_variable(a)
        val = as_tensor_variable(val)
        if a.ndim < 2:
            raise TypeError(
                f"{type(self).__name__}: first parameter must have at least two dimensions "
                f"(got {a.type})"
            )
        if val.ndim != 0:
            raise TypeError(
                f"{type(self).__name__}: second parameter must be a scalar (got {val.type})"
            )
        val = _cast_fill_value(self, a, val)
        return Apply(self, [a, val], [a.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        a = np.array(inputs[0], copy=True)
        val = inputs[1]
        if a.ndim == 2:
            # Rectangular matrices: the first min(h, w) diagonal entries (no wrapping).
            step = a.shape[1] + 1
            a.flat[: a.shape[1] * a.shape[1] : step] = val
        else:
            np.fill_diagonal(a, val)
        output_storage[0][0] = a

    def grad(self, inputs, output_grads):
        from theano.tensor.math import minimum

        a = inputs[0]
        (gz,) = output_grads
        if a.dtype in complex_dtypes:
            return [None, None]
        n = gz.shape[0]
        for d in range(1, gz.ndim):
            n = minimum(n, gz.shape[d])
        return [fill_diagonal(gz, 0), _diagonal_sum(gz, n)]


fill_diagonal_ = FillDiagonal()


def fill_diagonal(a, val):
    """A copy of ``a`` with the main diagonal set to the scalar ``val``.

    ``a`` is a matrix (rectangular allowed: the first ``min(h, w)`` entries) or an
    N-d tensor whose dimensions are all equal (entries ``a[i, i, ..., i]``).
    ``val`` must be castable to the dtype of ``a`` without a downcast.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.fill_diagonal(np.zeros((2, 3)), 5).eval()
    array([[5., 0., 0.],
           [0., 5., 0.]])
    """
    return fill_diagonal_(a, val)


def _offset_diagonal_slice(height, width, offset):
    """(start, stop, step) of the ``offset`` diagonal in the flattened (height, width) matrix."""
    from theano.tensor.math import ge, lt, maximum, minimum

    pos = ge(offset, 0)
    neg = lt(offset, 0)
    absoff = abs(offset)
    start = offset * pos + absoff * width * neg
    count = minimum(minimum(width, height), width * pos + height * neg - absoff)
    step = width + 1
    return start, start + step * maximum(count, 0), step


class FillDiagonalOffset(Op):
    """A copy of the matrix ``a`` with its ``offset`` diagonal set to the scalar ``val``."""

    __props__ = ()

    def make_node(self, a, val, offset):
        a = as_tensor_variable(a)
        val = as_tensor_variable(val)
        offset = as_tensor_variable(offset)
        name = type(self).__name__
        if a.ndim != 2:
            raise TypeError(
                f"{name}: first parameter must have exactly two dimensions (got {a.type})"
            )
        if val.ndim != 0:
            raise TypeError(f"{name}: second parameter must be a scalar (got {val.type})")
        if offset.ndim != 0:
            raise TypeError(f"{name}: third parameter must be a scalar (got {offset.type})")
        val = _cast_fill_value(self, a, val)
        if offset.dtype not in integer_dtypes:
            raise TypeError(
                f"{name}: type of third parameter must be as integer use "
                f"theano.tensor.cast( input, 'int32/int64') (got {offset.type})"
            )
        return Apply(self, [a, val, offset], [a.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        a = np.array(inputs[0], copy=True)
        val, offset = inputs[1], int(inputs[2])
        height, width = a.shape
        # Unwrapped: only the entries (i, i + offset) inside the matrix.
        if offset >= 0:
            start = offset
            count = min(width, height, width - offset)
        else:
            start = -offset * width
            count = min(width, height, height + offset)
        step = width + 1
        a.flat[start : start + step * max(count, 0) : step] = val
        output_storage[0][0] = a

    def grad(self, inputs, output_grads):
        a, _, offset = inputs
        (gz,) = output_grads
        if a.dtype in complex_dtypes:
            return [None, None, None]
        start, stop, step = _offset_diagonal_slice(gz.shape[0], gz.shape[1], offset)
        g_val = gz.flatten()[start:stop:step].sum()
        g_offset = _grad_undefined(
            self,
            2,
            offset,
            "offset is not defined for non-integer offset so fill_diagonal_offset(a, val, "
            "offset + eps) is undefined",
        )
        return [fill_diagonal_offset(gz, 0, offset), g_val, g_offset]


fill_diagonal_offset_ = FillDiagonalOffset()


def fill_diagonal_offset(a, val, offset):
    """A copy of the matrix ``a`` with the diagonal ``offset`` set to the scalar ``val``.

    ``offset > 0`` is above the main diagonal, ``< 0`` below; the diagonal is not
    wrapped around tall matrices.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.fill_diagonal_offset(np.zeros((2, 3)), 1, 1).eval()
    array([[0., 1., 0.],
           [0., 0., 1.]])
    """
    return fill_diagonal_offset_(a, val, offset)


def to_one_hot(y, nb_class, dtype=None):
    """A (len(y), nb_class) matrix whose row ``i`` is the one-hot encoding of ``y[i]``.

    Parameters
    ----------
    y : integer vector with values in ``[0, nb_class)``
    nb_class : int
    dtype : str, optional
        Of the result; floatX by default.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.extra_ops.to_one_hot(T.as_tensor_variable([1, 0]), 3, dtype='int8').eval()
    array([[0, 1, 0],
           [1, 0, 0]], dtype=int8)
    """
    from theano.tensor.alloc import arange, zeros
    from theano.tensor.subtensor import set_subtensor

    y = as_tensor_variable(y)
    if y.ndim != 1 or y.dtype not in integer_dtypes:
        raise TypeError(f"to_one_hot: y must be an integer vector, got {y.type}")
    ret = zeros((y.shape[0], nb_class), dtype=dtype)
    return set_subtensor(ret[arange(y.shape[0]), y], 1)


# ----------------------------------------------------------------------------------
# Unique


class Unique(Op):
    """``numpy.unique``: the sorted unique values, and optionally indices/inverse/counts.

    Outputs, in order: the unique values (a vector for ``axis=None``, else the
    input's rank), then the int64 vectors asked for: first-occurrence indices,
    inverse indices, counts.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dvector()
    >>> f = theano.function([x], Unique(True, True, False)(x))
    >>> f([1, 2., 3, 4, 3, 2, 1.])
    [array([1., 2., 3., 4.]), array([0, 1, 2, 3]), array([0, 1, 2, 3, 2, 1, 0])]
    """

    __props__ = ("return_index", "return_inverse", "return_counts", "axis")

    def __init__(self, return_index=False, return_inverse=False, return_counts=False, axis=None):
        self.return_index = bool(return_index)
        self.return_inverse = bool(return_inverse)
        self.return_counts = bool(return_counts)
        self.axis = None if axis is None else int(axis)

    def _norm_axis(self, ndim):
        axis = self.axis
        if axis < 0:
            axis += ndim
        if not 0 <= axis < ndim:
            raise RuntimeError(f"Unique axis `{self.axis}` is outside of input ndim = {ndim}.")
        return axis

    def make_node(self, x):
        x = as_tensor_variable(x)
        if self.axis is None:
            bcast = (False,)
        else:
            axis = self._norm_axis(x.ndim)
            bcast = tuple(False if d == axis else b for d, b in enumerate(x.broadcastable))
        outputs = [TensorType(x.dtype, bcast)()]
        n_extra = self.return_index + self.return_inverse + self.return_counts
        outputs += [TensorType("int64", (False,))() for _ in range(n_extra)]
        return Apply(self, [x], outputs)

    def infer_shape(self, fgraph, node, shapes):
        (x_shape,) = shapes
        values = node.outputs[0]
        if self.axis is None:
            n_unique = shape_i(values, 0)
            out = [(n_unique,)]
            n_in = _mul_shapes(x_shape)
        else:
            axis = self._norm_axis(len(x_shape))
            n_unique = shape_i(values, axis)
            out = [tuple(n_unique if d == axis else s for d, s in enumerate(x_shape))]
            n_in = x_shape[axis]
        if self.return_index:
            out.append((n_unique,))
        if self.return_inverse:
            out.append((n_in,))
        if self.return_counts:
            out.append((n_unique,))
        return out

    def perform(self, node, inputs, output_storage):
        res = np.unique(
            inputs[0],
            return_index=self.return_index,
            return_inverse=self.return_inverse,
            return_counts=self.return_counts,
            axis=self.axis,
        )
        if len(output_storage) == 1:
            output_storage[0][0] = res
            return
        output_storage[0][0] = res[0]
        for storage, value in zip(output_storage[1:], res[1:]):
            # NumPy 2 gives the inverse the input's shape; Theano's is a vector.
            storage[0] = np.asarray(value, dtype="int64").reshape(-1)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None):
    """``numpy.unique`` through the :class:`Unique` op (a list when several outputs)."""
    return Unique(return_index, return_inverse, return_counts, axis)(ar)


# ----------------------------------------------------------------------------------
# unravel_index / ravel_multi_index


def _check_index_dtype(v):
    if v.dtype not in int_dtypes:
        raise TypeError(f"'{v.dtype}' object cannot be interpreted as an index")


class UnravelIndex(Op):
    """``numpy.unravel_index`` with ``ndim`` int64 outputs (one per dimension of ``dims``)."""

    __props__ = ("ndim", "order")

    def __init__(self, ndim, order="C"):
        if order not in ("C", "F"):
            raise ValueError(f"UnravelIndex: order must be 'C' or 'F', got {order!r}")
        if not isinstance(ndim, (int, np.integer)) or ndim < 1:
            raise ValueError("ndim must be an integer greater than 0")
        self.ndim = int(ndim)
        self.order = order

    def make_node(self, indices, dims):
        indices = as_tensor_variable(indices)
        dims = as_tensor_variable(dims)
        _check_index_dtype(indices)
        _check_index_dtype(dims)
        if dims.ndim != 1:
            raise TypeError(f"dims must be a 1D array (UnravelIndex got {dims.type})")
        outputs = [TensorType("int64", (False,) * indices.ndim)() for _ in range(self.ndim)]
        return Apply(self, [indices, dims], outputs)

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]] * len(node.outputs)

    def perform(self, node, inputs, output_storage):
        indices, dims = inputs
        if len(dims) != self.ndim:
            raise ValueError(
                f"{self}: dims has {len(dims)} entries, but the op was built for {self.ndim}"
            )
        res = np.unravel_index(indices, tuple(int(d) for d in dims), order=self.order)
        for storage, value in zip(output_storage, res):
            storage[0] = np.array(value, dtype="int64")  # a copy, never a view


def unravel_index(indices, dims, order="C", ndim=None):
    """Coordinate arrays of the flat ``indices`` into an array of shape ``dims``.

    Like ``numpy.unravel_index``; ``ndim`` (the length of ``dims``) is needed when
    it cannot be read off ``dims``.

    Returns
    -------
    tuple of int64 tensors shaped like ``indices``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> [v.eval() for v in T.unravel_index(T.as_tensor_variable([5, 7]), (3, 4))]
    [array([1, 1]), array([1, 3])]
    """
    if ndim is None:
        try:
            ndim = get_vector_length(dims)
        except (ValueError, TypeError):
            raise ValueError(
                f"The length of the provided dimension list ({dims}) cannot be automatically "
                "determined, so Theano is not able to know what the number of dimensions of "
                "the unraveled index will be. You can provide the 'ndim' keyword argument to "
                "'unravel_index' to avoid this problem."
            ) from None
    res = UnravelIndex(ndim=ndim, order=order)(indices, dims)
    return (res,) if ndim == 1 else tuple(res)


class RavelMultiIndex(Op):
    """``numpy.ravel_multi_index``: inputs are the index arrays, then ``dims``."""

    __props__ = ("mode", "order")

    def __init__(self, mode="raise", order="C"):
        if mode not in ("raise", "wrap", "clip"):
            raise ValueError(
                f"RavelMultiIndex: mode must be 'raise', 'wrap' or 'clip', got {mode!r}"
            )
        if order not in ("C", "F"):
            raise ValueError(f"RavelMultiIndex: order must be 'C' or 'F', got {order!r}")
        self.mode = mode
        self.order = order

    def make_node(self, *inputs):
        if len(inputs) < 2:
            raise TypeError("RavelMultiIndex needs at least one index array and dims")
        multi_index = [as_tensor_variable(i) for i in inputs[:-1]]
        dims = as_tensor_variable(inputs[-1])
        for i in multi_index:
            _check_index_dtype(i)
        _check_index_dtype(dims)
        if dims.ndim != 1:
            raise TypeError(f"dims must be a 1D array (RavelMultiIndex got {dims.type})")
        ndim = max(i.ndim for i in multi_index)
        return Apply(self, multi_index + [dims], [TensorType("int64", (False,) * ndim)()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        multi_index, dims = inputs[:-1], inputs[-1]
        res = np.ravel_multi_index(
            tuple(multi_index), tuple(int(d) for d in dims), mode=self.mode, order=self.order
        )
        output_storage[0][0] = np.asarray(res, dtype="int64")


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """Flat indices of the coordinate arrays ``multi_index`` in an array of shape ``dims``.

    Like ``numpy.ravel_multi_index``: ``mode`` is 'raise', 'wrap' or 'clip';
    ``order`` 'C' or 'F'.  Returns an int64 tensor.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.ravel_multi_index((T.as_tensor_variable([1, 2]), T.as_tensor_variable([0, 3])),
    ...                     (3, 4)).eval()
    array([ 4, 11])
    """
    if not isinstance(multi_index, (tuple, list)):
        raise TypeError("multi_index must be a tuple or a list.")
    return RavelMultiIndex(mode=mode, order=order)(*multi_index, dims)


# ----------------------------------------------------------------------------------
# Choose


class Choose(Op):
    """``numpy.choose``: inputs are the index array, then the choices.

    The choices are one tensor (its first axis enumerates them) or, for a list,
    one input per choice.
    """

    __props__ = ("mode",)

    def __init__(self, mode="raise"):
        if mode not in ("raise", "wrap", "clip"):
            raise ValueError(f"Choose: mode must be 'raise', 'wrap' or 'clip', got {mode!r}")
        self.mode = mode

    def make_node(self, a, choices):
        a = as_tensor_variable(a)
        if a.dtype not in discrete_dtypes:
            raise TypeError(f"choose first argument must have an [u]int* dtype. Got {a.dtype}.")
        if isinstance(choices, (list, tuple)):
            choices = [as_tensor_variable(c) for c in choices]
            if not choices:
                raise ValueError("Choose: choices must not be empty")
            dtype = upcast(*[c.dtype for c in choices])
            patterns = [c.broadcastable for c in choices]
        else:
            choices = [as_tensor_variable(choices)]
            if choices[0].ndim == 0:
                raise TypeError("Choose: a tensor of choices needs at least one dimension")
            dtype = choices[0].dtype
            patterns = [choices[0].broadcastable[1:]]
        ndim = max([a.ndim] + [len(p) for p in patterns])
        padded = [(True,) * (ndim - len(p)) + tuple(p) for p in [a.broadcastable] + patterns]
        bcast = tuple(all(p[d] for p in padded) for d in range(ndim))
        return Apply(self, [a] + choices, [TensorType(dtype, bcast)()])

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import maximum

        ndim = node.outputs[0].ndim
        if len(node.inputs) == 2:
            shape_list = [shapes[0], shapes[1][1:]]
        else:
            shape_list = list(shapes)
        out = []
        for d in range(ndim):
            entries = [s[len(s) - ndim + d] for s in shape_list if len(s) - ndim + d >= 0]
            dim = entries[0]
            for e in entries[1:]:
                dim = maximum(dim, e)
            out.append(dim)
        return [tuple(out)]

    def perform(self, node, inputs, output_storage):
        a = inputs[0]
        choices = inputs[1] if len(inputs) == 2 else list(inputs[1:])
        out = np.choose(a, choices, mode=self.mode)
        output_storage[0][0] = np.asarray(out, dtype=node.outputs[0].dtype)


def choose(a, choices, out=None, mode="raise"):
    """Pick, for each entry of the index array ``a``, the entry of ``choices[a]`` (numpy's).

    Parameters
    ----------
    a : integer tensor
    choices : tensor (its first axis enumerates the choices) or list of tensors
        Broadcast together with ``a``.
    out : must be None (kept for NumPy's signature)
    mode : {'raise', 'wrap', 'clip'}
        What to do with indices outside ``[0, n)``.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.choose(np.array([0, 1, 0]), [np.array([1, 2, 3]), np.array([10, 20, 30])]).eval()
    array([ 1, 20,  3])
    """
    if out is not None:
        raise ValueError("choose: the 'out' argument is not supported in Theano (use None)")
    return Choose(mode)(a, choices)
