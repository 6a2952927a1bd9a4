"""theano.tensor.nnet.bn: batch_normalization and its train/test forms.

Values against the NumPy formulas; types, graphs, messages and the printed numbers come
from Theano 1.0.5 runs.
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.nnet import bn
from theano.tensor.nnet.bn import (
    AbstractBatchNormInference,
    AbstractBatchNormTrain,
    AbstractBatchNormTrainGrad,
    batch_normalization,
    batch_normalization_test,
    batch_normalization_train,
)

RNG = np.random.RandomState(2024)


def np_train(x, gamma, beta, axes, eps, factor=None, rm=None, rv=None):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    invstd = 1 / np.sqrt(var + eps)
    out = (x - mean) * gamma * invstd + beta
    res = [out, mean, invstd]
    if rm is not None:
        m = np.prod([x.shape[a] for a in axes])
        res += [rm * (1 - factor) + mean * factor, rv * (1 - factor) + m / (m - 1) * var * factor]
    return res


def param_shape(shape, axes):
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


# -- batch_normalization ----------------------------------------------------------------


@pytest.mark.parametrize("mode", ["low_mem", "high_mem"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_batch_normalization_values(mode, dtype):
    x = T.matrix("x", dtype=dtype)
    g, b, m, s = (T.vector(n, dtype=dtype) for n in "gbms")
    y = batch_normalization(x, g, b, m, s, mode=mode)
    assert y.type == x.type
    xv = RNG.randn(4, 3).astype(dtype)
    gv, bv, mv = (RNG.randn(3).astype(dtype) for _ in range(3))
    sv = (RNG.rand(3) + 0.5).astype(dtype)
    res = theano.function([x, g, b, m, s], y)(xv, gv, bv, mv, sv)
    assert res.dtype == dtype
    np.testing.assert_allclose(
        res, (xv - mv) * gv / sv + bv, rtol=1e-5 if dtype == "float32" else 1e-12
    )


def test_batch_normalization_graph_like_theano():
    m, v = T.dmatrix("m"), T.dvector("v")
    y = batch_normalization(m, v, v, v, v)
    # Theano 1.0.5: one fused element-wise op over rows
    assert str(y.owner.op) == "Elemwise{Composite{((((i0 - i1) / i2) * i3) + i4)}}"
    assert [i.type for i in y.owner.inputs] == [T.dmatrix, T.drow, T.drow, T.drow, T.drow]
    assert batch_normalization(T.fmatrix(), v, v, v, v).type == T.dmatrix
    with pytest.raises(ValueError, match='mode must be either "low_mem", "high_mem"'):
        batch_normalization(m, v, v, v, v, mode="x")


@pytest.mark.parametrize("mode", ["low_mem", "high_mem"])
def test_batch_normalization_verify_grad(mode):
    vals = [
        RNG.randn(4, 3),
        RNG.randn(1, 3),
        RNG.randn(1, 3),
        RNG.randn(1, 3),
        RNG.rand(1, 3) + 0.5,
    ]

    def fn(x, g, b, m, s):
        bc = [T.addbroadcast(v, 0) for v in (g, b, m, s)]
        return batch_normalization(x, *bc, mode=mode)

    verify_grad(fn, vals, rng=np.random.RandomState(0))


# -- batch_normalization_train / _test ---------------------------------------------------

TRAIN_CASES = [
    # input shape, axes argument, normalised axes, params with all dimensions?
    ((5, 3), "per-activation", (0,), False),
    ((4, 3, 2, 5), "spatial", (0, 2, 3), False),
    ((4, 3, 2, 5), "per-activation", (0,), False),
    ((4, 3, 2, 5), (0, 1, 3), (0, 1, 3), True),
    ((3, 4, 5), "spatial", (0, 2), True),
]


def _params(shape, axes, full, n, dtype="float64"):
    if full:
        pshape = param_shape(shape, axes)
        types = [T.TensorType(dtype, tuple(s == 1 for s in pshape)) for _ in range(n)]
    else:
        pshape = tuple(s for i, s in enumerate(shape) if i not in axes)
        types = [T.TensorType(dtype, (False,) * len(pshape)) for _ in range(n)]
    return pshape, [t(f"p{i}") for i, t in enumerate(types)]


@pytest.mark.parametrize("shape,axes_arg,axes,full", TRAIN_CASES)
def test_train_values(shape, axes_arg, axes, full):
    x = T.TensorType("float64", (False,) * len(shape))("x")
    pshape, (g, b, rm, rv) = _params(shape, axes, full, 4)
    outs = batch_normalization_train(
        x, g, b, axes_arg, epsilon=1e-3, running_average_factor=0.3, running_mean=rm, running_var=rv
    )
    assert len(outs) == 5
    assert [o.ndim for o in outs] == [len(shape)] + [len(pshape)] * 4
    assert isinstance(outs[0].owner.op, AbstractBatchNormTrain)
    assert outs[0].owner.op.axes == axes
    xv = RNG.randn(*shape) * 3 + 1
    gv, bv, rmv = (RNG.randn(*pshape) for _ in range(3))
    rvv = RNG.rand(*pshape) + 0.5
    f = theano.function([x, g, b, rm, rv], list(outs) + [o.shape for o in outs])
    res = f(xv, gv, bv, rmv, rvv)
    full_shape = param_shape(shape, axes)
    ref = np_train(
        xv,
        gv.reshape(full_shape),
        bv.reshape(full_shape),
        axes,
        1e-3,
        0.3,
        rmv.reshape(full_shape),
        rvv.reshape(full_shape),
    )
    for got, want, shp in zip(res[:5], ref, res[5:]):
        np.testing.assert_allclose(got, want.reshape(got.shape), rtol=1e-12, atol=1e-12)
        assert tuple(shp) == got.shape
    assert res[0].shape == shape and res[1].shape == pshape
    # without running averages: three outputs
    assert len(batch_normalization_train(x, g, b, axes_arg)) == 3


@pytest.mark.parametrize("shape,axes_arg,axes,full", TRAIN_CASES)
def test_test_values(shape, axes_arg, axes, full):
    x = T.TensorType("float64", (False,) * len(shape))("x")
    pshape, (g, b, m, v) = _params(shape, axes, full, 4)
    y = batch_normalization_test(x, g, b, m, v, axes_arg, epsilon=1e-3)
    assert isinstance(y.owner.op, AbstractBatchNormInference) and y.type == x.type
    xv = RNG.randn(*shape)
    gv, bv, mv = (RNG.randn(*pshape) for _ in range(3))
    vv = RNG.rand(*pshape) + 0.5
    fs = param_shape(shape, axes)
    res = theano.function([x, g, b, m, v], y)(xv, gv, bv, mv, vv)
    ref = (xv - mv.reshape(fs)) * gv.reshape(fs) / np.sqrt(vv.reshape(fs) + 1e-3) + bv.reshape(fs)
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


def test_train_numbers_printed_by_theano():
    # Theano 1.0.5, spatial normalisation of RandomState(1).rand(4, 3, 2, 5)
    x, g, b = T.dtensor4("x"), T.dvector("g"), T.dvector("b")
    out = batch_normalization_train(x, g, b, "spatial", running_mean=g, running_var=b)
    res = theano.function([x, g, b], out)(
        np.random.RandomState(1).rand(4, 3, 2, 5),
        np.array([1.0, 2.0, 3.0]),
        np.array([0.1, 0.2, 0.3]),
    )
    np.testing.assert_allclose(
        res[0].ravel()[:4], [-0.03732099, 1.05277212, -1.53571994, -0.44952387], atol=1e-8
    )
    np.testing.assert_allclose(res[1], [0.45522956, 0.51855383, 0.52929487], atol=1e-8)
    np.testing.assert_allclose(res[2], [3.59407899, 3.25532053, 3.18935347], atol=1e-8)
    np.testing.assert_allclose(res[3], [0.94552296, 1.85185538, 2.75292949], atol=1e-8)
    np.testing.assert_allclose(res[4], [0.09792974, 0.18966824, 0.28007275], atol=1e-8)


def test_types_like_theano():
    x = T.dtensor4("x")
    g3 = T.dtensor3("g3")
    outs = batch_normalization_train(T.dmatrix(), T.dvector(), T.dvector())
    assert [o.type for o in outs] == [T.dmatrix, T.dvector, T.dvector]
    outs = batch_normalization_train(x, g3, g3, running_mean=g3, running_var=g3)
    assert [o.type for o in outs] == [T.dtensor4] + [T.dtensor3] * 4
    node = outs[0].owner
    assert [str(i.owner.op) for i in node.inputs[1:3]] == ["InplaceDimShuffle{x,0,1,2}"] * 2
    assert node.inputs[3].type == T.dscalar and float(node.inputs[3].data) == 1e-4
    assert node.inputs[4].type == T.dscalar and float(node.inputs[4].data) == 0.1
    gs = T.TensorType("float64", (True, False, True, True))("gs")
    outs = batch_normalization_train(x, gs, gs, "spatial", running_mean=gs, running_var=gs)
    assert [o.type for o in outs] == [T.dtensor4] + [gs.type] * 4
    fx, fg = T.ftensor4(), T.fvector()
    outs = batch_normalization_train(fx, fg, fg, "spatial", running_mean=fg, running_var=fg)
    assert [o.type for o in outs] == [T.ftensor4] + [T.fvector] * 4
    outs = batch_normalization_train(fx, T.dvector(), T.dvector(), "spatial")
    assert [o.type for o in outs] == [T.dtensor4, T.dvector, T.dvector]
    y = batch_normalization_test(x, T.dvector(), T.dvector(), T.dvector(), T.dvector(), "spatial")
    assert str(y.owner.op) == "AbstractBatchNormInference{axes=(0, 2, 3)}"
    assert [str(i.owner.op) for i in y.owner.inputs[1:5]] == ["InplaceDimShuffle{x,0,x,x}"] * 4


def test_float32_values():
    x = T.ftensor4("x")
    g, b = T.fvector("g"), T.fvector("b")
    out = batch_normalization_train(x, g, b, "spatial")
    xv = RNG.randn(3, 2, 4, 4).astype("float32")
    gv, bv = RNG.randn(2).astype("float32"), RNG.randn(2).astype("float32")
    res = theano.function([x, g, b], list(out))(xv, gv, bv)
    assert [r.dtype for r in res] == [np.float32] * 3
    ref = np_train(
        xv.astype("float64"), gv.reshape(1, 2, 1, 1), bv.reshape(1, 2, 1, 1), (0, 2, 3), 1e-4
    )
    np.testing.assert_allclose(res[0], ref[0], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    "call,match",
    [
        (
            lambda x, g: batch_normalization_train(x, g, g, "spatial", epsilon=1e-6),
            "epsilon must be at least 1e-5, got 1e-06",
        ),
        (lambda x, g: batch_normalization_train(x, g, g, "foo"), "invalid axes"),
        (
            lambda x, g: batch_normalization_train(x, g, g, (0, 4)),
            r"axes should be less than ndim \(<4\), but \(0, 4\) given",
        ),
        (
            lambda x, g: batch_normalization_train(x, g, g, ()),
            "there should be at least one normalization axis",
        ),
        (
            lambda x, g: batch_normalization_train(x, T.dmatrix(), g, "spatial"),
            (
                "gamma and beta dimensionality must match the number of non-normalized axes, or have "
                "the same number of dimensions as the inputs; got 2 and 1 instead of 1"
            ),
        ),
        (
            lambda x, g: batch_normalization_train(x, g, g, "spatial", running_mean=g),
            "running_mean and running_var must either both be given or both be None",
        ),
        (
            lambda x, g: batch_normalization_train(
                x, g, g, "spatial", running_mean=T.dmatrix(), running_var=g
            ),
            "running_mean must be of the same dimensionality as gamma and beta; got 2 instead of 1",
        ),
        (
            lambda x, g: batch_normalization_test(x, g, g, T.dmatrix(), g, "spatial"),
            (
                "mean and var must be of the same dimensionality as gamma and beta; got 2 and 1 "
                "instead of 1"
            ),
        ),
        (
            lambda x, g: batch_normalization_train(x, g, g, "per-activation"),
            "got 1 and 1 instead of 3",
        ),
    ],
)
def test_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call(T.dtensor4("x"), T.dvector("g"))


def test_op_errors():
    with pytest.raises(TypeError, match="AbstractBatchNormTrain: inputs must have the same"):
        AbstractBatchNormTrain((0,))(T.dmatrix(), T.dvector(), T.dvector())
    with pytest.raises(ValueError, match="axes must be a non-empty tuple"):
        AbstractBatchNormInference(())


# -- gradients ----------------------------------------------------------------------------


@pytest.mark.parametrize("shape,axes_arg,axes,full", TRAIN_CASES[:4])
def test_train_verify_grad(shape, axes_arg, axes, full):
    pshape = (
        param_shape(shape, axes) if full else tuple(s for i, s in enumerate(shape) if i not in axes)
    )
    xv = RNG.randn(*shape)
    gv, bv = RNG.randn(*pshape), RNG.randn(*pshape)

    def with_params(x, g, b):
        if full:
            g, b = (T.addbroadcast(v, *axes) for v in (g, b))
        return g, b

    def out_only(x, g, b):
        g, b = with_params(x, g, b)
        return 3.0 * batch_normalization_train(x, g, b, axes_arg)[0]

    verify_grad(out_only, [xv, gv, bv], rng=np.random.RandomState(0))

    def all_outputs(x, g, b):
        # the statistics and running averages also carry gradients back to x
        g, b = with_params(x, g, b)
        rm, rv = g * 0.5, b**2 + 1
        out, mean, invstd, new_rm, new_rv = batch_normalization_train(
            x, g, b, axes_arg, running_mean=rm, running_var=rv, running_average_factor=0.3
        )
        stats = (mean * 2 + invstd**2 + new_rm * 3 + new_rv).sum()
        return out * 1.5 + stats

    verify_grad(all_outputs, [xv, gv, bv], rng=np.random.RandomState(0))


def test_grad_graph_uses_train_grad_op():
    x, g, b = T.dmatrix("x"), T.dvector("g"), T.dvector("b")
    out = batch_normalization_train(x, g, b)[0]
    gx, gg, gb = theano.grad((out**2).sum(), [x, g, b])
    ops = [n.op for n in theano.graph.basic.io_toposort([x, g, b], [gx, gg, gb])]
    assert AbstractBatchNormTrainGrad((0,)) in ops


@pytest.mark.parametrize("wrt", [0, 1, 2])
def test_train_second_derivatives(wrt):
    xv = RNG.randn(5, 3)
    gv, bv = RNG.randn(3), RNG.randn(3)
    w = RNG.randn(5, 3)

    def fn(x, g, b):
        out = batch_normalization_train(x, g, b)[0]
        cost = (out**2 * w).sum() + (out**3).sum() * 0.1
        return theano.grad(cost, [x, g, b][wrt])

    verify_grad(fn, [xv, gv, bv], rng=np.random.RandomState(0))


def test_train_grad_op_verify_grad():
    axes = (0, 2)
    xv = RNG.randn(4, 3, 5)
    dyv = RNG.randn(4, 3, 5)
    scale = RNG.randn(1, 3, 1)
    mean = xv.mean(axis=axes, keepdims=True) + 0.1
    invstd = RNG.rand(1, 3, 1) + 0.5
    op = AbstractBatchNormTrainGrad(axes)
    for k in range(3):

        def fn(x, dy, s, m, r, k=k):
            bc = [T.addbroadcast(v, *axes) for v in (s, m, r)]
            return op(x, dy, *bc, 1e-4)[k] * 2.0

        verify_grad(fn, [xv, dyv, scale, mean, invstd], rng=np.random.RandomState(0))


def test_test_verify_grad():
    axes = (0, 2, 3)
    vals = (
        [RNG.randn(3, 2, 2, 3)]
        + [RNG.randn(1, 2, 1, 1) for _ in range(3)]
        + [RNG.rand(1, 2, 1, 1) + 0.5]
    )

    def fn(x, g, b, m, v):
        bc = [T.addbroadcast(t, *axes) for t in (g, b, m, v)]
        return 2.0 * batch_normalization_test(x, *bc, axes=axes)

    verify_grad(fn, vals, rng=np.random.RandomState(0))


def test_module_names():
    assert bn.batch_normalization is batch_normalization
    assert str(AbstractBatchNormTrain((0, 2))) == "AbstractBatchNormTrain{axes=(0, 2)}"
