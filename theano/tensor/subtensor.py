"""Indexing: ``x[...]``, basic slicing (Subtensor), take, set_subtensor/inc_subtensor.

The advanced indexing ops (integer arrays, boolean masks) live in
``theano.tensor.subtensor_advanced`` and the slice and None types in
``theano.tensor.type_other``; both are re-exported here.
"""

import operator

import numpy as np

from theano import scalar as scal
from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.tensor import math as tmath
from theano.tensor.basic import (
    NotScalarConstantError,
    Rebroadcast,
    addbroadcast,
    as_tensor_variable,
    cast,
    constant,
    get_scalar_constant_value,
    patternbroadcast,
    scalar_from_tensor,
    tensor_from_scalar,
)
from theano.tensor.elemwise import DimShuffle
from theano.tensor.type import TensorType
from theano.tensor.type_other import (
    MakeSlice,
    NoneConst,
    NoneTypeT,
    SliceConstant,
    SliceType,
    _is_none_var,
    make_slice,
    slicetype,  # noqa: F401  (theano.tensor.subtensor.slicetype)
)

__all__ = [
    "AdvancedIndexingError",
    "AdvancedBooleanIndexingError",
    "SliceType",
    "SliceConstant",
    "NoneTypeT",
    "NoneConst",
    "MakeSlice",
    "make_slice",
    "as_index_variable",
    "get_canonical_form_slice",
    "get_idx_list",
    "Subtensor",
    "IncSubtensor",
    "AdvancedSubtensor1",
    "AdvancedIncSubtensor1",
    "BaseAdvancedSubtensor",
    "BaseAdvancedIncSubtensor",
    "AdvancedSubtensor",
    "AdvancedIncSubtensor",
    "AdvancedBooleanSubtensor",
    "AdvancedBooleanIncSubtensor",
    "advanced_subtensor1",
    "advanced_inc_subtensor1",
    "advanced_set_subtensor1",
    "advanced_subtensor",
    "advanced_inc_subtensor",
    "advanced_set_subtensor",
    "advanced_boolean_subtensor",
    "advanced_boolean_inc_subtensor",
    "advanced_boolean_set_subtensor",
    "adv_index_broadcastable_pattern",
    "add_at_rows",
    "set_subtensor",
    "inc_subtensor",
    "take",
]

_int_dtypes = scal.basic.integer_dtypes


class AdvancedIndexingError(TypeError):
    """An index needs advanced (integer array) indexing, not Subtensor."""


class AdvancedBooleanIndexingError(TypeError):
    """An index is a boolean mask."""


def _int64_const(value):
    return scal.ScalarConstant(scal.int64, int(value))


# ----------------------------------------------------------------------------------
# Integer arithmetic on Python ints or symbolic scalars (shapes, slice bounds)


def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _const_int(v):
    """``v`` as a Python int when it is constant (int, constant variable), else ``v``."""
    if _is_int(v):
        return int(v)
    if isinstance(v, Constant) and not isinstance(v.type, (SliceType, NoneTypeT)):
        data = np.asarray(v.data)
        if data.ndim == 0 and data.dtype.kind in "iu":
            return int(data)
    return v


def _sym(v):
    if isinstance(v, Variable) and isinstance(v.type, scal.ScalarType):
        return tensor_from_scalar(v)
    return v


def _int_op(python_op, name, neutral=None):
    """A binary op on shape arithmetic: folded on Python ints, else the tensor op ``name``."""

    def apply(a, b):
        if _is_int(a) and _is_int(b):
            return python_op(a, b)
        if neutral is not None and _is_int(b) and b == neutral:
            return a
        return getattr(tmath, name)(_sym(a), _sym(b))

    return apply


_add = _int_op(operator.add, "add", 0)
_sub = _int_op(operator.sub, "sub", 0)
_mul = _int_op(operator.mul, "mul", 1)
_floordiv = _int_op(operator.floordiv, "int_div", 1)
_lt = _int_op(operator.lt, "lt")
_maximum = _int_op(max, "maximum")
_minimum = _int_op(min, "minimum")


def _switch(cond, a, b):
    if isinstance(cond, (bool, np.bool_)):
        return a if cond else b
    return tmath.switch(cond, _sym(a), _sym(b))


def _as_int64(v):
    """A shape entry: a Python int, or an int64 scalar tensor."""
    v = _const_int(v)
    if _is_int(v):
        return v
    v = _sym(v)
    return v if v.dtype == "int64" else cast(v, "int64")


