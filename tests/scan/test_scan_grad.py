"""Gradients through scan: BPTT against finite differences and hand-unrolled graphs.

``verify_grad`` (finite differences, float64) checks taps, multiple outputs,
non-sequences, shared variables and while loops; the same recurrences unrolled by hand in
a Python loop of graph ops give the reference gradients; truncate_gradient's numbers
were printed by Theano 1.0.5 for the same code; second derivatives go through the
gradient scan itself.
"""

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.scan  # registers the py backend's Scan loop
import theano.tensor as T
from theano.gradient import DisconnectedInputError, verify_grad
from theano.scan import hessian, jacobian, scan, until
from theano.scan.op import Scan

RNG = np.random.RandomState(1234)


def rand(*shape, scale=1.0):
    return RNG.uniform(-scale, scale, size=shape)


def check(fun, *pt):
    verify_grad(fun, [np.asarray(p, dtype="float64") for p in pt], rng=np.random.RandomState(0))


# ----------------------------------------------------------------------------------------
# verify_grad through scan


def test_verify_grad_sit_sot_wrt_sequence_init_and_non_sequence():
    def fun(x, h0, w):
        hs, _ = scan(lambda x_t, h, w: T.tanh(h * w + x_t), sequences=x, outputs_info=h0,
                     non_sequences=w)
        return hs

    check(fun, rand(5, 3), rand(3), rand(3))


def test_verify_grad_matrix_recurrence():
    def fun(x, h0, W, U):
        hs, _ = scan(lambda x_t, h, W, U: T.tanh(T.dot(h, W) + T.dot(x_t, U)), sequences=x,
                     outputs_info=h0, non_sequences=[W, U])
        return hs[-1] + hs.sum(axis=0)

    check(fun, rand(4, 2), rand(3), rand(3, 3, scale=0.8), rand(2, 3))


def test_verify_grad_output_taps():
    def fun(h0, w):
        hs, _ = scan(lambda h_tm3, h_tm1, w: T.tanh(h_tm1 * w) + 0.5 * h_tm3,
                     outputs_info=dict(initial=h0, taps=[-3, -1]), non_sequences=w, n_steps=6)
        return hs

    check(fun, rand(4, 2), rand(2))  # 4 rows: the 4th is never read


def test_verify_grad_sequence_taps_and_go_backwards():
    def fun(x, w):
        r, _ = scan(lambda a, b, c, w: a * w + b * c, sequences=dict(input=x, taps=[-2, 0, 3]),
                    non_sequences=w)
        back, _ = scan(lambda a, b, s, w: s * w + a * b, sequences=dict(input=x, taps=[0, 1]),
                       outputs_info=T.zeros_like(w), non_sequences=w, go_backwards=True)
        return T.concatenate([r.flatten(), back.flatten()])

    check(fun, rand(9, 2), rand(2))


def test_verify_grad_multiple_outputs():
    def fun(x, h0, c0, w):
        def step(x_t, h, c, w):
            c_new = c * T.nnet.sigmoid(x_t * w) + T.tanh(x_t)
            h_new = T.tanh(c_new) * h
            return [h_new, c_new, (h_new * c_new).sum()]

        (hs, cs, prods), _ = scan(step, sequences=x, outputs_info=[h0, c0, None],
                                  non_sequences=w)
        return T.concatenate([hs.flatten() * 2, cs[-1], prods])

    check(fun, rand(4, 3), rand(3), rand(3), rand(3))


def test_verify_grad_nit_sot_only():
    def fun(x, w):
        r, _ = scan(lambda x_t, w: T.dot(x_t, w) ** 2, sequences=x, non_sequences=w)
        return r

    check(fun, rand(5, 3), rand(3, 2))


def test_verify_grad_while_loop():
    def fun(x0, w):
        def step(x, w):
            new = x * w + 0.1
            return new, until(new.sum() > 4.0)

        xs, _ = scan(step, outputs_info=x0, non_sequences=w, n_steps=50)
        return xs

    x0 = np.array([0.5, 0.7])
    w = np.array([1.3, 1.2])
    check(fun, x0, w)


