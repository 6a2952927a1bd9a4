"""Tensor rewrites registered in optdb's phases: the register helpers and the canonical forms
of element-wise ops, casts, DimShuffles and reductions, plus constant folding.

Each rewrite is a function under ``@register_<phase>`` and ``@local_optimizer([ops])``;
its first comment is the identity it applies.  The engine checks types, copies the
user's line onto new nodes and logs every application under the rewrite's name, so
the functions here only say what to build.
"""

import copy
from functools import partial

import numpy as np

from theano import scalar as scal
from theano.graph.basic import Constant
from theano.graph.rewriting.basic import local_optimizer, register_type_fixer
from theano.graph.rewriting.pattern import set_constant_value_fn
from theano.graph.rewriting.pipeline import optdb
from theano.tensor import math as tm
from theano.tensor.basic import (
    Rebroadcast,
    cast,
    constant,
    get_scalar_constant_value,
    patternbroadcast,
)
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise
from theano.tensor.type import TensorType

# ----------------------------------------------------------------------------------------
# Registration: one helper, one-line aliases per phase


def register(phase, *args, **kwargs):
    """Register a node (or graph) rewriter in phase ``phase`` of optdb, tagged 'fast_run'.

    Usable as ``register(phase, rewriter, *tags, name=...)`` or as a decorator,
    ``@register(phase)`` / ``@register(phase, 'fast_compile')`` (strings are extra
    tags).  ``name`` defaults to the rewriter's own name; users exclude it by name.
    """
    if not args or isinstance(args[0], str):
        return partial(_register_decorated, phase, args, kwargs)
    rewriter, *tags = args
    name = kwargs.pop("name", None) or getattr(rewriter, "name", None) or rewriter.__name__
    optdb[phase].register(name, rewriter, "fast_run", *tags, **kwargs)
    return rewriter


def _register_decorated(phase, tags, kwargs, rewriter):
    return register(phase, rewriter, *tags, **dict(kwargs))


register_useless = partial(register, "useless")
register_canonicalize = partial(register, "canonicalize")
register_stabilize = partial(register, "stabilize")
register_specialize = partial(register, "specialize")
register_uncanonicalize = partial(register, "uncanonicalize")
register_specialize_device = partial(register, "specialize_device")


# ----------------------------------------------------------------------------------------
# What the engine needs to know about tensors


@register_type_fixer
def _fit_broadcastable(fgraph, old, new):
    # Same dtype and rank, other broadcastable flags: Rebroadcast (checked at run time
    # where a flag is gained; the replaced value was known to have length 1 there).
    if not (isinstance(old.type, TensorType) and isinstance(new.type, TensorType)):
        return None
    if old.type.dtype != new.type.dtype or old.type.ndim != new.type.ndim:
        return None
    return patternbroadcast(new, old.type.broadcastable)


def _pattern_constant_value(var):
    return get_scalar_constant_value(var).item()


set_constant_value_fn(_pattern_constant_value)


# ----------------------------------------------------------------------------------------
# Small helpers shared by the tensor rewrites


def constant_value(var):
    """The single value a Constant holds (all its entries equal), else None."""
    if not isinstance(var, Constant):
        return None
    data = np.asarray(var.data)
    if data.size == 0:
        return None
    first = data.flat[0]
    if data.size > 1 and not np.all(data == first):
        return None
    return first


def is_scalar_like(var):
    """True when every dimension of ``var`` is broadcastable (one value, any rank)."""
    return all(var.type.broadcastable)


def shape_covered(var, by):
    """True when ``by``'s type shows every dimension ``var`` could give a result."""
    if var.ndim > by.ndim:
        return False
    offset = by.ndim - var.ndim
    return all(b_var or not by.broadcastable[offset + d]
               for d, b_var in enumerate(var.broadcastable))


def like_output(node, value, templates=None):
    """``value`` cast to ``node``'s output dtype and filled to its shape.

    ``templates`` (default: the node's inputs) are filled in (``fill(t, value)``)
    wherever they carry a dimension ``value`` does not; never ``node``'s output,
    which is being replaced.
    """
    out = node.outputs[0]
    if templates is None:
        templates = node.inputs
    for t in templates:
        if not shape_covered(t, value):
            value = tm.fill(t, value)
    if value.ndim < out.ndim:
        pad = out.ndim - value.ndim
        value = DimShuffle(value.broadcastable, ("x",) * pad + tuple(range(value.ndim)))(value)
    if value.dtype != out.dtype:
        value = cast(value, out.dtype)
    return value


