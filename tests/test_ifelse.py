"""theano.ifelse: values, laziness, the cut into branches, gradients, R_op, shapes, errors.

Facts marked "Theano 1.0.5" come from runs of the real Theano.
"""

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.ifelse  # the py renderer of IfElse
import theano.tensor as T
from theano import function
from theano.gradient import Rop, verify_grad
from theano.graph.basic import Apply, ancestors
from theano.graph.op import Op
from theano.ifelse import IfElse, ifelse
from theano.printing import Print

RNG = np.random.RandomState(1234)


def rand(*shape):
    return RNG.uniform(0.5, 2.0, size=shape)


class Count(Op):
    """Identity that records each evaluation in ``calls`` (or raises when ``fail``)."""

    __props__ = ("tag", "fail")

    def __init__(self, tag, calls, fail=False):
        self.tag = tag
        self.fail = fail
        self.calls = calls

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        if self.fail:
            raise RuntimeError(f"branch {self.tag} was evaluated")
        self.calls.append(self.tag)
        output_storage[0][0] = inputs[0]

    def grad(self, inputs, output_grads):
        return list(output_grads)


class CountShaped(Count):
    """Count with a shape rule."""

    def infer_shape(self, fgraph, node, shapes):
        return list(shapes)


def ifelse_ops(f):
    return [n.op for n in f.maker.fgraph.toposort() if isinstance(n.op, IfElse)]


# ----------------------------------------------------------------------------------
# Values


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "int8", "bool"])
@pytest.mark.parametrize("cond_dtype", ["int32", "float64", "bool"])
def test_values_like_numpy(dtype, cond_dtype):
    c = T.scalar("c", dtype=cond_dtype)
    x = T.vector("x", dtype=dtype)
    y = T.vector("y", dtype=dtype)
    f = function([c, x, y], ifelse(c, x, y))
    vx = np.asarray([1, 0, 1], dtype=dtype)
    vy = np.asarray([0, 1, 1, 0, 1], dtype=dtype)  # branches may differ in shape
    for cv, expected in ((1, vx), (0, vy)):
        got = f(np.asarray(cv, dtype=cond_dtype), vx, vy)
        assert got.dtype == dtype and np.array_equal(got, expected)


def test_nan_condition_is_true():
    # Theano 1.0.5: f(nan, [1.], [2.]) -> [1.]
    c = T.dscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, x, y))
    assert np.array_equal(f(np.nan, [1.0], [2.0]), [1.0])


def test_lists_tuples_and_single():
    # Theano 1.0.5: a list branch gives a list, a tuple a tuple, a variable a variable
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    assert isinstance(ifelse(c, [x], [y]), list)
    assert isinstance(ifelse(c, (x,), (y,)), tuple)
    single = ifelse(c, x, y)
    assert isinstance(single, theano.Variable) and single.type == x.type
    a, b = ifelse(c, [x, y], [y, x])
    f = function([c, x, y], [a, b])
    va, vb = f(0, [1.0], [2.0])  # Theano 1.0.5: [array([2.]), array([1.])]
    assert np.array_equal(va, [2.0]) and np.array_equal(vb, [1.0])
    va, vb = f(1, [1.0], [2.0])
    assert np.array_equal(va, [1.0]) and np.array_equal(vb, [2.0])


def test_scalar_and_matrix_branches_with_computation():
    a, b = T.dscalars("a", "b")
    x, y = T.dmatrices("x", "y")
    out = ifelse(T.lt(a, b), T.mean(x), T.mean(y) * 2)
    f = function([a, b, x, y], out)
    vx, vy = rand(3, 4), rand(2, 5)
    assert f(0, 1, vx, vy) == pytest.approx(vx.mean())
    assert f(1, 0, vx, vy) == pytest.approx(vy.mean() * 2)
    assert f(1, 0, vx, vy).shape == ()


SWITCH_CASES = [
    # name, then expression, else expression (of x, y)
    ("mean", lambda x, y: T.mean(x), lambda x, y: T.mean(y)),
    ("elemwise", lambda x, y: T.exp(x) * 2 + y, lambda x, y: T.log(y) - x / 3),
    ("shared_sub", lambda x, y: T.tanh(x + y) * 3, lambda x, y: (x + y) ** 2),
    ("dot", lambda x, y: T.dot(x, y.T), lambda x, y: T.dot(y, x.T)),
    ("log1p_like", lambda x, y: T.log(1 + x), lambda x, y: T.sqrt(y) * x),
    ("sigmoid", lambda x, y: T.nnet.sigmoid(x * y), lambda x, y: T.nnet.softplus(x - y)),
]


