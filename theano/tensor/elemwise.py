"""Elemwise, DimShuffle and CAReduce: scalar ops lifted to tensors."""

import copy

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano import scalar as scal
from theano.scalar.basic import ScalarConstant, get_scalar_type
from theano.tensor.type import TensorType

# The canonical (named, not in-place) Elemwise for each scalar op, filled by
# theano.tensor.math; gradients use it so rebuilt graphs print like user graphs.
_elemwise_of = {}


def _as_tensor(x):
    from theano.tensor.basic import as_tensor_variable

    return as_tensor_variable(x)


class DimShuffle(Op):
    """Reorder dimensions, insert broadcastable ones ('x'), drop broadcastable ones.

    ``DimShuffle((False, False), (1, 0))`` transposes a matrix; ``(('x', 0))``
    makes a vector a row.  The output is a view of the input.
    """

    __props__ = ("input_broadcastable", "new_order", "inplace")
    view_map = {0: [0]}

    def __init__(self, input_broadcastable, new_order, inplace=True):
        self.input_broadcastable = tuple(bool(b) for b in input_broadcastable)
        order = []
        for i in new_order:
            if i == "x":
                order.append("x")
            elif isinstance(i, (int, np.integer)):
                order.append(int(i))
            else:
                raise TypeError(
                    f"DimShuffle indices must be python ints or 'x', got {i!r} in {new_order}"
                )
        self.new_order = tuple(order)
        self.inplace = inplace
        nd = len(self.input_broadcastable)
        for i in order:
            if i != "x" and not (0 <= i < nd):
                raise ValueError(
                    f"new_order[{order.index(i)}] is {i}, but the input only has {nd} axes"
                )
        kept = [i for i in order if i != "x"]
        if len(set(kept)) != len(kept):
            raise ValueError(f"There are repeated entries in the new order: {new_order}")
        self.drop = [i for i in range(nd) if i not in kept]
        for d in self.drop:
            if not self.input_broadcastable[d]:
                raise ValueError(
                    f"You cannot drop a non-broadcastable dimension: {self.input_broadcastable},"
                    f" {new_order}"
                )
        self.shuffle = kept
        self.augment = [j for j, i in enumerate(order) if i == "x"]

    def make_node(self, x):
        x = _as_tensor(x)
        if x.type.broadcastable != self.input_broadcastable:
            if len(x.type.broadcastable) != len(self.input_broadcastable):
                raise TypeError(
                    f"DimShuffle{self.new_order}: the input has {x.ndim} dimensions, expected "
                    f"{len(self.input_broadcastable)}"
                )
            for xb, ib in zip(x.type.broadcastable, self.input_broadcastable):
                if ib and not xb:
                    raise TypeError(
                        f"The broadcastable pattern of the input {x.type.broadcastable} is "
                        f"incompatible with the one expected {self.input_broadcastable}"
                    )
        out_b = tuple(True if i == "x" else x.type.broadcastable[i] for i in self.new_order)
        return Apply(self, [x], [TensorType(x.type.dtype, out_b)()])

    def __str__(self):
        name = "InplaceDimShuffle" if self.inplace else "DimShuffle"
        return f"{name}{{{','.join(str(i) for i in self.new_order)}}}"

    def perm_and_index(self):
        """``(perm, index)`` so that ``x.transpose(perm)[index]`` is the result."""
        perm = list(self.shuffle) + list(self.drop)
        index = []
        for i in self.new_order:
            index.append(None if i == "x" else slice(None))
        index.extend([0] * len(self.drop))
        return perm, tuple(index)

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        perm, index = self.perm_and_index()
        res = np.asarray(x).transpose(perm)[index]
        output_storage[0][0] = res

    def infer_shape(self, fgraph, node, shapes):
        (ishp,) = shapes
        return [tuple(1 if i == "x" else ishp[i] for i in self.new_order)]

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        gz = _as_tensor(output_grads[0])
        if self.augment:
            # The inserted axes have length 1: summing them out just drops them.
            from theano.tensor.reduction import sum as tsum

            gz = tsum(gz, axis=self.augment)
        # gz's axes now follow self.shuffle; put them back and restore dropped axes.
        order = ["x" if i in self.drop else self.shuffle.index(i) for i in range(x.ndim)]
        return [DimShuffle(gz.broadcastable, order)(gz)]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return [self(*eval_points)]


