"""Sorting and search: sort, argsort, topk/argtopk, nonzero, and row permutations."""

import numpy as np

from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.scalar.basic import discrete_dtypes, integer_dtypes
from theano.tensor.basic import as_tensor_variable
from theano.tensor.shape import shape_i
from theano.tensor.type import TensorType

__all__ = [
    "SortOp",
    "sort",
    "ArgSortOp",
    "argsort",
    "TopKOp",
    "topk",
    "argtopk",
    "topk_and_argtopk",
    "Nonzero",
    "nonzero",
    "flatnonzero",
    "nonzero_values",
    "PermuteRowElements",
    "permute_row_elements",
    "inverse_permutation",
]

_SORT_KINDS = ("quicksort", "mergesort", "heapsort", "stable")


def _grad_undefined(op, pos, x, comment=""):
    from theano.gradient import grad_undefined

    return grad_undefined(op, pos, x, comment)


def _is_none(var):
    from theano.tensor.subtensor import NoneTypeT

    return var is None or isinstance(getattr(var, "type", None), NoneTypeT)


def _axis_input(op, x, axis):
    """The axis input of a sort op: NoneConst, or an integer scalar (checked when constant)."""
    from theano.tensor.subtensor import NoneConst

    if _is_none(axis):
        return NoneConst
    axis = as_tensor_variable(axis)
    if axis.ndim != 0 or axis.dtype not in integer_dtypes:
        raise TypeError(f"{op}: axis must be None or an integer scalar, got {axis.type}")
    if isinstance(axis, Constant):
        value = int(axis.data)
        if not -x.ndim <= value < x.ndim:
            raise ValueError(
                f"{op}: axis {value} is out of bounds for input {x} with {x.ndim} dimensions"
            )
    return axis


def _static_axis(op, axis, ndim):
    """The Python int of a constant axis input, normalized; None for NoneConst."""
    if _is_none(axis):
        return None
    if not isinstance(axis, Constant):
        raise NotImplementedError(f"The gradient of {op} needs a constant axis, got {axis}")
    return int(axis.data) % ndim


def _run_axis(axis):
    if axis is None:
        return None
    if axis != int(axis):
        raise ValueError("sort axis must be an integer or None")
    return int(axis)


class _SortBase(Op):
    __props__ = ("kind", "order")

    def __init__(self, kind, order=None):
        if kind not in _SORT_KINDS:
            raise ValueError(
                f"{type(self).__name__}: kind must be one of {_SORT_KINDS}, got {kind!r}"
            )
        if order is not None:
            raise ValueError(
                f"{type(self).__name__}: order is only for structured arrays, which tensors "
                f"never are (got order={order!r})"
            )
        self.kind = kind
        self.order = order

    def __str__(self):
        return f"{type(self).__name__}{{{self.kind}, {self.order}}}"

    def _out_bcast(self, x, axis):
        return (False,) if _is_none(axis) else x.broadcastable

    def infer_shape(self, fgraph, node, shapes):
        if _is_none(node.inputs[1]):
            from theano.tensor.extra_ops import _mul_shapes

            return [(_mul_shapes(shapes[0]),)]
        return [shapes[0]]


class SortOp(_SortBase):
    """``numpy.sort`` along the axis given as its second input (NoneConst: flattened)."""

    def make_node(self, input, axis=-1):
        x = as_tensor_variable(input)
        axis = _axis_input(self, x, axis)
        return Apply(self, [x, axis], [TensorType(x.dtype, self._out_bcast(x, axis))()])

    def perform(self, node, inputs, output_storage):
        x, axis = inputs
        output_storage[0][0] = np.sort(x, _run_axis(axis), self.kind)

    def grad(self, inputs, output_grads):
        from theano.tensor.alloc import arange

        x, axis = inputs
        (gz,) = output_grads
        ax = _static_axis(self, axis, x.ndim)
        # out = x[idx] along the axis, so x's gradient is gz[inverse of idx].
        if ax is None:
            idx = ArgSortOp(self.kind)(x, axis)
            g_x = gz[ArgSortOp(self.kind)(idx, 0)].reshape(x.shape)
        else:
            idx = ArgSortOp(self.kind)(x, ax)
            rev = ArgSortOp(self.kind)(idx, ax)
            if x.ndim == 1:
                g_x = gz[rev]
            else:
                index = []
                for d in range(x.ndim):
                    if d == ax:
                        index.append(rev)
                    else:
                        pattern = ["x"] * x.ndim
                        pattern[d] = 0
                        index.append(arange(x.shape[d]).dimshuffle(pattern))
                g_x = gz[tuple(index)]
        g_axis = _grad_undefined(
            self,
            1,
            axis,
            "The gradient of sort is not defined with respect to the integer axes itself",
        )
        return [g_x, g_axis]


