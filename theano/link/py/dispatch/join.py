"""py backend renderers for theano.tensor.join ops (Join, Split)."""

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.join import Join, Split, _split


@py_funcify.register(Join)
def py_funcify_Join(op, node, inputs, outputs, ctx):
    if isinstance(node.inputs[0], Constant):
        axis = repr(int(node.inputs[0].data))
    else:
        axis = f"int({inputs[0]})"
    out_dtype = node.outputs[0].dtype
    cast = ""
    if any(t.dtype != out_dtype for t in node.inputs[1:]):
        cast = f", dtype=np.{out_dtype}"
    tensors = ", ".join(inputs[1:])
    return [f"{outputs[0]} = np.concatenate([{tensors}], axis={axis}{cast})"]


@py_funcify.register(Split)
def py_funcify_Split(op, node, inputs, outputs, ctx):
    fn = ctx.add_global(_split, "_split")
    x, axis, splits = inputs
    if isinstance(node.inputs[1], Constant):
        axis = repr(int(node.inputs[1].data))
    call = f"{fn}({x}, {axis}, {splits}, {op.len_splits})"
    if not outputs:
        return [call]
    targets = ", ".join(outputs) + ("," if len(outputs) == 1 else "")
    return [f"{targets} = {call}"]
