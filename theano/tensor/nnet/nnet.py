"""Neural-net ops: the softmax family, cross-entropies and activation functions.

Each op's NumPy meaning is one private kernel (``_softmax_kernel`` ...), shared by
``perform`` and the py backend's renderers.  All kernels subtract the row maximum
before exponentiating, so logits of +-1000 give finite values and gradients.
"""

import os
import sys
import warnings

import numpy as np

from theano import scalar as scal
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.scalar.basic import UnaryScalarOp, _is_discrete, _zero_grads
from theano.tensor.alloc import arange, zeros, zeros_like
from theano.tensor.basic import as_tensor_variable, cast
from theano.tensor.elemwise import DimShuffle, Elemwise, _elemwise_of
from theano.tensor.math import abs_, eq, exp, expm1, log, switch
from theano.tensor.nnet.sigm import softplus
from theano.tensor.reduction import max_and_argmax
from theano.tensor.reduction import sum as tsum
from theano.tensor.shape import shape_padleft
from theano.tensor.type import TensorType

_FLOATS = ("float16", "float32", "float64")
_INTS = scal.integer_dtypes
_PKG_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep


def _warn_user(message):
    """``warnings.warn`` attributed to the first frame outside the theano package."""
    level = 2  # 1 is this function, 2 its caller
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PKG_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, stacklevel=level)


def _check(cond, exc, op, pos, name, expected, var):
    if not cond:
        raise exc(f"{op}: input {pos} ({name}) must be {expected}; got {var.type}")


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def _is_dead(g):
    """True for a missing, disconnected or all-zeros (``zeros_like``) output gradient."""
    from theano.gradient import DisconnectedType

    if g is None or isinstance(g.type, DisconnectedType):
        return True
    node = g.owner
    if node is None or not isinstance(node.op, Elemwise) or node.op.scalar_op != scal.second:
        return False
    fill = node.inputs[1]
    while fill.owner is not None and isinstance(fill.owner.op, DimShuffle):
        fill = fill.owner.inputs[0]
    return isinstance(fill, Constant) and not np.any(fill.data)


def _compute_dtype(dtype):
    """float16 is computed in float32 (too imprecise otherwise), like Theano."""
    return "float32" if dtype == "float16" else dtype


def _check_labels(y_idx, n_rows, n_cols, opname):
    if y_idx.shape[0] != n_rows:
        raise ValueError(
            f"{opname}: y_idx has {y_idx.shape[0]} labels but the matrix has {n_rows} rows"
        )
    if y_idx.size and (y_idx.min() < 0 or y_idx.max() >= n_cols):
        bad = y_idx[(y_idx < 0) | (y_idx >= n_cols)][0]
        raise ValueError(
            f"{opname}: y_idx value out of bounds: label {bad} for a matrix with {n_cols} "
            f"columns (labels must lie in [0, {n_cols}))"
        )


# -- NumPy kernels (the meaning of each op; the py backend calls them directly) ------------


def _softmax_kernel(x, dtype):
    """Row-wise softmax of the 2-d ``x``, returned as ``dtype``."""
    work = _compute_dtype(dtype)
    x = np.asarray(x, dtype=work)
    e = x - x.max(axis=1, keepdims=True, initial=-np.inf)
    np.exp(e, out=e)
    e /= e.sum(axis=1, keepdims=True)
    return e.astype(dtype, copy=False)


def _softmax_with_bias_kernel(x, b, dtype):
    work = _compute_dtype(dtype)
    if b.shape[0] != x.shape[1]:
        raise ValueError(
            f"SoftmaxWithBias: b has {b.shape[0]} entries but x has {x.shape[1]} columns"
        )
    e = np.add(x, b, dtype=work)
    e -= e.max(axis=1, keepdims=True, initial=-np.inf)
    np.exp(e, out=e)
    e /= e.sum(axis=1, keepdims=True)
    return e.astype(dtype, copy=False)


def _logsoftmax_kernel(x, dtype):
    """Row-wise ``x - max - log(sum(exp(x - max)))``."""
    work = _compute_dtype(dtype)
    x = np.asarray(x, dtype=work)
    xdev = x - x.max(axis=1, keepdims=True, initial=-np.inf)
    lse = np.log(np.exp(xdev).sum(axis=1, keepdims=True))
    xdev -= lse
    return xdev.astype(dtype, copy=False)


