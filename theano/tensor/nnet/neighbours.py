"""Image patches as matrix rows (``theano.tensor.nnet.neighbours``): images2neibs, neibs2images.

``images2neibs`` cuts each image of a 4-d tensor (a, b, rows, cols) into patches and
returns one flattened patch per row, ordered by (a, b, patch row, patch column).  The
kernel takes all patches at once from a strided sliding-window view; its gradient adds
them back with one strided addition per position inside a patch.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.tensor.alloc import zeros, zeros_like
from theano.tensor.basic import as_tensor_variable
from theano.tensor.join import concatenate, stack
from theano.tensor.shape import reshape
from theano.tensor.subtensor import set_subtensor
from theano.tensor.type import TensorType

__all__ = ["Images2Neibs", "images2neibs", "neibs2images"]

_MODES = ("valid", "half", "full", "wrap_centered", "ignore_borders")


def _pair(v, what):
    a = np.asarray(v)
    if a.shape != (2,):
        raise ValueError(f"Images2Neibs: {what} must hold 2 values, got {a.tolist()}")
    return int(a[0]), int(a[1])


def _consistent(size, patch, step, span, axis):
    """Theano's check that patches tile an axis exactly ('valid', 'half', 'full')."""
    if size < patch or span % step != 0:
        raise TypeError(
            f"neib_shape[{axis}]={patch}, neib_step[{axis}]={step} and "
            f"ten4.shape[{axis + 2}]={size} not consistent"
        )


