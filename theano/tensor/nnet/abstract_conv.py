"""Convolution in Theano's abstract form: 2-d and 3-d ops, their gradients, and shape rules.

Three ops per dimension, each the gradient of the others (so derivatives of any order work):
``AbstractConv2d(img, kern)`` the forward convolution, ``AbstractConv2d_gradWeights(img,
topgrad, shape)`` its gradient wrt the filters and ``AbstractConv2d_gradInputs(kern, topgrad,
shape)`` its gradient wrt the input (and the same for 3-d).  Their NumPy meaning (im2col and
one BLAS product per group) lives in ``theano.tensor.nnet.im2col``.
"""

import warnings

import numpy as np

from theano.graph.basic import Apply, Variable
from theano.graph.op import Op
from theano.tensor.basic import (
    NotScalarConstantError,
    as_tensor_variable,
    cast,
    get_scalar_constant_value,
    patternbroadcast,
)
from theano.tensor.nnet.im2col import (
    _axis_pads,
    _per_axis,
    conv_forward_value,
    conv_grad_inputs_value,
    conv_grad_weights_value,
)

__all__ = [
    "AbstractConv",
    "AbstractConv2d",
    "AbstractConv2d_gradInputs",
    "AbstractConv2d_gradWeights",
    "AbstractConv3d",
    "AbstractConv3d_gradInputs",
    "AbstractConv3d_gradWeights",
    "AbstractConv_gradInputs",
    "AbstractConv_gradWeights",
    "BaseAbstractConv",
    "border_mode_to_pad",
    "causal_conv1d",
    "check_conv_gradinputs_shape",
    "conv2d",
    "conv2d_grad_wrt_inputs",
    "conv2d_grad_wrt_weights",
    "conv2d_transpose",
    "conv3d",
    "conv3d_grad_wrt_inputs",
    "conv3d_grad_wrt_weights",
    "get_conv_gradinputs_shape",
    "get_conv_gradinputs_shape_1axis",
    "get_conv_gradweights_shape",
    "get_conv_gradweights_shape_1axis",
    "get_conv_output_shape",
    "get_conv_shape_1axis",
    "nnet_conv2d",
    "separable_conv2d",
    "separable_conv3d",
]


# -- shape rules (work on ints and on symbolic scalars; None means unknown) ----------------


def get_conv_shape_1axis(image_shape, kernel_shape, border_mode, subsample, dilation=1):
    """Output length along one axis: ``(image + pads - dilated kernel) // subsample + 1``.

    Parameters
    ----------
    image_shape, kernel_shape : int, symbolic scalar or None
        Input and filter lengths along the axis.
    border_mode : 'valid', 'full', 'half', int or (int, int)
        Padding of the axis (a pair pads left and right differently).
    subsample, dilation : int
        Stride and filter dilation along the axis.

    Returns
    -------
    int, symbolic scalar or None
        None when any argument is None.
    """
    if any(v is None for v in (image_shape, kernel_shape, border_mode, subsample, dilation)):
        return None
    dil_kernel = (kernel_shape - 1) * dilation + 1
    left, right = _axis_pads(border_mode, dil_kernel)
    out = image_shape - dil_kernel
    if not (isinstance(left, int) and left == 0):
        out = out + left
    if not (isinstance(right, int) and right == 0):
        out = out + right
    if subsample != 1:
        out = out // subsample
    return out + 1


def get_conv_output_shape(image_shape, kernel_shape, border_mode, subsample, filter_dilation=None):
    """Shape of a convolution's output: ``(batch, nkern) + spatial lengths``.

    Parameters
    ----------
    image_shape : tuple
        ``(batch, channels, *spatial)``; entries may be None or symbolic.
    kernel_shape : tuple
        ``(nkern, channels, *spatial)`` (or the 6-d unshared layout: only the first and the
        last ``len(image_shape) - 2`` entries are read).
    border_mode : 'valid', 'full', 'half', int or tuple
        As in :func:`conv2d`; a tuple gives one mode per spatial axis.
    subsample : tuple of int
        Strides.
    filter_dilation : tuple of int, optional
        Dilations (default 1 along every axis).

    Returns
    -------
    tuple
        ``(image_shape[0], kernel_shape[0], *output lengths)``; unknown entries are None.

    Examples
    --------
    >>> get_conv_output_shape((2, 3, 10, 11), (4, 3, 3, 3), "half", (2, 3))
    (2, 4, 5, 4)
    """
    convdim = len(image_shape) - 2
    if filter_dilation is None:
        filter_dilation = (1,) * convdim
    modes = _per_axis(border_mode, convdim)
    spatial = tuple(
        get_conv_shape_1axis(
            image_shape[2 + i],
            kernel_shape[len(kernel_shape) - convdim + i],
            modes[i],
            subsample[i],
            filter_dilation[i],
        )
        for i in range(convdim)
    )
    return (image_shape[0], kernel_shape[0]) + spatial


def get_conv_gradweights_shape_1axis(image_shape, top_shape, border_mode, subsample, dilation):
    """Filter length along one axis from the input and output lengths (None if ambiguous).

    With a stride other than 1 or ``border_mode='half'`` several lengths fit: returns None.
    """
    if any(v is None for v in (image_shape, top_shape, border_mode, subsample, dilation)):
        return None
    if subsample != 1 or border_mode == "half":
        return None
    if border_mode == "full":
        span = top_shape - image_shape
    elif border_mode == "valid":
        span = image_shape - top_shape
    else:
        left, right = _axis_pads(border_mode, 0)
        span = image_shape + left + right - top_shape
    if dilation > 1:
        span = span // dilation
    return span + 1


