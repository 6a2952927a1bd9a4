"""The NumPy meaning of the convolution ops: im2col and one BLAS product per group.

The padded input is viewed as strided, dilated windows (``sliding_window_view``, no copy),
copied once into a matrix with one column per output pixel (im2col), and multiplied by the
filter matrix: a single BLAS call per group for the forward pass and for the gradient wrt the
filters.  The gradient wrt the input multiplies back and scatters the columns with one strided
add per filter tap (col2im).  No Python loop runs over images or pixels; batches whose im2col
matrix would be very large are processed in chunks of images.  ``perform`` of the ops in
``abstract_conv`` and the py backend's renderers both call these functions.
"""

import itertools

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from theano.configparser import config

__all__ = ["conv_forward_value", "conv_grad_inputs_value", "conv_grad_weights_value"]


def _axis_pads(border_mode, dil_kernel):
    """(left, right) zero padding of one axis for ``border_mode`` and a dilated kernel size."""
    if border_mode == "half":
        return dil_kernel // 2, dil_kernel // 2
    if border_mode == "full":
        return dil_kernel - 1, dil_kernel - 1
    if border_mode == "valid":
        return 0, 0
    if isinstance(border_mode, tuple):
        left, right = border_mode
    else:
        left = right = border_mode
    if left < 0 or right < 0:
        raise ValueError(f"border_mode must be >= 0; got {border_mode}")
    return left, right


def _per_axis(border_mode, convdim):
    if isinstance(border_mode, tuple):
        return border_mode
    return (border_mode,) * convdim


def _work_dtype(*arrays):
    dtype = np.result_type(*arrays)
    return np.dtype("float32") if dtype == np.float16 else dtype


def _pads(border_mode, kshp, dilation):
    return [
        _axis_pads(m, (k - 1) * d + 1)
        for m, k, d in zip(_per_axis(border_mode, len(kshp)), kshp, dilation)
    ]


def _flip(kern, convdim):
    return kern[(Ellipsis,) + (slice(None, None, -1),) * convdim]


def _out_spatial(op, spatial, kshp, pads):
    out = []
    for n, k, (left, right), s, d in zip(spatial, kshp, pads, op.subsample, op.filter_dilation):
        dil_k = (k - 1) * d + 1
        length = (n + left + right - dil_k) // s + 1
        if length < 0:
            raise ValueError(
                f"{type(op).__name__}: the filter (length {k}, dilated to {dil_k}) does not fit "
                f"the padded input (length {n} padded to {n + left + right})"
            )
        out.append(length)
    return tuple(out)


