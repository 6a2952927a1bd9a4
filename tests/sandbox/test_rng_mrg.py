"""MRG_RandomStreams: Theano 1.0.5's numbers, statistics, state handling, the multinomial ops.

Literal numbers were printed by Theano 1.0.5 for the same seeds and calls (float64:
its C and Python implementations agree; float32: its C implementation, the default
when a C++ compiler is present).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.configparser import change_flags
from theano.gradient import NullTypeGradError
from theano.sandbox import rng_mrg
from theano.sandbox.multinomial import ChoiceFromUniform, MultinomialFromUniform
from theano.sandbox.rng_mrg import (
    M1,
    M2,
    MRG_RandomStreams,
    ff_2p72,
    ff_2p134,
    guess_n_streams,
    mrg_uniform,
)

N = 20000


def within(mean, expected, sd, n):
    return abs(mean - expected) < 5 * sd / np.sqrt(n)


# ----------------------------------------------------------------------------------
# Theano 1.0.5's numbers


def test_numbers_of_every_draw_method():
    m = MRG_RandomStreams(seed=12345)
    outs = [
        m.uniform((2, 3)),
        m.normal((5,)),
        m.binomial((4,), p=0.5),
        m.uniform((3,), dtype="float32"),
        m.multinomial(pvals=[[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]]),
        m.choice(size=2, a=None, replace=False, p=[[0.1, 0.2, 0.3, 0.4]]),
        m.normal((3,), dtype="float32"),
        m.uniform((2,), low=-1, high=3),
    ]
    f = theano.function([], outs)
    v = f()
    np.testing.assert_array_equal(
        v[0],
        [
            [0.7353244530968368, 0.2585685825906694, 0.6940806899219751],
            [0.7705746139399707, 0.4939101580530405, 0.9062023567967117],
        ],
    )
    np.testing.assert_allclose(
        v[1],
        [
            0.9932952515630095,
            -0.07867899779613197,
            1.3673931905387975,
            0.5732602516540954,
            -1.2115759668799284,
        ],
        rtol=1e-14,
    )
    np.testing.assert_array_equal(v[2], [0, 1, 0, 1])
    assert v[3].dtype == np.float32
    np.testing.assert_allclose(v[3], [0.07513022, 0.7304665, 0.5269742], rtol=1e-6)
    np.testing.assert_array_equal(v[4], [[0, 0, 1], [0, 1, 0]])
    np.testing.assert_array_equal(v[5], [[1, 3]])
    np.testing.assert_allclose(v[6], [0.9392883, 0.03843532, -1.293907], rtol=2e-6)
    np.testing.assert_array_equal(v[7], [-0.2037346176803112, 1.0595458894968033])
    w = f()
    np.testing.assert_allclose(
        w[0],
        [
            [0.6142074400559068, 0.9489980279468, 0.18046841165050864],
            [0.8138928869739175, 0.9027785388752818, 0.00903041707351804],
        ],
        rtol=1e-15,
    )
    np.testing.assert_array_equal(w[2], [1, 0, 0, 0])
    np.testing.assert_array_equal(
        m.rstate, [1367468043, 509255716, 1843495086, 673221214, 401872223, 1271230434]
    )


def test_float32_matches_theano_c_code():
    # Theano's C code rounds the int to float32 before scaling; these samples are
    # ones where its Python fallback gives the next float32 instead.
    m = MRG_RandomStreams(seed=12345)
    v = theano.function([], m.uniform((2000,), dtype="float32"))()
    assert v.dtype == np.float32
    np.testing.assert_array_equal(
        v[:4],
        np.float32(
            [0.7353243827819824, 0.25856855511665344, 0.694080650806427, 0.7705745697021484]
        ),
    )
    np.testing.assert_array_equal(
        v[[7, 9, 12]], np.float32([0.35495948791503906, 0.558175802230835, 0.5130385160446167])
    )


def test_numbers_list_seed_symbolic_sizes_float16():
    m = MRG_RandomStreams(seed=[1, 2, 3, 4, 5, 6])
    x = T.dmatrix("x")
    n = T.iscalar("n")
    outs = [
        m.uniform((5,), dtype="float16"),
        m.normal((3, 3)),
        m.uniform(x.shape),
        m.normal(x.shape),
        m.uniform((n, 2), ndim=2),
        m.multinomial(pvals=np.array([[0.2, 0.3, 0.5]] * 4), n=5),
        m.choice(size=3, a=None, replace=False, p=np.array([[0.1, 0.2, 0.3, 0.4]] * 3)),
        m.binomial(size=(7,), p=T.constant(np.linspace(0, 1, 7))),
        m.uniform((1, 3), nstreams=2),
    ]
    assert [o.type.broadcastable for o in outs][-1] == (True, False)
    v = theano.function([x, n], outs)(np.zeros((2, 3)), 3)
    np.testing.assert_array_equal(v[0], np.float16([0.011635, 0.3303, 0.1849, 0.3289, 0.02771]))
    np.testing.assert_allclose(
        v[1][0], [0.09764418307789029, -0.6800855223837066, -0.517337997425656], rtol=1e-14
    )
    np.testing.assert_array_equal(
        v[2][1], [0.9418058549053967, 0.7757688541896641, 0.23437890084460378]
    )
    np.testing.assert_allclose(
        v[3][1], [-1.5405556063979307, 1.834051189344179, 1.034972191878205], rtol=1e-14
    )
    np.testing.assert_array_equal(v[4][2], [0.6262388415634632, 0.8733087056316435])
    np.testing.assert_array_equal(v[5], [[1, 1, 3], [2, 0, 3], [1, 3, 1], [0, 2, 3]])
    np.testing.assert_array_equal(v[6], [[3, 0, 1], [1, 3, 2], [3, 2, 0]])
    np.testing.assert_array_equal(v[7], [0, 0, 1, 1, 0, 0, 1])
    np.testing.assert_allclose(
        v[8], [[0.04104674234986305, 0.7161346008069813, 0.5969802457839251]], rtol=1e-15
    )


def test_jump_matrices_are_theanos():
    # the constants written in Theano 1.0's rng_mrg.py
    np.testing.assert_array_equal(rng_mrg.A1p72[0], [1516919229, 758510237, 499121365])
    np.testing.assert_array_equal(rng_mrg.A2p72[2], [2002613992, 1639496704, 1407477216])
    np.testing.assert_array_equal(rng_mrg.A1p134[1], [828554832, 1702500920, 1512419905])
    np.testing.assert_array_equal(rng_mrg.A2p134[0], [796789021, 1464208080, 607337906])


def test_substreams_are_spaced_by_2p72():
    m = MRG_RandomStreams(seed=99)
    start = m.rstate.copy()
    states = m.get_substream_rstates(37, "float64")
    assert states.dtype == np.int32 and states.shape == (37, 6)
    np.testing.assert_array_equal(states[0], start)
    for i in range(36):
        np.testing.assert_array_equal(states[i + 1], ff_2p72(states[i]))
    np.testing.assert_array_equal(m.rstate, ff_2p134(start))
    m.get_substream_rstates(3, "float64", inc_rstate=False)
    np.testing.assert_array_equal(m.rstate, ff_2p134(start))


def test_draw_matches_scalar_recurrence():
    # the vectorised update against a plain-int transcription of MRG31k3p
    def step(s):
        x11, x12, x13, x21, x22, x23 = s
        y1 = ((2**22 * x12) + (2**7 + 1) * x13) % M1
        y2 = ((2**15 * x21) + (2**15 + 1) * x23) % M2
        s[:] = [y1, x11, x12, y2, x21, x22]
        return y1 - y2 + (M1 if y1 <= y2 else 0)

    state = MRG_RandomStreams(7).get_substream_rstates(3, "float64")
    new_state, ints = rng_mrg._mrg_draw(state, 8)
    rows = [list(map(int, r)) for r in state]
    expected = [step(rows[i % 3]) for i in range(8)]
    np.testing.assert_array_equal(ints, expected)
    np.testing.assert_array_equal(new_state, rows)


# ----------------------------------------------------------------------------------
# Statistics


def test_uniform_statistics():
    m = MRG_RandomStreams(1)
    v = theano.function([], m.uniform((N,), low=-1.0, high=4.0))()
    assert v.min() > -1.0 and v.max() < 4.0
    assert within(v.mean(), 1.5, 5 / np.sqrt(12), N)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_uniform_open_interval_per_dtype(dtype):
    v = MRG_RandomStreams(2).uniform((N,), dtype=dtype).eval()
    assert v.dtype == dtype
    assert v.min() > 0 and v.max() < 1
    assert within(float(v.mean()), 0.5, np.sqrt(1 / 12), N)


def test_normal_statistics():
    m = MRG_RandomStreams(3)
    v = m.normal((N + 1,), avg=-2.0, std=3.0).eval()  # odd size
    assert v.shape == (N + 1,)
    assert within(v.mean(), -2.0, 3.0, N)
    assert abs(v.std() - 3.0) < 0.08


@pytest.mark.skipif(not hasattr(T, "nonzero"), reason="truncate needs T.nonzero")
def test_truncated_normal():
    m = MRG_RandomStreams(4)
    v = m.normal((N,), std=2.0, truncate=True).eval()
    assert np.abs(v).max() <= 4.0 + 1e-12
    w = m.truncated_normal((N,), std=2.0).eval()
    assert abs(w.std() - 2.0) < 0.06


@pytest.mark.skipif(not hasattr(T, "nonzero"), reason="truncate needs T.nonzero")
def test_truncated_normal_numbers():
    # Theano 1.0.5, seed 12345, these three draws in one function
    m = MRG_RandomStreams(seed=12345)
    outs = [
        m.normal((5,), dtype="float32"),
        m.normal((4,), truncate=True),
        m.truncated_normal((3,), std=2.0),
    ]
    v = theano.function([], outs)()
    np.testing.assert_allclose(
        v[0],
        [
            0.10108767449855804,
            -1.643541932106018,
            0.7104283571243286,
            -0.7776042222976685,
            0.06291872262954712,
        ],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        v[1],
        [-0.6733517312143733, 1.0515660504757458, 0.9283642706258926, 0.6068900639342174],
        rtol=1e-14,
    )
    np.testing.assert_allclose(
        v[2], [0.14303548047724063, -0.2534171710129438, -0.8726136239510964], rtol=1e-14
    )


def test_binomial_tensor_p():
    m = MRG_RandomStreams(5)
    x = T.dmatrix("x")
    p = T.dvector("p")
    out = m.binomial(size=x.shape, p=p, dtype="float64")
    assert out.dtype == "float64"
    v = theano.function([x, p], out)(np.zeros((N, 3)), np.array([0.0, 0.25, 1.0]))
    assert (v[:, 0] == 0).all() and (v[:, 2] == 1).all()
    assert within(v[:, 1].mean(), 0.25, np.sqrt(0.25 * 0.75), N)


def test_multinomial_frequencies_and_counts():
    m = MRG_RandomStreams(6)
    pvals = np.tile([0.1, 0.6, 0.3], (N, 1))
    one = m.multinomial(pvals=pvals).eval()
    np.testing.assert_array_equal(one.sum(axis=1), 1)
    np.testing.assert_allclose(one.mean(axis=0), [0.1, 0.6, 0.3], atol=0.015)
    five = m.multinomial(pvals=pvals[:100], n=5).eval()
    np.testing.assert_array_equal(five.sum(axis=1), 5)


def test_multinomial_dtype_and_symbolic_pvals():
    m = MRG_RandomStreams(7)
    pv = T.fmatrix("pv")
    out = m.multinomial(pvals=pv, dtype="float32")
    assert out.dtype == "float32" and out.ndim == 2
    v = theano.function([pv], out)(np.float32([[0.0, 1.0], [1.0, 0.0]]))
    np.testing.assert_array_equal(v, [[0, 1], [1, 0]])


def test_choice_without_replacement_distinct():
    m = MRG_RandomStreams(8)
    p = np.tile([0.05, 0.05, 0.4, 0.5], (500, 1))
    v = m.choice(size=3, a=None, replace=False, p=p).eval()
    assert v.shape == (500, 3) and v.dtype == np.int64
    assert all(len(set(row)) == 3 for row in v)
    assert (v >= 0).all() and (v < 4).all()
    assert (v[:, 0] == 3).mean() > 0.4


# ----------------------------------------------------------------------------------
# State


def test_successive_calls_differ_and_no_default_updates():
    m = MRG_RandomStreams(9)
    u = m.uniform((6,))
    f = theano.function([], u)
    assert (f() != f()).all()
    g = theano.function([], u, no_default_updates=True)
    np.testing.assert_array_equal(g(), g())
    # g reads the state f is at: f's next draw is g's, and then g moves on with f
    v = g()
    assert np.all((v >= 0) & (v < 1))
    np.testing.assert_array_equal(f(), v)
    assert (g() != v).all()


def test_sample_attributes():
    m = MRG_RandomStreams(10)
    u = m.uniform((4, 5))
    raw = u.owner.inputs[0].owner.inputs[0]  # u = raw * (high - low) + low
    assert isinstance(raw.owner.op, mrg_uniform)
    assert str(raw.owner.op) == "mrg_uniform{TensorType(float64, matrix),no_inplace}"
    assert raw.rstate is raw.owner.inputs[0]
    state = raw.rstate.get_value()
    assert state.dtype == np.int32 and state.shape == (guess_n_streams((4, 5)), 6)
    assert raw.rstate.default_update is raw.owner.outputs[0]
    assert m.state_updates[0][:2] == raw.update and m.updates() == m.state_updates


def test_seed_reproduces_and_streams_differ():
    a = MRG_RandomStreams(11).uniform((5,)).eval()
    np.testing.assert_array_equal(a, MRG_RandomStreams(11).uniform((5,)).eval())
    m = MRG_RandomStreams(11)
    u, v = m.uniform((5,)), m.uniform((5,))
    f = theano.function([], [u, v])
    fu, fv = f()
    np.testing.assert_array_equal(fu, a)
    assert (fu != fv).all()
    f()
    m.seed()
    np.testing.assert_array_equal(f()[0], a)
    m.seed(123)
    np.testing.assert_array_equal(f()[0], MRG_RandomStreams(123).uniform((5,)).eval())


def test_inplace_op_same_numbers_and_advances_state():
    op = mrg_uniform(T.TensorType("float64", (False,)))
    op_in = mrg_uniform(T.TensorType("float64", (False,)), inplace=True)
    state = MRG_RandomStreams(12).get_substream_rstates(4, "float64")
    node = op.make_node(state, [10])
    out, out_in = [[None], [None]], [[None], [None]]
    kept = state.copy()
    op.perform(node, [state, np.array([10])], out)
    np.testing.assert_array_equal(state, kept)
    op_in.perform(op_in.make_node(state, [10]), [state, np.array([10])], out_in)
    np.testing.assert_array_equal(out[1][0], out_in[1][0])
    assert out_in[0][0] is state
    np.testing.assert_array_equal(state, out[0][0])
    assert rng_mrg.mrg_random_make_inplace(node)[1].owner.op.inplace


def test_guess_n_streams():
    assert guess_n_streams((2, 3)) == 6
    assert guess_n_streams((4, 5)) == 3
    assert guess_n_streams((1000, 1000)) == 60 * 256
    assert guess_n_streams((T.iscalar(),)) == 60 * 256
    with pytest.warns(UserWarning, match="guessing"):
        guess_n_streams(T.lvector(), warn=True)


def test_floatx_float32():
    with change_flags(floatX="float32"):
        m = MRG_RandomStreams(13)
        assert m.uniform((3,)).dtype == "float32"
        assert m.normal((3,)).dtype == "float32"
        assert m.binomial((3,), dtype=theano.config.floatX).dtype == "float32"


def test_gradients_are_undefined():
    m = MRG_RandomStreams(14)
    low = T.dscalar("low")
    u = m.uniform((3,), low=low, high=low + 1)
    with pytest.raises(NullTypeGradError):
        theano.grad(u.sum(), low)


# ----------------------------------------------------------------------------------
# The multinomial ops


def test_multinomial_from_uniform_op():
    op = MultinomialFromUniform("auto")
    pvals = T.dmatrix()
    unis = T.dvector()
    out = op(pvals, unis)
    assert out.dtype == "float64" and str(op) == "MultinomialFromUniform{auto}"
    f = theano.function([pvals, unis], out)
    p = np.array([[0.2, 0.3, 0.5], [0.5, 0.0, 0.5]])
    np.testing.assert_array_equal(f(p, np.array([0.1, 0.5])), [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(f(p, np.array([0.45, 0.49])), [[0, 1, 0], [1, 0, 0]])
    with pytest.raises(ValueError, match=r"unis.shape\[0\]"):
        f(p, np.array([0.1, 0.2, 0.3]))


def test_choice_from_uniform_op():
    op = ChoiceFromUniform(odtype="auto")
    pvals = T.dmatrix()
    unis = T.dvector()
    k = T.lscalar()
    out = op(pvals, unis, k)
    assert out.dtype == "int64"
    f = theano.function([pvals, unis, k], out)
    p = np.array([[0.25, 0.25, 0.25, 0.25]])
    # first pick: 0.6 -> index 2; then p = [1/3, 1/3, 0, 1/3]: 0.9 -> index 3
    np.testing.assert_array_equal(f(p, np.array([0.6, 0.9]), 2), [[2, 3]])
    with pytest.raises(ValueError, match="without replacement"):
        f(p, np.zeros(5), 5)


def test_multinomial_op_bad_inputs():
    with pytest.raises(NotImplementedError, match="pvals"):
        MultinomialFromUniform("int64")(T.dvector(), T.dvector())
    with pytest.raises(NotImplementedError, match="unis"):
        MultinomialFromUniform("int64")(T.dmatrix(), T.dmatrix())


# ----------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    "seed, exc, match",
    [
        (0, ValueError, "should not be 0"),
        (M2, ValueError, "less than"),
        ([0, 0, 0, 1, 2, 3], ValueError, "first 3"),
        ([1, 2, 3, 0, 0, 0], ValueError, "last 3"),
        ([M1, 1, 1, 1, 1, 1], ValueError, "less than"),
        ([1, 2, 3], TypeError, "6 integers"),
        ("abc", TypeError, "6 integers"),
    ],
)
def test_bad_seeds(seed, exc, match):
    with pytest.raises(exc, match=match):
        MRG_RandomStreams(seed)


def test_bad_sizes():
    m = MRG_RandomStreams(1)
    with pytest.raises(ValueError, match="<= 0"):
        m.uniform((2, 0))
    with pytest.raises(TypeError, match="tuple of int"):
        m.uniform((2, 1.5))
    with pytest.raises(TypeError, match="tuple of int"):
        m.uniform(None)
    with pytest.raises(ValueError, match="Non-positive"):
        m.normal((3, -1))
    with pytest.raises(ValueError, match="Size must be"):
        m.normal(2.5)


def test_unsupported_arguments():
    m = MRG_RandomStreams(1)
    with pytest.raises(NotImplementedError, match="n > 1"):
        m.binomial((3,), n=2)
    with pytest.raises(NotImplementedError, match="without replacement"):
        m.choice(size=2, p=[[0.5, 0.5]])
    with pytest.raises(TypeError, match="a has to be None"):
        m.choice(size=2, a=3, replace=False, p=[[0.5, 0.5]])
    with pytest.raises(ValueError, match="size argument"):
        m.multinomial(size=(2,), pvals=[[0.5, 0.5]])
    with pytest.raises(NotImplementedError, match="pvals.ndim = 2"):
        m.multinomial(pvals=[0.5, 0.5])
    with pytest.raises(TypeError, match="pvals"):
        m.multinomial()
    with pytest.raises(TypeError, match="unexpected keyword"):
        m.uniform((2,), foo=1)


def test_mrg_uniform_make_node_errors():
    op = mrg_uniform(T.TensorType("float64", (False,)))
    with pytest.raises(TypeError, match="int32 matrix"):
        op.make_node(T.dmatrix(), [3])
    with pytest.raises(TypeError, match="int vector"):
        op.make_node(T.imatrix(), T.dvector())
