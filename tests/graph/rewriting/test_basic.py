"""The rewrite engine: node rewriters, the bookkeeping of replacements, drivers, merge, log."""

import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.graph.basic import Apply
from theano.graph.features import ReplaceValidate, RewriteLog, RewriteRecord
from theano.graph.fg import FunctionGraph, InconsistencyError
from theano.graph.rewriting import (
    EquilibriumOptimizer,
    LocalOptGroup,
    MergeOptimizer,
    OpRemove,
    OpSub,
    PatternSub,
    RewriteError,
    RewriteTypeError,
    RewriteWarning,
    SeqOptimizer,
    TopoOptimizer,
    in2out,
    local_optimizer,
    optimize,
    optimizer,
    out2in,
    revisit,
)
from theano.graph.rewriting.basic import apply_node_rewriter
from theano.graph.rewriting.utils import pre_greedy_local_optimizer, print_rewrites
from theano.tensor.basic import Rebroadcast
from theano.tensor.elemwise import DimShuffle, Elemwise

x, y, z = T.dvectors("x", "y", "z")


def fgraph_of(inputs, outputs, log=True):
    fg = FunctionGraph(inputs, outputs, clone=False)
    if log:
        fg.attach_feature(RewriteLog())
    return fg


def ops(fg):
    return [str(n.op) for n in fg.toposort()]


# A rewrite in Theano 1.0's form (transform(node)) and one in the (fgraph, node) form.
@local_optimizer([T.exp])
def exp_to_log(node):
    # exp(a) -> log(a)   (not math: a marker for the tests)
    return [T.log(node.inputs[0])]


@local_optimizer([T.log])
def log_to_sin(fgraph, node):
    assert fgraph is node.fgraph
    return [T.sin(node.inputs[0])]


# ---------------------------------------------------------------------------------------
# Declaring rewrites


def test_local_optimizer_checks_tracks():
    with pytest.raises(ValueError, match="Use None"):
        local_optimizer([])(lambda node: None)
    with pytest.raises(TypeError, match="Op instances or Op classes"):
        local_optimizer(["exp"])(lambda node: None)
    assert exp_to_log.tracks() == [T.exp]
    assert exp_to_log.name == "exp_to_log"
    assert exp_to_log.where().endswith(f"test_basic.py:{exp_to_log.fn.__code__.co_firstlineno}")


def test_both_transform_signatures_and_chained_topo_pass():
    fg = fgraph_of([x, y], [T.exp(x) * y])
    in2out(exp_to_log, log_to_sin).optimize(fg)
    # the log created by the first rewrite is visited in the same pass
    assert ops(fg) == ["Elemwise{sin,no_inplace}", "Elemwise{mul,no_inplace}"]
    assert [r.name for r in fg.rewrite_log] == ["exp_to_log", "log_to_sin"]


def test_ignore_newtrees_and_out2in():
    fg = fgraph_of([x], [T.exp(x)])
    TopoOptimizer(LocalOptGroup(exp_to_log, log_to_sin), ignore_newtrees=True).optimize(fg)
    assert ops(fg) == ["Elemwise{log,no_inplace}"]
    order = []

    @local_optimizer(None)
    def record(node):
        order.append(str(node.op))

    fg = fgraph_of([x], [T.sin(T.exp(x))])
    out2in(record).optimize(fg)
    assert order == ["Elemwise{sin,no_inplace}", "Elemwise{exp,no_inplace}"]


def test_class_based_node_rewriter_and_opsub_opremove():
    fg = fgraph_of([x], [T.exp(x)])
    in2out(OpSub(T.exp, T.log)).optimize(fg)
    assert ops(fg) == ["Elemwise{log,no_inplace}"]
    fg = fgraph_of([x], [T.sin(T.tensor_copy(x))])
    in2out(OpRemove(T.tensor_copy)).optimize(fg)
    assert ops(fg) == ["Elemwise{sin,no_inplace}"]


