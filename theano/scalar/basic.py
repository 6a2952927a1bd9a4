"""Scalar types and scalar ops: the vocabulary of element-wise math.

Each op holds its NumPy meaning (``impl``, vectorised: it must accept arrays),
``nfunc_spec`` naming the NumPy ufunc backends can call directly, its output
type rule, and its gradient.  ``theano.tensor.elemwise.Elemwise`` lifts every
one of them to tensors.

This module holds the types, the dtype and output-type rules, the ScalarOp base
classes, arithmetic, casts, comparisons and logic.  Exponentials, logarithms,
trigonometric, hyperbolic and rounding ops live in ``theano.scalar.elementary``,
complex-number ops in ``theano.scalar.complex_numbers``, special functions in
``theano.scalar.math``; the first two are re-exported here.
"""

import builtins

import numpy as np

from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.graph.type import Type

# ----------------------------------------------------------------------------------
# dtypes

int_dtypes = ("int8", "int16", "int32", "int64")
uint_dtypes = ("uint8", "uint16", "uint32", "uint64")
integer_dtypes = int_dtypes + uint_dtypes
float_dtypes = ("float16", "float32", "float64")
complex_dtypes = ("complex64", "complex128")
discrete_dtypes = ("bool",) + integer_dtypes
continuous_dtypes = float_dtypes + complex_dtypes
all_dtypes = discrete_dtypes + continuous_dtypes


def upcast(dtype, *dtypes):
    """The dtype of an operation mixing ``dtypes`` (Theano's rule).

    NumPy's promotion, except that results stay in floatX (float32/float16) unless
    an operand is explicitly of a wider float type.
    """
    keep_float32 = config.floatX == "float32"
    keep_float16 = config.floatX == "float16"
    all_dt = (dtype,) + dtypes
    for dt in all_dt:
        dt = str(dt)
        if dt == "float64":
            keep_float32 = keep_float16 = False
        elif dt == "float32":
            keep_float16 = False
    rval = np.result_type(*[np.dtype(str(d)) for d in all_dt]).name
    if rval == "float64":
        if keep_float16:
            return "float16"
        if keep_float32:
            return "float32"
    elif rval == "float32" and keep_float16:
        return "float16"
    return rval


def _python_int_dtype(x):
    for dt in int_dtypes:
        info = np.iinfo(dt)
        if info.min <= x <= info.max:
            return dt
    if 0 <= x <= np.iinfo("uint64").max:
        return "uint64"
    raise OverflowError(f"Python integer {x} does not fit in int64")


def autocast_float_dtype(x):
    """dtype Theano gives a Python float constant (cast_policy='custom')."""
    if config.floatX in ("float32", "float16"):
        return config.floatX
    if config.cast_policy == "numpy+floatX":
        return config.floatX
    if np.isnan(x) or np.isinf(x) or float(np.float32(x)) == x:
        return "float32"
    return "float64"


def python_scalar_dtype(x):
    """dtype of a Python/NumPy scalar when it becomes a constant."""
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, np.generic):
        return x.dtype.name
    if isinstance(x, int):
        if config.cast_policy == "numpy+floatX":
            return "int64"
        return _python_int_dtype(x)
    if isinstance(x, float):
        return autocast_float_dtype(x)
    if isinstance(x, builtins.complex):
        return "complex128"
    raise TypeError(f"not a scalar: {x!r}")


# ----------------------------------------------------------------------------------
# ScalarType


class ScalarType(Type):
    """A 0-d value of one dtype (graphs of these live inside Composite ops)."""

    def __init__(self, dtype):
        if isinstance(dtype, np.dtype):
            dtype = dtype.name
        dtype = str(dtype)
        if dtype == "floatX":
            dtype = config.floatX
        if dtype not in all_dtypes:
            raise TypeError(f"Unsupported dtype for ScalarType: {dtype!r}")
        self.dtype = dtype
        self.numpy_dtype = np.dtype(dtype)
        self.ndim = 0
        self.broadcastable = ()

    def filter(self, data, strict=False, allow_downcast=None):
        if strict and not (isinstance(data, np.generic) and data.dtype == self.numpy_dtype):
            raise TypeError(f"{self}: expected a {self.dtype} scalar, got {data!r}")
        converted = np.asarray(data, dtype=self.dtype)
        original = np.asarray(data)
        lossy = converted != original
        if original.dtype.kind in "fc":
            lossy &= ~(np.isnan(converted) & np.isnan(original))  # NaN is kept exactly
        if not allow_downcast and np.any(lossy):
            raise TypeError(f"{self}: {data!r} cannot be stored as {self.dtype} without loss")
        return converted[()]

    def __eq__(self, other):
        return type(self) is type(other) and self.dtype == other.dtype

    def __hash__(self):
        return hash(("ScalarType", self.dtype))

    def __str__(self):
        return self.dtype

    def __repr__(self):
        return f"Scalar({self.dtype})"

    def make_variable(self, name=None):
        return ScalarVariable(self, name=name)


