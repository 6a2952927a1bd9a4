"""RandomStreams and the raw_random ops: numbers, types, statistics, state handling, errors.

Literal numbers were printed by Theano 1.0.5 (with NumPy 1.23's RandomState) for the
same seeds; the tutorial ones come from running doc/tutorial/examples.txt's code.
"""

import copy

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.configparser import change_flags
from theano.gradient import NullTypeGradError
from theano.tensor import raw_random
from theano.tensor.raw_random import RandomFunction, RandomStateType, random_state_type
from theano.tensor.shared_randomstreams import RandomStateSharedVariable, RandomStreams

N = 20000  # large samples: means are checked within 5 standard errors


def within(mean, expected, sd, n):
    return abs(mean - expected) < 5 * sd / np.sqrt(n)


# ----------------------------------------------------------------------------------
# Theano 1.0.5's numbers


def test_tutorial_numbers():
    # doc/tutorial/examples.txt "Using Random Numbers", Theano 1.0.5
    srng = RandomStreams(seed=234)
    rv_u = srng.uniform((2, 2))
    rv_n = srng.normal((2, 2))
    f = theano.function([], [rv_u, rv_n])
    u0, n0 = f()
    np.testing.assert_allclose(
        u0,
        [[0.12672381400898758, 0.9709159656786431], [0.13989097862581312, 0.887548254199325]],
        rtol=0,
        atol=0,
    )
    np.testing.assert_allclose(
        n0,
        [[0.3732844727674915, -0.6574667187293483], [-0.3630237287579288, -0.9748462455013606]],
        rtol=1e-15,
    )
    u1, _ = f()
    np.testing.assert_allclose(
        u1,
        [[0.3197141503373775, 0.47584376667160355], [0.24129163169315337, 0.4204608139408894]],
        rtol=0,
        atol=0,
    )


def test_tutorial_copy_random_state():
    # doc/tutorial/examples.txt "Copying Random State Between Theano Graphs"
    class Graph:
        def __init__(self, seed=123):
            self.rng = RandomStreams(seed)
            self.y = self.rng.uniform(size=(1,))

    g1 = Graph(seed=123)
    f1 = theano.function([], g1.y)
    g2 = Graph(seed=987)
    f2 = theano.function([], g2.y)
    np.testing.assert_allclose(f1(), [0.72803009], rtol=1e-7)
    np.testing.assert_allclose(f2(), [0.55056769], rtol=1e-7)
    for su1, su2 in zip(g1.rng.state_updates, g2.rng.state_updates):
        su2[0].set_value(su1[0].get_value())
    np.testing.assert_allclose(f1(), [0.59044123], rtol=1e-7)
    np.testing.assert_allclose(f2(), [0.59044123], rtol=1e-7)