def sort(a, axis=-1, kind="quicksort", order=None):
    """A sorted copy of ``a`` along ``axis`` (None: the flattened ``a``).

    Parameters
    ----------
    a : tensor
    axis : int, integer scalar tensor or None
    kind : {'quicksort', 'mergesort', 'heapsort', 'stable'}
    order : None
        NumPy's field order for structured arrays (tensors never are).

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.sort(np.array([[3, 1, 2], [0, 5, 4]])).eval()
    array([[1, 2, 3],
           [0, 4, 5]])
    """
    a = as_tensor_variable(a)
    if axis is None:
        a = a.flatten()
        axis = 0
    return SortOp(kind, order)(a, axis)


class ArgSortOp(_SortBase):
    """``numpy.argsort`` (int64) along the axis given as its second input."""

    def make_node(self, input, axis=-1):
        x = as_tensor_variable(input)
        axis = _axis_input(self, x, axis)
        return Apply(self, [x, axis], [TensorType("int64", self._out_bcast(x, axis))()])

    def perform(self, node, inputs, output_storage):
        x, axis = inputs
        out = np.argsort(x, _run_axis(axis), self.kind)
        output_storage[0][0] = np.asarray(out, dtype="int64")

    def grad(self, inputs, output_grads):
        from theano.gradient import _zeros_like

        x, axis = inputs
        g_axis = _grad_undefined(
            self,
            1,
            axis,
            "argsort is not defined for non-integer axes so argsort(x, axis+eps) is undefined",
        )
        return [_zeros_like(x), g_axis]


def argsort(a, axis=-1, kind="quicksort", order=None):
    """The int64 indices that sort ``a`` along ``axis`` (None: the flattened ``a``).

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.argsort(np.array([3., 1., 2.])).eval()
    array([1, 2, 0])
    """
    a = as_tensor_variable(a)
    if axis is None:
        a = a.flatten()
        axis = 0
    return ArgSortOp(kind, order)(a, axis)


# ----------------------------------------------------------------------------------
# Top-k


def _topk_indices(x, k, axis, sorted):
    """Indices along ``axis`` of the k largest (k > 0) or -k smallest (k < 0) entries."""
    n = x.shape[axis]
    kk = abs(k)
    if kk < n:
        kth = n - kk if k > 0 else kk - 1
        part = np.argpartition(x, kth, axis=axis)
        keep = [slice(None)] * x.ndim
        keep[axis] = slice(n - kk, None) if k > 0 else slice(None, kk)
        idx = part[tuple(keep)]
    else:
        shape = [1] * x.ndim
        shape[axis] = n
        idx = np.broadcast_to(np.arange(n).reshape(shape), x.shape)
    if sorted:
        # Descending for the largest, ascending for the smallest.
        order = np.argsort(np.take_along_axis(x, idx, axis), axis=axis, kind="stable")
        if k > 0:
            order = np.flip(order, axis)
        idx = np.take_along_axis(idx, order, axis)
    return idx