def _bound(v, n, lo, hi):
    # Python's rule for one slice bound: negative counts from the end, then clip.
    v = _const_int(v)
    if _is_int(v):
        v = _add(v, n) if v < 0 else v
    else:
        v = _switch(_lt(v, 0), _add(v, n), v)
    return _minimum(_maximum(v, lo), hi)


def _slice_length(n, start, stop, step):
    """The length of ``range(n)[start:stop:step]`` for Python ints or symbolic scalars."""
    n = _const_int(n)
    start, stop, step = _const_int(start), _const_int(stop), _const_int(step)
    if all(_is_int(v) or v is None for v in (n, start, stop, step)):
        return len(range(n)[slice(start, stop, step)])
    step = 1 if step is None else step

    def forward(step):
        s = 0 if start is None else _bound(start, n, 0, n)
        e = n if stop is None else _bound(stop, n, 0, n)
        return _maximum(_floordiv(_add(_sub(e, s), _sub(step, 1)), step), 0)

    def backward(step):
        s = _sub(n, 1) if start is None else _bound(start, n, -1, _sub(n, 1))
        e = -1 if stop is None else _bound(stop, n, -1, _sub(n, 1))
        neg = _mul(step, -1)
        return _maximum(_floordiv(_add(_sub(s, e), _sub(neg, 1)), neg), 0)

    if _is_int(step):
        if step == 0:
            raise ValueError("slice step cannot be zero")
        return forward(step) if step > 0 else backward(step)
    return _switch(_lt(0, step), forward(step), backward(step))


def get_canonical_form_slice(theslice, length):
    """Canonical form of an index on an axis of ``length``.

    For a slice, returns ``(slice(start, stop, step), direction)`` with
    ``0 <= start <= stop <= length`` and ``step > 0`` such that ``x[theslice]``
    equals ``x[canonical][::direction]``.  For an integer, returns
    ``(non-negative index, 1)``.  Works on Python ints and symbolic scalars.
    """
    if not isinstance(theslice, slice):
        i = _const_int(theslice)
        return _switch(_lt(i, 0), _add(i, length), i), 1
    start, stop, step = (_const_int(v) for v in (theslice.start, theslice.stop, theslice.step))
    n = _const_int(length)
    if all(_is_int(v) or v is None for v in (n, start, stop, step)):
        r = range(n)[slice(start, stop, step)]
        if not r:
            return slice(0, 0, 1), 1
        if r.step > 0:
            return slice(r.start, r[-1] + 1, r.step), 1
        return slice(r[-1], r[0] + 1, -r.step), -1
    step = 1 if step is None else step
    size = _slice_length(n, start, stop, step)

    def forward():
        s = 0 if start is None else _bound(start, n, 0, n)
        e = n if stop is None else _bound(stop, n, 0, n)
        return s, _maximum(e, s), step

    def backward():
        first = _sub(n, 1) if start is None else _bound(start, n, -1, _sub(n, 1))
        last = _add(first, _mul(step, _sub(size, 1)))
        nonempty = _lt(0, size)
        return (_switch(nonempty, last, 0), _switch(nonempty, _add(first, 1), 0),
                _mul(step, -1))

    if _is_int(step):
        if step > 0:
            return slice(*forward()), 1
        return slice(*backward()), -1
    positive = _lt(0, step)
    parts = [_switch(positive, f, b) for f, b in zip(forward(), backward())]
    return slice(*parts), _switch(positive, 1, -1)


# ----------------------------------------------------------------------------------
# Basic indexing: Subtensor


def _convert_entry(entry):
    """Subtensor's template for one index entry: a ScalarType, a slice of them, or None."""
    if entry is None:
        return None
    if isinstance(entry, slice):
        return slice(_convert_entry(entry.start), _convert_entry(entry.stop),
                     _convert_entry(entry.step))
    if isinstance(entry, scal.ScalarType):
        if entry.dtype not in _int_dtypes:
            raise TypeError(f"Subtensor: index type {entry} is not an integer type")
        return entry
    if isinstance(entry, Variable):
        t = entry.type
        if (isinstance(t, scal.ScalarType) or (isinstance(t, TensorType) and t.ndim == 0)) and (
            t.dtype in _int_dtypes
        ):
            return scal.get_scalar_type(t.dtype)
        raise TypeError(f"Subtensor: index {entry} of type {t} is not an integer scalar")
    raise TypeError(
        f"Subtensor: idx_list entries must be scalar types or slices of them, got {entry!r}"
    )