Scalar = ScalarType
_scalar_types = {}


def get_scalar_type(dtype):
    dtype = str(dtype)
    t = _scalar_types.get(dtype)
    if t is None:
        t = _scalar_types[dtype] = ScalarType(dtype)
    return t


bool_ = get_scalar_type("bool")
int8 = get_scalar_type("int8")
int16 = get_scalar_type("int16")
int32 = get_scalar_type("int32")
int64 = get_scalar_type("int64")
uint8 = get_scalar_type("uint8")
float32 = get_scalar_type("float32")
float64 = get_scalar_type("float64")
complex64 = get_scalar_type("complex64")
complex128 = get_scalar_type("complex128")


class _scalar_py_operators:
    """Python operators for scalar variables (used inside Composite graphs)."""

    def __add__(self, other):
        return add(self, other)

    def __radd__(self, other):
        return add(other, self)

    def __sub__(self, other):
        return sub(self, other)

    def __rsub__(self, other):
        return sub(other, self)

    def __mul__(self, other):
        return mul(self, other)

    def __rmul__(self, other):
        return mul(other, self)

    def __truediv__(self, other):
        return true_div(self, other)

    def __rtruediv__(self, other):
        return true_div(other, self)

    def __floordiv__(self, other):
        return int_div(self, other)

    def __rfloordiv__(self, other):
        return int_div(other, self)

    def __mod__(self, other):
        return mod(self, other)

    def __rmod__(self, other):
        return mod(other, self)

    def __pow__(self, other):
        return pow(self, other)

    def __rpow__(self, other):
        return pow(other, self)

    def __neg__(self):
        return neg(self)

    def __abs__(self):
        return abs_(self)

    def __invert__(self):
        return invert(self)

    def __and__(self, other):
        return and_(self, other)

    def __rand__(self, other):
        return and_(other, self)

    def __or__(self, other):
        return or_(self, other)

    def __ror__(self, other):
        return or_(other, self)

    def __xor__(self, other):
        return xor(self, other)

    def __rxor__(self, other):
        return xor(other, self)

    # Comparisons build symbolic booleans; == stays Python identity (use eq).
    def __lt__(self, other):
        return lt(self, other)

    def __le__(self, other):
        return le(self, other)

    def __gt__(self, other):
        return gt(self, other)

    def __ge__(self, other):
        return ge(self, other)

    @property
    def dtype(self):
        return self.type.dtype


class ScalarVariable(_scalar_py_operators, Variable):
    pass


class ScalarConstant(_scalar_py_operators, Constant):
    pass


ScalarType.Variable = ScalarVariable
ScalarType.Constant = ScalarConstant


def as_scalar(x, name=None):
    """``x`` as a scalar variable: scalar variables pass through, numbers become constants."""
    if isinstance(x, Variable):
        if isinstance(x.type, ScalarType):
            return x
        raise TypeError(f"Cannot convert {x} (type {x.type}) to a scalar variable")
    return constant(x, name=name)


def constant(x, name=None, dtype=None):
    """A ScalarConstant holding ``x`` (Python numbers are autocast like tensor constants)."""
    if dtype is None:
        dtype = x.dtype.name if isinstance(x, (np.ndarray, np.generic)) else python_scalar_dtype(x)
    if dtype == "floatX":
        dtype = config.floatX
    data = np.asarray(x, dtype=dtype)
    if data.ndim != 0:
        raise TypeError(f"scalar constant: expected a 0-d value, got shape {data.shape}")
    return ScalarConstant(get_scalar_type(dtype), data[()], name=name)


# ----------------------------------------------------------------------------------
# Output type rules (Theano's names)


