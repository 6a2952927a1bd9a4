"""Join, stack, concatenate and split."""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.scalar.basic import upcast
from theano.tensor.basic import as_tensor_variable
from theano.tensor.type import TensorType


class MakeVector(Op):
    """Build a vector from scalars (``stack`` of 0-d tensors)."""

    __props__ = ("dtype",)

    def __init__(self, dtype="int64"):
        self.dtype = dtype

    def make_node(self, *inputs):
        inputs = [as_tensor_variable(i) for i in inputs]
        for i in inputs:
            if i.ndim != 0:
                raise TypeError(f"MakeVector expects scalars, got {i.type}")
        return Apply(self, inputs, [TensorType(self.dtype, (len(inputs) == 1,))()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(inputs, dtype=self.dtype)

    def static_vector_length(self, node):
        return len(node.inputs)

    def infer_shape(self, fgraph, node, shapes):
        return [(len(node.inputs),)]

    def L_op(self, inputs, outputs, output_grads):
        (gz,) = output_grads
        return [gz[i] for i in range(len(inputs))]


def stack(tensors, axis=0):
    """Stack tensors of equal shape along a new axis."""
    tensors = [as_tensor_variable(t) for t in tensors]
    if not tensors:
        raise ValueError("stack: no tensors given")
    if axis == 0 and all(t.ndim == 0 for t in tensors):
        dtype = upcast(*[t.dtype for t in tensors])
        return MakeVector(dtype)(*tensors)
    raise NotImplementedError("stack of non-scalars: TODO(#3)")
