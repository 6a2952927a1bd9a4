"""Advanced indexing ops: integer arrays (``x[ilist]``, ``x[i, j]``) and boolean masks.

``theano.tensor.subtensor`` builds them from ``x[...]`` and re-exports them all; it also
holds the base classes giving their gradients (``_ReadIndexOp``, ``_IncIndexOp``).
"""

import numpy as np

from theano.graph.basic import Apply, Constant, Variable
from theano.tensor.basic import as_tensor_variable, tensor_from_scalar
from theano.tensor.subtensor import (
    _as_int64,
    _IncIndexOp,
    _int64_const,
    _int_dtypes,
    _ReadIndexOp,
    _slice_length,
)
from theano.tensor.type import TensorType
from theano.tensor.type_other import (
    MakeSlice,
    NoneConst,
    NoneTypeT,
    SliceType,
    _is_none_var,
    make_slice,
)

# ----------------------------------------------------------------------------------
# x[int_vector] on the first axis: AdvancedSubtensor1 and its increment


def _check_int_vector(op, ilist):
    ilist = as_tensor_variable(ilist)
    if ilist.dtype not in _int_dtypes:
        raise TypeError(f"{op}: index {ilist} has dtype {ilist.dtype}: index must be integers")
    if ilist.ndim != 1:
        raise TypeError(f"{op}: index {ilist} must be a vector, got {ilist.type}")
    return ilist


