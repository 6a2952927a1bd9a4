"""Join, concatenate, stack, stacklists, horizontal/vertical_stack, Split, roll, MakeVector.

Types and error messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.join import (
    Join,
    MakeVector,
    Split,
    concatenate,
    horizontal_stack,
    join,
    roll,
    split,
    stack,
    stacklists,
    vertical_stack,
)
from theano.tensor.shape import shape_i


def tt(dtype, bcast, name=None):
    return T.TensorType(dtype, bcast)(name)


def typ(dtype, bcast):
    return T.TensorType(dtype, bcast)


def check_infer_shape(out, inputs, values):
    """``out.owner.op.infer_shape`` gives the real shape, without computing ``out``."""
    node = out.owner
    in_shapes = [tuple(shape_i(i, d) for d in range(i.ndim)) for i in node.inputs]
    inferred = node.op.infer_shape(None, node, in_shapes)[out.index]
    shape_var = stack([T.as_tensor_variable(s) for s in inferred])
    assert all(o not in ancestors([shape_var]) for o in node.outputs)
    f = function(inputs, [shape_var, out], on_unused_input="ignore")
    got, real = f(*values)
    assert tuple(got) == real.shape


# ----------------------------------------------------------------------------------
# Join / concatenate


def test_join_node():
    # Theano 1.0.5: Join(TensorConstant{0}, x, y); str 'Join'; __props__ ('view',)
    x, y = T.dmatrix("x"), T.dmatrix("y")
    z = join(0, x, y)
    assert isinstance(z.owner.op, Join) and str(z.owner.op) == "Join"
    assert Join.__props__ == ("view",)
    assert z.owner.inputs[0].data == 0 and z.owner.inputs[1:] == [x, y]
    assert join(0, x) is x
    # Theano 1.0.5: concatenate([x, y], axis=-1).owner.inputs -> [TensorConstant{1}, x, y]
    assert concatenate([x, y], axis=-1).owner.inputs[0].data == 1
    assert concatenate([x]) is x


JOIN_TYPES = [
    # Theano 1.0.5: axis, input patterns, result pattern
    (0, [(True, False), (True, False)], (False, False)),
    (1, [(True, False), (True, False)], (True, False)),
    (0, [(False, True), (False, False)], (False, True)),
    (0, [(True, False), (False, False)], (False, False)),
    (1, [(False, True), (False, True)], (False, False)),
    (-1, [(False, True), (False, True)], (False, False)),
    (-2, [(False, True), (False, True)], (False, True)),
]


@pytest.mark.parametrize("axis, patterns, out", JOIN_TYPES)
def test_join_broadcastable(axis, patterns, out):
    z = join(axis, *[tt("float64", p) for p in patterns])
    assert z.broadcastable == out


def test_join_symbolic_axis_not_broadcastable():
    # Theano 1.0.5: join(s, col, col) is a matrix
    c = T.dcol()
    assert join(T.lscalar(), c, c).broadcastable == (False, False)
    assert join(T.iscalar(), c, c).owner.inputs[0].dtype == "int32"


@pytest.mark.parametrize(
    "dtypes, out",
    [
        (("float32", "int32"), "float64"),
        (("float32", "float64"), "float64"),
        (("int32", "int8"), "int32"),
        (("float32", "float32"), "float32"),
        (("bool", "int8"), "int8"),
        (("uint8", "int8"), "int16"),
    ],
)
def test_join_dtype(dtypes, out):
    # Theano 1.0.5: concatenate([ivector, fvector]) is float64
    a, b = (tt(d, (False, False)) for d in dtypes)
    z = concatenate([a, b])
    assert z.dtype == out
    va = np.ones((1, 2), dtype=dtypes[0])
    vb = np.zeros((2, 2), dtype=dtypes[1])
    res = function([a, b], z)(va, vb)
    assert res.dtype == out and np.array_equal(res, np.concatenate([va, vb]).astype(out))


def test_join_with_constants():
    # Theano 1.0.5: join(0, x, [[1, 2]]) is a float64 matrix
    x = T.dmatrix("x")
    z = join(0, x, [[1, 2]])
    assert z.type == typ("float64", (False, False))
    assert np.array_equal(function([x], z)(np.zeros((1, 2))), [[0, 0], [1, 2]])


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3])
def test_join_values(axis):
    a, b, c = T.dtensor3("a"), T.dtensor3("b"), T.dtensor3("c")
    rng = np.random.RandomState(0)
    shp = [2, 3, 4]
    vals = []
    for n in (1, 2, 0):
        s = list(shp)
        s[axis] = n
        vals.append(rng.rand(*s))
    out = function([a, b, c], join(axis, a, b, c))(*vals)
    assert np.array_equal(out, np.concatenate(vals, axis=axis))


def test_join_symbolic_axis_values():
    # Theano 1.0.5: f(.., 1) and f(.., -1) join columns; -3 raises IndexError
    x, y = T.dmatrix("x"), T.dmatrix("y")
    s = T.lscalar("s")
    f = function([x, y, s], join(s, x, y))
    one, zero = np.ones((2, 3)), np.zeros((2, 3))
    assert np.array_equal(f(one, zero, 1), np.concatenate([one, zero], 1))
    assert np.array_equal(f(one, zero, -1), np.concatenate([one, zero], 1))
    assert np.array_equal(f(one, zero, 0), np.concatenate([one, zero], 0))
    with pytest.raises(Exception, match="out of bounds"):
        f(one, zero, 2)
    with pytest.raises(ValueError):
        f(one, np.zeros((2, 4)), 0)
    node = join(s, x, y).owner
    with pytest.raises(IndexError, match="Join axis -3 out of bounds \\[0, 2\\)"):
        node.op.perform(node, [np.array(-3), one, zero], [[None]])


def test_join_errors():
    # Theano 1.0.5 messages
    x, y, v = T.dmatrix("x"), T.dmatrix("y"), T.dvector("v")
    with pytest.raises(ValueError, match='Join argument "axis" is out of range'):
        join(2, x, y)
    with pytest.raises(IndexError, match="Join axis -3 out of bounds \\[0, 2\\)"):
        join(-3, x, y)
    with pytest.raises(TypeError, match="Join\\(\\) can only join tensors with the same number"):
        join(0, x, v)
    with pytest.raises(TypeError, match="Join cannot handle arguments of dimension 0"):
        join(0, T.dscalar(), T.dscalar())
    with pytest.raises(ValueError, match="Cannot join an empty list of tensors"):
        join(0)
    with pytest.raises(ValueError, match="Cannot join an empty list of tensors"):
        concatenate([])
    with pytest.raises(TypeError, match="make sure you did not forget \\(\\) or \\[\\]"):
        concatenate(x, y)
    with pytest.raises(TypeError, match="axis must be an integer scalar"):
        join(T.dscalar(), x, y)


def test_join_grad():
    rng = np.random.RandomState(0)
    verify_grad(lambda a, b: join(0, a, b) * 1.5, [rng.rand(2, 3), rng.rand(1, 3)])
    verify_grad(lambda a, b: concatenate([a, b], axis=-1), [rng.rand(2, 3), rng.rand(2, 1)])
    # Theano 1.0.5: grad of (concatenate([v, 2v]) ** 2).sum() at [0, 1, 2] is [0, 10, 20]
    v = T.dvector("v")
    g = theano.grad((concatenate([v, v * 2]) ** 2).sum(), v)
    assert np.allclose(function([v], g)(np.arange(3.0)), [0.0, 10.0, 20.0])


def test_join_grad_symbolic_axis_and_patterns():
    x = T.drow("x")
    m = T.dmatrix("m")
    s = T.lscalar("s")
    gx, gm = theano.grad((join(s, x, m) * 3).sum(), [x, m])
    assert gx.type == x.type and gm.type == m.type
    f = function([x, m, s], [gx, gm])
    a, b = f(np.ones((1, 3)), np.ones((2, 3)), 0)
    assert np.array_equal(a, np.full((1, 3), 3.0)) and np.array_equal(b, np.full((2, 3), 3.0))


def test_join_grad_mixed_dtypes():
    # the float32 input gets a float32 gradient from the float64 join
    f32 = T.fvector("f32")
    d = T.dvector("d")
    g = theano.grad(join(0, f32, d).sum(), f32)
    assert g.dtype == "float32"
    assert np.array_equal(function([f32, d], g)(np.ones(2, "float32"), np.ones(3)), [1, 1])
    # an integer input beside a float one: Theano 1.0.5 differentiates the float one fine
    iv = T.ivector("iv")
    g = theano.grad(join(0, iv, d).sum(), d)
    assert np.array_equal(function([iv, d], g)(np.ones(2, "int32"), np.ones(3)), [1, 1, 1])


def test_join_infer_shape():
    x, y = T.dmatrix("x"), T.dmatrix("y")
    s = T.lscalar("s")
    vals = [np.zeros((2, 3)), np.zeros((4, 3))]
    check_infer_shape(join(0, x, y), [x, y], vals)
    check_infer_shape(join(-1, x, y.T), [x, y], [np.zeros((2, 3)), np.zeros((4, 2))])
    check_infer_shape(join(s, x, y), [x, y, s], vals + [0])
    check_infer_shape(join(s, x, y), [x, y, s], [np.zeros((2, 3)), np.zeros((2, 5)), -1])


# ----------------------------------------------------------------------------------
# stack


STACK_TYPES = [
    # Theano 1.0.5: stack(...) result types
    (lambda a, b, x, y, v, r: stack([a, 1, 2.5]), ("float64", (False,))),
    (lambda a, b, x, y, v, r: stack([1, 2]), ("int8", (False,))),
    (lambda a, b, x, y, v, r: stack([np.int32(1), 2]), ("int32", (False,))),
    (lambda a, b, x, y, v, r: stack([x, y]), ("float64", (False,) * 3)),
    (lambda a, b, x, y, v, r: stack([x, y], axis=2), ("float64", (False,) * 3)),
    (lambda a, b, x, y, v, r: stack([x, y], axis=-3), ("float64", (False,) * 3)),
    (lambda a, b, x, y, v, r: stack([r, r]), ("float64", (False, True, False))),
    (lambda a, b, x, y, v, r: stack([r, r], 1), ("float64", (True, False, False))),
    (lambda a, b, x, y, v, r: stack([v]), ("float64", (True, False))),
    (lambda a, b, x, y, v, r: stack([a]), ("float64", (False,))),
    (lambda a, b, x, y, v, r: stack([T.iscalar(), T.fscalar()]), ("float64", (False,))),
    (lambda a, b, x, y, v, r: stack([T.iscalar(), T.bscalar()]), ("int32", (False,))),
    (lambda a, b, x, y, v, r: stack([T.ivector(), T.fvector()]), ("float64", (False, False))),
    (lambda a, b, x, y, v, r: stack(tensors=[x, y], axis=1), ("float64", (False,) * 3)),
    (lambda a, b, x, y, v, r: stacklists([[a, b], [a, b]]), ("float64", (False, False))),
    (lambda a, b, x, y, v, r: stacklists([[x, y], [x, y]]), ("float64", (False,) * 4)),
    (lambda a, b, x, y, v, r: horizontal_stack(x, y), ("float64", (False, False))),
    (lambda a, b, x, y, v, r: vertical_stack(x, y, x), ("float64", (False, False))),
]


@pytest.mark.parametrize("build, expected", STACK_TYPES)
def test_stack_types(build, expected):
    args = (T.dscalar(), T.dscalar(), T.dmatrix(), T.dmatrix(), T.dvector(), T.drow())
    assert build(*args).type == typ(*expected)


def test_stack_scalars_make_vector():
    # Theano 1.0.5: MakeVector{dtype='float64'}(a, b); stack([1, 2]) is MakeVector{dtype='int8'}
    a, b = T.dscalar("a"), T.dscalar("b")
    z = stack([a, b])
    assert isinstance(z.owner.op, MakeVector) and str(z.owner.op) == "MakeVector{dtype='float64'}"
    assert z.owner.inputs == [a, b]
    assert np.array_equal(function([a, b], z)(1.5, 2.5), [1.5, 2.5])
    assert stack([a, b], axis=1).ndim == 1
    assert stacklists(a) is a
    i = T.iscalar("i")
    out = function([i, a], stack([i, a]))(3, 0.5)
    assert out.dtype == np.float64 and out.tolist() == [3.0, 0.5]


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3])
def test_stack_values(axis):
    x, y = T.dmatrix("x"), T.dmatrix("y")
    vx, vy = np.arange(6.0).reshape(2, 3), -np.arange(6.0).reshape(2, 3)
    out = function([x, y], stack([x, y], axis=axis))(vx, vy)
    assert np.array_equal(out, np.stack([vx, vy], axis=axis))


def test_stack_deprecated_varargs():
    x, y = T.dmatrix("x"), T.dmatrix("y")
    with pytest.warns(DeprecationWarning, match="stack\\(\\*tensors\\) interface is deprecated"):
        z = stack(x, y)
    assert z.ndim == 3


def test_stack_errors():
    # Theano 1.0.5 messages
    x, y, v = T.dmatrix(), T.dmatrix(), T.dvector()
    with pytest.raises(IndexError, match="axis 3 is out of bounds \\[-3, 3\\)"):
        stack([x, y], axis=3)
    with pytest.raises(IndexError, match="axis -4 is out of bounds \\[-3, 3\\)"):
        stack([x, y], axis=-4)
    with pytest.raises(TypeError, match="same number of dimensions"):
        stack([x, v])
    with pytest.raises(TypeError, match="same number of dimensions"):
        stack([T.dscalar(), v])
    with pytest.raises(ValueError, match="tensors is empty"):
        stack([])
    with pytest.raises(TypeError, match="at least one parameter"):
        stack()
    with pytest.raises(TypeError, match="axis must be a Python int"):
        stack([x, y], axis=T.lscalar())
    with pytest.raises(TypeError, match="horizontal_stack needs at least two"):
        horizontal_stack(x)
    with pytest.raises(TypeError, match="must be a matrix"):
        horizontal_stack(x, v)


def test_stack_grad():
    rng = np.random.RandomState(0)
    verify_grad(lambda a, b: stack([a, b], axis=1) * 2.0, [rng.rand(2, 3), rng.rand(2, 3)])
    a, b = T.dscalar("a"), T.dscalar("b")
    ga, gb = theano.grad((stack([a, b]) * np.array([2.0, 3.0])).sum(), [a, b])
    assert function([a, b], [ga, gb])(1.0, 1.0) == [2.0, 3.0]


def test_make_vector():
    # Theano 1.0.5: never broadcastable, inputs upcast to its dtype
    a = T.iscalar("a")
    z = MakeVector("int64")(a, 2)
    assert z.type == typ("int64", (False,))
    assert MakeVector("float64")(T.dscalar()).broadcastable == (False,)
    assert np.array_equal(function([a], z)(5), [5, 2])
    with pytest.raises(TypeError, match="expected inputs upcastable to int32"):
        MakeVector("int32")(T.dscalar())
    with pytest.raises(TypeError, match="must be a scalar"):
        MakeVector("float64")(T.dvector())
    assert T.get_vector_length(z) == 2
    check_infer_shape(z, [a], [5])


# ----------------------------------------------------------------------------------
# Split


def test_split_node_and_values():
    # Theano 1.0.5: Split{2}(v, TensorConstant{0}, TensorConstant{[2 3]}), __props__
    # ('len_splits',), outputs with v's type
    v = T.dvector("v")
    pieces = split(v, [2, 3], 2)
    assert len(pieces) == 2 and str(pieces[0].owner.op) == "Split{2}"
    assert Split.__props__ == ("len_splits",)
    assert all(p.type == v.type for p in pieces)
    out = function([v], pieces)(np.arange(5.0))
    assert [o.tolist() for o in out] == [[0.0, 1.0], [2.0, 3.0, 4.0]]


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
def test_split_axes(axis):
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    value = np.arange(30.0).reshape(5, 6)
    n = value.shape[axis]
    sizes = [1, n - 3, 2]
    out = function([x, lv], split(x, lv, 3, axis=axis))(value, sizes)
    expected = np.split(value, np.cumsum(sizes)[:-1], axis=axis)
    for o, e in zip(out, expected):
        assert np.array_equal(o, e)


def test_split_symbolic_axis_and_runtime_errors():
    # Theano 1.0.5 messages
    v = T.dvector("v")
    lv = T.lvector("lv")
    f = function([v, lv], split(v, lv, 3))
    out = f(np.arange(6.0), [0, 6, 0])
    assert [o.shape for o in out] == [(0,), (6,), (0,)]
    with pytest.raises(ValueError, match="The splits sum to 5, expected 6"):
        f(np.arange(6.0), [1, 2, 2])
    with pytest.raises(ValueError, match="len\\(splits\\) != len_splits"):
        f(np.arange(6.0), [1, 2])
    with pytest.raises(ValueError, match="negative number of elements"):
        f(np.arange(6.0), [-1, 4, 3])
    x = T.dmatrix("x")
    s = T.lscalar("s")
    g = function([x, lv, s], split(x, lv, 2, axis=s))
    value = np.arange(6.0).reshape(2, 3)
    a, b = g(value, [1, 2], -1)
    assert np.array_equal(a, value[:, :1]) and np.array_equal(b, value[:, 1:])
    with pytest.raises(ValueError, match="Split.perform\\(\\) with axis=\\(2\\) is invalid"):
        g(value, [1, 2], 2)


def test_split_outputs_are_copies():
    v = T.dvector("v")
    value = np.arange(4.0)
    a, b = function([v], split(v, [2, 2], 2))(value)
    a[0] = 9.0
    b[0] = 9.0
    assert value.tolist() == [0.0, 1.0, 2.0, 3.0]


def test_split_build_errors():
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    with pytest.raises(TypeError, match="splits must be a vector of integers"):
        split(x, [2.0, 1.0], 2)
    with pytest.raises(TypeError, match="splits must be a vector of integers"):
        split(x, T.lmatrix(), 2)
    with pytest.raises(TypeError, match="splits must be a vector of integers"):
        split(x, 3, 1)
    with pytest.raises(TypeError, match="axis must be an integer scalar"):
        split(x, lv, 2, axis=1.0)
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        split(x, lv, 2, axis=2)
    with pytest.raises(ValueError, match="splits has 3 entries, expected 2"):
        split(x, [1, 1, 1], 2)
    assert split(x, lv, 0) == []
    assert len(split(x, [5], 1)) == 1


def test_split_grad():
    # Theano 1.0.5: grad of split(v, lv, 3)[1].sum() * 2 at [1, 2, 3] is [0, 2, 2, 0, 0, 0]
    v = T.dvector("v")
    lv = T.lvector("lv")
    gv = theano.grad(split(v, lv, 3)[1].sum() * 2, v)
    assert np.array_equal(function([v, lv], gv)(np.arange(6.0), [1, 2, 3]), [0, 2, 2, 0, 0, 0])
    rng = np.random.RandomState(0)

    def fn(a):
        p, q = split(a, [1, 3], 2, axis=1)
        return p * 2 + q.sum(axis=1, keepdims=True)

    verify_grad(fn, [rng.rand(3, 4)])


def test_split_infer_shape():
    x = T.dmatrix("x")
    lv = T.lvector("lv")
    s = T.lscalar("s")
    value = np.zeros((3, 5))
    for out in split(x, lv, 2, axis=1):
        check_infer_shape(out, [x, lv], [value, [2, 3]])
    for out in split(x, [1, 2], 2, axis=0):
        check_infer_shape(out, [x], [value])
    for out in split(x, lv, 2, axis=s):
        check_infer_shape(out, [x, lv, s], [value, [4, 1], -1])


# ----------------------------------------------------------------------------------
# roll


ROLL_CASES = [
    # shape, shift, axis
    ((2, 3), 1, None),
    ((2, 3), -7, None),
    ((2, 3), 1, -1),
    ((2, 3), 3, 0),
    ((5,), 2, None),
    ((5,), 0, 0),
    ((5,), 12, 0),
    ((2, 3, 4), -2, 1),
    ((0, 3), 1, 1),
]


@pytest.mark.parametrize("in_shape, shift, axis", ROLL_CASES)
def test_roll_values(in_shape, shift, axis):
    # Theano 1.0.5: roll(x, 1, -1) of arange(6).reshape(2, 3) -> [[2, 0, 1], [5, 3, 4]]
    x = T.TensorType("float64", (False,) * len(in_shape))("x")
    value = np.arange(float(np.prod(in_shape))).reshape(in_shape)
    out = function([x], roll(x, shift, axis))(value)
    assert np.array_equal(out, np.roll(value, shift, axis))


def test_roll_symbolic_shift_types_and_grad():
    # Theano 1.0.5: roll(row, 1, 1) and roll(row, 1) stay rows
    x = T.dmatrix("x")
    s = T.lscalar("s")
    value = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(function([x, s], roll(x, s, 0))(value, 3), np.roll(value, 3, 0))
    assert roll(T.drow(), 1, 1).type == typ("float64", (True, False))
    assert roll(T.drow(), 1).type == typ("float64", (True, False))
    assert roll(x, 1).type == x.type
    with pytest.raises(TypeError, match="axis must be a Python int"):
        roll(x, 1, s)
    verify_grad(lambda a: roll(a, 2, 1) * 1.5, [np.random.RandomState(0).rand(2, 3)])
