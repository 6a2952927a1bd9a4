"""Rewrites of Scan nodes: inner graph rewritten, invariants hoisted, unused parts removed.

Two passes of ``optdb`` (Theano 1.0's names in brackets):

- ``scan_opt`` (position 5, before merge and canonicalize of the outer graph), per Scan
  node: unused inputs removed and constant non-sequences moved into the inner graph
  [``remove_constants_and_unused_inputs_scan``]; inner computations that depend only on
  non-sequences hoisted out of the loop [``scanOp_pushout_nonseqs_ops``]; the inner graph
  rewritten with the compiling mode's own Query, without in-place rewrites (its inputs
  are views of the loop's buffers) [``scan_inner_rewrite``]; and hoisting again on the
  rewritten graph.  Like the branches of ``ifelse`` (``ifelse_branches``), the query is
  the one ``theano.function`` compiles with; names in its ``exclude`` turn steps off.
- ``scan_save_mem`` (position 161, after stabilize): outputs nobody reads removed, with
  the parts of the loop that only they needed [``scan_remove_unused_outputs``]; recurrent
  outputs read only as ``y[-1]`` kept as their last row only [``scanOp_save_mem``].
"""

import copy

from theano.graph.basic import Constant, ancestors, clone_replace
from theano.graph.features import RewriteLog
from theano.graph.fg import FunctionGraph
from theano.graph.rewriting.basic import GraphRewriter, optimize, replace_and_log
from theano.graph.rewriting.db import OptimizationDatabase, Query
from theano.graph.rewriting.pipeline import optdb, query_optdb
from theano.scan.op import Scan
from theano.tensor.type import TensorType

__all__ = [
    "PushOutNonSeqScan",
    "RemoveConstantsAndUnusedInputsScan",
    "ScanInnerRewrite",
    "ScanRemoveUnusedOutputs",
    "ScanSaveMem",
]


# ----------------------------------------------------------------------------------------
# A Scan node taken apart and put back together


class _Parts:
    """The inner and outer variables of a Scan node, grouped by kind, to edit and rebuild."""

    def __init__(self, node):
        op = node.op
        self.op = op
        n_steps, seqs, inits, states, non_seqs = op.outer_split(list(node.inputs))
        info = op.info
        n_rec, n_nit = op.n_rec, info.n_nit_sot
        outs = list(node.outputs)
        self.n_steps = n_steps
        self.seqs = [[inner, outer] for inner, outer in zip(op.inner_seqs(), seqs)]
        self.rec = [
            [list(taps_in), info.rec_taps[i], info.rec_last_only[i], op.inner_rec_outs()[i],
             inits[i], outs[i]]
            for i, taps_in in enumerate(op.inner_taps())
        ]
        self.nit = [[out, outs[n_rec + j]] for j, out in enumerate(op.inner_nit_outs())]
        self.states = [
            [inner, out, outer, outs[n_rec + n_nit + s]]
            for s, (inner, out, outer) in enumerate(
                zip(op.inner_states(), op.inner_state_outs(), states))
        ]
        self.non_seqs = [[inner, outer] for inner, outer in zip(op.inner_non_seqs(), non_seqs)]
        self.cond = op.inner_condition()

    def inner_outputs(self):
        return ([r[3] for r in self.rec] + [z[0] for z in self.nit]
                + [s[1] for s in self.states] + ([self.cond] if self.cond is not None else []))

    def build(self, replace=None):
        """A new Scan node; returns it and the map {old outer output: new outer output}."""
        op = self.op
        inner_inputs = ([s[0] for s in self.seqs] + [t for r in self.rec for t in r[0]]
                        + [s[0] for s in self.states] + [p[0] for p in self.non_seqs])
        inner_outputs = self.inner_outputs()
        if replace:
            inner_outputs = clone_replace(inner_outputs, replace)
        info = op.info._replace(
            n_seqs=len(self.seqs),
            rec_taps=tuple(r[1] for r in self.rec),
            rec_last_only=tuple(r[2] for r in self.rec),
            n_nit_sot=len(self.nit),
            n_states=len(self.states),
            n_non_seqs=len(self.non_seqs),
        )
        new_op = Scan(inner_inputs, inner_outputs, info, mode=op.mode, profile=op.profile,
                      allow_gc=op.allow_gc, strict=op.strict)
        new_op.inner_rewritten = getattr(op, "inner_rewritten", None)
        outer = ([self.n_steps] + [s[1] for s in self.seqs] + [r[4] for r in self.rec]
                 + [s[2] for s in self.states] + [p[1] for p in self.non_seqs])
        new_node = new_op.make_node(*outer)
        old_outs = [r[5] for r in self.rec] + [z[1] for z in self.nit] + \
            [s[3] for s in self.states]
        return new_node, dict(zip(old_outs, new_node.outputs))