class AdvancedSubtensor1(_ReadIndexOp):
    """``x[ilist]`` for an int vector ``ilist``: rows of ``x`` picked (and repeated)."""

    __props__ = ()

    def make_node(self, x, ilist):
        x = as_tensor_variable(x)
        ilist = _check_int_vector(self, ilist)
        if x.ndim == 0:
            raise TypeError(f"{self}: cannot index into a scalar ({x})")
        bcast = (ilist.broadcastable[0],) + x.broadcastable[1:]
        return Apply(self, [x, ilist], [TensorType(x.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        x, ilist = inputs
        output_storage[0][0] = x[ilist]

    def infer_shape(self, fgraph, node, shapes):
        x, ilist = shapes
        return [tuple(ilist) + tuple(x[1:])]

    def _inc_op(self):
        return advanced_inc_subtensor1


class AdvancedIncSubtensor1(_IncIndexOp):
    """``x`` with ``x[ilist]`` incremented by ``y`` (repeated indices accumulate) or set."""

    __props__ = ("inplace", "set_instead_of_inc")

    def __str__(self):
        return (
            f"{type(self).__name__}{{{'inplace' if self.inplace else 'no_inplace'},"
            f"{'set' if self.set_instead_of_inc else 'inc'}}}"
        )

    def make_node(self, x, y, ilist):
        x = as_tensor_variable(x)
        y = as_tensor_variable(y)
        ilist = _check_int_vector(self, ilist)
        if x.ndim == 0:
            raise TypeError(f"{self}: cannot index into a scalar ({x})")
        if y.ndim > x.ndim:
            what = "set" if self.set_instead_of_inc else "increment"
            raise TypeError(
                f"{self}: cannot {what} x subtensor with ndim={x.ndim} by y with "
                f"ndim={y.ndim}."
            )
        return Apply(self, [x, y, ilist], [x.type()])

    def perform(self, node, inputs, output_storage):
        x, y, ilist = inputs
        x = np.array(x) if not self.inplace else x
        if self.set_instead_of_inc:
            x[ilist] = y
        else:
            add_at_rows(x, ilist, y)
        output_storage[0][0] = x

    def _read_op(self):
        return advanced_subtensor1

    def _set_op(self):
        return advanced_set_subtensor1


def add_at_rows(x, ilist, y):
    """``np.add.at(x, ilist, y)`` for an int vector on axis 0, in place.

    For ``x.ndim >= 2`` the rows are scattered as one flat 1-d ``np.add.at``,
    several times faster than NumPy's row-wise path; repeated rows accumulate.
    """
    ilist = np.asarray(ilist)
    if x.ndim < 2 or ilist.size == 0 or not x.flags.c_contiguous:
        np.add.at(x, ilist, y)
        return
    n = x.shape[0]
    low, high = int(ilist.min()), int(ilist.max())
    if high >= n or low < -n:
        bad = high if high >= n else low
        raise IndexError(f"index {bad} is out of bounds for axis 0 with size {n}")
    row = x.size // n if n else 0
    flat = (ilist.astype(np.intp)[:, None] * row + np.arange(row)).reshape(-1)
    values = np.broadcast_to(y, (len(ilist),) + x.shape[1:]).reshape(-1)
    np.add.at(x.reshape(-1), flat, values)


advanced_subtensor1 = AdvancedSubtensor1()
advanced_inc_subtensor1 = AdvancedIncSubtensor1()
advanced_set_subtensor1 = AdvancedIncSubtensor1(set_instead_of_inc=True)


# ----------------------------------------------------------------------------------
# General NumPy advanced indexing (int arrays, bool masks, slices, None)


def as_index_variable(idx):
    """An advanced-indexing op input for ``idx``: NoneConst, a slice variable or a tensor."""
    if idx is None:
        return NoneConst
    if isinstance(idx, slice):
        return make_slice(idx)
    if isinstance(idx, Variable) and isinstance(idx.type, (SliceType, NoneTypeT)):
        return idx
    if isinstance(idx, (int, np.integer)) and not isinstance(idx, (bool, np.bool_)):
        return tensor_from_scalar(_int64_const(idx))
    idx = as_tensor_variable(idx)
    if idx.dtype not in _int_dtypes and idx.dtype != "bool":
        raise TypeError(
            f"index {idx} has dtype {idx.dtype}: index must be integers or a boolean mask"
        )
    return idx


def _fake_index(v):
    """A small NumPy stand-in for index input ``v`` (to let NumPy compute result shapes)."""
    if _is_none_var(v):
        return [None]
    if isinstance(v.type, SliceType):
        return [slice(None)]
    if v.dtype == "bool":
        # A k-d mask acts as k int vectors of equal (unknown) length.
        return [np.zeros(2, dtype=int) for _ in range(v.ndim)] or [np.zeros((), bool)]
    return [np.zeros((2,) * v.ndim, dtype=int)]


def adv_index_broadcastable_pattern(a, idx):
    """Broadcastable pattern of ``a[idx]`` for advanced index variables ``idx``.

    Every index array counts as non-broadcastable (length 2), like Theano does.
    """
    fake = []
    for v in idx:
        fake.extend(_fake_index(v))
    shape = [1 if b else 2 for b in a.broadcastable]
    try:
        out = np.empty(shape)[tuple(fake)].shape
    except IndexError as e:
        raise IndexError(f"Indexing {a} ({a.type}) with {list(map(str, idx))}: {e}") from None
    return tuple(s == 1 for s in out)


class BaseAdvancedSubtensor(_ReadIndexOp):
    """Common part of AdvancedSubtensor and AdvancedBooleanSubtensor: ``x[idx]``."""

    __props__ = ()
    _allow_bool = False

    def make_node(self, x, *index):
        x = as_tensor_variable(x)
        index = [as_index_variable(i) for i in index]
        for i in index:
            if isinstance(i.type, TensorType) and i.dtype == "bool" and not self._allow_bool:
                raise TypeError(
                    f"{self}: boolean mask {i} given; use AdvancedBooleanSubtensor (x[mask])"
                )
        bcast = adv_index_broadcastable_pattern(x, index)
        return Apply(self, [x] + index, [TensorType(x.dtype, bcast)()])

    def perform(self, node, inputs, output_storage):
        x = inputs[0]
        output_storage[0][0] = np.asarray(x[tuple(inputs[1:])])


class AdvancedSubtensor(BaseAdvancedSubtensor):
    """NumPy advanced indexing with int arrays (broadcast together), slices and None."""

    def _inc_op(self):
        return advanced_inc_subtensor

    def infer_shape(self, fgraph, node, shapes):
        xshp = list(shapes[0])
        entries = list(zip(node.inputs[1:], shapes[1:]))
        adv_pos = [k for k, (v, _) in enumerate(entries) if isinstance(v.type, TensorType)]
        # Broadcast shape of the index arrays (0-d ints included).
        bnd = max(v.ndim for v, _ in entries if isinstance(v.type, TensorType))
        bshape = []
        for d in range(bnd):
            dim = 1
            for v, shp in entries:
                if not isinstance(v.type, TensorType):
                    continue
                j = d - (bnd - v.ndim)
                if j >= 0 and not v.broadcastable[j]:
                    dim = shp[j]
                    break
            bshape.append(dim)
        adjacent = adv_pos == list(range(adv_pos[0], adv_pos[-1] + 1))
        out = [] if adjacent else list(bshape)
        axis = 0
        for k, (v, _) in enumerate(entries):
            if _is_none_var(v):
                out.append(1)
            elif isinstance(v.type, SliceType):
                start, stop, step = _slice_parts(v)
                out.append(_as_int64(_slice_length(xshp[axis], start, stop, step)))
                axis += 1
            else:
                if adjacent and k == adv_pos[0]:
                    out.extend(bshape)
                axis += 1
        out.extend(xshp[axis:])
        return [tuple(out)]


def _slice_parts(v):
    if isinstance(v, Constant):
        return v.data.start, v.data.stop, v.data.step
    if v.owner is not None and isinstance(v.owner.op, MakeSlice):
        return tuple(None if _is_none_var(p) else p for p in v.owner.inputs)
    raise NotImplementedError(f"cannot infer the bounds of slice variable {v}")


class AdvancedBooleanSubtensor(BaseAdvancedSubtensor):
    """``x[mask]`` with bool masks (NumPy semantics: ``x[mask.nonzero()]``)."""

    _allow_bool = True

    def _inc_op(self):
        return advanced_boolean_inc_subtensor


class BaseAdvancedIncSubtensor(_IncIndexOp):
    """``x`` with ``x[idx]`` incremented by ``y`` (np.add.at: repeats accumulate) or set."""

    __props__ = ("inplace", "set_instead_of_inc")
    _allow_bool = False

    def __str__(self):
        return (
            f"{type(self).__name__}{{inplace={self.inplace},  "
            f"set_instead_of_inc={self.set_instead_of_inc}}}"
        )

    def make_node(self, x, y, *index):
        x = as_tensor_variable(x)
        y = as_tensor_variable(y)
        index = [as_index_variable(i) for i in index]
        for i in index:
            if isinstance(i.type, TensorType) and i.dtype == "bool" and not self._allow_bool:
                raise TypeError(f"{self}: boolean mask {i} given; use AdvancedBooleanIncSubtensor")
        sub_ndim = len(adv_index_broadcastable_pattern(x, index))
        if y.ndim > sub_ndim:
            raise TypeError(
                f"Trying to increment a {sub_ndim}-dimensional subtensor with a "
                f"{y.ndim}-dimensional value."
            )
        return Apply(self, [x, y] + index, [x.type()])

    def perform(self, node, inputs, output_storage):
        x, y = inputs[:2]
        x = np.array(x) if not self.inplace else x
        index = tuple(inputs[2:])
        if self.set_instead_of_inc:
            x[index] = y
        else:
            np.add.at(x, index, y)
        output_storage[0][0] = x

    def _set_op(self):
        return type(self)(set_instead_of_inc=True)


class AdvancedIncSubtensor(BaseAdvancedIncSubtensor):
    """Increment or set ``x[idx]`` for NumPy advanced int indices."""

    def _read_op(self):
        return advanced_subtensor


class AdvancedBooleanIncSubtensor(BaseAdvancedIncSubtensor):
    """Increment or set ``x[mask]`` for bool masks."""

    _allow_bool = True

    def _read_op(self):
        return advanced_boolean_subtensor


advanced_subtensor = AdvancedSubtensor()
advanced_inc_subtensor = AdvancedIncSubtensor()
advanced_set_subtensor = AdvancedIncSubtensor(set_instead_of_inc=True)
advanced_boolean_subtensor = AdvancedBooleanSubtensor()
advanced_boolean_inc_subtensor = AdvancedBooleanIncSubtensor()
advanced_boolean_set_subtensor = AdvancedBooleanIncSubtensor(set_instead_of_inc=True)
