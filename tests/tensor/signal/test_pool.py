"""theano.tensor.signal.pool: pool_2d/pool_3d values, shapes, warnings and gradients.

Values are checked against a direct NumPy reference (one window at a time, below); shapes,
types, messages and the few printed numbers come from Theano 1.0.5 runs.
"""

import itertools
import warnings

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.pool  # registers the renderers (until dispatch does)
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.signal.pool import (
    AveragePoolGrad,
    DownsampleFactorMaxGradGrad,
    MaxPoolGrad,
    MaxPoolRop,
    Pool,
    PoolGrad,
    max_pool_2d_same_size,
    pool_2d,
    pool_3d,
)

MODES = ["max", "sum", "average_inc_pad", "average_exc_pad"]
RNG = np.random.RandomState(1234)

# (input shape, ws, stride, pad, ignore_border): disjoint, overlapping, strided past the
# window, partial windows kept or dropped, padding.
CONFIGS_2D = [
    ((2, 3, 4, 6), (2, 2), None, (0, 0), True),
    ((2, 3, 5, 7), (2, 2), None, (0, 0), False),
    ((2, 3, 5, 7), (2, 2), None, (0, 0), True),
    ((1, 2, 5, 7), (3, 2), (1, 2), (0, 0), False),
    ((1, 2, 5, 7), (3, 3), (1, 1), (0, 0), True),
    ((1, 2, 6, 5), (3, 3), (2, 2), (0, 0), False),
    ((1, 2, 7, 5), (2, 3), (3, 1), (0, 0), False),
    ((1, 2, 5, 7), (3, 3), (2, 2), (1, 2), True),
    ((1, 2, 5, 7), (2, 3), (3, 1), (1, 0), True),
    ((2, 1, 4, 5), (3, 2), (1, 1), (2, 1), True),
    ((3, 4, 6), (1, 3), (1, 2), (0, 0), False),
]


