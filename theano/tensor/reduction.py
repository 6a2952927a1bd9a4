"""Reductions: sum, prod, max, min, argmax, argmin, mean, var, std, all, any."""

import copy

import numpy as np

from theano import scalar as scal
from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.tensor.basic import as_tensor_variable, cast, constant
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise
from theano.tensor.type import TensorType

__all__ = [
    "CAReduceDtype",
    "Sum",
    "Prod",
    "ProdWithoutZeros",
    "MulWithoutZeros",
    "mul_without_zeros",
    "All",
    "Any",
    "Mean",
    "MaxAndArgmax",
    "Argmax",
    "check_and_normalize_axes",
    "makeKeepDims",
    "sum",
    "prod",
    "mean",
    "var",
    "std",
    "max_and_argmax",
    "max",
    "min",
    "argmax",
    "argmin",
    "ptp",
    "all",
    "any",
]

# Default result dtype of sum/prod: small integers widen to 64 bits (Theano's rule,
# independent of acc_dtype).
_default_out_dtype = {
    "bool": "int64",
    "int8": "int64",
    "int16": "int64",
    "int32": "int64",
    "uint8": "uint64",
    "uint16": "uint64",
    "uint32": "uint64",
}

# Default accumulator: at least 64-bit integers, float64 for float32, float32 for float16.
_default_acc_dtype = dict(
    _default_out_dtype,
    float16="float32",
    float32="float64",
    complex64="complex128",
)


def _dtype_name(dtype):
    if dtype is None:
        return None
    if isinstance(dtype, str) and dtype == "floatX":
        return config.floatX
    return np.dtype(dtype).name


def _axis_tuple(axis):
    """``axis`` as given to a reduction op: None, or a sorted tuple of distinct ints."""
    if axis is None:
        return None
    if isinstance(axis, Constant):
        axis = axis.data
    if isinstance(axis, np.ndarray):
        axis = axis.tolist()
    if isinstance(axis, (int, np.integer)):
        return (int(axis),)
    try:
        return tuple(sorted(set(int(a) for a in axis)))
    except TypeError:
        raise TypeError(
            f"axis must be None, an integer or a list/tuple of integers, got {axis!r}"
        ) from None


def _normalize_op_axes(op, x):
    """The op's axes made non-negative for ``x`` (ValueError when one is out of range)."""
    if op.axis is None:
        return None
    out = []
    for a in op.axis:
        if a >= x.ndim or a < -x.ndim:
            raise ValueError(
                f"{op}: cannot reduce axis {a} of input {x}, which has {x.ndim} dimensions "
                f"(type {x.type})"
            )
        out.append(a + x.ndim if a < 0 else a)
    return tuple(sorted(set(out)))


def check_and_normalize_axes(x, axis):
    """``axis`` (None, int, list/tuple, constant) as a sorted list of non-negative ints.

    None gives ``[]``.  Raises ValueError for an axis out of range, TypeError for a
    symbolic (non-constant) axis.
    """
    x = as_tensor_variable(x)
    if axis is None:
        return []
    if isinstance(axis, Variable):
        if not isinstance(axis, Constant):
            raise TypeError(f"Computation needs a constant axis. Got {axis}")
        axis = axis.data
    if isinstance(axis, np.ndarray):
        axis = axis.tolist()
    if isinstance(axis, (int, np.integer)):
        axis = [axis]
    elif not isinstance(axis, (list, tuple)):
        raise TypeError(
            f"Axis must be an integer, tuple, list of integers or a TensorVariable. Got {axis!r}"
        )
    out = []
    for a in axis:
        a = int(a)
        if a < 0:
            a += x.ndim
        if a < 0 or a >= x.ndim:
            raise ValueError(
                f"Computation needs a valid axis number for {x.ndim}-D tensor. Got {a}"
            )
        out.append(a)
    return sorted(set(out))


def _reduced_pattern(ndim, axes):
    """DimShuffle order putting back the reduced ``axes`` as broadcastable dims."""
    order = []
    j = 0
    for i in range(ndim):
        if i in axes:
            order.append("x")
        else:
            order.append(j)
            j += 1
    return order


