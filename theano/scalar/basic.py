"""Scalar types and scalar ops: the vocabulary of element-wise math.

Each op holds its NumPy meaning (``impl``, vectorised: it must accept arrays),
``nfunc_spec`` naming the NumPy ufunc backends can call directly, its output
type rule, and its gradient.  ``theano.tensor.elemwise.Elemwise`` lifts every
one of them to tensors.
"""

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
    if isinstance(x, complex):
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
        if not allow_downcast and np.any(converted != np.asarray(data)):
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

    def __pow__(self, other):
        return pow(self, other)

    def __neg__(self):
        return neg(self)

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
    if isinstance(x, Variable):
        if isinstance(x.type, ScalarType):
            return x
        raise TypeError(f"Cannot convert {x} to a scalar variable")
    return constant(x)


def constant(x, name=None):
    dtype = python_scalar_dtype(x) if not isinstance(x, np.ndarray) else x.dtype.name
    return ScalarConstant(get_scalar_type(dtype), x, name=name)


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


def _zero_of(x):
    """A zero gradient for ``x`` (float64 for discrete inputs, as Theano did)."""
    dtype = x.type.dtype if x.type.dtype not in discrete_dtypes else config.floatX
    return ScalarConstant(get_scalar_type(dtype), 0)


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
        (gz,) = output_grads
        return [gz, neg(gz)]


class TrueDiv(BinaryScalarOp):
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
        return [true_div(gz, y), neg(true_div(mul(gz, x), mul(y, y)))]


class IntDiv(BinaryScalarOp):
    nfunc_spec = ("floor_divide", 2, 1)

    def impl(self, x, y):
        return np.floor_divide(x, y)

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(x) for x in inputs]


class Mod(BinaryScalarOp):
    nfunc_spec = ("mod", 2, 1)

    def impl(self, x, y):
        return np.mod(x, y)

    def L_op(self, inputs, outputs, output_grads):
        x, y = inputs
        (gz,) = output_grads
        return [gz, neg(mul(gz, int_div(x, y)))]


class Pow(BinaryScalarOp):
    nfunc_spec = ("power", 2, 1)

    def impl(self, x, y):
        return np.power(x, y)

    def L_op(self, inputs, outputs, output_grads):
        x, y = inputs
        (gz,) = output_grads
        gx = mul(gz, mul(y, pow(x, sub(y, constant(1)))))
        gy = mul(gz, mul(outputs[0], log(x)))
        return [gx, gy]


class Maximum(BinaryScalarOp):
    nfunc_spec = ("maximum", 2, 1)
    commutative = True
    associative = True

    def impl(self, x, y):
        return np.maximum(x, y)

    def L_op(self, inputs, outputs, output_grads):
        x, y = inputs
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
        x, y = inputs
        (gz,) = output_grads
        gx = mul(gz, cast(eq(outputs[0], x), gz.type.dtype))
        gy = mul(gz, cast(neq(outputs[0], x), gz.type.dtype))
        return [gx, gy]


class Neg(UnaryScalarOp):
    nfunc_spec = ("negative", 1, 1)

    def impl(self, x):
        return np.negative(x)

    def L_op(self, inputs, outputs, output_grads):
        return [neg(output_grads[0])]


class Abs(UnaryScalarOp):
    nfunc_spec = ("absolute", 1, 1)

    def output_types(self, types):
        return real_out(types[0])

    def impl(self, x):
        return np.absolute(x)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        return [mul(output_grads[0], sgn(x))]


class Sgn(UnaryScalarOp):
    nfunc_spec = ("sign", 1, 1)

    def impl(self, x):
        return np.sign(x)

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(inputs[0])]


class Sqr(UnaryScalarOp):
    nfunc_spec = ("square", 1, 1)

    def impl(self, x):
        return np.square(x)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        return [mul(output_grads[0], mul(x, constant(2)))]


class Sqrt(UnaryScalarOp):
    nfunc_spec = ("sqrt", 1, 1)

    def impl(self, x):
        return np.sqrt(x)

    def L_op(self, inputs, outputs, output_grads):
        return [true_div(mul(output_grads[0], constant(0.5)), outputs[0])]