def test_every_distribution_matches_theano():
    # Theano 1.0.5: RandomStreams(234), streams made in this order, one call.
    s = RandomStreams(seed=234)
    s.uniform((2, 2))
    s.normal((2, 2))
    x = T.dmatrix("x")
    b = s.binomial(size=x.shape, n=1, p=0.3)
    assert b.dtype == "int64" and b.ndim == 2
    np.testing.assert_array_equal(
        theano.function([x], b)(np.zeros((3, 4))), [[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
    )
    s.random_integers((5,))
    np.testing.assert_array_equal(s.random_integers((5,), low=2, high=9).eval(), [2, 5, 9, 6, 7])
    outs = [
        s.random_integers((7,), low=2, high=9),
        s.choice((6,), a=5),
        s.poisson((5,), lam=3.0),
        s.permutation((2,), n=5),
        s.multinomial((3,), n=10, pvals=[0.2, 0.3, 0.5]),
        s.uniform(),
        s.normal((3,), avg=np.array([1.0, 2, 3])),
        s.binomial((4,), n=5, p=0.3),
    ]
    vals = theano.function([], outs)()
    expected = [
        [6, 5, 8, 5, 9, 6, 8],
        [0, 4, 2, 4, 1, 4],
        [0, 7, 4, 3, 0],
        [[0, 3, 1, 2, 4], [0, 1, 3, 4, 2]],
        [[2, 6, 2], [1, 3, 6], [2, 5, 3]],
    ]
    for v, e in zip(vals, expected):
        assert v.dtype == np.int64
        np.testing.assert_array_equal(v, e)
    np.testing.assert_allclose(vals[5], 0.7803739992693772, rtol=0)
    np.testing.assert_allclose(
        vals[6], [1.2060562326417705, -0.4310461098398557, 3.7400055431975225], rtol=1e-15
    )
    np.testing.assert_array_equal(vals[7], [1, 3, 2, 3])


def test_stream_seeds_follow_the_seed_generator():
    # Each stream is RandomState(RandomState(seed).randint(2**30)), in creation order.
    s = RandomStreams(seed=42)
    a = s.uniform((4,))
    b = s.normal((3,), avg=1.0, std=2.0)
    seeds = np.random.RandomState(42)
    ra = np.random.RandomState(int(seeds.randint(2**30)))
    rb = np.random.RandomState(int(seeds.randint(2**30)))
    fa, fb = theano.function([], [a, b])()
    np.testing.assert_array_equal(fa, ra.uniform(0.0, 1.0, (4,)))
    np.testing.assert_array_equal(fb, rb.normal(1.0, 2.0, (3,)))


# ----------------------------------------------------------------------------------
# Types


@pytest.mark.parametrize(
    "make, dtype, bcast",
    [
        (lambda s: s.uniform((2, 3)), "float64", (False, False)),
        (lambda s: s.uniform((2, 1)), "float64", (False, True)),
        (lambda s: s.uniform(), "float64", ()),
        (lambda s: s.uniform((3,), low=np.float32(0), high=np.float32(1)), "float64", (False,)),
        (lambda s: s.uniform((3,), dtype="float32"), "float32", (False,)),
        (lambda s: s.normal((1, 4)), "float64", (True, False)),
        (lambda s: s.binomial((2, 1)), "int64", (False, False)),
        (lambda s: s.binomial((3,), dtype="float32"), "float32", (False,)),
        (lambda s: s.random_integers((2, 1)), "int64", (False, True)),
        (lambda s: s.choice((3,), a=4), "int64", (False,)),
        (lambda s: s.poisson((3,), lam=2.0), "int64", (False,)),
        (lambda s: s.permutation(n=4), "int64", (False,)),
        (lambda s: s.permutation((3,), n=4), "int64", (False, False)),
        (lambda s: s.multinomial(), "int64", (False,)),
        (lambda s: s.multinomial((5,), n=3, pvals=[0.1, 0.9]), "int64", (False, False)),
        (lambda s: s.uniform(low=T.dvector()), "float64", (False,)),
        (lambda s: s.normal(avg=T.fmatrix(), dtype="float32"), "float32", (False, False)),
    ],
)
def test_sample_types(make, dtype, bcast):
    out = make(RandomStreams(1))
    assert out.dtype == dtype
    assert out.broadcastable == bcast


def test_floatx_float32():
    with change_flags(floatX="float32"):
        s = RandomStreams(3)
        u = s.uniform((4,))
        n = s.normal((4,))
        assert u.dtype == "float32" and n.dtype == "float32"
        assert u.eval().dtype == np.float32
        assert s.uniform((2,), low=np.float64(0)).dtype == "float64"


def test_sample_attributes_and_repr():
    s = RandomStreams(7)
    u = s.uniform((2, 2))
    assert str(u.owner.op) == "RandomFunction{uniform}"
    assert str(u) == "RandomFunction{uniform}.1"
    assert isinstance(u.rng, RandomStateSharedVariable)
    assert str(u.rng.type) == "RandomStateType" and u.rng.type == random_state_type
    assert isinstance(u.rng.get_value(borrow=True), np.random.RandomState)
    assert u.update[0] is u.rng and u.update[1] is u.owner.outputs[0]
    assert u.rng.default_update is u.owner.outputs[0]
    assert u.rng.tag.is_rng
    assert s.state_updates == [u.update] and s.updates() == [u.update]
    assert s.updates() is not s.state_updates


def test_shared_of_randomstate():
    rng = np.random.RandomState(5)
    v = theano.shared(rng)
    assert isinstance(v, RandomStateSharedVariable) and isinstance(v.type, RandomStateType)
    assert v.get_value(borrow=True) is not rng  # copied unless borrow
    assert theano.shared(rng, borrow=True).get_value(borrow=True) is rng


# ----------------------------------------------------------------------------------
# Statistics


def test_uniform_statistics():
    s = RandomStreams(11)
    v = s.uniform((N,), low=-2.0, high=3.0).eval()
    assert v.min() >= -2.0 and v.max() < 3.0
    assert within(v.mean(), 0.5, 5 / np.sqrt(12), N)
    assert abs(v.var() - 25 / 12) < 0.1


def test_uniform_tensor_bounds_broadcast():
    s = RandomStreams(12)
    low = np.array([0.0, 10.0, 100.0])
    v = theano.function([], s.uniform((N, 3), low=low, high=low + 1))()
    assert ((v >= low) & (v < low + 1)).all()


def test_normal_statistics():
    s = RandomStreams(13)
    v = s.normal((N,), avg=3.0, std=2.0).eval()
    assert within(v.mean(), 3.0, 2.0, N)
    assert abs(v.std() - 2.0) < 0.05


@pytest.mark.parametrize("n, p", [(1, 0.3), (5, 0.7), (20, 0.1)])
def test_binomial_statistics(n, p):
    v = RandomStreams(14).binomial((N,), n=n, p=p).eval()
    assert v.min() >= 0 and v.max() <= n
    assert within(v.mean(), n * p, np.sqrt(n * p * (1 - p)), N)


def test_binomial_tensor_p():
    p = np.array([0.0, 0.5, 1.0])
    v = RandomStreams(15).binomial((N, 3), p=p).eval()
    assert (v[:, 0] == 0).all() and (v[:, 2] == 1).all()
    assert within(v[:, 1].mean(), 0.5, 0.5, N)


def test_random_integers_inclusive():
    v = RandomStreams(16).random_integers((N,), low=-3, high=4).eval()
    np.testing.assert_array_equal(np.unique(v), np.arange(-3, 5))


def test_random_integers_broadcast_bounds():
    v = RandomStreams(17).random_integers((N, 2), low=[0, 10], high=[1, 12]).eval()
    assert set(np.unique(v[:, 0])) == {0, 1} and set(np.unique(v[:, 1])) == {10, 11, 12}


def test_choice():
    s = RandomStreams(18)
    v = s.choice((N,), a=4, p=[0.1, 0.2, 0.3, 0.4]).eval()
    counts = np.bincount(v, minlength=4) / N
    np.testing.assert_allclose(counts, [0.1, 0.2, 0.3, 0.4], atol=0.02)
    w = s.choice((5,), a=[10, 20, 30, 40, 50], replace=False).eval()
    np.testing.assert_array_equal(np.sort(w), [10, 20, 30, 40, 50])


def test_poisson_statistics():
    v = RandomStreams(19).poisson((N,), lam=4.0).eval()
    assert v.min() >= 0 and within(v.mean(), 4.0, 2.0, N)


def test_permutation_is_permutation():
    s = RandomStreams(20)
    v = s.permutation((3, 2), n=6).eval()
    assert v.shape == (3, 2, 6)
    np.testing.assert_array_equal(np.sort(v, axis=-1), np.broadcast_to(np.arange(6), (3, 2, 6)))
    one = s.permutation(n=5).eval()
    np.testing.assert_array_equal(np.sort(one), np.arange(5))


def test_multinomial_rows_sum_to_n():
    s = RandomStreams(21)
    v = s.multinomial((N,), n=7, pvals=[0.2, 0.5, 0.3]).eval()
    assert v.shape == (N, 3)
    np.testing.assert_array_equal(v.sum(axis=1), 7)
    np.testing.assert_allclose(v.mean(axis=0) / 7, [0.2, 0.5, 0.3], atol=0.01)


def test_multinomial_batch_of_distributions():
    pvals = T.dmatrix("pvals")
    n = T.lvector("n")
    s = RandomStreams(22)
    out = s.multinomial(n=n, pvals=pvals)
    assert out.ndim == 2
    p = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])
    v = theano.function([n, pvals], out)(np.array([3, 10]), p)
    np.testing.assert_array_equal(v.sum(axis=1), [3, 10])
    np.testing.assert_array_equal(v[0], [3, 0, 0])
    assert v[1, 0] == 0


