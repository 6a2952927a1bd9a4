"""Join, stack, concatenate and split; MakeVector builds vectors from scalars."""

import warnings

import numpy as np

from theano import scalar as scal
from theano.configparser import config
from theano.graph.basic import Apply, Variable
from theano.graph.op import Op
from theano.scalar.basic import integer_dtypes, upcast
from theano.tensor.basic import as_tensor_variable, cast, patternbroadcast
from theano.tensor.type import TensorType


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def _is_disconnected(g):
    try:
        from theano.gradient import DisconnectedType
    except ImportError:
        return False
    return isinstance(g.type, DisconnectedType)


def _constant_axis(axis):
    """The Python int a symbolic axis is known to be, else None."""
    from theano.tensor.shape import _static_int

    return _static_int(axis)


def _cast_grad(g, x):
    """``g`` in the dtype of the float input ``x`` (integer inputs keep ``g``)."""
    if x.dtype in scal.basic.continuous_dtypes and g.dtype != x.dtype:
        return cast(g, x.dtype)
    return g


# ----------------------------------------------------------------------------------
# MakeVector


class MakeVector(Op):
    """A vector from scalars (``stack`` of 0-d tensors); inputs are upcast to ``dtype``."""

    __props__ = ("dtype",)

    def __init__(self, dtype="int64"):
        self.dtype = str(dtype)

    def make_node(self, *inputs):
        inputs = [as_tensor_variable(i) for i in inputs]
        for pos, i in enumerate(inputs):
            if i.ndim != 0:
                raise TypeError(
                    f"MakeVector{{dtype={self.dtype!r}}}: input {pos} ({i}) must be a scalar, "
                    f"got {i.type}"
                )
        if any(i.dtype != self.dtype for i in inputs):
            if upcast(self.dtype, *[i.dtype for i in inputs]) != self.dtype:
                raise TypeError(
                    f"MakeVector.make_node expected inputs upcastable to {self.dtype}. got "
                    f"{[i.dtype for i in inputs]}"
                )
            inputs = [cast(i, self.dtype) for i in inputs]
        return Apply(self, inputs, [TensorType(self.dtype, (False,))()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(inputs, dtype=self.dtype)

    def static_vector_length(self, node):
        return len(node.inputs)

    def infer_shape(self, fgraph, node, shapes):
        return [(len(node.inputs),)]

    def L_op(self, inputs, outputs, output_grads):
        if self.dtype in scal.basic.discrete_dtypes:
            from theano.tensor.alloc import zeros_like

            return [zeros_like(i, dtype=config.floatX) for i in inputs]
        (gz,) = output_grads
        return [_cast_grad(gz[i], x) for i, x in enumerate(inputs)]

    def R_op(self, inputs, eval_points):
        if None in eval_points:
            return [None]
        return self.make_node(*eval_points).outputs


make_vector = MakeVector()


# ----------------------------------------------------------------------------------
# Join


class Join(Op):
    """``Join()(axis, *tensors)``: ``np.concatenate(tensors, axis)``.

    The output has the upcast dtype of the inputs.  With a constant axis, a
    dimension other than ``axis`` is broadcastable when any input's is (the inputs
    must agree there at run time); with a symbolic axis nothing is broadcastable.
    """

    __props__ = ("view",)

    def __init__(self, view=-1):
        self.view = view
        if view != -1:
            # Input 0 is the axis, so tensor ``view`` is input ``view + 1``.
            self.view_map = {0: [1 + view]}

    def __str__(self):
        if self.view == -1:
            return "Join"
        return f"Join{{view={self.view!r}}}"

    def make_node(self, axis, *tensors):
        if not tensors:
            raise ValueError("Cannot join an empty list of tensors")
        tensors = [as_tensor_variable(t) for t in tensors]
        out_dtype = upcast(*[t.dtype for t in tensors])
        for pos, t in enumerate(tensors):
            if t.ndim == 0:
                raise TypeError(
                    f"Join cannot handle arguments of dimension 0 (tensor {pos}: {t}). For "
                    "joining scalar values, see @stack"
                )
        ndim = tensors[0].ndim
        for pos, t in enumerate(tensors[1:], 1):
            if t.ndim != ndim:
                raise TypeError(
                    "Join() can only join tensors with the same number of dimensions: tensor "
                    f"0 ({tensors[0]}) has {ndim}, tensor {pos} ({t}) has {t.ndim}."
                )
        axis_var = as_tensor_variable(axis)
        if axis_var.ndim != 0 or axis_var.dtype not in integer_dtypes:
            raise TypeError(
                f"Join: the axis must be an integer scalar, got {axis!r} of type {axis_var.type}"
            )
        static_axis = _constant_axis(axis_var)
        if len(tensors) == 1:
            bcast = list(tensors[0].broadcastable)
        elif static_axis is None:
            bcast = [False] * ndim
        else:
            if static_axis < -ndim:
                raise IndexError(f"Join axis {static_axis} out of bounds [0, {ndim})")
            if static_axis >= ndim:
                raise ValueError(
                    f'Join argument "axis" is out of range (given input dimensions): axis '
                    f"{static_axis} for {ndim}-d tensors"
                )
            if static_axis < 0:
                # Theano stores a constant axis normalized: join(-1, x, y) holds axis 1.
                static_axis += ndim
                axis_var = as_tensor_variable(static_axis)
            bcast = [
                d != static_axis and any(t.broadcastable[d] for t in tensors) for d in range(ndim)
            ]
        return Apply(self, [axis_var] + tensors, [TensorType(out_dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        axis, tensors = int(inputs[0]), inputs[1:]
        ndim = np.ndim(tensors[0])
        if axis < -ndim:
            raise IndexError(f"Join axis {axis} out of bounds [0, {ndim})")
        out_dtype = node.outputs[0].dtype
        output_storage[0][0] = np.asarray(np.concatenate(tensors, axis=axis), dtype=out_dtype)

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import add, eq, ge, switch

        axis = node.inputs[0]
        shapes = shapes[1:]
        ndim = len(shapes[0])

        def total(d):
            entries = [s[d] for s in shapes]
            if all(isinstance(e, (int, np.integer)) for e in entries):
                return sum(int(e) for e in entries)
            return add(*entries)

        static_axis = _constant_axis(axis)
        if static_axis is not None:
            static_axis %= ndim
            return [tuple(total(d) if d == static_axis else shapes[0][d] for d in range(ndim))]
        join_dim = switch(ge(axis, 0), axis, axis + ndim)
        return [tuple(switch(eq(join_dim, d), total(d), shapes[0][d]) for d in range(ndim))]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.alloc import zeros_like
        from theano.tensor.shape import Shape_i, shape

        (gz,) = output_grads
        axis, tensors = inputs[0], inputs[1:]
        rval = [_disconnected()]
        out_dtype = outputs[0].dtype
        if out_dtype not in scal.basic.continuous_dtypes:
            # An integer result carries no gradient.
            return rval + [zeros_like(t, dtype=config.floatX) for t in tensors]
        static_axis = _constant_axis(axis)
        if static_axis is not None:
            sizes = [Shape_i(static_axis % t.ndim)(t) for t in tensors]
        else:
            sizes = [shape(t)[axis] for t in tensors]
        pieces = Split(len(tensors))(gz, axis, stack(sizes))
        if not isinstance(pieces, list):
            pieces = [pieces]
        # Split keeps gz's pattern; give each piece its input's pattern back.
        return rval + [
            _cast_grad(patternbroadcast(g, t.broadcastable), t) for g, t in zip(pieces, tensors)
        ]

    def connection_pattern(self, node):
        # The integer axis only chooses where the pieces go.
        return [[False]] + [[True] for _ in node.inputs[1:]]

    def R_op(self, inputs, eval_points):
        if None in eval_points[1:]:
            return [None]
        return self.make_node(inputs[0], *eval_points[1:]).outputs


join_ = Join()


def join(axis, *tensors_list):
    """Concatenate ``tensors_list`` along ``axis`` (an int, possibly negative, or an int scalar).

    One tensor is returned unchanged.  The tensors must have the same number of
    dimensions and agree in length on every axis but ``axis`` (checked at run time).
    """
    if len(tensors_list) == 1:
        return as_tensor_variable(tensors_list[0])
    return join_(axis, *tensors_list)


def concatenate(tensor_list, axis=0):
    """``join(axis, *tensor_list)`` with NumPy's signature; ``tensor_list`` must be a list/tuple."""
    if not isinstance(tensor_list, (tuple, list)):
        raise TypeError(
            "The 'tensors' argument must be either a tuple or a list, make sure you did not "
            "forget () or [] around arguments of concatenate.",
            tensor_list,
        )
    return join(axis, *tensor_list)


def _is_scalar_like(t):
    if isinstance(t, (int, float, complex, np.number, np.bool_)):
        return True
    return isinstance(t, Variable) and isinstance(t.type, TensorType) and t.ndim == 0


def stack(*tensors, **kwargs):
    """Stack tensors of equal shape along a new axis ``axis`` (default 0).

    ``stack([a, b, c], axis=0)``; the old form ``stack(a, b, c)`` still works with
    a DeprecationWarning.  Scalars give a vector (``MakeVector``); other tensors
    are joined after inserting the new axis, so the result has one more dimension.
    """
    if not tensors and not kwargs:
        raise TypeError("theano.tensor.stack(tensors, axis) must have at least one parameter")
    if not kwargs and not isinstance(tensors[0], (list, tuple)):
        warnings.warn(
            "stack(*tensors) interface is deprecated, use stack(tensors, axis=0) instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        axis = 0
    elif "tensors" in kwargs:
        tensors = kwargs["tensors"]
        axis = kwargs.get("axis", 0)
    else:
        if len(tensors) == 2:
            axis = tensors[1]
        else:
            axis = kwargs.get("axis", 0)
        tensors = tensors[0]
    if len(tensors) == 0:
        raise ValueError(
            "tensors is empty. You should at least provide one tensor to "
            "theano.tensor.stack(tensors, axis)."
        )
    if not isinstance(axis, (int, np.integer)):
        raise TypeError(f"stack: axis must be a Python int, got {axis!r}")
    if all(_is_scalar_like(t) for t in tensors):
        tensors = [as_tensor_variable(t) for t in tensors]
        return MakeVector(upcast(*[t.dtype for t in tensors]))(*tensors)
    from theano.tensor.shape import shape_padaxis

    return join(axis, *[shape_padaxis(t, axis) for t in tensors])


def stacklists(arg):
    """Stack nested lists of tensors recursively: ``[[a, b], [c, d]]`` of scalars is 2x2."""
    if isinstance(arg, (tuple, list)):
        return stack([stacklists(a) for a in arg])
    return arg


def _check_matrices(fname, args):
    if len(args) < 2:
        raise TypeError(f"{fname} needs at least two matrices, got {len(args)}")
    args = [as_tensor_variable(a) for a in args]
    for pos, a in enumerate(args):
        if a.ndim != 2:
            raise TypeError(f"{fname}: argument {pos} ({a}) must be a matrix, got {a.type}")
    return args


def horizontal_stack(*args):
    """Concatenate two or more matrices along axis 1 (columns)."""
    return concatenate(_check_matrices("horizontal_stack", args), axis=1)


def vertical_stack(*args):
    """Concatenate two or more matrices along axis 0 (rows)."""
    return concatenate(_check_matrices("vertical_stack", args), axis=0)


# ----------------------------------------------------------------------------------
# Split


class Split(Op):
    """``Split(len_splits)(x, axis, splits)``: ``len_splits`` pieces of ``x`` along ``axis``.

    ``splits`` is an int vector of the pieces' lengths; they must sum to
    ``x.shape[axis]``.  The pieces are copies with ``x``'s type.
    """

    __props__ = ("len_splits",)

    def __init__(self, len_splits):
        self.len_splits = int(len_splits)

    def __str__(self):
        return f"Split{{{self.len_splits}}}"

    def make_node(self, x, axis, splits):
        x = as_tensor_variable(x)
        axis = as_tensor_variable(axis)
        splits = as_tensor_variable(splits)
        if splits.ndim != 1 or splits.dtype not in integer_dtypes:
            raise TypeError(
                f"Split: splits must be a vector of integers (tensor.lvector), got {splits} of "
                f"type {splits.type}"
            )
        if axis.ndim != 0 or axis.dtype not in integer_dtypes:
            raise TypeError(
                f"Split: axis must be an integer scalar (lscalar), got {axis} of type {axis.type}"
            )
        static_axis = _constant_axis(axis)
        if static_axis is not None and not -x.ndim <= static_axis < x.ndim:
            raise ValueError(
                f"Split: axis {static_axis} is out of range for the {x.ndim}-d input {x}"
            )
        from theano.tensor.shape import _known_entries

        known = _known_entries(splits)
        if known is not None and len(known) != self.len_splits:
            raise ValueError(
                f"Split{{{self.len_splits}}}: splits has {len(known)} entries, expected "
                f"{self.len_splits}"
            )
        return Apply(self, [x, axis, splits], [x.type() for _ in range(self.len_splits)])

    def perform(self, node, inputs, output_storage):
        for storage, piece in zip(output_storage, _split(*inputs, self.len_splits)):
            storage[0] = piece

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import eq, ge, switch
        from theano.tensor.shape import _int_scalar, _vector_entries

        _, axis, splits = node.inputs
        shp_x = shapes[0]
        ndim = len(shp_x)
        sizes = _vector_entries(splits)
        if sizes is None:
            sizes = [splits[i] for i in range(self.len_splits)]
        sizes = [_int_scalar(s) for s in sizes]
        static_axis = _constant_axis(axis)
        if static_axis is not None:
            static_axis %= ndim
            return [
                tuple(size if d == static_axis else shp_x[d] for d in range(ndim)) for size in sizes
            ]
        axis_dim = switch(ge(axis, 0), axis, axis + ndim)
        return [
            tuple(switch(eq(axis_dim, d), size, shp_x[d]) for d in range(ndim)) for size in sizes
        ]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.alloc import zeros_like

        x, axis, _ = inputs
        rval_rest = [_disconnected(), _disconnected()]
        if all(_is_disconnected(g) for g in output_grads):
            return [_disconnected()] + rval_rest
        grads = [zeros_like(o) if _is_disconnected(g) else g for o, g in zip(outputs, output_grads)]
        gx = join(axis, *grads)
        if gx.broadcastable != x.broadcastable:
            gx = patternbroadcast(gx, x.broadcastable)
        return [_cast_grad(gx, x)] + rval_rest

    def connection_pattern(self, node):
        # The integer axis and lengths only choose where the pieces come from.
        return [[True] * self.len_splits, [False] * self.len_splits, [False] * self.len_splits]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None] * self.len_splits
        return self.make_node(eval_points[0], *inputs[1:]).outputs


def _split(x, axis, splits, len_splits):
    """The reference meaning of Split (also called by the py backend)."""
    axis = int(axis)
    ndim = np.ndim(x)
    if not -ndim <= axis < ndim:
        raise ValueError(f"Split.perform() with axis=({axis}) is invalid for x.shape==({x.shape})")
    splits = np.asarray(splits).reshape(-1)
    if len(splits) != len_splits:
        raise ValueError(
            f"In Split.perform(), len(splits) != len_splits: got {len(splits)} splits, "
            f"expected {len_splits}"
        )
    length = x.shape[axis]
    if splits.sum() != length:
        raise ValueError(f"The splits sum to {splits.sum()}, expected {length}")
    if (splits < 0).any():
        raise ValueError("Split: you tried to make an ndarray with a negative number of elements.")
    index = [slice(None)] * ndim
    pieces = []
    start = 0
    for size in splits:
        index[axis] = slice(start, start + int(size))
        pieces.append(x[tuple(index)].copy())
        start += int(size)
    return pieces


def split(x, splits_size, n_splits, axis=0):
    """Split ``x`` along ``axis`` into ``n_splits`` pieces of lengths ``splits_size``.

    Parameters
    ----------
    x : tensor_like
    splits_size : list of ints or int vector
        Lengths of the pieces; they must sum to ``x.shape[axis]`` at run time.
    n_splits : int
        Number of pieces (must be known when the graph is built).
    axis : int or int scalar, optional

    Returns
    -------
    A list of ``n_splits`` variables with ``x``'s type.
    """
    out = Split(n_splits)(x, axis, splits_size)
    if isinstance(out, Variable):
        return [out]
    return list(out)


# ----------------------------------------------------------------------------------
# roll


def roll(x, shift, axis=None):
    """Symbolic ``np.roll``: shift ``x`` circularly by ``shift`` along ``axis``.

    With ``axis=None`` the flattened array is rolled and the shape restored.
    ``shift`` may be symbolic; ``axis`` must be a Python int.
    """
    from theano.tensor.shape import flatten, reshape, shape, shape_i

    x = as_tensor_variable(x)
    if axis is None:
        if x.ndim > 1:
            return reshape(roll(flatten(x), shift, axis=0), shape(x), ndim=x.ndim)
        axis = 0
    if not isinstance(axis, (int, np.integer)):
        raise TypeError(f"roll: axis must be a Python int, got {axis!r}")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"roll: axis {axis} is out of range for the {x.ndim}-d input {x}")
    axis = int(axis) % x.ndim
    # The roll is cyclic: a shift larger than the axis wraps around.
    shift = shift % shape_i(x, axis)
    before = [slice(None)] * axis
    front = x[tuple(before + [slice(-shift, None)])]
    end = x[tuple(before + [slice(0, -shift)])]
    return join(axis, front, end)
