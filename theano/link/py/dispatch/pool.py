"""py backend renderers for pooling and image patches: each op calls its NumPy kernel.

The kernels (private functions of ``theano.tensor.signal.pool`` and
``theano.tensor.nnet.neighbours``) are the ops' meaning, so generated code and
``perform`` cannot disagree.  Constant windows, strides and pads are written into the
call as tuples, which the kernels take without conversion.  The batch-normalization ops
and Images2NeibsGrad run through ``perform``.
"""

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.nnet import neighbours as _neighbours
from theano.tensor.signal import pool as _pool


def _param(var, name):
    """A tuple literal for a constant int vector, else the name of its value."""
    if isinstance(var, Constant):
        return repr(tuple(int(v) for v in var.data))
    return name


def _window_args(node, inputs, first):
    return ", ".join(_param(v, n) for v, n in zip(node.inputs[first:], inputs[first:]))


def _kernel_call(kernel, hint, node, inputs, outputs, ctx, n_arrays, extra):
    """``out = kernel(<n_arrays array inputs>, <window params>, extra...)`` as one line."""
    fn = ctx.add_global(kernel, hint)
    args = list(inputs[:n_arrays]) + [_window_args(node, inputs, n_arrays)] + list(extra)
    return [f"{outputs[0]} = {fn}({', '.join(args)})"]


@py_funcify.register(_pool.Pool)
def py_funcify_Pool(op, node, inputs, outputs, ctx):
    return _kernel_call(_pool._pool_kernel, "_pool", node, inputs, outputs, ctx, 1,
                        (str(op.ignore_border), repr(op.mode), str(op.ndim)))


@py_funcify.register(_pool.MaxPoolGrad)
def py_funcify_MaxPoolGrad(op, node, inputs, outputs, ctx):
    return _kernel_call(_pool._max_pool_grad_kernel, "_max_pool_grad", node, inputs, outputs,
                        ctx, 3, (str(op.ignore_border), str(op.ndim)))


@py_funcify.register(_pool.AveragePoolGrad)
def py_funcify_AveragePoolGrad(op, node, inputs, outputs, ctx):
    return _kernel_call(_pool._average_pool_grad_kernel, "_average_pool_grad", node, inputs,
                        outputs, ctx, 2, (str(op.ignore_border), repr(op.mode), str(op.ndim)))


@py_funcify.register(_pool.DownsampleFactorMaxGradGrad)
def py_funcify_DownsampleFactorMaxGradGrad(op, node, inputs, outputs, ctx):
    return _kernel_call(_pool._max_pool_grad_grad_kernel, "_max_pool_grad_grad", node, inputs,
                        outputs, ctx, 3, (str(op.ignore_border), str(op.ndim)))


@py_funcify.register(_neighbours.Images2Neibs)
def py_funcify_Images2Neibs(op, node, inputs, outputs, ctx):
    return _kernel_call(_neighbours._images2neibs_kernel, "_images2neibs", node, inputs,
                        outputs, ctx, 1, (repr(op.mode),))
