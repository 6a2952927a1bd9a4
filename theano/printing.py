"""Printing graphs: debugprint (indented trees), the Print op, and pp (infix formulas).

pp, pprint and their printers are defined in ``theano.printing_pp`` and re-exported here.
Output follows Theano 1.0.5 character for character (``(x ** TensorConstant{2})``,
``Elemwise{add,no_inplace} [id A] ''   0``), except where Theano had a bug: debugprint
honours ``used_ids`` (Theano 1.0.5 discarded it) and raises ValueError for an unknown
``ids`` mode; see ``theano.printing_pp`` for pp's.
"""

import hashlib
import io
import sys

import numpy as np

from theano.graph.basic import Apply, Constant, Variable
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op
from theano.printing_pp import (  # noqa: F401  (re-exported: theano.printing.pp and friends)
    VALID_ASSOC,
    DefaultPrinter,
    DimShufflePrinter,
    FunctionPrinter,
    IgnorePrinter,
    LeafPrinter,
    MakeVectorPrinter,
    OperatorPrinter,
    PatternPrinter,
    PPrinter,
    PrinterState,
    SubtensorPrinter,
    default_printer,
    greek,
    leaf_printer,
    pp,
    pprint,
    special,
)

# ----------------------------------------------------------------------------------------
# debugprint: one line per Apply node, inputs indented under it


_ID_MODES = ("CHAR", "id", "int", "")


def char_from_number(number):
    """``number`` written in base 26 with the digits A..Z: 0 -> 'A', 25 -> 'Z', 26 -> 'BA'."""
    digits = []
    while True:
        number, rem = divmod(number, 26)
        digits.append(chr(ord("A") + rem))
        if number == 0:
            return "".join(reversed(digits))


def debugprint(obj, depth=-1, print_type=False, file=None, ids="CHAR", stop_on_name=False,
               done=None, print_storage=False, print_clients=False, used_ids=None):
    """Print a graph as an indented tree, one line per Apply node or input.

    Each line shows the op (``Elemwise{add,no_inplace}``, with ``.i`` for output ``i``
    of a multi-output node), an id (``[id A]``), the variable's name in quotes, and
    for a compiled function or FunctionGraph the node's position in the toposort.
    A node met again is shown by its id line only, without its inputs.

    Parameters
    ----------
    obj : Variable, Apply, FunctionGraph, compiled Function, In/Out, or a list of them
        What to print.  A Function prints its rewritten graph (``f.maker.fgraph``),
        update outputs included.  Numbers and arrays are printed as they are.
    depth : int
        Print at most this many levels (-1: all).
    print_type : bool
        Add each variable's type, ``<TensorType(float64, scalar)>``.
    file : None, 'str' or a writable file
        None prints to stdout and returns None; 'str' returns the text; a file is
        written to and returned.
    ids : {'CHAR', 'id', 'int', ''}
        Ids as letters (``[id A]``), Python ``id()`` numbers, counters, or none.
    stop_on_name : bool
        Do not expand the inputs of named variables.
    done : dict, optional
        Nodes already printed (node -> id string), shared between calls.
    print_storage : bool
        Add each variable's storage cell: for a Function, the value of constants and
        of input containers (intermediate values are not kept, shown as ``[None]``).
    print_clients : bool
        For a Function or FunctionGraph, list the clients of variables used more
        than once: ``clients:[('[id B]', 1), ('output', '')]``.
    used_ids : dict, optional
        Object -> id string; pass the same dict to several calls to keep their ids
        consistent.

    Returns
    -------
    None, str, or the file given.

    Examples
    --------
    >>> import theano.tensor as T
    >>> from theano.printing import debugprint
    >>> x = T.dscalar('x')
    >>> debugprint(x ** 2)  # doctest: +NORMALIZE_WHITESPACE
    Elemwise{pow,no_inplace} [id A] ''
     |x [id B]
     |TensorConstant{2} [id C]
    """
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)):
        raise TypeError(f"debugprint: depth must be an int, got {depth!r}")
    if ids not in _ID_MODES:
        raise ValueError(f"debugprint: ids must be one of {_ID_MODES}, got {ids!r}")
    if file == "str":
        out = io.StringIO()
    elif file is None:
        out = sys.stdout
    else:
        out = file
    printer = _TreePrinter(
        out,
        print_type=print_type,
        ids=ids,
        stop_on_name=stop_on_name,
        done={} if done is None else done,
        used_ids={} if used_ids is None else used_ids,
        print_clients=print_clients,
    )

    items = []
    objs = obj if isinstance(obj, (list, tuple, set)) else [obj]
    for o in objs:
        if isinstance(o, Variable):
            items.append((o, None))
        elif isinstance(o, Apply):
            items.extend((v, None) for v in o.outputs)
        elif _is_function(o):
            fg = o.maker.fgraph
            storage = _function_storage(o) if print_storage else None
            ctx = _GraphContext(fg, storage)
            items.extend((v, ctx) for v in fg.outputs)
        elif isinstance(o, FunctionGraph):
            storage = getattr(o, "storage_map", None) if print_storage else None
            ctx = _GraphContext(o, storage)
            items.extend((v, ctx) for v in o.outputs)
        elif isinstance(o, (int, float, np.number, np.ndarray)):
            print(o, file=out)
        elif isinstance(getattr(o, "variable", None), Variable):
            # In / Out specifications of theano.function
            items.append((o.variable, None))
        else:
            raise TypeError(
                f"debugprint cannot print an object of type {type(o).__name__}: {o!r}"
            )

    for var, ctx in items:
        printer.print_tree(var, depth, ctx)
    printer.print_inner_graphs(depth)

    if file == "str":
        return out.getvalue()
    if file is None:
        return None
    if hasattr(out, "flush"):
        out.flush()
    return out


