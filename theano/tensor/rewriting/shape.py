"""Symbolic shapes: the ShapeFeature, and the rewrites that never compute a value for its shape.

``ShapeFeature`` gives every variable of a graph a tuple of int64 scalar expressions,
computed on demand from each op's ``infer_shape`` (graph inputs: ``Shape_i`` of the
input, or 1 for a broadcastable dimension).  ``Shape(x)`` and ``Shape_i(x)`` of a
computed ``x`` are then rewritten into those expressions, so ``(x * 2).shape``
compiles to ``MakeVector(Shape_i{0}(x))`` without computing ``x * 2``.
"""

import numpy as np

from theano.configparser import config
from theano.graph.basic import Constant
from theano.graph.fg import Feature
from theano.graph.rewriting.basic import GraphRewriter, local_optimizer
from theano.tensor.basic import as_tensor_variable, cast, constant
from theano.tensor.elemwise import DimShuffle, Elemwise
from theano.tensor.join import MakeVector
from theano.tensor.rewriting.basic import (
    register_canonicalize,
    register_specialize,
    register_stabilize,
    register_useless,
)
from theano.tensor.shape import Reshape, Shape, Shape_i
from theano.tensor.subtensor import Subtensor, get_idx_list
from theano.tensor.type import TensorType

_ONE = None


def _one():
    global _ONE
    if _ONE is None:
        _ONE = constant(np.asarray(1, dtype="int64"))
    return _ONE


def _infer_shape_arity(op):
    # Theano 1.0 ops define infer_shape(node, shapes); ours infer_shape(fgraph, node, shapes).
    code = getattr(type(op).infer_shape, "__code__", None)
    return code.co_argcount if code is not None else 4


class _LazyShapes(dict):
    """``shape_of``: reading a missing variable computes its shape (Theano's rewrites index
    ``shape_feature.shape_of[var]`` directly)."""

    def __init__(self, feature):
        super().__init__()
        self.feature = feature

    def __missing__(self, var):
        return self.feature.shape_tuple(var)


class ShapeFeature(Feature):
    """Symbolic shapes of a graph's variables, from each op's ``infer_shape``, on demand.

    ``shape_of[var]`` is the shape tuple of ``var`` (computed when first read, then
    cached); an entry, and those computed from it, is dropped when an input of its node
    changes.  ``get_shape(var, i)``, ``shape_tuple(var)`` and ``same_shape(x, y)`` read it.
    """

    def on_attach(self, fgraph):
        if getattr(fgraph, "shape_feature", None) is not None:
            raise ValueError("A ShapeFeature is already attached to this graph")
        fgraph.shape_feature = self
        self.fgraph = fgraph
        self.shape_of = _LazyShapes(self)
        self._input_dims = {}

    def on_detach(self, fgraph):
        if getattr(fgraph, "shape_feature", None) is self:
            del fgraph.shape_feature
        self.shape_of = _LazyShapes(self)

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        if node == "output" or not self.shape_of:
            return
        # The node now reads new_r: forget its outputs' shapes and all computed from them.
        shape_of = self.shape_of
        stack = [o for o in node.outputs if o in shape_of]
        clients = fgraph.clients
        while stack:
            var = stack.pop()
            if shape_of.pop(var, None) is None:
                continue
            for client, _ in clients.get(var, ()):
                if client != "output":
                    stack.extend(o for o in client.outputs if o in shape_of)

    # Reading -------------------------------------------------------------------------
    def shape_ir(self, i, var):
        """Dimension ``i`` of an input ``var``: 1 if broadcastable, else ``Shape_i{i}(var)``."""
        if var.type.broadcastable[i]:
            return _one()
        key = (var, i)
        dim = self._input_dims.get(key)
        if dim is None:
            dim = self._input_dims[key] = Shape_i(i)(var)
        return dim

    def shape_tuple(self, var):
        """The shape of ``var`` as a tuple of int64 scalar variables (None if not a tensor)."""
        shape_of = self.shape_of
        found = shape_of.get(var)
        if found is not None or not isinstance(var.type, TensorType):
            return found
        stack = [var]
        while stack:
            v = stack[-1]
            if v in shape_of:
                stack.pop()
                continue
            owner = v.owner
            if owner is None or not isinstance(v.type, TensorType):
                stack.pop()
                shape_of[v] = self._leaf_shape(v)
                continue
            missing = [i for i in owner.inputs if i not in shape_of]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            self._infer(owner)
        return shape_of[var]

    def get_shape(self, var, i):
        return self.shape_tuple(var)[i]

    def same_shape(self, x, y, dim_x=None, dim_y=None):
        """True when ``x`` and ``y`` (or their dimensions dim_x, dim_y) surely have equal lengths."""
        sx = self.shape_tuple(x)
        sy = self.shape_tuple(y)
        if sx is None or sy is None:
            return False
        if dim_x is not None:
            sx = [sx[dim_x]]
        if dim_y is not None:
            sy = [sy[dim_y]]
        if len(sx) != len(sy):
            return False
        return all(_same_scalar(a, b) for a, b in zip(sx, sy))

    # Computing -------------------------------------------------------------------------
    def _leaf_shape(self, var):
        if not isinstance(var.type, TensorType):
            return None
        if isinstance(var, Constant):
            return tuple(constant(np.asarray(s, dtype="int64")) for s in np.shape(var.data))
        return tuple(self.shape_ir(i, var) for i in range(var.ndim))

    def _fallback(self, node):
        return [
            tuple(self.shape_ir(i, out) for i in range(out.ndim))
            if isinstance(out.type, TensorType) else None
            for out in node.outputs
        ]

    def _infer(self, node):
        op = node.op
        shapes = [self.shape_of[i] for i in node.inputs]
        result = None
        if hasattr(op, "infer_shape") and all(
                s is not None for s, i in zip(shapes, node.inputs)
                if isinstance(i.type, TensorType)):
            try:
                if _infer_shape_arity(op) >= 4:
                    result = op.infer_shape(self.fgraph, node, shapes)
                else:
                    result = op.infer_shape(node, shapes)
            except Exception:
                if config.on_shape_error == "raise":
                    raise
                result = None  # the generic Shape_i form is used instead
        if result is None or len(result) != len(node.outputs):
            result = self._fallback(node)
        for out, shp in zip(node.outputs, result):
            if not isinstance(out.type, TensorType):
                self.shape_of[out] = None
                continue
            if shp is None or len(shp) != out.ndim:
                shp = tuple(self.shape_ir(i, out) for i in range(out.ndim))
            self.shape_of[out] = tuple(
                _one() if out.broadcastable[i] else _as_int64(s) for i, s in enumerate(shp)
            )


