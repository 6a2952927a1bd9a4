"""Stable forms: log1p, expm1, softplus of log(1 + exp), log-sum-exp, and the distributor."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.mode import Mode

# fusion and in-place ops would rename the nodes these tests look for
MODE = Mode(optimizer="fast_run").excluding("fusion", "inplace")
rng = np.random.RandomState(3)
x, y = T.dvectors("x", "y")
m = T.dmatrix("m")
f32 = T.fvector("f32")
X = rng.uniform(-2, 2, 5)
Y = rng.uniform(0.5, 2, 5)
M = rng.uniform(-3, 3, (3, 4))
F32 = rng.uniform(-0.5, 2, 5).astype("float32")


def only_op(f):
    (node,) = f.maker.fgraph.toposort()
    return node.op


# name         expression                         inputs  values       rewrite          result op
FIRES = [
    ("log(1+x)", lambda: T.log(1 + y), [y], [Y], "local_log1p", T.log1p),
    ("log(x+1)", lambda: T.log(y + 1), [y], [Y], "local_log1p", T.log1p),
    ("log(1+x) f32", lambda: T.log(1 + f32), [f32], [F32], "local_log1p", T.log1p),
    ("exp(x)-1", lambda: T.exp(x) - 1, [x], [X], "local_expm1", T.expm1),
    ("exp(x)-1.0 f32", lambda: T.exp(f32) - 1.0, [f32], [F32], "local_expm1", T.expm1),
    ("log(1+exp(x))", lambda: T.log(1 + T.exp(x)), [x], [X], "log1pexp_to_softplus",
     T.nnet.softplus),
    ("log1p(exp(x))", lambda: T.log1p(T.exp(x)), [x], [X], "log1pexp_to_softplus",
     T.nnet.softplus),
]


# NumPy references for the cases of FIRES and NOT_FIRES, by name
NUMPY_REF = {
    "log(1+x)": np.log1p,
    "log(x+1)": np.log1p,
    "log(1+x) f32": np.log1p,
    "exp(x)-1": np.expm1,
    "exp(x)-1.0 f32": np.expm1,
    "log(1+exp(x))": lambda a: np.logaddexp(0.0, a),
    "log1p(exp(x))": lambda a: np.logaddexp(0.0, a),
    "log(2+x)": lambda a: np.log(2 + a),
    "log(x*1)": lambda a: np.log(a * 3),
    "exp(x)-2": lambda a: np.exp(a) - 2,
    "1-exp(x)": lambda a: -np.expm1(a),
    "exp(x)-y": lambda a, b: np.exp(a) - b,
    "log(1+2exp)": lambda a: np.log1p(2 * np.exp(a)),
    "log(sum(x))": lambda a: np.log(np.sum(np.exp(a) + 1)),
    "log(prod(exp))": lambda a: np.sum(a),
}


@pytest.mark.parametrize("name, build, inputs, values, rewrite, op", FIRES,
                         ids=[c[0] for c in FIRES])
def test_rewrite_fires(check, name, build, inputs, values, rewrite, op):
    f = check(inputs, build(), values, fires=[rewrite], mode=MODE, ref=NUMPY_REF[name])
    assert only_op(f) == op


# name          expression                              inputs  values  rewrites that must not fire
NOT_FIRES = [
    ("log(2+x)", lambda: T.log(2 + y), [y], [Y], ["local_log1p"]),
    ("log(x*1)", lambda: T.log(y * 3), [y], [Y], ["local_log1p"]),
    ("exp(x)-2", lambda: T.exp(x) - 2, [x], [X], ["local_expm1"]),
    ("1-exp(x)", lambda: 1 - T.exp(x), [x], [X], ["local_expm1"]),
    ("exp(x)-y", lambda: T.exp(x) - y, [x, y], [X, Y], ["local_expm1"]),
    ("log(1+2exp)", lambda: T.log(1 + 2 * T.exp(x)), [x], [X], ["log1pexp_to_softplus"]),
    ("log(sum(x))", lambda: T.log(T.sum(T.exp(x) + 1)), [x], [X], ["local_log_sum_exp"]),
    ("log(prod(exp))", lambda: T.log(T.prod(T.exp(x))), [x], [X], ["local_log_sum_exp"]),
]


@pytest.mark.parametrize("name, build, inputs, values, rewrites", NOT_FIRES,
                         ids=[c[0] for c in NOT_FIRES])
def test_rewrite_does_not_fire(check, name, build, inputs, values, rewrites):
    check(inputs, build(), values, not_fires=rewrites, mode=MODE, ref=NUMPY_REF[name])


def test_log1p_and_expm1_are_accurate_near_zero():
    tiny = np.array([1e-20, -1e-18, 1e-10])
    f = theano.function([x], [T.log(1 + x), T.exp(x) - 1], mode=MODE)
    lp, em = f(tiny)
    np.testing.assert_allclose(lp, np.log1p(tiny), rtol=1e-15)
    np.testing.assert_allclose(em, np.expm1(tiny), rtol=1e-15)
    g = theano.function([x], [T.log(1 + x), T.exp(x) - 1], mode=Mode(optimizer=None))
    assert g(tiny)[0][0] == 0.0  # what the rewrite saves us from


def test_log1p_of_a_sum_of_terms(check, ops):
    f = check([x, y], T.log(1 + x + y), [X, Y], fires=["local_log1p"], mode=MODE)
    assert ops(f) == ["Elemwise{add,no_inplace}", "Elemwise{log1p,no_inplace}"]


def test_log1p_keeps_the_output_dtype(check):
    # float32 + a float64 constant is float64: log1p(f32) would be float32, so no rewrite
    c64 = T.constant(np.float64(1.0))
    f = check([f32], T.log(c64 + f32), [F32], mode=MODE)
    assert f.maker.fgraph.outputs[0].dtype == "float64"


def test_softplus_is_finite_where_log_1_plus_exp_overflows():
    f = theano.function([x], T.log(1 + T.exp(x)), mode=MODE)
    big = np.array([-1000.0, 0.0, 1000.0])
    np.testing.assert_allclose(f(big), [0.0, np.log(2.0), 1000.0])


@pytest.mark.parametrize("axis, keepdims", [(None, False), (0, False), (1, False),
                                            (1, True), (-1, True)])
def test_log_sum_exp(check, axis, keepdims):
    e = T.log(T.sum(T.exp(m), axis=axis, keepdims=keepdims))
    f = check([m], e, [M], fires=["local_log_sum_exp"], mode=MODE)
    assert not any(n.op == T.log and n.inputs[0].owner is not None
                   and n.inputs[0].owner.op.__class__.__name__ == "Sum"
                   and n.inputs[0].owner.inputs[0].owner.op == T.exp
                   and n.inputs[0].owner.inputs[0].owner.inputs[0] is m
                   for n in f.maker.fgraph.apply_nodes if n.inputs)
    big = np.array([[1000.0, 1000.0, -np.inf], [-1000.0, -1001.0, 0.0]])
    want = np.log(np.sum(np.exp(big - big.max()), axis=axis, keepdims=keepdims)) + big.max() \
        if axis is None else None
    got = f(big)
    assert np.all(np.isfinite(got))
    if axis is None:
        np.testing.assert_allclose(got, want)
    elif axis in (1, -1):
        np.testing.assert_allclose(np.ravel(got), [1000.0 + np.log(2.0),
                                                   np.log1p(np.exp(-1000.0))])


def test_log_sum_exp_of_infinite_rows():
    f = theano.function([m], T.log(T.sum(T.exp(m), axis=1)), mode=MODE)
    got = f(np.array([[-np.inf, -np.inf], [np.inf, 1.0], [0.0, 0.0]]))
    np.testing.assert_allclose(got, [-np.inf, np.inf, np.log(2.0)])


def test_log_sum_exp_fires_once():
    f = theano.function([m], T.log(T.sum(T.exp(m), axis=0)), mode=MODE)
    records = [r for r in f.maker.rewrites if r.name == "local_log_sum_exp"]
    assert len(records) == 1


def test_distributor_cancels_the_divisions_of_a_gradient(check):
    # d/dx [t log s + (1 - t) log(1 - s)] = (t / s - (1 - t) / (1 - s)) * s * (1 - s)
    t = T.dvector("t")
    s = T.nnet.sigmoid(x)
    cost = T.sum(t * T.log(s) + (1 - t) * T.log(1 - s))
    g = T.grad(cost, x)
    T_ = rng.uniform(0, 1, 5)
    f = check([x, t], g, [X, T_], fires=["local_greedy_distributor"], mode=MODE)
    got = f(np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]), T_)
    np.testing.assert_allclose(got, T_ - [0.0, 0.0, 0.5, 1.0, 1.0], atol=1e-15)


def test_distributor_leaves_products_without_cancellation(check):
    check([x, y], (x / y + x) * x, [X, Y], not_fires=["local_greedy_distributor"], mode=MODE,
          ref=lambda a, b: (a / b + a) * a)
    check([x, y], (x + y) * y, [X, Y], not_fires=["local_greedy_distributor"], mode=MODE,
          ref=lambda a, b: (a + b) * b)


def test_stabilize_is_not_in_fast_compile(check):
    check([y], T.log(1 + y), [Y], not_fires=["local_log1p"], mode=Mode(optimizer="fast_compile"),
          ref=np.log1p)


def test_a_rewrite_can_be_excluded_by_name(check, ops):
    f = check([y], T.log(1 + y), [Y], not_fires=["local_log1p"],
              mode=MODE.excluding("local_log1p"))
    assert "Elemwise{log1p,no_inplace}" not in ops(f)


def test_distributor_reads_other_ops_as_single_factors(check):
    # (1 + tanh(x / 2)) / 2: tanh is a factor, not a fraction (the tutorial's logistic)
    e = (1 + T.tanh(x / 2)) / 2
    f = check([x], e, [np.array([0.0, 1.0, -1.0, -2.0])], mode=MODE)
    np.testing.assert_allclose(f(np.array([0.0, 1.0])), [0.5, 0.73105858], rtol=1e-8)
    check([x, y], (T.exp(x / y) + x / y) * y, [X, Y], fires=["local_greedy_distributor"],
          mode=MODE)
