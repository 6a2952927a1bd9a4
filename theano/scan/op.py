"""The Scan op: a loop whose body is an inner graph; its types, shapes, meaning and gradient.

Layout (``info`` says how many of each; rewrites edit a Scan by building a new one from
``inner_inputs``, ``inner_outputs`` and an edited ``info``):

    inner inputs   seq slices | taps of each recurrent output | states | non-sequences
    inner outputs  recurrent  | nit_sot (no feedback)          | states | condition (while)
    outer inputs   n_steps | sequences | initial rows of each recurrent output | states
                   | non-sequences
    outer outputs  recurrent  | nit_sot | final states

A *sequence* has at least ``n_steps`` rows; step ``t`` reads row ``t``.  A *recurrent*
output with taps ``(-3, -1)`` reads ``y[t-3]`` and ``y[t-1]``; its initial value holds
``K = 3`` rows, ``init[0]`` being ``y[-3]``.  Its outer output holds the ``n_steps`` new
rows, or only the final row (shape ``(1,) + row``) when ``rec_last_only``.  A *state* is a
value of a non-tensor type (a random generator) passed from step to step; only its final
value comes out.  *Non-sequences* are the same at every step.
"""

import copy
from typing import NamedTuple

import numpy as np

from theano.graph.basic import (
    Apply,
    Constant,
    ancestors,
    clone,
    clone_replace,
    graph_inputs,
    io_toposort,
)
from theano.graph.op import Op
from theano.scan.utils import equal_computations
from theano.tensor.basic import as_tensor_variable, cast, patternbroadcast
from theano.tensor.type import TensorType


class ScanInfo(NamedTuple):
    """What the inner inputs and outputs of a Scan are (see the module docstring)."""

    n_seqs: int
    rec_taps: tuple
    rec_last_only: tuple
    n_nit_sot: int
    n_states: int
    n_non_seqs: int
    as_while: bool = False
    truncate_gradient: int = -1
    name: str = "scan_fn"


