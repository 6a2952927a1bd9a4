"""Conversion to tensors, constants, typed constructors, casts and broadcast patterns."""

import re

import numpy as np

from theano import scalar as scal
from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.scalar.basic import python_scalar_dtype
from theano.tensor.elemwise import DimShuffle, Elemwise
from theano.tensor.type import TensorType
from theano.tensor.var import TensorConstant, TensorVariable


class AsTensorError(TypeError):
    """Raised when a value cannot become a tensor variable."""


class NotScalarConstantError(Exception):
    """The variable is not a constant scalar (``get_scalar_constant_value``)."""


EmptyConstantError = NotScalarConstantError


# ----------------------------------------------------------------------------------
# Constants


def _as_ndarray(x, dtype=None):
    """Convert a Python/NumPy value to an ndarray with Theano's autocasting."""
    if dtype is not None:
        if dtype == "floatX":
            dtype = config.floatX
        return np.asarray(x, dtype=dtype)
    if isinstance(x, np.ndarray):
        return x
    if isinstance(x, (bool, int, float, complex, np.generic)):
        return np.asarray(x, dtype=python_scalar_dtype(x))
    arr = np.asarray(x)
    if arr.size == 0 and not hasattr(x, "dtype"):
        arr = np.asarray(x, dtype=config.floatX)
    return arr


def constant(x, name=None, ndim=None, dtype=None):
    """A TensorConstant holding ``x``.

    Python ints take the smallest int dtype that holds them, Python floats follow
    floatX (``cast_policy='custom'``), arrays keep their dtype.  Dimensions of
    length 1 are broadcastable.
    """
    if isinstance(x, TensorConstant) and dtype is None and ndim is None:
        return x
    cacheable = name is None and ndim is None and isinstance(x, (bool, int, float))
    if cacheable:
        key = (type(x), x, dtype, config.floatX, config.cast_policy)
        cached = _constant_cache.get(key)
        if cached is not None:
            return cached
    if isinstance(x, Constant):
        x = x.data
    arr = _as_ndarray(x, dtype)
    if arr.dtype.kind in "OUSV":
        raise AsTensorError(f"Cannot make a tensor constant of {x!r} (dtype {arr.dtype})")
    if ndim is not None and arr.ndim != ndim:
        if arr.ndim > ndim:
            lead = arr.ndim - ndim
            if all(s == 1 for s in arr.shape[:lead]):
                arr = arr.reshape(arr.shape[lead:])
            else:
                raise ValueError(f"Cannot make a {ndim}-d constant of shape {arr.shape}")
        else:
            arr = arr.reshape((1,) * (ndim - arr.ndim) + arr.shape)
    if arr.dtype.name not in scal.basic.all_dtypes:
        if arr.dtype.kind == "f":
            arr = arr.astype("float64")
        else:
            raise AsTensorError(f"Unsupported dtype for a constant: {arr.dtype}")
    bcast = tuple(s == 1 for s in arr.shape)
    ttype = TensorType(arr.dtype.name, bcast)
    const = TensorConstant(ttype, arr, name=name)
    if cacheable and len(_constant_cache) < 10000:
        # Python scalars reuse one constant, as Theano did (one id in debugprint).
        _constant_cache[key] = const
    return const


_constant_cache = {}


