"""theano.tensor.extra_ops: cumsum/cumprod, diff, bincount, compress, repeat, bartlett,
fill_diagonal(_offset), to_one_hot, Unique, (un)ravel indices, searchsorted, nonzero,
permute_row_elements, choose.

Types, op names and error messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.extra_ops import (
    Bartlett,
    Choose,
    CpuContiguous,
    CumOp,
    DiffOp,
    FillDiagonal,
    FillDiagonalOffset,
    RavelMultiIndex,
    RepeatOp,
    SearchsortedOp,
    Unique,
    UnravelIndex,
    bartlett,
    bincount,
    choose,
    compress,
    cpu_contiguous,
    cumprod,
    cumsum,
    diff,
    fill_diagonal,
    fill_diagonal_offset,
    ravel_multi_index,
    repeat,
    searchsorted,
    squeeze,
    to_one_hot,
    unique,
    unravel_index,
)
from theano.tensor.join import stack
from theano.tensor.shape import shape_i
from theano.tensor.sort import (
    Nonzero,
    PermuteRowElements,
    flatnonzero,
    inverse_permutation,
    nonzero,
    nonzero_values,
    permute_row_elements,
)

DTYPES = ["int8", "int32", "int64", "uint8", "float32", "float64"]


def tt(dtype, bcast, name=None):
    return T.TensorType(dtype, bcast)(name)


def rand(*shape, dtype="float64", seed=0):
    rng = np.random.RandomState(seed)
    if dtype.startswith(("int", "uint")):
        return rng.randint(0, 5, size=shape).astype(dtype)
    if dtype == "bool":
        return rng.rand(*shape) > 0.5
    return rng.uniform(-2, 2, size=shape).astype(dtype)


def check_infer_shape(out, inputs, values):
    """``infer_shape`` gives the real shape, without computing ``out``'s node."""
    node = out.owner
    in_shapes = [tuple(shape_i(i, d) for d in range(i.ndim)) for i in node.inputs]
    inferred = node.op.infer_shape(None, node, in_shapes)[out.index]
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    got, real = function(inputs, [shape_var, out], on_unused_input="ignore")(*values)
    assert tuple(got) == real.shape


# ----------------------------------------------------------------------------------
# cumsum / cumprod


def test_cumop_node():
    # Theano 1.0.5: CumOp{None, add} gives a vector; CumOp{0, add} keeps the row pattern
    x, r = T.dmatrix("x"), T.drow("r")
    assert str(cumsum(x).owner.op) == "CumOp{None, add}"
    assert cumsum(x).type == T.dvector
    assert str(cumprod(x, 1).owner.op) == "CumOp{1, mul}"
    assert cumsum(r, 0).broadcastable == (True, False)
    assert cumsum(T.dscalar()).type == T.dvector
    assert cumprod(T.bvector()).dtype == "int8"
    assert CumOp.__props__ == ("axis", "mode")
    assert CumOp(0, "add") == CumOp(0, "add") != CumOp(0, "mul")