@pytest.mark.parametrize("mode", [None, "FAST_COMPILE"])
@pytest.mark.parametrize("name, then_fn, else_fn", SWITCH_CASES)
def test_numerically_identical_to_switch(name, then_fn, else_fn, mode):
    c = T.dscalar("c")
    x, y = T.dmatrices("x", "y")
    f_if = function([c, x, y], ifelse(c, then_fn(x, y), else_fn(x, y)), mode=mode)
    f_sw = function([c, x, y], T.switch(c, then_fn(x, y), else_fn(x, y)), mode=mode)
    vx, vy = rand(3, 3), rand(3, 3)
    for cv in (1.0, 0.0):
        got, want = f_if(cv, vx, vy), f_sw(cv, vx, vy)
        assert got.dtype == want.dtype and np.array_equal(got, want)


def test_constant_condition():
    x, y = T.dvectors("x", "y")
    f = function([x, y], ifelse(np.int8(1), x * 2, y))
    assert np.array_equal(f([1.0, 2.0], [5.0]), [2.0, 4.0])
    f = function([x, y], ifelse(0, x * 2, y), on_unused_input="ignore")
    assert np.array_equal(f([1.0, 2.0], [5.0]), [5.0])


def test_outputs_do_not_alias_inputs():
    # as_view=False: an output that is an input of the function is a copy
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, x, y))
    vx = np.ones(3)
    out = f(1, vx, vx)
    assert out is not vx and not np.shares_memory(out, vx)
    out[:] = 7
    assert np.array_equal(vx, np.ones(3))


def test_shared_variables_and_updates():
    s = theano.shared(np.arange(3.0), name="s")
    c = T.iscalar("c")
    f = function([c], ifelse(c, s * 2, s - 1), updates={s: ifelse(c, s + 1, s)})
    assert np.array_equal(f(1), [0.0, 2.0, 4.0])
    assert np.array_equal(s.get_value(), [1.0, 2.0, 3.0])
    assert np.array_equal(f(0), [0.0, 1.0, 2.0])
    assert np.array_equal(s.get_value(), [1.0, 2.0, 3.0])


def test_nested_ifelse():
    a, b = T.iscalars("a", "b")
    x = T.dvector("x")
    out = ifelse(a, ifelse(b, x * 2, x * 3), ifelse(b, x * 4, x * 5))
    f = function([a, b, x], out)
    for av, bv, k in ((1, 1, 2), (1, 0, 3), (0, 1, 4), (0, 0, 5)):
        assert np.array_equal(f(av, bv, [1.0, 2.0]), [k, 2.0 * k])


def test_op_called_directly_and_return_list():
    # Theano 1.0.5: IfElse(n_outs)(c, *then, *else); return_list keeps a list
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    out = IfElse(1)(c, x * 2, y)
    assert isinstance(out, theano.Variable)
    (listed,) = IfElse(1)(c, x * 2, y, return_list=True)
    f = function([c, x, y], [out, listed])
    for v in f(1, [1.0], [5.0]):
        assert np.array_equal(v, [2.0])


def test_perform_directly():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    node = ifelse(c, T.exp(x), y + 1).owner
    for cv, expected in ((1, np.exp([0.0, 1.0])), (0, [3.0])):
        storage = [[None]]
        node.op.perform(
            node, [np.asarray(cv, dtype="int32"), np.array([0.0, 1.0]), np.array([2.0])], storage
        )
        np.testing.assert_allclose(storage[0][0], expected)


def test_without_rewrites():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, T.exp(x), y + 1), mode=theano.Mode(optimizer=None))
    np.testing.assert_allclose(f(1, [0.0], [1.0]), [1.0])
    np.testing.assert_allclose(f(0, [0.0], [1.0]), [2.0])


