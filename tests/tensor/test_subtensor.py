"""Indexing: Subtensor, AdvancedSubtensor1, AdvancedSubtensor, boolean masks, set/inc, take.

Result types, op names and error cases come from Theano 1.0.5 runs (noted per test);
values are compared with NumPy.
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
from theano.tensor.subtensor import (
    AdvancedBooleanIncSubtensor,
    AdvancedBooleanSubtensor,
    AdvancedIncSubtensor,
    AdvancedIncSubtensor1,
    AdvancedSubtensor,
    AdvancedSubtensor1,
    IncSubtensor,
    Subtensor,
    get_canonical_form_slice,
    inc_subtensor,
    set_subtensor,
    take,
)

X = np.arange(12.0).reshape(3, 4)
X3 = np.arange(24.0).reshape(2, 3, 4)
V = np.array([1.0, -2.0, 3.0, -4.0, 5.0])


def _tensor_inputs(node):
    return [i for i in node.inputs if isinstance(i.type, T.TensorType)]


def eval_with_perform(outputs, inputs, values):
    """Evaluate ``outputs`` by calling every node's ``perform`` (no code generation)."""
    from theano.graph.basic import Constant, io_toposort

    env = dict(zip(inputs, values))
    for node in io_toposort(inputs, outputs):
        args = [v.data if isinstance(v, Constant) else env[v] for v in node.inputs]
        storage = [[None] for _ in node.outputs]
        node.op.perform(node, args, storage)
        env.update(zip(node.outputs, [s[0] for s in storage]))
    return [o.data if isinstance(o, Constant) else env[o] for o in outputs]


def check_infer_shape(out, inputs, values):
    """``out.owner.op.infer_shape`` gives the real shape, without computing ``out``."""
    node = out.owner
    in_shapes = [
        tuple(shape_i(i, d) for d in range(i.ndim)) if isinstance(i.type, T.TensorType) else ()
        for i in node.inputs
    ]
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
# Basic indexing: values against NumPy

x_ = T.dmatrix("x")
i_ = T.iscalar("i")
j_ = T.lscalar("j")

BASIC = [
    # name           theano expression           numpy reference (i=1, j=-1)
    ("int",          lambda x, i, j: x[0],          lambda a: a[0]),
    ("neg int",      lambda x, i, j: x[-1],         lambda a: a[-1]),
    ("two ints",     lambda x, i, j: x[2, -3],      lambda a: a[2, -3]),
    ("slice from",   lambda x, i, j: x[1:],         lambda a: a[1:]),
    ("reverse",      lambda x, i, j: x[::-1],       lambda a: a[::-1]),
    ("steps",        lambda x, i, j: x[::-2, 1::2], lambda a: a[::-2, 1::2]),
    ("neg bounds",   lambda x, i, j: x[-2:, :-1],   lambda a: a[-2:, :-1]),
    ("empty",        lambda x, i, j: x[5:],         lambda a: a[5:]),
    ("empty rev",    lambda x, i, j: x[1:3:-1],     lambda a: a[1:3:-1]),
    ("sym int",      lambda x, i, j: x[i],          lambda a: a[1]),
    ("sym neg int",  lambda x, i, j: x[:, j],       lambda a: a[:, -1]),
    ("sym slice",    lambda x, i, j: x[i:, j:],     lambda a: a[1:, -1:]),
    ("sym step",     lambda x, i, j: x[::j, i],     lambda a: a[::-1, 1]),
    ("mixed",        lambda x, i, j: x[i:3, ::2],   lambda a: a[1:3, ::2]),
    ("ellipsis",     lambda x, i, j: x[..., 1],     lambda a: a[..., 1]),
    ("ellipsis 2",   lambda x, i, j: x[0, ...],     lambda a: a[0, ...]),
    ("newaxis",      lambda x, i, j: x[None],       lambda a: a[None]),
    ("newaxis mid",  lambda x, i, j: x[:, None],    lambda a: a[:, None]),
    ("newaxis int",  lambda x, i, j: x[None, i],    lambda a: a[None, 1]),
    ("int newaxis",  lambda x, i, j: x[0, None],    lambda a: a[0, None]),
    ("ell newaxis",  lambda x, i, j: x[..., None],  lambda a: a[..., None]),
    ("numpy ints",   lambda x, i, j: x[np.int32(1), np.int64(2)], lambda a: a[1, 2]),
    ("0-d array",    lambda x, i, j: x[np.array(2)], lambda a: a[2]),
    ("const 0-d",    lambda x, i, j: x[T.constant(1)], lambda a: a[1]),
]


@pytest.mark.parametrize("name, build, ref", BASIC, ids=[b[0] for b in BASIC])
def test_basic_indexing_values(name, build, ref):
    out = build(x_, i_, j_)
    f = function([x_, i_, j_], out, on_unused_input="ignore")
    X0 = X.copy()
    got = f(X, 1, -1)
    expected = ref(X)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(X, X0)
    assert out.ndim == expected.ndim


@pytest.mark.parametrize("name, build, ref", BASIC, ids=[b[0] for b in BASIC])
def test_basic_indexing_perform_matches(name, build, ref):
    out = build(x_, i_, j_)
    if not isinstance(out.owner.op, Subtensor):
        return
    node = out.owner
    values = {x_: X, i_: np.int32(1), j_: np.int64(-1)}
    inputs = []
    for inp in node.inputs:
        if inp.owner is not None:  # ScalarFromTensor of i or j, or a DimShuffle of x
            inputs.append(function([x_, i_, j_], inp, on_unused_input="ignore")(X, 1, -1))
        elif hasattr(inp, "data"):
            inputs.append(inp.data)
        else:
            inputs.append(values[inp])
    storage = [[None]]
    node.op.perform(node, inputs, storage)
    np.testing.assert_array_equal(storage[0][0], ref(X))


