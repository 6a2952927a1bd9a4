"""The old convolution interfaces: theano.tensor.nnet.conv (conv2d, ConvOp) and conv3d2d.

Values against scipy.signal.convolve2d (channels summed) and scipy.signal.convolve (3-d);
op strings, types and warnings as Theano 1.0.5 printed them.
"""

import warnings

import numpy as np
import pytest
import scipy.signal

import theano
import theano.link.py.dispatch.conv  # registers the renderers until dispatch/__init__ does
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.nnet import conv, conv3d2d
from theano.tensor.nnet.abstract_conv import AbstractConv2d_gradInputs, AbstractConv3d
from theano.tensor.nnet.conv import ConvOp


@pytest.fixture(autouse=True)
def _quiet_deprecation():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="theano.tensor.nnet.conv.conv2d is deprecated")
        yield


def scipy_conv(img, kern, mode, subsample=(1, 1)):
    out = np.array(
        [
            [
                sum(
                    scipy.signal.convolve2d(img[b, c], kern[k, c], mode=mode)
                    for c in range(img.shape[1])
                )
                for k in range(kern.shape[0])
            ]
            for b in range(img.shape[0])
        ]
    )
    return out[:, :, :: subsample[0], :: subsample[1]]


@pytest.mark.parametrize("border_mode", ["valid", "full"])
@pytest.mark.parametrize("subsample", [(1, 1), (2, 3)])
@pytest.mark.parametrize("shapes", [False, True])
def test_conv2d_values(border_mode, subsample, shapes):
    rng = np.random.RandomState(0)
    img, kern = rng.randn(2, 3, 7, 8), rng.randn(4, 3, 3, 2)
    hints = {"image_shape": img.shape, "filter_shape": kern.shape} if shapes else {}
    x, w = T.tensor4("x"), T.tensor4("w")
    y = conv.conv2d(x, w, border_mode=border_mode, subsample=subsample, **hints)
    assert isinstance(y.owner.op, ConvOp)
    res = theano.function([x, w], y)(img, kern)
    np.testing.assert_allclose(
        res, scipy_conv(img, kern, border_mode, subsample), rtol=1e-10, atol=1e-10
    )
    assert "_conv_op(" in theano.function([x, w], y).source


@pytest.mark.parametrize(
    "border_mode,subsample",
    [("valid", (1, 1)), ("full", (1, 1)), ("valid", (2, 1)), ("full", (1, 2))],
)
def test_conv2d_verify_grad(border_mode, subsample):
    rng = np.random.RandomState(1)
    img, kern = rng.randn(2, 2, 5, 6), rng.randn(3, 2, 2, 3)
    verify_grad(
        lambda x, w: conv.conv2d(x, w, border_mode=border_mode, subsample=subsample),
        [img, kern],
        rng=rng,
    )


def test_conv2d_gradient_ops_and_infer_shape():
    x, w = T.tensor4(), T.tensor4()
    y = conv.conv2d(x, w, border_mode="full", image_shape=(2, 3, 7, 8))
    gx, _ = theano.grad(y.sum(), [x, w])
    assert isinstance(gx.owner.op, AbstractConv2d_gradInputs)
    f = theano.function([x, w], y.shape)
    assert tuple(f(np.ones((2, 3, 7, 8)), np.ones((4, 3, 3, 2)))) == (2, 4, 9, 9)
    assert not any(isinstance(n.op, ConvOp) for n in f.maker.fgraph.toposort())


def test_deprecation_warning_and_op_string():
    x, w = T.tensor4("x"), T.tensor4("w")
    message = "theano.tensor.nnet.conv.conv2d is deprecated. Use theano.tensor.nnet.conv2d instead."
    with pytest.warns(UserWarning, match=message):
        y = conv.conv2d(x, w)
    assert str(y.owner.op) == (  # Theano 1.0.5
        "ConvOp{('imshp', (None, None, None)),('kshp', (None, None)),('nkern', None),"
        "('bsize', None),('dx', 1),('dy', 1),('out_mode', 'valid'),('unroll_batch', None),"
        "('unroll_kern', None),('unroll_patch', True),('imshp_logical', (None, None, None)),"
        "('kshp_logical', (None, None)),('kshp_logical_top_aligned', True)}"
    )
    assert y.broadcastable == (False,) * 4


def test_types():
    x32, w32 = T.ftensor4(), T.ftensor4()
    y = conv.conv2d(x32, w32)
    assert y.dtype == "float32"
    out = theano.function([x32, w32], y)(
        np.ones((1, 1, 3, 3), "float32"), np.ones((1, 1, 2, 2), "float32")
    )
    assert out.dtype == "float32" and np.all(out == 4)
    with pytest.raises(NotImplementedError, match="must have the same type"):
        conv.conv2d(x32, T.tensor4())
    with pytest.raises(TypeError, match="requires input be a 4D tensor"):
        conv.conv2d(T.matrix(), T.tensor4())
    # a known 1x1 output is broadcastable, as in Theano
    y1 = conv.conv2d(T.tensor4(), T.tensor4(), image_shape=(2, 1, 3, 3), filter_shape=(4, 1, 3, 3))
    assert y1.broadcastable == (False, False, True, True)