class TopKOp(Op):
    """The k largest entries of ``x`` along ``axis`` (the -k smallest for k < 0).

    Outputs the values (if ``return_values``) then their indices of dtype
    ``idx_dtype`` (if ``return_indices``).  With ``sorted`` the entries come
    largest first (smallest first for k < 0); otherwise in no particular order.
    Theano 1.0 refused ``sorted=True``; here it is implemented.
    """

    __props__ = ("axis", "sorted", "return_values", "return_indices", "idx_dtype")

    def __init__(
        self, axis=-1, sorted=True, idx_dtype="int64", return_values=True, return_indices=True
    ):
        if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
            raise TypeError(f'"axis" parameter must be integer, got "{type(axis)}"')
        if idx_dtype not in integer_dtypes:
            raise TypeError(f'"idx_dtype" parameter must be an integer dtype, got "{idx_dtype}"')
        if not (return_indices or return_values):
            raise ValueError("Neither return_values nor return_indices is True, this isn't allowed")
        self.axis = int(axis)
        self.sorted = bool(sorted)
        self.return_values = bool(return_values)
        self.return_indices = bool(return_indices)
        self.idx_dtype = idx_dtype

    def __str__(self):
        return f"{type(self).__name__}{{axis={self.axis}, sorted={self.sorted}}}"

    def make_node(self, inp, kth):
        x = as_tensor_variable(inp)
        ndim = x.ndim
        if ndim == 0:
            raise ValueError(f"Cannot take scalar as input ({self} got {x.type})")
        if not -ndim <= self.axis < ndim:
            raise IndexError(
                f'"axis" parameter out of range, expected integer within [{-ndim}, {ndim - 1}]'
            )
        kth = as_tensor_variable(kth)
        if kth.ndim != 0:
            raise ValueError(f"{kth} is expected to be 0d tensor, got {kth.ndim}")
        if kth.dtype not in integer_dtypes:
            raise TypeError(f"{self}: kth must be an integer scalar, got {kth.type}")
        outs = []
        if self.return_values:
            outs.append(x.type())
        if self.return_indices:
            outs.append(TensorType(self.idx_dtype, x.broadcastable)())
        return Apply(self, [x, kth], outs)

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.basic import cast

        shape = list(shapes[0])
        shape[self.axis] = cast(abs(node.inputs[1]), "int64")
        return [tuple(shape)] * len(node.outputs)

    def perform(self, node, inputs, output_storage):
        x, k = inputs
        x = np.asarray(x)
        k = int(k)
        axis = self.axis % x.ndim
        if k == 0:
            raise ValueError("topk: kth cannot be zero")
        if abs(k) > x.shape[axis]:
            raise ValueError(
                f"topk: kth cannot be larger than the size of specified axis {axis} "
                f"(|kth| = {abs(k)}, size {x.shape[axis]})"
            )
        idx = _topk_indices(x, k, axis, self.sorted)
        pos = 0
        if self.return_values:
            output_storage[0][0] = np.take_along_axis(x, idx, axis)
            pos = 1
        if self.return_indices:
            output_storage[pos][0] = np.asarray(idx, dtype=self.idx_dtype)

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType, _zeros_like, grad_not_implemented
        from theano.tensor.alloc import arange, zeros_like
        from theano.tensor.subtensor import set_subtensor

        x, k = inputs
        g_k = _grad_undefined(self, 1, k, "topk: k is not differentiable")
        if not self.return_values:
            return [_zeros_like(x), g_k]
        gz = output_grads[0]
        if isinstance(gz.type, DisconnectedType):
            return [_zeros_like(x), g_k]
        if not self.return_indices:
            return [grad_not_implemented(self, 0, x, "the op must return the indices"), g_k]
        ndim = x.ndim
        axis = self.axis % ndim
        index = []
        for d in range(ndim):
            if d == axis:
                index.append(outputs[-1])
            else:
                pattern = ["x"] * ndim
                pattern[d] = 0
                index.append(arange(x.shape[d]).dimshuffle(pattern))
        g_x = set_subtensor(zeros_like(x, dtype=gz.dtype)[tuple(index)], gz)
        return [g_x, g_k]


def _topk_node(x, kth, axis, sorted, idx_dtype):
    x = as_tensor_variable(x)
    if axis is None:
        x = x.flatten()
        axis = 0
    return TopKOp(axis=axis, sorted=sorted, idx_dtype=idx_dtype)(x, kth)