class Elemwise(Op):
    """Apply a scalar op element by element with broadcasting.

    Inputs of lower rank are padded on the left with broadcastable dimensions.
    A dimension broadcasts only where its type says so (Theano's contract).
    """

    __props__ = ("scalar_op", "inplace_pattern")

    def __init__(self, scalar_op, inplace_pattern=None, name=None, nfunc_spec=None):
        self.scalar_op = scalar_op
        self.inplace_pattern = tuple(sorted((inplace_pattern or {}).items()))
        self.name = name
        self.nfunc_spec = nfunc_spec or getattr(scalar_op, "nfunc_spec", None)
        self.destroy_map = {o: [i] for o, i in self.inplace_pattern}

    def __setstate__(self, d):
        self.__dict__.update(d)

    def make_node(self, *inputs):
        inputs = [_as_tensor(i) for i in inputs]
        nd = max((i.ndim for i in inputs), default=0)
        padded = []
        for i in inputs:
            if i.ndim < nd:
                i = DimShuffle(i.broadcastable, ["x"] * (nd - i.ndim) + list(range(i.ndim)))(i)
            padded.append(i)
        try:
            out_types = self.scalar_op.output_types(
                [get_scalar_type(i.type.dtype) for i in padded]
            )
        except TypeError as e:
            raise TypeError(
                f"{self}: cannot apply to inputs of dtypes {[i.dtype for i in padded]}: {e}"
            ) from None
        out_b = tuple(all(bs) for bs in zip(*[i.broadcastable for i in padded])) if nd else ()
        outputs = [TensorType(t.dtype, out_b)() for t in out_types]
        for o, i in self.inplace_pattern:
            if padded[i].type != outputs[o].type:
                raise TypeError(f"{self}: cannot work in place on input {i} of type "
                                f"{padded[i].type}: the output type is {outputs[o].type}")
        return Apply(self, padded, outputs)

    def __str__(self):
        if self.name is not None and not self.inplace_pattern:
            return self.name
        if self.inplace_pattern:
            items = dict(self.inplace_pattern)
            if getattr(self.scalar_op, "nout", 1) == 1 and list(items) == [0]:
                return f"Elemwise{{{self.scalar_op},inplace}}"
            return f"Elemwise{{{self.scalar_op}}}{items}"
        return f"Elemwise{{{self.scalar_op}}}"

    def perform(self, node, inputs, output_storage):
        results = self.scalar_op.impl(*inputs)
        if len(node.outputs) == 1:
            results = [results]
        for storage, out, value in zip(output_storage, node.outputs, results):
            storage[0] = np.asarray(value, dtype=out.type.dtype)

    def infer_shape(self, fgraph, node, shapes):
        out_shape = []
        for d in range(node.outputs[0].ndim):
            dim = 1
            for inp, shp in zip(node.inputs, shapes):
                if not inp.broadcastable[d]:
                    dim = shp[d]
                    break
            out_shape.append(dim)
        return [tuple(out_shape)] * len(node.outputs)

    def L_op(self, inputs, outputs, output_grads):
        # Differentiate the scalar op on scalar proxies, then rebuild that scalar
        # graph with tensors: each scalar Apply becomes the Elemwise of its op.
        s_inputs = [get_scalar_type(i.type.dtype)() for i in inputs]
        s_node = self.scalar_op.make_node(*s_inputs)
        s_grads = [get_scalar_type(g.type.dtype)() for g in output_grads]
        s_results = self.scalar_op.L_op(s_inputs, s_node.outputs, s_grads)
        mapping = dict(zip(s_inputs, inputs))
        mapping.update(zip(s_node.outputs, outputs))
        mapping.update(zip(s_grads, output_grads))
        results = []
        for inp, s_res in zip(inputs, s_results):
            if s_res is None:
                results.append(None)
                continue
            g = _scalar_graph_to_tensor(s_res, mapping)
            if not isinstance(getattr(g, "type", None), TensorType):
                results.append(g)
                continue
            results.append(_sum_to_input(g, inp))
        return results


