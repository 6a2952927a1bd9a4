"""``theano.scan``: trace the step function once and build the Scan op around its graph."""

import math
from collections import OrderedDict

import numpy as np

from theano.compile.function import OrderedUpdates
from theano.compile.sharedvalue import SharedVariable
from theano.graph.basic import (
    Constant,
    Variable,
    ancestors,
    clone_replace,
    graph_inputs,
)
from theano.graph.fg import MissingInputError
from theano.graph.op import _maybe_compute_test_value
from theano.scan.op import Scan, ScanInfo
from theano.scan.utils import get_updates_and_outputs
from theano.tensor.basic import as_tensor_variable, patternbroadcast
from theano.tensor.shape import shape_padleft
from theano.tensor.type import TensorType


def scan(fn, sequences=None, outputs_info=None, non_sequences=None, n_steps=None,
         truncate_gradient=-1, go_backwards=False, mode=None, name=None, profile=False,
         allow_gc=None, strict=False, return_list=False):
    """Apply ``fn`` step after step, feeding back its outputs (Theano's symbolic loop).

    Parameters
    ----------
    fn : callable
        The step function.  It receives, in this order: the current slice of every
        sequence (one argument per tap), the previous values of every recurrent output
        (one per tap), then every non-sequence.  It returns the outputs of the step
        (a variable or a list), optionally a dict / list of pairs of shared-variable
        updates, and optionally ``theano.scan_module.until(condition)`` last.
    sequences : variable, dict or list of them
        Iterated over their first dimension.  ``dict(input=x, taps=[-2, 0, 3])`` gives
        ``x[t-2], x[t], x[t+3]`` at step ``t`` (steps start where every tap is valid).
    outputs_info : variable, dict, None or list of them
        One entry per output of ``fn``: an initial value (the output is fed back as
        ``y[t-1]``), ``dict(initial=y0, taps=[-2, -1])`` (``y0`` holds the oldest rows
        first), or None (no feedback).
    non_sequences : variable or list
        Passed unchanged to every step.  Shared and other outer variables used by ``fn``
        are found without being listed (unless ``strict``).
    n_steps : int or integer scalar variable
        Number of steps; by default the length of the shortest sequence.
    truncate_gradient : int
        -1 for full backpropagation through time; ``k > 0`` runs only the last ``k``
        steps backwards.
    go_backwards : bool
        Iterate over the sequences from their end.
    mode, profile, allow_gc
        Accepted as Theano's; the loop body is compiled with the function using it.
    name : str
        Shown by debugprint and in error messages (default ``'scan_fn'``).
    strict : bool
        Refuse shared variables used by ``fn`` that are not in ``non_sequences``.
    return_list : bool
        Return a list even when there is a single output.

    Returns
    -------
    (outputs, updates)
        ``outputs`` stacks the per-step values of each output along a new first axis
        (a variable, a list, or None when ``fn`` returns only updates); ``updates`` is
        an OrderedUpdates of the shared variables ``fn`` updates (random generators
        included), to pass to ``theano.function(..., updates=updates)``.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> k = T.iscalar("k"); A = T.vector("A")
    >>> result, updates = theano.scan(lambda prior, A: prior * A, outputs_info=T.ones_like(A),
    ...                               non_sequences=A, n_steps=k)
    >>> power = theano.function([A, k], result[-1], updates=updates)
    >>> print(power(range(10), 2))
    [ 0.  1.  4.  9. 16. 25. 36. 49. 64. 81.]
    """
    fn_name = _fn_name(fn)
    seqs = _wrap(sequences)
    outs_info = _wrap(outputs_info)
    non_seqs = []
    for v in _wrap(non_sequences):
        non_seqs.append(v if isinstance(v, Variable) else as_tensor_variable(v))
    n_steps = _check_n_steps(n_steps)
    truncate_gradient = int(truncate_gradient)
    if truncate_gradient == 0 or truncate_gradient < -1:
        raise ValueError(f"scan: truncate_gradient must be -1 or a positive number of steps, "
                         f"got {truncate_gradient}")

    # Sequences: one outer slice and one inner placeholder per tap.
    outer_seqs = []
    inner_seqs = []
    for i, seq in enumerate(seqs):
        value, taps = _sequence_entry(i, seq)
        mintap = min(min(taps), 0)
        maxtap = max(max(taps), 0)
        row_type = TensorType(value.dtype, value.broadcastable[1:])
        for k in taps:
            placeholder = row_type()
            if value.name is not None:
                placeholder.name = value.name + _tap_suffix(k)
            _copy_test_value(value, placeholder, k - mintap)
            start = k - mintap
            end = None if k == maxtap else -(maxtap - k)
            outer = value if (start == 0 and end is None) else value[start:end]
            if go_backwards:
                outer = outer[::-1]
            outer_seqs.append(outer)
            inner_seqs.append(placeholder)

    if n_steps is None:
        if not outer_seqs:
            raise ValueError(
                "No information about the number of steps provided. Either provide a value "
                "for n_steps argument of scan or provide an input sequence"
            )
        actual_n_steps = outer_seqs[0].shape[0]
        for s in outer_seqs[1:]:
            actual_n_steps = _minimum(actual_n_steps, s.shape[0])
    else:
        actual_n_steps = as_tensor_variable(n_steps)

    # Outputs: initial rows and inner placeholders of the recurrent ones.
    infos = [_output_entry(i, entry) for i, entry in enumerate(outs_info)]
    rec_inner = {}  # user output index -> list of tap placeholders
    rec_outer = {}  # user output index -> initial rows
    for i, info in enumerate(infos):
        if "taps" not in info:
            continue
        init = info["initial"]
        taps = info["taps"]
        if taps == [-1]:
            placeholder = init.type()
            if init.name is not None:
                placeholder.name = init.name + "[t-1]"
            _copy_test_value(init, placeholder, None)
            rec_inner[i] = [placeholder]
            rec_outer[i] = shape_padleft(init)
        else:
            if init.ndim == 0:
                raise ValueError(
                    f"scan: outputs_info[{i}] has taps {taps}, so its initial value must hold "
                    f"one row per step back (a leading dimension of length {-min(taps)}), "
                    f"got the scalar {init}"
                )
            k_max = -min(taps)
            row_type = TensorType(init.dtype, init.broadcastable[1:])
            placeholders = []
            for k in taps:
                p = row_type()
                if init.name is not None:
                    p.name = init.name + _tap_suffix(k)
                _copy_test_value(init, p, k + k_max)
                placeholders.append(p)
            rec_inner[i] = placeholders
            rec_outer[i] = init[:k_max]

    # Trace the step function once.
    args = list(inner_seqs)
    for i in range(len(infos)):
        args.extend(rec_inner.get(i, []))
    args.extend(non_seqs)
    condition, outputs, updates = get_updates_and_outputs(fn(*args), fn_name)
    outputs = [as_tensor_variable(o) if not isinstance(o, Variable) else o for o in outputs]

    if not (len(outputs) == len(infos) or not infos):
        raise ValueError(
            f"Please provide None as outputs_info for any output that does not feed back "
            f"into scan (i.e. it behaves like a map): the step function {fn_name} returned "
            f"{len(outputs)} output{'s' if len(outputs) != 1 else ''} but outputs_info has "
            f"{len(infos)} entr{'ies' if len(infos) != 1 else 'y'}"
        )
    if not infos:
        infos = [{} for _ in outputs]

    for key in list(updates.keys()):
        if not isinstance(key, SharedVariable):
            raise TypeError(
                f"scan: the step function {fn_name} returned an update for {key} (type "
                f"{type(key).__name__}), which is not a shared variable"
            )
        updates[key] = _fit_update(key, updates[key], fn_name)

    _check_recurrent_types(outputs, infos, rec_inner, fn_name)
    outputs, condition, updates = _reconcile_broadcast(outputs, condition, updates, rec_inner)

    # Shared variables and other outer variables the step uses.
    boundary = [v for v in non_seqs if not isinstance(v, (SharedVariable, Constant))]
    roots = list(outputs) + ([condition] if condition is not None else []) + \
        list(updates.values())
    state_updates = OrderedDict()  # shared variable -> its update expression
    plain_shared = []
    pending = roots
    seen = set()
    while pending:
        new_roots = []
        for v in ancestors(pending, blockers=boundary):
            if v in seen or v.owner is not None or not isinstance(v, SharedVariable):
                continue
            seen.add(v)
            if v in updates:
                state_updates[v] = updates[v]
                new_roots.append(updates[v])
            elif v.default_update is not None:
                state_updates[v] = _fit_update(v, v.default_update, fn_name)
                new_roots.append(state_updates[v])
            else:
                plain_shared.append(v)
        pending = new_roots
    for sv in updates:
        if sv not in state_updates:
            state_updates[sv] = updates[sv]  # updated but not read by the step
    all_roots = roots + list(state_updates.values())
    placeholders = set(inner_seqs) | {p for ps in rec_inner.values() for p in ps}
    extra = []
    for v in graph_inputs(all_roots, blockers=boundary):
        if v.owner is None and not isinstance(v, (Constant, SharedVariable)) and \
                v not in placeholders and v not in boundary and v not in extra:
            extra.append(v)
    if strict:
        listed = set(non_seqs)
        missing = [sv for sv in plain_shared if sv not in listed]
        if missing:
            names = ", ".join(str(sv) for sv in missing)
            raise MissingInputError(
                f"ScanOp is missing an input: {names}. scan(strict=True): the step function "
                f"{fn_name} uses the shared variable{'s' if len(missing) > 1 else ''} "
                f"{names}, not given in non_sequences; pass "
                f"{'them' if len(missing) > 1 else 'it'} in non_sequences (and as "
                "argument of the step function), or use strict=False",
                variable=missing[0],
            )

    # The inner graph: outer variables replaced by inner copies.
    givens = OrderedDict()
    inner_non_seqs = []
    outer_non_seqs = []
    for v in boundary + extra + plain_shared:
        if v in givens:
            continue
        copy = v.type()
        copy.name = (v.name + "_copy") if v.name else None
        givens[v] = copy
        inner_non_seqs.append(copy)
        outer_non_seqs.append(v)
    tensor_states = [sv for sv in state_updates if isinstance(sv.type, TensorType)]
    other_states = [sv for sv in state_updates if not isinstance(sv.type, TensorType)]
    state_inner = {}
    for sv in tensor_states + other_states:
        copy = sv.type()
        copy.name = (sv.name + "_copy") if sv.name else None
        state_inner[sv] = copy
        givens[sv] = copy

    rec_idx = [i for i, info in enumerate(infos) if "taps" in info]
    nit_idx = [i for i, info in enumerate(infos) if "taps" not in info]
    raw_outs = [outputs[i] for i in rec_idx] + [state_updates[sv] for sv in tensor_states] + \
        [outputs[i] for i in nit_idx] + [state_updates[sv] for sv in other_states]
    if condition is not None:
        raw_outs.append(condition)
    inner_outs = clone_replace(raw_outs, givens) if givens else list(raw_outs)

    inner_inputs = list(inner_seqs)
    for i in rec_idx:
        inner_inputs.extend(rec_inner[i])
    inner_inputs.extend(state_inner[sv] for sv in tensor_states)
    inner_inputs.extend(state_inner[sv] for sv in other_states)
    inner_inputs.extend(inner_non_seqs)

    info = ScanInfo(
        n_seqs=len(inner_seqs),
        rec_taps=tuple(tuple(infos[i]["taps"]) for i in rec_idx) + ((-1,),) * len(tensor_states),
        rec_last_only=(False,) * len(rec_idx) + (True,) * len(tensor_states),
        n_nit_sot=len(nit_idx),
        n_states=len(other_states),
        n_non_seqs=len(inner_non_seqs),
        as_while=condition is not None,
        truncate_gradient=truncate_gradient,
        name=name or "scan_fn",
    )
    op = Scan(inner_inputs, inner_outs, info, mode=mode, profile=profile, allow_gc=allow_gc,
              strict=strict)
    outer_inputs = [actual_n_steps] + outer_seqs + [rec_outer[i] for i in rec_idx] + \
        [shape_padleft(sv) for sv in tensor_states] + other_states + outer_non_seqs
    scan_node = op.make_node(*outer_inputs)
    _maybe_compute_test_value(op, scan_node)
    scan_outs = scan_node.outputs

    # Outputs in the user's order, and the updates.
    result = [None] * len(infos)
    for pos, i in enumerate(rec_idx):
        result[i] = scan_outs[pos]
    n_rec = len(rec_idx) + len(tensor_states)
    for pos, i in enumerate(nit_idx):
        result[i] = scan_outs[n_rec + pos]
    update_map = OrderedUpdates()
    for pos, sv in enumerate(other_states):
        update_map[sv] = scan_outs[n_rec + len(nit_idx) + pos]
    for pos, sv in enumerate(tensor_states):
        update_map[sv] = scan_outs[len(rec_idx) + pos][0]
    if return_list is not True and len(result) == 1:
        return result[0], update_map
    if not result:
        return None, update_map
    return result, update_map


