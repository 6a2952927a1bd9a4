"""py backend renderer for theano.tensor.blas: Gemm as np.dot plus scaled in-place adds."""

from theano.link.py.dispatch.basic import py_funcify
from theano.tensor.blas import Gemm, _gemm_value


@py_funcify.register(Gemm)
def py_funcify_Gemm(op, node, inputs, outputs, ctx):
    fn = ctx.add_global(_gemm_value, "_gemm")
    z, a, x, y, b = inputs
    return [f"{outputs[0]} = {fn}({z}, {a}, {x}, {y}, {b}, {op.inplace})"]
