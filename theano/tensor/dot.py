"""Products: dot, tensordot, outer, batched_dot."""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.scalar.basic import upcast
from theano.tensor.basic import as_tensor_variable
from theano.tensor.type import TensorType


class Dot(Op):
    """``np.dot`` for vectors and matrices (printed ``dot``)."""

    __props__ = ()

    def make_node(self, x, y):
        x = as_tensor_variable(x)
        y = as_tensor_variable(y)
        if x.ndim not in (1, 2) or y.ndim not in (1, 2):
            raise TypeError(
                f"dot: inputs must be vectors or matrices, got {x.ndim}-d and {y.ndim}-d "
                "(use tensordot for more dimensions)"
            )
        bx = x.broadcastable[:-1]
        by = y.broadcastable[1:] if y.ndim == 2 else ()
        return Apply(self, [x, y], [TensorType(upcast(x.dtype, y.dtype), bx + by)()])

    def __str__(self):
        return "dot"

    def perform(self, node, inputs, output_storage):
        x, y = inputs
        output_storage[0][0] = np.asarray(np.dot(x, y), dtype=node.outputs[0].type.dtype)

    def infer_shape(self, fgraph, node, shapes):
        xs, ys = shapes
        return [tuple(xs[:-1]) + tuple(ys[1:])]

    def grad(self, inputs, output_grads):
        from theano.tensor.basic import patternbroadcast

        x, y = inputs
        (gz,) = output_grads
        if x.ndim == 1 and y.ndim == 1:
            gx, gy = gz * y, gz * x
        elif x.ndim == 1 and y.ndim == 2:
            gx, gy = dot(y, gz), outer(x, gz)
        elif x.ndim == 2 and y.ndim == 1:
            gx, gy = outer(gz, y), dot(x.T, gz)
        else:
            gx, gy = dot(gz, y.T), dot(x.T, gz)
        gx = patternbroadcast(gx, x.broadcastable) if gx.ndim == x.ndim else gx
        gy = patternbroadcast(gy, y.broadcastable) if gy.ndim == y.ndim else gy
        return [gx, gy]


_dot = Dot()


def dot(a, b):
    """Matrix/vector product as NumPy's ``dot``; higher ranks go through tensordot."""
    a = as_tensor_variable(a)
    b = as_tensor_variable(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.ndim <= 2 and b.ndim <= 2:
        return _dot(a, b)
    return tensordot(a, b, [[a.ndim - 1], [max(0, b.ndim - 2)]])


def outer(x, y):
    """Outer product of two vectors."""
    x = as_tensor_variable(x)
    y = as_tensor_variable(y)
    return dot(x.dimshuffle(0, "x"), y.dimshuffle("x", 0))


def tensordot(a, b, axes=2):
    raise NotImplementedError("tensordot: TODO(#3)")