# ----------------------------------------------------------------------------------------
# Argument normalisation


def _wrap(x):
    if x is None:
        return []
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def _fn_name(fn):
    name = getattr(fn, "__name__", None) or repr(fn)
    return f"`{name}`"


def _check_n_steps(n_steps):
    if n_steps is None:
        return None
    if isinstance(n_steps, Variable):
        if getattr(n_steps, "ndim", 0) != 0 or not str(n_steps.dtype).startswith(
                ("int", "uint")):
            raise ValueError(
                f" n_steps must be an int. dtype provided is {getattr(n_steps, 'dtype', '?')}"
                f" (scan's n_steps must be an integer scalar, got {n_steps} of type "
                f"{n_steps.type})"
            )
        return n_steps
    if isinstance(n_steps, (float, np.floating)):
        if math.isnan(n_steps) or math.isinf(n_steps):
            return None
        if not float(n_steps).is_integer():
            raise ValueError(f" n_steps must be an int. got {n_steps}")
        return int(n_steps)
    if isinstance(n_steps, (int, np.integer)):
        return int(n_steps)
    raise TypeError(f"scan: n_steps must be an int or an integer scalar variable, got "
                    f"{n_steps!r}")


def _minimum(a, b):
    from theano.tensor.math import minimum

    return minimum(a, b)


