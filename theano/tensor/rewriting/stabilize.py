"""Numerically stable forms (phase 'stabilize'): log1p, expm1, softplus, log-sum-exp.

Each rewrite replaces an expression that loses precision or overflows by one computing
the same value stably.  The sigmoid and softmax forms live in ``rewriting/nnet.py``.
"""

import numpy as np

from theano.graph.basic import Constant
from theano.graph.rewriting.basic import local_optimizer
from theano.tensor import math as tm
from theano.tensor.basic import NotScalarConstantError, get_scalar_constant_value
from theano.tensor.elemwise import DimShuffle
from theano.tensor.reduction import MaxAndArgmax, Sum, makeKeepDims
from theano.tensor.reduction import max as tmax
from theano.tensor.reduction import sum as tsum
from theano.tensor.rewriting.basic import (
    is_scalar_like,
    like_output,
    register_specialize,
    register_stabilize,
)
from theano.tensor.rewriting.math import local_mul_canonizer


def scalar_value(var):
    """The single value a scalar-like (all dims broadcastable) constant graph holds, else None."""
    if not is_scalar_like(var):
        return None
    try:
        return get_scalar_constant_value(var).item()
    except (NotScalarConstantError, ValueError, TypeError):
        return None


def fit_output(node, new):
    """``[new]`` when it has ``node``'s output dtype and rank (else None: do not rewrite)."""
    out = node.outputs[0]
    if new.dtype != out.dtype or new.ndim != out.ndim:
        return None
    return [new]


def split_constant_terms(var):
    """For ``add(...)`` (nested adds flattened): (sum of its scalar constants, the other
    inputs), or None."""
    owner = var.owner
    if owner is None or owner.op != tm.add:
        return None
    total = 0
    rest = []
    found = False
    inputs = list(owner.inputs)
    while inputs:
        inp = inputs.pop(0)
        if inp.owner is not None and inp.owner.op == tm.add and \
                inp.dtype == var.dtype:
            inputs[:0] = inp.owner.inputs  # (1 + x) + y: one sum of terms
            continue
        value = scalar_value(inp)
        if value is None:
            rest.append(inp)
        else:
            total += value
            found = True
    if not found or not rest:
        return None
    return total, rest


# ----------------------------------------------------------------------------------------
# log1p and expm1


@register_stabilize
@register_specialize
@local_optimizer([tm.log])
def local_log1p(node):
    # log(1 + x) -> log1p(x);  log(1 + x + y) -> log1p(x + y)
    split = split_constant_terms(node.inputs[0])
    if split is None:
        return None
    total, rest = split
    if total != 1:
        return None
    x = rest[0] if len(rest) == 1 else tm.add(*rest)
    return fit_output(node, tm.log1p(x))


@register_stabilize
@register_specialize
@local_optimizer([tm.sub, tm.add])
def local_expm1(node):
    # exp(x) - 1 -> expm1(x);  exp(x) + (-1) -> expm1(x)
    if node.op == tm.sub:
        a, b = node.inputs
        if scalar_value(b) != 1:
            return None
    else:
        split = split_constant_terms(node.outputs[0])
        if split is None or split[0] != -1 or len(split[1]) != 1:
            return None
        (a,) = split[1]
    if a.owner is None or a.owner.op != tm.exp:
        return None
    return fit_output(node, tm.expm1(a.owner.inputs[0]))


# ----------------------------------------------------------------------------------------
# log-sum-exp


def _minus_its_max(x):
    """True for ``a - max(a)`` (through the keepdims DimShuffle)."""
    if x.owner is None or x.owner.op != tm.sub:
        return False
    a, m = x.owner.inputs
    if m.owner is not None and isinstance(m.owner.op, DimShuffle):
        m = m.owner.inputs[0]
    return m.owner is not None and isinstance(m.owner.op, MaxAndArgmax) and \
        m.owner.inputs[0] is a


