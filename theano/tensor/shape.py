"""Shape ops: shape, Shape_i, SpecifyShape, reshape, flatten, transpose, padding, squeeze, tile."""

import numpy as np

from theano.graph.basic import Apply, Constant
from theano.graph.op import Op
from theano.scalar.basic import integer_dtypes
from theano.tensor.basic import (
    NotScalarConstantError,
    addbroadcast,
    as_tensor_variable,
    constant,
    get_scalar_constant_value,
)
from theano.tensor.elemwise import DimShuffle
from theano.tensor.type import TensorType


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def _int_scalar(value):
    """A shape entry as an int64 scalar variable (Python ints pass through)."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    from theano.tensor.basic import cast

    value = as_tensor_variable(value)
    return value if value.dtype == "int64" else cast(value, "int64")


def _static_int(value):
    """The Python int a scalar graph is known to equal, else None."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    try:
        return int(get_scalar_constant_value(value))
    except (NotScalarConstantError, TypeError, ValueError, NotImplementedError):
        return None


def _vector_entries(vec):
    """The entries of a 1-d int variable as a list when they are known symbolically, else None.

    Constants give Python ints, ``MakeVector`` its scalar inputs, ``Shape`` one
    ``Shape_i`` per dimension.  Used to build graphs without indexing ``vec``.
    """
    if isinstance(vec, (list, tuple)):
        return list(vec)
    vec = as_tensor_variable(vec)
    if vec.ndim != 1:
        return None
    if isinstance(vec, Constant):
        return [int(v) for v in np.asarray(vec.data).reshape(-1)]
    owner = vec.owner
    if owner is None:
        return None
    from theano.tensor.join import MakeVector

    if isinstance(owner.op, MakeVector):
        return list(owner.inputs)
    if isinstance(owner.op, Shape):
        x = owner.inputs[0]
        return [shape_i(x, i) for i in range(x.ndim)]
    return None


def _known_entries(vec):
    """Per entry of a 1-d int variable, the Python int it is known to equal (else None).

    None instead of a list when even the length is unknown.  Builds no nodes.
    """
    if isinstance(vec, Constant):
        return [int(v) for v in np.asarray(vec.data).reshape(-1)]
    owner = vec.owner
    if owner is not None and isinstance(owner.op, Shape):
        return [1 if b else None for b in owner.inputs[0].broadcastable]
    entries = _vector_entries(vec)
    if entries is None:
        return None
    return [_static_int(e) for e in entries]


# ----------------------------------------------------------------------------------
# Shape and Shape_i


