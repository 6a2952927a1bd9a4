"""py renderer of IfElse: each branch is its own generated function, and only one is called."""

from theano.graph.basic import ancestors
from theano.graph.fg import FunctionGraph
from theano.ifelse import IfElse
from theano.link.py.dispatch.basic import py_funcify


def _branch_function(op, taken):
    """The generated function computing one branch of ``op``, and the positions of the
    node's inputs (after the condition) it takes; cached on the op."""
    cache = op.__dict__.setdefault("_py_functions", {})
    found = cache.get(taken)
    if found is None:
        # Imported here: the linker imports this package while it loads.
        from theano.link.py.linker import InputSpec, generate

        outs = op.branch(taken)
        needed = set(ancestors(outs))
        used = [i for i, v in enumerate(op.inner_inputs) if v in needed]
        fgraph = FunctionGraph([op.inner_inputs[i] for i in used], outs, clone=True)
        explicit = [(v, InputSpec(v.name)) for v in fgraph.inputs]
        # Without as_view, outputs that alias an input are copied (Theano's semantics).
        outputs = [(v, op.as_view) for v in fgraph.outputs]
        label = f"{op.name or 'ifelse'}_{'then' if taken else 'else'}"
        gen = generate(
            fgraph, explicit, [], outputs, [], name=label, output_kind="list", check_inputs=False
        )
        gen.fn.generated = gen  # its source, for reading and debugging
        found = cache[taken] = (gen.fn, used)
    return found


@py_funcify.register(IfElse)
def py_funcify_IfElse(op, node, inputs, outputs, ctx):
    if op.inner_inputs is None:
        raise TypeError(f"{op}: the node was not built by IfElse.make_node (no branches)")
    label = op.name or "ifelse"
    targets = "[" + ", ".join(outputs) + "]"
    lines = []
    for taken, head in ((True, f"if {inputs[0]}:"), (False, "else:")):
        fn, used = _branch_function(op, taken)
        name = ctx.add_global(fn, f"_{label}_{'then' if taken else 'else'}")
        args = ", ".join(inputs[1 + i] for i in used)
        lines += [head, f"    {targets} = {name}({args})"]
    return lines
