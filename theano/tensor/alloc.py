"""Creation ops: alloc, zeros/ones(_like), arange, eye, tri/tril/triu, mgrid/ogrid, tensor_copy."""

import numpy as np

from theano import scalar as scal
from theano.configparser import config
from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.scalar.basic import discrete_dtypes, integer_dtypes
from theano.tensor.basic import as_tensor_variable, cast, constant
from theano.tensor.elemwise import Elemwise
from theano.tensor.math import second
from theano.tensor.shape import _int_scalar, _static_int, _vector_entries, reshape, shape_i
from theano.tensor.type import TensorType
from theano.tensor.var import TensorVariable


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def _shape_entry(s):
    """A shape argument of an op that receives it as an input: a Python int stays an int."""
    return _static_int(s) if isinstance(s, Constant) else _int_scalar(s)


def alloc_validate_shape(shape, opname="Alloc"):
    """Shape arguments as int scalar variables, and the broadcastable pattern they imply."""
    sh = [as_tensor_variable(s) for s in shape]
    bcast = []
    for i, s in enumerate(sh):
        if s.type.dtype not in integer_dtypes:
            raise TypeError(
                f"Shape arguments to {opname} must be integers, but argument {i} is not for "
                f"apply node: {s} (dtype {s.dtype})"
            )
        if s.ndim != 0:
            raise TypeError(
                f"Each shape dimension to {opname} must be a scalar, but dimension {i} has "
                f"{s.ndim} dimensions for apply node: {s}"
            )
        bcast.append(_static_int(s) == 1)
    return sh, bcast


def _shape_list(shape):
    """``zeros``/``ones``' shape argument as a list of dimensions."""
    if isinstance(shape, TensorVariable):
        if shape.ndim == 0:
            return [shape]
        entries = _vector_entries(shape)
        if entries is None:
            from theano.tensor.basic import get_vector_length

            get_vector_length(shape)  # a ValueError naming the vector when its length is unknown
            entries = list(shape)
        return entries
    if not isinstance(shape, (list, tuple)):
        return [shape]
    return list(shape)


# ----------------------------------------------------------------------------------
# Alloc and AllocEmpty


