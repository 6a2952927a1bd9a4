"""The gradient of Scan (backpropagation through time), built as another Scan.

The backward loop runs the forward steps in reverse.  At the backward step for forward
step ``t`` the cotangent of each recurrent output ``y[t]`` is its external gradient plus
what later steps sent back to it; the vector-Jacobian product of the step function (made
with ``theano.grad`` on the inner graph) then gives cotangents for the sequence rows
(collected as a sequence), for the non-sequences (summed in accumulators) and for the
earlier values ``y[t+k]`` read through each tap ``k``.  Those last ones are still pending
(step ``t+k`` has not been processed yet): each recurrent output keeps them in a *window*
state holding the pending cotangents of ``y[t], y[t-1], ..., y[t-K+1]``.

The backward loop is an ordinary Scan (windows and accumulators are recurrent outputs
keeping only their last value), so it can itself be differentiated: second derivatives
and Hessian-vector products go through this same function.

``truncate_gradient = k`` keeps Theano 1.0's meaning: only the last ``k`` steps are run
backwards; earlier sequence rows get zero gradients, and the initial values get zero
unless every step was run.
"""

import numpy as np

from theano.graph.basic import Constant, ancestors, clone_replace, graph_inputs
from theano.tensor.type import TensorType


def _is_float(var):
    return isinstance(var.type, TensorType) and var.type.dtype.startswith(("float", "complex"))


def _disconnected(g):
    from theano.gradient import DisconnectedType

    return g is None or isinstance(g.type, DisconnectedType)


def _no_gradient(g):
    """True for a missing gradient or one that is zero everywhere (``zeros_like(y)``)."""
    from theano.tensor.basic import NotScalarConstantError, get_scalar_constant_value

    if _disconnected(g):
        return True
    try:
        return get_scalar_constant_value(g) == 0
    except (NotScalarConstantError, TypeError, ValueError):
        return False


def _reverse_rows(x, n):
    """The first ``n`` rows of ``x`` in reverse order."""
    return x[:n][::-1]