class Shape(Op):
    """The shape of a tensor as an int64 vector (``x.shape``)."""

    __props__ = ()

    def make_node(self, x):
        x = as_tensor_variable(x)
        return Apply(self, [x], [TensorType("int64", (False,))()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(np.shape(inputs[0]), dtype="int64")

    def infer_shape(self, fgraph, node, shapes):
        return [(len(shapes[0]),)]

    def static_vector_length(self, node):
        return node.inputs[0].ndim

    def connection_pattern(self, node):
        return [[False]]

    def L_op(self, inputs, outputs, output_grads):
        return [_disconnected()]

    def R_op(self, inputs, eval_points):
        return [None]


_shape = Shape()


def shape(x):
    """Symbolic shape of ``x``: an int64 vector of length ``x.ndim`` (same as ``x.shape``)."""
    return _shape(as_tensor_variable(x))


class Shape_i(Op):
    """The length of axis ``i`` of the input, as an int64 scalar."""

    __props__ = ("i",)

    def __init__(self, i):
        if isinstance(i, np.ndarray):
            i = i.item()
        if int(i) != i:
            raise TypeError(f"Shape_i: the axis must be an integer, got {i!r}")
        self.i = int(i)

    def __str__(self):
        return f"Shape_i{{{self.i}}}"

    def make_node(self, x):
        x = as_tensor_variable(x)
        if not -x.ndim <= self.i < x.ndim:
            raise TypeError(f"Shape_i{{{self.i}}}: the input {x} has only {x.ndim} dimensions")
        return Apply(self, [x], [TensorType("int64", ())()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = np.asarray(np.shape(inputs[0])[self.i], dtype="int64")

    def infer_shape(self, fgraph, node, shapes):
        return [()]

    def connection_pattern(self, node):
        return [[False]]

    def L_op(self, inputs, outputs, output_grads):
        return [_disconnected()]


def shape_i(var, i, fgraph=None):
    """The length of axis ``i`` of ``var`` (an int64 scalar; 1 if that axis is broadcastable)."""
    var = as_tensor_variable(var)
    if var.broadcastable[i]:
        return constant(1, dtype="int64")
    return Shape_i(i)(var)


# ----------------------------------------------------------------------------------
# SpecifyShape


class SpecifyShape(Op):
    """Assert at run time that the input has the given shape; the output is the input."""

    __props__ = ()
    view_map = {0: [0]}

    def make_node(self, x, shape):
        x = as_tensor_variable(x)
        shape = as_tensor_variable(shape)
        if isinstance(shape, Constant) and shape.data.size == 0:
            shape = constant(np.zeros(0, dtype="int64"))
        if shape.ndim != 1:
            raise TypeError(
                f"SpecifyShape: the shape must be a vector of integers, got {shape.type}"
            )
        if shape.dtype not in integer_dtypes:
            raise TypeError(
                f"SpecifyShape: the shape must contain integers, got dtype {shape.dtype}"
            )
        known = _known_entries(shape)
        if known is not None and len(known) != x.ndim:
            raise ValueError(
                f"SpecifyShape: the shape has {len(known)} entries but the input {x} has "
                f"{x.ndim} dimensions"
            )
        return Apply(self, [x, shape], [x.type()])

    def perform(self, node, inputs, output_storage):
        x, shp = inputs
        shp = tuple(int(s) for s in np.asarray(shp).reshape(-1))
        if np.shape(x) != shp:
            raise AssertionError(f"SpecifyShape: got shape {np.shape(x)}, expected {shp}")
        output_storage[0][0] = x

    def infer_shape(self, fgraph, node, shapes):
        entries = _vector_entries(node.inputs[1])
        if entries is None:
            vec = node.inputs[1]
            entries = [vec[i] for i in range(node.inputs[0].ndim)]
        out = []
        for e in entries:
            static = _static_int(e)
            out.append(static if static is not None else _int_scalar(e))
        return [tuple(out)]

    def connection_pattern(self, node):
        return [[True], [False]]

    def L_op(self, inputs, outputs, output_grads):
        return [output_grads[0], _disconnected()]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return self.make_node(eval_points[0], *inputs[1:]).outputs


specify_shape = SpecifyShape()


# ----------------------------------------------------------------------------------
# Reshape


def _mul_all(values):
    """Product of shape entries, folding Python ints."""
    from theano.tensor.math import mul

    static = 1
    symbolic = []
    for v in values:
        if isinstance(v, (int, np.integer)):
            static *= int(v)
        else:
            symbolic.append(v)
    if not symbolic:
        return static
    out = symbolic[0] if len(symbolic) == 1 else mul(*symbolic)
    return out if static == 1 else mul(out, static)


class Reshape(Op):
    """Reshape to a shape vector of static length ``ndim`` (a view when NumPy can make one).

    One entry may be -1 (inferred from the size).  The output's dimension ``i`` is
    broadcastable when entry ``i`` is known to be 1 when the graph is built.
    """

    __props__ = ("ndim",)
    view_map = {0: [0]}

    def __init__(self, ndim, name=None):
        self.ndim = int(ndim)
        if self.ndim < 0:
            raise ValueError("The output dimensions after reshape must be 0 or greater")

    def __str__(self):
        return f"Reshape{{{self.ndim}}}"

    def make_node(self, x, shp):
        x = as_tensor_variable(x)
        shp = as_tensor_variable(shp)
        if isinstance(shp, Constant) and shp.data.size == 0:
            # An empty list is float by default; its dtype does not matter.
            shp = constant(np.zeros(0, dtype="int64"))
        if shp.ndim != 1:
            raise TypeError(
                f"Reshape{{{self.ndim}}}: the new shape must be a vector of integers, got "
                f"{shp} of type {shp.type}"
            )
        if shp.dtype not in integer_dtypes:
            raise TypeError("Shape must be integers", shp, shp.dtype)
        known = _known_entries(shp)
        if known is not None and len(known) != self.ndim:
            raise ValueError(
                f"Reshape{{{self.ndim}}}: the new shape {shp} has {len(known)} entries, "
                f"expected {self.ndim}"
            )
        bcast = [False] * self.ndim
        if known is not None:
            bcast = [k == 1 for k in known]
        return Apply(self, [x, shp], [TensorType(x.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        x, shp = inputs
        if len(shp) != self.ndim:
            raise ValueError(
                f"shape argument to Reshape.perform has incorrect length {len(shp)}, "
                f"should be {self.ndim}",
                shp,
            )
        try:
            output_storage[0][0] = np.reshape(x, shp)
        except (ValueError, TypeError):
            raise ValueError(
                f"Cannot reshape input of shape {np.shape(x)} to shape {shp}"
            ) from None

    def infer_shape(self, fgraph, node, shapes):
        from theano.tensor.math import eq, int_div, maximum, switch

        ishape = shapes[0]
        if len(ishape) == 0:
            return [(1,) * self.ndim]
        if self.ndim == 0:
            return [()]
        size = _mul_all(ishape)
        entries = _vector_entries(node.inputs[1])
        if entries is None:
            entries = [node.inputs[1][i] for i in range(self.ndim)]
        static = [_static_int(e) for e in entries]
        if all(s is not None for s in static):
            known = [s for s in static if s != -1]
            n_missing = len(static) - len(known)
            if n_missing > 1:
                raise ValueError(
                    "shape argument to Reshape.perform must have at most one entry equal to -1"
                )
            if n_missing == 0:
                return [tuple(static)]
            known_size = _mul_all(known)
            # A 0 among the known entries would divide by zero; keep the size instead.
            if known_size in (0, 1):
                missing = size
            elif isinstance(size, int):
                missing = size // known_size
            else:
                missing = int_div(size, known_size)
            return [tuple(missing if s == -1 else s for s in static)]
        entries = [s if s is not None else _int_scalar(e) for s, e in zip(static, entries)]
        # With at most one -1 the product of the entries is minus the known size.
        known_size = maximum(-_mul_all(entries), 1)
        rest = int_div(size, known_size)
        out = []
        for s, e in zip(static, entries):
            if s is not None:
                out.append(rest if s == -1 else s)
            else:
                out.append(switch(eq(e, -1), rest, e))
        return [tuple(out)]

    def connection_pattern(self, node):
        return [[True], [False]]

    def L_op(self, inputs, outputs, output_grads):
        x = inputs[0]
        return [reshape(output_grads[0], shape(x), ndim=x.ndim), _disconnected()]

    def R_op(self, inputs, eval_points):
        if eval_points[0] is None:
            return [None]
        return [self(eval_points[0], inputs[1])]


def reshape(x, newshape, ndim=None):
    """Symbolic ``np.reshape``: ``x`` with shape ``newshape`` (a view when possible).

    Parameters
    ----------
    x : tensor_like
    newshape : tuple/list of ints or int scalars, or an int vector
        One entry may be -1.
    ndim : int, optional
        Number of dimensions of the result; required when the length of
        ``newshape`` is not known when the graph is built (a symbolic vector).

    Raises
    ------
    TypeError
        ``newshape`` is not a vector of integers.
    ValueError
        ``ndim`` is missing and cannot be inferred.
    """
    x = as_tensor_variable(x)
    shp = as_tensor_variable(newshape)
    if shp.ndim != 1:
        raise TypeError(
            "New shape in reshape must be a vector or a list/tuple of scalar. Got "
            f"{shp} after conversion to a vector."
        )
    if ndim is None:
        from theano.tensor.basic import get_vector_length

        try:
            ndim = get_vector_length(shp)
        except ValueError:
            raise ValueError(
                f"The length of the provided shape ({shp}) cannot be automatically "
                "determined, so Theano is not able to know what the number of dimensions of "
                "the reshaped variable will be. You can provide the 'ndim' keyword argument "
                "to 'reshape' to avoid this problem."
            ) from None
    return Reshape(ndim)(x, shp)


# ----------------------------------------------------------------------------------
# Compositions of Reshape and DimShuffle


def flatten(x, ndim=None, outdim=None):
    """Keep the first ``ndim - 1`` dimensions of ``x`` and merge the rest into one.

    Parameters
    ----------
    x : tensor_like
    ndim : int, optional
        Number of dimensions of the result (default 1).  Any ``x`` can be
        flattened to 1 dimension, even a scalar; otherwise ``1 <= ndim <= x.ndim``.
    outdim : int, optional
        Deprecated name of ``ndim``.

    Returns
    -------
    A ``Reshape`` of ``x``; its last dimension is broadcastable when all the merged
    dimensions are.
    """
    if outdim is None and ndim is None:
        ndim = 1
    elif outdim is not None and ndim is not None:
        raise ValueError("You should only specify ndim")
    elif outdim is not None:
        import warnings

        warnings.warn("flatten outdim parameter is deprecated, use ndim instead.", stacklevel=2)
        ndim = outdim
    x = as_tensor_variable(x)
    if ndim < 1 or (ndim > 1 and ndim > x.ndim):
        raise ValueError(f"ndim {ndim} out of bound [1, {x.ndim + 1})")
    dims = [shape_i(x, i) for i in range(ndim - 1)] + [-1]
    out = reshape(x, dims, ndim=ndim)
    bcast = tuple(x.broadcastable[: ndim - 1]) + (all(x.broadcastable[ndim - 1 :]),)
    missing = [i for i in range(ndim) if bcast[i] and not out.broadcastable[i]]
    return addbroadcast(out, *missing) if missing else out


def is_flat(var, ndim=None, outdim=None):
    """Whether ``var`` has exactly ``ndim`` dimensions (default 1; ``outdim`` is the old name)."""
    if outdim is None and ndim is None:
        ndim = 1
    elif outdim is not None and ndim is not None:
        raise ValueError("You should only specify ndim")
    elif outdim is not None:
        ndim = outdim
    return var.ndim == ndim


def transpose(x, axes=None):
    """Reverse the dimensions of ``x``, or permute them by ``axes`` (negative axes allowed).

    Named ``<name>.T`` when ``x`` is named and the dimensions are reversed.
    """
    x = as_tensor_variable(x)
    reverse = list(range(x.ndim - 1, -1, -1))
    if axes is None:
        axes = reverse
    rename = axes == reverse
    axes = [a + x.ndim if isinstance(a, (int, np.integer)) and a < 0 else a for a in axes]
    out = DimShuffle(x.broadcastable, axes)(x)
    if x.name and rename:
        out.name = x.name + ".T"
    return out


def swapaxes(y, axis1, axis2):
    """``y`` with axes ``axis1`` and ``axis2`` exchanged (a DimShuffle)."""
    y = as_tensor_variable(y)
    order = list(range(y.ndim))
    order[axis1], order[axis2] = order[axis2], order[axis1]
    return DimShuffle(y.broadcastable, order)(y)


def shape_padleft(t, n_ones=1):
    """``t`` with ``n_ones`` broadcastable dimensions added on the left."""
    t = as_tensor_variable(t)
    pattern = ["x"] * n_ones + list(range(t.ndim))
    return DimShuffle(t.broadcastable, pattern)(t)


def shape_padright(t, n_ones=1):
    """``t`` with ``n_ones`` broadcastable dimensions added on the right."""
    t = as_tensor_variable(t)
    pattern = list(range(t.ndim)) + ["x"] * n_ones
    return DimShuffle(t.broadcastable, pattern)(t)


def shape_padaxis(t, axis):
    """``t`` with a broadcastable dimension inserted at ``axis`` (``-t.ndim-1 <= axis <= t.ndim``).

    Raises IndexError for an axis out of bounds.
    """
    t = as_tensor_variable(t)
    ndim = t.ndim + 1
    if not -ndim <= axis < ndim:
        raise IndexError(f"axis {axis} is out of bounds [-{ndim}, {ndim})")
    if axis < 0:
        axis += ndim
    pattern = list(range(t.ndim))
    pattern.insert(axis, "x")
    return DimShuffle(t.broadcastable, pattern)(t)


def squeeze(x):
    """``x`` without its broadcastable dimensions (those typed length 1; a view).

    Unlike ``np.squeeze`` this looks at the type only: a dimension that is 1 at run
    time but not typed broadcastable is kept.
    """
    x = as_tensor_variable(x)
    return DimShuffle(x.broadcastable, [i for i in range(x.ndim) if not x.broadcastable[i]])(x)


def tile(x, reps, ndim=None):
    """Symbolic ``np.tile``: repeat ``x`` ``reps[i]`` times along each axis.

    Parameters
    ----------
    x : tensor_like
    reps : int, int scalar, list/tuple of ints or int scalars, or an int vector
        A symbolic vector needs ``ndim``.
    ndim : int, optional
        Number of dimensions of the result (at least ``x.ndim`` and ``len(reps)``);
        default ``max(x.ndim, len(reps))``.
    """
    from theano.scalar.basic import discrete_dtypes
    from theano.tensor.alloc import alloc

    x = as_tensor_variable(x)
    if ndim is not None and ndim < x.ndim:
        raise ValueError("ndim should be equal or larger than x.ndim")
    if not isinstance(reps, (list, tuple)):
        reps_var = as_tensor_variable(reps)
        if reps_var.dtype not in discrete_dtypes:
            raise ValueError("elements of reps must be integer dtype")
        if reps_var.ndim == 0:
            reps = [reps_var]
        elif reps_var.ndim == 1:
            if ndim is None:
                raise ValueError("if reps is tensor.vector, you should specify the ndim")
            entries = _vector_entries(reps_var)
            if entries is not None:
                if len(entries) > ndim:
                    raise ValueError("len(reps) should be equal or less than ndim")
                reps = entries
            else:
                from theano.tensor.math import lt, switch

                # Pad a vector shorter than ndim with ones on the left, at run time.
                offset = ndim - shape_i(reps_var, 0)
                reps = [switch(lt(i, offset), 1, reps_var[i - offset]) for i in range(ndim)]
        else:
            raise ValueError("the dimension of reps should not exceed 1")
    else:
        if ndim is not None and len(reps) > ndim:
            raise ValueError("len(reps) should be equal or less than ndim")
        for r in reps:
            ok = isinstance(r, (int, np.integer)) or (
                hasattr(r, "dtype") and hasattr(r, "type") and r.dtype in discrete_dtypes
            )
            if not ok:
                raise ValueError("elements of reps must be scalars of integer dtype")
    reps = list(reps)
    if ndim is None:
        ndim = max(len(reps), x.ndim)
    reps = [1] * (ndim - len(reps)) + reps
    shp = [1] * (ndim - x.ndim) + [shape_i(x, i) for i in range(x.ndim)]
    y = alloc(x, *(reps + shp))
    # Interleave the repetition and original axes, then merge each pair.
    order = [j for i in range(ndim) for j in (i, ndim + i)]
    y = DimShuffle(y.broadcastable, order)(y)
    new_shape = [_mul_all([s, r]) for s, r in zip(shp, reps)]
    return reshape(y, new_shape, ndim=ndim)
