"""theano.function: turn symbolic inputs and outputs into a fast Python callable."""

import copy as _copy
import warnings
from collections import OrderedDict

from theano.compile.io import In, SymbolicInput, SymbolicOutput
from theano.compile.mode import get_mode
from theano.compile.sharedvalue import Container, SharedVariable
from theano.configparser import config
from theano.graph.basic import Constant, Variable, ancestors, clone_replace
from theano.graph.fg import FunctionGraph
from theano.graph.rewriting.basic import RewriteLog, optimize
from theano.graph.utils import format_trace, user_frame
from theano.link.py.linker import InputSpec, generate


class UnusedInputError(Exception):
    """An explicit input does not contribute to any output or update."""


class OrderedUpdates(OrderedDict):
    """An ordered map from shared variables to their update expressions."""

    def __setitem__(self, key, value):
        if not isinstance(key, SharedVariable):
            raise TypeError("OrderedUpdates keys must be shared variables", key)
        if key in self and self[key] is not value:
            raise KeyError("Collision", key)
        super().__setitem__(key, value)

    def update(self, other=None, **kwargs):
        if other is None:
            return
        items = other.items() if hasattr(other, "items") else other
        for k, v in items:
            if k in self and self[k] is not v:
                raise KeyError("Collision", k)
            self[k] = v

    def __add__(self, other):
        rval = OrderedUpdates()
        rval.update(self)
        rval.update(other)
        return rval


def _as_pairs(updates, what):
    if updates is None:
        return []
    if isinstance(updates, dict):
        if not isinstance(updates, OrderedDict) and len(updates) > 1:
            pass  # Python dicts are ordered: keep the user's order
        return list(updates.items())
    pairs = list(updates)
    for p in pairs:
        if not (isinstance(p, (tuple, list)) and len(p) == 2):
            raise TypeError(
                f"{what} must be a dict or a list of (variable, expression) pairs, got item "
                f"{p!r}"
            )
    return [tuple(p) for p in pairs]


def _to_variable(x, what):
    from theano.tensor.basic import as_tensor_variable

    if isinstance(x, Variable):
        return x
    if hasattr(x, "_as_TensorVariable"):
        return x._as_TensorVariable()
    try:
        return as_tensor_variable(x)
    except TypeError:
        raise TypeError(f"{what} must be a symbolic Variable, got {type(x).__name__}: {x!r}") \
            from None


def function(inputs, outputs=None, mode=None, updates=None, givens=None,
             no_default_updates=False, accept_inplace=False, name=None, rebuild_strict=True,
             allow_input_downcast=None, profile=None, on_unused_input=None):
    """Compile a callable computing ``outputs`` from ``inputs``.

    Parameters
    ----------
    inputs : list of Variable or In
        The explicit parameters of the call, in order.
    outputs : Variable, list of Variables/Out, or dict of them
        What the call returns: one value, a list, or a dict with the same keys.
    updates : dict or list of (SharedVariable, expression)
        New values of shared variables, all computed from the old values and
        written together after the outputs are computed.
    givens : dict or list of (Variable, expression)
        Substitutions made in the graph before compiling.
    no_default_updates : bool or list of SharedVariable
        Skip the shared variables' ``default_update`` expressions (all, or those listed).
    allow_input_downcast : bool or None
        Accept lossy conversions of the values given to the inputs.
    on_unused_input : {'raise', 'warn', 'ignore'}
        What to do with an input that no output depends on (config.on_unused_input).

    Returns
    -------
    Function
    """
    if isinstance(inputs, Variable) or isinstance(inputs, SymbolicInput):
        raise TypeError(
            "theano.function: `inputs` must be a list of variables, e.g. "
            f"theano.function([{inputs}], ...), not a single {type(inputs).__name__}."
        )
    if inputs is None:
        inputs = []
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"theano.function: `inputs` must be a list, got {type(inputs).__name__}")
    if on_unused_input is None:
        on_unused_input = config.on_unused_input
    if on_unused_input not in ("raise", "warn", "ignore"):
        raise ValueError(f"on_unused_input must be 'raise', 'warn' or 'ignore', got "
                         f"{on_unused_input!r}")
    maker = FunctionMaker(
        inputs, outputs, mode=mode, updates=updates, givens=givens,
        no_default_updates=no_default_updates, name=name, rebuild_strict=rebuild_strict,
        allow_input_downcast=allow_input_downcast, on_unused_input=on_unused_input,
        accept_inplace=accept_inplace, profile=profile,
    )
    return maker.create()


