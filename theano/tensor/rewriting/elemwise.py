"""Element-wise fusion (chains become one Elemwise{Composite}) and the in-place phase.

Fusion runs in optdb's ``elemwise_fusion`` phase: ``local_elemwise_fusion`` merges an
Elemwise with the Elemwise producers of its inputs that nothing else reads, into one
node whose scalar op is a Composite.  Then ``add_destroy_handler`` attaches the
DestroyHandler and ``inplace_opt`` replaces ops by versions that overwrite an input
buffer (``insert_inplace_optimizer`` for Elemwise, ``local_inplace_setsubtensor`` and
``local_inplace_incsubtensor1`` for the subtensor updates, ``local_inplace_gemm`` and
``local_inplace_gemv`` for the BLAS calls), each replacement checked by
the DestroyHandler and undone when it would overwrite a value still needed.
"""

import numpy as np

from theano.graph.basic import Constant
from theano.graph.destroyhandler import DestroyHandler
from theano.graph.features import ReplaceValidate
from theano.graph.fg import InconsistencyError
from theano.graph.rewriting.basic import GraphRewriter, local_optimizer
from theano.graph.rewriting.equilibrium import out2in
from theano.graph.rewriting.pipeline import optdb
from theano.scalar.basic import Cast, Identity, constant as scalar_constant, get_scalar_type
from theano.scalar.composite import Composite
from theano.tensor.blas import Gemm, Gemv, gemm_inplace, gemv_inplace
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise

__all__ = [
    "local_elemwise_fusion",
    "FusionOptimizer",
    "InplaceElemwiseOptimizer",
    "insert_inplace_optimizer",
    "local_inplace_setsubtensor",
    "local_inplace_incsubtensor1",
    "local_inplace_gemm",
    "local_inplace_gemv",
    "AddDestroyHandler",
]

# Theano's C backend limit on a fused node's inputs; kept so graphs look alike.
MAX_FUSED_INPUTS = 32


# ----------------------------------------------------------------------------------------
# Fusion


def _fusable_producer(fgraph, var, consumer):
    """True when ``var``'s Elemwise owner can be folded into ``consumer``."""
    node = var.owner
    if node is None or not isinstance(node.op, Elemwise) or node.op.inplace_pattern:
        return False
    if len(node.outputs) != 1 or getattr(node.op.scalar_op, "nout", 1) != 1:
        return False
    # A middle result read by anything else stays computed (Theano's rule).
    clients = fgraph.clients.get(var, [])
    return bool(clients) and all(c is consumer for c, _ in clients)


def _inlinable_constant(var):
    """A one-element tensor constant broadcastable everywhere: it enters as a scalar."""
    return (isinstance(var, Constant) and all(var.broadcastable)
            and np.asarray(var.data).size == 1)


def _fused_graph(fgraph, node):
    """(outer inputs, Composite) for ``node`` and the producers it absorbs, or None."""
    group = {node}
    stack = [node]
    while stack:
        current = stack.pop()
        for inp in current.inputs:
            if inp.owner not in group and _fusable_producer(fgraph, inp, current):
                group.add(inp.owner)
                stack.append(inp.owner)
    if len(group) == 1:
        return None

    # Every leaf that is not an inlinable constant becomes an outer input.
    leaves = []
    for n in group:
        for inp in n.inputs:
            if inp.owner not in group and inp not in leaves:
                leaves.append(inp)
    keep_all = all(_inlinable_constant(v) for v in leaves)
    outer, smap = [], {}
    for v in leaves:
        if _inlinable_constant(v) and not keep_all:
            value = np.asarray(v.data, dtype=v.dtype).reshape(())
            smap[v] = scalar_constant(value[()], dtype=v.dtype)
        else:
            smap[v] = get_scalar_type(v.dtype)()
            outer.append(v)
    if len(outer) > MAX_FUSED_INPUTS:
        return None

    def build(var):
        if var in smap:
            return smap[var]
        n = var.owner
        s_in = [build(i) for i in n.inputs]
        sop = n.op.scalar_op
        if isinstance(sop, Composite):
            inner = dict(zip(sop.inputs, s_in))
            for inner_node in sop.nodes:
                args = [inner.get(i, i) for i in inner_node.inputs]
                made = inner_node.op.make_node(*args)
                inner.update(zip(inner_node.outputs, made.outputs))
            result = inner[sop.outputs[0]]
        else:
            result = sop.make_node(*s_in).outputs[0]
        smap[var] = result
        return result

    try:
        s_out = build(node.outputs[0])
    except (TypeError, ValueError, NotImplementedError):
        return None
    if s_out.type.dtype != node.outputs[0].dtype:
        return None
    return outer, Composite([smap[v] for v in outer], [s_out])