def _hashable(idx_list):
    return tuple(
        ("slice", e.start, e.stop, e.step) if isinstance(e, slice) else e for e in idx_list
    )


def _entry_str(e):
    if isinstance(e, slice):
        return ":".join("" if p is None else str(p) for p in (e.start, e.stop, e.step))
    return str(e)


def get_idx_list(inputs, idx_list):
    """``idx_list`` with its scalar types replaced by the matching ``inputs`` (in order)."""
    it = iter(inputs)
    out = []
    for e in idx_list:
        if isinstance(e, slice):
            out.append(
                slice(*[None if p is None else next(it) for p in (e.start, e.stop, e.step)])
            )
        else:
            out.append(next(it))
    return out


def _as_scalar_index(v):
    if isinstance(v, Variable):
        if isinstance(v.type, scal.ScalarType):
            return v
        v = as_tensor_variable(v)
        if v.ndim != 0:
            raise TypeError(f"Subtensor: index input {v} must be a scalar, got {v.type}")
        return scalar_from_tensor(v)
    if _is_int(v):
        return _int64_const(v)
    raise TypeError(f"Subtensor: index input {v!r} must be an integer scalar")


def _check_view_broadcastable(p, x_bcast):
    """Broadcastable flag of a sliced axis (Theano's rule: provably kept length 1)."""
    if not x_bcast:
        return False
    start, stop, step = (_const_int(v) for v in (p.start, p.stop, p.step))
    if _is_int(step) and step < 0 and stop is not None:
        return False
    if start is not None and not (_is_int(start) and start == 0):
        return False
    return stop is None or (_is_int(stop) and stop > 0)


def _zeros_like(x, dtype=None):
    # Theano's zeros_like: fill(x, 0) with x's dtype (second broadcasts 0 to x's shape).
    from theano.tensor.math import second

    return second(x, constant(0.0, dtype=dtype or x.dtype))


def _sum_grad_over_bcasted_dims(y, gy):
    """Sum ``gy`` (shaped like the indexed region) down to ``y``'s type."""
    if gy.broadcastable == y.broadcastable:
        return gy
    from theano.tensor.reduction import sum as tsum

    added = gy.ndim - y.ndim
    y_bcast = (True,) * added + y.broadcastable
    axes = [k for k in range(gy.ndim) if y_bcast[k] and not gy.broadcastable[k]]
    if axes:
        gy = tsum(gy, axis=axes, keepdims=True)
    if added:
        gy = gy.dimshuffle(*range(added, gy.ndim))
    if gy.broadcastable != y.broadcastable:
        gy = patternbroadcast(gy, y.broadcastable)
    return gy


def _cast_grad(g, like):
    if like.dtype in scal.basic.continuous_dtypes and g.dtype != like.dtype:
        return cast(g, like.dtype)
    return g


