"""Sigmoid, softplus, softmax and cross-entropy rewrites; finite costs and gradients at +-1000."""

import numpy as np
import pytest
import scipy.special

import theano
import theano.tensor as T
from theano.compile.mode import Mode
from theano.printing import pp
from theano.tensor.nnet.nnet import (
    CrossentropyCategorical1Hot,
    CrossentropySoftmax1HotWithBiasDx,
    CrossentropySoftmaxArgmax1HotWithBias,
    LogSoftmax,
    Softmax,
    SoftmaxGrad,
    SoftmaxWithBias,
)

MODE = Mode(optimizer="fast_run").excluding("fusion", "inplace")
rng = np.random.RandomState(11)
s = T.dscalar("s")
x, t = T.dvectors("x", "t")
m = T.dmatrix("m")
b = T.dvector("b")
y = T.lvector("y")
X = rng.uniform(-3, 3, 5)
TV = rng.uniform(0, 1, 5)
M = rng.uniform(-3, 3, (4, 3))
B = rng.uniform(-1, 1, 3)
Y = np.array([0, 2, 1, 2])
EXTREME = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 3.0],
                    [0.0, 0.0, -1000.0], [-1000.0, -1000.0, 1000.0]])
SIG = T.nnet.sigmoid
SOFTPLUS = T.nnet.softplus


def np_softmax(a):
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def np_sigmoid(a):
    return 1 / (1 + np.exp(-a))


def op_classes(f):
    return [type(n.op) for n in f.maker.fgraph.toposort()]


# ---------------------------------------------------------------------------------------
# The logistic function and softplus


# name              expression                         inputs  values  rewrite
SIGMOID_CASES = [
    ("1/(1+exp(-x))", lambda: 1 / (1 + T.exp(-x)), [x], [X], "local_inv_1_plus_exp"),
    ("1/(exp(-x)+1)", lambda: 1 / (T.exp(-x) + 1), [x], [X], "local_inv_1_plus_exp"),
    ("1./(1+exp(-x))", lambda: 1.0 / (1.0 + T.exp(-x)), [x], [X], "local_inv_1_plus_exp"),
    ("exp(x)/(1+exp(x))", lambda: T.exp(x) / (1 + T.exp(x)), [x], [X],
     "local_exp_over_1_plus_exp"),
]


@pytest.mark.parametrize("name, build, inputs, values, rewrite", SIGMOID_CASES,
                         ids=[c[0] for c in SIGMOID_CASES])
def test_logistic_becomes_sigmoid(check, name, build, inputs, values, rewrite):
    f = check(inputs, build(), values, fires=[rewrite], mode=MODE)
    assert pp(f.maker.fgraph.outputs[0]) == "sigmoid(x)"


def test_logistic_matches_theano_compiled_graph(ops):
    # Theano 1.0.5 (FACTS 8c): debugprint(function([x], 1 / (1 + T.exp(-x)))) is
    # "sigmoid [id A] ''   0 / |x [id B]"; f(2) == 0.88079708
    f = theano.function([s], 1 / (1 + T.exp(-s)))
    assert ops(f) == ["sigmoid"] and pp(f.maker.fgraph.outputs[0]) == "sigmoid(s)"
    np.testing.assert_allclose(f(2.0), 0.88079708, rtol=1e-8)
    assert np.isfinite(f(-1000.0)) and f(-1000.0) == 0.0


def test_1_over_1_plus_exp_of_positive_argument(check):
    f = check([x], 1 / (1 + T.exp(x)), [X], fires=["local_inv_1_plus_exp"], mode=MODE)
    assert pp(f.maker.fgraph.outputs[0]) == "sigmoid((-x))"


# name              expression                                inputs  values
SIGMOID_NOT = [
    ("1/(2+exp(-x))", lambda: 1 / (2 + T.exp(-x)), [x], [X]),
    ("1/(1+exp(x)+t)", lambda: 1 / (1 + T.exp(x) + t), [x, t], [X, TV]),
    ("1/(1+exp(x)*t)", lambda: 1 / (1 + T.exp(x) * t), [x, t], [X, TV]),
]


@pytest.mark.parametrize("name, build, inputs, values", SIGMOID_NOT,
                         ids=[c[0] for c in SIGMOID_NOT])
