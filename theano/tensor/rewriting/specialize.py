"""Faster special cases (phase 'specialize'): powers by small constants as sqr, sqrt, inv,
and ``z + a * dot(x, y)`` as one gemm (matrices) or gemv (vectors) call.
"""

import numpy as np

from theano.graph.rewriting.basic import local_optimizer
from theano.tensor import math as tm
from theano.tensor.basic import cast, constant
from theano.tensor.blas import gemm_no_inplace, gemv_no_inplace
from theano.tensor.dot import Dot
from theano.tensor.elemwise import DimShuffle
from theano.tensor.rewriting.basic import is_scalar_like, register_specialize
from theano.tensor.rewriting.stabilize import fit_output, scalar_value

# exponent -> how to compute x ** exponent without pow
_POWERS = {
    2: tm.sqr,
    0.5: tm.sqrt,
    -1: tm.inv,
    -2: lambda x: tm.inv(tm.sqr(x)),
    -0.5: lambda x: tm.inv(tm.sqrt(x)),
}


@register_specialize
@local_optimizer([tm.pow])
def local_pow_specialize(node):
    # x ** 2 -> sqr(x);  x ** 0.5 -> sqrt(x);  x ** -1 -> inv(x)
    # x ** -2 -> inv(sqr(x));  x ** -0.5 -> inv(sqrt(x))
    # (only where the result keeps pow's dtype: int ** -1 stays a pow; sqrt differs from
    # ** 0.5 at -0.0 and -inf only, the IEEE special cases of pow, as in Theano)
    x, y = node.inputs
    if y.ndim > x.ndim:
        return None
    p = scalar_value(y)
    if p is None or p not in _POWERS or isinstance(p, bool):
        return None
    return fit_output(node, _POWERS[p](x))


# ----------------------------------------------------------------------------------------
# dot + add as one BLAS gemm call


def _matrix_dot(x, y):
    """The (x, y) of gemm for ``dot(x, y)`` of two matrices, else None."""
    return (x, y) if x.ndim == 2 and y.ndim == 2 else None


def _vector_dot(x, y):
    """The (A, v) of gemv for ``dot(A, v)`` or ``dot(v, A)`` (as ``dot(A.T, v)``), else None."""
    if x.ndim == 2 and y.ndim == 1:
        return x, y
    if x.ndim == 1 and y.ndim == 2:
        return y.T, x
    return None


def _scaled_dot(var, fgraph, match=_matrix_dot):
    """For ``dot(x, y)``, ``a * dot(x, y)`` or ``-dot(x, y)``: (a, x, y), else None.

    ``a`` is a number or a scalar-like variable; inner nodes must be used only here;
    ``match`` picks the operand shapes (matrices for gemm, matrix and vector for gemv).
    """
    owner = var.owner
    if owner is None or len(fgraph.clients[var]) != 1:
        return None
    if isinstance(owner.op, Dot):
        x, y = owner.inputs
        pair = match(x, y) if x.dtype == y.dtype == var.dtype else None
        return None if pair is None else (1,) + pair
    if owner.op == tm.neg:
        inner = _scaled_dot(owner.inputs[0], fgraph, match)
        if inner is None or not isinstance(inner[0], (int, float)):
            return None
        return (-inner[0],) + inner[1:]
    if owner.op == tm.mul and len(owner.inputs) == 2:
        for s, d in (owner.inputs, owner.inputs[::-1]):
            if is_scalar_like(s) and not is_scalar_like(d):
                inner = _scaled_dot(d, fgraph, match)
                if inner is not None and inner[0] == 1 and d.dtype == var.dtype:
                    value = scalar_value(s)
                    return (s if value is None else value,) + inner[1:]
    return None


def _scaled(var):
    """``b * z`` (b scalar-like) as (b, z); anything else as (1, var)."""
    owner = var.owner
    if owner is not None and owner.op == tm.mul and len(owner.inputs) == 2:
        for s, z in (owner.inputs, owner.inputs[::-1]):
            if is_scalar_like(s) and not is_scalar_like(z) and z.dtype == var.dtype:
                value = scalar_value(s)
                return (s if value is None else value), z
    return 1, var


def _as_float_scalar(value, dtype, negate=False):
    if isinstance(value, (int, float)):
        return constant(np.asarray(-value if negate else value, dtype=dtype))
    value = value if value.ndim == 0 else DimShuffle(value.broadcastable, [])(value)
    if value.dtype != dtype:
        value = cast(value, dtype)
    return tm.neg(value) if negate else value


@register_specialize
@local_optimizer([tm.add, tm.sub])
def gemm_optimizer(fgraph, node):
    # z + a * dot(x, y) -> gemm(z, a, x, y, 1);  b * z - dot(x, y) -> gemm(z, -1, x, y, b)
    # (float matrices of one dtype; z must have the output's shape, not broadcast)
    out = node.outputs[0]
    if out.ndim != 2 or out.dtype not in ("float32", "float64") or len(node.inputs) != 2:
        return None
    for pos in (0, 1):
        found = _scaled_dot(node.inputs[pos], fgraph)
        if found is None:
            continue
        a, x, y = found
        b, z = _scaled(node.inputs[1 - pos])
        if z.type != out.type or x.dtype != out.dtype:
            continue
        negate_a = node.op == tm.sub and pos == 1
        negate_b = node.op == tm.sub and pos == 0
        new = gemm_no_inplace(z, _as_float_scalar(a, out.dtype, negate_a), x, y,
                              _as_float_scalar(b, out.dtype, negate_b))
        return fit_output(node, new)
    return None


@register_specialize
@local_optimizer([tm.add, tm.sub])
def local_gemv(fgraph, node):
    # y + a * dot(A, x) -> gemv(y, a, A, x, 1);  b * y - dot(x, A) -> gemv(y, -1, A.T, x, b)
    # (float vectors and matrix of one dtype; y must have the output's type, not broadcast)
    out = node.outputs[0]
    if out.ndim != 1 or out.dtype not in ("float32", "float64") or len(node.inputs) != 2:
        return None
    for pos in (0, 1):
        found = _scaled_dot(node.inputs[pos], fgraph, _vector_dot)
        if found is None:
            continue
        a, A, x = found
        b, y = _scaled(node.inputs[1 - pos])
        if y.type != out.type or x.dtype != out.dtype:
            continue
        negate_a = node.op == tm.sub and pos == 1
        negate_b = node.op == tm.sub and pos == 0
        new = gemv_no_inplace(y, _as_float_scalar(a, out.dtype, negate_a), A, x,
                              _as_float_scalar(b, out.dtype, negate_b))
        return fit_output(node, new)
    return None