@pytest.mark.parametrize("fn, ref", [(cumsum, np.cumsum), (cumprod, np.cumprod)])
@pytest.mark.parametrize("dtype", DTYPES + ["bool"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_cumop_values(fn, ref, dtype, axis):
    x = tt(dtype, (False, False))
    val = rand(3, 4, dtype=dtype)
    out = function([x], fn(x, axis))(val)
    # The result keeps the input dtype (Theano's C code accumulates in it, wrapping).
    expected = ref(val, axis=axis, dtype=dtype)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, expected, rtol=1e-5)


def test_cumsum_int8_wraps():
    # Theano 1.0.5 (C linker): cumsum of int8 [100, 100, 100] -> [100, -56, 44], int8
    x = T.bvector()
    out = function([x], cumsum(x))(np.array([100, 100, 100], dtype="int8"))
    assert out.dtype == "int8" and out.tolist() == [100, -56, 44]


@pytest.mark.parametrize("fn", [cumsum, cumprod])
def test_cumop_empty_and_scalar(fn):
    x, s = T.dmatrix(), T.dscalar()
    f = function([x, s], [fn(x, 0), fn(x), fn(s)])
    a, b, c = f(np.zeros((0, 3)), 2.5)
    assert a.shape == (0, 3) and b.shape == (0,)
    assert c.tolist() == [2.5]


def test_cumop_errors():
    # Theano 1.0.5: ValueError "axis(=2) out of bounds", 'CumOp: Unknown mode "foo"'
    with pytest.raises(ValueError, match=r"axis\(=2\) out of bounds"):
        cumsum(T.dmatrix(), 2)
    with pytest.raises(ValueError, match=r"axis\(=-3\) out of bounds"):
        cumsum(T.dmatrix(), -3)
    with pytest.raises(ValueError, match='CumOp: Unknown mode "foo"'):
        CumOp(mode="foo")


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_cumop_grad(axis):
    val = rand(3, 4)
    verify_grad(lambda x: cumsum(x, axis) * 3.0, [val])
    verify_grad(lambda x: cumprod(x, axis) * 3.0, [np.abs(val) + 0.5])


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_cumop_infer_shape(axis):
    x = T.dmatrix()
    check_infer_shape(cumsum(x, axis), [x], [rand(3, 4)])


def test_cumop_methods():
    x = T.dmatrix()
    val = rand(3, 4)
    a, b = function([x], [x.cumsum(1), x.cumprod()])(val)
    np.testing.assert_allclose(a, np.cumsum(val, 1))
    np.testing.assert_allclose(b, np.cumprod(val))


# ----------------------------------------------------------------------------------
# diff


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
def test_diff_values(n, axis, dtype):
    x = tt(dtype, (False, False))
    val = rand(3, 4, dtype=dtype)
    out = function([x], diff(x, n, axis))(val)
    expected = np.diff(val, n=n, axis=axis)
    assert out.dtype == dtype and out.shape == expected.shape
    np.testing.assert_allclose(out, expected)


def test_diff_node():
    # Theano 1.0.5: str DiffOp{n=1, axis=-1}; dtype and pattern kept
    x = T.fmatrix()
    d = diff(x)
    assert str(d.owner.op) == "DiffOp{n=1, axis=-1}" and d.type == x.type
    # A broadcastable axis that is differenced becomes length 0, so not broadcastable
    # (Theano 1.0.5 kept the row pattern, a type its own value then violated).
    r = T.drow()
    assert diff(r, axis=0).broadcastable == (False, False)
    assert diff(r, axis=1).broadcastable == (True, False)
    assert diff(r, n=0, axis=0).broadcastable == (True, False)
    assert DiffOp(0).view_map == {0: [0]}


def test_diff_errors():
    with pytest.raises(ValueError, match="at least one dimension"):
        diff(T.dscalar())
    with pytest.raises(ValueError, match="axis 2 is out of bounds"):
        diff(T.dmatrix(), axis=2)
    with pytest.raises(ValueError, match="must be non-negative"):
        DiffOp(n=-1)


@pytest.mark.parametrize("n, axis", [(1, -1), (2, -1), (1, 0), (2, 1), (3, 0)])
def test_diff_grad(n, axis):
    # Theano 1.0.5 had the gradient for vectors only; here any rank and axis.
    verify_grad(lambda x: diff(x, n, axis) * 3.0, [rand(4, 5)])
    verify_grad(lambda x: diff(x, n) * 3.0, [rand(6)])


@pytest.mark.parametrize("n, axis", [(1, 0), (2, 1), (7, 1)])
def test_diff_infer_shape(n, axis):
    x = T.dmatrix()
    check_infer_shape(diff(x, n, axis), [x], [rand(3, 4)])


# ----------------------------------------------------------------------------------
# bincount, compress, squeeze


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint16"])
@pytest.mark.parametrize("minlength", [None, 3, 10])
def test_bincount_values(dtype, minlength):
    x = tt(dtype, (False,))
    w = T.dvector()
    val = np.array([0, 3, 3, 1, 5, 3], dtype=dtype)
    weights = np.arange(6.0)
    a, b = function(
        [x, w], [bincount(x, minlength=minlength), bincount(x, w, minlength=minlength)]
    )(val, weights)
    # Theano 1.0.5: counts have the dtype of x, weighted counts that of the weights
    assert a.dtype == dtype and b.dtype == "float64"
    np.testing.assert_array_equal(a, np.bincount(val, minlength=minlength or 0))
    np.testing.assert_allclose(b, np.bincount(val, weights, minlength=minlength or 0))


def test_bincount_errors():
    # Theano 1.0.5: TypeError "Inputs must be of dimension 1."
    with pytest.raises(TypeError, match="Inputs must be of dimension 1"):
        bincount(T.imatrix())
    with pytest.raises(TypeError, match="integer vector"):
        bincount(T.dvector())
    x = T.ivector()
    f = function([x], bincount(x, assert_nonneg=True))
    assert f(np.array([1, 1], dtype="int32")).tolist() == [0, 2]
    with pytest.raises(AssertionError, match="Input to bincount has negative values!"):
        f(np.array([1, -1], dtype="int32"))


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_compress(axis):
    cond, x = T.bvector(), T.dmatrix()
    val = rand(3, 4)
    length = val.size if axis is None else val.shape[axis]
    c = (np.arange(length) % 3 != 1).astype("int8")
    out = function([cond, x], compress(cond, x, axis=axis))(c, val)
    np.testing.assert_array_equal(out, np.compress(c, val, axis=axis))


def test_compress_bool_condition_and_method():
    # x.compress(a) is compress(x, a): Theano's method takes self as the condition
    cond, x = T.vector(dtype="bool"), T.dmatrix()
    val = rand(3, 4)
    c = np.array([True, False, True])
    f = function([cond, x], [compress(cond, x, axis=0), cond.compress(x, axis=0)])
    for out in f(c, val):
        np.testing.assert_array_equal(out, val[[0, 2]])


def test_squeeze():
    # Theano 1.0.5: squeeze(drow) is a vector (InplaceDimShuffle{1})
    r = T.TensorType("float64", (True, False, True))()
    assert squeeze(r).type == T.dvector
    assert function([r], squeeze(r))(np.ones((1, 3, 1))).shape == (3,)
    v = np.arange(3.0).reshape(1, 3, 1)
    np.testing.assert_array_equal(function([r], squeeze(r))(v), np.squeeze(v))


# ----------------------------------------------------------------------------------
# repeat


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "float32", "float64"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("reps", [0, 1, 3, "vector"])
def test_repeat_values(dtype, axis, reps):
    x = tt(dtype, (False, False))
    val = rand(3, 4, dtype=dtype)
    if reps == "vector":
        length = val.size if axis is None else val.shape[axis]
        rvals = np.arange(length, dtype="int32") % 3
        r = T.ivector()
        out = function([x, r], repeat(x, r, axis))(val, rvals)
    else:
        rvals = reps
        out = function([x], repeat(x, reps, axis))(val)
    expected = np.repeat(val, rvals, axis=axis)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, expected)


