"""Reductions: values against NumPy, Theano's dtypes and printing, shapes, gradients, errors.

Printed forms and dtypes come from Theano 1.0.5 runs (FACTS.md 2f, 8a/8b, and probes noted
per test).
"""

import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor.reduction import (
    All,
    Any,
    Argmax,
    MaxAndArgmax,
    Mean,
    Prod,
    ProdWithoutZeros,
    Sum,
)

ALL_DTYPES = "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64"
ALL_DTYPES = ALL_DTYPES.split()

# Theano 1.0.5 (FACTS 2f): result dtype of each reduction of a vector of that dtype.
# fmt: off
DTYPE_TABLE = [
    # dtype      sum        prod       mean       max/min
    ("bool",    "int64",   "int64",   "float64", "bool"),
    ("int8",    "int64",   "int64",   "float64", "int8"),
    ("int16",   "int64",   "int64",   "float64", "int16"),
    ("int32",   "int64",   "int64",   "float64", "int32"),
    ("int64",   "int64",   "int64",   "float64", "int64"),
    ("uint8",   "uint64",  "uint64",  "float64", "uint8"),
    ("uint16",  "uint64",  "uint64",  "float64", "uint16"),
    ("uint32",  "uint64",  "uint64",  "float64", "uint32"),
    ("uint64",  "uint64",  "uint64",  "float64", "uint64"),
    ("float16", "float16", "float16", "float16", "float16"),
    ("float32", "float32", "float32", "float32", "float32"),
    ("float64", "float64", "float64", "float64", "float64"),
]
# fmt: on


def _sample(shape, dtype, seed=0):
    rng = np.random.RandomState(seed)
    if dtype == "bool":
        return rng.rand(*shape) > 0.5
    if dtype.startswith("uint"):
        return rng.randint(0, 5, size=shape).astype(dtype)
    if dtype.startswith("int"):
        return rng.randint(-4, 5, size=shape).astype(dtype)
    return (rng.rand(*shape) * 4 - 2).astype(dtype)


@pytest.fixture(autouse=True)
def _floatx_float64():
    # The expected dtypes below are Theano's with its default floatX=float64.
    with theano.change_flags(floatX="float64"):
        yield


def _run(inputs, outputs, *values):
    return theano.function(inputs, outputs, on_unused_input="ignore")(*values)


# ----------------------------------------------------------------------------------
# dtypes, broadcastable patterns, printing


@pytest.mark.parametrize("dtype, sum_dt, prod_dt, mean_dt, max_dt", DTYPE_TABLE)
def test_result_dtypes(dtype, sum_dt, prod_dt, mean_dt, max_dt):
    v = T.vector(dtype=dtype)
    assert v.sum().dtype == sum_dt
    assert v.prod().dtype == prod_dt
    assert v.mean().dtype == mean_dt
    assert T.max(v).dtype == max_dt
    assert T.min(v).dtype == max_dt
    assert v.argmax().dtype == "int64"
    assert T.argmin(v).dtype == "int64"
    assert T.all(v).dtype == "bool" and T.any(v).dtype == "bool"
    assert v.var().dtype == mean_dt and v.std().dtype == mean_dt
    assert v.sum(dtype="float32").dtype == "float32"


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_sum_acc_dtype_int8(dtype):
    # Theano 1.0.5: only bool and int8 accept acc_dtype='int8' (the result stays int64)
    v = T.vector(dtype=dtype)
    if dtype in ("bool", "int8"):
        assert v.sum(acc_dtype="int8").dtype == "int64"
    else:
        with pytest.raises(
            TypeError,
            match=f"Cannot build Sum{{acc_dtype=int8}} node with "
            f"input dtype {dtype} and acc_dtype int8",
        ):
            v.sum(acc_dtype="int8")


def test_float_acc_for_int_input():
    # Theano 1.0.5: 'Sum{acc_dtype=float32}' and int64 result for an int32 input
    s = T.ivector().sum(acc_dtype="float32")
    assert str(s.owner.op) == "Sum{acc_dtype=float32}"
    assert s.dtype == "int64"


