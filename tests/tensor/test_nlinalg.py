"""theano.tensor.nlinalg: inverses, determinant, eig/eigh/svd/qr, diagonals, trace, norms.

Types, op names and error kinds come from Theano 1.0.5 runs (noted per test); values
are compared with numpy.linalg in float64 and float32.
"""

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.linalg  # the renderers under test
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.join import stack
from theano.tensor.nlinalg import (
    SVD,
    AllocDiag,
    Det,
    Eig,
    Eigh,
    EighGrad,
    ExtractDiag,
    MatrixInverse,
    MatrixPinv,
    QRFull,
    QRIncomplete,
    TensorInv,
    TensorSolve,
    alloc_diag,
    det,
    diag,
    diagonal,
    eig,
    eigh,
    extract_diag,
    lstsq,
    matrix_dot,
    matrix_inverse,
    matrix_power,
    norm,
    pinv,
    qr,
    svd,
    tensorinv,
    tensorsolve,
    trace,
)
from theano.tensor.shape import shape_i


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
    if not inferred:
        assert function(inputs, out, on_unused_input="ignore")(*values).shape == ()
        return
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    got, real = function(inputs, [shape_var, out], on_unused_input="ignore")(*values)
    assert tuple(got) == np.shape(real)


def tol(dtype):
    return {"rtol": 1e-4, "atol": 1e-4} if dtype == "float32" else {"rtol": 1e-10, "atol": 1e-10}


# ----------------------------------------------------------------------------------
# Types and op names


@pytest.mark.parametrize(
    "build, dtype, expected",
    [
        # Theano 1.0.5: the result keeps the input's dtype (cast back from float64)
        (matrix_inverse, "float32", ["float32"]),
        (matrix_inverse, "int32", ["int32"]),
        (pinv, "float32", ["float32"]),
        (det, "float32", ["float32"]),
        (det, "int64", ["int64"]),
        (eig, "float32", ["float32", "float32"]),
        (eig, "int32", ["int32", "int32"]),
        (eigh, "float32", ["float32", "float32"]),
        # Theano typed v as int32 but returned float64 values: we type what it returned
        (eigh, "int32", ["float64", "float64"]),
        (svd, "float32", ["float32", "float32", "float32"]),
        (svd, "int32", ["float64", "float64", "float64"]),
        (qr, "float32", ["float32", "float32"]),
        (qr, "int64", ["float64", "float64"]),
        (trace, "float32", ["float32"]),
        (trace, "int32", ["int64"]),
        (extract_diag, "int32", ["int32"]),
    ],
)
def test_output_dtypes(build, dtype, expected):
    out = build(T.matrix(dtype=dtype))
    outs = out if isinstance(out, (list, tuple)) else [out]
    assert [o.dtype for o in outs] == expected


def test_output_types():
    # Theano 1.0.5: inverse and Cholesky keep the broadcastable pattern; det is a scalar
    assert matrix_inverse(T.drow()).type == T.drow
    assert det(T.drow()).type == T.dscalar
    assert pinv(T.drow()).broadcastable == (False, True)
    w, v = eig(T.dmatrix())
    assert (w.type, v.type) == (T.dvector, T.dmatrix)
    assert svd(T.dmatrix(), compute_uv=0).type == T.dvector
    h, tau = qr(T.dmatrix(), "raw")
    assert (h.type, tau.type) == (T.dmatrix, T.dvector)
    assert qr(T.dmatrix(), "r").type == T.dmatrix
    assert diag(T.fvector()).type == T.fmatrix
    assert diag(T.drow()).type == T.dvector
    assert diag(T.dtensor3()).type == T.dmatrix
    assert AllocDiag()(T.dmatrix()).type == T.dtensor3
    assert tensorinv(T.dtensor4()).type == T.dtensor4
    assert tensorinv(T.dtensor3(), 1).type == T.dtensor3
    assert tensorsolve(T.dtensor3(), T.dvector()).type == T.dmatrix


