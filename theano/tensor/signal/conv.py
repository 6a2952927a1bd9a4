"""Plain 2-d image convolution (``theano.tensor.signal.conv.conv2d``), no channel summing.

Images are 2-d ``(rows, cols)`` or a 3-d stack ``(n_images, rows, cols)``; filters likewise
2-d or a 3-d stack.  Every image is convolved (true convolution, filters flipped) with every
filter, through the old ``ConvOp`` on 4-d views with one channel.
"""

import warnings

from theano.configparser import config
from theano.tensor.basic import as_tensor_variable
from theano.tensor.join import join, stack
from theano.tensor.nnet import conv as _conv
from theano.tensor.shape import flatten, reshape

__all__ = ["conv2d"]


def _as_4d(x, lead):
    shape = join(0, stack([lead, 1]), x.shape[-2:])
    return reshape(x, shape, ndim=4)


def conv2d(
    input,
    filters,
    image_shape=None,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    **kargs,
):
    """Convolve one image or a stack of images with one filter or a stack of filters.

    Parameters
    ----------
    input : 2-d or 3-d tensor
        ``([n_images,] rows, cols)``.
    filters : 2-d or 3-d tensor
        ``([n_filters,] krows, kcols)``.
    image_shape, filter_shape : tuple of 2 or 3, optional
        Constant shape hints (used only when both are given).
    border_mode : 'valid' or 'full'
        As ``scipy.signal.convolve2d``.
    subsample : (int, int)
        Strides.
    **kargs
        Passed on to :class:`theano.tensor.nnet.conv.ConvOp`.

    Returns
    -------
    tensor
        ``([n_images,] [n_filters,] out_rows, out_cols)``: a stack axis is present in the
        output only where it is present in the inputs.

    Examples
    --------
    >>> import numpy as np, theano, theano.tensor as T
    >>> img, k = T.matrix("img"), T.matrix("k")
    >>> f = theano.function([img, k], conv2d(img, k, border_mode="full"))
    >>> f(np.eye(2), np.array([[1.0, 2.0]]))
    array([[1., 2., 0.],
           [0., 1., 2.]])
    """
    input = as_tensor_variable(input)
    filters = as_tensor_variable(filters)
    if input.ndim not in (2, 3):
        raise TypeError(
            f"signal.conv.conv2d: input must be a 2-d image or a 3-d stack of images; got "
            f"{input.type}"
        )
    if filters.ndim not in (2, 3):
        raise TypeError(
            f"signal.conv.conv2d: filters must be a 2-d filter or a 3-d stack of filters; got "
            f"{filters.type}"
        )
    if image_shape and filter_shape:
        bsize = image_shape[0] if input.ndim == 3 else 1
        imshp = (1,) + tuple(image_shape[-2:])
        nkern = filter_shape[0] if filters.ndim == 3 else 1
        kshp = tuple(filter_shape[-2:])
    else:
        bsize = imshp = nkern = kshp = None
    input4d = _as_4d(input, input.shape[0] if input.ndim == 3 else 1)
    filters4d = _as_4d(filters, filters.shape[0] if filters.ndim == 3 else 1)
    op = _conv._conv_op(border_mode, subsample, imshp, kshp, nkern, bsize, kargs)
    output = op(input4d, filters4d)
    # drop the stack axes the inputs did not have
    if input.ndim == 2 and filters.ndim == 2:
        if config.warn.signal_conv2d_interface:
            warnings.warn(
                "theano.tensor.signal.conv2d() now outputs a 2d tensor when both inputs are "
                "2d. To disable this warning, set the Theano flag "
                "warn.signal_conv2d_interface to False",
                stacklevel=2,
            )
        output = flatten(output.T, ndim=2).T
    elif input.ndim == 2 or filters.ndim == 2:
        output = flatten(output.T, ndim=3).T
    return output