def makeKeepDims(x, y, axis):
    """Re-insert, as length-1 broadcastable dims, the axes of ``x`` reduced to give ``y``."""
    x = as_tensor_variable(x)
    y = as_tensor_variable(y)
    if axis is None:
        axes = list(range(x.ndim))
    else:
        axes = [a + x.ndim if a < 0 else a for a in (_axis_tuple(axis) or ())]
    return DimShuffle(y.broadcastable, _reduced_pattern(x.ndim, axes))(y)


def _zeros_like(x, dtype):
    return x.zeros_like(dtype=dtype)


class CAReduceDtype(CAReduce):
    """A reduction whose result dtype (``dtype``) and accumulator (``acc_dtype``) are chosen.

    Without ``dtype``, bool/int8/int16/int32 give int64 and uint8/16/32 give uint64;
    other dtypes are kept.  Without ``acc_dtype``, integers accumulate in 64 bits,
    float16 in float32, float32 in float64 and complex64 in complex128.  An explicit
    ``acc_dtype`` less precise than the input raises TypeError.  The node's op has
    both resolved, so it prints e.g. ``Sum{acc_dtype=float64}``.
    """

    __props__ = ("scalar_op", "axis", "dtype", "acc_dtype")

    def __init__(self, scalar_op, axis=None, dtype=None, acc_dtype=None):
        super().__init__(scalar_op, _axis_tuple(axis))
        self.dtype = _dtype_name(dtype)
        self.acc_dtype = _dtype_name(acc_dtype)

    def _output_dtype(self, idtype):
        if self.dtype is not None:
            return self.dtype
        return _default_out_dtype.get(idtype, idtype)

    def _acc_dtype(self, idtype):
        acc = self.acc_dtype
        if acc is None:
            return _default_acc_dtype.get(idtype, idtype)
        if acc in scal.basic.continuous_dtypes and idtype in scal.basic.discrete_dtypes:
            return acc
        wider = scal.upcast(idtype, acc)
        if wider != acc:
            raise TypeError(
                f"Cannot build {self} node with input dtype {idtype} and acc_dtype {acc}, "
                "as precision would be lost. To correct this error, you can:\n"
                "  - not specify acc_dtype, or\n"
                f"  - use an acc_dtype at least as precise as {wider}.\n"
                '  - specify "dtype" instead of "acc_dtype", so the reduction will be '
                'precise, but the result will be casted into "dtype" at the end.\n'
                "If you are expecting the precision loss, you can use "
                f'tensor.cast(..., dtype="{acc}"), on your input.'
            )
        return acc

    def make_node(self, x):
        x = as_tensor_variable(x)
        axis = _normalize_op_axes(self, x)
        dtype = self._output_dtype(x.dtype)
        acc_dtype = self._acc_dtype(x.dtype)
        op = self
        if (axis, dtype, acc_dtype) != (self.axis, self.dtype, self.acc_dtype):
            op = copy.copy(self)
            op.axis = axis
            op.dtype = dtype
            op.acc_dtype = acc_dtype
        axes = op._axes(x.ndim)
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in axes)
        return Apply(op, [x], [TensorType(dtype, out_b)()])

    def __str__(self):
        name = type(self).__name__
        if name == "CAReduceDtype":
            name = f"ReduceDtype{{{self.scalar_op}}}"
        axis = "" if self.axis is None else f"axis=[{', '.join(map(str, self.axis))}], "
        return f"{name}{{{axis}acc_dtype={self.acc_dtype}}}"

    def _numpy_reduce(self, x, axes, acc):
        return getattr(np, self.scalar_op.nfunc_spec[0]).reduce(x, axis=axes, dtype=acc)

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        x = np.asarray(x)
        axes = self._axes(x.ndim)
        out_dtype = node.outputs[0].type.dtype
        acc = self.acc_dtype or out_dtype
        res = self._numpy_reduce(x, axes, acc)
        output_storage[0][0] = np.asarray(res, dtype=out_dtype)

    def infer_shape(self, fgraph, node, shapes):
        (ishp,) = shapes
        axes = self._axes(node.inputs[0].ndim)
        return [tuple(s for i, s in enumerate(ishp) if i not in axes)]