@local_optimizer([Elemwise])
def local_elemwise_fusion(fgraph, node):
    """Fuse ``node`` with the element-wise producers only it reads, into one Composite.

    ``exp(x + y) * z`` becomes ``Elemwise{Composite{(exp((i0 + i1)) * i2)}}(x, y, z)``;
    a middle result used elsewhere, a non-element-wise op, or an in-place node stops
    the chain.
    """
    op = node.op
    if op.inplace_pattern or len(node.outputs) != 1:
        return False
    found = _fused_graph(fgraph, node)
    if found is None:
        return False
    outer, comp = found
    new = Elemwise(comp)(*outer)
    if new.type != node.outputs[0].type:
        return False
    return [new]


class FusionOptimizer(GraphRewriter):
    """Apply ``local_elemwise_fusion`` from the outputs to the inputs (one pass)."""

    def __init__(self, local_optimizer=local_elemwise_fusion):
        self.optimizer = out2in(local_optimizer)

    def apply(self, fgraph):
        return self.optimizer.apply(fgraph)


optdb["elemwise_fusion"].register("local_elemwise_fusion", FusionOptimizer(), "fast_run",
                                  "fusion", "local_elemwise_fusion")


# ----------------------------------------------------------------------------------------
# The DestroyHandler and in-place rewrites


class AddDestroyHandler(GraphRewriter):
    """Attach the DestroyHandler (and ReplaceValidate) from which in-place rewrites start."""

    def apply(self, fgraph):
        if getattr(fgraph, "destroy_handler", None) is None:
            fgraph.attach_feature(DestroyHandler(trust_existing=True))
        if not hasattr(fgraph, "replace_all_validate"):
            fgraph.attach_feature(ReplaceValidate())


optdb["add_destroy_handler"].register("add_destroy_handler", AddDestroyHandler(), "fast_run",
                                      "inplace")


def _op_classes(names):
    """Op classes by dotted name, skipping those a module does not define."""
    import importlib

    found = []
    for dotted in names:
        module, _, attr = dotted.rpartition(".")
        try:
            cls = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            continue
        found.append(cls)
    return tuple(found)


# Ops whose py renderers always return a new buffer (never an input or a view of one).
_FRESH = (
    "theano.tensor.dot.Dot", "theano.tensor.dot.BatchedDot", "theano.tensor.alloc.Alloc",
    "theano.tensor.alloc.AllocEmpty", "theano.tensor.nnet.nnet.Softmax",
    "theano.tensor.nnet.nnet.SoftmaxWithBias", "theano.tensor.nnet.nnet.SoftmaxGrad",
    "theano.tensor.nnet.nnet.LogSoftmax",
    "theano.tensor.nnet.nnet.CrossentropySoftmax1HotWithBiasDx",
    "theano.tensor.nnet.nnet.CrossentropyCategorical1HotGrad",
    "theano.tensor.subtensor.IncSubtensor",
    "theano.tensor.subtensor_advanced.AdvancedIncSubtensor1",
    "theano.tensor.blas.Gemm", "theano.tensor.blas.Gemv",
)
# Ops that read their inputs without returning them (or declare the view they return).
_SAFE_READERS = _FRESH + (
    "theano.tensor.elemwise.DimShuffle", "theano.tensor.subtensor.Subtensor",
    "theano.tensor.subtensor_advanced.AdvancedSubtensor1", "theano.tensor.shape.Shape",
    "theano.tensor.shape.Shape_i", "theano.tensor.shape.Reshape",
    "theano.tensor.reduction.MaxAndArgmax", "theano.tensor.reduction.Argmax",
    "theano.tensor.nnet.nnet.CrossentropySoftmaxArgmax1HotWithBias",
    "theano.tensor.nnet.nnet.CrossentropyCategorical1Hot",
)
_classes = {}


