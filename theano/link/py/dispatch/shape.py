"""py backend renderers for shape ops (Reshape, SpecifyShape) and creation ops (Alloc, ...).

Values are ndarrays or NumPy scalars, so their ``.shape`` and ``.reshape`` are used
directly (cheaper than the ``np.`` functions).
"""

import numpy as np

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.alloc import Alloc, AllocEmpty, ARange, Eye, Tri
from theano.tensor.basic import get_vector_length
from theano.tensor.shape import Reshape, SpecifyShape


def _int_arg(var, name):
    """An int argument as source text: a literal for an int constant, else the value's name."""
    if isinstance(var, Constant) and var.dtype.startswith(("int", "uint")):
        return repr(int(var.data))
    return name


def _shape_tuple(vars_, names):
    items = [_int_arg(v, n) for v, n in zip(vars_, names)]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _const_tuple(var):
    items = [repr(int(v)) for v in np.asarray(var.data).reshape(-1)]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _static_length(var):
    try:
        return get_vector_length(var)
    except (TypeError, ValueError):
        return None


@py_funcify.register(Reshape)
def py_funcify_Reshape(op, node, inputs, outputs, ctx):
    x, shp = inputs
    if isinstance(node.inputs[1], Constant):
        return [f"{outputs[0]} = {x}.reshape({_const_tuple(node.inputs[1])})"]
    lines = []
    if _static_length(node.inputs[1]) != op.ndim:
        err = ctx.add_global(_reshape_length_error, "_reshape_length_error")
        lines.append(f"if len({shp}) != {op.ndim}: {err}({shp}, {op.ndim})")
    lines.append(f"{outputs[0]} = {x}.reshape({shp})")
    return lines


def _reshape_length_error(shp, ndim):
    raise ValueError(
        f"shape argument to Reshape.perform has incorrect length {len(shp)}, should be {ndim}",
        shp,
    )


@py_funcify.register(SpecifyShape)
def py_funcify_SpecifyShape(op, node, inputs, outputs, ctx):
    x, shp = inputs
    err = ctx.add_global(_specify_shape_error, "_specify_shape_error")
    if isinstance(node.inputs[1], Constant):
        expected = _const_tuple(node.inputs[1])
    else:
        expected = f"tuple({shp})"
    return [
        f"if {x}.shape != {expected}: {err}({x}, {shp})",
        f"{outputs[0]} = {x}",
    ]


def _specify_shape_error(x, shp):
    expected = tuple(int(s) for s in np.asarray(shp).reshape(-1))
    raise AssertionError(f"SpecifyShape: got shape {np.shape(x)}, expected {expected}")


@py_funcify.register(Alloc)
def py_funcify_Alloc(op, node, inputs, outputs, ctx):
    value = node.inputs[0]
    out = outputs[0]
    dtype = f"np.{node.outputs[0].dtype}"
    shp = _shape_tuple(node.inputs[1:], inputs[1:])
    if isinstance(value, Constant) and value.ndim == 0:
        if value.data == 0:
            return [f"{out} = np.zeros({shp}, dtype={dtype})"]
        return [f"{out} = np.full({shp}, {inputs[0]}, dtype={dtype})"]
    return [f"{out} = np.empty({shp}, dtype={dtype})", f"{out}[...] = {inputs[0]}"]


@py_funcify.register(AllocEmpty)
def py_funcify_AllocEmpty(op, node, inputs, outputs, ctx):
    shp = _shape_tuple(node.inputs, inputs)
    return [f"{outputs[0]} = np.empty({shp}, dtype=np.{op.dtype})"]


@py_funcify.register(ARange)
def py_funcify_ARange(op, node, inputs, outputs, ctx):
    args = ", ".join(_int_arg(v, name) for v, name in zip(node.inputs, inputs))
    return [f"{outputs[0]} = np.arange({args}, dtype=np.{op.dtype})"]


@py_funcify.register(Eye)
def py_funcify_Eye(op, node, inputs, outputs, ctx):
    n, m, k = (_int_arg(v, name) for v, name in zip(node.inputs, inputs))
    return [f"{outputs[0]} = np.eye({n}, {m}, {k}, dtype=np.{op.dtype})"]


@py_funcify.register(Tri)
def py_funcify_Tri(op, node, inputs, outputs, ctx):
    n, m, k = (_int_arg(v, name) for v, name in zip(node.inputs, inputs))
    return [f"{outputs[0]} = np.tri({n}, {m}, {k}, dtype=np.{op.dtype})"]