def get_conv_gradweights_shape(
    image_shape,
    top_shape,
    border_mode,
    subsample,
    filter_dilation=None,
    num_groups=1,
    unshared=False,
):
    """Shape of the filters that map ``image_shape`` to ``top_shape`` (None where ambiguous).

    Returns ``(nkern, channels // num_groups, *spatial)``, or for ``unshared=True``
    ``(nkern, *top spatial, channels // num_groups, *spatial)``.
    """
    convdim = len(image_shape) - 2
    if filter_dilation is None:
        filter_dilation = (1,) * convdim
    nchan_in = image_shape[1]
    if nchan_in is not None and num_groups > 1:
        nchan_in = nchan_in // num_groups
    modes = _per_axis(border_mode, convdim)
    spatial = tuple(
        get_conv_gradweights_shape_1axis(
            image_shape[2 + i], top_shape[2 + i], modes[i], subsample[i], filter_dilation[i]
        )
        for i in range(convdim)
    )
    if unshared:
        return (top_shape[1],) + tuple(top_shape[2:]) + (nchan_in,) + spatial
    return (top_shape[1], nchan_in) + spatial


def get_conv_gradinputs_shape_1axis(kernel_shape, top_shape, border_mode, subsample, dilation):
    """Input length along one axis from the filter and output lengths (None if ambiguous).

    With a stride other than 1 several input lengths give the same output: returns None.
    """
    if any(v is None for v in (kernel_shape, top_shape, border_mode, subsample, dilation)):
        return None
    if subsample != 1:
        return None
    dil_kernel = (kernel_shape - 1) * dilation + 1
    left, right = _axis_pads(border_mode, dil_kernel)
    return top_shape + dil_kernel - 1 - left - right


def get_conv_gradinputs_shape(
    kernel_shape, top_shape, border_mode, subsample, filter_dilation=None, num_groups=1
):
    """Shape of the input that the filters map to ``top_shape`` (None where ambiguous)."""
    convdim = len(top_shape) - 2
    if filter_dilation is None:
        filter_dilation = (1,) * convdim
    nchan = kernel_shape[len(kernel_shape) - convdim - 1]
    if nchan is not None:
        nchan = nchan * num_groups
    modes = _per_axis(border_mode, convdim)
    spatial = tuple(
        get_conv_gradinputs_shape_1axis(
            kernel_shape[len(kernel_shape) - convdim + i],
            top_shape[2 + i],
            modes[i],
            subsample[i],
            filter_dilation[i],
        )
        for i in range(convdim)
    )
    return (top_shape[0], nchan) + spatial


def check_conv_gradinputs_shape(
    image_shape, kernel_shape, output_shape, border_mode, subsample, filter_dilation=None
):
    """False if the convolution of ``image_shape`` by ``kernel_shape`` cannot give
    ``output_shape``; True when it can or when an entry is unknown."""
    image_shape, kernel_shape = tuple(image_shape), tuple(kernel_shape)
    output_shape = tuple(output_shape)
    if len(image_shape) != len(output_shape) or len(image_shape) - 2 != len(subsample):
        return False
    if filter_dilation is not None and len(image_shape) - 2 != len(filter_dilation):
        return False
    computed = get_conv_output_shape(
        image_shape, kernel_shape, border_mode, subsample, filter_dilation
    )
    for given, comp in zip(output_shape, computed):
        if given is None or comp is None:
            continue
        try:
            if int(get_scalar_constant_value(given)) != int(get_scalar_constant_value(comp)):
                return False
        except NotScalarConstantError:
            continue
    return True


