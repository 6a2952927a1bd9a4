"""Scalar elementary functions: exponentials, logarithms, trigonometric, hyperbolic, rounding.

Each op is one class (NumPy meaning in ``impl``, ``nfunc_spec``, gradient) and one
instance at the end of the module; ``theano.scalar.basic`` re-exports them all.
"""

import numpy as np

from theano.scalar.basic import (
    BinaryScalarOp,
    UnaryScalarOp,
    _const,
    _float_in,
    _is_discrete,
    _zero_grads,
    _zero_of,
    add,
    constant,
    mul,
    neg,
    same_out_float_only,
    sqr,
    sqrt,
    sub,
    true_div,
    upgrade_to_float,
    upgrade_to_float_no_complex,
)

__all__ = [
    "Exp",
    "Exp2",
    "Expm1",
    "Log",
    "Log2",
    "Log10",
    "Log1p",
    "Sin",
    "Cos",
    "Tan",
    "ArcSin",
    "ArcCos",
    "ArcTan",
    "ArcTan2",
    "Sinh",
    "Cosh",
    "Tanh",
    "ArcSinh",
    "ArcCosh",
    "ArcTanh",
    "Deg2Rad",
    "Rad2Deg",
    "Ceil",
    "Floor",
    "Trunc",
    "RoundHalfToEven",
    "RoundHalfAwayFromZero",
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "arctan2",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "deg2rad",
    "rad2deg",
    "ceil",
    "floor",
    "trunc",
    "round_half_to_even",
    "round_half_away_from_zero",
]


# -- exponentials and logarithms ------------------------------------------------------


class Exp(UnaryScalarOp):
    nfunc_spec = ("exp", 1, 1)

    def impl(self, x):
        return np.exp(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx e**x = e**x: reuse the output
        return [mul(output_grads[0], outputs[0])]


class Exp2(UnaryScalarOp):
    nfunc_spec = ("exp2", 1, 1)

    def impl(self, x):
        return np.exp2(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx 2**x = 2**x * log(2)
        (z,) = outputs
        return [mul(output_grads[0], z, _const(np.log(2.0), z))]


class Expm1(UnaryScalarOp):
    nfunc_spec = ("expm1", 1, 1)

    def impl(self, x):
        return np.expm1(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], exp(inputs[0]))]


class Log(UnaryScalarOp):
    nfunc_spec = ("log", 1, 1)

    def impl(self, x):
        return np.log(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [true_div(output_grads[0], inputs[0])]


class Log2(UnaryScalarOp):
    nfunc_spec = ("log2", 1, 1)

    def impl(self, x):
        return np.log2(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx log2(x) = 1 / (x log 2)
        (x,) = inputs
        return [true_div(output_grads[0], mul(x, _const(np.log(2.0), outputs[0])))]


class Log10(UnaryScalarOp):
    nfunc_spec = ("log10", 1, 1)

    def impl(self, x):
        return np.log10(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx log10(x) = 1 / (x log 10)
        (x,) = inputs
        return [true_div(output_grads[0], mul(x, _const(np.log(10.0), outputs[0])))]


class Log1p(UnaryScalarOp):
    nfunc_spec = ("log1p", 1, 1)

    def impl(self, x):
        return np.log1p(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [true_div(output_grads[0], add(constant(1), inputs[0]))]


# -- trigonometric and hyperbolic -----------------------------------------------------


class Sin(UnaryScalarOp):
    nfunc_spec = ("sin", 1, 1)

    def impl(self, x):
        return np.sin(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], cos(inputs[0]))]


class Cos(UnaryScalarOp):
    nfunc_spec = ("cos", 1, 1)

    def impl(self, x):
        return np.cos(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [neg(mul(output_grads[0], sin(inputs[0])))]


class Tan(UnaryScalarOp):
    nfunc_spec = ("tan", 1, 1)

    def impl(self, x):
        return np.tan(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx tan(x) = 1 / cos(x)**2
        return [true_div(output_grads[0], sqr(cos(inputs[0])))]


class ArcSin(UnaryScalarOp):
    nfunc_spec = ("arcsin", 1, 1)

    def impl(self, x):
        return np.arcsin(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arcsin(x) = 1 / sqrt(1 - x**2)
        (x,) = inputs
        return [true_div(output_grads[0], sqrt(sub(constant(1), sqr(x))))]


class ArcCos(UnaryScalarOp):
    nfunc_spec = ("arccos", 1, 1)

    def impl(self, x):
        return np.arccos(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arccos(x) = -1 / sqrt(1 - x**2)
        (x,) = inputs
        return [neg(true_div(output_grads[0], sqrt(sub(constant(1), sqr(x)))))]


class ArcTan(UnaryScalarOp):
    nfunc_spec = ("arctan", 1, 1)

    def impl(self, x):
        return np.arctan(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arctan(x) = 1 / (1 + x**2)
        (x,) = inputs
        return [true_div(output_grads[0], add(constant(1), sqr(x)))]


class ArcTan2(BinaryScalarOp):
    """``arctan2(y, x)``: the angle of the point (x, y), in (-pi, pi]."""

    nfunc_spec = ("arctan2", 2, 1)

    def impl(self, y, x):
        return np.arctan2(_float_in(y), _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dy = x / (x**2 + y**2);  d/dx = -y / (x**2 + y**2)
        y, x = inputs
        (gz,) = output_grads
        r2 = add(sqr(x), sqr(y))
        gy = _zero_of(y) if _is_discrete(y) else mul(gz, true_div(x, r2))
        gx = _zero_of(x) if _is_discrete(x) else neg(mul(gz, true_div(y, r2)))
        return [gy, gx]


class Sinh(UnaryScalarOp):
    nfunc_spec = ("sinh", 1, 1)

    def impl(self, x):
        return np.sinh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], cosh(inputs[0]))]


class Cosh(UnaryScalarOp):
    nfunc_spec = ("cosh", 1, 1)

    def impl(self, x):
        return np.cosh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], sinh(inputs[0]))]


class Tanh(UnaryScalarOp):
    nfunc_spec = ("tanh", 1, 1)

    def impl(self, x):
        return np.tanh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx tanh(x) = 1 - tanh(x)**2: reuse the output
        (z,) = outputs
        return [mul(output_grads[0], sub(constant(1), sqr(z)))]


class ArcSinh(UnaryScalarOp):
    nfunc_spec = ("arcsinh", 1, 1)

    def impl(self, x):
        return np.arcsinh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arcsinh(x) = 1 / sqrt(x**2 + 1)
        (x,) = inputs
        return [true_div(output_grads[0], sqrt(add(sqr(x), constant(1))))]


class ArcCosh(UnaryScalarOp):
    nfunc_spec = ("arccosh", 1, 1)

    def impl(self, x):
        return np.arccosh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arccosh(x) = 1 / sqrt(x**2 - 1)
        (x,) = inputs
        return [true_div(output_grads[0], sqrt(sub(sqr(x), constant(1))))]


class ArcTanh(UnaryScalarOp):
    nfunc_spec = ("arctanh", 1, 1)

    def impl(self, x):
        return np.arctanh(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx arctanh(x) = 1 / (1 - x**2)
        (x,) = inputs
        return [true_div(output_grads[0], sub(constant(1), sqr(x)))]


class Deg2Rad(UnaryScalarOp):
    nfunc_spec = ("deg2rad", 1, 1)

    def impl(self, x):
        return np.deg2rad(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], _const(np.pi / 180.0, outputs[0]))]


class Rad2Deg(UnaryScalarOp):
    nfunc_spec = ("rad2deg", 1, 1)

    def impl(self, x):
        return np.rad2deg(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], _const(180.0 / np.pi, outputs[0]))]