class Scan(Op):
    """A symbolic loop (Theano's ``Scan``); build it with ``theano.scan``.

    Parameters
    ----------
    inputs, outputs : lists of Variables
        The inner graph, laid out as the module docstring says.  It is cloned; it must
        be closed (every free variable is one of ``inputs`` or a constant).
    info : ScanInfo
    mode, profile, allow_gc, strict
        Recorded as given to ``theano.scan``.
    """

    def __init__(self, inputs, outputs, info, mode=None, profile=False, allow_gc=None,
                 strict=False):
        info = ScanInfo(*info) if not isinstance(info, ScanInfo) else info
        info = info._replace(
            rec_taps=tuple(tuple(int(k) for k in taps) for taps in info.rec_taps),
            rec_last_only=tuple(bool(b) for b in info.rec_last_only),
            name=info.name or "scan_fn",
        )
        self.info = info
        self.mode = mode
        self.profile = profile
        self.allow_gc = allow_gc
        self.strict = strict
        if len(info.rec_taps) != len(info.rec_last_only):
            raise ValueError(f"Scan {info.name}: rec_taps and rec_last_only differ in length")
        for i, taps in enumerate(info.rec_taps):
            if not taps or any(k >= 0 for k in taps) or len(set(taps)) != len(taps):
                raise ValueError(
                    f"Scan {info.name}: recurrent output {i} has taps {taps}; they must be "
                    "distinct negative integers"
                )
        n_in = info.n_seqs + self.n_tap_inputs + info.n_states + info.n_non_seqs
        n_out = self.n_rec + info.n_nit_sot + info.n_states + int(info.as_while)
        if len(inputs) != n_in or len(outputs) != n_out:
            raise ValueError(
                f"Scan {info.name}: info describes {n_in} inner inputs and {n_out} inner "
                f"outputs, got {len(inputs)} and {len(outputs)}"
            )
        for pos, v in enumerate(inputs):
            if v.owner is not None or isinstance(v, Constant):
                raise ValueError(f"Scan {info.name}: inner input {pos} ({v}) must be a free "
                                 "variable")
        allowed = set(inputs)
        for v in graph_inputs(outputs):
            if v not in allowed and not isinstance(v, Constant):
                raise ValueError(
                    f"Scan {info.name}: the inner graph uses {v} (type {v.type}), which is "
                    "neither an inner input nor a constant"
                )
        self.inner_inputs, self.inner_outputs = clone(inputs, outputs, copy_inputs=True,
                                                      copy_orphans=False)
        self._check_inner_types()
        self._interpreter = None
        self._hash = None

    # Layout ------------------------------------------------------------------------
    @property
    def n_rec(self):
        return len(self.info.rec_taps)

    @property
    def n_tap_inputs(self):
        return sum(len(t) for t in self.info.rec_taps)

    @property
    def inputs(self):
        """Theano's name for the inner inputs."""
        return self.inner_inputs

    @property
    def outputs(self):
        """Theano's name for the inner outputs."""
        return self.inner_outputs

    @property
    def name(self):
        return self.info.name

    @property
    def as_while(self):
        return self.info.as_while

    @property
    def truncate_gradient(self):
        return self.info.truncate_gradient

    def inner_seqs(self):
        return self.inner_inputs[:self.info.n_seqs]

    def inner_taps(self):
        """One list of inner tap inputs per recurrent output."""
        pos = self.info.n_seqs
        result = []
        for taps in self.info.rec_taps:
            result.append(self.inner_inputs[pos:pos + len(taps)])
            pos += len(taps)
        return result

    def inner_states(self):
        start = self.info.n_seqs + self.n_tap_inputs
        return self.inner_inputs[start:start + self.info.n_states]

    def inner_non_seqs(self):
        return self.inner_inputs[len(self.inner_inputs) - self.info.n_non_seqs:]

    def inner_rec_outs(self):
        return self.inner_outputs[:self.n_rec]

    def inner_nit_outs(self):
        return self.inner_outputs[self.n_rec:self.n_rec + self.info.n_nit_sot]

    def inner_state_outs(self):
        start = self.n_rec + self.info.n_nit_sot
        return self.inner_outputs[start:start + self.info.n_states]

    def inner_condition(self):
        return self.inner_outputs[-1] if self.info.as_while else None

    def outer_split(self, inputs):
        """``(n_steps, seqs, inits, states, non_seqs)`` of a list of outer inputs."""
        info = self.info
        pos = 1
        seqs = list(inputs[pos:pos + info.n_seqs])
        pos += info.n_seqs
        inits = list(inputs[pos:pos + self.n_rec])
        pos += self.n_rec
        states = list(inputs[pos:pos + info.n_states])
        pos += info.n_states
        return inputs[0], seqs, inits, states, list(inputs[pos:])

    def _check_inner_types(self):
        name = self.info.name
        for i, (taps, out) in enumerate(zip(self.inner_taps(), self.inner_rec_outs())):
            tap_type = taps[0].type
            for t in taps[1:]:
                if t.type != tap_type:
                    raise TypeError(f"Scan {name}: the taps of recurrent output {i} have "
                                    f"different types ({tap_type}, {t.type})")
            if not isinstance(tap_type, TensorType) or not isinstance(out.type, TensorType):
                raise TypeError(f"Scan {name}: recurrent output {i} must be a tensor, got "
                                f"{out.type}")
            if out.type.dtype != tap_type.dtype or out.type.ndim != tap_type.ndim:
                raise TypeError(
                    f"Scan {name}: the step's output {i} is a {out.type} but its previous "
                    f"values are {tap_type}: a recurrent output must keep its dtype and "
                    "number of dimensions"
                )
        for i, (inp, out) in enumerate(zip(self.inner_states(), self.inner_state_outs())):
            if inp.type != out.type:
                raise TypeError(f"Scan {name}: state {i} is {inp.type} but the step returns "
                                f"{out.type}")
        cond = self.inner_condition()
        if cond is not None and (getattr(cond.type, "ndim", None) != 0):
            raise TypeError(f"Scan {name}: the until condition must be a scalar, got "
                            f"{cond.type}")

    # Equality ----------------------------------------------------------------------
    def __eq__(self, other):
        if self is other:
            return True
        if type(self) is not type(other) or self.info != other.info:
            return False
        if len(self.inner_inputs) != len(other.inner_inputs):
            return False
        return equal_computations(self.inner_outputs, other.inner_outputs,
                                  self.inner_inputs, other.inner_inputs)

    def __hash__(self):
        if self._hash is None:
            self._hash = hash((type(self), self.info,
                               tuple(v.type for v in self.inner_inputs),
                               tuple(v.type for v in self.inner_outputs)))
        return self._hash

    def __str__(self):
        kind = "do_while" if self.info.as_while else "for"
        return f"{kind}{{cpu,{self.info.name}}}"

    __repr__ = __str__

    def __getstate__(self):
        d = self.__dict__.copy()
        d["_interpreter"] = None
        return d

    def variant(self, rec_last_only=None, extra_nit_sot=(), name=None):
        """A Scan with the same loop keeping other outputs (used by the gradient).

        ``rec_last_only`` replaces the info's; ``extra_nit_sot`` are inner variables
        added as nit_sot outputs (after the existing ones).
        """
        info = self.info
        if rec_last_only is None:
            rec_last_only = info.rec_last_only
        rec = self.inner_rec_outs()
        nit = self.inner_nit_outs() + list(extra_nit_sot)
        rest = self.inner_state_outs() + ([self.inner_condition()] if info.as_while else [])
        new_info = info._replace(rec_last_only=tuple(rec_last_only), n_nit_sot=len(nit),
                                 name=name or info.name)
        return Scan(self.inner_inputs, rec + nit + rest, new_info, mode=self.mode,
                    profile=self.profile, allow_gc=self.allow_gc, strict=self.strict)

    # Building ----------------------------------------------------------------------
    def make_node(self, *inputs):
        info = self.info
        n_expected = 1 + info.n_seqs + self.n_rec + info.n_states + info.n_non_seqs
        if len(inputs) != n_expected:
            raise ValueError(
                f"{self}: expected {n_expected} inputs (n_steps, {info.n_seqs} sequences, "
                f"{self.n_rec} initial values, {info.n_states} states, {info.n_non_seqs} "
                f"non-sequences), got {len(inputs)}"
            )
        n_steps, seqs, inits, states, non_seqs = self.outer_split(list(inputs))
        n_steps = as_tensor_variable(n_steps)
        if n_steps.ndim != 0 or not n_steps.dtype.startswith(("int", "uint")):
            raise TypeError(f"{self}: n_steps must be an integer scalar, got {n_steps} of type "
                            f"{n_steps.type}")
        new_inputs = [n_steps]
        for j, (outer, inner) in enumerate(zip(seqs, self.inner_seqs())):
            new_inputs.append(self._outer_like(outer, inner.type, f"sequence {j}"))
        for i, (outer, taps) in enumerate(zip(inits, self.inner_taps())):
            new_inputs.append(self._outer_like(outer, taps[0].type,
                                               f"the initial value of output {i}"))
        for s, (outer, inner) in enumerate(zip(states, self.inner_states())):
            if outer.type != inner.type:
                raise TypeError(f"{self}: state {s} must be {inner.type}, got {outer} of type "
                                f"{outer.type}")
            new_inputs.append(outer)
        for p, (outer, inner) in enumerate(zip(non_seqs, self.inner_non_seqs())):
            if not hasattr(outer, "type"):
                outer = as_tensor_variable(outer)
            if outer.type != inner.type:
                try:
                    outer = inner.type.filter_variable(outer)
                except TypeError:
                    raise TypeError(
                        f"{self}: non-sequence {p} must be {inner.type}, got {outer} of type "
                        f"{outer.type}"
                    ) from None
            new_inputs.append(outer)
        outputs = []
        for taps in self.inner_taps():
            t = taps[0].type
            outputs.append(TensorType(t.dtype, (False,) + t.broadcastable)())
        for out in self.inner_nit_outs():
            if not isinstance(out.type, TensorType):
                raise TypeError(f"{self}: output {out} of the step is not a tensor")
            outputs.append(TensorType(out.type.dtype, (False,) + out.type.broadcastable)())
        for out in self.inner_state_outs():
            outputs.append(out.type())
        return Apply(self, new_inputs, outputs)

    def _outer_like(self, outer, inner_type, what):
        """``outer`` as a sequence of ``inner_type`` rows (cast, broadcast pattern fixed)."""
        outer = as_tensor_variable(outer)
        if outer.ndim != inner_type.ndim + 1:
            raise TypeError(
                f"{self}: {what} must have {inner_type.ndim + 1} dimensions (rows of "
                f"{inner_type}), got {outer} of type {outer.type}"
            )
        if outer.dtype != inner_type.dtype:
            outer = cast(outer, inner_type.dtype)
        if outer.broadcastable[1:] != inner_type.broadcastable:
            outer = patternbroadcast(outer, outer.broadcastable[:1] + inner_type.broadcastable)
        return outer

    # Shapes ------------------------------------------------------------------------
    def infer_shape(self, fgraph, node, shapes):
        info = self.info
        n_steps = node.inputs[0]
        _, _, init_shapes, _, _ = self.outer_split(shapes)
        result = []
        for i, shp in enumerate(init_shapes):
            if info.rec_last_only[i]:
                result.append((1,) + tuple(shp[1:]))
            elif info.as_while:
                result.append(None)
            else:
                result.append((n_steps,) + tuple(shp[1:]))
        nit_inner = self._inner_nit_shapes(node, shapes)
        for j in range(info.n_nit_sot):
            inner = nit_inner[j]
            if inner is None or info.as_while:
                result.append(None)
            else:
                result.append((n_steps,) + tuple(inner))
        result.extend([None] * info.n_states)
        return result

    def _inner_nit_shapes(self, node, shapes):
        """Shapes of the nit_sot rows in terms of outer shapes, where they depend on shapes only."""
        if not self.info.n_nit_sot:
            return []
        from theano.graph.fg import FunctionGraph
        from theano.tensor.rewriting.shape import ShapeFeature
        from theano.tensor.shape import Shape_i

        fg = FunctionGraph(self.inner_inputs, self.inner_nit_outs(), clone=False)
        feature = ShapeFeature()
        fg.attach_feature(feature)
        # Shape_i of an inner input -> the same dimension of the outer value it stands for.
        _, seq_shapes, init_shapes, _, nonseq_shapes = self.outer_split(shapes)
        outer_dim = {}
        for inner, shp in zip(self.inner_seqs(), seq_shapes):
            outer_dim[inner] = shp[1:]
        for taps, shp in zip(self.inner_taps(), init_shapes):
            for tap in taps:
                outer_dim[tap] = shp[1:]
        for inner, shp in zip(self.inner_non_seqs(), nonseq_shapes):
            outer_dim[inner] = shp
        result = []
        for out in self.inner_nit_outs():
            try:
                shp = feature.shape_tuple(out)
            except Exception:  # noqa: BLE001  (no shape graph: the generic Shape_i is used)
                shp = None
            if shp is None:
                result.append(None)
                continue
            replace = {}
            ok = True
            for v in ancestors(shp):
                owner = v.owner
                if owner is not None and isinstance(owner.op, Shape_i) and \
                        owner.inputs[0] in outer_dim and outer_dim[owner.inputs[0]] is not None:
                    replace[v] = outer_dim[owner.inputs[0]][owner.op.i]
            new = clone_replace(list(shp), replace) if replace else list(shp)
            inner_set = set(self.inner_inputs)
            for v in graph_inputs(new):
                if v in inner_set:
                    ok = False
                    break
            result.append(tuple(new) if ok else None)
        fg.remove_feature(feature)
        return result

    def connection_pattern(self, node):
        """Which outer inputs each outer output depends on (through the recurrence too)."""
        info = self.info
        inner_dep = self._inner_dependencies()
        # Source of each inner input: the outer input positions it stands for.
        n_rec = self.n_rec
        pos = 1
        source = {}
        for inner in self.inner_seqs():
            source[inner] = {pos}
            pos += 1
        rec_init_pos = []
        for taps in self.inner_taps():
            rec_init_pos.append(pos)
            for tap in taps:
                source[tap] = {pos}
            pos += 1
        state_pos = []
        for inner in self.inner_states():
            state_pos.append(pos)
            source[inner] = {pos}
            pos += 1
        for inner in self.inner_non_seqs():
            source[inner] = {pos}
            pos += 1
        n_out = n_rec + info.n_nit_sot + info.n_states
        out_sources = [set() for _ in range(n_out)]
        for i in range(n_rec):
            out_sources[i].add(rec_init_pos[i])
        for s in range(info.n_states):
            out_sources[n_rec + info.n_nit_sot + s].add(state_pos[s])
        cond_sources = set()
        changed = True
        while changed:
            changed = False
            feedback = {}
            for i, taps in enumerate(self.inner_taps()):
                for tap in taps:
                    feedback[tap] = out_sources[i]
            for s, inner in enumerate(self.inner_states()):
                feedback[inner] = out_sources[n_rec + info.n_nit_sot + s]
            targets = list(range(n_out)) + (["cond"] if info.as_while else [])
            for o in targets:
                idx = len(self.inner_outputs) - 1 if o == "cond" else o
                new = set()
                for inner in inner_dep[idx]:
                    new |= source[inner]
                    new |= feedback.get(inner, set())
                current = cond_sources if o == "cond" else out_sources[o]
                if not new <= current:
                    current |= new
                    changed = True
        if info.as_while:
            for s in out_sources:
                s |= cond_sources
        pattern = []
        for i in range(len(node.inputs)):
            pattern.append([i == 0 or i in out_sources[o] for o in range(n_out)])
        return pattern

    def _inner_dependencies(self):
        """For each inner output, the inner inputs it depends on."""
        inner_set = set(self.inner_inputs)
        return [
            {v for v in ancestors([out]) if v in inner_set}
            for out in self.inner_outputs
        ]

    # Meaning -----------------------------------------------------------------------
    def perform(self, node, inputs, output_storage):
        results = run_scan(self, self._step_interpreter(), inputs)
        for storage, value in zip(output_storage, results):
            storage[0] = value

    def _step_interpreter(self):
        """A function running one step by calling each inner node's ``perform``."""
        if self._interpreter is None:
            order = io_toposort(self.inner_inputs, self.inner_outputs)
            inner_inputs = list(self.inner_inputs)
            inner_outputs = list(self.inner_outputs)

            def value_of(env, v):
                return env[v] if v in env else v.data  # noqa: SIM401  (v.data: constants only)

            def step(*values):
                env = {}
                for var, value in zip(inner_inputs, values):
                    env[var] = np.asarray(value) if isinstance(value, np.generic) else value
                for apply_node in order:
                    args = [value_of(env, v) for v in apply_node.inputs]
                    storage = [[None] for _ in apply_node.outputs]
                    apply_node.op.perform(apply_node, args, storage)
                    for out, cell in zip(apply_node.outputs, storage):
                        env[out] = cell[0]
                return [value_of(env, v) for v in inner_outputs]

            self._interpreter = step
        return self._interpreter

    # Gradient ----------------------------------------------------------------------
    def L_op(self, inputs, outputs, output_grads):
        from theano.scan.grad import scan_grad

        return scan_grad(self, inputs, outputs, output_grads)