def _softmax_grad_kernel(dy, sm, dtype):
    """``dx = dy * sm - sum(dy * sm, axis=1) * sm`` (row-wise)."""
    dx = np.multiply(dy, sm, dtype=_compute_dtype(dtype))
    dx -= dx.sum(axis=1, keepdims=True) * sm
    return dx.astype(dtype, copy=False)


def _xent_softmax_argmax_kernel(x, b, y_idx, dtype):
    """``(nll, softmax(x + b), argmax(x + b))`` row-wise, computed from the logits."""
    n, k = x.shape
    if b.shape[0] != k:
        raise ValueError(
            f"CrossentropySoftmaxArgmax1HotWithBias: b has {b.shape[0]} entries but x has "
            f"{k} columns"
        )
    _check_labels(y_idx, n, k, "CrossentropySoftmaxArgmax1HotWithBias")
    if n == 0:
        return (np.zeros(0, dtype=dtype), np.zeros(x.shape, dtype=dtype),
                np.zeros(0, dtype=y_idx.dtype))
    rows = np.arange(n)
    e = np.add(x, b, dtype=_compute_dtype(dtype))
    am = e.argmax(axis=1)
    m = e[rows, am]
    picked = e[rows, y_idx]
    e -= m[:, None]
    np.exp(e, out=e)
    s = e.sum(axis=1)
    e /= s[:, None]
    # -log(softmax(x)[y]) = max - x[y] + log(sum(exp(x - max)))
    nll = (m - picked) + np.log(s)
    return (nll.astype(dtype, copy=False), e.astype(dtype, copy=False),
            am.astype(y_idx.dtype, copy=False))


def _xent_softmax_dx_kernel(dy, sm, y_idx, dtype):
    """Gradient of the nll wrt the logits: ``dy[i] * (sm[i] - onehot(y_idx[i]))``."""
    n, k = sm.shape
    _check_labels(y_idx, n, k, "CrossentropySoftmax1HotWithBiasDx")
    dy = np.asarray(dy)
    if dy.ndim == 1 and dy.shape[0] not in (1, n):
        raise ValueError(
            f"CrossentropySoftmax1HotWithBiasDx: dy has {dy.shape[0]} entries but sm has "
            f"{n} rows"
        )
    dy_col = dy[:, None] if dy.ndim == 1 else dy
    dx = np.multiply(sm, dy_col, dtype=_compute_dtype(dtype))
    dx[np.arange(n), y_idx] -= dy if dy.ndim == 0 or dy.shape[0] == n else dy[0]
    return dx.astype(dtype, copy=False)


def _xent_1hot_kernel(coding, one_of_n, dtype):
    """``-log(coding[i, one_of_n[i]])`` for each row ``i``."""
    n, k = coding.shape
    _check_labels(one_of_n, n, k, "CrossentropyCategorical1Hot")
    return (-np.log(coding[np.arange(n), one_of_n])).astype(dtype, copy=False)


def _xent_1hot_grad_kernel(g_y, coding, one_of_n, dtype):
    """Zero except ``-g_y[i] / coding[i, one_of_n[i]]`` at each row's label."""
    n, k = coding.shape
    _check_labels(one_of_n, n, k, "CrossentropyCategorical1HotGrad")
    g = np.zeros(coding.shape, dtype=dtype)
    rows = np.arange(n)
    g[rows, one_of_n] = -g_y / coding[rows, one_of_n]
    return g


# -- softmax ----------------------------------------------------------------------------


def _as_row_matrix(op, x, what="x"):
    """``x`` as a float matrix; a vector becomes a 1xN row, with Theano's warning."""
    x = as_tensor_variable(x)
    _check(x.ndim in (1, 2) and x.dtype in _FLOATS, ValueError, op, 0, what,
           "a 1-d or 2-d tensor of floats", x)
    if x.ndim == 1:
        _warn_user(
            f"DEPRECATION: If x is a vector, {op} will not automatically pad x anymore in "
            "next releases. If you need it, please do it manually. The vector case is gonna "
            "be supported soon and the output will be a vector."
        )
        x = shape_padleft(x, 1)
    return x


