"""Tests of the DestroyHandler: which in-place graphs it accepts, refuses, and orders."""

import pytest

import theano.tensor as T
from theano.graph.destroyhandler import DestroyHandler, fast_inplace_check
from theano.graph.features import ReplaceValidate
from theano.graph.fg import FunctionGraph, InconsistencyError
from theano.scalar import basic as scal
from theano.tensor.elemwise import Elemwise

exp_inplace = Elemwise(scal.exp, {0: 0})
add_inplace = Elemwise(scal.add, {0: 0})


def _fgraph(inputs, outputs, mutable=()):
    fg = FunctionGraph(inputs, outputs, clone=False)
    fg.mutable_inputs = set(mutable)
    fg.attach_feature(ReplaceValidate())
    fg.attach_feature(DestroyHandler())
    return fg


def test_destroying_a_temporary_read_by_nobody_else_is_valid():
    x = T.dvector("x")
    t = T.exp(x)
    out = exp_inplace(t)
    fg = _fgraph([x], [out])
    assert fg.validate()
    assert fg.destroyers(t) == [out.owner]
    assert fg.destroy_handler.has_destroyers([t], fg)


def test_input_is_protected_unless_mutable():
    x = T.dvector("x")
    out = exp_inplace(x)
    with pytest.raises(InconsistencyError, match="not mutable"):
        _fgraph([x], [out]).validate()
    assert _fgraph([x], [out], mutable=[x]).validate()


def test_view_of_an_input_is_protected():
    x = T.dmatrix("x")
    out = exp_inplace(x.T)
    with pytest.raises(InconsistencyError, match="graph input"):
        _fgraph([x], [out]).validate()


def test_constant_is_protected():
    x = T.dvector("x")
    c = T.constant([1.0, 2.0])
    out = add_inplace(c, x)
    with pytest.raises(InconsistencyError, match="constant"):
        _fgraph([x], [out]).validate()


def test_two_destroyers_of_one_buffer_are_refused():
    x = T.dvector("x")
    t = T.exp(x)
    a, b = exp_inplace(t), Elemwise(scal.sin, {0: 0})(t)
    with pytest.raises(InconsistencyError, match="two nodes"):
        _fgraph([x], [a, b]).validate()


def test_destroying_an_output_is_refused():
    x = T.dvector("x")
    t = T.exp(x)
    with pytest.raises(InconsistencyError, match="output"):
        _fgraph([x], [t, exp_inplace(t)]).validate()


def test_reader_computed_from_the_destroyer_is_a_cycle():
    x = T.dvector("x")
    t = T.exp(x)
    d = exp_inplace(t)
    late = T.sin(d) + t  # reads t after d overwrote it
    with pytest.raises(InconsistencyError, match="still reads"):
        _fgraph([x], [late]).validate()


def test_other_readers_are_ordered_before_the_destroyer():
    x = T.dvector("x")
    t = T.exp(x)
    reader = T.sin(t)
    d = exp_inplace(t)
    fg = _fgraph([x], [d, reader])
    assert fg.validate()
    order = fg.toposort()
    assert order.index(reader.owner) < order.index(d.owner)
    assert reader.owner in fg.orderings()[d.owner]


def test_readers_of_a_view_are_ordered_too():
    x = T.dmatrix("x")
    t = T.exp(x)
    view_reader = T.sin(t.T)
    d = exp_inplace(t)
    fg = _fgraph([x], [d, view_reader])
    order = fg.toposort()
    assert order.index(view_reader.owner) < order.index(d.owner)


def test_replace_validate_undoes_an_illegal_destroy():
    x = T.dvector("x")
    t = T.exp(x)
    out = T.sin(t)
    fg = _fgraph([x], [out, t])
    bad = Elemwise(scal.sin, {0: 0})(t)
    with pytest.raises(InconsistencyError):
        fg.replace_validate(out, bad)
    assert fg.outputs[0] is out and out.owner in fg.apply_nodes


def test_chains_of_inplace_ops_are_valid():
    x = T.dvector("x")
    out = Elemwise(scal.sin, {0: 0})(exp_inplace(T.exp(x)))
    assert _fgraph([x], [out]).validate()


def test_fast_inplace_check():
    x, y = T.dvectors("x", "y")
    t = T.exp(x)
    fg = _fgraph([x, y], [t + y], mutable=[y])
    assert fast_inplace_check(fg, [x, y, t]) == [y, t]


def test_one_handler_per_graph():
    x = T.dvector("x")
    fg = _fgraph([x], [T.exp(x)])
    with pytest.raises(ValueError, match="already"):
        fg.attach_feature(DestroyHandler())


def test_one_handler_serves_a_cloned_graph():
    x = T.dvector("x")
    t = T.exp(x)
    fg = _fgraph([x], [exp_inplace(t)])
    fg2 = fg.clone()
    assert fg2.destroy_handler is fg.destroy_handler
    (d2,) = [n for n in fg2.apply_nodes if n.op.destroy_map]
    assert fg2.destroyers(d2.inputs[0]) == [d2]
    (d1,) = [n for n in fg.apply_nodes if n.op.destroy_map]
    assert fg.destroyers(d1.inputs[0]) == [d1]