def test_printing():
    # Theano 1.0.5 (FACTS 1b, 8a, and probes)
    x = T.dmatrix("x")
    assert str(x.sum()) == "Sum{acc_dtype=float64}.0"
    assert str(x.sum(axis=0)) == "Sum{axis=[0], acc_dtype=float64}.0"
    assert str(x.sum(axis=-1).owner.op) == "Sum{axis=[1], acc_dtype=float64}"
    assert str(x.sum(axis=(0, 1)).owner.op) == "Sum{axis=[0, 1], acc_dtype=float64}"
    assert str(T.bvector().sum().owner.op) == "Sum{acc_dtype=int64}"
    assert str(T.fvector().sum().owner.op) == "Sum{acc_dtype=float64}"
    assert str(T.fvector().sum(acc_dtype="float32").owner.op) == "Sum{acc_dtype=float32}"
    assert str(Sum(axis=[1])) == "Sum{axis=[1], acc_dtype=None}"
    assert str(x.prod().owner.op) == "Prod{axis=None, dtype='float64', acc_dtype='float64'}"
    assert str(x.prod(0).owner.op) == "Prod{axis=(0,), dtype='float64', acc_dtype='float64'}"
    assert str(T.fvector().prod().owner.op) == (
        "Prod{axis=None, dtype='float32', acc_dtype='float64'}"
    )
    assert str(T.bvector().prod().owner.op) == ("Prod{axis=None, dtype='int64', acc_dtype='int64'}")
    assert str(T.max(x).owner.op) == "MaxAndArgmax{axis=(0, 1)}"
    assert str(T.max(x)) == "max"
    assert str(T.argmax(x, axis=0)) == "argmax"
    assert str(T.argmax(x, axis=0).owner.op) == "MaxAndArgmax{axis=(0,)}"
    am = T.argmax(x)
    assert am.owner.outputs.index(am) == 1
    assert str(T.all(x)) == "All.0"
    assert str(T.all(x, axis=0)) == "All{0}.0"
    assert str(T.any(x)) == "Any.0"
    assert str(T.any(x, axis=1)) == "Any{1}.0"
    assert str(x.mean()) == "mean"
    assert x.var().name == "var" and x.std().name == "std"
    assert str(Mean()) == "Mean" and str(Mean(0)) == "Mean{0}"


def test_graph_structure_follows_theano():
    # Theano 1.0.5 debugprint: min is -max(-x); argmin is argmax(-x); All compares with 0
    x = T.dmatrix("x")
    m = T.min(x, axis=0)
    assert str(m.owner.op) == "Elemwise{neg,no_inplace}"
    inner = m.owner.inputs[0]
    assert isinstance(inner.owner.op, MaxAndArgmax) and inner.owner.op.axis == (0,)
    assert str(inner.owner.inputs[0].owner.op) == "Elemwise{neg,no_inplace}"
    am = T.argmin(x, axis=1)
    assert isinstance(am.owner.op, MaxAndArgmax) and am.owner.outputs[1] is am
    # uint: M - max(M - x); bool: ~max(~x)
    u = T.vector(dtype="uint8")
    mu = T.min(u)
    assert str(mu.owner.op) == "Elemwise{sub,no_inplace}"
    assert mu.owner.inputs[0].data == 255 and mu.owner.inputs[0].dtype == "uint8"
    bv = T.vector(dtype="bool")
    assert str(T.min(bv).owner.op) == "Elemwise{invert,no_inplace}"
    a = T.all(x)
    assert str(a.owner.inputs[0].owner.op) == "Elemwise{neq,no_inplace}"
    assert T.all(x > 0).owner.inputs[0].owner.op == (x > 0).owner.op
    # mean = Sum / shape[0] / shape[1]
    mn = x.mean()
    assert str(mn.owner.op) == "Elemwise{true_div,no_inplace}"
    assert str(mn.owner.inputs[0].owner.inputs[0].owner.op) == "Sum{acc_dtype=float64}"


@pytest.mark.parametrize(
    "build, bcast",
    [
        (lambda x: x.sum(axis=1), (True, False)),
        (lambda x: x.sum(axis=1, keepdims=True), (True, True, False)),
        (lambda x: T.max(x, axis=(0, 2)), (False,)),
        (lambda x: T.argmax(x, axis=-1, keepdims=True), (True, False, True)),
        (lambda x: T.max(x, axis=2, keepdims=True), (True, False, True)),
        (lambda x: T.all(x, axis=0), (False, False)),
        (lambda x: x.mean(axis=1, keepdims=True), (True, True, False)),
        (lambda x: x.var(axis=(0, 2), keepdims=True), (True, False, True)),
        (lambda x: x.prod(axis=0, keepdims=True), (True, False, False)),
    ],
)
def test_broadcastable(build, bcast):
    x = T.TensorType("float64", (True, False, False))("x")
    assert build(x).broadcastable == bcast


