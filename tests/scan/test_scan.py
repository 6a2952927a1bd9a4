"""theano.scan: the tutorial's loops, taps, outputs_info forms, updates, until, errors, backends.

Literal numbers and messages marked "Theano 1.0.5" were printed by Theano 1.0.5 (NumPy
1.23) for the same code; the others are checked against loops written in NumPy.  Every
loop runs through theano.function (the py backend's generated loop) and, where noted,
through ``Scan.perform`` (the reference meaning) too.
"""

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.scan  # registers the py backend's Scan loop
import theano.tensor as T
from theano.compile.function import OrderedUpdates
from theano.graph.fg import MissingInputError
from theano.scan import foldl, foldr, map, reduce, scan, scan_checkpoints, until
from theano.scan.op import Scan


def scan_nodes(f):
    return [n for n in f.maker.fgraph.toposort() if isinstance(n.op, Scan)]


def perform(var, givens):
    """Evaluate the Scan node computing ``var`` through ``Scan.perform`` (no backend)."""
    node = var.owner
    assert isinstance(node.op, Scan)
    inputs = [theano.function(list(givens), i, on_unused_input="ignore")(*givens.values())
              for i in node.inputs]
    storage = [[None] for _ in node.outputs]
    node.op.perform(node, inputs, storage)
    return storage[var.index][0]


# ----------------------------------------------------------------------------------------
# The tutorial's loops (doc/tutorial/loop.txt and doc/library/scan.txt)


def test_power_by_repeated_multiplication():
    k = T.iscalar("k")
    A = T.vector("A")
    result, updates = scan(lambda prior, A: prior * A, outputs_info=T.ones_like(A),
                           non_sequences=A, n_steps=k)
    assert isinstance(updates, OrderedUpdates) and not updates
    power = theano.function([A, k], result[-1], updates=updates)
    np.testing.assert_array_equal(power(range(10), 2), np.arange(10.0) ** 2)
    np.testing.assert_array_equal(power(range(10), 4), np.arange(10.0) ** 4)
    all_powers = theano.function([A, k], result)(np.arange(4.0), 3)
    np.testing.assert_array_equal(all_powers, [np.arange(4.0) ** p for p in (1, 2, 3)])
    np.testing.assert_array_equal(perform(result, {A: np.arange(4.0), k: np.int32(3)}),
                                  all_powers)


def test_polynomial_and_sum_by_scan():
    coefficients = T.vector("coefficients")
    x = T.scalar("x")
    full_range = T.arange(10000)
    components, _ = scan(lambda coeff, power, free_var: coeff * (free_var ** power),
                         outputs_info=None, sequences=[coefficients, full_range],
                         non_sequences=x)
    f = theano.function([coefficients, x], components.sum())
    assert f(np.asarray([1, 0, 2], dtype="float32"), 3) == 19.0  # Theano 1.0.5: 19.0
    # the exercise: the reduction done by scan
    total, _ = scan(lambda coeff, power, prior, free_var: prior + coeff * free_var ** power,
                    sequences=[coefficients, full_range],
                    outputs_info=T.as_tensor_variable(np.asarray(0, "float64")),
                    non_sequences=x)
    g = theano.function([coefficients, x], total[-1])
    assert g(np.asarray([1, 0, 2], dtype="float32"), 3) == 19.0


def test_elementwise_and_two_sequence_recurrence():
    X = T.matrix("X")
    W = T.matrix("W")
    b_sym = T.vector("b_sym")
    results, _ = scan(lambda v: T.tanh(T.dot(v, W) + b_sym), sequences=X)
    x = np.eye(2)
    w = np.ones((2, 2))
    b = np.array([1.0, 2.0])
    out = theano.function([X, W, b_sym], results)(x, w, b)
    np.testing.assert_allclose(out, np.tanh(x.dot(w) + b))

    Xv, U, Y, V, P = T.vector("X"), T.matrix("U"), T.matrix("Y"), T.matrix("V"), T.matrix("P")
    results, _ = scan(lambda y, p, x_tm1: T.tanh(T.dot(x_tm1, W) + T.dot(y, U) + T.dot(p, V)),
                      sequences=[Y, P[::-1]], outputs_info=[Xv])
    f = theano.function([Xv, W, Y, U, P, V], results)
    x0 = np.array([0.0, 1.0])
    y = np.ones((5, 2))
    y[0] = -3
    p = np.ones((5, 2))
    p[0] = 3
    expected = np.zeros((5, 2))
    prev = x0
    for t in range(5):
        prev = expected[t] = np.tanh(prev.dot(w) + y[t].dot(w) + p[4 - t].dot(w))
    out = f(x0, w, y, w, p, w)
    np.testing.assert_allclose(out, expected)
    # Theano 1.0.5 printed these rows
    np.testing.assert_allclose(out[:, 0], [-0.99505475, 0.96471973, 0.99998585, 0.99998771, 1.0],
                               atol=1e-8)


