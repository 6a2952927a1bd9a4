"""The py backend: one generated Python function per compiled graph.

The function checks its inputs cheaply, runs one NumPy statement per Apply in
topological order, computes every update before writing any, and returns the
outputs.  Its source is registered with ``linecache`` under a pseudo file name,
so tracebacks and pdb show it; each block is commented with the user's line that
built it.  Compiled code objects are cached by source text.
"""

import builtins
import hashlib
import keyword
import linecache
import re
import sys

import numpy as np

from theano.configparser import config
from theano.graph.basic import Constant, view_roots
from theano.graph.utils import format_trace
from theano.link.py.dispatch import load_all, py_funcify
from theano.tensor.type import TensorType

_code_cache = {}


class CodegenContext:
    """Names and globals of one generated function."""

    def __init__(self):
        self.globals = {"np": np, "_ndarray": np.ndarray}
        self.used = set(keyword.kwlist) | set(dir(builtins)) | {"np", "_ndarray", "_explain",
                                                                  "exc"}
        self.uses_perform = []
        self._global_names = {}

    def unique(self, hint):
        base = re.sub(r"\W", "_", str(hint)) or "v"
        if base[0].isdigit():
            base = "_" + base
        name = base
        n = 1
        while name in self.used:
            name = f"{base}_{n}"
            n += 1
        self.used.add(name)
        return name

    def add_global(self, obj, hint):
        # Equal NumPy scalars (constants) share one name.
        key = (type(obj), obj.tobytes()) if isinstance(obj, np.generic) else id(obj)
        name = self._global_names.get(key)
        if name is not None and (isinstance(obj, np.generic) or self.globals[name] is obj):
            return name
        name = self.unique(hint)
        self.globals[name] = obj
        self._global_names[key] = name
        return name


def _constant_name(ctx, const):
    data = const.data
    if isinstance(data, np.ndarray) and data.ndim == 0:
        value = data[()]
        text = repr(value.item())
        hint = "c_" + text.replace("-", "neg").replace(".", "_").replace("+", "")
        return ctx.add_global(value, hint if len(hint) < 24 else "c_scalar")
    return ctx.add_global(data, f"c_{const.name or 'array'}")


class GeneratedFunction:
    """The result of code generation: the callable and what it was made from."""

    def __init__(self, fn, source, filename, line_nodes, nodes):
        self.fn = fn
        self.source = source
        self.filename = filename
        self.line_nodes = line_nodes
        self.nodes = nodes