def _as_int64(s):
    if isinstance(s, (int, np.integer)):
        return constant(np.asarray(int(s), dtype="int64"))
    s = as_tensor_variable(s)
    if s.ndim != 0:
        raise TypeError(f"A shape entry must be a scalar, got {s.type}")
    return s if s.dtype == "int64" else cast(s, "int64")


def _same_scalar(a, b, depth=4):
    if a is b:
        return True
    if isinstance(a, Constant) and isinstance(b, Constant):
        return bool(np.all(a.data == b.data))
    if depth == 0 or a.owner is None or b.owner is None:
        return False
    if a.owner.op != b.owner.op or len(a.owner.inputs) != len(b.owner.inputs):
        return False
    if a.index != b.index:
        return False
    return all(_same_scalar(x, y, depth - 1) for x, y in zip(a.owner.inputs, b.owner.inputs))


def require_shape_feature(fgraph):
    """Attach a ShapeFeature to ``fgraph`` unless it has one (a rewrite's requirement)."""
    if getattr(fgraph, "shape_feature", None) is None:
        fgraph.attach_feature(ShapeFeature())


class ShapeOptimizer(GraphRewriter):
    """A pass attaching a ShapeFeature (Theano's ShapeOpt; the shape rewrites require it)."""

    def add_requirements(self, fgraph):
        require_shape_feature(fgraph)

    def apply(self, fgraph):
        pass


_make_vector_int64 = MakeVector("int64")


# ----------------------------------------------------------------------------------------
# Shape and Shape_i


@register_canonicalize
@register_specialize
@local_optimizer([Shape], requirements=(require_shape_feature,))
def local_shape_to_shape_i(node):
    # shape(x) -> make_vector(shape_i(x, 0), ..., shape_i(x, n-1))   (inferred entries)
    x = node.inputs[0]
    shp = node.fgraph.shape_feature.shape_tuple(x)
    if shp is None:
        return False
    if not shp:
        return [constant(np.zeros(0, dtype="int64"))]
    return [_make_vector_int64(*shp)]


@register_canonicalize
@register_specialize
@local_optimizer([Shape_i], requirements=(require_shape_feature,))
def local_track_shape_i(node):
    # shape_i(f(x), i) -> the i-th entry of f's infer_shape (never computing f(x))
    x = node.inputs[0]
    i = node.op.i
    if x.type.broadcastable[i]:
        return [_one()]
    if x.owner is None:
        return False
    new = node.fgraph.shape_feature.get_shape(x, i)
    owner = new.owner
    if owner is not None and owner.op == node.op and owner.inputs[0] is x:
        return False  # no better form than Shape_i itself
    if new is node.outputs[0]:
        return False
    return [new]