# ---------------------------------------------------------------------------------------
# What the engine checks and does for every replacement


def test_dict_result_and_partial_replacement():
    @local_optimizer([T.exp])
    def by_dict(node):
        return {node.outputs[0]: T.log(node.inputs[0])}

    fg = fgraph_of([x], [T.exp(x)])
    in2out(by_dict).optimize(fg)
    assert ops(fg) == ["Elemwise{log,no_inplace}"]


def test_wrong_number_of_replacements_names_the_rewrite():
    @local_optimizer([T.exp])
    def too_many(node):
        return [x, y]

    fg = fgraph_of([x, y], [T.exp(x)])
    with theano.change_flags(on_opt_error="raise"):
        with pytest.raises(RewriteError, match="too_many returned 2 replacements"):
            in2out(too_many).optimize(fg)


def test_dtype_mismatch_is_an_error_naming_the_rewrite():
    @local_optimizer([T.exp])
    def to_float32(node):
        return [T.cast(node.inputs[0], "float32")]

    fg = fgraph_of([x], [T.exp(x)])
    with theano.change_flags(on_opt_error="raise"):
        with pytest.raises(RewriteTypeError) as info:
            in2out(to_float32).optimize(fg)
    message = str(info.value)
    assert "Rewrite to_float32 replaced" in message
    assert "float32" in message and "test_basic.py" in message
    # with the default on_opt_error='warn' the rewrite is skipped with a warning
    fg = fgraph_of([x], [T.exp(x)])
    with pytest.warns(RewriteWarning, match="to_float32 failed"):
        in2out(to_float32).optimize(fg)
    assert ops(fg) == ["Elemwise{exp,no_inplace}"]
    with theano.change_flags(on_opt_error="ignore"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            in2out(to_float32).optimize(fg)


def test_broadcastable_mismatch_is_fixed_with_rebroadcast():
    row = T.drow("row")
    m = T.dmatrix("m")

    @local_optimizer([T.exp])
    def lose_flags(node):
        # exp(row) -> unbroadcast(sin(m))[:1]-like: same dtype/ndim, fewer flags
        return [T.sin(m)]

    fg = fgraph_of([row, m], [T.exp(row)])
    in2out(lose_flags).optimize(fg)
    out = fg.outputs[0]
    assert out.type == T.exp(row).type
    assert isinstance(out.owner.op, Rebroadcast)

    @local_optimizer([T.exp])
    def gain_flags(node):
        return [T.sin(row)]

    fg = fgraph_of([row, m], [T.exp(m)])
    in2out(gain_flags).optimize(fg)
    assert fg.outputs[0].type == m.type


def test_cycle_is_refused():
    @local_optimizer([T.exp])
    def self_reference(node):
        return [node.outputs[0] + 1]

    fg = fgraph_of([x], [T.exp(x)])
    with theano.change_flags(on_opt_error="raise"):
        with pytest.raises(RewriteError, match="depends on"):
            in2out(self_reference).optimize(fg)


def test_new_nodes_get_the_user_line_of_the_replaced_node():
    out = T.exp(x)  # the line the new nodes must point to
    line = out.owner.tag.trace
    assert line is not None and line[0].endswith("test_basic.py")

    @local_optimizer([T.exp])
    def deep(node):
        return [T.log(T.sin(node.inputs[0]) * y)]

    fg = fgraph_of([x, y], [out])
    in2out(deep).optimize(fg)
    for node in fg.toposort():
        assert node.tag.trace == line


def test_user_name_moves_to_the_replacement():
    out = T.exp(x)
    out.name = "result"
    fg = fgraph_of([x], [out])
    in2out(exp_to_log).optimize(fg)
    assert fg.outputs[0].name == "result"


def test_rewrite_log_records_and_prints():
    f = theano.function([x], T.exp(x) * 1)
    records = f.maker.rewrites
    assert all(isinstance(r, RewriteRecord) for r in records)
    assert "local_mul_canonizer" in records.names()
    name, old, new = records[0]
    assert old.owner is not None
    text = print_rewrites(f, file="str")
    assert "local_mul_canonizer: Elemwise{mul,no_inplace}(" in text
    assert "test_basic.py" in text  # the user's line of the replaced node
    assert "math.py" in text  # where the rewrite is defined
    assert str(records) == text
    g = theano.function([x], x, mode=theano.Mode(optimizer=None))
    assert print_rewrites(g, file="str") == "No rewrite was applied."


def test_optimizer_verbose_prints_each_rewrite(capsys):
    with theano.change_flags(optimizer_verbose=True):
        theano.function([x], x * 1)
    out = capsys.readouterr().out
    assert "optimizer: rewrite local_mul_canonizer replaces Elemwise{mul,no_inplace}.0 of " in out
    assert "with x of None" in out


# ---------------------------------------------------------------------------------------
# PatternSub


def test_pattern_sub_matches_structure_constants_and_repeated_names():
    # log(1 + a) -> log1p(a), whichever side the 1 is on (add is commutative)
    rewrite = PatternSub((T.log, (T.add, 1, "a")), (T.log1p, "a"), name="log1p_pattern")
    for expr in (T.log(1 + x), T.log(x + 1)):
        fg = fgraph_of([x], [expr])
        in2out(rewrite).optimize(fg)
        assert ops(fg) == ["Elemwise{log1p,no_inplace}"], ops(fg)
    fg = fgraph_of([x], [T.log(2 + x)])
    in2out(rewrite).optimize(fg)
    assert "Elemwise{log1p,no_inplace}" not in ops(fg)
    # "a" twice must be the same variable
    square = PatternSub((T.mul, "a", "a"), (T.sqr, "a"), name="mul_to_sqr")
    fg = fgraph_of([x, y], [x * x, x * y])
    in2out(square).optimize(fg)
    assert ops(fg) == ["Elemwise{sqr,no_inplace}", "Elemwise{mul,no_inplace}"]
    assert str(rewrite) == "log1p_pattern"
    assert rewrite.where().endswith("test_basic.py:" + rewrite.where().split(":")[-1])


def test_pattern_sub_constraint_and_multiple_clients():
    neg_neg = PatternSub((T.neg, {"pattern": (T.neg, "a"), "constraint": lambda v: True}), "a",
                         name="neg_neg")
    inner = -x
    fg = fgraph_of([x], [-inner, inner * 2])
    in2out(neg_neg).optimize(fg)
    assert fg.outputs[0].owner.op == T.neg  # inner has two clients: no match
    fg = fgraph_of([x], [-inner, inner * 2])
    in2out(PatternSub((T.neg, (T.neg, "a")), "a", allow_multiple_clients=True)).optimize(fg)
    assert fg.outputs[0] is x
    refuse = PatternSub((T.neg, {"pattern": "a", "constraint": lambda v: v.ndim == 0}),
                        (T.exp, "a"))
    fg = fgraph_of([x], [-x])
    in2out(refuse).optimize(fg)
    assert ops(fg) == ["Elemwise{neg,no_inplace}"]


def test_pattern_sub_refuses_a_non_op_root():
    with pytest.raises(TypeError, match="root must be an Op"):
        PatternSub(("log", "a"), "a")


# ---------------------------------------------------------------------------------------
# Merge


def test_merge_equal_subexpressions_and_constants():
    a = T.exp(x) + T.constant(np.array([1.0, 2.0]))
    b = T.exp(x) + T.constant(np.array([1.0, 2.0]))
    fg = fgraph_of([x], [a, b])
    MergeOptimizer().optimize(fg)
    assert len(fg.apply_nodes) == 2
    assert fg.outputs[0] is fg.outputs[1]
    assert {r.name for r in fg.rewrite_log} == {"merge"}


def test_merge_many_equal_nodes_keeps_the_most_used_one():
    outs = [T.exp(x) for _ in range(200)]
    fg = fgraph_of([x], [o * i for i, o in enumerate(outs)])
    MergeOptimizer().optimize(fg)
    exps = [n for n in fg.apply_nodes if n.op == T.exp]
    assert len(exps) == 1
    assert len(fg.rewrite_log) == 199


# ---------------------------------------------------------------------------------------
# Equilibrium


def test_equilibrium_reaches_a_fixed_point_and_visits_only_what_changed():
    calls = []

    @local_optimizer([T.sin])
    def sin_sin(node):
        # sin(sin(a)) -> sin(a)   (a marker, not math)
        calls.append(node)
        inner = node.inputs[0]
        if inner.owner is not None and inner.owner.op == T.sin:
            return [inner]
        return False

    chain = x
    for _ in range(50):
        chain = T.sin(chain)
    others = [T.sin(v) for v in (y, z)]
    fg = fgraph_of([x, y, z], [chain] + others)
    EquilibriumOptimizer([sin_sin], max_use_ratio=10).optimize(fg)
    assert len(fg.apply_nodes) == 3
    # first pass: 52 nodes; afterwards only the node whose input changed (and its
    # clients), never a full re-scan: far fewer than 52 visits per change
    assert len(calls) < 52 + 4 * 50


def test_equilibrium_stops_two_rewrites_undoing_each_other():
    @local_optimizer([T.exp])
    def e2l(node):
        return [T.log(node.inputs[0])]

    @local_optimizer([T.log])
    def l2e(node):
        return [T.exp(node.inputs[0])]

    fg = fgraph_of([x], [T.exp(x)])
    with pytest.warns(RewriteWarning, match="max'ed out"):
        EquilibriumOptimizer([e2l, l2e], max_use_ratio=3).optimize(fg)


def test_revisit_asks_the_equilibrium_to_come_back():
    seen = []

    @local_optimizer([T.exp])
    def waits_for_parent(node):
        seen.append(node)
        client = node.fgraph.clients[node.outputs[0]][0][0]
        if client != "output":
            revisit(node.fgraph, client)
        return False

    @local_optimizer([T.sin])
    def parent(node):
        seen.append(node)
        return False

    fg = fgraph_of([x], [T.sin(T.exp(x))])
    EquilibriumOptimizer([waits_for_parent, parent]).optimize(fg)
    assert [str(n.op) for n in seen] == ["Elemwise{exp,no_inplace}", "Elemwise{sin,no_inplace}"]
    revisit(fg, fg.toposort()[0])  # no equilibrium running: nothing happens


def test_equilibrium_global_final_and_cleanup_passes():
    ran = []

    @optimizer
    def global_pass(fgraph):
        ran.append("global")

    @optimizer
    def final_pass(fgraph):
        ran.append("final")

    fg = fgraph_of([x], [T.exp(x) + T.exp(x)])
    EquilibriumOptimizer([exp_to_log, global_pass], final_optimizers=[final_pass],
                         cleanup_optimizers=[MergeOptimizer()]).optimize(fg)
    assert ran[:2] == ["global", "final"]
    assert ops(fg) == ["Elemwise{log,no_inplace}", "Elemwise{add,no_inplace}"]


def test_seq_optimizer_runs_in_order_and_reports_failures():
    order = []

    @optimizer
    def first(fgraph):
        order.append(1)

    @optimizer
    def broken(fgraph):
        raise ValueError("boom")

    @optimizer
    def last(fgraph):
        order.append(3)

    fg = fgraph_of([x], [T.exp(x)])
    with pytest.warns(RewriteWarning, match="boom"):
        SeqOptimizer([first, broken, last], failure_callback=SeqOptimizer.warn).optimize(fg)
    assert order == [1, 3]
    with pytest.raises(ValueError, match="boom"):
        SeqOptimizer(first, broken).optimize(fg)


# ---------------------------------------------------------------------------------------
# Validation, optimize(), pre_greedy_local_optimizer


def test_replace_validate_undoes_a_refused_change():
    class Refuse:
        def validate(self, fgraph):
            if any(n.op == T.log for n in fgraph.apply_nodes):
                raise InconsistencyError("no log allowed")

    fg = fgraph_of([x], [T.exp(x)])
    fg.attach_feature(ReplaceValidate())
    fg.attach_feature(Refuse())
    with theano.change_flags(on_opt_error="raise"):
        with pytest.raises(InconsistencyError):
            in2out(exp_to_log).optimize(fg)
    assert ops(fg) == ["Elemwise{exp,no_inplace}"]
    fg.check_integrity()


def test_optimize_by_name_query_or_none():
    fg = fgraph_of([x], [x * 1])
    optimize(fg, None)
    assert len(fg.apply_nodes) == 2
    optimize(fg, "fast_run")
    assert fg.outputs[0] is x
    with pytest.raises(ValueError, match="Unknown optimizer 'fastest'"):
        optimize(fg, "fastest")


def test_pre_greedy_local_optimizer():
    out = pre_greedy_local_optimizer([exp_to_log], T.exp(x) * 2)
    assert out.owner.inputs[0].owner.op == T.log
    assert pre_greedy_local_optimizer([exp_to_log], x) is x


def test_a_rewrite_may_return_an_existing_variable():
    fg = fgraph_of([x, y], [T.exp(x) + y])
    node = fg.outputs[0].owner.inputs[0].owner
    assert apply_node_rewriter(fg, exp_to_log, node, [y])
    assert fg.outputs[0].owner.inputs == [y, y]
    assert not apply_node_rewriter(fg, exp_to_log, node, [None])
    assert isinstance(Apply, type)
    assert isinstance(T.exp, Elemwise) and DimShuffle


# ---------------------------------------------------------------------------------------
# Every phase leaves a graph whose nodes have the types their ops give (a verifier)


def _training_graph():
    import numpy as np

    X = T.dmatrix("X")
    t = T.dvector("t")
    w = theano.shared(np.zeros(4), name="w")
    b = theano.shared(0.0, name="b")
    p = 1 / (1 + T.exp(-T.dot(X, w) - b))
    xent = -t * T.log(p) - (1 - t) * T.log(1 - p)
    cost = xent.mean() + 0.01 * (w**2).sum()
    gw, gb = T.grad(cost, [w, b])
    return [X, t, w, b], [p > 0.5, xent, w - 0.1 * gw, b - 0.1 * gb]


@pytest.mark.parametrize("name", ["training", "shapes", "reductions"])
def test_every_phase_keeps_node_types_consistent(name):
    from theano.graph.rewriting.pipeline import get_optimizer
    from theano.graph.rewriting.utils import check_graph_types

    m = T.dmatrix("m")
    graphs = {
        "training": _training_graph(),
        "shapes": ([m], [(m * 2).shape, m.reshape(m.shape).T.T, (m / m).sum(axis=0)]),
        "reductions": ([m], [m.sum(axis=0).sum(), (m * 3).mean(), T.addbroadcast(m[:1], 0)]),
    }
    inputs, outputs = graphs[name]
    fg = FunctionGraph(inputs, outputs)
    fg.attach_feature(RewriteLog())
    for phase in get_optimizer("fast_run"):
        phase.optimize(fg)
        assert check_graph_types(fg), phase
        fg.check_integrity()
    assert len(fg.rewrite_log) > 0


def test_check_graph_types_names_the_bad_node():
    from theano.graph.rewriting.utils import check_graph_types

    fg = fgraph_of([x], [T.exp(x)])
    node = fg.outputs[0].owner
    node.outputs[0].type = T.fvector().type  # what a broken rewrite could leave
    with pytest.raises(TypeError, match="Elemwise{exp,no_inplace}"):
        check_graph_types(fg)


def test_doctests_of_the_rewriting_helpers():
    import doctest

    from theano.graph.rewriting import utils

    result = doctest.testmod(utils)
    assert result.attempted > 0 and result.failed == 0