class Sum(CAReduceDtype):
    """Sum along ``axis`` (None: all axes), printed ``Sum{axis=[0], acc_dtype=float64}``.

    See CAReduceDtype for the ``dtype`` and ``acc_dtype`` rules.
    """

    __props__ = ("axis", "dtype", "acc_dtype")

    def __init__(self, axis=None, dtype=None, acc_dtype=None):
        super().__init__(scal.add, axis=axis, dtype=dtype, acc_dtype=acc_dtype)

    def _numpy_reduce(self, x, axes, acc):
        return np.sum(x, axis=axes, dtype=acc)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        if outputs[0].dtype not in scal.basic.continuous_dtypes:
            return [_zeros_like(x, config.floatX)]
        gz = as_tensor_variable(output_grads[0])
        axes = self._axes(x.ndim)
        if self.axis == ():
            return [gz]
        gz_pad = DimShuffle(gz.broadcastable, _reduced_pattern(x.ndim, axes))(gz)
        gx = Elemwise(scal.second)(x, gz_pad)
        if x.dtype in scal.basic.continuous_dtypes and gx.dtype != x.dtype:
            gx = cast(gx, x.dtype)
        return [gx]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return [self(eval_points[0])]


class Prod(CAReduceDtype):
    """Product along ``axis``, printed ``Prod{axis=(0,), dtype='float64', acc_dtype='float64'}``.

    The gradient handles zeros in the input (one zero in a group: only that element
    gets a gradient; several: none do).  With ``no_zeros_in_input=True`` it is the
    simpler ``gz * prod / x``, which is also differentiable twice.
    """

    __props__ = ("axis", "dtype", "acc_dtype", "no_zeros_in_input")

    def __init__(self, axis=None, dtype=None, acc_dtype=None, no_zeros_in_input=False):
        super().__init__(scal.mul, axis=axis, dtype=dtype, acc_dtype=acc_dtype)
        self.no_zeros_in_input = bool(no_zeros_in_input)

    def __str__(self):
        return f"Prod{{axis={self.axis!r}, dtype={self.dtype!r}, acc_dtype={self.acc_dtype!r}}}"

    def _numpy_reduce(self, x, axes, acc):
        return np.prod(x, axis=axes, dtype=acc)

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor import math as tm

        (x,) = inputs
        discrete = scal.basic.discrete_dtypes
        if outputs[0].dtype in discrete or self.acc_dtype in discrete:
            return [_zeros_like(x, config.floatX)]
        gz = as_tensor_variable(output_grads[0])
        if self.axis == ():
            return [gz]
        pattern = _reduced_pattern(x.ndim, self._axes(x.ndim))
        prod_out = DimShuffle(outputs[0].broadcastable, pattern)(outputs[0])
        gz = DimShuffle(gz.broadcastable, pattern)(gz)
        # d prod / d x_i = prod / x_i when the group has no zero.
        grad_no_zeros = gz * prod_out / x
        if self.no_zeros_in_input:
            return [grad_no_zeros]

        where_zeros = tm.eq(x, 0.0)
        zeros_per_group = sum(where_zeros, axis=self.axis)
        single_zero_group = tm.eq(zeros_per_group, 1).dimshuffle(pattern)
        where_single_zero = single_zero_group * where_zeros
        # Only the zero of a single-zero group gets a gradient: the product of the others.
        take_prod_without_zeros = single_zero_group * tm.neq(gz, 0.0)
        prod_without_zeros = ProdWithoutZeros(axis=self.axis)(take_prod_without_zeros * x)
        prod_without_zeros = prod_without_zeros.dimshuffle(pattern)
        no_zero_group = tm.eq(zeros_per_group, 0).dimshuffle(pattern)
        grad = tm.switch(
            no_zero_group,
            grad_no_zeros,
            tm.switch(where_single_zero, prod_without_zeros, 0.0) * gz,
        )
        return [grad]


class MulWithoutZeros(scal.basic.BinaryScalarOp):
    """``x * y`` where a zero operand is skipped (identity 0: all-zero groups give 0)."""

    identity = 0.0
    commutative = True
    associative = True

    def impl(self, x, y):
        x = np.asarray(x)
        y = np.asarray(y)
        return np.where(x == 0, y, np.where(y == 0, x, x * y))


mul_without_zeros = MulWithoutZeros(scal.basic.upcast_out, name="mul_without_zeros")


