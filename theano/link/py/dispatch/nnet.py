"""py backend renderers for theano.tensor.nnet: each op calls its NumPy kernel directly.

The kernels (private functions of ``theano.tensor.nnet.nnet``) are the ops' meaning, so
the generated code and ``perform`` cannot disagree; calling them directly skips the
storage lists of the ``perform`` fallback.  Element-wise activations (sigmoid, softplus)
are Elemwise ops and need nothing here: ``nfunc_spec`` renders ``scipy.special.expit``.
"""

from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.nnet import nnet as _nnet


def _render(kernel, hint, node, inputs, outputs, ctx):
    fn = ctx.add_global(kernel, hint)
    dtype = node.outputs[0].type.dtype
    targets = ", ".join(outputs)
    return [f"{targets} = {fn}({', '.join(inputs)}, '{dtype}')"]


@py_funcify.register(_nnet.Softmax)
def py_funcify_Softmax(op, node, inputs, outputs, ctx):
    return _render(_nnet._softmax_kernel, "_softmax", node, inputs, outputs, ctx)


@py_funcify.register(_nnet.SoftmaxWithBias)
def py_funcify_SoftmaxWithBias(op, node, inputs, outputs, ctx):
    return _render(_nnet._softmax_with_bias_kernel, "_softmax_with_bias", node, inputs,
                   outputs, ctx)


@py_funcify.register(_nnet.LogSoftmax)
def py_funcify_LogSoftmax(op, node, inputs, outputs, ctx):
    return _render(_nnet._logsoftmax_kernel, "_logsoftmax", node, inputs, outputs, ctx)


@py_funcify.register(_nnet.SoftmaxGrad)
def py_funcify_SoftmaxGrad(op, node, inputs, outputs, ctx):
    return _render(_nnet._softmax_grad_kernel, "_softmax_grad", node, inputs, outputs, ctx)


@py_funcify.register(_nnet.CrossentropySoftmaxArgmax1HotWithBias)
def py_funcify_CrossentropySoftmaxArgmax1HotWithBias(op, node, inputs, outputs, ctx):
    return _render(_nnet._xent_softmax_argmax_kernel, "_crossentropy_softmax_argmax", node,
                   inputs, outputs, ctx)


@py_funcify.register(_nnet.CrossentropySoftmax1HotWithBiasDx)
def py_funcify_CrossentropySoftmax1HotWithBiasDx(op, node, inputs, outputs, ctx):
    return _render(_nnet._xent_softmax_dx_kernel, "_crossentropy_softmax_dx", node, inputs,
                   outputs, ctx)


@py_funcify.register(_nnet.CrossentropyCategorical1Hot)
def py_funcify_CrossentropyCategorical1Hot(op, node, inputs, outputs, ctx):
    return _render(_nnet._xent_1hot_kernel, "_crossentropy_1hot", node, inputs, outputs, ctx)


@py_funcify.register(_nnet.CrossentropyCategorical1HotGrad)
def py_funcify_CrossentropyCategorical1HotGrad(op, node, inputs, outputs, ctx):
    return _render(_nnet._xent_1hot_grad_kernel, "_crossentropy_1hot_grad", node, inputs,
                   outputs, ctx)