def _classes_of(key):
    if key not in _classes:
        _classes[key] = _op_classes(_FRESH if key == "fresh" else _SAFE_READERS)
    return _classes[key]


def _is_fresh(node):
    op = node.op
    if isinstance(op, Elemwise):
        if len(node.inputs) == 1 and getattr(op.scalar_op, "associative", False):
            return False  # add(x) / mul(x) of one input is x itself
        return not isinstance(op.scalar_op, (Identity, Cast)) or bool(op.inplace_pattern)
    if isinstance(op, CAReduce):
        return op.axis is None or len(op.axis) > 0
    return isinstance(op, _classes_of("fresh"))


def _is_safe_reader(op):
    return isinstance(op, (Elemwise, CAReduce, DimShuffle)) or isinstance(
        op, _classes_of("safe"))


def can_destroy(fgraph, var, destroyer=None):
    """True when ``var`` holds a buffer of its own that an in-place op may overwrite.

    Its producer must be known to allocate the result (or it is a mutable input),
    and every reader of it and of its declared views must be an op known not to
    return an undeclared view, so that the DestroyHandler sees every alias.
    """
    if isinstance(var, Constant) or getattr(var.type, "ndim", 0) == 0:
        return False
    if var.owner is None:
        if var not in (getattr(fgraph, "mutable_inputs", ()) or ()):
            return False
    elif not _is_fresh(var.owner):
        return False
    stack = [var]
    while stack:
        v = stack.pop()
        for client, i in fgraph.clients.get(v, []):
            if client == "output":
                return False
            if client is destroyer:
                continue
            if not _is_safe_reader(client.op):
                return False
            vmap = getattr(client.op, "view_map", None) or {}
            stack.extend(client.outputs[o] for o, src in vmap.items() if i in src)
    return True


def _try_replace(fgraph, node, new_outputs, reason):
    pairs = list(zip(node.outputs, new_outputs))
    try:
        fgraph.replace_all_validate(pairs, reason=reason)
    except InconsistencyError:
        return False
    log = getattr(fgraph, "rewrite_log", None)
    if log is not None:
        for old, new in pairs:
            log.record(reason, old, new)
    return True


class InplaceElemwiseOptimizer(GraphRewriter):
    """Make each Elemwise write its result into one of its inputs when that is safe.

    Tries the inputs in order; the first whose buffer may be overwritten (same type
    as the output, a buffer of its own, and a DestroyHandler that accepts it) wins.
    """

    def apply(self, fgraph):
        AddDestroyHandler().apply(fgraph)
        for node in fgraph.toposort():
            if node not in fgraph.apply_nodes:
                continue
            op = node.op
            if (not isinstance(op, Elemwise) or op.inplace_pattern
                    or len(node.outputs) != 1 or node.outputs[0].ndim == 0):
                continue
            out_type = node.outputs[0].type
            for i, inp in enumerate(node.inputs):
                if inp.type != out_type or not can_destroy(fgraph, inp, node):
                    continue
                if fgraph.destroyers(inp):
                    continue
                new = Elemwise(op.scalar_op, {0: i}, name=op.name)(*node.inputs)
                new.name = node.outputs[0].name
                new.tag.trace = getattr(node.outputs[0].tag, "trace", None)
                new.owner.tag.trace = getattr(node.tag, "trace", None)
                if _try_replace(fgraph, node, [new], "insert_inplace_optimizer"):
                    break


