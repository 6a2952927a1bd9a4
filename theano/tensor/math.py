"""Element-wise math on tensors: each function is the Elemwise of a scalar op."""

import warnings

from theano import scalar as scal
from theano.configparser import config
from theano.scalar import math as scal_math
from theano.tensor.basic import as_tensor_variable, cast, constant
from theano.tensor.elemwise import Elemwise, _elemwise_of


def _scal_elemwise(scalar_op, name=None, doc=None):
    """The public Elemwise for ``scalar_op``, printed ``Elemwise{name,no_inplace}``."""
    name = name or scalar_op.name
    op = Elemwise(scalar_op, name=f"Elemwise{{{name},no_inplace}}")
    _elemwise_of[scalar_op] = op
    if doc:
        op.__doc__ = doc
    return op


# Arithmetic (the Python operators of TensorVariable call these)
add = _scal_elemwise(scal.add, doc="Element-wise sum of any number of tensors.")
sub = _scal_elemwise(scal.sub, doc="Element-wise difference ``a - b``.")
mul = _scal_elemwise(scal.mul, doc="Element-wise product of any number of tensors.")
true_div = _scal_elemwise(scal.true_div, doc="Element-wise true division (ints give floatX).")
int_div = _scal_elemwise(scal.int_div, doc="Element-wise floor division ``a // b``.")
floor_div = int_div
mod = _scal_elemwise(scal.mod, doc="Element-wise modulo with Python's sign rule.")
pow = _scal_elemwise(scal.pow, doc="Element-wise power ``a ** b``.")
maximum = _scal_elemwise(scal.maximum, doc="Element-wise maximum of two tensors.")
minimum = _scal_elemwise(scal.minimum, doc="Element-wise minimum of two tensors.")
clip = _scal_elemwise(
    scal.clip,
    doc="``clip(x, min, max)``: ``x`` limited to [min, max]; the gradient reaches ``x`` on "
    "the closed interval, ``min`` below it and ``max`` above it.",
)
neg = _scal_elemwise(scal.neg, doc="Element-wise negation ``-a``.")
abs_ = _scal_elemwise(scal.abs_, doc="Element-wise absolute value (modulus for complex).")
sgn = _scal_elemwise(scal.sgn, doc="Element-wise sign (-1, 0 or 1).")
sqr = _scal_elemwise(scal.sqr, doc="Element-wise square.")
square = sqr
sqrt = _scal_elemwise(scal.sqrt, doc="Element-wise square root.")
inv = _scal_elemwise(scal.inv, doc="Element-wise reciprocal ``1 / a``.")

# Exponentials and logarithms (integers give float32 up to 16 bits, else float64)
exp = _scal_elemwise(scal.exp, doc="Element-wise exponential.")
exp2 = _scal_elemwise(scal.exp2, doc="Element-wise ``2 ** a``.")
expm1 = _scal_elemwise(scal.expm1, doc="Element-wise ``exp(a) - 1``, accurate near 0.")
log = _scal_elemwise(scal.log, doc="Element-wise natural logarithm.")
log2 = _scal_elemwise(scal.log2, doc="Element-wise base-2 logarithm.")
log10 = _scal_elemwise(scal.log10, doc="Element-wise base-10 logarithm.")
log1p = _scal_elemwise(scal.log1p, doc="Element-wise ``log(1 + a)``, accurate near 0.")