def test_repeat_node_types():
    # Theano 1.0.5: scalar repeats -> Reshape{n} (Alloc of a dimshuffle), vector -> RepeatOp
    x, r, iv, i = T.dmatrix(), T.drow(), T.ivector(), T.iscalar()
    assert repeat(x, 2).type == T.dvector
    assert str(repeat(x, 2, axis=1).owner.op) == "Reshape{2}"
    assert repeat(r, 1, axis=0).broadcastable == (True, False)
    assert repeat(r, [1], axis=0).broadcastable == (True, False)
    assert repeat(r, i, axis=0).broadcastable == (False, False)
    z = repeat(x, iv, axis=0)
    assert isinstance(z.owner.op, RepeatOp) and str(z.owner.op) == "RepeatOp{axis=0}"
    assert repeat(x, iv).type == T.dvector
    assert RepeatOp(0)(r, 1).broadcastable == (True, False)
    assert RepeatOp(0)(r, 2).broadcastable == (False, False)


def test_repeat_errors():
    # Theano 1.0.5 messages
    x = T.dmatrix()
    with pytest.raises(ValueError, match="The dimension of repeats should not exceed 1."):
        repeat(x, T.imatrix())
    with pytest.raises(ValueError, match="Axis should not exceed x.ndim-1."):
        repeat(x, 2, axis=5)
    with pytest.raises(TypeError, match="repeats must be integers"):
        repeat(x, 2.0)
    with pytest.raises(TypeError, match="repeats.dtype must be an integer"):
        RepeatOp(0)(x, T.dscalar())
    with pytest.raises(TypeError, match="not supported by numpy.repeat"):
        RepeatOp(0)(x, T.scalar(dtype="uint64"))
    with pytest.raises(TypeError, match="don't support dtype uint64"):
        repeat(T.vector(dtype="uint64"), 2)


def test_repeat_method_and_0d():
    x, s = T.dvector(), T.dscalar()
    a, b = function([x, s], [x.repeat(2), repeat(s, 3)])(np.array([1.0, 2.0]), 4.0)
    assert a.tolist() == [1, 1, 2, 2] and b.tolist() == [4, 4, 4]


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_repeat_grad(axis):
    val = rand(3, 4)
    verify_grad(lambda x: repeat(x, 3, axis) * 3.0, [val])
    length = val.size if axis is None else val.shape[axis]
    reps = (np.arange(length) % 3).astype("int64")  # includes zero repeats
    verify_grad(lambda x: RepeatOp(axis)(x, reps) * 3.0, [val])
    verify_grad(lambda x: RepeatOp(axis)(x, 2) * 3.0, [val])