def _layout(shape, neib_shape, neib_step, mode):
    """Grid of patches and the zero padding ('half', 'full') for an input of ``shape``."""
    c, d = _pair(neib_shape, "neib_shape")
    sx, sy = _pair(neib_step, "neib_step")
    if sx <= 0 or sy <= 0:
        raise ValueError(f"neib_step wrong step ; values <= 0. Got {np.asarray(neib_step)}")
    if c <= 0 or d <= 0:
        raise ValueError(f"neib_shape values <=0. Got {np.asarray(neib_shape)}")
    height, width = shape[2], shape[3]
    pad = (0, 0)
    if mode == "wrap_centered":
        if c % 2 != 1 or d % 2 != 1:
            raise TypeError("Images2Neibs: in mode wrap_centered need patch with odd shapes")
        if height < c or width < d:
            raise TypeError(
                "Images2Neibs: in wrap_centered mode, don't support image shapes smaller then "
                f"the patch shapes: neib_shape=({c},{d}), ten4[2:]=[{height},{width}]"
            )
        grid = (-(-height // sx), -(-width // sy))
    elif mode == "ignore_borders":
        grid = (max(1 + (height - c) // sx, 0), max(1 + (width - d) // sy, 0))
    else:
        pad = {"valid": (0, 0), "half": (c // 2, d // 2), "full": (c - 1, d - 1)}[mode]
        span_r = height + 2 * pad[0] - c
        span_c = width + 2 * pad[1] - d
        _consistent(height, c, sx, span_r, 0)
        _consistent(width, d, sy, span_c, 1)
        grid = (1 + span_r // sx, 1 + span_c // sy)
    return (c, d), (sx, sy), grid, pad


def _wrap_indices(size, patch, step, count):
    """Rows (or columns) read by each patch in 'wrap_centered' mode: (count, patch)."""
    start = np.arange(count)[:, None] * step + np.arange(patch)[None, :] - patch // 2
    return start % size


def _images2neibs_kernel(ten4, neib_shape, neib_step, mode):
    """All patches of ``ten4`` as rows of a matrix (Images2Neibs' meaning)."""
    ten4 = np.asarray(ten4)
    if ten4.ndim != 4:
        raise ValueError(f"Images2Neibs: ten4 must be 4-d, got shape {ten4.shape}")
    (c, d), (sx, sy), (gc, gd), pad = _layout(ten4.shape, neib_shape, neib_step, mode)
    n, s = ten4.shape[:2]
    if n * s * gc * gd == 0:
        return np.zeros((n * s * gc * gd, c * d), dtype=ten4.dtype)
    if mode == "wrap_centered":
        rows = _wrap_indices(ten4.shape[2], c, sx, gc)
        cols = _wrap_indices(ten4.shape[3], d, sy, gd)
        patches = ten4[:, :, rows[:, None, :, None], cols[None, :, None, :]]
    else:
        src = ten4
        if any(pad):
            src = np.pad(ten4, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
        windows = sliding_window_view(src, (c, d), axis=(2, 3))
        patches = windows[:, :, : (gc - 1) * sx + 1 : sx, : (gd - 1) * sy + 1 : sy]
    return patches.reshape(n * s * gc * gd, c * d)


def _neibs_grad_kernel(shape, gz, neib_shape, neib_step, mode):
    """Adjoint of the patch extraction: each patch row added back where it was read."""
    gz = np.asarray(gz)
    (c, d), (sx, sy), (gc, gd), pad = _layout(shape, neib_shape, neib_step, mode)
    n, s, height, width = shape
    if gz.shape != (n * s * gc * gd, c * d):
        raise ValueError(
            f"Images2NeibsGrad: gz has shape {gz.shape}, expected {(n * s * gc * gd, c * d)}"
        )
    g6 = gz.reshape(n, s, gc, gd, c, d)
    if mode == "wrap_centered":
        out = np.zeros(shape, dtype=gz.dtype)
        rows = _wrap_indices(height, c, sx, gc)
        cols = _wrap_indices(width, d, sy, gd)
        for i in range(c):
            for j in range(d):
                # one position in the patch hits distinct pixels in every patch
                out[:, :, rows[:, i][:, None], cols[:, j][None, :]] += g6[:, :, :, :, i, j]
        return out
    out = np.zeros((n, s, height + 2 * pad[0], width + 2 * pad[1]), dtype=gz.dtype)
    for i in range(c):
        for j in range(d):
            dst = out[:, :, i : i + (gc - 1) * sx + 1 : sx, j : j + (gd - 1) * sy + 1 : sy]
            dst += g6[:, :, :, :, i, j]
    return out[:, :, pad[0] : pad[0] + height, pad[1] : pad[1] + width]


def _same_variable(a, b):
    if a is b:
        return True
    if isinstance(a, Constant) and isinstance(b, Constant):
        return a.data.shape == b.data.shape and bool(np.all(a.data == b.data))
    return False


class Images2Neibs(Op):
    """Patches of a 4-d tensor as the rows of a matrix; inputs ``(ten4, neib_shape,
    neib_step)``.

    Modes: 'valid' (patches must tile the image exactly), 'ignore_borders' (drop what
    does not fit), 'half' and 'full' (zero padding of patch//2 or patch-1 on each side,
    then 'valid'), 'wrap_centered' (odd patches centred on each step, wrapping around).
    """

    __props__ = ("mode",)

    def __init__(self, mode="valid"):
        if mode not in _MODES:
            raise NotImplementedError(
                f"Only modes {', '.join(sorted(_MODES))} have been implemented for "
                f"{type(self).__name__}"
            )
        self.mode = mode

    def __str__(self):
        return f"{type(self).__name__}{{{self.mode}}}"

    def make_node(self, ten4, neib_shape, neib_step=None):
        ten4 = as_tensor_variable(ten4)
        neib_shape = as_tensor_variable(neib_shape)
        neib_step = neib_shape if neib_step is None else as_tensor_variable(neib_step)
        if ten4.ndim != 4:
            raise TypeError(f"Images2Neibs: input 0 (ten4) must be a 4-d tensor; got {ten4.type}")
        for pos, name, v in ((1, "neib_shape", neib_shape), (2, "neib_step", neib_step)):
            if v.ndim != 1 or v.dtype not in ("int8", "int16", "int32", "int64"):
                raise TypeError(
                    f"Images2Neibs: input {pos} ({name}) must be a vector of 2 ints; "
                    f"got {v.type}"
                )
        out = TensorType(ten4.type.dtype, (False, False))()
        return Apply(self, [ten4, neib_shape, neib_step], [out])

    def infer_shape(self, fgraph, node, shapes):
        in_shape = shapes[0]
        neib_shape, neib_step = node.inputs[1:]
        c, d = _entries(neib_shape)
        sx, sy = _entries(neib_step)
        rows, cols = in_shape[2], in_shape[3]
        if self.mode == "wrap_centered":
            grid_c = -((-rows) // sx)
            grid_d = -((-cols) // sy)
        elif self.mode in ("valid", "ignore_borders"):
            grid_c = 1 + (rows - c) // sx
            grid_d = 1 + (cols - d) // sy
        elif self.mode == "half":
            grid_c = 1 + (rows - c % 2) // sx
            grid_d = 1 + (cols - d % 2) // sy
        else:
            grid_c = 1 + (rows + c - 2) // sx
            grid_d = 1 + (cols + d - 2) // sy
        return [(grid_c * grid_d * in_shape[1] * in_shape[0], c * d)]

    def perform(self, node, inputs, output_storage):
        ten4, neib_shape, neib_step = inputs
        output_storage[0][0] = _images2neibs_kernel(ten4, neib_shape, neib_step, self.mode)

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_undefined

        x, neib_shape, neib_step = inputs
        (gz,) = output_grads
        undefined = [grad_undefined(self, 1, neib_shape), grad_undefined(self, 2, neib_step)]
        if self.mode in ("valid", "ignore_borders") and _same_variable(neib_shape, neib_step):
            return [neibs2images(gz, neib_shape, x.shape, mode=self.mode)] + undefined
        # overlapping or padded patches: add every patch back (Theano 1.0 used scan for
        # 'valid' and had no gradient for the other modes)
        return [Images2NeibsGrad(self.mode)(x, gz, neib_shape, neib_step)] + undefined

    def connection_pattern(self, node):
        return [[True], [False], [False]]


def _entries(v):
    """The two entries of a length-2 vector: Python ints for constants, else scalars."""
    if isinstance(v, Constant):
        return int(v.data[0]), int(v.data[1])
    return v[0], v[1]


class Images2NeibsGrad(Op):
    """Gradient of Images2Neibs wrt its image: each patch row added back where it was read.

    Inputs ``(ten4, gz, neib_shape, neib_step)``; ``ten4`` gives only the shape.
    """

    __props__ = ("mode",)

    def __init__(self, mode="valid"):
        if mode not in _MODES:
            raise NotImplementedError(f"Images2NeibsGrad: unknown mode {mode!r}")
        self.mode = mode

    def __str__(self):
        return f"{type(self).__name__}{{{self.mode}}}"

    def make_node(self, ten4, gz, neib_shape, neib_step):
        ten4 = as_tensor_variable(ten4)
        gz = as_tensor_variable(gz)
        if gz.ndim != 2:
            raise TypeError(f"Images2NeibsGrad: input 1 (gz) must be a matrix; got {gz.type}")
        neib_shape = as_tensor_variable(neib_shape)
        neib_step = as_tensor_variable(neib_step)
        return Apply(self, [ten4, gz, neib_shape, neib_step], [ten4.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        ten4, gz, neib_shape, neib_step = inputs
        out = _neibs_grad_kernel(ten4.shape, gz, neib_shape, neib_step, self.mode)
        output_storage[0][0] = out.astype(node.outputs[0].type.dtype, copy=False)

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_undefined

        ten4, _, neib_shape, neib_step = inputs
        (gg,) = output_grads
        return [zeros_like(ten4), Images2Neibs(self.mode)(gg, neib_shape, neib_step),
                grad_undefined(self, 2, neib_shape), grad_undefined(self, 3, neib_step)]

    def connection_pattern(self, node):
        return [[True], [True], [False], [False]]


def images2neibs(ten4, neib_shape, neib_step=None, mode="valid"):
    """Cut images into patches, one flattened patch per row.

    Parameters
    ----------
    ten4 : 4-d tensor (a, b, rows, cols)
    neib_shape : pair of ints (or int vector)
        Patch (rows, cols).
    neib_step : pair of ints, optional
        Step between patches; defaults to ``neib_shape`` (disjoint patches).
    mode : {'valid', 'ignore_borders', 'half', 'full', 'wrap_centered'}
        'valid' needs patches that tile the image exactly (TypeError otherwise);
        'ignore_borders' drops what does not fit; 'half'/'full' pad with
        ``neib_shape // 2`` / ``neib_shape - 1`` zeros on each side first;
        'wrap_centered' centres odd patches on each step, wrapping around the edges.

    Returns
    -------
    matrix
        Row ``((i * b + j) * grid_rows + r) * grid_cols + c`` holds
        ``ten4[i, j, r*step_r : r*step_r + rows, c*step_c : c*step_c + cols]`` flattened.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> from theano.tensor.nnet.neighbours import images2neibs
    >>> im = T.constant(np.arange(16.).reshape(1, 1, 4, 4))
    >>> images2neibs(im, (2, 2)).eval()
    array([[ 0.,  1.,  4.,  5.],
           [ 2.,  3.,  6.,  7.],
           [ 8.,  9., 12., 13.],
           [10., 11., 14., 15.]])
    """
    return Images2Neibs(mode)(ten4, neib_shape, neib_step)


def neibs2images(neibs, neib_shape, original_shape, mode="valid"):
    """Rebuild the images from disjoint patches (the inverse of :func:`images2neibs`).

    Parameters
    ----------
    neibs : matrix
        Patches as given by ``images2neibs(ten4, neib_shape)`` (default step).
    neib_shape : pair of ints
    original_shape : 4 ints or int vector
        Shape of ``ten4``.
    mode : {'valid', 'ignore_borders'}
        With 'ignore_borders' the rows and columns that no patch covered come back as zeros.

    Returns
    -------
    4-d tensor of ``original_shape``.
    """
    neibs = as_tensor_variable(neibs)
    neib_shape = as_tensor_variable(neib_shape)
    original_shape = as_tensor_variable(original_shape)
    # The patch rows of one image row form a (cols // patch_cols, patch_cols) block of
    # neibs: cutting neibs into such blocks puts the pixels back in image order.
    new_neib_shape = stack([original_shape[-1] // neib_shape[1], neib_shape[1]])
    output_2d = images2neibs(neibs.dimshuffle("x", "x", 0, 1), new_neib_shape, mode=mode)
    if mode == "ignore_borders":
        valid_shape = original_shape
        valid_shape = set_subtensor(valid_shape[2],
                                    (valid_shape[2] // neib_shape[0]) * neib_shape[0])
        valid_shape = set_subtensor(valid_shape[3],
                                    (valid_shape[3] // neib_shape[1]) * neib_shape[1])
        output_4d = reshape(output_2d, valid_shape, ndim=4)
        for d in (2, 3):  # the borders no patch covered are zeros
            pad_shape = [output_4d.shape[i] for i in range(4)]
            pad_shape[d] = original_shape[d] - valid_shape[d]
            output_4d = concatenate([output_4d, zeros(pad_shape)], axis=d)  # floatX zeros
        return output_4d
    if mode == "valid":
        return reshape(output_2d, original_shape, ndim=4)
    raise NotImplementedError(f"neibs2images do not support mode={mode}")
