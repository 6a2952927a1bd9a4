"""Products: dot, tensordot, outer, batched_dot, batched_tensordot against NumPy.

Types and printed forms come from Theano 1.0.5 runs (FACTS.md 2g, 8b, and probes noted
per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor.dot import BatchedDot, Dot


@pytest.fixture(autouse=True)
def _floatx_float64():
    # The expected dtypes below are Theano's with its default floatX=float64.
    with theano.change_flags(floatX="float64"):
        yield


def _run(inputs, outputs, *values):
    return theano.function(inputs, outputs, on_unused_input="ignore")(*values)


def _var(shape, dtype="float64", name=None, bcast=None):
    return T.TensorType(dtype, bcast or (False,) * len(shape))(name)


def _rand(shape, dtype="float64", seed=0):
    rng = np.random.RandomState(seed)
    if dtype.startswith("int"):
        return rng.randint(-3, 4, size=shape).astype(dtype)
    return np.asarray(rng.rand(*shape) * 2 - 1).astype(dtype)


# ----------------------------------------------------------------------------------
# types


@pytest.mark.parametrize(
    "xdt, ydt, out",
    [
        # Theano 1.0.5 (FACTS 2g)
        ("float32", "float64", "float64"),
        ("int32", "int32", "int32"),
        ("int32", "float32", "float64"),
        ("float32", "float32", "float32"),
        ("int8", "float32", "float32"),
        ("int64", "float64", "float64"),
    ],
)
def test_dot_dtype(xdt, ydt, out):
    x = T.matrix(dtype=xdt)
    y = T.matrix(dtype=ydt)
    z = T.dot(x, y)
    assert z.dtype == out
    res = _run([x, y], z, _rand((2, 3), xdt), _rand((3, 4), ydt, seed=1))
    assert res.dtype == out
    np.testing.assert_allclose(
        res, np.dot(_rand((2, 3), xdt), _rand((3, 4), ydt, seed=1)), rtol=1e-5
    )


def test_types_and_broadcastable():
    # Theano 1.0.5 probes
    assert T.dot(T.fvector(), T.fvector()).type == T.TensorType("float32", ())
    assert T.outer(T.fvector(), T.dvector()).type == T.TensorType("float64", (False, False))
    a, b, v = T.dtensor3(), T.dmatrix(), T.dvector()
    assert T.dot(a, b).ndim == 3 and T.dot(b, a).ndim == 3
    assert T.dot(a, v).ndim == 2 and T.dot(v, a).ndim == 2
    assert T.dot(T.row(), T.col()).broadcastable == (True, True)
    assert T.dot(T.col(), T.row()).broadcastable == (False, False)
    assert T.dot(T.row(), T.vector()).broadcastable == (True,)
    assert T.tensordot(a, b, [[1, 2], [0, 1]]).broadcastable == (False,)
    assert T.tensordot(a, b, 0).ndim == 5
    assert T.batched_dot(a, b).ndim == 2 and T.batched_dot(b, b).ndim == 1
    assert T.batched_dot(b, a).ndim == 2 and T.batched_dot(v, a).ndim == 3
    assert T.batched_dot(T.dtensor4(), a).ndim == 4
    bt = T.TensorType("float64", (True, False, True))()
    assert T.batched_dot(bt, T.tensor3()).broadcastable == (True, False, False)
    assert T.batched_dot(T.tensor3(), bt).broadcastable == (True, False, True)
    assert T.batched_tensordot(a, a, 1).ndim == 3


def test_printing():
    # Theano 1.0.5: 'dot.0', debugprint 'dot', BatchedDot, inputs of BatchedDot upcast
    x, y = T.dmatrices("x", "y")
    assert str(T.dot(x, y)) == "dot.0"
    assert str(T.dot(x, y).owner.op) == "dot"
    bd = T.batched_dot(T.itensor3(), T.ftensor3())
    assert str(bd.owner.op) == "BatchedDot"
    assert bd.dtype == "float64"
    assert [str(i.owner.op) for i in bd.owner.inputs] == [
        "Elemwise{Cast{float64}}",
        "Elemwise{Cast{float64}}",
    ]
    o = T.outer(T.dvector(), T.dvector())
    assert isinstance(o.owner.op, Dot)
    assert [str(i.owner.op) for i in o.owner.inputs] == [
        "InplaceDimShuffle{0,x}",
        "InplaceDimShuffle{x,0}",
    ]


# ----------------------------------------------------------------------------------
# values

DOT_SHAPES = [
    # x shape    y shape
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 4)),
    ((2, 3), (3, 4)),
    ((2, 3, 4), (4, 5)),
    ((4,), (2, 4, 5)),
    ((2, 3, 4), (4,)),
    ((5, 4), (2, 4, 3)),
    ((2, 3, 4), (5, 4, 6)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((0, 3), (3, 4)),
    ((2, 0), (0, 4)),
]


@pytest.mark.parametrize("xs, ys", DOT_SHAPES)
def test_dot_values(xs, ys):
    x, y = _var(xs), _var(ys)
    xv, yv = _rand(xs), _rand(ys, seed=1)
    out = T.dot(x, y)
    res = _run([x, y], out, xv, yv)
    ref = np.dot(xv, yv)
    assert isinstance(res, np.ndarray) and res.dtype == out.dtype
    assert res.shape == ref.shape
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


def test_dot_method_and_matmul():
    x, y = T.dmatrices("x", "y")
    xv, yv = _rand((2, 3)), _rand((3, 2), seed=1)
    r = _run([x, y], [x.dot(y), x @ y], xv, yv)
    np.testing.assert_allclose(r[0], xv @ yv)
    np.testing.assert_allclose(r[1], xv @ yv)


TENSORDOT_CASES = [
    # a shape      b shape        axes
    ((2, 3, 4), (3, 4, 5), 2),
    ((2, 3, 4), (4, 5), 1),
    ((2, 3), (4, 5), 0),
    ((3,), (3,), 1),
    ((2, 3), (2, 3), 2),
    ((2, 3, 4), (5, 4, 3), [[1, 2], [2, 1]]),
    ((2, 3, 4), (4, 2), [[0, 2], [1, 0]]),
    ((2, 3, 4), (3, 5), [[1], [0]]),
    ((2, 3, 4), (3, 5), ([-2], [0])),
    ((2, 3), (3, 2), [[], []]),
    ((2, 3, 4), (5, 6, 4, 3), [[1, 2], [3, 2]]),
]


@pytest.mark.parametrize("ashp, bshp, axes", TENSORDOT_CASES)
def test_tensordot(ashp, bshp, axes):
    a, b = _var(ashp), _var(bshp)
    av, bv = _rand(ashp), _rand(bshp, seed=1)
    out = T.tensordot(a, b, axes)
    res = _run([a, b], out, av, bv)
    ref = np.tensordot(av, bv, axes)
    assert res.shape == ref.shape and out.ndim == ref.ndim
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


def _batched_ref(a, b, axes):
    return np.stack([np.tensordot(a[i], b[i], axes) for i in range(a.shape[0])])


BATCHED_DOT_CASES = [
    ((3, 2, 4), (3, 4, 5)),
    ((3, 4), (3, 4, 5)),
    ((3, 2, 4), (3, 4)),
    ((3, 4), (3, 4)),
    ((3,), (3, 4, 5)),
    ((3, 2, 4), (3,)),
    ((3,), (3,)),
    ((3, 2, 4, 5), (3, 5, 6)),
    ((3, 2, 5), (3, 2, 5, 6)),
    ((0, 2, 4), (0, 4, 5)),
]


@pytest.mark.parametrize("ashp, bshp", BATCHED_DOT_CASES)
def test_batched_dot(ashp, bshp):
    a, b = _var(ashp), _var(bshp)
    av, bv = _rand(ashp), _rand(bshp, seed=1)
    out = T.batched_dot(a, b)
    res = _run([a, b], out, av, bv)
    if len(ashp) == 1 or len(bshp) == 1:
        ref = av.reshape(av.shape + (1,) * (len(bshp) - 1)) * bv.reshape(
            bv.shape + (1,) * (len(ashp) - 1)
        )
    elif len(ashp) > 3 or len(bshp) > 3:
        ref = _batched_ref(av, bv, [[len(ashp) - 2], [max(0, len(bshp) - 3)]])
    else:
        spec = {
            (3, 3): "bij,bjk->bik",
            (2, 3): "bj,bjk->bk",
            (3, 2): "bij,bj->bi",
            (2, 2): "bj,bj->b",
        }[len(ashp), len(bshp)]
        ref = np.einsum(spec, av, bv)
    assert res.shape == ref.shape
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "ashp, bshp, axes",
    [
        ((3, 2, 4), (3, 4, 5), [[2], [1]]),
        ((3, 2, 4), (3, 2, 5), [[1], [1]]),
        ((3, 2, 4, 5), (3, 5, 4), [[2, 3], [2, 1]]),
        ((3, 2, 4), (3, 2, 4), 2),
        ((3, 2, 4), (3, 4, 5), 1),
    ],
)
def test_batched_tensordot(ashp, bshp, axes):
    a, b = _var(ashp), _var(bshp)
    av, bv = _rand(ashp), _rand(bshp, seed=1)
    res = _run([a, b], T.batched_tensordot(a, b, axes), av, bv)
    if isinstance(axes, int):
        np_axes = [list(range(len(ashp) - 1 - axes, len(ashp) - 1)), list(range(axes))]
    else:
        np_axes = [[i - 1 for i in axes[0]], [i - 1 for i in axes[1]]]
    np.testing.assert_allclose(res, _batched_ref(av, bv, np_axes), rtol=1e-12, atol=1e-12)


def test_outer():
    x, y = T.dvector(), T.dmatrix()
    xv, yv = _rand((3,)), _rand((2, 2), seed=1)
    np.testing.assert_allclose(_run([x, y], T.outer(x, y), xv, yv), np.outer(xv, yv))


def test_int_by_float_upcast_values():
    x, y = T.imatrix(), T.fvector()
    xv, yv = _rand((2, 3), "int32"), _rand((3,), "float32")
    res = _run([x, y], T.dot(x, y), xv, yv)
    assert res.dtype == np.float64
    np.testing.assert_allclose(res, xv.astype("float64") @ yv.astype("float64"), rtol=1e-12)


def test_floatx_float32_keeps_float32():
    # With floatX=float32, int32 . float32 stays float32 (Theano's upcast rule)
    with theano.change_flags(floatX="float32"):
        x, y = T.imatrix(), T.fmatrix()
        out = T.dot(x, y)
        assert out.dtype == "float32"
        res = _run([x, y], out, _rand((2, 3), "int32"), _rand((3, 2), "float32"))
    assert res.dtype == np.float32


# ----------------------------------------------------------------------------------
# errors


def test_dot_runtime_mismatch_names_shapes():
    # Theano 1.0.5: ValueError 'shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)'
    x, y = T.dmatrices("x", "y")
    f = theano.function([x, y], T.dot(x, y))
    with pytest.raises(ValueError, match=r"\(2,3\) and \(4,5\) not aligned"):
        f(np.ones((2, 3)), np.ones((4, 5)))


def test_tensordot_runtime_mismatch():
    a, b = T.dtensor3(), T.dmatrix()
    f = theano.function([a, b], T.tensordot(a, b, [[2], [0]]))
    with pytest.raises(ValueError):
        f(np.ones((2, 3, 4)), np.ones((5, 6)))


def test_batched_dot_runtime_mismatch():
    a, b = T.dtensor3(), T.dtensor3()
    f = theano.function([a, b], T.batched_dot(a, b))
    with pytest.raises(ValueError, match=r"batch sizes unequal.*\(2, 3, 4\).*\(3, 4, 5\)"):
        f(np.ones((2, 3, 4)), np.ones((3, 4, 5)))
    with pytest.raises(ValueError, match=r"summation axis sizes unequal"):
        f(np.ones((2, 3, 4)), np.ones((2, 5, 5)))
    node = T.batched_dot(a, b).owner
    with pytest.raises(ValueError, match="batch sizes unequal"):
        node.op.perform(node, [np.ones((2, 3, 4)), np.ones((1, 4, 5))], [[None]])


def test_build_errors():
    m, b, a = T.dmatrix(), T.dmatrix(), T.dtensor3()
    with pytest.raises(TypeError, match=r"Dot: input 0 \(0-indexed\) must have ndim of 1 or 2"):
        Dot()(a, m)
    with pytest.raises(TypeError, match="2 arguments required"):
        Dot()(m)
    with pytest.raises(TypeError, match="BatchedDot: input 1 .* ndim of 2 or 3"):
        BatchedDot()(a, T.dtensor4())
    with pytest.raises(ValueError, match=r"axes can not be larger than the dimension of a"):
        T.tensordot(m, b, 3)
    with pytest.raises(ValueError, match="same length"):
        T.tensordot(m, b, [[0, 1], [0]])
    with pytest.raises(ValueError, match="len 2"):
        T.tensordot(m, b, [[0, 1, 2]])
    with pytest.raises(ValueError, match=r"axes\[0\] contains dimensions out of range"):
        T.tensordot(m, b, [[2], [0]])
    with pytest.raises(TypeError, match="batch"):
        T.batched_dot(T.dscalar(), m)
    with pytest.raises(ValueError, match="batch axis"):
        T.batched_tensordot(m, m, 2)
    with pytest.raises(ValueError, match="batch axis"):
        T.batched_tensordot(a, a, [[0], [1]])


# ----------------------------------------------------------------------------------
# shapes and gradients


@pytest.mark.parametrize("xs, ys", [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,))])
def test_dot_infer_shape(xs, ys):
    x, y = _var(xs), _var(ys)
    node = T.dot(x, y).owner
    assert (
        tuple(node.op.infer_shape(None, node, [xs, ys])[0])
        == np.dot(np.ones(xs), np.ones(ys)).shape
    )


@pytest.mark.parametrize(
    "xs, ys", [((2, 3, 4), (2, 4, 5)), ((2, 4), (2, 4, 5)), ((2, 3, 4), (2, 4)), ((2, 4), (2, 4))]
)
def test_batched_dot_infer_shape(xs, ys):
    x, y = _var(xs), _var(ys)
    node = T.batched_dot(x, y).owner
    shp = node.op.infer_shape(None, node, [xs, ys])[0]
    assert tuple(shp) == _run([x, y], T.batched_dot(x, y), np.ones(xs), np.ones(ys)).shape


def _check_lop(op_out, inputs, values, seed=0, eps=1e-6):
    """Each input's L_op gradient (for a random output gradient) vs central differences."""
    node = op_out.owner
    rng = np.random.RandomState(seed)
    f = theano.function(inputs, op_out)
    gz_val = rng.rand(*f(*values).shape) + 0.5
    gz = T.TensorType("float64", op_out.broadcastable)("gz")
    grads = node.op.L_op(node.inputs, node.outputs, [gz])
    g_vals = _run(list(inputs) + [gz], grads, *values, gz_val)
    for k, (val, g) in enumerate(zip(values, g_vals)):
        numeric = np.zeros_like(val)
        for i in np.ndindex(val.shape):
            up = [v.copy() for v in values]
            down = [v.copy() for v in values]
            up[k][i] += eps
            down[k][i] -= eps
            numeric[i] = np.sum(gz_val * (f(*up) - f(*down))) / (2 * eps)
        np.testing.assert_allclose(g, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("xs, ys", [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,))])
