"""Specialize: x ** 2 -> sqr, x ** 0.5 -> sqrt, x ** -1 -> inv; z + a * dot(x, y) -> Gemm."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.mode import Mode
from theano.tensor.blas import Gemm, gemm_inplace, gemm_no_inplace

MODE = Mode(optimizer="fast_run").excluding("fusion", "inplace")
rng = np.random.RandomState(5)
x = T.dvector("x")
m = T.dmatrix("m")
f32 = T.fvector("f32")
i8 = T.bvector("i8")
i64 = T.lvector("i64")
X = rng.uniform(0.5, 2, 5)
M = rng.uniform(0.5, 2, (2, 3))
F32 = rng.uniform(0.5, 2, 5).astype("float32")
I8 = np.array([1, -3, 7], dtype="int8")
I64 = np.array([1, 2, 4], dtype="int64")

POW = "local_pow_specialize"

# name         expression              inputs  values  ops left (debugprint names)
CASES = [
    ("x**2", lambda: x ** 2, [x], [X], ["Elemwise{sqr,no_inplace}"]),
    ("x**2.0", lambda: x ** 2.0, [x], [X], ["Elemwise{sqr,no_inplace}"]),
    ("x**0.5", lambda: x ** 0.5, [x], [X], ["Elemwise{sqrt,no_inplace}"]),
    ("x**-1", lambda: x ** -1, [x], [X], ["Elemwise{inv,no_inplace}"]),
    ("x**-2", lambda: x ** -2, [x], [X],
     ["Elemwise{sqr,no_inplace}", "Elemwise{inv,no_inplace}"]),
    ("x**-0.5", lambda: x ** -0.5, [x], [X],
     ["Elemwise{sqrt,no_inplace}", "Elemwise{inv,no_inplace}"]),
    ("m**2", lambda: m ** 2, [m], [M], ["Elemwise{sqr,no_inplace}"]),
    ("f32**2", lambda: f32 ** 2, [f32], [F32], ["Elemwise{sqr,no_inplace}"]),
    ("f32**0.5", lambda: f32 ** 0.5, [f32], [F32], ["Elemwise{sqrt,no_inplace}"]),
    ("i8**2", lambda: i8 ** 2, [i8], [I8], ["Elemwise{sqr,no_inplace}"]),
    ("x**[[2]]", lambda: x ** T.constant(np.array([2.0])), [x], [X],
     ["Elemwise{sqr,no_inplace}"]),
]


@pytest.mark.parametrize("name, build, inputs, values, left", CASES, ids=[c[0] for c in CASES])
def test_pow_specialize(check, ops, name, build, inputs, values, left):
    f = check(inputs, build(), values, fires=[POW], mode=MODE)
    assert ops(f) == left


# name         expression              inputs  values
NOT_FIRES = [
    ("x**3", lambda: x ** 3, [x], [X]),
    ("x**1.5", lambda: x ** 1.5, [x], [X]),
    ("x**x", lambda: x ** x, [x], [X]),
    ("x**[2,3]", lambda: x ** T.constant(np.array([2.0, 3.0, 2.0, 2.0, 2.0])), [x], [X]),
    # a 0-d base raised to a matrix of 2s has the matrix's rank
    ("s**[[2]]", lambda: T.dscalar("s") ** T.constant(np.full((2, 2), 2.0)), None, None),
]


@pytest.mark.parametrize("name, build, inputs, values", NOT_FIRES,
                         ids=[c[0] for c in NOT_FIRES])
def test_pow_specialize_does_not_fire(check, name, build, inputs, values):
    e = build()
    if inputs is None:
        inputs = list(theano.graph.basic.graph_inputs([e]))
        inputs = [i for i in inputs if not isinstance(i, theano.graph.basic.Constant)]
        values = [1.5]
    check(inputs, e, values, not_fires=[POW], mode=MODE)


def test_sqr_matches_theano_compiled_graph():
    # Theano 1.0.5 FACTS 8c: function([x], x ** 2) is one Elemwise{sqr,no_inplace}
    s = T.dscalar("s")
    f = theano.function([s], s ** 2, mode=MODE)
    assert [str(n.op) for n in f.maker.fgraph.toposort()] == ["Elemwise{sqr,no_inplace}"]
    assert f(3.0) == 9.0


def test_integer_to_negative_power_stays_a_pow(ops):
    # int64 ** -1 is an int64 pow (inv would be float64): left alone, and it raises as NumPy
    f = theano.function([i64], i64 ** -1, mode=MODE)
    assert ops(f) == ["Elemwise{pow,no_inplace}"]
    assert POW not in f.maker.rewrites.names()


def test_edge_values_agree(check):
    edge = np.array([0.0, np.inf, np.nan, -2.0, 1e-300, 1e300])
    for e in (x ** 2, x ** 0.5, x ** -1, x ** -2, x ** -0.5):
        with np.errstate(all="ignore"):
            f = check([x], e, [edge], fires=[POW], mode=MODE)
    # and with NumPy's power (IEEE pow special cases)
    with np.errstate(all="ignore"):
        for e, p in ((x ** 2, 2.0), (x ** -1, -1.0), (x ** -2, -2.0)):
            f = theano.function([x], e, mode=MODE)
            np.testing.assert_allclose(f(edge), np.power(edge, p), rtol=1e-15, equal_nan=True)
    # (sqrt differs from ** 0.5 only at -0.0 and -inf, as in Theano: IEEE pow special cases)


def test_specialize_runs_in_fast_compile_gpu_only(check):
    f = check([x], x ** 2, [X], not_fires=[POW], mode=Mode(optimizer="fast_compile").excluding(
        "fast_compile_gpu"))
    np.testing.assert_allclose(f(X), X ** 2)


# ---------------------------------------------------------------------------------------
# gemm: z + a * dot(x, y) as one call

GEMM = "gemm_optimizer"
A_, B_, Z_ = T.dmatrices("A", "B", "Z")
sc = T.dscalar("sc")
AV = rng.uniform(-1, 1, (2, 3))
BV = rng.uniform(-1, 1, (3, 4))
ZV = rng.uniform(-1, 1, (2, 4))

# name             expression                                   (a, b) of the Gemm
GEMM_CASES = [
    ("z+dot", lambda: Z_ + T.dot(A_, B_), (1.0, 1.0)),
    ("dot+z", lambda: T.dot(A_, B_) + Z_, (1.0, 1.0)),
    ("z-dot", lambda: Z_ - T.dot(A_, B_), (-1.0, 1.0)),
    ("dot-z", lambda: T.dot(A_, B_) - Z_, (1.0, -1.0)),
    ("z+2*dot", lambda: Z_ + 2 * T.dot(A_, B_), (2.0, 1.0)),
    ("0.5z-s*dot", lambda: 0.5 * Z_ - sc * T.dot(A_, B_), (None, 0.5)),
    ("z-(-dot)", lambda: Z_ - (-T.dot(A_, B_)), None),
]


@pytest.mark.parametrize("name, build, scalars", GEMM_CASES, ids=[c[0] for c in GEMM_CASES])
def test_gemm_optimizer(check, name, build, scalars):
    f = check([Z_, A_, B_, sc], build(), [ZV, AV, BV, 1.7], fires=[GEMM], mode=MODE)
    gemms = [n for n in f.maker.fgraph.toposort() if isinstance(n.op, Gemm)]
    assert len(gemms) == 1 and not gemms[0].op.inplace
    z, a, x, y, b = gemms[0].inputs
    assert z.name == "Z" and x.name == "A" and y.name == "B"
    if scalars is not None:
        for var, want in zip((a, b), scalars):
            if want is not None:
                assert float(var.data) == want


# name                  expression
GEMM_NOT = [
    ("vector dot", lambda: T.dvector("v") + T.dot(A_, T.dvector("w"))),
    ("row z", lambda: T.drow("r") + T.dot(A_, B_)),
    ("z*dot", lambda: Z_ * T.dot(A_, B_)),
    ("f32 z + f64 dot", lambda: T.fmatrix("zf") + T.dot(A_, B_)),
    ("dot used twice", lambda: (Z_ + T.dot(A_, B_)) * T.dot(A_, B_)),
]


@pytest.mark.parametrize("name, build", GEMM_NOT, ids=[c[0] for c in GEMM_NOT])
def test_gemm_optimizer_does_not_fire(name, build):
    e = build()
    inputs = [i for i in theano.graph.basic.graph_inputs([e])
              if not isinstance(i, theano.graph.basic.Constant)]
    f = theano.function(inputs, e, mode=MODE)
    assert GEMM not in f.maker.rewrites.names()


def test_gemm_in_an_sgd_update(check):
    W = theano.shared(rng.uniform(-1, 1, (3, 4)), name="W")
    xm = T.dmatrix("xm")
    cost = T.sum(T.dot(xm, W) ** 2)
    upd = W - 0.1 * T.grad(cost, W)
    f = check([xm], upd, [rng.uniform(-1, 1, (5, 3))], fires=[GEMM], mode=MODE)
    assert any(isinstance(n.op, Gemm) for n in f.maker.fgraph.apply_nodes)


def test_gemm_op_float32_and_errors():
    zf, xf, yf = T.fmatrices("zf", "xf", "yf")
    a = T.fscalar("a")
    out = gemm_no_inplace(zf, a, xf, yf, T.constant(np.float32(0.5)))
    assert out.dtype == "float32" and str(out.owner.op) == "Gemm{no_inplace}"
    f = theano.function([zf, a, xf, yf], out, mode=Mode(optimizer=None))
    Zf, Xf, Yf = (np.asarray(v, dtype="float32") for v in (ZV, AV, BV))
    Zf_before = Zf.copy()
    got = f(Zf, 2.0, Xf, Yf)
    assert got.dtype == "float32"
    np.testing.assert_allclose(got, 0.5 * Zf + 2 * Xf @ Yf, rtol=1e-5)
    np.testing.assert_array_equal(Zf, Zf_before)  # not in place
    with pytest.raises(TypeError, match=r"Gemm: input 2 \(x\) must be a float32 matrix"):
        gemm_no_inplace(zf, a, A_, yf, a)
    with pytest.raises(TypeError, match=r"Gemm: input 0 \(z\)"):
        gemm_no_inplace(T.lmatrix(), a, xf, yf, a)
    with pytest.raises(ValueError, match="Gemm: shapes do not agree"):
        f(Zf, 2.0, Xf, Yf.T)
    assert gemm_inplace.destroy_map == {0: [0]} and str(gemm_inplace) == "Gemm{inplace}"


def test_gemm_with_zero_b_ignores_z():
    out = gemm_no_inplace(Z_, sc, A_, B_, T.constant(0.0))
    f = theano.function([Z_, sc, A_, B_], out, mode=Mode(optimizer=None))
    np.testing.assert_allclose(f(np.full((2, 4), np.nan), 2.0, AV, BV), 2 * AV @ BV)


def test_gemm_gradient():
    def fn(z, a, x, y, b):
        return gemm_no_inplace(z, a, x, y, b) * 3.0

    theano.gradient.verify_grad(fn, [ZV, np.array(1.3), AV, BV, np.array(-0.7)], rng=rng)


def test_gemm_infer_shape():
    out = gemm_no_inplace(Z_, sc, A_, B_, sc)
    f = theano.function([Z_, sc, A_, B_], out.shape)
    assert not any(isinstance(n.op, Gemm) for n in f.maker.fgraph.apply_nodes)
    assert tuple(f(ZV, 1.0, AV, BV)) == (2, 4)
