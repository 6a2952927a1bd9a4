"""Linear algebra on numpy.linalg: inverses, determinant, eigen/SVD/QR, diagonals, trace, norms."""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.scalar.basic import complex_dtypes, discrete_dtypes, upcast
from theano.tensor.alloc import identity_like, zeros_like
from theano.tensor.basic import as_tensor_variable
from theano.tensor.dot import dot
from theano.tensor.math import abs_, clip, minimum, neq
from theano.tensor.reduction import max as _max
from theano.tensor.reduction import min as _min
from theano.tensor.reduction import sum as _sum
from theano.tensor.subtensor import set_subtensor
from theano.tensor.type import TensorType

__all__ = [
    "MatrixPinv",
    "pinv",
    "MatrixInverse",
    "matrix_inverse",
    "matrix_dot",
    "ExtractDiag",
    "extract_diag",
    "diagonal",
    "AllocDiag",
    "alloc_diag",
    "diag",
    "trace",
    "Det",
    "det",
    "Eig",
    "eig",
    "Eigh",
    "EighGrad",
    "eigh",
    "QRFull",
    "QRIncomplete",
    "qr",
    "SVD",
    "svd",
    "lstsq",
    "matrix_power",
    "norm",
    "TensorInv",
    "tensorinv",
    "TensorSolve",
    "tensorsolve",
]


# ----------------------------------------------------------------------------------
# Helpers shared by the ops of this module and theano.tensor.slinalg


def _as_ndim(opname, x, ndim, what="input"):
    """``x`` as a tensor variable of ``ndim`` dimensions, else a TypeError naming ``opname``."""
    x = as_tensor_variable(x)
    if x.ndim != ndim:
        kind = {1: "a vector", 2: "a matrix"}.get(ndim, f"{ndim} dimensions")
        raise TypeError(
            f"{opname}: {what} must be {kind} ({ndim} dimensions), got {x.type} "
            f"with {x.ndim} dimensions"
        )
    return x


def _as_matrix(opname, x, what="input"):
    return _as_ndim(opname, x, 2, what)


def _linalg_dtype(*dtypes):
    """The dtype numpy.linalg computes in: the inputs' upcast, integers and bools as float64."""
    dtype = upcast(*dtypes)
    if dtype in discrete_dtypes:
        return "float64"
    return dtype


def _vector(dtype):
    return TensorType(dtype, (False,))()


def _matrix(dtype):
    return TensorType(dtype, (False, False))()


def _cast_value(value, dtype):
    """``value`` as an ndarray of ``dtype``; a complex value stored as real keeps its real part."""
    value = np.asarray(value)
    if value.dtype.name != dtype and value.dtype.kind == "c" and dtype not in complex_dtypes:
        value = value.real
    if value.dtype.name != dtype:
        value = value.astype(dtype)
    return value


def _is_disconnected(g):
    from theano.gradient import DisconnectedType

    return g is None or isinstance(g.type, DisconnectedType)


def _zero_disconnected(outputs, output_grads):
    """Output gradients with the disconnected ones replaced by zeros."""
    return [zeros_like(o) if _is_disconnected(g) else g for o, g in zip(outputs, output_grads)]


def _normalize_axis(opname, axis, ndim):
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{opname}: axis {axis} is out of bounds for {ndim} dimensions "
            f"(expected {-ndim} <= axis < {ndim})"
        )
    return axis % ndim


# ----------------------------------------------------------------------------------
# Inverses