def _is_function(obj):
    maker = getattr(obj, "maker", None)
    return isinstance(getattr(maker, "fgraph", None), FunctionGraph)


class _GraphContext:
    """What debugprint knows about the graph a variable belongs to (Function, FunctionGraph)."""

    def __init__(self, fgraph, storage=None):
        self.order = {node: i for i, node in enumerate(fgraph.toposort())}
        self.storage = storage
        self.clients = getattr(fgraph, "clients", None)


def _function_storage(fn):
    """A storage map for a compiled Function: constants and input containers' values."""
    fg = fn.maker.fgraph
    storage = {}
    for var in fg.variables:
        storage[var] = [var.data] if isinstance(var, Constant) else [None]
    containers = list(getattr(fn.maker, "input_containers", []))
    containers += [sv.container for sv in getattr(fn.maker, "shared_inputs", [])]
    for var, container in zip(fg.inputs, containers):
        storage[var] = [getattr(container, "value", None)]
    return storage


def _inner_graph(node):
    """``(inner_outputs, inner_to_outer)`` for an op holding an inner graph, else None.

    An op exposes its graph as ``inner_inputs`` / ``inner_outputs`` (optionally
    ``inner_to_outer_inputs(node)``, a dict), or Theano's Scan way: ``inputs`` /
    ``outputs`` lists and ``var_mappings['outer_inp_from_inner_inp']``.
    """
    op = node.op
    ins = getattr(op, "inner_inputs", None)
    outs = getattr(op, "inner_outputs", None)
    if ins is None or outs is None:
        ins = getattr(op, "inputs", None)
        outs = getattr(op, "outputs", None)
    if not isinstance(ins, (list, tuple)) or not isinstance(outs, (list, tuple)):
        return None
    if not all(isinstance(v, Variable) for v in list(ins) + list(outs)):
        return None
    if hasattr(op, "inner_to_outer_inputs"):
        mapping = dict(op.inner_to_outer_inputs(node))
    elif isinstance(getattr(op, "var_mappings", None), dict):
        pairs = op.var_mappings.get("outer_inp_from_inner_inp", {})
        mapping = {ins[i]: node.inputs[o] for i, o in pairs.items()}
    elif len(ins) == len(node.inputs):
        mapping = dict(zip(ins, node.inputs))
    else:
        mapping = {}
    return list(outs), mapping


