"""theano.tensor.nnet.sigm: sigmoid, ultra_fast_sigmoid, hard_sigmoid, softplus.

Dtypes, names and values at +-800/1000 come from Theano 1.0.5 runs (noted per test).
"""

import warnings

import numpy as np
import pytest
import scipy.special

import theano
import theano.link.py.dispatch.nnet  # registers the renderers (until dispatch does)
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor import nnet
from theano.tensor.nnet.sigm import (
    ScalarSigmoid,
    ScalarSoftplus,
    hard_sigmoid,
    scalar_sigmoid,
    scalar_softplus,
    sigmoid,
    sigmoid_inplace,
    softplus,
    ultra_fast_scalar_sigmoid,
    ultra_fast_sigmoid,
)

RNG = np.random.RandomState(1234)


def _run(fn, value):
    x = T.TensorType(value.dtype.name, (False,) * value.ndim)("x")
    return theano.function([x], fn(x))(value)


def _ufs_reference(x):
    # Theano 1.0's piecewise approximation, written point by point.
    out = []
    for v in np.ravel(x).astype("float64"):
        h = 0.5 * v
        a = abs(h)
        if a < 1.7:
            z = 1.5 * a / (1 + a)
        elif a < 3:
            z = 0.935409070603099 + 0.0458812946797165 * (a - 1.7)
        else:
            z = 0.99505475368673
        out.append(0.5 * ((z if h >= 0 else -z) + 1))
    return np.array(out).reshape(np.shape(x))


ACTIVATIONS = [
    # name                 function             reference
    ("sigmoid", sigmoid, scipy.special.expit),
    ("softplus", softplus, lambda x: np.logaddexp(0, x)),
    ("ultra_fast_sigmoid", ultra_fast_sigmoid, _ufs_reference),
    ("hard_sigmoid", hard_sigmoid, lambda x: np.clip(0.2 * x + 0.5, 0, 1)),
]