def _install(fgraph, node, new_node, mapping, reason, only=None):
    """Replace the outputs of ``node`` (those in ``only`` when given) and log it."""
    new_node.tag = copy.copy(node.tag)
    for old, new in mapping.items():
        if only is not None and old not in only:
            continue
        if old in fgraph.variables and fgraph.clients.get(old):
            replace_and_log(fgraph, old, new, reason)


def _scan_nodes(fgraph):
    return [n for n in fgraph.toposort() if isinstance(n.op, Scan)]


# ----------------------------------------------------------------------------------------
# Unused inputs and constant non-sequences


class _PerScanRewriter(GraphRewriter):
    """Applies ``rewrite_node`` to every Scan node still in the graph."""

    def apply(self, fgraph):
        for node in _scan_nodes(fgraph):
            if node in fgraph.apply_nodes:
                self.rewrite_node(fgraph, node)

    def rewrite_node(self, fgraph, node):
        raise NotImplementedError


class RemoveConstantsAndUnusedInputsScan(_PerScanRewriter):
    """Drop sequences and non-sequences the inner graph does not read, merge repeated
    non-sequences, and put constant non-sequences into the inner graph."""

    name = "remove_constants_and_unused_inputs_scan"

    def rewrite_node(self, fgraph, node):
        parts = _Parts(node)
        used = set(ancestors(parts.inner_outputs()))
        replace = {}
        seen = {}
        kept = []
        for inner, outer in parts.non_seqs:
            if inner not in used:
                continue
            if isinstance(outer, Constant) and outer.type == inner.type:
                replace[inner] = outer.clone()
            elif outer in seen:
                replace[inner] = seen[outer]
            else:
                seen[outer] = inner
                kept.append([inner, outer])
        seqs = [s for s in parts.seqs if s[0] in used]
        if not replace and len(kept) == len(parts.non_seqs) and len(seqs) == len(parts.seqs):
            return False
        parts.non_seqs = kept
        parts.seqs = seqs
        new_node, mapping = parts.build(replace)
        _install(fgraph, node, new_node, mapping, self.name)
        return True


# ----------------------------------------------------------------------------------------
# Hoisting loop invariants


def _hoistable(node):
    if getattr(node.op, "destroy_map", None):
        return False
    return all(isinstance(v.type, TensorType) for v in node.inputs + node.outputs)


class PushOutNonSeqScan(_PerScanRewriter):
    """Compute outside the loop, once, what depends only on non-sequences and constants.

    Each maximal such inner value becomes a new non-sequence whose outer value is the
    same expression of the outer non-sequences.  Only pure tensor operations move.
    """

    name = "scanOp_pushout_nonseqs_ops"

    def rewrite_node(self, fgraph, node):
        from theano.graph.basic import io_toposort

        parts = _Parts(node)
        op = node.op
        outputs = parts.inner_outputs()
        invariant = {p[0] for p in parts.non_seqs}
        moved = set()
        for inner_node in io_toposort(op.inner_inputs, outputs):
            ins = inner_node.inputs
            if not _hoistable(inner_node):
                continue
            if all(v in invariant or isinstance(v, Constant) for v in ins) and \
                    not all(isinstance(v, Constant) for v in ins):
                invariant.update(inner_node.outputs)
                moved.update(inner_node.outputs)
        if not moved:
            return False
        # The frontier: moved values read by a node that stays, or by the outputs.
        frontier = []
        for inner_node in io_toposort(op.inner_inputs, outputs):
            if inner_node.outputs[0] in moved:
                continue
            frontier.extend(v for v in inner_node.inputs if v in moved)
        frontier.extend(v for v in outputs if v in moved)
        frontier = list(dict.fromkeys(frontier))
        if not frontier:
            return False
        to_outer = {p[0]: p[1] for p in parts.non_seqs}
        hoisted = clone_replace(frontier, to_outer)
        replace = {}
        for inner, outer in zip(frontier, hoisted):
            placeholder = inner.type()
            placeholder.name = inner.name
            if outer.name is None and inner.name is not None:
                outer.name = inner.name
            replace[inner] = placeholder
            parts.non_seqs.append([placeholder, outer])
        new_node, mapping = parts.build(replace)
        _install(fgraph, node, new_node, mapping, self.name)
        return True