# ----------------------------------------------------------------------------------
# Sizes


def test_symbolic_size_tuple():
    s = RandomStreams(23)
    n = T.iscalar("n")
    out = s.uniform((n, 3))
    assert out.broadcastable == (False, False)
    assert theano.function([n], out)(4).shape == (4, 3)


def test_size_from_shape():
    s = RandomStreams(24)
    x = T.dtensor3("x")
    out = s.normal(x.shape)
    assert out.ndim == 3
    assert theano.function([x], out)(np.zeros((2, 3, 4))).shape == (2, 3, 4)


def test_size_vector_needs_ndim():
    s = RandomStreams(25)
    shp = T.lvector("shp")
    with pytest.raises(ValueError, match="ndim"):
        s.uniform(shp)
    out = s.uniform(shp, ndim=2)
    assert theano.function([shp], out)(np.array([2, 5])).shape == (2, 5)


def test_size_minus_one_from_args():
    s = RandomStreams(26)
    avg = T.dvector("avg")
    out = s.normal((4, -1), avg=avg)
    assert theano.function([avg], out)(np.zeros(3)).shape == (4, 3)


def test_size_none_from_args():
    s = RandomStreams(27)
    low = T.dmatrix("low")
    out = s.uniform(low=low, high=low + 1)
    v = theano.function([low], out)(np.full((2, 3), 5.0))
    assert v.shape == (2, 3) and ((v >= 5) & (v < 6)).all()