@pytest.mark.parametrize("name, build, ref", BASIC, ids=[b[0] for b in BASIC])
def test_basic_indexing_infer_shape(name, build, ref):
    out = build(x_, i_, j_)
    if isinstance(out.owner.op, Subtensor):
        check_infer_shape(out, [x_, i_, j_], [X, 1, -1])


def test_subtensor_output_is_a_view():
    x = T.dmatrix()
    out = x[1:, ::2]
    assert out.owner.op.view_map == {0: [0]}
    storage = [[None]]
    out.owner.op.perform(out.owner, [X, 1, 2], storage)
    assert np.shares_memory(storage[0][0], X)


def test_slice_lengths_symbolic():
    # Every start/stop/step combination, symbolic, against Python's range.
    v = T.dvector("v")
    a, b, c = T.lscalars("a", "b", "c")
    outs = [v[a:b:c].shape[0], v[a::c].shape[0], v[:b:c].shape[0]]
    node = v[a:b:c].owner
    inferred = node.op.infer_shape(None, node, [(shape_i(v, 0),), (), (), ()])[0][0]
    f = function([v, a, b, c], outs + [inferred])
    for n in (0, 1, 5):
        arr = np.zeros(n)
        for start in (-7, -3, -1, 0, 1, 2, 6):
            for stop in (-6, -2, 0, 1, 3, 7):
                for step in (-3, -1, 1, 2):
                    got = f(arr, start, stop, step)
                    assert got[0] == len(range(n)[start:stop:step])
                    assert got[1] == len(range(n)[start::step])
                    assert got[2] == len(range(n)[:stop:step])
                    assert got[3] == got[0], (n, start, stop, step)


# ----------------------------------------------------------------------------------
# Types, op names and printing (Theano 1.0.5)

row = T.drow("r")
v_ = T.dvector("v")
iv_ = T.ivector("iv")
t3_ = T.dtensor3("t3")

TYPES = [
    # expression                  op class                 str(op)                  bcast
    (lambda: x_[0],              Subtensor,          "Subtensor{int64}",          (False,)),
    (lambda: x_[0, 1],           Subtensor,          "Subtensor{int64, int64}",   ()),
    (lambda: x_[1:],             Subtensor,          "Subtensor{int64::}",        (False, False)),
    (lambda: x_[::-1],           Subtensor,          "Subtensor{::int64}",        (False, False)),
    (lambda: x_[0:1],            Subtensor,          "Subtensor{int64:int64:}",   (False, False)),
    (lambda: x_[i_:j_],          Subtensor,          "Subtensor{int32:int64:}",   (False, False)),
    (lambda: x_[1:3:2, i_],      Subtensor,          "Subtensor{int64:int64:int64, int32}",
     (False,)),
    (lambda: x_[..., 0],         Subtensor,          "Subtensor{::, int64}",      (False,)),
    (lambda: x_[...],            Subtensor,          "Subtensor{::, ::}",         (False, False)),
    (lambda: T.dscalar()[()], Subtensor,           "Subtensor{}",               ()),
    (lambda: x_[T.bscalar()],    Subtensor,          "Subtensor{int8}",           (False,)),
    (lambda: row[0],             Subtensor,          "Subtensor{int64}",          (False,)),
    (lambda: row[:, 0],          Subtensor,          "Subtensor{::, int64}",      (True,)),
    (lambda: row[0:1],           Subtensor,          "Subtensor{int64:int64:}",   (True, False)),
    (lambda: row[::-1],          Subtensor,          "Subtensor{::int64}",        (True, False)),
    (lambda: row[0:5],           Subtensor,          "Subtensor{int64:int64:}",   (True, False)),
    (lambda: row[-1:],           Subtensor,          "Subtensor{int64::}",        (False, False)),
    (lambda: row[1:],            Subtensor,          "Subtensor{int64::}",        (False, False)),
    (lambda: row[:i_],           Subtensor,          "Subtensor{:int32:}",        (False, False)),
    (lambda: x_[None, 0, :],     Subtensor,          "Subtensor{::, int64, ::}",  (True, False)),
    (lambda: x_[1:, None, 0],    Subtensor,          "Subtensor{int64::, ::, int64}",
     (False, True)),
    (lambda: v_[:, None],        T.DimShuffle,       "InplaceDimShuffle{0,x}",    (False, True)),
    (lambda: x_[None, :, :],     T.DimShuffle,       "InplaceDimShuffle{x,0,1}",
     (True, False, False)),
    (lambda: x_[iv_],            AdvancedSubtensor1, "AdvancedSubtensor1",        (False, False)),
    (lambda: x_[[0, 1]],         AdvancedSubtensor1, "AdvancedSubtensor1",        (False, False)),
    (lambda: x_[[0]],            AdvancedSubtensor1, "AdvancedSubtensor1",        (True, False)),
    (lambda: x_[[]],             AdvancedSubtensor1, "AdvancedSubtensor1",        (False, False)),
    (lambda: x_[iv_, ...],       AdvancedSubtensor1, "AdvancedSubtensor1",        (False, False)),
    (lambda: x_[:, iv_],         T.DimShuffle,       "InplaceDimShuffle{1,0}",    (False, False)),
    (lambda: x_[[0, 1], [1, 2]], AdvancedSubtensor,  "AdvancedSubtensor",         (False,)),
    (lambda: x_[iv_, 0],         AdvancedSubtensor,  "AdvancedSubtensor",         (False,)),
    (lambda: x_[iv_, None],      AdvancedSubtensor,  "AdvancedSubtensor",   (False, True, False)),
    (lambda: x_[None, iv_],      AdvancedSubtensor,  "AdvancedSubtensor",   (True, False, False)),
    (lambda: t3_[iv_, :, iv_],   AdvancedSubtensor,  "AdvancedSubtensor",         (False, False)),
    (lambda: x_[x_ > 0],         AdvancedBooleanSubtensor, "AdvancedBooleanSubtensor", (False,)),
    (lambda: x_[v_ > 0],         AdvancedBooleanSubtensor, "AdvancedBooleanSubtensor",
     (False, False)),
    (lambda: x_[np.array([True, False, True])], AdvancedBooleanSubtensor,
     "AdvancedBooleanSubtensor", (False, False)),
    (lambda: x_[v_ > 0, 1],      AdvancedBooleanSubtensor, "AdvancedBooleanSubtensor", (False,)),
    (lambda: x_[T.imatrix()],    None,               "Reshape{3}",   (False, False, False)),
    (lambda: x_[T.ivector().dimshuffle("x", 0)], None, None, (True, False, False)),
    (lambda: set_subtensor(x_[0], v_), IncSubtensor, "IncSubtensor{Set;int64}", (False, False)),
    (lambda: inc_subtensor(x_[1:, i_], 2.0), IncSubtensor, "IncSubtensor{Inc;int64::, int32}",
     (False, False)),
    (lambda: set_subtensor(x_[iv_], 1), AdvancedIncSubtensor1,
     "AdvancedIncSubtensor1{no_inplace,set}", (False, False)),
    (lambda: inc_subtensor(x_[iv_, iv_], 1), AdvancedIncSubtensor,
     "AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=False}", (False, False)),
    (lambda: set_subtensor(v_[v_ > 0], 1), AdvancedBooleanIncSubtensor,
     "AdvancedBooleanIncSubtensor{inplace=False,  set_instead_of_inc=True}", (False,)),
    (lambda: inc_subtensor(x_[:, iv_], 1), T.DimShuffle, "InplaceDimShuffle{1,0}",
     (False, False)),
    (lambda: set_subtensor(row[0:1], T.dvector()), IncSubtensor,
     "IncSubtensor{Set;int64:int64:}", (True, False)),
]


