"""Scalar special functions (error, gamma and Bessel families), computed with scipy.special.

Each op is Theano 1.0's: same name, output type rule and gradient; ``nfunc_spec`` names
the scipy ufunc when one computes exactly the op, so backends can call it directly.
scipy is imported on first use, not when theano is imported.
"""

import numpy as np

from theano.scalar.basic import (
    BinaryScalarOp,
    UnaryScalarOp,
    _const,
    _float_in,
    _floats_in,
    _grad_not_implemented,
    add,
    constant,
    gt,
    mul,
    neg,
    sqr,
    sub,
    switch,
    true_div,
    upgrade_to_float,
    upgrade_to_float64,
    upgrade_to_float_no_complex,
)
from theano.scalar.elementary import exp, log

_TWO_OVER_SQRT_PI = 2.0 / np.sqrt(np.pi)
_SQRT_PI_OVER_TWO = np.sqrt(np.pi) / 2.0


def _special():
    import scipy.special

    return scipy.special


# -- error functions ------------------------------------------------------------------


class Erf(UnaryScalarOp):
    nfunc_spec = ("scipy.special.erf", 1, 1)

    def impl(self, x):
        return _special().erf(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx erf(x) = 2/sqrt(pi) exp(-x**2)
        (x,) = inputs
        c = _const(_TWO_OVER_SQRT_PI, outputs[0])
        return [mul(output_grads[0], c, exp(neg(sqr(x))))]


class Erfc(UnaryScalarOp):
    nfunc_spec = ("scipy.special.erfc", 1, 1)

    def impl(self, x):
        return _special().erfc(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx erfc(x) = -2/sqrt(pi) exp(-x**2)
        (x,) = inputs
        c = _const(-_TWO_OVER_SQRT_PI, outputs[0])
        return [mul(output_grads[0], c, exp(neg(sqr(x))))]


class Erfcx(UnaryScalarOp):
    """Scaled complementary error function ``exp(x**2) * erfc(x)``."""

    nfunc_spec = ("scipy.special.erfcx", 1, 1)

    def impl(self, x):
        return _special().erfcx(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx erfcx(x) = 2 x erfcx(x) - 2/sqrt(pi)
        (x,) = inputs
        (z,) = outputs
        c = _const(-_TWO_OVER_SQRT_PI, z)
        return [mul(output_grads[0], add(c, mul(constant(2), x, z)))]


class Erfinv(UnaryScalarOp):
    nfunc_spec = ("scipy.special.erfinv", 1, 1)

    def impl(self, x):
        return _special().erfinv(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx erfinv(x) = sqrt(pi)/2 exp(erfinv(x)**2)
        (z,) = outputs
        return [mul(output_grads[0], _const(_SQRT_PI_OVER_TWO, z), exp(sqr(z)))]


class Erfcinv(UnaryScalarOp):
    nfunc_spec = ("scipy.special.erfcinv", 1, 1)

    def impl(self, x):
        return _special().erfcinv(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx erfcinv(x) = -sqrt(pi)/2 exp(erfcinv(x)**2)
        (z,) = outputs
        return [mul(output_grads[0], _const(-_SQRT_PI_OVER_TWO, z), exp(sqr(z)))]


# -- gamma family ---------------------------------------------------------------------


class Gamma(UnaryScalarOp):
    nfunc_spec = ("scipy.special.gamma", 1, 1)

    def impl(self, x):
        return _special().gamma(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx gamma(x) = gamma(x) psi(x)
        return [mul(output_grads[0], outputs[0], psi(inputs[0]))]


class GammaLn(UnaryScalarOp):
    """``log(|gamma(x)|)``."""

    nfunc_spec = ("scipy.special.gammaln", 1, 1)

    def impl(self, x):
        return _special().gammaln(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], psi(inputs[0]))]


class Psi(UnaryScalarOp):
    """Digamma, the derivative of ``gammaln``."""

    nfunc_spec = ("scipy.special.psi", 1, 1)

    def impl(self, x):
        return _special().psi(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], tri_gamma(inputs[0]))]


class TriGamma(UnaryScalarOp):
    """Trigamma, the derivative of ``psi`` (``polygamma(1, x)``)."""

    def impl(self, x):
        return _special().polygamma(1, _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [_grad_not_implemented(self, 0, inputs[0], "polygamma(2, x) is not available")]


class Chi2SF(BinaryScalarOp):
    """``chi2sf(x, k)``: survival function of the chi-squared law with ``k`` degrees."""

    def impl(self, x, k):
        # scipy.stats.chi2.sf(x, k) is the ufunc chdtrc(k, x), computed in float64 like Theano.
        return _special().chdtrc(np.asarray(k, "float64"), np.asarray(x, "float64"))

    def L_op(self, inputs, outputs, output_grads):
        x, k = inputs
        (gz,) = output_grads
        # d/dx = -pdf(x; k) = -x**(k/2-1) exp(-x/2) / (2**(k/2) gamma(k/2)), 0 for x <= 0
        half_k = true_div(k, constant(2))
        log_pdf = sub(
            sub(mul(sub(half_k, constant(1)), log(x)), true_div(x, constant(2))),
            add(mul(half_k, _const(np.log(2.0), outputs[0])), gammaln(half_k)),
        )
        gx = neg(mul(gz, exp(log_pdf)))
        gx = switch(gt(x, constant(0)), gx, _const(0, outputs[0]))
        return [gx, _grad_not_implemented(self, 1, k)]


def _gammainc_dx(k, x):
    """d/dx of the regularized lower incomplete gamma: x**(k-1) exp(-x) / gamma(k)."""
    return exp(sub(sub(mul(sub(k, constant(1)), log(x)), x), gammaln(k)))


class GammaInc(BinaryScalarOp):
    """Regularized lower incomplete gamma ``P(k, x)``."""

    nfunc_spec = ("scipy.special.gammainc", 2, 1)

    def impl(self, k, x):
        return _special().gammainc(_float_in(k), _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        k, x = inputs
        gx = mul(output_grads[0], _gammainc_dx(k, x))
        return [_grad_not_implemented(self, 0, k), gx]


class GammaIncC(BinaryScalarOp):
    """Regularized upper incomplete gamma ``Q(k, x) = 1 - P(k, x)``."""

    nfunc_spec = ("scipy.special.gammaincc", 2, 1)

    def impl(self, k, x):
        return _special().gammaincc(_float_in(k), _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        k, x = inputs
        gx = neg(mul(output_grads[0], _gammainc_dx(k, x)))
        return [_grad_not_implemented(self, 0, k), gx]


class GammaU(BinaryScalarOp):
    """Upper incomplete gamma, not regularized: ``gamma(k) * Q(k, x)``."""

    def impl(self, k, x):
        sp = _special()
        k, x = _floats_in(k, x)
        return sp.gammaincc(k, x) * sp.gamma(k)

    def L_op(self, inputs, outputs, output_grads):
        # d/dx = -x**(k-1) exp(-x)
        k, x = inputs
        gx = neg(mul(output_grads[0], exp(sub(mul(sub(k, constant(1)), log(x)), x))))
        return [_grad_not_implemented(self, 0, k), gx]


class GammaL(BinaryScalarOp):
    """Lower incomplete gamma, not regularized: ``gamma(k) * P(k, x)``."""

    def impl(self, k, x):
        sp = _special()
        k, x = _floats_in(k, x)
        return sp.gammainc(k, x) * sp.gamma(k)

    def L_op(self, inputs, outputs, output_grads):
        # d/dx = x**(k-1) exp(-x)
        k, x = inputs
        gx = mul(output_grads[0], exp(sub(mul(sub(k, constant(1)), log(x)), x)))
        return [_grad_not_implemented(self, 0, k), gx]


# -- Bessel functions -----------------------------------------------------------------


class J0(UnaryScalarOp):
    """Bessel function of the first kind, order 0."""

    nfunc_spec = ("scipy.special.j0", 1, 1)

    def impl(self, x):
        return _special().j0(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [neg(mul(output_grads[0], j1(inputs[0])))]


class J1(UnaryScalarOp):
    """Bessel function of the first kind, order 1."""

    nfunc_spec = ("scipy.special.j1", 1, 1)

    def impl(self, x):
        return _special().j1(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx j1(x) = (j0(x) - jv(2, x)) / 2
        (x,) = inputs
        d = sub(j0(x), jv(constant(2), x))
        return [mul(output_grads[0], true_div(d, constant(2)))]


class Jv(BinaryScalarOp):
    """Bessel function of the first kind, real order ``v``."""

    nfunc_spec = ("scipy.special.jv", 2, 1)

    def impl(self, v, x):
        return _special().jv(_float_in(v), _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx jv(v, x) = (jv(v-1, x) - jv(v+1, x)) / 2
        v, x = inputs
        one = constant(1)
        d = sub(jv(sub(v, one), x), jv(add(v, one), x))
        gx = mul(output_grads[0], true_div(d, constant(2)))
        return [_grad_not_implemented(self, 0, v), gx]


class I0(UnaryScalarOp):
    """Modified Bessel function of the first kind, order 0."""

    nfunc_spec = ("scipy.special.i0", 1, 1)

    def impl(self, x):
        return _special().i0(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [mul(output_grads[0], i1(inputs[0]))]


class I1(UnaryScalarOp):
    """Modified Bessel function of the first kind, order 1."""

    nfunc_spec = ("scipy.special.i1", 1, 1)

    def impl(self, x):
        return _special().i1(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx i1(x) = (i0(x) + iv(2, x)) / 2
        (x,) = inputs
        d = add(i0(x), iv(constant(2), x))
        return [mul(output_grads[0], true_div(d, constant(2)))]


class Iv(BinaryScalarOp):
    """Modified Bessel function of the first kind, real order ``v``."""

    nfunc_spec = ("scipy.special.iv", 2, 1)

    def impl(self, v, x):
        return _special().iv(_float_in(v), _float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        # d/dx iv(v, x) = (iv(v-1, x) + iv(v+1, x)) / 2
        v, x = inputs
        one = constant(1)
        d = add(iv(sub(v, one), x), iv(add(v, one), x))
        gx = mul(output_grads[0], true_div(d, constant(2)))
        return [_grad_not_implemented(self, 0, v), gx]


# -- instances ------------------------------------------------------------------------

erf = Erf(upgrade_to_float, name="erf")
erfc = Erfc(upgrade_to_float_no_complex, name="erfc")
erfcx = Erfcx(upgrade_to_float_no_complex, name="erfcx")
erfinv = Erfinv(upgrade_to_float_no_complex, name="erfinv")
erfcinv = Erfcinv(upgrade_to_float_no_complex, name="erfcinv")
gamma = Gamma(upgrade_to_float, name="gamma")
gammaln = GammaLn(upgrade_to_float, name="gammaln")
psi = Psi(upgrade_to_float, name="psi")
tri_gamma = TriGamma(upgrade_to_float, name="tri_gamma")
chi2sf = Chi2SF(upgrade_to_float64, name="chi2sf")
gammainc = GammaInc(upgrade_to_float, name="gammainc")
gammaincc = GammaIncC(upgrade_to_float, name="gammaincc")
gammau = GammaU(upgrade_to_float, name="gammau")
gammal = GammaL(upgrade_to_float, name="gammal")
j0 = J0(upgrade_to_float, name="j0")
j1 = J1(upgrade_to_float, name="j1")
jv = Jv(upgrade_to_float, name="jv")
i0 = I0(upgrade_to_float, name="i0")
i1 = I1(upgrade_to_float, name="i1")
iv = Iv(upgrade_to_float, name="iv")