def scalar_constant(value, like):
    """A constant ``value`` with ``like``'s dtype and all-broadcastable rank ``like.ndim``."""
    arr = np.asarray(value)
    if arr.dtype.kind == "c" and np.dtype(like.dtype).kind != "c":
        arr = arr.real
    return constant(np.asarray(arr, dtype=like.dtype).reshape((1,) * like.ndim))


def is_fill(op):
    """True for ``fill`` (``Elemwise{second}``), compared without building props."""
    return isinstance(op, Elemwise) and isinstance(op.scalar_op, scal.basic.Second)


def _elemwise_scalar_op(var):
    owner = var.owner
    if owner is not None and isinstance(owner.op, Elemwise):
        return owner.op.scalar_op
    return None


# ----------------------------------------------------------------------------------------
# Constant folding


@register_canonicalize("fast_compile")
@register_specialize
@local_optimizer(None)
def constant_folding(node):
    # op(constants) -> the constant it computes
    for inp in node.inputs:
        if not isinstance(inp, Constant):
            return False
    if not node.op.do_constant_folding(node):
        return False
    storage = [[None] for _ in node.outputs]
    try:
        node.op.perform(node, [i.data for i in node.inputs], storage)
    except Exception:
        return False  # the error is raised, with its context, when the function runs
    largest_input = max((np.size(i.data) for i in node.inputs), default=1)
    results = []
    for out, (value,) in zip(node.outputs, storage):
        if np.size(value) > 100_000 and np.size(value) > largest_input:
            return False  # keep a big result (an Alloc) out of the graph's constants
        try:
            value = out.type.filter(value, strict=False, allow_downcast=True)
        except (TypeError, ValueError):
            return False
        results.append(out.type.Constant(out.type, value))
    return results


# ----------------------------------------------------------------------------------------
# Element-wise ops that compute nothing


_SINGLE_INPUT_NOOPS = (scal.basic.Add, scal.basic.Mul, scal.basic.Maximum,
                       scal.basic.Minimum, scal.basic.Identity)


@register_canonicalize("fast_compile")
@register_useless
@register_specialize
@local_optimizer([Elemwise])
def local_useless_elemwise(node):
    # add(x) -> x; mul(x) -> x; identity(x) -> x; cast(x, x.dtype) -> x
    # eq(x, x) -> ones; neq(x, x) -> zeros   (integers and bools: no NaN)
    sop = node.op.scalar_op
    out = node.outputs[0]
    if len(node.inputs) == 1 and len(node.outputs) == 1:
        (x,) = node.inputs
        if isinstance(sop, _SINGLE_INPUT_NOOPS) and x.dtype == out.dtype:
            return [x]
        if isinstance(sop, scal.basic.Cast) and x.dtype == out.dtype:
            return [x]
    if isinstance(sop, (scal.basic.EQ, scal.basic.NEQ)) and node.inputs[0] is node.inputs[1]:
        x = node.inputs[0]
        if x.dtype in scal.basic.discrete_dtypes:
            value = isinstance(sop, scal.basic.EQ)
            return [tm.fill(x, constant(value, dtype="bool"))]
    return False


@register_canonicalize("fast_compile")
@register_useless
@register_specialize
@local_optimizer([tm.second])
def local_useless_fill(node):
    # fill(x, y) -> y   when y already has the output's type (and so its shape)
    x, y = node.inputs
    if y.type == node.outputs[0].type:
        return [y]
    return False


@register_canonicalize
@local_optimizer([Elemwise])
def local_fill_sink(node):
    # f(fill(a, b), c) -> fill(a, f(b, c))   (the fill only where a's shape is needed)
    if is_fill(node.op) or len(node.outputs) != 1:
        return False
    models = []
    inputs = []
    for inp in node.inputs:
        owner = inp.owner
        if owner is not None and is_fill(owner.op):
            models.append(owner.inputs[0])
            inputs.append(owner.inputs[1])
        else:
            inputs.append(inp)
    if not models:
        return False
    new = node.op(*inputs)
    for model in models:
        if not shape_covered(model, new):
            new = tm.fill(model, new)
    return [new]