@pytest.mark.parametrize("axis", [None, 0, 1])
@pytest.mark.parametrize("scalar", [True, False])
def test_repeat_infer_shape(axis, scalar):
    x = T.dmatrix()
    r = T.iscalar() if scalar else T.ivector()
    val = rand(3, 4)
    length = val.size if axis is None else val.shape[axis]
    rval = np.int32(2) if scalar else np.arange(length, dtype="int32") % 3
    check_infer_shape(RepeatOp(axis)(x, r), [x, r], [val, rval])


# ----------------------------------------------------------------------------------
# bartlett, fill_diagonal, fill_diagonal_offset, to_one_hot


@pytest.mark.parametrize("m", [-3, 0, 1, 2, 5, 8])
def test_bartlett(m):
    i = T.iscalar()
    out = function([i], bartlett(i))(m)
    assert out.dtype == "float64"
    np.testing.assert_allclose(out, np.bartlett(m))
    check_infer_shape(bartlett(i), [i], [np.int32(m)])


def test_bartlett_errors():
    # Theano 1.0.5: "Bartlett only works on integer input" / "... on scalar input"
    assert str(bartlett(3).owner.op) == "Bartlett" and isinstance(bartlett(3).owner.op, Bartlett)
    with pytest.raises(TypeError, match="Bartlett only works on integer input"):
        bartlett(T.dscalar())
    with pytest.raises(TypeError, match="Bartlett only works on scalar input"):
        bartlett(T.ivector())


@pytest.mark.parametrize("shape", [(3, 3), (2, 4), (4, 2), (0, 3), (3, 3, 3)])
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
def test_fill_diagonal_values(shape, dtype):
    a = tt(dtype, (False,) * len(shape))
    val = rand(*shape, dtype=dtype)
    out = function([a], fill_diagonal(a, 7))(val)
    expected = val.copy()
    np.fill_diagonal(expected, 7)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, expected)
    assert np.array_equal(val, rand(*shape, dtype=dtype))  # input untouched


def test_fill_diagonal_errors():
    # Theano 1.0.5 messages
    x = T.dmatrix()
    assert fill_diagonal(x, T.dscalar()).type == x.type
    assert isinstance(fill_diagonal(x, 1).owner.op, FillDiagonal)
    with pytest.raises(TypeError, match="FillDiagonal: first parameter must have at least two"):
        fill_diagonal(T.dvector(), 1.0)
    with pytest.raises(TypeError, match="FillDiagonal: second parameter must be a scalar"):
        fill_diagonal(x, T.dvector())
    with pytest.raises(TypeError, match="type of second parameter must be the same as the"):
        fill_diagonal(T.fmatrix(), T.dscalar())
    with pytest.raises(TypeError, match="type of second parameter must be the same as the"):
        fill_diagonal(T.imatrix(), 0.5)


@pytest.mark.parametrize("shape", [(3, 3), (2, 4), (4, 2), (3, 3, 3)])
def test_fill_diagonal_grad(shape):
    verify_grad(lambda a, v: fill_diagonal(a, v) * 3.0, [rand(*shape), np.array(1.5)])


def _fill_offset_ref(a, val, offset):
    out = a.copy()
    for i in range(a.shape[0]):
        j = i + offset
        if 0 <= j < a.shape[1]:
            out[i, j] = val
    return out


@pytest.mark.parametrize("shape", [(3, 4), (4, 3), (3, 3)])
@pytest.mark.parametrize("offset", [-5, -3, -1, 0, 1, 2, 3, 4, 6])
def test_fill_diagonal_offset_values(shape, offset):
    # Theano 1.0.5 agrees except past the last column of a wide matrix (offset 6 on a 3x4
    # wrote a[1, 2]); here nothing is written, as for every other out-of-range offset.
    a, i = T.dmatrix(), T.iscalar()
    val = rand(*shape)
    out = function([a, i], fill_diagonal_offset(a, 5.0, i))(val, offset)
    np.testing.assert_array_equal(out, _fill_offset_ref(val, 5.0, offset))


def test_fill_diagonal_offset_errors():
    # Theano 1.0.5 messages
    x = T.dmatrix()
    assert isinstance(fill_diagonal_offset(x, 1, 1).owner.op, FillDiagonalOffset)
    with pytest.raises(TypeError, match="first parameter must have exactly two dimensions"):
        fill_diagonal_offset(T.dtensor3(), 1.0, 0)
    with pytest.raises(TypeError, match="second parameter must be a scalar"):
        fill_diagonal_offset(x, T.dvector(), 0)
    with pytest.raises(TypeError, match="third parameter must be a scalar"):
        fill_diagonal_offset(x, 1.0, T.ivector())
    with pytest.raises(TypeError, match="type of third parameter must be as integer"):
        fill_diagonal_offset(x, 1.0, T.dscalar())
    with pytest.raises(TypeError, match="type of second parameter must be the same"):
        fill_diagonal_offset(T.fmatrix(), T.dscalar(), 0)


