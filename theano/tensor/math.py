"""Element-wise math on tensors: each function is the Elemwise of a scalar op."""

from theano import scalar as scal
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
neg = _scal_elemwise(scal.neg, doc="Element-wise negation ``-a``.")
abs_ = _scal_elemwise(scal.abs_, doc="Element-wise absolute value.")
sgn = _scal_elemwise(scal.sgn, doc="Element-wise sign (-1, 0 or 1).")
sqr = _scal_elemwise(scal.sqr, doc="Element-wise square.")
sqrt = _scal_elemwise(scal.sqrt, doc="Element-wise square root.")
inv = _scal_elemwise(scal.inv, doc="Element-wise reciprocal ``1 / a``.")
exp = _scal_elemwise(scal.exp, doc="Element-wise exponential.")
log = _scal_elemwise(scal.log, doc="Element-wise natural logarithm.")
tanh = _scal_elemwise(scal.tanh, doc="Element-wise hyperbolic tangent.")
identity = _scal_elemwise(scal.identity)

# Comparisons and logic (results are bool)
eq = _scal_elemwise(scal.eq, doc="Element-wise ``a == b`` (bool).")
neq = _scal_elemwise(scal.neq, doc="Element-wise ``a != b`` (bool).")
lt = _scal_elemwise(scal.lt, doc="Element-wise ``a < b`` (bool).")
gt = _scal_elemwise(scal.gt, doc="Element-wise ``a > b`` (bool).")
le = _scal_elemwise(scal.le, doc="Element-wise ``a <= b`` (bool).")
ge = _scal_elemwise(scal.ge, doc="Element-wise ``a >= b`` (bool).")
and_ = _scal_elemwise(scal.and_, doc="Element-wise bitwise/logical and.")
or_ = _scal_elemwise(scal.or_, doc="Element-wise bitwise/logical or.")
xor = _scal_elemwise(scal.xor, doc="Element-wise bitwise/logical xor.")
invert = _scal_elemwise(scal.invert, doc="Element-wise bitwise/logical not.")
bitwise_and, bitwise_or, bitwise_xor, bitwise_not = and_, or_, xor, invert
switch = _scal_elemwise(scal.switch, doc="``switch(cond, ift, iff)``: element-wise choice.")
where = switch
second = _scal_elemwise(scal.second, name="second")
fill = second
