"""Drivers applying node rewriters over a graph: one topological pass, or to a fixed point.

``EquilibriumOptimizer`` keeps a worklist fed by the graph's callbacks: after a first
pass over every node, only the nodes that were imported or had an input changed (and
their clients) are visited again.  A rewrite that looks deeper than that (a tree of
multiplications, say) calls ``revisit(fgraph, node)`` for the node it defers to.
"""

import sys
import warnings
from collections import deque

from theano.configparser import config
from theano.graph.fg import Feature
from theano.graph.rewriting.basic import (
    GraphRewriter,
    LocalOptGroup,
    MergeIndex,
    MergeOptimizer,
    NodeDispatch,
    NodeRewriter,
    RewriteWarning,
    flatten_node_rewriters,
    merge_node,
    rewrite_node,
)


class _Worklist(Feature):
    """Nodes to (re)visit: imported ones, and those whose inputs changed with their clients."""

    def __init__(self):
        self.queue = deque()
        self.queued = set()

    def on_attach(self, fgraph):
        fgraph._rewrite_worklist = self

    def on_detach(self, fgraph):
        if getattr(fgraph, "_rewrite_worklist", None) is self:
            del fgraph._rewrite_worklist

    def push(self, node):
        if node not in self.queued:
            self.queued.add(node)
            self.queue.append(node)

    def on_import(self, fgraph, node, reason):
        self.push(node)

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        if node == "output":
            return
        self.push(node)
        clients = fgraph.clients
        for out in node.outputs:
            for client, _ in clients.get(out, ()):
                if client != "output":
                    self.push(client)

    def pop(self):
        node = self.queue.popleft()
        self.queued.discard(node)
        return node

    def __bool__(self):
        return bool(self.queue)


def revisit(fgraph, node):
    """Ask the running equilibrium rewriter to visit ``node`` again (no-op otherwise)."""
    worklist = getattr(fgraph, "_rewrite_worklist", None)
    if worklist is not None and node != "output":
        worklist.push(node)


class _Importer(Feature):
    """Sends newly imported nodes to a TopoOptimizer's queue."""

    def __init__(self, queue, left):
        self.queue = queue
        self.left = left

    def on_import(self, fgraph, node, reason):
        if self.left:
            self.queue.appendleft(node)
        else:
            self.queue.append(node)


class NavigatorOptimizer(GraphRewriter):
    """Base of the drivers that walk a graph applying a node rewriter."""

    def __init__(self, local_opt, ignore_newtrees="auto", failure_callback=None):
        self.local_opt = local_opt
        if ignore_newtrees == "auto":
            ignore_newtrees = not getattr(local_opt, "reentrant", True)
        self.ignore_newtrees = ignore_newtrees
        self.failure_callback = failure_callback
        self._dispatch = None

    def dispatch(self):
        if self._dispatch is None:
            self._dispatch = NodeDispatch(flatten_node_rewriters([self.local_opt]))
        return self._dispatch

    def process_node(self, fgraph, node, lopt=None):
        """Apply ``lopt`` (default: this driver's rewriter) to ``node``; True if replaced."""
        if lopt is None:
            candidates = self.dispatch().get(node.op)
        else:
            candidates = NodeDispatch(flatten_node_rewriters([lopt])).get(node.op)
        return rewrite_node(fgraph, node, candidates) is not None

    def add_requirements(self, fgraph):
        self.local_opt.add_requirements(fgraph)

    @staticmethod
    def warn(exc, nav, repl_pairs, local_opt, node):
        """Theano's failure callback (kept for code that passes it; config decides)."""
        warnings.warn(f"Rewrite {local_opt} failed on {node}: {exc}", RewriteWarning)

    warn_inplace = warn
    warn_ignore = warn

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        print(f"{' ' * level}{type(self).__name__} {self.name or ''} id={id(self)}", file=stream)
        if depth != 0:
            self.local_opt.print_summary(stream, level + 2, depth - 1)


class TopoOptimizer(NavigatorOptimizer):
    """One pass over the nodes in topological order (``in_to_out``) or reversed.

    Unless ``ignore_newtrees``, the nodes a rewrite creates are visited in the same pass.
    """

    def __init__(self, local_opt, order="in_to_out", ignore_newtrees=False,
                 failure_callback=None):
        if order not in ("out_to_in", "in_to_out"):
            raise ValueError(f"order must be 'out_to_in' or 'in_to_out', got {order!r}")
        self.order = order
        super().__init__(local_opt, ignore_newtrees, failure_callback)

    def apply(self, fgraph, start_from=None):
        dispatch = self.dispatch()
        if not dispatch:
            return
        nodes = fgraph.toposort()
        if self.order == "out_to_in":
            nodes.reverse()
        queue = deque(nodes)
        importer = None
        if not self.ignore_newtrees:
            importer = _Importer(queue, left=self.order == "out_to_in")
            fgraph.attach_feature(importer)
        apply_nodes = fgraph.apply_nodes
        try:
            while queue:
                node = queue.popleft()
                if node not in apply_nodes:
                    continue
                candidates = dispatch.get(node.op)
                if candidates:
                    rewrite_node(fgraph, node, candidates)
        finally:
            if importer is not None:
                fgraph.remove_feature(importer)

    def __str__(self):
        return self.name or f"TopoOptimizer({self.local_opt})"