class ProdWithoutZeros(CAReduceDtype):
    """Product of the non-zero elements (0 for a group of zeros); used by Prod's gradient."""

    __props__ = ("axis", "dtype", "acc_dtype")

    def __init__(self, axis=None, dtype=None, acc_dtype=None):
        super().__init__(mul_without_zeros, axis=axis, dtype=dtype, acc_dtype=acc_dtype)

    def __str__(self):
        return (
            f"ProdWithoutZeros{{axis={self.axis!r}, dtype={self.dtype!r}, "
            f"acc_dtype={self.acc_dtype!r}}}"
        )

    def _numpy_reduce(self, x, axes, acc):
        nonzero = x != 0
        res = np.prod(np.where(nonzero, x, 1), axis=axes, dtype=acc)
        return np.where(np.any(nonzero, axis=axes), res, 0)

    def L_op(self, inputs, outputs, output_grads):
        try:
            from theano.gradient import grad_not_implemented
        except ImportError:
            grad_not_implemented = None
        msg = (
            "2nd derivatives of `product(a)` is not currently supported. If `a` is "
            "guaranteed to contains no zeros, use `product(a, no_zeros_in_input=True)`."
        )
        if grad_not_implemented is None:
            raise NotImplementedError(msg)
        return [grad_not_implemented(self, 0, inputs[0], msg)]


class _BoolReduce(CAReduce):
    """All/Any: a non-bool input is first compared with 0; the result is bool."""

    __props__ = ("axis",)
    _name = None

    def __init__(self, axis=None):
        super().__init__(self._scalar_op, _axis_tuple(axis))

    def _output_dtype(self, idtype):
        return "bool"

    def __str__(self):
        if self.axis is None:
            return self._name
        return f"{self._name}{{{', '.join(map(str, self.axis))}}}"

    def make_node(self, x):
        from theano.tensor.math import neq

        x = as_tensor_variable(x)
        if x.dtype != "bool":
            x = neq(x, 0)
        axis = _normalize_op_axes(self, x)
        op = self
        if axis != self.axis:
            op = copy.copy(self)
            op.axis = axis
        axes = op._axes(x.ndim)
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in axes)
        return Apply(op, [x], [TensorType("bool", out_b)()])

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        x = np.asarray(x)
        res = getattr(np, self._name.lower())(x, axis=self._axes(x.ndim))
        output_storage[0][0] = np.asarray(res, dtype="bool")

    def L_op(self, inputs, outputs, output_grads):
        return [_zeros_like(inputs[0], config.floatX)]


class All(_BoolReduce):
    """Logical and along ``axis`` (printed ``All`` or ``All{0}``); not differentiable."""

    _scalar_op = scal.and_
    _name = "All"


class Any(_BoolReduce):
    """Logical or along ``axis`` (printed ``Any`` or ``Any{1}``); not differentiable."""

    _scalar_op = scal.or_
    _name = "Any"


class Mean(CAReduce):
    """Mean in float64 along one axis or all (``T.mean(..., op=True)``); no gradient."""

    __props__ = ("axis",)

    def __init__(self, axis=None):
        super().__init__(scal.add, _axis_tuple(axis))
        if self.axis is not None and len(self.axis) != 1:
            raise ValueError(f"Mean: axis must be None or a single axis, got {axis!r}")

    def __str__(self):
        if self.axis is None:
            return "Mean"
        return f"Mean{{{', '.join(map(str, self.axis))}}}"

    def _output_dtype(self, idtype):
        return "float64"

    def make_node(self, x):
        x = as_tensor_variable(x)
        axis = _normalize_op_axes(self, x)
        op = self
        if axis != self.axis:
            op = copy.copy(self)
            op.axis = axis
        axes = op._axes(x.ndim)
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in axes)
        return Apply(op, [x], [TensorType("float64", out_b)()])

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        axis = None if self.axis is None else self.axis[0]
        output_storage[0][0] = np.asarray(np.mean(x, axis=axis, dtype="float64"))


def _argmax_over(x, axes):
    """Index of the max over ``axes`` jointly (flattened in C order), int64."""
    x = np.asarray(x)
    ndim = x.ndim
    if len(axes) == 1:
        return np.asarray(np.argmax(x, axis=axes[0]), dtype="int64")
    if len(axes) == ndim:
        return np.asarray(np.argmax(x.reshape(-1)) if x.size else np.argmax(x), dtype="int64")
    keep = [i for i in range(ndim) if i not in axes]
    moved = np.transpose(x, keep + list(axes))
    kept_shape = moved.shape[: len(keep)]
    flat = moved.reshape(kept_shape + (int(np.prod(moved.shape[len(keep) :], dtype="int64")),))
    return np.asarray(np.argmax(flat, axis=-1), dtype="int64")