@pytest.mark.parametrize(
    "out, name",
    [
        # Theano 1.0.5 str() of the ops
        (det(T.dmatrix()), "Det"),
        (matrix_inverse(T.dmatrix()), "MatrixInverse"),
        (pinv(T.dmatrix()), "MatrixPinv"),
        (eig(T.dmatrix())[0], "Eig"),
        (eigh(T.dmatrix())[0], "Eigh{UPLO='L'}"),
        (svd(T.dmatrix())[0], "SVD{full_matrices=1, compute_uv=1}"),
        (qr(T.dmatrix())[0], "QRFull{mode='reduced'}"),
        (qr(T.dmatrix(), "r"), "QRIncomplete{mode='r'}"),
        (extract_diag(T.dmatrix()), "ExtractDiag{offset=0, axis1=0, axis2=1, view=False}"),
        (diag(T.dvector()), "AllocDiag{offset=0, axis1=0, axis2=1}"),
    ],
)
def test_op_names(out, name):
    assert str(out.owner.op) == name


def test_props():
    assert Eigh.__props__ == ("UPLO",) and EighGrad.__props__ == ("UPLO",)
    assert SVD.__props__ == ("full_matrices", "compute_uv")
    assert ExtractDiag.__props__ == ("offset", "axis1", "axis2", "view")
    assert AllocDiag.__props__ == ("offset", "axis1", "axis2")
    assert TensorInv.__props__ == ("ind",) and TensorSolve.__props__ == ("axes",)
    assert Eigh("U") == Eigh("U") != Eigh("L")
    assert ExtractDiag(1) == ExtractDiag(1) != ExtractDiag(1, view=True)
    assert ExtractDiag(view=True).view_map == {0: [0]}
    assert MatrixInverse() == matrix_inverse and Det() == det


# ----------------------------------------------------------------------------------
# Values against numpy.linalg


def _eigh_ref(a):
    return list(np.linalg.eigh(a))


def _svd_ref(a):
    return list(np.linalg.svd(a))


VALUES = [
    # name        build                              reference                      input
    ("inv", matrix_inverse, np.linalg.inv, well_conditioned),
    ("pinv", pinv, np.linalg.pinv, lambda n, dtype: rand(n, n + 2, dtype=dtype)),
    ("det", det, np.linalg.det, well_conditioned),
    ("eigvals", lambda x: eig(x)[0], lambda a: np.linalg.eig(a)[0].real, spd),
    ("eigh", eigh, _eigh_ref, spd),
    ("eigh_U", lambda x: Eigh("U")(x), lambda a: list(np.linalg.eigh(a, "U")), spd),
    ("svd", svd, _svd_ref, lambda n, dtype: rand(n, n + 1, dtype=dtype)),
    ("svd_s", lambda x: svd(x, compute_uv=0), lambda a: np.linalg.svd(a, compute_uv=False),
     lambda n, dtype: rand(n + 1, n, dtype=dtype)),
    ("svd_reduced", lambda x: svd(x, full_matrices=0),
     lambda a: list(np.linalg.svd(a, full_matrices=False)),
     lambda n, dtype: rand(n + 2, n, dtype=dtype)),
    ("qr", qr, lambda a: list(np.linalg.qr(a)), lambda n, dtype: rand(n + 1, n, dtype=dtype)),
    ("qr_complete", lambda x: qr(x, "complete"), lambda a: list(np.linalg.qr(a, "complete")),
     lambda n, dtype: rand(n + 1, n, dtype=dtype)),
    ("qr_r", lambda x: qr(x, "r"), lambda a: np.linalg.qr(a, "r"),
     lambda n, dtype: rand(n, n + 1, dtype=dtype)),
    ("qr_raw", lambda x: qr(x, "raw"), lambda a: list(np.linalg.qr(a, "raw")),
     lambda n, dtype: rand(n + 1, n, dtype=dtype)),
    ("trace", trace, np.trace, lambda n, dtype: rand(n, n + 1, dtype=dtype)),
    ("diag", diag, np.diag, lambda n, dtype: rand(n, n + 1, dtype=dtype)),
    ("matrix_power", lambda x: matrix_power(x, 5), lambda a: np.linalg.matrix_power(a, 5),
     lambda n, dtype: rand(n, n, dtype=dtype)),
]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name, build, reference, make", VALUES, ids=[v[0] for v in VALUES])
def test_values(name, build, reference, make, dtype):
    x = T.matrix("x", dtype=dtype)
    out = build(x)
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    value = make(4, dtype=dtype)
    got = function([x], outs)(value)
    expected = reference(value)
    expected = expected if isinstance(expected, list) else [expected]
    for o, g, e in zip(outs, got, expected):
        assert g.dtype == o.dtype == dtype
        np.testing.assert_allclose(g, e, **tol(dtype))


