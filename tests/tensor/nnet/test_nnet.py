"""theano.tensor.nnet.nnet: softmax family, cross-entropies, activations, prepend ops.

Types, op names and the values at logits of +-1000 come from Theano 1.0.5 runs.
"""

import warnings

import numpy as np
import pytest
import scipy.special

import theano
import theano.link.py.dispatch.nnet  # registers the renderers (until dispatch does)
import theano.tensor as T
from theano.gradient import Rop, verify_grad
from theano.tensor import nnet
from theano.tensor.nnet.nnet import (
    CrossentropyCategorical1Hot,
    CrossentropyCategorical1HotGrad,
    CrossentropySoftmax1HotWithBiasDx,
    CrossentropySoftmaxArgmax1HotWithBias,
    LogSoftmax,
    Softmax,
    SoftmaxGrad,
    SoftmaxWithBias,
    binary_crossentropy,
    categorical_crossentropy,
    crossentropy_categorical_1hot,
    crossentropy_categorical_1hot_grad,
    crossentropy_softmax_1hot,
    crossentropy_softmax_1hot_with_bias,
    crossentropy_softmax_1hot_with_bias_dx,
    crossentropy_softmax_argmax_1hot_with_bias,
    crossentropy_softmax_max_and_argmax_1hot,
    elu,
    logsoftmax,
    prepend_0_to_each_row,
    prepend_1_to_each_row,
    prepend_scalar_to_each_row,
    relu,
    selu,
    sigmoid_binary_crossentropy,
    softmax,
    softmax_grad,
    softmax_graph,
    softmax_op,
    softmax_with_bias,
    softsign,
)
from theano.tensor.shape import shape_i

RNG = np.random.RandomState(4321)
FLOATS = ["float64", "float32"]
EXTREME = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, 1000.0]])
EXTREME_Y = np.array([1, 2])


def mat(dtype="float64", name="x"):
    return T.TensorType(dtype, (False, False))(name)


def vec(dtype="float64", name="v"):
    return T.TensorType(dtype, (False,))(name)


def tol(dtype):
    return {"rtol": 1e-12, "atol": 1e-12} if dtype == "float64" else {"rtol": 1e-5,
                                                                       "atol": 1e-6}


def np_softmax(x):
    return scipy.special.softmax(x.astype("float64"), axis=1)


def np_nll(x, y):
    return -scipy.special.log_softmax(x.astype("float64"), axis=1)[np.arange(len(y)), y]


def check_infer_shape(outputs, inputs, values):
    """Each output's ``infer_shape`` graph gives its real shape."""
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    node = outputs[0].owner
    in_shapes = [tuple(shape_i(i, d) for d in range(i.ndim)) for i in node.inputs]
    inferred = node.op.infer_shape(None, node, in_shapes)
    real = theano.function(inputs, list(node.outputs), on_unused_input="ignore")(*values)
    for out, shp, value in zip(node.outputs, inferred, real):
        assert len(shp) == out.ndim
        if shp:
            got = theano.function(inputs, [T.as_tensor_variable(s) for s in shp],
                                  on_unused_input="ignore")(*values)
            assert tuple(int(g) for g in got) == value.shape


# -- softmax, log-softmax ---------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
def test_softmax_values_and_type(dtype):
    x = mat(dtype)
    out = softmax(x)
    assert out.type == x.type and isinstance(out.owner.op, Softmax)
    assert str(out) == "Softmax.0"  # Theano 1.0.5
    xv = RNG.randn(3, 5).astype(dtype)
    res = theano.function([x], out)(xv)
    assert res.dtype == dtype
    np.testing.assert_allclose(res, np_softmax(xv), **tol(dtype))


@pytest.mark.parametrize("dtype", FLOATS)
def test_logsoftmax_values_and_type(dtype):
    x = mat(dtype)
    out = logsoftmax(x)
    assert out.type == x.type and isinstance(out.owner.op, LogSoftmax)
    xv = (RNG.randn(3, 5) * 10).astype(dtype)
    res = theano.function([x], out)(xv)
    assert res.dtype == dtype
    np.testing.assert_allclose(res, scipy.special.log_softmax(xv.astype("float64"), axis=1),
                               **tol(dtype))


def test_softmax_theano_numbers():
    # Theano 1.0.5: softmax([[1., 2., 3.]])
    res = softmax(T.constant(np.array([[1.0, 2.0, 3.0]]))).eval()
    np.testing.assert_allclose(res, [[0.09003057, 0.24472847, 0.66524096]], atol=1e-8)


