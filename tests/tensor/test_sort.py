"""theano.tensor.sort: sort, argsort, topk, argtopk, topk_and_argtopk.

Types, op names and error messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.join import stack
from theano.tensor.shape import shape_i
from theano.tensor.sort import (
    ArgSortOp,
    SortOp,
    TopKOp,
    argsort,
    argtopk,
    sort,
    topk,
    topk_and_argtopk,
)
from theano.tensor.subtensor import NoneConst

DTYPES = ["bool", "int8", "int32", "uint16", "int64", "float32", "float64"]


def tt(dtype, bcast, name=None):
    return T.TensorType(dtype, bcast)(name)


def rand(*shape, dtype="float64", seed=0):
    rng = np.random.RandomState(seed)
    if dtype == "bool":
        return rng.rand(*shape) > 0.5
    if dtype.startswith(("int", "uint")):
        return rng.randint(0, 50, size=shape).astype(dtype)
    return rng.permutation(np.prod(shape, dtype=int)).reshape(shape).astype(dtype) / 3


def check_infer_shape(out, inputs, values):
    node = out.owner
    in_shapes = [
        tuple(shape_i(i, d) for d in range(i.ndim)) if hasattr(i.type, "ndim") else None
        for i in node.inputs
    ]
    inferred = node.op.infer_shape(None, node, in_shapes)[out.index]
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    got, real = function(inputs, [shape_var, out], on_unused_input="ignore")(*values)
    assert tuple(got) == real.shape


# ----------------------------------------------------------------------------------
# sort / argsort


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("axis", [None, 0, 1, -1, 2])
def test_sort_argsort_values(dtype, axis):
    x = tt(dtype, (False, False, False))
    val = rand(2, 3, 4, dtype=dtype)
    a, b = function([x], [sort(x, axis), argsort(x, axis, kind="stable")])(val)
    assert a.dtype == dtype and b.dtype == "int64"
    np.testing.assert_array_equal(a, np.sort(val, axis=axis))
    np.testing.assert_array_equal(b, np.argsort(val, axis=axis, kind="stable"))


@pytest.mark.parametrize("kind", ["quicksort", "mergesort", "heapsort", "stable"])
def test_sort_kinds(kind):
    x = T.dvector()
    val = np.array([3.0, 1.0, 2.0, 1.0, 0.5])
    a, b = function([x], [sort(x, kind=kind), argsort(x, kind=kind)])(val)
    np.testing.assert_array_equal(a, np.sort(val))
    np.testing.assert_array_equal(val[b], np.sort(val))
    assert str(a.dtype) == "float64"


def test_sort_empty():
    x = T.dmatrix()
    a, b, c = function([x], [sort(x, 0), argsort(x, 1), sort(x, None)])(np.zeros((0, 3)))
    assert a.shape == (0, 3) and b.shape == (0, 3) and c.shape == (0,)


def test_sort_node_types():
    # Theano 1.0.5: SortOp{quicksort, None} / ArgSortOp{quicksort, None}; the row pattern
    # is kept; argsort is int64; axis=None flattens first and sorts axis 0
    x, r = T.dmatrix(), T.drow()
    s = sort(x)
    assert isinstance(s.owner.op, SortOp) and str(s.owner.op) == "SortOp{quicksort, None}"
    assert s.type == x.type and s.owner.inputs[1].data == -1
    assert sort(x, None).type == T.dvector
    assert sort(r).broadcastable == (True, False)
    a = argsort(r)
    assert str(a.owner.op) == "ArgSortOp{quicksort, None}" and a.type == T.lrow
    assert argsort(x, None).type == T.lvector
    assert SortOp.__props__ == ("kind", "order") == ArgSortOp.__props__
    assert SortOp("quicksort") == SortOp("quicksort") != SortOp("mergesort")


def test_sort_none_const_axis_and_symbolic_axis():
    x, ax = T.dmatrix(), T.lscalar()
    val = rand(3, 4)
    flat = SortOp("quicksort")(x, NoneConst)
    assert flat.type == T.dvector
    f = function([x, ax], [flat, ArgSortOp("quicksort")(x, NoneConst), sort(x, ax)])
    a, b, c = f(val, 0)
    np.testing.assert_array_equal(a, np.sort(val, axis=None))
    np.testing.assert_array_equal(b, np.argsort(val, axis=None))
    np.testing.assert_array_equal(c, np.sort(val, axis=0))
    check_infer_shape(flat, [x], [val])


def test_sort_errors():
    x = T.dmatrix()
    with pytest.raises(ValueError, match="axis 2 is out of bounds"):
        sort(x, 2)
    with pytest.raises(ValueError, match="axis -1 is out of bounds"):
        sort(T.dscalar())
    with pytest.raises(TypeError, match="axis must be None or an integer scalar"):
        SortOp("quicksort")(x, T.dscalar())
    with pytest.raises(ValueError, match="kind must be one of"):
        sort(x, kind="bogo")
    with pytest.raises(ValueError, match="order is only for structured arrays"):
        argsort(x, order=["a"])


def test_sort_methods():
    x = T.dmatrix()
    val = rand(3, 4)
    a, b, c = function([x], [x.sort(), x.argsort(axis=0), T.sort(x, None)])(val)
    np.testing.assert_array_equal(a, np.sort(val))
    np.testing.assert_array_equal(b, np.argsort(val, axis=0))
    np.testing.assert_array_equal(c, np.sort(val, axis=None))


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_sort_grad(axis):
    verify_grad(lambda x: sort(x, axis) * 3.0, [rand(3, 4)])
    verify_grad(lambda x: sort(x, axis) * 3.0, [rand(2, 3, 4)])


def test_sort_grad_vector_and_none_const():
    verify_grad(lambda x: sort(x) * 3.0, [rand(5)])
    verify_grad(lambda x: SortOp("mergesort")(x, NoneConst) * 3.0, [rand(2, 3)])


def test_argsort_grad_is_zero():
    # Theano 1.0.5: argsort's gradient wrt its input is zeros_like(input)
    x = T.dvector()
    y = (x * argsort(x)).sum()
    g = function([x], theano.grad(y, x))(np.array([3.0, 1.0, 2.0]))
    np.testing.assert_array_equal(g, [1.0, 2.0, 0.0])  # argsort(x): no term through it
    node = argsort(x).owner
    assert node.op.grad(node.inputs, [T.lvector()])[0].type == T.dvector


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_sort_infer_shape(axis):
    x = T.dmatrix()
    check_infer_shape(sort(x, axis), [x], [rand(3, 4)])
    check_infer_shape(argsort(x, axis), [x], [rand(3, 4)])


# ----------------------------------------------------------------------------------
# topk / argtopk


def _topk_ref(val, k, axis):
    """Sorted reference: largest first for k > 0, smallest first for k < 0."""
    if axis is None:
        val, axis = val.reshape(-1), 0
    order = np.argsort(val, axis=axis, kind="stable")  # the test values are distinct
    if k > 0:
        order = np.flip(order, axis)
    idx = np.take(order, np.arange(abs(k)), axis=axis)
    return np.take_along_axis(val, idx, axis), idx


@pytest.mark.parametrize("dtype", ["int8", "int32", "uint8", "float32", "float64"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("k", [1, 2, 3, -1, -2, -3])
def test_topk_sorted_values(dtype, axis, k):
    x = tt(dtype, (False, False))
    val = (
        rand(3, 4, dtype="float64").astype(dtype)
        if dtype.startswith("float")
        else np.random.RandomState(0).permutation(12).reshape(3, 4).astype(dtype)
    )
    v, i = function([x], list(topk_and_argtopk(x, k, axis=axis)))(val)
    ev, ei = _topk_ref(val, k, axis)
    assert v.dtype == dtype and i.dtype == "int64"
    np.testing.assert_array_equal(v, ev)
    np.testing.assert_array_equal(i, ei)


@pytest.mark.parametrize("k", [2, -2, 4, -4])
def test_topk_unsorted_values(k):
    # sorted=False (Theano 1.0.5's only option): the right entries, in any order
    x = T.dmatrix()
    val = rand(3, 4)
    v, i = function([x], list(topk_and_argtopk(x, k, sorted=False)))(val)
    ev, ei = _topk_ref(val, k, -1)
    np.testing.assert_array_equal(np.sort(v, axis=1), np.sort(ev, axis=1))
    np.testing.assert_array_equal(np.sort(i, axis=1), np.sort(ei, axis=1))
    np.testing.assert_array_equal(np.take_along_axis(val, i, 1), v)


def test_topk_node_types():
    # Theano 1.0.5: TopKOp{axis=-1, sorted=False}; values keep x's type, indices idx_dtype
    x, r = T.dmatrix(), T.drow()
    v = topk(x, 2, sorted=False)
    assert isinstance(v.owner.op, TopKOp) and str(v.owner.op) == "TopKOp{axis=-1, sorted=False}"
    assert v.type == x.type
    assert argtopk(x, 2).type == T.lmatrix
    assert argtopk(x, 2, idx_dtype="int32").type == T.imatrix
    assert topk(x, 2, axis=None).type == T.dvector
    assert str(topk(x, 2, axis=None).owner.op) == "TopKOp{axis=0, sorted=True}"
    assert topk(r, 1, axis=1).broadcastable == (True, False)
    a, b = topk_and_argtopk(x, 2)
    assert a.owner is b.owner
    assert TopKOp.__props__ == ("axis", "sorted", "return_values", "return_indices", "idx_dtype")


def test_topk_errors():
    # Theano 1.0.5 messages
    x = T.dmatrix()
    with pytest.raises(
        IndexError,
        match=r'"axis" parameter out of range, expected integer '
        r"within \[-2, 1\]",
    ):
        topk(x, 2, axis=5)
    with pytest.raises(ValueError, match="Cannot take scalar as input"):
        topk(T.dscalar(), 1)
    with pytest.raises(ValueError, match="is expected to be 0d tensor, got 1"):
        topk(x, T.ivector())
    with pytest.raises(TypeError, match="kth must be an integer scalar"):
        topk(x, T.dscalar())
    with pytest.raises(
        TypeError, match='"idx_dtype" parameter must be an integer dtype, got "float32"'
    ):
        argtopk(x, 2, idx_dtype="float32")
    with pytest.raises(TypeError, match='"axis" parameter must be integer'):
        TopKOp(axis=1.5)
    with pytest.raises(ValueError, match="Neither return_values nor return_indices"):
        TopKOp(return_values=False, return_indices=False)
    k = T.iscalar()
    f = function([x, k], topk(x, k))
    with pytest.raises(ValueError, match="topk: kth cannot be zero"):
        f(rand(3, 4), 0)
    with pytest.raises(ValueError, match="kth cannot be larger than the size of specified axis"):
        f(rand(3, 4), 5)
    with pytest.raises(ValueError, match="kth cannot be larger than the size of specified axis"):
        f(rand(3, 4), -5)


def test_topk_symbolic_k_and_idx_dtype():
    x, k = T.dvector(), T.lscalar()
    val = rand(6)
    f = function([x, k], [topk(x, k), argtopk(x, k, idx_dtype="int16")])
    v, i = f(val, -2)
    assert i.dtype == "int16"
    np.testing.assert_array_equal(v, np.sort(val)[:2])
    np.testing.assert_array_equal(i, np.argsort(val)[:2])


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("k", [2, -1, 3])
@pytest.mark.parametrize("sorted_", [True, False])
def test_topk_grad(axis, k, sorted_):
    verify_grad(lambda x: topk(x, k, axis=axis, sorted=sorted_) * 3.0, [rand(3, 4)])


def test_topk_grad_through_indices_only_is_zero():
    x = T.dvector()
    g = theano.grad((argtopk(x, 2) * 1.0).sum() + x.sum(), x)
    np.testing.assert_array_equal(function([x], g)(rand(4)), np.ones(4))


@pytest.mark.parametrize("axis, k", [(0, 2), (1, -3), (-1, 1)])
def test_topk_infer_shape(axis, k):
    x = T.dmatrix()
    v, i = topk_and_argtopk(x, k, axis=axis)
    check_infer_shape(v, [x], [rand(3, 4)])
    check_infer_shape(i, [x], [rand(3, 4)])