def test_int_inputs_follow_theano():
    # Theano 1.0.5 casts inv/det back to the integer dtype (truncating), returns
    # float64 singular values
    x = T.imatrix("x")
    a = np.array([[4, 1], [1, 3]], dtype="int32")
    inv, d, s = function([x], [matrix_inverse(x), det(x), svd(x, compute_uv=0)])(a)
    assert inv.dtype == "int32" and np.array_equal(inv, np.linalg.inv(a).astype("int32"))
    assert d.dtype == "int32" and d == np.asarray(np.linalg.det(a)).astype("int32")
    assert s.dtype == "float64"
    np.testing.assert_allclose(s, np.linalg.svd(a, compute_uv=False))


def test_eig_of_real_matrix_with_complex_eigenvalues_keeps_real_part():
    # Theano 1.0.5 casts eig's results to the input dtype (the real part)
    x = T.dmatrix("x")
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    w, _ = function([x], eig(x))(rot)
    assert w.dtype == "float64"
    np.testing.assert_allclose(w, np.linalg.eig(rot)[0].real)


def test_runtime_errors_come_from_numpy():
    x = T.dmatrix("x")
    f = function([x], matrix_inverse(x))
    with pytest.raises(np.linalg.LinAlgError, match="square"):
        f(np.ones((2, 3)))
    with pytest.raises(np.linalg.LinAlgError, match="Singular"):
        f(np.ones((2, 2)))
    with pytest.raises(np.linalg.LinAlgError):
        function([x], det(x))(np.ones((2, 3)))


def test_empty_matrices():
    x = T.dmatrix("x")
    inv, d, tr, dg = function([x], [matrix_inverse(x), det(x), trace(x), diag(x)])(
        np.zeros((0, 0))
    )
    assert inv.shape == (0, 0) and d == 1.0 and tr == 0.0 and dg.shape == (0,)


# ----------------------------------------------------------------------------------
# Diagonals


@pytest.mark.parametrize(
    "shape, offset, axis1, axis2",
    [
        ((3, 5), 0, 0, 1),
        ((3, 5), 2, 0, 1),
        ((3, 5), -1, 0, 1),
        ((5, 3), 7, 0, 1),
        ((3, 5), 1, 1, 0),
        ((2, 3, 4), 0, 0, 1),
        ((2, 3, 4), 1, 1, 2),
        ((2, 3, 4), -1, 2, 0),
        ((2, 3, 4), 1, -1, -3),
    ],
)
def test_diagonal(shape, offset, axis1, axis2):
    x = T.tensor("float64", (False,) * len(shape), name="x")
    value = rand(*shape)
    out = diagonal(x, offset, axis1, axis2)
    got = function([x], out)(value)
    expected = np.diagonal(value, offset, axis1, axis2)
    np.testing.assert_array_equal(got, expected)
    assert got.flags.writeable  # a copy, not numpy's read-only view
    check_infer_shape(out, [x], [value])
    verify_grad(lambda v: diagonal(v, offset, axis1, axis2) * 3.0, [value])


def test_extract_diag_view():
    x = T.dmatrix("x")
    value = rand(3, 4)
    got = function([x], ExtractDiag(view=True)(x))(value)
    np.testing.assert_array_equal(got, np.diagonal(value))


