"""Scalar ops on complex numbers: real, imag, angle, conj, complex, complex_from_polar.

``theano.scalar.basic`` re-exports them all.
"""

import numpy as np

from theano.scalar.basic import (
    BinaryScalarOp,
    UnaryScalarOp,
    _const,
    _floats_in,
    _is_discrete,
    _zero_grads,
    add,
    complex64,
    complex128,
    complex_dtypes,
    float64,
    mul,
    neg,
    real_out,
    same_out_min8,
    specific_out,
    sqr,
    sub,
    true_div,
    upgrade_to_float,
)
from theano.scalar.elementary import cos, sin

__all__ = [
    "Real",
    "Imag",
    "Angle",
    "Conj",
    "Complex",
    "ComplexFromPolar",
    "real",
    "imag",
    "angle",
    "conj",
    "complex",
    "complex_from_polar",
]


# -- complex numbers ------------------------------------------------------------------


def _complex_of_floats(*types):
    """complex128 when the float upcast of the inputs is float64, else complex64."""
    if any(t.dtype in complex_dtypes for t in types):
        raise TypeError(f"complex inputs are not supported, got {[t.dtype for t in types]}")
    return (complex128 if upgrade_to_float(*types)[0] == float64 else complex64,)


class Real(UnaryScalarOp):
    """Real part (a real input is returned as is)."""

    def output_types(self, types):
        return real_out(types[0])

    def impl(self, x):
        return np.array(np.real(x))

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        (gz,) = output_grads
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        if x.type.dtype in complex_dtypes:
            return [complex(gz, _const(0, gz))]
        return [gz]


class Imag(UnaryScalarOp):
    """Imaginary part (zeros for a real input)."""

    def output_types(self, types):
        return real_out(types[0])

    def impl(self, x):
        return np.array(np.imag(x))

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        (gz,) = output_grads
        if x.type.dtype in complex_dtypes:
            return [complex(_const(0, gz), gz)]
        return _zero_grads(inputs)


class Angle(UnaryScalarOp):
    """Argument of a complex number, float64 (pi for negative reals, else 0)."""

    def impl(self, x):
        return np.angle(x)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        (gz,) = output_grads
        if x.type.dtype not in complex_dtypes:
            return _zero_grads(inputs)
        # angle = arctan2(im, re): d/dre = -im / |z|**2, d/dim = re / |z|**2
        re, im = real(x), imag(x)
        r2 = add(sqr(re), sqr(im))
        return [complex(neg(mul(gz, true_div(im, r2))), mul(gz, true_div(re, r2)))]


class Conj(UnaryScalarOp):
    nfunc_spec = ("conjugate", 1, 1)

    def impl(self, x):
        return np.conjugate(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        return [conj(output_grads[0])]


class Complex(BinaryScalarOp):
    """``complex(real, imag)``: complex64 unless an input needs float64."""

    def output_types(self, types):
        return _complex_of_floats(*types)

    def impl(self, x, y):
        x, y = _floats_in(x, y)
        out = np.empty(np.broadcast(x, y).shape, dtype=np.result_type(x, y, np.complex64))
        out.real = x
        out.imag = y
        return out

    def L_op(self, inputs, outputs, output_grads):
        (gz,) = output_grads
        return [real(gz), imag(gz)]


class ComplexFromPolar(BinaryScalarOp):
    """``complex_from_polar(abs, angle)`` = abs * (cos(angle) + 1j sin(angle))."""

    def output_types(self, types):
        return _complex_of_floats(*types)

    def impl(self, r, theta):
        r, theta = _floats_in(r, theta)
        out = np.empty(np.broadcast(r, theta).shape, dtype=np.result_type(r, theta, np.complex64))
        out.real = r * np.cos(theta)
        out.imag = r * np.sin(theta)
        return out

    def L_op(self, inputs, outputs, output_grads):
        r, theta = inputs
        (gz,) = output_grads
        # gz holds (dC/dre, dC/dim); re = r cos t, im = r sin t
        gre, gim = real(gz), imag(gz)
        c, s = cos(theta), sin(theta)
        gr = add(mul(gre, c), mul(gim, s))
        gtheta = mul(r, sub(mul(gim, c), mul(gre, s)))
        return [gr, gtheta]


# -- instances --------------------------------------------------------------------

real = Real(None, name="real")
imag = Imag(None, name="imag")
angle = Angle(specific_out(float64), name="angle")
conj = Conj(same_out_min8, name="conj")
complex = Complex(None, name="complex")
complex_from_polar = ComplexFromPolar(None, name="complex_from_polar")