# Trigonometric and hyperbolic
sin = _scal_elemwise(scal.sin, doc="Element-wise sine.")
cos = _scal_elemwise(scal.cos, doc="Element-wise cosine.")
tan = _scal_elemwise(scal.tan, doc="Element-wise tangent.")
arcsin = _scal_elemwise(scal.arcsin, doc="Element-wise inverse sine.")
arccos = _scal_elemwise(scal.arccos, doc="Element-wise inverse cosine.")
arctan = _scal_elemwise(scal.arctan, doc="Element-wise inverse tangent.")
arctan2 = _scal_elemwise(scal.arctan2, doc="Element-wise quadrant-aware ``arctan(a / b)``.")
sinh = _scal_elemwise(scal.sinh, doc="Element-wise hyperbolic sine.")
cosh = _scal_elemwise(scal.cosh, doc="Element-wise hyperbolic cosine.")
tanh = _scal_elemwise(scal.tanh, doc="Element-wise hyperbolic tangent.")
arcsinh = _scal_elemwise(scal.arcsinh, doc="Element-wise inverse hyperbolic sine.")
arccosh = _scal_elemwise(scal.arccosh, doc="Element-wise inverse hyperbolic cosine.")
arctanh = _scal_elemwise(scal.arctanh, doc="Element-wise inverse hyperbolic tangent.")
deg2rad = _scal_elemwise(scal.deg2rad, doc="Element-wise conversion of degrees to radians.")
rad2deg = _scal_elemwise(scal.rad2deg, doc="Element-wise conversion of radians to degrees.")

# Rounding (float results; round_* accept floats only)
ceil = _scal_elemwise(scal.ceil, doc="Element-wise ceiling (float result).")
floor = _scal_elemwise(scal.floor, doc="Element-wise floor (float result).")
trunc = _scal_elemwise(scal.trunc, doc="Element-wise rounding toward zero (float result).")
round_half_to_even = _scal_elemwise(
    scal.round_half_to_even, doc="Element-wise rounding, halves to the even integer."
)
round_half_away_from_zero = _scal_elemwise(
    scal.round_half_away_from_zero, doc="Element-wise rounding, halves away from zero."
)

# Special functions (scipy.special)
erf = _scal_elemwise(scal_math.erf, doc="Element-wise error function.")
erfc = _scal_elemwise(scal_math.erfc, doc="Element-wise complementary error function.")
erfcx = _scal_elemwise(scal_math.erfcx, doc="Element-wise ``exp(a**2) * erfc(a)``.")
erfinv = _scal_elemwise(scal_math.erfinv, doc="Element-wise inverse error function.")
erfcinv = _scal_elemwise(scal_math.erfcinv, doc="Element-wise inverse of ``erfc``.")
gamma = _scal_elemwise(scal_math.gamma, doc="Element-wise gamma function.")
gammaln = _scal_elemwise(scal_math.gammaln, doc="Element-wise ``log(|gamma(a)|)``.")
psi = _scal_elemwise(scal_math.psi, doc="Element-wise digamma function.")
tri_gamma = _scal_elemwise(scal_math.tri_gamma, doc="Element-wise trigamma function.")
chi2sf = _scal_elemwise(
    scal_math.chi2sf, doc="``chi2sf(x, k)``: chi-squared survival function (float64)."
)
gammainc = _scal_elemwise(
    scal_math.gammainc, doc="``gammainc(k, x)``: regularized lower incomplete gamma."
)
gammaincc = _scal_elemwise(
    scal_math.gammaincc, doc="``gammaincc(k, x)``: regularized upper incomplete gamma."
)
gammau = _scal_elemwise(scal_math.gammau, doc="``gammau(k, x)``: upper incomplete gamma.")
gammal = _scal_elemwise(scal_math.gammal, doc="``gammal(k, x)``: lower incomplete gamma.")
j0 = _scal_elemwise(scal_math.j0, doc="Element-wise Bessel function of order 0.")
j1 = _scal_elemwise(scal_math.j1, doc="Element-wise Bessel function of order 1.")
jv = _scal_elemwise(scal_math.jv, doc="``jv(v, x)``: Bessel function of real order ``v``.")
i0 = _scal_elemwise(scal_math.i0, doc="Element-wise modified Bessel function of order 0.")
i1 = _scal_elemwise(scal_math.i1, doc="Element-wise modified Bessel function of order 1.")
iv = _scal_elemwise(scal_math.iv, doc="``iv(v, x)``: modified Bessel function of real order ``v``.")