class _TreePrinter:
    """The state of one debugprint call: ids given so far, nodes printed, inner graphs seen."""

    def __init__(self, file, print_type, ids, stop_on_name, done, used_ids, print_clients):
        self.file = file
        self.print_type = print_type
        self.ids = ids
        self.stop_on_name = stop_on_name
        self.done = done
        self.used_ids = used_ids
        self.print_clients = print_clients
        self.inner = []  # variables whose op holds an inner graph, in order met
        self._inner_nodes = set()

    def id_of(self, obj, printed=True):
        if isinstance(obj, str):  # the "output" client of an fgraph output
            return obj
        id_str = self.used_ids.get(obj)
        if id_str is None:
            n = len(self.used_ids)
            if self.ids == "CHAR":
                id_str = f"[id {char_from_number(n)}]"
            elif self.ids == "int":
                id_str = f"[id {n}]"
            elif self.ids == "id":
                id_str = f"[id {id(obj)}]"
            else:
                id_str = ""
            self.used_ids[obj] = id_str
        if printed:
            self.done[obj] = id_str
        return id_str

    def print_tree(self, root, depth, ctx, prefix="", prefix_child="", inner_map=None):
        # Depth-first, children in input order; an explicit stack so that deep graphs
        # do not hit Python's recursion limit.
        stack = [(root, prefix, prefix_child, depth)]
        while stack:
            var, prefix, prefix_child, depth = stack.pop()
            if depth == 0:
                continue
            type_str = f" <{var.type}>" if self.print_type else ""
            node = var.owner
            if node is None:
                self._print_leaf(var, prefix, type_str, ctx, inner_map)
                continue
            already_printed = node in self.done
            id_str = self.id_of(node)
            idx = "" if len(node.outputs) == 1 else f".{node.outputs.index(var)}"
            name = var.name if var.name is not None else ""
            order = ""
            data = ""
            clients = ""
            if ctx is not None:
                order = str(ctx.order.get(node, ""))
                if ctx.storage:
                    data = " " + str(ctx.storage.get(var, ""))
                if self.print_clients:
                    clients = self._clients_str(var, ctx)
            print(f"{prefix}{node.op}{idx} {id_str}{type_str} '{name}'   {order}{data}{clients}",
                  file=self.file)
            if already_printed:
                continue
            if node not in self._inner_nodes and _inner_graph(node) is not None:
                self._inner_nodes.add(node)
                self.inner.append(var)
            if self.stop_on_name and var.name is not None:
                continue
            n = len(node.inputs)
            children = []
            for i, inp in enumerate(node.inputs):
                last = i == n - 1
                children.append(
                    (inp, prefix_child + " |", prefix_child + ("  " if last else " |"), depth - 1)
                )
            stack.extend(reversed(children))

    def _print_leaf(self, var, prefix, type_str, ctx, inner_map):
        id_str = self.id_of(var)
        if inner_map is not None and var in inner_map:
            outer = inner_map[var]
            outer_id = self.id_of(outer.owner if outer.owner is not None else outer)
            print(f"{prefix}{var} {id_str}{type_str} -> {outer_id}", file=self.file)
            return
        data = ""
        if ctx is not None and ctx.storage:
            data = " " + str(ctx.storage.get(var, ""))
        print(f"{prefix}{var} {id_str}{type_str}{data}", file=self.file)

    def _clients_str(self, var, ctx):
        if ctx.clients is None:
            return ""
        users = ctx.clients.get(var, [])
        if len(users) <= 1:
            return ""
        entries = []
        for client, _ in users:
            if isinstance(client, str):
                entries.append((client, ""))
            else:
                entries.append((self.id_of(client, printed=False), ctx.order.get(client, "")))
        return " clients:" + str(entries)

    def print_inner_graphs(self, depth):
        if not self.inner:
            return
        print(file=self.file)
        print("Inner graphs of the scan ops:", file=self.file)
        i = 0
        while i < len(self.inner):
            var = self.inner[i]
            i += 1
            outputs, mapping = _inner_graph(var.owner)
            print(file=self.file)
            self.print_tree(var, depth, None, inner_map=mapping)
            for out in outputs:
                self.print_tree(out, depth, None, prefix=" >", prefix_child=" >",
                                inner_map=mapping)


# ----------------------------------------------------------------------------------------
# The Print op


def _print_fn(op, xin):
    for attr in op.attrs:
        value = getattr(xin, attr)
        if callable(value):
            value = value()
        print(op.message, attr, "=", value)


class Print(Op):
    """Identity op that prints its input when the function runs.

    ``Print(message, attrs)(x)`` returns a variable equal to ``x``; each evaluation
    prints ``message attr = value`` for every attribute name in ``attrs``
    (callables such as ``'sum'`` are called).  Default: ``message __str__ = x``.
    The op is opaque to rewrites, so it can hide patterns they would simplify
    (``log(1 + Print()(x))`` is not turned into ``log1p``).

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dvector('x')
    >>> f = theano.function([x], Print('x is', attrs=('shape', 'sum'))(x) * 2)
    >>> f([1., 2.])
    x is shape = (2,)
    x is sum = 3.0
    array([2., 4.])
    """

    __props__ = ("message", "attrs", "global_fn")
    view_map = {0: [0]}

    def __init__(self, message="", attrs=("__str__",), global_fn=_print_fn):
        self.message = message
        self.attrs = tuple(attrs)
        self.global_fn = global_fn

    def make_node(self, xin):
        if not isinstance(xin, Variable):
            from theano.tensor.basic import as_tensor_variable

            xin = as_tensor_variable(xin)
        return Apply(self, [xin], [xin.type()])

    def perform(self, node, inputs, output_storage):
        (xin,) = inputs
        output_storage[0][0] = xin
        self.global_fn(self, xin)

    def infer_shape(self, fgraph, node, shapes):
        return list(shapes)

    def grad(self, inputs, output_grads):
        return list(output_grads)

    def R_op(self, inputs, eval_points):
        return list(eval_points)

    def do_constant_folding(self, node):
        # Folding would print once at compile time instead of at every call.
        return False

    def __setstate__(self, state):
        state.setdefault("global_fn", _print_fn)
        self.__dict__.update(state)