def test_dot_grad(xs, ys):
    x, y = _var(xs), _var(ys)
    _check_lop(T.dot(x, y), [x, y], [_rand(xs), _rand(ys, seed=1)])


@pytest.mark.parametrize(
    "xs, ys", [((2, 3, 4), (2, 4, 5)), ((2, 4), (2, 4, 5)), ((2, 3, 4), (2, 4)), ((2, 4), (2, 4))]
)
def test_batched_dot_grad(xs, ys):
    x, y = _var(xs), _var(ys)
    _check_lop(T.batched_dot(x, y), [x, y], [_rand(xs), _rand(ys, seed=1)])


def test_dot_grad_keeps_broadcastable():
    x = T.row()
    y = T.dmatrix()
    node = T.dot(x, y).owner
    gx, gy = node.op.L_op(node.inputs, node.outputs, [T.row()])
    assert gx.broadcastable == (True, False) and gy.broadcastable == (False, False)


@pytest.mark.skipif(not hasattr(theano, "grad"), reason="theano.grad not available yet")
@pytest.mark.parametrize(
    "build, shapes",
    [
        (lambda a, b: T.tensordot(a, b, [[1, 2], [2, 0]]), [(2, 3, 4), (4, 5, 3)]),
        (lambda a, b: T.dot(a, b), [(2, 3, 4), (4, 5)]),
        (lambda a, b: T.batched_tensordot(a, b, [[2], [1]]), [(2, 3, 4), (2, 4, 5)]),
        (lambda a, b: T.outer(a, b), [(3,), (4,)]),
    ],
)
def test_composite_grads(build, shapes):
    a, b = _var(shapes[0]), _var(shapes[1])
    av, bv = _rand(shapes[0]), _rand(shapes[1], seed=1)
    out = build(a, b)
    w = theano.shared(np.random.RandomState(2).rand(*_run([a, b], out, av, bv).shape))
    cost = T.sum(out * w)
    ga, gb = _run([a, b], theano.grad(cost, [a, b]), av, bv)
    f = theano.function([a, b], cost)
    for k, (val, g) in enumerate(zip((av, bv), (ga, gb))):
        numeric = np.zeros_like(val)
        for i in np.ndindex(val.shape):
            args_up, args_down = [av.copy(), bv.copy()], [av.copy(), bv.copy()]
            args_up[k][i] += 1e-6
            args_down[k][i] -= 1e-6
            numeric[i] = (f(*args_up) - f(*args_down)) / 2e-6
        np.testing.assert_allclose(g, numeric, rtol=1e-6, atol=1e-8)


def test_dot_r_op():
    x, y = T.dmatrices("x", "y")
    ex, ey = T.dmatrices("ex", "ey")
    node = T.dot(x, y).owner
    (r,) = node.op.R_op([x, y], [ex, ey])
    xv, yv, exv, eyv = (_rand((2, 3), seed=s) for s in range(4))
    yv, eyv = yv.T, eyv.T
    np.testing.assert_allclose(_run([x, y, ex, ey], r, xv, yv, exv, eyv), exv @ yv + xv @ eyv)
    (r1,) = node.op.R_op([x, y], [ex, None])
    np.testing.assert_allclose(_run([x, y, ex], r1, xv, yv, exv), exv @ yv)
