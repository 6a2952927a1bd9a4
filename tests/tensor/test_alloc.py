"""Creation ops: alloc, AllocEmpty, zeros/ones(_like), arange, eye, tri/tril/triu, mgrid/ogrid.

Types, graphs and error messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import function
from theano.gradient import verify_grad
from theano.graph.basic import ancestors
from theano.tensor.alloc import (
    Alloc,
    AllocEmpty,
    ARange,
    Eye,
    Tri,
    alloc,
    arange,
    eye,
    identity_like,
    mgrid,
    ogrid,
    ones,
    ones_like,
    tensor_copy,
    tri,
    tril,
    triu,
    zeros,
    zeros_like,
)
from theano.tensor.join import stack
from theano.tensor.shape import shape_i


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
# Alloc


ALLOC_TYPES = [
    # Theano 1.0.5 (floatX=float64): the float 0. is autocast to float32, 0 to int8
    (lambda v, r, s: alloc(0.0, 2, 3), ("float32", (False, False))),
    (lambda v, r, s: alloc(0, 2, 3), ("int8", (False, False))),
    (lambda v, r, s: alloc(np.float32(0), 2, 3), ("float32", (False, False))),
    (lambda v, r, s: alloc(0.0, 1, 3), ("float32", (True, False))),
    (lambda v, r, s: alloc(0.0, s, 1), ("float32", (False, True))),
    (lambda v, r, s: alloc(v, 2, 3), ("float64", (False, False))),
    (lambda v, r, s: alloc(v, 2, 1, 3), ("float64", (False, True, False))),
    (lambda v, r, s: alloc(r, 1, 3), ("float64", (True, False))),
    (lambda v, r, s: alloc(r, 2, 1, 3), ("float64", (False, True, False))),
    (lambda v, r, s: alloc(v, 3), ("float64", (False,))),
    (lambda v, r, s: alloc(0.0), ("float32", ())),
]


@pytest.mark.parametrize("build, expected", ALLOC_TYPES)
def test_alloc_types(build, expected):
    out = build(T.dvector(), T.drow(), T.lscalar())
    assert isinstance(out.owner.op, Alloc) and str(out.owner.op) == "Alloc"
    assert out.type == typ(*expected)


def test_alloc_node():
    # Theano 1.0.5: [TensorConstant{0.0}, TensorConstant{2}, TensorConstant{3}], __props__ ()
    out = alloc(0.0, 2, 3)
    assert [getattr(i, "data", None) for i in out.owner.inputs] == [0.0, 2, 3]
    assert Alloc.__props__ == ()
    s, i = T.lscalar("s"), T.iscalar("i")
    assert alloc(0.0, s, i).owner.inputs[1:] == [s, i]


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "int8", "bool", "complex64"])
def test_alloc_values(dtype):
    v = T.TensorType(dtype, (False,))("v")
    s = T.lscalar("s")
    val = (np.arange(3) % 2).astype(dtype)
    f = function([v, s], [alloc(v, s, 3), alloc(v, 2, 1, 3), alloc(v, s, 3) + 0])
    a, b, c = f(val, 2)
    assert np.array_equal(c, a)
    assert a.dtype == dtype and np.array_equal(a, np.broadcast_to(val, (2, 3)))
    assert np.array_equal(b, np.broadcast_to(val, (2, 1, 3)))
    assert np.array_equal(function([v, s], alloc(v, s, 3))(val, 0), np.zeros((0, 3), dtype))


def test_alloc_output_is_writable_copy():
    v = T.dvector("v")
    val = np.arange(3.0)
    out = function([v], alloc(v, 2, 3))(val)
    out[0, 0] = 7.0
    assert val[0] == 0.0 and out[1, 0] == 0.0


def test_alloc_scalar_constant_values():
    s = T.lscalar("s")
    f = function([s], [alloc(np.float32(1.5), s, 2), alloc(0, 2, s), alloc(np.float32(1.0), s, 2)])
    a, b, c = f(3)
    assert a.dtype == np.float32 and np.array_equal(a, np.full((3, 2), 1.5))
    assert np.array_equal(c, np.ones((3, 2)))
    assert b.dtype == np.int8 and np.array_equal(b, np.zeros((2, 3)))
    # Theano 1.0.5: f(0) -> array([], shape=(0, 2), dtype=float32)
    assert function([s], alloc(np.float32(1.0), s, 2))(0).shape == (0, 2)


def test_alloc_runtime_errors():
    # Theano 1.0.5: numpy's broadcast and negative-dimension errors
    v = T.dvector("v")
    s = T.lscalar("s")
    f = function([v, s], alloc(v, s, 3))
    with pytest.raises(ValueError, match="could not broadcast"):
        f(np.arange(2.0), 2)
    with pytest.raises(ValueError, match="negative dimensions are not allowed"):
        f(np.arange(3.0), -1)
    with pytest.raises(ValueError, match="could not broadcast"):
        function([v], alloc(v, 2, 1))(np.arange(3.0))
    node = alloc(v, 2, 1).owner
    with pytest.raises(ValueError, match="could not broadcast"):
        node.op.perform(node, [np.arange(3.0), np.array(2), np.array(1)], [[None]])


def test_alloc_build_errors():
    # Theano 1.0.5 messages
    with pytest.raises(TypeError, match="has more dimensions than the specified dimensions"):
        alloc(T.dmatrix(), 3)
    with pytest.raises(
        TypeError, match="Shape arguments to Alloc must be integers, but argument 0 is not"
    ):
        alloc(0.0, 2.5, 3)
    with pytest.raises(TypeError, match="Shape arguments to Alloc must be integers"):
        alloc(0.0, T.fscalar(), 3)
    with pytest.raises(TypeError, match="Each shape dimension to Alloc must be a scalar"):
        alloc(0.0, T.lvector())


def test_alloc_grad():
    rng = np.random.RandomState(0)
    verify_grad(lambda a: alloc(a, 2, 3) * 1.5, [rng.rand(3)])
    verify_grad(lambda a: alloc(a, 4, 2, 3), [rng.rand(2, 3)])
    r = T.drow("r")
    g = theano.grad((alloc(r, 2, 4, 3) * 2).sum(), r)
    assert g.type == r.type
    assert np.array_equal(function([r], g)(np.ones((1, 3))), np.full((1, 3), 16.0))
    a = T.dscalar("a")
    g = theano.grad(alloc(a, 2, 3).sum(), a)
    assert function([a], g)(1.0) == 6.0


def test_alloc_infer_shape():
    v = T.dvector("v")
    s = T.lscalar("s")
    i = T.iscalar("i")
    check_infer_shape(alloc(v, s, i, 3), [v, s, i], [np.zeros(3), 2, 4])
    check_infer_shape(alloc(v, 1, 3), [v], [np.zeros(3)])


def test_alloc_empty():
    # Theano 1.0.5: AllocEmpty{dtype='float32'}, types from the shape constants
    op = AllocEmpty("float32")
    assert str(op) == "AllocEmpty{dtype='float32'}" and AllocEmpty.__props__ == ("dtype",)
    assert op(2, 3).type == typ("float32", (False, False))
    assert op(2, 1).type == typ("float32", (False, True))
    s = T.lscalar("s")
    out = function([s], op(s, 3))(4)
    assert out.shape == (4, 3) and out.dtype == np.float32
    with pytest.raises(TypeError, match="AllocEmpty: dtype must be a string"):
        AllocEmpty(np.float32)
    check_infer_shape(op(s, 3), [s], [4])


# ----------------------------------------------------------------------------------
# zeros, ones, *_like, tensor_copy


ZEROS_TYPES = [
    # Theano 1.0.5 (floatX=float64)
    (lambda x, s: zeros((2, 3)), ("float64", (False, False))),
    (lambda x, s: zeros((1, 3)), ("float64", (True, False))),
    (lambda x, s: zeros(3), ("float64", (False,))),
    (lambda x, s: zeros((s, 1)), ("float64", (False, True))),
    (lambda x, s: zeros([]), ("float64", ())),
    (lambda x, s: zeros(()), ("float64", ())),
    (lambda x, s: zeros((2, 3), dtype="int32"), ("int32", (False, False))),
    (lambda x, s: ones((2, 3), dtype="int32"), ("int32", (False, False))),
    (lambda x, s: zeros(x.shape), ("float64", (False, False))),
    (lambda x, s: zeros(s), ("float64", (False,))),
    (lambda x, s: zeros_like(x), ("float64", (False, False))),
    (lambda x, s: zeros_like(T.drow()), ("float64", (True, False))),
    (lambda x, s: zeros_like(x, dtype="int8"), ("int8", (False, False))),
    (lambda x, s: zeros_like(T.ivector()), ("int32", (False,))),
    (lambda x, s: ones_like(T.ivector(), dtype="float32"), ("float32", (False,))),
    (lambda x, s: tensor_copy(x), ("float64", (False, False))),
]


@pytest.mark.parametrize("build, expected", ZEROS_TYPES)
def test_zeros_ones_types(build, expected):
    assert build(T.dmatrix(), T.lscalar()).type == typ(*expected)


def test_zeros_ones_nodes():
    # Theano 1.0.5: zeros/ones are Alloc of a 0-d constant of the dtype; zeros_like is
    # Elemwise{second,no_inplace}(x, InplaceDimShuffle{x,x}.0)
    assert [i.data for i in zeros((2, 3)).owner.inputs] == [0.0, 2, 3]
    assert [i.data for i in ones((2, 3)).owner.inputs] == [1.0, 2, 3]
    assert zeros((2, 3), dtype="bool").owner.inputs[0].data.dtype == np.bool_
    x = T.dmatrix("x")
    z = zeros_like(x)
    assert str(z.owner.op) == "Elemwise{second,no_inplace}"
    assert z.owner.inputs[0] is x
    # opt=True returns a constant only when it has the model's type
    assert isinstance(zeros_like(x, opt=True).owner.op, type(z.owner.op))
    assert ones_like(T.dscalar(), opt=True).data == 1.0
    assert str(tensor_copy(x).owner.op) == "Elemwise{identity}"


def test_zeros_ones_values():
    x = T.dmatrix("x")
    s = T.lscalar("s")
    f = function(
        [x, s],
        [
            zeros((s, 2)),
            ones((2,), dtype="int8"),
            zeros(x.shape),
            ones_like(x),
            zeros_like(x),
            ones(s, dtype="bool"),
            tensor_copy(x),
        ],
    )
    value = np.arange(6.0).reshape(2, 3)
    a, b, c, d, e, g, h = f(value, 3)
    assert a.dtype == np.float64 and np.array_equal(a, np.zeros((3, 2)))
    assert b.dtype == np.int8 and np.array_equal(b, [1, 1])
    assert np.array_equal(c, np.zeros((2, 3))) and np.array_equal(d, np.ones((2, 3)))
    assert np.array_equal(e, np.zeros((2, 3)))
    assert g.dtype == np.bool_ and g.tolist() == [True] * 3
    assert np.array_equal(h, value) and not np.shares_memory(h, value)


@pytest.mark.parametrize("dtype", ["bool", "int8", "float32", "complex128"])
def test_tensor_copy_dtypes(dtype):
    x = T.TensorType(dtype, (False,))("x")
    value = np.array([1, 0, 1], dtype=dtype)
    out = function([x], [tensor_copy(x), x.copy(name="c")])(value)
    assert all(o.dtype == dtype and np.array_equal(o, value) for o in out)
    assert x.copy(name="c").name == "c"


def test_zeros_of_unknown_length_vector():
    # Theano 1.0.5: ValueError "length not known"
    with pytest.raises(ValueError, match="length not known"):
        zeros(T.lvector())
    with pytest.raises(TypeError, match="Shape arguments to Alloc must be integers"):
        zeros((2.5, 3))


def test_zeros_like_grad_is_zero():
    x = T.dvector("x")
    g = theano.grad((zeros_like(x) + x).sum(), x)
    assert np.array_equal(function([x], g)(np.ones(3)), np.ones(3))


# ----------------------------------------------------------------------------------
# arange


ARANGE_DTYPES = [
    # Theano 1.0.5 (floatX=float64, cast_policy='custom')
    (lambda: arange(5), "int64"),
    (lambda: arange(T.iscalar()), "int64"),
    (lambda: arange(T.lscalar()), "int64"),
    (lambda: arange(T.bscalar()), "int64"),
    (lambda: arange(0.0, 1.0, 0.1), "float64"),
    (lambda: arange(0, 1, 0.1), "float64"),
    (lambda: arange(0.0, 1.0, 0.5), "float32"),
    (lambda: arange(2.5), "float32"),
    (lambda: arange(T.fscalar()), "float32"),
    (lambda: arange(T.dscalar()), "float64"),
    (lambda: arange(5, dtype="float32"), "float32"),
    (lambda: arange(T.TensorType("uint8", ())()), "int64"),
    (lambda: arange(np.uint8(0), np.uint8(3), np.uint8(1)), "uint64"),
    (lambda: arange(T.lscalar(), dtype="floatX"), "float64"),
]


@pytest.mark.parametrize("build, dtype", ARANGE_DTYPES)
def test_arange_dtype(build, dtype):
    out = build()
    assert out.type == typ(dtype, (False,))
    assert str(out.owner.op) == f"ARange{{dtype={dtype!r}}}"


def test_arange_node():
    # Theano 1.0.5: ARange{dtype='int64'}(TensorConstant{0}, TensorConstant{5}, TensorConstant{1})
    out = arange(5)
    assert isinstance(out.owner.op, ARange)
    assert [i.data for i in out.owner.inputs] == [0, 5, 1]


@pytest.mark.parametrize(
    "args",
    [
        (5,),
        (0,),
        (-3,),
        (2, 7),
        (7, 2),
        (7, 2, -2),
        (0, 10, 3),
        (0.0, 1.0, 0.1),
        (1.5,),
        (-1.0, 1.0, 0.25),
    ],
)
def test_arange_values(args):
    expected = np.arange(*args)
    syms = [T.lscalar() if isinstance(a, int) else T.dscalar() for a in args]
    out_var = arange(*syms)
    out = function(syms, out_var)(*args)
    assert out.dtype == out_var.dtype
    assert out.shape == expected.shape and np.allclose(out, expected)
    check_infer_shape(out_var, syms, list(args))


def test_arange_infer_shape_constants():
    s = T.lscalar("s")
    check_infer_shape(arange(s), [s], [4])
    check_infer_shape(arange(2, s), [s], [1])
    check_infer_shape(arange(s, 10, 3), [s], [2])


def test_arange_grad():
    start, step = T.dscalar("start"), T.dscalar("step")
    out = arange(start, 5.0, step)
    gs, gt = theano.grad((out * 2).sum(), [start, step])
    a, b = function([start, step], [gs, gt])(0.0, 1.0)
    assert a == 10.0 and b == 2 * sum(range(5))


def test_arange_errors():
    with pytest.raises(TypeError, match="ARange: start must be a scalar"):
        arange(T.dvector(), 3)


# ----------------------------------------------------------------------------------
# eye, identity_like, tri, tril, triu


def test_eye_types_and_nodes():
    # Theano 1.0.5: Eye{dtype='float64'}(TensorConstant{3}, TensorConstant{3}, TensorConstant{0})
    out = eye(3)
    assert isinstance(out.owner.op, Eye) and str(out.owner.op) == "Eye{dtype='float64'}"
    assert Eye.__props__ == ("dtype",)
    assert [i.data for i in out.owner.inputs] == [3, 3, 0]
    assert [i.data for i in eye(3, k=-1).owner.inputs] == [3, 3, -1]
    assert eye(3, 4, 1, dtype="int32").type == typ("int32", (False, False))
    assert eye(1).type == typ("float64", (False, False))
    x = T.dmatrix("x")
    assert identity_like(x).dtype == "float64"
    assert identity_like(T.imatrix()).dtype == "int32"
    with theano.change_flags(floatX="float32"):
        assert eye(2).dtype == "float32" and tri(2).dtype == "float32"


@pytest.mark.parametrize("args", [(3,), (3, 4, 1), (3, 2, -1), (0,), (2, 5, -3), (4, 4, 7)])
def test_eye_tri_values(args):
    n = T.lscalar("n")
    out = function([n], [eye(n, *args[1:]), tri(n, *args[1:], dtype="int32")])(args[0])
    assert np.array_equal(out[0], np.eye(*args)) and out[0].dtype == np.float64
    assert np.array_equal(out[1], np.tri(*args, dtype="int32")) and out[1].dtype == np.int32


def test_eye_tri_infer_shape_and_errors():
    n, m = T.lscalar("n"), T.iscalar("m")
    check_infer_shape(eye(n, m), [n, m], [2, 3])
    check_infer_shape(tri(n, m, 1), [n, m], [4, 3])
    with pytest.raises(TypeError, match="Eye: n must be an integer scalar"):
        eye(2.5)
    with pytest.raises(TypeError, match="Tri: M must be an integer scalar"):
        tri(2, T.dvector())
    with pytest.raises(TypeError, match="identity_like expects a matrix"):
        identity_like(T.dvector())
    assert isinstance(tri(3).owner.op, Tri) and str(tri(3).owner.op) == "Tri{dtype='float64'}"


def test_grad_through_eye_tri_arange_of_shapes():
    # integer arguments are disconnected: the gradient flows only through x itself
    x = T.dmatrix("x")
    cost = (eye(x.shape[0]) * x).sum() + (tril(x) * 2).sum() + zeros(x.shape).sum()
    g = function([x], theano.grad(cost, x))(np.ones((3, 3)))
    assert np.array_equal(g, np.eye(3) + 2 * np.tri(3))


def test_identity_like_values():
    x = T.dmatrix("x")
    out = function([x], identity_like(x))(np.zeros((2, 4)))
    assert np.array_equal(out, np.eye(2, 4))


@pytest.mark.parametrize("k", [0, 1, -1, 5])
@pytest.mark.parametrize("in_shape", [(3, 4), (4, 3), (2, 3, 3), (3,)])
def test_tril_triu(in_shape, k):
    # Theano 1.0.5: tril(x) is Elemwise{mul}(x, Tri{dtype='float64'}.0); dtype of x
    x = T.TensorType("float64", (False,) * len(in_shape))("x")
    value = np.arange(1.0, 1.0 + np.prod(in_shape)).reshape(in_shape)
    lo, up = function([x], [tril(x, k), triu(x, k)])(value)
    assert np.array_equal(lo, np.tril(value, k)) and np.array_equal(up, np.triu(value, k))


def test_tril_types_and_grad():
    assert tril(T.imatrix()).dtype == "int32"
    assert str(tril(T.dmatrix()).owner.op) == "Elemwise{mul,no_inplace}"
    verify_grad(lambda a: tril(a, 1) * 2.0, [np.random.RandomState(0).rand(3, 4)])
    verify_grad(lambda a: triu(a), [np.random.RandomState(1).rand(3, 4)])


# ----------------------------------------------------------------------------------
# mgrid, ogrid


def test_mgrid_ogrid():
    # Theano 1.0.5: int64 matrices for mgrid, a col and a row for ogrid; float slices give
    # float64 (the float32 range times the int64 ones)
    grids = mgrid[0:2, 0:3]
    assert [g.type for g in grids] == [typ("int64", (False, False))] * 2
    assert [g.type for g in ogrid[0:2, 0:3]] == [
        typ("int64", (False, True)),
        typ("int64", (True, False)),
    ]
    assert [g.dtype for g in mgrid[0:2.0, 0:3]] == ["float64", "float64"]
    out = function([], grids)()
    expected = np.mgrid[0:2, 0:3]
    assert all(np.array_equal(o, e) for o, e in zip(out, expected))
    out = function([], ogrid[0:5:2, 1:4])()
    expected = np.ogrid[0:5:2, 1:4]
    assert all(np.array_equal(o, e) for o, e in zip(out, expected))
    assert np.array_equal(function([], mgrid[0:1:0.25])(), np.mgrid[0:1:0.25])


def test_mgrid_symbolic_bounds_and_errors():
    s = T.lscalar("s")
    a, b = function([s], mgrid[0:s, 1:3])(3)
    ea, eb = np.mgrid[0:3, 1:3]
    assert np.array_equal(a, ea) and np.array_equal(b, eb)
    with pytest.raises(NotImplementedError, match="complex"):
        mgrid[0:1:5j]
    with pytest.raises(TypeError, match="take slices"):
        mgrid[0:2, 3]