# ----------------------------------------------------------------------------------
# values against NumPy


def _theano_var_ddof1(v, axis, keepdims):
    """Theano 1.0.5's var(ddof=1): the squared deviations summed over ``axis``, divided by
    the product of (n_i - 1) over the reduced axes (NumPy divides by prod(n_i) - 1; they
    agree for one axis).  Theano 1.0.5 on [[1, 2, 4], [8, 3, 5]] over all axes: 15.41666667.
    """
    axes = range(v.ndim) if axis is None else np.atleast_1d(axis) % v.ndim
    sq = np.sum((v - v.mean(axis=axis, keepdims=True)) ** 2, axis=axis, keepdims=keepdims)
    return sq / np.prod([v.shape[a] - 1 for a in axes])


AXES = [None, 0, 1, -1, (0, 2), [2, 0], (0, 1, 2), -3]


@pytest.mark.parametrize("axis", AXES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_values_against_numpy(axis, keepdims):
    x = T.dtensor3("x")
    v = _sample((2, 3, 4), "float64")
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    outs = [
        T.sum(x, axis=axis, keepdims=keepdims),
        T.prod(x, axis=axis, keepdims=keepdims),
        T.max(x, axis=axis, keepdims=keepdims),
        T.min(x, axis=axis, keepdims=keepdims),
        T.mean(x, axis=axis, keepdims=keepdims),
        T.var(x, axis=axis, keepdims=keepdims),
        T.std(x, axis=axis, keepdims=keepdims),
        T.var(x, axis=axis, ddof=1, keepdims=keepdims),
        T.all(x > 0, axis=axis, keepdims=keepdims),
        T.any(x > 1, axis=axis, keepdims=keepdims),
    ]
    refs = [
        np.sum(v, axis=np_axis, keepdims=keepdims),
        np.prod(v, axis=np_axis, keepdims=keepdims),
        np.max(v, axis=np_axis, keepdims=keepdims),
        np.min(v, axis=np_axis, keepdims=keepdims),
        np.mean(v, axis=np_axis, keepdims=keepdims),
        np.var(v, axis=np_axis, keepdims=keepdims),
        np.std(v, axis=np_axis, keepdims=keepdims),
        _theano_var_ddof1(v, np_axis, keepdims),
        np.all(v > 0, axis=np_axis, keepdims=keepdims),
        np.any(v > 1, axis=np_axis, keepdims=keepdims),
    ]
    results = _run([x], outs, v)
    for out, res, ref in zip(outs, results, refs):
        assert isinstance(res, np.ndarray)
        assert res.dtype == out.dtype
        assert res.shape == np.shape(ref), out
        np.testing.assert_allclose(res, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2), (1, 2), (0, 1, 2)])
def test_argmax_argmin(axis):
    x = T.dtensor3("x")
    v = _sample((2, 3, 4), "float64", seed=3)
    am, an = _run([x], [T.argmax(x, axis=axis), T.argmin(x, axis=axis)], v)
    if axis is None or np.ndim(axis) == 0:
        np.testing.assert_array_equal(am, np.argmax(v, axis=axis))
        np.testing.assert_array_equal(an, np.argmin(v, axis=axis))
    else:
        # Several axes: index into the reduced axes flattened in C order (Theano 1.0.5).
        keep = [i for i in range(3) if i not in axis]
        flat = v.transpose(keep + list(axis)).reshape([v.shape[i] for i in keep] + [-1])
        np.testing.assert_array_equal(am, np.argmax(flat, axis=-1))
        np.testing.assert_array_equal(an, np.argmin(flat, axis=-1))
    assert am.dtype == np.int64 and an.dtype == np.int64


