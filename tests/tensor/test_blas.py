"""Tests of theano.tensor.blas: Gemm/Gemv ops, the gemv rewrite and the in-place BLAS rewrites."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.io import In
from theano.compile.mode import Mode
from theano.gradient import verify_grad
from theano.tensor.blas import (
    Gemm,
    Gemv,
    gemm_inplace,
    gemm_no_inplace,
    gemv_inplace,
    gemv_no_inplace,
)

FAST_RUN = Mode(optimizer="fast_run")
NO_REWRITES = Mode(optimizer=None)
rng = np.random.RandomState(3)


def _blas_nodes(f, op_type):
    return [n for n in f.maker.fgraph.toposort() if isinstance(n.op, op_type)]


def _compare(inputs, outputs, values, fires=(), not_fires=(), mode=FAST_RUN, ref=None,
             **kwargs):
    """Compile with ``mode`` and without rewrites: equal values, inputs untouched.

    When ``ref`` is given, ``ref(*values)`` (NumPy; a list for several outputs) must agree
    with the rewritten function too.
    """
    copies = [np.array(v, copy=True) for v in values]
    f = theano.function(inputs, outputs, mode=mode, **kwargs)
    g = theano.function(inputs, outputs, mode=NO_REWRITES, **kwargs)
    for _ in range(2):
        got, want = f(*values), g(*values)
        if not isinstance(outputs, (list, tuple)):
            got, want = [got], [want]
        for a, b in zip(got, want):
            assert a.dtype == b.dtype and a.shape == b.shape
            np.testing.assert_allclose(a, b, rtol=1e-5 if a.dtype == "float32" else 1e-12)
        if ref is not None:
            expected = ref(*copies)
            if not isinstance(outputs, (list, tuple)):
                expected = [expected]
            for a, e in zip(got, expected):
                np.testing.assert_allclose(a, e, rtol=1e-5 if a.dtype == "float32" else 1e-12)
        for v, c in zip(values, copies):
            np.testing.assert_array_equal(v, c)
    names = f.maker.rewrites.names()
    for name in fires:
        assert name in names, f"{name} did not fire; the log has {names}"
    for name in not_fires:
        assert name not in names, f"{name} fired: {names}"
    return f


# ----------------------------------------------------------------------------------------
# The ops


def test_str_and_props():
    assert str(gemv_no_inplace) == "Gemv{no_inplace}" and str(gemv_inplace) == "Gemv{inplace}"
    assert str(gemm_inplace) == "Gemm{inplace}"
    assert gemv_inplace.destroy_map == {0: [0]} and not gemv_no_inplace.destroy_map
    assert Gemv(inplace=True) == gemv_inplace and Gemv() != gemv_inplace


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("inplace", [False, True])
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("a, b", [(1.0, 1.0), (-0.5, 2.0), (1.5, 0.0)])
def test_gemv_perform(dtype, inplace, order, a, b):
    op = Gemv(inplace)
    Y, A, X = np.asarray(rng.rand(4), dtype), np.asarray(rng.rand(4, 3), dtype, order=order), \
        np.asarray(rng.rand(3), dtype)
    node = op.make_node(T.vector(dtype=dtype), T.scalar(dtype=dtype), T.matrix(dtype=dtype),
                        T.vector(dtype=dtype), T.scalar(dtype=dtype))
    want = b * Y + a * A.dot(X)
    y_copy = Y.copy()
    out = [[None]]
    op.perform(node, [Y, np.asarray(a, dtype), A, X, np.asarray(b, dtype)], out)
    np.testing.assert_allclose(out[0][0], want, rtol=1e-5)
    assert out[0][0].dtype == dtype
    if inplace:
        assert out[0][0] is Y
    else:
        np.testing.assert_array_equal(Y, y_copy)


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_gemm_inplace_writes_z(order, dtype):
    Z = np.asarray(rng.rand(5, 4), dtype, order=order)
    X, Y = np.asarray(rng.rand(5, 3), dtype), np.asarray(rng.rand(3, 4), dtype)
    want = 0.5 * Z + 2.0 * X.dot(Y)
    node = gemm_inplace.make_node(*[T.matrix(dtype=dtype) if i in (0, 2, 3) else T.dscalar()
                                    for i in range(5)])
    out = [[None]]
    gemm_inplace.perform(node, [Z, 2.0, X, Y, 0.5], out)
    assert out[0][0] is Z
    np.testing.assert_allclose(Z, want, rtol=1e-5)


def test_gemm_inplace_with_aliased_factor():
    Z = rng.rand(4, 4)
    want = 0.5 * Z + 2.0 * Z.dot(Z)
    node = gemm_inplace.make_node(T.dmatrix(), T.dscalar(), T.dmatrix(), T.dmatrix(),
                                  T.dscalar())
    out = [[None]]
    gemm_inplace.perform(node, [Z, 2.0, Z, Z, 0.5], out)
    np.testing.assert_allclose(out[0][0], want)


def test_gemv_shapes_and_infer_shape():
    y, a, A, x, b = T.dvector(), T.dscalar(), T.dmatrix(), T.dvector(), T.dscalar()
    out = gemv_no_inplace(y, a, A, x, b)
    assert out.type == y.type
    f = theano.function([y, a, A, x, b], out.shape)
    assert tuple(f(np.zeros(4), 1.0, np.zeros((4, 3)), np.zeros(3), 1.0)) == (4,)
    g = theano.function([y, a, A, x, b], out, mode=NO_REWRITES)
    with pytest.raises(ValueError, match="Gemv: shapes do not agree"):
        g(np.zeros(4), 1.0, np.zeros((4, 3)), np.zeros(2), 1.0)


@pytest.mark.parametrize("args, match", [
    ((T.dmatrix(), T.dscalar(), T.dmatrix(), T.dvector(), T.dscalar()), r"input 0 \(y\)"),
    ((T.ivector(), T.dscalar(), T.dmatrix(), T.dvector(), T.dscalar()), r"input 0 \(y\)"),
    ((T.dvector(), T.dvector(), T.dmatrix(), T.dvector(), T.dscalar()), r"input 1 \(a\)"),
    ((T.dvector(), T.dscalar(), T.fmatrix(), T.dvector(), T.dscalar()), r"input 2 \(A\)"),
    ((T.dvector(), T.dscalar(), T.dmatrix(), T.dmatrix(), T.dscalar()), r"input 3 \(x\)"),
    ((T.dvector(), T.dscalar(), T.dmatrix(), T.dvector(), T.iscalar()), r"input 4 \(b\)"),
])
def test_gemv_make_node_errors(args, match):
    with pytest.raises(TypeError, match="Gemv: " + match):
        gemv_no_inplace(*args)


def test_gemv_grad():
    r = np.random.RandomState(11)
    verify_grad(lambda y, a, A, x, b: gemv_no_inplace(y, a, A, x, b),
                [r.rand(4), np.asarray(0.7), r.rand(4, 3), r.rand(3), np.asarray(-1.3)], rng=r)


# ----------------------------------------------------------------------------------------
# local_gemv (specialize)

v, w = T.dvectors("v", "w")
A_, M_ = T.dmatrices("A", "M")
s = T.dscalar("s")
V, W, AV, MV = rng.rand(4), rng.rand(3), rng.rand(4, 3), rng.rand(3, 4)

GEMV_CASES = [
    ("add", lambda: v + T.dot(A_, w), lambda vv, wv, av, mv, sv: vv + av @ wv),
    ("add_swapped", lambda: T.dot(A_, w) + v, lambda vv, wv, av, mv, sv: av @ wv + vv),
    ("scaled", lambda: v + s * T.dot(A_, w), lambda vv, wv, av, mv, sv: vv + sv * (av @ wv)),
    ("sub", lambda: v - T.dot(A_, w), lambda vv, wv, av, mv, sv: vv - av @ wv),
    ("scaled_y_sub", lambda: 2 * v - s * T.dot(A_, w),
     lambda vv, wv, av, mv, sv: 2 * vv - sv * (av @ wv)),
    ("vector_matrix", lambda: v + T.dot(w, M_), lambda vv, wv, av, mv, sv: vv + wv @ mv),
    ("neg", lambda: v + -T.dot(A_, w), lambda vv, wv, av, mv, sv: vv - av @ wv),
]


@pytest.mark.parametrize("name, build, ref", GEMV_CASES, ids=[c[0] for c in GEMV_CASES])
def test_local_gemv_fires(name, build, ref):
    f = _compare([v, w, A_, M_, s], build(), [V, W, AV, MV, 1.7], fires=["local_gemv"],
                 on_unused_input="ignore", ref=ref)
    assert len(_blas_nodes(f, Gemv)) == 1


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_local_gemv_dtypes(dtype):
    y, x, A = T.vector(dtype=dtype), T.vector(dtype=dtype), T.matrix(dtype=dtype)
    vals = [np.asarray(V, dtype), np.asarray(W, dtype), np.asarray(AV, dtype)]
    f = _compare([y, x, A], y - 0.5 * T.dot(A, x), vals, fires=["local_gemv"],
                 ref=lambda yv, xv, av: yv - np.asarray(0.5, dtype) * (av @ xv))
    assert f(*vals).dtype == dtype


def test_local_gemv_does_not_fire():
    # dot result read twice, broadcast y, int vectors, matrix result
    d = T.dot(A_, w)
    b = T.TensorType("float64", (True,))("b")
    iv, im = T.ivector("iv"), T.imatrix("im")
    for inputs, out, vals, ref in [
        ([v, A_, w], [v + d, d], [V, AV, W], lambda vv, av, wv: [vv + av @ wv, av @ wv]),
        ([b, A_, w], b + T.dot(A_, w), [np.ones(1), AV, W], lambda bv, av, wv: bv + av @ wv),
        ([iv, im], iv + T.dot(im, iv[:3]), [np.arange(4, dtype="int32"),
                                            np.ones((4, 3), "int32")],
         lambda a, m: a + m @ a[:3]),
    ]:
        _compare(inputs, out, vals, not_fires=["local_gemv"], ref=ref)


# ----------------------------------------------------------------------------------------
# The in-place phase: local_inplace_gemm / local_inplace_gemv

x, y, z = T.dmatrices("x", "y", "z")
X, Y, Z = rng.rand(4, 3), rng.rand(3, 4), rng.rand(4, 4)


def test_inplace_gemm_on_a_temporary():
    out = T.dot(x, y) + T.dot(Y.T, X.T) * 0.5 + T.dot(y.T, x.T)
    f = _compare([x, y], out, [X, Y], fires=["gemm_optimizer", "local_inplace_gemm"],
                 ref=lambda a, b: a @ b + (Y.T @ X.T) * 0.5 + b.T @ a.T)
    nodes = _blas_nodes(f, Gemm)
    assert nodes and any(n.op == gemm_inplace for n in nodes)
    for n in nodes:
        if n.op.inplace:
            assert n.inputs[0].owner is not None


def test_inplace_gemm_never_on_user_input():
    f = _compare([z, x, y], z + 2 * T.dot(x, y), [Z, X, Y], fires=["gemm_optimizer"],
                 ref=lambda c, a, b: c + 2 * (a @ b),
                 not_fires=["local_inplace_gemm"])
    assert [n.op for n in _blas_nodes(f, Gemm)] == [gemm_no_inplace]


def test_inplace_gemm_on_mutable_input():
    f = theano.function([In(z, mutable=True), x, y], z + T.dot(x, y), mode=FAST_RUN)
    assert "local_inplace_gemm" in f.maker.rewrites.names()
    zv = Z.copy()
    out = f(zv, X, Y)
    np.testing.assert_allclose(out, Z + X.dot(Y))


def test_inplace_gemm_not_when_z_is_still_read():
    t = T.tanh(z)
    out = [t + T.dot(x, y), t * 2]
    f = _compare([z, x, y], out, [Z, X, Y], fires=["gemm_optimizer"],
                 ref=lambda c, a, b: [np.tanh(c) + a @ b, np.tanh(c) * 2])
    # if gemm works in place on t, the other reader must run first
    res = f(Z, X, Y)
    np.testing.assert_allclose(res[1], np.tanh(Z) * 2)


def test_inplace_gemm_not_on_an_output():
    t = T.tanh(z)
    _compare([z, x, y], [t + T.dot(x, y), t], [Z, X, Y], fires=["gemm_optimizer"],
             ref=lambda c, a, b: [np.tanh(c) + a @ b, np.tanh(c)],
             not_fires=["local_inplace_gemm"])


def test_shared_weight_update_keeps_shared_and_copies():
    W0 = rng.rand(3, 2)
    Wsh = theano.shared(W0.copy(), name="W")
    held = Wsh.get_value()
    held_copy = held.copy()
    xm, g = T.dmatrices("xm", "g")
    lr = 0.1
    f = theano.function([xm, g], T.sum(Wsh), updates=[(Wsh, Wsh - lr * T.dot(xm.T, g))],
                        mode=FAST_RUN)
    assert "gemm_optimizer" in f.maker.rewrites.names()
    XV, GV = rng.rand(5, 3), rng.rand(5, 2)
    before = Wsh.get_value()
    out = f(XV, GV)
    np.testing.assert_allclose(out, W0.sum())
    np.testing.assert_allclose(Wsh.get_value(), W0 - lr * XV.T.dot(GV))
    np.testing.assert_array_equal(before, W0)
    np.testing.assert_array_equal(held, held_copy)
    f(XV, GV)
    np.testing.assert_allclose(Wsh.get_value(), W0 - 2 * lr * XV.T.dot(GV))
    np.testing.assert_array_equal(held, held_copy)


def test_inplace_gemv_on_a_temporary():
    out = T.dot(A_, w) + T.dot(A_, T.tanh(w)) * 2
    f = _compare([A_, w], out, [AV, W], fires=["local_gemv", "local_inplace_gemv"],
                 ref=lambda av, wv: av @ wv + (av @ np.tanh(wv)) * 2)
    assert any(n.op == gemv_inplace for n in _blas_nodes(f, Gemv))


def test_inplace_gemv_never_on_input_or_shared():
    sh = theano.shared(V.copy())
    held = sh.get_value()
    f = _compare([v, A_, w], [v + T.dot(A_, w), sh - 0.5 * T.dot(A_, T.tanh(w))], [V, AV, W],
                 fires=["local_gemv"], not_fires=["local_inplace_gemv"],
                 ref=lambda vv, av, wv: [vv + av @ wv, V - 0.5 * (av @ np.tanh(wv))])
    assert all(not n.op.inplace for n in _blas_nodes(f, Gemv))
    np.testing.assert_array_equal(sh.get_value(), V)
    np.testing.assert_array_equal(held, V)


def test_inplace_gemv_on_mutable_input():
    f = theano.function([In(v, mutable=True), A_, w], v + T.dot(A_, w), mode=FAST_RUN)
    assert "local_inplace_gemv" in f.maker.rewrites.names()
    np.testing.assert_allclose(f(V.copy(), AV, W), V + AV.dot(W))


def test_no_inplace_when_inplace_excluded():
    out = T.dot(A_, w) + T.dot(A_, T.tanh(w))
    _compare([A_, w], out, [AV, W], mode=FAST_RUN.excluding("inplace"),
             fires=["local_gemv"], not_fires=["local_inplace_gemv"],
             ref=lambda av, wv: av @ wv + av @ np.tanh(wv))