def generate(fgraph, explicit, implicit, outputs, updates, name=None, output_kind="single",
             output_keys=None, check_inputs=True):
    """Generate the Python function computing ``fgraph``.

    explicit : list of (variable, InputSpec)   parameters of the call, in order
    implicit : list of (variable, container)   values read from containers
    outputs  : list of (variable, borrow)      values returned
    updates  : list of (container, variable)   written after everything is computed
    """
    load_all()
    ctx = CodegenContext()
    names = {}
    fname = ctx.unique(name or "theano_function")
    params = []
    head = []
    for pos, (var, spec) in enumerate(explicit):
        pname = ctx.unique(var.name or f"x{pos}")
        names[var] = pname
        params.append(pname)
        if check_inputs:
            head.extend(_input_check(ctx, pname, var, spec, pos, name))
        if _scalar_friendly(fgraph, var):
            head.append(f"{pname} = {pname}[()]")
    for var, container in implicit:
        vname = ctx.unique(var.name or "shared")
        names[var] = vname
        cname = ctx.add_global(container, f"_c_{vname}")
        head.append(f"{vname} = {cname}.value" + ("[()]" if _scalar_friendly(fgraph, var) else ""))

    for var in fgraph.variables:
        if isinstance(var, Constant) and var not in names:
            names[var] = _constant_name(ctx, var)

    body = []
    line_nodes = {}
    nodes = fgraph.toposort()
    last_trace = object()
    counter = 0
    for node in nodes:
        out_names = []
        for out in node.outputs:
            if out.name and not isinstance(out, Constant):
                out_names.append(ctx.unique(out.name))
            else:
                out_names.append(ctx.unique(f"t{counter}"))
                counter += 1
        for out, n in zip(node.outputs, out_names):
            names[out] = n
        trace = getattr(node.tag, "trace", None)
        if trace != last_trace:
            last_trace = trace
            if trace:
                body.append(f"# {_comment(trace)}")
        lines = py_funcify(node.op, node, [names[i] for i in node.inputs], out_names, ctx)
        for line in lines:
            for sub in line.split("\n"):
                body.append((sub, node))

    # Outputs: copy whatever may alias an input, a shared value or a constant.
    fg_inputs = set(fgraph.inputs)
    update_vars = {v for _, v in updates}
    returned = []
    tail = []
    seen = set()
    for var, borrow in outputs:
        expr = names[var]
        aliased = _may_alias(var, fg_inputs) or var in seen or var in update_vars
        seen.add(var)
        if getattr(var.type, "ndim", None) == 0:
            expr = f"np.array({expr})" if (aliased and not borrow) else f"np.asarray({expr})"
        elif aliased and not borrow and isinstance(var.type, TensorType):
            expr = f"{expr}.copy()"
        returned.append(expr)
    assigned = set()
    for container, var in updates:
        expr = names[var]
        if var in fg_inputs and container is _container_of(implicit, var):
            continue  # s <- s: nothing to write
        if isinstance(var.type, TensorType) and (_may_alias(var, fg_inputs) or var in assigned):
            expr = f"np.array({expr})"
        elif isinstance(var.type, TensorType) and var.ndim == 0:
            expr = f"np.asarray({expr})"
        assigned.add(var)
        cname = ctx.add_global(container, "_c_update")
        tail.append(f"{cname}.value = {expr}")

    if output_kind == "single":
        ret = f"return {returned[0]}"
    elif output_kind == "dict":
        ret = "return {" + ", ".join(f"{k!r}: {e}" for k, e in zip(output_keys, returned)) + "}"
    elif output_kind == "none":
        ret = "return []"
    else:
        ret = "return [" + ", ".join(returned) + "]"

    src_lines = [f"def {fname}({', '.join(params)}):"]
    src_lines += ["    " + h for h in head]
    if body:
        src_lines.append("    try:")
        for item in body:
            if isinstance(item, tuple):
                text, node = item
                line_nodes[len(src_lines) + 1] = node
                src_lines.append("        " + text)
            else:
                src_lines.append("        " + item)
        src_lines.append("    except Exception as exc:")
        src_lines.append("        _explain(exc)")
        src_lines.append("        raise")
    src_lines += ["    " + t for t in tail]
    src_lines.append("    " + ret)
    source = "\n".join(src_lines) + "\n"

    digest = hashlib.sha1(source.encode()).hexdigest()[:8]
    filename = f"<theano {fname} {digest}>"
    code = _code_cache.get(source)
    if code is None:
        code = _code_cache[source] = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    gen = GeneratedFunction(None, source, filename, line_nodes, nodes)
    ctx.globals["_explain"] = lambda exc: _explain(exc, gen, names)
    namespace = dict(ctx.globals)
    exec(code, namespace)
    gen.fn = namespace[fname]
    gen.uses_perform = ctx.uses_perform
    return gen


def _scalar_friendly(fgraph, var):
    """A 0-d input used only by Elemwise nodes runs faster as a NumPy scalar."""
    from theano.tensor.elemwise import Elemwise

    if getattr(var.type, "ndim", None) != 0:
        return False
    clients = fgraph.clients.get(var, [])
    return bool(clients) and all(
        node != "output" and isinstance(node.op, Elemwise) for node, _ in clients
    )


def _container_of(implicit, var):
    for v, c in implicit:
        if v is var:
            return c
    return None


def _may_alias(var, inputs):
    return any(r in inputs or isinstance(r, Constant) for r in view_roots(var))


def _comment(trace):
    return format_trace(trace).replace("\n", " ")


class InputSpec:
    """What an explicit input accepts (from In): strictness and downcasting."""

    def __init__(self, name, strict=False, allow_downcast=None):
        self.name = name
        self.strict = strict
        self.allow_downcast = allow_downcast


