"""Helpers around rewriting: printing what the compiler did, applying a rewrite eagerly."""

import sys

from theano.graph.features import RewriteList, format_rewrites
from theano.graph.rewriting.basic import NodeDispatch, flatten_node_rewriters


def rewrites_of(obj):
    """The RewriteList of a Function, FunctionMaker, FunctionGraph or RewriteLog."""
    maker = getattr(obj, "maker", obj)
    fgraph = getattr(maker, "fgraph", maker)
    log = getattr(fgraph, "rewrite_log", fgraph)
    entries = getattr(log, "entries", None)
    if entries is None:
        if isinstance(obj, list):
            return RewriteList(obj, getattr(obj, "where", None))
        raise TypeError(
            f"print_rewrites: expected a compiled Function (or its maker or FunctionGraph), "
            f"got {type(obj).__name__}"
        )
    return RewriteList(entries, log.where)


def print_rewrites(obj, file=None):
    """Print the rewrites applied while compiling ``obj`` (a Function), one per line.

    Each line gives the rewrite's name, the node it replaced, the replacement, and
    the user's line that built the replaced node; the files defining the rewrites
    follow.  ``file='str'`` returns the text instead of printing it.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dvector("x")
    >>> f = theano.function([x], x * 1)
    >>> "local_mul_canonizer" in theano.graph.rewriting.utils.print_rewrites(f, file="str")
    True
    """
    records = rewrites_of(obj)
    text = format_rewrites(records, records.where)
    if file == "str":
        return text
    print(text, file=file or sys.stdout)
    return None


def check_graph_types(fgraph):
    """Check that every node's outputs have the types its op gives its inputs now.

    Rebuilds each node with ``op.make_node(*inputs)`` and compares the output types;
    raises TypeError naming the first node that disagrees.  Run between phases in
    tests (and by DebugMode) to catch a rewrite that built an inconsistent node.
    """
    for node in fgraph.toposort():
        try:
            rebuilt = node.op.make_node(*node.inputs)
        except Exception as exc:
            raise TypeError(f"Node {node} cannot be rebuilt from its inputs: {exc}") from exc
        for i, (out, again) in enumerate(zip(node.outputs, rebuilt.outputs)):
            if out.type != again.type:
                raise TypeError(
                    f"Node {node}: output {i} has type {out.type}, but its op gives "
                    f"{again.type} for these inputs"
                )
    return True


def copy_stack_trace(from_var, to_var):
    """Give ``to_var``'s node(s) the user-line tag of ``from_var``'s node.

    The engine does this for every replacement; this is for code building nodes
    outside it.  Either argument may be a list.
    """
    froms = from_var if isinstance(from_var, (list, tuple)) else [from_var]
    tos = to_var if isinstance(to_var, (list, tuple)) else [to_var]
    trace = None
    for v in froms:
        owner = getattr(v, "owner", None)
        trace = getattr(owner.tag, "trace", None) if owner is not None else None
        if trace is None:
            trace = getattr(v.tag, "trace", None)
        if trace:
            break
    if not trace:
        return
    for v in tos:
        if v.owner is not None:
            v.owner.tag.trace = trace


def pre_greedy_local_optimizer(list_optimizations, out):
    """Apply node rewriters to the graph of ``out`` before it is in any FunctionGraph.

    Each node is rewritten (inputs first) with the first rewriter that applies; the
    rewritten output is returned.  Useful to simplify a graph being built.
    """
    dispatch = NodeDispatch(flatten_node_rewriters(list_optimizations))
    done = {}

    def rewrite(var):
        stack = [var]
        while stack:
            v = stack[-1]
            if v in done:
                stack.pop()
                continue
            node = v.owner
            if node is None:
                done[v] = v
                stack.pop()
                continue
            missing = [i for i in node.inputs if i not in done]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            inputs = [done[i] for i in node.inputs]
            if any(a is not b for a, b in zip(inputs, node.inputs)):
                node = node.clone_with_new_inputs(inputs, strict=False)
            results = None
            for r in dispatch.get(node.op):
                try:
                    if r._transform_takes_fgraph:
                        results = r.transform(None, node)
                    else:
                        results = r.transform(node)
                except Exception:
                    results = None  # a rewrite needing a FunctionGraph does not apply
                if results:
                    break
            if results:
                if isinstance(results, dict):
                    results = [results.get(o, o) for o in node.outputs]
                for o_old, o_new in zip(v.owner.outputs, results):
                    done[o_old] = o_new
            else:
                for o_old, o_new in zip(v.owner.outputs, node.outputs):
                    done[o_old] = o_new
        return done[var]

    return rewrite(out)
