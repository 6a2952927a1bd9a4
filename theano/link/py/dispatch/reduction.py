"""py backend renderers for theano.tensor.reduction ops: direct NumPy reductions."""

import numpy as np

from theano.link.py.dispatch.basic import cast_expr, natural_dtype, py_funcify
from theano.tensor.reduction import (
    All,
    Any,
    Argmax,
    CAReduceDtype,
    MaxAndArgmax,
    Mean,
    Prod,
    ProdWithoutZeros,
    Sum,
    _argmax_over,
)


def _axis_text(axes, ndim):
    """``None`` when reducing every axis (NumPy's fastest path), else the tuple."""
    if len(axes) == ndim:
        return "None"
    return repr(tuple(axes))


def _render_dtype_reduce(fn_name, op, node, inputs, outputs):
    x = node.inputs[0]
    axes = op._axes(x.ndim)
    out_dtype = node.outputs[0].type.dtype
    acc = op.acc_dtype or out_dtype
    natural = natural_dtype(getattr(np, fn_name), [x.type.dtype])
    dtype_arg = "" if natural == acc else f", dtype=np.{acc}"
    call = f"np.{fn_name}({inputs[0]}, axis={_axis_text(axes, x.ndim)}{dtype_arg})"
    return [f"{outputs[0]} = {cast_expr(call, acc, out_dtype)}"]


@py_funcify.register(Sum)
def py_funcify_Sum(op, node, inputs, outputs, ctx):
    return _render_dtype_reduce("sum", op, node, inputs, outputs)


@py_funcify.register(Prod)
def py_funcify_Prod(op, node, inputs, outputs, ctx):
    return _render_dtype_reduce("prod", op, node, inputs, outputs)


@py_funcify.register(CAReduceDtype)
def py_funcify_CAReduceDtype(op, node, inputs, outputs, ctx):
    spec = getattr(op.scalar_op, "nfunc_spec", None)
    if spec is None or isinstance(op, ProdWithoutZeros):
        return py_funcify.dispatch(object)(op, node, inputs, outputs, ctx)  # perform
    x = node.inputs[0]
    axes = op._axes(x.ndim)
    out_dtype = node.outputs[0].type.dtype
    axis = _axis_text(axes, x.ndim)
    call = f"np.{spec[0]}.reduce({inputs[0]}, axis={axis}, dtype=np.{op.acc_dtype})"
    return [f"{outputs[0]} = {cast_expr(call, op.acc_dtype, out_dtype)}"]


@py_funcify.register(All)
def py_funcify_All(op, node, inputs, outputs, ctx):
    x = node.inputs[0]
    return [f"{outputs[0]} = np.all({inputs[0]}, axis={_axis_text(op._axes(x.ndim), x.ndim)})"]


@py_funcify.register(Any)
def py_funcify_Any(op, node, inputs, outputs, ctx):
    x = node.inputs[0]
    return [f"{outputs[0]} = np.any({inputs[0]}, axis={_axis_text(op._axes(x.ndim), x.ndim)})"]


@py_funcify.register(Mean)
def py_funcify_Mean(op, node, inputs, outputs, ctx):
    axis = "None" if op.axis is None else str(op.axis[0])
    return [f"{outputs[0]} = np.mean({inputs[0]}, axis={axis}, dtype=np.float64)"]


def _argmax_expr(x_name, axes, ndim, ctx):
    if len(axes) == ndim:
        return f"np.argmax({x_name})"  # over the flattened input, C order
    if len(axes) == 1:
        return f"np.argmax({x_name}, axis={axes[0]})"
    helper = ctx.add_global(_argmax_over, "_argmax_over")
    return f"{helper}({x_name}, {tuple(axes)!r})"


@py_funcify.register(MaxAndArgmax)
def py_funcify_MaxAndArgmax(op, node, inputs, outputs, ctx):
    ndim = node.inputs[0].ndim
    axes = op.axis
    if not axes and ndim:
        helper = ctx.add_global(_argmax_over, "_argmax_over")
        return [
            f"{outputs[0]} = np.array({inputs[0]})",
            f"{outputs[1]} = {helper}({inputs[0]}, ())",
        ]
    return [
        f"{outputs[0]} = np.max({inputs[0]}, axis={_axis_text(axes, ndim)})",
        f"{outputs[1]} = {_argmax_expr(inputs[0], axes, ndim, ctx)}",
    ]


@py_funcify.register(Argmax)
def py_funcify_Argmax(op, node, inputs, outputs, ctx):
    ndim = node.inputs[0].ndim
    axes = tuple(range(ndim)) if op.axis is None else op.axis
    if not axes and ndim:
        helper = ctx.add_global(_argmax_over, "_argmax_over")
        return [f"{outputs[0]} = {helper}({inputs[0]}, ())"]
    return [f"{outputs[0]} = {_argmax_expr(inputs[0], axes, ndim, ctx)}"]
