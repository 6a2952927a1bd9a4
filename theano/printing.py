"""Printing graphs: pp (infix formulas), debugprint (indented trees) and the Print op.

Output follows Theano 1.0.5 character for character (``(x ** TensorConstant{2})``,
``Elemwise{add,no_inplace} [id A] ''   0``), except where Theano had a bug:

- pp of a subtensor prints every index in the user's order and prints the index
  variables themselves: ``a[Constant{0}, Constant{1}]`` and ``a[Constant{1}:]``.
  Theano 1.0.5 took the scalar indices from the end (``a[0, 1]`` printed
  ``a[Constant{1}, Constant{0}]``) and printed slice bounds as their dtype
  (``a[int64:]``).
- debugprint honours ``used_ids`` (Theano 1.0.5 discarded it) and raises ValueError
  for an unknown ``ids`` mode; ``PPrinter.process_graph`` works on Python 3.
"""

import hashlib
import io
import sys

import numpy as np

from theano.graph.basic import Apply, Constant, Variable, io_toposort
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op
from theano.graph.type import Type
from theano.graph.utils import Scratchpad

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
# pp / pprint: a graph as one infix formula

VALID_ASSOC = ("left", "right", "either")

# Names printed as LaTeX-like symbols (Theano's ASCII mode).
special = {"middle_dot": "\\dot", "big_sigma": "\\Sigma"}
greek = {
    "alpha": "\\alpha",
    "beta": "\\beta",
    "gamma": "\\gamma",
    "delta": "\\delta",
    "epsilon": "\\epsilon",
}


class PrinterState(Scratchpad):
    """What printers share while printing one formula.

    ``pprinter`` (the PPrinter), ``memo`` (variable -> its string, so a shared
    subgraph is formatted once) and ``precedence`` (of the enclosing operator).
    """

    def __init__(self, props=None, **more_props):
        super().__init__()
        if isinstance(props, Scratchpad):
            self.__dict__.update(props.__dict__)
        elif props:
            self.__dict__.update(props)
        self.__dict__.update(more_props)
        if "memo" not in self.__dict__:
            self.memo = {}

    def clone(self, props=None, **more_props):
        """A copy with some attributes changed; the memo is shared."""
        new = PrinterState(self)
        if props:
            new.__dict__.update(props)
        new.__dict__.update(more_props)
        return new


def _process_at(pstate, var, precedence):
    """Print ``var`` with ``pstate.precedence`` set to ``precedence`` meanwhile."""
    old = getattr(pstate, "precedence", None)
    pstate.precedence = precedence
    try:
        return pstate.pprinter.process(var, pstate)
    finally:
        pstate.precedence = old


def _owner_or_raise(output, what):
    node = output.owner
    if node is None:
        raise TypeError(
            f"{what} cannot represent a variable that is not the result of an operation: "
            f"{output}"
        )
    return node


class OperatorPrinter:
    """Prints ``(a + b)``, ``(a + b + c)`` or ``(-a)``: an infix or prefix operator.

    ``precedence`` and ``assoc`` ('left', 'right' or 'either') are passed on to
    the inputs' printers; like Theano, every operator is parenthesized.
    """

    def __init__(self, operator, precedence, assoc="left"):
        if assoc not in VALID_ASSOC:
            raise ValueError(f"OperatorPrinter: assoc must be one of {VALID_ASSOC}, got {assoc!r}")
        self.operator = operator
        self.precedence = precedence
        self.assoc = assoc

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, f"operator {self.operator}")
        last = len(node.inputs) - 1
        strings = []
        for i, inp in enumerate(node.inputs):
            precedence = self.precedence
            # The operand that must not regroup binds slightly tighter.
            if (self.assoc == "left" and i != 0) or (self.assoc == "right" and i != last):
                precedence += 1e-6
            strings.append(_process_at(pstate, inp, precedence))
        if len(strings) == 1:
            text = self.operator + strings[0]
        else:
            text = f" {self.operator} ".join(strings)
        result = f"({text})"
        pstate.memo[output] = result
        return result


class PatternPrinter:
    """Prints with %-patterns over the inputs, one pattern per output: ``'|%(0)s|'``.

    A pattern may be a tuple ``(pattern, precedence_of_input_0, ...)``.
    """

    def __init__(self, *patterns):
        self.patterns = []
        for pattern in patterns:
            if isinstance(pattern, str):
                self.patterns.append((pattern, ()))
            else:
                self.patterns.append((pattern[0], tuple(pattern[1:])))

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, f"patterns {self.patterns}")
        pattern, precedences = self.patterns[node.outputs.index(output)]
        precedences = precedences + (1000,) * len(node.inputs)
        values = {
            str(i): _process_at(pstate, inp, prec)
            for i, (inp, prec) in enumerate(zip(node.inputs, precedences))
        }
        result = pattern % values
        pstate.memo[output] = result
        return result