class Inv(UnaryScalarOp):
    nfunc_spec = ("reciprocal", 1, 1)

    def impl(self, x):
        return np.reciprocal(x)

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        return [neg(true_div(output_grads[0], sqr(x)))]


class Exp(UnaryScalarOp):
    nfunc_spec = ("exp", 1, 1)

    def impl(self, x):
        return np.exp(x)

    def L_op(self, inputs, outputs, output_grads):
        # d/dx e**x = e**x: reuse the output
        return [mul(output_grads[0], outputs[0])]


class Log(UnaryScalarOp):
    nfunc_spec = ("log", 1, 1)

    def impl(self, x):
        return np.log(x)

    def L_op(self, inputs, outputs, output_grads):
        return [true_div(output_grads[0], inputs[0])]


class Tanh(UnaryScalarOp):
    nfunc_spec = ("tanh", 1, 1)

    def impl(self, x):
        return np.tanh(x)

    def L_op(self, inputs, outputs, output_grads):
        (z,) = outputs
        return [mul(output_grads[0], sub(constant(1), sqr(z)))]


class Identity(UnaryScalarOp):
    nfunc_spec = ("positive", 1, 1)

    def impl(self, x):
        return x

    def L_op(self, inputs, outputs, output_grads):
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
    x = as_scalar(x)
    if x.type.dtype == dtype:
        return x
    return get_cast_op(dtype)(x)


# -- comparisons and logic --------------------------------------------------------


class _Compare(BinaryScalarOp):
    def __init__(self, name=None):
        super().__init__(bool_out, name=name)

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(x) for x in inputs]


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


class _Bitwise(BinaryScalarOp):
    def __init__(self, name=None):
        super().__init__(upcast_out, name=name)

    def output_types(self, types):
        if any(t.dtype not in discrete_dtypes for t in types):
            raise TypeError(f"{self.name} only works on integer and boolean inputs, got "
                            f"{[t.dtype for t in types]}")
        return super().output_types(types)

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(x) for x in inputs]


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
    nfunc_spec = ("invert", 1, 1)

    def output_types(self, types):
        if types[0].dtype not in discrete_dtypes:
            raise TypeError(f"invert only works on integer and boolean inputs, got {types[0]}")
        return (types[0],)

    def impl(self, x):
        return np.invert(x)

    def L_op(self, inputs, outputs, output_grads):
        return [_zero_of(inputs[0])]


class Switch(ScalarOp):
    """``switch(cond, ift, iff)``: ``ift`` where ``cond`` is true, else ``iff``."""

    nin = 3
    nfunc_spec = ("where", 3, 1)

    def output_types(self, types):
        return upcast_out(types[1], types[2])

    def impl(self, cond, ift, iff):
        return np.where(cond, ift, iff)

    def L_op(self, inputs, outputs, output_grads):
        cond, ift, iff = inputs
        (gz,) = output_grads
        zero = ScalarConstant(get_scalar_type(gz.type.dtype), 0)
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
mod = Mod(upcast_out_no_complex, name="mod")
pow = Pow(upcast_out_min8, name="pow")
maximum = Maximum(upcast_out, name="maximum")
minimum = Minimum(upcast_out, name="minimum")
neg = Neg(same_out_nobool, name="neg")
abs_ = Abs(same_out, name="abs_")
sgn = Sgn(same_out_nocomplex, name="sgn")
sqr = Sqr(same_out, name="sqr")
sqrt = Sqrt(upgrade_to_float, name="sqrt")
inv = Inv(upgrade_to_float, name="inv")
exp = Exp(upgrade_to_float, name="exp")
log = Log(upgrade_to_float, name="log")
tanh = Tanh(upgrade_to_float, name="tanh")
identity = Identity(same_out, name="identity")
eq = EQ(name="eq")
neq = NEQ(name="neq")
lt = LT(name="lt")
gt = GT(name="gt")
le = LE(name="le")
ge = GE(name="ge")
and_ = AND(name="and_")
or_ = OR(name="or_")
xor = XOR(name="xor")
invert = Invert(same_out, name="invert")
switch = Switch(None, name="switch")
second = Second(None, name="second")
LogicalComparison = _Compare