class FunctionMaker:
    """Builds the FunctionGraph of a function call, rewrites it, and generates code."""

    def __init__(self, inputs, outputs, mode=None, updates=None, givens=None,
                 no_default_updates=False, name=None, rebuild_strict=True,
                 allow_input_downcast=None, on_unused_input="raise", accept_inplace=False,
                 profile=None):
        self.mode = get_mode(mode)
        if name is None:
            trace = user_frame(3)
            name = f"{trace[0]}:{trace[1]}" if trace else None
        self.name = name
        self.profile = profile
        self.accept_inplace = accept_inplace
        self.on_unused_input = on_unused_input

        # Inputs ---------------------------------------------------------------------
        self.inputs = []
        for i, inp in enumerate(inputs):
            if isinstance(inp, SymbolicInput):
                spec = inp
            elif isinstance(inp, Variable):
                spec = In(inp)
            else:
                raise TypeError(
                    f"theano.function: input {i} must be a symbolic Variable or In, got "
                    f"{type(inp).__name__}: {inp!r}. Inputs are placeholders; pass values "
                    "when you call the function."
                )
            var = spec.variable
            if isinstance(var, SharedVariable):
                raise TypeError(
                    f"Cannot use a shared variable ({var}) as explicit input. Consider "
                    "substituting a non-shared variable via the `givens` parameter"
                )
            if isinstance(var, Constant):
                raise TypeError(f"theano.function: input {i} ({var}) is a constant; "
                                "constants cannot be inputs.")
            if var.owner is not None:
                raise TypeError(
                    f"theano.function: input {i} ({var}) is computed from other variables; "
                    "inputs must be free variables such as T.dvector()."
                )
            if spec.allow_downcast is None and allow_input_downcast is not None:
                spec.allow_downcast = allow_input_downcast
            self.inputs.append(spec)
        seen = set()
        for i, spec in enumerate(self.inputs):
            if spec.variable in seen:
                first = [s.variable for s in self.inputs].index(spec.variable)
                raise UnusedInputError(
                    f"Variable {spec.variable} is used twice in inputs to theano.function, at "
                    f"indices {first} and {i}.  This would result in values provided for it "
                    "being ignored. Please do not duplicate variables in the inputs list."
                )
            seen.add(spec.variable)

        # Outputs --------------------------------------------------------------------
        if outputs is None:
            self.output_kind, keys, outs = "none", None, []
        elif isinstance(outputs, dict):
            self.output_kind = "dict"
            keys = list(outputs.keys())
            outs = [outputs[k] for k in keys]
        elif isinstance(outputs, (list, tuple)):
            self.output_kind, keys, outs = "list", None, list(outputs)
            if not outs:
                self.output_kind = "none"
        else:
            self.output_kind, keys, outs = "single", None, [outputs]
        self.output_keys = keys
        self.outputs = []
        for j, o in enumerate(outs):
            borrow = False
            if isinstance(o, SymbolicOutput):
                o, borrow = o.variable, o.borrow
            if hasattr(o, "_as_TensorVariable"):
                o = o._as_TensorVariable()
            if not isinstance(o, Variable):
                raise TypeError(
                    "Outputs must be theano Variable or Out instances. Received "
                    f"{o} of type {type(o)}"
                    + (" (wrap constants with theano.tensor.constant)" if o is not None else "")
                )
            self.outputs.append(SymbolicOutput(o, borrow))

        # Updates, including In(update=...) and default updates ------------------------
        update_pairs = []
        for k, v in _as_pairs(updates, "updates"):
            if not isinstance(k, SharedVariable):
                raise TypeError(
                    f"An update must be for a shared variable; {k} (type {type(k).__name__}) "
                    "is not one. Only theano.shared variables keep state between calls."
                )
            update_pairs.append((k, v))
        keys_seen = set()
        for k, _ in update_pairs:
            if k in keys_seen:
                raise ValueError(f"this shared variable already has an update expression: {k}")
            keys_seen.add(k)
        checked = []
        for k, v in update_pairs:
            v = _to_variable(v, f"the update of {k}")
            try:
                v = k.type.filter_variable(v, allow_convert=True)
            except TypeError:
                raise TypeError(
                    "An update must have the same type as the original shared variable "
                    f"(shared_var={k}, shared_var.type={k.type}, update_val={v}, "
                    f"update_val.type={getattr(v, 'type', None)}). If the difference is "
                    "related to the broadcast pattern, you can call the "
                    "tensor.unbroadcast(var, axis_to_unbroadcast[, ...]) function to remove "
                    "broadcastable dimensions."
                ) from None
            checked.append((k, v))
        update_pairs = checked

        # Givens -----------------------------------------------------------------------
        given_pairs = []
        for k, v in _as_pairs(givens, "givens"):
            if not isinstance(k, Variable):
                raise TypeError(f"givens keys must be Variables, got {k!r}")
            if not isinstance(v, Variable) and not hasattr(v, "_as_TensorVariable"):
                v = k.type.filter_variable(v)
            v = _to_variable(v, f"the given for {k}")
            if v.type != k.type:
                try:
                    v = k.type.filter_variable(v)
                except TypeError:
                    raise TypeError(
                        f"Types of given are incompatible: {k} has type {k.type} but its "
                        f"replacement {v} has type {v.type}. Use T.cast or patternbroadcast to "
                        "make them match."
                    ) from None
            given_pairs.append((k, v))

        # Rebuild the graph with the givens, then find the shared variables it uses.
        out_vars = [o.variable for o in self.outputs]
        upd_vars = [v for _, v in update_pairs]
        in_updates = [(spec, spec.update) for spec in self.inputs if spec.update is not None]
        roots = out_vars + upd_vars + [_to_variable(u, "In.update") for _, u in in_updates]
        if given_pairs:
            rebuilt = clone_replace(roots, dict(given_pairs), strict=rebuild_strict)
        else:
            rebuilt = list(roots)
        n_out, n_upd = len(out_vars), len(upd_vars)
        out_vars = rebuilt[:n_out]
        upd_vars = rebuilt[n_out:n_out + n_upd]
        in_upd_vars = rebuilt[n_out + n_upd:]
        update_pairs = list(zip([k for k, _ in update_pairs], upd_vars))
        explicit_vars = [spec.variable for spec in self.inputs]

        shared_inputs = []
        pending = list(out_vars + upd_vars + in_upd_vars)
        while True:
            found = [v for v in ancestors(pending)
                     if isinstance(v, SharedVariable) and v.owner is None
                     and v not in shared_inputs and v not in explicit_vars]
            if not found:
                break
            new_exprs = []
            for sv in found:
                shared_inputs.append(sv)
                if self._wants_default_update(sv, no_default_updates, update_pairs):
                    expr = sv.type.filter_variable(_to_variable(sv.default_update,
                                                                f"default_update of {sv}"))
                    update_pairs.append((sv, expr))
                    new_exprs.append(expr)
            pending = new_exprs
            if not pending:
                break

        # Unused inputs ----------------------------------------------------------------
        used = set(ancestors(out_vars + [v for _, v in update_pairs] + in_upd_vars))
        for i, spec in enumerate(self.inputs):
            if spec.variable not in used:
                msg = (
                    "theano.function was asked to create a function computing outputs given "
                    "certain inputs, but the provided input variable at index "
                    f"{i} is not part of the computational graph needed to compute the "
                    f"outputs: {spec.variable}.\nTo make this {{0}} into a {{1}}, you can "
                    "pass the parameter on_unused_input='{2}' to theano.function. To "
                    "disable it completely, use on_unused_input='ignore'."
                )
                if on_unused_input == "raise":
                    raise UnusedInputError(msg.format("error", "warning", "warn"))
                if on_unused_input == "warn":
                    warnings.warn(msg.format("warning", "error", "raise"), stacklevel=4)

        # Containers: explicit inputs with default values, and shared variables.
        self.input_containers = []
        for spec in self.inputs:
            value = getattr(spec, "value", None)
            if isinstance(value, SharedVariable):
                container = value.container
            else:
                container = Container(spec.variable.type, None, name=spec.name,
                                      strict=spec.strict, allow_downcast=spec.allow_downcast)
                if value is not None:
                    container.value = spec.variable.type.filter(
                        value, strict=spec.strict, allow_downcast=spec.allow_downcast)
            self.input_containers.append(container)
        self.shared_inputs = shared_inputs
        self.update_pairs = update_pairs
        self.in_updates = list(zip([s for s, _ in in_updates], in_upd_vars))

        # The FunctionGraph --------------------------------------------------------------
        fg_inputs = explicit_vars + shared_inputs
        fg_outputs = out_vars + [v for _, v in update_pairs] + in_upd_vars
        self.fgraph = FunctionGraph(fg_inputs, fg_outputs, clone=True)
        # Inputs the caller allows the function to overwrite (In(mutable=True)).
        self.fgraph.mutable_inputs = {
            self.fgraph.inputs[i] for i, spec in enumerate(self.inputs) if spec.mutable
        }
        self.fgraph.attach_feature(RewriteLog())
        self.nodes_before = len(self.fgraph.apply_nodes)
        optimize(self.fgraph, self.mode.optimizer)
        self._link()

    @staticmethod
    def _wants_default_update(sv, no_default_updates, update_pairs):
        if sv.default_update is None:
            return False
        if no_default_updates is True:
            return False
        if isinstance(no_default_updates, (list, tuple)) and sv in no_default_updates:
            return False
        return all(k is not sv for k, _ in update_pairs)

    def _link(self, check_inputs=True):
        fg = self.fgraph
        n_exp = len(self.inputs)
        n_out = len(self.outputs)
        n_upd = len(self.update_pairs)
        explicit = [
            (fg.inputs[i], InputSpec(spec.name, spec.strict, spec.allow_downcast))
            for i, spec in enumerate(self.inputs)
        ]
        implicit = [(fg.inputs[n_exp + j], sv.container)
                    for j, sv in enumerate(self.shared_inputs)]
        outputs = [(fg.outputs[j], self.outputs[j].borrow) for j in range(n_out)]
        updates = [(sv.container, fg.outputs[n_out + j])
                   for j, (sv, _) in enumerate(self.update_pairs)]
        for j, (spec, _) in enumerate(self.in_updates):
            idx = self.inputs.index(spec)
            updates.append((self.input_containers[idx], fg.outputs[n_out + n_upd + j]))
        # Inputs that have their own state (In with update) are read from containers
        # when not given: their containers get the updated values.
        self.generated = generate(
            fg, explicit, implicit, outputs, updates, name=self.name,
            output_kind=self.output_kind, output_keys=self.output_keys,
            check_inputs=check_inputs,
        )

    def create(self, input_storage=None, trustme=False):
        return Function(self)

    @property
    def rewrites(self):
        """The rewrites applied while compiling: (name, old variable, new variable) records.

        ``print(f.maker.rewrites)`` shows them as a table (see ``print_rewrites``).
        """
        from theano.graph.rewriting.utils import rewrites_of

        return rewrites_of(self.fgraph)