def _dtypes(types):
    return [t.dtype for t in types]


def upcast_out(*types):
    return (get_scalar_type(upcast(*_dtypes(types))),)


def upcast_out_nobool(*types):
    out = upcast_out(*types)
    if out[0] == bool_:
        raise TypeError("bool output not supported")
    return out


def upcast_out_min8(*types):
    out = upcast_out(*types)
    if out[0] == bool_:
        return (int8,)
    return out


def upcast_out_no_complex(*types):
    if any(t.dtype in complex_dtypes for t in types):
        raise TypeError("complex type are not supported")
    return upcast_out(*types)


def same_out(type):
    return (type,)


def same_out_nobool(type):
    if type == bool_:
        raise TypeError("bool input not supported")
    return (type,)


def same_out_min8(type):
    if type == bool_:
        return (int8,)
    return (type,)


def same_out_nocomplex(type):
    if type.dtype in complex_dtypes:
        raise TypeError("complex argument not supported")
    return (type,)


def same_out_float_only(type):
    if type.dtype not in float_dtypes:
        raise TypeError(f"only float type are supported, got {type.dtype}")
    return (type,)


_float_of_int = {
    "bool": "float32",
    "int8": "float32",
    "int16": "float32",
    "int32": "float64",
    "int64": "float64",
    "uint8": "float32",
    "uint16": "float32",
    "uint32": "float64",
    "uint64": "float64",
}


def upgrade_to_float(*types):
    """Integers become the smallest float that holds them exactly (int8 -> float32)."""
    return (get_scalar_type(upcast(*[_float_of_int.get(t.dtype, t.dtype) for t in types])),)


def upgrade_to_float_no_complex(*types):
    if any(t.dtype in complex_dtypes for t in types):
        raise TypeError("complex argument not supported")
    return upgrade_to_float(*types)


def upgrade_to_float64(*types):
    return (float64,)


def bool_out(*types):
    return (bool_,)


def int_out(*types):
    return (int64,)


def float_out(*types):
    return (float64,)


def complex_out(*types):
    return (complex128,)


def real_out(type):
    if type == complex64:
        return (float32,)
    if type == complex128:
        return (float64,)
    return (type,)


class transfer_type:
    """Output i takes the type of input ``transfer[i]`` (None: upcast of all)."""

    def __init__(self, *transfer):
        self.transfer = transfer

    def __call__(self, *types):
        return tuple(upcast_out(*types)[0] if i is None else types[i] for i in self.transfer)

    def __eq__(self, other):
        return type(self) is type(other) and self.transfer == other.transfer

    def __hash__(self):
        return hash((type(self), self.transfer))


class specific_out:
    def __init__(self, *spec):
        self.spec = spec

    def __call__(self, *types):
        return self.spec

    def __eq__(self, other):
        return type(self) is type(other) and self.spec == other.spec

    def __hash__(self):
        return hash((type(self), self.spec))


# ----------------------------------------------------------------------------------
# ScalarOp


class ScalarOp(Op):
    """An element-wise operation on scalars.

    ``impl(*arrays)`` must be vectorised (NumPy arrays in, arrays out); ``nfunc_spec``
    is ``(numpy_name, nin, nout)`` when a NumPy ufunc computes exactly this op.
    """

    nin = -1
    nout = 1
    nfunc_spec = None
    commutative = False
    associative = False
    identity = None
    __props__ = ("output_types_preference", "name")

    def __init__(self, output_types_preference=None, name=None):
        self.output_types_preference = output_types_preference
        self.name = name or type(self).__name__.lower()

    def make_node(self, *inputs):
        if self.nin >= 0 and len(inputs) != self.nin:
            raise TypeError(
                f"Wrong number of inputs for {self}.make_node (got {len(inputs)}, "
                f"expected {self.nin})"
            )
        inputs = [as_scalar(i) for i in inputs]
        outputs = [t() for t in self.output_types([i.type for i in inputs])]
        return Apply(self, inputs, outputs)

    def output_types(self, types):
        if self.output_types_preference is None:
            raise NotImplementedError(f"{type(self).__name__} has no output type rule")
        variables = self.output_types_preference(*types)
        if not isinstance(variables, (list, tuple)) or any(
            not isinstance(x, Type) for x in variables
        ):
            raise TypeError(f"output_types_preference should return a list of Types: {variables}")
        if len(variables) != self.nout:
            raise TypeError(f"{self}: expected {self.nout} output types, got {len(variables)}")
        return variables

    def perform(self, node, inputs, output_storage):
        results = self.impl(*inputs)
        if self.nout == 1:
            results = [results]
        for storage, out, value in zip(output_storage, node.outputs, results):
            storage[0] = np.asarray(value, dtype=out.type.dtype)

    def impl(self, *inputs):
        raise NotImplementedError(f"{type(self).__name__}.impl")

    def __str__(self):
        return self.name

    def __repr__(self):
        return self.name


