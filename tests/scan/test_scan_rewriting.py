"""Tests of the Scan rewrites: hoisting, unused inputs/outputs, last-row-only, inner rewriting."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.mode import Mode
from theano.scan import Scan, scan, until
from theano.scan.rewriting import PushOutNonSeqScan

RNG = np.random.RandomState(42)


def rewrite_names(f):
    return {r.name for r in f.maker.rewrites}


def scan_ops(f):
    return [n.op for n in f.maker.fgraph.toposort() if isinstance(n.op, Scan)]


def inner_ops(op):
    from theano.graph.basic import io_toposort

    return [type(n.op).__name__ + ":" + str(n.op)
            for n in io_toposort(op.inner_inputs, op.inner_outputs)]


def compile_both(inputs, outputs, mode=None):
    f = theano.function(inputs, outputs, mode=mode)
    g = theano.function(inputs, outputs, mode=Mode(optimizer=None))
    return f, g


def assert_same(f, g, *args):
    for a, b in zip(f(*args), g(*args)):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def rnn():
    x = T.dmatrix("x")
    W = T.dmatrix("W")
    h0 = T.dvector("h0")

    def step(x_t, h, W):
        return T.tanh(x_t + T.dot(h, T.exp(W).T))

    h, _ = scan(step, sequences=x, outputs_info=h0, non_sequences=W)
    return x, W, h0, h


def rnn_values():
    return RNG.rand(6, 3), RNG.rand(3, 3) * 0.2, RNG.rand(3)


def np_rnn(xv, Wv, h0v):
    """NumPy version of rnn(): every h_t, stacked."""
    h, hs = h0v, []
    for x_t in xv:
        h = np.tanh(x_t + h @ np.exp(Wv).T)
        hs.append(h)
    return np.array(hs)


# ----------------------------------------------------------------------------------------
# Hoisting


def test_pushout_hoists_non_sequence_computation():
    x, W, h0, h = rnn()
    f, g = compile_both([x, W, h0], [h])
    assert "scanOp_pushout_nonseqs_ops" in rewrite_names(f)
    (op,) = scan_ops(f)
    inner = " ".join(inner_ops(op))
    assert "exp" not in inner and "DimShuffle{1,0}" not in inner
    assert "exp" in " ".join(str(n.op) for n in f.maker.fgraph.toposort())
    assert_same(f, g, *rnn_values())
    vals = rnn_values()
    np.testing.assert_allclose(f(*vals)[0], np_rnn(*vals), rtol=1e-12)


def test_pushout_not_where_everything_varies():
    x = T.dmatrix("x")
    h0 = T.dvector("h0")
    h, _ = scan(lambda x_t, h: T.exp(x_t) * h, sequences=x, outputs_info=h0)
    f, g = compile_both([x, h0], [h])
    assert "scanOp_pushout_nonseqs_ops" not in rewrite_names(f)
    (op,) = scan_ops(f)
    assert any("exp" in s for s in inner_ops(op))
    assert_same(f, g, RNG.rand(4, 2), RNG.rand(2))


def test_pushout_can_be_excluded_by_name():
    x, W, h0, h = rnn()
    mode = theano.compile.mode.get_default_mode().excluding("scanOp_pushout_nonseqs_ops")
    f, g = compile_both([x, W, h0], [h], mode=mode)
    assert "scanOp_pushout_nonseqs_ops" not in rewrite_names(f)
    (op,) = scan_ops(f)
    assert any("exp" in s for s in inner_ops(op))
    assert_same(f, g, *rnn_values())


def test_pushout_of_a_whole_output_and_of_integer_shapes():
    # The step returns a value that depends on the non-sequence only (it becomes an
    # inner input), and one reading its shape.
    v = T.dvector("v")
    n = T.iscalar("n")
    outs, _ = scan(lambda v: [T.exp(v), T.ones((v.shape[0] * 2,)) + T.exp(v).sum()],
                   non_sequences=v, n_steps=n)
    f, g = compile_both([v, n], outs)
    assert "scanOp_pushout_nonseqs_ops" in rewrite_names(f)
    assert_same(f, g, RNG.rand(3), 4)
    assert [a.shape for a in f(RNG.rand(3), 4)] == [(4, 3), (4, 6)]


def test_pushout_keeps_random_draws_in_the_loop():
    from theano.tensor.shared_randomstreams import RandomStreams

    srng = RandomStreams(seed=3)
    v = T.dvector("v")
    out, updates = scan(lambda v: v + srng.uniform(v.shape), non_sequences=v, n_steps=4)
    f = theano.function([v], out, updates=updates)
    rows = f(np.zeros(3))
    assert not np.allclose(rows[0], rows[1])  # a new draw at each step


def test_pushout_rewriter_has_theano_name():
    assert PushOutNonSeqScan.name == "scanOp_pushout_nonseqs_ops"


# ----------------------------------------------------------------------------------------
# Unused inputs


def test_unused_and_constant_non_sequences_removed():
    x = T.dvector("x")
    u = T.dvector("u")  # passed but never read
    c = T.constant(np.array([1.0, 2.0]))
    h0 = T.dvector("h0")
    h, _ = scan(lambda x_t, h, u, c: h * x_t + c, sequences=x, outputs_info=h0,
                non_sequences=[u, c])
    f = theano.function([x, h0, u], h, on_unused_input="ignore")
    assert "remove_constants_and_unused_inputs_scan" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.n_non_seqs == 0
    g = theano.function([x, h0, u], h, mode=Mode(optimizer=None), on_unused_input="ignore")
    args = (RNG.rand(4), RNG.rand(2), RNG.rand(3))
    np.testing.assert_allclose(f(*args), g(*args))
    # NumPy: h_t = h_{t-1} * x_t + c
    h, want = args[1], []
    for x_t in args[0]:
        h = h * x_t + np.array([1.0, 2.0])
        want.append(h)
    np.testing.assert_allclose(f(*args), np.array(want), rtol=1e-12)


# ----------------------------------------------------------------------------------------
# Unused outputs


def test_unused_nit_sot_output_removed():
    x = T.dvector("x")
    outs, _ = scan(lambda x_t: [T.exp(x_t), T.sin(x_t)], sequences=x)
    f, g = compile_both([x], [outs[1]])
    assert "scan_remove_unused_outputs" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.n_nit_sot == 1
    assert not any("exp" in s for s in inner_ops(op))
    assert_same(f, g, RNG.rand(5))


def test_unused_recurrent_output_removed_unless_another_needs_it():
    x = T.dvector("x")
    a0 = T.dscalar("a0")
    b0 = T.dscalar("b0")
    c0 = T.dscalar("c0")

    def step(x_t, a, b, c):
        return a + x_t, b * a, c - x_t

    (_, b, _), _ = scan(step, sequences=x, outputs_info=[a0, b0, c0])
    # b needs a (through its taps); c is needed by nothing.
    f, g = compile_both([x, a0, b0, c0], [b])
    assert "scan_remove_unused_outputs" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.n_rec == 2
    assert_same(f, g, RNG.rand(5), 0.5, 1.5, 2.0)


def test_no_output_removed_when_all_used():
    x = T.dvector("x")
    outs, _ = scan(lambda x_t: [T.exp(x_t), T.sin(x_t)], sequences=x)
    f, g = compile_both([x], outs)
    assert "scan_remove_unused_outputs" not in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.n_nit_sot == 2
    assert_same(f, g, RNG.rand(5))
    xv = RNG.rand(5)
    got_exp, got_sin = f(xv)
    np.testing.assert_allclose(got_exp, np.exp(xv), rtol=1e-15)
    np.testing.assert_allclose(got_sin, np.sin(xv), rtol=1e-15)


@pytest.mark.parametrize("wrt_x", [False, True])
def test_backward_scan_sequence_gradient_pruned(wrt_x):
    x, W, h0, h = rnn()
    cost = h.sum()
    wrt = [W, x] if wrt_x else [W]
    grads = T.grad(cost, wrt)
    f, g = compile_both([x, W, h0], grads)
    backward = [op for op in scan_ops(f) if op.name.startswith("grad_of")]
    assert len(backward) == 1
    # The sequence gradient (a nit_sot of the backward loop) is computed only if asked.
    assert backward[0].info.n_nit_sot == int(wrt_x)
    if not wrt_x:
        assert "scan_remove_unused_outputs" in rewrite_names(f)
    assert_same(f, g, *rnn_values())


# ----------------------------------------------------------------------------------------
# Last row only


def test_save_mem_keeps_last_row():
    x, W, h0, h = rnn()
    f, g = compile_both([x, W, h0], [h[-1]])
    assert "scanOp_save_mem" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.rec_last_only == (True,)
    assert_same(f, g, *rnn_values())
    vals = rnn_values()
    np.testing.assert_allclose(f(*vals)[0], np_rnn(*vals)[-1], rtol=1e-12)


def test_save_mem_with_several_taps_and_until():
    x0 = T.dvector("x0")
    n = T.iscalar("n")

    def step(a, b):
        return a + b, until(a + b > 50)

    fib, _ = scan(step, outputs_info=[{"initial": x0, "taps": [-2, -1]}], n_steps=n)
    f, g = compile_both([x0, n], [fib[-1]])
    assert "scanOp_save_mem" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.rec_last_only == (True,)
    for steps in (1, 2, 5, 30):
        assert_same(f, g, np.array([1.0, 1.0]), steps)
    # Fibonacci from 1, 1, stopping after the first value above 50
    for steps, last in ((1, 2.0), (2, 3.0), (5, 13.0), (30, 55.0)):
        np.testing.assert_array_equal(f(np.array([1.0, 1.0]), steps)[0], last)


@pytest.mark.parametrize("read", ["full", "first", "both"])
def test_save_mem_not_when_history_read(read):
    x, W, h0, h = rnn()
    outs = {"full": [h], "first": [h[0]], "both": [h[-1], h.sum()]}[read]
    f, g = compile_both([x, W, h0], outs)
    assert "scanOp_save_mem" not in rewrite_names(f)
    (op,) = scan_ops(f)
    assert op.info.rec_last_only == (False,)
    assert_same(f, g, *rnn_values())


# ----------------------------------------------------------------------------------------
# The inner graph rewritten with the compiling mode's query


def softplus_scan():
    x = T.dmatrix("x")
    out, _ = scan(lambda x_t: T.log(1 + T.exp(x_t)) * 1 + T.exp(x_t) * 0, sequences=x)
    return x, out


@pytest.mark.parametrize("optimizer", ["fast_run", "fast_compile", None])
def test_inner_graph_rewritten_with_the_mode_query(optimizer):
    # The step's graph ends up as the same expression compiled by itself in that mode
    # (without in-place rewrites).
    x, out = softplus_scan()
    f = theano.function([x], out, mode=Mode(optimizer=optimizer))
    (op,) = scan_ops(f)
    v = T.dvector("v")
    ref_mode = Mode(optimizer=optimizer)
    if optimizer is not None:
        ref_mode = ref_mode.excluding("inplace")
    ref = theano.function([v], T.log(1 + T.exp(v)) * 1 + T.exp(v) * 0, mode=ref_mode)
    ref_ops = [str(n.op) for n in ref.maker.fgraph.toposort()]
    assert [s.split(":", 1)[1] for s in inner_ops(op)] == ref_ops
    if optimizer is None:
        assert getattr(op, "inner_rewritten", None) is None
        assert "scan_inner_rewrite" not in rewrite_names(f)
    else:
        assert "scan_inner_rewrite" in rewrite_names(f)
        assert op.inner_rewritten is not None
        assert len(ref_ops) < len(inner_ops(theano.scan(
            lambda x_t: T.log(1 + T.exp(x_t)) * 1 + T.exp(x_t) * 0, sequences=x)[0].owner.op))
    xv = RNG.randn(3, 4)
    np.testing.assert_allclose(f(xv), np.log1p(np.exp(xv)))


def test_inner_rewrites_recorded_and_in_place_excluded():
    x, W, h0, h = rnn()
    f = theano.function([x, W, h0], h)
    (op,) = scan_ops(f)
    assert "inplace" in op.inner_rewritten[2]  # the query's exclude
    assert not any(getattr(n.op, "destroy_map", None)
                   for n in theano.graph.basic.io_toposort(op.inner_inputs, op.inner_outputs))


def test_nested_scan_rewritten():
    x = T.dmatrix("x")
    W = T.dvector("W")

    def outer_step(row, W):
        inner, _ = scan(lambda v, W: v * T.exp(W).sum(), sequences=row, non_sequences=W)
        return inner

    out, _ = scan(outer_step, sequences=x, non_sequences=W)
    f, g = compile_both([x, W], [out])
    assert "scanOp_pushout_nonseqs_ops" in rewrite_names(f)
    (op,) = scan_ops(f)
    assert "exp" not in " ".join(inner_ops(op))
    assert_same(f, g, RNG.rand(3, 4), RNG.rand(2))


@pytest.mark.parametrize("name", ["scanOp_save_mem", "scan_remove_unused_outputs"])
def test_save_mem_steps_can_be_excluded_by_name(name):
    x, W, h0, h = rnn()
    outs, _ = scan(lambda x_t: [T.exp(x_t), T.sin(x_t)], sequences=x)
    mode = theano.compile.mode.get_default_mode().excluding(name)
    f, g = compile_both([x, W, h0], [h[-1], outs[1]], mode=mode)
    assert name not in rewrite_names(f)
    ops = scan_ops(f)
    if name == "scanOp_save_mem":
        assert [op.info.rec_last_only for op in ops if op.n_rec] == [(False,)]
        assert "scan_remove_unused_outputs" in rewrite_names(f)
    else:
        assert [op.info.n_nit_sot for op in ops if not op.n_rec] == [2]
        assert "scanOp_save_mem" in rewrite_names(f)
    assert_same(f, g, *rnn_values())