def test_constant_branch_value():
    c = T.iscalar("c")
    x = T.dvector("x")
    f = function([c, x], ifelse(c, x, T.constant(np.array([1.0, 2.0]))))
    assert np.array_equal(f(0, [5.0]), [1.0, 2.0]) and np.array_equal(f(1, [5.0]), [5.0])
    out = f(0, [5.0])
    out[0] = 9  # a copy, not the constant
    assert np.array_equal(f(0, [5.0]), [1.0, 2.0])


def test_givens_replace_branch_inputs():
    c = T.iscalar("c")
    x, y, z = T.dvectors("x", "y", "z")
    f = function([c, z], ifelse(c, x * 2, y), givens={x: z, y: z * 3})
    assert np.array_equal(f(1, [1.0]), [2.0]) and np.array_equal(f(0, [1.0]), [3.0])


def test_branches_are_rewritten_with_the_functions_rewrites():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, (x * 1 + 0) * T.exp(x), T.log(y)),
                 mode=theano.Mode().excluding("fusion"))
    (op,) = ifelse_ops(f)
    inner_ops = [v.owner.op for v in ancestors(op.then_outputs) if v.owner is not None]
    assert [str(o) for o in inner_ops] == ["Elemwise{mul,no_inplace}", "Elemwise{exp,no_inplace}"]
    assert "local_mul_canonizer" in op.branch_rewrites.names()
    assert "ifelse_rewrite_branches" in [r.name for r in f.maker.rewrites]
    # without rewrites the branch is left as written (with its two DimShuffles)
    g = function(
        [c, x, y], ifelse(c, (x * 1 + 0) * T.exp(x), T.log(y)), mode=theano.Mode(optimizer=None)
    )
    (op,) = ifelse_ops(g)
    assert len([v for v in ancestors(op.then_outputs) if v.owner is not None]) == 6
    np.testing.assert_allclose(f(1, [1.0], [1.0]), g(1, [1.0], [1.0]))


def test_generated_source_calls_one_branch():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, T.exp(x), T.log(y)))
    src = f.maker.generated.source
    assert "if c:" in src and "else:" in src
    assert "_ifelse_then(x)" in src and "_ifelse_else(y)" in src


# ----------------------------------------------------------------------------------
# Laziness


@pytest.mark.parametrize("mode", [None, "FAST_COMPILE", theano.Mode(optimizer=None)])
def test_only_the_taken_branch_runs(mode):
    calls = []
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    then = Count("then", calls)(T.exp(x)) * 2
    other = Count("else", calls)(T.log(y)) + 1
    f = function([c, x, y], ifelse(c, then, other), mode=mode)
    f(1, [1.0], [1.0])
    assert calls == ["then"]
    f(0, [1.0], [1.0])
    assert calls == ["then", "else"]
    # T.switch evaluates both
    del calls[:]
    g = function([c, x, y], T.switch(c, then, other), mode=mode)
    g(1, [1.0], [1.0])
    assert sorted(calls) == ["else", "then"]


def test_print_op_runs_only_in_taken_branch():
    printed = []
    c = T.iscalar("c")
    x = T.dvector("x")
    p_then = Print("then", global_fn=lambda op, v: printed.append(op.message))(x * 2)
    p_else = Print("else", global_fn=lambda op, v: printed.append(op.message))(x * 3)
    f = function([c, x], ifelse(c, p_then, p_else))
    f(0, [1.0])
    f(0, [1.0])
    f(1, [1.0])
    assert printed == ["else", "else", "then"]


def test_untaken_branch_may_fail():
    calls = []
    c = T.iscalar("c")
    x = T.dvector("x")
    f = function([c, x], ifelse(c, Count("bad", calls, fail=True)(x), x + 1))
    assert np.array_equal(f(0, [1.0]), [2.0])
    with pytest.raises(RuntimeError, match="branch bad was evaluated"):
        f(1, [1.0])


def test_nested_laziness():
    calls = []
    a, b = T.iscalars("a", "b")
    x = T.dvector("x")
    inner = ifelse(b, Count("bt", calls)(x), Count("bf", calls)(x))
    f = function([a, b, x], ifelse(a, inner, Count("af", calls)(x)))
    f(1, 0, [1.0])
    f(0, 0, [1.0])
    f(1, 1, [1.0])
    assert calls == ["bf", "af", "bt"]


