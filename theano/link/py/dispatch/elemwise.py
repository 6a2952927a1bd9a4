"""py backend renderers for Elemwise, DimShuffle and generic CAReduce."""

import importlib

import numpy as np

from theano.graph.basic import Constant
from theano.link.py.dispatch.basic import cast_expr, natural_dtype, py_funcify
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise


def _resolve(dotted):
    """``'exp'`` -> ``(np.exp, 'np.exp')``; ``'scipy.special.erf'`` -> the object and a name."""
    if "." not in dotted:
        fn = getattr(np, dotted, None)
        return fn, (f"np.{dotted}" if fn is not None else None)
    module, _, attr = dotted.rpartition(".")
    try:
        fn = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None, None
    return fn, None


def _bcast_check_lines(node, inputs, ctx):
    """Theano's contract: a dimension broadcasts only where its type says so.

    NumPy would silently broadcast a length-1 dimension typed non-broadcastable;
    compare the lengths of such dimensions across inputs instead.
    """
    ndim = node.outputs[0].ndim
    if ndim == 0 or len(node.inputs) < 2:
        return []
    groups = {}
    for d in range(ndim):
        holders = [i for i, inp in enumerate(node.inputs) if not inp.broadcastable[d]]
        if len(holders) >= 2:
            groups.setdefault(tuple(holders), []).append(d)
    if not groups:
        return []
    err = ctx.add_global(_bcast_error, "_bcast_mismatch")
    lines = []
    for holders, dims in groups.items():
        first = inputs[holders[0]]
        for other_i in holders[1:]:
            other = inputs[other_i]
            if len(dims) == ndim:
                cond = f"{first}.shape != {other}.shape"
            else:
                cond = " or ".join(f"{first}.shape[{d}] != {other}.shape[{d}]" for d in dims)
            lines.append(f"if {cond}: {err}({', '.join(inputs)})")
    return lines


def _bcast_error(*values):
    shapes = [np.shape(v) for v in values]
    detail = ""
    for d in range(len(shapes[0])):
        lengths = [(i, s[d]) for i, s in enumerate(shapes) if len(s) > d]
        (i0, n0) = lengths[0]
        for i, n in lengths[1:]:
            if n != n0 and not detail:
                detail = f" (input[{i0}].shape[{d}] = {n0}, input[{i}].shape[{d}] = {n})"
    raise ValueError(
        f"Input dimension mis-match.{detail} A dimension of length 1 only "
        "broadcasts when its type says it is broadcastable (a row, a col, a constant, or "
        "after addbroadcast / dimshuffle('x', ...)); Theano does not broadcast other "
        "dimensions at run time."
    )


# 0-d results: Python operators on NumPy scalars skip the ufunc machinery (~5x faster).
_OPERATOR_FORMS = {
    "add": " + ",
    "sub": " - ",
    "mul": " * ",
    "true_div": " / ",
    "int_div": " // ",
    "mod": " % ",
    "pow": " ** ",
    "lt": " < ",
    "gt": " > ",
    "le": " <= ",
    "ge": " >= ",
    "and_": " & ",
    "or_": " | ",
    "xor": " ^ ",
}
_UNARY_FORMS = {"neg": "-", "invert": "~"}


def _scalar_operator_call(scalar_op, node, inputs, ctx):
    """The operator expression for a 0-d node, if NumPy scalars give Theano's dtype."""
    name = scalar_op.name
    out_dtype = node.outputs[0].type.dtype
    if len(node.outputs) != 1:
        return None
    if name in _UNARY_FORMS and len(inputs) == 1:
        expr = f"{_UNARY_FORMS[name]}{inputs[0]}"

        def probe(a):
            return -a if name == "neg" else ~a

    elif name in _OPERATOR_FORMS and len(inputs) >= 2:
        if len(inputs) > 2 and not getattr(scalar_op, "associative", False):
            return None
        sep = _OPERATOR_FORMS[name]
        expr = sep.join(inputs)

        def probe(*args):
            return eval(sep.join(f"a{i}" for i in range(len(args))),
                        {f"a{i}": a for i, a in enumerate(args)})

    else:
        return None
    try:
        with np.errstate(all="ignore"):
            res = probe(*[np.ones((), dtype=i.type.dtype)[()] for i in node.inputs])
    except Exception:
        return None
    if np.asarray(res).dtype.name != out_dtype:
        return None
    return expr


def _precast_constants(node, inputs, ctx):
    """Give 0-d constant inputs the computation dtype (what the ufunc loop casts them to)."""
    out_dtype = node.outputs[0].type.dtype
    if np.dtype(out_dtype).kind not in "fc":
        return inputs
    if any(i.type.dtype != out_dtype and not isinstance(i, Constant) for i in node.inputs):
        return inputs
    new = list(inputs)
    for k, inp in enumerate(node.inputs):
        if isinstance(inp, Constant) and inp.ndim == 0 and inp.type.dtype != out_dtype:
            value = np.asarray(inp.data).astype(out_dtype)
            if value == inp.data:
                new[k] = ctx.add_global(value[()], f"{inputs[k]}_{out_dtype}")
    return new


def _scalarize_constants(node, inputs, ctx):
    """Pass 1-element constants as NumPy scalars: same dtype rules, no broadcasting work.

    Every non-constant input already has the output's rank, so the result's shape
    does not change.
    """
    if all(isinstance(i, Constant) for i in node.inputs):
        return inputs
    new = list(inputs)
    for k, inp in enumerate(node.inputs):
        if isinstance(inp, Constant) and inp.ndim > 0 and inp.data.size == 1:
            value = inp.data.reshape(())[()]
            new[k] = ctx.add_global(value, f"c_{_value_hint(value)}")
    return new


