"""Shape ops: shape, Shape_i, specify_shape, reshape, flatten, transpose, padding, squeeze, tile.

Types and error messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.join import stack
from theano.tensor.shape import (
    Reshape,
    Shape,
    Shape_i,
    SpecifyShape,
    flatten,
    is_flat,
    reshape,
    shape,
    shape_i,
    shape_padaxis,
    shape_padleft,
    shape_padright,
    specify_shape,
    squeeze,
    swapaxes,
    tile,
    transpose,
)


def _has_subtensor():
    try:
        T.dvector()[0]
    except NotImplementedError:
        return False
    return True


needs_subtensor = pytest.mark.skipif(not _has_subtensor(), reason="indexing not implemented")


def tt(dtype, bcast, name=None):
    return T.TensorType(dtype, bcast)(name)


def check_infer_shape(out, inputs, values):
    """``out.owner.op.infer_shape`` gives the real shape, without computing ``out``."""
    node = out.owner
    in_shapes = [tuple(shape_i(i, d) for d in range(i.ndim)) for i in node.inputs]
    inferred = node.op.infer_shape(None, node, in_shapes)[out.index]
    assert len(inferred) == out.ndim
    real = function(inputs, out, on_unused_input="ignore")(*values)
    if not inferred:
        return
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    got = function(inputs, shape_var, on_unused_input="ignore")(*values)
    assert tuple(got) == real.shape


# ----------------------------------------------------------------------------------
# Shape, Shape_i


def test_shape_type_and_value():
    # Theano 1.0.5: T.shape(x) -> Shape.0, TensorType(int64, vector)
    x = T.dtensor3("x")
    s = shape(x)
    assert isinstance(s.owner.op, Shape)
    assert s.type == T.TensorType("int64", (False,))
    out = function([x], s)(np.zeros((2, 3, 4)))
    assert out.dtype == np.int64 and out.tolist() == [2, 3, 4]
    assert function([x], x.shape)(np.zeros((0, 3, 1))).tolist() == [0, 3, 1]


def test_shape_of_scalar_is_empty():
    a = T.dscalar()
    out = function([a], shape(a))(2.0)
    assert out.shape == (0,) and out.dtype == np.int64


@pytest.mark.parametrize("i", [0, 1, 2, -1])
def test_shape_i(i):
    x = T.dtensor3()
    s = Shape_i(i)(x)
    assert s.type == T.TensorType("int64", ())
    assert str(s.owner.op) == f"Shape_i{{{i}}}"
    out = function([x], s)(np.zeros((2, 3, 4)))
    assert out == (2, 3, 4)[i] and out.dtype == np.int64


def test_shape_i_errors_and_broadcastable():
    with pytest.raises(TypeError, match="Shape_i\\{2\\}.*only 2 dimensions"):
        Shape_i(2)(T.dmatrix())
    # shape_i knows a broadcastable dimension has length 1
    assert shape_i(T.drow(), 0).data == 1
    assert isinstance(shape_i(T.drow(), 1).owner.op, Shape_i)


def test_shape_has_no_gradient():
    x = T.dvector()
    assert Shape().connection_pattern(shape(x).owner) == [[False]]


# ----------------------------------------------------------------------------------
# specify_shape


def test_specify_shape():
    # Theano 1.0.5: type unchanged, inputs [x, TensorConstant{[2 3]}], str 'SpecifyShape'
    x = T.dmatrix("x")
    y = specify_shape(x, (2, 3))
    assert y.type == x.type
    assert isinstance(y.owner.op, SpecifyShape) and str(y.owner.op) == "SpecifyShape"
    assert y.owner.inputs[1].data.tolist() == [2, 3]
    f = function([x], y)
    assert f(np.ones((2, 3))).shape == (2, 3)
    with pytest.raises(AssertionError, match="got shape \\(2, 4\\), expected \\(2, 3\\)"):
        f(np.ones((2, 4)))


def test_specify_shape_symbolic_and_grad():
    x = T.dmatrix("x")
    s = T.lscalar("s")
    y = specify_shape(x, (s, 3))
    f = function([x, s], y * 2)
    assert np.array_equal(f(np.ones((4, 3)), 4), 2 * np.ones((4, 3)))
    with pytest.raises(AssertionError):
        f(np.ones((4, 3)), 5)
    check_infer_shape(y, [x, s], [np.ones((4, 3)), 4])
    g = theano.grad((specify_shape(x, (2, 3)) * 3).sum(), x)
    assert np.array_equal(function([x], g)(np.ones((2, 3))), np.full((2, 3), 3.0))


def test_specify_shape_and_reshape_of_scalars():
    a = T.dscalar("a")
    f = function([a], [a.reshape((1, 1)), flatten(a), specify_shape(a, []) * 2])
    out = f(2.0)
    assert [o.shape for o in out] == [(1, 1), (1,), ()]
    assert [float(o.reshape(-1)[0]) for o in out] == [2.0, 2.0, 4.0]


def test_specify_shape_errors():
    x = T.dmatrix()
    with pytest.raises(ValueError, match="2 dimensions"):
        specify_shape(x, (2,))
    with pytest.raises(TypeError, match="integers"):
        specify_shape(x, (2.0, 3))


# ----------------------------------------------------------------------------------
# reshape


RESHAPE_TYPES = [
    # Theano 1.0.5 broadcastable patterns of x.reshape(newshape), x a dmatrix
    ((2, 3), (False, False)),
    ((1, -1), (True, False)),
    ((-1, 1), (False, True)),
    ((6,), (False,)),
    ((1, 1, 6), (True, True, False)),
    ((), ()),
]


@pytest.mark.parametrize("newshape, bcast", RESHAPE_TYPES)
def test_reshape_constant_shape_types(newshape, bcast):
    x = T.dmatrix("x")
    y = x.reshape(newshape)
    assert isinstance(y.owner.op, Reshape) and str(y.owner.op) == f"Reshape{{{len(bcast)}}}"
    assert y.broadcastable == bcast and y.dtype == "float64"
    assert y.owner.inputs[1].dtype == "int64"


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "int8", "bool", "complex128"])
@pytest.mark.parametrize(
    "in_shape, newshape",
    [
        ((2, 3), (3, 2)),
        ((2, 3), (-1,)),
        ((2, 3), (1, -1)),
        ((2, 3, 4), (4, -1, 2)),
        ((0, 3), (3, 0)),
        ((0, 3), (-1, 3)),
        ((1, 1), ()),
    ],
)
def test_reshape_values(dtype, in_shape, newshape):
    x = T.TensorType(dtype, (False,) * len(in_shape))("x")
    value = (np.arange(int(np.prod(in_shape))) % 3).astype(dtype).reshape(in_shape)
    out = function([x], x.reshape(newshape))(value)
    expected = value.reshape(newshape)
    assert out.dtype == expected.dtype and out.shape == expected.shape
    assert np.array_equal(out, expected)


def test_reshape_symbolic_shapes():
    # Theano 1.0.5: x.reshape((s, 3)) -> matrix, its shape input MakeVector{dtype='int64'}(s,
    # Elemwise{Cast{int64}}.0); x.reshape((s, 1)) -> col
    x = T.dmatrix("x")
    s = T.lscalar("s")
    assert x.reshape((s, 3)).type == T.TensorType("float64", (False, False))
    assert x.reshape((s, 1)).type == T.TensorType("float64", (False, True))
    assert str(x.reshape((s, 3)).owner.inputs[1].owner.op) == "MakeVector{dtype='int64'}"
    assert x.reshape(x.shape).type == T.TensorType("float64", (False, False))
    r = T.drow("r")
    assert r.reshape(r.shape).type == T.TensorType("float64", (True, False))
    f = function([x, s], x.reshape((s, -1)))
    value = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(f(value, 2), value.reshape(2, -1))
    assert np.array_equal(f(value, 6), value.reshape(6, -1))


def test_reshape_symbolic_vector_needs_ndim():
    # Theano 1.0.5 message
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    with pytest.raises(ValueError, match="provide the 'ndim' keyword argument"):
        x.reshape(lv)
    y = x.reshape(lv, ndim=3)
    assert y.type == T.TensorType("float64", (False,) * 3)
    f = function([x, lv], x.reshape(lv, ndim=2))
    value = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(f(value, [3, 2]), value.reshape(3, 2))
    assert np.array_equal(f(value, [-1, 6]), value.reshape(1, 6))
    with pytest.raises(ValueError, match="incorrect length 3, should be 2"):
        f(value, [3, 2, 1])
    with pytest.raises(ValueError):
        f(value, [4, 2])


def test_reshape_errors():
    x = T.dmatrix("x")
    # Theano 1.0.5 messages
    with pytest.raises(TypeError, match="must be a vector or a list/tuple of scalar"):
        x.reshape(5)
    with pytest.raises(TypeError, match="Shape must be integers"):
        x.reshape((2.0, 3))
    with pytest.raises(TypeError, match="Shape must be integers"):
        x.reshape(T.dvector(), 2)
    with pytest.raises(TypeError, match="Shape must be integers"):
        x.reshape((T.fscalar(), 3))
    with pytest.raises(ValueError, match="has 2 entries, expected 3"):
        x.reshape((2, 3), ndim=3)
    f = function([x], x.reshape((2, 4)))
    with pytest.raises(ValueError):
        f(np.zeros((2, 3)))


def test_reshape_perform_errors():
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    node = x.reshape(lv, ndim=2).owner
    out = [[None]]
    with pytest.raises(ValueError, match="Cannot reshape input of shape \\(2, 3\\)"):
        node.op.perform(node, [np.zeros((2, 3)), np.array([4, 2])], out)
    with pytest.raises(ValueError, match="incorrect length 1, should be 2"):
        node.op.perform(node, [np.zeros((2, 3)), np.array([6])], out)


def test_reshape_is_a_view_and_output_is_not_aliased():
    x = T.dmatrix("x")
    f = function([x], x.reshape((3, 2)))
    value = np.zeros((2, 3))
    out = f(value)
    out[0, 0] = 5.0
    assert value[0, 0] == 0.0


def test_reshape_grad():
    verify_grad(lambda a: a.reshape((3, 2)) * 2.5, [np.random.RandomState(0).rand(2, 3)])
    verify_grad(lambda a: a.reshape((-1,)), [np.random.RandomState(1).rand(2, 3, 4)])
    x = T.drow("x")
    g = theano.grad(x.reshape((3,)).sum(), x)
    assert g.type == x.type


@pytest.mark.parametrize("newshape", [(3, 4), (-1, 4), (2, -1, 3), (12,), (-1,), (1, 12, 1)])
def test_reshape_infer_shape_constant(newshape):
    x = T.dmatrix("x")
    check_infer_shape(x.reshape(newshape), [x], [np.zeros((4, 3))])


def test_reshape_infer_shape_symbolic():
    x = T.dmatrix("x")
    s = T.lscalar("s")
    check_infer_shape(x.reshape((s, -1)), [x, s], [np.zeros((4, 3)), 6])
    check_infer_shape(x.reshape((-1, s)), [x, s], [np.zeros((4, 3)), 6])
    check_infer_shape(x.reshape((s, 4)), [x, s], [np.zeros((4, 3)), 3])
    check_infer_shape(x.reshape(x.shape), [x], [np.zeros((4, 3))])
    a = T.dscalar("a")
    check_infer_shape(a.reshape((1, 1)), [a], [2.0])


# ----------------------------------------------------------------------------------
# flatten


FLATTEN_TYPES = [
    # Theano 1.0.5: input pattern, ndim, result pattern
    ((False, False), 1, (False,)),
    ((False, False), 2, (False, False)),
    ((False, False, False), 2, (False, False)),
    ((False, False, False), 3, (False, False, False)),
    ((True, False), 1, (False,)),
    ((False, True), 1, (False,)),
    ((), 1, (True,)),
    ((False, True, True), 2, (False, True)),
    ((True, True, False), 2, (True, False)),
    ((True, True, True), 1, (True,)),
    ((True, True, True), 2, (True, True)),
]


@pytest.mark.parametrize("in_bcast, ndim, out_bcast", FLATTEN_TYPES)
def test_flatten_types(in_bcast, ndim, out_bcast):
    x = tt("float64", in_bcast)
    y = flatten(x, ndim)
    assert y.broadcastable == out_bcast and y.dtype == "float64"
    value = np.arange(float(np.prod([2 if not b else 1 for b in in_bcast] or [1])))
    value = value.reshape([2 if not b else 1 for b in in_bcast])
    out = function([x], y)(value)
    if ndim == 1:
        expected = value.reshape(-1)
    else:
        expected = value.reshape(value.shape[: ndim - 1] + (-1,))
    assert out.shape == expected.shape and np.array_equal(out, expected)


def test_flatten_values_and_empty():
    x = T.dtensor3("x")
    f = function([x], [flatten(x), flatten(x, 2), x.flatten(2), x.ravel()])
    value = np.arange(24.0).reshape(2, 3, 4)
    a, b, c, d = f(value)
    assert np.array_equal(a, value.reshape(-1)) and np.array_equal(d, a)
    assert np.array_equal(b, value.reshape(2, 12)) and np.array_equal(c, b)
    a, b, c, d = f(np.zeros((2, 0, 4)))
    assert a.shape == (0,) and b.shape == (2, 0)


def test_flatten_errors_and_outdim():
    # Theano 1.0.5 messages
    t3 = T.dtensor3()
    for bad in (0, -1, 4):
        with pytest.raises(ValueError, match=f"ndim {bad} out of bound \\[1, 4\\)"):
            flatten(t3, bad)
    with pytest.raises(ValueError, match="You should only specify ndim"):
        flatten(t3, ndim=2, outdim=1)
    with pytest.warns(UserWarning, match="outdim parameter is deprecated"):
        y = flatten(t3, outdim=2)
    assert y.ndim == 2


def test_flatten_grad_and_infer_shape():
    verify_grad(lambda a: flatten(a, 2) * 1.5, [np.random.RandomState(0).rand(2, 3, 4)])
    x = T.dtensor3("x")
    check_infer_shape(flatten(x, 2), [x], [np.zeros((2, 3, 4))])
    check_infer_shape(flatten(x), [x], [np.zeros((2, 3, 4))])


def test_is_flat():
    assert is_flat(T.dvector()) and not is_flat(T.dmatrix())
    assert is_flat(T.dmatrix(), 2) and is_flat(T.dmatrix(), outdim=2)


# ----------------------------------------------------------------------------------
# transpose, swapaxes, padding, squeeze


def test_transpose():
    # Theano 1.0.5: T.transpose(t3) is named 't3.T'; axes permute; a row becomes a col
    t3 = T.dtensor3("t3")
    assert transpose(t3).name == "t3.T"
    assert str(transpose(t3, (1, 0, 2)).owner.op) == "InplaceDimShuffle{1,0,2}"
    assert transpose(T.drow()).type == T.TensorType("float64", (False, True))
    assert T.dmatrix("x").T.name == "x.T"
    value = np.arange(24.0).reshape(2, 3, 4)
    f = function([t3], [transpose(t3), transpose(t3, (1, 0, 2)), transpose(t3, [2, -3, 1])])
    a, b, c = f(value)
    assert np.array_equal(a, value.T)
    assert np.array_equal(b, value.transpose(1, 0, 2))
    assert np.array_equal(c, value.transpose(2, 0, 1))


def test_transpose_errors():
    # Theano 1.0.5: ValueError for a dropped or repeated dimension
    x = T.dmatrix()
    with pytest.raises(ValueError, match="non-broadcastable"):
        transpose(x, (0,))
    with pytest.raises(ValueError):
        transpose(x, (0, 0))
    with pytest.raises(ValueError):
        transpose(x, (0, 2))


def test_swapaxes():
    # Theano 1.0.5: swapaxes(t3, 0, -1) -> InplaceDimShuffle{2,1,0}
    t3 = T.dtensor3("t3")
    y = swapaxes(t3, 0, -1)
    assert str(y.owner.op) == "InplaceDimShuffle{2,1,0}"
    value = np.arange(24.0).reshape(2, 3, 4)
    assert np.array_equal(function([t3], y)(value), np.swapaxes(value, 0, -1))
    assert np.array_equal(function([t3], t3.swapaxes(1, 2))(value), np.swapaxes(value, 1, 2))


PAD_TYPES = [
    # Theano 1.0.5 results
    (lambda v: shape_padleft(v), (True, False)),
    (lambda v: shape_padright(v), (False, True)),
    (lambda v: shape_padleft(v, 0), (False,)),
    (lambda v: shape_padright(v, 2), (False, True, True)),
    (lambda v: shape_padaxis(v, 0), (True, False)),
    (lambda v: shape_padaxis(v, 1), (False, True)),
    (lambda v: shape_padaxis(v, -1), (False, True)),
    (lambda v: shape_padaxis(v, -2), (True, False)),
]


@pytest.mark.parametrize("fn, bcast", PAD_TYPES)
def test_padding(fn, bcast):
    v = T.dvector("v")
    y = fn(v)
    assert y.broadcastable == bcast
    out = function([v], y)(np.arange(3.0))
    assert out.shape == tuple(1 if b else 3 for b in bcast)
    np.testing.assert_array_equal(out, np.arange(3.0).reshape(out.shape))


def test_padding_errors():
    # Theano 1.0.5 messages
    v = T.dvector()
    with pytest.raises(IndexError, match="axis 2 is out of bounds \\[-2, 2\\)"):
        shape_padaxis(v, 2)
    with pytest.raises(IndexError, match="axis -3 is out of bounds \\[-2, 2\\)"):
        shape_padaxis(v, -3)
    assert shape_padleft(T.dmatrix(), 2).broadcastable == (True, True, False, False)
    assert shape_padaxis(T.dmatrix(), -2).broadcastable == (False, True, False)


def test_squeeze():
    # Theano 1.0.5: only broadcastable dims are dropped; squeeze(row) -> InplaceDimShuffle{1}
    r = T.drow("r")
    assert squeeze(r).type == T.TensorType("float64", (False,))
    assert str(squeeze(r).owner.op) == "InplaceDimShuffle{1}"
    assert squeeze(T.dmatrix()).type == T.TensorType("float64", (False, False))
    assert squeeze(tt("float64", (True, True))).type == T.TensorType("float64", ())
    x = tt("float64", (True, False, True))
    out = function([x], squeeze(x))(np.arange(3.0).reshape(1, 3, 1))
    assert np.array_equal(out, np.arange(3.0))
    m = T.dmatrix("m")
    # a dimension of length 1 at run time but not typed broadcastable is kept
    assert function([m], m.squeeze())(np.ones((1, 3))).shape == (1, 3)


# ----------------------------------------------------------------------------------
# tile


TILE_CASES = [
    # x shape, reps; Theano 1.0.5 gives the same values as np.tile
    ((2, 3), (2, 3)),
    ((3,), (2, 3)),
    ((2, 3), 2),
    ((2, 3), (2, 1, 2)),
    ((2, 3), (1, 1)),
    ((0, 3), (2, 2)),
]


@pytest.mark.parametrize("in_shape, reps", TILE_CASES)
def test_tile_values(in_shape, reps):
    x = T.TensorType("float64", (False,) * len(in_shape))("x")
    value = np.arange(float(np.prod(in_shape))).reshape(in_shape)
    y = tile(x, reps)
    out = function([x], y)(value)
    expected = np.tile(value, reps)
    assert y.ndim == expected.ndim
    assert out.shape == expected.shape and np.array_equal(out, expected)


def test_tile_types_symbolic_and_errors():
    # Theano 1.0.5 types and messages
    x = T.dmatrix("x")
    s = T.lscalar("s")
    assert tile(T.drow(), (1, 3)).type == T.TensorType("float64", (True, False))
    assert tile(x, (2, 3, 4)).type == T.TensorType("float64", (False,) * 3)
    y = tile(x, [s, 2])
    value = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(function([x, s], y)(value, 3), np.tile(value, (3, 2)))
    with pytest.raises(ValueError, match="you should specify the ndim"):
        tile(x, T.lvector())
    with pytest.raises(ValueError, match="ndim should be equal or larger than x.ndim"):
        tile(x, (2,), ndim=1)
    with pytest.raises(ValueError, match="len\\(reps\\) should be equal or less than ndim"):
        tile(x, (2, 2, 2), ndim=2)
    with pytest.raises(ValueError, match="elements of reps must be scalars of integer dtype"):
        tile(x, (2.0, 3))
    with pytest.raises(ValueError, match="elements of reps must be integer dtype"):
        tile(x, 2.0)


def test_tile_grad():
    verify_grad(lambda a: tile(a, (2, 3)), [np.random.RandomState(0).rand(2, 3)])


@needs_subtensor
def test_tile_symbolic_vector_reps():
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    y = tile(x, lv, ndim=3)
    assert y.type == T.TensorType("float64", (False,) * 3)
    value = np.arange(6.0).reshape(2, 3)
    f = function([x, lv], y)
    assert np.array_equal(f(value, [2, 1, 2]), np.tile(value, (2, 1, 2)))
    assert np.array_equal(f(value, [2, 3]), np.tile(value, (1, 2, 3)))


def test_reshape_function_signature():
    x = T.dmatrix()
    assert reshape(x, (3, 2)).ndim == 2
    assert reshape(x, T.lvector(), 4).ndim == 4