class FunctionPrinter:
    """Prints ``name(input0, input1)``; one name per output of the op."""

    def __init__(self, *names):
        self.names = names

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, f"function {self.names}")
        idx = node.outputs.index(output)
        name = self.names[min(idx, len(self.names) - 1)]
        args = ", ".join(_process_at(pstate, inp, -1000) for inp in node.inputs)
        result = f"{name}({args})"
        pstate.memo[output] = result
        return result


class IgnorePrinter:
    """Prints the op's first input only (ops that do not change the value, e.g. a copy)."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, "IgnorePrinter")
        result = pstate.pprinter.process(node.inputs[0], pstate)
        pstate.memo[output] = result
        return result


class LeafPrinter:
    """Prints a variable by its name (``alpha`` as ``\\alpha``) or ``str``."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        result = greek.get(output.name, None) if output.name is not None else None
        if result is None:
            result = str(output)
        pstate.memo[output] = result
        return result


leaf_printer = LeafPrinter()


class DefaultPrinter:
    """Prints ``str(op)(inputs...)``, or the variable itself when it has no owner."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = output.owner
        if node is None:
            return leaf_printer.process(output, pstate)
        args = ", ".join(_process_at(pstate, inp, -1000) for inp in node.inputs)
        result = f"{node.op}({args})"
        pstate.memo[output] = result
        return result


default_printer = DefaultPrinter()


def _always(pstate, r):
    return True


class _OpIs:
    """Condition: the variable is computed by an op equal to ``op``."""

    def __init__(self, op):
        self.op = op

    def __call__(self, pstate, r):
        owner = getattr(r, "owner", None)
        return owner is not None and owner.op == self.op


class _OpTypeIs:
    """Condition: the variable is computed by an op of exactly this class."""

    def __init__(self, cls):
        self.cls = cls

    def __call__(self, pstate, r):
        owner = getattr(r, "owner", None)
        return owner is not None and type(owner.op) is self.cls


class PPrinter:
    """Formats a variable's graph as one infix expression (``theano.pp``).

    ``assign(condition, printer)`` registers a printer; the last registered
    condition that holds picks the printer.  ``condition`` is an Op instance (ops
    equal to it), an Op class (ops of exactly that class) or a function
    ``condition(pstate, variable) -> bool``.  A printer has a method
    ``process(variable, pstate) -> str`` and prints inputs with
    ``pstate.pprinter.process(input, pstate)``.
    """

    def __init__(self):
        self.printers = []
        self._lazy_builtins = None

    def assign(self, condition, printer):
        """Use ``printer`` for the variables that ``condition`` selects."""
        if isinstance(condition, Op):
            condition = _OpIs(condition)
        elif isinstance(condition, type):
            condition = _OpTypeIs(condition)
        elif not callable(condition):
            raise TypeError(
                "PPrinter.assign: condition must be an Op, an Op class or a function "
                f"(pstate, variable) -> bool, got {condition!r}"
            )
        self.printers.insert(0, (condition, printer))

    def _install_builtins(self):
        # The printers of the tensor ops are registered on first use, so that this
        # module never imports theano.tensor while theano.tensor is being imported.
        # They go after user assignments and before the catch-all default printer.
        make = self._lazy_builtins
        if make is None:
            return
        self._lazy_builtins = None
        pos = len(self.printers)
        while pos > 0 and self.printers[pos - 1][0] is _always:
            pos -= 1
        self.printers[pos:pos] = make()

    def process(self, r, pstate=None):
        """The formula of variable ``r``."""
        self._install_builtins()
        if not isinstance(r, Variable):
            raise TypeError(
                f"pp expects a Variable, got {type(r).__name__}: {r!r} (print several "
                "outputs with pp.process_graph(inputs, outputs))"
            )
        if pstate is None:
            pstate = PrinterState(pprinter=self)
            self._prewarm(r, pstate)
        elif isinstance(pstate, dict):
            pstate = PrinterState(pprinter=self, **pstate)
        for condition, printer in self.printers:
            if condition(pstate, r):
                return printer.process(r, pstate)
        raise TypeError(f"PPrinter: no printer is assigned for {r}")

    _PREWARM_NODES = 300

    def _prewarm(self, r, pstate):
        # Printers recurse into inputs; on a deep graph (a long chain of additions)
        # that would pass Python's recursion limit.  Print the nodes bottom-up first,
        # so every recursion stops at an input already in the memo.
        nodes = io_toposort([], [r])
        if len(nodes) < self._PREWARM_NODES:
            return
        for node in nodes[:-1]:
            for out in node.outputs:
                try:
                    self.process(out, pstate)
                except (TypeError, ValueError, AttributeError, IndexError, KeyError):
                    # A printer may not handle a variable the final formula never
                    # shows; the real pass reports any error that matters.
                    pstate.memo.pop(out, None)

    def clone(self):
        """An independent copy: assignments to it do not change this printer."""
        self._install_builtins()
        new = PPrinter()
        new.printers = list(self.printers)
        return new

    def clone_assign(self, condition, printer):
        """A clone with one more assignment."""
        new = self.clone()
        new.assign(condition, printer)
        return new

    def process_graph(self, inputs, outputs, updates=None, display_inputs=False):
        """A little program: one line per named intermediate, output and update.

        Named variables inside a formula are printed by name, as ``y`` in
        ``y = (a + b)`` then ``return (y * TensorConstant{2})``.
        """
        updates = dict(updates or {})
        inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        lines = []
        if display_inputs:
            names = ", ".join(str(v) for v in inputs + list(updates.keys()))
            lines.append((0, f"inputs: {names}"))
        current = [None]
        printer = self.clone_assign(
            lambda pstate, r: r.name is not None and r is not current[0], leaf_printer
        )
        updated = {id(new): old for old, new in updates.items()}
        out_pos = {id(v): i for i, v in enumerate(outputs)}
        count = 1
        nodes = io_toposort(inputs + list(updates.keys()), outputs + list(updates.values()))
        for node in nodes:
            for out in node.outputs:
                if id(out) in updated:
                    current[0] = None
                    lines.append((count + 1000, f"{updated[id(out)]} <- {printer.process(out)}"))
                    count += 1
                if out.name is None and id(out) not in out_pos:
                    continue
                current[0] = out
                name = out.name if out.name is not None else f"out[{out_pos[id(out)]}]"
                key = 2000 + out_pos[id(out)] if id(out) in out_pos else count
                if len(outputs) == 1 and outputs[0] is out:
                    lines.append((key, f"return {printer.process(out)}"))
                else:
                    lines.append((key, f"{name} = {printer.process(out)}"))
                count += 1
        lines.sort(key=lambda item: item[0])
        return "\n".join(text for _, text in lines)

    def __call__(self, *args):
        if len(args) == 1:
            return self.process(*args)
        if len(args) == 2 and isinstance(args[1], (PrinterState, dict)):
            return self.process(*args)
        if len(args) >= 2:
            return self.process_graph(*args)
        raise TypeError("Not enough arguments to call.")


class DimShufflePrinter:
    """Hides broadcasting dimshuffles: leading 'x' axes and the identity print nothing,
    a full reversal prints ``x.T``, others ``DimShuffle{1, x, 0}(x)``."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, "DimShufflePrinter")
        order = list(node.op.new_order)
        x = node.inputs[0]
        kept = order
        while kept and kept[0] == "x":
            kept = kept[1:]
        if kept == list(range(x.type.ndim)):
            result = pstate.pprinter.process(x, pstate)
        elif kept == list(reversed(range(x.type.ndim))):
            result = f"{pstate.pprinter.process(x, pstate)}.T"
        else:
            new_order = ", ".join(str(i) for i in order)
            result = f"DimShuffle{{{new_order}}}({pstate.pprinter.process(x, pstate)})"
        pstate.memo[output] = result
        return result


