"""py backend renderers for the convolution ops: one call of the op's im2col kernel each.

The kernels (``conv_forward_value`` and the two gradients in
``theano.tensor.nnet.im2col``) are the ops' meaning, so the generated code and
``perform`` cannot disagree; the call skips ``perform``'s storage lists.  The op itself is
passed as a global: the kernels read its border mode, strides, dilation and groups.
"""

from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.nnet import abstract_conv as _ac
from theano.tensor.nnet import conv as _conv
from theano.tensor.nnet import im2col as _im2col


def _render(kernel, hint, op, node, inputs, outputs, ctx):
    fn = ctx.add_global(kernel, hint)
    op_name = ctx.add_global(op, f"{hint}_op")
    dtype = node.outputs[0].type.dtype
    return [f"{outputs[0]} = {fn}({op_name}, {', '.join(inputs)}, '{dtype}')"]


@py_funcify.register(_ac.AbstractConv)
def py_funcify_AbstractConv(op, node, inputs, outputs, ctx):
    return _render(_im2col.conv_forward_value, "_conv", op, node, inputs, outputs, ctx)


@py_funcify.register(_ac.AbstractConv_gradWeights)
def py_funcify_AbstractConv_gradWeights(op, node, inputs, outputs, ctx):
    return _render(
        _im2col.conv_grad_weights_value, "_conv_grad_weights", op, node, inputs, outputs, ctx
    )


@py_funcify.register(_ac.AbstractConv_gradInputs)
def py_funcify_AbstractConv_gradInputs(op, node, inputs, outputs, ctx):
    return _render(
        _im2col.conv_grad_inputs_value, "_conv_grad_inputs", op, node, inputs, outputs, ctx
    )


@py_funcify.register(_conv.ConvOp)
def py_funcify_ConvOp(op, node, inputs, outputs, ctx):
    return _render(_conv.conv_op_value, "_conv_op", op, node, inputs, outputs, ctx)