def test_verify_grad_integer_sequence_and_captured_variable():
    def fun(x, w):
        r, _ = scan(lambda i, prev: prev * w + x[i], sequences=T.arange(x.shape[0]),
                    outputs_info=T.zeros_like(x[0]))
        return r

    check(fun, rand(4, 2), rand(2))


def test_shared_variables_used_inside():
    W = theano.shared(rand(3, 3, scale=0.6), name="W")
    b = theano.shared(rand(3), name="b")
    x = T.dmatrix("x")
    hs, _ = scan(lambda x_t, h: T.tanh(T.dot(h, W) + x_t + b), sequences=x,
                 outputs_info=T.zeros_like(b))
    cost = (hs ** 2).sum()
    gW, gb, gx = T.grad(cost, [W, b, x])
    f = theano.function([x], [cost, gW, gb, gx])
    xv = rand(5, 3)
    gW_v = f(xv)[1]

    def cost_at(Wv, bv, xv):
        h = np.zeros(3)
        total = 0.0
        for t in range(len(xv)):
            h = np.tanh(h @ Wv + xv[t] + bv)
            total += (h ** 2).sum()
        return total

    eps = 1e-6
    Wv, bv = W.get_value(), b.get_value()
    num_gW = np.zeros_like(Wv)
    for idx in np.ndindex(*Wv.shape):
        d = np.zeros_like(Wv)
        d[idx] = eps
        num_gW[idx] = (cost_at(Wv + d, bv, xv) - cost_at(Wv - d, bv, xv)) / (2 * eps)
    np.testing.assert_allclose(gW_v, num_gW, rtol=1e-5, atol=1e-8)


# ----------------------------------------------------------------------------------------
# BPTT equals the gradient of the recurrence unrolled by hand


def _vanilla_rnn_step(x_t, s_tm1, U, W, b, V, c):
    a_t = b + T.dot(W, s_tm1) + T.dot(U, x_t)
    s_t = T.tanh(a_t)
    o_t = c + T.dot(V, s_t)
    return s_t, T.nnet.softmax(o_t.dimshuffle("x", 0))[0]


def test_bptt_equals_unrolled_rnn():
    n_in, n_hid, n_out, steps = 3, 4, 2, 6
    x = T.dmatrix("x")
    y = T.ivector("y")
    s0 = T.dvector("s0")
    params = [T.dmatrix("U"), T.dmatrix("W"), T.dvector("b"), T.dmatrix("V"), T.dvector("c")]
    [s, p], _ = scan(_vanilla_rnn_step, sequences=x, outputs_info=[s0, None],
                     non_sequences=params)
    cost = -T.log(p[T.arange(steps), y]).sum() + (s[-1] ** 2).sum()
    scan_grads = T.grad(cost, params + [s0, x])

    s_t = s0
    unrolled_cost = 0
    for t in range(steps):
        s_t, p_t = _vanilla_rnn_step(x[t], s_t, *params)
        unrolled_cost = unrolled_cost - T.log(p_t[y[t]])
    unrolled_cost = unrolled_cost + (s_t ** 2).sum()
    unrolled_grads = T.grad(unrolled_cost, params + [s0, x])

    inputs = [x, y, s0] + params
    f = theano.function(inputs, [cost, unrolled_cost] + scan_grads + unrolled_grads)
    values = [rand(steps, n_in), RNG.randint(n_out, size=steps).astype("int32"), rand(n_hid),
              rand(n_hid, n_in), rand(n_hid, n_hid), rand(n_hid), rand(n_out, n_hid), rand(n_out)]
    out = f(*values)
    np.testing.assert_allclose(out[0], out[1])
    n = len(scan_grads)
    for a, b in zip(out[2:2 + n], out[2 + n:]):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
    grad_scans = [node for node in f.maker.fgraph.toposort() if isinstance(node.op, Scan)
                  and node.op.info.name.startswith("grad_of")]
    assert len(grad_scans) == 1


