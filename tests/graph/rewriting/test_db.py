"""Databases of rewrites: tags, queries, positions, and the optdb pipeline table."""

import math

import pytest

import theano
import theano.tensor as T
from theano.graph.rewriting import (
    EquilibriumDB,
    EquilibriumOptimizer,
    LocalGroupDB,
    LocalOptGroup,
    MergeOptimizer,
    OptimizationDatabase,
    ProxyDB,
    Query,
    SeqOptimizer,
    SequenceDB,
    TopoDB,
    TopoOptimizer,
    local_optimizer,
    optdb,
    optimizer,
)
from theano.graph.rewriting.pipeline import get_optimizer, predefined_optimizers


def _graph_pass(name):
    @optimizer
    def p(fgraph):
        fgraph.ran = getattr(fgraph, "ran", []) + [name]

    return p


def _node_rewrite(name):
    @local_optimizer(None)
    def r(node):
        return False

    r.name = name
    return r


def test_query_by_tags_names_require_exclude():
    db = OptimizationDatabase()
    a, b, c = _graph_pass("a"), _graph_pass("b"), _graph_pass("c")
    db.register("a", a, "fast", "x")
    db.register("b", b, "fast")
    db.register("c", c, "slow", "x")
    assert db.query("fast") == [a, b]
    assert db.query("fast", "slow") == [a, b, c]
    assert db.query(Query(include=["fast"], exclude=["x"])) == [b]
    assert db.query(Query(include=["fast", "slow"], require=["x"])) == [a, c]
    assert db.query("b") == [b]  # a name is a tag
    assert db.query("+fast", "-a") == [b]
    assert db.query("fast", "&x") == [a]
    assert db["a"] is a and "c" in db and "d" not in db
    assert a.name == "a"
    with pytest.raises(ValueError, match="already registered"):
        db.register("a", _graph_pass("a2"))
    with pytest.raises(ValueError, match="already the name"):
        db.register("d", _graph_pass("d"), "a")
    with pytest.raises(TypeError, match="expected a graph rewriter"):
        db.register("e", object())
    with pytest.raises(KeyError):
        db["missing"]


def test_sub_database_gets_its_name_as_a_tag_and_subqueries():
    top = SequenceDB()
    phase = EquilibriumDB()
    top.register("phase", phase, "fast", position=10)
    r1, r2 = _node_rewrite("r1"), _node_rewrite("r2")
    phase.register("r1", r1, "fast")
    phase.register("r2", r2, "slow")
    (eq,) = top.query("fast")
    assert isinstance(eq, EquilibriumOptimizer) and eq.name == "phase"
    assert eq.local_optimizers == [r1]
    # including the phase by name selects everything in it (each item has the tag 'phase')
    (eq,) = top.query("phase")
    assert eq.local_optimizers == [r1, r2]
    (eq,) = top.query(Query(include=["fast"], subquery={"phase": Query(include=["slow"])}))
    assert eq.local_optimizers == [r2]


def test_sequence_positions_theano_scale_last_and_cutoff():
    db = SequenceDB()
    passes = {n: _graph_pass(n) for n in "abcde"}
    db.register("c", passes["c"], "t", position=300)
    db.register("a", passes["a"], "t", position=0)
    db.register("b", passes["b"], 1.5, "t")  # Theano 1.0's form: position 1.5 -> 150
    db.register("d", passes["d"], "last", "t")
    db.register("e", passes["e"], "t")  # no position: last
    seq = db.query("t")
    assert isinstance(seq, SeqOptimizer)
    assert [p.name for p in seq] == ["a", "b", "c", "d", "e"]
    assert [p.name for p in db.query(Query(["t"], position_cutoff=300))] == ["a", "b"]
    with pytest.raises(TypeError, match="position must be a number"):
        db.register("f", _graph_pass("f"), "t", position="soon")


def test_extra_optimizations_join_the_sequence():
    db = SequenceDB()
    a, extra = _graph_pass("a"), _graph_pass("extra")
    db.register("a", a, "t", position=100)
    seq = db.query(Query(["t"]).register((extra, 50)))
    assert list(seq) == [extra, a]


