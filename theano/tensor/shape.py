"""Shape ops: shape, Shape_i, reshape, flatten, transpose, padding and squeezing."""

import numpy as np

from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.tensor.basic import as_tensor_variable, constant, get_scalar_constant_value
from theano.tensor.basic import NotScalarConstantError
from theano.tensor.elemwise import DimShuffle
from theano.tensor.type import TensorType


class Shape(Op):
    """The shape of a tensor as an int64 vector (``x.shape``)."""

    __props__ = ()

    def make_node(self, x):
        x = as_tensor_variable(x)
        return Apply(self, [x], [TensorType("int64", (False,))()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(np.shape(inputs[0]), dtype="int64")

    def infer_shape(self, fgraph, node, shapes):
        return [(len(shapes[0]),)]

    def static_vector_length(self, node):
        return node.inputs[0].ndim

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        return [DisconnectedType()()]

    def connection_pattern(self, node):
        return [[False]]


_shape = Shape()


def shape(x):
    """Symbolic shape of ``x`` (an int64 vector of length ``x.ndim``)."""
    return _shape(as_tensor_variable(x))


class Shape_i(Op):
    """The length of axis ``i`` (an int64 scalar)."""

    __props__ = ("i",)

    def __init__(self, i):
        self.i = int(i)

    def make_node(self, x):
        x = as_tensor_variable(x)
        if self.i >= x.ndim:
            raise TypeError(f"Shape_i({self.i}): input has only {x.ndim} dimensions")
        return Apply(self, [x], [TensorType("int64", ())()])

    def __str__(self):
        return f"Shape_i{{{self.i}}}"

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(np.shape(inputs[0])[self.i], dtype="int64")

    def infer_shape(self, fgraph, node, shapes):
        return [()]

    def connection_pattern(self, node):
        return [[False]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        return [DisconnectedType()()]


def shape_i(x, i):
    return Shape_i(i)(x)


class Reshape(Op):
    """Reshape to a symbolic shape vector of static length ``ndim``."""

    __props__ = ("ndim",)
    view_map = {0: [0]}

    def __init__(self, ndim):
        self.ndim = int(ndim)

    def __str__(self):
        return f"Reshape{{{self.ndim}}}"

    def make_node(self, x, shp):
        x = as_tensor_variable(x)
        shp = as_tensor_variable(shp, ndim=1)
        if shp.dtype not in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                             "uint64"):
            raise TypeError(f"Reshape: the shape must be an integer vector, got {shp.type}")
        bcast = [False] * self.ndim
        if isinstance(shp, Constant):
            bcast = [int(s) == 1 for s in shp.data]
        else:
            for i in range(self.ndim):
                try:
                    bcast[i] = int(get_scalar_constant_value(shp[i])) == 1
                except (NotScalarConstantError, Exception):
                    pass
        return Apply(self, [x, shp], [TensorType(x.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        x, shp = inputs
        if len(shp) != self.ndim:
            raise ValueError(
                f"Reshape: shape argument {shp} has {len(shp)} entries, expected {self.ndim}"
            )
        output_storage[0][0] = np.reshape(x, shp)

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        x, shp = inputs
        return [reshape(output_grads[0], shape(x), ndim=x.ndim), DisconnectedType()()]

    def connection_pattern(self, node):
        return [[True], [False]]


def reshape(x, newshape, ndim=None):
    """Symbolic ``np.reshape``; ``ndim`` is needed when ``newshape``'s length is symbolic."""
    x = as_tensor_variable(x)
    if ndim is None:
        from theano.tensor.basic import get_vector_length

        newshape = as_tensor_variable(newshape)
        try:
            ndim = get_vector_length(newshape)
        except ValueError:
            raise ValueError(
                f"The length of the provided shape ({newshape}) cannot be automatically "
                "determined, so Theano is not able to know what the number of dimensions of "
                "the reshaped variable will be. You can provide the 'ndim' keyword argument "
                "to 'reshape' to avoid this problem."
            ) from None
    return Reshape(ndim)(x, newshape)


def transpose(x, axes=None):
    """Reverse (or permute by ``axes``) the dimensions of ``x``."""
    x = as_tensor_variable(x)
    if axes is None:
        axes = list(range(x.ndim - 1, -1, -1))
    return DimShuffle(x.broadcastable, axes)(x)


def flatten(x, ndim=1, outdim=None):
    """Collapse the trailing dimensions so the result has ``ndim`` dimensions."""
    if outdim is not None:
        ndim = outdim
    x = as_tensor_variable(x)
    if ndim < 1 or (ndim > x.ndim and x.ndim > 0):
        raise ValueError(f"flatten: ndim={ndim} is invalid for a {x.ndim}-d input")
    if ndim == x.ndim:
        return x
    shp = shape(x)
    if ndim == 1:
        newshape = constant(np.asarray([-1], dtype="int64"))
    else:
        from theano.tensor.join import stack

        newshape = stack([shp[i] for i in range(ndim - 1)] + [constant(np.int64(-1))])
    out = reshape(x, newshape, ndim=ndim)
    bcast = tuple(x.broadcastable[: ndim - 1]) + (all(x.broadcastable[ndim - 1 :]),)
    from theano.tensor.basic import patternbroadcast

    return patternbroadcast(out, bcast) if out.broadcastable != bcast else out