def test_lazy_gradient():
    # The gradient of the branch not taken is not computed either.
    calls = []
    c = T.iscalar("c")
    x = T.dvector("x")
    cost = ifelse(c, (Count("then", calls)(x) ** 2).sum(), Count("else", calls)(x).sum())
    gx = T.grad(cost, x)
    f = function([c, x], gx)
    np.testing.assert_allclose(f(1, [1.0, 3.0]), [2.0, 6.0])
    assert "else" not in calls
    del calls[:]
    np.testing.assert_allclose(f(0, [1.0, 3.0]), [1.0, 1.0])
    assert "then" not in calls


# ----------------------------------------------------------------------------------
# The cut between the outer graph and the branches


def test_cut_keeps_shared_and_condition_values_outside():
    a = T.dscalar("a")
    x, y = T.dvectors("x", "y")
    shared_sub = T.exp(x)  # needed by both branches: computed outside
    cond = T.gt(T.sum(y), a)
    private = T.log(y)  # only the else branch: inside
    out = ifelse(cond, shared_sub * 2, shared_sub + private)
    node = out.owner
    assert node.inputs[0] is cond
    outer = node.inputs[1:]
    assert shared_sub in outer and y in outer and private not in outer
    assert x not in outer  # only reached through shared_sub
    op = node.op
    assert len(op.inner_inputs) == len(outer)
    assert all(i.type == o.type for i, o in zip(op.inner_inputs, outer))
    # the outer graph no longer holds the private computations
    assert private not in ancestors([out])


def test_cond_values_used_in_branch_stay_outside():
    c = T.dscalar("c")
    x = T.dvector("x")
    s = T.sqr(c)
    out = ifelse(T.gt(s, 1), x * s, x)
    assert s in out.owner.inputs


def test_equal_ops_merge():
    # Two ifelse of the same computation are equal ops: the rewrites merge them.
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    a = ifelse(c, T.exp(x), T.log(y))
    b = ifelse(c, T.exp(x), T.log(y))
    assert a.owner.op == b.owner.op and hash(a.owner.op) == hash(b.owner.op)
    assert a.owner.op != ifelse(c, T.exp(x), T.log(x)).owner.op
    f = function([c, x, y], a + b)
    assert len(ifelse_ops(f)) == 1
    np.testing.assert_allclose(f(1, [0.0], [1.0]), [2.0])


def test_props_str_and_equality():
    # Theano 1.0.5: str 'if{}', 'if{foo}', 'if{inplace}'; name not part of equality
    assert str(IfElse(1)) == "if{}"
    assert str(IfElse(2, name="foo")) == "if{foo}"
    assert str(IfElse(1, as_view=True)) == "if{inplace}"
    assert IfElse(1) == IfElse(1, name="a")
    assert IfElse(1) != IfElse(2)
    assert IfElse.__props__ == ("as_view", "gpu", "n_outs")
    c = T.iscalar("c")
    assert str(ifelse(c, T.dvector(), T.dvector()).owner.op) == "if{}"


# ----------------------------------------------------------------------------------
# Gradients


@pytest.mark.parametrize("taken", [1, 0])
def test_verify_grad(taken):
    def fn(x, y):
        return ifelse(np.int8(taken), T.exp(x) * y * 3, T.sin(y) * x.sum())

    verify_grad(fn, [rand(3), rand(3)])


@pytest.mark.parametrize("taken", [1, 0])
def test_verify_grad_symbolic_condition(taken):
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    cost = ifelse(c, (T.tanh(x) * y).sum() * 3, (x * y**2).sum())
    gx, gy = T.grad(cost, [x, y])
    f = function([c, x, y], [gx, gy])
    vx, vy = rand(4), rand(4)
    got_x, got_y = f(taken, vx, vy)
    if taken:
        np.testing.assert_allclose(got_x, 3 * (1 - np.tanh(vx) ** 2) * vy)
        np.testing.assert_allclose(got_y, 3 * np.tanh(vx))
    else:
        np.testing.assert_allclose(got_x, vy**2)
        np.testing.assert_allclose(got_y, 2 * vx * vy)


