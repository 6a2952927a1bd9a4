"""theano.tensor.slinalg: Cholesky, solves, eigvalsh, expm, kron.

Types, op names, error kinds and the kron layouts come from Theano 1.0.5 runs (noted
per test); values are compared with scipy.linalg in float64 and float32.
"""

import numpy as np
import pytest
import scipy.linalg

import theano
import theano.link.py.dispatch.linalg  # the renderers under test
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.join import stack
from theano.tensor.shape import shape_i
from theano.tensor.slinalg import (
    MATRIX_STRUCTURES,
    Cholesky,
    CholeskyGrad,
    Eigvalsh,
    EigvalshGrad,
    Expm,
    ExpmGrad,
    Solve,
    cholesky,
    eigvalsh,
    expm,
    kron,
    solve,
    solve_lower_triangular,
    solve_symmetric,
    solve_upper_triangular,
)


def rand(*shape, dtype="float64", seed=0):
    return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(dtype)


def spd(n, dtype="float64", seed=0):
    """A well-conditioned symmetric positive definite matrix."""
    a = rand(n, n, seed=seed)
    return (a.dot(a.T) + n * np.eye(n)).astype(dtype)


def well_conditioned(n, dtype="float64", seed=0):
    return (rand(n, n, seed=seed) + n * np.eye(n)).astype(dtype)


def check_infer_shape(out, inputs, values):
    """``infer_shape`` gives the real shape, without computing ``out``'s node."""
    node = out.owner
    in_shapes = [tuple(shape_i(i, d) for d in range(i.ndim)) for i in node.inputs]
    inferred = node.op.infer_shape(None, node, in_shapes)[out.index]
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    got, real = function(inputs, [shape_var, out], on_unused_input="ignore")(*values)
    assert tuple(got) == np.shape(real)


def tol(dtype):
    return {"rtol": 2e-4, "atol": 2e-4} if dtype == "float32" else {"rtol": 1e-10, "atol": 1e-10}


# ----------------------------------------------------------------------------------
# Op names, props, types


def test_op_names_and_props():
    # Theano 1.0.5 str()/repr() of the ops
    assert str(cholesky) == "Cholesky{lower=True, destructive=False, on_error='raise'}"
    assert str(solve) == (
        "Solve{A_structure='general', lower=False, overwrite_A=False, overwrite_b=False}"
    )
    assert repr(solve) == "Solve{('general', False, False, False)}"
    assert str(solve_lower_triangular) == (
        "Solve{A_structure='lower_triangular', lower=True, overwrite_A=False, overwrite_b=False}"
    )
    assert solve_upper_triangular.A_structure == "upper_triangular"
    assert solve_symmetric.A_structure == "symmetric" and not solve_symmetric.lower
    assert str(expm(T.dmatrix()).owner.op) == "Expm"
    assert str(eigvalsh(T.dmatrix(), T.dmatrix()).owner.op) == "Eigvalsh{lower=True}"
    assert Cholesky.__props__ == ("lower", "destructive", "on_error")
    assert CholeskyGrad.__props__ == ("lower", "destructive")
    assert Solve.__props__ == ("A_structure", "lower", "overwrite_A", "overwrite_b")
    assert Eigvalsh.__props__ == EigvalshGrad.__props__ == ("lower",)
    assert Expm.__props__ == ExpmGrad.__props__ == ()
    assert MATRIX_STRUCTURES[:4] == ("general", "symmetric", "lower_triangular",
                                     "upper_triangular")
    assert Cholesky() == cholesky != Cholesky(lower=False)


@pytest.mark.parametrize(
    "a_dtype, b_dtype, expected",
    [
        # Theano 1.0.5 (scipy 1.x): every operand is at least float32, then upcast
        ("float64", "float64", "float64"),
        ("float32", "float32", "float32"),
        ("float32", "float64", "float64"),
        ("int8", "int8", "float32"),
        ("int16", "uint16", "float32"),
        ("int32", "int32", "float64"),
        ("int8", "float32", "float32"),
    ],
)
def test_solve_dtype(a_dtype, b_dtype, expected):
    out = solve(T.matrix(dtype=a_dtype), T.vector(dtype=b_dtype))
    assert out.dtype == expected
    a = well_conditioned(3).round().astype(a_dtype)
    b = np.array([1, 2, 3], dtype=b_dtype)
    got = function(out.owner.inputs, out)(a, b)
    assert got.dtype == expected
    np.testing.assert_allclose(got, scipy.linalg.solve(a, b), rtol=1e-5)