def border_mode_to_pad(mode, convdim, kshp):
    """The explicit ``((left, right), ...)`` padding per spatial axis for ``mode``."""
    if isinstance(mode, tuple):
        return tuple(m if isinstance(m, tuple) else (m, m) for m in mode)
    if mode == "valid":
        return ((0, 0),) * convdim
    if mode == "full":
        return tuple((k - 1, k - 1) for k in kshp)
    if mode == "half":
        return tuple((k // 2, k // 2) for k in kshp)
    if isinstance(mode, (int, np.integer)):
        return ((int(mode), int(mode)),) * convdim
    raise ValueError(f"invalid border_mode {mode!r}")


# -- the ops ---------------------------------------------------------------------------------


def _constant_shape(shape, length, what):
    """A shape hint as a tuple of Python ints and Nones (constants accepted)."""
    if not shape:
        return (None,) * length
    shape = tuple(shape)
    if len(shape) != length:
        raise ValueError(f"{what} must have {length} entries; got {shape}")
    result = []
    for s in shape:
        if s is None:
            result.append(None)
            continue
        try:
            value = get_scalar_constant_value(s, only_process_constants=True)
        except NotScalarConstantError:
            raise ValueError(f"{what} should be None or a tuple of constant int values; got {s}")
        result.append(int(value))
    return tuple(result)


def _normalize_border_mode(border_mode, convdim):
    if isinstance(border_mode, list):
        border_mode = tuple(border_mode)
    if isinstance(border_mode, (int, np.integer)) and not isinstance(border_mode, bool):
        if border_mode < 0:
            raise ValueError(
                f"invalid border_mode {border_mode}, which must be a non-negative integer"
            )
        border_mode = (int(border_mode),) * convdim
    elif isinstance(border_mode, tuple):
        if len(border_mode) != convdim:
            raise ValueError(
                f"invalid border_mode {border_mode}, which must be a tuple of length {convdim}"
            )
        modes = []
        for mode in border_mode:
            if isinstance(mode, list):
                mode = tuple(mode)
            is_int = isinstance(mode, (int, np.integer)) and mode >= 0
            is_pair = (
                isinstance(mode, tuple)
                and len(mode) == 2
                and all(isinstance(m, (int, np.integer)) and m >= 0 for m in mode)
            )
            if not (is_int or is_pair):
                raise ValueError(
                    f"invalid border mode {border_mode}. The tuple can only contain "
                    "non-negative integers or pairs of non-negative integers"
                )
            if is_pair:
                if convdim != 2:
                    raise NotImplementedError(f"Asymmetric padding not implemented for {convdim}D")
                mode = int(mode[0]) if mode[0] == mode[1] else (int(mode[0]), int(mode[1]))
            else:
                mode = int(mode)
            modes.append(mode)
        border_mode = tuple(modes)
    elif border_mode not in ("valid", "full", "half"):
        raise ValueError(
            f'invalid border_mode {border_mode}, which must be either "valid", "full", '
            f'"half", an integer or a tuple of length {convdim}'
        )
    if isinstance(border_mode, tuple) and all(m == 0 for m in border_mode):
        border_mode = "valid"
    return border_mode


def _int_tuple(values, convdim, what):
    values = tuple(values)
    if len(values) != convdim:
        raise ValueError(f"{what} must have {convdim} elements")
    if any(int(v) != v or v < 1 for v in values):
        raise ValueError(f"{what} must contain positive integers; got {values}")
    return tuple(int(v) for v in values)


def _like_input(grad, var):
    """``grad`` with the dtype and broadcastable pattern of the input ``var``."""
    if grad.dtype != var.dtype:
        grad = cast(grad, var.dtype)
    return patternbroadcast(grad, var.broadcastable)


def _is_disconnected(g):
    from theano.gradient import DisconnectedType

    return g is None or isinstance(g.type, DisconnectedType)


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


class BaseAbstractConv(Op):
    """Shared parameters of the convolution ops.

    Parameters
    ----------
    convdim : 2 or 3
        Number of spatial dimensions.
    imshp, kshp : tuple, optional
        Shape hints for the input ``(batch, channels, *spatial)`` and the filters
        ``(nkern, channels // num_groups, *spatial)`` (6-d when unshared); None entries are
        unknown.  They are checked against the values at run time.
    border_mode : 'valid', 'full', 'half', int or tuple
        Zero padding: none, ``dilated kernel - 1``, ``dilated kernel // 2``, or explicit (a
        pair per axis pads the two sides differently).
    subsample : tuple of int
        Strides.
    filter_flip : bool
        True flips the filters (convolution); False is cross-correlation.
    filter_dilation : tuple of int
        Spacing between filter taps.
    num_groups : int
        Channels and filters are split into this many independent groups.
    unshared : bool
        Locally connected: one filter per output position (2-d only).
    """

    __props__ = (
        "convdim",
        "border_mode",
        "subsample",
        "filter_flip",
        "imshp",
        "kshp",
        "filter_dilation",
        "num_groups",
        "unshared",
    )
    check_broadcast = False

    def __init__(
        self,
        convdim,
        imshp=None,
        kshp=None,
        border_mode="valid",
        subsample=None,
        filter_flip=True,
        filter_dilation=None,
        num_groups=1,
        unshared=False,
    ):
        if convdim not in (2, 3):
            raise ValueError(f"convolution dimension {convdim} is not supported")
        self.convdim = convdim
        if subsample is None:
            subsample = (1,) * convdim
        if filter_dilation is None:
            filter_dilation = (1,) * convdim
        self.border_mode = _normalize_border_mode(border_mode, convdim)
        self.subsample = _int_tuple(subsample, convdim, "subsample")
        self.filter_dilation = _int_tuple(filter_dilation, convdim, "filter_dilation")
        self.filter_flip = bool(filter_flip)
        if int(num_groups) != num_groups or num_groups < 1:
            raise ValueError("num_groups must have value greater than zero")
        self.num_groups = int(num_groups)
        if unshared and convdim != 2:
            raise NotImplementedError(f"Unshared convolution not implemented for {convdim}D")
        self.unshared = bool(unshared)
        self.imshp = _constant_shape(imshp, 2 + convdim, "imshp")
        self.kshp = _constant_shape(kshp, 2 + (2 if unshared else 1) * convdim, "kshp")
        nchan, kchan = self.imshp[1], self.kshp[-convdim - 1]
        if nchan is not None and kchan is not None and nchan != kchan * self.num_groups:
            raise ValueError(
                f"{type(self).__name__}: imshp {self.imshp} has {nchan} channels but kshp "
                f"{self.kshp} expects {kchan} per group x num_groups={self.num_groups}"
            )

    def do_constant_folding(self, node):
        # Like Theano: a convolution of constants stays in the graph (it may be large).
        return False

    def _check_var(self, var, ndim, what, position):
        if var.type.ndim != ndim:
            raise TypeError(
                f"{type(self).__name__}: {what} must be {ndim}D tensor (input {position}); "
                f"got {var.type}"
            )

    def _kern_ndim(self):
        return 2 + (2 if self.unshared else 1) * self.convdim

    def _kwargs(self):
        kwargs = {
            "imshp": self.imshp,
            "kshp": self.kshp,
            "border_mode": self.border_mode,
            "subsample": self.subsample,
            "filter_flip": self.filter_flip,
            "filter_dilation": self.filter_dilation,
            "num_groups": self.num_groups,
        }
        if self.convdim == 2:
            kwargs["unshared"] = self.unshared
        return kwargs

    def _family(self):
        """The (forward, gradWeights, gradInputs) op classes of this dimension."""
        if self.convdim == 2:
            return AbstractConv2d, AbstractConv2d_gradWeights, AbstractConv2d_gradInputs
        return AbstractConv3d, AbstractConv3d_gradWeights, AbstractConv3d_gradInputs

    def _forward_op(self):
        return self._family()[0](**self._kwargs())

    def _grad_weights_op(self):
        return self._family()[1](**self._kwargs())

    def _grad_inputs_op(self):
        return self._family()[2](**self._kwargs())


def _merge_hints(given, symbolic):
    """A shape from the hints ``given``, with the ``symbolic`` entry where a hint is None."""
    return [g if g is not None else sym for g, sym in zip(given, symbolic)]


def _bilinear_R_op(self, inputs, eval_points):
    """``R_op`` of a convolution ``self(x, w)``, bilinear in ``x`` and ``w``.

    ``d conv(x, w) = conv(dx, w) + conv(x, dw)``; the terms whose eval point is None are left out.
    """
    terms = []
    if eval_points[0] is not None:
        terms.append(self(eval_points[0], inputs[1]))
    if eval_points[1] is not None:
        terms.append(self(inputs[0], eval_points[1]))
    if not terms:
        return [None]
    return [terms[0] if len(terms) == 1 else terms[0] + terms[1]]


def _init_2d(
    self,
    imshp=None,
    kshp=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
):
    """``__init__`` of the 2-d ops: :class:`BaseAbstractConv` with ``convdim=2``."""
    args = (imshp, kshp, border_mode, subsample, filter_flip, filter_dilation, num_groups)
    BaseAbstractConv.__init__(self, 2, *args, unshared)


def _init_3d(
    self,
    imshp=None,
    kshp=None,
    border_mode="valid",
    subsample=(1, 1, 1),
    filter_flip=True,
    filter_dilation=(1, 1, 1),
    num_groups=1,
):
    """``__init__`` of the 3-d ops: :class:`BaseAbstractConv` with ``convdim=3``."""
    BaseAbstractConv.__init__(
        self, 3, imshp, kshp, border_mode, subsample, filter_flip, filter_dilation, num_groups
    )


class AbstractConv(BaseAbstractConv):
    """Forward convolution ``(img, kern) -> output`` of any supported dimension."""

    def make_node(self, img, kern):
        img = as_tensor_variable(img)
        kern = as_tensor_variable(kern)
        self._check_var(img, 2 + self.convdim, "img", 0)
        if self.unshared:
            if kern.type.ndim != self._kern_ndim():
                raise TypeError(
                    f"{type(self).__name__}: kern must be {self._kern_ndim()}D tensor for "
                    f"unshared convolution (input 1); got {kern.type}"
                )
        else:
            self._check_var(kern, self._kern_ndim(), "kern", 1)
        broadcastable = (img.broadcastable[0], kern.broadcastable[0]) + (False,) * self.convdim
        output = img.type.clone(broadcastable=broadcastable)()
        return Apply(self, [img, kern], [output])

    def infer_shape(self, fgraph, node, input_shapes):
        imshp = _merge_hints(self.imshp, input_shapes[0])
        kshp = _merge_hints(self.kshp, input_shapes[1])
        res = get_conv_output_shape(
            imshp, kshp, self.border_mode, self.subsample, self.filter_dilation
        )
        return [list(res)]

    def perform(self, node, inputs, output_storage):
        img, kern = inputs
        output_storage[0][0] = conv_forward_value(self, img, kern, node.outputs[0].dtype)

    def L_op(self, inputs, outputs, output_grads):
        bottom, weights = inputs
        (top,) = output_grads
        d_bottom = self._grad_inputs_op()(weights, top, bottom.shape[-self.convdim :])
        d_weights = self._grad_weights_op()(bottom, top, weights.shape[-self.convdim :])
        return [_like_input(d_bottom, bottom), _like_input(d_weights, weights)]

    R_op = _bilinear_R_op


class AbstractConv2d(AbstractConv):
    """Forward 2-d convolution; see :func:`conv2d` for the parameters."""

    __init__ = _init_2d


class AbstractConv3d(AbstractConv):
    """Forward 3-d convolution; see :func:`conv3d` for the parameters."""

    __init__ = _init_3d


class AbstractConv_gradWeights(BaseAbstractConv):
    """Gradient of the convolution wrt the filters: ``(img, topgrad, shape) -> dfilters``.

    ``shape`` holds the filters' spatial lengths (the last ``convdim`` entries of their shape).
    """

    def make_node(self, img, topgrad, shape, add_assert_shape=True):
        img = as_tensor_variable(img)
        topgrad = as_tensor_variable(topgrad)
        self._check_var(img, 2 + self.convdim, "img", 0)
        self._check_var(topgrad, 2 + self.convdim, "topgrad", 1)
        shape = as_tensor_variable(shape)
        if self.unshared:
            broadcastable = (
                (topgrad.broadcastable[1],)
                + (False,) * self.convdim
                + (img.broadcastable[1],)
                + (False,) * self.convdim
            )
        else:
            broadcastable = (topgrad.broadcastable[1], img.broadcastable[1]) + (False,) * (
                self.convdim
            )
        output = img.type.clone(broadcastable=broadcastable)()
        return Apply(self, [img, topgrad, shape], [output])

    def infer_shape(self, fgraph, node, input_shapes):
        imshp, topshp = input_shapes[0], input_shapes[1]
        shape = node.inputs[2]
        spatial = [shape[i] for i in range(self.convdim)]
        nchan = imshp[1] if self.num_groups == 1 else imshp[1] // self.num_groups
        if self.unshared:
            return [[topshp[1]] + list(topshp[2:]) + [nchan] + spatial]
        return [[topshp[1], nchan] + spatial]

    def perform(self, node, inputs, output_storage):
        img, topgrad, shape = inputs
        output_storage[0][0] = conv_grad_weights_value(
            self, img, topgrad, shape, node.outputs[0].dtype
        )

    def connection_pattern(self, node):
        return [[True], [True], [False]]

    def L_op(self, inputs, outputs, output_grads):
        bottom, top = inputs[:2]
        (weights,) = output_grads
        # <gradWeights(x, y), gw> = <conv(x, gw), y>: differentiate that wrt x and y
        d_bottom = self._grad_inputs_op()(weights, top, bottom.shape[-self.convdim :])
        d_top = self._forward_op()(bottom, weights)
        return [_like_input(d_bottom, bottom), _like_input(d_top, top), _disconnected()]


class AbstractConv2d_gradWeights(AbstractConv_gradWeights):
    """Gradient of the 2-d convolution wrt the filters."""

    __init__ = _init_2d


class AbstractConv3d_gradWeights(AbstractConv_gradWeights):
    """Gradient of the 3-d convolution wrt the filters."""

    __init__ = _init_3d


class AbstractConv_gradInputs(BaseAbstractConv):
    """Gradient of the convolution wrt the input: ``(kern, topgrad, shape) -> dinput``.

    ``shape`` holds the input's spatial lengths (needed: with strides several fit).
    """

    def make_node(self, kern, topgrad, shape, add_assert_shape=True):
        kern = as_tensor_variable(kern)
        topgrad = as_tensor_variable(topgrad)
        if self.unshared and kern.type.ndim != self._kern_ndim():
            raise TypeError(
                f"{type(self).__name__}: kern must be {self._kern_ndim()}D tensor for "
                f"unshared convolution (input 0); got {kern.type}"
            )
        self._check_var(kern, self._kern_ndim(), "kern", 0)
        self._check_var(topgrad, 2 + self.convdim, "topgrad", 1)
        shape = as_tensor_variable(shape)
        chan = False if self.num_groups > 1 else kern.broadcastable[-self.convdim - 1]
        broadcastable = (topgrad.broadcastable[0], chan) + (False,) * self.convdim
        output = kern.type.clone(broadcastable=broadcastable)()
        return Apply(self, [kern, topgrad, shape], [output])

    def infer_shape(self, fgraph, node, input_shapes):
        kshp, topshp = input_shapes[0], input_shapes[1]
        shape = node.inputs[2]
        spatial = [shape[i] for i in range(self.convdim)]
        nchan = kshp[-self.convdim - 1]
        if self.num_groups > 1:
            nchan = nchan * self.num_groups
        return [[topshp[0], nchan] + spatial]

    def perform(self, node, inputs, output_storage):
        kern, topgrad, shape = inputs
        output_storage[0][0] = conv_grad_inputs_value(
            self, kern, topgrad, shape, node.outputs[0].dtype
        )

    def connection_pattern(self, node):
        return [[True], [True], [False]]

    def L_op(self, inputs, outputs, output_grads):
        weights, top = inputs[:2]
        (bottom,) = output_grads
        # <gradInputs(w, y), gx> = <conv(gx, w), y>: differentiate that wrt w and y
        d_weights = self._grad_weights_op()(bottom, top, weights.shape[-self.convdim :])
        d_top = self._forward_op()(bottom, weights)
        return [_like_input(d_weights, weights), _like_input(d_top, top), _disconnected()]


class AbstractConv2d_gradInputs(AbstractConv_gradInputs):
    """Gradient of the 2-d convolution wrt the input."""

    __init__ = _init_2d


class AbstractConv3d_gradInputs(AbstractConv_gradInputs):
    """Gradient of the 3-d convolution wrt the input."""

    __init__ = _init_3d


# -- user functions ----------------------------------------------------------------------


def conv2d(
    input,
    filters,
    input_shape=None,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
):
    """Convolve a mini-batch of multi-channel 2-d images with a set of 2-d filters.

    Parameters
    ----------
    input : 4-d tensor
        ``(batch, channels, rows, cols)``.
    filters : 4-d tensor (6-d when ``unshared``)
        ``(nkern, channels // num_groups, krows, kcols)``; unshared filters are
        ``(nkern, out_rows, out_cols, channels // num_groups, krows, kcols)``.
    input_shape, filter_shape : tuple, optional
        Shape hints (None entries unknown); checked against the values at run time.
    border_mode : 'valid', 'full', 'half', int, (int, int) or ((int, int), (int, int))
        'valid': output ``in - k + 1``; 'full': ``in + k - 1``; 'half': pad ``k // 2`` each
        side (same size for odd ``k``); ints pad with zeros (a pair per axis pads the sides
        differently).  ``k`` is the dilated filter length ``(k - 1) * dilation + 1``.
    subsample : (int, int)
        Strides: output ``(in + pads - k) // stride + 1``.
    filter_flip : bool
        True (default) flips the filters: true convolution.  False: cross-correlation.
    filter_dilation : (int, int)
        Spacing between filter taps (atrous convolution).
    num_groups : int
        Split channels and filters into independent groups.
    unshared : bool
        Locally connected layer: a different filter at every output position.

    Returns
    -------
    4-d tensor
        ``(batch, nkern, out_rows, out_cols)``, of the input's dtype.

    Examples
    --------
    >>> import numpy as np, theano, theano.tensor as T
    >>> x, w = T.tensor4("x"), T.tensor4("w")
    >>> f = theano.function([x, w], conv2d(x, w, border_mode="half"))
    >>> f(np.ones((1, 1, 3, 3)), np.ones((1, 1, 3, 3)))[0, 0]
    array([[4., 6., 4.],
           [6., 9., 6.],
           [4., 6., 4.]])
    """
    input = as_tensor_variable(input)
    filters = as_tensor_variable(filters)
    op = AbstractConv2d(
        imshp=input_shape,
        kshp=filter_shape,
        border_mode=border_mode,
        subsample=subsample,
        filter_flip=filter_flip,
        filter_dilation=filter_dilation,
        num_groups=num_groups,
        unshared=unshared,
    )
    return op(input, filters)


def nnet_conv2d(
    input,
    filters,
    input_shape=None,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    image_shape=None,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
    **kwargs,
):
    """``theano.tensor.nnet.conv2d``: :func:`conv2d` plus the deprecated ``image_shape``.

    ``image_shape`` is the old name of ``input_shape`` (warns); other keyword arguments of
    the old interface (``unroll_batch`` ...) are ignored with a warning, and
    ``imshp_logical``/``kshp_logical`` raise ValueError.
    """
    if "imshp_logical" in kwargs or "kshp_logical" in kwargs:
        raise ValueError(
            "Keyword arguments 'imshp_logical' and 'kshp_logical' for conv2d are not supported "
            "anymore (and have not been a reliable way to perform upsampling). That feature is "
            "still available by calling theano.tensor.nnet.conv.conv2d() for the time being."
        )
    if kwargs:
        warnings.warn(
            f"{list(kwargs)} are now deprecated in `tensor.nnet.abstract_conv.conv2d` "
            "interface and will be ignored.",
            stacklevel=2,
        )
    if image_shape is not None:
        warnings.warn(
            "The `image_shape` keyword argument to `tensor.nnet.conv2d` is deprecated, it has "
            "been renamed to `input_shape`.",
            stacklevel=2,
        )
        if input_shape is not None:
            raise ValueError("input_shape and image_shape should not be provided at the same time.")
        input_shape = image_shape
    return conv2d(
        input,
        filters,
        input_shape,
        filter_shape,
        border_mode,
        subsample,
        filter_flip,
        filter_dilation,
        num_groups,
        unshared,
    )


def conv3d(
    input,
    filters,
    input_shape=None,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1, 1),
    filter_flip=True,
    filter_dilation=(1, 1, 1),
    num_groups=1,
):
    """Convolve a mini-batch of multi-channel 3-d volumes with a set of 3-d filters.

    Parameters
    ----------
    input : 5-d tensor
        ``(batch, channels, depth, rows, cols)``.
    filters : 5-d tensor
        ``(nkern, channels // num_groups, kdepth, krows, kcols)``.
    input_shape, filter_shape, border_mode, subsample, filter_flip, filter_dilation, num_groups
        As in :func:`conv2d`, with three spatial axes (no per-side padding pairs).

    Returns
    -------
    5-d tensor
        ``(batch, nkern, out_depth, out_rows, out_cols)``.
    """
    input = as_tensor_variable(input)
    filters = as_tensor_variable(filters)
    op = AbstractConv3d(
        imshp=input_shape,
        kshp=filter_shape,
        border_mode=border_mode,
        subsample=subsample,
        filter_flip=filter_flip,
        filter_dilation=filter_dilation,
        num_groups=num_groups,
    )
    return op(input, filters)


def _check_grad_shape(shape, symbolic_ok, convdim, name):
    """Validate a user shape; symbolic entries of the last ``convdim`` become None hints."""
    shape = list(shape)
    hints = []
    for i, s in enumerate(shape):
        spatial = i >= len(shape) - convdim
        if isinstance(s, Variable) and not _is_constant(s):
            if not (spatial and symbolic_ok):
                raise ValueError(f"{name}[{i}] must be a constant or None.")
            hints.append(None)
        elif s is None and spatial and symbolic_ok:
            raise ValueError(f"{name}[{i}] must be a symbolic variable, a constant or None.")
        else:
            hints.append(s)
    return shape, hints


def _is_constant(v):
    try:
        get_scalar_constant_value(v, only_process_constants=True)
    except NotScalarConstantError:
        return False
    return True


def _grad_kwargs(border_mode, subsample, filter_flip, filter_dilation, num_groups):
    return {
        "border_mode": border_mode,
        "subsample": subsample,
        "filter_flip": filter_flip,
        "filter_dilation": filter_dilation,
        "num_groups": num_groups,
    }


def _grad_wrt_inputs(op_class, convdim, output_grad, filters, input_shape, filter_shape, kwargs):
    filters = as_tensor_variable(filters)
    output_grad = as_tensor_variable(output_grad)
    if len(input_shape) != 2 + convdim:
        raise ValueError(f"input_shape must have {2 + convdim} entries; got {input_shape}")
    input_shape, hints = _check_grad_shape(input_shape, True, convdim, "input_shape")
    if filter_shape is not None:
        expected = 2 + (2 if kwargs.get("unshared") else 1) * convdim
        if len(filter_shape) != expected:
            raise ValueError(
                f"The length of filter_shape was {len(filter_shape)}, but we expected {expected}."
            )
        _check_grad_shape(filter_shape, False, convdim, "filter_shape")
    op = op_class(imshp=hints, kshp=filter_shape, **kwargs)
    return op(filters, output_grad, input_shape[-convdim:])


def _grad_wrt_weights(op_class, convdim, input, output_grad, filter_shape, input_shape, kwargs):
    input = as_tensor_variable(input)
    output_grad = as_tensor_variable(output_grad)
    filter_shape, hints = _check_grad_shape(filter_shape, True, convdim, "filter_shape")
    if input_shape is not None:
        _check_grad_shape(input_shape, False, convdim, "input_shape")
    op = op_class(imshp=input_shape, kshp=hints, **kwargs)
    return op(input, output_grad, filter_shape[-convdim:])


def conv2d_grad_wrt_inputs(
    output_grad,
    filters,
    input_shape,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
):
    """Gradient of :func:`conv2d` wrt its input, given the output gradient.

    Also the transposed convolution.  ``input_shape`` is required (with strides several
    input sizes give the same output); its last two entries may be symbolic scalars, the
    first two must be constants or None.  The other parameters are those of the forward
    :func:`conv2d`.

    Returns
    -------
    4-d tensor
        ``(batch, channels, rows, cols)`` with ``(rows, cols) = input_shape[-2:]``.
    """
    kwargs = _grad_kwargs(border_mode, subsample, filter_flip, filter_dilation, num_groups)
    kwargs["unshared"] = unshared
    return _grad_wrt_inputs(
        AbstractConv2d_gradInputs, 2, output_grad, filters, input_shape, filter_shape, kwargs
    )


def conv3d_grad_wrt_inputs(
    output_grad,
    filters,
    input_shape,
    filter_shape=None,
    border_mode="valid",
    subsample=(1, 1, 1),
    filter_flip=True,
    filter_dilation=(1, 1, 1),
    num_groups=1,
):
    """Gradient of :func:`conv3d` wrt its input; see :func:`conv2d_grad_wrt_inputs`."""
    kwargs = _grad_kwargs(border_mode, subsample, filter_flip, filter_dilation, num_groups)
    return _grad_wrt_inputs(
        AbstractConv3d_gradInputs, 3, output_grad, filters, input_shape, filter_shape, kwargs
    )


def conv2d_grad_wrt_weights(
    input,
    output_grad,
    filter_shape,
    input_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
):
    """Gradient of :func:`conv2d` wrt its filters, given the input and output gradient.

    ``filter_shape`` is required; its last two entries may be symbolic scalars, the others
    must be constants or None.

    Returns
    -------
    4-d tensor (6-d when ``unshared``)
        The filters' gradient, of the input's dtype.
    """
    kwargs = _grad_kwargs(border_mode, subsample, filter_flip, filter_dilation, num_groups)
    kwargs["unshared"] = unshared
    return _grad_wrt_weights(
        AbstractConv2d_gradWeights, 2, input, output_grad, filter_shape, input_shape, kwargs
    )


def conv3d_grad_wrt_weights(
    input,
    output_grad,
    filter_shape,
    input_shape=None,
    border_mode="valid",
    subsample=(1, 1, 1),
    filter_flip=True,
    filter_dilation=(1, 1, 1),
    num_groups=1,
):
    """Gradient of :func:`conv3d` wrt its filters; see :func:`conv2d_grad_wrt_weights`."""
    kwargs = _grad_kwargs(border_mode, subsample, filter_flip, filter_dilation, num_groups)
    return _grad_wrt_weights(
        AbstractConv3d_gradWeights, 3, input, output_grad, filter_shape, input_shape, kwargs
    )


def conv2d_transpose(
    input,
    filters,
    output_shape,
    filter_shape=None,
    border_mode="valid",
    input_dilation=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
    unshared=False,
):
    """Transposed ("deconvolution") 2-d convolution: the gradient of :func:`conv2d`.

    ``filters`` are ``(in_channels_of_input, out_channels, krows, kcols)`` seen from this
    function (the forward conv's layout); ``output_shape`` is the full 4-d output shape and
    ``input_dilation`` the forward conv's stride.
    """
    return conv2d_grad_wrt_inputs(
        input,
        filters,
        output_shape,
        filter_shape,
        border_mode,
        input_dilation,
        filter_flip,
        filter_dilation,
        num_groups,
        unshared,
    )


def _separable(
    forward,
    input,
    depthwise_filters,
    pointwise_filters,
    num_channels,
    input_shape,
    depthwise_filter_shape,
    pointwise_filter_shape,
    border_mode,
    subsample,
    filter_flip,
    filter_dilation,
):
    convdim = len(subsample)
    input = as_tensor_variable(input)
    depthwise_filters = as_tensor_variable(depthwise_filters)
    op_class = AbstractConv2d if convdim == 2 else AbstractConv3d
    depthwise_op = op_class(
        imshp=input_shape,
        kshp=depthwise_filter_shape,
        border_mode=border_mode,
        subsample=subsample,
        filter_flip=filter_flip,
        filter_dilation=filter_dilation,
        num_groups=num_channels,
    )
    if input_shape is None or depthwise_filter_shape is None:
        mid_shape = None
    else:
        mid_shape = get_conv_output_shape(
            depthwise_op.imshp,
            depthwise_op.kshp,
            depthwise_op.border_mode,
            subsample,
            filter_dilation,
        )
    depthwise = depthwise_op(input, depthwise_filters)
    return forward(
        depthwise,
        pointwise_filters,
        mid_shape,
        pointwise_filter_shape,
        "valid",
        (1,) * convdim,
        filter_flip,
        (1,) * convdim,
        1,
    )


def separable_conv2d(
    input,
    depthwise_filters,
    pointwise_filters,
    num_channels,
    input_shape=None,
    depthwise_filter_shape=None,
    pointwise_filter_shape=None,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
):
    """Depthwise 2-d convolution (one group per input channel) then a 1x1 pointwise one.

    ``depthwise_filters`` are ``(channels * multiplier, 1, krows, kcols)`` and
    ``pointwise_filters`` ``(nkern, channels * multiplier, 1, 1)``; ``num_channels`` is the
    number of input channels.  Border mode, stride and dilation apply to the depthwise step.
    """
    return _separable(
        conv2d,
        input,
        depthwise_filters,
        pointwise_filters,
        num_channels,
        input_shape,
        depthwise_filter_shape,
        pointwise_filter_shape,
        border_mode,
        subsample,
        filter_flip,
        filter_dilation,
    )


def separable_conv3d(
    input,
    depthwise_filters,
    pointwise_filters,
    num_channels,
    input_shape=None,
    depthwise_filter_shape=None,
    pointwise_filter_shape=None,
    border_mode="valid",
    subsample=(1, 1, 1),
    filter_flip=True,
    filter_dilation=(1, 1, 1),
):
    """3-d version of :func:`separable_conv2d` (pointwise filters ``(nkern, C*m, 1, 1, 1)``)."""
    return _separable(
        conv3d,
        input,
        depthwise_filters,
        pointwise_filters,
        num_channels,
        input_shape,
        depthwise_filter_shape,
        pointwise_filter_shape,
        border_mode,
        subsample,
        filter_flip,
        filter_dilation,
    )


def causal_conv1d(
    input,
    filters,
    filter_shape,
    input_shape=None,
    subsample=1,
    filter_flip=True,
    filter_dilation=1,
    num_groups=1,
    unshared=False,
):
    """1-d convolution whose output at time t sees only inputs up to t.

    ``input`` is ``(batch, channels, time)`` and ``filters`` ``(nkern, channels, width)``;
    the input is padded on the left with ``filter_dilation * (width - 1)`` zeros.

    Returns
    -------
    3-d tensor
        ``(batch, nkern, out_time)``.
    """
    input = as_tensor_variable(input)
    filters = as_tensor_variable(filters)
    if input.ndim != 3:
        raise ValueError("Input should be 3D for causal convolution.")
    if filters.ndim != 3:
        raise ValueError("Filters should be 3D for causal convolution")
    if len(filter_shape) != 3:
        raise ValueError(f"filter_shape must have 3 entries; got {filter_shape}")
    if input_shape is not None:
        if len(input_shape) != 3:
            raise ValueError(f"input_shape must have 3 entries; got {input_shape}")
        input_shape = tuple(input_shape) + (1,)
    filter_shape = tuple(filter_shape) + (1,)
    left_pad = filter_dilation * (int(get_scalar_constant_value(filter_shape[2])) - 1)
    op = AbstractConv2d(
        imshp=input_shape,
        kshp=filter_shape,
        border_mode=((left_pad, 0), 0),
        subsample=(subsample, 1),
        filter_flip=filter_flip,
        filter_dilation=(filter_dilation, 1),
        num_groups=num_groups,
        unshared=unshared,
    )
    output = op(input.dimshuffle(0, 1, 2, "x"), filters.dimshuffle(0, 1, 2, "x"))
    return output[:, :, :, 0]
