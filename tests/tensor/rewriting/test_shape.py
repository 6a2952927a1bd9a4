"""Symbolic shapes (ShapeFeature) and the shape, Subtensor-of-shape and Reshape rewrites."""

import numpy as np
import pytest

import theano.tensor as T
from theano.graph.basic import Apply, Constant
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op
from theano.tensor.rewriting.shape import ShapeFeature
from theano.tensor.shape import Reshape, Shape_i

rng = np.random.RandomState(3)
x, y = T.dvectors("x", "y")
a, b = T.dmatrices("a", "b")
A = rng.rand(2, 3)
B = rng.rand(3, 4)
X = rng.rand(5)
Y = rng.rand(5)


class Double(Op):
    """Test op with Theano 1.0's infer_shape(node, shapes) signature."""

    __props__ = ()

    def make_node(self, v):
        v = T.as_tensor_variable(v)
        return Apply(self, [v], [v.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0] * 2

    def infer_shape(self, node, shapes):
        return [shapes[0]]


class Opaque(Op):
    """Test op with no infer_shape: its shape comes from its output at run time."""

    __props__ = ()

    def make_node(self, v):
        v = T.as_tensor_variable(v)
        return Apply(self, [v], [v.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0] + 1


def computed(f):
    """The non-shape ops of a compiled graph (what would compute a value)."""
    shape_ops = ("Shape_i", "MakeVector", "Cast", "Elemwise{mul", "Elemwise{int_div")
    return [str(n.op) for n in f.maker.fgraph.toposort()
            if not str(n.op).startswith(shape_ops)]


# ---------------------------------------------------------------------------------------
# ShapeFeature


def test_shape_feature_infers_through_ops():
    out = T.dot(a * 2, b) + 1
    fg = FunctionGraph([a, b], [out], clone=False)
    feature = ShapeFeature()
    fg.attach_feature(feature)
    rows, cols = feature.shape_tuple(out)
    assert rows.owner.op == Shape_i(0) and rows.owner.inputs[0] is a
    assert cols.owner.op == Shape_i(1) and cols.owner.inputs[0] is b
    assert feature.get_shape(out, 1) is cols
    assert feature.same_shape(a * 2, a)
    assert not feature.same_shape(a, b)
    assert feature.same_shape(out, b, dim_x=1, dim_y=1)
    # a broadcastable dimension is the constant 1; a constant's shape is constant
    row = T.drow("row")
    fg2 = FunctionGraph([row], [row + T.constant(np.ones((1, 3)))], clone=False)
    f2 = ShapeFeature()
    fg2.attach_feature(f2)
    one, _ = f2.shape_tuple(fg2.outputs[0])
    assert isinstance(one, Constant) and one.data == 1
    assert f2.shape_tuple(fg2.outputs[0].owner.inputs[1])[1].data == 3
    with pytest.raises(ValueError, match="already attached"):
        fg2.attach_feature(ShapeFeature())


def test_shape_feature_theano_signature_and_ops_without_infer_shape():
    fg = FunctionGraph([x], [Opaque()(Double()(x))], clone=False)
    feature = ShapeFeature()
    fg.attach_feature(feature)
    (dim,) = feature.shape_tuple(fg.outputs[0])
    # Opaque has no infer_shape: its own Shape_i; Double passes x's shape through
    assert dim.owner.inputs[0] is fg.outputs[0]
    (inner,) = feature.shape_tuple(fg.outputs[0].owner.inputs[0])
    assert inner.owner.inputs[0] is x


def test_shape_feature_forgets_shapes_when_an_input_changes():
    out = T.exp(x) * 2
    fg = FunctionGraph([x, y], [out], clone=False)
    feature = ShapeFeature()
    fg.attach_feature(feature)
    (before,) = feature.shape_tuple(out)
    assert before.owner.inputs[0] is x
    fg.replace(out.owner.inputs[0].owner.inputs[0], y)  # exp(x) -> exp(y)
    (after,) = feature.shape_tuple(fg.outputs[0])
    assert after.owner.inputs[0] is y


# ---------------------------------------------------------------------------------------
# x.shape never computes x


def test_shape_of_a_computed_value(check, ops):
    # Theano 1.0.5: (x * 2).shape -> MakeVector(Shape_i{0}(x))
    f = check([x], (x * 2).shape, [X], fires=["local_shape_to_shape_i"])
    assert ops(f) == ["Shape_i{0}", "MakeVector{dtype='int64'}"]
    f = check([a, b], T.dot(a, b).shape, [A, B], fires=["local_shape_to_shape_i"])
    assert computed(f) == []
    f = check([x, y], (x * y).shape[0], [X, Y],
              fires=["local_shape_to_shape_i", "local_subtensor_make_vector"])
    assert ops(f) == ["Shape_i{0}"]
    f = check([a], (a.T * 3).shape[1:], [A], fires=["local_subtensor_make_vector"])
    assert computed(f) == [] and list(f(A)) == [2]
    f = check([x], Opaque()(x).shape, [X])
    assert "Opaque" in computed(f)  # no infer_shape: the value is computed


def test_local_track_shape_i(check, ops):
    node_out = Shape_i(1)(T.dot(a, b))
    f = check([a, b], node_out, [A, B], fires=["local_track_shape_i"])
    assert ops(f) == ["Shape_i{1}"] and f.maker.fgraph.toposort()[0].inputs[0].name == "b"
    check([a], Shape_i(0)(a), [A], not_fires=["local_track_shape_i"])
    row = T.drow("row")
    f = check([row], Shape_i(0)(row * 2), [np.ones((1, 4))], fires=["local_track_shape_i"])
    assert ops(f) == []


def test_mean_divides_by_the_shape_of_the_input(check, ops):
    # Theano 1.0.5 fast_run: Sum(x) / Cast{float64}(Shape_i{0}(x)), Shape_i of the input
    f = check([x], x.mean(), [X], fires=["local_subtensor_lift", "local_subtensor_make_vector"])
    assert sorted(ops(f)) == ["Elemwise{Cast{float64}}", "Elemwise{true_div,no_inplace}",
                              "Shape_i{0}", "Sum{acc_dtype=float64}"]
    assert f.maker.fgraph.outputs[0].name == "mean"


# ---------------------------------------------------------------------------------------
# Reshape


def test_local_useless_reshape(check, ops):
    f = check([a], a.reshape(a.shape), [A], fires=["local_useless_reshape"])
    assert ops(f) == []
    f = check([a], a.reshape((a.shape[0], -1)), [A], fires=["local_useless_reshape"])
    assert ops(f) == []
    f = check([x], x.reshape((x.shape[0],)), [X], fires=["local_useless_reshape"])
    assert ops(f) == []
    f = check([a], (a * 2).reshape((a.shape[0], a.shape[1])), [A],
              fires=["local_useless_reshape"])
    assert not any(isinstance(n.op, Reshape) for n in f.maker.fgraph.apply_nodes)
    f = check([a], a.reshape((a.shape[1], a.shape[0])), [A], not_fires=["local_useless_reshape"])
    assert f(A).shape == (3, 2)
    check([a], a.reshape((3, 2)), [A], not_fires=["local_useless_reshape"])


def test_local_reshape_chain(check, ops):
    f = check([a], a.reshape((6,)).reshape((3, 2)), [A], fires=["local_reshape_chain"])
    assert [o for o in ops(f) if o.startswith("Reshape")] == ["Reshape{2}"]


def test_local_useless_dimshuffle_in_reshape(check, ops):
    f = check([x], x.dimshuffle("x", 0).reshape((5, 1)), [X],
              fires=["local_useless_dimshuffle_in_reshape"])
    assert not any(o.startswith("InplaceDimShuffle") for o in ops(f))
    # a transpose changes the order of the values: kept
    check([a], a.T.reshape((6,)), [A], not_fires=["local_useless_dimshuffle_in_reshape"])


def test_shape_rewrites_keep_values_on_empty_arrays(check):
    empty = np.zeros((0, 3))
    check([a], [(a * 2).shape, a.reshape(a.shape) + 1, a.mean(axis=0)], [empty])
