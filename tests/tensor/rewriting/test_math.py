"""The algebraic canonizers: x * 1, x + 0, x - x, x / x, cancellation and constant folding."""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.graph.basic import Constant
from theano.printing import pp

rng = np.random.RandomState(7)
x, y, z = T.dvectors("x", "y", "z")
m = T.dmatrix("m")
s = T.dscalar("s")
i32 = T.ivector("i32")
f32 = T.fvector("f32")
X, Y, Z = (rng.rand(3) + 0.5 for _ in range(3))
M = rng.rand(3, 4) + 0.5
I32 = np.array([3, -2, 7], dtype="int32")
F32 = np.array([0.5, 1.5, 2.5], dtype="float32")

MUL, ADD = "local_mul_canonizer", "local_add_canonizer"

# name        expression                inputs  values    rewrite  ops left after fast_run
CASES = [
    ("x*1", lambda: x * 1, [x], [X], MUL, []),
    ("1*x*1", lambda: 1 * x * 1, [x], [X], MUL, []),
    ("x+0", lambda: x + 0, [x], [X], ADD, []),
    ("0+x-0", lambda: 0 + x - 0, [x], [X], ADD, []),
    ("x*y/x", lambda: x * y / x, [x, y], [X, Y], MUL, []),
    ("x/y*y", lambda: x / y * y, [x, y], [X, Y], MUL, []),
    ("x*x/x", lambda: x * x / x, [x], [X], MUL, []),
    ("2*x/2", lambda: 2 * x / 2, [x], [X], MUL, []),
    ("x*2*3", lambda: x * 2 * 3, [x], [X], MUL, ["Elemwise{mul,no_inplace}"]),
    ("x/2*4", lambda: x / 2 * 4, [x], [X], MUL, ["Elemwise{mul,no_inplace}"]),
    ("-(2*x)", lambda: -(2 * x), [x], [X], MUL, ["Elemwise{mul,no_inplace}"]),
    ("-(-x)", lambda: -(-x), [x], [X], None, []),
    ("x+y-x", lambda: x + y - x, [x, y], [X, Y], ADD, []),
    ("x-(x+y)", lambda: x - (x + y), [x, y], [X, Y], ADD, ["Elemwise{neg,no_inplace}"]),
    ("x+1+2", lambda: x + 1 + 2, [x], [X], ADD, ["Elemwise{add,no_inplace}"]),
    ("x*y*z/(y*z)", lambda: x * y * z / (y * z), [x, y, z], [X, Y, Z], MUL, []),
    ("int*1", lambda: i32 * 1, [i32], [I32], MUL, []),
    ("int+0+0", lambda: i32 + 0 + 0, [i32], [I32], ADD, []),
    ("f32*2*3", lambda: f32 * 2 * 3, [f32], [F32], MUL, ["Elemwise{mul,no_inplace}"]),
]


@pytest.mark.parametrize("name, build, inputs, values, rewrite, left", CASES,
                         ids=[c[0] for c in CASES])
def test_canonical_forms(check, ops, name, build, inputs, values, rewrite, left):
    f = check(inputs, build(), values, fires=[rewrite] if rewrite else [])
    assert ops(f) == left


def test_folded_constant_is_one_constant_of_the_output_dtype(check):
    f = check([f32], f32 * 2 * 3, [F32], fires=[MUL])
    (node,) = f.maker.fgraph.toposort()
    (const,) = [i for i in node.inputs if isinstance(i, Constant)]
    assert const.dtype == "float32" and const.data.item() == 6.0
    assert f.maker.fgraph.outputs[0].dtype == "float32"


def test_x_minus_x_and_x_over_x_keep_the_shape(check, ops):
    # Theano 1.0.5 canonicalize: second(x, 0.0) and second(x, 1.0)
    f = check([m], m - m, [M], fires=[ADD])
    assert ops(f) == ["Elemwise{second,no_inplace}"] and np.all(f(M) == 0)
    f = check([m], m / m, [M], fires=[MUL])
    assert ops(f) == ["Elemwise{second,no_inplace}"] and np.all(f(M) == 1)
    assert f(M).shape == (3, 4)
    # the scalar s survives, broadcast to the shape m gave: fill(m, s)
    f = check([m, s], m * s / m, [M, 2.5], fires=[MUL])
    assert f(M, 2.5).shape == (3, 4) and np.all(f(M, 2.5) == 2.5)


def test_no_change_without_simplification(check):
    check([x, y], x * y, [X, Y], not_fires=[MUL], ref=np.multiply)
    check([x, y], x / y, [X, Y], not_fires=[MUL], ref=np.divide)
    check([x], x * 2, [X], not_fires=[MUL], ref=lambda a: a * 2)  # one constant: canonical
    check([x, y], x - y, [X, Y], not_fires=[ADD], ref=np.subtract)


def test_logistic_stays_readable():
    # the one constant 1 of 1 / (1 + exp(-x)) is kept as the user wrote it
    sx = T.dscalar("sx")
    f = theano.function([sx], 1 / (1 + T.exp(-sx)))
    assert pp(f.maker.fgraph.outputs[0]) in (
        "sigmoid(sx)", "(TensorConstant{1} / (TensorConstant{1} + exp((-sx))))")
    assert np.isclose(f(2.0), 0.880797077978)


def test_shared_subexpression_is_not_duplicated(check):
    # a = x * y is used twice: it stays one node, a leaf of the other trees
    a = x * y
    f = check([x, y], [a / x * 2 * 3, a + 1], [X, Y])
    fx, fy = f.maker.fgraph.inputs
    muls = [n for n in f.maker.fgraph.apply_nodes if n.op == T.mul]
    assert sum(1 for n in muls if set(n.inputs) == {fx, fy}) == 1


def test_mixed_dtypes_keep_integer_overflow_semantics(check):
    # (i8 * i8) wraps around in int8 before the float multiplication: not merged
    b = T.bvector("b")
    vals = np.array([100, -100, 7], dtype="int8")
    f = check([b], (b * b) * 1.5 * 2, [vals])
    # NumPy: int8 products wrap (10000 -> 16, 49), then the float multiplications
    np.testing.assert_allclose(f(vals), [48.0, 48.0, 147.0])
    np.testing.assert_allclose(f(vals), (vals * vals).astype("float64") * 1.5 * 2)


def test_a_product_chain_is_rewritten_once_at_its_root(check):
    e = x
    for _ in range(40):
        e = e * y * 1
    f = check([x, y], e, [X, Y], fires=[MUL])
    records = [r for r in f.maker.rewrites if r.name == MUL]
    assert len(records) == 1
    assert len(f.maker.fgraph.outputs[0].owner.inputs) == 41


def test_division_by_a_constant_becomes_a_product(check, ops):
    # Theano folds x / 4 * 2 into 0.5 * x
    f = check([x], x / 4 * 2, [X], fires=[MUL])
    (node,) = f.maker.fgraph.toposort()
    assert node.op == T.mul and 0.5 in [float(np.asarray(i.data).ravel()[0])
                                       for i in node.inputs if isinstance(i, Constant)]


def test_constants_that_do_not_broadcast_are_left_for_run_time():
    bad = T.constant(np.ones(3)) + T.constant(np.ones(4)) + x
    f = theano.function([x], bad)
    with pytest.raises(ValueError):
        f(X)
