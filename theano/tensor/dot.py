"""Products: dot, tensordot, outer, batched_dot, batched_tensordot."""

import numpy as np

from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.scalar.basic import upcast
from theano.tensor.basic import as_tensor_variable, cast, constant, patternbroadcast
from theano.tensor.type import TensorType

__all__ = ["Dot", "BatchedDot", "dot", "tensordot", "outer", "batched_dot", "batched_tensordot"]


def _two_operands(op_name, inputs, ndims, hint):
    """The two inputs of a product op as tensors, each of one of the two ranks ``ndims``;
    raises TypeError naming ``op_name`` and suggesting the function ``hint`` otherwise."""
    if len(inputs) != 2:
        raise TypeError(f"{op_name}: 2 arguments required, {len(inputs)} given")
    x, y = [as_tensor_variable(i) for i in inputs]
    for pos, inp in enumerate((x, y)):
        if inp.ndim not in ndims:
            raise TypeError(
                f"{op_name}: input {pos} (0-indexed) must have ndim of {ndims[0]} or "
                f"{ndims[1]}, {inp.ndim} given (type {inp.type}). Consider calling "
                f"{hint} instead."
            )
    return x, y


def _like(g, x):
    """Gradient ``g`` with the broadcastable pattern of its input ``x``."""
    if g.broadcastable != x.broadcastable:
        g = patternbroadcast(g, x.broadcastable)
    return g


class _BilinearOp(Op):
    """Shared base of Dot and BatchedDot: ops linear in each of their two inputs."""

    def R_op(self, inputs, eval_points):
        ex, ey = eval_points
        if ex is None and ey is None:
            return [None]
        terms = []
        if ex is not None:
            terms.append(self(ex, inputs[1]))
        if ey is not None:
            terms.append(self(inputs[0], ey))
        return [terms[0] + terms[1] if len(terms) == 2 else terms[0]]


class Dot(_BilinearOp):
    """``np.dot`` of vectors and matrices, printed ``dot``.

    vector . vector -> scalar, matrix . vector -> vector, vector . matrix -> vector,
    matrix . matrix -> matrix; the dtype is the upcast of both inputs.  Higher ranks
    go through :func:`tensordot` (see :func:`dot`).
    """

    __props__ = ()

    def make_node(self, *inputs):
        x, y = _two_operands("theano.tensor.Dot", inputs, (1, 2), "theano.tensor.dot")
        bz = x.broadcastable[:-1] + y.broadcastable[1:]
        return Apply(self, [x, y], [TensorType(upcast(x.dtype, y.dtype), bz)()])

    def __str__(self):
        return "dot"

    def perform(self, node, inputs, output_storage):
        x, y = inputs
        output_storage[0][0] = np.asarray(np.dot(x, y), dtype=node.outputs[0].type.dtype)

    def infer_shape(self, fgraph, node, shapes):
        xshp, yshp = shapes
        return [tuple(xshp[:-1]) + tuple(yshp[1:])]

    def grad(self, inputs, output_grads):
        x, y = inputs
        (gz,) = output_grads
        if gz.ndim == 0:
            gx = gz * y
            gy = gz * x
        elif x.ndim == 1 and y.ndim == 2:
            gx = dot(gz, y.T)
            gy = outer(x.T, gz)
        elif x.ndim == 2 and y.ndim == 1:
            gx = outer(gz, y.T)
            gy = dot(x.T, gz)
        else:
            gx = dot(gz, y.T)
            gy = dot(x.T, gz)
        return [_like(gx, x), _like(gy, y)]


_dot = Dot()


class BatchedDot(_BilinearOp):
    """``out[i] = dot(x[i], y[i])`` for 2-d or 3-d inputs (batch on axis 0).

    Inputs are cast to their upcast dtype.  Batch sizes or inner lengths that differ
    raise ValueError at run time, naming both shapes.
    """

    __props__ = ()

    def make_node(self, *inputs):
        x, y = _two_operands("theano.tensor.blas.BatchedDot", inputs, (2, 3),
                             "theano.tensor.batched_dot")
        dtype = upcast(x.dtype, y.dtype)
        x, y = cast(x, dtype), cast(y, dtype)
        bz = (
            (x.broadcastable[0] or y.broadcastable[0],)
            + x.broadcastable[1:-1]
            + y.broadcastable[2:]
        )
        return Apply(self, [x, y], [TensorType(dtype, bz)()])

    def perform(self, node, inputs, output_storage):
        x, y = inputs
        output_storage[0][0] = _batched_dot_value(x, y)

    def infer_shape(self, fgraph, node, shapes):
        xshp, yshp = shapes
        return [(xshp[0],) + tuple(xshp[1:-1]) + tuple(yshp[2:])]

    def grad(self, inputs, output_grads):
        x, y = inputs
        (gz,) = output_grads
        if gz.ndim == 1:
            gx = gz.dimshuffle(0, "x") * y
            gy = gz.dimshuffle(0, "x") * x
        elif x.ndim == 2 and y.ndim == 3:
            gx = batched_dot(gz, y.dimshuffle(0, 2, 1))
            gy = x.dimshuffle(0, 1, "x") * gz.dimshuffle(0, "x", 1)
        elif x.ndim == 3 and y.ndim == 2:
            gx = gz.dimshuffle(0, 1, "x") * y.dimshuffle(0, "x", 1)
            gy = batched_dot(x.dimshuffle(0, 2, 1), gz)
        else:
            gx = batched_dot(gz, y.dimshuffle(0, 2, 1))
            gy = batched_dot(x.dimshuffle(0, 2, 1), gz)
        return [_like(gx, x), _like(gy, y)]