class MaxAndArgmax(Op):
    """The max and the (int64) argmax over ``axis`` jointly; outputs named max and argmax.

    ``T.max`` and ``T.argmax`` take one output of this op.  Over several axes the
    argmax indexes the reduced axes flattened in C order.  Empty reduced axes raise
    ValueError, as in NumPy.
    """

    __props__ = ("axis",)

    def __init__(self, axis):
        self.axis = tuple(int(a) for a in axis)

    def make_node(self, x):
        x = as_tensor_variable(x)
        for a in self.axis:
            if a < 0 or a >= x.ndim:
                raise ValueError(
                    f"{self}: axis {a} is out of range for input {x} with {x.ndim} dimensions"
                )
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in self.axis)
        outputs = [
            TensorType(x.dtype, out_b)(name="max"),
            TensorType("int64", out_b)(name="argmax"),
        ]
        return Apply(self, [x], outputs)

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        x = np.asarray(x)
        axes = self.axis
        empty = [a for a in axes if x.shape[a] == 0]
        if empty:
            raise ValueError(
                f"{self}: zero-size array to reduction operation maximum which has no "
                f"identity (input shape {x.shape}, empty reduced axis {empty[0]})"
            )
        output_storage[0][0] = np.asarray(np.max(x, axis=axes), dtype=node.outputs[0].dtype)
        output_storage[1][0] = _argmax_over(x, axes)

    def infer_shape(self, fgraph, node, shapes):
        (ishp,) = shapes
        out = tuple(s for i, s in enumerate(ishp) if i not in self.axis)
        return [out, out]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor import math as tm

        (x,) = inputs
        g_max, g_argmax = output_grads
        g_max_gone = _disconnected(g_max)
        if g_max_gone and _disconnected(g_argmax):
            from theano.gradient import DisconnectedType

            return [DisconnectedType()()]
        if g_max_gone:
            return [_zeros_like(x, None)]
        # The gradient flows to every position equal to the max.
        pattern = _reduced_pattern(x.ndim, self.axis)
        g_max_pad = DimShuffle(g_max.broadcastable, pattern)(g_max)
        xmax_pad = DimShuffle(outputs[0].broadcastable, pattern)(outputs[0])
        return [tm.eq(xmax_pad, x) * g_max_pad]


def _disconnected(g):
    if g is None:
        return True
    return type(g.type).__name__ == "DisconnectedType"


class Argmax(Op):
    """The int64 argmax over ``axis`` (None: all axes); its gradient is zero."""

    __props__ = ("axis",)

    def __init__(self, axis):
        self.axis = None if axis is None else tuple(int(a) for a in axis)

    def make_node(self, x):
        x = as_tensor_variable(x)
        axes = range(x.ndim) if self.axis is None else self.axis
        for a in axes:
            if a < 0 or a >= x.ndim:
                raise ValueError(
                    f"{self}: axis {a} is out of range for input {x} with {x.ndim} dimensions"
                )
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in axes)
        return Apply(self, [x], [TensorType("int64", out_b)(name="argmax")])

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        x = np.asarray(x)
        axes = tuple(range(x.ndim)) if self.axis is None else self.axis
        output_storage[0][0] = _argmax_over(x, axes)

    def infer_shape(self, fgraph, node, shapes):
        (ishp,) = shapes
        axes = range(len(ishp)) if self.axis is None else self.axis
        return [tuple(s for i, s in enumerate(ishp) if i not in axes)]

    def L_op(self, inputs, outputs, output_grads):
        return [_zeros_like(inputs[0], None)]


# ----------------------------------------------------------------------------------
# Public functions