def test_shape_hint_errors():
    x, w = T.tensor4(), T.tensor4()
    with pytest.raises(ValueError, match="image_shape .* has 3 channels but filter_shape"):
        conv.conv2d(x, w, image_shape=(2, 3, 5, 5), filter_shape=(4, 2, 3, 3))
    with pytest.raises(T.basic.NotScalarConstantError, match="need that the shape"):
        conv.conv2d(x, w, image_shape=(T.iscalar(), 3, 5, 5))
    with pytest.raises(NotImplementedError, match="imshp_logical"):
        conv.conv2d(x, w, imshp_logical=(1, 10, 10))
    with pytest.raises(ValueError, match="Mode same not implemented"):
        conv.conv2d(x, w, border_mode="same")
    with pytest.raises(ValueError, match="bad size for the output shape"):
        conv.conv2d(x, w, image_shape=(2, 3, 2, 2), filter_shape=(4, 3, 3, 3))
    f = theano.function([x, w], conv.conv2d(x, w, image_shape=(2, 3, 5, 5)))
    # Theano 1.0.5's messages: the old op is specialised to the shapes it was given
    with pytest.raises(
        ValueError,
        match=r"The hardcoded shape for the number of rows in the "
        r"image \(5\) isn't the run time shape \(6\)",
    ):
        f(np.ones((2, 3, 6, 5)), np.ones((4, 3, 3, 3)))
    with pytest.raises(
        ValueError,
        match=r"hardcoded shape for the batch size \(2\) isn't the "
        r"run time shape \(1\)",
    ):
        f(np.ones((1, 3, 5, 5)), np.ones((4, 3, 3, 3)))
    g = theano.function([x, w], conv.conv2d(x, w))
    with pytest.raises(ValueError, match="images have 3 channels .* but the filters expect 2"):
        g(np.ones((2, 3, 5, 5)), np.ones((4, 2, 3, 3)))


def test_get_output_shape_static_method():
    with pytest.warns(UserWarning, match="getOutputShape"):
        assert ConvOp.getOutputShape((7, 8), (3, 2), (2, 3), "full") == (5, 3)


# -- conv3d2d ----------------------------------------------------------------------------


@pytest.mark.parametrize("border_mode", ["valid", "full", "half", ("full", "valid", "valid")])
def test_conv3d2d_is_a_true_3d_convolution(border_mode):
    rng = np.random.RandomState(2)
    sig, filt = rng.randn(2, 5, 3, 6, 7), rng.randn(4, 3, 3, 3, 2)  # (b, t, c, r, c)
    s, f = T.tensor5(), T.tensor5()
    y = conv3d2d.conv3d(s, f, filters_shape=filt.shape, border_mode=border_mode)
    res = theano.function([s, f], y)(sig, filt)
    modes = (border_mode,) * 3 if isinstance(border_mode, str) else border_mode
    pads = [{"valid": 0, "full": k - 1, "half": k // 2}[m] for m, k in zip(modes, (3, 3, 2))]
    padded = np.pad(sig, [(0, 0), (pads[0],) * 2, (0, 0), (pads[1],) * 2, (pads[2],) * 2])
    ref = np.array(
        [
            [
                sum(
                    scipy.signal.convolve(padded[b, :, c], filt[k, :, c], mode="valid")
                    for c in range(3)
                )
                for k in range(4)
            ]
            for b in range(2)
        ]
    )
    np.testing.assert_allclose(res, ref.transpose(0, 2, 1, 3, 4), rtol=1e-10, atol=1e-10)
    assert isinstance(y.owner.inputs[0].owner.op, AbstractConv3d)


def test_conv3d2d_errors_and_grad():
    s, f = T.tensor5(), T.tensor5()
    with pytest.raises(NotImplementedError, match="height and width bordermodes must match"):
        conv3d2d.conv3d(s, f, border_mode=("valid", "full", "valid"))
    with pytest.raises(NotImplementedError, match="need filters_shape"):
        conv3d2d.conv3d(s, f, border_mode=("full", "valid", "valid"))
    with pytest.raises(ValueError, match="invalid border mode"):
        conv3d2d.conv3d(s, f, border_mode="same")
    rng = np.random.RandomState(3)
    verify_grad(
        lambda a, b: conv3d2d.conv3d(a, b),
        [rng.randn(1, 3, 2, 4, 3), rng.randn(2, 2, 2, 2, 2)],
        rng=rng,
    )
