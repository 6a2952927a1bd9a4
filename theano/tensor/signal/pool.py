"""Pooling over the last N axes (``theano.tensor.signal.pool``): max, sum and two averages.

The kernels never loop over images or pixels.  A window reduction is separable, so the
forward pass pools one axis at a time; on each axis it loops only over the few offsets
inside a window, each offset being one strided NumPy operation over every window at
once.  Padding is never materialised: an offset simply skips the windows whose element
would fall in the padding.  The max-pool gradients (not separable) loop over the offsets
of the whole window, or work on a reshaped view when windows tile the input.
"""

import itertools

import numpy as np

from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.scalar.basic import int_dtypes
from theano.tensor.alloc import zeros_like
from theano.tensor.basic import (
    NotScalarConstantError,
    as_tensor_variable,
    get_scalar_constant_value,
    get_vector_length,
)
from theano.tensor.math import ge, maximum, switch
from theano.tensor.nnet.nnet import _warn_user
from theano.tensor.type import TensorType

_MODES = ("max", "sum", "average_inc_pad", "average_exc_pad")


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


# -- arguments ----------------------------------------------------------------------------


def _resolve_deprecated(ws, stride, pad, ds, st, padding, zero_pad, where=""):
    """Map the deprecated ``ds``/``st``/``padding`` names onto ``ws``/``stride``/``pad``."""
    if ds is not None:
        if ws is not None:
            raise ValueError(
                "You can't provide a tuple value to both 'ws' and 'ds'."
                " Please provide a value only to 'ws'."
            )
        _warn_user(
            f"DEPRECATION: the 'ds' parameter{where} is not going to exist anymore as it is "
            "going to be replaced by the parameter 'ws'."
        )
        ws = ds
    elif ws is None:
        raise ValueError("You must provide a tuple value for the window size.")
    if st is not None:
        if stride is not None:
            raise ValueError(
                "You can't provide a tuple value to both 'st and 'stride'."
                " Please provide a value only to 'stride'."
            )
        _warn_user(
            f"DEPRECATION: the 'st' parameter{where} is not going to exist anymore as it is "
            "going to be replaced by the parameter 'stride'."
        )
        stride = st
    if padding is not None:
        if not _is_zero_pad(pad, zero_pad):
            raise ValueError(
                "You can't provide a tuple value to both 'padding' and pad."
                "  Please provide a value only to pad."
            )
        _warn_user(
            f"DEPRECATION: the 'padding' parameter{where} is not going to exist anymore as it "
            "is going to be replaced by the parameter 'pad'."
        )
        pad = padding
    return ws, stride, pad


def _is_zero_pad(pad, zero_pad):
    if pad is None:
        return True
    if isinstance(pad, (tuple, list)):
        return tuple(pad) == zero_pad
    return False


def _int_or_var(v):
    """A Python int when ``v`` is (or folds to) a constant, else the variable itself."""
    if isinstance(v, (int, np.integer)):
        return int(v)
    try:
        return int(get_scalar_constant_value(v))
    except (NotScalarConstantError, TypeError, ValueError):
        return v


def _entries(v, nd):
    """The ``nd`` entries of a window parameter: Python ints where known, else scalars."""
    if isinstance(v, Constant):
        v = v.data
    if isinstance(v, (tuple, list, np.ndarray)):
        return [_int_or_var(v[i]) for i in range(nd)]
    return [v[i] for i in range(nd)]