@pytest.mark.parametrize(
    "shape, offset, axis1, axis2",
    [
        ((3,), 0, 0, 1),
        ((3,), 2, 0, 1),
        ((3,), -1, 0, 1),
        ((3,), 1, 1, 0),
        ((2, 3), 0, 0, 1),
        ((2, 3), 1, 1, 2),
        ((2, 3), -2, 0, 2),
        ((2, 3), 1, 2, 0),
    ],
)
def test_alloc_diag(shape, offset, axis1, axis2):
    x = T.tensor("float64", (False,) * len(shape), name="x")
    value = rand(*shape)
    out = AllocDiag(offset, axis1, axis2)(x)
    got = function([x], out)(value)
    assert got.ndim == len(shape) + 1
    # The inverse of numpy.diagonal with the same parameters, zeros elsewhere
    np.testing.assert_array_equal(np.diagonal(got, offset, axis1, axis2), value)
    assert np.count_nonzero(got) == np.count_nonzero(value)
    if len(shape) == 1 and (axis1, axis2) == (0, 1):
        np.testing.assert_array_equal(got, np.diag(value, offset))
    check_infer_shape(out, [x], [value])
    verify_grad(lambda v: AllocDiag(offset, axis1, axis2)(v) * 3.0, [value])


@pytest.mark.parametrize("k", [0, 1, -2])
def test_diag(k):
    v, m = T.dvector("v"), T.dmatrix("m")
    vv, mv = rand(3), rand(3, 4)
    a, b = function([v, m], [diag(v, k), diag(m, k)])(vv, mv)
    np.testing.assert_array_equal(a, np.diag(vv, k))
    np.testing.assert_array_equal(b, np.diag(mv, k))
    assert alloc_diag(vv).eval().tolist() == np.diag(vv).tolist()
    verify_grad(lambda x: diag(x, k), [vv])
    verify_grad(lambda x: diag(x, k), [mv])


def test_diag_errors():
    # Theano 1.0.5: ValueError for a 0-d input to diag, ExtractDiag and AllocDiag
    with pytest.raises(ValueError, match="ndim >= 1"):
        diag(T.dscalar())
    with pytest.raises(ValueError, match="ExtractDiag needs an input with 2 or more"):
        extract_diag(T.dvector())
    with pytest.raises(ValueError, match="AllocDiag needs an input with 1 or more"):
        AllocDiag()(T.dscalar())
    with pytest.raises(ValueError, match="axis1 and axis2 cannot be the same"):
        diagonal(T.dmatrix(), 0, 1, 1)
    with pytest.raises(ValueError, match="out of bounds"):
        diagonal(T.dmatrix(), 0, 0, 2)
    with pytest.raises(ValueError, match="out of bounds"):
        AllocDiag(0, 0, 2)(T.dvector())


def test_trace():
    x = T.dmatrix("x")
    value = rand(3, 5)
    assert np.isclose(function([x], trace(x))(value), np.trace(value))
    # Theano 1.0.5: a 3-d input sums every diagonal (ExtractDiag then sum)
    assert trace(np.arange(8.0).reshape(2, 2, 2)).eval() == 14.0
    verify_grad(lambda v: trace(v) * 3.0, [value])
    with pytest.raises(ValueError, match="2 or more dimensions"):
        trace(T.dvector())


def test_variable_methods():
    x = T.dmatrix("x")
    value = rand(3, 4)
    d, t = function([x], [x.diagonal(1), x.trace()])(value)
    np.testing.assert_array_equal(d, value.diagonal(1))
    assert np.isclose(t, np.trace(value))
    assert T.diag(T.dvector()).owner.op == AllocDiag()


# ----------------------------------------------------------------------------------
# Gradients (float64, scaled so a dropped output gradient fails)


GRADS = [
    ("inv", lambda x: matrix_inverse(x) * 3.0, lambda: [well_conditioned(4)]),
    ("det", lambda x: det(x) * 3.0, lambda: [well_conditioned(4)]),
    ("pinv", lambda x: pinv(x) * 3.0, lambda: [rand(3, 5)]),
    ("pinv_tall", lambda x: pinv(x) * 3.0, lambda: [rand(5, 3)]),
    ("eigh_w", lambda x: eigh(x)[0] * 3.0, lambda: [spd(4)]),
    ("eigh_v", lambda x: eigh(x)[1] * 3.0, lambda: [spd(4)]),
    ("eigh_U", lambda x: Eigh("U")(x)[0] * Eigh("U")(x)[1] * 3.0, lambda: [spd(4)]),
    ("matrix_power", lambda x: matrix_power(x, 3), lambda: [rand(3, 3)]),
    ("matrix_power_neg", lambda x: matrix_power(x, -2), lambda: [well_conditioned(3)]),
    ("matrix_dot", lambda x, y: matrix_dot(x, y, y.T), lambda: [rand(2, 3), rand(3, 4, seed=1)]),
    ("norm_fro", lambda x: norm(x, None), lambda: [rand(3, 4)]),
    ("norm_vec3", lambda x: norm(x, 3), lambda: [rand(5) + 2]),
]