# ----------------------------------------------------------------------------------------
# The loop, in plain Python (the reference meaning; the py backend generates a faster one)


def run_scan(op, step, inputs):
    """Run the loop of ``op`` on NumPy ``inputs``, calling ``step(*inner values)`` per step."""
    info = op.info
    name = info.name
    n_steps, seqs, inits, states, non_seqs = op.outer_split(list(inputs))
    n = check_n_steps(name, n_steps, seqs)
    bufs = []
    for i, (taps, init) in enumerate(zip(info.rec_taps, inits)):
        k = -min(taps)
        init = np.asarray(init)
        check_init(name, i, init, k)
        size = k if info.rec_last_only[i] else k + n
        buf = np.empty((size,) + init.shape[1:], dtype=op.inner_rec_outs()[i].type.dtype)
        buf[:k] = init[:k]
        bufs.append(buf)
    states = [copy.deepcopy(s) for s in states]
    nit = [None] * info.n_nit_sot
    n_rec = op.n_rec
    done = n
    for t in range(n):
        args = [s[t] for s in seqs]
        for i, taps in enumerate(info.rec_taps):
            k = -min(taps)
            buf = bufs[i]
            if info.rec_last_only[i]:
                args.extend(np.array(buf[(t + tap) % k]) for tap in taps)
            else:
                args.extend(buf[k + t + tap] for tap in taps)
        args.extend(states)
        args.extend(non_seqs)
        try:
            outs = step(*args)
        except Exception as exc:
            exc.add_note(f"(in step {t} of the loop of scan {name})")
            raise
        for i in range(n_rec):
            k = -min(info.rec_taps[i])
            value = outs[i]
            row = bufs[i].shape[1:]
            if np.shape(value) != row:
                bad_rec_shape(name, i, t, np.shape(value), row)
            if info.rec_last_only[i]:
                bufs[i][t % k] = value
            else:
                bufs[i][k + t] = value
        for j in range(info.n_nit_sot):
            value = outs[n_rec + j]
            if nit[j] is None:
                dtype = op.inner_nit_outs()[j].type.dtype
                nit[j] = np.empty((n,) + np.shape(value), dtype=dtype)
            elif np.shape(value) != nit[j].shape[1:]:
                bad_nit_shape(name, j, t, np.shape(value), nit[j].shape[1:])
            nit[j][t] = value
        base = n_rec + info.n_nit_sot
        states = list(outs[base:base + info.n_states])
        if info.as_while and outs[-1]:
            done = t + 1
            break
    results = []
    for i, taps in enumerate(info.rec_taps):
        k = -min(taps)
        if info.rec_last_only[i]:
            last = (done - 1) % k
            results.append(np.array(bufs[i][last:last + 1]))
        else:
            results.append(bufs[i][k:k + done])
    empty_shapes = None
    for j in range(info.n_nit_sot):
        if nit[j] is None:
            if empty_shapes is None:
                empty_shapes = empty_nit_shapes(op, step, inputs)
            dtype = op.inner_nit_outs()[j].type.dtype
            results.append(np.empty((0,) + empty_shapes[j], dtype=dtype))
        else:
            results.append(nit[j][:done])
    results.extend(states)
    return results