@register_canonicalize
@register_useless
@register_specialize
@local_optimizer([Rebroadcast])
def local_useless_rebroadcast(node):
    # Rebroadcast(x) -> x   when x already has the output's broadcastable pattern
    x = node.inputs[0]
    if x.type == node.outputs[0].type:
        return [x]
    if x.owner is not None and isinstance(x.owner.op, Rebroadcast):
        # Rebroadcast(Rebroadcast(y)) -> one Rebroadcast of y
        y = x.owner.inputs[0]
        return [patternbroadcast(y, node.outputs[0].broadcastable)]
    return False


# ----------------------------------------------------------------------------------------
# DimShuffle


@register_canonicalize
@register_specialize
@local_optimizer([DimShuffle])
def local_dimshuffle_lift(node):
    # DimShuffle{identity}(x) -> x
    # DimShuffle{a}(DimShuffle{b}(x)) -> DimShuffle{b o a}(x)
    # DimShuffle(elemwise(x, y)) -> elemwise(DimShuffle(x), DimShuffle(y))  (single client)
    op = node.op
    inp = node.inputs[0]
    if op.new_order == tuple(range(inp.ndim)):
        return [inp]
    owner = inp.owner
    if owner is None:
        return False
    if isinstance(owner.op, DimShuffle):
        inner = owner.op.new_order
        order = tuple("x" if i == "x" else inner[i] for i in op.new_order)
        x = owner.inputs[0]
        if order == tuple(range(x.ndim)):
            return [x]
        return [DimShuffle(x.broadcastable, order)(x)]
    fgraph = node.fgraph
    clients = fgraph.clients[node.outputs[0]]
    if len(clients) == 1 and clients[0][0] != "output" and \
            isinstance(clients[0][0].op, DimShuffle):
        return False  # the DimShuffle using this one composes with it first
    if (isinstance(owner.op, Elemwise) and not owner.op.inplace_pattern
            and len(owner.outputs) == 1 and len(fgraph.clients[inp]) == 1):
        new_inputs = [DimShuffle(i.broadcastable, op.new_order)(i) for i in owner.inputs]
        return owner.op.make_node(*new_inputs).outputs
    return False


# ----------------------------------------------------------------------------------------
# Casts and inverse functions


@register_canonicalize
@register_specialize
@local_optimizer([Elemwise])
def local_cast_cast(node):
    # cast(cast(x, t1), t2) -> cast(x, t2)   when the first cast loses nothing (x -> t1)
    if not isinstance(node.op.scalar_op, scal.basic.Cast):
        return False
    inner = node.inputs[0]
    if not isinstance(_elemwise_scalar_op(inner), scal.basic.Cast):
        return False
    x = inner.owner.inputs[0]
    if not np.can_cast(x.dtype, inner.dtype, casting="safe"):
        return False
    out = node.outputs[0]
    return [x if x.dtype == out.dtype else cast(x, out.dtype)]


# (outer, inner) scalar op classes with outer(inner(x)) == x where inner is defined.
_INVERSE_PAIRS = (
    (scal.basic.Deg2Rad, scal.basic.Rad2Deg),
    (scal.basic.Rad2Deg, scal.basic.Deg2Rad),
    (scal.basic.Cosh, scal.basic.ArcCosh),
    (scal.basic.Tanh, scal.basic.ArcTanh),
    (scal.basic.ArcTanh, scal.basic.Tanh),
    (scal.basic.Sinh, scal.basic.ArcSinh),
    (scal.basic.ArcSinh, scal.basic.Sinh),
    (scal.basic.Conj, scal.basic.Conj),
    (scal.basic.Neg, scal.basic.Neg),
    (scal.basic.Inv, scal.basic.Inv),
)


@register_canonicalize
@register_specialize
@local_optimizer([Elemwise])
def local_func_inv(node):
    # f(f_inv(x)) -> x   e.g. -(-x) -> x, rad2deg(deg2rad(x)) -> x
    # (not arccosh(cosh(x)), which is |x|)
    if len(node.inputs) != 1:
        return False
    outer = node.op.scalar_op
    inner = _elemwise_scalar_op(node.inputs[0])
    if inner is None:
        return False
    for outer_cls, inner_cls in _INVERSE_PAIRS:
        if isinstance(outer, outer_cls) and isinstance(inner, inner_cls):
            x = node.inputs[0].owner.inputs[0]
            if x.type == node.outputs[0].type:
                return [x]
    return False