def test_empty_size():
    s = RandomStreams(28)
    x = T.dmatrix("x")
    assert theano.function([x], s.uniform(x.shape))(np.zeros((0, 3))).shape == (0, 3)


# ----------------------------------------------------------------------------------
# State: updates, reproducibility, seeding


def test_successive_calls_differ_and_default_update_advances():
    s = RandomStreams(30)
    u = s.uniform((5,))
    f = theano.function([], u)
    a, b = f(), f()
    assert (a != b).all()


def test_no_default_updates_repeats():
    s = RandomStreams(31)
    u = s.normal((5,))
    g = theano.function([], u, no_default_updates=True)
    np.testing.assert_array_equal(g(), g())
    g2 = theano.function([], u, no_default_updates=[u.rng])
    np.testing.assert_array_equal(g2(), g2())
    # both read the state a default-updating function draws from next
    f = theano.function([], u)
    v = g()
    np.testing.assert_array_equal(g2(), v)
    np.testing.assert_array_equal(f(), v)
    assert (g() != v).all()


def test_same_variable_twice_in_a_graph_is_one_draw():
    s = RandomStreams(32)
    u = s.uniform((2, 2))
    nearly_zeros = theano.function([], u + u - 2 * u)
    np.testing.assert_array_equal(nearly_zeros(), np.zeros((2, 2)))


def test_same_seed_same_stream_and_streams_differ():
    a1 = RandomStreams(33).uniform((6,)).eval()
    a2 = RandomStreams(33).uniform((6,)).eval()
    np.testing.assert_array_equal(a1, a2)
    s = RandomStreams(33)
    u, v = s.uniform((6,)), s.uniform((6,))
    fu, fv = theano.function([], [u, v])()
    assert (fu != fv).all()
    assert (RandomStreams(34).uniform((6,)).eval() != a1).all()


def test_get_set_state_replays():
    # doc/tutorial/examples.txt: restoring a saved state replays the draws
    s = RandomStreams(35)
    u = s.uniform((3,))
    f = theano.function([], u)
    state = u.rng.get_value().get_state()
    v1 = f()
    v2 = f()
    rng = u.rng.get_value(borrow=True)
    rng.set_state(state)
    u.rng.set_value(rng, borrow=True)
    np.testing.assert_array_equal(f(), v1)
    np.testing.assert_array_equal(f(), v2)