@pytest.mark.parametrize("name, fn, make", GRADS, ids=[g[0] for g in GRADS])
def test_grad(name, fn, make):
    verify_grad(fn, make())


def test_grad_float32_keeps_dtype():
    x = T.fmatrix("x")
    for out in (det(x), matrix_inverse(x).sum(), eigh(x)[0].sum(), trace(x)):
        assert theano.grad(out, x).dtype == "float32"


def test_eigh_grad_ignores_the_other_triangle():
    # eigh reads the lower triangle only: the upper triangle's gradient is zero
    x = T.dmatrix("x")
    g = function([x], theano.grad(eigh(x)[0][-1], x))(spd(4))
    assert np.all(np.triu(g, 1) == 0)
    g_up = function([x], theano.grad(Eigh("U")(x)[0][-1], x))(spd(4))
    assert np.all(np.tril(g_up, -1) == 0)


def test_matrix_inverse_rop():
    x, v = T.dmatrix("x"), T.dmatrix("v")
    a, dv = well_conditioned(3), rand(3, 3, seed=1)
    got = function([x, v], theano.gradient.Rop(matrix_inverse(x), x, v))(a, dv)
    ai = np.linalg.inv(a)
    np.testing.assert_allclose(got, -ai.dot(dv).dot(ai))
    (direct,) = MatrixInverse().R_op([x], [v])
    np.testing.assert_allclose(function([x, v], direct)(a, dv), -ai.dot(dv).dot(ai))


def test_no_gradient_where_theano_had_none():
    # Theano 1.0.5 had no gradient for eig, svd and qr
    x = T.dmatrix("x")
    for out in (eig(x)[0].sum(), svd(x, compute_uv=0).sum(), qr(x, "r").sum()):
        with pytest.raises(NotImplementedError):
            theano.grad(out, x)


# ----------------------------------------------------------------------------------
# Shapes


@pytest.mark.parametrize(
    "build, shape",
    [
        (matrix_inverse, (3, 3)),
        (pinv, (3, 5)),
        (det, (3, 3)),
        (lambda x: eig(x)[1], (3, 3)),
        (lambda x: eigh(x)[0], (3, 3)),
        (lambda x: svd(x)[0], (3, 5)),
        (lambda x: svd(x)[1], (5, 3)),
        (lambda x: svd(x)[2], (3, 5)),
        (lambda x: svd(x, 0)[0], (5, 3)),
        (lambda x: svd(x, 0)[2], (3, 5)),
        (lambda x: svd(x, 0, 0), (3, 5)),
        (lambda x: qr(x)[0], (5, 3)),
        (lambda x: qr(x)[1], (3, 5)),
        (lambda x: qr(x, "complete")[0], (5, 3)),
        (lambda x: qr(x, "complete")[1], (5, 3)),
        (lambda x: qr(x, "r"), (5, 3)),
        (lambda x: qr(x, "raw")[0], (5, 3)),
        (lambda x: qr(x, "raw")[1], (3, 5)),
    ],
)
def test_infer_shape(build, shape):
    x = T.dmatrix("x")
    value = spd(3) if shape == (3, 3) else rand(*shape)
    check_infer_shape(build(x), [x], [value])


def test_eigh_grad_infer_shape():
    x = T.dmatrix("x")
    w, v = eigh(x)
    out = EighGrad()(x, w, v, w, v)
    check_infer_shape(out, [x], [spd(3)])


# ----------------------------------------------------------------------------------
# Norms


@pytest.mark.parametrize("ord", [None, "inf", np.inf, "-inf", -np.inf, 0, 1, 2, 3, 0.5, -1.5])
def test_norm_vector(ord):
    value = np.array([1.0, -3.0, 0.0, 2.5])
    np_ord = {"inf": np.inf, "-inf": -np.inf}.get(ord, ord) if isinstance(ord, str) else ord
    x = T.dvector("x")
    got = function([x], norm(x, ord))(value)
    np.testing.assert_allclose(got, np.linalg.norm(value, np_ord))