@pytest.mark.parametrize("build, cls, text, bcast", TYPES)
def test_result_types_and_names(build, cls, text, bcast):
    out = build()
    assert out.broadcastable == bcast
    assert out.dtype == "float64"
    if cls is not None:
        assert isinstance(out.owner.op, cls)
    if text is not None:
        assert str(out.owner.op) == text


def test_index_inputs_are_scalars():
    # Theano 1.0.5: x[i] -> Subtensor{int32}(x, ScalarFromTensor.0); x[0] has a scalar constant.
    out = x_[i_]
    assert str(out.owner.inputs[1].type) == "int32"
    assert str(out.owner.inputs[1].owner.op) == "ScalarFromTensor"
    const = x_[0].owner.inputs[1]
    assert int(const.data) == 0 and str(const.type) == "int64"
    # The same index twice gives equal ops (hashable despite slices).
    assert x_[1:, 2].owner.op == x_[3:, 0].owner.op
    assert hash(x_[1:, 2].owner.op) == hash(x_[3:, 0].owner.op)
    assert x_[1:].owner.op != x_[:1].owner.op


def test_int_dtypes_follow_input():
    for dtype in ("int8", "int32", "float32", "bool", "complex128"):
        m = T.matrix(dtype=dtype)
        assert m[0].dtype == dtype and m[T.ivector()].dtype == dtype
        assert set_subtensor(m[0], m[1]).dtype == dtype


# ----------------------------------------------------------------------------------
# Advanced integer indexing


im_ = T.imatrix("im")

ADVANCED = [
    # name           theano                             numpy (I=[2, 0, 2, -1], M=[[0, 1], [2, 0]])
    ("vector",       lambda x, t, I, M: x[I],              lambda x, t, I, M: x[I]),
    ("vector rest",  lambda x, t, I, M: x[I, :],           lambda x, t, I, M: x[I, :]),
    ("list",         lambda x, t, I, M: x[[0, 0, -1]],     lambda x, t, I, M: x[[0, 0, -1]]),
    ("ndarray",      lambda x, t, I, M: x[np.array([1, 2])], lambda x, t, I, M: x[[1, 2]]),
    ("axis 1",       lambda x, t, I, M: x[:, I],           lambda x, t, I, M: x[:, I]),
    ("axis 2",       lambda x, t, I, M: t[:, :, I],        lambda x, t, I, M: t[:, :, I]),
    ("matrix",       lambda x, t, I, M: x[M],              lambda x, t, I, M: x[M]),
    ("matrix ax1",   lambda x, t, I, M: x[:, M],           lambda x, t, I, M: x[:, M]),
    ("two arrays",   lambda x, t, I, M: x[I, I],           lambda x, t, I, M: x[I, I]),
    ("two lists",    lambda x, t, I, M: x[[0, 1], [1, 2]], lambda x, t, I, M: x[[0, 1], [1, 2]]),
    ("array int",    lambda x, t, I, M: x[I, 0],           lambda x, t, I, M: x[I, 0]),
    ("int array",    lambda x, t, I, M: x[-1, I],          lambda x, t, I, M: x[-1, I]),
    ("bcast arrays", lambda x, t, I, M: x[M, M[0]],        lambda x, t, I, M: x[M, M[0]]),
    ("slice array",  lambda x, t, I, M: x[1:, I],          lambda x, t, I, M: x[1:, I]),
    ("array slice",  lambda x, t, I, M: x[I, ::-2],        lambda x, t, I, M: x[I, ::-2]),
    ("split",        lambda x, t, I, M: t[I[:2], :, I[:2]], lambda x, t, I, M: t[I[:2], :, I[:2]]),
    ("adjacent",     lambda x, t, I, M: t[:, I, I],        lambda x, t, I, M: t[:, I, I]),
    ("newaxis",      lambda x, t, I, M: x[I, None],        lambda x, t, I, M: x[I, None]),
    ("newaxis 2",    lambda x, t, I, M: x[None, I],        lambda x, t, I, M: x[None, I]),
    ("sym slice",    lambda x, t, I, M: t[I[:2], I[0]:, I[:2]],
     lambda x, t, I, M: t[I[:2], I[0]:, I[:2]]),
]
I_VAL = np.array([1, 0, 1, -1], dtype="int32")
M_VAL = np.array([[0, 1], [2, 0]], dtype="int32")


