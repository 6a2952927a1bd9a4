"""DestroyHandler: the FunctionGraph feature that makes in-place ops safe."""

from theano.graph.basic import Constant
from theano.graph.fg import Feature, InconsistencyError

__all__ = ["DestroyHandler", "fast_inplace_check"]


def _view_source(var):
    """The variable ``var`` is a view of (through its op's ``view_map``), or None."""
    owner = var.owner
    if owner is None:
        return None
    vmap = getattr(owner.op, "view_map", None) or {}
    src = vmap.get(owner.outputs.index(var))
    if not src:
        return None
    if len(src) > 1:
        raise NotImplementedError(f"{owner.op}: an output viewing several inputs")
    return owner.inputs[src[0]]


class DestroyHandler(Feature):
    """Guards the ops that overwrite an input (``op.destroy_map``).

    A node destroying variable ``v`` overwrites the buffer of ``v``'s root (``v`` after
    following ``view_map`` back).  The graph is valid when, for every such root:

    - it has a single destroyer;
    - it is not a Constant, nor a graph input, unless that input is listed in
      ``fgraph.mutable_inputs`` (an input given with ``In(x, mutable=True)``);
    - none of its aliases (the root and its views) is a graph output;
    - every other reader of an alias can run before the destroyer (the destroyer is
      not an ancestor of any of them).

    ``orderings`` makes every destroyer run after those readers.  The checks raise
    InconsistencyError from ``validate``, which ``replace_validate`` turns into an
    undone replacement.  Adds ``fgraph.destroyers(var)`` and ``fgraph.destroy_handler``.
    """

    def __init__(self, do_imports_on_attach=True, algo=None, trust_existing=False):
        self.trust_existing = trust_existing
        # NOTE: one handler may serve several graphs (FunctionGraph.clone re-attaches
        # features), so everything it computes is kept per graph.
        self._states = {}
        self._trusted = {}

    # Feature hooks -------------------------------------------------------------------
    def on_attach(self, fgraph):
        if getattr(fgraph, "destroy_handler", None) not in (None, self):
            raise ValueError("A DestroyHandler is already attached to this graph")
        fgraph.destroy_handler = self
        fgraph.destroyers = lambda var: self.destroyers(var, fgraph)
        self._states.pop(id(fgraph), None)
        # NOTE: with trust_existing, destroyers already in the graph (random ops built
        # with inplace=True...) are taken as built; only those rewrites add are checked.
        trusted = set()
        if self.trust_existing:
            trusted = {n for n in fgraph.apply_nodes if getattr(n.op, "destroy_map", None)}
        self._trusted[id(fgraph)] = trusted

    def on_detach(self, fgraph):
        del fgraph.destroy_handler
        del fgraph.destroyers
        self._states.pop(id(fgraph), None)
        self._trusted.pop(id(fgraph), None)

    def on_import(self, fgraph, node, reason):
        self._states.pop(id(fgraph), None)

    def on_prune(self, fgraph, node, reason):
        self._states.pop(id(fgraph), None)

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        self._states.pop(id(fgraph), None)

    # Analysis ------------------------------------------------------------------------
    def _analyse(self, fgraph):
        """root -> destroyer node, and destroyer node -> the readers that must run first."""
        state = self._states.get(id(fgraph))
        if state is not None:
            return state
        droot = {}
        problems = []
        for node in fgraph.apply_nodes:
            dmap = getattr(node.op, "destroy_map", None)
            if not dmap:
                continue
            for idxs in dmap.values():
                for i in idxs:
                    root = self.get_root(node.inputs[i])
                    other = droot.setdefault(root, node)
                    if other is not node:
                        problems.append(f"{root} is destroyed by two nodes: {other} and {node}")
        readers = {}
        for root, node in droot.items():
            before = set()
            for alias in self._aliases(fgraph, root):
                for client, _ in fgraph.clients.get(alias, []):
                    if client == "output":
                        problems.append(
                            f"{node} destroys {alias}, which is an output of the graph")
                    elif client is not node:
                        before.add(client)
            readers[node] = before
        state = self._states[id(fgraph)] = (droot, readers, problems)
        return state

    @staticmethod
    def get_root(var):
        """The variable whose buffer ``var`` views (``var`` itself when it is no view)."""
        while True:
            src = _view_source(var)
            if src is None:
                return var
            var = src

    def _aliases(self, fgraph, root):
        """``root`` and every variable of the graph that is a view of it."""
        out = [root]
        k = 0
        clients = fgraph.clients
        while k < len(out):
            var = out[k]
            k += 1
            for client, i in clients.get(var, []):
                if client == "output":
                    continue
                vmap = getattr(client.op, "view_map", None) or {}
                for o, src in vmap.items():
                    if i in src:
                        out.append(client.outputs[o])
        return out

    def destroyers(self, var, fgraph):
        """The nodes of ``fgraph`` destroying the buffer of ``var`` (a list of 0 or 1).

        ``fgraph.destroyers(var)`` is the same for the graph the handler is attached to.
        """
        droot = self._analyse(fgraph)[0]
        node = droot.get(self.get_root(var))
        return [] if node is None else [node]

    def orderings(self, fgraph):
        readers = self._analyse(fgraph)[1]
        return {node: sorted(before, key=id) for node, before in readers.items() if before}

    def validate(self, fgraph):
        droot, readers, problems = self._analyse(fgraph)
        if problems:
            raise InconsistencyError(problems[0])
        mutable = getattr(fgraph, "mutable_inputs", ()) or ()
        inputs = set(fgraph.inputs)
        for root, node in droot.items():
            if node in self._trusted.get(id(fgraph), ()):
                continue
            if isinstance(root, Constant):
                raise InconsistencyError(f"{node} would overwrite the constant {root}")
            if root in inputs and root not in mutable:
                raise InconsistencyError(
                    f"{node} would overwrite the graph input {root}, which is not mutable")
        if readers and any(readers.values()):
            self._check_acyclic(fgraph, readers)
        return True

    def _check_acyclic(self, fgraph, readers):
        """The data dependencies plus the orderings must leave no cycle (Kahn's algorithm)."""
        deps = {}
        for node in fgraph.apply_nodes:
            deps[node] = {i.owner for i in node.inputs if i.owner in fgraph.apply_nodes}
        for node, before in readers.items():
            deps[node] |= before
        users = {node: [] for node in deps}
        waiting = {}
        for node, ds in deps.items():
            ds.discard(node)
            waiting[node] = len(ds)
            for d in ds:
                users[d].append(node)
        ready = [n for n, k in waiting.items() if k == 0]
        done = 0
        while ready:
            node = ready.pop()
            done += 1
            for user in users[node]:
                waiting[user] -= 1
                if waiting[user] == 0:
                    ready.append(user)
        if done != len(deps):
            stuck = next((n for n, k in waiting.items() if k and n in readers), None)
            raise InconsistencyError(
                f"{stuck} would overwrite a value that a node computed from its result "
                "still reads")

    def has_destroyers(self, protected_list, fgraph):
        """True when a variable of ``protected_list`` (or a view of it) is destroyed."""
        droot = self._analyse(fgraph)[0]
        return any(self.get_root(v) in droot for v in protected_list)


def fast_inplace_check(fgraph, inputs):
    """The variables of ``inputs`` that an in-place op may overwrite (Theano's helper)."""
    mutable = getattr(fgraph, "mutable_inputs", ()) or ()
    dh = getattr(fgraph, "destroy_handler", None)
    out = []
    for inp in inputs:
        if isinstance(inp, Constant):
            continue
        if inp in fgraph.inputs and inp not in mutable:
            continue
        if dh is not None and fgraph.destroyers(inp):
            continue
        out.append(inp)
    return out
