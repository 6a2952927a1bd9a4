"""Canonical forms of element-wise ops, casts, DimShuffles and reductions; constant folding."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import scalar as scal
from theano.compile.mode import Mode
from theano.graph.basic import Constant
from theano.tensor.basic import Rebroadcast
from theano.tensor.elemwise import DimShuffle, Elemwise
from theano.tensor.rewriting import register, register_canonicalize, register_useless

rng = np.random.RandomState(42)
x, y = T.dvectors("x", "y")
m, n = T.dmatrices("m", "n")
s = T.dscalar("s")
c = T.dcol("c")
i8 = T.bvector("i8")
f32 = T.fvector("f32")
X = rng.rand(3) + 0.5
Y = rng.rand(3) + 0.5
M = rng.rand(3, 4) + 0.5
N = rng.rand(3, 4) + 0.5
C = rng.rand(3, 1) + 0.5


# ---------------------------------------------------------------------------------------
# Registration helpers


def test_register_helpers_are_one_function():
    assert register_canonicalize.func is register and register_useless.func is register
    with pytest.raises(ValueError, match="already registered"):
        register_canonicalize(theano.tensor.rewriting.basic.local_cast_cast)


# ---------------------------------------------------------------------------------------
# Constant folding


def test_constant_folding(check, ops):
    two = T.constant(2.0)
    f = check([x], x * (two * 3.0 + 1.0), [X], fires=["constant_folding"])
    (node,) = f.maker.fgraph.toposort()
    const = [i for i in node.inputs if isinstance(i, Constant)]
    assert len(const) == 1 and const[0].data.item() == 7.0
    # folded in FAST_COMPILE too (Theano's tag 'fast_compile')
    check([x], x * (two * 3.0), [X], fires=["constant_folding"], mode=Mode(optimizer="o1"))
    # nothing to fold
    check([x, y], x * y, [X, Y], not_fires=["constant_folding"])


def test_constant_folding_keeps_big_allocations_out_of_the_graph(check):
    big = T.alloc(np.float64(0), 1000, 1000) + s
    f = check([s], big, [1.5])
    assert any(n.op.__class__.__name__ == "Alloc" for n in f.maker.fgraph.apply_nodes)


def test_constant_folding_skips_an_error_until_run_time(check):
    bad = T.constant(np.ones(3)) + T.constant(np.ones(4))
    f = theano.function([x], x + 0 * bad.sum(), mode=Mode(), on_unused_input="ignore")
    with pytest.raises(ValueError):
        f(X)


# ---------------------------------------------------------------------------------------
# Element-wise no-ops and fills


def test_local_useless_elemwise(check, ops):
    f = check([x, y], T.tensor_copy(x) * y, [X, Y], fires=["local_useless_elemwise"])
    assert ops(f) == ["Elemwise{mul,no_inplace}"]
    f = check([x, y], T.add(x) * y, [X, Y], fires=["local_useless_elemwise"])
    assert ops(f) == ["Elemwise{mul,no_inplace}"]
    same_cast = Elemwise(scal.basic.get_cast_op("float64"))(x)
    f = check([x, y], same_cast * y, [X, Y], fires=["local_useless_elemwise"])
    assert ops(f) == ["Elemwise{mul,no_inplace}"]
    # eq(i, i) is True for integers; for floats NaN != NaN, so it stays
    f = check([i8], T.eq(i8, i8), [np.array([1, -2, 3], dtype="int8")],
              fires=["local_useless_elemwise"])
    assert "Elemwise{eq,no_inplace}" not in ops(f)
    f = check([x], T.eq(x, x), [np.array([1.0, np.nan, 3.0])], not_fires=["local_useless_elemwise"])
    assert not f(np.array([np.nan]))[0]


def test_local_useless_fill(check, ops):
    f = check([x, y], T.fill(x, y) * 2, [X, Y], fires=["local_useless_fill"])
    assert "Elemwise{second,no_inplace}" not in ops(f)
    # the value is broadcast to x's shape: the fill is needed
    f = check([x, s], T.fill(x, s), [X, 2.0], not_fires=["local_useless_fill"])
    assert f(X, 2.0).shape == (3,)


def test_local_fill_sink_cleans_gradients(check, ops):
    # Theano 1.0.5: grad(x ** 2, x) compiles to mul(2.0, x)
    f = check([x], T.grad((x**2).sum(), x), [X], fires=["local_fill_sink"])
    assert ops(f) == ["Elemwise{mul,no_inplace}"]
    f = check([m, c], T.fill(m, c) * c, [M, C], fires=["local_fill_sink"])
    assert ops(f)[-1] == "Elemwise{second,no_inplace}"  # m's shape still needed
    check([x, y], x * y, [X, Y], not_fires=["local_fill_sink"])


def test_local_useless_rebroadcast(check, ops):
    row = T.drow("row")
    e = T.addbroadcast(T.unbroadcast(row, 0), 0)
    f = check([row], e * 2, [np.ones((1, 3))], fires=["local_useless_rebroadcast"])
    assert not any(isinstance(n.op, Rebroadcast) for n in f.maker.fgraph.apply_nodes)
    f = check([m], T.addbroadcast(m, 0), [np.ones((1, 3))],
              not_fires=["local_useless_rebroadcast"])
    with pytest.raises(ValueError, match="Rebroadcast"):
        f(np.ones((2, 3)))


# ---------------------------------------------------------------------------------------
# DimShuffle


def test_local_dimshuffle_lift(check, ops):
    f = check([m], m.T.T, [M], fires=["local_dimshuffle_lift"])
    assert ops(f) == []
    f = check([m], m.dimshuffle(1, "x", 0).dimshuffle(0, 2), [M], fires=["local_dimshuffle_lift"])
    assert ops(f) == ["InplaceDimShuffle{1,0}"]
    # DimShuffle(add(x, y)) -> add(DimShuffle(x), DimShuffle(y)), as Theano
    f = check([x, y], (x + y).dimshuffle("x", 0), [X, Y], fires=["local_dimshuffle_lift"])
    assert ops(f)[-1] == "Elemwise{add,no_inplace}"
    # the sum is used twice: not lifted (that would compute it twice)
    z = x + y
    f = check([x, y], [z.dimshuffle("x", 0), z], [X, Y], not_fires=["local_dimshuffle_lift"])


def test_dimshuffle_pairs_cancel_before_lifting(ops):
    v = x
    for _ in range(30):
        v = (v * y).T.T if v.ndim == 2 else v * y
    chain = T.dmatrix("chain")
    v = chain
    for _ in range(30):
        v = (v * 2.0).T.T
    f = theano.function([chain], v)
    lifts = [r for r in f.maker.rewrites if r.name == "local_dimshuffle_lift"]
    assert len(lifts) <= 31  # each pair composes once; no pair travels down the chain
    np.testing.assert_allclose(f(M), M * 2.0**30)


# ---------------------------------------------------------------------------------------
# Casts and inverse functions


def test_local_cast_cast(check, ops):
    f = check([f32], T.cast(T.cast(f32, "float64"), "float32"),
              [np.array([0.1, 2.5], dtype="float32")], fires=["local_cast_cast"])
    assert ops(f) == []
    f = check([i8], T.cast(T.cast(i8, "int32"), "float64"), [np.array([1, -3], dtype="int8")],
              fires=["local_cast_cast"])
    assert ops(f) == ["Elemwise{Cast{float64}}"]
    # float64 -> float32 loses precision: both casts stay (Theano 1.0.5 kept them too)
    f = check([x], T.cast(T.cast(x, "float32"), "float64"), [np.array([0.1])],
              not_fires=["local_cast_cast"])
    assert f(np.array([0.1]))[0] != 0.1


def test_local_func_inv(check, ops):
    f = check([x], T.deg2rad(T.rad2deg(x)), [X], fires=["local_func_inv"])
    assert ops(f) == []
    f = check([x], T.arcsinh(T.sinh(x)), [X], fires=["local_func_inv"])
    # arccosh(cosh(x)) is |x|, not x: untouched
    f = check([x], T.arccosh(T.cosh(x)), [np.array([-1.5, 2.0])], not_fires=["local_func_inv"])
    np.testing.assert_allclose(f(np.array([-1.5])), [1.5])


def test_double_negation(check, ops):
    f = check([x], -(-x), [X])
    assert ops(f) == []
    assert {"local_func_inv", "local_mul_canonizer"} & set(f.maker.rewrites.names())


def test_local_neg_to_mul_by_name(check, ops):
    # not in fast_run (the mul canonizer reads neg as -1); available by name, as in Theano
    f = check([x], -x, [X], not_fires=["local_neg_to_mul"])
    assert ops(f) == ["Elemwise{neg,no_inplace}"]
    f = check([x], -x, [X], fires=["local_neg_to_mul"],
              mode=Mode(optimizer=None).including("canonicalize"))
    assert ops(f) == ["Elemwise{mul,no_inplace}"]


def test_local_pow_canonicalize(check, ops):
    f = check([x], x**1, [X], fires=["local_pow_canonicalize"])
    assert ops(f) == []
    f = check([m], m**0, [M], fires=["local_pow_canonicalize"])
    assert f(M).shape == M.shape and np.all(f(M) == 1)
    check([x], x**2, [X], not_fires=["local_pow_canonicalize"])


# ---------------------------------------------------------------------------------------
# Specialize: mul(-1, x) -> neg(x), add(0, x) -> x


def test_local_mul_specialize(check, ops):
    f = check([x], x * -1, [X], fires=["local_mul_specialize"])
    assert ops(f) == ["Elemwise{neg,no_inplace}"]
    f = check([x, y], x * y * -1.0, [X, Y], fires=["local_mul_specialize"])
    assert ops(f)[-1] == "Elemwise{neg,no_inplace}"
    check([x], x * 2, [X], not_fires=["local_mul_specialize"])


def test_local_add_specialize(check, ops):
    f = check([x], x + 0, [X], fires=["local_add_specialize"],
              mode=Mode().excluding("local_add_canonizer"))
    assert ops(f) == []


# ---------------------------------------------------------------------------------------
# Reductions


def test_local_useless_reduce(check, ops):
    f = check([m], T.sum(m, axis=[]) * 2, [M], fires=["local_useless_reduce"])
    assert not any("Sum" in o for o in ops(f))


def test_local_reduce_broadcastable(check, ops):
    f = check([c], c.sum(axis=1), [C], fires=["local_reduce_broadcastable"])
    assert ops(f) == ["InplaceDimShuffle{0}"]
    f = check([c], c.sum(), [C], fires=["local_reduce_broadcastable"])
    assert ops(f) == ["InplaceDimShuffle{0}", "Sum{acc_dtype=float64}"]
    bc = T.bcol("bc")
    f = check([bc], bc.sum(axis=1), [np.array([[1], [-2]], dtype="int8")],
              fires=["local_reduce_broadcastable"])
    assert f.maker.fgraph.outputs[0].dtype == "int64"
    check([c], T.all(c, axis=1), [np.array([[0.0], [2.0]])], fires=["local_reduce_broadcastable"])
    check([c], c.prod(axis=1), [C], fires=["local_reduce_broadcastable"])
    check([m], m.sum(axis=1), [M], not_fires=["local_reduce_broadcastable"])


def test_local_sum_of_sum_and_all_axes(check, ops):
    f = check([m], m.sum(axis=0).sum(axis=0), [M], fires=["local_op_of_op"])
    assert ops(f) == ["Sum{acc_dtype=float64}"]
    f = check([m], m.sum(axis=1).sum(), [M], fires=["local_op_of_op"])
    assert ops(f) == ["Sum{acc_dtype=float64}"]
    check([m], m.sum(axis=[0, 1]), [M], fires=["local_sum_prod_all_to_none"])
    # the inner sum is also an output: not merged into the outer one
    inner = m.sum(axis=0)
    check([m], [inner.sum(), inner], [M], not_fires=["local_op_of_op"])


def test_local_sum_prod_mul_by_scalar(check, ops):
    # Theano 1.0.5: (x * s).sum() compiles to s * Sum(x)
    f = check([x, s], (x * s).sum(), [X, 1.3], fires=["local_sum_prod_mul_by_scalar"])
    assert ops(f) == ["Sum{acc_dtype=float64}", "Elemwise{mul,no_inplace}"]
    f = check([m], (m * 2).sum(axis=0), [M], fires=["local_sum_prod_mul_by_scalar"])
    assert ops(f) == ["Sum{axis=[0], acc_dtype=float64}", "Elemwise{mul,no_inplace}"]
    f = check([m, s], (m / s).sum(), [M, 1.7], fires=["local_sum_prod_mul_by_scalar"])
    assert ops(f)[-1] == "Elemwise{true_div,no_inplace}"
    f = check([m], (-m).sum(), [M], fires=["local_sum_prod_mul_by_scalar"])
    assert ops(f) == ["Sum{acc_dtype=float64}", "Elemwise{neg,no_inplace}"]
    # the mean of a scalar product: (3 * x).mean() -> 3 * sum(x) / n
    f = check([x], (3 * x).mean(), [X], fires=["local_sum_prod_mul_by_scalar"])
    assert "Sum{acc_dtype=float64}" in ops(f)
    # x * y: no scalar factor
    check([x, y], (x * y).sum(), [X, Y], not_fires=["local_sum_prod_mul_by_scalar"])
    # the product is used elsewhere: kept as it is
    p = m * 2
    check([m], [p.sum(), p], [M], not_fires=["local_sum_prod_mul_by_scalar"])
    # float32 data times a float64 scalar sums in float64, as before
    check([f32, s], (f32 * s).sum(), [np.array([0.1, 0.2], dtype="float32"), 3.0],
          not_fires=["local_sum_prod_mul_by_scalar"])


def test_values_at_edges(check):
    # 0, negative zero, inf and NaN go through the rewritten graphs unchanged
    edge = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e308])
    check([x], (x * 1 + 0) * 2 * 3, [edge])
    check([x], -(-x) - 0, [edge])
    check([x], (x * 2).sum(), [edge])
    assert DimShuffle