@pytest.mark.parametrize("shape", [(3, 4), (4, 3)])
@pytest.mark.parametrize("offset", [-2, 0, 1, 3])
def test_fill_diagonal_offset_grad(shape, offset):
    verify_grad(
        lambda a, v: fill_diagonal_offset(a, v, offset) * 3.0, [rand(*shape), np.array(1.5)]
    )


def test_to_one_hot():
    # Theano 1.0.5: float64 matrix by default (floatX), int32 when asked
    y = T.ivector()
    h = to_one_hot(y, 4)
    assert h.type == T.dmatrix
    assert to_one_hot(y, 4, dtype="int32").dtype == "int32"
    out = function([y], h)(np.array([1, 3, 0], dtype="int32"))
    np.testing.assert_array_equal(out, np.eye(4)[[1, 3, 0]])
    with pytest.raises(TypeError, match="integer vector"):
        to_one_hot(T.dvector(), 3)


# ----------------------------------------------------------------------------------
# Unique


UNIQUE_FLAGS = [
    (False, False, False),
    (True, False, False),
    (False, True, False),
    (False, False, True),
    (True, True, True),
]


@pytest.mark.parametrize("flags", UNIQUE_FLAGS)
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_unique_values(flags, axis):
    x = T.imatrix()
    val = np.array([[3, 1, 3], [2, 1, 0], [3, 1, 3], [0, 0, 0]], dtype="int32")
    outs = Unique(*flags, axis=axis)(x)
    outs = outs if isinstance(outs, list) else [outs]
    got = function([x], outs)(val)
    expected = np.unique(val, *flags, axis=axis)
    expected = expected if isinstance(expected, tuple) else (expected,)
    assert len(got) == len(expected)
    for g, e, o in zip(got, expected, outs):
        assert g.dtype == o.dtype
        np.testing.assert_array_equal(g, e.reshape(-1) if g.ndim == 1 else e)


def test_unique_types():
    # Theano 1.0.5: values keep dtype (a vector for axis=None); index outputs int64 vectors
    x, r = T.dmatrix(), T.drow()
    outs = Unique(True, True, True)(x)
    assert [o.type for o in outs] == [T.dvector, T.lvector, T.lvector, T.lvector]
    assert Unique(axis=0)(r).broadcastable == (False, False)
    assert Unique(axis=1)(r).broadcastable == (True, False)
    assert str(Unique()(x).owner.op) == (
        "Unique{return_index=False, return_inverse=False, return_counts=False, axis=None}"
    )
    with pytest.raises(RuntimeError, match="Unique axis `2` is outside of input ndim = 2."):
        Unique(axis=2)(r)
    a, b = function([x], unique(x, return_counts=True))(np.array([[2.0, 1.0], [2.0, 5.0]]))
    assert a.tolist() == [1, 2, 5] and b.tolist() == [1, 2, 1]


def test_unique_empty_and_infer_shape():
    x = T.dmatrix()
    vals, inv = function([x], Unique(return_inverse=True)(x))(np.zeros((0, 3)))
    assert vals.shape == (0,) and inv.shape == (0,)
    check_infer_shape(Unique(return_inverse=True)(x)[1], [x], [rand(3, 4)])
    check_infer_shape(Unique(return_inverse=True, axis=1)(x)[1], [x], [rand(3, 4)])


# ----------------------------------------------------------------------------------
# unravel_index / ravel_multi_index


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("dims", [(3, 4), (2, 3, 4), (12,)])
def test_unravel_index(order, dims):
    i = T.imatrix()
    val = np.array([[5, 11], [0, 7]], dtype="int32")
    outs = unravel_index(i, dims, order=order)
    assert isinstance(outs, tuple) and len(outs) == len(dims)
    assert all(o.type == T.lmatrix for o in outs)
    got = function([i], list(outs))(val)
    # Theano 1.0.5 ignored order='F' in its perform; here it means what NumPy says.
    for g, e in zip(got, np.unravel_index(val, dims, order=order)):
        np.testing.assert_array_equal(g, e)
    check_infer_shape(outs[0], [i], [val])


