"""py backend renderer for Elemwise{Composite}: one NumPy call per inner op, one buffer.

The first inner op allocates a temporary of the output's shape; the next ones write
into it with ``out=`` as soon as it is no longer needed, so a fused chain of n ops
costs one allocation instead of n.  An in-place Composite writes its last op into
the input it destroys.
"""

import numpy as np

from theano.link.py.dispatch.basic import cast_expr, natural_dtype
from theano.link.py.dispatch.elemwise import (
    SCALAR_OP_RENDERERS,
    _bcast_check_lines,
    _resolve,
    _scalar_operator_call,
    _scalarize_constants,
)
from theano.scalar.composite import Composite


def _inner_broadcastable(comp, node):
    """Each inner variable's broadcastable pattern (the AND of the inputs it reads)."""
    ndim = node.outputs[0].ndim
    pattern = {v: tuple(i.broadcastable) for v, i in zip(comp.inputs, node.inputs)}
    for inner in comp.nodes:
        pats = [pattern.get(i, (True,) * ndim) for i in inner.inputs]
        pat = tuple(all(p[d] for p in pats) for d in range(ndim))
        for out in inner.outputs:
            pattern[out] = pat
    return pattern


def _last_uses(comp):
    last = {}
    for k, inner in enumerate(comp.nodes):
        for i in inner.inputs:
            last[i] = k
    for out in comp.outputs:
        last[out] = len(comp.nodes)
    return last


def _call(inner, args, ctx):
    """(call text without the closing parenthesis, function, natural dtype, is a ufunc)."""
    sop = inner.op
    in_dtypes = [i.type.dtype for i in inner.inputs]
    spec = getattr(sop, "nfunc_spec", None)
    fn = text = None
    if spec is not None and (spec[1] == len(args) or getattr(sop, "associative", False)):
        fn, text = _resolve(spec[0])
        if fn is not None and text is None:
            text = ctx.add_global(fn, "_" + spec[0].rpartition(".")[2])
    if fn is not None and isinstance(fn, np.ufunc) and len(args) >= spec[1]:
        call = args[0] if len(args) > spec[1] else None
        if call is None:
            head = f"{text}({', '.join(args)}"
        else:
            for x in args[1:-1]:
                call = f"{text}({call}, {x})"
            head = f"{text}({call}, {args[-1]}"

        def probe(*a):
            out = a[0]
            for b in a[1:]:
                out = fn(out, b)
            return out

        natural = natural_dtype(probe if len(args) > spec[1] else fn, in_dtypes)
        if natural is not None:
            return head, fn, natural, True
    impl = ctx.add_global(sop.impl, f"_{getattr(sop, 'name', 'op')}_impl")
    return f"{impl}({', '.join(args)}", sop.impl, natural_dtype(sop.impl, in_dtypes), False


def py_funcify_Composite(op, node, inputs, outputs, ctx):
    comp = op.scalar_op
    final = comp.outputs[0]
    if len(comp.outputs) != 1 or final.owner is None or final.owner not in comp.nodes:
        return None  # nothing to render as a chain: the generic Elemwise path calls impl
    lines = _bcast_check_lines(node, inputs, ctx)
    destroy = dict(op.inplace_pattern).get(0)
    target = inputs[destroy] if destroy is not None else None
    inputs = _scalarize_constants(node, inputs, ctx)
    names = dict(zip(comp.inputs, inputs))
    out_pattern = node.outputs[0].broadcastable
    arrays = node.outputs[0].ndim > 0
    pattern = _inner_broadcastable(comp, node)
    last = _last_uses(comp)
    owned = set()  # inner variables held in a temporary this function allocated
    for k, inner in enumerate(comp.nodes):
        out = inner.outputs[0]
        args = []
        for i in inner.inputs:
            if i not in names:  # an inner constant
                names[i] = ctx.add_global(np.asarray(i.data, dtype=i.type.dtype)[()],
                                          f"c_{i.type.dtype}")
            args.append(names[i])
        if not arrays:
            # 0-d: Python operators on NumPy scalars skip the ufunc machinery.
            expr = _scalar_operator_call(inner.op, inner, args, ctx)
            if expr is not None:
                name = outputs[0] if out is final else ctx.unique("t_c")
                lines.append(f"{name} = {expr}")
                names[out] = name
                continue
        head, fn, natural, is_ufunc = _call(inner, args, ctx)
        wanted = out.type.dtype
        if is_ufunc and natural != wanted and natural is not None:
            if natural_dtype(fn, [i.type.dtype for i in inner.inputs], 1,
                             dtype=wanted) == wanted and len(inner.inputs) == fn.nin:
                head += f", dtype=np.{wanted}"
                natural = wanted
        into = None
        if arrays and is_ufunc and natural == wanted and pattern[out] == out_pattern:
            if out is final and target is not None:
                into = target
            else:
                for i in inner.inputs:
                    if (i in owned and last.get(i) == k and pattern[i] == out_pattern
                            and i.type.dtype == wanted and i is not final):
                        into = names[i]
                        break
        if into is not None:
            lines.append(f"{head}, out={into})")
            names[out] = into
            owned.add(out)
            continue
        name = outputs[0] if out is final else ctx.unique("t_c")
        lines.append(f"{name} = {cast_expr(head + ')', natural, wanted)}")
        names[out] = name
        if is_ufunc or natural != wanted:
            owned.add(out)
    if names[final] != outputs[0]:
        lines.append(f"{outputs[0]} = {names[final]}")
    return lines


SCALAR_OP_RENDERERS[Composite] = py_funcify_Composite