class UnaryScalarOp(ScalarOp):
    nin = 1


class BinaryScalarOp(ScalarOp):
    nin = 2


# -- helpers shared by impls and gradients ------------------------------------------


def _float_in(x):
    """``x`` converted to the float dtype Theano computes its float functions in.

    Integers and bools become float32 (8 and 16 bits) or float64 (wider), so that
    ``exp(int8)`` is computed in float32 like Theano, not in NumPy's float16.
    """
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        return x.astype(_float_of_int[x.dtype.name])
    return x


def _floats_in(*xs):
    """``_float_in`` of each input, then all in their common dtype (compute precision)."""
    xs = [_float_in(x) for x in xs]
    dtype = np.result_type(*xs)
    return [x.astype(dtype, copy=False) for x in xs]


def _is_discrete(var):
    return var.type.dtype in discrete_dtypes


def _zero_of(x):
    """A zero gradient for ``x`` (floatX for discrete inputs, as Theano did).

    ``second(x, 0)``: it depends on ``x`` so that, lifted to tensors, it has x's shape.
    """
    dtype = x.type.dtype if x.type.dtype not in discrete_dtypes else config.floatX
    return second(x, ScalarConstant(get_scalar_type(dtype), np.asarray(0, dtype=dtype)[()]))


def _zero_grads(inputs):
    """Gradients of an op whose output is discrete: zero everywhere (locally flat)."""
    return [_zero_of(x) for x in inputs]


def _const(value, like):
    """The constant ``value`` with the dtype of the variable ``like`` (float for ints)."""
    dtype = like.type.dtype
    if dtype in discrete_dtypes:
        dtype = _float_of_int[dtype]
    return ScalarConstant(get_scalar_type(dtype), np.asarray(value, dtype=dtype)[()])


def _grad_not_implemented(op, x_pos, x, comment=""):
    """The gradient of ``op`` for input ``x_pos`` is not implemented (a NullType variable)."""
    from theano.gradient import grad_not_implemented

    return grad_not_implemented(op, x_pos, x, comment)


# -- arithmetic -------------------------------------------------------------------


class Add(ScalarOp):
    nfunc_spec = ("add", 2, 1)
    commutative = True
    associative = True
    identity = 0

    def impl(self, *inputs):
        if len(inputs) == 2:
            return np.add(inputs[0], inputs[1])
        out = inputs[0]
        for x in inputs[1:]:
            out = np.add(out, x)
        return out

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (gz,) = output_grads
        return [gz for _ in inputs]


