"""Basic graph passes: merge of identical subgraphs and constant folding.

Every replacement goes through ``fgraph.replace(..., reason=name)`` and is
recorded in ``fgraph.rewrite_log`` so a Function can say what the compiler did.
"""

from theano.graph.basic import Constant


class RewriteLog:
    """Feature recording each replacement: (rewrite name, old variable, new variable)."""

    def __init__(self):
        self.entries = []

    def on_attach(self, fgraph):
        fgraph.rewrite_log = self

    def record(self, reason, old, new):
        self.entries.append((reason, old, new))

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)


def replace(fgraph, old, new, reason):
    """``fgraph.replace`` that also records the change in the rewrite log."""
    log = getattr(fgraph, "rewrite_log", None)
    if log is not None:
        log.record(reason, old, new)
    fgraph.replace(old, new, reason=reason)


def merge(fgraph):
    """Merge equal constants, then Apply nodes with the same op and inputs."""
    by_signature = {}
    for var in list(fgraph.variables):
        if not isinstance(var, Constant) or var not in fgraph.variables:
            continue
        try:
            sig = var.signature()
            hash(sig)
        except TypeError:
            continue
        other = by_signature.get(sig)
        if other is None:
            by_signature[sig] = var
        elif fgraph.clients.get(var):
            if var in fgraph.outputs:
                continue
            replace(fgraph, var, other, "merge")
    seen = {}
    for node in fgraph.toposort():
        if node not in fgraph.apply_nodes:
            continue
        key = (node.op, tuple(node.inputs))
        try:
            other = seen.get(key)
        except TypeError:
            continue
        if other is None or other not in fgraph.apply_nodes:
            seen[key] = node
            continue
        if any(o.type != n.type for o, n in zip(node.outputs, other.outputs)):
            continue
        for old, new in zip(node.outputs, other.outputs):
            if old in fgraph.variables:
                replace(fgraph, old, new, "merge")
    return fgraph


def constant_folding(fgraph):
    """Evaluate nodes whose inputs are all constants, once, at compile time."""
    for node in fgraph.toposort():
        if node not in fgraph.apply_nodes:
            continue
        if not node.inputs or not all(isinstance(i, Constant) for i in node.inputs):
            continue
        if not node.op.do_constant_folding(node):
            continue
        storage = [[None] for _ in node.outputs]
        try:
            node.op.perform(node, [i.data for i in node.inputs], storage)
        except Exception:
            continue  # leave it: the error will surface, with context, at run time
        for out, s in zip(node.outputs, storage):
            try:
                value = out.type.filter(s[0], strict=False, allow_downcast=True)
            except (TypeError, ValueError):
                break
            const = out.type.Constant(out.type, value)
            const.tag.trace = getattr(node.tag, "trace", None)
            replace(fgraph, out, const, "constant_folding")
    return fgraph


# The passes of each optimizer setting, in order (issue #5 grows these into a database).
OPTIMIZERS = {
    "fast_run": (merge, constant_folding, merge),
    "fast_compile": (merge,),
    "merge": (merge,),
    "None": (),
    None: (),
}


def optimize(fgraph, optimizer):
    if optimizer not in OPTIMIZERS:
        raise ValueError(
            f"Unknown optimizer {optimizer!r}: expected one of "
            f"{sorted(str(k) for k in OPTIMIZERS)}"
        )
    for rewrite in OPTIMIZERS[optimizer]:
        rewrite(fgraph)
    return fgraph