@local_optimizer([tm.neg])
def local_neg_to_mul(node):
    # -x -> mul(-1, x)
    # (The mul canonizer reads neg as a factor -1, so this is not needed for the
    # algebra; it is registered without 'fast_run': include it by name to use it.)
    (x,) = node.inputs
    if x.dtype == "bool":
        return False
    minus_one = np.asarray(-1).astype(x.dtype)  # 2**n - 1 for unsigned: the same result
    return [tm.mul(scalar_constant(minus_one, x), x)]


optdb["canonicalize"].register("local_neg_to_mul", local_neg_to_mul)


@register_canonicalize
@local_optimizer([tm.pow])
def local_pow_canonicalize(node):
    # x ** 0 -> fill(x, 1);  x ** 1 -> x
    x, y = node.inputs
    value = constant_value(y)
    if value is None:
        return False
    if value == 0:
        return [like_output(node, scalar_constant(1, node.outputs[0]))]
    if value == 1:
        return [like_output(node, x)]
    return False


# ----------------------------------------------------------------------------------------
# Specialize: undo the canonical forms that only helped the algebra


@register_specialize
@local_optimizer([tm.mul])
def local_mul_specialize(node):
    # mul(1, x) -> x;  mul(-1, x) -> neg(x);  mul(-1, -1, x) -> x
    consts = []
    rest = []
    for inp in node.inputs:
        value = constant_value(inp) if is_scalar_like(inp) else None
        if value is not None and value in (1, -1):
            consts.append(value)
        else:
            rest.append(inp)
    if not consts or node.outputs[0].dtype == "bool":
        return False
    sign = int(np.real(np.prod(consts)))
    if not rest:
        return [like_output(node, scalar_constant(sign, node.outputs[0]))]
    new = rest[0] if len(rest) == 1 else tm.mul(*rest)
    if sign == -1:
        new = tm.neg(new)
    return [like_output(node, new)]


@register_specialize
@local_optimizer([tm.add])
def local_add_specialize(node):
    # add(0, x) -> x
    rest = [i for i in node.inputs
            if not (is_scalar_like(i) and constant_value(i) is not None
                    and constant_value(i) == 0)]
    if len(rest) == len(node.inputs):
        return False
    if not rest:
        return [like_output(node, scalar_constant(0, node.outputs[0]))]
    new = rest[0] if len(rest) == 1 else tm.add(*rest)
    return [like_output(node, new)]


# ----------------------------------------------------------------------------------------
# Reductions


def _reduce_with_axis(op, axis):
    """``op`` (a CAReduce) reducing over ``axis`` instead (None: all axes)."""
    new = copy.copy(op)
    new.axis = None if axis is None else tuple(sorted(axis))
    return new


def _reduced_axes(op, ndim):
    return tuple(range(ndim)) if op.axis is None else tuple(op.axis)


def _is_sum(op):
    from theano.tensor.reduction import Sum

    return isinstance(op, Sum)


@register_canonicalize("fast_compile", "local_cut_useless_reduce")
@register_useless("local_cut_useless_reduce")
@local_optimizer([CAReduce])
def local_useless_reduce(node):
    # sum(x, axis=[]) -> x
    x = node.inputs[0]
    if node.op.axis == () and x.type == node.outputs[0].type:
        return [x]
    return False


@register_canonicalize
@register_specialize
@register_uncanonicalize
@local_optimizer([CAReduce])
def local_reduce_broadcastable(node):
    # sum(x, axis=a) -> x without axis a   when axis a is broadcastable (length 1)
    op = node.op
    x = node.inputs[0]
    if type(op).__name__ == "Mean" or op.scalar_op.name not in (
            "add", "mul", "maximum", "minimum", "and_", "or_"):
        return False
    axes = _reduced_axes(op, x.ndim)
    unit = [a for a in axes if x.broadcastable[a]]
    if not unit:
        return False
    keep = [d for d in range(x.ndim) if d not in unit]
    squeezed = DimShuffle(x.broadcastable, keep)(x)
    rest = [keep.index(a) for a in axes if a not in unit]
    out = node.outputs[0]
    if rest:
        new = _reduce_with_axis(op, rest)(squeezed)
    else:
        new = squeezed
        if isinstance(op.scalar_op, (scal.basic.AND, scal.basic.OR)) and out.dtype == "bool":
            new = tm.neq(new, 0) if new.dtype != "bool" else new
    if new.dtype != out.dtype:
        new = cast(new, out.dtype)
    return [new]