def as_tensor_variable(x, name=None, ndim=None):
    """Return ``x`` as a TensorVariable: variables pass through, values become constants.

    Lists and tuples containing symbolic variables are stacked.  Raises AsTensorError
    (a TypeError) for values that cannot be tensors.
    """
    if isinstance(x, Variable) and isinstance(x.type, TensorType):
        var = x
    elif isinstance(x, Apply):
        return as_tensor_variable(x.default_output(), name, ndim)
    elif isinstance(x, Variable):
        if isinstance(x.type, scal.ScalarType):
            var = tensor_from_scalar(x)
        elif hasattr(x, "_as_TensorVariable"):
            var = x._as_TensorVariable()
        else:
            raise AsTensorError(
                f"Cannot convert {x} of type {x.type} to TensorType; it is not a tensor."
            )
    elif hasattr(x, "_as_TensorVariable"):
        var = x._as_TensorVariable()
    elif isinstance(x, (list, tuple)) and any(isinstance(e, Variable) for e in _flatten(x)):
        from theano.tensor.join import stack

        var = stack([as_tensor_variable(e) for e in x])
    else:
        try:
            var = constant(x, name=name)
        except (TypeError, ValueError) as e:
            raise AsTensorError(
                f"Cannot convert {x!r} (Python {type(x).__name__}) to a tensor variable: {e}"
            ) from None
    if ndim is not None and var.ndim != ndim:
        if var.ndim > ndim:
            lead = var.ndim - ndim
            if all(var.broadcastable[:lead]):
                var = DimShuffle(var.broadcastable, list(range(lead, var.ndim)))(var)
            else:
                raise ValueError(
                    f"Cannot convert {var} to a {ndim}-d tensor: it has {var.ndim} dimensions "
                    f"with broadcastable pattern {var.broadcastable}"
                )
        else:
            raise ValueError(f"{var} has {var.ndim} dimensions, expected {ndim}")
    return var


as_tensor = as_tensor_variable


def _flatten(x):
    for e in x:
        if isinstance(e, (list, tuple)):
            yield from _flatten(e)
        else:
            yield e


# ----------------------------------------------------------------------------------
# Constructors: T.scalar, T.fmatrix, T.dtensor3s ...

_prefix_dtype = {
    "b": "int8",
    "w": "int16",
    "i": "int32",
    "l": "int64",
    "f": "float32",
    "d": "float64",
    "c": "complex64",
    "z": "complex128",
}

_rank_patterns = {
    "scalar": (),
    "vector": (False,),
    "row": (True, False),
    "col": (False, True),
    "matrix": (False, False),
    "tensor3": (False,) * 3,
    "tensor4": (False,) * 4,
    "tensor5": (False,) * 5,
    "tensor6": (False,) * 6,
    "tensor7": (False,) * 7,
}


def tensor(*args, **kwargs):
    """``T.tensor(dtype, broadcastable, name=None)``: a new input variable of that type."""
    name = kwargs.pop("name", None)
    return TensorType(*args, **kwargs)(name)


def _make_constructor(kind, fixed_dtype):
    """``T.matrix`` (floatX, a function) or ``T.dmatrix`` (a TensorType, as in Theano)."""
    pattern = _rank_patterns[kind]
    if fixed_dtype is not None:
        return TensorType(fixed_dtype, pattern)

    def constructor(name=None, dtype=None):
        if dtype is None:
            dtype = config.floatX
        var = TensorType(dtype, pattern)(name)
        return var

    constructor.__name__ = kind
    constructor.__doc__ = (
        f"A symbolic {kind} of dtype ``dtype`` (default config.floatX), broadcastable "
        f"{pattern}; ``name`` names the variable."
    )
    return constructor


_dtype_prefix = {v: k for k, v in _prefix_dtype.items()}


def _make_plural(single, name):
    def plural(*names, **kwargs):
        dtype = kwargs.get("dtype")

        def make(n=None):
            return single(n, dtype=dtype) if dtype is not None else single(n)

        if len(names) == 1 and isinstance(names[0], int):
            return [make() for _ in range(names[0])]
        if len(names) == 1 and isinstance(names[0], str):
            parts = [p for p in re.split(r"[,\s]+", names[0]) if p]
            if len(parts) == 1:
                return make(parts[0])
            names = parts
        return [make(n) for n in names]

    plural.__name__ = name
    plural.__doc__ = f"Several {name[:-1]} variables: one per name, or ``n`` of them."
    return plural


_constructors = {}
for _kind in _rank_patterns:
    _constructors[_kind] = _make_constructor(_kind, None)
    for _p, _dt in _prefix_dtype.items():
        _constructors[_p + _kind] = _make_constructor(_kind, _dt)
for _name in list(_constructors):
    _plural = _name[:-2] + "ices" if _name.endswith("matrix") else _name + "s"
    _constructors[_plural] = _make_plural(_constructors[_name], _plural)
globals().update(_constructors)
__constructors__ = sorted(_constructors)


