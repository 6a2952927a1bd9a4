"""Tests of element-wise fusion: which chains become one Elemwise{Composite}, and values."""


import numpy as np
import pytest

import theano
import theano.tensor as T
import theano.tensor.rewriting.elemwise as rw
from theano.compile.mode import Mode
from theano.scalar.composite import Composite
from theano.tensor.elemwise import Elemwise

FAST_RUN = Mode(optimizer="fast_run")
NO_REWRITES = Mode(optimizer=None)
NO_FUSION = Mode(optimizer="fast_run").excluding("fusion")


# Fusion and in-place rewrites are part of FAST_RUN (theano/tensor/rewriting/elemwise.py).


def _composites(f):
    return [n for n in f.maker.fgraph.apply_nodes
            if isinstance(n.op, Elemwise) and isinstance(n.op.scalar_op, Composite)]


def _compare(inputs, outputs, values, mode=FAST_RUN):
    f = theano.function(inputs, outputs, mode=mode)
    g = theano.function(inputs, outputs, mode=NO_REWRITES)
    got, want = f(*values), g(*values)
    if not isinstance(outputs, (list, tuple)):
        got, want = [got], [want]
    for a, b in zip(got, want):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-12, equal_nan=True)
    return f


rng = np.random.RandomState(42)
x, y = T.dmatrices("x", "y")
z = T.dvector("z")
X, Y, Z = rng.rand(3, 4), rng.rand(3, 4), rng.rand(4)


@pytest.mark.parametrize("expr, n_in", [
    (lambda: T.exp(x + y) * z, 3),
    (lambda: T.tanh(x * 2.5 + y) ** 2 - x, 2),
    (lambda: T.switch(x > y, T.log(x), T.sqrt(y)) + 1, 2),
    (lambda: T.nnet.sigmoid(x - y) * (1 - T.nnet.sigmoid(x - y)), 2),
    (lambda: abs(x) / (1 + abs(x)) + y, 2),
])
def test_chain_becomes_one_composite(expr, n_in):
    f = _compare([x, y, z], expr(), [X, Y, Z]) if n_in == 3 else _compare([x, y], expr(), [X, Y])
    comps = _composites(f)
    assert len(comps) == 1
    elemwise = [n for n in f.maker.fgraph.apply_nodes if isinstance(n.op, Elemwise)]
    assert elemwise == comps
    assert len(comps[0].inputs) <= n_in + 1


def test_name_and_constant_inlining():
    f = theano.function([x, y], T.exp(x + y) * 2, mode=FAST_RUN)
    (node,) = _composites(f)
    assert str(node.op).startswith("Elemwise{Composite{")
    assert "2" in str(node.op.scalar_op)
    assert len(node.inputs) == 2  # the constant is inside the Composite


def test_not_fused_across_a_non_elemwise_op():
    f = _compare([x, y], T.exp(T.dot(T.exp(x), y.T)) + 1, [X, Y])
    # exp(x) stays alone before the product; exp(dot) + 1 is one Composite after it
    (comp,) = _composites(f)
    (product,) = [i for i in comp.inputs if i.owner is not None]
    assert not isinstance(product.owner.op, Elemwise)
    assert "Elemwise{exp,no_inplace}" in [str(n.op) for n in f.maker.fgraph.apply_nodes]


def test_middle_result_with_other_clients_is_not_absorbed():
    mid = T.exp(x + y)
    f = _compare([x, y], [mid * 2 + 1, mid.sum()], [X, Y])
    # the exp(x + y) is still computed (the Sum reads it), and the other chain uses it
    ops = [str(n.op) for n in f.maker.fgraph.toposort()]
    comps = _composites(f)
    assert any("exp" in str(n.op) for n in comps) or "Elemwise{exp,no_inplace}" in ops
    consumers = [n for n in comps if any(i.owner is not None and "exp" in str(i.owner.op)
                                         for i in n.inputs)]
    assert consumers, ops


def test_output_in_the_middle_is_not_absorbed():
    mid = T.exp(x)
    f = _compare([x], [mid, T.log(mid + 1)], [X])
    outs = f(X)
    np.testing.assert_allclose(outs[0], np.exp(X))
    np.testing.assert_allclose(outs[1], np.log(np.exp(X) + 1))


def test_fusion_can_be_excluded():
    f = theano.function([x, y], T.exp(x + y) * 2, mode=NO_FUSION)
    assert not _composites(f)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int8"])
