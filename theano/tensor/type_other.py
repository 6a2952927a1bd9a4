"""Graph types for values that are not tensors: slices and None (inputs of advanced indexing)."""

from theano import scalar as scal
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.graph.type import Type
from theano.tensor.basic import as_tensor_variable

_int_dtypes = scal.basic.integer_dtypes


class SliceType(Type):
    """Type of a Python ``slice`` whose bounds are ints or None."""

    def filter(self, data, strict=False, allow_downcast=None):
        if isinstance(data, slice):
            return data
        raise TypeError(f"SliceType expected a slice, got {data!r}")

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "slice"

    __repr__ = __str__


class SliceConstant(Constant):
    """A constant slice; equal bounds merge."""

    def signature(self):
        d = self.data
        return (self.type, d.start, d.stop, d.step)

    def __str__(self):
        d = self.data
        return f"slice({d.start}, {d.stop}, {d.step})"


SliceType.Constant = SliceConstant
slicetype = SliceType()


class NoneTypeT(Type):
    """Type of the value None (``np.newaxis`` in an index)."""

    def filter(self, data, strict=False, allow_downcast=None):
        if data is None:
            return data
        raise TypeError(f"NoneTypeT expected None, got {data!r}")

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "None"

    __repr__ = __str__


NoneConst = Constant(NoneTypeT(), None, name="NoneConst")


def _is_none_var(v):
    return isinstance(v, Variable) and isinstance(v.type, NoneTypeT)


def _as_int_none_variable(x, what):
    if x is None or _is_none_var(x):
        return NoneConst
    x = as_tensor_variable(x, ndim=0)
    if x.dtype not in _int_dtypes:
        raise TypeError(f"MakeSlice: the slice {what} must be an integer, got {x} ({x.dtype})")
    return x


class MakeSlice(Op):
    """Build a ``slice`` from int scalars or None (``:`` inside advanced indexing)."""

    __props__ = ()

    def make_node(self, slc, stop=None, step=None):
        if isinstance(slc, slice):
            start, stop, step = slc.start, slc.stop, slc.step
        else:
            start = slc
        inputs = [
            _as_int_none_variable(start, "start"),
            _as_int_none_variable(stop, "stop"),
            _as_int_none_variable(step, "step"),
        ]
        return Apply(self, inputs, [slicetype()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = slice(*[None if v is None else int(v) for v in inputs])

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        return [DisconnectedType()() for _ in inputs]

    def connection_pattern(self, node):
        return [[False] for _ in node.inputs]


make_slice = MakeSlice()