class Softmax(Op):
    """Row-wise softmax ``exp(x) / sum(exp(x), axis=1)`` of a float matrix.

    A vector is treated as a 1xN row (deprecated in Theano 1.0): the output is a row.
    """

    nin = 1
    nout = 1
    __props__ = ()

    def make_node(self, x):
        x = _as_row_matrix("Softmax", x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = _softmax_kernel(inputs[0], node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        return [softmax_grad(output_grads[0], outputs[0])]

    def R_op(self, inputs, eval_points):
        # The Jacobian diag(s) - s s^T is symmetric: R_op is the L_op.
        if eval_points[0] is None:
            return [None]
        return [softmax_grad(eval_points[0], self(*inputs))]


softmax_op = Softmax()


class SoftmaxWithBias(Op):
    """Row-wise ``softmax(x + b)`` for a float matrix ``x`` and a float vector ``b``."""

    nin = 2
    nout = 1
    __props__ = ()

    def make_node(self, x, b):
        x = as_tensor_variable(x)
        b = as_tensor_variable(b)
        _check(x.ndim == 2 and x.dtype in _FLOATS, ValueError, "SoftmaxWithBias", 0, "x",
               "a 2-d tensor of floats", x)
        _check(b.ndim == 1 and b.dtype in _FLOATS, ValueError, "SoftmaxWithBias", 1, "b",
               "a 1-d tensor of floats", b)
        return Apply(self, [x, b], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        x, b = inputs
        output_storage[0][0] = _softmax_with_bias_kernel(x, b, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        (g_sm,) = output_grads
        from theano.gradient import DisconnectedType

        if isinstance(g_sm.type, DisconnectedType):
            return [_disconnected(), _disconnected()]
        dx = softmax_grad(g_sm, outputs[0])
        db = tsum(dx, axis=0)
        return [dx, _cast_like(db, inputs[1])]

    def R_op(self, inputs, eval_points):
        vx, vb = eval_points
        if vx is None and vb is None:
            return [None]
        if vx is None:
            v = shape_padleft(vb, 1) + zeros_like(inputs[0])
        elif vb is None:
            v = vx
        else:
            v = vx + vb
        return [softmax_grad(v, self(*inputs))]


softmax_with_bias = SoftmaxWithBias()


def _cast_like(g, x):
    return g if g.dtype == x.dtype else cast(g, x.dtype)


class SoftmaxGrad(Op):
    """Gradient of the softmax wrt its input: ``dy * sm - sum(dy * sm, axis=1) * sm``."""

    nin = 2
    nout = 1
    __props__ = ()

    def make_node(self, dy, sm):
        dy = as_tensor_variable(dy)
        sm = as_tensor_variable(sm)
        _check(dy.ndim in (1, 2) and dy.dtype in _FLOATS, ValueError, "SoftmaxGrad", 0, "dy",
               "a 1-d or 2-d tensor of floats", dy)
        _check(sm.ndim in (1, 2) and sm.dtype in _FLOATS, ValueError, "SoftmaxGrad", 1, "sm",
               "a 1-d or 2-d tensor of floats", sm)
        if dy.ndim == 1:
            dy = shape_padleft(dy, 1)
        if sm.ndim == 1:
            sm = shape_padleft(sm, 1)
        return Apply(self, [dy, sm], [sm.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[1]]

    def perform(self, node, inputs, output_storage):
        dy, sm = inputs
        output_storage[0][0] = _softmax_grad_kernel(dy, sm, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # dx = dy*sm - sum(dy*sm)*sm, so with t = g - sum(g*sm):
        # d/d dy = t * sm;  d/d sm = t * dy - g * sum(dy*sm)
        dy, sm = inputs
        (g,) = output_grads
        t = g - tsum(g * sm, axis=1, keepdims=True)
        g_dy = t * sm
        g_sm = t * dy - g * tsum(dy * sm, axis=1, keepdims=True)
        return [_cast_like(g_dy, dy), _cast_like(g_sm, sm)]


softmax_grad = SoftmaxGrad()


class LogSoftmax(Op):
    """Row-wise ``log(softmax(x))``, computed as ``x - max - log(sum(exp(x - max)))``."""

    nin = 1
    nout = 1
    __props__ = ()

    def make_node(self, x):
        x = _as_row_matrix("LogSoftmax", x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = _logsoftmax_kernel(inputs[0], node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # d logsoftmax_j / dx_k = [j == k] - softmax_k
        (x,) = inputs
        (g,) = output_grads
        return [g - tsum(g, axis=1, keepdims=True) * softmax_op(x)]

    def R_op(self, inputs, eval_points):
        (v,) = eval_points
        if v is None:
            return [None]
        sm = softmax_op(inputs[0])
        return [v - tsum(sm * v, axis=1, keepdims=True)]


logsoftmax_op = LogSoftmax()


def softmax_graph(c):
    """Softmax over the last axis written with ``exp`` and ``sum`` (no stabilisation)."""
    c = as_tensor_variable(c)
    e = exp(c)
    return e / e.sum(axis=-1, keepdims=True)


def softmax(c):
    """Row-wise softmax of a float matrix: ``exp(c) / exp(c).sum(axis=1)``, stabilised.

    Parameters
    ----------
    c : matrix of floats (a vector is treated as a 1xN row, with a deprecation warning)

    Returns
    -------
    TensorVariable
        Same type as ``c`` (a row for a vector input); each row sums to 1.  Computed
        after subtracting the row maximum, so logits of +-1000 give 0 and 1, not nan.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.nnet.softmax(T.constant(np.array([[1., 2., 3.]]))).eval().round(4)
    array([[0.09  , 0.2447, 0.6652]])
    """
    c = as_tensor_variable(c)
    if c.ndim and c.broadcastable[-1]:
        _warn_user(
            "The softmax is applied on a dimension of shape 1, which does not have a "
            "semantic meaning."
        )
    return softmax_op(c)


def logsoftmax(c):
    """Row-wise ``log(softmax(c))``, computed stably (finite at logits of +-1000).

    Same input rules and output type as ``softmax``.
    """
    return logsoftmax_op(c)


# -- cross-entropy with softmax, from the logits -----------------------------------------


class CrossentropySoftmaxArgmax1HotWithBias(Op):
    """From logits ``x``, bias ``b`` and integer labels ``y_idx``: three outputs.

    ``nll[i] = -log(softmax(x + b)[i, y_idx[i]])`` (computed from the logits, so it stays
    finite when the probability underflows), ``softmax(x + b)``, and ``argmax(x + b)``
    row-wise (with ``y_idx``'s dtype).
    """

    nin = 3
    nout = 3
    __props__ = ()

    def make_node(self, x, b, y_idx):
        x = as_tensor_variable(x)
        b = as_tensor_variable(b)
        y_idx = as_tensor_variable(y_idx)
        name = "CrossentropySoftmaxArgmax1HotWithBias"
        _check(x.ndim == 2 and x.dtype in _FLOATS, ValueError, name, 0, "x",
               "a 2-d tensor of floats", x)
        _check(b.ndim == 1 and b.dtype in _FLOATS, ValueError, name, 1, "b",
               "a 1-d tensor of floats", b)
        _check(y_idx.ndim == 1 and y_idx.dtype in _INTS, ValueError, name, 2, "y_idx",
               "a 1-d tensor of [u]ints", y_idx)
        nll = TensorType(x.dtype, y_idx.broadcastable)()
        return Apply(self, [x, b, y_idx], [nll, x.type(), y_idx.type()])

    def infer_shape(self, fgraph, node, shapes):
        x_shp, _, idx_shp = shapes
        return [(x_shp[0],), x_shp, idx_shp]

    def connection_pattern(self, node):
        return [[True, True, True], [True, True, True], [False, False, True]]

    def perform(self, node, inputs, output_storage):
        x, b, y_idx = inputs
        results = _xent_softmax_argmax_kernel(x, b, y_idx, node.outputs[0].dtype)
        for storage, value in zip(output_storage, results):
            storage[0] = value

    def L_op(self, inputs, outputs, output_grads):
        x, b, y_idx = inputs
        g_nll, g_sm, _ = output_grads  # argmax is piecewise constant
        dx_terms = []
        db_terms = []
        if not _is_dead(g_nll):
            dx = crossentropy_softmax_1hot_with_bias_dx(g_nll, outputs[1], y_idx)
            dx_terms.append(dx)
            db_terms.append(tsum(dx, axis=0))
        if not _is_dead(g_sm):
            dx, db = softmax_with_bias.L_op([x, b], [outputs[1]], [g_sm])
            dx_terms.append(dx)
            db_terms.append(db)
        if not dx_terms:
            return [zeros_like(x), zeros_like(b), _disconnected()]
        dx = dx_terms[0] if len(dx_terms) == 1 else dx_terms[0] + dx_terms[1]
        db = db_terms[0] if len(db_terms) == 1 else db_terms[0] + db_terms[1]
        return [_cast_like(dx, x), _cast_like(db, b), _disconnected()]


class CrossentropySoftmax1HotWithBiasDx(Op):
    """Gradient of the nll above wrt the logits: ``dy[i] * (sm[i] - onehot(y_idx[i]))``.

    ``dy`` is a vector (one entry per row, or one for all) or a scalar.
    """

    nin = 3
    nout = 1
    __props__ = ()

    def make_node(self, dy, sm, y_idx, **kwargs):
        dy = as_tensor_variable(dy)
        sm = as_tensor_variable(sm)
        y_idx = as_tensor_variable(y_idx)
        name = "CrossentropySoftmax1HotWithBiasDx"
        _check(dy.ndim <= 1 and dy.dtype in _FLOATS, ValueError, name, 0, "dy",
               "a 0-d or 1-d tensor of floats", dy)
        _check(sm.ndim == 2 and sm.dtype in _FLOATS, ValueError, name, 1, "sm",
               "a 2-d tensor of floats", sm)
        _check(y_idx.ndim == 1 and y_idx.dtype in _INTS, ValueError, name, 2, "y_idx",
               "a 1-d tensor of [u]ints", y_idx)
        return Apply(self, [dy, sm, y_idx], [sm.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[1]]

    def perform(self, node, inputs, output_storage):
        dy, sm, y_idx = inputs
        output_storage[0][0] = _xent_softmax_dx_kernel(dy, sm, y_idx, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import grad_not_implemented

        dy, sm, y_idx = inputs
        (g_dx,) = output_grads
        # dx[i, j] = dy[i] * (sm[i, j] - [j == y_i])
        rows = arange(y_idx.shape[0])
        g_dy = tsum(g_dx * sm, axis=1) - g_dx[rows, y_idx]
        if dy.ndim == 0:
            g_dy = tsum(g_dy)
            g_sm = dy * g_dx
        else:
            if dy.broadcastable[0]:
                g_dy = tsum(g_dy, keepdims=True)
            g_sm = dy.dimshuffle(0, "x") * g_dx
        return [_cast_like(g_dy, dy), _cast_like(g_sm, sm),
                grad_not_implemented(self, 2, y_idx)]


crossentropy_softmax_argmax_1hot_with_bias = CrossentropySoftmaxArgmax1HotWithBias()
crossentropy_softmax_1hot_with_bias_dx = CrossentropySoftmax1HotWithBiasDx()


def _zero_bias(x):
    """Zeros, one per column of ``x``; built from ``x.shape`` so no gradient flows back."""
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-d tensor of floats (the logits); got {x.type}")
    return zeros((x.shape[1],), dtype=x.dtype)


def crossentropy_softmax_1hot_with_bias(x, b, y_idx, **kwargs):
    """``(nll, softmax(x + b))`` for integer labels ``y_idx``, computed from the logits.

    Parameters
    ----------
    x : float matrix of logits (one row per example)
    b : float vector (one bias per column)
    y_idx : integer vector of class indices, one per row

    Returns
    -------
    list of 2 TensorVariables
        The per-row negative log-likelihood (a vector of ``x``'s dtype) and the softmax.
    """
    return crossentropy_softmax_argmax_1hot_with_bias(x, b, y_idx, **kwargs)[0:2]


def crossentropy_softmax_1hot(x, y_idx, **kwargs):
    """``(nll, softmax(x))`` for integer labels ``y_idx``, computed stably from the logits.

    ``nll[i] = -log(softmax(x)[i, y_idx[i]])``; finite even at logits of +-1000 (where
    ``categorical_crossentropy(softmax(x), y_idx)`` written naively is ``inf``).

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> x = T.constant(np.array([[1000., -1000.]]))
    >>> T.nnet.crossentropy_softmax_1hot(x, T.constant(np.array([1])))[0].eval()
    array([2000.])
    """
    x = as_tensor_variable(x)
    return crossentropy_softmax_1hot_with_bias(x, _zero_bias(x), y_idx, **kwargs)


def crossentropy_softmax_max_and_argmax_1hot_with_bias(x, b, y_idx, **kwargs):
    """``(nll, softmax(x + b), max probability, argmax)`` row-wise."""
    xent, sm = crossentropy_softmax_1hot_with_bias(x, b, y_idx, **kwargs)
    max_pr, argmax = max_and_argmax(sm, axis=-1)
    return (xent, sm, max_pr, argmax)


def crossentropy_softmax_max_and_argmax_1hot(x, y_idx, **kwargs):
    """``(nll, softmax(x), max probability, argmax)`` row-wise."""
    x = as_tensor_variable(x)
    return crossentropy_softmax_max_and_argmax_1hot_with_bias(x, _zero_bias(x), y_idx,
                                                              **kwargs)


# -- categorical cross-entropy on probabilities ------------------------------------------


class CrossentropyCategorical1HotGrad(Op):
    """Gradient of ``CrossentropyCategorical1Hot`` wrt the coding distribution."""

    __props__ = ()

    def make_node(self, g_y, coding_dist, true_one_of_n):
        g_y = as_tensor_variable(g_y)
        coding_dist = as_tensor_variable(coding_dist)
        true_one_of_n = as_tensor_variable(true_one_of_n)
        return Apply(self, [g_y, coding_dist, true_one_of_n], [coding_dist.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[1]]

    def perform(self, node, inputs, output_storage):
        g_y, coding, one_of_n = inputs
        output_storage[0][0] = _xent_1hot_grad_kernel(g_y, coding, one_of_n,
                                                      node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import grad_not_implemented

        # out[i, t_i] = -g_y[i] / c[i, t_i], zero elsewhere; with G the output gradient:
        # d/d g_y[i] = -G[i, t_i] / c[i, t_i];  d/d c[i, t_i] = G[i, t_i] g_y[i] / c[i, t_i]**2
        g_y, coding, one_of_n = inputs
        (g_out,) = output_grads
        rows = arange(one_of_n.shape[0])
        picked_c = coding[rows, one_of_n]
        picked_g = g_out[rows, one_of_n]
        g_g_y = -picked_g / picked_c
        # the op itself scatters -a / c[i, t_i]: choose a = -G g_y / c
        g_coding = self(-picked_g * g_y / picked_c, coding, one_of_n)
        return [_cast_like(g_g_y, g_y), g_coding, grad_not_implemented(self, 2, one_of_n)]


crossentropy_categorical_1hot_grad = CrossentropyCategorical1HotGrad()


class CrossentropyCategorical1Hot(Op):
    """``y[i] = -log(coding_dist[i, true_one_of_n[i]])`` for a matrix of probabilities.

    Applied to the output of a softmax it underflows to ``inf`` at extreme logits; use
    ``crossentropy_softmax_1hot`` on the logits instead (the stabilising rewrite does it
    for you in compiled graphs).
    """

    __props__ = ()

    def make_node(self, coding_dist, true_one_of_n):
        coding = as_tensor_variable(coding_dist)
        one_of_n = as_tensor_variable(true_one_of_n)
        name = "CrossentropyCategorical1Hot"
        _check(coding.ndim == 2 and coding.dtype in _FLOATS, TypeError, name, 0,
               "coding_dist", "a matrix of floats", coding)
        _check(one_of_n.ndim == 1 and one_of_n.dtype in _INTS, TypeError, name, 1,
               "true_one_of_n", "an integer vector (lvector or ivector)", one_of_n)
        out = TensorType(coding.dtype, (False,))()
        return Apply(self, [coding, one_of_n], [out])

    def infer_shape(self, fgraph, node, shapes):
        return [(shapes[0][0],)]

    def perform(self, node, inputs, output_storage):
        coding, one_of_n = inputs
        output_storage[0][0] = _xent_1hot_kernel(coding, one_of_n, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import grad_not_implemented

        coding, one_of_n = inputs
        (g_y,) = output_grads
        return [crossentropy_categorical_1hot_grad(g_y, coding, one_of_n),
                grad_not_implemented(self, 1, one_of_n)]


crossentropy_categorical_1hot = CrossentropyCategorical1Hot()


def categorical_crossentropy(coding_dist, true_dist):
    """Cross-entropy ``-sum(p * log(q))`` between each row of two distributions.

    Parameters
    ----------
    coding_dist : float matrix
        The approximating distribution ``q`` (e.g. a softmax output), one per row.
    true_dist : float matrix, or integer vector
        The true distribution ``p`` (same shape as ``coding_dist``), or the index of the
        1 of a one-hot ``p`` for each row.

    Returns
    -------
    TensorVariable
        A vector (one value per row).  With integer labels this is
        ``-log(coding_dist[arange(n), true_dist])`` (``CrossentropyCategorical1Hot``).

    Raises
    ------
    TypeError
        When ``true_dist`` has neither the rank of ``coding_dist`` nor one less.
    """
    coding_dist = as_tensor_variable(coding_dist)
    true_dist = as_tensor_variable(true_dist)
    if true_dist.ndim == coding_dist.ndim:
        return -tsum(true_dist * log(coding_dist), axis=coding_dist.ndim - 1)
    if true_dist.ndim == coding_dist.ndim - 1:
        return crossentropy_categorical_1hot(coding_dist, true_dist)
    raise TypeError(
        f"categorical_crossentropy: rank mismatch between coding and true distributions "
        f"(coding_dist has {coding_dist.ndim} dimensions, true_dist {true_dist.ndim}; "
        f"expected {coding_dist.ndim} for a distribution or {coding_dist.ndim - 1} for "
        f"integer labels)"
    )


def binary_crossentropy(output, target):
    """Element-wise ``-(target * log(output) + (1 - target) * log(1 - output))``.

    ``output`` must lie strictly in (0, 1); for logits use ``sigmoid_binary_crossentropy``.
    """
    output = as_tensor_variable(output)
    target = as_tensor_variable(target)
    return -(target * log(output) + (1.0 - target) * log(1.0 - output))


def sigmoid_binary_crossentropy(output, target):
    """``binary_crossentropy(sigmoid(output), target)`` computed stably from the logits.

    Written ``target * softplus(-output) + (1 - target) * softplus(output)``: finite for
    any logit, and its gradient is exactly ``sigmoid(output) - target`` wrt ``output`` and
    ``-output`` wrt ``target``.
    """
    output = as_tensor_variable(output)
    target = as_tensor_variable(target)
    return target * softplus(-output) + (1 - target) * softplus(output)


# -- activations -------------------------------------------------------------------------


def relu(x, alpha=0):
    """Element-wise rectifier ``max(x, 0)``; with ``alpha``, the leaky ``x if x > 0 else alpha*x``.

    Parameters
    ----------
    x : tensor-like
    alpha : scalar or tensor (e.g. a shared variable broadcastable against ``x``)
        Slope for negative inputs: 0 gives the rectifier, 1 the identity.

    Returns
    -------
    TensorVariable
        ``0.5 * (x + |x|)`` when ``alpha`` is 0, else ``0.5 (1 + alpha) x + 0.5 (1 - alpha)
        |x|`` (Theano's formulation: its gradient at exactly 0 is ``(1 + alpha) / 2``).
    """
    x = as_tensor_variable(x)
    if not isinstance(alpha, Variable) and np.all(np.asarray(alpha) == 0):
        return 0.5 * (x + abs_(x))
    alpha = as_tensor_variable(alpha)
    f1 = 0.5 * (1 + alpha)
    f2 = 0.5 * (1 - alpha)
    return f1 * x + f2 * abs_(x)


def elu(x, alpha=1):
    """Element-wise exponential linear unit: ``x`` if ``x > 0`` else ``alpha * expm1(x)``."""
    x = as_tensor_variable(x)
    return switch(x > 0, x, alpha * expm1(x))


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(x):
    """Element-wise scaled ELU: ``1.0507... * elu(x, 1.6732...)`` (Klambauer et al., 2017)."""
    return _SELU_SCALE * elu(x, _SELU_ALPHA)


class ScalarSoftsign(UnaryScalarOp):
    """``x / (1 + |x|)``."""

    def impl(self, x):
        x = scal.basic._float_in(x)
        return x / (1 + np.abs(x))

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        # d/dx x / (1 + |x|) = 1 / (1 + |x|)**2
        (x,) = inputs
        d = scal.add(scal.basic._const(1, outputs[0]), scal.abs_(x))
        return [scal.true_div(output_grads[0], scal.sqr(d))]


scalar_softsign = ScalarSoftsign(scal.upgrade_to_float, name="scalar_softsign")
softsign = Elemwise(scalar_softsign, name="softsign")
softsign.__doc__ = "Element-wise ``x / (1 + |x|)`` (float dtype rule of ``sigmoid``)."
_elemwise_of[scalar_softsign] = softsign


# -- prepending a column -----------------------------------------------------------------


def _check_matrix(op, mat):
    if mat.type.broadcastable != (False, False):
        raise TypeError(f"{op}: expected a matrix as input, got {mat.type}")


class Prepend_scalar_constant_to_each_row(Op):
    """Prepend a column filled with the constant ``val`` to a matrix."""

    __props__ = ()

    def __init__(self, val=0):
        if isinstance(val, float):
            val = scal.constant(val)
        self.val = val

    def __str__(self):
        return f"{type(self).__name__}{{{self._value()}}}"

    def __eq__(self, other):
        return type(self) is type(other) and self._value() == other._value()

    def __hash__(self):
        return hash((type(self), self._value()))

    def _value(self):
        return float(getattr(self.val, "data", self.val))

    def make_node(self, mat):
        mat = as_tensor_variable(mat)
        _check_matrix(self, mat)
        return Apply(self, [mat], [mat.type()])

    def infer_shape(self, fgraph, node, shapes):
        (shp,) = shapes
        return [(shp[0], shp[1] + 1)]

    def perform(self, node, inputs, output_storage):
        (mat,) = inputs
        out = np.empty((mat.shape[0], mat.shape[1] + 1), dtype=node.outputs[0].dtype)
        out[:, 0] = self._value()
        out[:, 1:] = mat
        output_storage[0][0] = out

    def L_op(self, inputs, outputs, output_grads):
        return [output_grads[0][:, 1:]]


class Prepend_scalar_to_each_row(Op):
    """``prepend_scalar_to_each_row(val, mat)``: prepend a column filled with ``val``."""

    __props__ = ()

    def make_node(self, val, mat):
        mat = as_tensor_variable(mat)
        val = as_tensor_variable(val)
        _check_matrix(self, mat)
        if val.ndim != 0:
            raise TypeError(f"{self}: input 0 (val) must be a scalar; got {val.type}")
        return Apply(self, [val, mat], [mat.type()])

    def infer_shape(self, fgraph, node, shapes):
        shp = shapes[1]
        return [(shp[0], shp[1] + 1)]

    def perform(self, node, inputs, output_storage):
        val, mat = inputs
        out = np.empty((mat.shape[0], mat.shape[1] + 1), dtype=node.outputs[0].dtype)
        out[:, 0] = val
        out[:, 1:] = mat
        output_storage[0][0] = out

    def L_op(self, inputs, outputs, output_grads):
        val = inputs[0]
        (g,) = output_grads
        return [_cast_like(tsum(g[:, 0]), val), g[:, 1:]]


prepend_scalar_to_each_row = Prepend_scalar_to_each_row()
prepend_0_to_each_row = Prepend_scalar_constant_to_each_row(0.0)
prepend_1_to_each_row = Prepend_scalar_constant_to_each_row(1.0)


# -- confusion matrix ----------------------------------------------------------------------


def confusion_matrix(actual, pred):
    """Confusion matrix of two label vectors, and the sorted labels indexing it.

    Parameters
    ----------
    actual, pred : 1-d tensors of labels

    Returns
    -------
    list of 2 TensorVariables
        ``conf_mat`` (int64; rows are actual labels, columns predicted ones) and
        ``order`` (the sorted distinct labels of both vectors).
    """
    actual = as_tensor_variable(actual)
    pred = as_tensor_variable(pred)
    if actual.ndim != 1:
        raise ValueError("confusion_matrix: actual must be 1-d tensor variable")
    if pred.ndim != 1:
        raise ValueError("confusion_matrix: pred must be 1-d tensor variable")
    from theano.tensor.dot import dot
    from theano.tensor.extra_ops import Unique
    from theano.tensor.join import concatenate

    order = Unique(False, False, False)(concatenate([actual, pred]))
    one_hot_a = cast(eq(actual.dimshuffle(0, "x"), order), "int64")
    one_hot_p = cast(eq(pred.dimshuffle(0, "x"), order), "int64")
    return [dot(one_hot_a.T, one_hot_p), order]


def h_softmax(*args, **kwargs):
    """Two-level hierarchical softmax (Theano 1.0): not implemented yet."""
    raise NotImplementedError(
        "theano.tensor.nnet.h_softmax is not implemented in this reimplementation yet"
    )


__all__ = [
    "CrossentropyCategorical1Hot",
    "CrossentropyCategorical1HotGrad",
    "CrossentropySoftmax1HotWithBiasDx",
    "CrossentropySoftmaxArgmax1HotWithBias",
    "LogSoftmax",
    "Prepend_scalar_constant_to_each_row",
    "Prepend_scalar_to_each_row",
    "ScalarSoftsign",
    "Softmax",
    "SoftmaxGrad",
    "SoftmaxWithBias",
    "binary_crossentropy",
    "categorical_crossentropy",
    "confusion_matrix",
    "crossentropy_categorical_1hot",
    "crossentropy_categorical_1hot_grad",
    "crossentropy_softmax_1hot",
    "crossentropy_softmax_1hot_with_bias",
    "crossentropy_softmax_1hot_with_bias_dx",
    "crossentropy_softmax_argmax_1hot_with_bias",
    "crossentropy_softmax_max_and_argmax_1hot",
    "crossentropy_softmax_max_and_argmax_1hot_with_bias",
    "elu",
    "h_softmax",
    "logsoftmax",
    "logsoftmax_op",
    "prepend_0_to_each_row",
    "prepend_1_to_each_row",
    "prepend_scalar_to_each_row",
    "relu",
    "scalar_softsign",
    "selu",
    "sigmoid_binary_crossentropy",
    "softmax",
    "softmax_grad",
    "softmax_graph",
    "softmax_op",
    "softmax_with_bias",
    "softsign",
]