def test_norms_and_trace():
    X = T.matrix("X")
    lines, _ = scan(lambda x_i: T.sqrt((x_i ** 2).sum()), sequences=[X])
    cols, _ = scan(lambda x_i: T.sqrt((x_i ** 2).sum()), sequences=[X.T])
    x = np.diag(np.arange(1, 6, dtype="float64"), 1)
    f = theano.function([X], [lines, cols])
    np.testing.assert_array_equal(f(x)[0], [1, 2, 3, 4, 5, 0])
    np.testing.assert_array_equal(f(x)[1], [0, 1, 2, 3, 4, 5])
    results, _ = scan(lambda i, j, t_f: T.cast(X[i, j] + t_f, "float32"),
                      sequences=[T.arange(X.shape[0]), T.arange(X.shape[1])],
                      outputs_info=np.asarray(0.0, dtype="float32"))
    assert results.dtype == "float32"
    x = np.eye(5)
    x[0] = np.arange(5)
    assert theano.function([X], results[-1])(x) == 4.0


def test_taps_recurrence_of_the_tutorial():
    X, W, U, V = T.matrix("X"), T.matrix("W"), T.matrix("U"), T.matrix("V")
    b_sym = T.vector("b_sym")
    n_sym = T.iscalar("n_sym")
    results, _ = scan(lambda x_tm2, x_tm1: T.dot(x_tm2, U) + T.dot(x_tm1, V)
                      + T.tanh(T.dot(x_tm1, W) + b_sym),
                      n_steps=n_sym, outputs_info=[dict(initial=X, taps=[-2, -1])])
    f = theano.function([X, U, V, W, b_sym, n_sym], results)
    x = np.zeros((2, 2))
    x[1, 1] = 1
    w = 0.5 * np.ones((2, 2))
    u = 0.5 * (np.ones((2, 2)) - np.eye(2))
    b = np.ones(2)
    hist = [x[0], x[1]]
    for _ in range(10):
        hist.append(hist[-2].dot(u) + hist[-1].dot(w) + np.tanh(hist[-1].dot(w) + b))
    out = f(x, u, w, w, b, 10)
    np.testing.assert_allclose(out, hist[2:])
    # Theano 1.0.5's last row
    np.testing.assert_allclose(out[-1], [54.28407732, 54.25282732])
    np.testing.assert_allclose(
        perform(results, {X: x, U: u, V: w, W: w, b_sym: b, n_sym: np.int32(10)}), out)


def test_jacobian_by_scan():
    v = T.vector()
    A = T.matrix()
    y = T.tanh(T.dot(v, A))
    results, _ = scan(lambda i: T.grad(y[i], v), sequences=[T.arange(y.shape[0])])
    f = theano.function([A, v], results)
    x = np.eye(5)[0]
    w = np.eye(5, 3)
    w[2] = 1
    np.testing.assert_allclose(f(w, x), ((1 - np.tanh(x.dot(w)) ** 2) * w).T)
    x = T.dvector("x")
    y = x ** 2
    J, updates = scan(lambda i, y, x: T.grad(y[i], x), sequences=T.arange(y.shape[0]),
                      non_sequences=[y, x])
    np.testing.assert_array_equal(theano.function([x], J, updates=updates)([4, 4]),
                                  [[8, 0], [0, 8]])