class SubtensorPrinter:
    """Prints ``x[i, a:b:c]`` from a Subtensor's ``idx_list`` and index inputs, in order."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, "SubtensorPrinter")
        x = node.inputs[0]
        index_inputs = iter(node.inputs[1:])

        def entry_str(entry):
            if entry is None:
                return ""
            if isinstance(entry, Type):
                return _process_at(pstate, next(index_inputs), -1000)
            return str(entry)

        parts = []
        for entry in node.op.idx_list:
            if isinstance(entry, slice):
                text = f"{entry_str(entry.start)}:{entry_str(entry.stop)}"
                if entry.step is not None:
                    text += f":{entry_str(entry.step)}"
                parts.append(text)
            else:
                parts.append(entry_str(entry))
        result = f"{_process_at(pstate, x, 1000)}[{', '.join(parts)}]"
        pstate.memo[output] = result
        return result


class MakeVectorPrinter:
    """Prints a vector built from scalars as ``[a, b]``."""

    def process(self, output, pstate):
        if output in pstate.memo:
            return pstate.memo[output]
        node = _owner_or_raise(output, "MakeVectorPrinter")
        result = "[" + ", ".join(_process_at(pstate, i, -1000) for i in node.inputs) + "]"
        pstate.memo[output] = result
        return result


# Theano's operators: symbol, precedence, associativity (by scalar op name).
_TENSOR_OPERATORS = {
    "add": ("+", -2, "either"),
    "mul": ("*", -1, "either"),
    "sub": ("-", -2, "left"),
    "neg": ("-", 0, "either"),
    "true_div": ("/", -1, "left"),
    "int_div": ("//", -1, "left"),
    "pow": ("**", 1, "right"),
}
# Scalar graphs also print mod as an operator (tensor graphs print mod(a, b)).
_SCALAR_OPERATORS = dict(_TENSOR_OPERATORS, mod=("%", -1, "left"))


class _ElemwisePrinter:
    """Elemwise ops print as Theano's tensor functions: ``(a + b)``, ``exp(a)``, ``|a|``,
    ``fill(a, b)``, ``float64(a)``; in-place versions as ``(a += b)``, ``exp=(a)``."""

    def __init__(self):
        self._cache = {}

    def process(self, output, pstate):
        op = output.owner.op
        printer = self._cache.get(op)
        if printer is None:
            printer = self._cache[op] = self._printer_for(op)
        return printer.process(output, pstate)

    @staticmethod
    def _printer_for(op):
        from theano.scalar import basic as scal
        from theano.tensor import elemwise

        scalar_op = op.scalar_op
        inplace = bool(op.inplace_pattern)
        suffix = "=" if inplace else ""
        name = getattr(scalar_op, "name", None)
        public = getattr(elemwise, "_elemwise_of", {})
        if name in _TENSOR_OPERATORS and scalar_op == getattr(scal, name):
            symbol, precedence, assoc = _TENSOR_OPERATORS[name]
            return OperatorPrinter(symbol + suffix, precedence, assoc)
        Cast, abs_, identity, second = scal.Cast, scal.abs_, scal.identity, scal.second
        if isinstance(scalar_op, Cast):
            return FunctionPrinter(scalar_op.o_type.dtype) if not inplace else default_printer
        if scalar_op == second:
            return FunctionPrinter("fill" + suffix)
        if not inplace and scalar_op == abs_:
            return PatternPrinter(("|%(0)s|", -1000))
        if not inplace and scalar_op == identity:
            return IgnorePrinter()
        if scalar_op in public:
            return FunctionPrinter(_function_name(public[scalar_op]) + suffix)
        return default_printer


def _function_name(op):
    """The tensor function's name of a public Elemwise: ``exp``, ``sigmoid``."""
    name = op.name or ""
    if name.startswith("Elemwise{") and name.endswith(",no_inplace}"):
        return name[len("Elemwise{"):-len(",no_inplace}")]
    return name or op.scalar_op.name