# ----------------------------------------------------------------------------------------
# pydotprint


from theano.printing_dot import pydotprint, pydotprint_variables  # noqa: F401
from theano.graph.rewriting.utils import print_rewrites  # noqa: E402,F401

# ----------------------------------------------------------------------------------------
# Short, position-independent descriptions of graphs


class _TagGenerator:
    """Hands out the tags A, B, ..., Z, BA, BB ... in order."""

    def __init__(self):
        self.cur_tag_number = 0

    def get_tag(self):
        tag = char_from_number(self.cur_tag_number)
        self.cur_tag_number += 1
        return tag


def min_informative_str(obj, indent_level=0, _prev_obs=None, _tag_generator=None):
    """The smallest tree that says what ``obj`` is: expands the graph down to named
    variables and constants only, one tagged line per object, repeats as ``<A>``.

    Examples
    --------
    >>> import theano.tensor as T
    >>> x = T.dscalar('x')
    >>> print(min_informative_str(x ** 2))
    A. Elemwise{pow,no_inplace}
     B. x
     C. TensorConstant{2}
    """
    if _prev_obs is None:
        _prev_obs = {}
    if _tag_generator is None:
        _tag_generator = _TagGenerator()
    indent = " " * indent_level
    if id(obj) in _prev_obs:
        return f"{indent}<{_prev_obs[id(obj)]}>"
    tag = _tag_generator.get_tag()
    _prev_obs[id(obj)] = tag
    if hasattr(obj, "__array__"):
        text = "<ndarray>"
    elif getattr(obj, "name", None) is not None:
        text = obj.name
    elif getattr(obj, "owner", None) is not None:
        lines = [str(obj.owner.op)]
        for inp in obj.owner.inputs:
            lines.append(
                min_informative_str(inp, indent_level + 1, _prev_obs, _tag_generator)
            )
        text = "\n".join(lines)
    else:
        text = str(obj)
    return f"{indent}{tag}. {text}"


def var_descriptor(obj, _prev_obs=None, _tag_generator=None):
    """A one-line description of how ``obj`` is computed, free of memory addresses.

    Names are used only for owner-less variables, so naming an intermediate result
    does not change the descriptor.
    """
    if _prev_obs is None:
        _prev_obs = {}
    if _tag_generator is None:
        _tag_generator = _TagGenerator()
    if id(obj) in _prev_obs:
        return f"<{_prev_obs[id(obj)]}>"
    tag = _tag_generator.get_tag()
    _prev_obs[id(obj)] = tag
    if hasattr(obj, "__array__") and not isinstance(obj, Variable):
        arr = np.asarray(obj)
        strides = ",".join(str(s) for s in arr.strides)
        digest = hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()
        text = f"<ndarray:strides=[{strides}],digest={digest}>"
    elif getattr(obj, "owner", None) is not None:
        args = ",".join(var_descriptor(i, _prev_obs, _tag_generator) for i in obj.owner.inputs)
        text = f"{obj.owner.op}({args})"
    elif getattr(obj, "name", None) is not None:
        text = obj.name
    else:
        text = str(obj)
        if " at 0x" in text:
            text = position_independent_str(obj)
    return f"{tag}={text}"


def position_independent_str(obj):
    """``theano_var{type=...}`` for a Variable whose str shows a memory address."""
    if isinstance(obj, Variable):
        return f"theano_var{{type={obj.type}}}"
    raise NotImplementedError(f"position_independent_str of {type(obj).__name__}")


def hex_digest(x):
    """A short hash of an ndarray's data, annotated with its strides and shape."""
    if not isinstance(x, np.ndarray):
        raise TypeError(f"hex_digest expects a numpy.ndarray, got {type(x).__name__}")
    digest = hashlib.sha256(np.ascontiguousarray(x).tobytes()).hexdigest()
    strides = ",".join(str(s) for s in x.strides)
    shape = ",".join(str(s) for s in x.shape)
    return f"{digest}|strides=[{strides}]|shape=[{shape}]"