def _batched_dot_value(x, y):
    """NumPy value of BatchedDot (also called by the py backend)."""
    x = np.asarray(x)
    y = np.asarray(y)
    inner_y = y.shape[1]
    if x.shape[0] != y.shape[0] or x.shape[-1] != inner_y:
        what = "batch sizes" if x.shape[0] != y.shape[0] else "summation axis sizes"
        raise ValueError(
            f"BatchedDot: shape mismatch: {what} unequal. x.shape is {x.shape}, "
            f"y.shape is {y.shape}."
        )
    if x.ndim == 2:
        x = x[:, None, :]
        if y.ndim == 2:
            return np.matmul(x, y[:, :, None])[:, 0, 0]
        return np.matmul(x, y)[:, 0, :]
    if y.ndim == 2:
        return np.matmul(x, y[:, :, None])[:, :, 0]
    return np.matmul(x, y)


def dot(a, b):
    """Dot product with NumPy's ``dot`` meaning.

    A scalar operand gives the element-wise product; vectors and matrices use the
    Dot op; an operand of rank > 2 goes through ``tensordot(a, b, [[a.ndim - 1],
    [max(0, b.ndim - 2)]])``.  Mismatched inner lengths raise ValueError at run
    time naming both shapes.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.dot(T.fmatrix(), T.dvector()).type
    TensorType(float64, vector)
    """
    a = as_tensor_variable(a)
    b = as_tensor_variable(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.ndim > 2 or b.ndim > 2:
        return tensordot(a, b, [[a.ndim - 1], [max(0, b.ndim - 2)]])
    return _dot(a, b)


def outer(x, y):
    """Outer product of two vectors (other ranks are flattened first)."""
    x = as_tensor_variable(x)
    y = as_tensor_variable(y)
    if x.ndim != 1:
        x = x.flatten()
    if y.ndim != 1:
        y = y.flatten()
    return dot(x.dimshuffle(0, "x"), y.dimshuffle("x", 0))


def _prod_of(factors):
    """Symbolic product of int64 scalars (constant 1 when there are none)."""
    if not factors:
        return constant(np.int64(1))
    out = factors[0]
    for f in factors[1:]:
        out = out * f
    return out


def _shape_vector(entries):
    """An int64 vector of the symbolic scalars ``entries`` (possibly empty)."""
    from theano.tensor.join import MakeVector

    if not entries:
        return constant(np.zeros(0, dtype="int64"))
    return MakeVector("int64")(*entries)


def _tensordot_as_dot(a, b, axes, dot, batched):
    """Reduce a (batched) tensordot to a (batched) matrix/vector dot by shuffles and reshapes.

    ``axes`` is an int (the last ``axes`` dims of ``a`` with the first ``axes`` of
    ``b``, after the batch axis when ``batched``) or a pair of axis lists.
    """
    from theano.tensor.shape import reshape, shape_i

    a = as_tensor_variable(a)
    b = as_tensor_variable(b)
    if np.isscalar(axes):
        axes = int(axes)
        for name, operand in (("a", a), ("b", b)):
            if axes > operand.ndim:
                raise ValueError(
                    f"axes can not be larger than the dimension of {name} "
                    f"({name}.ndim={operand.ndim}, axes={axes})"
                )
            if batched and axes == operand.ndim:
                raise ValueError(
                    f"axes to sum over must not include the batch axis of {name} "
                    f"({name}.ndim={operand.ndim}, axes={axes})"
                )
        if axes < 0:
            raise ValueError(f"axes must be non-negative, got {axes}")
        batch = 1 if batched else 0
        a_out = list(range(a.ndim - axes))
        b_out = list(range(batch + axes, b.ndim))
        out_bcast = tuple(a.broadcastable[i] for i in a_out) + tuple(
            b.broadcastable[i] for i in b_out
        )
        out_shape = _shape_vector([shape_i(a, i) for i in a_out] + [shape_i(b, i) for i in b_out])
        a_shape = [
            _prod_of([shape_i(a, i) for i in range(batch, a.ndim - axes)]),
            _prod_of([shape_i(a, i) for i in range(a.ndim - axes, a.ndim)]),
        ]
        b_shape = [
            _prod_of([shape_i(b, i) for i in range(batch, batch + axes)]),
            _prod_of([shape_i(b, i) for i in range(batch + axes, b.ndim)]),
        ]
        if batched:
            a_shape.insert(0, shape_i(a, 0))
            b_shape.insert(0, shape_i(b, 0))
        a_2d = reshape(a, _shape_vector(a_shape), ndim=len(a_shape))
        b_2d = reshape(b, _shape_vector(b_shape), ndim=len(b_shape))
        out = reshape(dot(a_2d, b_2d), out_shape, ndim=len(out_bcast))
        return patternbroadcast(out, out_bcast)

    if isinstance(axes, Constant):
        axes = axes.data
    if len(axes) != 2:
        raise ValueError(
            f"Axes should be an integer or a list/tuple of len 2 ({axes!r} was provided)"
        )
    axes = [[int(i) for i in np.atleast_1d(np.asarray(ax))] for ax in axes]
    if len(axes[0]) != len(axes[1]):
        raise ValueError(f"Axes elements must have the same length, got {axes}")
    batch_axes = [0] if batched else []
    for i, (name, operand) in enumerate((("a", a), ("b", b))):
        if len(axes[i]) > operand.ndim:
            raise ValueError(
                f"axes[{i}] should be array_like with length less than the dimensions of "
                f"{name} ({name}.ndim={operand.ndim}, len(axes[{i}])={len(axes[i])})."
            )
        axes[i] = [ax + operand.ndim if ax < 0 else ax for ax in axes[i]]
        bad = [ax for ax in axes[i] if ax < 0 or ax >= operand.ndim]
        if bad:
            raise ValueError(
                f"axes[{i}] contains dimensions out of range for {name} "
                f"({name}.ndim={operand.ndim}, axes[{i}]={axes[i]})."
            )
        if len(set(axes[i])) != len(axes[i]):
            raise ValueError(f"axes[{i}] repeats a dimension: {axes[i]}")
        if batched and 0 in axes[i]:
            raise ValueError(
                f"axes to sum over must not contain the batch axis (axes[{i}]={axes[i]})"
            )
    other = [
        [d for d in range(op.ndim) if d not in axes[i] and d not in batch_axes]
        for i, op in enumerate((a, b))
    ]
    a_order = batch_axes + other[0] + axes[0]
    b_order = batch_axes + axes[1] + other[1]
    if a_order != list(range(a.ndim)):
        a = a.dimshuffle(a_order)
    if b_order != list(range(b.ndim)):
        b = b.dimshuffle(b_order)
    return _tensordot_as_dot(a, b, len(axes[0]), dot=dot, batched=batched)


def tensordot(a, b, axes=2):
    """Sum of products over the given axes, as ``numpy.tensordot``.

    Parameters
    ----------
    a, b : tensor-like
    axes : int or pair of lists of int
        An int ``n`` pairs the last ``n`` axes of ``a`` with the first ``n`` of ``b``;
        ``[[1, 2], [0, 1]]`` pairs axis 1 of ``a`` with axis 0 of ``b`` and 2 with 1.

    Returns
    -------
    A tensor with the non-summed axes of ``a`` followed by those of ``b``, computed
    by transposing and reshaping both to matrices around one ``dot``.  Paired axes
    of different lengths raise ValueError at run time.
    """
    return _tensordot_as_dot(a, b, axes, dot=dot, batched=False)


def batched_dot(a, b):
    """``batched_dot(a, b)[i] = dot(a[i], b[i])``.

    A vector operand gives a broadcast element-wise product; 2-d and 3-d operands
    use BatchedDot; higher ranks go through :func:`batched_tensordot`.
    """
    a = as_tensor_variable(a)
    b = as_tensor_variable(b)
    if a.ndim == 0:
        raise TypeError("batched_dot: a must have at least one (batch) axis")
    if b.ndim == 0:
        raise TypeError("batched_dot: b must have at least one (batch) axis")
    if a.ndim == 1:
        return a.dimshuffle(*([0] + ["x"] * (b.ndim - 1))) * b
    if b.ndim == 1:
        return a * b.dimshuffle(*([0] + ["x"] * (a.ndim - 1)))
    if a.ndim > 3 or b.ndim > 3:
        return batched_tensordot(a, b, [[a.ndim - 1], [max(1, b.ndim - 2)]])
    return BatchedDot()(a, b)


def batched_tensordot(x, y, axes=2):
    """:func:`tensordot` for each index of the first (batch) axis of ``x`` and ``y``.

    An int ``n`` pairs the last ``n`` axes of ``x`` with axes ``1..n`` of ``y``; a
    pair of lists names the axes, which must not include the batch axis 0.
    """
    return _tensordot_as_dot(x, y, axes, dot=batched_dot, batched=True)
