"""py backend for Scan: the step graph compiled once, called in a generated loop.

The inner graph is rewritten (without in-place rewrites: its inputs are views of the
loop's buffers) and turned into one Python function by the same generator as outer
graphs.  Then a loop specialised to the op's layout is generated: buffers allocated
once, one call of the step function per iteration, results written into the buffers.
No Function object, input checks or storage cells are involved per step.
"""

import copy
import linecache
import weakref

import numpy as np

from theano.graph.basic import view_roots
from theano.graph.features import RewriteLog
from theano.graph.fg import FunctionGraph
from theano.graph.rewriting.basic import optimize
from theano.link.py.dispatch.basic import py_funcify
from theano.scan.op import (
    Scan,
    bad_nit_shape,
    bad_rec_shape,
    check_init,
    check_n_steps,
    empty_nit_shapes,
)

# A Scan whose inner graph the compiling mode's 'scan_opt' pass already rewrote (see
# theano/scan/rewriting.py) is not rewritten again; the others (compiled with a mode
# leaving that pass out, e.g. optimizer=None) keep their inner graph as it is.
INNER_OPTIMIZER = None

_loops = weakref.WeakKeyDictionary()


@py_funcify.register(Scan)
def py_funcify_Scan(op, node, inputs, outputs, ctx):
    loop = compiled_loop(op)
    name = ctx.add_global(loop, f"_scan_{op.info.name}")
    targets = ", ".join(outputs) + ("," if len(outputs) == 1 else "")
    return [f"{targets} = {name}({', '.join(inputs)})"]


def compiled_loop(op):
    """The generated loop function of ``op`` (cached per op)."""
    loop = _loops.get(op)
    if loop is None:
        step, may_alias = compile_step(op)
        loop = _generate_loop(op, step, may_alias)
        _loops[op] = loop
    return loop


def compile_step(op):
    """The step graph of ``op`` as one generated function ``step(*inner inputs) -> list``.

    Also returns, per inner output, whether its value may be a view of an input.
    """
    from theano.link.py.linker import InputSpec, generate

    fgraph = FunctionGraph(op.inner_inputs, op.inner_outputs, clone=True)
    fgraph.attach_feature(RewriteLog())
    if getattr(op, "inner_rewritten", None) is None and INNER_OPTIMIZER is not None:
        optimize(fgraph, INNER_OPTIMIZER)
    explicit = [(v, InputSpec(None)) for v in fgraph.inputs]
    outputs = [(v, True) for v in fgraph.outputs]
    gen = generate(fgraph, explicit, [], outputs, [], name=f"{op.info.name}_step",
                   output_kind="list", check_inputs=False)
    inputs = set(fgraph.inputs)
    may_alias = [any(r in inputs for r in view_roots(v)) for v in fgraph.outputs]
    return gen.fn, may_alias


