"""Modes: rewrite sets chosen by name or Query, including/excluding/requiring, config flags."""

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.mode import (
    FAST_COMPILE,
    FAST_RUN,
    Mode,
    get_default_mode,
    get_mode,
    predefined_linkers,
    predefined_modes,
    register_linker,
    register_mode,
    register_optimizer,
)
from theano.graph.rewriting import Query, SeqOptimizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
x = T.dscalar("x")
v = T.dvector("v")
logistic = 1 / (1 + T.exp(-x))


def op_names(f):
    return [str(n.op) for n in f.maker.fgraph.toposort()]


def test_fast_compile_keeps_the_user_graph_as_theano_did():
    # Theano 1.0.5 FAST_COMPILE: true_div(1, add(1, exp(neg(x)))), constants merged
    f = theano.function([x], logistic, mode="FAST_COMPILE")
    assert op_names(f) == ["Elemwise{neg,no_inplace}", "Elemwise{exp,no_inplace}",
                           "Elemwise{add,no_inplace}", "Elemwise{true_div,no_inplace}"]
    div = f.maker.fgraph.outputs[0].owner
    add = div.inputs[1].owner
    assert div.inputs[0] is add.inputs[0]  # one TensorConstant{1}, as Theano's [id B]
    assert np.isclose(f(2), 0.88079708)
    # Theano 1.0.5 FAST_COMPILE: Sum(pow(xv, 2)) is not rewritten
    g = theano.function([v], (v**2).sum(), mode="FAST_COMPILE")
    assert op_names(g) == ["Elemwise{pow,no_inplace}", "Sum{acc_dtype=float64}"]


def test_fast_run_none_and_merge():
    e = v * 1 + 0
    assert theano.function([v], e, mode=Mode(optimizer="fast_run")).maker.fgraph.outputs[0] \
        is not None
    assert op_names(theano.function([v], e, mode=FAST_RUN)) == []
    assert len(op_names(theano.function([v], e, mode=Mode(optimizer=None)))) == 4
    assert len(op_names(theano.function([v], e, mode=Mode(optimizer="None")))) == 4
    twice = T.exp(v) + T.exp(v)
    assert op_names(theano.function([v], twice, mode=Mode(optimizer="merge"))) == [
        "Elemwise{exp,no_inplace}", "Elemwise{add,no_inplace}"]
    np.testing.assert_allclose(theano.function([v], twice, mode=Mode(optimizer="merge"))(
        [0.0, 1.0]), 2 * np.exp([0.0, 1.0]), rtol=1e-15)
    for name in ("o1", "o2", "o3", "o4", "unsafe", "stabilize", "fast_run_stable"):
        f = theano.function([v], e, mode=Mode(optimizer=name))
        np.testing.assert_allclose(f([1.0, 2.0]), [1.0, 2.0])


def test_including_excluding_requiring():
    e = v * 2 * 3
    excluded = Mode().excluding("local_mul_canonizer", "fusion", "inplace")
    assert op_names(theano.function([v], e, mode=excluded)) == ["Elemwise{mul,no_inplace}"] * 2
    assert op_names(theano.function([v], e, mode=Mode())) == ["Elemwise{mul,no_inplace}"]
    for mode in (excluded, Mode()):
        np.testing.assert_allclose(theano.function([v], e, mode=mode)([1.0, -2.5]), [6.0, -15.0])
    e = v * 1
    # including a phase from no rewrites at all (Theano's idiom)
    canon = Mode(optimizer=None).including("canonicalize")
    f = theano.function([v], e, mode=canon)
    assert op_names(f) == [] and "local_mul_canonizer" in f.maker.rewrites.names()
    np.testing.assert_array_equal(f([1.0, -2.5]), [1.0, -2.5])
    # requiring a tag no rewrite has: nothing runs
    f = theano.function([v], e, mode=Mode().requiring("no_such_tag"))
    assert len(op_names(f)) == 2
    assert isinstance(excluded.provided_optimizer, Query)
    assert excluded.provided_optimizer.exclude == ("cxx_only", "local_mul_canonizer", "fusion",
                                                   "inplace")