def test_seed_reseeds_every_stream():
    s = RandomStreams(36)
    u, n = s.uniform((3,)), s.normal((3,))
    f = theano.function([], [u, n])
    first = f()
    f()
    s.seed()  # back to the constructor's seed
    np.testing.assert_array_equal(f()[0], first[0])
    s.seed(902340)
    a = f()
    s.seed(902340)
    b = f()
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    # each stream gets RandomState(RandomState(seed).randint(2**30)), in order
    seeds = np.random.RandomState(902340)
    ru = np.random.RandomState(int(seeds.randint(2**30)))
    np.testing.assert_array_equal(a[0], ru.uniform(0.0, 1.0, (3,)))


def test_getitem_setitem():
    s = RandomStreams(37)
    u = s.uniform((2,))
    assert s[u.rng] is u.rng.get_value(borrow=True)
    s[u.rng] = np.random.RandomState(5)
    np.testing.assert_array_equal(u.eval(), np.random.RandomState(5).uniform(0.0, 1.0, (2,)))


def test_input_generator_is_not_mutated():
    s = RandomStreams(38)
    u = s.uniform((4,))
    f = theano.function([], u)
    before = u.rng.get_value(borrow=True)
    saved = copy.deepcopy(before)
    f()
    after = u.rng.get_value(borrow=True)
    assert after is not before
    assert random_state_type.values_eq(before, saved)
    assert not random_state_type.values_eq(after, saved)


def test_failed_call_leaves_state_unchanged():
    s = RandomStreams(39)
    x = T.dvector("x")
    u = s.uniform((3,))
    f = theano.function([x], u + x)
    saved = copy.deepcopy(u.rng.get_value(borrow=True))
    with pytest.raises(ValueError):
        f(np.zeros(4))  # shape mismatch after the draw
    assert random_state_type.values_eq(u.rng.get_value(borrow=True), saved)
    good = f(np.zeros(3))
    np.testing.assert_array_equal(good, saved.uniform(0.0, 1.0, (3,)))


def test_explicit_updates_from_state_updates():
    s = RandomStreams(40)
    u = s.uniform((2,))
    f = theano.function([], u, no_default_updates=True, updates=s.updates())
    assert (f() != f()).all()


# ----------------------------------------------------------------------------------
# raw_random: explicit state


def test_raw_uniform_functional():
    r = random_state_type("r")
    new_r, out = raw_random.uniform(r, size=(3,), low=1.0, high=2.0)
    assert new_r.type == random_state_type
    f = theano.function([r], [new_r, out])
    rng = np.random.RandomState(9)
    rng2, v = f(rng)
    np.testing.assert_array_equal(v, np.random.RandomState(9).uniform(1.0, 2.0, (3,)))
    assert random_state_type.values_eq(rng, np.random.RandomState(9))  # input untouched
    _, w = f(rng2)
    assert (w != v).all()


def test_raw_two_draws_from_one_state_are_equal():
    r = random_state_type("r")
    _, a = raw_random.normal(r, size=(4,))
    _, b = raw_random.normal(r, size=(4,))
    va, vb = theano.function([r], [a, b])(np.random.RandomState(3))
    np.testing.assert_array_equal(va, vb)


def test_raw_generator_values_accepted():
    r = random_state_type("r")
    _, out = raw_random.uniform(r, size=(3,))
    v = theano.function([r], out)(np.random.default_rng(1))
    np.testing.assert_array_equal(v, np.random.default_rng(1).uniform(0.0, 1.0, (3,)))
    _, ints = raw_random.random_integers(r, size=(200,), low=1, high=3)
    assert set(np.unique(theano.function([r], ints)(np.random.default_rng(2)))) == {1, 2, 3}


def test_random_function_inplace_advances_input():
    op = RandomFunction("uniform", T.TensorType("float64", (False,)), inplace=True)
    assert op.destroy_map == {0: [0]}
    rng = np.random.RandomState(4)
    node = op.make_node(random_state_type(), [3], 0.0, 1.0)
    storage = [[None], [None]]
    op.perform(node, [rng, np.array([3]), np.array(0.0), np.array(1.0)], storage)
    assert storage[0][0] is rng
    assert not random_state_type.values_eq(rng, np.random.RandomState(4))