class _ScalarOpPrinter:
    """Scalar graphs (inside Composite, or built with theano.scalar): operators infix."""

    def process(self, output, pstate):
        from theano.scalar import basic as scal

        op = output.owner.op
        name = getattr(op, "name", None)
        spec = _SCALAR_OPERATORS.get(name)
        if spec is None or op != getattr(scal, name):
            return default_printer.process(output, pstate)
        return OperatorPrinter(*spec).process(output, pstate)


def _builtin_printers():
    """The (condition, printer) pairs of the ops defined in theano.scalar and theano.tensor."""
    import theano.tensor as T
    from theano.scalar.basic import ScalarOp

    entries = []

    def add(cls, printer):
        if isinstance(cls, type):
            entries.append((_OpTypeIs(cls), printer))

    add(T.Elemwise, _ElemwisePrinter())
    add(T.DimShuffle, DimShufflePrinter())
    add(getattr(T, "Dot", None), OperatorPrinter(special["middle_dot"], -1, "left"))
    add(getattr(T, "MakeVector", None), MakeVectorPrinter())
    add(getattr(T, "Subtensor", None), SubtensorPrinter())
    add(getattr(T, "Join", None), FunctionPrinter("join"))
    add(getattr(T, "Alloc", None), FunctionPrinter("alloc"))
    entries.append(
        (
            lambda pstate, r: r.owner is not None and isinstance(r.owner.op, ScalarOp),
            _ScalarOpPrinter(),
        )
    )
    return entries


pprint = PPrinter()
pprint.assign(_always, default_printer)
pprint._lazy_builtins = _builtin_printers
pp = pprint


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


def pydotprint(*args, **kwargs):
    """Render a graph with pydot/graphviz (not written yet)."""
    raise NotImplementedError("pydotprint: TODO(#5)")


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