def sum(input, axis=None, dtype=None, keepdims=False, acc_dtype=None):
    """Sum of ``input`` along ``axis`` (None: all axes; an int or a list of ints).

    Parameters
    ----------
    input : tensor-like
    axis : None, int or list of int
        Axes to reduce; negative values count from the end.
    dtype : str, optional
        Result dtype.  By default bool/int8/16/32 give int64, uint8/16/32 give
        uint64, other dtypes are kept.
    keepdims : bool
        Keep the reduced axes as broadcastable length-1 dimensions.
    acc_dtype : str, optional
        Accumulator dtype (default: at least 64-bit integers, float64 for float32).

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.dmatrix("x").sum(axis=0).owner.op
    Sum{axis=[0], acc_dtype=float64}
    """
    input = as_tensor_variable(input)
    out = Sum(axis=axis, dtype=dtype, acc_dtype=acc_dtype)(input)
    if keepdims:
        out = makeKeepDims(input, out, axis)
    return out


def prod(input, axis=None, dtype=None, keepdims=False, acc_dtype=None, no_zeros_in_input=False):
    """Product of ``input`` along ``axis``; dtype rules as :func:`sum`.

    ``no_zeros_in_input=True`` promises there are no zeros: the gradient is then
    simpler and can itself be differentiated.
    """
    input = as_tensor_variable(input)
    out = Prod(axis, dtype=dtype, acc_dtype=acc_dtype, no_zeros_in_input=no_zeros_in_input)(input)
    if keepdims:
        out = makeKeepDims(input, out, axis)
    return out


def max_and_argmax(a, axis=None, keepdims=False):
    """``[max, argmax]`` of ``a`` over ``axis`` (None or ``[]``: all axes), one op.

    Over several axes the argmax indexes the reduced axes flattened in C order.
    """
    a = as_tensor_variable(a)
    axis = check_and_normalize_axes(a, axis)
    if len(axis) == 0:
        axis = list(range(a.ndim))
    out, argout = MaxAndArgmax(axis)(a)
    if keepdims:
        out = makeKeepDims(a, out, axis)
        argout = makeKeepDims(a, argout, axis)
    return [out, argout]


def max(x, axis=None, keepdims=False):
    """Maximum of ``x`` over ``axis`` (None: all axes); output 0 of MaxAndArgmax.

    The gradient goes to every position holding the max.  Reducing an empty axis
    raises ValueError, as NumPy does.
    """
    out = max_and_argmax(x, axis)[0]
    if keepdims:
        out = makeKeepDims(x, out, axis)
    return out


def argmax(x, axis=None, keepdims=False):
    """int64 index of the maximum over ``axis`` (None: of the flattened input)."""
    out = max_and_argmax(x, axis)[1]
    if keepdims:
        out = makeKeepDims(x, out, axis)
    return out


def min(x, axis=None, keepdims=False):
    """Minimum over ``axis``, built as ``-max(-x)`` (``M - max(M - x)`` for unsigned ints,
    ``~max(~x)`` for bool), as Theano does."""
    x = as_tensor_variable(x)
    dtype = x.dtype
    if dtype.startswith("float") or dtype in scal.basic.int_dtypes:
        return -max(-x, axis=axis, keepdims=keepdims)
    if dtype in scal.basic.uint_dtypes:
        top = constant(np.array(np.iinfo(dtype).max, dtype=dtype))
        return top - max(top - x, axis=axis, keepdims=keepdims)
    if dtype == "bool":
        return ~max(~x, axis=axis, keepdims=keepdims)
    raise NotImplementedError(f"min: not defined for dtype {dtype}")


def argmin(x, axis=None, keepdims=False):
    """int64 index of the minimum over ``axis`` (``argmax(-x)``)."""
    x = as_tensor_variable(x)
    dtype = x.dtype
    if dtype.startswith("float") or dtype in scal.basic.int_dtypes:
        return argmax(-x, axis=axis, keepdims=keepdims)
    if dtype in scal.basic.uint_dtypes:
        return argmax(np.iinfo(dtype).max - x, axis=axis, keepdims=keepdims)
    if dtype == "bool":
        return argmax(~x, axis=axis, keepdims=keepdims)
    raise NotImplementedError(f"argmin: not defined for dtype {dtype}")


def ptp(a, axis=None):
    """Range ``max(a) - min(a)`` along ``axis``."""
    a = as_tensor_variable(a)
    return max(a, axis) - min(a, axis)


def all(x, axis=None, keepdims=False):
    """True where every element along ``axis`` is non-zero (bool)."""
    x = as_tensor_variable(x)
    out = All(axis)(x)
    if keepdims:
        out = makeKeepDims(x, out, axis)
    return out