def _constant_index(var):
    if isinstance(var, Constant):
        value = np.asarray(var.data)
        if value.ndim == 0 and value.dtype.kind in "iu":
            return int(value)
    return None


@register_useless
@register_canonicalize
@register_specialize
@local_optimizer([Subtensor])
def local_subtensor_make_vector(node):
    # make_vector(a, b, c)[1] -> b;  make_vector(a, b, c)[1:] -> make_vector(b, c)
    x = node.inputs[0]
    if x.owner is None or not isinstance(x.owner.op, MakeVector):
        return False
    entries = x.owner.inputs
    (idx,) = get_idx_list(node.inputs[1:], node.op.idx_list) or (None,)
    if idx is None:
        return False
    if isinstance(idx, slice):
        bounds = [None if b is None else _constant_index(b) for b in (idx.start, idx.stop,
                                                                       idx.step)]
        if any(b is None and orig is not None for b, orig in zip(bounds, (idx.start, idx.stop,
                                                                           idx.step))):
            return False
        picked = entries[slice(*bounds)]
        if not picked:
            return [constant(np.zeros(0, dtype=x.dtype))]
        return [x.owner.op(*picked)]
    i = _constant_index(idx)
    if i is None or not -len(entries) <= i < len(entries):
        return False
    return [entries[i]]


@register_canonicalize("fast_compile")
@local_optimizer([Subtensor])
def local_subtensor_lift(node):
    # f(x)[idx] -> f(x[idx])   for a unary element-wise f used only there
    x = node.inputs[0]
    owner = x.owner
    if owner is None or not isinstance(owner.op, Elemwise) or len(owner.inputs) != 1:
        return False
    if len(owner.outputs) != 1 or len(node.fgraph.clients[x]) != 1:
        return False
    inner = node.op.make_node(owner.inputs[0], *node.inputs[1:]).outputs[0]
    return owner.op.make_node(inner).outputs


# ----------------------------------------------------------------------------------------
# Reshape


def _reshape_keeps_shape(fgraph, x, shp):
    """True when the shape vector ``shp`` is surely ``x``'s own shape."""
    if shp.owner is not None and isinstance(shp.owner.op, Shape):
        return shp.owner.inputs[0] is x
    if shp.owner is None or not isinstance(shp.owner.op, MakeVector):
        if isinstance(shp, Constant):
            entries = [constant(np.asarray(v, dtype="int64")) for v in np.asarray(shp.data)]
        else:
            return False
    else:
        entries = shp.owner.inputs
    if len(entries) != x.ndim:
        return False
    feature = getattr(fgraph, "shape_feature", None)
    n_minus_one = 0
    for i, entry in enumerate(entries):
        value = _constant_index(entry)
        if value == -1:
            n_minus_one += 1
            continue
        if x.broadcastable[i] and value == 1:
            continue
        owner = entry.owner
        if owner is not None and isinstance(owner.op, Shape_i) and owner.op.i == i \
                and owner.inputs[0] is x:
            continue
        if feature is not None and _same_scalar(entry, feature.get_shape(x, i)):
            continue
        return False
    return n_minus_one <= 1


@register_useless
@register_canonicalize
@register_stabilize
@local_optimizer([Reshape])
def local_useless_reshape(node):
    # reshape(x, x.shape) -> x;  reshape(x, (x.shape[0], -1)) -> x   (for a matrix x)
    x, shp = node.inputs
    out = node.outputs[0]
    if x.ndim != out.ndim:
        return False
    # (Theano also dropped any vector-to-vector reshape; a wrong length would then
    # pass silently, so here the length must be x's own or -1.)
    if _reshape_keeps_shape(node.fgraph, x, shp):
        return [x]
    return False


@register_canonicalize
@local_optimizer([Reshape])
def local_reshape_chain(node):
    # reshape(reshape(x, s1), s2) -> reshape(x, s2)
    inner = node.inputs[0]
    if inner.owner is None or not isinstance(inner.owner.op, Reshape):
        return False
    return [node.op(inner.owner.inputs[0], node.inputs[1])]


@register_canonicalize
@local_optimizer([Reshape])
def local_useless_dimshuffle_in_reshape(node):
    # reshape(dimshuffle(x), s) -> reshape(x, s)   when the DimShuffle only adds or drops
    # broadcastable dims and keeps the order of the others (the same values in C order)
    inner = node.inputs[0]
    owner = inner.owner
    if owner is None or not isinstance(owner.op, DimShuffle):
        return False
    kept = [i for i in owner.op.new_order if i != "x"]
    if kept != sorted(kept):
        return False
    return [node.op(owner.inputs[0], node.inputs[1])]