def _tap_suffix(k):
    if k > 0:
        return f"[t+{k}]"
    if k == 0:
        return "[t]"
    return f"[t{k}]"


def _sequence_entry(i, seq):
    if isinstance(seq, dict):
        if "input" not in seq:
            raise ValueError(f"scan: sequences[{i}] is a dict without an 'input' entry: {seq}")
        value = seq["input"]
        taps = seq.get("taps", None)
        taps = [0] if taps is None else _wrap(taps)
    else:
        value, taps = seq, [0]
    if not taps:
        raise ValueError(f"scan: sequences[{i}] has an empty list of taps")
    taps = [int(k) for k in taps]
    if not isinstance(value, Variable):
        value = as_tensor_variable(value)
    if getattr(value, "ndim", 0) < 1:
        raise ValueError(
            f"scan: sequences[{i}] ({value}) is a scalar; a sequence is iterated over its "
            "first dimension"
        )
    return value, taps


def _output_entry(i, entry):
    if entry is None:
        return {}
    if isinstance(entry, dict):
        if entry.get("return_steps", None) is not None:
            raise ValueError(
                "Using `return_steps` has been deprecated. Simply select the entries you need "
                "using a subtensor. Scan will optimize memory consumption, so do not worry "
                "about that."
            )
        init = entry.get("initial", None)
        taps = entry.get("taps", None)
        if init is None and taps is not None:
            raise ValueError(
                "If you are using slices of an output you need to provide a initial state for "
                f"it (outputs_info[{i}] = {entry})"
            )
        if init is None:
            return {}
        taps = [-1] if taps is None else [int(k) for k in _wrap(taps)]
        if len(set(taps)) != len(taps):
            raise ValueError(f"All the taps must be different in `outputs_info` "
                             f"(outputs_info[{i}] has taps {taps})")
        if any(k >= 0 for k in taps):
            raise ValueError(f"All the tap values must be smaller than 0. (outputs_info[{i}] "
                             f"has taps {taps})")
    else:
        init, taps = entry, [-1]
    if not isinstance(init, Variable):
        init = as_tensor_variable(init)
    return {"initial": init, "taps": taps}