def test_norm_vector_zero_counts_nonzeros():
    # Theano 1.0.5: ord=0 counts non-zero entries as an int64 scalar
    out = norm(np.array([1.0, 0.0, 2.0]), 0)
    assert out.dtype == "int64" and out.eval() == 2


@pytest.mark.parametrize("ord", [None, "fro", "inf", np.inf, "-inf", -np.inf, 1, -1, 1.0])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_norm_matrix(ord, dtype):
    value = np.array([[1.0, -3.0], [0.0, 2.0], [4.0, 5.0]], dtype=dtype)
    np_ord = {"inf": np.inf, "-inf": -np.inf}.get(ord, ord) if isinstance(ord, str) else ord
    x = T.matrix("x", dtype=dtype)
    out = norm(x, ord)
    assert out.dtype == dtype
    np.testing.assert_allclose(function([x], out)(value), np.linalg.norm(value, np_ord), rtol=1e-6)


def test_norm_errors():
    # Theano 1.0.5: ValueError for a scalar and bad orders, NotImplementedError above 2-d
    with pytest.raises(ValueError, match="out of bounds"):
        norm(T.dscalar(), None)
    with pytest.raises(NotImplementedError, match="ndim|dimensions"):
        norm(T.dtensor3(), None)
    with pytest.raises(ValueError, match="invalid norm order 2 for matrices"):
        norm(T.dmatrix(), 2)
    with pytest.raises(ValueError, match="invalid norm order 'fro' for vectors"):
        norm(T.dvector(), "fro")


# ----------------------------------------------------------------------------------
# matrix_power, matrix_dot


@pytest.mark.parametrize("n", [0, 1, 2, 3, 6, 13, -1, -3])
def test_matrix_power(n):
    x = T.dmatrix("x")
    value = well_conditioned(3) / 3
    got = function([x], matrix_power(x, n))(value)
    np.testing.assert_allclose(got, np.linalg.matrix_power(value, n), rtol=1e-12)


def test_matrix_power_errors():
    with pytest.raises(TypeError, match="n must be a Python int"):
        matrix_power(T.dmatrix(), 1.5)
    with pytest.raises(TypeError, match="matrix_power: M must be a matrix"):
        matrix_power(T.dvector(), 2)


def test_matrix_dot():
    a, b, c = rand(2, 3), rand(3, 4, seed=1), rand(4, 2, seed=2)
    np.testing.assert_allclose(matrix_dot(a, b, c).eval(), a.dot(b).dot(c))
    assert matrix_dot(T.dmatrix()).type == T.dmatrix


# ----------------------------------------------------------------------------------
# lstsq, tensorinv, tensorsolve


@pytest.mark.parametrize("b_shape", [(4,), (4, 2)])
@pytest.mark.parametrize("rcond", [-1, None, 1e-10])
def test_lstsq(b_shape, rcond):
    a, b = rand(4, 3), rand(*b_shape, seed=1)
    outs = lstsq()(T.dmatrix("a"), T.tensor("float64", (False,) * len(b_shape)), rcond)
    assert [o.dtype for o in outs] == ["float64", "float64", "int64", "float64"]
    assert outs[0].ndim == len(b_shape)
    got = function(outs[0].owner.inputs[:2], outs)(a, b)
    expected = np.linalg.lstsq(a, b, rcond=rcond)
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e)


def test_lstsq_theano_example():
    # Theano 1.0.5: lstsq()(a, b, -1) on this system gave x = [1, 2], rank 2
    x, _, rank, s = lstsq()(np.array([[1.0, 0], [0, 1], [1, 1]]), np.array([1.0, 2, 3]), -1)
    np.testing.assert_allclose(x.eval(), [1.0, 2.0])
    assert rank.eval() == 2
    np.testing.assert_allclose(s.eval(), [1.73205081, 1.0])


@pytest.mark.parametrize("shape, ind", [((4, 6, 8, 3), 2), ((24, 2, 3, 4), 1)])
def test_tensorinv(shape, ind):
    a = rand(*shape) + np.eye(24).reshape(shape)
    x = T.dtensor4("x")
    out = tensorinv(x, ind)
    np.testing.assert_allclose(function([x], out)(a), np.linalg.tensorinv(a, ind))
    check_infer_shape(out, [x], [a])