def _patches(op, img, kshp, pads, work):
    """im2col: the (groups, Cg * prod(kshp), batch * prod(out)) matrix of input windows."""
    convdim = op.convdim
    batch, nchan = img.shape[:2]
    out = _out_spatial(op, img.shape[2:], kshp, pads)
    ncols = batch * int(np.prod(out))
    if ncols == 0:
        return np.zeros((op.num_groups, nchan // op.num_groups * int(np.prod(kshp)), 0), work), out
    if any(p != (0, 0) for p in pads):
        padded = np.zeros(
            (batch, nchan) + tuple(n + lo + hi for n, (lo, hi) in zip(img.shape[2:], pads)),
            dtype=work,
        )
        padded[
            (slice(None), slice(None))
            + tuple(slice(lo, lo + n) for n, (lo, _) in zip(img.shape[2:], pads))
        ] = img
        img = padded
    dil_k = tuple((k - 1) * d + 1 for k, d in zip(kshp, op.filter_dilation))
    view = sliding_window_view(img, dil_k, axis=tuple(range(2, 2 + convdim)))
    view = view[
        (slice(None), slice(None))
        + tuple(slice(None, None, s) for s in op.subsample)
        + tuple(slice(None, None, d) for d in op.filter_dilation)
    ]
    # (batch, C, *out, *k) -> (C, *k, batch, *out): the one copy of im2col (and the cast)
    perm = (1,) + tuple(range(2 + convdim, 2 + 2 * convdim)) + (0,) + tuple(range(2, 2 + convdim))
    cols = _copy(view.transpose(perm), work)
    return cols.reshape(op.num_groups, -1, ncols), out


def _copy(view, dtype):
    """A C-contiguous copy of ``view`` as ``dtype`` (copyto beats asarray on strided views)."""
    out = np.empty(view.shape, dtype=dtype)
    np.copyto(out, view, casting="unsafe")
    return out


def _channels_first(x, work, groups):
    """(batch, C, *sp) -> (groups, C // groups, batch * prod(sp)), contiguous, as ``work``."""
    y = _copy(x.transpose((1, 0) + tuple(range(2, x.ndim))), work)
    return y.reshape(groups, x.shape[1] // groups, -1)


def _batch_first(y, out_channels, batch, spatial, dtype):
    """(C, batch * prod(sp)) -> contiguous (batch, C, *sp) of ``dtype``."""
    y = y.reshape((out_channels, batch) + tuple(spatial))
    return _copy(y.transpose((1, 0) + tuple(range(2, y.ndim))), dtype)


# Elements of one im2col matrix; larger batches are convolved in chunks of images so that
# memory stays bounded (LeNet's layers at batch 500 fit in one chunk).
_MAX_COLS = 1 << 25


def _chunks(batch, kshp, nchan, out):
    """Batch slices whose im2col matrices stay under ``_MAX_COLS`` (one slice if they fit)."""
    per_image = max(1, nchan * int(np.prod(kshp)) * int(np.prod(out)))
    step = max(1, _MAX_COLS // per_image)
    if batch <= step:
        return None
    return [slice(i, i + step) for i in range(0, batch, step)]


def _gemm(a, b):
    """Batched (per group) matrix product; one plain BLAS call when there is one group."""
    if a.shape[0] == 1:
        return (a[0] @ b[0])[None]
    return np.matmul(a, b)


def _check_given_shape(op, value, given, what, attr):
    # Like Theano, the hints are checked only under config.conv.assert_shape: by default a
    # batch of another size (say, one image to classify) goes through.
    if not config.conv.assert_shape:
        return
    for i, (actual, expected) in enumerate(zip(value.shape, given)):
        if expected is not None and actual != expected:
            raise ValueError(
                f"{type(op).__name__}: shape of {what} {value.shape} does not match the given "
                f"{attr} {tuple(given)} (dimension {i}: {actual} != {expected})"
            )


def _check_ndim(op, value, ndim, what):
    if value.ndim != ndim:
        raise ValueError(f"{type(op).__name__}: {what} must be {ndim}-d; got shape {value.shape}")


def _check_groups(op, nchan, kern_chan, nkern, kern_shape, img_what):
    groups = op.num_groups
    if nchan % groups != 0:
        raise ValueError(
            f"{type(op).__name__}: number of input channels must be divisible by num_groups "
            f"({nchan} channels, num_groups={groups})"
        )
    if nkern % groups != 0:
        raise ValueError(
            f"{type(op).__name__}: number of filters must be divisible by num_groups "
            f"({nkern} filters, num_groups={groups})"
        )
    if nchan != kern_chan * groups:
        raise ValueError(
            f"{type(op).__name__}: the {img_what} has {nchan} channels but the filters of shape "
            f"{kern_shape} expect {kern_chan} channels per group x num_groups={groups} = "
            f"{kern_chan * groups}"
        )


def _check_unshared(op, kern, out):
    convdim = op.convdim
    if tuple(kern.shape[1 : 1 + convdim]) != tuple(out):
        raise ValueError(
            f"{type(op).__name__}: unshared filters of shape {kern.shape} must have one filter "
            f"per output position: dimensions 1..{convdim} should be {tuple(out)}"
        )


def conv_forward_value(op, img, kern, dtype):
    """``op``'s convolution of ``img`` by ``kern`` (NumPy arrays), returned as ``dtype``."""
    convdim = op.convdim
    _check_ndim(op, img, 2 + convdim, "the image")
    _check_ndim(op, kern, 2 + (2 if op.unshared else 1) * convdim, "the filters")
    _check_given_shape(op, img, op.imshp, "image", "imshp")
    _check_given_shape(op, kern, op.kshp, "filters", "kshp")
    batch, nchan = img.shape[:2]
    nkern = kern.shape[0]
    _check_groups(op, nchan, kern.shape[-convdim - 1], nkern, kern.shape, "image")
    kshp = kern.shape[-convdim:]
    pads = _pads(op.border_mode, kshp, op.filter_dilation)
    chunks = _chunks(batch, kshp, nchan, _out_spatial(op, img.shape[2:], kshp, pads))
    if chunks:
        return np.concatenate([conv_forward_value(op, img[c], kern, dtype) for c in chunks])
    if op.filter_flip:
        kern = _flip(kern, convdim)
    work = _work_dtype(img, kern)
    cols, out = _patches(op, img, kshp, pads, work)
    groups = op.num_groups
    if op.unshared:
        _check_unshared(op, kern, out)
        npos = int(np.prod(out))
        w = kern.astype(work, copy=False).reshape(groups, nkern // groups, npos, -1)
        cols = cols.reshape(groups, cols.shape[1], batch, npos)
        y = np.einsum("golk,gkbl->gobl", w, cols, optimize=True)
    else:
        y = _gemm(kern.astype(work, copy=False).reshape(groups, nkern // groups, -1), cols)
    return _batch_first(y, nkern, batch, out, dtype)


def _shape_tuple(shape, convdim, op, what):
    shape = tuple(int(s) for s in np.asarray(shape).reshape(-1))
    if len(shape) != convdim:
        raise ValueError(
            f"{type(op).__name__}: the {what} shape must have {convdim} entries; got {shape}"
        )
    return shape


def _check_topgrad(op, topgrad, expected, what):
    if tuple(topgrad.shape) != tuple(expected):
        raise ValueError(
            f"{type(op).__name__}: the output gradient has shape {topgrad.shape} but a "
            f"convolution of the {what} gives {tuple(expected)}"
        )


def conv_grad_weights_value(op, img, topgrad, shape, dtype):
    """Gradient of ``op``'s convolution wrt the filters (spatial shape ``shape``)."""
    convdim = op.convdim
    _check_ndim(op, img, 2 + convdim, "the image")
    _check_ndim(op, topgrad, 2 + convdim, "the output gradient")
    _check_given_shape(op, img, op.imshp, "image", "imshp")
    kshp = _shape_tuple(shape, convdim, op, "filter")
    batch, nchan = img.shape[:2]
    nkern = topgrad.shape[1]
    groups = op.num_groups
    _check_groups(op, nchan, nchan // groups, nkern, "(computed)", "image")
    work = _work_dtype(img, topgrad)
    pads = _pads(op.border_mode, kshp, op.filter_dilation)
    chunks = _chunks(batch, kshp, nchan, _out_spatial(op, img.shape[2:], kshp, pads))
    if chunks and topgrad.shape[0] == batch:
        total = sum(conv_grad_weights_value(op, img[c], topgrad[c], shape, work) for c in chunks)
        return np.asarray(total, dtype=dtype)
    cols, out = _patches(op, img, kshp, pads, work)
    _check_topgrad(op, topgrad, (batch, nkern) + out, f"image {img.shape} by {kshp} filters")
    gy = _channels_first(topgrad, work, groups)
    if op.unshared:
        npos = int(np.prod(out))
        gw = np.einsum(
            "gobl,gkbl->golk",
            gy.reshape(groups, -1, batch, npos),
            cols.reshape(groups, cols.shape[1], batch, npos),
            optimize=True,
        )
        gw = gw.reshape((nkern,) + out + (nchan // groups,) + kshp)
    else:
        gw = _gemm(gy, cols.transpose(0, 2, 1)).reshape((nkern, nchan // groups) + kshp)
    if op.filter_flip:
        gw = _flip(gw, convdim)
    return np.asarray(gw, dtype=dtype, order="C")


def conv_grad_inputs_value(op, kern, topgrad, shape, dtype):
    """Gradient of ``op``'s convolution wrt the input (spatial shape ``shape``)."""
    convdim = op.convdim
    _check_ndim(op, kern, 2 + (2 if op.unshared else 1) * convdim, "the filters")
    _check_ndim(op, topgrad, 2 + convdim, "the output gradient")
    _check_given_shape(op, kern, op.kshp, "filters", "kshp")
    imshp = _shape_tuple(shape, convdim, op, "image")
    batch, nkern = topgrad.shape[:2]
    if kern.shape[0] != nkern:
        raise ValueError(
            f"{type(op).__name__}: the output gradient has {nkern} channels but there are "
            f"{kern.shape[0]} filters (filters shape {kern.shape})"
        )
    groups = op.num_groups
    kern_chan = kern.shape[-convdim - 1]
    nchan = kern_chan * groups
    _check_groups(op, nchan, kern_chan, nkern, kern.shape, "image")
    kshp = kern.shape[-convdim:]
    pads = _pads(op.border_mode, kshp, op.filter_dilation)
    out = _out_spatial(op, imshp, kshp, pads)
    _check_topgrad(op, topgrad, (batch, nkern) + out, f"image of spatial shape {imshp}")
    if op.unshared:
        _check_unshared(op, kern, out)
    chunks = _chunks(batch, kshp, nchan, out)
    if chunks:
        return np.concatenate(
            [conv_grad_inputs_value(op, kern, topgrad[c], shape, dtype) for c in chunks]
        )
    if op.filter_flip:
        kern = _flip(kern, convdim)
    work = _work_dtype(kern, topgrad)
    gy = _channels_first(topgrad, work, groups)
    if op.unshared:
        npos = int(np.prod(out))
        w = kern.astype(work, copy=False).reshape(groups, nkern // groups, npos, -1)
        gcols = np.einsum("golk,gobl->gkbl", w, gy.reshape(groups, -1, batch, npos), optimize=True)
    else:
        w = kern.astype(work, copy=False).reshape(groups, nkern // groups, -1)
        gcols = _gemm(w.transpose(0, 2, 1), gy)
    gcols = gcols.reshape((nchan,) + kshp + (batch,) + out)
    padded_shape = tuple(n + lo + hi for n, (lo, hi) in zip(imshp, pads))
    grad = np.zeros((nchan, batch) + padded_shape, dtype=work)
    if batch and all(out):
        # col2im: every filter tap scatters its column block back with one strided add
        for taps in itertools.product(*[range(k) for k in kshp]):
            target = tuple(
                slice(t * d, t * d + s * (o - 1) + 1, s)
                for t, d, s, o in zip(taps, op.filter_dilation, op.subsample, out)
            )
            grad[(slice(None), slice(None)) + target] += gcols[(slice(None),) + taps]
    grad = grad[
        (slice(None), slice(None)) + tuple(slice(lo, lo + n) for n, (lo, _) in zip(imshp, pads))
    ]
    return np.asarray(grad.transpose((1, 0) + tuple(range(2, 2 + convdim))), dtype=dtype, order="C")