def test_until_powers_of_two():
    def power_of_2(previous_power, max_value):
        return previous_power * 2, until(previous_power * 2 > max_value)

    max_value = T.scalar()
    values, _ = scan(power_of_2, outputs_info=T.constant(1.0), non_sequences=max_value,
                     n_steps=1024)
    f = theano.function([max_value], values)
    out = f(45)
    # Theano 1.0.5: [ 2.  4.  8. 16. 32. 64.] in float32 (T.constant(1.) is float32)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, [2, 4, 8, 16, 32, 64])
    np.testing.assert_array_equal(f(0.5), [2])
    assert "do_while" in str(values.owner.op)
    np.testing.assert_array_equal(perform(values, {max_value: np.float64(45)}), out)


def test_until_with_sequences_and_several_outputs():
    x = T.dvector("x")

    def step(x_t, acc):
        new = acc + x_t
        return [new, new * 2], until(new > 5)

    (sums, doubles), _ = scan(step, sequences=x, outputs_info=[T.constant(0.0, dtype="float64"),
                                                               None])
    f = theano.function([x], [sums, doubles])
    s, d = f(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    np.testing.assert_array_equal(s, [1, 3, 6])
    np.testing.assert_array_equal(d, [2, 6, 12])
    s, d = f(np.array([1.0, 1.0]))
    np.testing.assert_array_equal(s, [1, 2])


# ----------------------------------------------------------------------------------------
# Sequences and their taps (numbers printed by Theano 1.0.5 for the same code)

TAPS = [
    ([-2, 0, 3], False, [520, 631, 742, 853, 964]),
    ([-2, 0, 3], True, [964, 853, 742, 631, 520]),
    ([-1, -3], False, [2, 13, 24, 35, 46, 57, 68]),
    ([2, 1], False, [12, 23, 34, 45, 56, 67, 78, 89]),
    ([0], True, list(range(9, -1, -1))),
]


@pytest.mark.parametrize("taps, backwards, expected", TAPS)
def test_sequence_taps(taps, backwards, expected):
    X = T.vector("X")
    weights = [1, 10, 100][:len(taps)]
    r, _ = scan(lambda *a: sum(w * v for w, v in zip(weights, a)),
                sequences=dict(input=X, taps=taps), go_backwards=backwards)
    np.testing.assert_array_equal(theano.function([X], r)(np.arange(10.0)), expected)


def test_go_backwards_running_sum():
    X = T.vector("X")
    r, _ = scan(lambda a, s: a + s, sequences=X, outputs_info=T.constant(np.float64(0.0)),
                go_backwards=True)
    np.testing.assert_array_equal(theano.function([X], r)(np.arange(5.0)), [4, 7, 9, 10, 10])


def test_shortest_sequence_decides_and_n_steps():
    a, b = T.vector("a"), T.vector("b")
    k = T.iscalar("k")
    r, _ = scan(lambda x, y: x * y, sequences=[a, b])
    np.testing.assert_array_equal(theano.function([a, b], r)(np.arange(5.0), np.ones(3)),
                                  [0, 1, 2])
    r, _ = scan(lambda x: x * 2, sequences=a, n_steps=k)
    f = theano.function([a, k], r)
    np.testing.assert_array_equal(f(np.arange(5.0), 3), [0, 2, 4])
    with pytest.raises(ValueError, match="sequence 0 has 3 rows, shorter than the 5 steps"):
        f(np.arange(3.0), 5)


# ----------------------------------------------------------------------------------------
# outputs_info


@pytest.mark.parametrize("taps, init, expected", [
    ([-2, -1], [1.0, 1.0, 100.0, 100.0], [2, 3, 5, 8, 13]),  # rows past the oldest tap unused
    ([-1, -2], [1.0, 2.0], [3, 5, 8, 13, 21]),
    ([-3], [1.0, 2.0, 3.0], [2, 4, 6, 4, 8]),
])
def test_output_taps(taps, init, expected):
    I = T.vector("I")
    fn = (lambda a, b: a + b) if len(taps) == 2 else (lambda a: a * 2)
    r, _ = scan(fn, outputs_info=dict(initial=I, taps=taps), n_steps=5)
    np.testing.assert_array_equal(theano.function([I], r)(np.array(init)), expected)


def test_mixed_outputs_and_argument_order():
    x = T.dvector("x")
    y0 = T.dscalar("y0")
    z0 = T.dvector("z0")
    seen = []

    def step(x_t, y_tm1, z_tm2, z_tm1, c):
        seen.append((x_t.type, y_tm1.type, z_tm2.type, c.type))
        return [y_tm1 + x_t, x_t * c, z_tm2 + z_tm1 + y_tm1]

    c = T.dscalar("c")
    (ys, ms, zs), _ = scan(step, sequences=x,
                           outputs_info=[y0, None, dict(initial=z0, taps=[-2, -1])],
                           non_sequences=c)
    assert seen == [(T.dscalar, T.dscalar, T.dscalar, T.dscalar)]
    f = theano.function([x, y0, z0, c], [ys, ms, zs])
    xv = np.array([1.0, 2.0, 3.0])
    ys_v, ms_v, zs_v = f(xv, 0.5, np.array([1.0, 2.0]), 3.0)
    np.testing.assert_allclose(ys_v, [1.5, 3.5, 6.5])
    np.testing.assert_allclose(ms_v, xv * 3)
    z = [1.0, 2.0]
    y = 0.5
    for t in range(3):
        z.append(z[-2] + z[-1] + y)
        y += xv[t]
    np.testing.assert_allclose(zs_v, z[2:])


def test_output_types():
    M = T.matrix("M")
    r, _ = scan(lambda m: m.sum(), sequences=M)
    assert r.type == T.dvector  # Theano 1.0.5: TensorType(float64, vector)
    r, _ = scan(lambda p: p * 2, outputs_info=T.row("rr"), n_steps=3)
    assert r.broadcastable == (False, True, False)  # Theano 1.0.5
    r, _ = scan(lambda p: p * 2, outputs_info=T.scalar("s"), n_steps=3)
    assert r.type == T.dvector
    r, _ = scan(lambda m: m.dimshuffle("x", 0), sequences=M)
    assert r.broadcastable == (False, True, False)  # Theano 1.0.5


def test_return_list_and_single_outputs():
    s = T.scalar("s")
    r, _ = scan(lambda p: p * 2, outputs_info=s, n_steps=3, return_list=True)
    assert isinstance(r, list) and len(r) == 1
    r, u = scan(lambda p: [p * 2, p * 3], outputs_info=[s, None], n_steps=3)
    assert isinstance(r, list) and len(r) == 2 and isinstance(u, OrderedUpdates)
    f = theano.function([s], r)
    np.testing.assert_array_equal(f(1.0)[1], [3, 6, 12])


def test_broadcast_pattern_of_the_initial_state_is_relaxed():
    # Theano 1.0 raised TypeError here (row initial state, matrix result)
    x0 = T.row("x0")
    M = T.matrix("M")
    r, _ = scan(lambda p, M: p + M, outputs_info=x0, non_sequences=M, n_steps=3)
    assert r.broadcastable == (False, False, False)
    out = theano.function([x0, M], r)(np.zeros((1, 2)), np.ones((1, 2)))
    np.testing.assert_array_equal(out, [[[1, 1]], [[2, 2]], [[3, 3]]])


def test_zero_steps():
    A = T.vector("A")
    k = T.iscalar("k")
    result, _ = scan(lambda p, A: p * A, outputs_info=T.ones_like(A), non_sequences=A,
                     n_steps=k)
    # Theano 1.0.5 raised NotImplementedError for a recurrent output; here: 0 rows
    assert theano.function([A, k], result)(np.arange(3.0), 0).shape == (0, 3)
    X = T.matrix("X")
    r, _ = scan(lambda x: x * 2, sequences=X)
    out = theano.function([X], r)(np.zeros((0, 3)))
    assert out.shape == (0, 3)  # Theano 1.0.5: array([], shape=(0, 3), dtype=float64)
    with pytest.raises(IndexError, match="negative number of steps"):
        theano.function([A, k], result)(np.arange(3.0), -2)


# ----------------------------------------------------------------------------------------
# Shared variables, updates and random numbers


def test_accumulator_shared_variable():
    k = theano.shared(0)
    n_sym = T.iscalar("n_sym")
    results, updates = scan(lambda: {k: (k + 1)}, n_steps=n_sym)
    assert results is None  # Theano 1.0.5
    assert isinstance(updates, OrderedUpdates) and list(updates) == [k]
    accumulator = theano.function([n_sym], [], updates=updates)
    accumulator(5)
    assert k.get_value() == 5
    results, _ = scan(lambda: {k: k + 1}, n_steps=3, return_list=True)
    assert results is None


def test_updates_usable_in_the_graph():
    # doc/library/scan.txt: b is 2 then 12, c is 12 then 22 (a: 11 then 21)
    a = theano.shared(1)
    _, updates = scan(lambda: {a: a + 1}, n_steps=10)
    b = a + 1
    c = updates[a] + 1
    f = theano.function([], [b, c], updates=updates)
    assert [int(v) for v in f()] == [2, 12] and a.get_value() == 11
    assert [int(v) for v in f()] == [12, 22] and a.get_value() == 21


def test_shared_variables_are_found_and_read():
    W = theano.shared(np.array([[2.0, 0.0], [0.0, 3.0]]), name="W")
    x0 = T.dvector("x0")
    r, updates = scan(lambda p: T.dot(p, W), outputs_info=x0, n_steps=3)
    assert not updates
    f = theano.function([x0], r)
    np.testing.assert_array_equal(f(np.ones(2))[-1], [8, 27])
    W.set_value(np.eye(2))
    np.testing.assert_array_equal(f(np.ones(2))[-1], [1, 1])


def test_captured_variables_become_non_sequences():
    x0 = T.dvector("x0")
    c = T.dscalar("c")
    d = c * 2  # a computed outer variable used by the step
    r, _ = scan(lambda p: p * d + T.constant(np.float64(1)), outputs_info=x0, n_steps=2)
    f = theano.function([x0, c], r)
    np.testing.assert_array_equal(f(np.array([1.0]), 1.5), [[4.0], [13.0]])


def test_binomial_drawn_at_every_step():
    # doc/tutorial/loop.txt: tanh(v.dot(W) + b) * d with d binomial; Theano 1.0.5's numbers
    X, W, b_sym = T.matrix("X"), T.matrix("W"), T.vector("b_sym")
    trng = T.shared_randomstreams.RandomStreams(1234)
    d = trng.binomial(size=W[1].shape)
    results, updates = scan(lambda v: T.tanh(T.dot(v, W) + b_sym) * d, sequences=X)
    assert len(updates) == 1
    f = theano.function([X, W, b_sym], results, updates=updates)
    out = f(np.eye(10, 2), np.ones((2, 2)), np.ones(2))
    mask = (out != 0).astype(int)
    np.testing.assert_array_equal(
        mask, [[1, 0], [0, 1], [0, 0], [1, 1], [1, 0], [0, 1], [0, 1], [0, 1], [0, 0], [1, 1]])
    np.testing.assert_allclose(out[0, 0], 0.96402758)
    # the generator moved on: a second call draws other masks
    assert not np.array_equal(f(np.eye(10, 2), np.ones((2, 2)), np.ones(2)), out)


def test_gibbs_chain_of_the_scan_guide():
    rng = np.random.RandomState(42)
    W = theano.shared(rng.random_sample((2, 2)))
    bvis = theano.shared(rng.random_sample((2,)))
    bhid = theano.shared(rng.random_sample((2,)))
    trng = T.shared_randomstreams.RandomStreams(1234)

    def one_step(vsample, W, bvis, bhid):
        hmean = T.nnet.sigmoid(T.dot(vsample, W) + bhid)
        hsample = trng.binomial(size=hmean.shape, n=1, p=hmean)
        vmean = T.nnet.sigmoid(T.dot(hsample, W.T) + bvis)
        return trng.binomial(size=vsample.shape, n=1, p=vmean, dtype="float64")

    sample = T.vector()
    values, updates = scan(one_step, outputs_info=sample, non_sequences=[W, bvis, bhid],
                           n_steps=10, strict=True)
    assert len(updates) == 2
    chain = theano.function([sample], values, updates=updates)(np.array([1.0, 0.0]))
    # Theano 1.0.5, same seeds
    np.testing.assert_array_equal(chain, [[1, 1], [1, 1], [0, 1], [1, 1], [1, 1], [1, 1],
                                          [1, 1], [1, 1], [1, 1], [1, 0]])


def test_mrg_random_streams_inside_scan():
    from theano.sandbox.rng_mrg import MRG_RandomStreams

    srng = MRG_RandomStreams(seed=42)
    x = T.dvector("x")
    r, updates = scan(lambda x_t: x_t + srng.uniform((1,), dtype="float64")[0], sequences=x)
    assert len(updates) == 1
    f = theano.function([x], r, updates=updates)
    first = f(np.zeros(4))
    assert len(set(first.tolist())) == 4 and np.all((first > 0) & (first < 1))
    assert not np.array_equal(f(np.zeros(4)), first)


# ----------------------------------------------------------------------------------------
# map, reduce, foldl, foldr, scan_checkpoints, nesting


def test_map_reduce_fold():
    v = T.vector("v")
    squares, _ = map(lambda e: e ** 2, v)
    total, _ = reduce(lambda e, acc: acc + e, v, T.constant(np.float64(0)))
    left, _ = foldl(lambda e, acc: acc * 10 + e, v, T.constant(np.float64(0)))
    right, _ = foldr(lambda e, acc: acc * 10 + e, v, T.constant(np.float64(0)))
    out = theano.function([v], [squares, total, left, right])([1, 2, 3])
    np.testing.assert_array_equal(out[0], [1, 4, 9])
    assert [float(o) for o in out[1:]] == [6, 123, 321]  # Theano 1.0.5


def test_nested_scan():
    M = T.matrix("M")

    def row_cumsum(row):
        sums, _ = scan(lambda e, acc: acc + e, sequences=row,
                       outputs_info=T.constant(np.float64(0)))
        return sums

    r, _ = scan(row_cumsum, sequences=M)
    m = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(theano.function([M], r)(m), np.cumsum(m, axis=1))


def test_scan_checkpoints_values_and_gradient():
    x = T.dvector("x")
    h0 = T.dscalar("h0")
    w = T.dscalar("w")
    step = lambda x_t, h, w: T.tanh(h * w + x_t)
    full, _ = scan(step, sequences=x, outputs_info=h0, non_sequences=w)
    ckpt, _ = scan_checkpoints(step, sequences=[x], outputs_info=[h0], non_sequences=[w],
                               save_every_N=3)
    cost_full = full[-1] ** 2
    cost_ckpt = ckpt[-1] ** 2
    f = theano.function([x, h0, w], [cost_full, cost_ckpt]
                        + T.grad(cost_full, [x, h0, w]) + T.grad(cost_ckpt, [x, h0, w]))
    out = f(np.linspace(-1, 1, 7), 0.1, 0.8)
    assert np.isclose(out[0], out[1])
    for a, b in zip(out[2:5], out[5:8]):
        np.testing.assert_allclose(a, b)

    # against NumPy and central finite differences of the NumPy loop
    def np_cost(xv, h0v, wv):
        h = h0v
        for x_t in xv:
            h = np.tanh(h * wv + x_t)
        return h ** 2

    xv, eps = np.linspace(-1, 1, 7), 1e-6
    np.testing.assert_allclose(out[0], np_cost(xv, 0.1, 0.8), rtol=1e-12)
    np.testing.assert_allclose(out[1], np_cost(xv, 0.1, 0.8), rtol=1e-12)
    fd_x = [(np_cost(xv + eps * e, 0.1, 0.8) - np_cost(xv - eps * e, 0.1, 0.8)) / (2 * eps)
            for e in np.eye(7)]
    fd_h0 = (np_cost(xv, 0.1 + eps, 0.8) - np_cost(xv, 0.1 - eps, 0.8)) / (2 * eps)
    fd_w = (np_cost(xv, 0.1, 0.8 + eps) - np_cost(xv, 0.1, 0.8 - eps)) / (2 * eps)
    for got in (out[2:5], out[5:8]):
        np.testing.assert_allclose(got[0], fd_x, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(got[1], fd_h0, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(got[2], fd_w, rtol=1e-6, atol=1e-9)


# ----------------------------------------------------------------------------------------
# Errors (messages of Theano 1.0.5 kept where they exist, with more detail)


def test_error_dtype_mismatch_names_output_and_step():
    up_to = T.iscalar("up_to")
    seq = T.arange(up_to)

    def accumulate_by_adding(arange_val, sum_to_date):
        return sum_to_date + arange_val

    with pytest.raises(ValueError, match=r"output 0 of the step function `accumulate_by_adding`"
                                         r" has dtype int64.*has dtype int8"):
        scan(accumulate_by_adding, outputs_info=T.as_tensor_variable(0), sequences=seq)


def test_error_ndim_mismatch():
    x = T.vector("x")
    with pytest.raises(ValueError, match=r"output 0 of the step function `<lambda>` has 0 "
                                         r"dimension\(s\).*previous values with 1"):
        scan(lambda p: p.sum(), outputs_info=x, n_steps=3)


def test_error_count_and_return_values():
    x = T.vector("x")
    with pytest.raises(ValueError, match="Please provide None as outputs_info.*returned 2 "
                                         "outputs but outputs_info has 1 entry"):
        scan(lambda p: [p * 2, p * 3], outputs_info=x, n_steps=3)
    with pytest.raises(ValueError, match="may only be made of lists, tuples, or dictionaries"):
        scan(lambda p: 2, outputs_info=x, n_steps=3)
    with pytest.raises(ValueError, match="No information about the number of steps"):
        scan(lambda: T.constant(1.0))
    with pytest.raises(ValueError, match="n_steps must be an int. dtype provided is float64"):
        scan(lambda p: p * 2, outputs_info=T.constant(1.0), n_steps=T.scalar())
    with pytest.raises(ValueError, match="All the tap values must be smaller than 0"):
        scan(lambda p: p * 2, outputs_info=dict(initial=x, taps=[1]), n_steps=3)
    with pytest.raises(ValueError, match="you need to provide a initial state"):
        scan(lambda p: p * 2, outputs_info=dict(taps=[-1]), n_steps=3)
    with pytest.raises(ValueError, match="return_steps"):
        scan(lambda p: p * 2, outputs_info=dict(initial=x, return_steps=1), n_steps=3)


def test_strict_names_the_missing_shared_variable():
    W = theano.shared(np.ones((2, 2)), name="W")
    x = T.vector("x")
    with pytest.raises(MissingInputError, match=r"ScanOp is missing an input: W\. .*`<lambda>` "
                                                r"uses the shared variable W"):
        scan(lambda p: T.dot(p, W.T), outputs_info=x, n_steps=3, strict=True)
    r, _ = scan(lambda p, W: T.dot(p, W.T), outputs_info=x, non_sequences=[W], n_steps=3,
                strict=True)
    np.testing.assert_array_equal(theano.function([x], r)(np.ones(2))[-1], [8, 8])
    # strict only concerns shared variables (Theano 1.0.5 accepted this one)
    c = T.scalar("c")
    r, _ = scan(lambda p: p * c, outputs_info=x, n_steps=3, strict=True)
    np.testing.assert_array_equal(theano.function([x, c], r)(np.ones(2), 2.0)[-1], [8, 8])


def test_runtime_errors_name_the_scan_and_step():
    x0 = T.dvector("x0")
    idx = T.lscalar("idx")
    r, _ = scan(lambda p, i: T.set_subtensor(p[i], 1.0), outputs_info=x0, non_sequences=idx,
                n_steps=3, name="setter")
    f = theano.function([x0, idx], r)
    with pytest.raises(IndexError) as info:
        f(np.zeros(2), 5)
    assert "in step 0 of the loop of scan setter" in "\n".join(info.value.__notes__)
    # a step whose result changes shape
    A = T.dvector("A")
    r, _ = scan(lambda p, B: T.concatenate([p, B[:1]]), outputs_info=A, non_sequences=A,
                n_steps=2)
    with pytest.raises(ValueError, match=r"output 0 of the step function has shape \(3,\)"):
        theano.function([A], r)(np.ones(2))


# ----------------------------------------------------------------------------------------
# The op: layout, equality, printing, shapes, the reference loop


def test_op_printing_and_equality():
    x = T.dvector("x")
    r1, _ = scan(lambda v: v * 2, sequences=x)
    r2, _ = scan(lambda v: v * 2, sequences=x)
    r3, _ = scan(lambda v: v * 3, sequences=x, name="triple")
    assert str(r1.owner.op) == "for{cpu,scan_fn}" and str(r3.owner.op) == "for{cpu,triple}"
    assert r1.owner.op == r2.owner.op and hash(r1.owner.op) == hash(r2.owner.op)
    assert r1.owner.op != r3.owner.op
    f = theano.function([x], [r1, r2])
    assert len(scan_nodes(f)) == 1  # merged


def test_infer_shape_without_running_the_loop():
    x = T.dmatrix("x")
    k = T.iscalar("k")
    A = T.dvector("A")
    r, _ = scan(lambda p, A: p * A, outputs_info=T.ones_like(A), non_sequences=A, n_steps=k)
    m, _ = scan(lambda row: row[1:] * 2, sequences=x)
    f = theano.function([A, k, x], [r.shape, m.shape])
    assert scan_nodes(f) == []
    np.testing.assert_array_equal(f(np.ones(3), 4, np.ones((5, 6)))[0], [4, 3])
    np.testing.assert_array_equal(f(np.ones(3), 4, np.ones((5, 6)))[1], [5, 5])


def test_compiled_loop_agrees_with_perform():
    x = T.dmatrix("x")
    h0 = T.dvector("h0")
    W = T.dmatrix("W")

    def step(x_tm1, x_t, h_tm2, h_tm1, W):
        h = T.tanh(T.dot(h_tm1, W) + x_t - x_tm1) + 0.5 * h_tm2
        return h, (h ** 2).sum()

    (hs, norms), _ = scan(step, sequences=dict(input=x, taps=[-1, 0]),
                          outputs_info=[dict(initial=T.stack([h0, h0 * 2]), taps=[-2, -1]),
                                        None],
                          non_sequences=W)
    rng = np.random.RandomState(0)
    values = {x: rng.randn(6, 3), h0: rng.randn(3), W: rng.randn(3, 3) * 0.5}
    f = theano.function(list(values), [hs, norms])
    compiled = f(*values.values())
    np.testing.assert_allclose(perform(hs, values), compiled[0])
    np.testing.assert_allclose(perform(norms, values), compiled[1])


def test_import_paths_of_theano_1():
    import theano.scan_module as sm
    from theano.scan_module import scan as scan_fn
    from theano.scan_module.scan_utils import until as until2

    assert scan_fn is scan and sm.until is until and until2 is until
    assert sm.map is map and sm.reduce is reduce and sm.foldl is foldl and sm.foldr is foldr


def test_connection_pattern_follows_the_recurrence():
    x = T.dvector("x")
    y0, z0, a, b = T.dscalar("y0"), T.dscalar("z0"), T.dscalar("a"), T.dscalar("b")
    (ys, _, _), _ = scan(lambda x_t, y, z, a, b: [y * a, z + x_t, b * 2], sequences=x,
                         outputs_info=[y0, z0, None], non_sequences=[a, b])
    node = ys.owner
    # inputs: n_steps, x, y0 rows, z0 rows, a, b; outputs: ys, zs, ws
    assert node.op.connection_pattern(node) == [
        [True, True, True], [False, True, False], [True, False, False], [False, True, False],
        [True, False, False], [False, False, True]]


def test_test_values_flow_into_the_step():
    from theano.configparser import change_flags

    with change_flags(compute_test_value="raise"):
        x = T.dmatrix("x")
        x.tag.test_value = np.ones((3, 2))
        h0 = T.dvector("h0")
        h0.tag.test_value = np.zeros(2)
        hs, _ = scan(lambda x_t, h: T.tanh(h + x_t), sequences=x, outputs_info=h0)
        np.testing.assert_allclose(hs.tag.test_value[0], np.tanh([1.0, 1.0]))
        with pytest.raises(ValueError, match="not aligned"):
            scan(lambda x_t, h: T.dot(h, x[:1]) + x_t, sequences=x, outputs_info=h0)
