"""theano.tensor.nnet.abstract_conv: conv2d/conv3d, their gradient ops, shapes and errors.

Values are checked against SciPy (``scipy.signal.convolve2d``/``correlate2d``, one channel
pair at a time) and against a direct NumPy loop over output positions, for every border mode,
stride, dilation, group count and flip setting; gradients with ``verify_grad``.  Op strings,
types and a few sums come from Theano 1.0.5 runs.
"""

import itertools
import warnings

import numpy as np
import pytest
import scipy.signal

import theano
import theano.link.py.dispatch.conv  # registers the renderers until dispatch/__init__ does
import theano.tensor as T
from theano.gradient import Rop, verify_grad
from theano.tensor.nnet import abstract_conv as ac
from theano.tensor.nnet import im2col
from theano.tensor.nnet.abstract_conv import (
    AbstractConv2d,
    AbstractConv2d_gradInputs,
    AbstractConv2d_gradWeights,
    AbstractConv3d_gradInputs,
    AbstractConv3d_gradWeights,
    conv2d,
    conv3d,
)

BORDER_MODES = ["valid", "full", "half", 1, (1, 2), ((1, 2), (0, 3))]


def t6(dtype="float64"):
    return T.TensorType(dtype, (False,) * 6)()


def pads_of(border_mode, dil_kernel):
    """Reference padding per axis (written from the documented meaning of each mode)."""
    if border_mode == "valid":
        return [(0, 0)] * len(dil_kernel)
    if border_mode == "full":
        return [(k - 1, k - 1) for k in dil_kernel]
    if border_mode == "half":
        return [(k // 2, k // 2) for k in dil_kernel]
    if isinstance(border_mode, int):
        return [(border_mode, border_mode)] * len(dil_kernel)
    return [m if isinstance(m, tuple) else (m, m) for m in border_mode]


def ref_loop(
    img,
    kern,
    border_mode="valid",
    subsample=None,
    filter_flip=True,
    filter_dilation=None,
    num_groups=1,
):
    """Direct reference: a loop over output positions, a tensordot per position and group."""
    nd = img.ndim - 2
    subsample = subsample or (1,) * nd
    dil = filter_dilation or (1,) * nd
    kshp = kern.shape[-nd:]
    dil_k = [(k - 1) * d + 1 for k, d in zip(kshp, dil)]
    xp = np.pad(img, [(0, 0), (0, 0)] + pads_of(border_mode, dil_k))
    if filter_flip:
        kern = kern[(Ellipsis,) + (slice(None, None, -1),) * nd]
    out = [(xp.shape[2 + i] - dil_k[i]) // subsample[i] + 1 for i in range(nd)]
    cg = img.shape[1] // num_groups
    og = kern.shape[0] // num_groups
    res = np.zeros((img.shape[0], kern.shape[0]) + tuple(out))
    for pos in itertools.product(*[range(o) for o in out]):
        window = tuple(
            slice(p * s, p * s + dk, d) for p, s, dk, d in zip(pos, subsample, dil_k, dil)
        )
        for g in range(num_groups):
            patch = xp[(slice(None), slice(g * cg, (g + 1) * cg)) + window]
            k = kern[g * og : (g + 1) * og]
            axes = list(range(1, 2 + nd))
            res[(slice(None), slice(g * og, (g + 1) * og)) + pos] = np.tensordot(
                patch, k, axes=(axes, axes)
            )
    return res


def ref_scipy(
    img,
    kern,
    border_mode="valid",
    subsample=(1, 1),
    filter_flip=True,
    filter_dilation=(1, 1),
    num_groups=1,
):
    """2-d reference from scipy.signal: one convolve2d/correlate2d per channel pair."""
    kr, kc = kern.shape[-2:]
    dil_kernel = np.zeros(
        kern.shape[:2] + ((kr - 1) * filter_dilation[0] + 1, (kc - 1) * filter_dilation[1] + 1)
    )
    dil_kernel[:, :, :: filter_dilation[0], :: filter_dilation[1]] = kern
    dil_k = dil_kernel.shape[-2:]
    if border_mode == "full":
        xp, mode = img, "full"
    else:
        xp, mode = np.pad(img, [(0, 0), (0, 0)] + pads_of(border_mode, dil_k)), "valid"
    fn = scipy.signal.convolve2d if filter_flip else scipy.signal.correlate2d
    cg = img.shape[1] // num_groups
    og = kern.shape[0] // num_groups
    rows = []
    for b in range(img.shape[0]):
        maps = []
        for o in range(kern.shape[0]):
            g = o // og
            acc = sum(fn(xp[b, g * cg + c], dil_kernel[o, c], mode=mode) for c in range(cg))
            maps.append(acc[:: subsample[0], :: subsample[1]])
        rows.append(maps)
    return np.array(rows)


def compile_conv(dtype="float64", ndim=4, **kwargs):
    x = T.TensorType(dtype, (False,) * ndim)("x")
    w = T.TensorType(dtype, (False,) * ndim)("w")
    fn = conv2d if ndim == 4 else conv3d
    return theano.function([x, w], fn(x, w, **kwargs))


# -- values ------------------------------------------------------------------------------


@pytest.mark.parametrize("border_mode", BORDER_MODES)
@pytest.mark.parametrize("subsample", [(1, 1), (2, 3)])
@pytest.mark.parametrize("filter_flip", [True, False])
@pytest.mark.parametrize("filter_dilation", [(1, 1), (2, 1)])
@pytest.mark.parametrize("num_groups", [1, 2])
def test_conv2d_against_scipy_and_loop(
    border_mode, subsample, filter_flip, filter_dilation, num_groups
):
    rng = np.random.RandomState(1)
    img = rng.randn(2, 4, 7, 8)
    kern = rng.randn(6, 4 // num_groups, 3, 2)
    kwargs = {
        "border_mode": border_mode,
        "subsample": subsample,
        "filter_flip": filter_flip,
        "filter_dilation": filter_dilation,
        "num_groups": num_groups,
    }
    res = compile_conv(**kwargs)(img, kern)
    expected = ref_scipy(img, kern, **kwargs)
    assert res.shape == expected.shape
    np.testing.assert_allclose(res, expected, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(res, ref_loop(img, kern, **kwargs), rtol=1e-10, atol=1e-10)
    shape = ac.get_conv_output_shape(img.shape, kern.shape, border_mode, subsample, filter_dilation)
    assert shape == res.shape


@pytest.mark.parametrize("kshape", [(2, 2), (4, 3), (1, 1)])
@pytest.mark.parametrize("border_mode", ["valid", "full", "half"])
def test_conv2d_even_and_unit_kernels(kshape, border_mode):
    rng = np.random.RandomState(2)
    img, kern = rng.randn(3, 2, 6, 5), rng.randn(4, 2, *kshape)
    res = compile_conv(border_mode=border_mode)(img, kern)
    np.testing.assert_allclose(res, ref_scipy(img, kern, border_mode), rtol=1e-10, atol=1e-10)


# Theano 1.0.5: X = RandomState(0).randn(2, 3, 7, 8), W = randn(4, 3, 3, 2),
# subsample=(2, 1), filter_dilation=(1, 2): output shape and sum per border mode and flip
THEANO_SUMS = [
    ("valid", True, (2, 4, 3, 6), 48.967908),
    ("valid", False, (2, 4, 3, 6), 32.87955),
    ("full", True, (2, 4, 5, 10), 38.934822),
    ("half", True, (2, 4, 4, 8), -45.405962),
    ("half", False, (2, 4, 4, 8), -86.023743),
    (1, True, (2, 4, 4, 8), -45.405962),
    ((1, 2), False, (2, 4, 4, 10), -61.429315),
    (((1, 2), (0, 3)), True, (2, 4, 4, 9), -38.722905),
    (((1, 2), (0, 3)), False, (2, 4, 4, 9), -51.370253),
]


@pytest.mark.parametrize("border_mode,filter_flip,shape,total", THEANO_SUMS)
def test_conv2d_matches_theano_numbers(border_mode, filter_flip, shape, total):
    rng = np.random.RandomState(0)
    img, kern = rng.randn(2, 3, 7, 8), rng.randn(4, 3, 3, 2)
    res = compile_conv(
        border_mode=border_mode, subsample=(2, 1), filter_flip=filter_flip, filter_dilation=(1, 2)
    )(img, kern)
    assert res.shape == shape
    assert round(float(res.sum()), 6) == pytest.approx(total, abs=2e-6)


def test_conv2d_unshared_against_loop():
    rng = np.random.RandomState(3)
    img = rng.randn(2, 4, 6, 5)
    for filter_flip, border_mode, subsample in [
        (True, "valid", (1, 1)),
        (False, "half", (2, 1)),
        (True, (1, 2), (1, 2)),
    ]:
        out = ac.get_conv_output_shape(img.shape, (3, 4, 3, 2), border_mode, subsample)[2:]
        kern = rng.randn(3, out[0], out[1], 4, 3, 2)
        x, w = T.tensor4(), t6()
        y = conv2d(
            x,
            w,
            border_mode=border_mode,
            subsample=subsample,
            filter_flip=filter_flip,
            unshared=True,
        )
        res = theano.function([x, w], y)(img, kern)
        # each output position uses its own filter: the shared loop with that filter
        for i, j in itertools.product(range(out[0]), range(out[1])):
            ref = ref_loop(img, kern[:, i, j], border_mode, subsample, filter_flip)
            np.testing.assert_allclose(res[:, :, i, j], ref[:, :, i, j], rtol=1e-10)


@pytest.mark.parametrize("border_mode", ["valid", "full", "half", 1, (1, 0, 2)])
@pytest.mark.parametrize(
    "subsample,filter_dilation", [((1, 1, 1), (1, 1, 1)), ((2, 1, 2), (1, 2, 1))]
)
@pytest.mark.parametrize("filter_flip", [True, False])
@pytest.mark.parametrize("num_groups", [1, 2])
def test_conv3d_against_loop(border_mode, subsample, filter_dilation, filter_flip, num_groups):
    rng = np.random.RandomState(4)
    img = rng.randn(2, 2, 5, 6, 4)
    kern = rng.randn(4, 2 // num_groups, 2, 3, 2)
    kwargs = {
        "border_mode": border_mode,
        "subsample": subsample,
        "filter_flip": filter_flip,
        "filter_dilation": filter_dilation,
        "num_groups": num_groups,
    }
    res = compile_conv(ndim=5, **kwargs)(img, kern)
    np.testing.assert_allclose(res, ref_loop(img, kern, **kwargs), rtol=1e-10, atol=1e-10)


def test_conv2d_empty_output_and_batch():
    f = compile_conv()
    assert f(np.ones((2, 3, 2, 2)), np.ones((4, 3, 3, 3))).shape == (2, 4, 0, 0)  # as Theano
    assert f(np.ones((0, 3, 5, 5)), np.ones((4, 3, 3, 3))).shape == (0, 4, 3, 3)


@pytest.mark.parametrize(
    "img_dtype,kern_dtype", [("float32", "float32"), ("float32", "float64"), ("float64", "float32")]
)
def test_conv2d_dtypes(img_dtype, kern_dtype):
    x, w = T.tensor4(dtype=img_dtype), T.tensor4(dtype=kern_dtype)
    y = conv2d(x, w, border_mode="half")
    assert y.dtype == img_dtype  # Theano: the output has the input's dtype
    rng = np.random.RandomState(5)
    img, kern = rng.randn(2, 3, 5, 5).astype(img_dtype), rng.randn(2, 3, 3, 3).astype(kern_dtype)
    res = theano.function([x, w], y)(img, kern)
    assert res.dtype == img_dtype
    np.testing.assert_allclose(res, ref_scipy(img, kern, "half"), rtol=1e-4, atol=1e-4)
    gx, gw = theano.grad(y.sum(), [x, w])
    assert gx.dtype == img_dtype and gw.dtype == kern_dtype


def test_conv2d_renders_a_direct_kernel_call():
    x, w = T.tensor4(), T.tensor4()
    y = conv2d(x, w)
    f = theano.function([x, w], [y] + theano.grad(y.sum(), [x, w]))
    assert "_conv(" in f.source and "_conv_grad_inputs(" in f.source
    assert "_conv_grad_weights(" in f.source and "perform" not in f.source


# -- types and printing ------------------------------------------------------------------


def test_op_string_and_broadcastable():
    x, w = T.tensor4("x"), T.tensor4("w")
    y = conv2d(x, w)
    assert str(y.owner.op) == (  # Theano 1.0.5
        "AbstractConv2d{convdim=2, border_mode='valid', subsample=(1, 1), filter_flip=True, "
        "imshp=(None, None, None, None), kshp=(None, None, None, None), filter_dilation=(1, 1), "
        "num_groups=1, unshared=False}"
    )
    assert y.broadcastable == (False,) * 4
    xb = T.TensorType("float64", (True, False, False, False))()
    wb = T.TensorType("float64", (True, True, False, False))()
    assert conv2d(xb, wb).broadcastable == (True, True, False, False)
    gx, gw = theano.grad(y.sum(), [x, w])
    assert isinstance(gx.owner.op, AbstractConv2d_gradInputs)
    assert isinstance(gw.owner.op, AbstractConv2d_gradWeights)
    assert str(conv3d(T.tensor5(), T.tensor5()).owner.op).startswith(
        "AbstractConv3d{convdim=3, border_mode='valid', subsample=(1, 1, 1), filter_flip=True, "
        "imshp=(None, None, None, None, None)"
    )


@pytest.mark.parametrize(
    "border_mode,stored",
    [
        (0, "valid"),
        ((0, 0), "valid"),
        (2, (2, 2)),
        ((1, (2, 2)), (1, 2)),
        (((1, 2), 0), ((1, 2), 0)),
        ([1, 2], (1, 2)),
    ],
)
def test_border_mode_normalisation(border_mode, stored):
    assert AbstractConv2d(border_mode=border_mode).border_mode == stored


def test_shape_hints_become_ints():
    op = AbstractConv2d(imshp=(2, T.constant(3), None, 8), kshp=(np.int64(4), 3, 3, 3))
    assert op.imshp == (2, 3, None, 8) and op.kshp == (4, 3, 3, 3)
    with pytest.raises(ValueError, match="imshp should be None or a tuple of constant int"):
        AbstractConv2d(imshp=(T.iscalar(), 3, 5, 5))


# -- shapes ------------------------------------------------------------------------------


# Theano 1.0.5: image (2, 3, 10, 11), kernel (4, 3, 3, 3); strides (1, 1), then (2, 3)
# with filter_dilation (2, 1)
@pytest.mark.parametrize(
    "border_mode,plain,strided",
    [
        ("valid", (2, 4, 8, 9), (2, 4, 3, 3)),
        ("full", (2, 4, 12, 13), (2, 4, 7, 5)),
        ("half", (2, 4, 10, 11), (2, 4, 5, 4)),
        (1, (2, 4, 10, 11), (2, 4, 4, 4)),
        ((1, 2), (2, 4, 10, 13), (2, 4, 4, 5)),
        (((1, 2), (0, 3)), (2, 4, 11, 12), (2, 4, 5, 4)),
    ],
)
def test_get_conv_output_shape(border_mode, plain, strided):
    get = ac.get_conv_output_shape
    assert get((2, 3, 10, 11), (4, 3, 3, 3), border_mode, (1, 1)) == plain
    assert get((2, 3, 10, 11), (4, 3, 3, 3), border_mode, (2, 3), (2, 1)) == strided


def test_shape_helpers_with_unknowns():
    assert ac.get_conv_output_shape((None, 3, 10, None), (4, 3, 3, 3), "valid", (1, 1)) == (
        None,
        4,
        8,
        None,
    )
    assert ac.get_conv_shape_1axis(10, 3, "full", 1) == 12
    assert ac.get_conv_gradweights_shape((2, 3, 10, 11), (2, 4, 8, 9), "valid", (1, 1)) == (
        4,
        3,
        3,
        3,
    )
    assert ac.get_conv_gradweights_shape((2, 3, 10, 11), (2, 4, 5, 4), "valid", (2, 3)) == (
        4,
        3,
        None,
        None,
    )
    assert ac.get_conv_gradinputs_shape((4, 3, 3, 3), (2, 4, 12, 13), "full", (1, 1)) == (
        2,
        3,
        10,
        11,
    )
    assert ac.check_conv_gradinputs_shape(
        (2, 3, 10, 11), (4, 3, 3, 3), (2, 4, 8, 9), "valid", (1, 1)
    )
    assert not ac.check_conv_gradinputs_shape(
        (2, 3, 10, 11), (4, 3, 3, 3), (2, 4, 8, 8), "valid", (1, 1)
    )
    assert ac.border_mode_to_pad("half", 2, (3, 5)) == ((1, 1), (2, 2))
    with pytest.raises(ValueError, match="border_mode must be >= 0"):
        ac.get_conv_shape_1axis(10, 3, -1, 1)


@pytest.mark.parametrize(
    "op_class,kwargs",
    [
        (AbstractConv2d, {"border_mode": "half", "subsample": (2, 3)}),
        (AbstractConv2d, {"border_mode": ((1, 2), 0), "filter_dilation": (2, 1), "num_groups": 2}),
        (AbstractConv2d_gradWeights, {"border_mode": "full", "subsample": (2, 1)}),
        (AbstractConv2d_gradInputs, {"border_mode": 1, "subsample": (2, 2), "num_groups": 2}),
    ],
)
def test_infer_shape_removes_the_op(op_class, kwargs):
    rng = np.random.RandomState(6)
    img, kern = rng.randn(2, 4, 7, 9), rng.randn(6, 4 // kwargs.get("num_groups", 1), 3, 2)
    fwd = AbstractConv2d(**kwargs)
    out = im2col.conv_forward_value(fwd, img, kern, "float64")
    x, w = T.tensor4(), T.tensor4()
    if op_class is AbstractConv2d:
        y, values, expected = op_class(**kwargs)(x, w), (img, kern), out.shape
    elif op_class is AbstractConv2d_gradWeights:
        y = op_class(**kwargs)(x, w, T.as_tensor_variable([3, 2]))
        values, expected = (img, out), kern.shape
    else:
        y = op_class(**kwargs)(x, w, T.as_tensor_variable([7, 9]))
        values, expected = (kern, out), img.shape
    f = theano.function([x, w], y.shape)
    assert tuple(f(*values)) == expected
    assert not any(isinstance(n.op, ac.BaseAbstractConv) for n in f.maker.fgraph.toposort())
    assert theano.function([x, w], y)(*values).shape == expected


# -- gradients ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "border_mode,subsample,filter_dilation,num_groups,filter_flip",
    [
        ("valid", (1, 1), (1, 1), 1, True),
        ("full", (2, 1), (1, 1), 1, False),
        ("half", (2, 2), (1, 1), 2, True),
        ((1, 2), (1, 2), (2, 1), 1, True),
        (((1, 2), (0, 1)), (2, 1), (1, 2), 2, False),
    ],
)
def test_conv2d_verify_grad(border_mode, subsample, filter_dilation, num_groups, filter_flip):
    rng = np.random.RandomState(7)
    img, kern = rng.randn(2, 4, 6, 5), rng.randn(4, 4 // num_groups, 3, 2)

    def fn(x, w):
        return conv2d(
            x,
            w,
            border_mode=border_mode,
            subsample=subsample,
            filter_flip=filter_flip,
            filter_dilation=filter_dilation,
            num_groups=num_groups,
        )

    verify_grad(fn, [img, kern], rng=rng)


def test_conv2d_unshared_verify_grad():
    rng = np.random.RandomState(8)
    img, kern = rng.randn(2, 2, 5, 4), rng.randn(3, 3, 2, 2, 3, 3)
    verify_grad(lambda x, w: conv2d(x, w, border_mode="valid", unshared=True), [img, kern], rng=rng)
    kern = rng.randn(4, 3, 5, 1, 2, 2)
    verify_grad(
        lambda x, w: conv2d(
            x, w, border_mode="half", subsample=(2, 1), num_groups=2, unshared=True
        ),
        [img, kern],
        rng=rng,
    )


@pytest.mark.parametrize(
    "border_mode,subsample,num_groups",
    [("valid", (1, 1, 1), 1), ("half", (2, 1, 1), 2), ((0, 1, 2), (1, 2, 1), 1)],
)
def test_conv3d_verify_grad(border_mode, subsample, num_groups):
    rng = np.random.RandomState(9)
    img, kern = rng.randn(1, 2, 4, 3, 4), rng.randn(2, 2 // num_groups, 2, 2, 3)
    verify_grad(
        lambda x, w: conv3d(
            x, w, border_mode=border_mode, subsample=subsample, num_groups=num_groups
        ),
        [img, kern],
        rng=rng,
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"border_mode": "half", "subsample": (2, 2)},
        {"border_mode": "full", "filter_dilation": (1, 2), "num_groups": 2},
    ],
)
def test_second_derivatives_through_the_gradient_ops(kwargs):
    rng = np.random.RandomState(10)
    groups = kwargs.get("num_groups", 1)
    img, kern = rng.randn(2, 2, 7, 6), rng.randn(4, 2 // groups, 3, 2)
    top = rng.randn(*im2col.conv_forward_value(AbstractConv2d(**kwargs), img, kern, "f8").shape)
    verify_grad(
        lambda x, y: AbstractConv2d_gradWeights(**kwargs)(x, y, (3, 2)), [img, top], rng=rng
    )
    verify_grad(
        lambda w, y: AbstractConv2d_gradInputs(**kwargs)(w, y, (7, 6)), [kern, top], rng=rng
    )
    # and a Hessian-vector style graph: d/dx of |d cost / dw|^2
    x, w = T.tensor4(), T.tensor4()
    gw = theano.grad(conv2d(x, w, **kwargs).sum(), w)
    hx = theano.grad((gw**2).sum(), x)
    ops = {type(n.op) for n in theano.function([x, w], hx).maker.fgraph.toposort()}
    assert AbstractConv2d_gradInputs in ops
    verify_grad(
        lambda a, b: theano.grad(conv2d(a, b, **kwargs).sum(), b) ** 2, [img, kern], rng=rng
    )


def test_3d_gradient_ops():
    x, w = T.tensor5(), T.tensor5()
    gx, gw = theano.grad(conv3d(x, w).sum(), [x, w])
    assert isinstance(gx.owner.op, AbstractConv3d_gradInputs)
    assert isinstance(gw.owner.op, AbstractConv3d_gradWeights)


def test_public_gradient_functions_match_theano_grad():
    rng = np.random.RandomState(11)
    img, kern = rng.randn(2, 3, 7, 6), rng.randn(4, 3, 3, 2)
    kwargs = {"border_mode": "half", "subsample": (2, 1), "filter_dilation": (1, 2)}
    x, w, gy = T.tensor4(), T.tensor4(), T.tensor4()
    y = conv2d(x, w, **kwargs)
    top = rng.randn(*theano.function([x, w], y)(img, kern).shape)
    gx, gw = theano.grad(None, [x, w], known_grads={y: gy})
    ref_gx, ref_gw = theano.function([x, w, gy], [gx, gw])(img, kern, top)
    d_in = ac.conv2d_grad_wrt_inputs(gy, w, (2, 3, x.shape[2], x.shape[3]), **kwargs)
    d_w = ac.conv2d_grad_wrt_weights(x, gy, (4, 3, 3, 2), **kwargs)
    res_gx, res_gw = theano.function([x, w, gy], [d_in, d_w])(img, kern, top)
    np.testing.assert_allclose(res_gx, ref_gx)
    np.testing.assert_allclose(res_gw, ref_gw)
    # independent of Theano: the convolution is linear in each argument, so
    # <gx, e> = sum(conv(e, kern) * top) and <gw, e> = sum(conv(img, e) * top) (NumPy loop)
    assert ref_gx.shape == img.shape and ref_gw.shape == kern.shape
    for _ in range(3):
        ex, ew = rng.randn(*img.shape), rng.randn(*kern.shape)
        np.testing.assert_allclose(np.sum(res_gx * ex), np.sum(ref_loop(ex, kern, **kwargs) * top),
                                   rtol=1e-10)
        np.testing.assert_allclose(np.sum(res_gw * ew), np.sum(ref_loop(img, ew, **kwargs) * top),
                                   rtol=1e-10)
    with pytest.raises(ValueError, match=r"input_shape\[0\] must be a constant or None"):
        ac.conv2d_grad_wrt_inputs(gy, w, (x.shape[0], 3, 7, 6))
    with pytest.raises(ValueError, match="length of filter_shape was 3"):
        ac.conv2d_grad_wrt_inputs(gy, w, (2, 3, 7, 6), filter_shape=(4, 3, 3))
    # conv2d_transpose: the gradient wrt inputs, upsampling by the stride
    up = ac.conv2d_transpose(
        gy, w, (2, 3, 7, 6), border_mode="half", input_dilation=(2, 1), filter_dilation=(1, 2)
    )
    np.testing.assert_allclose(theano.function([w, gy], up)(kern, top), ref_gx)


def test_rop_is_bilinear():
    rng = np.random.RandomState(12)
    img, kern = rng.randn(2, 2, 5, 5), rng.randn(3, 2, 2, 2)
    ex, ew = rng.randn(*img.shape), rng.randn(*kern.shape)
    x, w, vx, vw = T.tensor4(), T.tensor4(), T.tensor4(), T.tensor4()
    y = conv2d(x, w, border_mode="full")
    r = theano.function([x, w, vx, vw], Rop(y, [x, w], [vx, vw]))(img, kern, ex, ew)
    ref = ref_loop(ex, kern, "full") + ref_loop(img, ew, "full")
    np.testing.assert_allclose(r, ref, rtol=1e-10, atol=1e-10)


# -- composite functions -----------------------------------------------------------------


def test_separable_conv2d():
    rng = np.random.RandomState(13)
    img = rng.randn(2, 3, 6, 6)
    depthwise, pointwise = rng.randn(6, 1, 3, 3), rng.randn(4, 6, 1, 1)
    x, dw, pw = T.tensor4(), T.tensor4(), T.tensor4()
    y = ac.separable_conv2d(
        x,
        dw,
        pw,
        3,
        input_shape=(2, 3, 6, 6),
        depthwise_filter_shape=(6, 1, 3, 3),
        pointwise_filter_shape=(4, 6, 1, 1),
        border_mode="half",
    )
    res = theano.function([x, dw, pw], y)(img, depthwise, pointwise)
    mid = ref_loop(img, depthwise, "half", num_groups=3)
    np.testing.assert_allclose(res, ref_loop(mid, pointwise), rtol=1e-10)
    assert y.owner.inputs[0].owner.op.num_groups == 3
    assert y.owner.op.imshp == (2, 6, 6, 6)


def test_causal_conv1d_sees_only_the_past():
    rng = np.random.RandomState(14)
    sig, filt = rng.randn(2, 3, 10), rng.randn(4, 3, 3)
    x, w = T.tensor3(), T.tensor3()
    y = ac.causal_conv1d(x, w, (4, 3, 3), filter_dilation=2)
    f = theano.function([x, w], y)
    res = f(sig, filt)
    assert res.shape == (2, 4, 10)
    changed = sig.copy()
    changed[:, :, 6:] += 1.0
    np.testing.assert_allclose(f(changed, filt)[:, :, :6], res[:, :, :6])
    ref = ref_loop(sig[..., None], filt[..., None], (((4, 0), 0)), filter_dilation=(2, 1))
    np.testing.assert_allclose(res, ref[..., 0], rtol=1e-10)


def test_nnet_conv2d_aliases_and_warnings():
    x, w = T.tensor4(), T.tensor4()
    with pytest.warns(UserWarning, match="`image_shape` keyword argument"):
        y = ac.nnet_conv2d(x, w, image_shape=(2, 3, 5, 5))
    assert y.owner.op.imshp == (2, 3, 5, 5)
    with pytest.warns(UserWarning, match="will be ignored"):
        ac.nnet_conv2d(x, w, unroll_batch=2)
    with pytest.raises(ValueError, match="imshp_logical"):
        ac.nnet_conv2d(x, w, imshp_logical=(3, 10, 10))
    with (
        pytest.raises(ValueError, match="should not be provided at the same time"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        ac.nnet_conv2d(x, w, input_shape=(2, 3, 5, 5), image_shape=(2, 3, 5, 5))


# -- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,exc,match",
    [
        ({"border_mode": "foo"}, ValueError, 'must be either "valid", "full", "half"'),
        ({"border_mode": -1}, ValueError, "must be a non-negative integer"),
        ({"border_mode": (1, 2, 3)}, ValueError, "tuple of length 2"),
        ({"border_mode": ((1, -2), 0)}, ValueError, "pairs of non-negative integers"),
        ({"subsample": (1,)}, ValueError, "subsample must have 2 elements"),
        ({"subsample": (0, 1)}, ValueError, "subsample must contain positive integers"),
        ({"filter_dilation": (1, 1, 1)}, ValueError, "filter_dilation must have 2 elements"),
        ({"num_groups": 0}, ValueError, "num_groups must have value greater than zero"),
        ({"input_shape": (2, 3, 5)}, ValueError, "imshp must have 4 entries"),
        (
            {"input_shape": (2, 4, 5, 5), "filter_shape": (4, 3, 3, 3)},
            ValueError,
            "has 4 channels but kshp",
        ),
    ],
)
def test_bad_parameters(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        conv2d(T.tensor4(), T.tensor4(), **kwargs)


def test_bad_input_types():
    with pytest.raises(TypeError, match="img must be 4D tensor"):
        conv2d(T.matrix(), T.tensor4())
    with pytest.raises(TypeError, match="kern must be 4D tensor"):
        conv2d(T.tensor4(), T.tensor3())
    with pytest.raises(TypeError, match="kern must be 6D tensor for unshared"):
        conv2d(T.tensor4(), T.tensor4(), unshared=True)
    with pytest.raises(NotImplementedError, match="Asymmetric padding not implemented for 3D"):
        conv3d(T.tensor5(), T.tensor5(), border_mode=((1, 2), 0, 0))


@pytest.mark.parametrize(
    "img_shape,kern_shape,kwargs,match",
    [
        (
            (2, 3, 5, 5),
            (4, 2, 3, 3),
            {},
            r"image has 3 channels but the filters of shape \(4, 2, 3, 3\) expect 2 channels",
        ),
        (
            (2, 3, 5, 5),
            (4, 2, 3, 3),
            {"num_groups": 2},
            "number of input channels must be divisible by num_groups",
        ),
        (
            (2, 4, 5, 5),
            (3, 2, 3, 3),
            {"num_groups": 2},
            "number of filters must be divisible by num_groups",
        ),
        ((2, 3, 2, 2), (4, 3, 4, 4), {}, r"filter \(length 4, dilated to 4\) does not fit"),
    ],
)
def test_runtime_shape_errors(img_shape, kern_shape, kwargs, match):
    x, w = T.tensor4(), T.tensor4()
    f = theano.function([x, w], conv2d(x, w, **kwargs))
    with pytest.raises(ValueError, match=match) as info:
        f(np.ones(img_shape), np.ones(kern_shape))
    assert "AbstractConv2d" in str(info.value)


def test_shape_hints_checked_under_conv_assert_shape():
    x, w = T.tensor4(), T.tensor4()
    y = conv2d(x, w, input_shape=(2, 3, 5, 5), filter_shape=(4, 3, 3, 3))
    f = theano.function([x, w], y)
    # Theano 1.0.5 by default computes with the real shapes (a smaller last batch works)
    assert f(np.ones((1, 3, 6, 5)), np.ones((4, 3, 3, 3))).shape == (1, 4, 4, 3)
    with theano.change_flags(**{"conv.assert_shape": True}):
        with pytest.raises(
            ValueError,
            match=r"AbstractConv2d: shape of image \(1, 3, 6, 5\) "
            r"does not match the given imshp \(2, 3, 5, 5\) "
            r"\(dimension 0: 1 != 2\)",
        ):
            f(np.ones((1, 3, 6, 5)), np.ones((4, 3, 3, 3)))
        with pytest.raises(
            ValueError,
            match=r"shape of filters \(4, 3, 2, 3\) does not match "
            r"the given kshp \(4, 3, 3, 3\) \(dimension 2",
        ):
            f(np.ones((2, 3, 5, 5)), np.ones((4, 3, 2, 3)))


def test_gradient_op_shape_errors():
    kern, top = np.ones((4, 3, 3, 3)), np.ones((2, 4, 5, 5))
    w, gy = T.tensor4(), T.tensor4()
    f = theano.function([w, gy], AbstractConv2d_gradInputs()(w, gy, (6, 7)))
    with pytest.raises(
        ValueError,
        match=r"output gradient has shape \(2, 4, 5, 5\) but a "
        r"convolution of the image of spatial shape \(6, 7\) "
        r"gives \(2, 4, 4, 5\)",
    ):
        f(kern, top)
    with pytest.raises(ValueError, match="output gradient has 4 channels but there are 5"):
        f(np.ones((5, 3, 3, 3)), np.ones((2, 4, 4, 5)))
    k6 = t6()
    g = theano.function([k6, gy], AbstractConv2d_gradInputs(unshared=True)(k6, gy, (6, 7)))
    with pytest.raises(ValueError, match="one filter per output position"):
        g(np.ones((4, 3, 3, 3, 3, 3)), np.ones((2, 4, 4, 5)))


def test_large_batches_are_done_in_chunks(monkeypatch):
    rng = np.random.RandomState(15)
    img, kern = rng.randn(7, 4, 6, 5), rng.randn(6, 2, 3, 3)
    op = AbstractConv2d(border_mode="half", subsample=(2, 1), num_groups=2)
    y = im2col.conv_forward_value(op, img, kern, "float64")
    top = rng.randn(*y.shape)
    whole = [
        y,
        im2col.conv_grad_weights_value(op, img, top, (3, 3), "float64"),
        im2col.conv_grad_inputs_value(op, kern, top, (6, 5), "float64"),
    ]
    monkeypatch.setattr(im2col, "_MAX_COLS", 1100)  # two images per im2col matrix
    assert len(im2col._chunks(7, (3, 3), 4, y.shape[2:])) == 4
    chunked = [
        im2col.conv_forward_value(op, img, kern, "float64"),
        im2col.conv_grad_weights_value(op, img, top, (3, 3), "float64"),
        im2col.conv_grad_inputs_value(op, kern, top, (6, 5), "float64"),
    ]
    for a, b in zip(whole, chunked):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    # and both against the NumPy loop (forward) and linearity (the two gradients)
    kw = {"border_mode": "half", "subsample": (2, 1), "num_groups": 2}
    np.testing.assert_allclose(chunked[0], ref_loop(img, kern, **kw), rtol=1e-10, atol=1e-12)
    ex, ew = rng.randn(*img.shape), rng.randn(*kern.shape)
    np.testing.assert_allclose(np.sum(chunked[1] * ew), np.sum(ref_loop(img, ew, **kw) * top),
                               rtol=1e-10)
    np.testing.assert_allclose(np.sum(chunked[2] * ex), np.sum(ref_loop(ex, kern, **kw) * top),
                               rtol=1e-10)