# Complex numbers
real = _scal_elemwise(scal.real, doc="Element-wise real part.")
imag = _scal_elemwise(scal.imag, doc="Element-wise imaginary part (zeros for reals).")
angle = _scal_elemwise(scal.angle, doc="Element-wise argument of complex numbers (float64).")
conj = _scal_elemwise(scal.conj, doc="Element-wise complex conjugate.")
complex = _scal_elemwise(scal.complex, doc="``complex(real, imag)``: a complex tensor.")
complex_from_polar = _scal_elemwise(
    scal.complex_from_polar, doc="``complex_from_polar(abs, angle)``: a complex tensor."
)

identity = _scal_elemwise(scal.identity)
tensor_copy = Elemwise(scal.identity)
tensor_copy.__doc__ = "A copy of the tensor, as a new variable (``Elemwise{identity}``)."

# Comparisons and logic (results are bool)
eq = _scal_elemwise(scal.eq, doc="Element-wise ``a == b`` (bool).")
neq = _scal_elemwise(scal.neq, doc="Element-wise ``a != b`` (bool).")
lt = _scal_elemwise(scal.lt, doc="Element-wise ``a < b`` (bool).")
gt = _scal_elemwise(scal.gt, doc="Element-wise ``a > b`` (bool).")
le = _scal_elemwise(scal.le, doc="Element-wise ``a <= b`` (bool).")
ge = _scal_elemwise(scal.ge, doc="Element-wise ``a >= b`` (bool).")
isnan_ = _scal_elemwise(scal.isnan, doc="Element-wise test for NaN (bool).")
isinf_ = _scal_elemwise(scal.isinf, doc="Element-wise test for +-inf (bool).")
and_ = _scal_elemwise(scal.and_, doc="Element-wise bitwise/logical and.")
or_ = _scal_elemwise(scal.or_, doc="Element-wise bitwise/logical or.")
xor = _scal_elemwise(scal.xor, doc="Element-wise bitwise/logical xor.")
invert = _scal_elemwise(scal.invert, doc="Element-wise bitwise/logical not.")
bitwise_and, bitwise_or, bitwise_xor, bitwise_not = and_, or_, xor, invert
switch = _scal_elemwise(scal.switch, doc="``switch(cond, ift, iff)``: element-wise choice.")
where = switch
second = _scal_elemwise(scal.second, name="second")
fill = second


# ----------------------------------------------------------------------------------
# Compositions (Theano built these from the ops above, not as ops of their own)


def power(x, y):
    """Element-wise ``x ** y`` (same as ``pow``)."""
    return pow(x, y)


def div_proxy(x, y):
    """Legacy ``div``: ``config.int_division`` decides for two integer tensors.

    'int' floors (``int_div``), 'floatX' divides (``true_div``), 'raise' raises
    ``TypeError``.  Any float operand gives ``true_div``.
    """
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    discrete = scal.basic.discrete_dtypes
    if x.dtype in discrete and y.dtype in discrete:
        if config.int_division == "raise":
            raise TypeError(
                "div_proxy: dividing two integer tensors is ambiguous with "
                "config.int_division='raise'; use // (int_div) or / (true_div)"
            )
        if config.int_division == "int":
            return int_div(x, y)
    return true_div(x, y)


def mod_check(x, y):
    """``x % y``, refusing complex operands (NumPy has no complex remainder)."""
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    if x.dtype in scal.basic.complex_dtypes or y.dtype in scal.basic.complex_dtypes:
        raise TypeError(
            f"mod (%) does not support complex numbers (got dtypes {x.dtype} and {y.dtype})"
        )
    return mod(x, y)


def divmod(x, y):
    """``(x // y, x % y)`` element-wise, like Python's ``divmod``."""
    return floor_div(x, y), mod_check(x, y)


def ceil_intdiv(a, b):
    """Integer division rounding up: ``a // b`` plus 1 where the remainder is not 0."""
    div = int_div(a, b)
    return add(cast(neq(mod_check(a, b), 0), div.dtype), div)