def test_logistic_lookalikes_are_left_alone(check, name, build, inputs, values):
    f = check(inputs, build(), values, not_fires=["local_inv_1_plus_exp",
                                                  "local_exp_over_1_plus_exp",
                                                  "local_sigm_times_exp"], mode=MODE)
    assert "sigmoid" not in [str(n.op) for n in f.maker.fgraph.toposort()]


# name                expression                              inputs  values  pp of result
SIGM_TIMES_EXP = [
    ("2/(1+exp(-x))", lambda: 2 / (1 + T.exp(-x)), [x], [X], "(TensorConstant{[2]} * sigmoid(x))"),
    ("exp(t)/(1+exp(x))", lambda: T.exp(t) / (1 + T.exp(x)), [x, t], [X, TV],
     "(exp(t) * sigmoid((-x)))"),
    ("exp(x)*sigmoid(-x)", lambda: T.exp(x) * SIG(-x), [x], [X], "sigmoid(x)"),
    ("exp(-x)*sigmoid(x)*t", lambda: T.exp(-x) * SIG(x) * t, [x, t], [X, TV],
     "(sigmoid((-x)) * t)"),
    ("exp(-x)/(1+exp(-x))**2", lambda: T.exp(-x) / (1 + T.exp(-x)) / (1 + T.exp(-x)), [x],
     [X], "(sigmoid((-x)) * sigmoid(x))"),
]


@pytest.mark.parametrize("name, build, inputs, values, printed", SIGM_TIMES_EXP,
                         ids=[c[0] for c in SIGM_TIMES_EXP])
def test_sigm_times_exp(check, name, build, inputs, values, printed):
    f = check(inputs, build(), values, fires=["local_sigm_times_exp"], mode=MODE)
    assert pp(f.maker.fgraph.outputs[0]) == printed
    big = [np.array([-1000.0, 0.0, 1000.0])] + [np.ones(3)] * (len(inputs) - 1)
    assert np.all(np.isfinite(f(*big)))


# name                  expression                        rewrite                  pp of result
SOFTPLUS_CASES = [
    ("log(sigmoid(x))", lambda: T.log(SIG(x)), "logsigm_to_softplus", "(-softplus((-x)))"),
    ("log(sigmoid(-x))", lambda: T.log(SIG(-x)), "logsigm_to_softplus", "(-softplus(x))"),
    ("log(1-sigmoid(x))", lambda: T.log(1 - SIG(x)), "log1msigm_to_softplus",
     "(-softplus(x))"),
    ("log1p(-sigmoid(x))", lambda: T.log1p(-SIG(x)), "log1msigm_to_softplus",
     "(-softplus(x))"),
]


@pytest.mark.parametrize("name, build, rewrite, printed", SOFTPLUS_CASES,
                         ids=[c[0] for c in SOFTPLUS_CASES])
def test_log_of_sigmoid_becomes_softplus(check, name, build, rewrite, printed):
    f = check([x], build(), [X], fires=[rewrite], mode=MODE)
    assert pp(f.maker.fgraph.outputs[0]) == printed
    assert np.all(np.isfinite(f(np.array([-1000.0, 0.0, 1000.0]))))


def test_1_minus_sigmoid_is_specialized(check):
    f = check([x], 1 - SIG(x), [X], fires=["local_1msigmoid"], mode=MODE)
    assert pp(f.maker.fgraph.outputs[0]) == "sigmoid((-x))"
    check([x], 2 - SIG(x), [X], not_fires=["local_1msigmoid"], mode=MODE)


def test_logistic_crossentropy_is_finite_with_its_gradient():
    for mode in (MODE, Mode(optimizer="fast_run")):
        for cost in (T.nnet.binary_crossentropy(SIG(x), t).mean(),
                     T.nnet.binary_crossentropy(1 / (1 + T.exp(-x)), t).mean()):
            f = theano.function([x, t], [cost, T.grad(cost, x)], mode=mode)
            logits = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
            target = np.array([0.5, 1.0, 0.3, 0.0, 0.25])
            c, g = f(logits, target)
            p = np.array([0.0, 1 / (1 + np.exp(30.0)), 0.5, 1 / (1 + np.exp(-30.0)), 1.0])
            assert np.isfinite(c) and np.all(np.isfinite(g))
            # d/dx mean(bce(sigmoid(x), t)) = (sigmoid(x) - t) / n
            np.testing.assert_allclose(g, (p - target) / 5, atol=1e-12)
            want = np.logaddexp(0, -logits) * target + np.logaddexp(0, logits) * (1 - target)
            np.testing.assert_allclose(c, want.mean(), rtol=1e-12)


