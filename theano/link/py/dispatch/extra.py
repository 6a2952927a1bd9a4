"""py backend renderers for theano.tensor.extra_ops and theano.tensor.sort: direct NumPy calls.

Ops with no renderer here (TopKOp, Unique, FillDiagonal, ...) run their ``perform``.
"""

import numpy as np

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import natural_dtype, py_funcify
from theano.tensor.extra_ops import (
    Bartlett,
    CpuContiguous,
    CumOp,
    DiffOp,
    RepeatOp,
    SearchsortedOp,
)
from theano.tensor.sort import ArgSortOp, Nonzero, SortOp, _is_none


@py_funcify.register(CumOp)
def py_funcify_CumOp(op, node, inputs, outputs, ctx):
    fn = np.cumsum if op.mode == "add" else np.cumprod
    wanted = node.outputs[0].dtype
    natural = natural_dtype(fn, [node.inputs[0].dtype])
    dtype_arg = "" if natural == wanted else f", dtype=np.{wanted}"
    return [f"{outputs[0]} = np.{fn.__name__}({inputs[0]}, axis={op.axis}{dtype_arg})"]


@py_funcify.register(DiffOp)
def py_funcify_DiffOp(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.diff({inputs[0]}, n={op.n}, axis={op.axis})"]


@py_funcify.register(RepeatOp)
def py_funcify_RepeatOp(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.repeat({inputs[0]}, {inputs[1]}, axis={op.axis})"]


@py_funcify.register(SearchsortedOp)
def py_funcify_SearchsortedOp(op, node, inputs, outputs, ctx):
    sorter = f", sorter={inputs[2]}" if len(inputs) == 3 else ""
    call = f"np.searchsorted({inputs[0]}, {inputs[1]}, side={op.side!r}{sorter})"
    return [f"{outputs[0]} = {call}"]


@py_funcify.register(Bartlett)
def py_funcify_Bartlett(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.bartlett(int({inputs[0]}))"]


@py_funcify.register(Nonzero)
def py_funcify_Nonzero(op, node, inputs, outputs, ctx):
    # np.nonzero gives int64 (intp) index arrays; stacking them makes the (ndim, k) matrix.
    return [f"{outputs[0]} = np.array(np.nonzero({inputs[0]}))"]


@py_funcify.register(CpuContiguous)
def py_funcify_CpuContiguous(op, node, inputs, outputs, ctx):
    x = inputs[0]
    return [f"{outputs[0]} = {x} if {x}.flags.c_contiguous else {x}.copy()"]


def _axis_text(var, name):
    if _is_none(var):
        return "None"
    if isinstance(var, Constant):
        return repr(int(var.data))
    return f"int({name})"


@py_funcify.register(SortOp)
def py_funcify_SortOp(op, node, inputs, outputs, ctx):
    axis = _axis_text(node.inputs[1], inputs[1])
    return [f"{outputs[0]} = np.sort({inputs[0]}, axis={axis}, kind={op.kind!r})"]


@py_funcify.register(ArgSortOp)
def py_funcify_ArgSortOp(op, node, inputs, outputs, ctx):
    axis = _axis_text(node.inputs[1], inputs[1])
    return [f"{outputs[0]} = np.argsort({inputs[0]}, axis={axis}, kind={op.kind!r})"]