def test_equilibrium_db_final_and_cleanup():
    db = EquilibriumDB()
    r, final, clean = _node_rewrite("r"), _graph_pass("final"), MergeOptimizer()
    db.register("r", r, "t")
    db.register("final", final, "t", final_opt=True)
    db.register("clean", clean, "t", cleanup=True)
    eq = db.query("t")
    assert eq.local_optimizers == [r]
    assert eq.final_optimizers == [final] and eq.cleanup_optimizers == [clean]
    with pytest.raises(ValueError, match="both final_opt and cleanup"):
        db.register("bad", _graph_pass("bad"), final_opt=True, cleanup=True)


def test_local_group_topo_and_proxy_db():
    group = LocalGroupDB()
    r1, r2 = _node_rewrite("r1"), _node_rewrite("r2")
    group.register("r1", r1, "t", position=2)
    group.register("r2", r2, "t", position=1)
    g = group.query("t")
    assert isinstance(g, LocalOptGroup) and g.opts == [r2, r1]
    topo = TopoDB(group, order="out_to_in")
    r3 = _node_rewrite("r3")
    topo.register("r3", r3, "t")
    assert "r3" in topo and topo["r3"] is r3
    t = topo.query("t")
    assert isinstance(t, TopoOptimizer) and t.order == "out_to_in"
    assert t.local_opt.opts == [r2, r1, r3]  # position 'last' after 1 and 2
    assert ProxyDB(group).query("t").opts == [r2, r1, r3]


def test_query_including_excluding_requiring_are_copies():
    q = Query(include=["fast_run"])
    q2 = q.including("a").excluding("b").requiring("c")
    assert q.include == ("fast_run",) and q.exclude == () and q.require == ()
    assert q2.include == ("fast_run", "a") and q2.exclude == ("b",) and q2.require == ("c",)
    assert q2 == Query(["fast_run", "a"], ["c"], ["b"]) and hash(q2) == hash(q2.including())
    assert "inc=['fast_run', 'a']" in str(q2)
    assert q.position_cutoff == math.inf


def test_optdb_pipeline_order_and_phases():
    seq = get_optimizer("fast_run")
    names = [p.name for p in seq]
    table = ["merge1", "useless", "merge1.1", "canonicalize", "merge1.2", "stabilize",
             "specialize", "uncanonicalize", "specialize_device", "merge2", "elemwise_fusion",
             "add_destroy_handler", "inplace_opt", "merge3"]
    assert [n for n in names if n in table] == table
    assert names[0] == "merge1" and names[-1] == "merge3"
    fast_compile = [p.name for p in get_optimizer("fast_compile")]
    assert [n for n in fast_compile if n in table][:4] == [
        "merge1", "useless", "merge1.1", "canonicalize"]
    assert "stabilize" not in [p.name for p in get_optimizer("fast_compile")]
    assert [p.name for p in get_optimizer("merge")] == ["merge1", "merge1.1", "merge1.2",
                                                        "merge2", "merge3"]
    assert list(get_optimizer(None)) == []
    assert "stabilize" in [p.name for p in get_optimizer("stabilize")]
    assert "specialize" not in [p.name for p in get_optimizer("stabilize")]
    assert set(predefined_optimizers) >= {None, "None", "merge", "o1", "o2", "o3", "o4",
                                          "unsafe", "fast_compile", "fast_run",
                                          "fast_run_stable", "stabilize"}
    assert optdb is theano.compile.mode.optdb


def test_a_user_rewrite_registered_in_a_phase_runs():
    @local_optimizer([T.exp])
    def my_exp_to_log(node):
        return [T.log(node.inputs[0])]

    x = T.dvector("x")
    optdb["canonicalize"].register("my_exp_to_log_test", my_exp_to_log, "my_tag")
    try:
        f = theano.function([x], T.exp(x))
        assert [n.op for n in f.maker.fgraph.toposort()] == [T.exp]  # not tagged fast_run
        f = theano.function([x], T.exp(x), mode=theano.Mode().including("my_tag"))
        assert [n.op for n in f.maker.fgraph.toposort()] == [T.log]
        assert "my_exp_to_log_test" in f.maker.rewrites.names()
    finally:
        optdb["canonicalize"].remove_tags("my_exp_to_log_test", "my_tag", "canonicalize")