def test_types():
    # Theano 1.0.5: Solve's result has b's broadcastable pattern; Cholesky keeps x's type
    assert solve(T.dmatrix(), T.dcol()).type == T.dcol
    assert solve(T.dmatrix(), T.dvector()).type == T.dvector
    assert cholesky(T.drow()).type == T.drow
    assert cholesky(T.imatrix()).dtype == "int32"
    assert expm(T.fmatrix()).dtype == "float32"
    assert expm(T.imatrix()).dtype == "float64"  # Theano returned float64 values
    assert eigvalsh(T.fmatrix(), T.fmatrix()).type == T.fvector
    assert eigvalsh(T.fmatrix(), T.dmatrix()).type == T.dvector
    assert eigvalsh(T.dmatrix(), None).type == T.dvector
    assert eigvalsh(T.dmatrix(), T.NoneConst).type == T.dvector


# ----------------------------------------------------------------------------------
# Cholesky


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("lower", [True, False])
def test_cholesky_values(lower, dtype):
    x = T.matrix("x", dtype=dtype)
    value = spd(5, dtype)
    out = Cholesky(lower=lower)(x)
    got = function([x], out)(value)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, scipy.linalg.cholesky(value, lower=lower), **tol(dtype))
    factor = got if lower else got.T
    np.testing.assert_allclose(factor.dot(factor.T), value, **tol(dtype))
    check_infer_shape(out, [x], [value])


def test_cholesky_not_positive_definite():
    x = T.dmatrix("x")
    bad = np.array([[1.0, 2.0], [2.0, 1.0]])
    # Theano 1.0.5: scipy's LinAlgError "2-th leading minor ... not positive definite"
    with pytest.raises(np.linalg.LinAlgError, match="not positive definite"):
        function([x], cholesky(x))(bad)
    got = function([x], Cholesky(on_error="nan")(x))(bad)
    assert got.shape == (2, 2) and np.all(np.isnan(got))


def test_cholesky_errors():
    with pytest.raises(ValueError, match="on_error must be 'raise' or 'nan'"):
        Cholesky(on_error="x")
    with pytest.raises(TypeError, match="Cholesky: input must be a matrix"):
        cholesky(T.dvector())


@pytest.mark.parametrize("op", [Cholesky(), Cholesky(lower=False), Cholesky(on_error="nan")])
def test_cholesky_grad(op):
    verify_grad(lambda x: op(x) * 3.0, [spd(4)])


def test_cholesky_grad_reads_one_triangle():
    x = T.dmatrix("x")
    g = function([x], theano.grad(cholesky(x).sum(), x))(spd(4))
    assert np.all(np.triu(g, 1) == 0)
    g_up = function([x], theano.grad(Cholesky(lower=False)(x).sum(), x))(spd(4))
    assert np.all(np.tril(g_up, -1) == 0)


def test_cholesky_nan_grad_is_nan():
    x = T.dmatrix("x")
    g = function([x], theano.grad(Cholesky(on_error="nan")(x).sum(), x))(
        np.array([[1.0, 2.0], [2.0, 1.0]])
    )
    assert np.all(np.isnan(g))


@pytest.mark.parametrize("lower", [True, False])
def test_cholesky_grad_op_matches_graph_gradient(lower):
    x, gz = T.dmatrix("x"), T.dmatrix("gz")
    chol = Cholesky(lower=lower)(x)
    by_graph = theano.grad((chol * gz).sum(), x)
    by_op = CholeskyGrad(lower)(x, chol, gz)
    a, b = function([x, gz], [by_graph, by_op])(spd(5), rand(5, 5, seed=1))
    np.testing.assert_allclose(a, b, atol=1e-12)
    check_infer_shape(by_op, [x, gz], [spd(5), rand(5, 5, seed=1)])


def test_cholesky_grad_op_checks_lower():
    x = T.dmatrix("x")
    with pytest.raises(ValueError, match="lower/upper mismatch"):
        CholeskyGrad(lower=False)(x, cholesky(x), x)


# ----------------------------------------------------------------------------------
# Solve