insert_inplace_optimizer = InplaceElemwiseOptimizer()
optdb["inplace_opt"].register("inplace_elemwise_optimizer", insert_inplace_optimizer,
                              "fast_run", "inplace", position=75)


def _inplace_subtensor_rewrite(op_types):
    class _Rewrite(GraphRewriter):
        def apply(self, fgraph):
            AddDestroyHandler().apply(fgraph)
            types = _op_classes(op_types)
            for node in fgraph.toposort():
                if node not in fgraph.apply_nodes or not isinstance(node.op, types):
                    continue
                if node.op.inplace or not can_destroy(fgraph, node.inputs[0], node):
                    continue
                if fgraph.destroyers(node.inputs[0]):
                    continue
                new_op = node.op.__class__.__new__(node.op.__class__)
                new_op.__dict__.update(node.op.__dict__)
                new_op.inplace = True
                new_op.destroy_map = {0: [0]}
                new = new_op.make_node(*node.inputs).outputs[0]
                new.tag.trace = getattr(node.outputs[0].tag, "trace", None)
                _try_replace(fgraph, node, [new], self.name)

    return _Rewrite()


local_inplace_setsubtensor = _inplace_subtensor_rewrite(["theano.tensor.subtensor.IncSubtensor"])
local_inplace_setsubtensor.name = "local_inplace_setsubtensor"
local_inplace_incsubtensor1 = _inplace_subtensor_rewrite(
    ["theano.tensor.subtensor_advanced.AdvancedIncSubtensor1"])
local_inplace_incsubtensor1.name = "local_inplace_incsubtensor1"
optdb["inplace_opt"].register("local_inplace_setsubtensor", local_inplace_setsubtensor,
                              "fast_run", "inplace", position=60)
optdb["inplace_opt"].register("local_inplace_incsubtensor1", local_inplace_incsubtensor1,
                              "fast_run", "inplace", position=60.1)


def _inplace_blas_rewrite(op_type, inplace_op, name):
    """The rewrite ``name``: ``op_type(inplace=False)`` nodes become ``inplace_op`` when the
    DestroyHandler lets them overwrite their input 0 (``z`` of gemm, ``y`` of gemv)."""

    class _Rewrite(GraphRewriter):
        def apply(self, fgraph):
            AddDestroyHandler().apply(fgraph)
            for node in fgraph.toposort():
                if node not in fgraph.apply_nodes or not isinstance(node.op, op_type):
                    continue
                z = node.inputs[0]
                if node.op.inplace or not can_destroy(fgraph, z, node):
                    continue
                if fgraph.destroyers(z):
                    continue
                root = fgraph.destroy_handler.get_root(z)
                # NOTE: BLAS may not write into a buffer it also reads as a factor
                if any(fgraph.destroy_handler.get_root(v) is root for v in node.inputs[1:]):
                    continue
                new = inplace_op(*node.inputs)
                new.name = node.outputs[0].name
                new.tag.trace = getattr(node.outputs[0].tag, "trace", None)
                new.owner.tag.trace = getattr(node.tag, "trace", None)
                _try_replace(fgraph, node, [new], name)

    rewrite = _Rewrite()
    rewrite.name = name
    return rewrite


local_inplace_gemm = _inplace_blas_rewrite(Gemm, gemm_inplace, "local_inplace_gemm")
local_inplace_gemv = _inplace_blas_rewrite(Gemv, gemv_inplace, "local_inplace_gemv")
optdb["inplace_opt"].register("local_inplace_gemm", local_inplace_gemm, "fast_run", "inplace",
                              position=70)
optdb["inplace_opt"].register("local_inplace_gemv", local_inplace_gemv, "fast_run", "inplace",
                              position=70.1)