# -- rounding (piecewise constant: zero gradient) -------------------------------------


class Ceil(UnaryScalarOp):
    nfunc_spec = ("ceil", 1, 1)

    def impl(self, x):
        return np.ceil(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class Floor(UnaryScalarOp):
    nfunc_spec = ("floor", 1, 1)

    def impl(self, x):
        return np.floor(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class Trunc(UnaryScalarOp):
    """Round toward zero."""

    nfunc_spec = ("trunc", 1, 1)

    def impl(self, x):
        return np.trunc(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class RoundHalfToEven(UnaryScalarOp):
    """Round to the nearest integer, halves to the even one (NumPy's ``round``)."""

    nfunc_spec = ("rint", 1, 1)

    def impl(self, x):
        return np.rint(x)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class RoundHalfAwayFromZero(UnaryScalarOp):
    """Round to the nearest integer, halves away from zero (2.5 -> 3, -2.5 -> -3)."""

    def impl(self, x):
        # floor(x + 0.5) like Theano, so 0.49999999999999994 rounds to 1 there too.
        x = np.asarray(x)
        return np.where(x >= 0, np.floor(x + 0.5), np.ceil(x - 0.5)).astype(x.dtype)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


# -- instances --------------------------------------------------------------------

exp = Exp(upgrade_to_float, name="exp")
exp2 = Exp2(upgrade_to_float, name="exp2")
expm1 = Expm1(upgrade_to_float, name="expm1")
log = Log(upgrade_to_float, name="log")
log2 = Log2(upgrade_to_float, name="log2")
log10 = Log10(upgrade_to_float, name="log10")
log1p = Log1p(upgrade_to_float, name="log1p")

sin = Sin(upgrade_to_float, name="sin")
cos = Cos(upgrade_to_float, name="cos")
tan = Tan(upgrade_to_float, name="tan")
arcsin = ArcSin(upgrade_to_float, name="arcsin")
arccos = ArcCos(upgrade_to_float, name="arccos")
arctan = ArcTan(upgrade_to_float, name="arctan")
arctan2 = ArcTan2(upgrade_to_float, name="arctan2")
sinh = Sinh(upgrade_to_float, name="sinh")
cosh = Cosh(upgrade_to_float, name="cosh")
tanh = Tanh(upgrade_to_float, name="tanh")
arcsinh = ArcSinh(upgrade_to_float, name="arcsinh")
arccosh = ArcCosh(upgrade_to_float, name="arccosh")
arctanh = ArcTanh(upgrade_to_float, name="arctanh")
deg2rad = Deg2Rad(upgrade_to_float, name="deg2rad")
rad2deg = Rad2Deg(upgrade_to_float, name="rad2deg")

ceil = Ceil(upgrade_to_float_no_complex, name="ceil")
floor = Floor(upgrade_to_float_no_complex, name="floor")
trunc = Trunc(upgrade_to_float_no_complex, name="trunc")
round_half_to_even = RoundHalfToEven(same_out_float_only, name="round_half_to_even")
round_half_away_from_zero = RoundHalfAwayFromZero(
    same_out_float_only, name="round_half_away_from_zero"
)