SOLVES = [
    # op                      A maker                               reference
    (solve, well_conditioned, scipy.linalg.solve),
    (solve_symmetric, spd, scipy.linalg.solve),
    (solve_lower_triangular, lambda n, dtype="float64": np.tril(well_conditioned(n, dtype)),
     lambda a, b: scipy.linalg.solve_triangular(a, b, lower=True)),
    (solve_upper_triangular, lambda n, dtype="float64": np.triu(well_conditioned(n, dtype)),
     lambda a, b: scipy.linalg.solve_triangular(a, b, lower=False)),
]
SOLVE_IDS = ["general", "symmetric", "lower", "upper"]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("b_ndim", [1, 2])
@pytest.mark.parametrize("op, make_a, reference", SOLVES, ids=SOLVE_IDS)
def test_solve_values(op, make_a, reference, b_ndim, dtype):
    A = T.matrix("A", dtype=dtype)
    b = T.tensor(dtype, (False,) * b_ndim, name="b")
    a_value = make_a(4, dtype=dtype)
    b_value = rand(*(4, 3)[:b_ndim], dtype=dtype, seed=1)
    out = op(A, b)
    got = function([A, b], out)(a_value, b_value)
    assert got.dtype == out.dtype == dtype
    np.testing.assert_allclose(got, reference(a_value, b_value), **tol(dtype))
    check_infer_shape(out, [A, b], [a_value, b_value])


def test_triangular_solve_reads_one_triangle():
    A, b = T.dmatrix("A"), T.dvector("b")
    lower = np.tril(well_conditioned(3))
    noisy = lower + np.triu(np.ones((3, 3)), 1)
    f = function([A, b], solve_lower_triangular(A, b))
    np.testing.assert_allclose(f(noisy, np.ones(3)), f(lower, np.ones(3)))


@pytest.mark.parametrize("b_ndim", [1, 2])
@pytest.mark.parametrize("op, make_a, reference", SOLVES, ids=SOLVE_IDS)
def test_solve_grad(op, make_a, reference, b_ndim):
    b_value = rand(*(4, 3)[:b_ndim], seed=1)
    verify_grad(lambda a, b: op(a, b) * 3.0, [make_a(4), b_value])


def test_solve_errors():
    # Theano 1.0.5: ValueError('Invalid matrix structure argument', ...)
    with pytest.raises(ValueError, match="invalid matrix structure argument 'foo'"):
        Solve("foo")
    with pytest.raises(TypeError, match="Solve: b must be a vector or a matrix"):
        solve(T.dmatrix(), T.dtensor3())
    with pytest.raises(TypeError, match="Solve: A must be a matrix"):
        solve(T.dvector(), T.dvector())
    with pytest.raises(np.linalg.LinAlgError):
        function([], solve(np.ones((2, 2)), np.ones(2)))()


# ----------------------------------------------------------------------------------
# eigvalsh


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("lower", [True, False])
def test_eigvalsh_values(lower, dtype):
    a, b = T.matrix("a", dtype=dtype), T.matrix("b", dtype=dtype)
    a_value, b_value = spd(4, dtype), spd(4, dtype, seed=1)
    out = Eigvalsh(lower)(a, b)
    got = function([a, b], out)(a_value, b_value)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, scipy.linalg.eigvalsh(a_value, b_value, lower=lower),
                               **tol(dtype))
    check_infer_shape(out, [a, b], [a_value, b_value])
    single = function([a], Eigvalsh(lower)(a, None))(a_value)
    np.testing.assert_allclose(single, np.linalg.eigvalsh(a_value), **tol(dtype))


def test_eigvalsh_theano_example():
    # Theano 1.0.5: eigvalsh([[2, 1], [1, 3]], NoneConst) printed [1.38196601 3.61803399]
    got = eigvalsh(np.array([[2.0, 1.0], [1.0, 3.0]]), T.NoneConst).eval()
    np.testing.assert_allclose(got, [1.38196601, 3.61803399], rtol=1e-8)


def test_eigvalsh_grad():
    a_value, b_value = spd(4), spd(4, seed=1)
    verify_grad(lambda a, b: eigvalsh(a, b) * 3.0, [a_value, b_value])
    verify_grad(lambda a, b: Eigvalsh(False)(a, b) * 3.0, [a_value, b_value])
    # Theano 1.0.5 could not differentiate the b=None form; it is b = I held fixed
    verify_grad(lambda a: eigvalsh(a, None) * 3.0, [a_value])


def test_eigvalsh_grad_op_infer_shape():
    a, b, gw = T.dmatrix("a"), T.dmatrix("b"), T.dvector("gw")
    out = EigvalshGrad()(a, b, gw)
    check_infer_shape(out[1], [a, b, gw], [spd(3), spd(3, seed=1), rand(3)])


def test_eigvalsh_errors():
    with pytest.raises(ValueError, match="lower must be True or False"):
        Eigvalsh("yes")
    with pytest.raises(TypeError, match="Eigvalsh: b must be a matrix"):
        eigvalsh(T.dmatrix(), T.dvector())