def _generate_loop(op, step, may_alias):
    info = op.info
    n_seqs = info.n_seqs
    n_rec = op.n_rec
    n_nit = info.n_nit_sot
    n_states = info.n_states
    glob = {
        "np": np,
        "_step": step,
        "_op": op,
        "_deepcopy": copy.deepcopy,
        "_check_n_steps": check_n_steps,
        "_check_init": check_init,
        "_bad_rec_shape": bad_rec_shape,
        "_bad_nit_shape": bad_nit_shape,
        "_empty_nit_shapes": empty_nit_shapes,
        "_name": info.name,
    }
    seqs = [f"seq{j}" for j in range(n_seqs)]
    inits = [f"init{i}" for i in range(n_rec)]
    states = [f"state{s}" for s in range(n_states)]
    non_seqs = [f"ns{p}" for p in range(info.n_non_seqs)]
    params = ["n_steps"] + seqs + inits + states + non_seqs
    rec_out = [f"r{i}" for i in range(n_rec)]
    nit_out = [f"z{j}" for j in range(n_nit)]
    state_out = [f"s{s}" for s in range(n_states)]
    cond_out = ["c"] if info.as_while else []

    src = [f"def scan_loop({', '.join(params)}):"]
    body = [f"n = _check_n_steps(_name, n_steps, [{', '.join(seqs)}])"]
    for i, taps in enumerate(info.rec_taps):
        k = -min(taps)
        dtype = op.inner_rec_outs()[i].type.dtype
        glob[f"_dt{i}"] = np.dtype(dtype)
        body.append(f"_check_init(_name, {i}, init{i}, {k})")
        body.append(f"row{i} = init{i}.shape[1:]")
        if info.rec_last_only[i] and k == 1:
            # Only the latest value is kept: pass it along, no buffer (the step never
            # writes into its inputs, so the initial row can be read in place).
            body.append(f"cur{i} = init{i}[0]")
            continue
        size = f"{k}" if info.rec_last_only[i] else f"{k} + n"
        body.append(f"buf{i} = np.empty(({size},) + row{i}, dtype=_dt{i})")
        body.append(f"buf{i}[:{k}] = init{i}[:{k}]")
    for s in range(n_states):
        body.append(f"st{s} = _deepcopy(state{s})")
    for j in range(n_nit):
        glob[f"_ndt{j}"] = np.dtype(op.inner_nit_outs()[j].type.dtype)
        body.append(f"nb{j} = None")
    body.append("done = n")
    body.append("t = 0")
    body.append("try:")
    loop = ["for t in range(n):"]
    args = [f"seq{j}[t]" for j in range(n_seqs)]
    for i, taps in enumerate(info.rec_taps):
        k = -min(taps)
        for tap in taps:
            if not info.rec_last_only[i]:
                args.append(f"buf{i}[t + {k + tap}]")
            elif k == 1:
                args.append(f"cur{i}")
            else:
                args.append(f"buf{i}[(t + {tap}) % {k}]")
    args += [f"st{s}" for s in range(n_states)] + non_seqs
    targets = rec_out + nit_out + state_out + cond_out
    unpack = ", ".join(targets) + ("," if len(targets) == 1 else "")
    step_body = [f"{unpack} = _step({', '.join(args)})"]
    if any(last and -min(taps) > 1 for taps, last in zip(info.rec_taps, info.rec_last_only)):
        # A value that may be a view of a ring buffer row must be copied before any row
        # is overwritten.
        for pos, name in enumerate(rec_out + nit_out):
            if may_alias[pos]:
                step_body.append(f"{name} = np.array({name})")
    for i, taps in enumerate(info.rec_taps):
        k = -min(taps)
        step_body.append(f"if r{i}.shape != row{i}: _bad_rec_shape(_name, {i}, t, "
                         f"r{i}.shape, row{i})")
        if not info.rec_last_only[i]:
            step_body.append(f"buf{i}[t + {k}] = r{i}")
        elif k == 1:
            step_body.append(f"cur{i} = r{i}")
        else:
            step_body.append(f"buf{i}[t % {k}] = r{i}")
    for j in range(n_nit):
        step_body += [
            f"if nb{j} is None:",
            f"    nb{j} = np.empty((n,) + np.shape(z{j}), dtype=_ndt{j})",
            f"elif np.shape(z{j}) != nb{j}.shape[1:]:",
            f"    _bad_nit_shape(_name, {j}, t, np.shape(z{j}), nb{j}.shape[1:])",
            f"nb{j}[t] = z{j}",
        ]
    for s in range(n_states):
        step_body.append(f"st{s} = s{s}")
    if info.as_while:
        step_body += ["if c:", "    done = t + 1", "    break"]
    loop += ["    " + line for line in step_body]
    body += ["    " + line for line in loop]
    body += [
        "except Exception as exc:",
        "    exc.add_note(f'(in step {t} of the loop of scan {_name})')",
        "    raise",
    ]
    results = []
    for i, taps in enumerate(info.rec_taps):
        k = -min(taps)
        if not info.rec_last_only[i]:
            results.append(f"buf{i}[{k}:{k} + done]" if info.as_while else f"buf{i}[{k}:]")
        elif k == 1:
            # a fresh array of the output's dtype (the value may be a view of an input)
            results.append(f"np.array(cur{i}, dtype=_dt{i})[None]")
        else:
            results.append(f"np.array(buf{i}[(done - 1) % {k}][None])")
    if n_nit:
        body.append("empty = None")
    for j in range(n_nit):
        body += [
            f"if nb{j} is None:",
            "    if empty is None:",
            f"        empty = _empty_nit_shapes(_op, _step, [{', '.join(params)}])",
            f"    nb{j} = np.empty((0,) + empty[{j}], dtype=_ndt{j})",
        ]
        results.append(f"nb{j}[:done]" if info.as_while else f"nb{j}")
    results += [f"st{s}" for s in range(n_states)]
    body.append(f"return ({', '.join(results)}{',' if len(results) == 1 else ''})")
    src += ["    " + line for line in body]
    source = "\n".join(src) + "\n"
    filename = f"<theano scan loop {info.name} {id(op):x}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = dict(glob)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102  (generated code)
    fn = namespace["scan_loop"]
    fn.source = source
    return fn
