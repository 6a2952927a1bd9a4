"""Pooling under its pre-1.0 names (``theano.tensor.signal.downsample``), for old code.

Theano 1.0 moved everything to :mod:`theano.tensor.signal.pool`; this module maps the
old names (``max_pool_2d`` with ``ds``/``st``/``padding``, ``DownsampleFactorMax`` built
with its window) onto it.
"""

from theano.tensor.nnet.nnet import _warn_user
from theano.tensor.signal import pool
from theano.tensor.signal.pool import (
    AveragePoolGrad,
    DownsampleFactorMaxGradGrad,
    MaxPoolGrad,
    Pool,
    PoolGrad,
    max_pool_2d_same_size,
)


def max_pool_2d(input, ds, ignore_border=None, st=None, padding=(0, 0), mode="max"):
    """Pool the last two axes of ``input`` (old name of :func:`pool.pool_2d`).

    Parameters
    ----------
    input : N-d tensor, N >= 2
    ds : pair of ints
        Window size (``ws`` of pool_2d).
    ignore_border : bool
        Drop (True) or keep (False) partial windows; None warns and uses False.
    st : pair of ints
        Stride (default ``ds``).
    padding : pair of ints
        Zero padding on each side (needs ``ignore_border=True``).
    mode : {'max', 'sum', 'average_inc_pad', 'average_exc_pad'}
    """
    if ignore_border is None:
        _warn_user(
            "max_pool_2d() will have the parameter ignore_border default value changed to "
            "True (currently False). To have consistent behavior with all Theano version, "
            "explicitly add the parameter ignore_border=True. On the GPU, using "
            "ignore_border=True is needed to use cuDNN. When using ignore_border=False and "
            "not using cuDNN, the only GPU combination supported is when `ds == st and "
            "padding == (0, 0) and mode == 'max'`. Otherwise, the convolution will be "
            "executed on CPU."
        )
        ignore_border = False
    return pool.pool_2d(input, ws=ds, ignore_border=ignore_border, stride=st, pad=padding,
                        mode=mode)


class DownsampleFactorMax(Pool):
    """The pre-1.0 pooling op, built with its window: ``DownsampleFactorMax(ds, ...)(x)``.

    Calling it makes an ordinary :class:`Pool` node; ``ws``, ``stride`` and ``pad`` may
    still be passed as inputs, as with Pool.
    """

    __props__ = ("ds", "ignore_border", "st", "padding", "mode")

    def __init__(self, ds, ignore_border=False, st=None, padding=(0, 0), mode="max"):
        super().__init__(ignore_border, mode, ndim=len(ds))
        self.ds = tuple(ds)
        self.st = self.ds if st is None else tuple(st)
        self.padding = tuple(padding)

    def make_node(self, x, ws=None, stride=None, pad=None):
        if ws is None:
            ws, stride, pad = self.ds, self.st, self.padding
        return Pool(self.ignore_border, self.mode, self.ndim).make_node(x, ws, stride, pad)


class DownsampleFactorMaxGrad(MaxPoolGrad):
    """The pre-1.0 max-pool gradient op, built with its window: ``(ds, ...)(x, maxout, gz)``."""

    __props__ = ("ds", "ignore_border", "st", "padding", "mode")

    def __init__(self, ds, ignore_border, st=None, padding=(0, 0), mode="max"):
        super().__init__(ignore_border, ndim=len(ds))
        self.mode = mode
        self.ds = tuple(ds)
        self.st = self.ds if st is None else tuple(st)
        self.padding = tuple(padding)

    def make_node(self, x, maxout, gz, ws=None, stride=None, pad=None):
        if ws is None:
            ws, stride, pad = self.ds, self.st, self.padding
        if self.mode == "max":
            return MaxPoolGrad(self.ignore_border, self.ndim).make_node(x, maxout, gz, ws,
                                                                        stride, pad)
        grad_op = AveragePoolGrad(self.ignore_border, self.mode, self.ndim)
        return grad_op.make_node(x, gz, ws, stride, pad)


__all__ = [
    "AveragePoolGrad",
    "DownsampleFactorMax",
    "DownsampleFactorMaxGrad",
    "DownsampleFactorMaxGradGrad",
    "MaxPoolGrad",
    "PoolGrad",
    "max_pool_2d",
    "max_pool_2d_same_size",
]