def test_mode_optimizer_is_the_queried_rewriter_and_is_cached():
    m = Mode(optimizer="fast_run")
    opt = m.optimizer
    assert isinstance(opt, SeqOptimizer) and m.optimizer is opt
    assert Mode(optimizer=opt).optimizer is opt  # a rewriter is used as is
    with pytest.raises(TypeError, match="not a Query"):
        Mode(optimizer=opt).including("fusion")


def test_mode_errors_clone_str_pickle():
    with pytest.raises(ValueError, match="Unknown linker 'fast'"):
        Mode(linker="fast")
    with pytest.raises(ValueError, match="Unknown optimizer 'o5'"):
        Mode(optimizer="o5")
    m = Mode(linker="cvm", optimizer="fast_compile").excluding("merge")
    c = m.clone()
    assert c.provided_linker == "cvm" and c.provided_optimizer == m.provided_optimizer
    assert c.clone(optimizer=None).provided_optimizer.include == ()
    assert str(Mode("py", "fast_run")) == "Mode(linker=py, optimizer=OPT_FAST_RUN)"
    m2 = pickle.loads(pickle.dumps(m))
    assert m2.provided_optimizer == m.provided_optimizer and m2.provided_linker == "cvm"


def test_get_mode_and_registries():
    assert get_mode("FAST_RUN") is FAST_RUN and get_mode("FAST_COMPILE") is FAST_COMPILE
    assert get_mode(FAST_RUN) is FAST_RUN
    assert isinstance(get_mode("Mode"), Mode) and isinstance(get_default_mode(), Mode)
    with pytest.raises(ValueError, match="Unknown mode 'FAST'"):
        get_mode("FAST")
    with theano.change_flags(optimizer="None"):
        assert get_default_mode().provided_optimizer.include == ()
        f = theano.function([v], v * 1)
        assert len(op_names(f)) == 2
    register_mode("TEST_MODE_REGISTERED", Mode(optimizer="merge"))
    assert predefined_modes["TEST_MODE_REGISTERED"].provided_optimizer.include == ("merge",)
    with pytest.raises(ValueError, match="already taken"):
        register_mode("FAST_RUN", FAST_RUN)
    register_optimizer("test_registered_opt", Query(include=["merge"]))
    assert Mode(optimizer="test_registered_opt").provided_optimizer.include == ("merge",)
    with pytest.raises(ValueError, match="already taken"):
        register_optimizer("fast_run", None)
    register_linker("test_linker", "py")
    assert "test_linker" in predefined_linkers
    with pytest.raises(ValueError, match="already taken"):
        register_linker("py", "py")


def test_mode_register_adds_a_pass():
    ran = []

    @theano.graph.rewriting.optimizer
    def spy(fgraph):
        ran.append(len(fgraph.apply_nodes))

    f = theano.function([v], v * 1, mode=Mode().register((spy, 50)))
    assert ran == [2]  # after merge1 (0), before canonicalize (100)
    assert op_names(f) == []
    np.testing.assert_array_equal(f([1.0, -2.5]), [1.0, -2.5])


def test_optimizer_flags_apply_to_the_default_mode():
    # optimizer_excluding/including/requiring cannot change after import: a subprocess
    code = (
        "import theano, theano.tensor as T\n"
        "v = T.dvector('v')\n"
        "f = theano.function([v], v * 2 * 3)\n"
        "g = theano.function([v], v * 2 * 3, mode='FAST_RUN')\n"
        "print(len(f.maker.fgraph.apply_nodes), len(g.maker.fgraph.apply_nodes))\n"
    )
    env = dict(os.environ, PYTHONPATH=ROOT,
               THEANO_FLAGS="optimizer_excluding=local_mul_canonizer:fusion")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    # the default mode excludes the rewrite; a named mode does not (Theano's rule)
    assert out.stdout.split() == ["2", "1"]