# ----------------------------------------------------------------------------------
# Scalar <-> tensor


class TensorFromScalar(Op):
    __props__ = ()

    def make_node(self, s):
        if not isinstance(s.type, scal.ScalarType):
            raise TypeError(f"TensorFromScalar expects a scalar variable, got {s.type}")
        return Apply(self, [s], [TensorType(s.type.dtype, ())()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(inputs[0], dtype=node.outputs[0].type.dtype)

    def infer_shape(self, fgraph, node, shapes):
        return [()]

    def L_op(self, inputs, outputs, output_grads):
        return [scalar_from_tensor(output_grads[0])]


class ScalarFromTensor(Op):
    __props__ = ()

    def make_node(self, t):
        t = as_tensor_variable(t)
        if t.ndim != 0:
            raise TypeError(f"ScalarFromTensor expects a 0-d tensor, got {t.type}")
        return Apply(self, [t], [scal.get_scalar_type(t.type.dtype)()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(inputs[0]).item()

    def L_op(self, inputs, outputs, output_grads):
        return [tensor_from_scalar(output_grads[0])]


tensor_from_scalar = TensorFromScalar()
scalar_from_tensor = ScalarFromTensor()


# ----------------------------------------------------------------------------------
# Casting


def cast(x, dtype):
    """Symbolically cast ``x`` to ``dtype`` ('floatX' allowed); a no-op if already so."""
    if dtype == "floatX":
        dtype = config.floatX
    x = as_tensor_variable(x)
    if isinstance(dtype, np.dtype):
        dtype = dtype.name
    dtype = str(dtype)
    if dtype not in scal.basic.all_dtypes:
        raise TypeError(f"cast: unsupported dtype {dtype!r}")
    if x.dtype == dtype:
        return x
    if x.dtype.startswith("complex") and not dtype.startswith("complex"):
        raise TypeError(
            "Casting from complex to real is ambiguous: consider real(), imag(), angle() or "
            "abs()"
        )
    return _cast_elemwise(dtype)(x)


_cast_elemwises = {}


def _cast_elemwise(dtype):
    op = _cast_elemwises.get(dtype)
    if op is None:
        op = _cast_elemwises[dtype] = Elemwise(scal.basic.get_cast_op(dtype))
    return op


def _conversion(dtype):
    def convert(x):
        return cast(x, dtype)

    convert.__name__ = f"_convert_to_{dtype}"
    return convert


for _dt in scal.basic.all_dtypes:
    globals()[f"_convert_to_{_dt}"] = _conversion(_dt)


# ----------------------------------------------------------------------------------
# Broadcast patterns


class Rebroadcast(Op):
    """Change the broadcastable flags of some axes (checked at run time)."""

    __props__ = ("axis",)
    view_map = {0: [0]}

    def __init__(self, *axis):
        self.axis = tuple(sorted((int(a), bool(b)) for a, b in dict(axis).items()))

    def make_node(self, x):
        x = as_tensor_variable(x)
        bcast = list(x.broadcastable)
        for a, b in self.axis:
            if a >= x.ndim:
                raise ValueError(f"Rebroadcast: axis {a} is out of range for {x.ndim}-d input")
            bcast[a] = b
        return Apply(self, [x], [TensorType(x.dtype, bcast)()])

    def __str__(self):
        flags = dict(self.axis)
        n = max(flags) + 1 if flags else 0
        items = ",".join(
            "?" if i not in flags else ("1" if flags[i] else "0") for i in range(n)
        )
        return f"Rebroadcast{{{items}}}"

    def perform(self, node, inputs, output_storage):
        (x,) = inputs
        for a, b in self.axis:
            if b and x.shape[a] != 1:
                raise ValueError(
                    f"Dimension {a} in Rebroadcast's input was supposed to be 1 (got "
                    f"{x.shape[a]} instead)"
                )
        output_storage[0][0] = x

    def infer_shape(self, fgraph, node, shapes):
        shp = list(shapes[0])
        for a, b in self.axis:
            if b:
                shp[a] = 1
        return [tuple(shp)]

    def L_op(self, inputs, outputs, output_grads):
        (x,) = inputs
        (gz,) = output_grads
        return [patternbroadcast(gz, x.broadcastable)]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return [self(eval_points[0])]


def patternbroadcast(x, broadcastable):
    """Make ``x``'s broadcastable pattern exactly ``broadcastable``."""
    x = as_tensor_variable(x)
    broadcastable = tuple(bool(b) for b in broadcastable)
    if len(broadcastable) != x.ndim:
        raise ValueError(
            f"patternbroadcast: pattern {broadcastable} has {len(broadcastable)} entries but "
            f"the variable has {x.ndim} dimensions"
        )
    changes = [(i, b) for i, b in enumerate(broadcastable) if x.broadcastable[i] != b]
    if not changes:
        return x
    return Rebroadcast(*changes)(x)


def addbroadcast(x, *axes):
    """Mark ``axes`` of ``x`` broadcastable (their length must be 1 at run time)."""
    x = as_tensor_variable(x)
    pattern = list(x.broadcastable)
    for a in axes:
        pattern[a] = True
    return patternbroadcast(x, pattern)


def unbroadcast(x, *axes):
    """Mark ``axes`` of ``x`` not broadcastable."""
    x = as_tensor_variable(x)
    pattern = list(x.broadcastable)
    for a in axes:
        pattern[a] = False
    return patternbroadcast(x, pattern)


# ----------------------------------------------------------------------------------
# Constant values


def get_scalar_constant_value(v, elemwise=True, only_process_constants=False):
    """The Python scalar a constant-valued graph evaluates to, else NotScalarConstantError."""
    seen = 0
    while True:
        seen += 1
        if isinstance(v, (int, float, complex, np.number, np.bool_)):
            return np.asarray(v)
        if isinstance(v, np.ndarray):
            if v.size == 1 or (v.ndim and np.all(v == v.flat[0])):
                return np.asarray(v.flat[0])
            raise NotScalarConstantError(v)
        if isinstance(v, Constant):
            data = v.data
            if isinstance(data, np.ndarray) and data.size > 0:
                flat = data.reshape(-1)
                if data.size == 1 or np.all(flat == flat[0]):
                    return np.asarray(flat[0])
            elif not isinstance(data, np.ndarray):
                return np.asarray(data)
            raise NotScalarConstantError(v)
        if only_process_constants or v.owner is None:
            raise NotScalarConstantError(v)
        op = v.owner.op
        if isinstance(op, (Rebroadcast, TensorFromScalar, ScalarFromTensor, DimShuffle)):
            v = v.owner.inputs[0]
            continue
        if elemwise and isinstance(op, Elemwise) and len(v.owner.outputs) == 1:
            if isinstance(op.scalar_op, scal.basic.Second):
                v = v.owner.inputs[1]
                continue
            if isinstance(op.scalar_op, scal.basic.Cast):
                val = get_scalar_constant_value(v.owner.inputs[0], elemwise)
                return np.asarray(val).astype(op.scalar_op.o_type.dtype)
            args = [get_scalar_constant_value(i, elemwise) for i in v.owner.inputs]
            return np.asarray(op.scalar_op.impl(*args)).astype(v.dtype)
        from theano.tensor.shape import Shape_i

        if isinstance(op, Shape_i):
            bc = v.owner.inputs[0].broadcastable
            if bc[op.i]:
                return np.asarray(1, dtype="int64")
        raise NotScalarConstantError(v)


def get_vector_length(v):
    """The static length of a 1-d variable, else ValueError."""
    v = as_tensor_variable(v)
    if v.ndim != 1:
        raise TypeError(f"argument must be symbolic vector, got {v.type}")
    if v.broadcastable[0]:
        return 1
    if isinstance(v, Constant):
        return len(v.data)
    owner = v.owner
    if owner is not None:
        from theano.tensor.shape import Shape

        if isinstance(owner.op, Shape):
            return owner.inputs[0].ndim
        length = getattr(owner.op, "static_vector_length", None)
        if length is not None:
            n = length(owner)
            if n is not None:
                return n
    raise ValueError(f"length not known: {v}")