class Function:
    """A compiled function: call it with values for its inputs.

    Positional and keyword arguments (by input name) are accepted; inputs given a
    default value with ``In(x, value=...)`` may be omitted.  ``f.source`` is the
    generated Python source; ``f.maker.fgraph`` the rewritten graph.
    """

    def __init__(self, maker):
        self.maker = maker
        self.name = maker.name
        self.input_storage = maker.input_containers
        self._n_in = len(maker.inputs)
        self._names = {}
        for i, spec in enumerate(maker.inputs):
            if spec.name is not None:
                if spec.name in self._names:
                    self._names[spec.name] = None  # ambiguous
                else:
                    self._names[spec.name] = i
        self._trust_input = False
        self._fn = maker.generated.fn
        self._fn_trusted = None

    # Calling ---------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if kwargs or len(args) != self._n_in:
            args = self._bind(args, kwargs)
        return self._fn(*args)

    def _bind(self, args, kwargs):
        n = self._n_in
        label = f' "{self.name}"' if self.name else ""
        if len(args) > n:
            shared = [str(sv) for sv in self.maker.shared_inputs]
            hint = ""
            if n == 0 and shared:
                hint = (
                    f" This function takes no inputs: it reads the shared variable"
                    f"{'s' if len(shared) > 1 else ''} {', '.join(shared)}, so a value cannot "
                    "be passed when calling it. Set the shared value with "
                    "`shared_var.set_value(value)` before calling, or build the function with "
                    "an explicit input (and `givens`) instead."
                )
            raise TypeError(
                f"Too many parameter passed to theano function{label}: it takes {n} "
                f"input{'s' if n != 1 else ''} ({self._describe_inputs()}) but got "
                f"{len(args)} positional argument{'s' if len(args) != 1 else ''}.{hint}"
            )
        values = list(args) + [_MISSING] * (n - len(args))
        for key, value in kwargs.items():
            idx = self._names.get(key, _MISSING)
            if idx is _MISSING:
                named = [s.name for s in self.maker.inputs if s.name is not None]
                raise TypeError(
                    f"Unknown input or state: {key}. The function{label} has {len(named)} "
                    f"named input{'s' if len(named) != 1 else ''} ({', '.join(named)})."
                    + ("" if len(named) == n else
                       " Inputs without a name cannot be given by keyword (use name=... "
                       "when creating the variable).")
                )
            if idx is None:
                raise TypeError(f"Ambiguous name: {key} - please check the names of the "
                                "inputs of your function for duplicates.")
            if values[idx] is not _MISSING:
                raise TypeError(f"Multiple values for input: {key}")
            values[idx] = value
        for i, v in enumerate(values):
            if v is _MISSING:
                container = self.input_storage[i]
                if container.value is None:
                    spec = self.maker.inputs[i]
                    what = spec.name if spec.name else str(spec.variable)
                    raise TypeError(
                        f"Missing required input: {what} (position {i}) of theano "
                        f"function{label}, which takes {n} input{'s' if n != 1 else ''} "
                        f"({self._describe_inputs()}); got {len(args)} positional and "
                        f"{len(kwargs)} keyword argument{'s' if len(kwargs) != 1 else ''}."
                    )
                values[i] = container.value
        return values

    def _describe_inputs(self):
        parts = []
        for spec in self.maker.inputs:
            parts.append(f"{spec.name or '<unnamed>'}: {spec.variable.type}")
        return ", ".join(parts) if parts else "none"

    @property
    def trust_input(self):
        return self._trust_input

    @trust_input.setter
    def trust_input(self, value):
        self._trust_input = bool(value)
        if value:
            if self._fn_trusted is None:
                generated = self.maker.generated
                self.maker._link(check_inputs=False)
                self._fn_trusted = self.maker.generated.fn
                self.maker.generated = generated
            self._fn = self._fn_trusted
        else:
            self._fn = self.maker.generated.fn

    # Defaults and state -------------------------------------------------------------
    def _index(self, key):
        if isinstance(key, int):
            return key
        if isinstance(key, str):
            idx = self._names.get(key)
            if idx is None:
                raise KeyError(key)
            return idx
        for i, spec in enumerate(self.maker.inputs):
            if spec.variable is key:
                return i
        raise KeyError(key)

    def __getitem__(self, key):
        return self.input_storage[self._index(key)].value

    def __setitem__(self, key, value):
        i = self._index(key)
        c = self.input_storage[i]
        c.value = c.type.filter(value, strict=c.strict, allow_downcast=c.allow_downcast)

    def __contains__(self, key):
        try:
            self._index(key)
            return True
        except KeyError:
            return False

    @property
    def defaults(self):
        return [(c.value is None, c.value is not None, c.value) for c in self.input_storage]

    @property
    def source(self):
        """The generated Python source of this function."""
        return self.maker.generated.source

    @property
    def fgraph(self):
        return self.maker.fgraph

    def copy(self, share_memory=False, swap=None, delete_updates=False, name=None,
             profile=None):
        """A new Function with the same graph.

        ``swap`` maps shared variables to replacements (same type); ``delete_updates``
        drops the updates; without ``share_memory`` the copy's default values are copied.
        """
        maker = self.maker
        swap = dict(swap or {})
        for old, new in swap.items():
            if old.type != new.type:
                raise TypeError(
                    f"Cannot swap {old} (type {old.type}) for {new} (type {new.type}): the "
                    "types differ."
                )
        new = _copy.copy(maker)
        new.name = name if name is not None else maker.name
        new.shared_inputs = [swap.get(sv, sv) for sv in maker.shared_inputs]
        if delete_updates:
            new.update_pairs = []
            new.in_updates = []
            fg = maker.fgraph
            n_out = len(maker.outputs)
            new.fgraph = FunctionGraph(fg.inputs, fg.outputs[:n_out], clone=True)
            new.fgraph.attach_feature(RewriteLog())
        else:
            new.update_pairs = [(swap.get(sv, sv), v) for sv, v in maker.update_pairs]
        new.input_containers = []
        for c in maker.input_containers:
            if share_memory:
                new.input_containers.append(c)
            else:
                nc = Container(c.type, _copy.deepcopy(c.value), c.name, c.strict,
                               c.allow_downcast)
                new.input_containers.append(nc)
        new._link()
        return Function(new)

    def free(self):
        """Theano freed intermediate buffers; this backend keeps none between calls."""

    def sync_shared(self):
        pass

    def __repr__(self):
        return f"<theano.compile.function.Function {self.name or ''}>"


_MISSING = object()


def function_dump(filename, inputs, outputs=None, mode=None, updates=None, givens=None,
                  no_default_updates=False, accept_inplace=False, name=None,
                  rebuild_strict=True, allow_input_downcast=None, profile=None,
                  on_unused_input=None, extra_tag_to_remove=None):
    """Pickle the arguments of a ``function`` call to ``filename`` (for bug reports)."""
    import pickle

    d = dict(inputs=inputs, outputs=outputs, mode=mode, updates=updates, givens=givens,
             no_default_updates=no_default_updates, accept_inplace=accept_inplace, name=name,
             rebuild_strict=rebuild_strict, allow_input_downcast=allow_input_downcast,
             profile=profile, on_unused_input=on_unused_input)
    with open(filename, "wb") as f:
        pickle.dump(d, f, -1)


_ = format_trace