@pytest.mark.parametrize("name, build, ref", ADVANCED, ids=[a[0] for a in ADVANCED])
def test_advanced_indexing_values(name, build, ref):
    out = build(x_, t3_, iv_, im_)
    f = function([x_, t3_, iv_, im_], out, on_unused_input="ignore")
    expected = ref(X, X3, I_VAL, M_VAL)
    got = f(X, X3, I_VAL, M_VAL)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got, expected)
    assert out.ndim == expected.ndim
    (by_perform,) = eval_with_perform([out], [x_, t3_, iv_, im_], [X, X3, I_VAL, M_VAL])
    np.testing.assert_array_equal(by_perform, expected)


@pytest.mark.parametrize("name, build, ref", ADVANCED, ids=[a[0] for a in ADVANCED])
def test_advanced_indexing_infer_shape(name, build, ref):
    out = build(x_, t3_, iv_, im_)
    if isinstance(out.owner.op, (AdvancedSubtensor1, AdvancedSubtensor)):
        check_infer_shape(out, [x_, t3_, iv_, im_], [X, X3, I_VAL, M_VAL])


def test_advanced_indexing_with_symbolic_int_list():
    a, b = T.iscalars("a", "b")
    f = function([x_, a, b], x_[[a, b, a]])
    np.testing.assert_array_equal(f(X, 2, 0), X[[2, 0, 2]])


def test_take():
    # numpy.take: axis None/0/1/-1; vector, matrix and 0-d indices; modes raise/wrap/clip
    x = T.dmatrix()
    idx = T.lvector()
    m = T.lmatrix()
    s = T.lscalar()
    I = np.array([0, 2, 1, -1])
    M = np.array([[0, 1], [2, 0]])
    cases = [
        (take(x, idx), np.take(X, I)),
        (take(x, idx, axis=0), np.take(X, I, axis=0)),
        (take(x, idx, axis=1), np.take(X, I, axis=1)),
        (take(x, idx, axis=-1), np.take(X, I, axis=-1)),
        (take(x, m, axis=1), np.take(X, M, axis=1)),
        (take(x, m, axis=0), np.take(X, M, axis=0)),
        (x.take(m), np.take(X, M)),
        (take(x, s, axis=1), np.take(X, 2, axis=1)),
        (take(x, s), np.take(X, 2)),
    ]
    f = function([x, idx, m, s], [c[0] for c in cases], on_unused_input="ignore")
    for got, (out, expected) in zip(f(X, I, M, 2), cases):
        assert out.ndim == expected.ndim
        np.testing.assert_array_equal(got, expected)
    far = np.array([0, 7, -9, 3])
    g = function([x, idx], [take(x, idx, axis=1, mode="wrap"), take(x, idx, axis=0, mode="clip")])
    got_wrap, got_clip = g(X, far)
    np.testing.assert_array_equal(got_wrap, np.take(X, far, axis=1, mode="wrap"))
    np.testing.assert_array_equal(got_clip, np.take(X, far, axis=0, mode="clip"))
    with pytest.raises(IndexError):
        function([x, idx], take(x, idx))(X, np.array([12]))
    with pytest.raises(ValueError, match="mode"):
        take(x, idx, mode="bad")
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        take(x, idx, axis=2)


# ----------------------------------------------------------------------------------
# Boolean masks

MASKS = [
    # name          theano                              numpy
    ("vector",      lambda x, v: v[v > 0],              lambda x, v: v[v > 0]),
    ("matrix",      lambda x, v: x[x > 4],              lambda x, v: x[x > 4]),
    ("rows",        lambda x, v: x[v[:3] > 0],          lambda x, v: x[v[:3] > 0]),
    ("cols",        lambda x, v: x[:, v[:4] > 0],       lambda x, v: x[:, v[:4] > 0]),
    ("const 2d",    lambda x, v: x[X % 3 == 0],         lambda x, v: x[X % 3 == 0]),
    ("const rows",  lambda x, v: x[np.array([True, False, True])],
     lambda x, v: x[np.array([True, False, True])]),
    ("mask int",    lambda x, v: x[v[:3] > 0, 1],       lambda x, v: x[v[:3] > 0, 1]),
    ("none true",   lambda x, v: x[x > 100],            lambda x, v: x[x > 100]),
    ("ellipsis",    lambda x, v: x[..., v[:4] < 0],     lambda x, v: x[..., v[:4] < 0]),
]


@pytest.mark.parametrize("name, build, ref", MASKS, ids=[m[0] for m in MASKS])
def test_boolean_mask_values(name, build, ref):
    out = build(x_, v_)
    assert isinstance(out.owner.op, AdvancedBooleanSubtensor)
    f = function([x_, v_], out, on_unused_input="ignore")
    expected = ref(X, V)
    got = f(X, V)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(eval_with_perform([out], [x_, v_], [X, V])[0], expected)


@pytest.mark.parametrize("name, build, ref", MASKS, ids=[m[0] for m in MASKS])
def test_boolean_mask_set_inc(name, build, ref):
    region = build(x_, v_)
    y = T.dscalar("y")
    f = function([x_, v_, y], [set_subtensor(region, y), inc_subtensor(region, y * 2)],
                 on_unused_input="ignore")
    base = X if region.owner.inputs[0] is x_ else V
    s_ref, i_ref = base.copy(), base.copy()
    idx = _mask_index(name)
    s_ref[idx] = 7.0
    i_ref[idx] += 14.0
    got_s, got_i = f(X, V, 7.0)
    np.testing.assert_array_equal(got_s, s_ref)
    np.testing.assert_array_equal(got_i, i_ref)


def _mask_index(name):
    return {
        "vector": (V > 0,), "matrix": (X > 4,), "rows": (V[:3] > 0,),
        "cols": (slice(None), V[:4] > 0), "const 2d": (X % 3 == 0,),
        "const rows": (np.array([True, False, True]),), "mask int": (V[:3] > 0, 1),
        "none true": (X > 100,), "ellipsis": (Ellipsis, V[:4] < 0),
    }[name]