@register_canonicalize
@local_optimizer([CAReduce])
def local_sum_prod_all_to_none(node):
    # sum(x, axis=(0, ..., ndim-1)) -> sum(x, axis=None)
    op = node.op
    x = node.inputs[0]
    if op.axis is None or x.ndim == 0 or tuple(op.axis) != tuple(range(x.ndim)):
        return False
    if type(op).__name__ == "Mean":
        return False
    return [_reduce_with_axis(op, None)(x)]


@register_canonicalize
@local_optimizer([CAReduce])
def local_op_of_op(node):
    # sum(sum(x, axis=a), axis=b) -> sum(x, axis=a + b)   (the inner sum used only there)
    op = node.op
    inner = node.inputs[0]
    if not _is_sum(op) or inner.owner is None or not _is_sum(inner.owner.op):
        return False
    if len(node.fgraph.clients[inner]) != 1:
        return False
    inner_op = inner.owner.op
    x = inner.owner.inputs[0]
    if (op.dtype, op.acc_dtype) != (inner_op.dtype, inner_op.acc_dtype) or \
            inner.dtype != node.outputs[0].dtype:
        return False
    inner_axes = _reduced_axes(inner_op, x.ndim)
    kept = [d for d in range(x.ndim) if d not in inner_axes]
    outer_axes = [kept[a] for a in _reduced_axes(op, inner.ndim)]
    axes = sorted(set(inner_axes) | set(outer_axes))
    new_op = _reduce_with_axis(op, None if len(axes) == x.ndim else axes)
    return [new_op(x)]


def _split_scalar_factors(var):
    """For ``mul(...)``: (scalar-like factors, other factors), or None."""
    owner = var.owner
    if owner is None or owner.op != tm.mul:
        return None
    scalars = [i for i in owner.inputs if is_scalar_like(i)]
    others = [i for i in owner.inputs if not is_scalar_like(i)]
    if not scalars or not others:
        return None
    return scalars, others


def _as_0d(var):
    """A scalar-like variable as a 0-d one (dropping its broadcastable dimensions)."""
    if var.ndim == 0:
        return var
    owner = var.owner
    if owner is not None and isinstance(owner.op, DimShuffle) and owner.inputs[0].ndim == 0:
        return owner.inputs[0]
    return DimShuffle(var.broadcastable, [])(var)


@register_canonicalize
@register_specialize
@local_optimizer([CAReduce])
def local_sum_prod_mul_by_scalar(node):
    # sum(s * x) -> s * sum(x);  sum(x / s) -> sum(x) / s;  sum(-x) -> -sum(x)
    # (s a scalar, x the rest of the product; dtypes unchanged)
    if not _is_sum(node.op):
        return False
    inp = node.inputs[0]
    out = node.outputs[0]
    if inp.owner is None or len(node.fgraph.clients[inp]) != 1:
        return False
    if inp.dtype != out.dtype:
        return False
    if inp.owner.op == tm.neg:
        return [tm.neg(node.op(inp.owner.inputs[0]))]
    if inp.owner.op == tm.true_div:
        a, b = inp.owner.inputs
        if is_scalar_like(b) and not is_scalar_like(a) and a.dtype == inp.dtype:
            return [like_output(node, tm.true_div(node.op(a), _as_0d(b)), templates=[])]
        return False
    split = _split_scalar_factors(inp)
    if split is None:
        return False
    scalars, others = split
    rest = others[0] if len(others) == 1 else tm.mul(*others)
    if rest.dtype != inp.dtype:
        return False
    factor = tm.mul(*[_as_0d(s) for s in scalars]) if len(scalars) > 1 else _as_0d(scalars[0])
    new = tm.mul(factor, node.op(rest))
    return [like_output(node, new, templates=[])]