def test_logistic_crossentropy_values_agree_on_random_inputs(check):
    cost = T.nnet.binary_crossentropy(SIG(x), t).sum()
    check([x, t], [cost, T.grad(cost, x)], [X, TV],
          fires=["logsigm_to_softplus", "log1msigm_to_softplus", "local_greedy_distributor"],
          mode=MODE,
          ref=lambda a, tv: [np.sum(-tv * np.log(np_sigmoid(a))
                                    - (1 - tv) * np.log(1 - np_sigmoid(a))),
                             np_sigmoid(a) - tv])


# ---------------------------------------------------------------------------------------
# Softmax


def test_log_softmax(check):
    f = check([m], T.log(T.nnet.softmax(m)), [M], fires=["local_log_softmax"], mode=MODE)
    assert op_classes(f) == [LogSoftmax]
    assert np.all(np.isfinite(f(EXTREME)))
    np.testing.assert_allclose(f(EXTREME), scipy.special.log_softmax(EXTREME, axis=1),
                               rtol=1e-12)


def test_log_softmax_gradient_is_finite(check):
    cost = -T.log(T.nnet.softmax(m))[T.arange(4), y].sum()
    f = check([m, y], [cost, T.grad(cost, m)], [M, Y],
              fires=["local_log_softmax", "local_logsoftmax_grad"], mode=MODE)
    assert SoftmaxGrad not in op_classes(f)
    c, g = f(EXTREME, Y)
    assert np.isfinite(c) and np.all(np.isfinite(g))
    sm = np.exp(EXTREME - EXTREME.max(1, keepdims=True))
    sm /= sm.sum(1, keepdims=True)
    np.testing.assert_allclose(g, sm - np.eye(3)[Y], atol=1e-12)


def test_softmax_with_bias(check):
    f = check([m, b], T.nnet.softmax(m + b), [M, B], fires=["local_softmax_with_bias"],
              mode=MODE)
    assert op_classes(f) == [SoftmaxWithBias]
    f = check([m, b], T.nnet.softmax(b + m), [M, B], fires=["local_softmax_with_bias"],
              mode=MODE)
    assert op_classes(f) == [SoftmaxWithBias]
    # a matrix added is no bias
    check([m], T.nnet.softmax(m + m[::-1]), [M], not_fires=["local_softmax_with_bias"],
          mode=MODE, ref=lambda mv: np_softmax(mv + mv[::-1]))
    np.testing.assert_allclose(f(M, B), np_softmax(M + B), rtol=1e-12)


# ---------------------------------------------------------------------------------------
# Cross-entropy of a softmax


def test_crossentropy_of_softmax_becomes_the_fused_op(check):
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m), y)
    f = check([m, y], cost, [M, Y], fires=["crossentropy_to_crossentropy_with_softmax"],
              mode=MODE)
    classes = op_classes(f)
    assert CrossentropySoftmaxArgmax1HotWithBias in classes
    assert CrossentropyCategorical1Hot not in classes and Softmax not in classes


def test_crossentropy_of_softmax_with_bias(check):
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m + b), y).mean()
    g = T.grad(cost, [m, b])
    f = check([m, b, y], [cost] + g, [M, B, Y],
              fires=["crossentropy_to_crossentropy_with_softmax",
                     "local_softmax_grad_to_crossentropy_with_softmax_grad"], mode=MODE)
    fused = [n for n in f.maker.fgraph.toposort()
             if isinstance(n.op, CrossentropySoftmaxArgmax1HotWithBias)]
    assert len(fused) == 1 and fused[0].inputs[1].name == "b"
    cost_v, gm, gb = f(EXTREME, B * 0, Y)
    assert np.isfinite(cost_v) and np.all(np.isfinite(gm)) and np.all(np.isfinite(gb))
    # NumPy: mean cost of the rows [0, 997, log 2, 0]; d/dm = (softmax - onehot) / 4
    np.testing.assert_allclose(cost_v, (997.0 + np.log(2.0)) / 4, rtol=1e-12)
    np.testing.assert_allclose(gm, (np_softmax(EXTREME) - np.eye(3)[Y]) / 4, atol=1e-12)
    np.testing.assert_allclose(gb, gm.sum(axis=0), atol=1e-12)