def _copy_test_value(outer, placeholder, row):
    """Give ``placeholder`` the test value of ``outer`` (its row ``row``), when there is one."""
    from theano.configparser import config

    if config.compute_test_value == "off":
        return
    if hasattr(outer.tag, "test_value"):
        value = outer.tag.test_value
    elif isinstance(outer, Constant):
        value = outer.data
    elif isinstance(outer, SharedVariable):
        value = outer.get_value(borrow=True)
    else:
        return
    value = np.asarray(value)
    if row is not None:
        if not (-len(value) <= row < len(value)):
            return
        value = value[row]
    placeholder.tag.test_value = value


def _fit_update(sv, expr, fn_name):
    """``expr`` as a value of shared variable ``sv`` (broadcast pattern adjusted)."""
    if not isinstance(expr, Variable):
        expr = sv.type.filter_variable(expr)
    if hasattr(expr, "_as_TensorVariable"):
        expr = expr._as_TensorVariable()
    if expr.type == sv.type:
        return expr
    if isinstance(sv.type, TensorType) and isinstance(expr.type, TensorType) and \
            expr.type.dtype == sv.type.dtype and expr.type.ndim == sv.type.ndim:
        return patternbroadcast(expr, sv.type.broadcastable)
    raise TypeError(
        f"scan: the update of the shared variable {sv} (type {sv.type}) made in the step "
        f"function {fn_name} has type {expr.type}; an update must keep the shared variable's "
        "type (cast it with T.cast)"
    )