class MatrixPinv(Op):
    """Moore-Penrose pseudo-inverse of a matrix (any shape), ``numpy.linalg.pinv``."""

    __props__ = ()

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        out = TensorType(x.dtype, x.broadcastable[::-1])()
        return Apply(self, [x], [out])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0][::-1]]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        output_storage[0][0] = _cast_value(np.linalg.pinv(x), node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # dZ = -Z dX Z + Z Z^T dX^T (I - X Z) + (I - Z X) dX^T Z^T Z; its adjoint:
        # gX = -Z^T G Z^T + (I - X Z) G^T Z Z^T + Z^T Z G^T (I - Z X)
        (x,) = inputs
        (z,) = outputs
        (gz,) = output_grads
        x_z = dot(x, z)
        z_x = dot(z, x)
        return [
            -matrix_dot(z.T, gz, z.T)
            + matrix_dot(identity_like(x_z) - x_z, gz.T, z, z.T)
            + matrix_dot(z.T, z, gz.T, identity_like(z_x) - z_x)
        ]


pinv = MatrixPinv()


class MatrixInverse(Op):
    """Inverse of a square matrix, ``numpy.linalg.inv`` (the result keeps the input's dtype)."""

    __props__ = ()

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return list(shapes)

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        output_storage[0][0] = _cast_value(np.linalg.inv(x), node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # d(X^-1) = -X^-1 dX X^-1, so gX = -X^-T G X^-T
        (xi,) = outputs
        (gz,) = output_grads
        return [-matrix_dot(xi, gz.T, xi).T]

    def R_op(self, inputs, eval_points):
        (ev,) = eval_points
        if ev is None:
            return [None]
        xi = self(inputs[0])
        return [-matrix_dot(xi, ev, xi)]


matrix_inverse = MatrixInverse()


def matrix_dot(*args):
    """The product ``args[0] . args[1] . ... . args[-1]``, computed left to right.

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import matrix_dot
    >>> a = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> matrix_dot(a, a, np.eye(2)).eval()
    array([[ 7., 10.],
           [15., 22.]])
    """
    if not args:
        raise TypeError("matrix_dot needs at least one argument")
    result = args[0]
    for a in args[1:]:
        result = dot(result, a)
    return result


# ----------------------------------------------------------------------------------
# Diagonals and trace


class ExtractDiag(Op):
    """The ``offset`` diagonal of the 2-D sub-arrays on ``axis1``/``axis2`` (``numpy.diagonal``).

    The diagonal becomes the last axis of the result, after the other axes in order.
    ``view=True`` returns a view of the input instead of a copy.
    """

    __props__ = ("offset", "axis1", "axis2", "view")

    def __init__(self, offset=0, axis1=0, axis2=1, view=False):
        self.offset = offset
        self.axis1 = axis1
        self.axis2 = axis2
        self.view = view
        if view:
            self.view_map = {0: [0]}

    def _axes(self, ndim):
        name = type(self).__name__
        axis1 = _normalize_axis(name, self.axis1, ndim)
        axis2 = _normalize_axis(name, self.axis2, ndim)
        if axis1 == axis2:
            raise ValueError(f"{name}: axis1 and axis2 cannot be the same (both {axis1})")
        return axis1, axis2

    def make_node(self, x):
        x = as_tensor_variable(x)
        if x.ndim < 2:
            raise ValueError(
                f"ExtractDiag needs an input with 2 or more dimensions, got {x.type} "
                f"with {x.ndim}"
            )
        self._axes(x.ndim)
        out = TensorType(x.dtype, (False,) * (x.ndim - 1))()
        return Apply(self, [x], [out])

    def infer_shape(self, fgraph, node, shapes):
        (shape,) = shapes
        axis1, axis2 = self._axes(len(shape))
        dim1, dim2 = shape[axis1], shape[axis2]
        out = [d for i, d in enumerate(shape) if i not in (axis1, axis2)]
        if self.offset > 0:
            size = clip(dim2 - self.offset, 0, dim1)
        elif self.offset < 0:
            size = clip(dim1 + self.offset, 0, dim2)
        else:
            size = minimum(dim1, dim2)
        return [tuple(out) + (size,)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        z = np.diagonal(x, self.offset, self.axis1, self.axis2)
        output_storage[0][0] = z if self.view else z.copy()

    def L_op(self, inputs, outputs, output_grads):
        # The diagonal of gz's embedding: AllocDiag gives a square block big enough to
        # hold it, whose non-zeros all fall inside x's shape; crop and paste into zeros.
        (x,) = inputs
        (gz,) = output_grads
        axis1, axis2 = self._axes(x.ndim)
        block = AllocDiag(self.offset, axis1, axis2)(gz)
        crop = [slice(None)] * x.ndim
        crop[axis1] = slice(0, x.shape[axis1])
        crop[axis2] = slice(0, x.shape[axis2])
        block = block[tuple(crop)]
        paste = [slice(None)] * x.ndim
        paste[axis1] = slice(0, block.shape[axis1])
        paste[axis2] = slice(0, block.shape[axis2])
        return [set_subtensor(zeros_like(x)[tuple(paste)], block)]


extract_diag = ExtractDiag()


def diagonal(a, offset=0, axis1=0, axis2=1):
    """``numpy.diagonal``: the ``offset`` diagonal of ``a`` (``a.ndim >= 2``) on two axes.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> from theano.tensor.nlinalg import diagonal
    >>> diagonal(np.arange(6.0).reshape(2, 3), 1).eval()
    array([1., 5.])
    """
    return ExtractDiag(offset, axis1, axis2)(a)


class AllocDiag(Op):
    """A tensor holding ``x``'s last axis on its ``offset`` diagonal (axes ``axis1``/``axis2``).

    The inverse of ExtractDiag with the same parameters: the result has one more
    dimension than ``x``, zeros off the diagonal, and ``len + |offset|`` entries along
    ``axis1`` and ``axis2`` (positions in the result).
    """

    __props__ = ("offset", "axis1", "axis2")

    def __init__(self, offset=0, axis1=0, axis2=1):
        self.offset = offset
        self.axis1 = axis1
        self.axis2 = axis2

    def _axes(self, out_ndim):
        name = type(self).__name__
        axis1 = _normalize_axis(name, self.axis1, out_ndim)
        axis2 = _normalize_axis(name, self.axis2, out_ndim)
        if axis1 == axis2:
            raise ValueError(f"{name}: axis1 and axis2 cannot be the same (both {axis1})")
        return axis1, axis2

    def make_node(self, diag):
        diag = as_tensor_variable(diag)
        if diag.ndim < 1:
            raise ValueError(
                f"AllocDiag needs an input with 1 or more dimensions, got {diag.type}"
            )
        self._axes(diag.ndim + 1)
        out = TensorType(diag.dtype, (False,) * (diag.ndim + 1))()
        return Apply(self, [diag], [out])

    def infer_shape(self, fgraph, node, shapes):
        (shape,) = shapes
        axis1, axis2 = self._axes(len(shape) + 1)
        size = shape[-1] + abs(self.offset)
        out = list(shape[:-1])
        for axis in sorted((axis1, axis2)):
            out.insert(axis, size)
        return [tuple(out)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        axis1, axis2 = self._axes(x.ndim + 1)
        n = x.shape[-1]
        size = n + abs(self.offset)
        out = np.zeros(x.shape[:-1] + (size, size), dtype=x.dtype)
        idx = np.arange(n)
        out[..., idx + max(0, -self.offset), idx + max(0, self.offset)] = x
        output_storage[0][0] = np.moveaxis(out, (-2, -1), (axis1, axis2))

    def L_op(self, inputs, outputs, output_grads):
        (gz,) = output_grads
        axis1, axis2 = self._axes(gz.ndim)
        return [diagonal(gz, self.offset, axis1, axis2)]


alloc_diag = AllocDiag()


def diag(v, k=0):
    """``numpy.diag``: a vector's matrix with ``v`` on diagonal ``k``, or a matrix's diagonal.

    A vector gives AllocDiag(k)(v); a tensor with 2 or more dimensions gives its
    diagonal on the first two axes (``diagonal(v, k)``).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import diag
    >>> diag(np.array([1.0, 2.0])).eval()
    array([[1., 0.],
           [0., 2.]])
    """
    v = as_tensor_variable(v)
    if v.ndim == 1:
        return AllocDiag(k)(v)
    if v.ndim >= 2:
        return diagonal(v, offset=k)
    raise ValueError(f"diag: input must have v.ndim >= 1, got {v.type} with {v.ndim}")


def trace(X):
    """The sum of the main diagonal of ``X`` (integers sum in int64, as ``sum``).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import trace
    >>> trace(np.array([[1.0, 2.0], [3.0, 4.0]])).eval()
    array(5.)
    """
    return extract_diag(X).sum()


# ----------------------------------------------------------------------------------
# Determinant


class Det(Op):
    """Determinant of a square matrix, a scalar of the input's dtype."""

    __props__ = ()

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        return Apply(self, [x], [TensorType(x.dtype, ())()])

    def infer_shape(self, fgraph, node, shapes):
        return [()]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        output_storage[0][0] = _cast_value(np.linalg.det(x), node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # d det(X) / dX = det(X) X^-T
        (x,) = inputs
        (gz,) = output_grads
        return [gz * outputs[0] * matrix_inverse(x).T]


det = Det()


# ----------------------------------------------------------------------------------
# Eigen-decompositions


class Eig(Op):
    """Eigenvalues ``w`` and right eigenvectors ``v`` (columns) of a square matrix.

    Both keep the input's dtype: complex results of a real matrix keep their real part.
    """

    __props__ = ()

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        return Apply(self, [x], [_vector(x.dtype), _matrix(x.dtype)])

    def infer_shape(self, fgraph, node, shapes):
        n = shapes[0][0]
        return [(n,), (n, n)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        w, v = np.linalg.eig(x)
        output_storage[0][0] = _cast_value(w, node.outputs[0].dtype)
        output_storage[1][0] = _cast_value(v, node.outputs[1].dtype)


eig = Eig()


class Eigh(Eig):
    """Eigenvalues (ascending) and eigenvectors of a symmetric/Hermitian matrix.

    Only the ``UPLO`` ('L' lower or 'U' upper) triangle of the input is read.
    Integer inputs give float64 results.
    """

    __props__ = ("UPLO",)

    def __init__(self, UPLO="L"):
        if UPLO not in ("L", "U"):
            raise ValueError(f"Eigh: UPLO must be 'L' or 'U', got {UPLO!r}")
        self.UPLO = UPLO

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        dtype = _linalg_dtype(x.dtype)
        w_dtype = "float32" if dtype in ("float32", "complex64") else "float64"
        if dtype == "float16":
            w_dtype = "float16"
        return Apply(self, [x], [_vector(w_dtype), _matrix(dtype)])

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        w, v = np.linalg.eigh(x, self.UPLO)
        output_storage[0][0] = _cast_value(w, node.outputs[0].dtype)
        output_storage[1][0] = _cast_value(v, node.outputs[1].dtype)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        w, v = outputs
        gw, gv = _zero_disconnected(outputs, output_grads)
        return [EighGrad(self.UPLO)(x, w, v, gw, gv)]


def eigh(a, UPLO="L"):
    """Eigenvalues ``w`` (ascending) and eigenvectors ``v`` of the symmetric matrix ``a``.

    ``UPLO`` ('L' or 'U') names the triangle that is read. Differentiable.

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import eigh
    >>> w, v = eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> w.eval()
    array([1., 3.])
    """
    return Eigh(UPLO)(a)


class EighGrad(Op):
    """Gradient of Eigh: ``gA`` from ``(x, w, v)`` and the output gradients ``(gw, gv)``."""

    __props__ = ("UPLO",)

    def __init__(self, UPLO="L"):
        if UPLO not in ("L", "U"):
            raise ValueError(f"EighGrad: UPLO must be 'L' or 'U', got {UPLO!r}")
        self.UPLO = UPLO

    def make_node(self, x, w, v, gw, gv):
        name = type(self).__name__
        x = _as_matrix(name, x, "x")
        w = _as_ndim(name, w, 1, "w")
        v = _as_matrix(name, v, "v")
        gw = _as_ndim(name, gw, 1, "gw")
        gv = _as_matrix(name, gv, "gv")
        dtype = upcast(x.dtype, w.dtype, v.dtype, gw.dtype, gv.dtype)
        return Apply(self, [x, w, v, gw, gv], [_matrix(dtype)])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        # Perturbation theory: dw_n = v_n^T dA v_n and
        # dv_n = sum_{m != n} v_m (v_m^T dA v_n) / (w_n - w_m); the adjoint is
        # g = v (diag(gw) + F * (v^T gv))^T v^T with F[m, n] = 1 / (w_n - w_m), m != n.
        _, w, v, gw, gv = inputs
        diff = w[np.newaxis, :] - w[:, np.newaxis]
        np.fill_diagonal(diff, np.inf)
        inner = np.diag(gw) + np.dot(v.T, gv) / diff
        g = np.dot(v, np.dot(inner.T, v.T))
        # eigh reads one triangle only: an entry of the other triangle has no effect,
        # and an entry of the read triangle stands for itself and its mirror.
        if self.UPLO == "L":
            out = np.tril(g) + np.triu(g, 1).T
        else:
            out = np.triu(g) + np.tril(g, -1).T
        output_storage[0][0] = np.asarray(out, dtype=node.outputs[0].dtype)


# ----------------------------------------------------------------------------------
# QR and SVD

_QR_MODES = ("reduced", "complete", "r", "raw")


def _check_qr_mode(mode):
    if mode not in _QR_MODES:
        raise ValueError(f"qr: unrecognized mode {mode!r} (expected one of {_QR_MODES})")


class QRFull(Op):
    """QR decomposition returning two outputs: ``(q, r)``, or ``(h, tau)`` in mode 'raw'."""

    __props__ = ("mode",)

    def __init__(self, mode):
        _check_qr_mode(mode)
        if mode == "r":
            raise ValueError("QRFull: mode 'r' has one output, use QRIncomplete('r')")
        self.mode = mode

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        dtype = _linalg_dtype(x.dtype)
        second = _vector(dtype) if self.mode == "raw" else _matrix(dtype)
        return Apply(self, [x], [_matrix(dtype), second])

    def infer_shape(self, fgraph, node, shapes):
        m, n = shapes[0]
        k = minimum(m, n)
        if self.mode == "reduced":
            return [(m, k), (k, n)]
        if self.mode == "complete":
            return [(m, m), (m, n)]
        return [(n, m), (k,)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        first, second = np.linalg.qr(x, self.mode)
        output_storage[0][0] = _cast_value(first, node.outputs[0].dtype)
        output_storage[1][0] = _cast_value(second, node.outputs[1].dtype)


class QRIncomplete(Op):
    """QR decomposition returning ``r`` only (mode 'r')."""

    __props__ = ("mode",)

    def __init__(self, mode):
        _check_qr_mode(mode)
        self.mode = mode

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        return Apply(self, [x], [_matrix(_linalg_dtype(x.dtype))])

    def infer_shape(self, fgraph, node, shapes):
        m, n = shapes[0]
        return [(minimum(m, n), n)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        r = np.linalg.qr(x, self.mode)
        output_storage[0][0] = _cast_value(r, node.outputs[0].dtype)


def qr(a, mode="reduced"):
    """QR decomposition of the matrix ``a`` (``numpy.linalg.qr``); not differentiable.

    With K = min(M, N), ``mode`` is 'reduced' (q (M, K), r (K, N)), 'complete'
    (q (M, M), r (M, N)), 'r' (r only, (K, N)) or 'raw' (h (N, M), tau (K,)).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import qr
    >>> q, r = qr(np.array([[3.0, 0.0], [4.0, 5.0]]))
    >>> float(abs(r.eval()[0, 0]))
    5.0
    """
    _check_qr_mode(mode)
    if mode == "r":
        return QRIncomplete(mode)(a)
    return QRFull(mode)(a)


class SVD(Op):
    """Singular value decomposition ``(u, s, vt)``, or ``s`` alone when not ``compute_uv``."""

    __props__ = ("full_matrices", "compute_uv")

    def __init__(self, full_matrices=True, compute_uv=True):
        self.full_matrices = full_matrices
        self.compute_uv = compute_uv

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        dtype = _linalg_dtype(x.dtype)
        s_dtype = {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)
        if self.compute_uv:
            return Apply(self, [x], [_matrix(dtype), _vector(s_dtype), _matrix(dtype)])
        return Apply(self, [x], [_vector(s_dtype)])

    def infer_shape(self, fgraph, node, shapes):
        m, n = shapes[0]
        k = minimum(m, n)
        if not self.compute_uv:
            return [(k,)]
        if self.full_matrices:
            return [(m, m), (k,), (n, n)]
        return [(m, k), (k,), (k, n)]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        if self.compute_uv:
            results = np.linalg.svd(x, bool(self.full_matrices), True)
        else:
            results = [np.linalg.svd(x, compute_uv=False)]
        for storage, value, out in zip(output_storage, results, node.outputs):
            storage[0] = _cast_value(value, out.dtype)


def svd(a, full_matrices=1, compute_uv=1):
    """Singular value decomposition of the matrix ``a``: ``(U, s, V^T)`` or ``s``.

    With K = min(M, N), ``full_matrices`` gives U (M, M) and V^T (N, N), else (M, K)
    and (K, N). Not differentiable (as in Theano).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import svd
    >>> svd(np.array([[3.0, 0.0], [0.0, -4.0]]), compute_uv=0).eval()
    array([4., 3.])
    """
    return SVD(full_matrices, compute_uv)(a)


# ----------------------------------------------------------------------------------
# Least squares


class lstsq(Op):
    """Least-squares solution of ``a x = b``: ``lstsq()(a, b, rcond)``.

    Outputs ``(x, residuals, rank, s)`` as ``numpy.linalg.lstsq``: ``x`` has ``b``'s
    number of dimensions, ``residuals`` and ``s`` are float64 vectors, ``rank`` an
    int64 scalar. ``rcond`` may be None (NumPy's default cut-off).
    """

    __props__ = ()

    def make_node(self, x, y, rcond=None):
        from theano.tensor.type_other import NoneConst

        x = _as_matrix("lstsq", x, "a")
        y = as_tensor_variable(y)
        if y.ndim not in (1, 2):
            raise TypeError(f"lstsq: b must be a vector or a matrix, got {y.type}")
        rcond = NoneConst if rcond is None or rcond is NoneConst else as_tensor_variable(rcond)
        dtype = _linalg_dtype(x.dtype, y.dtype)
        outputs = [
            TensorType(dtype, (False,) * y.ndim)(),
            _vector("float64"),
            TensorType("int64", ())(),
            _vector("float64"),
        ]
        return Apply(self, [x, y, rcond], outputs)

    def perform(self, node, inputs, output_storage):
        a, b, rcond = inputs
        rcond = None if rcond is None else float(rcond)
        results = np.linalg.lstsq(a, b, rcond=rcond)
        for storage, value, out in zip(output_storage, results, node.outputs):
            storage[0] = _cast_value(value, out.dtype)


# ----------------------------------------------------------------------------------
# Compositions: matrix power, norms


def matrix_power(M, n):
    """The square matrix ``M`` raised to the integer power ``n`` by repeated ``dot``.

    ``n == 0`` gives the identity, a negative ``n`` the power of ``matrix_inverse(M)``.
    The products are those of ``numpy.linalg.matrix_power`` (binary powering).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import matrix_power
    >>> matrix_power(np.array([[1.0, 1.0], [0.0, 1.0]]), 3).eval()
    array([[1., 3.],
           [0., 1.]])
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"matrix_power: n must be a Python int, got {n!r}")
    M = _as_matrix("matrix_power", M, "M")
    n = int(n)
    if n == 0:
        return identity_like(M)
    if n < 0:
        M = matrix_inverse(M)
        n = -n
    result = None
    square = None
    while n > 0:
        square = M if square is None else dot(square, square)
        n, bit = divmod(n, 2)
        if bit:
            result = square if result is None else dot(result, square)
    return result


def _is_ord(ord, *names):
    """Whether ``ord`` is one of ``names`` (strings match strings, numbers numbers)."""
    for name in names:
        if isinstance(name, str):
            if isinstance(ord, str) and ord == name:
                return True
        elif _is_number(ord) and ord == name:
            return True
    return False


def _is_number(ord):
    return isinstance(ord, (int, float, np.number)) and not isinstance(ord, (bool, np.bool_))


def norm(x, ord):
    """Vector or matrix norm of ``x`` as ``numpy.linalg.norm`` for the supported ``ord``.

    Vectors: None (2-norm), 'inf'/``np.inf`` (max abs), '-inf'/``-np.inf`` (min abs),
    0 (count of non-zeros, int64) or any other number p (``sum(|x|**p)**(1/p)``).
    Matrices: None/'fro' (Frobenius), 'inf'/``np.inf`` (max row sum), '-inf', 1 (max
    column sum), -1. Other orders raise ValueError; more than 2 dimensions raise
    NotImplementedError.

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import norm
    >>> norm(np.array([3.0, -4.0]), None).eval()
    array(5.)
    """
    x = as_tensor_variable(x)
    if x.ndim == 0:
        raise ValueError(f"norm: 'axis' entry is out of bounds: {x} is a scalar")
    if x.ndim > 2:
        raise NotImplementedError(f"norm: {x.ndim} dimensions are not supported (at most 2)")
    if x.ndim == 1:
        if ord is None:
            return _sum(x**2) ** 0.5
        if _is_ord(ord, "inf", np.inf):
            return _max(abs_(x))
        if _is_ord(ord, "-inf", -np.inf):
            return _min(abs_(x))
        if not _is_number(ord):
            raise ValueError(f"norm: invalid norm order {ord!r} for vectors")
        if ord == 0:
            return _sum(neq(x, 0), dtype="int64")
        return _sum(abs_(x) ** ord) ** (1.0 / ord)
    if ord is None or _is_ord(ord, "fro"):
        return _sum(abs_(x**2)) ** 0.5
    if _is_ord(ord, "inf", np.inf):
        return _max(_sum(abs_(x), 1))
    if _is_ord(ord, "-inf", -np.inf):
        return _min(_sum(abs_(x), 1))
    if _is_ord(ord, 1):
        return _max(_sum(abs_(x), 0))
    if _is_ord(ord, -1):
        return _min(_sum(abs_(x), 0))
    raise ValueError(
        f"norm: invalid norm order {ord!r} for matrices (expected None, 'fro', 'inf', "
        "'-inf', 1 or -1)"
    )


# ----------------------------------------------------------------------------------
# Tensor inverse and solve


class TensorInv(Op):
    """``numpy.linalg.tensorinv``: the inverse of ``a`` for ``tensordot(., ., ind)``."""

    __props__ = ("ind",)

    def __init__(self, ind=2):
        if isinstance(ind, bool) or not isinstance(ind, (int, np.integer)) or ind <= 0:
            raise ValueError(f"TensorInv: ind must be a positive integer, got {ind!r}")
        self.ind = int(ind)

    def make_node(self, a):
        a = as_tensor_variable(a)
        if a.ndim <= self.ind:
            raise TypeError(
                f"TensorInv: input must have more than ind={self.ind} dimensions, "
                f"got {a.type}"
            )
        bcast = a.broadcastable[self.ind :] + a.broadcastable[: self.ind]
        return Apply(self, [a], [TensorType(_linalg_dtype(a.dtype), bcast)()])

    def infer_shape(self, fgraph, node, shapes):
        shape = tuple(shapes[0])
        return [shape[self.ind :] + shape[: self.ind]]

    def perform(self, node, inputs, output_storage):
        (a,) = inputs
        result = np.linalg.tensorinv(a, self.ind)
        output_storage[0][0] = _cast_value(result, node.outputs[0].dtype)


def tensorinv(a, ind=2):
    """The 'inverse' of ``a`` relative to ``tensordot(., a, ind)`` (``numpy.linalg.tensorinv``).

    ``a`` must be 'square': ``prod(a.shape[:ind]) == prod(a.shape[ind:])``; the
    result has shape ``a.shape[ind:] + a.shape[:ind]``.

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import tensorinv
    >>> tensorinv(np.eye(4).reshape(4, 2, 2), ind=1).eval().shape
    (2, 2, 4)
    """
    return TensorInv(ind)(a)


def _tensorsolve_axes(axes, ndim):
    """The order of ``a``'s axes after ``axes`` are moved to the end, as numpy does."""
    order = list(range(ndim))
    for k in axes:
        order.remove(k % ndim)
        order.append(k % ndim)
    return order


class TensorSolve(Op):
    """``numpy.linalg.tensorsolve``: ``x`` such that ``tensordot(a, x, x.ndim) == b``."""

    __props__ = ("axes",)

    def __init__(self, axes=None):
        self.axes = None if axes is None else tuple(int(k) for k in axes)

    def make_node(self, a, b):
        a = as_tensor_variable(a)
        b = as_tensor_variable(b)
        if a.ndim < b.ndim:
            raise TypeError(
                f"TensorSolve: a must have at least as many dimensions as b, got {a.type} "
                f"and {b.type}"
            )
        order = _tensorsolve_axes(self.axes or (), a.ndim)
        bcast = tuple(a.broadcastable[i] for i in order)[b.ndim :]
        out = TensorType(_linalg_dtype(a.dtype, b.dtype), bcast)()
        return Apply(self, [a, b], [out])

    def infer_shape(self, fgraph, node, shapes):
        a_shape, b_shape = shapes
        order = _tensorsolve_axes(self.axes or (), len(a_shape))
        return [tuple(a_shape[i] for i in order)[len(b_shape) :]]

    def perform(self, node, inputs, output_storage):
        a, b = inputs
        result = np.linalg.tensorsolve(a, b, self.axes)
        output_storage[0][0] = _cast_value(result, node.outputs[0].dtype)


def tensorsolve(a, b, axes=None):
    """Solve ``tensordot(a, x, axes=x.ndim) == b`` for ``x`` (``numpy.linalg.tensorsolve``).

    ``axes`` are axes of ``a`` moved to the end before solving; the result has the
    shape of ``a``'s last ``a.ndim - b.ndim`` axes (after that reordering).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.nlinalg import tensorsolve
    >>> a = np.eye(6).reshape(6, 2, 3)
    >>> tensorsolve(a, np.arange(6.0)).eval()
    array([[0., 1., 2.],
           [3., 4., 5.]])
    """
    return TensorSolve(axes)(a, b)