def test_unravel_index_scalar_symbolic_dims_and_errors():
    i, d = T.iscalar(), T.ivector()
    # Theano 1.0.5: scalar indices give int64 scalars
    outs = unravel_index(i, (3, 4))
    assert [o.type for o in outs] == [T.lscalar, T.lscalar]
    outs = unravel_index(i, d, ndim=2)
    assert [int(v) for v in function([i, d], list(outs))(7, np.array([3, 4], "int32"))] == [1, 3]
    with pytest.raises(ValueError, match="cannot be automatically determined"):
        unravel_index(i, d)
    with pytest.raises(TypeError, match="'float64' object cannot be interpreted as an index"):
        unravel_index(T.dvector(), (3, 4))
    with pytest.raises(ValueError, match="ndim must be an integer greater than 0"):
        UnravelIndex(0)
    f = function([i], list(unravel_index(i, (3, 4))))
    with pytest.raises(ValueError, match="out of bounds"):
        f(12)


@pytest.mark.parametrize("mode", ["raise", "wrap", "clip"])
@pytest.mark.parametrize("order", ["C", "F"])
def test_ravel_multi_index(mode, order):
    a, b = T.ivector(), T.ivector()
    va = np.array([0, 1, 2], dtype="int32")
    vb = np.array([3, 0, 2], dtype="int32")
    if mode != "raise":
        va = va + np.array([0, 3, -1], dtype="int32")
    out = ravel_multi_index((a, b), (3, 4), mode=mode, order=order)
    assert out.type == T.lvector
    assert str(out.owner.op) == f"RavelMultiIndex{{mode={mode!r}, order={order!r}}}"
    got = function([a, b], out)(va, vb)
    np.testing.assert_array_equal(
        got, np.ravel_multi_index((va, vb), (3, 4), mode=mode, order=order)
    )


def test_ravel_multi_index_errors():
    # Theano 1.0.5: TypeError "multi_index must be a tuple or a list."
    a = T.ivector()
    with pytest.raises(TypeError, match="multi_index must be a tuple or a list."):
        ravel_multi_index(a, (3, 4))
    with pytest.raises(TypeError, match="cannot be interpreted as an index"):
        ravel_multi_index((a, T.dvector()), (3, 4))
    f = function([a], ravel_multi_index((a, a), (3, 4)))
    with pytest.raises(ValueError, match="invalid entry"):
        f(np.array([1, 5], dtype="int32"))
    assert isinstance(RavelMultiIndex()(a, a, [3, 4]).owner.op, RavelMultiIndex)


# ----------------------------------------------------------------------------------
# searchsorted


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64"])
def test_searchsorted_values(side, dtype):
    x, v = tt(dtype, (False,)), tt(dtype, (False, False))
    xv = np.array([1, 2, 2, 3, 5], dtype=dtype)
    vv = np.array([[2, 0], [6, 3]], dtype=dtype)
    out = function([x, v], searchsorted(x, v, side=side))(xv, vv)
    assert out.dtype == "int64"
    np.testing.assert_array_equal(out, np.searchsorted(xv, vv, side=side))


def test_searchsorted_sorter_scalar_method():
    x, s, srt = T.dvector(), T.dscalar(), T.lvector()
    xv = np.array([3.0, 1.0, 2.0])
    sorter = np.argsort(xv)
    f = function([x, s, srt], [searchsorted(x, s, sorter=srt), x.searchsorted(s, side="right")])
    a, b = f(xv, 2.0, sorter)
    assert a.shape == () and int(a) == np.searchsorted(xv, 2.0, sorter=sorter)
    assert int(b) == np.searchsorted(xv, 2.0, side="right")
    # Theano 1.0.5 docstring examples
    assert searchsorted([1, 2, 3, 4, 5], 3).eval() == 2
    assert searchsorted([1, 2, 3, 4, 5], 3, side="right").eval() == 3


def test_searchsorted_types_and_errors():
    # Theano 1.0.5: int64 with v's pattern; messages as below
    x, m = T.dvector(), T.dmatrix()
    assert searchsorted(x, m).type == T.lmatrix
    assert str(searchsorted(x, m).owner.op) == "SearchsortedOp{side='left'}"
    assert searchsorted(x, T.dscalar()).type == T.lscalar
    with pytest.raises(ValueError, match="'middle' is an invalid value for keyword 'side'"):
        searchsorted(x, m, side="middle")
    with pytest.raises(ValueError, match="must be a vector"):
        searchsorted(m, m)
    with pytest.raises(TypeError, match="sorter must be an integer vector"):
        searchsorted(x, m, sorter=x)
    assert isinstance(searchsorted(x, m).owner.op, SearchsortedOp)