@pytest.mark.parametrize("fn, op", [(softmax, Softmax), (logsoftmax, LogSoftmax)])
def test_vector_input_is_a_row_with_deprecation_warning(fn, op):
    # Theano 1.0.5: softmax(dvector) is TensorType(float64, row), with a DEPRECATION warning
    v = vec()
    with pytest.warns(UserWarning, match=f"DEPRECATION: If x is a vector, {op.__name__}") as rec:
        out = fn(v)
    assert rec[0].filename == __file__
    assert out.broadcastable == (True, False) and out.dtype == "float64"
    res = theano.function([v], out)(np.array([1.0, 2.0, 3.0]))
    ref = np_softmax(np.array([[1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(res, ref if fn is softmax else np.log(ref), rtol=1e-12)


def test_softmax_over_broadcastable_axis_warns():
    with pytest.warns(UserWarning, match="dimension of shape 1"):
        softmax(T.col())


@pytest.mark.parametrize("fn, name", [(softmax, "Softmax"), (logsoftmax, "LogSoftmax")])
@pytest.mark.parametrize("bad", [T.lmatrix(), T.dtensor3(), T.dscalar()],
                         ids=["int", "3d", "0d"])
def test_softmax_rejects_bad_inputs(fn, name, bad):
    with pytest.raises(ValueError, match=f"{name}: input 0 \\(x\\) must be a 1-d or 2-d tensor "
                                         "of floats; got TensorType"):
        fn(bad)


def test_softmax_empty_and_float16():
    x = mat()
    f = theano.function([x], [softmax(x), logsoftmax(x)])
    for shape in [(0, 3), (2, 0)]:
        sm, lsm = f(np.zeros(shape))
        assert sm.shape == shape and lsm.shape == shape
    h = mat("float16")
    res = theano.function([h], softmax(h))(np.array([[1, 2, 3]], dtype="float16"))
    assert res.dtype == "float16"
    np.testing.assert_allclose(res, np_softmax(np.array([[1.0, 2, 3]])), atol=1e-3)


def test_softmax_graph_matches_softmax():
    x = mat()
    xv = RNG.randn(2, 4)
    res = theano.function([x], softmax_graph(x))(xv)
    np.testing.assert_allclose(res, np_softmax(xv), rtol=1e-12)


@pytest.mark.parametrize("dtype", FLOATS)
def test_softmax_with_bias_values(dtype):
    x, b = mat(dtype), vec(dtype, "b")
    out = softmax_with_bias(x, b)
    assert out.type == x.type and str(out.owner.op) == "SoftmaxWithBias"
    xv, bv = RNG.randn(3, 4).astype(dtype), RNG.randn(4).astype(dtype)
    res = theano.function([x, b], out)(xv, bv)
    assert res.dtype == dtype
    np.testing.assert_allclose(res, np_softmax(xv + bv), **tol(dtype))


def test_softmax_with_bias_errors():
    with pytest.raises(ValueError, match="SoftmaxWithBias: input 1 \\(b\\) must be a 1-d"):
        softmax_with_bias(mat(), mat())
    x, b = mat(), vec(name="b")
    f = theano.function([x, b], softmax_with_bias(x, b))
    with pytest.raises(ValueError, match="b has 3 entries but x has 4 columns"):
        f(np.zeros((2, 4)), np.zeros(3))


@pytest.mark.parametrize("dtype", FLOATS)
def test_softmax_grad_op_values(dtype):
    dy, sm = mat(dtype, "dy"), mat(dtype, "sm")
    out = softmax_grad(dy, sm)
    assert out.type == sm.type and isinstance(out.owner.op, SoftmaxGrad)
    dyv = RNG.randn(3, 4).astype(dtype)
    smv = np_softmax(RNG.randn(3, 4)).astype(dtype)
    ref = dyv * smv - (dyv * smv).sum(axis=1, keepdims=True) * smv
    np.testing.assert_allclose(theano.function([dy, sm], out)(dyv, smv), ref, **tol(dtype))


def test_extreme_logits_give_finite_values_and_gradients():
    # Theano 1.0.5 printed these numbers for logits of +-1000
    x = mat()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            sm = theano.function([x], softmax(x))(EXTREME)
            lsm = theano.function([x], logsoftmax(x))(EXTREME)
            g_lsm = theano.function([x], T.grad(logsoftmax(x)[:, 0].sum(), x))(EXTREME)
            g_sm = theano.function([x], T.grad((softmax(x) * EXTREME).sum(), x))(EXTREME)
    np.testing.assert_array_equal(sm, [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(lsm, [[0, -2000, -1000], [-2000, -2000, 0]])
    np.testing.assert_array_equal(g_lsm, [[0, 0, 0], [1, 0, -1]])
    assert np.all(np.isfinite(g_sm))


# -- crossentropy from logits -----------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("ydtype", ["int64", "int32"])
def test_crossentropy_softmax_argmax_1hot_with_bias(dtype, ydtype):
    x, b, y = mat(dtype), vec(dtype, "b"), T.TensorType(ydtype, (False,))("y")
    nll, sm, am = crossentropy_softmax_argmax_1hot_with_bias(x, b, y)
    assert str(nll) == "CrossentropySoftmaxArgmax1HotWithBias.0"
    assert nll.type == T.TensorType(dtype, (False,))() .type and sm.type == x.type
    assert am.type == y.type
    xv, bv = RNG.randn(4, 3).astype(dtype), RNG.randn(3).astype(dtype)
    yv = np.array([0, 2, 1, 2], dtype=ydtype)
    res = theano.function([x, b, y], [nll, sm, am])(xv, bv, yv)
    assert [r.dtype for r in res] == [dtype, dtype, ydtype]
    np.testing.assert_allclose(res[0], np_nll(xv + bv, yv), **tol(dtype))
    np.testing.assert_allclose(res[1], np_softmax(xv + bv), **tol(dtype))
    np.testing.assert_array_equal(res[2], np.argmax(xv + bv, axis=1))
    check_infer_shape([nll, sm, am], [x, b, y], [xv, bv, yv])


def test_crossentropy_softmax_1hot_extremes():
    # Theano 1.0.5: nll [2000, 0], softmax one-hot, d(nll.sum())/dx [[1, -1, 0], [0, 0, 0]]
    x, y = mat(), T.lvector("y")
    nll, sm = crossentropy_softmax_1hot(x, y)
    assert nll.type == vec().type and sm.type == x.type
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        nll_v, sm_v = theano.function([x, y], [nll, sm])(EXTREME, EXTREME_Y)
        g = theano.function([x, y], T.grad(nll.sum(), x))(EXTREME, EXTREME_Y)
    np.testing.assert_array_equal(nll_v, [2000.0, 0.0])
    np.testing.assert_array_equal(sm_v, [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(g, [[1, -1, 0], [0, 0, 0]])


def test_crossentropy_softmax_1hot_gradient_graph_does_not_reach_bias():
    x, y = mat(), T.lvector("y")
    f = theano.function([x, y], T.grad(crossentropy_softmax_1hot(x, y)[0].sum(), x))
    names = [type(n.op).__name__ for n in f.maker.fgraph.toposort()]
    assert "CrossentropySoftmax1HotWithBiasDx" in names
    assert "IncSubtensor" not in names
    assert "perform" not in f.source


@pytest.mark.parametrize("case", ["negative", "too_big", "length"])
def test_crossentropy_label_errors(case):
    x, y = mat(), T.lvector("y")
    f = theano.function([x, y], crossentropy_softmax_1hot(x, y)[0])
    g = theano.function([x, y], categorical_crossentropy(x, y))
    yv = {"negative": [0, -1], "too_big": [0, 3], "length": [0, 1, 2]}[case]
    msg = "2 rows" if case == "length" else "out of bounds"
    for fn in (f, g):
        with pytest.raises(ValueError, match=msg):
            fn(np.full((2, 3), 0.3), np.array(yv))


def test_crossentropy_make_node_errors():
    with pytest.raises(ValueError, match="input 2 \\(y_idx\\) must be a 1-d tensor of"):
        crossentropy_softmax_argmax_1hot_with_bias(mat(), vec(), T.dvector())
    with pytest.raises(ValueError, match="input 0 \\(x\\) must be a 2-d tensor of floats"):
        crossentropy_softmax_argmax_1hot_with_bias(T.lmatrix(), vec(), T.lvector())
    with pytest.raises(ValueError, match="input 0 \\(dy\\) must be a 0-d or 1-d"):
        crossentropy_softmax_1hot_with_bias_dx(mat(), mat(), T.lvector())
    with pytest.raises(TypeError, match="true_one_of_n\\) must be an integer vector"):
        crossentropy_categorical_1hot(mat(), T.dvector())
    with pytest.raises(TypeError, match="coding_dist\\) must be a matrix of floats"):
        crossentropy_categorical_1hot(vec(), T.lvector())
    with pytest.raises(TypeError, match="rank mismatch"):
        categorical_crossentropy(mat(), T.dtensor3())


@pytest.mark.parametrize("dy_kind", ["vector", "scalar", "length1"])
def test_crossentropy_dx_op(dy_kind):
    sm, y = mat(name="sm"), T.lvector("y")
    smv = np_softmax(RNG.randn(3, 4))
    yv = np.array([3, 0, 1])
    if dy_kind == "scalar":
        dy, dyv = T.dscalar("dy"), np.array(1.5)
    elif dy_kind == "length1":
        dy, dyv = T.TensorType("float64", (True,))("dy"), np.array([1.5])
    else:
        dy, dyv = vec(name="dy"), RNG.randn(3)
    out = crossentropy_softmax_1hot_with_bias_dx(dy, sm, y)
    assert isinstance(out.owner.op, CrossentropySoftmax1HotWithBiasDx) and out.type == sm.type
    ref = smv * np.reshape(dyv, (-1, 1) if dyv.ndim else ())
    ref[np.arange(3), yv] -= dyv
    np.testing.assert_allclose(theano.function([dy, sm, y], out)(dyv, smv, yv), ref,
                               rtol=1e-12)
    def fn(d, s):
        d = T.addbroadcast(d, 0) if dy_kind == "length1" else d
        return 2.0 * crossentropy_softmax_1hot_with_bias_dx(d, s, yv)

    verify_grad(fn, [dyv, smv], rng=RNG)


def test_crossentropy_softmax_max_and_argmax():
    x, y = mat(), T.lvector("y")
    xent, sm, mx, am = crossentropy_softmax_max_and_argmax_1hot(x, y)
    xv, yv = RNG.randn(3, 4), np.array([1, 0, 3])
    res = theano.function([x, y], [xent, sm, mx, am])(xv, yv)
    np.testing.assert_allclose(res[0], np_nll(xv, yv), rtol=1e-12)
    np.testing.assert_allclose(res[2], np_softmax(xv).max(axis=1), rtol=1e-12)
    np.testing.assert_array_equal(res[3], np.argmax(xv, axis=1))


# -- categorical / binary cross-entropies ----------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
def test_categorical_crossentropy_integer_labels(dtype):
    # Theano 1.0.5: categorical_crossentropy(dmatrix, lvector) is CrossentropyCategorical1Hot
    coding, y = mat(dtype), T.lvector("y")
    out = categorical_crossentropy(coding, y)
    assert isinstance(out.owner.op, CrossentropyCategorical1Hot)
    assert out.type == vec(dtype).type
    cv = np_softmax(RNG.randn(4, 3)).astype(dtype)
    yv = np.array([2, 0, 1, 1])
    res = theano.function([coding, y], out)(cv, yv)
    assert res.dtype == dtype
    np.testing.assert_allclose(res, -np.log(cv[np.arange(4), yv]), **tol(dtype))
    check_infer_shape(out, [coding, y], [cv, yv])


@pytest.mark.parametrize("dtype", FLOATS)
def test_categorical_crossentropy_one_hot(dtype):
    coding, true = mat(dtype), mat(dtype, "t")
    out = categorical_crossentropy(coding, true)
    assert out.type == vec(dtype).type
    cv = np_softmax(RNG.randn(4, 3)).astype(dtype)
    tv = np.eye(3, dtype=dtype)[[2, 0, 1, 1]]
    res = theano.function([coding, true], out)(cv, tv)
    np.testing.assert_allclose(res, -(tv * np.log(cv)).sum(axis=1), **tol(dtype))


def test_categorical_crossentropy_gradients():
    cv = np_softmax(RNG.randn(4, 3))
    yv = np.array([2, 0, 1, 1])
    verify_grad(lambda c: 3.0 * categorical_crossentropy(c, yv), [cv], rng=RNG)
    tv = np_softmax(RNG.randn(4, 3))
    verify_grad(lambda c, t: 3.0 * categorical_crossentropy(c, t), [cv, tv], rng=RNG)
    coding, y = mat(), T.lvector("y")
    g = T.grad(categorical_crossentropy(coding, y).sum(), coding)
    assert isinstance(g.owner.op, CrossentropyCategorical1HotGrad)
    ref = np.zeros_like(cv)
    ref[np.arange(4), yv] = -1 / cv[np.arange(4), yv]
    np.testing.assert_allclose(theano.function([coding, y], g)(cv, yv), ref, rtol=1e-12)


@pytest.mark.parametrize("dtype", FLOATS)
def test_binary_crossentropy(dtype):
    # Theano 1.0.5: binary_crossentropy(fvector, fvector) is float32
    o, t = vec(dtype, "o"), vec(dtype, "t")
    out = binary_crossentropy(o, t)
    assert out.dtype == dtype
    ov = RNG.uniform(0.05, 0.95, 6).astype(dtype)
    tv = RNG.uniform(0, 1, 6).astype(dtype)
    ref = -(tv * np.log(ov) + (1 - tv) * np.log(1 - ov))
    np.testing.assert_allclose(theano.function([o, t], out)(ov, tv), ref, **tol(dtype))


@pytest.mark.parametrize("dtype", FLOATS)
def test_sigmoid_binary_crossentropy(dtype):
    o, t = vec(dtype, "o"), vec(dtype, "t")
    out = sigmoid_binary_crossentropy(o, t)
    assert out.dtype == dtype
    ov = (RNG.randn(6) * 3).astype(dtype)
    tv = RNG.uniform(0, 1, 6).astype(dtype)
    p = scipy.special.expit(ov.astype("float64"))
    ref = -(tv * np.log(p) + (1 - tv) * np.log(1 - p))
    np.testing.assert_allclose(theano.function([o, t], out)(ov, tv), ref,
                               **({"rtol": 1e-10} if dtype == "float64" else tol(dtype)))


def test_sigmoid_binary_crossentropy_extremes_and_exact_gradient():
    o, t = vec(name="o"), vec(name="t")
    out = sigmoid_binary_crossentropy(o, t)
    ov = np.array([-1000.0, -1000.0, 0.0, 0.0, 1000.0, 1000.0, 40.0])
    tv = np.array([0.0, 1.0, 0.0, 0.7, 0.0, 1.0, 1.0])
    f = theano.function([o, t], [out] + T.grad(out.sum(), [o, t]))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        val, g_o, g_t = f(ov, tv)
    np.testing.assert_allclose(val, [0, 1000, np.log(2), np.log(2), 1000, 0,
                                     np.exp(-40)], rtol=1e-12, atol=0)
    # the gradient is sigmoid(o) - t everywhere, including o == 0 (and -sigmoid(-40) at 40)
    ref = (1 - tv) * scipy.special.expit(ov) - tv * scipy.special.expit(-ov)
    np.testing.assert_allclose(g_o, ref, rtol=1e-12, atol=0)
    np.testing.assert_allclose(g_t, -ov, rtol=1e-12)


# -- gradients, checked against finite differences ------------------------------------------

X34 = RNG.randn(3, 4)
B4 = RNG.randn(4)
Y3 = np.array([1, 3, 0])



def _nll_plus_softmax(x, b):
    # both differentiable outputs of the fused op used at once
    nll, sm, _ = crossentropy_softmax_argmax_1hot_with_bias(x, b, Y3)
    return 2.0 * nll.sum() + (sm * X34).sum()


GRADS = [
    ("softmax", lambda x: 3.0 * softmax(x), [X34]),
    ("softmax_vector", lambda v: 3.0 * softmax(v), [B4]),
    ("logsoftmax", lambda x: 3.0 * logsoftmax(x), [X34]),
    ("softmax_with_bias", lambda x, b: 3.0 * softmax_with_bias(x, b), [X34, B4]),
    ("softmax_grad", lambda dy, sm: 3.0 * softmax_grad(dy, sm), [X34, np_softmax(X34)]),
    ("xent_1hot", lambda x: 3.0 * crossentropy_softmax_1hot(x, Y3)[0], [X34]),
    ("xent_1hot_with_bias",
     lambda x, b: 3.0 * crossentropy_softmax_1hot_with_bias(x, b, Y3)[0], [X34, B4]),
    ("xent_nll_plus_softmax", _nll_plus_softmax, [X34, B4]),
    ("xent_softmax_only",
     lambda x: (crossentropy_softmax_1hot(x, Y3)[1] * X34).sum(), [X34]),
    ("categorical_1hot_grad",
     lambda g, c: 3.0 * crossentropy_categorical_1hot_grad(g, c, Y3),
     [RNG.randn(3), np_softmax(X34)]),
    ("binary_crossentropy", lambda o, t: 3.0 * binary_crossentropy(o, t),
     [RNG.uniform(0.1, 0.9, 5), RNG.uniform(0, 1, 5)]),
    ("sigmoid_binary_crossentropy", lambda o, t: 3.0 * sigmoid_binary_crossentropy(o, t),
     [RNG.randn(5) * 3, RNG.uniform(0, 1, 5)]),
    ("relu", lambda x: 3.0 * relu(x), [np.array([-2.0, -0.5, 0.3, 1.7])]),
    ("relu_alpha", lambda x: 3.0 * relu(x, 0.1), [np.array([-2.0, -0.5, 0.3, 1.7])]),
    ("relu_alpha_var", lambda x, a: 3.0 * relu(x, a),
     [np.array([-2.0, -0.5, 0.3, 1.7]), np.array(0.2)]),
    ("elu", lambda x: 3.0 * elu(x, 0.7), [np.array([-2.0, -0.5, 0.3, 1.7])]),
    ("selu", lambda x: 3.0 * selu(x), [np.array([-2.0, -0.5, 0.3, 1.7])]),
    ("softsign", lambda x: 3.0 * softsign(x), [np.array([-2.0, -0.5, 0.3, 1.7])]),
    ("prepend_0", lambda x: 3.0 * prepend_0_to_each_row(x), [X34]),
    ("prepend_scalar", lambda s, x: 3.0 * prepend_scalar_to_each_row(s, x),
     [np.array(0.5), X34]),
]


@pytest.mark.parametrize("name, fn, pt", GRADS, ids=[g[0] for g in GRADS])
def test_verify_grad(name, fn, pt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the softmax(vector) deprecation
        verify_grad(fn, pt, rng=np.random.RandomState(7))


@pytest.mark.parametrize("fn", [softmax, logsoftmax], ids=["softmax", "logsoftmax"])
def test_rop_matches_jacobian(fn):
    x, v = mat(), mat(name="ev")
    xv, vv = RNG.randn(2, 3), RNG.randn(2, 3)
    rop = theano.function([x, v], Rop(fn(x), x, v))(xv, vv)
    eps = 1e-6
    f = theano.function([x], fn(x))
    numeric = (f(xv + eps * vv) - f(xv - eps * vv)) / (2 * eps)
    np.testing.assert_allclose(rop, numeric, rtol=1e-6, atol=1e-8)


def test_softmax_with_bias_rop():
    x, b, vx, vb = mat(), vec(name="b"), mat(name="vx"), vec(name="vb")
    out = softmax_with_bias(x, b)
    xv, bv, vxv, vbv = RNG.randn(2, 3), RNG.randn(3), RNG.randn(2, 3), RNG.randn(3)
    rop = theano.function([x, b, vx, vb], Rop(out, [x, b], [vx, vb]))(xv, bv, vxv, vbv)
    f = theano.function([x, b], out)
    eps = 1e-6
    numeric = (f(xv + eps * vxv, bv + eps * vbv) - f(xv - eps * vxv, bv - eps * vbv)) / (2 * eps)
    np.testing.assert_allclose(rop, numeric, rtol=1e-6, atol=1e-8)


def test_gradient_graphs_use_theano_ops():
    x = mat()
    g = T.grad(softmax(x).sum(), x)
    assert isinstance(g.owner.op, SoftmaxGrad)  # Theano 1.0.5 debugprint: SoftmaxGrad
    y = T.lvector("y")
    g1 = T.grad(softmax(x).sum(), x)
    g = T.grad(crossentropy_softmax_1hot(x, y)[0].sum(), x)
    assert isinstance(g.owner.op, CrossentropySoftmax1HotWithBiasDx)
    # and their values: d sum(softmax)/dx = 0; d nll/dx = softmax - onehot
    xv, yv = RNG.randn(3, 4), np.array([0, 3, 1])
    g1v, gv = theano.function([x, y], [g1, g])(xv, yv)
    np.testing.assert_allclose(g1v, np.zeros((3, 4)), atol=1e-15)
    np.testing.assert_allclose(gv, np_softmax(xv) - np.eye(4)[yv], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("out_fn, inputs, values", [
    (lambda x: softmax(x), [mat()], [X34]),
    (lambda x: logsoftmax(x), [mat()], [X34]),
    (lambda x, b: softmax_with_bias(x, b), [mat(), vec(name="b")], [X34, B4]),
    (lambda dy, sm: softmax_grad(dy, sm), [mat(), mat(name="sm")], [X34, X34]),
    (lambda d, s, y: crossentropy_softmax_1hot_with_bias_dx(d, s, y),
     [vec(name="d"), mat(name="s"), T.lvector("y")], [np.ones(3), X34, Y3]),
    (lambda x: prepend_1_to_each_row(x), [mat()], [X34]),
    (lambda s, x: prepend_scalar_to_each_row(s, x), [T.dscalar(), mat()], [np.array(2.0), X34]),
], ids=["softmax", "logsoftmax", "softmax_with_bias", "softmax_grad", "xent_dx", "prepend_1",
        "prepend_scalar"])
def test_infer_shape(out_fn, inputs, values):
    check_infer_shape(out_fn(*inputs), inputs, values)


# -- activations ---------------------------------------------------------------------------


def test_relu_elu_selu_softsign_theano_numbers():
    # Theano 1.0.5 on [-4, -2, -0.5, 0, 0.5, 2, 4]
    v = vec()
    f = theano.function([v], [softsign(v), elu(v), selu(v), relu(v), relu(v, 0.1)])
    values = np.array([-4.0, -2.0, -0.5, 0.0, 0.5, 2.0, 4.0])
    ss, e, s, r, leaky = f(values)
    np.testing.assert_allclose(ss, values / (1 + np.abs(values)), rtol=1e-15)
    np.testing.assert_allclose(e, np.where(values > 0, values, np.expm1(values)), rtol=1e-15)
    np.testing.assert_allclose(s, [-1.72589863, -1.52016647, -0.69175819, 0.0, 0.52535049,
                                   2.10140197, 4.20280395], atol=1e-8)
    np.testing.assert_array_equal(r, [0, 0, 0, 0, 0.5, 2, 4])
    np.testing.assert_allclose(leaky, [-0.4, -0.2, -0.05, 0, 0.5, 2, 4], rtol=1e-15)
    # Theano 1.0.5: the relu gradient at 0 is 0.5 (0.5 * (x + |x|))
    g = theano.function([v], T.grad(relu(v).sum(), v))(np.array([-1.0, 0.0, 1.0]))
    np.testing.assert_array_equal(g, [0.0, 0.5, 1.0])


# Theano 1.0.5 (floatX=float64): output dtype of relu, elu, selu, softsign per input dtype
ACT_DTYPES = [
    ("int8", "float32", "float32", "float64", "float32"),
    ("int32", "float64", "float64", "float64", "float64"),
    ("float32", "float32", "float32", "float64", "float32"),
    ("float64", "float64", "float64", "float64", "float64"),
    ("uint8", "float32", "float32", "float64", "float32"),
    ("bool", "float32", "float32", "float64", "float32"),
]


@pytest.mark.parametrize("in_dtype, d_relu, d_elu, d_selu, d_softsign", ACT_DTYPES)
def test_activation_dtypes(in_dtype, d_relu, d_elu, d_selu, d_softsign):
    t = T.vector(dtype=in_dtype)
    assert relu(t).dtype == d_relu
    assert elu(t).dtype == d_elu
    assert selu(t).dtype == d_selu
    assert softsign(t).dtype == d_softsign


def test_relu_types_and_names():
    # Theano 1.0.5: relu(dmatrix) is Elemwise{mul,no_inplace}.0, relu(x, 0.1) an add
    x = mat()
    assert str(relu(x)) == "Elemwise{mul,no_inplace}.0"
    assert str(relu(x, 0.1)) == "Elemwise{add,no_inplace}.0"
    assert relu(x, 0.1).type == x.type
    assert relu(mat("float32"), 0.1).dtype == "float64"
    shared_alpha = theano.shared(np.array([0.1, 0.2, 0.3]))
    res = theano.function([x], relu(x, shared_alpha))(np.array([[-1.0, -1.0, 2.0]]))
    np.testing.assert_allclose(res, [[-0.1, -0.2, 2.0]], rtol=1e-15)


# -- prepend ops ---------------------------------------------------------------------------


def test_prepend_ops():
    x = mat()
    xv = RNG.randn(2, 3)
    a, b, c = theano.function([x], [prepend_0_to_each_row(x), prepend_1_to_each_row(x),
                                    prepend_scalar_to_each_row(2.5, x)])(xv)
    np.testing.assert_array_equal(a, np.hstack([np.zeros((2, 1)), xv]))
    np.testing.assert_array_equal(b, np.hstack([np.ones((2, 1)), xv]))
    np.testing.assert_array_equal(c, np.hstack([np.full((2, 1), 2.5), xv]))
    assert str(prepend_1_to_each_row) == "Prepend_scalar_constant_to_each_row{1.0}"
    with pytest.raises(TypeError, match="expected a matrix"):
        prepend_0_to_each_row(vec())


# -- package surface -----------------------------------------------------------------------


NAMES = [
    "CrossentropyCategorical1Hot", "CrossentropyCategorical1HotGrad",
    "CrossentropySoftmax1HotWithBiasDx", "CrossentropySoftmaxArgmax1HotWithBias",
    "LogSoftmax", "Prepend_scalar_constant_to_each_row", "Prepend_scalar_to_each_row",
    "Softmax", "SoftmaxGrad", "SoftmaxWithBias", "binary_crossentropy",
    "sigmoid_binary_crossentropy", "categorical_crossentropy",
    "crossentropy_categorical_1hot", "crossentropy_categorical_1hot_grad",
    "crossentropy_softmax_1hot", "crossentropy_softmax_1hot_with_bias",
    "crossentropy_softmax_1hot_with_bias_dx", "crossentropy_softmax_argmax_1hot_with_bias",
    "crossentropy_softmax_max_and_argmax_1hot",
    "crossentropy_softmax_max_and_argmax_1hot_with_bias", "h_softmax", "logsoftmax",
    "logsoftmax_op", "prepend_0_to_each_row", "prepend_1_to_each_row",
    "prepend_scalar_to_each_row", "relu", "softmax", "softmax_grad", "softmax_graph",
    "softmax_op", "softmax_with_bias", "elu", "selu", "confusion_matrix", "softsign",
    "softplus", "sigmoid", "sigmoid_inplace", "scalar_sigmoid", "ultra_fast_sigmoid",
    "hard_sigmoid",
]


@pytest.mark.parametrize("name", NAMES)
def test_theano_names_importable(name):
    import theano.tensor.nnet.nnet as nnet_module

    assert getattr(nnet, name) is not None
    if name not in ("softplus", "sigmoid", "sigmoid_inplace", "scalar_sigmoid",
                    "ultra_fast_sigmoid", "hard_sigmoid"):
        assert getattr(nnet_module, name) is getattr(nnet, name)


def test_op_singletons_compare_equal():
    assert Softmax() == softmax_op and hash(Softmax()) == hash(softmax_op)
    assert SoftmaxWithBias() == softmax_with_bias
    assert CrossentropySoftmaxArgmax1HotWithBias() == crossentropy_softmax_argmax_1hot_with_bias


def test_confusion_matrix():
    pytest.importorskip("theano.tensor.extra_ops")
    x, y = vec(name="a"), vec(name="p")
    conf, order = theano.function([x, y], nnet.confusion_matrix(x, y))(
        np.array([2.0, 0, 2, 2, 0, 1]), np.array([0.0, 0, 2, 2, 0, 2]))
    # Theano 1.0.5 docstring example
    np.testing.assert_array_equal(conf, [[2, 0, 0], [0, 0, 1], [1, 0, 2]])
    np.testing.assert_array_equal(order, [0.0, 1.0, 2.0])


SECOND_ORDER = [
    ("xent_1hot", lambda x: crossentropy_softmax_1hot(x, Y3)[0].sum()),
    ("softmax", lambda x: (softmax(x) * X34).sum()),
    ("logsoftmax", lambda x: (logsoftmax(x) * X34).sum()),
    ("categorical_of_softmax", lambda x: categorical_crossentropy(softmax(x), Y3).sum()),
]


@pytest.mark.parametrize("name, cost", SECOND_ORDER, ids=[c[0] for c in SECOND_ORDER])
def test_second_order_gradients(name, cost):
    verify_grad(lambda x: 2.0 * T.grad(cost(x), x), [RNG.randn(3, 4)],
                rng=np.random.RandomState(3))
