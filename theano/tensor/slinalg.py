"""Linear algebra on scipy.linalg: Cholesky, linear solves, eigvalsh, expm, kron."""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.scalar.basic import upcast
from theano.tensor.alloc import identity_like, tril, triu
from theano.tensor.basic import as_tensor_variable
from theano.tensor.dot import outer
from theano.tensor.join import concatenate
from theano.tensor.math import isnan, switch
from theano.tensor.nlinalg import (
    _as_matrix,
    _cast_value,
    _linalg_dtype,
    _matrix,
    _vector,
    diag,
    diagonal,
)
from theano.tensor.reduction import any as _any
from theano.tensor.type import TensorType

__all__ = [
    "MATRIX_STRUCTURES",
    "Cholesky",
    "cholesky",
    "CholeskyGrad",
    "Solve",
    "solve",
    "solve_lower_triangular",
    "solve_upper_triangular",
    "solve_symmetric",
    "Eigvalsh",
    "EigvalshGrad",
    "eigvalsh",
    "kron",
    "Expm",
    "ExpmGrad",
    "expm",
]

MATRIX_STRUCTURES = (
    "general",
    "symmetric",
    "lower_triangular",
    "upper_triangular",
    "hermitian",
    "banded",
    "diagonal",
    "toeplitz",
)


def _scipy_linalg():
    # Imported on first use: scipy.linalg costs most of a second to import.
    import scipy.linalg

    return scipy.linalg


# ----------------------------------------------------------------------------------
# Cholesky