def test_max_and_argmax():
    # Theano 1.0.5: axis=(0, 2) on arange(24).reshape(2,3,4) % 7 -> [6,6,6], [5,2,4]
    x = T.dtensor3("x")
    mx, am = T.max_and_argmax(x, axis=(0, 2))
    assert mx.owner is am.owner and mx.name == "max" and am.name == "argmax"
    v = np.arange(24.0).reshape(2, 3, 4) % 7
    r = _run([x], [mx, am], v)
    np.testing.assert_array_equal(r[0], [6.0, 6.0, 6.0])
    np.testing.assert_array_equal(r[1], [5, 2, 4])
    mk, ak = T.max_and_argmax(x, axis=1, keepdims=True)
    assert mk.broadcastable == (False, True, False) == ak.broadcastable
    # axis=[] means every axis, as in Theano
    assert T.max(x, axis=[]).ndim == 0


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_dtypes_values(dtype):
    x = T.matrix(dtype=dtype)
    v = _sample((3, 4), dtype, seed=1)
    outs = [
        x.sum(axis=0),
        x.prod(axis=1),
        T.max(x, axis=0),
        T.min(x),
        x.argmax(axis=1),
        T.argmin(x, axis=0),
        x.mean(axis=0),
        T.all(x, axis=1),
        T.any(x),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = _run([x], outs, v)
    wide = v.astype("float64") if dtype != "bool" else v.astype("int64")
    refs = [
        wide.sum(axis=0),
        wide.prod(axis=1),
        v.max(axis=0),
        v.min(),
        v.argmax(axis=1),
        v.argmin(axis=0),
        wide.mean(axis=0),
        v.all(axis=1),
        v.any(),
    ]
    tol = 1e-2 if dtype == "float16" else 1e-6
    for out, res, ref in zip(outs, results, refs):
        assert res.dtype == out.dtype, (out, res.dtype)
        np.testing.assert_allclose(
            res.astype("float64"), np.asarray(ref, dtype="float64"), rtol=tol, atol=tol
        )


def test_sum_accumulates_float32_in_float64():
    # Theano's default acc_dtype for float32 is float64: the sum is exact here
    x = T.fvector()
    v = np.array([1e8, 1.0, -1e8, 1.0] * 3, dtype="float32")
    assert _run([x], x.sum(), v) == np.float32(6.0)


def test_mean_dtype_options():
    # Theano 1.0.5: mean of int32 [1, 2, 4] -> 2.3333333 (float64), var -> 1.5555556,
    # mean(dtype='float32') -> float32
    iv = T.ivector()
    m, vr, m32 = _run(
        [iv], [iv.mean(), iv.var(), T.mean(iv, dtype="float32")], np.array([1, 2, 4], dtype="int32")
    )
    assert m.dtype == np.float64 and abs(m - 7 / 3) < 1e-12
    assert abs(vr - 14 / 9) < 1e-12
    assert m32.dtype == np.float32
    h = T.vector(dtype="float16")
    assert T.mean(h).dtype == "float16"
    assert str(T.mean(h).owner.op) == "Elemwise{Cast{float16}}"
    assert T.mean(T.dmatrix(), axis=[]).ndim == 2
    x = T.dmatrix()
    mo = T.mean(x, axis=0, op=True)
    assert isinstance(mo.owner.op, Mean)
    np.testing.assert_allclose(_run([x], mo, np.arange(6.0).reshape(2, 3)), [1.5, 2.5, 3.5])
    with pytest.raises(NotImplementedError, match="dtype"):
        T.mean(x, op=True, dtype="float32")


def test_var_std_options():
    # Theano 1.0.5 on [1, 2, 4, 8]: var(ddof=1)=9.58333333, var(corrected=True)=7.1875,
    # var(ddof=1, corrected=True)=9.58333333, std(ddof=1)=3.09569594
    v = T.dvector()
    r = _run(
        [v],
        [v.var(ddof=1), v.var(corrected=True), v.var(ddof=1, corrected=True), v.std(ddof=1)],
        np.array([1.0, 2.0, 4.0, 8.0]),
    )
    np.testing.assert_allclose(r, [9.58333333, 7.1875, 9.58333333, 3.09569594], rtol=1e-8)
    m = T.dmatrix()
    r = _run([m], m.var(ddof=1), np.array([[1.0, 2.0, 4.0], [8.0, 3.0, 5.0]]))
    assert abs(r - 15.41666667) < 1e-8
    with pytest.raises(ValueError, match="keepdims is now at index 3"):
        T.var(v, 0, True)
    with pytest.raises(ValueError, match="keepdims is now at index 3"):
        T.std(v, 0, True)


def test_zero_d_input():
    # Theano 1.0.5 on 3.5: max/sum/prod/mean/min -> 3.5, var -> 0, all -> True
    s = T.dscalar()
    outs = [
        T.max(s),
        T.argmax(s),
        s.sum(),
        s.prod(),
        s.mean(),
        s.var(),
        T.all(s),
        T.min(s),
        T.argmin(s),
        T.any(s),
        s.sum(axis=[]),
    ]
    r = _run([s], outs, 3.5)
    expected = [3.5, 0, 3.5, 3.5, 3.5, 0.0, True, 3.5, 0, True, 3.5]
    for out, res, exp in zip(outs, r, expected):
        assert isinstance(res, np.ndarray) and res.shape == () and res.dtype == out.dtype
        assert res == exp
    assert str(T.max(s).owner.op) == "MaxAndArgmax{axis=()}"


def test_empty_arrays():
    # Theano 1.0.5: sum of (0,3) -> 0.0; prod(axis=0) -> ones(3); all(axis=0) -> True x3;
    # max over an empty axis raises ValueError; max over the other axis gives an empty array
    m = T.dmatrix()
    e = np.zeros((0, 3))
    s, p, a, n, mx1 = _run(
        [m], [m.sum(), m.prod(axis=0), T.all(m, axis=0), T.any(m, axis=0), T.max(m, axis=1)], e
    )
    assert s == 0.0 and s.dtype == np.float64
    np.testing.assert_array_equal(p, np.ones(3))
    np.testing.assert_array_equal(a, [True] * 3)
    np.testing.assert_array_equal(n, [False] * 3)
    assert mx1.shape == (0,)
    for bad in [T.max(m), T.max(m, axis=0), T.argmax(m), T.min(m, axis=0)]:
        f = theano.function([m], bad)
        with pytest.raises(ValueError, match="zero-size|empty"):
            f(e)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert np.isnan(_run([m], m.mean(), e))
    node = T.max(m, axis=0).owner
    storage = [[None], [None]]
    with pytest.raises(ValueError, match=r"MaxAndArgmax\{axis=\(0,\)\}.*\(0, 3\)"):
        node.op.perform(node, [e], storage)


def test_perform_matches_renderer():
    # The NumPy reference (perform) gives the same values as the generated code.
    x = T.ftensor3()
    v = _sample((2, 3, 4), "float32", seed=5)
    for out in [
        x.sum(axis=(0, 2)),
        x.prod(axis=1),
        T.max_and_argmax(x, axis=(0, 2))[1],
        T.max(x, axis=1),
        T.all(x, axis=2),
        T.any(x),
        Argmax((0, 2))(x),
        Argmax(None)(x),
        ProdWithoutZeros(axis=0)(x),
    ]:
        node = out.owner
        storage = [[None] for _ in node.outputs]
        node.op.perform(node, [v], storage)
        idx = node.outputs.index(out)
        np.testing.assert_array_equal(storage[idx][0], _run([x], out, v))
        assert storage[idx][0].dtype == out.dtype


def test_prod_without_zeros_values():
    x = T.dmatrix()
    v = np.array([[0.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(_run([x], ProdWithoutZeros(axis=1)(x), v), [6.0, 0.0])
    assert str(ProdWithoutZeros(axis=1)(x).owner.op) == (
        "ProdWithoutZeros{axis=(1,), dtype='float64', acc_dtype='float64'}"
    )


# ----------------------------------------------------------------------------------
# errors


def test_axis_errors():
    x = T.dmatrix("x")
    with pytest.raises(ValueError, match="axis 2"):
        x.sum(axis=2)
    with pytest.raises(ValueError, match="axis -3"):
        x.prod(axis=-3)
    with pytest.raises(ValueError, match="valid axis number for 2-D tensor. Got 5"):
        T.max(x, axis=5)
    with pytest.raises(ValueError, match="axis 3"):
        T.all(x, axis=3)
    with pytest.raises(TypeError, match="constant axis"):
        T.argmax(x, axis=T.iscalar())
    with pytest.raises(TypeError, match="axis"):
        x.sum(axis=1.5j)


def test_min_of_complex_not_implemented():
    with pytest.raises(NotImplementedError, match="complex128"):
        T.min(T.zvector())


# ----------------------------------------------------------------------------------
# infer_shape


@pytest.mark.parametrize(
    "build",
    [
        lambda x: x.sum(axis=(0, 2)),
        lambda x: x.sum(),
        lambda x: x.prod(axis=1),
        lambda x: T.all(x, axis=-1),
        lambda x: T.any(x),
        lambda x: MaxAndArgmax((1,))(x)[0],
        lambda x: MaxAndArgmax((0, 2))(x)[1],
        lambda x: Argmax(None)(x),
        lambda x: Argmax((2,))(x),
        lambda x: Mean(1)(x),
    ],
)
def test_infer_shape(build):
    x = T.dtensor3()
    out = build(x)
    node = out.owner
    v = _sample((2, 3, 4), "float64")
    shapes = node.op.infer_shape(None, node, [v.shape] if node.inputs[0] is x else [v.shape])
    expected = _run([x], out, v).shape
    assert tuple(shapes[node.outputs.index(out)]) == expected


# ----------------------------------------------------------------------------------
# gradients: each op's L_op, compiled, against central finite differences


def _check_lop(build, value, seed=0, eps=1e-6, rtol=1e-5):
    """Compare ``build(x)``'s L_op (for a random output gradient) with finite differences."""
    x = T.TensorType("float64", (False,) * value.ndim)("x")
    out = build(x)
    node = out.owner
    rng = np.random.RandomState(seed)
    gz_val = rng.rand(*_run([x], out, value).shape) + 0.5
    gz = T.TensorType("float64", out.broadcastable)("gz")
    grads = [None] * len(node.outputs)
    grads[node.outputs.index(out)] = gz
    if len(node.outputs) > 1:
        from theano.gradient import DisconnectedType

        grads = [g if g is not None else DisconnectedType()() for g in grads]
    (gx,) = node.op.L_op(node.inputs, node.outputs, grads)
    assert gx.broadcastable == x.broadcastable and gx.dtype == x.dtype
    analytic = _run([x, gz], gx, value, gz_val)
    f = theano.function([x], out)
    numeric = np.zeros_like(value)
    for i in np.ndindex(value.shape):
        up = value.copy()
        up[i] += eps
        down = value.copy()
        down[i] -= eps
        numeric[i] = np.sum(gz_val * (f(up) - f(down))) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=1e-7)
    return analytic


@pytest.mark.parametrize("axis", [None, 0, (0, 2), -1, ()])
def test_sum_grad(axis):
    _check_lop(lambda x: Sum(axis)(x), _sample((2, 3, 4), "float64"))


@pytest.mark.parametrize("axis", [None, 1, (0, 2)])
@pytest.mark.parametrize("zeros", [0, 1, 2])
def test_prod_grad(axis, zeros):
    v = _sample((2, 3, 4), "float64", seed=2) + 3.0
    flat = v.reshape(-1)
    flat[[5, 17][:zeros]] = 0.0  # one zero, then a second one in another place
    _check_lop(lambda x: Prod(axis)(x), v)


def test_prod_grad_two_zeros_in_one_group():
    v = np.array([[0.0, 2.0, 0.0], [1.0, 0.0, 3.0]])
    g = _check_lop(lambda x: Prod(axis=1)(x), v)
    assert g[0, 0] == 0.0 and g[0, 2] == 0.0 and g[1, 1] != 0.0


def test_prod_grad_no_zeros_in_input():
    v = _sample((3, 4), "float64") + 3.0
    _check_lop(lambda x: Prod(axis=0, no_zeros_in_input=True)(x), v)
    x = T.dmatrix()
    out = T.prod(x, axis=0, no_zeros_in_input=True)
    (gx,) = out.owner.op.L_op([x], [out], [T.dvector()])
    assert str(gx.owner.op) == "Elemwise{true_div,no_inplace}"  # gz * prod / x, no switch


@pytest.mark.parametrize("axis", [(0, 1, 2), (1,), (0, 2)])
def test_max_grad(axis):
    v = _sample((2, 3, 4), "float64", seed=4)
    _check_lop(lambda x: MaxAndArgmax(axis)(x)[0], v)


def test_max_grad_goes_to_every_max_position():
    x = T.dvector()
    gz = T.dscalar()
    mx, am = MaxAndArgmax((0,)).make_node(x).outputs
    (gx,) = mx.owner.op.L_op([x], [mx, am], [gz, _disconnected()])
    np.testing.assert_array_equal(
        _run([x, gz], gx, np.array([1.0, 3.0, 3.0]), 2.0), [0.0, 2.0, 2.0]
    )


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


def test_non_differentiable_reductions_give_zeros():
    # Theano 1.0.5: All/Any/integer-Sum gradients are zeros of dtype floatX, Argmax's
    # zeros of the input's dtype
    x = T.fmatrix()
    v = np.ones((2, 3))
    for out in [T.all(x), T.any(x, axis=0), Argmax((1,))(x), T.lmatrix().sum()]:
        node = out.owner
        (g,) = node.op.L_op(node.inputs, [out], [T.TensorType(out.dtype, out.broadcastable)()])
        assert g.dtype == ("float32" if isinstance(node.op, Argmax) else "float64")
        assert g.broadcastable == node.inputs[0].broadcastable
        free = node.inputs[0] if node.inputs[0].owner is None else x
        np.testing.assert_array_equal(_run([free], g, v.astype(free.dtype)), np.zeros((2, 3)))


def test_max_argmax_only_gradient_is_zero():
    x = T.dvector()
    node = MaxAndArgmax((0,)).make_node(x)
    (g,) = node.op.L_op([x], node.outputs, [_disconnected(), T.lscalar()])
    np.testing.assert_array_equal(_run([x], g, np.array([1.0, 2.0])), [0.0, 0.0])
    (g,) = node.op.L_op([x], node.outputs, [_disconnected(), _disconnected()])
    assert type(g.type).__name__ == "DisconnectedType"


@pytest.mark.skipif(not hasattr(theano, "grad"), reason="theano.grad not available yet")
@pytest.mark.parametrize(
    "build",
    [
        lambda x: T.mean(x, axis=1),
        lambda x: T.var(x, axis=0),
        lambda x: T.std(x, axis=(0, 1), ddof=1),
        lambda x: T.var(x, axis=1, corrected=True),
        lambda x: T.min(x, axis=0),
        lambda x: T.max(x, axis=1, keepdims=True) * 3.0,
        lambda x: T.sum(x, axis=-1, keepdims=True) * 3.0,
        lambda x: T.prod(x, axis=0),
    ],
)
def test_composite_grads(build):
    v = _sample((3, 4), "float64", seed=6) + 0.1
    x = T.dmatrix("x")
    out = build(x)
    rng = np.random.RandomState(0)
    w_val = rng.rand(*_run([x], out, v).shape)
    w = theano.shared(w_val)
    cost = T.sum(out * w)
    g = _run([x], theano.grad(cost, x), v)
    f = theano.function([x], cost)
    numeric = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        up, down = v.copy(), v.copy()
        up[i] += 1e-6
        down[i] -= 1e-6
        numeric[i] = (f(up) - f(down)) / 2e-6
    np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-7)


def test_sum_r_op():
    x = T.dmatrix()
    ev = T.dmatrix()
    s = x.sum(axis=0)
    (r,) = s.owner.op.R_op([x], [ev])
    np.testing.assert_array_equal(_run([ev], r, np.ones((2, 3))), [2.0, 2.0, 2.0])


def test_methods_and_ptp():
    x = T.dmatrix()
    v = np.array([[1.0, 5.0, -2.0], [0.5, 0.0, 7.0]])
    r = _run(
        [x], [x.max(axis=0), x.min(axis=1), x.argmin(), x.all(), x.any(), T.ptp(x, 0), x.ptp()], v
    )
    np.testing.assert_array_equal(r[0], v.max(axis=0))
    np.testing.assert_array_equal(r[1], v.min(axis=1))
    assert r[2] == v.argmin()
    assert not r[3] and r[4]
    np.testing.assert_array_equal(r[5], np.ptp(v, axis=0))
    assert r[6] == np.ptp(v)


def test_all_any_ops_equal():
    assert All(0) == All((0,)) and hash(All(0)) == hash(All([0]))
    assert All(0) != Any(0)
    assert Prod(0, no_zeros_in_input=True) != Prod(0)
    assert Sum(axis=[1, 0]) == Sum(axis=(0, 1))