def test_searchsorted_grad_and_shape():
    x, v = T.dvector(), T.dmatrix()
    gx, gv = theano.grad(searchsorted(x, v).sum(), [x, v])
    a, b = function([x, v], [gx, gv])(np.arange(3.0), np.ones((2, 2)))
    assert not a.any() and not b.any()
    check_infer_shape(searchsorted(x, v), [x, v], [np.arange(3.0), np.ones((2, 5))])


# ----------------------------------------------------------------------------------
# cpu_contiguous


def test_cpu_contiguous():
    x = T.dmatrix()
    y = cpu_contiguous(x.T)
    assert isinstance(y.owner.op, CpuContiguous) and y.type == x.type
    val = rand(3, 4)
    out = function([x], y)(val)
    assert out.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(out, val.T)
    verify_grad(lambda a: cpu_contiguous(a) * 3.0, [val])


# ----------------------------------------------------------------------------------
# nonzero, flatnonzero, nonzero_values


NONZERO_VALUES = [
    np.array([0.0, 1.5, 0.0, -2.0]),
    np.array([[0, 3], [4, 0], [0, 0]]),
    np.zeros((2, 3)),
    np.zeros((0, 3)),
    (np.arange(24).reshape(2, 3, 4) % 5 == 0),
]


@pytest.mark.parametrize("val", NONZERO_VALUES)
def test_nonzero_values(val):
    x = tt(val.dtype.name, (False,) * val.ndim)
    outs = nonzero(x)
    assert isinstance(outs, tuple) and len(outs) == val.ndim
    assert all(o.type == T.lvector for o in outs)
    f = function(
        [x], list(outs) + [nonzero(x, return_matrix=True), flatnonzero(x), nonzero_values(x)]
    )
    got = f(val)
    for g, e in zip(got, np.nonzero(val)):
        assert g.dtype == "int64"
        np.testing.assert_array_equal(g, e)
    matrix, flat, values = got[val.ndim :]
    assert matrix.dtype == "int64" and matrix.shape == (val.ndim, np.count_nonzero(val))
    np.testing.assert_array_equal(matrix.reshape(val.ndim, -1), np.array(np.nonzero(val)))
    np.testing.assert_array_equal(flat, np.flatnonzero(val))
    assert values.dtype == val.dtype
    np.testing.assert_array_equal(values, val[np.nonzero(val)])


def test_nonzero_types_and_errors():
    # Theano 1.0.5: Nonzero gives an int64 matrix; tuples are Subtensor{int64} rows
    x = T.dmatrix()
    m = nonzero(x, return_matrix=True)
    assert m.type == T.lmatrix and isinstance(m.owner.op, Nonzero)
    assert flatnonzero(x).type == T.lvector
    assert nonzero_values(x).type == T.dvector
    with pytest.raises(ValueError, match="Nonzero only supports non-scalar arrays"):
        nonzero(T.dscalar())
    with pytest.raises(ValueError, match="Nonzero only supports non-scalar arrays"):
        flatnonzero(T.dscalar())


def test_nonzero_methods_and_indexing_grad():
    x = T.dmatrix()
    val = np.array([[0.0, 3.0], [-4.0, 0.0]])
    rows, cols = x.nonzero()
    picked = x[x.nonzero()]
    g = theano.grad((picked**2).sum(), x)
    a, b, c, d = function([x], [rows, cols, x.nonzero_values(), g])(val)
    assert a.tolist() == [0, 1] and b.tolist() == [1, 0]
    assert c.tolist() == [3.0, -4.0]
    np.testing.assert_allclose(d, 2 * val)
    assert T.nonzero(x, return_matrix=True).type == T.lmatrix


# ----------------------------------------------------------------------------------
# permute_row_elements, inverse_permutation


def _permute_ref(x, y, inverse):
    lead = np.broadcast_shapes(x.shape[:-1], y.shape[:-1])
    xb = np.broadcast_to(x, lead + x.shape[-1:])
    yb = np.broadcast_to(y, lead + y.shape[-1:])
    out = np.empty(xb.shape, dtype=x.dtype)
    for idx in np.ndindex(*lead):
        if inverse:
            out[idx][yb[idx]] = xb[idx]
        else:
            out[idx] = xb[idx][yb[idx]]
    return out


PERMUTE_CASES = [
    # x shape, y shape, x pattern, y pattern
    ((2, 3), (2, 3), (False, False), (False, False)),
    ((2, 3), (3,), (False, False), (False,)),
    ((3,), (4, 3), (False,), (False, False)),
    ((2, 1, 3), (4, 3), (False, True, False), (False, False)),
    ((1, 3), (4, 3), (True, False), (False, False)),
]