def topk(x, kth, axis=-1, sorted=True, idx_dtype="int64"):
    """The ``kth`` largest entries of ``x`` along ``axis`` (the -kth smallest if kth < 0).

    Parameters
    ----------
    x : tensor (at least 1-d)
    kth : int or integer scalar tensor, not 0
    axis : int or None (None: the flattened ``x``)
    sorted : bool
        Largest first (smallest first for kth < 0); False leaves the order
        unspecified (Theano 1.0 accepted only False).
    idx_dtype : str
        Dtype of the indices computed for the gradient.

    Returns
    -------
    tensor of the dtype of ``x``, with ``|kth|`` entries along ``axis``.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.topk(np.array([3., 1., 4., 1., 5.]), 2).eval()
    array([5., 4.])
    """
    return _topk_node(x, kth, axis, sorted, idx_dtype)[0]


def argtopk(x, kth, axis=-1, sorted=True, idx_dtype="int64"):
    """The indices (dtype ``idx_dtype``) of the entries :func:`topk` returns.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.argtopk(np.array([3., 1., 4., 2., 5.]), -2).eval()
    array([1, 3])
    """
    return _topk_node(x, kth, axis, sorted, idx_dtype)[1]


def topk_and_argtopk(x, kth, axis=-1, sorted=True, idx_dtype="int64"):
    """Both :func:`topk` and :func:`argtopk`, from one op, as a tuple (values, indices)."""
    return tuple(_topk_node(x, kth, axis, sorted, idx_dtype))


# ----------------------------------------------------------------------------------
# Nonzero


class Nonzero(Op):
    """The (ndim, number of non-zeros) int64 matrix of the indices of the non-zeros of ``a``.

    Row ``i`` holds the indices along dimension ``i`` (``numpy.nonzero`` stacked).
    """

    __props__ = ()

    def make_node(self, a):
        a = as_tensor_variable(a)
        if a.ndim == 0:
            raise ValueError(f"Nonzero only supports non-scalar arrays (got {a.type}).")
        return Apply(self, [a], [TensorType("int64", (False, False))()])

    def infer_shape(self, fgraph, node, shapes):
        return [(len(shapes[0]), shape_i(node.outputs[0], 1))]

    def perform(self, node, inputs, output_storage):
        a = np.asarray(inputs[0])
        output_storage[0][0] = np.array(np.nonzero(a), dtype="int64").reshape(a.ndim, -1)

    def grad(self, inputs, output_grads):
        return [_grad_undefined(self, 0, inputs[0])]


_nonzero = Nonzero()


def nonzero(a, return_matrix=False):
    """The indices of the non-zero entries of ``a``.

    Parameters
    ----------
    a : tensor (at least 1-d)
    return_matrix : bool
        False (default, as NumPy): a tuple of int64 vectors, one per dimension.
        True: the (ndim, count) int64 matrix of the :class:`Nonzero` op.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> [v.eval() for v in T.nonzero(np.array([[0, 3], [4, 0]]))]
    [array([0, 1]), array([1, 0])]
    """
    a = as_tensor_variable(a)
    matrix = _nonzero(a)
    if return_matrix:
        return matrix
    return tuple(matrix[i] for i in range(a.ndim))


def flatnonzero(a):
    """The int64 indices of the non-zero entries of ``a.flatten()``.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.flatnonzero(np.array([[0, 3], [4, 0]])).eval()
    array([1, 2])
    """
    a = as_tensor_variable(a)
    if a.ndim == 0:
        raise ValueError(f"Nonzero only supports non-scalar arrays (got {a.type}).")
    return nonzero(a.flatten(), return_matrix=True)[0]


def nonzero_values(a):
    """The non-zero entries of ``a``, flattened (``a.flatten()[flatnonzero(a)]``).

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.nonzero_values(np.array([[0, 3], [4, 0]])).eval()
    array([3, 4])
    """
    a = as_tensor_variable(a)
    return a.flatten()[flatnonzero(a)]


# ----------------------------------------------------------------------------------
# PermuteRowElements