def _scalar_graph_to_tensor(var, mapping):
    """Rebuild the scalar graph ending in ``var`` with Elemwise ops over ``mapping``."""
    from theano.tensor.basic import constant

    if var in mapping:
        return mapping[var]
    if not isinstance(var.type, scal.ScalarType):
        return var  # NullType / DisconnectedType markers pass through unchanged
    if isinstance(var, ScalarConstant) or var.owner is None:
        if not hasattr(var, "data"):
            raise ValueError(f"Free scalar variable {var} in a gradient graph")
        out = constant(np.asarray(var.data, dtype=var.type.dtype))
        mapping[var] = out
        return out
    node = var.owner
    args = [_scalar_graph_to_tensor(i, mapping) for i in node.inputs]
    op = _elemwise_of.get(node.op) or Elemwise(node.op)
    outs = op.make_node(*args).outputs
    for o_s, o_t in zip(node.outputs, outs):
        mapping[o_s] = o_t
    return mapping[var]


def _sum_to_input(g, inp):
    """Sum ``g`` over the axes where ``inp`` was broadcast, and match its dtype."""
    from theano.tensor.basic import cast
    from theano.tensor.reduction import sum as tsum

    axes = [
        d for d in range(inp.ndim) if inp.broadcastable[d] and not g.broadcastable[d]
    ]
    if g.ndim > inp.ndim:
        lead = list(range(g.ndim - inp.ndim))
        g = tsum(g, axis=lead)
    if axes:
        g = tsum(g, axis=axes, keepdims=True)
    if g.broadcastable != inp.broadcastable and g.ndim == inp.ndim:
        from theano.tensor.basic import patternbroadcast

        g = patternbroadcast(g, inp.broadcastable)
    if inp.dtype in scal.basic.continuous_dtypes and g.dtype != inp.dtype:
        g = cast(g, inp.dtype)
    return g


class CAReduce(Op):
    """Reduce along ``axis`` (None: all axes) with an associative scalar op."""

    __props__ = ("scalar_op", "axis")

    def __init__(self, scalar_op, axis=None):
        self.scalar_op = scalar_op
        if axis is None:
            self.axis = None
        elif isinstance(axis, (int, np.integer)):
            self.axis = (int(axis),)
        else:
            self.axis = tuple(sorted(set(int(a) for a in axis)))

    def _axes(self, ndim):
        return tuple(range(ndim)) if self.axis is None else self.axis

    def _output_dtype(self, idtype):
        return idtype

    def make_node(self, x):
        x = _as_tensor(x)
        if self.axis is not None:
            for a in self.axis:
                if a < -x.ndim or a >= x.ndim:
                    raise ValueError(
                        f"{self}: axis {a} is out of range for an input with {x.ndim} dims"
                    )
            if any(a < 0 for a in self.axis):
                op = copy.copy(self)
                op.axis = tuple(sorted(set(a % x.ndim for a in self.axis)))
                return op.make_node(x)
        axes = self._axes(x.ndim)
        out_b = tuple(b for i, b in enumerate(x.broadcastable) if i not in axes)
        return Apply(self, [x], [TensorType(self._output_dtype(x.dtype), out_b)()])

    def __str__(self):
        name = "Reduce" if type(self) is CAReduce else type(self).__name__
        if self.axis is None:
            return f"{name}{{{self.scalar_op}}}"
        return f"{name}{{{self.scalar_op}}}{{{', '.join(map(str, self.axis))}}}"

    def numpy_reduce(self):
        """The NumPy method name computing this reduction (``sum``, ``max`` ...)."""
        return {
            "add": "sum",
            "mul": "prod",
            "maximum": "max",
            "minimum": "min",
            "and_": "all",
            "or_": "any",
        }.get(self.scalar_op.name)

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        axes = self._axes(x.ndim)
        out_dtype = node.outputs[0].type.dtype
        name = self.numpy_reduce()
        if name is None:
            ufunc = getattr(np, self.scalar_op.nfunc_spec[0])
            res = ufunc.reduce(x, axis=axes) if axes else x
        else:
            res = getattr(np, name)(x, axis=axes) if axes else x
        output_storage[0][0] = np.asarray(res, dtype=out_dtype)

    def infer_shape(self, fgraph, node, shapes):
        (ishp,) = shapes
        axes = self._axes(node.inputs[0].ndim)
        return [tuple(s for i, s in enumerate(ishp) if i not in axes)]


def __getattr__(name):
    # Theano 1.0 users import the reduction ops from here.
    if name in ("Sum", "Prod", "All", "Any", "CAReduceDtype", "ProdWithoutZeros", "Mean"):
        from theano.tensor import reduction

        return getattr(reduction, name)
    raise AttributeError(f"module 'theano.tensor.elemwise' has no attribute {name!r}")