@pytest.mark.parametrize("xs, ys, xb, yb", PERMUTE_CASES)
@pytest.mark.parametrize("inverse", [0, 1])
def test_permute_row_elements(xs, ys, xb, yb, inverse):
    rng = np.random.RandomState(1)
    xval = rng.rand(*xs)
    yval = np.argsort(rng.rand(*ys), axis=-1)
    x = T.TensorType("float64", xb)()
    y = T.TensorType("int64", yb)()
    out = function([x, y], permute_row_elements(x, y, inverse))(xval, yval)
    np.testing.assert_array_equal(out, _permute_ref(xval, yval, inverse))
    # Theano 1.0.5 gave the gradient of the inverse=1 case with inverse=1 again (wrong);
    # here each direction's gradient is the other permutation.
    verify_grad(
        lambda a: permute_row_elements(T.patternbroadcast(a, xb), yval, inverse) * 3.0, [xval]
    )


def test_permute_row_elements_runtime_broadcast_is_strict():
    # Theano 1.0.5: a length-1 dimension not typed broadcastable does not broadcast
    x, y = T.dmatrix(), T.lmatrix()
    f = function([x, y], permute_row_elements(x, y))
    with pytest.raises(ValueError, match="dimension mismatch"):
        f(np.ones((1, 3)), np.zeros((2, 3), dtype="int64"))


def test_permute_row_elements_types():
    # Theano 1.0.5: permute_row_elements(drow, lrow) is a row; (dmatrix, ivector) a matrix
    x, r = T.dmatrix(), T.drow()
    z = permute_row_elements(x, T.ivector())
    assert z.type == T.dmatrix and isinstance(z.owner.op, PermuteRowElements)
    assert permute_row_elements(r, T.lrow()).broadcastable == (True, False)
    assert inverse_permutation(T.ivector()).type == T.ivector
    with pytest.raises(TypeError, match="must be integers"):
        permute_row_elements(x, T.dvector())
    verify_grad(
        lambda a: (
            permute_row_elements(T.addbroadcast(a, 0), np.array([[2, 0, 1], [1, 2, 0]])) * 3.0
        ),
        [rand(1, 3)],
    )


def test_inverse_permutation():
    p = T.lmatrix()
    val = np.argsort(np.random.RandomState(2).rand(3, 5), axis=1)
    out = function([p], inverse_permutation(p))(val)
    np.testing.assert_array_equal(out, np.argsort(val, axis=1))
    check_infer_shape(inverse_permutation(p), [p], [val])


# ----------------------------------------------------------------------------------
# choose


@pytest.mark.parametrize("mode", ["raise", "wrap", "clip"])
def test_choose_tensor(mode):
    a, c = T.ivector(), T.dmatrix()
    idx = np.array([0, 2, 1, 0], dtype="int32")
    if mode != "raise":
        idx = idx + np.array([0, 3, -2, 5], dtype="int32")
    cval = rand(3, 4)
    z = choose(a, c, mode=mode)
    # Theano 1.0.5: Choose{mode='raise'}, a float64 vector
    assert z.type == T.dvector and str(z.owner.op) == f"Choose{{mode={mode!r}}}"
    out = function([a, c], z)(idx, cval)
    np.testing.assert_array_equal(out, np.choose(idx, cval, mode=mode))


def test_choose_list_broadcast_and_method():
    a, u, v = T.imatrix(), T.dvector(), T.fscalar()
    z = choose(a, [u, v])
    assert z.type == T.dmatrix
    idx = np.array([[0, 1], [1, 0]], dtype="int32")
    uval = np.array([1.0, 2.0])
    m = a.choose([u, v])
    out, out2 = function([a, u, v], [z, m])(idx, uval, np.float32(9.0))
    expected = np.choose(idx, [uval, 9.0])
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(out2, expected)
    check_infer_shape(z, [a, u, v], [idx, uval, np.float32(9.0)])


def test_choose_errors():
    # Theano 1.0.5: "choose first argument must have an [u]int* dtype. Got float64."
    with pytest.raises(TypeError, match=r"choose first argument must have an \[u\]int\* dtype"):
        choose(T.dvector(), T.dmatrix())
    with pytest.raises(ValueError, match="mode must be"):
        Choose("bad")
    a, c = T.ivector(), T.dmatrix()
    f = function([a, c], choose(a, c))
    with pytest.raises(ValueError, match="invalid entry"):
        f(np.array([0, 5], dtype="int32"), rand(3, 2))
