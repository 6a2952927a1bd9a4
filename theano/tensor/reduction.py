"""Reductions: sum, prod, max, min, argmax, mean, var, std, all, any."""

import numpy as np

from theano import scalar as scal
from theano.tensor.basic import as_tensor_variable, cast
from theano.tensor.elemwise import CAReduce

_sum_dtype = {
    "bool": "int64",
    "int8": "int64",
    "int16": "int64",
    "int32": "int64",
    "uint8": "uint64",
    "uint16": "uint64",
    "uint32": "uint64",
}


class Sum(CAReduce):
    """Sum along ``axis``; small integer dtypes accumulate into int64 (Theano's rule)."""

    __props__ = ("axis", "dtype", "acc_dtype")

    def __init__(self, axis=None, dtype=None, acc_dtype=None):
        super().__init__(scal.add, axis)
        self.dtype = dtype
        self.acc_dtype = acc_dtype

    def _output_dtype(self, idtype):
        if self.dtype is not None:
            return self.dtype
        return _sum_dtype.get(idtype, idtype)

    def __str__(self):
        if self.axis is None:
            return "Sum"
        return f"Sum{{axis=[{', '.join(map(str, self.axis))}]}}"

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        axes = self._axes(x.ndim)
        out_dtype = node.outputs[0].type.dtype
        output_storage[0][0] = np.asarray(np.sum(x, axis=axes, dtype=out_dtype), dtype=out_dtype)

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.basic import patternbroadcast
        from theano.tensor.elemwise import DimShuffle
        from theano.tensor.math import second

        (x,) = inputs
        (gz,) = output_grads
        axes = self._axes(x.ndim)
        order = []
        j = 0
        for i in range(x.ndim):
            if i in axes:
                order.append("x")
            else:
                order.append(j)
                j += 1
        g = DimShuffle(gz.broadcastable, order)(gz)
        g = second(x, g)
        if x.dtype != g.dtype and x.dtype in scal.basic.continuous_dtypes:
            g = cast(g, x.dtype)
        return [patternbroadcast(g, x.broadcastable)]


def _normalize_axis(x, axis):
    if axis is None:
        return None
    if isinstance(axis, (int, np.integer)):
        axis = [axis]
    out = []
    for a in axis:
        a = int(a)
        if a < -x.ndim or a >= x.ndim:
            raise ValueError(f"axis {a} is out of range for an input with {x.ndim} dimensions")
        out.append(a % x.ndim if x.ndim else a)
    return tuple(sorted(set(out)))


def _keep(x, out, axis, keepdims):
    if not keepdims:
        return out
    from theano.tensor.elemwise import DimShuffle

    axes = range(x.ndim) if axis is None else axis
    order = []
    j = 0
    for i in range(x.ndim):
        if i in axes:
            order.append("x")
        else:
            order.append(j)
            j += 1
    return DimShuffle(out.broadcastable, order)(out)


def sum(input, axis=None, dtype=None, keepdims=False, acc_dtype=None):
    """Sum of ``input`` along ``axis`` (None: all axes)."""
    x = as_tensor_variable(input)
    axis = _normalize_axis(x, axis)
    out = Sum(axis=axis, dtype=dtype, acc_dtype=acc_dtype)(x)
    return _keep(x, out, axis, keepdims)