class Alloc(Op):
    """``alloc(value, *shape)``: a new array of ``shape`` filled by broadcasting ``value``.

    The result has ``value``'s dtype.  Dimension ``i`` is broadcastable when
    ``shape[i]`` is known to be 1 when the graph is built.
    """

    __props__ = ()

    def validate_shape(self, shape):
        return alloc_validate_shape(shape)

    def make_node(self, value, *shape):
        v = as_tensor_variable(value)
        sh, bcast = alloc_validate_shape(shape)
        if v.ndim > len(sh):
            raise TypeError(
                "The Alloc value to use has more dimensions than the specified dimensions",
                v.ndim,
                len(sh),
            )
        return Apply(self, [v] + sh, [TensorType(v.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        v = inputs[0]
        sh = tuple(int(i) for i in inputs[1:])
        if np.ndim(v) == 0 and v == 0:
            out = np.zeros(sh, dtype=node.outputs[0].dtype)
        else:
            out = np.empty(sh, dtype=node.outputs[0].dtype)
            out[...] = v
        output_storage[0][0] = out

    def infer_shape(self, fgraph, node, shapes):
        return [tuple(_shape_entry(s) for s in node.inputs[1:])]

    def connection_pattern(self, node):
        return [[True]] + [[False] for _ in node.inputs[1:]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.elemwise import _sum_to_input

        # Each element of value fed every output element it was broadcast to.
        gx = _sum_to_input(output_grads[0], inputs[0])
        return [gx] + [_disconnected() for _ in inputs[1:]]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return [self(eval_points[0], *inputs[1:])]


alloc = Alloc()


class AllocEmpty(Op):
    """``AllocEmpty(dtype)(*shape)``: an uninitialised array (its values are arbitrary)."""

    __props__ = ("dtype",)

    def __init__(self, dtype):
        if not isinstance(dtype, str):
            raise TypeError(f"AllocEmpty: dtype must be a string, got {dtype!r}")
        dtype = dtype.lower()
        if dtype == "floatx":
            dtype = config.floatX
        self.dtype = dtype

    def make_node(self, *shape):
        sh, bcast = alloc_validate_shape(shape, "AllocEmpty")
        return Apply(self, sh, [TensorType(self.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.empty(tuple(int(i) for i in inputs), dtype=self.dtype)

    def infer_shape(self, fgraph, node, shapes):
        return [tuple(_shape_entry(s) for s in node.inputs)]

    def connection_pattern(self, node):
        return [[False] for _ in node.inputs]

    def L_op(self, inputs, outputs, output_grads):
        return [_disconnected() for _ in inputs]

    def do_constant_folding(self, node):
        return False


# ----------------------------------------------------------------------------------
# zeros, ones and the _like forms


def zeros(shape, dtype=None):
    """A new array of ``shape`` filled with zeros (``alloc``), dtype floatX by default.

    ``shape`` is an int, an int scalar, a list/tuple of them, or an int vector of
    known length (such as ``x.shape``).
    """
    if dtype is None:
        dtype = config.floatX
    return alloc(np.array(0, dtype=dtype), *_shape_list(shape))


def ones(shape, dtype=None):
    """A new array of ``shape`` filled with ones (``alloc``), dtype floatX by default."""
    if dtype is None:
        dtype = config.floatX
    return alloc(np.array(1, dtype=dtype), *_shape_list(shape))


def zeros_like(model, dtype=None, opt=False):
    """Zeros with the shape of ``model`` and its dtype (or ``dtype``): ``fill(model, 0)``.

    With ``opt=True`` a constant is returned when it has ``model``'s type (so
    ``model`` may not appear in the graph).
    """
    model = as_tensor_variable(model)
    if dtype is None:
        dtype = model.type.dtype
    ret = constant(0.0, dtype=dtype)
    if opt and ret.type == model.type:
        return ret
    return second(model, ret)


def ones_like(model, dtype=None, opt=False):
    """Ones with the shape of ``model`` and its dtype (or ``dtype``): ``fill(model, 1)``."""
    model = as_tensor_variable(model)
    if dtype is None:
        dtype = model.type.dtype
    ret = constant(1.0, dtype=dtype)
    if opt and ret.type == model.type:
        return ret
    return second(model, ret)


# np.copy keeps every dtype (np.positive has no bool loop).
tensor_copy = Elemwise(scal.identity, name="Elemwise{identity}", nfunc_spec=("copy", 1, 1))
tensor_copy.__doc__ = "A copy of the input with its own storage (``x.copy()``)."


# ----------------------------------------------------------------------------------
# arange


class ARange(Op):
    """``np.arange(start, stop, step)`` with a fixed output dtype."""

    __props__ = ("dtype",)

    def __init__(self, dtype):
        self.dtype = str(dtype)

    def make_node(self, start, stop, step):
        start, stop, step = (as_tensor_variable(v) for v in (start, stop, step))
        for name, v in (("start", start), ("stop", stop), ("step", step)):
            if v.ndim != 0:
                raise TypeError(f"ARange: {name} must be a scalar, got {v} of type {v.type}")
            if v.dtype.startswith("complex"):
                raise TypeError(f"ARange: {name} must be real, got dtype {v.dtype}")
        return Apply(self, [start, stop, step], [TensorType(self.dtype, (False,))()])

    def perform(self, node, inputs, output_storage):
        start, stop, step = (np.asarray(v).item() for v in inputs)
        output_storage[0][0] = np.arange(start, stop, step, dtype=self.dtype)

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import ceil, maximum, true_div

        start, stop, step = node.inputs

        def as_int64(v):
            # uint64 does not fit in int64; leave it to the upcast.
            if v.dtype in integer_dtypes and scal.upcast(v.dtype, "int64") == "int64":
                return cast(v, "int64")
            return v

        if _is_constant_value(step, 1):
            span = (
                as_int64(stop)
                if _is_constant_value(start, 0)
                else (as_int64(stop) - as_int64(start))
            )
            if span.dtype not in integer_dtypes:
                span = ceil(span)
            return [(maximum(cast(span, "int64"), 0),)]
        length = ceil(true_div(cast(as_int64(stop) - as_int64(start), "float64"), step))
        return [(maximum(cast(length, "int64"), 0),)]

    def connection_pattern(self, node):
        return [[True], [False], [True]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.reduction import sum as tsum

        start, _, step = inputs
        (gz,) = output_grads
        if self.dtype in discrete_dtypes:
            return [
                zeros_like(start, dtype=config.floatX),
                _disconnected(),
                zeros_like(step, dtype=config.floatX),
            ]
        # out[i] = start + i * step; stop only changes the length.
        n = shape_i(outputs[0], 0)
        g_start = tsum(gz)
        g_step = tsum(gz * arange(n, dtype=self.dtype))
        return [_cast_grad(g_start, start), _disconnected(), _cast_grad(g_step, step)]

    def R_op(self, inputs, eval_points):
        return [None]


def _is_constant_value(var, value):
    from theano.tensor.basic import NotScalarConstantError, get_scalar_constant_value

    try:
        return bool(get_scalar_constant_value(var) == value)
    except (NotScalarConstantError, TypeError, ValueError, NotImplementedError):
        return False


def _cast_grad(g, x):
    """``g`` in the dtype of the float input ``x`` (integer inputs keep ``g``)."""
    if x.dtype in scal.basic.continuous_dtypes and g.dtype != x.dtype:
        return cast(g, x.dtype)
    return g


def arange(start, stop=None, step=1, dtype=None):
    """Symbolic ``np.arange``: values from ``start`` to ``stop`` (excluded) by ``step``.

    With one argument it is ``stop`` (start 0).  The default dtype is the upcast of
    the three arguments' dtypes, with any signed int made int64 and unsigned uint64
    (so ``arange(5)`` and ``arange(iscalar)`` are int64, ``arange(2.5)`` float32).
    """
    if stop is None:
        start, stop = 0, start
    start, stop, step = (as_tensor_variable(v) for v in (start, stop, step))
    if dtype is None:
        dtype = scal.upcast(start.type.dtype, stop.type.dtype, step.type.dtype)
        if dtype in scal.basic.int_dtypes or dtype == "bool":
            dtype = "int64"
        if dtype in scal.basic.uint_dtypes:
            dtype = "uint64"
        if config.cast_policy == "numpy+floatX":
            natural = np.arange(
                start=np.array(0, dtype=start.dtype),
                stop=np.array(1, dtype=stop.dtype),
                step=np.array(1, dtype=step.dtype),
            ).dtype.name
            if natural != dtype:
                if (
                    config.floatX == "float32"
                    and natural == "float64"
                    and all(v.dtype != "float64" for v in (start, stop, step))
                ):
                    dtype = "float32"
                else:
                    dtype = natural
    elif dtype == "floatX":
        dtype = config.floatX
    return ARange(dtype)(start, stop, step)


class _nd_grid:
    """``mgrid[...]`` / ``ogrid[...]``: dense or open mesh grids from slices of ``arange``.

    ``T.mgrid[0:5, 0:3]`` is a list of two (5, 3) int64 matrices; ``T.ogrid`` gives
    a column and a row instead.
    """

    def __init__(self, sparse=False):
        self.sparse = sparse

    def __getitem__(self, key):
        single = isinstance(key, slice)
        slices = (key,) if single else tuple(key)
        ndim = len(slices)
        for sl in slices:
            if not isinstance(sl, slice):
                raise TypeError(f"mgrid/ogrid take slices (start:stop:step), got {sl!r}")
            if isinstance(sl.step, complex):
                raise NotImplementedError("Not implemented for slices whose step is complex")
        ranges = [arange(sl.start or 0, sl.stop, sl.step or 1) for sl in slices]
        ranges = [
            reshape(r, [1] * j + [shape_i(r, 0)] + [1] * (ndim - 1 - j), ndim=ndim)
            for j, r in enumerate(ranges)
        ]
        if self.sparse:
            grids = ranges
        else:
            ones_ = [ones_like(r) for r in ranges]
            grids = []
            for i in range(ndim):
                grid = 1
                for j in range(ndim):
                    grid = grid * (ranges[j] if j == i else ones_[j])
                grids.append(grid)
        return grids[0] if single else grids


mgrid = _nd_grid()
ogrid = _nd_grid(sparse=True)


# ----------------------------------------------------------------------------------
# eye, tri


def _check_int_scalars(opname, **args):
    out = []
    for name, v in args.items():
        v = as_tensor_variable(v)
        if v.ndim != 0 or v.dtype not in integer_dtypes:
            raise TypeError(f"{opname}: {name} must be an integer scalar, got {v} of type {v.type}")
        out.append(v)
    return out


class _SizedMatrix(Op):
    """A matrix made by a NumPy function of ``(rows, cols, k)`` (np.eye, np.tri), fixed dtype."""

    __props__ = ("dtype",)
    numpy_fn = None
    arg_names = ("n", "m", "k")  # as the user-facing function names them, for errors

    def __init__(self, dtype=None):
        if dtype is None or dtype == "floatX":
            dtype = config.floatX
        self.dtype = str(dtype)

    def make_node(self, n, m, k):
        names = self.arg_names
        n, m, k = _check_int_scalars(type(self).__name__, **dict(zip(names, (n, m, k))))
        return Apply(self, [n, m, k], [TensorType(self.dtype, (False, False))()])

    def perform(self, node, inputs, output_storage):
        n, m, k = (int(v) for v in inputs)
        output_storage[0][0] = type(self).numpy_fn(n, m, k, dtype=self.dtype)

    def infer_shape(self, fgraph, node, shapes):
        return [(_shape_entry(node.inputs[0]), _shape_entry(node.inputs[1]))]

    def connection_pattern(self, node):
        # The integer arguments only choose which entries are one.
        return [[False], [False], [False]]

    def L_op(self, inputs, outputs, output_grads):
        return [_disconnected() for _ in inputs]


class Eye(_SizedMatrix):
    """``np.eye(n, m, k)`` as an op with a fixed dtype (floatX by default)."""

    numpy_fn = staticmethod(np.eye)


def eye(n, m=None, k=0, dtype=None):
    """A matrix of ``n`` rows and ``m`` columns (default ``n``) with ones on diagonal ``k``.

    dtype floatX by default; ``n``, ``m``, ``k`` may be int scalars.
    """
    if m is None:
        m = n
    return Eye(dtype)(n, m, k)


def identity_like(x):
    """``eye`` with the shape and dtype of the matrix ``x``."""
    x = as_tensor_variable(x)
    if x.ndim != 2:
        raise TypeError(f"identity_like expects a matrix, got {x} of type {x.type}")
    return eye(shape_i(x, 0), shape_i(x, 1), k=0, dtype=x.dtype)


class Tri(_SizedMatrix):
    """``np.tri(N, M, k)``: ones at and below diagonal ``k``, zeros above."""

    numpy_fn = staticmethod(np.tri)
    arg_names = ("N", "M", "k")


def tri(N, M=None, k=0, dtype=None):
    """An ``N`` x ``M`` matrix with ones at and below diagonal ``k`` (dtype floatX by default)."""
    if M is None:
        M = N
    return Tri(dtype)(N, M, k)


def _last_two(m):
    if m.ndim == 0:
        raise TypeError(f"tril/triu expect at least one dimension, got the scalar {m}")
    rows = shape_i(m, m.ndim - 2) if m.ndim >= 2 else shape_i(m, m.ndim - 1)
    return rows, shape_i(m, m.ndim - 1)


def tril(m, k=0):
    """``m`` with the elements above diagonal ``k`` zeroed (on the last two axes)."""
    m = as_tensor_variable(m)
    rows, cols = _last_two(m)
    return m * tri(rows, cols, k=k, dtype=m.dtype)


def triu(m, k=0):
    """``m`` with the elements below diagonal ``k`` zeroed (on the last two axes)."""
    m = as_tensor_variable(m)
    rows, cols = _last_two(m)
    return m * (1 - tri(rows, cols, k=k - 1, dtype=m.dtype))