# ----------------------------------------------------------------------------------------
# The inner graph rewritten with the compiling mode's query


def inner_rewritten(op, query):
    """``op`` with its inner graph rewritten by ``query``'s passes (cached per query)."""
    key = query.key()
    cache = op.__dict__.setdefault("_rewritten", {})
    found = cache.get(key)
    if found is not None:
        return found
    fgraph = FunctionGraph(op.inner_inputs, op.inner_outputs, clone=True)
    fgraph.attach_feature(RewriteLog())
    optimize(fgraph, query_optdb(query))
    new = Scan(fgraph.inputs, fgraph.outputs, op.info, mode=op.mode, profile=op.profile,
               allow_gc=op.allow_gc, strict=op.strict)
    new.inner_rewritten = key
    new.inner_rewrites = fgraph.rewrite_log  # what the rewrites did, for reading
    new.__dict__.setdefault("_rewritten", {})[key] = new
    cache[key] = new
    return new


class ScanInnerRewrite(GraphRewriter):
    """Rewrite the inner graph of every Scan with a Query's passes (no in-place ones)."""

    name = "scan_inner_rewrite"

    def __init__(self, query):
        self.query = query.excluding("inplace")

    def apply(self, fgraph):
        key = self.query.key()
        for node in _scan_nodes(fgraph):
            op = node.op
            if node not in fgraph.apply_nodes or getattr(op, "inner_rewritten", None) == key:
                continue
            new_op = inner_rewritten(op, self.query)
            new_node = new_op.make_node(*node.inputs)
            _install(fgraph, node, new_node, dict(zip(node.outputs, new_node.outputs)),
                     self.name)


class _ScanRewrites(GraphRewriter):
    """The steps of ``scan_opt`` for one query, in order (steps named in the query's
    ``exclude`` are skipped)."""

    def __init__(self, query):
        self.query = query
        excluded = set(query.exclude)
        steps = [RemoveConstantsAndUnusedInputsScan(), PushOutNonSeqScan(),
                 ScanInnerRewrite(query), PushOutNonSeqScan(),
                 RemoveConstantsAndUnusedInputsScan()]
        self.steps = [s for s in steps if s.name not in excluded]

    def apply(self, fgraph):
        if not any(isinstance(n.op, Scan) for n in fgraph.apply_nodes):
            return
        for step in self.steps:
            step.apply(fgraph)