def ref_out_len(v, w, s, p, ignore_border):
    v = v + 2 * p
    if ignore_border:
        return max((v - w) // s + 1, 0)
    if s >= w:
        return (v - 1) // s + 1
    return max(0, (v - 1 - w + s) // s) + 1


def ref_windows(shape, ws, stride, pad, ignore_border):
    """For each output position: its index and the input slices of its real elements."""
    nd = len(ws)
    stride = ws if stride is None else stride
    spatial = shape[-nd:]
    outs = [ref_out_len(v, w, s, p, ignore_border)
            for v, w, s, p in zip(spatial, ws, stride, pad)]
    for r in itertools.product(*[range(o) for o in outs]):
        slices, inc = [], 1
        for j, v, w, s, p in zip(r, spatial, ws, stride, pad):
            start = j * s - p
            slices.append(slice(max(start, 0), min(start + w, v)))
            inc *= min(j * s + w, v + 2 * p) - j * s
        yield r, tuple(slices), inc, outs


def ref_pool(x, ws, stride, pad, ignore_border, mode):
    nd = len(ws)
    out = None
    for r, sl, inc, outs in ref_windows(x.shape, ws, stride, pad, ignore_border):
        if out is None:
            out = np.zeros(x.shape[:-nd] + tuple(outs), dtype="float64")
        win = x[(Ellipsis,) + sl].reshape(x.shape[:-nd] + (-1,)).astype("float64")
        if mode == "max":
            val = win.max(axis=-1)
        elif mode == "sum":
            val = win.sum(axis=-1)
        elif mode == "average_inc_pad":
            val = win.sum(axis=-1) / (np.prod(ws) if ignore_border else inc)
        else:
            val = win.mean(axis=-1)
        out[(Ellipsis,) + r] = val
    return out


def ref_pool_grad(x, gz, ws, stride, pad, ignore_border, mode):
    """The adjoint of ref_pool: max sends gz to elements equal to the max (ties too)."""
    nd = len(ws)
    gx = np.zeros(x.shape)
    for r, sl, inc, _ in ref_windows(x.shape, ws, stride, pad, ignore_border):
        idx = (Ellipsis,) + sl
        g = gz[(Ellipsis,) + r].reshape(gz.shape[:-nd] + (1,) * nd)
        win = x[idx]
        if mode == "max":
            m = win.reshape(x.shape[:-nd] + (-1,)).max(axis=-1)
            gx[idx] += g * (win == m.reshape(m.shape + (1,) * nd))
        elif mode == "sum":
            gx[idx] += g
        elif mode == "average_inc_pad":
            gx[idx] += g / (np.prod(ws) if ignore_border else inc)
        else:
            gx[idx] += g / win[(0,) * (win.ndim - nd)].size
    return gx


def tensor_of(shape, dtype="float64", name="x"):
    return T.TensorType(dtype, (False,) * len(shape))(name)


def quiet_pool_2d(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pool_2d(*args, **kwargs)


# -- values -------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape,ws,stride,pad,ignore_border", CONFIGS_2D)
def test_pool_2d_values(mode, shape, ws, stride, pad, ignore_border):
    x = tensor_of(shape)
    y = pool_2d(x, ws, ignore_border=ignore_border, stride=stride, pad=pad, mode=mode)
    assert isinstance(y.owner.op, Pool) and y.owner.op.mode == mode
    xv = RNG.randn(*shape)
    f = theano.function([x], [y, y.shape])
    res, shp = f(xv)
    ref = ref_pool(xv, ws, stride or ws, pad, ignore_border, mode)
    assert res.shape == ref.shape == tuple(shp)
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_pool_2d_float32_keeps_dtype(mode):
    x = T.ftensor4("x")
    y = pool_2d(x, (3, 2), ignore_border=True, stride=(2, 1), pad=(1, 1), mode=mode)
    assert y.dtype == "float32"
    xv = RNG.randn(2, 2, 5, 6).astype("float32")
    res = theano.function([x], y)(xv)
    assert res.dtype == np.float32
    np.testing.assert_allclose(res, ref_pool(xv, (3, 2), (2, 1), (1, 1), True, mode),
                               rtol=1e-5, atol=1e-5)


def test_int_input_average_truncates_like_theano():
    # Theano 1.0.5: pool_2d(itensor4, (2, 2), True, mode='average_inc_pad') of 3*arange(16)
    x = T.itensor4("x")
    fn = theano.function([x], [pool_2d(x, (2, 2), ignore_border=True, mode=m)
                               for m in ("average_inc_pad", "max", "sum")])
    avg, mx, sm = fn(np.arange(16, dtype="int32").reshape(1, 1, 4, 4) * 3)
    assert avg.dtype == np.int32
    np.testing.assert_array_equal(avg, [[[[7, 13], [31, 37]]]])
    np.testing.assert_array_equal(mx, [[[[15, 21], [39, 45]]]])
    np.testing.assert_array_equal(sm, [[[[30, 54], [126, 150]]]])


def test_max_pool_excludes_padding_even_when_all_negative():
    x = T.dtensor4("x")
    xv = -1 - RNG.rand(1, 1, 3, 3)
    res = theano.function([x], pool_2d(x, (2, 2), ignore_border=True, pad=(1, 1)))(xv)
    assert (res < -1).all()  # the zero padding never wins
    np.testing.assert_allclose(res, ref_pool(xv, (2, 2), (2, 2), (1, 1), True, "max"))


@pytest.mark.parametrize("ndim_in", [2, 3, 5])
def test_pool_2d_any_number_of_leading_axes(ndim_in):
    shape = (2, 3, 4, 5, 7)[-ndim_in:]
    x = tensor_of(shape)
    y = pool_2d(x, (2, 3), ignore_border=False, stride=(1, 2))
    xv = RNG.randn(*shape)
    res = theano.function([x], y)(xv)
    np.testing.assert_allclose(res, ref_pool(xv, (2, 3), (1, 2), (0, 0), False, "max"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ws,stride,pad,ignore_border", [
    ((2, 2, 2), None, (0, 0, 0), True),
    ((2, 3, 2), (1, 2, 3), (0, 0, 0), False),
    ((3, 2, 2), (2, 1, 2), (1, 1, 0), True),
])
def test_pool_3d_values(mode, ws, stride, pad, ignore_border):
    shape = (2, 1, 5, 6, 4)
    x = tensor_of(shape)
    y = pool_3d(x, ws, ignore_border=ignore_border, stride=stride, pad=pad, mode=mode)
    assert y.owner.op.ndim == 3
    xv = RNG.randn(*shape)
    res = theano.function([x], y)(xv)
    np.testing.assert_allclose(res, ref_pool(xv, ws, stride or ws, pad, ignore_border, mode),
                               rtol=1e-12, atol=1e-12)


def test_symbolic_window_stride_and_pad():
    x = T.dtensor4("x")
    ws, st, pad = T.ivector("ws"), T.ivector("st"), T.ivector("pad")
    y = Pool(ignore_border=True, mode="average_exc_pad")(x, ws, st, pad)
    f = theano.function([x, ws, st, pad], [y, y.shape])
    xv = RNG.randn(2, 3, 5, 7)
    res, shp = f(xv, [3, 2], [2, 1], [1, 1])
    assert tuple(shp) == res.shape == (2, 3, 3, 8)
    np.testing.assert_allclose(res, ref_pool(xv, (3, 2), (2, 1), (1, 1), True,
                                             "average_exc_pad"))
    # Theano 1.0.5: pool_2d(x, ivector ws, ignore_border=True) of a (2, 3, 5, 7) input
    y2 = pool_2d(x, ws, ignore_border=True)
    assert tuple(theano.function([x, ws], y2.shape)(xv, [2, 3])) == (2, 3, 2, 2)


def test_empty_input():
    x = T.dtensor4("x")
    res = theano.function([x], pool_2d(x, (2, 2), ignore_border=True))(np.zeros((0, 3, 4, 4)))
    assert res.shape == (0, 3, 2, 2)


# -- shapes and types (Theano 1.0.5) ---------------------------------------------------------

# Pool.out_shape((v,), (w,), ignore_border, (s,), (p,), ndim=1)[-1] for v = 1..7
OUT_SHAPE_TABLE = [
    # w, s, p, ignore_border, lengths for v = 1..7
    (1, 1, 0, False, [1, 2, 3, 4, 5, 6, 7]),
    (1, 3, 0, True, [1, 1, 1, 2, 2, 2, 3]),
    (2, 1, 0, False, [1, 1, 2, 3, 4, 5, 6]),
    (2, 1, 0, True, [0, 1, 2, 3, 4, 5, 6]),
    (2, 1, 1, True, [2, 3, 4, 5, 6, 7, 8]),
    (2, 2, 0, False, [1, 1, 2, 2, 3, 3, 4]),
    (2, 2, 0, True, [0, 1, 1, 2, 2, 3, 3]),
    (2, 2, 1, True, [1, 2, 2, 3, 3, 4, 4]),
    (2, 3, 0, False, [1, 1, 1, 2, 2, 2, 3]),
    (2, 3, 0, True, [0, 1, 1, 1, 2, 2, 2]),
    (2, 3, 1, True, [1, 1, 2, 2, 2, 3, 3]),
    (2, 4, 0, True, [0, 1, 1, 1, 1, 2, 2]),
    (2, 4, 1, True, [1, 1, 1, 2, 2, 2, 2]),
    (3, 1, 0, False, [1, 1, 1, 2, 3, 4, 5]),
    (3, 1, 0, True, [0, 0, 1, 2, 3, 4, 5]),
    (3, 1, 2, True, [3, 4, 5, 6, 7, 8, 9]),
    (3, 2, 0, False, [1, 1, 1, 2, 2, 3, 3]),
    (3, 2, 0, True, [0, 0, 1, 1, 2, 2, 3]),
    (3, 2, 1, True, [1, 1, 2, 2, 3, 3, 4]),
    (3, 2, 2, True, [2, 2, 3, 3, 4, 4, 5]),
    (3, 3, 2, True, [1, 2, 2, 2, 3, 3, 3]),
    (3, 4, 0, False, [1, 1, 1, 1, 2, 2, 2]),
    (3, 4, 2, True, [1, 1, 2, 2, 2, 2, 3]),
]


@pytest.mark.parametrize("w,s,p,ignore_border,expected", OUT_SHAPE_TABLE)
def test_out_shape_matches_theano(w, s, p, ignore_border, expected):
    got = [int(Pool.out_shape((v,), (w,), ignore_border, (s,), (p,), ndim=1)[-1])
           for v in range(1, 8)]
    assert got == expected
    assert got == [ref_out_len(v, w, s, p, ignore_border) for v in range(1, 8)]
    got_grad = [int(PoolGrad.out_shape((v,), (w,), ignore_border, (s,), (p,), ndim=1)[-1])
                for v in range(1, 8)]
    assert got_grad == expected


def test_out_shape_keeps_leading_and_accepts_deprecated_names():
    assert Pool.out_shape((3, 4, 5, 7), (2, 2), True) == [3, 4, 2, 3]
    assert Pool.out_shape((3, 4, 5, 7), (2, 2), False) == [3, 4, 3, 4]
    with pytest.warns(UserWarning, match="'ds' parameter is not going to exist"):
        assert Pool.out_shape((5, 7), ds=(2, 2), ignore_border=True) == [2, 3]
    with pytest.raises(TypeError, match="imgshape must have at least 2 dimensions"):
        Pool.out_shape((5,), (2, 2))


def test_symbolic_out_shape():
    x = T.dtensor4("x")
    shp = Pool.out_shape(x.shape, (2, 3), False, (1, 2))
    got = theano.function([x], [T.as_tensor_variable(s) for s in shp])(np.zeros((2, 3, 5, 7)))
    assert [int(g) for g in got] == [2, 3, 4, 3]


@pytest.mark.parametrize("dtype,bcast,out_bcast", [
    ("float64", (False, False, False, False), (False, False, False, False)),
    ("float32", (False, False, False), (False, False, False)),
    ("float64", (False, False), (False, False)),
    ("float64", (True, False, False, True), (True, False, False, False)),
    ("float64", (False, False, True, True), (False, False, False, False)),
    ("int32", (False, False, False, False), (False, False, False, False)),
])
def test_output_types_match_theano(dtype, bcast, out_bcast):
    x = T.TensorType(dtype, bcast)("x")
    y = pool_2d(x, (2, 2), ignore_border=True)
    assert y.type == T.TensorType(dtype, out_bcast)
    if dtype.startswith("float"):
        for mode, op in [("max", MaxPoolGrad), ("sum", AveragePoolGrad),
                         ("average_inc_pad", AveragePoolGrad)]:
            g = theano.grad(pool_2d(x, (2, 2), ignore_border=True, mode=mode).sum(), x)
            assert g.type == x.type
            assert isinstance(g.owner.op, op)


def test_op_names_and_graph_like_theano():
    assert str(Pool(True)) == "Pool{ignore_border=True, mode='max', ndim=2}"
    assert str(MaxPoolGrad(True)) == "MaxPoolGrad{ignore_border=True, mode='max', ndim=2}"
    assert str(AveragePoolGrad(True)) == (
        "AveragePoolGrad{ignore_border=True, mode='average_inc_pad', ndim=2}")
    assert str(DownsampleFactorMaxGradGrad(True)) == (
        "DownsampleFactorMaxGradGrad{ignore_border=True, mode='max', ndim=2}")
    x = T.dtensor4("x")
    y = pool_2d(x, (2, 2), ignore_border=True)
    ws, st, pad = y.owner.inputs[1:]
    assert [i.type for i in (ws, st, pad)] == [T.TensorType("int64", (False,))] * 3
    assert [list(i.data) for i in (ws, st, pad)] == [[2, 2], [2, 2], [0, 0]]
    assert Pool(mode="max_deterministic").mode == "max"
    assert Pool(True) == Pool(True) and Pool(True) != Pool(False)


# -- warnings and errors (Theano 1.0.5 messages) -------------------------------------------


def test_ignore_border_none_warns_and_keeps_partial_windows():
    x = T.dtensor4("x")
    with pytest.warns(UserWarning) as rec:
        y = pool_2d(x, (2, 2))
    msg = str(rec[0].message)
    assert msg.startswith("pool_2d() will have the parameter ignore_border default value "
                          "changed to True (currently False).")
    assert "`ws == stride and pad == (0, 0) and mode == 'max'`" in msg
    assert rec[0].filename == __file__  # attributed to the caller's line
    assert y.owner.op.ignore_border is False
    assert theano.function([x], y)(np.zeros((1, 1, 5, 5))).shape == (1, 1, 3, 3)
    with pytest.warns(UserWarning, match=r"pool_3d\(\) will have the parameter"):
        pool_3d(T.dtensor3(), (2, 2, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pool_2d(x, (2, 2), ignore_border=True)
        pool_2d(x, (2, 2), ignore_border=False)


def test_deprecated_argument_names():
    x = T.dtensor4("x")
    with pytest.warns(UserWarning) as rec:
        y = pool_2d(x, ds=(3, 2), st=(1, 2), padding=(1, 1), ignore_border=True)
    messages = [str(r.message) for r in rec]
    assert any("'ds' parameter is not going to exist" in m for m in messages)
    assert any("'st' parameter is not going to exist" in m for m in messages)
    assert any("'padding' parameter is not going to exist" in m for m in messages)
    xv = RNG.randn(1, 1, 5, 6)
    np.testing.assert_allclose(theano.function([x], y)(xv),
                               ref_pool(xv, (3, 2), (1, 2), (1, 1), True, "max"))


@pytest.mark.parametrize("call,exc,match", [
    (lambda x: pool_2d(x, (2, 2), ignore_border=False, pad=(1, 1)), NotImplementedError,
     "padding works only with ignore_border=True"),
    (lambda x: pool_2d(x, (2, 2), ignore_border=True, pad=(2, 1)), NotImplementedError,
     "padding must be smaller than strides"),
    (lambda x: pool_2d(x, (2, 2), ignore_border=True, mode="avg"), ValueError,
     ("Pool mode parameter only support 'max', 'sum', 'average_inc_pad' and "
      "'average_exc_pad'. Got avg")),
    (lambda x: pool_2d(x, (2.0, 2.0), ignore_border=True), TypeError,
     "Pool downsample parameters must be ints."),
    (lambda x: pool_2d(x, (2, 2), stride=(1.0, 1.0), ignore_border=True), TypeError,
     "Stride parameters must be ints."),
    (lambda x: pool_2d(x, ignore_border=True), ValueError,
     "You must provide a tuple value for the window size."),
    (lambda x: pool_2d(x, (2, 2), ds=(2, 2), ignore_border=True), ValueError,
     "You can't provide a tuple value to both 'ws' and 'ds'."),
    (lambda x: pool_2d(x, (2, 2), st=(1, 1), stride=(1, 1), ignore_border=True), ValueError,
     "You can't provide a tuple value to both 'st and 'stride'."),
    (lambda x: pool_2d(x, (2, 2), pad=(1, 1), padding=(1, 1), ignore_border=True),
     ValueError, "You can't provide a tuple value to both 'padding' and pad."),
    (lambda x: pool_2d(T.dvector(), (2, 2), ignore_border=True), NotImplementedError,
     "pool_2d requires a dimension >= 2"),
    (lambda x: pool_3d(T.dmatrix(), (2, 2, 2), ignore_border=True), NotImplementedError,
     "pool_3d requires a dimension >= 3"),
    (lambda x: Pool(ndim=3)(T.dmatrix(), (2, 2, 2)), TypeError,
     "Pool: input 0 .x. must have at least 3 dimensions"),
])
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call(T.dtensor4("x"))


def test_window_length_must_match_ndim():
    with pytest.raises(ValueError, match=r"Pool: ws must hold 2 values \(ndim=2\); got \[2, 2, 2\]"):
        Pool(True)(T.dtensor4(), (2, 2, 2))


def test_runtime_window_length_error():
    x = T.dtensor4("x")
    ws = T.ivector("ws")
    f = theano.function([x, ws], Pool(True)(x, ws))
    with pytest.raises(ValueError, match="Pool: ws must hold 2 values"):
        f(np.zeros((1, 1, 4, 4)), [2, 2, 2])


# -- gradients ----------------------------------------------------------------------------


def distinct(shape):
    """Values with no ties and gaps far above the finite-difference step."""
    n = int(np.prod(shape))
    return (RNG.permutation(n) * 0.1 + RNG.rand(n) * 0.01).reshape(shape)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape,ws,stride,pad,ignore_border", CONFIGS_2D[1:])
def test_grad_values_and_verify_grad(mode, shape, ws, stride, pad, ignore_border):
    xv = distinct(shape)

    def fn(x):
        return 2.5 * pool_2d(x, ws, ignore_border=ignore_border, stride=stride, pad=pad,
                             mode=mode)

    verify_grad(fn, [xv], rng=np.random.RandomState(0))
    x = tensor_of(shape)
    y = pool_2d(x, ws, ignore_border=ignore_border, stride=stride, pad=pad, mode=mode)
    gz = T.TensorType("float64", (False,) * len(shape))("gz")
    g = theano.grad((y * gz).sum(), x)
    gzv = RNG.rand(*ref_pool(xv, ws, stride or ws, pad, ignore_border, mode).shape)
    res = theano.function([x, gz], g)(xv, gzv)
    ref = ref_pool_grad(xv, gzv, ws, stride or ws, pad, ignore_border, mode)
    np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_pool_3d_verify_grad(mode):
    xv = distinct((1, 2, 4, 5, 3))
    verify_grad(lambda x: pool_3d(x, (2, 3, 2), ignore_border=False, stride=(1, 2, 2),
                                  mode=mode), [xv], rng=np.random.RandomState(0))


def test_max_grad_ties_go_to_every_maximum():
    # Theano 1.0.5: grad of pool_2d(ones((1, 1, 2, 4)), (2, 2), True).sum() is all ones
    x = T.dtensor4("x")
    g = theano.grad(pool_2d(x, (2, 2), ignore_border=True).sum(), x)
    np.testing.assert_array_equal(theano.function([x], g)(np.ones((1, 1, 2, 4))),
                                  np.ones((1, 1, 2, 4)))


@pytest.mark.parametrize("shape,ws,stride,pad,ignore_border", [
    ((1, 2, 4, 6), (2, 2), None, (0, 0), True),
    ((1, 2, 5, 7), (2, 2), None, (0, 0), True),
    ((1, 2, 5, 7), (3, 2), (1, 2), (0, 0), False),
    ((1, 2, 5, 7), (3, 3), (2, 2), (1, 2), True),
])
def test_second_derivative_of_max_pool(shape, ws, stride, pad, ignore_border):
    xv = distinct(shape)

    def pooled(x):
        return pool_2d(x, ws, ignore_border=ignore_border, stride=stride, pad=pad)

    # d/dx of grad((pool(x)**2).sum()) flows through MaxPoolGrad's gz: GradGrad
    verify_grad(lambda x: theano.grad((pooled(x) ** 2).sum(), x), [xv],
                rng=np.random.RandomState(0))
    x = tensor_of(shape)
    h = theano.grad(theano.grad((pooled(x) ** 2).sum(), x).sum(), x)
    assert any(isinstance(n.op, DownsampleFactorMaxGradGrad)
               for n in theano.graph.basic.io_toposort([x], [h]))


def test_grad_ops_verify_grad_wrt_their_linear_inputs():
    xv = distinct((1, 2, 5, 6))
    x = T.constant(xv)
    z = pool_2d(x, (2, 3), ignore_border=False, stride=(2, 2))
    zv = z.eval()
    ws, st, pad = (2, 3), (2, 2), (0, 0)
    verify_grad(lambda gz: MaxPoolGrad(False)(x, z, gz, ws, st, pad), [RNG.rand(*zv.shape)],
                rng=np.random.RandomState(0))
    verify_grad(lambda gg: DownsampleFactorMaxGradGrad(False)(x, z, gg, ws, st, pad),
                [RNG.rand(*xv.shape)], rng=np.random.RandomState(0))
    for mode in ("sum", "average_inc_pad", "average_exc_pad"):
        op = AveragePoolGrad(False, mode=mode)
        verify_grad(lambda gz, op=op: op(x, gz, ws, st, pad), [RNG.rand(*zv.shape)],
                    rng=np.random.RandomState(0))


def test_max_pool_grad_grad_values():
    xv = distinct((2, 1, 5, 7))
    x = tensor_of(xv.shape)
    ggx = tensor_of(xv.shape, name="ggx")
    for ws, st, pad, ib in [((2, 2), (2, 2), (0, 0), True), ((3, 2), (1, 2), (0, 0), False),
                            ((3, 3), (2, 2), (1, 1), True)]:
        z = Pool(ib)(x, ws, st, pad)
        out = DownsampleFactorMaxGradGrad(ib)(x, z, ggx, ws, st, pad)
        ggv = RNG.rand(*xv.shape)
        res = theano.function([x, ggx], out)(xv, ggv)
        ref = np.zeros(res.shape)
        for r, sl, _, _ in ref_windows(xv.shape, ws, st, pad, ib):
            win = xv[(Ellipsis,) + sl].reshape(2, 1, -1)
            pick = win.argmax(axis=-1)
            vals = ggv[(Ellipsis,) + sl].reshape(2, 1, -1)
            ref[(Ellipsis,) + r] = np.take_along_axis(vals, pick[..., None], -1)[..., 0]
        np.testing.assert_allclose(res, ref)


def test_rop_of_max_pool_reads_the_eval_point_at_the_max():
    xv = distinct((2, 2, 5, 7))
    ev = RNG.randn(*xv.shape)
    x = T.dtensor4("x")
    e = T.dtensor4("e")
    for ws, st, pad, ib in [((2, 2), None, (0, 0), False), ((3, 3), (2, 1), (1, 1), True)]:
        y = pool_2d(x, ws, ignore_border=ib, stride=st, pad=pad)
        r = theano.function([x, e], [theano.gradient.Rop(y, x, e),
                                     MaxPoolRop(ib)(x, e, ws, st, pad)])
        rop, rop_op = r(xv, ev)
        ref = np.zeros(rop.shape)
        for idx, sl, _, _ in ref_windows(xv.shape, ws, st or ws, pad, ib):
            win = xv[(Ellipsis,) + sl].reshape(2, 2, -1)
            vals = ev[(Ellipsis,) + sl].reshape(2, 2, -1)
            ref[(Ellipsis,) + idx] = np.take_along_axis(vals, win.argmax(-1)[..., None],
                                                        -1)[..., 0]
        np.testing.assert_allclose(rop, ref)
        np.testing.assert_allclose(rop_op, ref)


@pytest.mark.parametrize("mode", ["sum", "average_inc_pad", "average_exc_pad"])
def test_rop_of_linear_modes_pools_the_eval_point(mode):
    x = T.dtensor4("x")
    e = T.dtensor4("e")
    y = pool_2d(x, (3, 2), ignore_border=True, stride=(2, 1), pad=(1, 1), mode=mode)
    ev = RNG.randn(1, 2, 5, 6)
    res = theano.function([x, e], theano.gradient.Rop(y, x, e))(RNG.randn(*ev.shape), ev)
    np.testing.assert_allclose(res, ref_pool(ev, (3, 2), (2, 1), (1, 1), True, mode))


def test_max_pool_2d_same_size_like_theano():
    x = T.dtensor4("x")
    y = max_pool_2d_same_size(x, (2, 2))
    assert isinstance(y.owner.op, MaxPoolGrad)
    res = theano.function([x], y)(np.arange(25.0).reshape(1, 1, 5, 5))
    expected = np.zeros((5, 5))
    expected[1, 1], expected[1, 3], expected[3, 1], expected[3, 3] = 6, 8, 16, 18
    np.testing.assert_array_equal(res[0, 0], expected)  # Theano 1.0.5's output


def test_infer_shape_of_grad_ops():
    x = T.dtensor4("x")
    y = pool_2d(x, (3, 2), ignore_border=False, stride=(2, 1))
    g = theano.grad(y.sum(), x)
    gg = DownsampleFactorMaxGradGrad(False)(x, y, x, (3, 2), (2, 1), (0, 0))
    f = theano.function([x], [g.shape, gg.shape, y.shape])
    gs, ggs, ys = f(RNG.randn(2, 3, 5, 4))
    assert tuple(gs) == (2, 3, 5, 4) and tuple(ggs) == tuple(ys) == (2, 3, 2, 3)


def test_perform_matches_compiled_function():
    x = T.dtensor4("x")
    y = pool_2d(x, (3, 2), ignore_border=True, stride=(2, 1), pad=(1, 1),
                mode="average_exc_pad")
    xv = RNG.randn(2, 1, 5, 6)
    storage = [[None]]
    node = y.owner
    node.op.perform(node, [xv] + [i.data for i in node.inputs[1:]], storage)
    np.testing.assert_allclose(storage[0][0], theano.function([x], y)(xv))
    assert "_pool(" in theano.function([x], y).source  # rendered as a direct kernel call


@pytest.mark.parametrize("mode", MODES)
def test_float32_gradients_keep_dtype(mode):
    x = T.ftensor4("x")
    y = pool_2d(x, (2, 2), ignore_border=True, mode=mode)
    g = theano.grad((y * y).sum(), x)
    assert g.dtype == "float32"
    xv = distinct((1, 2, 4, 6)).astype("float32")
    res = theano.function([x], g)(xv)
    assert res.dtype == np.float32
    x64 = xv.astype("float64")
    z = ref_pool(x64, (2, 2), (2, 2), (0, 0), True, mode)
    ref = ref_pool_grad(x64, 2 * z, (2, 2), (2, 2), (0, 0), True, mode)
    np.testing.assert_allclose(res, ref, rtol=1e-5)