def test_crossentropy_of_softmax_with_bias_op(check):
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax_with_bias(m, b), y).sum()
    check([m, b, y], [cost, T.grad(cost, m)], [M, B, Y],
          fires=["crossentropy_to_crossentropy_with_softmax_with_bias"], mode=MODE,
          ref=lambda mv, bv, yv: [-np.log(np_softmax(mv + bv)[np.arange(4), yv]).sum(),
                                  np_softmax(mv + bv) - np.eye(3)[yv]])


@pytest.mark.parametrize("mode", [MODE, Mode(optimizer="fast_run")], ids=["no_fusion", "o4"])
def test_softmax_crossentropy_is_finite_with_its_gradient(mode):
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m), y)
    g = T.grad(cost.mean(), m)
    f = theano.function([m, y], [cost, g], mode=mode)
    c, gv = f(EXTREME, Y)
    assert np.all(np.isfinite(c)) and np.all(np.isfinite(gv))
    np.testing.assert_allclose(c, [0.0, 997.0, np.log(2.0), 0.0], rtol=1e-12)
    sm = np.exp(EXTREME - EXTREME.max(1, keepdims=True))
    sm /= sm.sum(1, keepdims=True)
    np.testing.assert_allclose(gv, (sm - np.eye(3)[Y]) / 4, atol=1e-12)
    names = f.maker.rewrites.names()
    assert "crossentropy_to_crossentropy_with_softmax" in names
    assert "local_softmax_grad_to_crossentropy_with_softmax_grad" in names
    classes = op_classes(f)
    assert CrossentropySoftmax1HotWithBiasDx in classes and SoftmaxGrad not in classes


def test_softmax_crossentropy_unoptimized_is_not_finite():
    # what the rewrites save us from (the reference graph, no rewrites)
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m), y)
    f = theano.function([m, y], cost, mode=Mode(optimizer=None))
    with np.errstate(all="ignore"):
        assert np.isinf(f(EXTREME, Y)).any()


def test_softmax_output_used_elsewhere_is_shared_with_the_fused_op(check):
    sm = T.nnet.softmax(m)
    cost = T.nnet.categorical_crossentropy(sm, y)
    f = check([m, y], [cost, sm.argmax(axis=1)], [M, Y],
              fires=["crossentropy_to_crossentropy_with_softmax"], mode=MODE,
              ref=lambda mv, yv: [-np.log(np_softmax(mv)[np.arange(4), yv]),
                                  np.argmax(mv, axis=1)])
    assert Softmax not in op_classes(f)


def test_crossentropy_with_a_distribution_is_not_fused(check):
    p = T.dmatrix("p")
    P = rng.dirichlet(np.ones(3), 4)
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m), p)
    check([m, p], cost, [M, P], not_fires=["crossentropy_to_crossentropy_with_softmax"],
          mode=MODE, ref=lambda mv, pv: -(pv * np.log(np_softmax(mv))).sum(axis=1))


def test_crossentropy_of_probabilities_is_not_fused(check):
    cost = T.nnet.categorical_crossentropy(m, y)
    probs = rng.dirichlet(np.ones(3), 4)
    check([m, y], [cost, T.grad(cost.sum(), m)], [probs, Y],
          not_fires=["crossentropy_to_crossentropy_with_softmax",
                     "local_softmax_grad_to_crossentropy_with_softmax_grad"], mode=MODE,
          ref=lambda pv, yv: [-np.log(pv[np.arange(4), yv]),
                              -np.eye(3)[yv] / pv])


def test_xent_rewrites_excluded_by_tag(check):
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(m), y)
    f = check([m, y], cost, [M, Y], not_fires=["crossentropy_to_crossentropy_with_softmax"],
              mode=MODE.excluding("xent"))
    assert CrossentropyCategorical1Hot in op_classes(f)


def test_float32_softmax_crossentropy():
    mf = T.fmatrix("mf")
    cost = T.nnet.categorical_crossentropy(T.nnet.softmax(mf), y).mean()
    f = theano.function([mf, y], [cost, T.grad(cost, mf)], mode=MODE)
    c, g = f(EXTREME.astype("float32"), Y)
    assert c.dtype == "float32" and g.dtype == "float32"
    assert np.isfinite(c) and np.all(np.isfinite(g))
