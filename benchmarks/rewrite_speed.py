"""Benchmark: how long the fast_run rewrites take on a generated graph of ~5,000 nodes.

Usage (from the repository root)::

    python benchmarks/rewrite_speed.py                 # 5,000 nodes
    python benchmarks/rewrite_speed.py --nodes 20000   # check that time grows linearly

The graph is a long chain ``x = x * 1 + 0`` over a matrix, with a sum of the columns
added back through a DimShuffle every 10 steps and a double transpose every 7 steps,
so the rewrites have work everywhere (canonicalize folds the chain to a few nodes).
Prints the time of each phase, the number of rewrites applied, and a JSON line;
also the compile time of a small graph (the logistic).  Times are the CPU time of this
process (``time.process_time``), which a busy machine disturbs less than wall time.
The rewrite runs through ``theano.graph.rewriting.optimize``, as ``theano.function``
does.  A measurement, not a test.
"""

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import theano
import theano.tensor as T
from theano.graph.features import RewriteLog
from theano.graph.fg import FunctionGraph
from theano.graph.rewriting.basic import optimize
from theano.graph.rewriting.pipeline import get_optimizer


def build_chain(n_nodes):
    """A chain graph with about ``n_nodes`` Apply nodes; returns (input, output)."""
    x = T.dmatrix("x")
    v = x
    i = 0
    while True:
        v = v * 1 + 0
        if i % 10 == 0:
            v = v + v.sum(axis=0).dimshuffle("x", 0)
        if i % 7 == 0:
            v = v.T.T
        i += 1
        if i % 50 == 0:
            fg = FunctionGraph([x], [v], clone=False)
            if len(fg.apply_nodes) >= n_nodes:
                return x, v


def time_rewrite(x, out, optimizer="fast_run"):
    fgraph = FunctionGraph([x], [out], clone=True)
    log = RewriteLog()
    fgraph.attach_feature(log)
    n_before = len(fgraph.apply_nodes)
    opt = get_optimizer(optimizer)
    t0 = time.process_time()
    optimize(fgraph, opt)
    total = time.process_time() - t0
    return {
        "nodes_before": n_before,
        "nodes_after": len(fgraph.apply_nodes),
        "rewrites_applied": len(log),
        "seconds": total,
        "phases": {name: round(t, 4) for name, t in opt.times if t > 0.0005},
    }


def time_small_compile(repeat=200):
    x = T.dscalar("x")
    s = 1 / (1 + T.exp(-x))
    theano.function([x], s)
    best = {}
    for opt in (None, "fast_run"):
        mode = theano.Mode(optimizer=opt)
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            theano.function([x], s, mode=mode)
            times.append(time.process_time() - t0)
        best[str(opt)] = min(times)
    return best


def time_mlp_compile(repeat=3):
    """Handout 002's MLP training function: nodes before/after rewrites and compile time."""
    rng = np.random.RandomState(1111)
    n_in, n_hidden, n_out = 64, 30, 10
    x = T.dvector("x")
    y = T.iscalar("y")
    h_w = theano.shared(rng.uniform(-0.1, 0.1, (n_in, n_hidden)), name="W")
    h_b = theano.shared(np.zeros(n_hidden), name="b")
    o_w = theano.shared(np.zeros((n_hidden, n_out)), name="W")
    o_b = theano.shared(np.zeros(n_out), name="b")
    p_y_x = T.nnet.softmax(T.dot(T.tanh(T.dot(x, h_w) + h_b), o_w) + o_b)
    cost = (-T.log(p_y_x[0, y]) + 1e-4 * (abs(o_w).sum() + abs(h_w).sum())
            + 1e-4 * ((o_w ** 2).sum() + (h_w ** 2).sum()))
    updates = [(p, p - 0.01 * T.grad(cost, p)) for p in (o_w, o_b, h_w, h_b)]
    result = {}
    for name, mode in (("fast_run", theano.Mode()),
                       ("fast_run without fusion", theano.Mode().excluding("fusion"))):
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            f = theano.function([x, y], cost, updates=updates, mode=mode)
            times.append(time.process_time() - t0)
        result[name] = {
            "nodes_before": f.maker.nodes_before,
            "nodes_after": len(f.maker.fgraph.apply_nodes),
            "compile_seconds": min(times),
        }
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    x, out = build_chain(args.nodes)
    runs = [time_rewrite(x, out) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    print(f"graph: {best['nodes_before']} nodes -> {best['nodes_after']} after fast_run "
          f"({best['rewrites_applied']} rewrites applied)")
    print(f"fast_run rewrite time: {best['seconds'] * 1e3:.1f} ms (best of {args.repeat}; "
          f"{best['seconds'] / best['nodes_before'] * 1e6:.1f} us per input node)")
    for name, t in sorted(best["phases"].items(), key=lambda kv: -kv[1]):
        print(f"  {name:20s} {t * 1e3:8.1f} ms")
    small = time_small_compile()
    print(f"theano.function(logistic) compile: {small['None'] * 1e3:.3f} ms with optimizer=None, "
          f"{small['fast_run'] * 1e3:.3f} ms with fast_run (best of 200)")
    mlp = time_mlp_compile()
    for name, r in mlp.items():
        print(f"handout 002 MLP training function, {name}: {r['nodes_before']} nodes -> "
              f"{r['nodes_after']}, compiled in {r['compile_seconds'] * 1e3:.1f} ms")
    print(json.dumps({"chain": best, "logistic_compile_s": small, "mlp": mlp}))


if __name__ == "__main__":
    main()