def round(a, mode=None):
    """Element-wise rounding to the nearest integer.

    Parameters
    ----------
    a : tensor of floats (integers raise ``TypeError``)
    mode : {None, 'half_to_even', 'half_away_from_zero'}
        None means 'half_to_even', NumPy's rule (Theano's default since 0.9; the flag
        ``warn.round`` warns about the change).

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.round(T.constant([0.5, 1.5, 2.5])).eval()
    array([0., 2., 2.])
    """
    if mode is None:
        mode = "half_to_even"
        if config.warn.round:
            warnings.warn(
                "theano.tensor.round() rounds halves to even (like NumPy) since Theano 0.9; "
                "before, it rounded them away from zero. Set the flag warn.round=False to "
                "silence this warning.",
                stacklevel=2,
            )
    if mode == "half_away_from_zero":
        return round_half_away_from_zero(a)
    if mode == "half_to_even":
        return round_half_to_even(a)
    raise NotImplementedError(f"round mode {mode} is not implemented.")


def iround(a, mode=None):
    """``round(a, mode)`` cast to int64."""
    return cast(round(a, mode), "int64")


def _all_false_like(a):
    import theano.tensor as T

    alloc = getattr(T, "alloc", None)
    if alloc is None:
        return None
    return alloc(constant(False, dtype="bool"), *[a.shape[i] for i in range(a.ndim)])


def isnan(a):
    """Element-wise NaN test (bool); integer tensors give all-False without a test."""
    a = as_tensor_variable(a)
    if a.dtype in scal.basic.discrete_dtypes:
        out = _all_false_like(a)
        if out is not None:
            return out
    return isnan_(a)


def isinf(a):
    """Element-wise test for +-inf (bool); integer tensors give all-False."""
    a = as_tensor_variable(a)
    if a.dtype in scal.basic.discrete_dtypes:
        out = _all_false_like(a)
        if out is not None:
            return out
    return isinf_(a)


def isclose(a, b, rtol=1.0e-5, atol=1.0e-8, equal_nan=False):
    """Element-wise ``|a - b| <= atol + rtol * |b|``, NumPy's ``isclose`` (bool).

    Infinities are close only to infinities of the same sign; NaNs are close to
    nothing unless ``equal_nan``.  Bool and complex inputs raise ``TypeError``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> T.isclose(T.constant([1.0, 1.1]), T.constant([1.0 + 1e-6, 1.0])).eval()
    array([ True, False])
    """
    a, b = as_tensor_variable(a), as_tensor_variable(b)
    close = le(abs_(sub(a, b)), add(atol, mul(rtol, abs_(b))))
    a_nan, b_nan = isnan(a), isnan(b)
    a_inf, b_inf = isinf(a), isinf(b)
    finite = invert(or_(or_(a_nan, b_nan), or_(a_inf, b_inf)))
    close = and_(close, finite)
    # Two infinities are close when their signs agree.
    same_infs = and_(and_(a_inf, b_inf), eq(mul(a_inf, sgn(a)), mul(b_inf, sgn(b))))
    close = or_(close, same_infs)
    if equal_nan:
        close = or_(close, and_(a_nan, b_nan))
    return close


def allclose(a, b, rtol=1.0e-5, atol=1.0e-8, equal_nan=False):
    """True (a bool scalar) when ``isclose(a, b, ...)`` holds everywhere."""
    import theano.tensor as T

    return T.all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def largest(*args):
    """Element-wise maximum of any number of tensors.

    Two arguments give ``switch(a > b, a, b)``; more give ``max(stack(args), axis=0)``.
    """
    if len(args) == 2:
        a, b = args
        return switch(gt(a, b), a, b)
    import theano.tensor as T

    return T.max(T.stack(args), axis=0)


def smallest(*args):
    """Element-wise minimum of any number of tensors (see ``largest``)."""
    if len(args) == 2:
        a, b = args
        return switch(lt(a, b), a, b)
    import theano.tensor as T

    return T.min(T.stack(args), axis=0)