def test_boolean_mask_errors():
    # Theano 1.0.5: v[x > 0] -> IndexError too many indices; x[[True, False]] -> TypeError.
    with pytest.raises(IndexError, match="too many indices"):
        v_[x_ > 0]
    with pytest.raises(TypeError, match="Python bools"):
        v_[[True, False, True, False, True]]
    with pytest.raises(TypeError, match="Python bools"):
        x_[True]
    f = function([x_, v_], x_[v_ > 0])
    with pytest.raises(IndexError, match="size of axis is 3"):
        f(X, V)  # 5 mask entries for 3 rows


def test_boolean_mask_gradient():
    # Theano 1.0.5: grad of x[x > 0].sum() is AdvancedBooleanIncSubtensor of zeros.
    g = theano.grad(x_[x_ > 4].sum(), x_)
    assert isinstance(g.owner.op, AdvancedBooleanIncSubtensor)
    np.testing.assert_array_equal(function([x_], g)(X), (X > 4).astype(float))
    mask = np.array([True, False, True])
    verify_grad(lambda a: a[mask] * 3.0, [X + 0.5])
    verify_grad(lambda a: a[:, np.array([False, True, True, False])] ** 2, [X + 0.5])


# ----------------------------------------------------------------------------------
# set_subtensor / inc_subtensor


def _np_inc(a, idx, y):
    out = a.copy()
    np.add.at(out, idx, y)
    return out


def _np_set(a, idx, y):
    out = a.copy()
    out[idx] = y
    return out


SETINC = [
    # name          index built on x           numpy index                    y value
    ("int",         lambda x, I: x[1],         (1,),                          np.arange(4.0)),
    ("slice",       lambda x, I: x[1:, ::-2],  (slice(1, None), slice(None, None, -2)),
     np.ones((2, 2))),
    ("scalar y",    lambda x, I: x[:, 1:3],    (slice(None), slice(1, 3)),    np.float64(5)),
    ("row y",       lambda x, I: x[1:],        (slice(1, None),),             np.arange(4.0)),
    ("element",     lambda x, I: x[2, -1],     (2, -1),                       np.float64(3)),
    ("empty",       lambda x, I: x[3:],        (slice(3, None),),             np.float64(3)),
    ("vector",      lambda x, I: x[I],         (I_VAL,),                      np.arange(4.0)),
    ("vector 2d y", lambda x, I: x[I],         (I_VAL,),
     np.arange(16.0).reshape(4, 4)),
    ("repeated",    lambda x, I: x[[0, 0, 0]], ([0, 0, 0],),                  np.float64(1)),
    ("axis 1",      lambda x, I: x[:, I],      (slice(None), I_VAL),          np.arange(4.0)),
    ("matrix",      lambda x, I: x[M_VAL],     (M_VAL,),                      np.float64(2)),
    ("matrix y",    lambda x, I: x[M_VAL],     (M_VAL,),                      np.arange(4.0)),
    ("matrix ax1",  lambda x, I: x[:, M_VAL],  (slice(None), M_VAL),          np.ones((2, 2))),
    ("tuple",       lambda x, I: x[(I,)],      (I_VAL,),                      np.float64(2)),
    ("two arrays",  lambda x, I: x[I, I],      (I_VAL, I_VAL),                np.arange(4.0)),
    ("array int",   lambda x, I: x[I, 1],      (I_VAL, 1),                    np.float64(1)),
    ("slice array", lambda x, I: x[1:, I],     (slice(1, None), I_VAL),       np.arange(4.0)),
]


@pytest.mark.parametrize("name, build, idx, y", SETINC, ids=[s[0] for s in SETINC])
def test_set_and_inc_subtensor(name, build, idx, y):
    yv = T.TensorType("float64", (False,) * np.ndim(y))("y")
    region = build(x_, iv_)
    outs = [set_subtensor(region, yv), inc_subtensor(region, yv)]
    f = function([x_, iv_, yv], outs, on_unused_input="ignore")
    X0 = X.copy()
    got_set, got_inc = f(X, I_VAL, y)
    np.testing.assert_array_equal(X, X0)  # the input is never modified
    np.testing.assert_array_equal(got_set, _np_set(X, idx, y))
    np.testing.assert_array_equal(got_inc, _np_inc(X, idx, y))
    p_set, p_inc = eval_with_perform(outs, [x_, iv_, yv], [X, I_VAL, y])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(p_set, got_set)
    np.testing.assert_array_equal(p_inc, got_inc)


def test_set_inc_through_take_on_other_axes():
    # x[:, :, idx] and x[:, M] are built by take() (dimshuffles, reshape); inc_subtensor
    # sees through them and increments the original tensor.
    t3 = T.dtensor3()
    idx = T.lvector()
    m = T.lmatrix()
    y = T.dvector()
    A = np.arange(24.0).reshape(2, 3, 4)
    I = np.array([0, 0, 2])
    M = np.array([[0, 1], [1, 1]])
    outs = [inc_subtensor(t3[:, :, idx], y[:3]), set_subtensor(t3[:, idx], y[0]),
            inc_subtensor(t3[:, m], y), inc_subtensor(t3[m], 1.0),
            inc_subtensor(t3[:, :, m], y[:2])]
    got = function([t3, idx, m, y], outs)(A, I, M, np.arange(4.0))
    refs = [((slice(None), slice(None), I), np.arange(3.0)), ((slice(None), I), None),
            ((slice(None), M), np.arange(4.0)), ((M,), 1.0),
            ((slice(None), slice(None), M), np.arange(2.0))]
    for g, (idx_ref, val) in zip(got, refs):
        expected = _np_set(A, idx_ref, 0.0) if val is None else _np_inc(A, idx_ref, val)
        np.testing.assert_array_equal(g, expected)
    gy = theano.grad(inc_subtensor(t3[:, m], y).sum(), y)
    np.testing.assert_array_equal(function([t3, m, y], gy)(A, M, np.arange(4.0)), [8.0] * 4)