def test_dtypes_equal_unfused(dtype):
    a, b = T.matrix("a", dtype=dtype), T.matrix("b", dtype=dtype)
    va = (rng.rand(3, 4) * 10).astype(dtype)
    vb = (rng.rand(3, 4) * 10 + 1).astype(dtype)
    f = _compare([a, b], (a + b) * a - b // 2 + T.sqr(a), [va, vb])
    assert _composites(f)


def test_broadcasting_and_scalars():
    s = T.dscalar("s")
    r = T.drow("r")
    f = _compare([x, r, s], T.exp(x * s + r) - s, [X, rng.rand(1, 4), 0.5])
    assert _composites(f)
    with pytest.raises(ValueError, match="mis-match"):
        f(X, rng.rand(1, 3), 0.5)


def test_scalar_chain():
    a, b = T.dscalars("a", "b")
    f = _compare([a, b], T.exp(a * b) + a / b, [1.5, 2.0])
    assert f(1.5, 2.0).shape == ()
    np.testing.assert_allclose(f(1.5, 2.0), np.exp(3.0) + 0.75)


def test_empty_arrays():
    f = _compare([x, y], T.exp(x + y) * 3, [np.zeros((0, 4)), np.zeros((0, 4))])
    out = f(np.zeros((0, 4)), np.zeros((0, 4)))
    assert out.shape == (0, 4) and out.dtype == "float64"


def test_generated_code_reuses_one_temporary():
    f = theano.function([x, y], T.tanh(T.exp(x + y) * 2) + 1, mode=FAST_RUN)
    src = f.maker.generated.source
    assert src.count("out=") >= 3, src
    np.testing.assert_allclose(f(X, Y), np.tanh(np.exp(X + Y) * 2) + 1)


def test_fusing_a_composite_with_more_ops():
    from theano.graph.fg import FunctionGraph

    FusionOptimizer = rw.FusionOptimizer

    two = T.constant(np.full((1, 1), 2.0))
    assert two.broadcastable == (True, True)
    fg = FunctionGraph([x, y], [T.exp(x + y) * two], clone=True)
    FusionOptimizer().apply(fg)
    (node,) = fg.apply_nodes
    a, b = fg.inputs
    fg2 = FunctionGraph([a, b], [T.log(node.outputs[0]) - a], clone=False)
    FusionOptimizer().apply(fg2)
    (node2,) = fg2.apply_nodes
    assert str(node2.op.scalar_op) == "Composite{(log((exp((i0 + i1)) * 2.0)) - i0)}"


def _mlp_training_function(mode):
    """The handout-002 MLP: tanh hidden layer, softmax output, L1/L2, SGD updates."""
    r = np.random.RandomState(1111)
    n_in, n_hidden, n_out = 64, 30, 10
    hw = theano.shared(r.uniform(-0.3, 0.3, (n_in, n_hidden)), name="W")
    hb = theano.shared(np.zeros(n_hidden), name="b")
    ow = theano.shared(np.zeros((n_hidden, n_out)), name="W")
    ob = theano.shared(np.zeros(n_out), name="b")
    xv, yv = T.dvector("x"), T.iscalar("y")
    hidden = T.tanh(T.dot(xv, hw) + hb)
    with pytest.warns(UserWarning, match="Softmax will not automatically pad"):
        p_y_x = T.nnet.softmax(T.dot(hidden, ow) + ob)  # a vector, as the handout writes it
    l1 = 0.0001 * (abs(hw).sum() + abs(ow).sum())
    l2 = 0.0001 * ((hw ** 2).sum() + (ow ** 2).sum())
    cost = -T.log(p_y_x[0, yv]) + l1 + l2
    params = [hw, hb, ow, ob]
    updates = [(p, p - 0.01 * T.grad(cost, p)) for p in params]
    f = theano.function([xv, yv], cost, updates=updates, mode=mode)
    return f, params


def test_mlp_training_graph_is_fused(capsys):
    f, params = _mlp_training_function(FAST_RUN)
    g, g_params = _mlp_training_function(NO_FUSION)
    before = len(g.maker.fgraph.apply_nodes)
    after = len(f.maker.fgraph.apply_nodes)
    n_comp = len(_composites(f))
    with capsys.disabled():
        print(f"\nMLP training graph: {f.maker.nodes_before} nodes built, {before} after "
              f"fast_run without fusion, {after} with fusion ({n_comp} Composites)")
    assert after < before and n_comp >= 3
    xs = np.random.RandomState(0).rand(5, 64)
    for i in range(5):
        c1 = f(xs[i], i % 10)
        c2 = g(xs[i], i % 10)
        np.testing.assert_allclose(c1, c2, rtol=1e-10)
    for p, q in zip(params, g_params):
        np.testing.assert_allclose(p.get_value(), q.get_value(), rtol=1e-10, atol=1e-14)