class Mul(ScalarOp):
    nfunc_spec = ("multiply", 2, 1)
    commutative = True
    associative = True
    identity = 1

    def impl(self, *inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = np.multiply(out, x)
        return out

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (gz,) = output_grads
        grads = []
        for i in range(len(inputs)):
            others = [x for j, x in enumerate(inputs) if j != i]
            grads.append(mul(gz, *others) if others else gz)
        return grads


class Sub(BinaryScalarOp):
    nfunc_spec = ("subtract", 2, 1)

    def impl(self, x, y):
        return np.subtract(x, y)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (gz,) = output_grads
        return [gz, neg(gz)]


class TrueDiv(BinaryScalarOp):
    """``x / y``; two discrete inputs give floatX."""

    nfunc_spec = ("true_divide", 2, 1)

    def output_types(self, types):
        if all(t.dtype in discrete_dtypes for t in types):
            return [get_scalar_type(config.floatX)]
        return super().output_types(types)

    def impl(self, x, y):
        return np.true_divide(x, y)

    def L_op(self, inputs, outputs, output_grads):
        x, y = inputs
        (gz,) = output_grads
        # d/dx x/y = 1/y;  d/dy x/y = -x/y**2  (discrete inputs get zeros)
        gx = _zero_of(x) if _is_discrete(x) else true_div(gz, y)
        gy = _zero_of(y) if _is_discrete(y) else true_div(neg(mul(gz, x)), mul(y, y))
        return [gx, gy]


class IntDiv(BinaryScalarOp):
    """Floor division ``x // y`` (float inputs give a float result)."""

    nfunc_spec = ("floor_divide", 2, 1)

    def impl(self, x, y):
        return np.floor_divide(x, y)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class Mod(BinaryScalarOp):
    """``x % y`` with Python's rule: the result has the sign of ``y``."""

    nfunc_spec = ("mod", 2, 1)

    def impl(self, x, y):
        return np.mod(x, y)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        x, y = inputs
        (gz,) = output_grads
        # x % y = x - y * (x // y), and x // y is locally constant
        return [gz, neg(mul(gz, int_div(x, y)))]


class Pow(BinaryScalarOp):
    nfunc_spec = ("power", 2, 1)

    def impl(self, x, y):
        return np.power(x, y)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        x, y = inputs
        (gz,) = output_grads
        # d/dx x**y = y * x**(y-1);  d/dy x**y = log(x) * x**y, taken as 0 at x == 0
        gx = mul(mul(gz, y), pow(x, sub(y, constant(1))))
        gy = mul(gz, mul(outputs[0], log(x)))
        gy = switch(eq(x, constant(0)), _const(0, gy), gy)
        return [gx, gy]


class Maximum(BinaryScalarOp):
    nfunc_spec = ("maximum", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.maximum(x, y)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        x = inputs[0]
        (gz,) = output_grads
        # The gradient goes to the input that is the maximum (to x on ties).
        gx = mul(gz, cast(eq(outputs[0], x), gz.type.dtype))
        gy = mul(gz, cast(neq(outputs[0], x), gz.type.dtype))
        return [gx, gy]


class Minimum(BinaryScalarOp):
    nfunc_spec = ("minimum", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.minimum(x, y)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        x = inputs[0]
        (gz,) = output_grads
        # The gradient goes to the input that is the minimum (to x on ties).
        gx = mul(gz, cast(eq(outputs[0], x), gz.type.dtype))
        gy = mul(gz, cast(neq(outputs[0], x), gz.type.dtype))
        return [gx, gy]


class Clip(ScalarOp):
    """``clip(x, min, max)``: ``min`` where ``x < min``, ``max`` where ``x > max``, else ``x``.

    The gradient goes to ``x`` on the closed interval ``[min, max]`` (bounds included), to
    ``min`` below it and to ``max`` above it, as in Theano.
    """

    nin = 3

    def impl(self, x, mn, mx):
        # Not np.clip: when min > max, Theano gives min below min (np.clip gives max).
        return np.where(x < mn, mn, np.minimum(x, mx))

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        x, mn, mx = inputs
        (gz,) = output_grads
        zero = _const(0, gz)
        gx = switch(and_(ge(x, mn), le(x, mx)), gz, zero)
        gmn = switch(lt(x, mn), gz, zero)
        gmx = switch(gt(x, mx), gz, zero)
        return [gx, gmn, gmx]


class Neg(UnaryScalarOp):
    nfunc_spec = ("negative", 1, 1)

    def impl(self, x):
        return np.negative(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        return [neg(output_grads[0])]


class Abs(UnaryScalarOp):
    """``|x|``; complex inputs give the real modulus.  The gradient at 0 is 0."""

    nfunc_spec = ("absolute", 1, 1)

    def output_types(self, types):
        return real_out(types[0])

    def impl(self, x):
        return np.absolute(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (x,) = inputs
        if x.type.dtype in complex_dtypes:
            # d|z| = (a da + b db) / |z|: the gradient is z / |z|
            return [mul(output_grads[0], true_div(x, outputs[0]))]
        return [mul(output_grads[0], sgn(x))]


class Sgn(UnaryScalarOp):
    """Sign (-1, 0 or 1, nan for nan); bool and complex inputs are rejected."""

    nfunc_spec = ("sign", 1, 1)

    def output_types(self, types):
        (t,) = types
        if t.dtype == "bool":
            raise TypeError("sgn: bool input not supported")
        if t.dtype in complex_dtypes:
            raise TypeError("sgn: complex input not supported")
        return (t,)

    def impl(self, x):
        return np.sign(x)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class Sqr(UnaryScalarOp):
    nfunc_spec = ("square", 1, 1)

    def impl(self, x):
        return np.square(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (x,) = inputs
        return [mul(output_grads[0], mul(x, constant(2)))]


class Sqrt(UnaryScalarOp):
    nfunc_spec = ("sqrt", 1, 1)

    def impl(self, x):
        return np.sqrt(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        return [true_div(mul(output_grads[0], constant(0.5)), outputs[0])]


class Inv(UnaryScalarOp):
    """Reciprocal ``1 / x`` (integers give floats)."""

    nfunc_spec = ("reciprocal", 1, 1)

    def impl(self, x):
        return np.reciprocal(_float_in(x))

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        return [neg(true_div(output_grads[0], sqr(x)))]


# -- casts ----------------------------------------------------------------------------


class Identity(UnaryScalarOp):
    nfunc_spec = ("positive", 1, 1)

    def impl(self, x):
        # A copy, so that ``tensor_copy`` never aliases its input.
        return np.array(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        return [output_grads[0]]


class Cast(UnaryScalarOp):
    """Convert to ``o_type``'s dtype (``Elemwise{Cast{float32}}`` at tensor level)."""

    __props__ = ("o_type", "name")

    def __init__(self, o_type, name=None):
        super().__init__(specific_out(o_type), name=name or f"convert_to_{o_type.dtype}")
        self.o_type = o_type

    def impl(self, x):
        return np.asarray(x).astype(self.o_type.dtype)

    def __str__(self):
        return f"Cast{{{self.o_type.dtype}}}"

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        if x.type.dtype in discrete_dtypes:
            return [_zero_of(x)]
        return [cast(output_grads[0], x.type.dtype)]


_cast_ops = {}


def get_cast_op(dtype):
    op = _cast_ops.get(dtype)
    if op is None:
        op = _cast_ops[dtype] = Cast(get_scalar_type(dtype))
    return op


def cast(x, dtype):
    """Symbolic scalar cast of ``x`` to ``dtype`` (a no-op when it already has it)."""
    if dtype == "floatX":
        dtype = config.floatX
    x = as_scalar(x)
    if x.type.dtype == dtype:
        return x
    return get_cast_op(dtype)(x)


# -- comparisons and logic --------------------------------------------------------


class _Compare(BinaryScalarOp):
    def __init__(self, name=None):
        super().__init__(bool_out, name=name)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class EQ(_Compare):
    nfunc_spec = ("equal", 2, 1)
    commutative = True

    def impl(self, x, y):
        return np.equal(x, y)


class NEQ(_Compare):
    nfunc_spec = ("not_equal", 2, 1)
    commutative = True

    def impl(self, x, y):
        return np.not_equal(x, y)


class LT(_Compare):
    nfunc_spec = ("less", 2, 1)

    def impl(self, x, y):
        return np.less(x, y)


class GT(_Compare):
    nfunc_spec = ("greater", 2, 1)

    def impl(self, x, y):
        return np.greater(x, y)


class LE(_Compare):
    nfunc_spec = ("less_equal", 2, 1)

    def impl(self, x, y):
        return np.less_equal(x, y)


class GE(_Compare):
    nfunc_spec = ("greater_equal", 2, 1)

    def impl(self, x, y):
        return np.greater_equal(x, y)


class InRange(ScalarOp):
    """``low <(=) x <(=) high``, open or closed at each end (bool)."""

    nin = 3
    __props__ = ("openlow", "openhi")

    def __init__(self, openlow, openhi):
        super().__init__(bool_out, name="inopenrange" if openlow else "inclosedrange")
        self.openlow = openlow
        self.openhi = openhi

    def impl(self, x, low, hi):
        above = np.greater(x, low) if self.openlow else np.greater_equal(x, low)
        below = np.less(x, hi) if self.openhi else np.less_equal(x, hi)
        return np.logical_and(above, below)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class IsNan(UnaryScalarOp):
    nfunc_spec = ("isnan", 1, 1)

    def impl(self, x):
        return np.isnan(x)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class IsInf(UnaryScalarOp):
    nfunc_spec = ("isinf", 1, 1)

    def impl(self, x):
        return np.isinf(x)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


def _bit_out(*types):
    """Bit ops take all-bool inputs (bool result) or all-integer inputs (upcast)."""
    dtypes = [t.dtype for t in types]
    if all(d == "bool" for d in dtypes):
        return (bool_,)
    if not all(d in integer_dtypes for d in dtypes):
        raise TypeError(
            "input to a BitOp must have type (u)int8, (u)int16, (u)int32 or (u)int64 or be "
            f"all bools, got {dtypes}"
        )
    return upcast_out(*types)


class _Bitwise(BinaryScalarOp):
    def __init__(self, name=None):
        super().__init__(_bit_out, name=name)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class AND(_Bitwise):
    nfunc_spec = ("bitwise_and", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.bitwise_and(x, y)


class OR(_Bitwise):
    nfunc_spec = ("bitwise_or", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.bitwise_or(x, y)


class XOR(_Bitwise):
    nfunc_spec = ("bitwise_xor", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.bitwise_xor(x, y)


class Invert(UnaryScalarOp):
    """Bitwise not; logical not for bool."""

    nfunc_spec = ("invert", 1, 1)

    def output_types(self, types):
        return _bit_out(*types)

    def impl(self, x):
        return np.invert(x)

    def L_op(self, inputs, outputs, output_grads):
        return _zero_grads(inputs)


class Switch(ScalarOp):
    """``switch(cond, ift, iff)``: ``ift`` where ``cond`` is true, else ``iff``."""

    nin = 3
    nfunc_spec = ("where", 3, 1)

    def output_types(self, types):
        return upcast_out(types[1], types[2])

    def impl(self, cond, ift, iff):
        return np.where(cond, ift, iff)

    def L_op(self, inputs, outputs, output_grads):
        cond = inputs[0]
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        (gz,) = output_grads
        zero = _const(0, gz)
        return [_zero_of(cond), switch(cond, gz, zero), switch(cond, zero, gz)]


class Second(BinaryScalarOp):
    """``second(a, b)`` is ``b`` (broadcast to ``a``'s shape at tensor level: ``fill``)."""

    def output_types(self, types):
        return (types[1],)

    def impl(self, x, y):
        return np.broadcast_to(y, np.broadcast(x, y).shape).copy() if np.ndim(x) else y

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(inputs[0]), output_grads[0]]


# -- instances --------------------------------------------------------------------

add = Add(upcast_out, name="add")
mul = Mul(upcast_out, name="mul")
sub = Sub(upcast_out_nobool, name="sub")
true_div = TrueDiv(upcast_out, name="true_div")
int_div = IntDiv(upcast_out, name="int_div")
floor_div = int_div
mod = Mod(upcast_out, name="mod")
pow = Pow(upcast_out_min8, name="pow")
maximum = Maximum(upcast_out, name="maximum")
minimum = Minimum(upcast_out, name="minimum")
clip = Clip(upcast_out_no_complex, name="clip")
neg = Neg(same_out_nobool, name="neg")
abs_ = Abs(same_out, name="abs_")
sgn = Sgn(None, name="sgn")
sqr = Sqr(same_out, name="sqr")
sqrt = Sqrt(upgrade_to_float, name="sqrt")
inv = Inv(upgrade_to_float, name="inv")

identity = Identity(same_out, name="identity")
for _dt in all_dtypes:
    globals()[f"convert_to_{_dt}"] = get_cast_op(_dt)
del _dt

eq = EQ(name="eq")
neq = NEQ(name="neq")
lt = LT(name="lt")
gt = GT(name="gt")
le = LE(name="le")
ge = GE(name="ge")
inopenrange = InRange(True, True)
inclosedrange = InRange(False, False)
isnan = IsNan(bool_out, name="isnan")
isinf = IsInf(bool_out, name="isinf")
and_ = AND(name="and_")
or_ = OR(name="or_")
xor = XOR(name="xor")
invert = Invert(None, name="invert")
switch = Switch(None, name="switch")
second = Second(None, name="second")
LogicalComparison = _Compare


# -- the other families, re-exported so that ``theano.scalar.basic.exp`` keeps working.
# Imported last: those modules build on the base classes, type rules and ops above.

from theano.scalar.complex_numbers import *  # noqa: E402,F401,F403
from theano.scalar.elementary import *  # noqa: E402,F401,F403
from theano.scalar.elementary import log  # noqa: E402  (Pow's gradient)