def test_grad_zero_for_branch_not_taken_and_condition():
    # Theano 1.0.5: grads of ifelse(c < 0, x * 2, exp(y)).sum() wrt [c, x, y]:
    # c = -1: [0., [2., 2.], [0., 0.]];  c = 1: [0., [0., 0.], [1., e]]
    c = T.dscalar("c")
    x, y = T.dvectors("x", "y")
    z = ifelse(T.lt(c, 0), x * 2, T.exp(y))
    g = T.grad(z.sum(), [c, x, y])
    assert [str(v.type) for v in g] == [
        "TensorType(float64, scalar)",
        "TensorType(float64, vector)",
        "TensorType(float64, vector)",
    ]
    f = function([c, x, y], g)
    gc, gx, gy = f(-1, [1.0, 2.0], [0.0, 1.0])
    assert gc == 0 and np.array_equal(gx, [2.0, 2.0]) and np.array_equal(gy, [0.0, 0.0])
    gc, gx, gy = f(1, [1.0, 2.0], [0.0, 1.0])
    assert gc == 0 and np.array_equal(gx, [0.0, 0.0])
    np.testing.assert_allclose(gy, [1.0, np.e])


def test_grad_of_integer_condition_is_float_zero():
    # Theano 1.0.5: grad wrt an iscalar condition is a float64 zero, not disconnected
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    gc = T.grad(ifelse(c, x, y).sum(), c)
    assert gc.type == T.dscalar().type
    assert function([c, x, y], gc, on_unused_input="ignore")(1, [1.0], [2.0]) == 0


def test_grad_multiple_outputs_and_shared_inputs():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    a, b = ifelse(c, [x * y, T.exp(x)], [y, x**3])
    cost = (a * 2).sum() + (b * 3).sum()
    gx, gy = T.grad(cost, [x, y])
    f = function([c, x, y], [gx, gy])
    vx, vy = rand(3), rand(3)
    got_x, got_y = f(1, vx, vy)
    np.testing.assert_allclose(got_x, 2 * vy + 3 * np.exp(vx))
    np.testing.assert_allclose(got_y, 2 * vx)
    got_x, got_y = f(0, vx, vy)
    np.testing.assert_allclose(got_x, 9 * vx**2)
    np.testing.assert_allclose(got_y, np.full(3, 2.0))


def test_grad_with_one_output_unused():
    c = T.iscalar("c")
    x = T.dvector("x")
    _, b = ifelse(c, [x * 2, x * 3], [x * 4, x * 5])
    f = function([c, x], T.grad(b.sum(), x))
    assert np.array_equal(f(1, [1.0]), [3.0]) and np.array_equal(f(0, [1.0]), [5.0])


def test_second_derivative():
    c = T.iscalar("c")
    x = T.dscalar("x")
    y = ifelse(c, x**3, T.sin(x))
    d2 = T.grad(T.grad(y, x), x)
    f = function([c, x], d2)
    assert f(1, 2.0) == pytest.approx(12.0)
    assert f(0, 2.0) == pytest.approx(-np.sin(2.0))


def test_grad_wrt_branch_variable_used_by_both_and_cond():
    c = T.dscalar("c")
    x = T.dvector("x")
    cost = ifelse(T.gt(c * x.sum(), 0), (x**2).sum(), x.sum() * c)
    gx, gc = T.grad(cost, [x, c])
    f = function([c, x], [gx, gc])
    got_x, got_c = f(1.0, [1.0, 2.0])
    np.testing.assert_allclose(got_x, [2.0, 4.0])
    assert got_c == 0
    got_x, got_c = f(-1.0, [1.0, 2.0])
    np.testing.assert_allclose(got_x, [-1.0, -1.0])
    assert got_c == pytest.approx(3.0)  # through the else branch's own use of c


# ----------------------------------------------------------------------------------
# R_op and Rop