def _driver(order, local_opts, kwargs):
    name = kwargs.pop("name", None)
    if len(local_opts) > 1 or any(isinstance(o, (list, tuple)) for o in local_opts):
        flat = []
        for o in local_opts:
            flat.extend(o if isinstance(o, (list, tuple)) else [o])
        local_opt = LocalOptGroup(*flat)
    else:
        (local_opt,) = local_opts
    ret = TopoOptimizer(local_opt, order=order, **kwargs)
    if name is not None:
        ret.name = name
    return ret


def in2out(*local_opts, **kwargs):
    """A TopoOptimizer applying ``local_opts`` from the inputs to the outputs."""
    return _driver("in_to_out", local_opts, kwargs)


def out2in(*local_opts, **kwargs):
    """A TopoOptimizer applying ``local_opts`` from the outputs to the inputs."""
    return _driver("out_to_in", local_opts, kwargs)


class EquilibriumOptimizer(NavigatorOptimizer):
    """Apply node and graph rewriters until none changes the graph (a fixed point).

    ``optimizers``: node rewriters (tried on the nodes they track) and graph rewriters
    (run at the start of each round).  ``final_optimizers`` run at the end of each
    round; ``cleanup_optimizers`` after the node rewrites: a MergeOptimizer there is
    applied node by node (each visited node is merged with an equal one).  A rewrite
    applied more than ``max_use_ratio`` times the graph's size stops the loop with a
    warning (a sign of two rewrites undoing each other).
    """

    def __init__(self, optimizers, failure_callback=None, ignore_newtrees=True,
                 tracks_on_change_inputs=False, max_use_ratio=None, final_optimizers=None,
                 cleanup_optimizers=None):
        super().__init__(None, ignore_newtrees, failure_callback)
        self.local_optimizers = []
        self.global_optimizers = []
        for opt in optimizers:
            if isinstance(opt, NodeRewriter):
                self.local_optimizers.append(opt)
            else:
                self.global_optimizers.append(opt)
        self.final_optimizers = list(final_optimizers or [])
        self.cleanup_optimizers = list(cleanup_optimizers or [])
        self.tracks_on_change_inputs = tracks_on_change_inputs
        self.max_use_ratio = max_use_ratio
        self._dispatch = None

    def dispatch(self):
        if self._dispatch is None:
            self._dispatch = NodeDispatch(flatten_node_rewriters(self.local_optimizers))
        return self._dispatch

    def add_requirements(self, fgraph):
        for opt in self.local_optimizers:
            opt.add_requirements(fgraph)
        for opt in self.global_optimizers + self.final_optimizers + self.cleanup_optimizers:
            opt.add_requirements(fgraph)

    def apply(self, fgraph):
        dispatch = self.dispatch()
        merges = [o for o in self.cleanup_optimizers if isinstance(o, MergeOptimizer)]
        other_cleanups = [o for o in self.cleanup_optimizers if o not in merges]
        merge_name = str(merges[0]) if merges else None
        if not (dispatch or self.global_optimizers or self.final_optimizers):
            return
        ratio = self.max_use_ratio
        if ratio is None:
            ratio = config.optdb.max_use_ratio
        max_use = max(ratio * len(fgraph.apply_nodes), 10)
        counts = {}
        worklist = _Worklist()
        fgraph.attach_feature(worklist)
        if merges and getattr(fgraph, "merge_index", None) is None:
            fgraph.attach_feature(MergeIndex())
        apply_nodes = fgraph.apply_nodes
        first = True
        try:
            while True:
                for opt in self.global_optimizers:
                    opt.apply(fgraph)
                if first:
                    for node in fgraph.toposort():
                        worklist.push(node)
                    first = False
                while worklist:
                    node = worklist.pop()
                    if node not in apply_nodes:
                        continue
                    candidates = dispatch.get(node.op)
                    fired = rewrite_node(fgraph, node, candidates) if candidates else None
                    if fired is None:
                        if merges and merge_node(fgraph, node, merge_name):
                            fired = merges[0]
                        else:
                            continue
                    n = counts[fired] = counts.get(fired, 0) + 1
                    if n > max_use:
                        warnings.warn(
                            f"EquilibriumOptimizer {self.name or ''} max'ed out by "
                            f"'{fired}': it was applied {n} times on a graph of "
                            f"{len(apply_nodes)} nodes.  Two rewrites may be undoing each "
                            "other; raise config.optdb.max_use_ratio if the graph is just "
                            "big.",
                            RewriteWarning,
                        )
                        worklist.queue.clear()
                        worklist.queued.clear()
                        return
                for opt in self.final_optimizers + other_cleanups:
                    opt.apply(fgraph)
                if not worklist:
                    break
        finally:
            fgraph.remove_feature(worklist)
        self.last_counts = {str(k): v for k, v in counts.items()}

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        print(f"{' ' * level}EquilibriumOptimizer {self.name or ''} id={id(self)}", file=stream)
        if depth != 0:
            for opt in self.local_optimizers + self.global_optimizers:
                opt.print_summary(stream, level + 2, depth - 1)

    def __str__(self):
        return self.name or "EquilibriumOptimizer"