def _out_len(v, w, s, ignore_border):
    """Number of windows along one axis of (padded) length ``v``; ints or variables."""
    if isinstance(w, Variable) or isinstance(s, Variable):
        if ignore_border:
            return maximum((v - w) // s + 1, 0)
        return switch(ge(s, w), (v - 1) // s + 1, maximum(0, (v - 1 - w) // s + 1) + 1)
    if not isinstance(v, Variable):
        if ignore_border:
            return max((v - w) // s + 1, 0)
        if s >= w:
            return (v - 1) // s + 1
        return max(0, (v - 1 - w + s) // s) + 1
    # symbolic length, constant window: fold the constants into one term
    if ignore_border:
        if w == s:
            return v // s
        return maximum(_shift_div(v, s - w, s), 0)
    if s >= w:
        return _shift_div(v, s - 1, s)
    return maximum(_shift_div(v, s - w - 1, s), 0) + 1


def _shift_div(v, c, s):
    """``(v + c) // s`` for a symbolic ``v`` and ints ``c``, ``s``, without no-op terms."""
    if c:
        v = v + c
    return v // s if s != 1 else v


def _out_shape(imgshape, ws, ignore_border, stride, pad, ndim):
    if ndim is None:
        ndim = 2
    if ndim <= 0:
        raise ValueError(f"ndim must be positive, got {ndim}")
    if isinstance(imgshape, Variable):  # a shape vector such as x.shape
        imgshape = [imgshape[i] for i in range(get_vector_length(imgshape))]
    if len(imgshape) < ndim:
        raise TypeError(f"imgshape must have at least {ndim} dimensions")
    if stride is None:
        stride = ws
    if pad is None:
        pad = (0,) * ndim
    ws = _entries(ws, ndim)
    stride = _entries(stride, ndim)
    pad = _entries(pad, ndim)
    out = []
    for i in range(ndim):
        v = _int_or_var(imgshape[len(imgshape) - ndim + i])
        if not isinstance(pad[i], int) or pad[i]:
            v = v + pad[i] * 2
        out.append(_out_len(v, ws[i], stride[i], ignore_border))
    return list(imgshape[:-ndim]) + out


def _params(ws, stride, pad, nd, opname):
    """``ws``, ``stride``, ``pad`` as tuples of ``nd`` Python ints, checked."""
    vals = []
    for name, v in (("ws", ws), ("stride", stride), ("pad", pad)):
        if not isinstance(v, tuple):
            v = np.asarray(v)
            if v.shape != (nd,):
                raise ValueError(f"{opname}: {name} must hold {nd} values, got {v.tolist()}")
            v = tuple(int(i) for i in v)
        elif len(v) != nd:
            raise ValueError(f"{opname}: {name} must hold {nd} values, got {list(v)}")
        vals.append(v)
    ws, stride, pad = vals
    if min(ws) < 1 or min(stride) < 1 or min(pad) < 0:
        raise ValueError(
            f"{opname}: window sizes and strides must be >= 1 and pads >= 0; got ws={ws}, "
            f"stride={stride}, pad={pad}"
        )
    return ws, stride, pad


def _check_nd(x, nd, opname):
    if x.ndim < nd:
        raise NotImplementedError(
            f"{opname} requires input with {nd} or more dimensions; got shape {x.shape}"
        )


# -- NumPy kernels --------------------------------------------------------------------------


def _axis_plan(v, w, s, p, o):
    """How the ``w`` offsets of a window read one axis of length ``v`` (padded by ``p``).

    For offset ``a``, windows ``j0 .. j0 + n - 1`` read input elements ``i0, i0 + s, ...``
    (``n`` of them); windows whose element falls in the padding or past the end are left out.
    """
    plan = []
    for a in range(w):
        lo = max(-((a - p) // s), 0)  # first j with j*s + a - p >= 0
        hi = min((v - 1 + p - a) // s, o - 1)  # last j with j*s + a - p <= v - 1
        if hi >= lo:
            plan.append((lo * s + a - p, lo, hi - lo + 1))
    return plan


def _take(axis, sl):
    return (slice(None),) * axis + (sl,)


def _in_slice(i0, n, s):
    return slice(i0, i0 + (n - 1) * s + 1, s)


def _lowest(dtype):
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind in "iu":
        return np.iinfo(dtype).min
    return False


def _pool_axis(x, axis, plan, o, s, reduce_max):
    """Max or sum over the windows along ``axis`` (one strided operation per offset)."""
    shape = list(x.shape)
    shape[axis] = o
    full = next((k for k, (_, j0, n) in enumerate(plan) if j0 == 0 and n == o), None)
    if full is not None:
        i0, _, n = plan[full]
        out = x[_take(axis, _in_slice(i0, n, s))].copy()
    else:
        out = np.full(shape, _lowest(x.dtype) if reduce_max else 0, dtype=x.dtype)
    for k, (i0, j0, n) in enumerate(plan):
        if k == full:
            continue
        src = x[_take(axis, _in_slice(i0, n, s))]
        dst = out[_take(axis, slice(j0, j0 + n))]
        if reduce_max:
            np.maximum(dst, src, out=dst)
        else:
            np.add(dst, src, out=dst)
    return out


def _unpool_axis(g, axis, plan, v, s):
    """Adjoint of the windowed sum along ``axis``: spread each window's value back."""
    shape = list(g.shape)
    shape[axis] = v
    out = np.zeros(shape, dtype=g.dtype)
    for i0, j0, n in plan:
        dst = out[_take(axis, _in_slice(i0, n, s))]
        np.add(dst, g[_take(axis, slice(j0, j0 + n))], out=dst)
    return out


def _divisor(shape_in, out_sp, ws, stride, pad, mode, ignore_border):
    """The number each window's sum is divided by, broadcastable over the pooled axes."""
    if mode == "average_inc_pad" and ignore_border:
        return float(np.prod(ws))
    div = np.ones((), dtype="float64")
    for v, o, w, s, p in zip(shape_in, out_sp, ws, stride, pad):
        start = np.arange(o) * s
        if mode == "average_inc_pad":
            count = np.minimum(start + w, v + 2 * p) - start
        else:  # padding is left out of the count
            count = np.minimum(start + w, v + p) - np.maximum(start, p)
        div = np.multiply.outer(div, np.maximum(count, 1))
    return div


def _geometry(x_shape, ws, stride, pad, ignore_border, nd):
    shape_in = x_shape[len(x_shape) - nd:]
    out_sp = tuple(
        _out_len(v + 2 * p, w, s, ignore_border)
        for v, w, s, p in zip(shape_in, ws, stride, pad)
    )
    return shape_in, out_sp


def _plans(shape_in, out_sp, ws, stride, pad):
    return [_axis_plan(v, w, s, p, o) for v, w, s, p, o in zip(shape_in, ws, stride, pad, out_sp)]


def _pool_kernel(x, ws, stride, pad, ignore_border, mode, nd):
    """Pool the last ``nd`` axes of ``x``: Theano's Pool, in x's dtype."""
    x = np.asarray(x)
    _check_nd(x, nd, "Pool")
    ws, stride, pad = _params(ws, stride, pad, nd, "Pool")
    shape_in, out_sp = _geometry(x.shape, ws, stride, pad, ignore_border, nd)
    lead = x.ndim - nd
    if min(out_sp, default=1) == 0 or x.size == 0:
        return np.zeros(x.shape[:lead] + out_sp, dtype=x.dtype)
    plans = _plans(shape_in, out_sp, ws, stride, pad)
    out = x
    for k in range(nd):
        out = _pool_axis(out, lead + k, plans[k], out_sp[k], stride[k], mode == "max")
    if mode in ("max", "sum"):
        return out
    div = _divisor(shape_in, out_sp, ws, stride, pad, mode, ignore_border)
    if x.dtype.kind == "f":
        out /= np.asarray(div, dtype=x.dtype)
        return out
    return (out / div).astype(x.dtype)


def _average_pool_grad_kernel(x, gz, ws, stride, pad, ignore_border, mode, nd):
    """Gradient of sum/average pooling: each window's gradient spread over its elements."""
    x = np.asarray(x)
    gz = np.asarray(gz)
    _check_nd(x, nd, "AveragePoolGrad")
    ws, stride, pad = _params(ws, stride, pad, nd, "AveragePoolGrad")
    shape_in, out_sp = _geometry(x.shape, ws, stride, pad, ignore_border, nd)
    lead = x.ndim - nd
    if gz.shape[lead:] != out_sp:
        raise ValueError(
            f"AveragePoolGrad: gz has pooled shape {gz.shape[lead:]}, expected {out_sp} "
            f"for an input of shape {x.shape}"
        )
    g = gz.astype(x.dtype, copy=True)
    if mode != "sum":
        div = _divisor(shape_in, out_sp, ws, stride, pad, mode, ignore_border)
        if g.dtype.kind == "f":
            g /= np.asarray(div, dtype=g.dtype)
        else:
            g = (g / div).astype(x.dtype)
    if _tiles(shape_in, out_sp, ws, stride, pad) and x.size:
        crop, big, small = _tile_layout(x.shape, ws, out_sp, nd)
        out = np.empty(big, dtype=x.dtype)
        out[...] = _spread(g, ws[-1], small)
        return _untile(out, x.shape, crop, x.dtype)
    plans = _plans(shape_in, out_sp, ws, stride, pad)
    for k in range(nd):
        g = _unpool_axis(g, lead + k, plans[k], shape_in[k], stride[k])
    return g


def _tiles(shape_in, out_sp, ws, stride, pad):
    """True when windows are disjoint, unpadded and all complete (a reshape views them)."""
    return (
        ws == stride
        and not any(pad)
        and all(o * w <= v for v, o, w in zip(shape_in, out_sp, ws))
    )


def _tile_layout(x_shape, ws, out_sp, nd):
    """How whole windows of an input of ``x_shape`` are viewed by the tiled kernels.

    The pooled axes but the last become (windows, window) pairs; the last stays flat so
    that NumPy loops run over a long contiguous axis.  Returns the index cutting the
    input to whole windows, that view's shape, and the shape a pooled array repeated
    along its last axis takes to broadcast against it.
    """
    lead = tuple(x_shape[: len(x_shape) - nd])
    crop = (Ellipsis,) + tuple(slice(0, o * w) for o, w in zip(out_sp, ws))
    big, small = [], []
    for o, w in zip(out_sp[:-1], ws[:-1]):
        big += [o, w]
        small += [o, 1]
    last = out_sp[-1] * ws[-1]
    return crop, lead + tuple(big) + (last,), lead + tuple(small) + (last,)


def _spread(a, w_last, small):
    """A pooled array repeated along its last axis, shaped to broadcast on the tiled view."""
    rep = np.repeat(a, w_last, axis=-1) if w_last > 1 else a
    return rep.reshape(small)


def _untile(values, x_shape, crop, dtype):
    """The tiled result as an array of the input's shape (zeros beyond the whole windows)."""
    full = np.zeros(x_shape, dtype=dtype)
    if full[crop].shape == tuple(x_shape):
        return values.reshape(x_shape)
    full[crop] = values.reshape(full[crop].shape)
    return full


def _max_pool_grad_kernel(x, maxout, gz, ws, stride, pad, ignore_border, nd):
    """Gradient of max pooling: each window's gradient goes to every element equal to its max."""
    x, maxout, gz, ws, stride, pad, shape_in, out_sp = _max_grad_args(
        "MaxPoolGrad", x, maxout, gz, ws, stride, pad, nd)
    if gz.shape != maxout.shape:
        raise ValueError(
            f"MaxPoolGrad: gz has shape {gz.shape} but maxout has shape {maxout.shape}"
        )
    if _tiles(shape_in, out_sp, ws, stride, pad) and x.size:
        crop, big, small = _tile_layout(x.shape, ws, out_sp, nd)
        out = _tiled_max_hits(x, maxout, _spread(gz, ws[-1], small), crop, big, small, ws)
        return _untile(out, x.shape, crop, x.dtype)
    gx = np.zeros(x.shape, dtype=x.dtype)
    return _sum_max_hits(x, maxout, gz, gx, shape_in, out_sp, ws, stride, pad, False)


def _max_grad_args(name, x, maxout, g, ws, stride, pad, nd):
    """The arrays and window parameters of a max-pool gradient kernel, checked, with the
    pooled input and output shapes: ``(x, maxout, g, ws, stride, pad, shape_in, out_sp)``."""
    x = np.asarray(x)
    maxout = np.asarray(maxout)
    g = np.asarray(g)
    _check_nd(x, nd, name)
    ws, stride, pad = _params(ws, stride, pad, nd, name)
    return (x, maxout, g, ws, stride, pad, x.shape[x.ndim - nd:],
            maxout.shape[maxout.ndim - nd:])


def _tiled_max_hits(x, maxout, g, crop, big, small, ws):
    """``g`` where ``x`` equals its window's max, else 0, on the tiled view ``big``."""
    out = np.empty(big, dtype=x.dtype)
    np.equal(x[crop].reshape(big), _spread(maxout, ws[-1], small), out=out)
    np.multiply(out, g, out=out, casting="unsafe")
    return out


def _sum_max_hits(x, maxout, g, acc, shape_in, out_sp, ws, stride, pad, to_output):
    """Adds into ``acc`` the gradient ``g`` at each window offset where ``x`` equals its
    window's max.  ``to_output``: ``g`` is indexed like ``x`` and ``acc`` like ``maxout``;
    otherwise ``g`` like ``maxout`` and ``acc`` like ``x``.  Returns ``acc``."""
    buf = np.empty(maxout.shape, dtype=x.dtype)
    for in_idx, out_idx in _window_offsets(shape_in, out_sp, ws, stride, pad):
        g_idx, acc_idx = (in_idx, out_idx) if to_output else (out_idx, in_idx)
        hit = buf[out_idx]
        np.equal(x[in_idx], maxout[out_idx], out=hit)
        np.multiply(hit, g[g_idx], out=hit, casting="unsafe")
        dst = acc[acc_idx]
        np.add(dst, hit, out=dst)
    return acc


def _window_offsets(shape_in, out_sp, ws, stride, pad):
    """For every offset inside the window: (input index, output index) of all windows."""
    plans = _plans(shape_in, out_sp, ws, stride, pad)
    for combo in itertools.product(*plans):
        in_idx = (Ellipsis,) + tuple(
            _in_slice(i0, n, s) for (i0, _, n), s in zip(combo, stride)
        )
        out_idx = (Ellipsis,) + tuple(slice(j0, j0 + n) for _, j0, n in combo)
        yield in_idx, out_idx


def _max_pool_grad_grad_kernel(x, maxout, ggx, ws, stride, pad, ignore_border, nd):
    """Each window's sum of ``ggx`` over the elements equal to its max (shape of maxout)."""
    x, maxout, ggx, ws, stride, pad, shape_in, out_sp = _max_grad_args(
        "DownsampleFactorMaxGradGrad", x, maxout, ggx, ws, stride, pad, nd)
    if ggx.shape != x.shape:
        raise ValueError(
            f"DownsampleFactorMaxGradGrad: ggx has shape {ggx.shape} but x has shape {x.shape}"
        )
    lead = x.ndim - nd
    if _tiles(shape_in, out_sp, ws, stride, pad) and x.size:
        crop, big, small = _tile_layout(x.shape, ws, out_sp, nd)
        g = _tiled_max_hits(x, maxout, ggx[crop].reshape(big), crop, big, small, ws)
        g = g.sum(axis=tuple(lead + 2 * k + 1 for k in range(nd - 1)))
        return g.reshape(g.shape[:-1] + (out_sp[-1], ws[-1])).sum(axis=-1)
    ggz = np.zeros(maxout.shape, dtype=x.dtype)
    return _sum_max_hits(x, maxout, ggx, ggz, shape_in, out_sp, ws, stride, pad, True)


def _max_pool_rop_kernel(x, ex, ws, stride, pad, ignore_border, nd):
    """The eval point's value at each window's first maximum (row-major order)."""
    x = np.asarray(x)
    ex = np.asarray(ex)
    _check_nd(x, nd, "MaxPoolRop")
    ws, stride, pad = _params(ws, stride, pad, nd, "MaxPoolRop")
    shape_in, out_sp = _geometry(x.shape, ws, stride, pad, ignore_border, nd)
    lead = x.ndim - nd
    best = np.full(x.shape[:lead] + out_sp, _lowest(x.dtype), dtype=x.dtype)
    out = np.zeros(x.shape[:lead] + out_sp, dtype=ex.dtype)
    for in_idx, out_idx in _window_offsets(shape_in, out_sp, ws, stride, pad):
        xv = x[in_idx]
        b = best[out_idx]
        better = xv > b
        np.copyto(out[out_idx], ex[in_idx], where=better)
        np.copyto(b, xv, where=better)
    return out


# -- ops ----------------------------------------------------------------------------------


def _check_mode(mode, allowed=_MODES):
    if mode == "max_deterministic":
        mode = "max"  # the CPU max pool is deterministic already
    if mode not in allowed:
        raise ValueError(
            "Pool mode parameter only support 'max', 'sum', 'average_inc_pad' and "
            f"'average_exc_pad'. Got {mode}"
        )
    return mode


def _window_inputs(op, nd, ws, stride, pad, check_pad):
    """``ws``, ``stride`` and ``pad`` as int vectors (stride defaults to ws, pad to zeros)."""
    if stride is None:
        stride = ws
    if pad is None:
        pad = (0,) * nd
    elif check_pad and isinstance(pad, (tuple, list)):
        if max(pad) != 0 and not op.ignore_border:
            raise NotImplementedError("padding works only with ignore_border=True")
        if isinstance(ws, (tuple, list)) and any(pad[i] >= ws[i] for i in range(nd)):
            raise NotImplementedError(
                f"padding must be smaller than strides: pad={tuple(pad)} is not < "
                f"ws={tuple(ws)}"
            )
    out = []
    for name, v, what in (("ws", ws, "Pool downsample"), ("stride", stride, "Stride"),
                          ("pad", pad, "Padding")):
        v = as_tensor_variable(v)
        if v.ndim != 1:
            raise TypeError(f"{type(op).__name__}: {name} must be a vector of {nd} ints; "
                            f"got {v.type}")
        if v.dtype not in int_dtypes:
            raise TypeError(f"{what} parameters must be ints.")
        if isinstance(v, Constant) and len(v.data) != nd:
            raise ValueError(f"{type(op).__name__}: {name} must hold {nd} values (ndim={nd}); "
                             f"got {v.data.tolist()}")
        out.append(v)
    return out


def _as_pool_input(op, x, nd, pos=0, name="x"):
    x = as_tensor_variable(x)
    if x.ndim < nd:
        raise TypeError(
            f"{type(op).__name__}: input {pos} ({name}) must have at least {nd} dimensions "
            f"to pool over {nd}; got {x.type}"
        )
    return x


def _max_grad_node(op, x, maxout, gz, ws, stride, pad, check_pad):
    """The Apply of MaxPoolGrad or DownsampleFactorMaxGradGrad: inputs
    ``(x, maxout, gz, ws, stride, pad)`` of one rank, output of ``x``'s type."""
    nd = op.ndim
    x = _as_pool_input(op, x, nd, 0, "x")
    maxout = _as_pool_input(op, maxout, nd, 1, "maxout")
    gz = _as_pool_input(op, gz, nd, 2, "gz")
    if not x.ndim == maxout.ndim == gz.ndim:
        raise TypeError(
            f"{type(op).__name__}: x, maxout and gz must have the same number of dimensions; "
            f"got {x.type}, {maxout.type}, {gz.type}"
        )
    ws, stride, pad = _window_inputs(op, nd, ws, stride, pad, check_pad=check_pad)
    return Apply(op, [x, maxout, gz, ws, stride, pad], [x.type()])


def _max_grad_pair_grad(other, inputs, output_grads):
    """Gradients of MaxPoolGrad / DownsampleFactorMaxGradGrad: each is linear in its third
    input with the other (``other``) as its transpose; ``x`` and ``maxout`` get zeros."""
    x, maxout, _, ws, stride, pad = inputs
    (g,) = output_grads
    return [zeros_like(x), zeros_like(maxout),
            other(x, maxout, g, ws, stride, pad)] + [_disconnected()] * 3


def _init_max_only(op, ignore_border, mode, ndim):
    """Sets the props of a max-only pooling op, rejecting any other ``mode``."""
    if mode != "max":
        raise ValueError(f"{type(op).__name__} supports mode 'max' only; got {mode!r}")
    op.ignore_border = ignore_border
    op.mode = mode
    op.ndim = ndim


class Pool(Op):
    """Pool the last ``ndim`` axes of a tensor over windows of ``ws``.

    Inputs are ``(x, ws, stride, pad)`` with int vectors of length ``ndim``.  Modes:
    ``'max'``, ``'sum'``, ``'average_inc_pad'`` (padding counts in the divisor) and
    ``'average_exc_pad'``; max and sum never see the padding.  With
    ``ignore_border=False`` partial windows at the end are kept.
    """

    __props__ = ("ignore_border", "mode", "ndim")

    @staticmethod
    def out_shape(imgshape, ws=None, ignore_border=False, stride=None, pad=None, ndim=2,
                  ds=None, st=None, padding=None):
        """The output shape of Pool for an input of shape ``imgshape``.

        Parameters
        ----------
        imgshape : tuple of ints or int scalar variables
            Input shape; its last ``ndim`` entries are pooled.
        ws, stride, pad : tuples of ``ndim`` ints (or int vectors)
            Window size, step (default ``ws``) and zero padding on each side (default 0).
        ignore_border : bool
            Drop (True) or keep (False) partial windows at the end.
        ds, st, padding
            Deprecated names of ``ws``, ``stride``, ``pad``.

        Returns
        -------
        list
            ``imgshape`` with its last ``ndim`` entries replaced by the window counts.
        """
        ws, stride, pad = _resolve_deprecated(ws, stride, pad, ds, st, padding,
                                              (0,) * (ndim or 2))
        return _out_shape(imgshape, ws, ignore_border, stride, pad, ndim)

    def __init__(self, ignore_border=False, mode="max", ndim=2, openmp=None):
        self.ignore_border = ignore_border
        self.mode = _check_mode(mode)
        self.ndim = ndim

    def make_node(self, x, ws, stride=None, pad=None):
        nd = self.ndim
        x = _as_pool_input(self, x, nd)
        ws, stride, pad = _window_inputs(self, nd, ws, stride, pad, check_pad=True)
        broad = x.broadcastable[:-nd] + (False,) * nd
        return Apply(self, [x, ws, stride, pad], [TensorType(x.dtype, broad)()])

    def infer_shape(self, fgraph, node, shapes):
        _, ws, stride, pad = node.inputs
        return [_out_shape(shapes[0], ws, self.ignore_border, stride, pad, self.ndim)]

    def perform(self, node, inputs, output_storage):
        x, ws, stride, pad = inputs
        output_storage[0][0] = _pool_kernel(x, ws, stride, pad, self.ignore_border, self.mode,
                                            self.ndim)

    def L_op(self, inputs, outputs, output_grads):
        x, ws, stride, pad = inputs
        (gz,) = output_grads
        disc = [_disconnected() for _ in range(3)]
        if self.mode == "max":
            grad_op = MaxPoolGrad(ignore_border=self.ignore_border, ndim=self.ndim)
            return [grad_op(x, outputs[0], gz, ws, stride, pad)] + disc
        grad_op = AveragePoolGrad(ignore_border=self.ignore_border, mode=self.mode,
                                  ndim=self.ndim)
        return [grad_op(x, gz, ws, stride, pad)] + disc

    def connection_pattern(self, node):
        return [[True], [False], [False], [False]]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        if self.mode != "max":
            # sum and averages are linear: the R-op pools the eval point
            return [self(eval_points[0], *inputs[1:])]
        x, ws, stride, pad = inputs
        z = self(*inputs)
        grad_grad = DownsampleFactorMaxGradGrad(self.ignore_border, self.mode, self.ndim)
        return [grad_grad(x, z, eval_points[0], ws, stride, pad)]


class PoolGrad(Op):
    """Base of the pooling gradients: the output has the shape of the pooled input ``x``."""

    __props__ = ("ignore_border", "mode", "ndim")

    @staticmethod
    def out_shape(imgshape, ws=None, ignore_border=False, stride=None, pad=None, ndim=2,
                  ds=None, st=None, padding=None):
        """The shape Pool gives an input of shape ``imgshape`` (see ``Pool.out_shape``)."""
        ws, stride, pad = _resolve_deprecated(ws, stride, pad, ds, st, padding,
                                              None, where=" in PoolGrad")
        return _out_shape(imgshape, ws, ignore_border, stride, pad, ndim)

    def __init__(self, ignore_border, mode="max", ndim=2, openmp=None):
        self.ignore_border = ignore_border
        self.mode = _check_mode(mode)
        self.ndim = ndim

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]


class MaxPoolGrad(PoolGrad):
    """Gradient of max pooling wrt its input: ``gz`` routed to each window's maximum.

    Inputs ``(x, maxout, gz, ws, stride, pad)``; every element equal to its window's max
    (ties included) receives that window's gradient, summed over overlapping windows.
    """

    def __init__(self, ignore_border, ndim=2, openmp=None):
        super().__init__(ignore_border, mode="max", ndim=ndim)

    def make_node(self, x, maxout, gz, ws, stride=None, pad=None):
        return _max_grad_node(self, x, maxout, gz, ws, stride, pad, check_pad=False)

    def perform(self, node, inputs, output_storage):
        x, maxout, gz, ws, stride, pad = inputs
        output_storage[0][0] = _max_pool_grad_kernel(x, maxout, gz, ws, stride, pad,
                                                     self.ignore_border, self.ndim)

    def grad(self, inputs, output_grads):
        return _max_grad_pair_grad(DownsampleFactorMaxGradGrad(ignore_border=self.ignore_border,
                                                               ndim=self.ndim),
                                   inputs, output_grads)

    def connection_pattern(self, node):
        return [[True], [True], [True], [False], [False], [False]]


class AveragePoolGrad(PoolGrad):
    """Gradient of sum/average pooling wrt its input: ``gz`` spread evenly over each window.

    Inputs ``(x, gz, ws, stride, pad)``; ``x`` gives only the shape.  The divisor is the
    one the forward pass used (window size with padding, or the count of real elements).
    """

    def __init__(self, ignore_border, mode="average_inc_pad", ndim=2):
        if mode not in ("sum", "average_inc_pad", "average_exc_pad"):
            raise ValueError(
                "AveragePoolGrad mode must be 'sum', 'average_inc_pad' or 'average_exc_pad'; "
                f"got {mode!r}"
            )
        super().__init__(ignore_border, mode=mode, ndim=ndim)

    def make_node(self, x, gz, ws, stride=None, pad=None, dummy=None):
        nd = self.ndim
        x = _as_pool_input(self, x, nd, 0, "x")
        gz = _as_pool_input(self, gz, nd, 1, "gz")
        if x.ndim != gz.ndim:
            raise TypeError(
                f"AveragePoolGrad: x and gz must have the same number of dimensions; got "
                f"{x.type} and {gz.type}"
            )
        ws, stride, pad = _window_inputs(self, nd, ws, stride, pad, check_pad=False)
        return Apply(self, [x, gz, ws, stride, pad], [x.type()])

    def perform(self, node, inputs, output_storage):
        x, gz, ws, stride, pad = inputs
        output_storage[0][0] = _average_pool_grad_kernel(x, gz, ws, stride, pad,
                                                         self.ignore_border, self.mode,
                                                         self.ndim)

    def grad(self, inputs, output_grads):
        x, _, ws, stride, pad = inputs
        (ggx,) = output_grads
        pool = Pool(ignore_border=self.ignore_border, ndim=self.ndim, mode=self.mode)
        return [zeros_like(x), pool(ggx, ws, stride, pad)] + [_disconnected()] * 3

    def connection_pattern(self, node):
        return [[True], [True], [False], [False], [False]]


class DownsampleFactorMaxGradGrad(Op):
    """Gradient of MaxPoolGrad wrt its ``gz``: each window sums ``ggx`` over its maxima.

    Inputs ``(x, maxout, ggx, ws, stride, pad)``; the output has maxout's shape.  Also the
    R-op of max pooling.
    """

    __props__ = ("ignore_border", "mode", "ndim")

    def __init__(self, ignore_border, mode="max", ndim=2, openmp=None):
        _init_max_only(self, ignore_border, mode, ndim)

    def make_node(self, x, maxout, gz, ws, stride=None, pad=None):
        return _max_grad_node(self, x, maxout, gz, ws, stride, pad, check_pad=True)

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[1]]

    def perform(self, node, inputs, output_storage):
        x, maxout, ggx, ws, stride, pad = inputs
        output_storage[0][0] = _max_pool_grad_grad_kernel(x, maxout, ggx, ws, stride, pad,
                                                          self.ignore_border, self.ndim)

    def grad(self, inputs, output_grads):
        return _max_grad_pair_grad(MaxPoolGrad(ignore_border=self.ignore_border,
                                               ndim=self.ndim),
                                   inputs, output_grads)

    def connection_pattern(self, node):
        return [[True], [True], [True], [False], [False], [False]]


class MaxPoolRop(Op):
    """R-operator of max pooling: the eval point read at each window's first maximum."""

    __props__ = ("ignore_border", "mode", "ndim")

    def __init__(self, ignore_border=False, mode="max", ndim=2, openmp=None):
        _init_max_only(self, ignore_border, mode, ndim)

    def make_node(self, x, eval_point, ws, stride=None, pad=None):
        nd = self.ndim
        x = _as_pool_input(self, x, nd, 0, "x")
        eval_point = _as_pool_input(self, eval_point, nd, 1, "eval_point")
        ws, stride, pad = _window_inputs(self, nd, ws, stride, pad, check_pad=True)
        broad = x.broadcastable[:-nd] + (False,) * nd
        return Apply(self, [x, eval_point, ws, stride, pad],
                     [TensorType(eval_point.dtype, broad)()])

    def infer_shape(self, fgraph, node, shapes):
        _, _, ws, stride, pad = node.inputs
        return [_out_shape(shapes[0], ws, self.ignore_border, stride, pad, self.ndim)]

    def perform(self, node, inputs, output_storage):
        x, ex, ws, stride, pad = inputs
        output_storage[0][0] = _max_pool_rop_kernel(x, ex, ws, stride, pad, self.ignore_border,
                                                    self.ndim)


# -- user functions -----------------------------------------------------------------------


def _ignore_border_warning(fname, nd):
    zero = "(0, 0)" if nd == 2 else "(0, 0, 0)"
    _warn_user(
        f"{fname}() will have the parameter ignore_border default value changed to True "
        "(currently False). To have consistent behavior with all Theano version, explicitly "
        "add the parameter ignore_border=True. On the GPU, using ignore_border=True is needed "
        "to use cuDNN. When using ignore_border=False and not using cuDNN, the only GPU "
        f"combination supported is when `ws == stride and pad == {zero} and mode == 'max'`. "
        "Otherwise, the convolution will be executed on CPU."
    )


def _pool_nd(fname, nd, input, ws, ignore_border, stride, pad, mode, ds, st, padding):
    ws, stride, pad = _resolve_deprecated(ws, stride, pad, ds, st, padding, (0,) * nd)
    input = as_tensor_variable(input)
    if input.ndim < nd:
        raise NotImplementedError(f"{fname} requires a dimension >= {nd}")
    if ignore_border is None:
        _ignore_border_warning(fname, nd)
        ignore_border = False
    return Pool(ignore_border, ndim=nd, mode=mode)(input, ws, stride, pad)


def pool_2d(input, ws=None, ignore_border=None, stride=None, pad=(0, 0), mode="max",
            ds=None, st=None, padding=None):
    """Pool the last two axes of ``input`` over windows of ``ws``.

    Parameters
    ----------
    input : N-d tensor, N >= 2
        Pooling runs over the last two axes; the others are batch axes.
    ws : pair of ints or int vector
        Window size (rows, cols).
    ignore_border : bool
        True drops the partial windows at the end (5x5 with ws=(2, 2) gives 2x2), False
        keeps them (3x3).  None warns and uses False, as Theano 1.0 did.
    stride : pair of ints or int vector
        Step between windows (default ``ws``: disjoint windows).
    pad : pair of ints or int vector
        Zeros added on both sides of each axis; needs ``ignore_border=True`` and pad < ws.
    mode : {'max', 'sum', 'average_inc_pad', 'average_exc_pad'}
        Reduction of each window; max and sum ignore the padding, the averages divide by
        the window size with (inc) or without (exc) the padded elements.
    ds, st, padding
        Deprecated names of ``ws``, ``stride``, ``pad`` (warn).

    Returns
    -------
    TensorVariable
        Same dtype as ``input``; the pooled axes are never broadcastable.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> from theano.tensor.signal.pool import pool_2d
    >>> x = T.constant(np.arange(16.).reshape(1, 1, 4, 4))
    >>> pool_2d(x, ws=(2, 2), ignore_border=True).eval()
    array([[[[ 5.,  7.],
             [13., 15.]]]])
    """
    return _pool_nd("pool_2d", 2, input, ws, ignore_border, stride, pad, mode, ds, st, padding)


def pool_3d(input, ws=None, ignore_border=None, stride=None, pad=(0, 0, 0), mode="max",
            ds=None, st=None, padding=None):
    """Pool the last three axes of ``input`` over windows of ``ws``.

    Same as :func:`pool_2d` with triples for ``ws``, ``stride`` and ``pad``; ``input``
    needs at least 3 dimensions.
    """
    return _pool_nd("pool_3d", 3, input, ws, ignore_border, stride, pad, mode, ds, st, padding)


def max_pool_2d_same_size(input, patch_size):
    """Keep each disjoint patch's maximum in place and zero the rest (same shape).

    Parameters
    ----------
    input : N-d tensor, N >= 2
    patch_size : pair of ints
        Patch (rows, cols); partial patches at the end are left as zeros.
    """
    output = Pool(True)(input, patch_size)
    return MaxPoolGrad(True)(input, output, output, patch_size)


__all__ = [
    "AveragePoolGrad",
    "DownsampleFactorMaxGradGrad",
    "MaxPoolGrad",
    "MaxPoolRop",
    "Pool",
    "PoolGrad",
    "max_pool_2d_same_size",
    "pool_2d",
    "pool_3d",
]