def test_make_inplace_twin():
    r = random_state_type()
    _, out = raw_random.uniform(r, size=(2,))
    twin = raw_random.random_make_inplace(out.owner)
    assert twin[1].owner.op.inplace
    assert raw_random.random_make_inplace(twin[1].owner) is False


def test_gradient_is_undefined():
    s = RandomStreams(41)
    low = T.dscalar("low")
    u = s.uniform((3,), low=low, high=low + 1)
    with pytest.raises(NullTypeGradError):
        theano.grad(u.sum(), low)


def test_handout_002_corrupt_input():
    # Handout 002: theano_rng.binomial(size=input.shape, n=1, p=1 - corruption_level) * input
    theano_rng = RandomStreams(np.random.RandomState(123).randint(2**30))
    x = T.dmatrix("x")
    level = T.dscalar("level")
    tilde_x = theano_rng.binomial(size=x.shape, n=1, p=1 - level) * x
    w = theano.shared(np.full((50, 4), 0.01), name="W")
    cost = (T.dot(tilde_x, w) ** 2).sum()
    g = theano.grad(cost, w)
    f = theano.function([x, level], [tilde_x, g])
    xv = np.random.RandomState(0).uniform(1, 2, size=(400, 50))
    tv, gv = f(xv, 0.3)
    kept = tv != 0
    np.testing.assert_array_equal(tv[kept], xv[kept])
    assert within(kept.mean(), 0.7, np.sqrt(0.21), xv.size)
    assert gv.shape == (50, 4)
    t2, _ = f(xv, 0.3)
    assert (t2 != tv).any()


# ----------------------------------------------------------------------------------
# Errors


def test_error_generator_input_type():
    op = RandomFunction("uniform", T.TensorType("float64", (False,)))
    with pytest.raises(TypeError, match=r"RandomFunction\{uniform\}: input 0 .*RandomStateType"):
        op.make_node(T.dvector("r"), [3])


def test_error_float_size():
    with pytest.raises(TypeError, match="integer"):
        RandomStreams(1).uniform(T.dvector("size"), ndim=1)


def test_error_ndim_and_size_disagree():
    with pytest.raises(ValueError, match="ndim should be equal to len"):
        RandomStreams(1).uniform((2, 3), ndim=3)


def test_error_args_need_more_dims():
    with pytest.raises(ValueError, match="at least as big"):
        RandomStreams(1).uniform((3,), low=np.zeros((2, 3)))


def test_error_minus_one_without_args():
    with pytest.raises(ValueError, match="-1"):
        RandomStreams(1).uniform((2, -1))


def test_error_negative_size():
    with pytest.raises(ValueError, match="-3"):
        RandomStreams(1).uniform((2, -3))


def test_error_permutation_ndim():
    with pytest.raises(TypeError, match="just one permutation"):
        RandomStreams(1).permutation(n=4, ndim=2)


def test_error_poisson_needs_lam():
    with pytest.raises(TypeError, match="lam"):
        RandomStreams(1).poisson((3,))


def test_error_multinomial_bad_pvals_at_run_time():
    out = RandomStreams(1).multinomial((2,), n=3, pvals=[0.9, 0.9])
    with pytest.raises(ValueError, match="sum to"):
        out.eval()


def test_error_runtime_size_length():
    shp = T.lvector("shp")
    out = RandomStreams(1).uniform(shp, ndim=2)
    with pytest.raises(ValueError, match="expected"):
        theano.function([shp], out)(np.array([2, 3, 4]))


def test_prob_is_deprecated_name_of_p():
    with pytest.warns(DeprecationWarning):
        out = RandomStreams(1).binomial((N,), prob=0.9)
    assert within(out.eval().mean(), 0.9, 0.3, N)


@pytest.mark.skipif(not hasattr(T, "permute_row_elements"), reason="needs permute_row_elements")
def test_shuffle_row_elements():
    s = RandomStreams(50)
    x = T.dmatrix("x")
    out = s.shuffle_row_elements(x)
    xv = np.arange(12.0).reshape(3, 4)
    v = theano.function([x], out)(xv)
    np.testing.assert_array_equal(np.sort(v, axis=1), xv)
    assert out.permutation.ndim == 2
