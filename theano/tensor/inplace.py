"""``theano.tensor.inplace``: element-wise ops that write their result into their first input.

``exp_inplace(x)`` is ``Elemwise{exp,inplace}``: it overwrites ``x``'s buffer (its
``destroy_map`` is ``{0: [0]}``), so the output must have ``x``'s type.  The compiler
inserts these by itself where it is safe (the ``inplace_opt`` phase); used by hand
they overwrite a value the graph may still need, which the DestroyHandler refuses.
"""

import theano.tensor.math as _math
from theano.tensor.elemwise import DimShuffle, Elemwise

_UNARY = [
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "sqrt", "sqr",
    "neg", "inv", "abs_", "sgn", "ceil", "floor", "trunc", "round_half_to_even",
    "round_half_away_from_zero", "erf", "erfc", "erfinv", "erfcinv", "gamma", "gammaln", "psi",
    "conj", "deg2rad", "rad2deg", "invert", "iv", "jv", "i0", "i1", "j0", "j1",
]
_BINARY = [
    "add", "sub", "mul", "true_div", "int_div", "mod", "pow", "maximum", "minimum", "arctan2",
    "second", "and_", "or_", "xor", "eq", "neq", "lt", "gt", "le", "ge", "clip",
]

__all__ = ["transpose_inplace"]


def _make_inplace(name):
    op = getattr(_math, name, None)
    if op is None:
        import theano.tensor as T

        op = getattr(T, name, None)
    if not isinstance(op, Elemwise):
        return None
    return Elemwise(op.scalar_op, {0: 0}, name=f"{name}_inplace")


for _name in _UNARY + _BINARY:
    _op = _make_inplace(_name)
    if _op is not None:
        globals()[f"{_name}_inplace"] = _op
        __all__.append(f"{_name}_inplace")
del _name, _op

fill_inplace = globals().get("second_inplace")
if fill_inplace is not None:
    __all__.append("fill_inplace")


def transpose_inplace(x):
    """``x`` with its dimensions reversed, as a view (Theano's ``transpose_inplace``)."""
    return DimShuffle(x.broadcastable, list(range(x.ndim))[::-1])(x)