def test_set_subtensor_after_newaxis_updates_the_expanded_tensor():
    # As in Theano, the result is the updated tensor that was indexed: here x[None].
    out = set_subtensor(x_[None, 1], v_[:4])
    assert out.broadcastable == (True, False, False)
    expected = X[None].copy()
    expected[0, 1] = V[:4]
    np.testing.assert_array_equal(function([x_, v_], out)(X, V), expected)


def test_inc_subtensor_accumulates_repeated_indices():
    # Theano 1.0.5: inc_subtensor(x[[0,0,2]], 1) adds 2 to row 0.
    v = T.dvector()
    idx = T.lvector()
    f = function([v, idx], inc_subtensor(v[idx], 1.0))
    np.testing.assert_array_equal(f(np.zeros(4), np.array([0, 0, 3, 0, -1])), [3, 0, 0, 2])
    g = function([x_], inc_subtensor(x_[[0, 0, 2], [1, 1, 1]], 1))
    expected = X.copy()
    expected[0, 1] += 2
    expected[2, 1] += 1
    np.testing.assert_array_equal(g(X), expected)


@pytest.mark.parametrize("x_shape, y_shape", [
    ((5,), (6,)), ((5, 3), (6, 3)), ((5, 3), (3,)), ((5, 3), ()), ((4, 2, 3), (6, 1, 3)),
    ((5, 3), (6, 1)), ((0, 3), (0, 3)),
])
def test_add_at_rows_matches_numpy(x_shape, y_shape):
    rng = np.random.default_rng(0)
    n = x_shape[0]
    ilist = rng.integers(-n, n, size=y_shape[0] if y_shape else 6) if n else np.zeros(0, int)
    if y_shape and len(ilist) != y_shape[0]:
        ilist = ilist[: y_shape[0]]
    x = rng.random(x_shape)
    y = rng.random(y_shape)
    expected = x.copy()
    np.add.at(expected, ilist, y)
    theano.tensor.subtensor.add_at_rows(x, ilist, y)
    np.testing.assert_allclose(x, expected)


def test_add_at_rows_errors_and_layouts():
    add_at_rows = theano.tensor.subtensor.add_at_rows
    x = np.zeros((3, 2))
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 0 with size 3"):
        add_at_rows(x, np.array([0, 3]), 1.0)
    with pytest.raises(IndexError, match="index -4 is out of bounds"):
        add_at_rows(x, np.array([-4]), 1.0)
    xf = np.zeros((3, 2), order="F")
    add_at_rows(xf, np.array([1, 1]), np.array([1.0, 2.0]))
    np.testing.assert_array_equal(xf, [[0, 0], [2, 4], [0, 0]])
    xi = np.zeros((3, 2), dtype="int32")
    add_at_rows(xi, np.array([2, 2]), np.int32(1))
    assert xi.dtype == np.int32 and xi[2].tolist() == [2, 2]


def test_set_subtensor_dtypes():
    # Theano 1.0.5: set into int32 truncates; inc of int32 by float64 raises a casting error.
    m = T.imatrix()
    dv = T.dvector()
    M = np.ones((2, 3), dtype="int32")
    out = function([m, dv], set_subtensor(m[0], dv))(M, np.array([0.5, 1.5, 2.5]))
    assert out.dtype == np.int32 and out.tolist() == [[0, 1, 2], [1, 1, 1]]
    with pytest.raises(TypeError, match="Cannot cast"):
        function([m, dv], inc_subtensor(m[0], dv))(M, np.array([0.5, 1.5, 2.5]))
    f = T.fmatrix()
    assert inc_subtensor(f[0], T.dvector()).type == f.type


def test_set_inc_errors():
    # Theano 1.0.5 messages
    with pytest.raises(TypeError, match="x must be the result of a subtensor operation"):
        inc_subtensor(x_, 1)
    with pytest.raises(TypeError, match="increment a 1-dimensional subtensor with a "
                                        "2-dimensional value"):
        inc_subtensor(x_[0], T.dmatrix())
    with pytest.raises(TypeError, match="increment a 2-dimensional subtensor with a "
                                        "3-dimensional value"):
        set_subtensor(x_[iv_], T.dtensor3())
    with pytest.raises(TypeError, match="1-dimensional subtensor with a 2-dimensional"):
        inc_subtensor(x_[x_ > 0], x_)
    with pytest.raises(TypeError, match="immutable"):
        x_[0] = 1
    f = function([x_, iv_], set_subtensor(x_[iv_], x_[0:1]))
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 3"):
        f(X, np.array([5], dtype="int32"))


def test_set_subtensor_broadcastable_region_adds_rebroadcast():
    # y must have length 1 where the region is broadcastable: checked at run time.
    r = T.drow()
    y = T.dmatrix()
    out = set_subtensor(r[0:1], y)
    f = function([r, y], out)
    np.testing.assert_array_equal(f(np.zeros((1, 3)), np.ones((1, 3))), np.ones((1, 3)))
    with pytest.raises(ValueError):
        f(np.zeros((1, 3)), np.ones((2, 3)))


def test_inplace_ops_modify_their_input():
    x = T.dmatrix()
    y = T.dvector()
    iv = T.lvector()
    cases = [
        (IncSubtensor(x[0].owner.op.idx_list, inplace=True), [np.int64(1)]),
        (AdvancedIncSubtensor1(inplace=True), [np.array([1, 1])]),
        (AdvancedIncSubtensor(inplace=True), [np.array([1, 1])]),
    ]
    for op, idx in cases:
        node = op.make_node(x, y, *([1] if isinstance(op, IncSubtensor) else [iv]))
        assert op.destroy_map == {0: [0]}
        a = X.copy()
        storage = [[None]]
        op.perform(node, [a, np.ones(4)] + idx, storage)
        assert storage[0][0] is a
        assert a[1].tolist() != X[1].tolist()
    inplace_inc = IncSubtensor(x[0].owner.op.idx_list, inplace=True)
    assert str(inplace_inc) == "IncSubtensor{InplaceInc;int64}"
    assert str(AdvancedIncSubtensor1(inplace=True, set_instead_of_inc=True)) == (
        "AdvancedIncSubtensor1{inplace,set}"
    )