class Cholesky(Op):
    """Triangular factor of a symmetric positive definite matrix: ``L L^T = X``.

    ``lower`` picks the lower (default) or upper factor; only that triangle of the
    input is read. ``on_error='raise'`` raises scipy's LinAlgError on a matrix that
    is not positive definite, ``'nan'`` returns a matrix of NaNs instead.
    """

    __props__ = ("lower", "destructive", "on_error")

    def __init__(self, lower=True, on_error="raise"):
        if on_error not in ("raise", "nan"):
            raise ValueError(f"Cholesky: on_error must be 'raise' or 'nan', got {on_error!r}")
        self.lower = lower
        self.destructive = False
        self.on_error = on_error

    def make_node(self, x):
        x = _as_matrix(type(self).__name__, x)
        return Apply(self, [x], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        linalg = _scipy_linalg()
        dtype = node.outputs[0].dtype
        try:
            z = linalg.cholesky(x, lower=self.lower)
        except linalg.LinAlgError:
            if self.on_error == "raise":
                raise
            z = np.full(x.shape, np.nan)
        output_storage[0][0] = _cast_value(z, dtype)

    def L_op(self, inputs, outputs, output_grads):
        # I. Murray, "Differentiation of the Cholesky decomposition" (arXiv:1602.07527):
        # with P = Phi(L^T Lbar) (lower triangle, halved diagonal) and
        # S = L^-T P L^-1, the gradient on the read triangle is S + S^T off the
        # diagonal and S on it.
        (gz,) = output_grads
        chol_x = outputs[0]
        if self.on_error == "nan":
            # NaN factors would make the triangular solves fail: solve with ones.
            ok = ~_any(isnan(chol_x))
            chol_x = switch(ok, chol_x, 1)
            gz = switch(ok, gz, 1)
        if not self.lower:
            chol_x = chol_x.T
            gz = gz.T
        product = chol_x.T.dot(gz)
        phi = tril(product) - diag(diagonal(product) / 2.0)
        s = _conjugate_solve_triangular(chol_x, phi)
        tri = tril if self.lower else triu
        grad = tri(s + s.T) - diag(diagonal(s))
        if self.on_error == "nan":
            grad = switch(ok, grad, np.nan)
        return [grad]


def _conjugate_solve_triangular(lower_factor, inner):
    """``L^-T inner L^-1`` for the lower triangular ``L``, by two triangular solves."""
    upper = lower_factor.T
    return solve_upper_triangular(upper, solve_upper_triangular(upper, inner.T).T)


cholesky = Cholesky()


class CholeskyGrad(Op):
    """Reverse-mode gradient of Cholesky from ``(x, L, dL)`` by Smith's algorithm.

    S. P. Smith, "Differentiation of the Cholesky Algorithm", J. Comp. Graph. Stat. 4(2),
    1995. Cholesky's own gradient is a graph (Cholesky.L_op); this op is kept for code
    that builds it directly.
    """

    __props__ = ("lower", "destructive")

    def __init__(self, lower=True):
        self.lower = lower
        self.destructive = False

    def make_node(self, x, l, dz):
        name = type(self).__name__
        x = _as_matrix(name, x, "x")
        l = _as_matrix(name, l, "l")
        dz = _as_matrix(name, dz, "dz")
        factor_op = l.owner.op if l.owner is not None else None
        if isinstance(factor_op, Cholesky) and factor_op.lower != self.lower:
            raise ValueError(
                f"{name}: lower/upper mismatch between the Cholesky op "
                f"(lower={factor_op.lower}) and {name} (lower={self.lower})"
            )
        return Apply(self, [x, l, dz], [x.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        _, L, dz = inputs
        if self.lower:
            F = _smith_lower(np.asarray(L, dtype="float64"), np.asarray(dz, dtype="float64"))
        else:
            # The upper factor's algorithm is the lower one's transposed.
            F = _smith_lower(np.asarray(L.T, dtype="float64"), np.asarray(dz.T, dtype="float64"))
            F = F.T
        output_storage[0][0] = np.asarray(F, dtype=node.outputs[0].dtype)


def _smith_lower(L, dz):
    """Backward pass of the column Cholesky algorithm, one column at a time, right to left."""
    F = np.tril(dz)
    n = F.shape[0]
    for k in range(n - 1, -1, -1):
        rest = F[k + 1 :, k + 1 :]
        column = L[k + 1 :, k]
        F[k + 1 :, k] -= rest.dot(column) + rest.T.dot(column)
        F[k + 1 :, k] /= L[k, k]
        F[k, k] -= column.dot(F[k + 1 :, k])
        F[k, k] /= 2 * L[k, k]
    return F


# ----------------------------------------------------------------------------------
# Linear solves


def _solve_dtype(a_dtype, b_dtype):
    """Theano 1.0.5's solve dtype (from scipy 1.x): each operand at least float32, upcast."""
    promoted = [np.promote_types(d, "float32").name for d in (a_dtype, b_dtype)]
    return upcast(*promoted)


class Solve(Op):
    """Solve ``A x = b`` for ``x``: ``b`` is a vector or a matrix, ``x`` has its type.

    ``A_structure`` is one of MATRIX_STRUCTURES; 'lower_triangular' and
    'upper_triangular' use a triangular solve (only that triangle is read), the
    others a general solve. ``lower``, ``overwrite_A`` and ``overwrite_b`` are kept
    as parameters.
    """

    __props__ = ("A_structure", "lower", "overwrite_A", "overwrite_b")

    def __init__(self, A_structure="general", lower=False, overwrite_A=False, overwrite_b=False):
        if A_structure not in MATRIX_STRUCTURES:
            raise ValueError(
                f"Solve: invalid matrix structure argument {A_structure!r} "
                f"(expected one of {MATRIX_STRUCTURES})"
            )
        self.A_structure = A_structure
        self.lower = lower
        self.overwrite_A = overwrite_A
        self.overwrite_b = overwrite_b

    def __repr__(self):
        return f"Solve{{{self._props()}}}"

    def make_node(self, A, b):
        A = _as_matrix("Solve", A, "A")
        b = as_tensor_variable(b)
        if b.ndim not in (1, 2):
            raise TypeError(
                f"Solve: b must be a vector or a matrix, got {b.type} with {b.ndim} dimensions"
            )
        out = TensorType(_solve_dtype(A.dtype, b.dtype), b.broadcastable)()
        return Apply(self, [A, b], [out])

    def infer_shape(self, fgraph, node, shapes):
        a_shape, b_shape = shapes
        if len(b_shape) == 1:
            return [(a_shape[1],)]
        return [(a_shape[1], b_shape[1])]

    def perform(self, node, inputs, output_storage):
        A, b = inputs
        linalg = _scipy_linalg()
        if self.A_structure == "lower_triangular":
            x = linalg.solve_triangular(A, b, lower=True)
        elif self.A_structure == "upper_triangular":
            x = linalg.solve_triangular(A, b, lower=False)
        else:
            x = linalg.solve(A, b)
        output_storage[0][0] = _cast_value(x, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # M. B. Giles, "An extended collection of matrix derivative results for forward
        # and reverse mode automatic differentiation": for c = A^-1 b,
        # b_bar = A^-T c_bar and A_bar = -b_bar c^T (kept on the triangle that is read).
        A = inputs[0]
        (c,) = outputs
        (c_bar,) = output_grads
        transposed = {
            "lower_triangular": "upper_triangular",
            "upper_triangular": "lower_triangular",
        }
        trans_solve = Solve(
            A_structure=transposed.get(self.A_structure, self.A_structure),
            lower=not self.lower,
        )
        b_bar = trans_solve(A.T, c_bar)
        if c.ndim == 1:
            A_bar = -outer(b_bar, c)
        else:
            A_bar = -b_bar.dot(c.T)
        if self.A_structure == "lower_triangular":
            A_bar = tril(A_bar)
        elif self.A_structure == "upper_triangular":
            A_bar = triu(A_bar)
        return [A_bar, b_bar]


solve = Solve()
"""``solve(a, b)``: ``x`` with ``a x = b`` for a square matrix ``a``; ``x`` has ``b``'s type."""

solve_lower_triangular = Solve(A_structure="lower_triangular", lower=True)
"""``solve`` for a lower triangular ``a`` (its upper triangle is not read)."""

solve_upper_triangular = Solve(A_structure="upper_triangular", lower=False)
"""``solve`` for an upper triangular ``a`` (its lower triangle is not read)."""

solve_symmetric = Solve(A_structure="symmetric")
"""``solve`` for a symmetric ``a``."""


# ----------------------------------------------------------------------------------
# Generalized symmetric eigenvalues


def _is_none(b):
    from theano.tensor.type_other import NoneConst, NoneTypeT

    return b is None or b is NoneConst or isinstance(getattr(b, "type", None), NoneTypeT)


class Eigvalsh(Op):
    """Eigenvalues (ascending) of ``a w = lambda b w`` for symmetric ``a``, positive definite ``b``.

    ``b`` may be None (or NoneConst) for the standard problem; ``lower`` names the
    triangle that is read.
    """

    __props__ = ("lower",)

    def __init__(self, lower=True):
        if lower not in (True, False):
            raise ValueError(f"Eigvalsh: lower must be True or False, got {lower!r}")
        self.lower = lower

    def make_node(self, a, b):
        name = type(self).__name__
        a = _as_matrix(name, a, "a")
        if _is_none(b):
            return Apply(self, [a], [_vector(_linalg_dtype(a.dtype))])
        b = _as_matrix(name, b, "b")
        return Apply(self, [a, b], [_vector(_linalg_dtype(a.dtype, b.dtype))])

    def infer_shape(self, fgraph, node, shapes):
        return [(shapes[0][0],)]

    def perform(self, node, inputs, output_storage):
        a = inputs[0]
        b = inputs[1] if len(inputs) == 2 else None
        w = _scipy_linalg().eigvalsh(a, b, lower=self.lower)
        output_storage[0][0] = _cast_value(w, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        (gw,) = output_grads
        grad_op = EigvalshGrad(self.lower)
        if len(inputs) == 2:
            return grad_op(inputs[0], inputs[1], gw)
        # The standard problem is the generalized one with b = I (held fixed).
        a = inputs[0]
        return [grad_op(a, identity_like(a), gw)[0]]


class EigvalshGrad(Op):
    """Gradient of Eigvalsh: ``(ga, gb)`` from ``(a, b, gw)``.

    With ``b``-orthonormal eigenvectors v_n: dw_n/da = v_n v_n^T, dw_n/db = -w_n v_n v_n^T.
    """

    __props__ = ("lower",)

    def __init__(self, lower=True):
        if lower not in (True, False):
            raise ValueError(f"EigvalshGrad: lower must be True or False, got {lower!r}")
        self.lower = lower

    def make_node(self, a, b, gw):
        name = type(self).__name__
        a = _as_matrix(name, a, "a")
        b = _as_matrix(name, b, "b")
        gw = as_tensor_variable(gw)
        if gw.ndim != 1:
            raise TypeError(f"{name}: gw must be a vector, got {gw.type}")
        dtype = upcast(a.dtype, b.dtype, gw.dtype)
        return Apply(self, [a, b, gw], [_matrix(dtype), _matrix(dtype)])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0], shapes[1]]

    def perform(self, node, inputs, output_storage):
        a, b, gw = inputs
        w, v = _scipy_linalg().eigh(a, b, lower=self.lower)
        ga = np.dot(v * gw, v.T)
        gb = -np.dot(v * (gw * w), v.T)
        for storage, g, out in zip(output_storage, (ga, gb), node.outputs):
            # Only one triangle is read: fold the other onto it (see EighGrad).
            if self.lower:
                folded = np.tril(g) + np.triu(g, 1).T
            else:
                folded = np.triu(g) + np.tril(g, -1).T
            storage[0] = np.asarray(folded, dtype=out.dtype)


def eigvalsh(a, b, lower=True):
    """Eigenvalues of the symmetric-definite problem ``a w = lambda b w`` (``b`` may be None).

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.slinalg import eigvalsh
    >>> eigvalsh(np.array([[2.0, 0.0], [0.0, 8.0]]), np.diag([1.0, 2.0])).eval()
    array([2., 4.])
    """
    return Eigvalsh(lower)(a, b)


# ----------------------------------------------------------------------------------
# Kronecker product


def kron(a, b):
    """Kronecker product of ``a`` and ``b``, with ``a.ndim + b.ndim - 2`` dimensions.

    For two matrices this is ``numpy.kron``; other ranks follow Theano 1.0's layout
    (a vector and a matrix give a flat vector). ``a.ndim + b.ndim`` must be 3 or more.

    Examples
    --------
    >>> import numpy as np
    >>> from theano.tensor.slinalg import kron
    >>> kron(np.eye(2), np.array([[1.0, 2.0]])).eval()
    array([[1., 2., 0., 0.],
           [0., 0., 1., 2.]])
    """
    a = as_tensor_variable(a)
    b = as_tensor_variable(b)
    if a.ndim + b.ndim <= 2:
        raise TypeError(
            "kron: inputs dimensions must sum to 3 or more. "
            f"You passed {a.ndim} and {b.ndim}."
        )
    o = outer(a, b)
    o = o.reshape(concatenate([a.shape, b.shape]), a.ndim + b.ndim)
    if o.ndim == 3:
        return o.dimshuffle(1, 0, 2).flatten()
    shuffled = o.dimshuffle(0, 2, 1, *range(3, o.ndim))
    shape = (o.shape[0] * o.shape[2], o.shape[1] * o.shape[3])
    shape += tuple(o.shape[i] for i in range(4, o.ndim))
    return shuffled.reshape(shape, len(shape))


# ----------------------------------------------------------------------------------
# Matrix exponential


class Expm(Op):
    """Matrix exponential of a square matrix (``scipy.linalg.expm``)."""

    __props__ = ()

    def make_node(self, A):
        A = _as_matrix(type(self).__name__, A, "A")
        return Apply(self, [A], [_matrix(_linalg_dtype(A.dtype))])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        (A,) = inputs
        output_storage[0][0] = _cast_value(_scipy_linalg().expm(A), node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        (A,) = inputs
        (g_out,) = output_grads
        return [ExpmGrad()(A, g_out)]


class ExpmGrad(Op):
    """Gradient of Expm: the adjoint of expm's Frechet derivative at ``A`` applied to ``gA``."""

    __props__ = ()

    def make_node(self, A, gA):
        name = type(self).__name__
        A = _as_matrix(name, A, "A")
        gA = _as_matrix(name, gA, "gA")
        return Apply(self, [A, gA], [_matrix(_linalg_dtype(A.dtype))])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        # For real A the adjoint of E -> L(A, E) is G -> L(A^T, G).
        A, gA = inputs
        A = np.asarray(A, dtype=node.outputs[0].dtype)
        gA = np.asarray(gA, dtype=node.outputs[0].dtype)
        out = _scipy_linalg().expm_frechet(A.conj().T, gA, compute_expm=False)
        output_storage[0][0] = _cast_value(out, node.outputs[0].dtype)


expm = Expm()