@pytest.mark.parametrize("name, fn, ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_values_match_reference(name, fn, ref, dtype):
    x = (RNG.randn(3, 4) * 4).astype(dtype)
    out = _run(fn, x)
    assert out.dtype == dtype and out.shape == (3, 4)
    tol = 1e-12 if dtype == "float64" else 1e-6
    np.testing.assert_allclose(out, ref(x.astype("float64")), rtol=tol * 10, atol=tol)


@pytest.mark.parametrize("name, fn, ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_scalar_and_empty_inputs(name, fn, ref):
    out = theano.function([(x := T.dscalar())], fn(x))(0.75)
    assert np.ndim(out) == 0 and abs(float(out) - float(ref(np.array(0.75)))) < 1e-12
    empty = _run(fn, np.zeros((0, 3)))
    assert empty.shape == (0, 3) and empty.dtype == "float64"


# Theano 1.0.5: dtype of sigmoid/softplus/ultra_fast_sigmoid/hard_sigmoid per input dtype
DTYPE_RULE = [
    ("bool", "float32"),
    ("int8", "float32"),
    ("uint8", "float32"),
    ("int16", "float32"),
    ("int32", "float64"),
    ("int64", "float64"),
    ("float16", "float16"),
    ("float32", "float32"),
    ("float64", "float64"),
]


@pytest.mark.parametrize("in_dtype, out_dtype", DTYPE_RULE)
@pytest.mark.parametrize("fn", [sigmoid, softplus, ultra_fast_sigmoid, hard_sigmoid],
                         ids=["sigmoid", "softplus", "ultra_fast_sigmoid", "hard_sigmoid"])
def test_output_dtype_rule(fn, in_dtype, out_dtype):
    x = T.vector(dtype=in_dtype)
    out = fn(x)
    assert out.dtype == out_dtype and out.broadcastable == (False,)
    value = np.array([0, 1, 1, 0], dtype=in_dtype)
    res = theano.function([x], out)(value)
    assert res.dtype == out_dtype
    ref = {sigmoid: scipy.special.expit, softplus: lambda v: np.logaddexp(0, v),
           ultra_fast_sigmoid: _ufs_reference,
           hard_sigmoid: lambda v: np.clip(0.2 * v + 0.5, 0, 1)}[fn]
    tol = 1e-3 if out_dtype == "float16" else 1e-6
    np.testing.assert_allclose(res.astype("float64"), ref(value.astype("float64")), atol=tol)


def test_names_as_theano_prints_them():
    # Theano 1.0.5: T.nnet.sigmoid(T.dscalar('q')) prints sigmoid.0; pp gives 'sigmoid(a)'
    q = T.dscalar("q")
    assert str(sigmoid(q)) == "sigmoid.0"
    assert str(softplus(q)) == "softplus.0"
    assert str(ultra_fast_sigmoid(q)) == "ultra_fast_sigmoid.0"
    assert str(scalar_sigmoid) == "scalar_sigmoid"
    assert str(scalar_softplus) == "scalar_softplus"
    assert str(ultra_fast_scalar_sigmoid) == "ultra_fast_scalar_sigmoid"
    assert isinstance(sigmoid.scalar_op, ScalarSigmoid)
    assert isinstance(softplus.scalar_op, ScalarSoftplus)
    assert sigmoid_inplace.destroy_map == {0: [0]}


def test_import_paths():
    from theano.tensor.nnet import sigm

    assert nnet.sigmoid is sigm.sigmoid is sigmoid
    assert nnet.softplus is softplus and nnet.scalar_sigmoid is scalar_sigmoid
    assert nnet.ultra_fast_sigmoid is ultra_fast_sigmoid and nnet.hard_sigmoid is hard_sigmoid
    assert nnet.sigmoid_inplace is sigmoid_inplace


def test_sigmoid_extremes_finite_without_warnings():
    # Theano 1.0.5: sigmoid([-800, 0, 800]) -> [0, 0.5, 1]
    values = np.array([-1000.0, -800.0, 0.0, 800.0, 1000.0])
    x = T.dvector("x")
    f = theano.function([x], [sigmoid(x), T.grad(sigmoid(x).sum(), x),
                              softplus(x), T.grad(softplus(x).sum(), x)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s, ds, sp, dsp = f(values)
    np.testing.assert_array_equal(s, [0.0, 0.0, 0.5, 1.0, 1.0])
    np.testing.assert_array_equal(ds, [0.0, 0.0, 0.25, 0.0, 0.0])
    np.testing.assert_allclose(sp, [0.0, 0.0, np.log(2), 800.0, 1000.0], rtol=1e-15)
    np.testing.assert_array_equal(dsp, s)


def test_softplus_float32_extremes():
    values = np.array([-1000, -100, -20, 0, 20, 100, 1000], dtype="float32")
    out = _run(softplus, values)
    assert out.dtype == "float32" and np.all(np.isfinite(out))
    np.testing.assert_allclose(out, np.logaddexp(0, values.astype("float64")), rtol=1e-6,
                               atol=1e-40)


def test_sigmoid_derivative_at_2_matches_handout():
    # handout 002: the logistic derivative at 2 printed 0.104993585404 (float64)
    x = T.dscalar("x")
    g = theano.function([x], T.grad(sigmoid(x), x))(2.0)
    assert abs(float(g) - 0.104993585404) < 1e-12


@pytest.mark.parametrize("at", [-1.5, 0.0, 1.5])
def test_tanh_and_logistic_derivatives_closed_form(at):
    # handout 003: d tanh = 1 - tanh**2, d sigmoid = s (1 - s), and tanh = 2 s(2x) - 1
    x = T.dscalar("x")
    f = theano.function([x], [T.grad(T.tanh(x), x), T.grad(sigmoid(x), x),
                              T.grad(2 * sigmoid(2 * x) - 1, x)])
    dtanh, dsig, dtanh_via_sig = f(at)
    s = scipy.special.expit(at)
    assert abs(float(dtanh) - (1 - np.tanh(at) ** 2)) < 1e-12
    assert abs(float(dsig) - s * (1 - s)) < 1e-12
    assert abs(float(dtanh_via_sig) - float(dtanh)) < 1e-12


@pytest.mark.parametrize("fn, low, high", [
    (sigmoid, -6, 6),
    (softplus, -6, 6),
    (ultra_fast_sigmoid, -3.2, 3.2),   # inside the first piece (|x| < 3.4)
    (ultra_fast_sigmoid, 3.6, 5.8),    # the linear piece
    (hard_sigmoid, -2.3, 2.3),
], ids=["sigmoid", "softplus", "ufs_inner", "ufs_linear", "hard_sigmoid"])
def test_verify_grad(fn, low, high):
    x = RNG.uniform(low, high, size=(3, 4))
    verify_grad(lambda a: 3.0 * fn(a), [x], rng=RNG)


def test_piecewise_gradients_flat_outside():
    x = T.dvector("x")
    values = np.array([-9.0, -3.0, 3.0, 9.0])
    g_ufs = theano.function([x], T.grad(ultra_fast_sigmoid(x).sum(), x))(values)
    g_hard = theano.function([x], T.grad(hard_sigmoid(x).sum(), x))(values)
    np.testing.assert_allclose(g_ufs, [0.0, 0.25 * 1.5 / 2.5 ** 2, 0.25 * 1.5 / 2.5 ** 2, 0.0])
    np.testing.assert_allclose(g_hard, [0.0, 0.0, 0.0, 0.0])


def test_ultra_fast_sigmoid_matches_theano_numbers():
    # Theano 1.0.5: ultra_fast_sigmoid([-4, -2, -0.5, 0, 0.5, 2, 4]) and hard_sigmoid
    values = np.array([-4.0, -2.0, -0.5, 0.0, 0.5, 2.0, 4.0])
    np.testing.assert_allclose(
        _run(ultra_fast_sigmoid, values),
        [0.02541327, 0.125, 0.35, 0.5, 0.65, 0.875, 0.97458673], atol=1e-8)
    np.testing.assert_allclose(_run(hard_sigmoid, values),
                               [0.0, 0.1, 0.4, 0.5, 0.6, 0.9, 1.0], atol=1e-15)
    grid = np.linspace(-12, 12, 241)
    assert np.max(np.abs(_run(ultra_fast_sigmoid, grid) - scipy.special.expit(grid))) < 0.03


def test_sigmoid_rendered_with_expit():
    x = T.dvector("x")
    f = theano.function([x], sigmoid(x))
    assert "expit" in f.source
    assert "perform" not in f.source


def test_sigmoid_float32_gradient_dtype():
    x = T.fvector("x")
    g = T.grad(sigmoid(x).sum(), x)
    assert g.dtype == "float32"
    res = theano.function([x], g)(np.array([-1.5, 0, 2], dtype="float32"))
    s = scipy.special.expit(np.array([-1.5, 0, 2]))
    np.testing.assert_allclose(res, s * (1 - s), rtol=1e-6)
