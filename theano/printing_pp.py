"""pp / pprint: a graph printed as one infix formula, ``(x ** TensorConstant{2})``.

``theano.printing`` re-exports the public names (``theano.printing.pp`` is the usual path).
Output follows Theano 1.0.5 character for character, except where Theano had a bug:

- pp of a subtensor prints every index in the user's order and prints the index
  variables themselves: ``a[Constant{0}, Constant{1}]`` and ``a[Constant{1}:]``.
  Theano 1.0.5 took the scalar indices from the end (``a[0, 1]`` printed
  ``a[Constant{1}, Constant{0}]``) and printed slice bounds as their dtype
  (``a[int64:]``).
- ``PPrinter.process_graph`` works on Python 3.
"""

from theano.graph.basic import Variable, io_toposort
from theano.graph.op import Op
from theano.graph.type import Type
from theano.graph.utils import Scratchpad

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