def _input_check(ctx, pname, var, spec, pos, fname):
    ttype = var.type
    if not isinstance(ttype, TensorType):
        return []
    dt = ctx.add_global(ttype.numpy_dtype, f"_dt_{ttype.dtype}")
    filt = ctx.add_global(_make_filter(var, spec, pos, fname), f"_filter_{pname}")
    if ttype.ndim == 0:
        # NumPy scalars of the exact dtype are as good as 0-d arrays.
        sct = ctx.add_global(ttype.numpy_dtype.type, f"_sc_{ttype.dtype}")
        cond = [f"({pname}.__class__ is not _ndarray and {pname}.__class__ is not {sct})",
                f"{pname}.dtype is not {dt}", f"{pname}.ndim != 0"]
    else:
        cond = [f"{pname}.__class__ is not _ndarray", f"{pname}.dtype is not {dt}",
                f"{pname}.ndim != {ttype.ndim}"]
    for d, b in enumerate(ttype.broadcastable):
        if b:
            cond.append(f"{pname}.shape[{d}] != 1")
    return [f"if {' or '.join(cond)}:", f"    {pname} = {filt}({pname})"]


def _make_filter(var, spec, pos, fname):
    ttype = var.type
    label = f'"{spec.name}"' if spec.name else "None"

    scalar_type = ttype.numpy_dtype.type

    def filter_input(value):
        if (value.__class__ is float and ttype.ndim == 0 and spec.allow_downcast is None
                and ttype.dtype == config.floatX):
            return scalar_type(value)
        try:
            return ttype.filter(value, strict=spec.strict, allow_downcast=spec.allow_downcast)
        except (TypeError, ValueError) as e:
            where = f" (the variable was created at {format_trace(var.tag.trace)})" if getattr(
                var.tag, "trace", None) else ""
            detail = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)
            if len(e.args) == 3 and isinstance(e.args[1], tuple):
                shape, pattern = e.args[1], e.args[2]
                bad = [d for d, b in enumerate(pattern) if b and shape[d] != 1]
                detail = (
                    f"dimension {bad[0]} of the value has length {shape[bad[0]]}, but the "
                    f"input's type {ttype} says it is broadcastable (length 1); value shape "
                    f"{shape}, broadcastable pattern {pattern}"
                )
            raise type(e)(
                f"Bad input argument with name {label} to theano function with name "
                f"\"{fname or ''}\" at index {pos} (0-based). Expected {ttype}, got "
                f"{_describe(value)}: {detail}{where}"
            ) from None

    return filter_input


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"ndarray of dtype {value.dtype} and shape {value.shape}"
    return f"{type(value).__name__} {value!r}"[:200]


def _explain(exc, gen, names):
    """Add the failing node, its inputs' shapes/dtypes and the user's line to ``exc``."""
    if getattr(exc, "_theano_explained", False):
        return
    tb = exc.__traceback__
    lineno = None
    frame = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == gen.filename:
            lineno = tb.tb_lineno
            frame = tb.tb_frame
        tb = tb.tb_next
    node = gen.line_nodes.get(lineno)
    if node is None:
        return
    values = frame.f_locals if frame is not None else {}
    shapes = []
    dtypes = []
    for inp in node.inputs:
        v = values.get(names.get(inp))
        if isinstance(inp, Constant):
            v = inp.data
        shapes.append(np.shape(v) if v is not None else "?")
        dtypes.append(getattr(v, "dtype", type(v).__name__) if v is not None else "?")
    lines = [
        f"Apply node that caused the error: {node}",
        f"Toposort index: {gen.nodes.index(node)}",
        f"Inputs types: {[str(i.type) for i in node.inputs]}",
        f"Inputs shapes: {shapes}",
        f"Inputs dtypes: {[str(d) for d in dtypes]}",
    ]
    trace = getattr(node.tag, "trace", None)
    if trace:
        lines.append(f"The node was created at {format_trace(trace)}")
    else:
        lines.append("The node was created by the compiler (a rewrite), not in user code.")
    if config.exception_verbosity == "high":
        from theano.printing import debugprint

        lines.append("Debugprint of the apply node:")
        lines.append(debugprint(node.outputs, file="str"))
    else:
        lines.append(
            "HINT: Use the Theano flag 'exception_verbosity=high' for a debugprint of this "
            "apply node."
        )
    note = "\n".join(lines)
    exc._theano_explained = True
    if exc.args and isinstance(exc.args[0], str):
        exc.args = (f"{exc.args[0]}\n{note}",) + exc.args[1:]
    else:
        exc.add_note(note)


def _python_version_ok():
    return sys.version_info >= (3, 11)