@pytest.mark.parametrize("shape, axes", [((6, 2, 3), None), ((2, 6, 3), (0,))])
def test_tensorsolve(shape, axes):
    # a is "square" after moving ``axes`` to the end: (6, Q) with prod(Q) == 6
    base = (rand(6, 6) + 6 * np.eye(6)).reshape((6,) + shape[2:] + shape[:1] if axes else shape)
    a = np.moveaxis(base, -1, 0) if axes else base
    assert a.shape == shape
    b = rand(6, seed=1)
    x_a, x_b = T.dtensor3("a"), T.dvector("b")
    out = tensorsolve(x_a, x_b, axes)
    expected = np.linalg.tensorsolve(a, b, axes)
    np.testing.assert_allclose(function([x_a, x_b], out)(a, b), expected)
    assert out.ndim == expected.ndim
    check_infer_shape(out, [x_a, x_b], [a, b])


# ----------------------------------------------------------------------------------
# Build-time errors name the op and what was expected


@pytest.mark.parametrize(
    "build, arg, message",
    [
        (matrix_inverse, T.dvector(), "MatrixInverse: input must be a matrix"),
        (det, T.dtensor3(), "Det: input must be a matrix"),
        (pinv, T.dscalar(), "MatrixPinv: input must be a matrix"),
        (eig, T.dvector(), "Eig: input must be a matrix"),
        (eigh, T.dvector(), "Eigh: input must be a matrix"),
        (svd, T.dvector(), "SVD: input must be a matrix"),
        (qr, T.dvector(), "QRFull: input must be a matrix"),
        (tensorinv, T.dmatrix(), "TensorInv: input must have more than ind=2"),
    ],
)
def test_make_node_errors(build, arg, message):
    with pytest.raises(TypeError, match=message):
        build(arg)


def test_parameter_errors():
    with pytest.raises(ValueError, match="UPLO must be 'L' or 'U'"):
        Eigh("X")
    with pytest.raises(ValueError, match="unrecognized mode 'foo'"):
        qr(T.dmatrix(), "foo")
    with pytest.raises(ValueError, match="QRIncomplete"):
        QRFull("r")
    with pytest.raises(ValueError, match="ind must be a positive integer"):
        TensorInv(0)
    with pytest.raises(TypeError, match="lstsq: b must be a vector or a matrix"):
        lstsq()(T.dmatrix(), T.dtensor3(), -1)
    with pytest.raises(TypeError, match="TensorSolve: a must have at least as many"):
        tensorsolve(T.dvector(), T.dmatrix())
    assert isinstance(QRIncomplete("r"), QRIncomplete)
    assert isinstance(Det(), Det) and isinstance(Eig(), Eig)
    assert isinstance(MatrixPinv(), MatrixPinv)


# ----------------------------------------------------------------------------------
# py backend: rendered NumPy calls give perform's numbers


def test_py_backend_renders_numpy_calls():
    x = T.fmatrix("x")
    f = function([x], [matrix_inverse(x), det(x), diag(x), eigh(x)[0], svd(x, 0, 0)])
    for call in ("np.linalg.inv(", "np.linalg.det(", "np.diagonal(", "np.linalg.eigh(",
                 "np.linalg.svd("):
        assert call in f.source
    value = spd(3, "float32")
    for got, out in zip(f(value), f.maker.fgraph.outputs):
        assert got.dtype == "float32"
    # Integer inputs: the rendered code casts like perform
    xi = T.imatrix("xi")
    g = function([xi], [matrix_inverse(xi), det(xi)])
    inv, d = g(np.array([[2, 0], [0, 4]], dtype="int32"))
    # Theano 1.0.5 printed 7 here: det is 7.999999999999998 in float64, truncated
    assert inv.dtype == d.dtype == "int32" and d == 7
    assert inv.tolist() == [[0, 0], [0, 0]]


def test_module_doctests():
    import doctest

    from theano.tensor import nlinalg

    result = doctest.testmod(nlinalg, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