def check_n_steps(name, n_steps, seqs):
    """The number of steps as an int; errors for a negative one or too short sequences."""
    n = int(n_steps)
    if n < 0:
        raise IndexError(f"Scan {name} was asked to run for a negative number of steps ({n})")
    for j, s in enumerate(seqs):
        if len(s) < n:
            raise ValueError(
                f"Scan {name}: sequence {j} has {len(s)} rows, shorter than the {n} steps "
                "asked for (n_steps)"
            )
    return n


def check_init(name, i, init, k):
    if init.shape[0] < k:
        raise ValueError(
            f"Scan {name}: the initial value of output {i} has {init.shape[0]} rows but its "
            f"oldest tap is -{k}, so it needs {k} rows (shape {init.shape})"
        )


def bad_rec_shape(name, i, t, got, row):
    raise ValueError(
        f"Scan {name}: at step {t}, output {i} of the step function has shape {got}, but "
        f"the output's initial value (outputs_info) gives rows of shape {row}; a recurrent "
        "output must keep the shape of its initial value"
    )


def bad_nit_shape(name, j, t, got, first):
    raise ValueError(
        f"Scan {name}: at step {t}, output {j} without feedback has shape {got}, but it had "
        f"shape {first} at step 0; every step must return the same shape"
    )


def empty_nit_shapes(op, step, inputs):
    """Row shapes of the nit_sot outputs when the loop ran no step (from a trial step)."""
    info = op.info
    _, seqs, inits, states, non_seqs = op.outer_split(list(inputs))
    fallback = [
        tuple(1 if b else 0 for b in out.type.broadcastable) for out in op.inner_nit_outs()
    ]
    try:
        args = [np.zeros(np.shape(s)[1:], dtype=np.asarray(s).dtype) for s in seqs]
        for taps, init in zip(info.rec_taps, inits):
            init = np.asarray(init)
            args.extend(np.array(init[0]) for _ in taps)
        args.extend(copy.deepcopy(s) for s in states)
        args.extend(non_seqs)
        with np.errstate(all="ignore"):
            outs = step(*args)
    except Exception:  # noqa: BLE001  (a trial on zeros may fail in any way: fall back)
        return fallback
    return [tuple(np.shape(v)) for v in outs[op.n_rec:op.n_rec + info.n_nit_sot]]