def test_out_of_place_perform_does_not_modify():
    for op, extra in [
        (IncSubtensor(x_[0].owner.op.idx_list), [np.int64(0)]),
        (AdvancedIncSubtensor1(), [np.array([0, 0])]),
        (AdvancedIncSubtensor(), [np.array([0, 0])]),
    ]:
        node = op.make_node(x_, v_, *([0] if isinstance(op, IncSubtensor) else [iv_]))
        a = X.copy()
        storage = [[None]]
        op.perform(node, [a, np.ones(4)] + extra, storage)
        np.testing.assert_array_equal(a, X)
        assert storage[0][0][0, 0] > X[0, 0]


# ----------------------------------------------------------------------------------
# Errors at graph build time and run time


def test_index_errors():
    # Theano 1.0.5: x[1.0], x[dscalar], x[fvector] -> TypeError "index must be integers";
    # x[0, 0, 0] -> IndexError "too many indices for array"; two Ellipsis -> IndexError.
    with pytest.raises(TypeError, match=r"1\.0 of dtype float32: index must be integers"):
        x_[1.0]
    with pytest.raises(TypeError, match=r"s of dtype float64: index must be integers"):
        x_[T.dscalar("s")]
    with pytest.raises(TypeError, match=r"of dtype float32: index must be integers"):
        x_[T.fvector()]
    with pytest.raises(TypeError, match="index must be integers"):
        x_[[1.5]]
    with pytest.raises(TypeError, match="slice start"):
        x_[1.5:]
    with pytest.raises(TypeError, match="slice stop .* slice bounds must be integer"):
        x_[: T.dscalar()]
    with pytest.raises(IndexError, match="too many indices for array: x .* 2-dimensional, but 3"):
        x_[0, 0, 0]
    with pytest.raises(IndexError, match="too many indices"):
        v_[iv_, iv_]
    with pytest.raises(IndexError, match="single ellipsis"):
        x_[..., ...]
    with pytest.raises(TypeError, match="must be a vector"):
        AdvancedSubtensor1()(x_, im_)
    with pytest.raises(TypeError, match="cannot index into a scalar"):
        AdvancedSubtensor1()(T.dscalar(), iv_)
    with pytest.raises(TypeError, match="index input 0 .* has type int32, expected int64"):
        x_[0].owner.op(x_, i_)


def test_runtime_index_errors():
    # Theano 1.0.5 IndexError messages from NumPy: index and axis size.
    f = function([v_, i_], v_[i_])
    assert f(V, -1) == V[-1]
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 0 with size 5"):
        f(V, 5)
    with pytest.raises(IndexError, match="index -6 is out of bounds"):
        f(V, -6)
    g = function([x_, iv_], [x_[iv_], x_[iv_, iv_]])
    with pytest.raises(IndexError, match="out of bounds for axis 0 with size 3"):
        g(X, np.array([0, 3], dtype="int32"))
    h = function([x_, i_], x_[::i_])
    with pytest.raises(ValueError, match="slice step cannot be zero"):
        h(X, 0)


def test_error_names_node_and_shapes():
    f = function([v_, i_], v_[i_] * 2)
    with pytest.raises(IndexError) as info:
        f(V, 7)
    text = str(info.value)
    assert "Subtensor{int32}" in text and "(5,)" in text


# ----------------------------------------------------------------------------------
# Gradients

GRADS = [
    # name            function of a (3x4 float64)
    ("int",           lambda a: a[1] * 3.0),
    ("slices",        lambda a: a[1:, ::-2] * 3.0),
    ("element",       lambda a: a[2, -1] * 3.0),
    ("newaxis",       lambda a: a[None, 1:] * 3.0),
    ("vector rep",    lambda a: a[[0, 2, 0, -1]] * 3.0),
    ("axis 1",        lambda a: a[:, [3, 3, 0]] * 3.0),
    ("matrix idx",    lambda a: a[np.array([[0, 1], [0, 0]])] * 3.0),
    ("two arrays",    lambda a: a[[0, 0, 2], [1, 1, 3]] * 3.0),
    ("slice array",   lambda a: a[1:, [0, 0]] * 3.0),
    ("set x",         lambda a: set_subtensor(a[1:, 1], 0.0) * 3.0),
    ("inc x",         lambda a: inc_subtensor(a[[0, 0]], a[1]) ** 2),
    ("adv inc x",     lambda a: inc_subtensor(a[[0, 0], [1, 1]], a[2, :2]) ** 2),
    ("set adv1",      lambda a: set_subtensor(a[[2, 0]], a[1] * 2.0) ** 2),
    ("set adv",       lambda a: set_subtensor(a[[2, 0], [1, 1]], a[1, 1:3] * 2.0) ** 2),
    ("set basic y",   lambda a: set_subtensor(a[:2], a[2] * 2.0) ** 2),
]


@pytest.mark.parametrize("name, fn", GRADS, ids=[g[0] for g in GRADS])
def test_gradients(name, fn):
    verify_grad(fn, [X / 7.0 + 0.1])