class PermuteRowElements(Op):
    """Permute the last-axis entries of ``x`` by the integer permutations ``y``.

    Leading dimensions broadcast (a vector ``y`` permutes every row of ``x``, a
    vector ``x`` is permuted by every row of ``y``); with ``inverse`` true the
    inverse permutations are applied.
    """

    __props__ = ()

    def make_node(self, x, y, inverse):
        from theano.tensor.shape import shape_padleft

        x = as_tensor_variable(x)
        y = as_tensor_variable(y)
        if isinstance(inverse, Variable):
            inverse = as_tensor_variable(inverse)
            if inverse.ndim != 0 or inverse.dtype not in discrete_dtypes:
                raise TypeError(
                    f"PermuteRowElements: inverse must be an integer scalar, got {inverse.type}"
                )
        else:
            inverse = as_tensor_variable(np.int8(1 if inverse else 0))
        if y.dtype not in integer_dtypes:
            raise TypeError(
                f"PermuteRowElements: input 1 (the permutations y) must be integers, got {y.type}"
            )
        if x.ndim == 0 or y.ndim == 0:
            raise TypeError(
                f"PermuteRowElements: x and y must have at least one dimension, got {x.type} "
                f"and {y.type}"
            )
        if x.ndim > y.ndim:
            y = shape_padleft(y, x.ndim - y.ndim)
        elif x.ndim < y.ndim:
            x = shape_padleft(x, y.ndim - x.ndim)
        bcast = [xb and yb for xb, yb in zip(x.broadcastable, y.broadcastable)]
        return Apply(self, [x, y, inverse], [TensorType(x.dtype, bcast)()])

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import maximum

        return [tuple(maximum(sx, sy) for sx, sy in zip(shapes[0], shapes[1]))]

    def perform(self, node, inputs, output_storage):
        x, y, inverse = inputs
        x = np.asarray(x)
        y = np.asarray(y)
        x_bcast, y_bcast = node.inputs[0].broadcastable, node.inputs[1].broadcastable
        lead = []
        for d, (xd, yd) in enumerate(zip(x.shape[:-1], y.shape[:-1])):
            # Only dimensions typed broadcastable broadcast (Theano's rule).
            if xd != yd and not (xd == 1 and x_bcast[d]) and not (yd == 1 and y_bcast[d]):
                raise ValueError(
                    f"PermuteRowElements: dimension mismatch: x has shape {x.shape}, y has "
                    f"shape {y.shape} (dimension {d} differs and is not broadcastable)"
                )
            lead.append(yd if xd == 1 else xd)
        lead = tuple(lead)
        if x.shape[-1] != y.shape[-1]:
            raise ValueError(
                f"PermuteRowElements: rows of x have length {x.shape[-1]} but the "
                f"permutations have length {y.shape[-1]}"
            )
        xb = np.broadcast_to(x, lead + x.shape[-1:])
        yb = np.broadcast_to(y, lead + y.shape[-1:])
        if inverse:
            out = np.empty(xb.shape, dtype=x.dtype)
            np.put_along_axis(out, yb, xb, axis=-1)
        else:
            out = np.take_along_axis(xb, yb, axis=-1)
        output_storage[0][0] = out

    def grad(self, inputs, output_grads):
        from theano.tensor.math import eq

        x, y, inverse = inputs
        (gz,) = output_grads
        gx = permute_row_elements(gz, y, eq(inverse, 0))
        summed = [d for d in range(gz.ndim) if x.broadcastable[d] and not gx.broadcastable[d]]
        if summed:
            gx = gx.sum(axis=summed, keepdims=True)
        return [gx, _grad_undefined(self, 1, y), _grad_undefined(self, 2, inverse)]


_permute_row_elements = PermuteRowElements()


def permute_row_elements(x, y, inverse=0):
    """Permute the entries of each row (last axis) of ``x`` by ``y``; see PermuteRowElements.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.permute_row_elements(np.array([10., 20., 30.]), np.array([2, 0, 1])).eval()
    array([30., 10., 20.])
    """
    return _permute_row_elements(x, y, inverse)


def inverse_permutation(perm):
    """The inverse of the permutation(s) in the last axis of the integer tensor ``perm``.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.inverse_permutation(np.array([2, 0, 1])).eval()
    array([1, 2, 0])
    """
    from theano.tensor.alloc import arange

    perm = as_tensor_variable(perm)
    return permute_row_elements(arange(perm.shape[-1], dtype=perm.dtype), perm, inverse=True)
