"""The old convolution interface ``theano.tensor.nnet.conv``: ``conv2d`` and ``ConvOp``.

Deprecated in Theano 1.0 in favour of ``theano.tensor.nnet.conv2d``, yet still what older
course material calls.  ``ConvOp`` computes a true convolution (flipped filters) with the
'valid' or 'full' border and strides ``(dx, dy)``, through the same im2col kernel as
``AbstractConv2d``; its gradients are the abstract gradient ops.
"""

import warnings

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.tensor.basic import (
    NotScalarConstantError,
    as_tensor_variable,
    get_scalar_constant_value,
)
from theano.tensor.nnet.abstract_conv import (
    AbstractConv2d,
    _bilinear_R_op,
    _merge_hints,
    get_conv_output_shape,
    get_conv_shape_1axis,
)
from theano.tensor.nnet.im2col import conv_forward_value
from theano.tensor.type import TensorType

__all__ = ["ConvOp", "conv2d"]


def _int_or_none(value, what):
    if value is None:
        return None
    if int(value) != value:
        raise TypeError(f"ConvOp: {what} must be an int; got {value!r}")
    return int(value)


class ConvOp(Op):
    """Batched multi-channel 2-d convolution of the old interface.

    Parameters
    ----------
    imshp : tuple, optional
        ``(stack, rows, cols)`` (or ``(rows, cols)`` for one channel) of the input images.
    kshp : tuple, optional
        ``(rows, cols)`` of the filters.
    nkern, bsize : int, optional
        Number of filters and batch size.
    dx, dy : int
        Strides along rows and columns.
    output_mode : 'valid' or 'full'
        Border mode.
    unroll_batch, unroll_kern, unroll_patch, verbose, version, direction_hint, openmp
        Tuning knobs of Theano's C code; recorded, no effect here.
    imshp_logical, kshp_logical, kshp_logical_top_aligned
        Logical (upsampled) shapes: only the defaults (equal to imshp/kshp) are supported.

    Shapes given are checked against the values at run time.
    """

    __props__ = (
        "imshp",
        "kshp",
        "nkern",
        "bsize",
        "dx",
        "dy",
        "out_mode",
        "unroll_batch",
        "unroll_kern",
        "unroll_patch",
        "imshp_logical",
        "kshp_logical",
        "kshp_logical_top_aligned",
    )

    def __init__(
        self,
        imshp=None,
        kshp=None,
        nkern=None,
        bsize=None,
        dx=1,
        dy=1,
        output_mode="valid",
        unroll_batch=None,
        unroll_kern=None,
        unroll_patch=None,
        imshp_logical=None,
        kshp_logical=None,
        kshp_logical_top_aligned=True,
        verbose=0,
        version=-1,
        direction_hint="forward",
        openmp=None,
    ):
        imshp = (None, None, None) if imshp is None else tuple(imshp)
        kshp = (None, None) if kshp is None else tuple(kshp)
        if len(imshp) == 2:
            imshp = (1,) + imshp
        elif len(imshp) != 3:
            raise ValueError(f"len(imshp) must be 2 or 3, got {len(imshp)}")
        if len(kshp) != 2:
            raise ValueError(f"len(kshp) must be 2, got {len(kshp)}")
        self.imshp = tuple(_int_or_none(s, "imshp") for s in imshp)
        self.kshp = tuple(_int_or_none(s, "kshp") for s in kshp)
        self.nkern = _int_or_none(nkern, "nkern")
        self.bsize = _int_or_none(bsize, "bsize")
        self.dx = 1 if dx is None else _int_or_none(dx, "param dx")
        self.dy = 1 if dy is None else _int_or_none(dy, "param dy")
        if output_mode not in ("valid", "full"):
            raise ValueError(f"ConvOp: Mode {output_mode} not implemented (use 'valid' or 'full')")
        self.out_mode = output_mode
        for name, logical, real in (
            ("imshp_logical", imshp_logical, self.imshp),
            ("kshp_logical", kshp_logical, self.kshp),
        ):
            if logical is not None and tuple(logical) != real:
                raise NotImplementedError(
                    f"ConvOp: {name}={tuple(logical)} (upsampling the input or the filters) is "
                    "not supported; upsample explicitly, or use conv2d_grad_wrt_inputs"
                )
        self.imshp_logical = self.imshp
        self.kshp_logical = self.kshp
        self.kshp_logical_top_aligned = kshp_logical_top_aligned
        all_shape = None not in self.imshp + self.kshp + (self.nkern, self.bsize)
        if (unroll_batch or unroll_kern) and not all_shape:
            raise ValueError(
                "In ConvOp, when using unroll_batch and unroll_nkern, all shape are needed"
            )
        if unroll_batch and not unroll_kern:
            unroll_kern = 1
        if unroll_kern and not unroll_batch:
            unroll_batch = 1
        if not all_shape or (unroll_batch is None and unroll_patch is None):
            unroll_patch = True
        self.unroll_batch = unroll_batch
        self.unroll_kern = unroll_kern
        self.unroll_patch = unroll_patch
        self.verbose = verbose
        self.version = version
        self.direction_hint = direction_hint
        self.openmp = openmp
        self.outshp = get_conv_output_shape(
            (None,) + self.imshp, (None, None) + self.kshp, self.out_mode, (self.dx, self.dy)
        )[2:]
        if any(s is not None and s <= 0 for s in self.outshp):
            raise ValueError(
                f"ConvOp: bad size for the output shape {self.outshp}: the input shape "
                f"{self.imshp} and filter shape {self.kshp} do not fit (filters must fit "
                "inside the image in valid mode)"
            )

    def __str__(self):
        return "ConvOp{" + ",".join(str((p, getattr(self, p))) for p in self.__props__) + "}"

    __repr__ = __str__

    @staticmethod
    def getOutputShape(inshp, kshp, stride=(1, 1), mode="valid"):
        """(rows, cols) of the output (deprecated: use ``get_conv_output_shape``)."""
        warnings.warn(
            "The method `getOutputShape` is deprecated use `get_conv_output_shape` instead.",
            stacklevel=2,
        )
        return tuple(get_conv_shape_1axis(i, k, mode, d) for i, k, d in zip(inshp, kshp, stride))

    def _abstract_kwargs(self):
        return {
            "imshp": (self.bsize,) + self.imshp,
            "kshp": (self.nkern, self.imshp[0]) + self.kshp,
            "border_mode": self.out_mode,
            "subsample": (self.dx, self.dy),
        }

    def make_node(self, inputs, kerns):
        inputs = as_tensor_variable(inputs)
        kerns = as_tensor_variable(kerns)
        if inputs.ndim != 4:
            raise TypeError(
                f"ConvOp (make_node) requires input be a 4D tensor; received {inputs} "
                f"({inputs.ndim} dims)"
            )
        if kerns.ndim != 4:
            raise TypeError(
                f"ConvOp (make_node) requires 4D tensor of kernels; received {kerns} "
                f"({kerns.ndim} dims)"
            )
        if inputs.dtype != kerns.dtype:
            raise NotImplementedError(
                f"ConvOp: the image and the kernel must have the same type. "
                f"inputs({inputs.dtype}), kerns({kerns.dtype})"
            )
        broadcastable = (
            inputs.broadcastable[0],
            kerns.broadcastable[0],
            self.outshp[0] == 1,
            self.outshp[1] == 1,
        )
        output = TensorType(inputs.dtype, broadcastable)()
        return Apply(self, [inputs, kerns], [output])

    def infer_shape(self, fgraph, node, input_shapes):
        imshp, kshp = input_shapes
        given = self._abstract_kwargs()
        imshp = _merge_hints(given["imshp"], imshp)
        kshp = _merge_hints(given["kshp"], kshp)
        return [list(get_conv_output_shape(imshp, kshp, self.out_mode, (self.dx, self.dy)))]

    def perform(self, node, inputs, output_storage):
        img, kern = inputs
        output_storage[0][0] = conv_op_value(self, img, kern, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        # the gradients of the equivalent abstract op (its gradient ops, with these hints)
        return AbstractConv2d(**self._abstract_kwargs()).L_op(inputs, outputs, output_grads)

    R_op = _bilinear_R_op


_ABSTRACT_OPS = {}
_HARDCODED = (
    "the batch size",
    "the image stack size",
    "the number of rows in the image",
    "the number of columns in the image",
    "the number of kernels in the filter",
    "the kernel stack size",
    "the number of rows in the filter",
    "the number of columns in the filter",
)


def _hints(op):
    return (op.bsize,) + op.imshp + (op.nkern, op.imshp[0]) + op.kshp


def conv_op_value(op, img, kern, dtype):
    """``op``'s convolution of the NumPy arrays ``img`` and ``kern``, as ``dtype``."""
    if img.ndim != 4 or kern.ndim != 4:
        raise ValueError(
            f"ConvOp: images and filters must be 4-d; got shapes {img.shape} and {kern.shape}"
        )
    for what, actual, given in zip(_HARDCODED, img.shape + kern.shape, _hints(op)):
        if given is not None and actual != given:
            raise ValueError(
                f"ConvOp: The hardcoded shape for {what} ({given}) isn't the run time shape "
                f"({actual}) (images {img.shape}, filters {kern.shape})"
            )
    if img.shape[1] != kern.shape[1]:
        raise ValueError(
            f"ConvOp: the images have {img.shape[1]} channels (stack size) but the filters "
            f"expect {kern.shape[1]} (images {img.shape}, filters {kern.shape})"
        )
    abstract = _ABSTRACT_OPS.get(op)
    if abstract is None:
        abstract = _ABSTRACT_OPS[op] = AbstractConv2d(
            border_mode=op.out_mode, subsample=(op.dx, op.dy)
        )
    return conv_forward_value(abstract, img, kern, dtype)


def _constant_shape(shape, what):
    if shape is None:
        return None
    values = []
    for s in shape:
        if s is None:
            values.append(None)
            continue
        try:
            value = get_scalar_constant_value(as_tensor_variable(s))
        except NotScalarConstantError:
            raise NotScalarConstantError(
                f"The convolution need that the shape information are constant values. We got "
                f"{s} for the {what} parameter"
            ) from None
        if value.dtype.kind not in "iu":
            raise TypeError(f"conv2d: {what} entries must be integers; got {s!r}")
        values.append(int(value))
    return values


def _conv_op(border_mode, subsample, imshp, kshp, nkern, bsize, kargs):
    """The :class:`ConvOp` of the ``conv2d`` functions (this one and ``signal.conv``'s)."""
    return ConvOp(
        output_mode=border_mode,
        dx=subsample[0],
        dy=subsample[1],
        imshp=imshp,
        kshp=kshp,
        nkern=nkern,
        bsize=bsize,
        **kargs,
    )


def conv2d(
    input,
    filters,
    image_shape=None,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    **kargs,
):
    """Convolve a mini-batch of image stacks with a set of filters (deprecated interface).

    Same numbers as ``theano.tensor.nnet.conv2d(..., filter_flip=True)``.

    Parameters
    ----------
    input : 4-d tensor
        ``(batch, stack, rows, cols)``.
    filters : 4-d tensor
        ``(nkern, stack, rows, cols)``.
    image_shape, filter_shape : tuple of 4, optional
        Constant shape hints (None entries unknown); they must agree with each other and with
        the values at run time.
    border_mode : 'valid' or 'full'
        'valid': output ``image - filter + 1``; 'full': ``image + filter - 1``.
    subsample : (int, int)
        Strides.
    **kargs
        Passed on to :class:`ConvOp` (``unroll_batch``, ``unroll_kern``, ``unroll_patch``,
        ``openmp``, ...).

    Returns
    -------
    4-d tensor
        ``(batch, nkern, out_rows, out_cols)``.
    """
    warnings.warn(
        "theano.tensor.nnet.conv.conv2d is deprecated. Use theano.tensor.nnet.conv2d instead.",
        stacklevel=2,
    )
    image_shape = _constant_shape(image_shape, "image_shape")
    filter_shape = _constant_shape(filter_shape, "filter_shape")
    if (
        image_shape
        and filter_shape
        and image_shape[1] is not None
        and filter_shape[1] is not None
        and image_shape[1] != filter_shape[1]
    ):
        raise ValueError(
            f"conv2d: image_shape {tuple(image_shape)} has {image_shape[1]} channels but "
            f"filter_shape {tuple(filter_shape)} has {filter_shape[1]}"
        )
    nkern, kshp = (filter_shape[0], filter_shape[2:]) if filter_shape else (None, None)
    bsize, imshp = (image_shape[0], image_shape[1:]) if image_shape else (None, None)
    return _conv_op(border_mode, subsample, imshp, kshp, nkern, bsize, kargs)(input, filters)