class _ScanRewriteDB(OptimizationDatabase):
    """A database entry whose query is a pass (``make(query)``) for that same query."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def query(self, *tags, **kwtags):
        if tags and isinstance(tags[0], Query):
            query = tags[0]
        else:
            include = [t.lstrip("+") for t in tags if not t.startswith(("-", "&"))]
            exclude = [t[1:] for t in tags if t.startswith("-")]
            require = [t[1:] for t in tags if t.startswith("&")]
            query = Query(include, require, exclude)
        rewriter = self.make(query)
        rewriter.name = self.name
        return rewriter


# ----------------------------------------------------------------------------------------
# Unused outputs and memory


def _clients(fgraph, var):
    return fgraph.clients.get(var, []) if var in fgraph.variables else []


class ScanRemoveUnusedOutputs(_PerScanRewriter):
    """Remove outputs nobody reads: nit_sot ones, and recurrent ones that no kept output
    (nor the stop condition) needs through its taps."""

    name = "scan_remove_unused_outputs"

    def rewrite_node(self, fgraph, node):
        parts = _Parts(node)
        nit = [z for z in parts.nit if _clients(fgraph, z[1])]
        needed = {i for i, r in enumerate(parts.rec) if _clients(fgraph, r[5])}
        tap_owner = {t: i for i, r in enumerate(parts.rec) for t in r[0]}
        roots = [z[0] for z in nit] + [s[1] for s in parts.states]
        if parts.cond is not None:
            roots.append(parts.cond)
        roots += [parts.rec[i][3] for i in needed]
        stack = list(roots)
        seen_rec = set(needed)
        while stack:
            found = {tap_owner[v] for v in ancestors(stack) if v in tap_owner}
            stack = [parts.rec[i][3] for i in found - seen_rec]
            seen_rec |= found
        if len(nit) == len(parts.nit) and len(seen_rec) == len(parts.rec):
            return False
        if not nit and not seen_rec and not parts.states:
            return False
        parts.nit = nit
        parts.rec = [r for i, r in enumerate(parts.rec) if i in seen_rec]
        new_node, mapping = parts.build()
        _install(fgraph, node, new_node, mapping, self.name)
        # The inputs only the removed outputs read go too.
        RemoveConstantsAndUnusedInputsScan().rewrite_node(fgraph, new_node)
        return True


def _reads_last_row(fgraph, client):
    """Whether ``client`` (a node) is ``y[-1, ...]`` with a constant -1 on axis 0."""
    from theano.tensor.subtensor import Subtensor

    if client == "output" or not isinstance(client.op, Subtensor):
        return False
    first = client.op.idx_list[0] if client.op.idx_list else None
    if first is None or isinstance(first, slice):
        return False
    index = client.inputs[1]
    if not isinstance(index, Constant):
        return False
    try:
        return int(index.data) == -1
    except (TypeError, ValueError):
        return False


class ScanSaveMem(_PerScanRewriter):
    """Keep only the last row of a recurrent output read only as ``y[-1]`` (rec_last_only).

    The loop then keeps the ``k`` latest rows in a ring buffer instead of every step's
    (after a loop of zero steps ``y[-1]`` reads the last initial row instead of failing).
    """

    name = "scanOp_save_mem"

    def rewrite_node(self, fgraph, node):
        parts = _Parts(node)
        readers = []
        for r in parts.rec:
            clients = _clients(fgraph, r[5])
            if r[2] or not clients:
                continue
            if all(c != "output" and pos == 0 and _reads_last_row(fgraph, c)
                   for c, pos in clients):
                r[2] = True
                readers.extend(c for c, _ in clients)
        if not readers:
            return False
        new_node, mapping = parts.build()
        new_node.tag = copy.copy(node.tag)
        for client in readers:
            old_out = client.inputs[0]
            new_read = client.op.make_node(mapping[old_out], *client.inputs[1:]).outputs[0]
            new_read.owner.tag = copy.copy(client.tag)
            replace_and_log(fgraph, client.outputs[0], new_read, self.name)
        for old, new in mapping.items():
            if _clients(fgraph, old):
                replace_and_log(fgraph, old, new, self.name)
        return True


class _SaveMem(GraphRewriter):
    """``scan_save_mem``: unused outputs removed, then last-row-only outputs (steps
    named in the query's ``exclude`` are skipped)."""

    def __init__(self, query):
        excluded = set(query.exclude)
        steps = [ScanRemoveUnusedOutputs(), ScanSaveMem()]
        self.steps = [s for s in steps if s.name not in excluded]

    def apply(self, fgraph):
        if not any(isinstance(n.op, Scan) for n in fgraph.apply_nodes):
            return
        for step in self.steps:
            step.apply(fgraph)


if "scan_opt" not in optdb:
    # Early (like ifelse_branches), so that cutoffs such as the 'stabilize' mode's keep it.
    optdb.register("scan_opt", _ScanRewriteDB(_ScanRewrites), "fast_run", "fast_compile", "scan",
                   position=5.5)
    optdb.register("scan_save_mem", _ScanRewriteDB(_SaveMem), "fast_run", "scan", position=161)