def scan_grad(op, inputs, outputs, output_grads):
    """Gradients of the outer inputs of a Scan node (see the module docstring)."""
    import theano.tensor as T
    from theano.gradient import NullType, disconnected_type, grad
    from theano.scan.op import Scan, ScanInfo

    info = op.info
    n_rec = op.n_rec
    n_nit = info.n_nit_sot
    n_steps_outer, outer_seqs, outer_inits, _, outer_non_seqs = op.outer_split(list(inputs))
    disconnected = [disconnected_type() for _ in inputs]
    none = disconnected
    if any(not _disconnected(g) for g in output_grads):
        # Gradients that are zero everywhere still connect the inputs: zeros, not "none".
        n_state_start = 1 + info.n_seqs + op.n_rec
        none = [
            T.zeros_like(x) if _is_float(x) and not (
                pos == 0 or n_state_start <= pos < n_state_start + info.n_states)
            else disconnected_type()
            for pos, x in enumerate(inputs)
        ]

    # External gradients; integer outputs carry none.
    g_rec = []
    for i in range(n_rec):
        g = output_grads[i]
        g_rec.append(None if _no_gradient(g) or not _is_float(outputs[i]) else g)
    g_nit = []
    for j in range(n_nit):
        g = output_grads[n_rec + j]
        g_nit.append(None if _no_gradient(g) or not _is_float(outputs[n_rec + j]) else g)
    if all(g is None for g in g_rec + g_nit):
        return none

    rec_outs = op.inner_rec_outs()
    nit_outs = op.inner_nit_outs()
    taps_in = op.inner_taps()

    # Which recurrent outputs receive a gradient, directly or through later steps.
    deps = op._inner_dependencies()
    needed_rec = {i for i in range(n_rec) if g_rec[i] is not None}
    needed_nit = {j for j in range(n_nit) if g_nit[j] is not None}
    changed = True
    while changed:
        changed = False
        for o in [("rec", i) for i in needed_rec] + [("nit", j) for j in needed_nit]:
            idx = o[1] if o[0] == "rec" else n_rec + o[1]
            for i, taps in enumerate(taps_in):
                if i not in needed_rec and _is_float(rec_outs[i]) and deps[idx] & set(taps):
                    needed_rec.add(i)
                    changed = True
    needed_rec = sorted(needed_rec)

    # Random draws from non-tensor states cannot be recomputed backwards: store them.
    draws = _state_draws(op)

    # The forward loop again, keeping every step, unless this node already does.
    if any(info.rec_last_only) or draws:
        fwd_op = op.variant(rec_last_only=(False,) * n_rec, extra_nit_sot=draws)
        fwd = fwd_op.make_node(*inputs).outputs
    else:
        fwd = list(outputs)
    hist = fwd[:n_rec]
    nit_vals = fwd[n_rec:n_rec + n_nit]
    draw_vals = fwd[n_rec + n_nit:n_rec + n_nit + len(draws)]

    if info.as_while:
        stored = [hist[i] for i in range(n_rec)] + list(nit_vals)
        if not stored:
            return none
        n = stored[0].shape[0]
    else:
        n = T.cast(n_steps_outer, "int64") if n_steps_outer.dtype != "int64" else n_steps_outer
    if info.truncate_gradient == -1:
        m = n
    else:
        m = T.minimum(n, np.int64(info.truncate_gradient))

    # Placeholders of the backward step, with the outer sequences they read.
    replace = {}
    bw_seq = []  # (placeholder, outer value)

    def seq_placeholder(inner_type, outer, name):
        p = inner_type()
        p.name = name
        bw_seq.append((p, outer))
        return p

    for j, inner in enumerate(op.inner_seqs()):
        replace[inner] = seq_placeholder(inner.type, _reverse_rows(outer_seqs[j], n),
                                         f"seq{j}[t]")
    full = {}
    for i, taps in enumerate(taps_in):
        k_max = -min(info.rec_taps[i])
        for tap, inner in zip(info.rec_taps[i], taps):
            if i not in full:
                full[i] = T.concatenate([outer_inits[i][:k_max], hist[i]])
            start = k_max + tap
            outer = full[i][start:start + n][::-1]
            replace[inner] = seq_placeholder(inner.type, outer, f"y{i}[t{tap}]")
    inner_set = set(op.inner_inputs)
    for i, out in enumerate(rec_outs):
        if out.owner is not None and out not in replace:
            replace[out] = seq_placeholder(out.type, _reverse_rows(hist[i], n), f"y{i}[t]")
    for j, out in enumerate(nit_outs):
        if out.owner is not None and out not in replace and out not in inner_set:
            replace[out] = seq_placeholder(out.type, _reverse_rows(nit_vals[j], n), f"z{j}[t]")
    for d, (draw, val) in enumerate(zip(draws, draw_vals)):
        if draw not in replace:
            replace[draw] = seq_placeholder(draw.type, _reverse_rows(val, n), f"draw{d}[t]")
    bw_non_seq = []  # (placeholder, outer value)
    for p, inner in enumerate(op.inner_non_seqs()):
        ph = inner.type()
        ph.name = inner.name
        replace[inner] = ph
        bw_non_seq.append((ph, outer_non_seqs[p]))

    # Cotangents of the step's outputs.
    known = {}

    def add_known(var, g):
        if isinstance(var, Constant):
            return
        known[var] = known[var] + g if var in known else g

    windows = {}  # rec index -> (placeholder, pending cotangent of y[t])
    for i in needed_rec:
        out_type = rec_outs[i].type
        k_max = -min(info.rec_taps[i])
        if k_max == 1:
            w = out_type()
            pending = w
        else:
            w = TensorType(out_type.dtype, (False,) + out_type.broadcastable)()
            pending = w[0]
        w.name = f"pending_y{i}"
        windows[i] = w
        cot = pending
        if g_rec[i] is not None and not info.rec_last_only[i]:
            gy = seq_placeholder(out_type, T.cast(_reverse_rows(g_rec[i], n), out_type.dtype),
                                 f"g_y{i}[t]")
            cot = cot + gy
        add_known(rec_outs[i], cot)
    for j in needed_nit:
        out_type = nit_outs[j].type
        gz = seq_placeholder(out_type, T.cast(_reverse_rows(g_nit[j], n), out_type.dtype),
                             f"g_z{j}[t]")
        add_known(nit_outs[j], gz)
    if not known:
        return none

    # Inner inputs the gradient is asked for.
    wrt = []
    for inner in op.inner_seqs():
        if _is_float(inner):
            wrt.append(inner)
    for i in needed_rec:
        wrt.extend(taps_in[i])
    for inner in op.inner_non_seqs():
        if _is_float(inner):
            wrt.append(inner)
    wrt = list(dict.fromkeys(wrt))
    grads = grad(None, wrt, known_grads=known, disconnected_inputs="ignore",
                 return_disconnected="Disconnected", null_gradients="return")
    g_of = dict(zip(wrt, grads))
    nulls = [g for g in grads if g is not None and isinstance(g.type, NullType)]
    if nulls:
        return [nulls[0] if _is_float(x) else disconnected_type() for x in inputs]

    def get(inner):
        g = g_of.get(inner)
        return None if _disconnected(g) else g

    # New windows: shift by one step and add what the taps sent back.
    bw_rec = []  # (placeholder, new value, outer initial value)
    for i in needed_rec:
        w = windows[i]
        taps = info.rec_taps[i]
        k_max = -min(taps)
        sent = {}
        for tap, inner in zip(taps, taps_in[i]):
            g = get(inner)
            if g is not None:
                sent[tap] = T.cast(g, w.dtype)
        if k_max == 1:
            new = sent.get(-1, T.zeros_like(w))
        else:
            rows = []
            for r in range(k_max):
                # row r of the new window: pending cotangent of y[t-1-r]
                terms = [w[r + 1]] if r + 1 < k_max else []
                if -1 - r in sent:
                    terms.append(sent[-1 - r])
                rows.append(terms[0] if len(terms) == 1 else
                            (terms[0] + terms[1] if terms else T.zeros_like(w[0])))
            new = T.stack(rows)
        init = _window_init(op, i, w, outer_inits[i], g_rec[i])
        bw_rec.append((w, new, init))
    # Accumulators of the non-sequences' gradients.
    acc_for = {}
    for p, inner in enumerate(op.inner_non_seqs()):
        g = get(inner)
        if g is None:
            continue
        acc = inner.type()
        acc.name = f"g_{inner.name or 'non_seq' + str(p)}_sum"
        acc_for[p] = len(bw_rec)
        init = T.shape_padleft(T.zeros_like(outer_non_seqs[p]))
        bw_rec.append((acc, acc + T.cast(g, acc.dtype), init))
    # Gradients of the sequence rows (a nit_sot of the backward loop).
    bw_nit = []  # (seq index, value)
    for j, inner in enumerate(op.inner_seqs()):
        g = get(inner)
        if g is not None:
            bw_nit.append((j, T.cast(g, inner.dtype)))

    if not bw_rec and not bw_nit:
        return none

    # The backward step graph, in terms of its own placeholders.
    new_outs = [new for _, new, _ in bw_rec] + [g for _, g in bw_nit]
    new_outs = clone_replace(new_outs, replace)
    used = set(graph_inputs(new_outs))
    bw_seq = [(p, outer) for p, outer in bw_seq if p in used]
    bw_non_seq = [(p, outer) for p, outer in bw_non_seq if p in used]
    allowed = {p for p, _ in bw_seq} | {p for p, _ in bw_non_seq} | {w for w, _, _ in bw_rec}
    for v in used:
        if v not in allowed and not isinstance(v, Constant):
            raise NotImplementedError(
                f"Gradient of scan {info.name}: the backward step needs {v} (type {v.type}), "
                "a value the forward loop does not keep (e.g. a random state used by the "
                "gradient); make it a sequence or a non-sequence of the scan"
            )
    bw_inner_inputs = [p for p, _ in bw_seq] + [w for w, _, _ in bw_rec] + \
        [p for p, _ in bw_non_seq]
    bw_info = ScanInfo(
        n_seqs=len(bw_seq),
        rec_taps=((-1,),) * len(bw_rec),
        rec_last_only=(True,) * len(bw_rec),
        n_nit_sot=len(bw_nit),
        n_states=0,
        n_non_seqs=len(bw_non_seq),
        as_while=False,
        truncate_gradient=info.truncate_gradient,
        name=f"grad_of_{info.name}",
    )
    bw_op = Scan(bw_inner_inputs, new_outs, bw_info, mode=op.mode)
    bw_outer = [m] + [outer for _, outer in bw_seq] + [init for _, _, init in bw_rec] + \
        [outer for _, outer in bw_non_seq]
    bw = bw_op.make_node(*bw_outer).outputs

    # Outer gradients.
    result = list(disconnected)
    n_seq = info.n_seqs
    truncated = info.truncate_gradient != -1
    for r, i in enumerate(needed_rec):
        final = bw[r][0]
        k_max = -min(info.rec_taps[i])
        g = T.shape_padleft(final) if k_max == 1 else final[::-1]
        init = outer_inits[i]
        if not init.broadcastable[0] or k_max != 1:
            g = T.set_subtensor(T.zeros_like(init)[:k_max], g)
        if truncated:
            g = T.switch(T.lt(m, n), T.zeros_like(g), g)
        result[1 + n_seq + i] = g
    base = 1 + n_seq + n_rec + info.n_states
    for p, r in acc_for.items():
        result[base + p] = bw[r][0]
    for q, (j, _) in enumerate(bw_nit):
        rows = bw[len(bw_rec) + q][::-1]
        x = outer_seqs[j]
        result[1 + j] = T.set_subtensor(T.zeros_like(x)[n - m:n], rows)
    return result


def _window_init(op, i, w, outer_init, g_last):
    """The initial window of recurrent output ``i``: zeros, or the gradient of its last value."""
    import theano.tensor as T

    info = op.info
    k_max = -min(info.rec_taps[i])
    last_only = info.rec_last_only[i]
    if k_max == 1:
        zeros = T.zeros_like(outer_init[:1], dtype=w.dtype)
        if last_only and g_last is not None:
            return T.cast(g_last, w.dtype)
        return zeros
    zeros = T.zeros_like(outer_init[:k_max], dtype=w.dtype)
    if last_only and g_last is not None:
        zeros = T.set_subtensor(zeros[0], T.cast(g_last[0], w.dtype))
    return T.shape_padleft(zeros)


def _state_draws(op):
    """Tensor values the step computes directly from a non-tensor state (random draws)."""
    states = set(op.inner_states())
    if not states:
        return []
    state_outs = set(op.inner_state_outs())
    found = []
    for v in ancestors(op.inner_outputs):
        owner = v.owner
        if owner is None or v in state_outs or not isinstance(v.type, TensorType):
            continue
        if any(i in states for i in owner.inputs) and v not in found:
            found.append(v)
    return found