def any(x, axis=None, keepdims=False):
    """True where some element along ``axis`` is non-zero (bool)."""
    x = as_tensor_variable(x)
    out = Any(axis)(x)
    if keepdims:
        out = makeKeepDims(x, out, axis)
    return out


def _axis_list(x, axis):
    if axis is None:
        return list(range(x.ndim))
    return [a + x.ndim if a < 0 else a for a in (_axis_tuple(axis) or ())]


def mean(input, axis=None, dtype=None, op=False, keepdims=False, acc_dtype=None):
    """Mean along ``axis``: ``sum / n`` (sum over ``axis``, divided by each reduced length).

    Integer and bool inputs give float64; float32 stays float32 (summed in float64);
    float16 is summed in float32 and cast back.  ``dtype`` and ``acc_dtype`` go to
    the sum.  ``op=True`` uses the Mean op (float64 only, no gradient).
    """
    from theano.tensor.math import true_div
    from theano.tensor.shape import shape

    input = as_tensor_variable(input)
    if op:
        if dtype not in (None, "float64") or acc_dtype not in (None, "float64"):
            raise NotImplementedError(
                "The Mean op does not support the dtype or acc_dtype arguments and always "
                "uses float64; call tensor.mean(..., op=False) to choose them."
            )
        out = Mean(axis)(input)
        if keepdims:
            out = makeKeepDims(input, out, axis)
        return out

    sum_dtype = dtype
    if dtype is None and input.dtype == "float16":
        sum_dtype = "float32"  # float16 overflows too easily
    s = sum(input, axis=axis, dtype=sum_dtype, keepdims=keepdims, acc_dtype=acc_dtype)
    float_dtype = "float32" if s.dtype in ("float16", "float32", "complex64") else "float64"
    shp = cast(shape(input), float_dtype)
    for i in _axis_list(input, axis):
        s = true_div(s, shp[i])
    if s.dtype != shp.dtype and s.dtype in scal.basic.discrete_dtypes:
        s = cast(s, shp.dtype)  # axis=[]: nothing was divided
    if dtype == "float16" or (dtype is None and input.dtype == "float16"):
        s = cast(s, "float16")
    s.name = "mean"
    return s


def var(input, axis=None, ddof=0, keepdims=False, corrected=False):
    """Variance along ``axis`` with the two-pass algorithm.

    ``ddof`` divides by ``n - ddof``; ``corrected=True`` subtracts the compensation
    term of the corrected two-pass algorithm (more accurate).  Over several axes with
    ``ddof != 0`` Theano 1.0 divides by the product of ``(n_i - ddof)`` (NumPy by
    ``prod(n_i) - ddof``); that is kept, so results match Theano's.
    """
    from theano.tensor.math import true_div
    from theano.tensor.shape import shape

    if isinstance(ddof, bool):
        raise ValueError(
            "Parameter keepdims is now at index 3: (input, axis=None, ddof=0, "
            "keepdims=False, corrected=False)"
        )
    input = as_tensor_variable(input)
    axes = _axis_list(input, axis)
    mean_input = mean(input, axes, keepdims=True)
    centered = input - mean_input
    two = constant(2, dtype=centered.dtype)
    if ddof == 0:
        v = mean(centered**two, axes, keepdims=keepdims)
    else:
        shp = shape(input) - ddof
        v = sum(centered**two, axis=axes, keepdims=keepdims)
        for i in axes:
            v = true_div(v, shp[i])
    if corrected:
        if ddof == 0:
            error = mean(centered, axes, keepdims=keepdims) ** 2
        else:
            shp = shape(input) - ddof
            shp_inp = shape(input)
            error = sum(centered, axis=axes, keepdims=keepdims) ** 2
            for i in axes:
                error = true_div(error, shp[i] * shp_inp[i])
        v = v - error
    v.name = "var"
    return v


def std(input, axis=None, ddof=0, keepdims=False, corrected=False):
    """Standard deviation: ``sqrt(var(...))`` with the same arguments."""
    from theano.tensor.math import sqrt

    if isinstance(ddof, bool):
        raise ValueError(
            "Parameter keepdims is now at index 3: (input, axis=None, ddof=0, "
            "keepdims=False, corrected=False)"
        )
    ret = sqrt(var(input, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected))
    ret.name = "std"
    return ret
