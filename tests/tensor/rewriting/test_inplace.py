"""Tests of the in-place phase: which ops overwrite a buffer, and that no needed value is lost."""


import numpy as np
import pytest

import theano
import theano.tensor as T
import theano.tensor.rewriting.elemwise as rw
import theano.tensor.inplace as inplace
from theano.compile.io import In
from theano.compile.mode import Mode
from theano.graph.destroyhandler import DestroyHandler
from theano.graph.features import ReplaceValidate
from theano.graph.fg import FunctionGraph
from theano.tensor.elemwise import Elemwise

FAST_RUN = Mode(optimizer="fast_run")
NO_INPLACE = Mode(optimizer="fast_run").excluding("inplace")
NO_REWRITES = Mode(optimizer=None)


# Fusion and in-place rewrites are part of FAST_RUN (theano/tensor/rewriting/elemwise.py).

rng = np.random.RandomState(7)
x, y = T.dmatrices("x", "y")
X, Y = rng.rand(3, 4), rng.rand(3, 4)


def _destroyers(f):
    return [n for n in f.maker.fgraph.apply_nodes if getattr(n.op, "destroy_map", None)]


def _check(inputs, outputs, values, mode=FAST_RUN):
    """Same values as without rewrites, and the caller's arrays untouched."""
    copies = [np.array(v, copy=True) for v in values]
    f = theano.function(inputs, outputs, mode=mode)
    g = theano.function(inputs, outputs, mode=NO_REWRITES)
    for _ in range(2):  # a second call sees the same inputs
        got, want = f(*values), g(*values)
        if not isinstance(outputs, (list, tuple)):
            got, want = [got], [want]
        for a, b in zip(got, want):
            np.testing.assert_allclose(a, b, rtol=1e-12)
        for v, c in zip(values, copies):
            np.testing.assert_array_equal(v, c)
    return f


def test_temporary_is_overwritten_not_the_input():
    f = _check([x, y], T.tanh(T.dot(x, y.T)) * 2, [X, Y])
    (d,) = _destroyers(f)
    assert "inplace" in str(d.op) and d.inputs[0].owner is not None
    assert "out=" in f.maker.generated.source
    np.testing.assert_allclose(f(X, Y), np.tanh(X @ Y.T) * 2, rtol=1e-12)


def test_inputs_are_never_destroyed():
    f = _check([x, y], T.exp(x) + T.sin(y), [X, Y])
    np.testing.assert_allclose(f(X, Y), np.exp(X) + np.sin(Y), rtol=1e-12)
    for node in _destroyers(f):
        for i in sum(node.op.destroy_map.values(), []):
            assert node.inputs[i] not in f.maker.fgraph.inputs


@pytest.mark.parametrize("mutable", [False, True])
def test_mutable_flag_results_equal(mutable):
    f = theano.function([In(x, mutable=mutable), y], T.exp(x) * y + 1, mode=FAST_RUN)
    xv = X.copy()
    np.testing.assert_allclose(f(xv, Y), np.exp(X) * Y + 1)
    if not mutable:
        np.testing.assert_array_equal(xv, X)


def test_shared_values_are_not_clobbered():
    w = theano.shared(X.copy(), name="w")
    before = w.get_value(borrow=True)
    kept = before.copy()
    f = theano.function([y], (w * y).sum() + T.exp(w).sum(), updates=[(w, w - 0.1 * y)],
                        mode=FAST_RUN)
    f(Y)
    np.testing.assert_array_equal(before, kept)
    np.testing.assert_allclose(w.get_value(), X - 0.1 * Y)


def test_value_still_needed_is_not_overwritten():
    t = T.exp(x)
    outs = [T.sin(t) * 2, t.sum(axis=0), T.cos(t).T]
    f = _check([x], outs, [X])
    for got, want in zip(f(X), [np.sin(np.exp(X)) * 2, np.exp(X).sum(axis=0),
                                np.cos(np.exp(X)).T]):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    order = f.maker.fgraph.toposort()
    for node in _destroyers(f):
        for i in sum(node.op.destroy_map.values(), []):
            victim = node.inputs[i]
            readers = [c for c, _ in f.maker.fgraph.clients[victim] if c is not node]
            assert all(order.index(r) < order.index(node) for r in readers)


def test_outputs_are_not_destroyed():
    t = T.exp(x)
    f = _check([x], [t, t + 1], [X])
    a, b = f(X)
    np.testing.assert_allclose(a, np.exp(X))
    np.testing.assert_allclose(b, np.exp(X) + 1)