def test_bptt_equals_unrolled_with_taps():
    steps = 5
    x = T.dvector("x")
    h0 = T.dvector("h0")
    w = T.dscalar("w")

    def step(x_tm1, x_tp1, h_tm2, h_tm1, w):
        return T.tanh(h_tm1 * w + x_tm1) - 0.3 * h_tm2 * x_tp1

    hs, _ = scan(step, sequences=dict(input=x, taps=[-1, 1]),
                 outputs_info=dict(initial=h0, taps=[-2, -1]), non_sequences=w)
    cost = (hs * T.arange(1, hs.shape[0] + 1)).sum()
    hist = [h0[0], h0[1]]
    for t in range(steps):
        hist.append(step(x[t], x[t + 2], hist[-2], hist[-1], w))
    unrolled = sum((i + 1) * h for i, h in enumerate(hist[2:]))
    g1 = T.grad(cost, [x, h0, w])
    g2 = T.grad(unrolled, [x, h0, w])
    f = theano.function([x, h0, w], g1 + g2)
    xv, h0v = rand(steps + 2), rand(2)
    out = f(xv, h0v, 0.7)
    for a, b in zip(out[:3], out[3:]):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)

    # and against central finite differences of a NumPy version of the recurrence
    def np_cost(xa, ha, wa):
        hist = [ha[0], ha[1]]
        for t in range(steps):
            hist.append(np.tanh(hist[-1] * wa + xa[t]) - 0.3 * hist[-2] * xa[t + 2])
        return sum((i + 1) * h for i, h in enumerate(hist[2:]))

    eps = 1e-6
    fd_x = [(np_cost(xv + eps * e, h0v, 0.7) - np_cost(xv - eps * e, h0v, 0.7)) / (2 * eps)
            for e in np.eye(steps + 2)]
    fd_h0 = [(np_cost(xv, h0v + eps * e, 0.7) - np_cost(xv, h0v - eps * e, 0.7)) / (2 * eps)
             for e in np.eye(2)]
    fd_w = (np_cost(xv, h0v, 0.7 + eps) - np_cost(xv, h0v, 0.7 - eps)) / (2 * eps)
    np.testing.assert_allclose(out[0], fd_x, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(out[1], fd_h0, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(out[2], fd_w, rtol=1e-6, atol=1e-8)


# ----------------------------------------------------------------------------------------
# truncate_gradient: Theano 1.0.5's numbers for the same code

TRUNCATED = {
    -1: ([0.5136005821, 0.0554697632, 0.7045432331, 0.5293291955, 0.0132528515],
         0.3595204075, 0.7428118218),
    1: ([0, 0, 0, 0, 0.0132528515], 0.0, 0.003751656),
    2: ([0, 0, 0, 0.5293291955, 0.0132528515], 0.0, -0.154267921),
    3: ([0, 0, 0.7045432331, 0.5293291955, 0.0132528515], 0.0, 0.542321234),
}


@pytest.mark.parametrize("truncate", sorted(TRUNCATED))
def test_truncate_gradient(truncate):
    x, y0, a = T.vector("x"), T.scalar("y0"), T.scalar("a")
    ys, _ = scan(lambda xt, ytm1, a: T.tanh(ytm1 * a + xt), sequences=x, outputs_info=y0,
                 non_sequences=a, truncate_gradient=truncate)
    cost = (ys ** 2).sum() + ys[2]
    f = theano.function([x, y0, a], T.grad(cost, [x, y0, a]))
    gx, gy0, ga = f(np.array([1.0, 2.0, -1.0, 0.5, 3.0]), 0.3, 0.7)
    expected = TRUNCATED[truncate]
    np.testing.assert_allclose(gx, expected[0], atol=1e-10)
    np.testing.assert_allclose([gy0, ga], expected[1:], atol=1e-9)


@pytest.mark.parametrize("truncate, expected", [
    (-1, ([1.4795594942, 0.0906665187, 1.4661603692, 1.3449512318, 0.0060731038],
          [1.1943047839, 2.7466368509], 0.546935646)),
    (2, ([0, 0, 0, 1.3449512318, 0.0060731038], [0, 0], -0.07961441)),
])
def test_truncate_gradient_output_taps(truncate, expected):
    x, Y0, a = T.vector("x"), T.vector("Y0"), T.scalar("a")
    ys, _ = scan(lambda xt, ytm2, ytm1, a: T.tanh(ytm1 * a + xt) + 0.5 * ytm2, sequences=x,
                 outputs_info=dict(initial=Y0, taps=[-2, -1]), non_sequences=a,
                 truncate_gradient=truncate)
    f = theano.function([x, Y0, a], T.grad((ys ** 2).sum(), [x, Y0, a]))
    gx, gY0, ga = f(np.array([1.0, 2.0, -1.0, 0.5, 3.0]), np.array([0.2, -0.4]), 0.7)
    np.testing.assert_allclose(gx, expected[0], atol=1e-9)
    np.testing.assert_allclose(gY0, expected[1], atol=1e-9)
    np.testing.assert_allclose(ga, expected[2], atol=1e-8)


# ----------------------------------------------------------------------------------------
# Second derivatives, Rop, Jacobians and Hessians by scan


def _recurrence(x, h0, w):
    hs, _ = scan(lambda x_t, h, w: T.tanh(h * w + x_t), sequences=x, outputs_info=h0,
                 non_sequences=w)
    return (hs ** 2).sum()


def test_hessian_vector_product_through_scan():
    x = T.dmatrix("x")
    h0 = T.dvector("h0")
    w = T.dvector("w")
    v = T.dvector("v")
    cost = _recurrence(x, h0, w)
    gw = T.grad(cost, w)
    hv = T.grad((gw * v).sum(), w)
    f_g = theano.function([x, h0, w], gw)
    f_hv = theano.function([x, h0, w, v], hv)
    xv, h0v, wv, vv = rand(4, 3), rand(3), rand(3), rand(3)
    eps = 1e-6
    numeric = (f_g(xv, h0v, wv + eps * vv) - f_g(xv, h0v, wv - eps * vv)) / (2 * eps)
    np.testing.assert_allclose(f_hv(xv, h0v, wv, vv), numeric, rtol=1e-6, atol=1e-9)


def test_verify_grad_of_the_gradient():
    def fun(x, w):
        return T.grad(_recurrence(x, T.zeros_like(w), w), w)

    check(fun, rand(4, 2), rand(2))


def test_rop_through_scan():
    x = T.dmatrix("x")
    w = T.dvector("w")
    v = T.dvector("v")
    hs, _ = scan(lambda x_t, h, w: T.tanh(h * w + x_t), sequences=x,
                 outputs_info=T.zeros_like(w), non_sequences=w)
    jv = T.Rop(hs, w, v)
    f = theano.function([x, w], hs)
    f_jv = theano.function([x, w, v], jv)
    xv, wv, vv = rand(4, 3), rand(3), rand(3)
    eps = 1e-6
    numeric = (f(xv, wv + eps * vv) - f(xv, wv - eps * vv)) / (2 * eps)
    np.testing.assert_allclose(f_jv(xv, wv, vv), numeric, rtol=1e-6, atol=1e-9)


def test_jacobian_and_hessian_by_scan():
    x = T.dvector("x")
    y = T.tanh(x) * x.sum()  # length known only at run time
    J = jacobian(y, x)
    H = hessian((x ** 3).sum() + (x[0] * x[1]), x)
    f = theano.function([x], [J, H])
    xv = np.array([0.5, -1.0, 2.0])
    j, h = f(xv)
    expected_j = np.diag((1 - np.tanh(xv) ** 2) * xv.sum()) + np.tanh(xv)[:, None]
    np.testing.assert_allclose(j, expected_j)
    expected_h = np.diag(6 * xv)
    expected_h[0, 1] = expected_h[1, 0] = 1
    np.testing.assert_allclose(h, expected_h)
    J2 = jacobian(x ** 2, [x, T.dvector("unused")], disconnected_inputs="ignore")
    assert len(J2) == 2
    with pytest.raises(TypeError, match="1 dimensional variable as `expression`"):
        jacobian(T.dmatrix(), x)


# ----------------------------------------------------------------------------------------
# Special cases


def test_gradient_through_last_value_only_outputs():
    # a shared variable updated inside the loop: its update is the scan's last value
    acc = theano.shared(0.0, name="acc")
    x = T.dvector("x")
    w = T.dscalar("w")
    _, updates = scan(lambda x_t, w: {acc: acc * w + x_t}, sequences=x, non_sequences=w)
    final = updates[acc]
    g = T.grad(final, [x, w])
    f = theano.function([x, w], [final] + g)
    xv = np.array([1.0, 2.0, 3.0])
    val, gx, gw = f(xv, 0.5)
    assert np.isclose(val, ((0 * 0.5 + 1) * 0.5 + 2) * 0.5 + 3)
    np.testing.assert_allclose(gx, [0.25, 0.5, 1.0])
    assert np.isclose(gw, 2 * 0.5 * 1 + 2)  # d/dw (w^2 + 2w + 3) at w = 0.5


def test_gradient_with_random_mask_drawn_inside():
    trng = T.shared_randomstreams.RandomStreams(5)
    x = T.dmatrix("x")
    w = T.dvector("w")

    def step(x_t, w):
        mask = trng.binomial(size=x_t.shape, p=0.5, dtype="float64")
        return (x_t * w * mask).sum(), mask

    (ys, masks), updates = scan(step, sequences=x, non_sequences=w)
    gx = T.grad(ys.sum(), x)
    f = theano.function([x, w], [masks, gx], updates=updates)
    masks_v, gx_v = f(np.ones((6, 4)), np.arange(1.0, 5.0))
    # Theano 1.0.5 drew these masks (and gave this gradient: masks * w)
    np.testing.assert_array_equal(masks_v, [[0, 0, 0, 1], [1, 1, 0, 0], [0, 0, 0, 1],
                                            [0, 0, 0, 1], [1, 1, 0, 0], [1, 1, 0, 1]])
    np.testing.assert_array_equal(gx_v, masks_v * np.arange(1.0, 5.0))


def test_disconnected_inputs():
    x = T.dvector("x")
    u = T.dscalar("unused")
    hs, _ = scan(lambda x_t, h, u: h + x_t, sequences=x, outputs_info=T.constant(np.float64(0)),
                 non_sequences=u)
    with pytest.raises(DisconnectedInputError):
        T.grad(hs.sum(), u)
    g = T.grad(hs.sum(), u, disconnected_inputs="ignore")
    assert theano.function([x, u], g, on_unused_input="ignore")([1.0, 2.0], 3.0) == 0


def test_integer_outputs_carry_no_gradient():
    x = T.dvector("x")
    (counts, sums), _ = scan(lambda x_t, n, s: [n + 1, s + x_t], sequences=x,
                             outputs_info=[T.constant(np.int64(0)), T.constant(np.float64(0))])
    g = T.grad(sums[-1] + counts[-1], x)
    np.testing.assert_array_equal(theano.function([x], g)([1.0, 2.0, 3.0]), [1, 1, 1])


def test_gradient_of_map_and_reduce():
    from theano.scan import map, reduce

    x = T.dmatrix("x")
    rows, _ = map(lambda r: (r ** 2).sum(), x)
    total, _ = reduce(lambda r, acc: acc + r.sum(), x, T.constant(np.float64(0)))
    g1, g2 = T.grad(rows.sum(), x), T.grad(total, x)
    xv = rand(3, 4)
    out = theano.function([x], [g1, g2])(xv)
    np.testing.assert_allclose(out[0], 2 * xv)
    np.testing.assert_allclose(out[1], np.ones_like(xv))
