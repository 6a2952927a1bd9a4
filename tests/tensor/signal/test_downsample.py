"""theano.tensor.signal.downsample: the pre-1.0 pooling names used by old course code."""

import warnings

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.pool  # registers the renderers (until dispatch does)
import theano.tensor as T
from theano.tensor.signal import downsample, pool
from theano.tensor.signal.downsample import (
    DownsampleFactorMax,
    DownsampleFactorMaxGrad,
    max_pool_2d,
)

RNG = np.random.RandomState(7)


def test_max_pool_2d_positional_like_handout():
    # handout 004: downsample.max_pool_2d(input=conv_out, ds=poolsize, ignore_border=True)
    x = T.dtensor4("x")
    xv = RNG.randn(2, 3, 6, 5)
    y = max_pool_2d(input=x, ds=(2, 2), ignore_border=True)
    assert isinstance(y.owner.op, pool.Pool)
    res = theano.function([x], y)(xv)
    np.testing.assert_allclose(res, xv[:, :, :6, :4].reshape(2, 3, 3, 2, 2, 2).max(axis=(3, 5)))
    y2 = max_pool_2d(x, (3, 2), True, (1, 2), (1, 1), "average_exc_pad")
    y3 = pool.pool_2d(x, (3, 2), True, (1, 2), (1, 1), "average_exc_pad")
    a, b = theano.function([x], [y2, y3])(xv)
    np.testing.assert_allclose(a, b)


def test_max_pool_2d_ignore_border_default_warns():
    x = T.dtensor4("x")
    with pytest.warns(UserWarning) as rec:
        y = max_pool_2d(x, (2, 2))
    assert len(rec) == 1
    msg = str(rec[0].message)
    assert msg.startswith("max_pool_2d() will have the parameter ignore_border default")
    assert "`ds == st and padding == (0, 0) and mode == 'max'`" in msg
    assert theano.function([x], y)(np.zeros((1, 1, 5, 5))).shape == (1, 1, 3, 3)


def test_downsample_factor_max_old_constructor():
    x = T.dtensor4("x")
    op = DownsampleFactorMax((2, 2), ignore_border=True)
    y = op(x)
    assert type(y.owner.op) is pool.Pool
    assert y.owner.op == pool.Pool(True, "max", 2)
    xv = RNG.randn(1, 2, 4, 6)
    np.testing.assert_allclose(theano.function([x], y)(xv),
                               xv.reshape(1, 2, 2, 2, 3, 2).max(axis=(3, 5)))
    assert DownsampleFactorMax.out_shape((1, 2, 5, 5), (2, 2), False) == [1, 2, 3, 3]
    y2 = DownsampleFactorMax((3, 3), True, st=(1, 1), padding=(1, 1), mode="sum")(x)
    assert theano.function([x], y2)(xv).shape == (1, 2, 4, 6)


def test_downsample_factor_max_grad_old_constructor():
    x = T.dtensor4("x")
    xv = RNG.randn(1, 2, 4, 6)
    z = pool.pool_2d(x, (2, 2), ignore_border=True)
    g = DownsampleFactorMaxGrad((2, 2), True)(x, z, z)
    assert type(g.owner.op) is pool.MaxPoolGrad
    same = pool.max_pool_2d_same_size(x, (2, 2))
    a, b = theano.function([x], [g, same])(xv)
    np.testing.assert_allclose(a, b)


def test_module_exports():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert downsample.max_pool_2d_same_size is pool.max_pool_2d_same_size
    assert downsample.MaxPoolGrad is pool.MaxPoolGrad
    assert downsample.DownsampleFactorMaxGradGrad is pool.DownsampleFactorMaxGradGrad