# ----------------------------------------------------------------------------------
# expm


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_expm_values(dtype):
    x = T.matrix("x", dtype=dtype)
    value = rand(4, 4, dtype=dtype)
    out = expm(x)
    got = function([x], out)(value)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, scipy.linalg.expm(value), **tol(dtype))
    check_infer_shape(out, [x], [value])


@pytest.mark.parametrize(
    "make",
    [
        lambda: rand(4, 4),
        lambda: spd(3),
        # repeated eigenvalues and a defective matrix (no eigenvector basis)
        lambda: np.eye(3),
        lambda: np.array([[1.0, 1.0], [0.0, 1.0]]),
    ],
)
def test_expm_grad(make):
    verify_grad(lambda a: expm(a) * 3.0, [make()])


def test_expm_grad_op_infer_shape():
    a, g = T.dmatrix("a"), T.dmatrix("g")
    check_infer_shape(ExpmGrad()(a, g), [a, g], [rand(3, 3), rand(3, 3, seed=1)])


# ----------------------------------------------------------------------------------
# kron


@pytest.mark.parametrize(
    "sa, sb, out_shape, first",
    [
        # Theano 1.0.5 (a = arange + 1, b = arange * 0.5 + 1): shapes and first values
        ((2, 3), (4, 5), (8, 15), [1.0, 1.5, 2.0, 2.5, 3.0, 2.0, 3.0, 4.0, 5.0, 6.0, 3.0, 4.5]),
        ((2,), (3, 4), (24,), [1.0, 1.5, 2.0, 2.5, 2.0, 3.0, 4.0, 5.0, 3.0, 3.5, 4.0, 4.5]),
        ((2, 3), (4,), (24,), [1.0, 1.5, 2.0, 2.5, 4.0, 6.0, 8.0, 10.0, 2.0, 3.0, 4.0, 5.0]),
        ((2, 3), (4, 5, 6), (8, 15, 6), [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0,
                                         6.5]),
        ((2, 3, 4), (5, 6), (8, 15, 6), [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0,
                                         6.5]),
        ((2, 2, 2), (3,), (4, 6), [1.0, 1.5, 2.0, 3.0, 4.5, 6.0, 2.0, 3.0, 4.0, 4.0, 6.0, 8.0]),
    ],
)
def test_kron_layouts(sa, sb, out_shape, first):
    a = np.arange(np.prod(sa)).reshape(sa) + 1.0
    b = np.arange(np.prod(sb)).reshape(sb) * 0.5 + 1.0
    out = kron(a, b)
    assert out.ndim == len(out_shape)
    got = out.eval()
    assert got.shape == out_shape
    np.testing.assert_allclose(got.ravel()[:12], first)
    if len(sa) == len(sb) == 2:
        np.testing.assert_allclose(got, np.kron(a, b))


@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_kron_dtype(dtype):
    a, b = T.matrix("a", dtype=dtype), T.matrix("b", dtype=dtype)
    out = kron(a, b)
    assert out.dtype == dtype
    av, bv = np.arange(4).reshape(2, 2).astype(dtype), np.arange(6).reshape(2, 3).astype(dtype)
    np.testing.assert_array_equal(function([a, b], out)(av, bv), np.kron(av, bv))


def test_kron_grad_and_errors():
    verify_grad(lambda a, b: kron(a, b) * 3.0, [rand(2, 3), rand(3, 2, seed=1)])
    # Theano 1.0.5's message
    with pytest.raises(TypeError, match="inputs dimensions must sum to 3 or more. You passed 1 "
                                        "and 1."):
        kron(T.dvector(), T.dvector())


# ----------------------------------------------------------------------------------
# py backend


def test_py_backend_renders_scipy_calls():
    x, b = T.fmatrix("x"), T.fvector("b")
    outs = [cholesky(x), solve(x, b), solve_upper_triangular(x, b), expm(x),
            eigvalsh(x, x), Cholesky(on_error="nan")(x)]
    f = function([x, b], outs)
    for name in ("_cholesky(", "_solve(", "_solve_triangular(", "_expm(", "_eigvalsh("):
        assert name in f.source
    value = spd(3, "float32")
    for got, out in zip(f(value, value[0]), outs):
        assert got.dtype == out.dtype == "float32"
    # int8 operands: scipy computes in float64 now, Theano's float32 is kept
    xi = T.bmatrix("xi")
    g = function([xi], solve(xi, xi))
    assert g(np.eye(2, dtype="int8")).dtype == "float32"


def test_module_doctests():
    import doctest

    from theano.tensor import slinalg

    result = doctest.testmod(slinalg, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
