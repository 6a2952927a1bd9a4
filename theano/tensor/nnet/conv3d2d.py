"""3-d convolution with the time-major layout of ``theano.tensor.nnet.conv3d2d.conv3d``.

Signals are ``(batch, time, channels, rows, cols)`` and filters ``(nkern, time, channels,
rows, cols)``.  Theano computed it as 2-d convolutions summed along diagonals; the numbers
are those of a true 3-d convolution (all three filter axes flipped), which is what this
module builds: ``AbstractConv3d`` between two axis permutations.
"""

from theano.tensor.basic import as_tensor_variable, get_scalar_constant_value
from theano.tensor.nnet.abstract_conv import AbstractConv3d

__all__ = ["conv3d"]

_MODES = ("valid", "full", "half")


def _pad(mode, length):
    if mode == "valid":
        return 0
    if mode == "full":
        return length - 1
    return length // 2


def conv3d(signals, filters, signals_shape=None, filters_shape=None, border_mode="valid"):
    """Convolve time-major 5-d signals with 5-d filters.

    Parameters
    ----------
    signals : 5-d tensor
        ``(batch, time, channels, rows, cols)``.
    filters : 5-d tensor
        ``(nkern, time, channels, rows, cols)``.
    signals_shape, filters_shape : tuple of 5, optional
        Constant shape hints in the same layouts.
    border_mode : str or (str, str, str)
        'valid', 'full' or 'half', for all axes or per (time, rows, cols); rows and cols
        must use the same mode.

    Returns
    -------
    5-d tensor
        ``(batch, out_time, nkern, out_rows, out_cols)``.
    """
    signals = as_tensor_variable(signals)
    filters = as_tensor_variable(filters)
    if signals.ndim != 5 or filters.ndim != 5:
        raise TypeError(
            f"conv3d2d.conv3d: signals and filters must be 5-d; got {signals.type} and "
            f"{filters.type}"
        )
    if isinstance(border_mode, str):
        border_mode = (border_mode,) * 3
    border_mode = tuple(border_mode)
    if len(border_mode) != 3 or any(m not in _MODES for m in border_mode):
        raise ValueError(f"invalid border mode {border_mode}: use 'valid', 'full' or 'half'")
    if border_mode[1] != border_mode[2]:
        raise NotImplementedError("height and width bordermodes must match")
    if border_mode[0] == border_mode[1]:
        mode = border_mode[0]
    else:
        # mixed modes need the filter lengths to spell the padding out
        if filters_shape is None or None in (filters_shape[1], filters_shape[3], filters_shape[4]):
            raise NotImplementedError(
                "conv3d2d.conv3d: different time and space border modes need filters_shape"
            )
        lengths = [int(get_scalar_constant_value(filters_shape[i])) for i in (1, 3, 4)]
        mode = tuple(_pad(m, n) for m, n in zip(border_mode, lengths))
    layout = (0, 2, 1, 3, 4)  # time-major <-> channels-first; its own inverse
    imshp = None if signals_shape is None else tuple(signals_shape[i] for i in layout)
    kshp = None if filters_shape is None else tuple(filters_shape[i] for i in layout)
    op = AbstractConv3d(imshp=imshp, kshp=kshp, border_mode=mode)
    out = op(signals.dimshuffle(*layout), filters.dimshuffle(*layout))
    return out.dimshuffle(*layout)