def _check_recurrent_types(outputs, infos, rec_inner, fn_name):
    for i, info in enumerate(infos):
        if "taps" not in info:
            if not isinstance(outputs[i].type, TensorType):
                raise TypeError(f"scan: output {i} of the step function {fn_name} is "
                                f"{outputs[i]} of type {outputs[i].type}, not a tensor")
            continue
        out = outputs[i]
        tap_type = rec_inner[i][0].type
        init = info["initial"]
        if not isinstance(out.type, TensorType):
            raise TypeError(f"scan: output {i} of the step function {fn_name} is {out} of type "
                            f"{out.type}, not a tensor")
        if out.ndim != tap_type.ndim:
            raise ValueError(
                f"scan: output {i} of the step function {fn_name} has {out.ndim} "
                f"dimension(s), but its initial state outputs_info[{i}] ({init}, type "
                f"{init.type}) gives previous values with {tap_type.ndim}: the step must return "
                "values shaped like the initial state"
                + (" (with taps other than [-1], the initial state has one more dimension, "
                   "one row per step back)" if info["taps"] != [-1] else "")
            )
        if out.dtype != tap_type.dtype:
            raise ValueError(
                f"scan: output {i} of the step function {fn_name} has dtype {out.dtype}, but "
                f"its initial state outputs_info[{i}] ({init}) has dtype {tap_type.dtype}. The "
                "step must return the dtype of the initial state; this usually comes from an "
                "upcast or downcast in the step (e.g. int8 + int32, float32 * float64): give "
                "the initial state the dtype of the result (e.g. np.asarray(0, dtype=...)) or "
                "cast the result with T.cast"
            )


def _reconcile_broadcast(outputs, condition, updates, rec_inner):
    """Make each recurrent output's placeholders as broadcastable as both sides allow.

    Theano 1.0 raised when the initial state and the step's result disagreed on a
    broadcastable dimension; here the placeholder is made non-broadcastable there and
    the step's graph rebuilt on it.
    """
    outputs = list(outputs)
    keys = list(updates.keys())
    for _ in range(len(rec_inner) + 1):
        replace = {}
        for i, placeholders in rec_inner.items():
            pattern = placeholders[0].broadcastable
            common = tuple(a and b for a, b in zip(pattern, outputs[i].broadcastable))
            if common != pattern:
                for pos, p in enumerate(placeholders):
                    new = TensorType(p.dtype, common)()
                    new.name = p.name
                    replace[p] = new
                    placeholders[pos] = new
        if not replace:
            break
        roots = outputs + ([condition] if condition is not None else []) + \
            [updates[k] for k in keys]
        new_roots = clone_replace(roots, replace, strict=False)
        outputs = new_roots[:len(outputs)]
        if condition is not None:
            condition = new_roots[len(outputs)]
        values = new_roots[len(outputs) + (condition is not None):]
        updates = OrderedDict(zip(keys, values))
    for i, placeholders in rec_inner.items():
        pattern = placeholders[0].broadcastable
        if outputs[i].broadcastable != pattern:
            outputs[i] = patternbroadcast(outputs[i], pattern)
    return outputs, condition, updates