def test_rop():
    # Theano 1.0.5: Rop(ifelse(c, x*x, y), [x, y], [1, 1]) at x=3, y=2: c=1 -> [6.]; c=0 -> [1.]
    c = T.dscalar("c")
    x, y = T.dvectors("x", "y")
    out = ifelse(c, x * x, y)
    r = Rop(out, [x, y], [T.ones_like(x), T.ones_like(y)])
    f = function([c, x, y], r)
    assert np.array_equal(f(1, [3.0], [2.0]), [6.0])
    assert np.array_equal(f(0, [3.0], [2.0]), [1.0])
    # the op's own R_op gives the same
    node = out.owner
    evals = [None] + [T.ones_like(i) for i in node.inputs[1:]]
    (r_op,) = node.op.R_op(node.inputs, evals)
    g = function([c, x, y], r_op)
    assert np.array_equal(g(1, [3.0], [2.0]), [6.0])
    assert np.array_equal(g(0, [3.0], [2.0]), [1.0])
    # an input without an eval point contributes nothing
    (r_x,) = node.op.R_op(node.inputs, [None, T.ones_like(x), None])
    h = function([c, x, y], r_x)
    assert np.array_equal(h(1, [3.0], [2.0]), [6.0])
    assert np.array_equal(h(0, [3.0], [2.0]), [0.0])


# ----------------------------------------------------------------------------------
# Shapes


def test_infer_shape_when_branch_shapes_agree():
    c = T.iscalar("c")
    x = T.dmatrix("x")
    out = ifelse(c, T.exp(x), x * 2)
    node = out.owner
    shapes = [()] + [tuple(T.shape_i(i, d) for d in range(i.ndim)) for i in node.inputs[1:]]
    (inferred,) = node.op.infer_shape(None, node, shapes)
    graph = ancestors(list(inferred))
    assert not any(v.owner is not None and isinstance(v.owner.op, IfElse) for v in graph)
    f = function([c, x], out.shape)
    assert not ifelse_ops(f)  # the shape needs neither branch
    assert list(f(1, np.ones((2, 3)))) == [2, 3]


def test_infer_shape_when_branch_shapes_differ():
    # Theano 1.0.5 compiles this shape to MakeVector(if{shape}(c, Shape_i(x), Shape_i(y)))
    calls = []
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    out = ifelse(c, CountShaped("then", calls)(x), T.join(0, CountShaped("else", calls)(y), y))
    f = function([c, x, y], out.shape)
    assert list(f(1, np.ones(3), np.ones(4))) == [3]
    assert list(f(0, np.ones(3), np.ones(4))) == [8]
    assert calls == []  # no branch computed for the shape
    ops = ifelse_ops(f)
    assert len(ops) == 1 and str(ops[0]) == "if{shape}"


def test_infer_shape_unknown_falls_back():
    calls = []
    c = T.iscalar("c")
    x = T.dvector("x")
    # Count has no infer_shape: the shape is read from the output
    out = ifelse(c, Count("then", calls)(x), x)
    f = function([c, x], out.shape)
    assert list(f(1, np.ones(3))) == [3]
    assert list(f(0, np.ones(4))) == [4]
    assert calls == ["then"]


# ----------------------------------------------------------------------------------
# Errors (messages as Theano 1.0.5's)


def test_error_types_differ():
    c = T.dscalar("c")
    x = T.dvector("x")
    with pytest.raises(
        TypeError,
        match="The two branches should have identical types, but "
        r"they are TensorType\(float64, vector\) and TensorType\(float64, "
        r"matrix\) respectively",
    ):
        ifelse(c, x, T.dmatrix())
    with pytest.raises(TypeError, match=r"TensorType\(float32, vector\) respectively"):
        ifelse(c, x, T.fvector())


def test_error_lengths_differ():
    c = T.dscalar("c")
    x, y = T.dvectors("x", "y")
    with pytest.raises(ValueError, match=r"variables on `then` 2, variables on `else` 1"):
        ifelse(c, [x, x], [y])


def test_error_condition_not_scalar():
    x, y = T.dvectors("x", "y")
    with pytest.raises(TypeError, match="Condition given to the op has to be a scalar"):
        ifelse(x, x, y)


def test_error_op_arguments():
    c = T.iscalar("c")
    x = T.dvector("x")
    with pytest.raises(TypeError, match=r"if\{\}: wrong number of arguments.*expected 2"):
        IfElse(1)(c, x)
    with pytest.raises(TypeError, match="IfElse requires same types"):
        IfElse(1)(c, x, T.dmatrix())


def test_error_in_branch_names_node():
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    f = function([c, x, y], ifelse(c, x + y, y))
    with pytest.raises(ValueError, match="Apply node that caused the error"):
        f(1, np.ones(2), np.ones(3))
    assert np.array_equal(f(0, np.ones(2), np.ones(3)), np.ones(3))