def test_inplace_can_be_excluded():
    f = theano.function([x, y], T.tanh(T.dot(x, y.T)) * 2, mode=NO_INPLACE)
    assert not _destroyers(f)
    np.testing.assert_allclose(f(X, Y), np.tanh(X @ Y.T) * 2, rtol=1e-12)


def test_inc_subtensor_works_in_place_on_a_temporary():
    e = T.exp(x)
    out = T.set_subtensor(e[0], 0.0) * 1.0
    f = _check([x, y], T.inc_subtensor(e[1:], y[1:]) + out, [X, Y])
    assert f(X, Y).shape == X.shape
    e_np = np.exp(X)
    want = e_np.copy()
    want[1:] += Y[1:]
    out_np = e_np.copy()
    out_np[0] = 0.0
    np.testing.assert_allclose(f(X, Y), want + out_np, rtol=1e-12)


def test_inc_subtensor_on_input_copies():
    f = _check([x, y], T.inc_subtensor(x[0], y[0]), [X, Y])
    assert not _destroyers(f)
    want = X.copy()
    want[0] += Y[0]
    np.testing.assert_array_equal(f(X, Y), want)


def test_advanced_inc_subtensor1_in_place():
    idx = T.lvector("idx")
    e = T.exp(x)
    f = _check([x, y, idx], T.inc_subtensor(e[idx], y[idx]) * 2,
               [X, Y, np.array([0, 2, 0])])
    np.testing.assert_allclose(f(X, Y, np.array([0, 2])),
                               (np.exp(X) + Y * np.isin(np.arange(3), [0, 2])[:, None]) * 2)
    # a repeated index accumulates (np.add.at), as in Theano
    want = np.exp(X)
    np.add.at(want, [0, 2, 0], Y[[0, 2, 0]])
    np.testing.assert_allclose(f(X, Y, np.array([0, 2, 0])), want * 2, rtol=1e-12)


def test_training_step_with_updates():
    w = theano.shared(rng.rand(4, 3), name="w")
    b = theano.shared(np.zeros(3), name="b")
    h = T.nnet.sigmoid(T.dot(x, w) + b)
    cost = ((h - 1) ** 2).mean()
    gw, gb = T.grad(cost, [w, b])
    upd = [(w, w - 0.1 * gw), (b, b - 0.1 * gb)]
    f = theano.function([x], cost, updates=upd, mode=FAST_RUN)
    w2 = theano.shared(w.get_value(), name="w")
    b2 = theano.shared(b.get_value(), name="b")
    h2 = T.nnet.sigmoid(T.dot(x, w2) + b2)
    c2 = ((h2 - 1) ** 2).mean()
    g2 = T.grad(c2, [w2, b2])
    g = theano.function([x], c2, updates=[(w2, w2 - 0.1 * g2[0]), (b2, b2 - 0.1 * g2[1])],
                        mode=NO_REWRITES)
    assert _destroyers(f)
    for _ in range(3):
        np.testing.assert_allclose(f(X), g(X))
    np.testing.assert_allclose(w.get_value(), w2.get_value())
    np.testing.assert_allclose(b.get_value(), b2.get_value())


@pytest.mark.parametrize("name, fn, nargs", [
    ("exp_inplace", np.exp, 1), ("neg_inplace", np.negative, 1), ("sqr_inplace", np.square, 1),
    ("add_inplace", np.add, 2), ("mul_inplace", np.multiply, 2), ("sub_inplace", np.subtract, 2),
])
def test_inplace_module_ops(name, fn, nargs):
    op = getattr(inplace, name)
    assert str(op) == f"Elemwise{{{name[:-8]},inplace}}"
    assert op.destroy_map == {0: [0]}
    args = [T.dvector() for _ in range(nargs)]
    out = op(*args)
    vals = [rng.rand(5) for _ in range(nargs)]
    node = out.owner
    storage = [[None]]
    node.op.perform(node, vals, storage)
    np.testing.assert_allclose(storage[0][0], fn(*vals))


def test_inplace_op_type_must_match():
    with pytest.raises(TypeError, match="in place"):
        inplace.add_inplace(T.ivector(), T.dvector())


def test_insert_inplace_optimizer_on_a_fgraph():
    insert_inplace_optimizer = rw.insert_inplace_optimizer
    fg = FunctionGraph([x], [T.exp(T.exp(x)) + 1], clone=True)
    fg.attach_feature(ReplaceValidate())
    fg.attach_feature(DestroyHandler())
    insert_inplace_optimizer.apply(fg)
    ops = [str(n.op) for n in fg.toposort() if isinstance(n.op, Elemwise)]
    # the input x is not overwritten; the two temporaries are
    assert ops == ["Elemwise{exp,no_inplace}", "Elemwise{exp,inplace}",
                   "Elemwise{add,inplace}"], ops