class _ReadIndexOp(Op):
    """Shared by the ops reading ``x[index]``: inputs ``(x, *index)``.

    The gradient scatters ``gz`` into zeros shaped like ``x`` with the matching
    increment op (``self._inc_op()``); the index inputs are disconnected.
    """

    def connection_pattern(self, node):
        return [[True]] + [[False] for _ in node.inputs[1:]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        x, index = inputs[0], inputs[1:]
        if x.dtype in scal.basic.discrete_dtypes:
            gx = _zeros_like(x, config.floatX)
        else:
            gx = self._inc_op()(_zeros_like(x), output_grads[0], *index)
        return [gx] + [DisconnectedType()() for _ in index]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return self.make_node(eval_points[0], *inputs[1:]).outputs


class _IncIndexOp(Op):
    """Shared by the ops updating ``x[index]`` with ``y``: inputs ``(x, y, *index)``.

    Subclasses give ``_read_op()`` (the matching read op) and ``_set_op()``.
    """

    def __init__(self, inplace=False, set_instead_of_inc=False):
        self.inplace = bool(inplace)
        self.set_instead_of_inc = bool(set_instead_of_inc)
        self.destroy_map = {0: [0]} if self.inplace else {}

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def connection_pattern(self, node):
        return [[True], [True]] + [[False] for _ in node.inputs[2:]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType

        (gz,) = output_grads
        x, y, index = inputs[0], inputs[1], inputs[2:]
        if x.dtype in scal.basic.discrete_dtypes:
            gx = _zeros_like(x, config.floatX)
            gy = _zeros_like(y, config.floatX if y.dtype in scal.basic.discrete_dtypes else None)
        elif x.dtype in scal.basic.complex_dtypes:
            raise NotImplementedError(f"{self}: no gradient for complex inputs yet")
        else:
            # Set: the overwritten region gets no gradient; inc: gz passes through.
            gx = self._set_op()(gz, _zeros_like(y), *index) if self.set_instead_of_inc else gz
            gy = self._read_op()(gz, *index)
            gy = _cast_grad(_sum_grad_over_bcasted_dims(y, gy), y)
        return [gx, gy] + [DisconnectedType()() for _ in index]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None or eval_points[1] is None:
            return [None]
        return self.make_node(eval_points[0], eval_points[1], *inputs[2:]).outputs


class Subtensor(_ReadIndexOp):
    """Basic indexing ``x[...]`` with ints and slices; the output is a view of ``x``.

    ``idx_list`` holds the index template: an int scalar type per integer index
    and slices of such types (or None); the index values are the op's scalar
    inputs after ``x``, in order.
    """

    __props__ = ("idx_list",)
    view_map = {0: [0]}

    def __init__(self, idx_list):
        self.idx_list = tuple(_convert_entry(e) for e in idx_list)

    def __hash__(self):
        return hash((type(self), _hashable(self.idx_list)))

    def __str__(self):
        return f"{type(self).__name__}{{{', '.join(_entry_str(e) for e in self.idx_list)}}}"

    def _scalar_inputs(self, inputs):
        inputs = [_as_scalar_index(v) for v in inputs]
        types = []
        for e in self.idx_list:
            if isinstance(e, slice):
                types.extend(p for p in (e.start, e.stop, e.step) if p is not None)
            else:
                types.append(e)
        if len(inputs) != len(types):
            raise ValueError(
                f"{self}: expected {len(types)} index inputs, got {len(inputs)}"
            )
        for k, (v, t) in enumerate(zip(inputs, types)):
            if v.type != t:
                raise TypeError(
                    f"{self}: index input {k} ({v}) has type {v.type}, expected {t}"
                )
        return inputs

    def make_node(self, x, *inputs):
        x = as_tensor_variable(x)
        inputs = self._scalar_inputs(inputs)
        if len(self.idx_list) > x.ndim:
            raise IndexError(
                f"too many indices for array: {x} is {x.ndim}-dimensional, but "
                f"{len(self.idx_list)} were indexed"
            )
        bcast = []
        values = get_idx_list(inputs, self.idx_list)
        for k, b in enumerate(x.broadcastable):
            if k >= len(values):
                bcast.append(b)
            elif isinstance(values[k], slice):
                bcast.append(_check_view_broadcastable(values[k], b))
        return Apply(self, [x] + inputs, [TensorType(x.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        x = inputs[0]
        index = tuple(get_idx_list(inputs[1:], self.idx_list))
        output_storage[0][0] = np.asarray(x[index])

    def infer_shape(self, fgraph, node, shapes):
        xshp = shapes[0]
        values = get_idx_list(node.inputs[1:], self.idx_list)
        out = []
        for k, n in enumerate(xshp):
            if k >= len(values):
                out.append(n)
            elif isinstance(values[k], slice):
                p = values[k]
                out.append(_as_int64(_slice_length(n, p.start, p.stop, p.step)))
        return [tuple(out)]

    def get_constant_idx(self, inputs, allow_partial=False, only_process_constants=False):
        """The index with constant entries as Python ints (others raise, or stay if partial)."""
        values = get_idx_list(inputs, self.idx_list)

        def const(v):
            if v is None:
                return None
            c = _const_int(v)
            if _is_int(c):
                return c
            try:
                return int(get_scalar_constant_value(
                    _sym(v), only_process_constants=only_process_constants))
            except NotScalarConstantError:
                if allow_partial:
                    return v
                raise

        out = []
        for v in values:
            if isinstance(v, slice):
                out.append(slice(const(v.start), const(v.stop), const(v.step)))
            else:
                out.append(const(v))
        return out

    def _inc_op(self):
        return IncSubtensor(self.idx_list)


class IncSubtensor(_IncIndexOp):
    """``x`` with ``x[idx]`` incremented by (or set to) ``y``; a copy unless ``inplace``."""

    __props__ = ("idx_list", "inplace", "set_instead_of_inc")

    def __init__(self, idx_list, inplace=False, set_instead_of_inc=False,
                 destroyhandler_tolerate_aliased=None):
        super().__init__(inplace, set_instead_of_inc)
        self.idx_list = tuple(_convert_entry(e) for e in idx_list)
        self.destroyhandler_tolerate_aliased = list(destroyhandler_tolerate_aliased or [])

    def __hash__(self):
        return hash((type(self), _hashable(self.idx_list), self.inplace,
                     self.set_instead_of_inc))

    def __str__(self):
        mode = ("Inplace" if self.inplace else "") + (
            "Set" if self.set_instead_of_inc else "Inc"
        )
        entries = ", ".join(_entry_str(e) for e in self.idx_list)
        return f"{type(self).__name__}{{{mode};{entries}}}"

    def make_node(self, x, y, *inputs):
        x = as_tensor_variable(x)
        y = as_tensor_variable(y)
        sub = Subtensor(self.idx_list).make_node(x, *inputs)
        if y.ndim > sub.outputs[0].ndim:
            raise TypeError(
                f"Trying to increment a {sub.outputs[0].ndim}-dimensional subtensor with a "
                f"{y.ndim}-dimensional value."
            )
        return Apply(self, [x, y] + sub.inputs[1:], [x.type()])

    def perform(self, node, inputs, output_storage):
        x, y = inputs[:2]
        x = np.array(x) if not self.inplace else x
        index = tuple(get_idx_list(inputs[2:], self.idx_list))
        if self.set_instead_of_inc:
            x[index] = y
        else:
            x[index] += y
        output_storage[0][0] = x

    def _read_op(self):
        return Subtensor(self.idx_list)

    def _set_op(self):
        return IncSubtensor(self.idx_list, set_instead_of_inc=True)




# ----------------------------------------------------------------------------------
# x[...]: sorting the index entries into Subtensor, take or the advanced ops

_BASIC, _SLICE, _ARRAY, _MASK, _NEWAXIS = "basic", "slice", "array", "mask", "newaxis"


def _has_python_bool(a):
    if isinstance(a, (bool, np.bool_)):
        return True
    if isinstance(a, (list, tuple)):
        return any(_has_python_bool(e) for e in a)
    return False


def _bad_index_dtype(x, arg, dtype):
    return TypeError(
        f"Cannot index {x} with {arg} of dtype {dtype}: index must be integers or a boolean "
        "mask"
    )


def _slice_bound(x, arg, part, what):
    """A slice bound as None, a Python int or an int scalar variable."""
    if part is None or _is_none_var(part):
        return None
    if _is_int(part):
        return int(part)
    if isinstance(part, np.ndarray) and part.ndim == 0 and part.dtype.kind in "iu":
        return int(part)
    if isinstance(part, Variable):
        t = part.type
        if getattr(t, "ndim", None) == 0 and t.dtype in _int_dtypes:
            return part
        raise TypeError(
            f"Cannot index {x} with slice {what} {part} of type {t}: slice bounds must be "
            "integer scalars"
        )
    raise TypeError(
        f"Cannot index {x} with slice {what} {part!r} (Python {type(part).__name__}): slice "
        "bounds must be integers or None"
    )


def _classify(x, arg):
    """``(kind, value)`` for one index entry; raises TypeError for bad ones."""
    if arg is None:
        return _NEWAXIS, None
    if arg is Ellipsis:
        return "ellipsis", None
    if isinstance(arg, slice):
        parts = [
            _slice_bound(x, arg, p, w)
            for p, w in ((arg.start, "start"), (arg.stop, "stop"), (arg.step, "step"))
        ]
        return _SLICE, slice(*parts)
    if _is_int(arg):
        return _BASIC, int(arg)
    if isinstance(arg, Variable) and isinstance(arg.type, SliceType):
        return "slicevar", arg
    if _is_none_var(arg):
        return _NEWAXIS, None
    if isinstance(arg, Variable) and isinstance(arg.type, scal.ScalarType):
        if arg.type.dtype not in _int_dtypes:
            raise _bad_index_dtype(x, arg, arg.type.dtype)
        return _BASIC, arg
    if isinstance(arg, (list, tuple)) and len(arg) == 0:
        return _ARRAY, constant(np.zeros(0, dtype="int64"))
    if isinstance(arg, np.ndarray) and arg.ndim == 0 and arg.dtype.kind in "iu":
        return _BASIC, int(arg)
    try:
        var = as_tensor_variable(arg)
    except TypeError:
        raise TypeError(
            f"Cannot index {x} with {arg!r} (Python {type(arg).__name__}): index must be "
            "integers, slices, None, Ellipsis or a boolean mask"
        ) from None
    if var.dtype == "bool":
        return _MASK, var
    if var.dtype not in _int_dtypes:
        raise _bad_index_dtype(x, arg, var.dtype)
    if var.ndim == 0:
        return _BASIC, var
    return _ARRAY, var


def _consumed(kind, value):
    if kind == _MASK:
        return value.ndim
    if kind in (_NEWAXIS, "ellipsis"):
        return 0
    return 1


def _is_full_slice(kind, value):
    return kind == _SLICE and value.start is None and value.stop is None and value.step is None


def getitem(x, args):
    """``x[args]`` with NumPy's meaning (what ``TensorVariable.__getitem__`` calls).

    Ints, int scalars and slices give a ``Subtensor`` (a view), ``None`` inserts a
    broadcastable axis, one int vector (or array) on one axis gives
    ``AdvancedSubtensor1`` (through ``take``), several int arrays give
    ``AdvancedSubtensor``, and bool masks give ``AdvancedBooleanSubtensor``.
    """
    if not isinstance(args, tuple):
        args = (args,)
    for a in args:
        if _has_python_bool(a):
            raise TypeError(
                "TensorType does not support Python bools for indexing, such as "
                "tensor[[True, False]]. To use a boolean mask, convert the mask to a NumPy "
                "array first, e.g., tensor[numpy.array([True, False])]."
            )
    entries = [_classify(x, a) for a in args]
    n_ellipsis = sum(kind == "ellipsis" for kind, _ in entries)
    if n_ellipsis > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(_consumed(kind, value) for kind, value in entries)
    if used > x.ndim:
        raise IndexError(
            f"too many indices for array: {x} ({x.type}) is {x.ndim}-dimensional, but "
            f"{used} were indexed"
        )
    if n_ellipsis:
        k = [kind for kind, _ in entries].index("ellipsis")
        fill = [(_SLICE, slice(None))] * (x.ndim - used)
        entries = entries[:k] + fill + entries[k + 1:]

    kinds = [kind for kind, _ in entries]
    if _MASK in kinds:
        return advanced_boolean_subtensor(x, *[_adv_arg(kind, v) for kind, v in entries])
    n_array = kinds.count(_ARRAY)
    if n_array == 1 and _NEWAXIS not in kinds and "slicevar" not in kinds:
        axis = kinds.index(_ARRAY)
        if all(_is_full_slice(kind, v) for kind, v in entries if kind != _ARRAY):
            return take(x, entries[axis][1], axis=axis)
    if n_array or "slicevar" in kinds:
        return advanced_subtensor(x, *[_adv_arg(kind, v) for kind, v in entries])

    if _NEWAXIS in kinds:
        pattern = []
        axis = 0
        for kind in kinds:
            if kind == _NEWAXIS:
                pattern.append("x")
            else:
                pattern.append(axis)
                axis += 1
        pattern.extend(range(axis, x.ndim))
        view = DimShuffle(x.broadcastable, pattern)(x)
        entries = [(_SLICE, slice(None)) if kind == _NEWAXIS else (kind, v)
                   for kind, v in entries]
        if all(_is_full_slice(kind, v) for kind, v in entries):
            return view
        x = view
    return _basic_subtensor(x, [v for _, v in entries])


def _adv_arg(kind, value):
    if kind == _NEWAXIS:
        return NoneConst
    if kind == _SLICE:
        return make_slice(value)
    if kind == _BASIC:
        if isinstance(value, Variable):
            return tensor_from_scalar(value) if isinstance(value.type, scal.ScalarType) else value
        return tensor_from_scalar(_int64_const(value))
    return value


def _basic_subtensor(x, values):
    idx_list = []
    inputs = []

    def scalar_input(v):
        if isinstance(v, Variable):
            v = v if isinstance(v.type, scal.ScalarType) else scalar_from_tensor(v)
        else:
            v = _int64_const(v)
        inputs.append(v)
        return v.type

    for v in values:
        if isinstance(v, slice):
            idx_list.append(slice(*[None if p is None else scalar_input(p)
                                    for p in (v.start, v.stop, v.step)]))
        else:
            idx_list.append(scalar_input(v))
    return Subtensor(idx_list)(x, *inputs)


def take(a, indices, axis=None, mode="raise"):
    """``numpy.take``: elements of ``a`` at ``indices`` along ``axis`` (None: flattened).

    ``mode`` is 'raise' (out-of-range indices raise IndexError at run time),
    'wrap' (indices taken modulo the axis length) or 'clip' (clipped to it).
    A vector of indices gives ``AdvancedSubtensor1`` (on a transposed view for
    ``axis != 0``); other index arrays are flattened and the result reshaped.
    """
    a = as_tensor_variable(a)
    indices = as_tensor_variable(indices)
    if indices.dtype not in _int_dtypes:
        raise _bad_index_dtype(a, indices, indices.dtype)
    if mode not in ("raise", "wrap", "clip"):
        raise ValueError(f"take: mode must be 'raise', 'wrap' or 'clip', got {mode!r}")
    if axis is not None:
        if not -a.ndim <= axis < a.ndim:
            raise ValueError(f"take: axis {axis} is out of range for a {a.ndim}-d tensor")
        axis = int(axis) % a.ndim
    if indices.ndim == 1:
        if axis is None:
            a = a.flatten()
            axis = 0
        if mode != "raise":
            length = a.shape[axis]
            if mode == "clip":
                from theano.tensor.math import maximum, minimum

                indices = minimum(maximum(indices, 0), length - 1)
            else:
                indices = indices % length
        if axis == 0:
            return advanced_subtensor1(a, indices)
        swap = list(range(a.ndim))
        swap[0], swap[axis] = axis, 0
        return advanced_subtensor1(a.dimshuffle(swap), indices).dimshuffle(swap)
    from theano.tensor.join import stack
    from theano.tensor.shape import reshape

    flat = take(a, indices.flatten(), axis, mode)
    if axis is None:
        ishp = [_dim(indices, k) for k in range(indices.ndim)]
        bcast = indices.broadcastable
    else:
        ishp = ([_dim(a, k) for k in range(axis)] + [_dim(indices, k) for k in
                range(indices.ndim)] + [_dim(a, k) for k in range(axis + 1, a.ndim)])
        bcast = a.broadcastable[:axis] + indices.broadcastable + a.broadcastable[axis + 1:]
    if not ishp:
        return reshape(flat, constant(np.zeros(0, dtype="int64")), ndim=0)
    out = reshape(flat, stack(ishp), ndim=len(ishp))
    if out.broadcastable != bcast:
        out = patternbroadcast(out, bcast)
    return out


def _dim(v, k):
    if v.broadcastable[k]:
        return constant(np.int64(1))
    return v.shape[k]


# ----------------------------------------------------------------------------------
# set_subtensor / inc_subtensor


def set_subtensor(x, y, inplace=False, tolerate_inplace_aliasing=False):
    """Return the tensor indexed by ``x`` with the region ``x`` replaced by ``y``.

    ``x`` must be an indexing expression such as ``a[2:, i]``, ``a[idx]`` or
    ``a[mask]``; the result has the type of ``a``.  ``y`` broadcasts to the
    region's shape.  ``a`` itself is not modified.

    Examples
    --------
    >>> import theano.tensor as T
    >>> a = T.dmatrix('a')
    >>> b = T.set_subtensor(a[0], 1.0)
    >>> b.type
    TensorType(float64, matrix)
    """
    return inc_subtensor(x, y, inplace, set_instead_of_inc=True,
                         tolerate_inplace_aliasing=tolerate_inplace_aliasing)


def inc_subtensor(x, y, inplace=False, set_instead_of_inc=False,
                  tolerate_inplace_aliasing=False):
    """Return the tensor indexed by ``x`` with ``y`` added to the region ``x``.

    ``x`` must be an indexing expression (``a[...]``); the result has the type
    of ``a``.  With integer index arrays, repeated indices accumulate
    (``numpy.add.at``).  ``y`` broadcasts to the region's shape and may not
    have more dimensions than it (TypeError).  ``a`` itself is not modified.

    Examples
    --------
    >>> import numpy as np, theano, theano.tensor as T
    >>> v = T.dvector('v')
    >>> f = theano.function([v], T.inc_subtensor(v[[0, 0, 2]], 1.0))
    >>> f(np.zeros(3))
    array([2., 0., 1.])
    """
    x = as_tensor_variable(x)
    y = as_tensor_variable(y)
    if y.ndim > x.ndim:
        raise TypeError(
            f"Trying to increment a {x.ndim}-dimensional subtensor with a {y.ndim}-dimensional "
            "value."
        )
    offset = x.ndim - y.ndim
    for d in range(y.ndim):
        if x.broadcastable[d + offset] and not y.broadcastable[d]:
            # The region has length 1 there, so y must too: checked at run time.
            y = addbroadcast(y, d)
    if x.owner is None:
        raise TypeError(
            f"inc_subtensor/set_subtensor: x must be the result of a subtensor operation "
            f"(an indexing expression such as a[i]), got {x}"
        )
    op = x.owner.op
    inputs = x.owner.inputs
    if isinstance(op, Subtensor):
        tolerate = [[0, 1]] if tolerate_inplace_aliasing else []
        the_op = IncSubtensor(op.idx_list, inplace, set_instead_of_inc,
                              destroyhandler_tolerate_aliased=tolerate)
        return the_op(inputs[0], y, *inputs[1:])
    if isinstance(op, AdvancedSubtensor1):
        return AdvancedIncSubtensor1(inplace, set_instead_of_inc)(inputs[0], y, inputs[1])
    if isinstance(op, AdvancedBooleanSubtensor):
        return AdvancedBooleanIncSubtensor(inplace, set_instead_of_inc)(inputs[0], y, *inputs[1:])
    if isinstance(op, AdvancedSubtensor):
        return AdvancedIncSubtensor(inplace, set_instead_of_inc)(inputs[0], y, *inputs[1:])
    kwargs = {
        "inplace": inplace,
        "set_instead_of_inc": set_instead_of_inc,
        "tolerate_inplace_aliasing": tolerate_inplace_aliasing,
    }
    if isinstance(op, Rebroadcast):
        return inc_subtensor(inputs[0], y, **kwargs)
    if isinstance(op, DimShuffle) and not op.augment and not op.drop:
        # take() on axis k: x = (a'[idx]).dimshuffle(p) with a' = a.dimshuffle(p).
        # Increment a' with y put in a' 's layout, then apply p again.
        inner = inputs[0]
        if y.ndim:
            order = []
            for v in range(inner.ndim):
                pos = op.new_order.index(v) - offset
                order.append(pos if pos >= 0 else "x")
            y = y.dimshuffle(*order)
        res = inc_subtensor(inner, y, **kwargs)
        if res.ndim != len(op.new_order):
            raise TypeError(
                f"inc_subtensor/set_subtensor: cannot rebuild {x}: the indexed tensor under "
                f"the {op} has {res.ndim} dimensions"
            )
        return res.dimshuffle(*op.new_order)
    from theano.tensor.shape import Reshape, reshape, shape

    if isinstance(op, Reshape):
        # take() with an index matrix: x = a'[idx.flatten()].reshape(...).
        inner = inputs[0]
        if y.ndim:
            from theano.tensor.math import second

            y = reshape(second(x, y), shape(inner), ndim=inner.ndim)
        return inc_subtensor(inner, y, **kwargs)
    raise TypeError(
        f"inc_subtensor/set_subtensor: x must be the result of a subtensor operation, got {x} "
        f"(computed by {op})"
    )


# The advanced indexing ops, imported last: they build on _ReadIndexOp and _IncIndexOp above.
from theano.tensor.subtensor_advanced import (  # noqa: E402
    AdvancedBooleanIncSubtensor,
    AdvancedBooleanSubtensor,
    AdvancedIncSubtensor,
    AdvancedIncSubtensor1,
    AdvancedSubtensor,
    AdvancedSubtensor1,
    BaseAdvancedIncSubtensor,
    BaseAdvancedSubtensor,
    add_at_rows,
    adv_index_broadcastable_pattern,
    advanced_boolean_inc_subtensor,
    advanced_boolean_set_subtensor,
    advanced_boolean_subtensor,
    advanced_inc_subtensor,
    advanced_inc_subtensor1,
    advanced_set_subtensor,
    advanced_set_subtensor1,
    advanced_subtensor,
    advanced_subtensor1,
    as_index_variable,
)
