"""py backend renderers for the indexing ops (theano.tensor.subtensor, subtensor_advanced)."""

import numpy as np

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.subtensor import IncSubtensor, Subtensor, get_idx_list
from theano.tensor.subtensor_advanced import (
    AdvancedIncSubtensor1,
    AdvancedSubtensor1,
    BaseAdvancedIncSubtensor,
    BaseAdvancedSubtensor,
    add_at_rows,
)
from theano.tensor.type import TensorType
from theano.tensor.type_other import MakeSlice, NoneTypeT, SliceType


def _scalar_expr(var, name):
    """A constant index inlined as its value, else the name of its value."""
    if isinstance(var, Constant) and not isinstance(var.type, (SliceType, NoneTypeT)):
        data = np.asarray(var.data)
        if data.ndim == 0 and data.dtype.kind in "iu":
            return str(int(data))
    return name


def _basic_index(op, node, inputs, first):
    """Source text of ``op.idx_list`` filled with the node's index inputs, e.g. ``1:, i``."""
    exprs = [_scalar_expr(v, n) for v, n in zip(node.inputs[first:], inputs[first:])]
    parts = []
    for entry in get_idx_list(exprs, op.idx_list):
        if isinstance(entry, slice):
            text = ":".join("" if p is None else p for p in (entry.start, entry.stop))
            if entry.step is not None:
                text += f":{entry.step}"
            parts.append(text)
        else:
            parts.append(entry)
    if not parts:
        return "()"
    return ", ".join(parts)


def _advanced_index(node, inputs, first, as_tuple=False):
    """Source text of advanced-index values (arrays, slices, None), optionally a tuple."""
    parts = []
    for var, name in zip(node.inputs[first:], inputs[first:]):
        if isinstance(var.type, NoneTypeT):
            parts.append("None")
        elif isinstance(var, Constant) and isinstance(var.type, SliceType):
            d = var.data
            parts.append(f"slice({d.start}, {d.stop}, {d.step})")
        else:
            parts.append(_scalar_expr(var, name))
    if not as_tuple:
        return ", ".join(parts) or "()"
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def _copy_line(op, out, x):
    # np.array copies (and turns a NumPy scalar into a writable 0-d array).
    return f"{out} = {x}" if op.inplace else f"{out} = np.array({x})"


@py_funcify.register(Subtensor)
def py_funcify_Subtensor(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = {inputs[0]}[{_basic_index(op, node, inputs, 1)}]"]


@py_funcify.register(IncSubtensor)
def py_funcify_IncSubtensor(op, node, inputs, outputs, ctx):
    out = outputs[0]
    index = _basic_index(op, node, inputs, 2)
    if op.set_instead_of_inc:
        update = f"{out}[{index}] = {inputs[1]}"
    else:
        update = f"{out}[{index}] += {inputs[1]}"
    return [_copy_line(op, out, inputs[0]), update]


@py_funcify.register(AdvancedSubtensor1)
def py_funcify_AdvancedSubtensor1(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = {inputs[0]}[{inputs[1]}]"]


@py_funcify.register(AdvancedIncSubtensor1)
def py_funcify_AdvancedIncSubtensor1(op, node, inputs, outputs, ctx):
    out = outputs[0]
    if op.set_instead_of_inc:
        update = f"{out}[{inputs[2]}] = {inputs[1]}"
    else:
        add_at = ctx.add_global(add_at_rows, "_add_at_rows")
        update = f"{add_at}({out}, {inputs[2]}, {inputs[1]})"
    return [_copy_line(op, out, inputs[0]), update]


@py_funcify.register(MakeSlice)
def py_funcify_MakeSlice(op, node, inputs, outputs, ctx):
    parts = [
        "None" if isinstance(v.type, NoneTypeT) else _scalar_expr(v, n)
        for v, n in zip(node.inputs, inputs)
    ]
    return [f"{outputs[0]} = slice({', '.join(parts)})"]


@py_funcify.register(BaseAdvancedSubtensor)
def py_funcify_AdvancedSubtensor(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = {inputs[0]}[{_advanced_index(node, inputs, 1)}]"]


@py_funcify.register(BaseAdvancedIncSubtensor)
def py_funcify_AdvancedIncSubtensor(op, node, inputs, outputs, ctx):
    out = outputs[0]
    index = _advanced_index(node, inputs, 2, as_tuple=True)
    if op.set_instead_of_inc:
        update = f"{out}[{index}] = {inputs[1]}"
    elif _no_repeats(node.inputs[2:]):
        # Bool masks, slices and scalars never select an element twice.
        update = f"{out}[{index}] += {inputs[1]}"
    else:
        update = f"np.add.at({out}, {index}, {inputs[1]})"
    return [_copy_line(op, out, inputs[0]), update]


def _no_repeats(index):
    arrays = [v for v in index if isinstance(v.type, TensorType) and v.ndim > 0]
    return all(v.dtype == "bool" for v in arrays) and sum(1 for v in arrays) <= 1
