"""theano.grad and friends: values against closed forms and finite differences."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import (
    DisconnectedInputError,
    GradientError,
    Lop,
    Rop,
    disconnected_grad,
    grad_clip,
    jacobian,
    verify_grad,
    zero_grad,
)


def test_logistic_derivative_matches_handout():
    # handout 002: gS(2) printed 0.104993589222 (float32); float64 value from Theano 1.0.5
    x = T.dscalar("x")
    g = T.grad(1 / (1 + T.exp(-x)), x)
    f = theano.function([x], g)
    assert abs(float(f(2.0)) - 0.104993585404) < 1e-12
    assert float(f(0.0)) == 0.25
    with theano.change_flags(floatX="float32"):
        xf = T.scalar()
        gf = theano.function([xf], T.grad(1 / (1 + T.exp(-xf)), xf))(2)
    assert gf.dtype == np.float32 and abs(float(gf) - 0.104993589222) < 1e-7


@pytest.mark.parametrize("at", [-1.5, 0.0, 1.5])
def test_tanh_and_logistic_derivatives_closed_form(at):
    # handout 003 "math challenge"
    x = T.dscalar("x")
    dtanh = theano.function([x], T.grad(T.tanh(x), x))(at)
    dlog = theano.function([x], T.grad(1 / (1 + T.exp(-x)), x))(at)
    s = 1 / (1 + np.exp(-at))
    assert abs(float(dtanh) - (1 - np.tanh(at) ** 2)) < 1e-12
    assert abs(float(dlog) - s * (1 - s)) < 1e-12


def test_grad_of_square_and_lists():
    x = T.dscalar("x")
    assert float(theano.function([x], T.grad(x ** 2, x))(4.0)) == 8.0
    v = T.dvector("v")
    np.testing.assert_array_equal(
        theano.function([v], T.grad((v ** 2).sum(), v))([1.0, 2.0, 3.0]), [2.0, 4.0, 6.0]
    )
    g1, g2 = T.grad(x ** 2, [x, x])
    assert float(theano.function([x], g1)(3.0)) == 6.0


def test_grad_errors():
    x = T.dscalar("x")
    v = T.dvector("v")
    with pytest.raises(TypeError, match="cost must be a scalar"):
        T.grad(v ** 2, v)
    with pytest.raises(DisconnectedInputError, match="not part of the computational graph"):
        T.grad(x ** 2, T.dscalar("zz"))
    z = T.dscalar("zz")
    assert float(theano.function([x, z], T.grad(x ** 2, z, disconnected_inputs="ignore"),
                                 on_unused_input="ignore")(1.0, 2.0)) == 0.0
    with pytest.warns(UserWarning):
        T.grad(x ** 2, z, disconnected_inputs="warn")
    with pytest.raises(TypeError, match="Expected Variable, got 3.0"):
        T.grad(x ** 2, 3.0)
    # An integer cost is piecewise constant: zero gradient (Theano 1.0.5 returns zeros)
    g = T.grad(T.argmax(v), v)
    np.testing.assert_array_equal(theano.function([v], g)([1.0, 3.0]), [0.0, 0.0])


def test_grad_names():
    x = T.dscalar("x")
    c = x ** 2
    c.name = "c"
    assert T.grad(c, x).name == "(dc/dx)"


def test_shared_variable_gradients_and_sgd_step():
    # handout 002 single neuron: gradient of the squared error wrt shared w and b
    w = theano.shared(np.array([-1.0, 1.0]))
    b = theano.shared(0.0)
    x = T.vector()
    y = 1 / (1 + T.exp(-(T.dot(w, x) + b)))
    y_hat = T.scalar()
    cost = T.sum((y - y_hat) ** 2)
    dw, db = T.grad(cost, [w, b])
    step = theano.function([x, y_hat], cost, updates=[(w, w - 0.1 * dw), (b, b - 0.1 * db)])
    costs = [float(step([1.0, -1.0], 1.0)) for _ in range(50)]
    assert costs[-1] < costs[0] * 0.8
    # the same 50 steps in NumPy, with the gradient written by hand
    wn, bn, np_costs = np.array([-1.0, 1.0]), 0.0, []
    xn = np.array([1.0, -1.0])
    for _ in range(50):
        sn = 1 / (1 + np.exp(-(wn @ xn + bn)))
        np_costs.append((sn - 1.0) ** 2)
        gz = 2 * (sn - 1.0) * sn * (1 - sn)
        wn, bn = wn - 0.1 * gz * xn, bn - 0.1 * gz
    np.testing.assert_allclose(costs, np_costs, rtol=1e-12)
    np.testing.assert_allclose(w.get_value(), wn, rtol=1e-12)
    np.testing.assert_allclose(b.get_value(), bn, rtol=1e-12, atol=1e-15)
    s = 1 / (1 + np.exp(-(np.dot([-1.0, 1.0], [1.0, -1.0]))))
    expected_db = 2 * (s - 1) * s * (1 - s)
    w2 = theano.shared(np.array([-1.0, 1.0]))
    b2 = theano.shared(0.0)
    y2 = 1 / (1 + T.exp(-(T.dot(w2, x) + b2)))
    g = theano.function([x, y_hat], T.grad(T.sum((y2 - y_hat) ** 2), b2))
    assert abs(float(g([1.0, -1.0], 1.0)) - expected_db) < 1e-12


def test_consider_constant_and_grad_ops():
    x = T.dscalar("x")
    y = x ** 2
    assert float(theano.function([x], T.grad(y * x, x, consider_constant=[y]))(3.0)) == 9.0
    assert float(theano.function([x], T.grad(zero_grad(x ** 2) + x, x))(3.0)) == 1.0
    assert float(theano.function([x], T.grad(disconnected_grad(x ** 2) * x, x))(3.0)) == 9.0
    assert float(theano.function([x], T.grad(grad_clip(x, -1, 1) ** 2, x))(3.0)) == 1.0


def test_known_grads_and_lop_rop_agree_with_jacobian():
    rng = np.random.RandomState(0)
    W = theano.shared(rng.randn(3, 4))
    x = T.dvector("x")
    y = T.tanh(T.dot(W, x))
    xv = rng.randn(4)
    s = 1 - np.tanh(W.get_value() @ xv) ** 2
    J = s[:, None] * W.get_value()
    # jacobian of a vector whose length is known when the graph is built
    a, b = T.dscalars("a", "b")
    ja, jb = theano.function([a, b], jacobian(T.stack([a * b, a ** 2]), [a, b]))(2.0, 3.0)
    np.testing.assert_allclose(ja, [3.0, 4.0])
    np.testing.assert_allclose(jb, [2.0, 0.0])
    u = T.dvector("u")
    v = T.dvector("v")
    uv = rng.randn(3)
    vv = rng.randn(4)
    lop = theano.function([x, u], Lop(y, x, u))(xv, uv)
    np.testing.assert_allclose(lop, uv @ J, rtol=1e-10)
    rop = theano.function([x, v], Rop(y, x, v))(xv, vv)
    np.testing.assert_allclose(rop, J @ vv, rtol=1e-10)


@pytest.mark.parametrize(
    "fn, shapes",
    [
        (lambda a: T.tanh(a) * T.exp(a) * 3.0, [(3, 4)]),
        (lambda a, b: (a * b) / (1.5 + b ** 2), [(3, 4), (3, 4)]),
        (lambda a, b: a * b.dimshuffle("x", 0), [(3, 4), (4,)]),
        (lambda a, b: T.dot(a, b) * 2.0, [(3, 4), (4, 2)]),
        (lambda a, b: T.dot(a, b), [(4,), (4, 2)]),
        (lambda a: a.T.sum(axis=0) * 2.0, [(3, 4)]),
        (lambda a: T.sum(a ** 2, axis=1, keepdims=True) * a, [(3, 4)]),
    ],
)
def test_verify_grad_core_ops(fn, shapes):
    rng = np.random.RandomState(1)
    verify_grad(fn, [rng.rand(*s) + 0.5 for s in shapes], rng=rng)


def test_verify_grad_catches_wrong_gradient():
    from theano.graph.basic import Apply
    from theano.graph.op import Op

    class BadSquare(Op):
        __props__ = ()

        def make_node(self, x):
            x = T.as_tensor_variable(x)
            return Apply(self, [x], [x.type()])

        def perform(self, node, inputs, out):
            out[0][0] = inputs[0] ** 2

        def grad(self, inputs, output_grads):
            return [output_grads[0] * inputs[0] * 3]  # wrong: should be 2x

    with pytest.raises(GradientError):
        verify_grad(BadSquare(), [np.array([1.0, 2.0])])
