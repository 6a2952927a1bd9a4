"""py backend renderers for theano.tensor.dot ops: np.dot and a batched matmul."""

import numpy as np

from theano.link.py.dispatch.basic import cast_expr, natural_dtype, py_funcify
from theano.tensor.dot import BatchedDot, Dot, _batched_dot_value


@py_funcify.register(Dot)
def py_funcify_Dot(op, node, inputs, outputs, ctx):
    x, y = node.inputs
    natural = natural_dtype(np.dot, [x.type.dtype, y.type.dtype])
    call = f"np.dot({inputs[0]}, {inputs[1]})"
    return [f"{outputs[0]} = {cast_expr(call, natural, node.outputs[0].type.dtype)}"]


@py_funcify.register(BatchedDot)
def py_funcify_BatchedDot(op, node, inputs, outputs, ctx):
    fn = ctx.add_global(_batched_dot_value, "_batched_dot")
    return [f"{outputs[0]} = {fn}({inputs[0]}, {inputs[1]})"]
