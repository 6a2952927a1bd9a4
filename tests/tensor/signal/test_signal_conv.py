"""theano.tensor.signal.conv.conv2d: 2-d/3-d images with one or a stack of filters.

Values against scipy.signal.convolve2d; output ranks and broadcastable patterns as Theano
1.0.5 gave them.
"""

import warnings

import numpy as np
import pytest
import scipy.signal

import theano
import theano.link.py.dispatch.conv  # registers the renderers until dispatch/__init__ does
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.signal import conv


def tensor(ndim):
    return T.TensorType("float64", (False,) * ndim)()


def reference(img, filt, mode, subsample=(1, 1)):
    imgs = img if img.ndim == 3 else img[None]
    filts = filt if filt.ndim == 3 else filt[None]
    out = np.array(
        [
            [
                scipy.signal.convolve2d(i, f, mode=mode)[:: subsample[0], :: subsample[1]]
                for f in filts
            ]
            for i in imgs
        ]
    )
    if filt.ndim == 2:
        out = out[:, 0]
    if img.ndim == 2:
        out = out[0]
    return out


# Theano 1.0.5 shapes for images (3,) 7, 8 and filters (2,) 3, 2
@pytest.mark.parametrize(
    "img_ndim,filt_ndim,valid_shape,full_shape",
    [
        (2, 2, (5, 7), (9, 9)),
        (2, 3, (2, 5, 7), (2, 9, 9)),
        (3, 2, (3, 5, 7), (3, 9, 9)),
        (3, 3, (3, 2, 5, 7), (3, 2, 9, 9)),
    ],
)
@pytest.mark.parametrize("hints", [False, True])
def test_values_and_ranks(img_ndim, filt_ndim, valid_shape, full_shape, hints):
    rng = np.random.RandomState(0)
    img = rng.randn(*(3, 7, 8)[3 - img_ndim :])
    filt = rng.randn(*(2, 3, 2)[3 - filt_ndim :])
    x, w = tensor(img_ndim), tensor(filt_ndim)
    for mode, shape in (("valid", valid_shape), ("full", full_shape)):
        kwargs = {"image_shape": img.shape, "filter_shape": filt.shape} if hints else {}
        y = conv.conv2d(x, w, border_mode=mode, **kwargs)
        assert y.broadcastable == (False,) * len(shape)
        res = theano.function([x, w], y)(img, filt)
        assert res.shape == shape
        np.testing.assert_allclose(res, reference(img, filt, mode), rtol=1e-10, atol=1e-10)


def test_subsample_and_grad():
    rng = np.random.RandomState(1)
    img, filt = rng.randn(2, 7, 6), rng.randn(3, 2, 3)
    x, w = tensor(3), tensor(3)
    res = theano.function([x, w], conv.conv2d(x, w, border_mode="full", subsample=(2, 3)))(
        img, filt
    )
    np.testing.assert_allclose(res, reference(img, filt, "full", (2, 3)), rtol=1e-10)
    verify_grad(lambda a, b: conv.conv2d(a, b), [img, filt], rng=rng)
    verify_grad(lambda a, b: conv.conv2d(a, b, border_mode="full"), [img[0], filt[0]], rng=rng)


def test_float32_and_errors():
    x, w = T.fmatrix(), T.fmatrix()
    out = theano.function([x, w], conv.conv2d(x, w))(
        np.ones((3, 3), "float32"), np.ones((2, 2), "float32")
    )
    assert out.dtype == "float32" and out.shape == (2, 2) and np.all(out == 4)
    with pytest.raises(TypeError, match="input must be a 2-d image or a 3-d stack"):
        conv.conv2d(T.tensor4(), w)
    with pytest.raises(TypeError, match="filters must be a 2-d filter or a 3-d stack"):
        conv.conv2d(x, T.vector())


def test_interface_warning_flag():
    x, w = T.matrix(), T.matrix()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conv.conv2d(x, w)  # off by default (warn.ignore_bug_before)
    flag = theano.change_flags(**{"warn.signal_conv2d_interface": True})
    with flag, pytest.warns(UserWarning, match="now outputs a 2d tensor"):
        conv.conv2d(x, w)