def _value_hint(value):
    text = repr(value.item())
    return text.replace("-", "neg").replace(".", "_").replace("+", "") if len(text) < 12 \
        else "scalar"


# Renderers for Elemwise nodes of a given scalar op class (Composite: dispatch/composite.py).
SCALAR_OP_RENDERERS = {}


@py_funcify.register(Elemwise)
def py_funcify_Elemwise(op, node, inputs, outputs, ctx):
    render = SCALAR_OP_RENDERERS.get(type(op.scalar_op))
    if render is not None:
        lines = render(op, node, inputs, outputs, ctx)
        if lines is not None:
            return lines
    destroyed = dict(op.inplace_pattern).get(0)
    target = inputs[destroyed] if destroyed is not None else None
    lines = _bcast_check_lines(node, inputs, ctx)
    inputs = _scalarize_constants(node, inputs, ctx)
    if node.outputs[0].ndim == 0 and getattr(op.scalar_op, "name", None) in (
        set(_OPERATOR_FORMS) | set(_UNARY_FORMS)
    ):
        if op.scalar_op.name in ("add", "sub", "mul", "true_div", "neg", "pow"):
            inputs = _precast_constants(node, inputs, ctx)
        expr = _scalar_operator_call(op.scalar_op, node, inputs, ctx)
        if expr is not None:
            return lines + [f"{outputs[0]} = {expr}"]
    scalar_op = op.scalar_op
    in_dtypes = [i.type.dtype for i in node.inputs]
    out_dtypes = [o.type.dtype for o in node.outputs]
    nout = len(out_dtypes)
    spec = op.nfunc_spec
    fn = text = None
    if spec is not None and (spec[1] == len(inputs) or getattr(scalar_op, "associative", False)):
        fn, text = _resolve(spec[0])
        if fn is not None and text is None:
            text = ctx.add_global(fn, "_" + spec[0].rpartition(".")[2])
    if fn is None:
        fn = scalar_op.impl
        text = ctx.add_global(fn, f"_{scalar_op.name}_impl")
        call = f"{text}({', '.join(inputs)})"
        probe = fn
    elif len(inputs) > spec[1]:
        # n-ary add/mul: chain the binary ufunc.
        call = inputs[0]
        for x in inputs[1:]:
            call = f"{text}({call}, {x})"

        def probe(*args):
            out = args[0]
            for a in args[1:]:
                out = fn(out, a)
            return out

    else:
        call = f"{text}({', '.join(inputs)})"
        probe = fn
    natural = natural_dtype(probe, in_dtypes, nout)
    if natural is None and fn is not scalar_op.impl:
        # The NumPy twin has no loop for these dtypes (np.positive on bool): use impl.
        fn = probe = scalar_op.impl
        spec = None
        text = ctx.add_global(fn, f"_{scalar_op.name}_impl")
        call = f"{text}({', '.join(inputs)})"
        natural = natural_dtype(probe, in_dtypes, nout)
    if nout == 1:
        if natural != out_dtypes[0] and len(inputs) == (spec[1] if spec else -1) and natural:
            # Ask the ufunc for the dtype directly when it supports it.
            if natural_dtype(fn, in_dtypes, 1, dtype=out_dtypes[0]) == out_dtypes[0]:
                call = f"{call[:-1]}, dtype=np.{out_dtypes[0]})"
                natural = out_dtypes[0]
        if (target is not None and natural == out_dtypes[0] and isinstance(fn, np.ufunc)
                and node.outputs[0].ndim > 0):
            # In place: the ufunc writes into the input the DestroyHandler let it destroy.
            return lines + [f"{call[:-1]}, out={target})", f"{outputs[0]} = {target}"]
        lines.append(f"{outputs[0]} = {cast_expr(call, natural, out_dtypes[0])}")
    else:
        lines.append(f"{', '.join(outputs)} = {call}")
        natural = natural or (None,) * nout
        for name, nat, want in zip(outputs, natural, out_dtypes):
            if nat != want:
                lines.append(f"{name} = {cast_expr(name, nat, want)}")
    return lines


@py_funcify.register(DimShuffle)
def py_funcify_DimShuffle(op, node, inputs, outputs, ctx):
    perm, index = op.perm_and_index()
    expr = inputs[0]
    if perm != list(range(len(perm))):
        expr = f"{expr}.transpose({', '.join(map(str, perm))}{',' if len(perm) == 1 else ''})"
    entries = ["None" if i is None else ("0" if i == 0 else ":") for i in index]
    while entries and entries[-1] == ":":
        entries.pop()
    if entries:
        expr = f"{expr}[{', '.join(entries)}{',' if len(entries) == 1 else ''}]"
    if expr == inputs[0]:
        expr = f"{expr}"
    return [f"{outputs[0]} = {expr}"]


@py_funcify.register(CAReduce)
def py_funcify_CAReduce(op, node, inputs, outputs, ctx):
    x = node.inputs[0]
    axes = tuple(range(x.ndim)) if op.axis is None else op.axis
    out_dtype = node.outputs[0].type.dtype
    if not axes:
        return [f"{outputs[0]} = np.asarray({inputs[0]}, dtype=np.{out_dtype})"]
    name = op.numpy_reduce()
    if name is not None:
        fn = getattr(np, name)
        text = f"np.{name}"
    else:
        fn = getattr(np, op.scalar_op.nfunc_spec[0]).reduce
        text = f"np.{op.scalar_op.nfunc_spec[0]}.reduce"
    natural = natural_dtype(lambda a: fn(a.reshape((1,) * x.ndim), axis=axes), [x.type.dtype])
    call = f"{text}({inputs[0]}, axis={axes})"
    return [f"{outputs[0]} = {cast_expr(call, natural, out_dtype)}"]