def test_gradient_wrt_y_broadcast():
    # y broadcasts over the region: its gradient sums over the broadcast dims.
    y = T.dvector("y")
    s = T.dscalar("s")
    for build, ref_y, ref_s in [
        (lambda a, b: inc_subtensor(a[1:], b), 2 * np.ones(4), None),
        (lambda a, b: inc_subtensor(a[[0, 0, 1]], b), 3 * np.ones(4), None),
        (lambda a, b: set_subtensor(a[1:, [0, 1]], b), None, 4.0),
    ]:
        b = y if ref_y is not None else s
        g = theano.grad(build(x_, b).sum(), b)
        got = function([x_, b], g)(X, np.ones(4) if ref_y is not None else 1.0)
        np.testing.assert_allclose(got, ref_y if ref_y is not None else ref_s)
    verify_grad(lambda a, b: inc_subtensor(a[:, 1:3], b) * 3.0, [X, np.array([1.0, 2.0])])
    verify_grad(lambda a, b: set_subtensor(a[[1, 2]], b) * 3.0, [X, np.arange(4.0)])
    verify_grad(lambda a, b: inc_subtensor(a[[1, 1], [0, 2]], b) * 3.0, [X, np.array(2.0)])


def test_gradient_graphs_match_theano():
    # Theano 1.0.5 debugprints: grad of x[0].sum() is IncSubtensor{Inc;int64}(zeros, ...);
    # of x[iv].sum() AdvancedIncSubtensor1{no_inplace,inc}; of x[iv, iv].sum()
    # AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=False}.
    g = theano.grad(x_[0].sum(), x_)
    assert str(g.owner.op) == "IncSubtensor{Inc;int64}"
    assert str(g.owner.inputs[0].owner.op) == "Elemwise{second,no_inplace}"
    g = theano.grad(x_[iv_].sum(), x_)
    assert str(g.owner.op) == "AdvancedIncSubtensor1{no_inplace,inc}"
    g = theano.grad(x_[iv_, iv_].sum(), x_)
    assert str(g.owner.op) == "AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=False}"
    g = theano.grad(set_subtensor(x_[0], v_[:4]).sum(), x_)
    assert str(g.owner.op) == "IncSubtensor{Set;int64}"


def test_rop():
    x = T.dvector("x")
    ev = T.dvector("ev")
    idx = T.lvector("idx")
    exprs = [x[1:] * 2, x[idx], inc_subtensor(x[1:], x[:-1]), x[x > 0], x[idx, None]]
    f = function([x, ev, idx], [theano.gradient.Rop(e, x, ev) for e in exprs])
    got = f(np.array([1.0, -2.0, 3.0]), np.array([1.0, 2.0, 3.0]), np.array([0, 0, 2]))
    expected = [[4, 6], [1, 1, 3], [1, 3, 5], [1, 3], [[1], [1], [3]]]
    for g, e in zip(got, expected):
        np.testing.assert_array_equal(g, e)


def test_get_constant_idx():
    out = x_[1:, i_]
    assert out.owner.op.get_constant_idx(out.owner.inputs[1:], allow_partial=True)[0] == slice(
        1, None, None)
    with pytest.raises(T.NotScalarConstantError):
        out.owner.op.get_constant_idx(out.owner.inputs[1:])
    assert x_[-1, ::2].owner.op.get_constant_idx(x_[-1, ::2].owner.inputs[1:]) == [
        -1, slice(None, None, 2)]


def test_gradient_of_int_input_is_zero_float():
    m = T.imatrix()
    node = m[0].owner
    (g, _) = node.op.L_op(node.inputs, node.outputs, [T.dvector()])
    assert g.dtype == theano.config.floatX and g.ndim == 2


# ----------------------------------------------------------------------------------
# Helpers


@pytest.mark.parametrize("length", [0, 1, 5])
def test_get_canonical_form_slice(length):
    arr = np.arange(length)
    for start in (None, -7, -2, 0, 1, 4, 8):
        for stop in (None, -6, -1, 0, 2, 9):
            for step in (None, -3, -1, 1, 2):
                slc = slice(start, stop, step)
                canon, direction = get_canonical_form_slice(slc, length)
                assert 0 <= canon.start <= canon.stop <= length and canon.step > 0
                np.testing.assert_array_equal(arr[canon][::direction], arr[slc])
    assert get_canonical_form_slice(-2, 5) == (3, 1)


def test_get_canonical_form_slice_symbolic():
    n = T.lscalar("n")
    a, b = T.lscalars("a", "b")
    canon_p, d_p = get_canonical_form_slice(slice(a, b, 2), n)
    canon_n, d_n = get_canonical_form_slice(slice(a, b, -1), n)
    f = function([n, a, b], [canon_p.start, canon_p.stop, canon_n.start, canon_n.stop])
    for length in (0, 4):
        arr = np.arange(length)
        for start in (-5, -1, 0, 2, 6):
            for stop in (-5, -1, 0, 3, 6):
                s1, e1, s2, e2 = (int(v) for v in f(length, start, stop))
                np.testing.assert_array_equal(arr[s1:e1:2][::d_p], arr[start:stop:2])
                np.testing.assert_array_equal(arr[s2:e2:1][::d_n], arr[start:stop:-1])


# ----------------------------------------------------------------------------------
# The py backend renders indexing as plain NumPy


def test_generated_source_uses_direct_indexing():
    f = function([x_, i_, iv_], [x_[1:, i_], inc_subtensor(x_[iv_], 1.0),
                                 set_subtensor(x_[2, ::-1], 0.0), x_[iv_, iv_]])
    src = f.source
    assert "x[1:, " in src
    assert "_add_at_rows(" in src
    assert "[2, ::-1] = " in src
    assert "_perform" not in src
    got = f(X, 1, np.array([0, 0], dtype="int32"))
    np.testing.assert_array_equal(got[0], X[1:, 1])
    np.testing.assert_array_equal(got[1], _np_inc(X, ([0, 0],), 1.0))
    np.testing.assert_array_equal(got[2], _np_set(X, (2, slice(None, None, -1)), 0.0))
    np.testing.assert_array_equal(got[3], X[[0, 0], [0, 0]])


def test_outputs_do_not_alias_inputs():
    f = function([x_], x_[1:])
    a = X.copy()
    out = f(a)
    out[...] = -1
    np.testing.assert_array_equal(a, X)


def test_module_doctests():
    import doctest

    import theano.tensor.subtensor as module

    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