@register_stabilize
@register_specialize
@local_optimizer([tm.log])
def local_log_sum_exp(node):
    # log(sum(exp(x), axis)) -> max(x, axis) + log(sum(exp(x - max(x, axis)), axis))
    # (also through the DimShuffle of keepdims=True; a row of -inf or +inf keeps its max)
    s = node.inputs[0]
    dimshuffle = None
    if s.owner is not None and isinstance(s.owner.op, DimShuffle):
        dimshuffle = s.owner.op
        s = s.owner.inputs[0]
    if s.owner is None or not isinstance(s.owner.op, Sum):
        return None
    e = s.owner.inputs[0]
    if e.owner is None or e.owner.op != tm.exp:
        return None
    x = e.owner.inputs[0]
    if x.dtype not in ("float16", "float32", "float64") or s.dtype != x.dtype:
        return None
    if _minus_its_max(x):
        return None  # already the stable form this rewrite builds
    axis = s.owner.op.axis
    if axis is not None:
        axis = list(axis)
    m = tmax(x, axis=axis)
    stable = tsum(tm.exp(x - makeKeepDims(x, m, axis)), axis=axis)
    new = tm.switch(tm.isinf(m), m, m + tm.log(stable))
    if dimshuffle is not None:
        new = DimShuffle(new.broadcastable, dimshuffle.new_order)(new)
    return fit_output(node, new)


# ----------------------------------------------------------------------------------------
# Products of sums whose terms divide by one of the other factors


def same_value(a, b, depth=3):
    """True when ``a`` and ``b`` are known to hold the same value (same type, same graph)."""
    if a is b:
        return True
    if a.type != b.type:
        return False
    if isinstance(a, Constant) and isinstance(b, Constant):
        return np.array_equal(a.data, b.data)
    if depth == 0 or a.owner is None or b.owner is None or a.owner.op != b.owner.op:
        return False
    if len(a.owner.outputs) != 1 or len(a.owner.inputs) != len(b.owner.inputs):
        return False
    return all(_same_value_loose(x, y, depth - 1)
               for x, y in zip(a.owner.inputs, b.owner.inputs))


def _same_value_loose(a, b, depth):
    # Inputs of equal ops: constants of any dtype holding the same scalar also agree (the
    # gradient of a graph often writes 1 as float32 where the user wrote float64).
    if isinstance(a, Constant) and isinstance(b, Constant):
        if a.type.broadcastable != b.type.broadcastable:
            return False
        return np.array_equal(np.asarray(a.data), np.asarray(b.data))
    return same_value(a, b, depth)


def _cancel(num, den):
    """Remove from ``num`` and ``den`` the pairs holding the same value; (num, den, count)."""
    num = list(num)
    kept = []
    count = 0
    for d in den:
        for i, n in enumerate(num):
            if same_value(n, d):
                del num[i]
                count += 1
                break
        else:
            kept.append(d)
    return num, kept, count


def num_den(fgraph, var):
    """The factors above and below the fraction bar of ``var`` (a mul/div/neg tree)."""
    owner = var.owner
    if owner is None or len(owner.outputs) != 1 or local_mul_canonizer._role(owner.op) is None:
        return [var], []
    return local_mul_canonizer.get_num_den(fgraph, var)


def _one_minus_sigmoid(var):
    """``1 - sigmoid(z)`` as ``sigmoid(-z)`` (the form the other factors use), else var."""
    from theano.tensor.nnet.sigm import sigmoid

    owner = var.owner
    if owner is None or owner.op != tm.sub or scalar_value(owner.inputs[0]) != 1:
        return var
    s = owner.inputs[1]
    if s.owner is None or s.owner.op != sigmoid or s.type != var.type:
        return var
    z = s.owner.inputs[0]
    if z.owner is not None and z.owner.op == tm.neg:
        return sigmoid(z.owner.inputs[0])
    return sigmoid(tm.neg(z))


@register_stabilize
@local_optimizer([tm.mul])
def local_greedy_distributor(fgraph, node):
    # (a / d + b) * d * c -> a * c + b * d * c   when a term divides by a factor d
    # (the gradient of log(sigmoid(x)) is g / s * s * (1 - s): nan where s underflows)
    out = node.outputs[0]
    if out.dtype not in ("float16", "float32", "float64"):
        return None
    if any(i.dtype != out.dtype for i in node.inputs):
        return None
    for pos, total in enumerate(node.inputs):
        if total.owner is None or total.owner.op != tm.add:
            continue
        if total.dtype != out.dtype or len(fgraph.clients[total]) != 1:
            continue
        factors = node.inputs[:pos] + node.inputs[pos + 1:]
        terms = []
        cancelled = 0
        for term in total.owner.inputs:
            num, den = num_den(fgraph, term)
            num = [_one_minus_sigmoid(v) for v in num + list(factors)]
            den = [_one_minus_sigmoid(v) for v in den]
            num, den, count = _cancel(num, den)
            cancelled += count
            terms.append(local_mul_canonizer.merge_num_den(num, den, out))
        if cancelled:
            return [like_output(node, tm.add(*terms))]
    return None
