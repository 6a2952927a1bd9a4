"""The py backend's dispatch registry, its perform fallback, and renderers of basic ops."""

from functools import singledispatch

import numpy as np

from theano.graph.op import Op
from theano.tensor.basic import Rebroadcast, ScalarFromTensor, TensorFromScalar
from theano.tensor.join import MakeVector
from theano.tensor.shape import Shape, Shape_i


def _perform_function(node):
    """A plain function running ``node.op.perform`` (used for ops without a renderer)."""
    op = node.op
    nout = len(node.outputs)

    if nout == 1:

        def run(*inputs):
            storage = [[None]]
            op.perform(node, list(inputs), storage)
            return storage[0][0]

    else:

        def run(*inputs):
            storage = [[None] for _ in range(nout)]
            op.perform(node, list(inputs), storage)
            return tuple(s[0] for s in storage)

    return run


@singledispatch
def py_funcify(op, node, inputs, outputs, ctx):
    """Render ``node`` as Python source lines.

    ``inputs`` and ``outputs`` are the names of the values in the generated code.
    Ops with no registered renderer call their ``perform`` through a helper.
    """
    fn = ctx.add_global(_perform_function(node), f"_{type(op).__name__}_perform")
    ctx.uses_perform.append(op)
    targets = outputs[0] if len(outputs) == 1 else ", ".join(outputs)
    return [f"{targets} = {fn}({', '.join(inputs)})"]


def natural_dtype(fn, in_dtypes, nout=1, **kwargs):
    """The dtype(s) ``fn`` returns for inputs of ``in_dtypes`` (None if the probe fails)."""
    try:
        with np.errstate(all="ignore"):
            res = fn(*[np.ones((1,), dtype=d) for d in in_dtypes], **kwargs)
    except Exception:
        return None
    if nout == 1:
        return np.asarray(res).dtype.name
    return tuple(np.asarray(r).dtype.name for r in res)


def cast_expr(expr, natural, wanted):
    """``expr`` followed by a cast when NumPy's natural dtype is not Theano's."""
    if natural == wanted:
        return expr
    return f"{expr}.astype(np.{wanted})"


@py_funcify.register(Shape)
def py_funcify_Shape(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.array({inputs[0]}.shape, dtype=np.int64)"]


@py_funcify.register(Shape_i)
def py_funcify_Shape_i(op, node, inputs, outputs, ctx):
    int64 = ctx.add_global(np.int64, "_int64")
    return [f"{outputs[0]} = {int64}({inputs[0]}.shape[{op.i}])"]


@py_funcify.register(MakeVector)
def py_funcify_MakeVector(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.array([{', '.join(inputs)}], dtype=np.{op.dtype})"]


@py_funcify.register(TensorFromScalar)
def py_funcify_TensorFromScalar(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = np.asarray({inputs[0]}, dtype=np.{node.outputs[0].dtype})"]


@py_funcify.register(ScalarFromTensor)
def py_funcify_ScalarFromTensor(op, node, inputs, outputs, ctx):
    return [f"{outputs[0]} = {inputs[0]}[()]"]


@py_funcify.register(Rebroadcast)
def py_funcify_Rebroadcast(op, node, inputs, outputs, ctx):
    lines = []
    err = ctx.add_global(_rebroadcast_error, "_rebroadcast_error")
    for axis, flag in op.axis:
        if flag:
            lines.append(f"if np.shape({inputs[0]})[{axis}] != 1: {err}({inputs[0]}, {axis})")
    lines.append(f"{outputs[0]} = {inputs[0]}")
    return lines


def _rebroadcast_error(x, axis):
    raise ValueError(
        f"Dimension {axis} in Rebroadcast's input was supposed to be 1 (got "
        f"{np.shape(x)[axis]} instead)"
    )


__all__ = ["py_funcify", "natural_dtype", "cast_expr", "Op"]
