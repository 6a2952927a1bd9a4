"""Tests of the Composite scalar op: its inner graph, printing, equality and impl."""

import pickle

import numpy as np
import pytest

import theano.scalar as scal
from theano.scalar.composite import Composite


def _graph():
    a, b = scal.float64(), scal.float64()
    return a, b, scal.exp(a + b) * a


def test_name_prints_the_inner_graph():
    a, b, out = _graph()
    c = Composite([a, b], [out])
    assert str(c) == "Composite{(exp((i0 + i1)) * i0)}"


def test_impl_matches_the_chain_on_arrays():
    a, b, out = _graph()
    c = Composite([a, b], [out])
    x, y = np.random.rand(3, 4), np.random.rand(3, 4)
    np.testing.assert_allclose(c.impl(x, y), np.exp(x + y) * x)
    assert c.impl(x, y).dtype == np.float64


def test_impl_casts_each_step_like_the_unfused_ops():
    a = scal.float32()
    out = scal.sqrt(a) + scal.constant(np.float32(1.5), dtype="float32")
    c = Composite([a], [out])
    res = c.impl(np.array([4.0], dtype="float32"))
    assert res.dtype == np.float32
    np.testing.assert_allclose(res, [3.5])


def test_constants_are_inlined_in_the_name():
    a = scal.float64()
    c = Composite([a], [a * scal.constant(2.0)])
    assert str(c) == "Composite{(i0 * 2.0)}"


def test_equal_graphs_give_equal_ops_and_hashes():
    a1, b1, o1 = _graph()
    a2, b2, o2 = _graph()
    c1, c2 = Composite([a1, b1], [o1]), Composite([a2, b2], [o2])
    assert c1 == c2 and hash(c1) == hash(c2)
    a3, b3 = scal.float64(), scal.float64()
    c3 = Composite([a3, b3], [scal.exp(a3 - b3) * a3])
    assert c1 != c3


def test_several_outputs():
    a, b = scal.float64(), scal.float64()
    c = Composite([a, b], [a + b, a * b])
    assert c.nout == 2
    s, p = c.impl(np.array([2.0]), np.array([3.0]))
    assert s[0] == 5.0 and p[0] == 6.0


def test_output_types_check_the_inputs():
    a, b, out = _graph()
    c = Composite([a, b], [out])
    with pytest.raises(TypeError, match="Composite"):
        c.make_node(scal.float32(), scal.float64())
    node = c.make_node(scal.float64(), scal.float64())
    assert node.outputs[0].type == out.type


def test_pickle_roundtrip():
    a, b, out = _graph()
    c = Composite([a, b], [out])
    c2 = pickle.loads(pickle.dumps(c))
    assert c2 == c and str(c2) == str(c)


def test_output_must_come_from_the_inputs():
    a, b = scal.float64(), scal.float64()
    with pytest.raises(ValueError, match="neither an input nor a constant"):
        Composite([a], [a + b])


def test_exported_from_theano_scalar():
    assert getattr(scal, "Composite", Composite) is Composite
