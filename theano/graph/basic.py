"""The expression graph: Variables, Constants, Apply nodes, and graph walking."""

from collections import deque
from itertools import count

from theano.graph.utils import Scratchpad, user_frame

_variable_ids = count()


class Node:
    """Base of Apply and Variable (Theano's ``gof.graph.Node``)."""

    def get_parents(self):
        raise NotImplementedError


class Apply(Node):
    """One application of an Op to input Variables, producing output Variables.

    ``tag.trace`` keeps the user's ``(filename, lineno)`` that built the node, so
    errors and generated code can point back at user code.
    """

    def __init__(self, op, inputs, outputs):
        self.op = op
        self.inputs = []
        for i, x in enumerate(inputs):
            if not isinstance(x, Variable):
                raise TypeError(
                    f"{op}: input {i} must be a Variable, got {type(x).__name__}: {x!r}"
                )
            self.inputs.append(x)
        self.outputs = []
        for i, out in enumerate(outputs):
            if not isinstance(out, Variable):
                raise TypeError(f"{op}: output {i} must be a Variable, got {out!r}")
            if out.owner is None:
                out.owner = self
                out.index = i
            elif out.owner is not self or out.index != i:
                raise ValueError(f"{op}: output {i} ({out}) already belongs to another Apply")
            self.outputs.append(out)
        self.tag = Scratchpad()
        self.tag.trace = user_frame(2)

    def default_output(self):
        """The output returned by ``op(*inputs)``."""
        do = getattr(self.op, "default_output", None)
        if do is None:
            if len(self.outputs) == 1:
                return self.outputs[0]
            raise ValueError(f"{self.op}.default_output should be an output index.")
        return self.outputs[do]

    out = property(default_output)

    def get_parents(self):
        return list(self.inputs)

    def clone(self):
        """A new Apply with the same op and inputs, and fresh outputs."""
        new = Apply(self.op, self.inputs, [o.clone() for o in self.outputs])
        new.tag = Scratchpad(**self.tag.__dict__)
        return new

    def clone_with_new_inputs(self, inputs, strict=True):
        """A copy of this node applied to ``inputs`` (remade through make_node if types differ)."""
        assert len(inputs) == len(self.inputs)
        remake = False
        for cur, new in zip(self.inputs, inputs):
            if cur.type != new.type:
                remake = True
                break
        if remake and not strict:
            new_node = self.op.make_node(*inputs)
        else:
            if remake:
                inputs = [cur.type.filter_variable(new) for cur, new in zip(self.inputs, inputs)]
            new_node = Apply(self.op, inputs, [o.clone() for o in self.outputs])
        new_node.tag = Scratchpad(**self.tag.__dict__)
        return new_node

    @property
    def nin(self):
        return len(self.inputs)

    @property
    def nout(self):
        return len(self.outputs)

    @property
    def params_type(self):
        return getattr(self.op, "params_type", None)

    def __str__(self):
        return op_as_string(self.inputs, self)

    def __repr__(self):
        return str(self)


class Variable(Node):
    """A symbolic value: a graph input (no owner) or an output of an Apply.

    Variables are compared by identity; two Variables of the same Type are
    interchangeable as graph inputs.
    """

    __count__ = _variable_ids

    def __init__(self, type, owner=None, index=None, name=None):
        self.type = type
        self.owner = owner
        self.index = index
        self.name = name
        self.tag = Scratchpad()
        self.auto_name = "auto_" + str(next(_variable_ids))

    def __str__(self):
        if self.name is not None:
            return self.name
        if self.owner is not None:
            op = self.owner.op
            if self.index == getattr(op, "default_output", None) or len(self.owner.outputs) == 1:
                return f"{op}.{self.index}" if len(self.owner.outputs) > 1 else f"{op}.0"
            return f"{op}.{self.index}"
        return f"<{self.type}>"

    def __repr__(self):
        return str(self)

    def get_parents(self):
        return [self.owner] if self.owner is not None else []

    def clone(self):
        """A new owner-less Variable with the same type, name and tag."""
        cp = self.__class__(self.type, None, None, self.name)
        cp.tag = Scratchpad(**self.tag.__dict__)
        return cp

    def eval(self, inputs_to_values=None):
        """Compile (once, cached per input set) and evaluate this variable.

        ``inputs_to_values`` maps input Variables to values, e.g. ``fx.eval({vx: [2, 3]})``.
        """
        from theano.compile.function import function

        if inputs_to_values is None:
            inputs_to_values = {}
        if not hasattr(self, "_fn_cache"):
            self._fn_cache = {}
        inputs = tuple(inputs_to_values.keys())
        fn = self._fn_cache.get(inputs)
        if fn is None:
            fn = self._fn_cache[inputs] = function(list(inputs), self)
        return fn(*[inputs_to_values[v] for v in inputs])

    def __getstate__(self):
        d = self.__dict__.copy()
        d.pop("_fn_cache", None)
        return d


class Constant(Variable):
    """A Variable with a fixed value ``data``; constants with equal data merge."""

    def __init__(self, type, data, name=None):
        super().__init__(type, None, None, name)
        self.data = type.filter(data)

    def signature(self):
        return (self.type, self.data)

    def __str__(self):
        if self.name is not None:
            return self.name
        text = str(self.data)
        if len(text) > 20:
            text = text[:10] + "..." + text[-10:]
        return f"Constant{{{text}}}"

    def clone(self):
        cp = self.__class__(self.type, self.data, self.name)
        cp.tag = Scratchpad(**self.tag.__dict__)
        return cp

    @property
    def value(self):
        return self.data


def op_as_string(inputs, node):
    args = ", ".join(str(i) for i in node.inputs)
    return f"{node.op}({args})"


# ----------------------------------------------------------------------------------------
# Graph walking.  Every walk here is iterative (no recursion limit on deep graphs).


def ancestors(variables, blockers=None):
    """Every Variable the ``variables`` depend on (themselves included), outputs first."""
    blockers = set(blockers or ())
    seen = set()
    out = []
    stack = list(variables)[::-1]
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        out.append(v)
        if v.owner is not None and v not in blockers:
            stack.extend(reversed(v.owner.inputs))
    return out


def graph_inputs(variables, blockers=None):
    """The owner-less Variables (inputs and constants) that ``variables`` depend on."""
    blockers = set(blockers or ())
    return [v for v in ancestors(variables, blockers) if v.owner is None or v in blockers]


inputs = graph_inputs


def io_toposort(inputs, outputs, orderings=None):
    """Apply nodes between ``inputs`` and ``outputs`` in a valid execution order.

    Without extra ``orderings`` the order is Theano 1.0's (a stack that revisits a
    node once its inputs are computed), so debugprint's toposort indices match the
    numbers Theano printed.
    """
    stop = set(inputs)
    if not orderings:
        done = set()
        order = []
        todo = [o.owner for o in reversed(outputs) if o.owner is not None and o not in stop]
        while todo:
            cur = todo.pop()
            if cur in done:
                continue
            deps = [
                i.owner
                for i in cur.inputs
                if i.owner is not None and i not in stop and i.owner not in done
            ]
            if deps:
                todo.append(cur)
                todo.extend(deps)
            else:
                done.add(cur)
                order.append(cur)
        return order
    order = []
    done = set()
    # Iterative post-order DFS over apply nodes, honouring the extra orderings.
    for out in outputs:
        if out.owner is None or out in stop or out.owner in done:
            continue
        stack = [(out.owner, False)]
        while stack:
            node, expanded = stack.pop()
            if node in done:
                continue
            if expanded:
                done.add(node)
                order.append(node)
                continue
            stack.append((node, True))
            deps = [
                i.owner
                for i in node.inputs
                if i.owner is not None and i not in stop and i.owner not in done
            ]
            deps.extend(n for n in orderings.get(node, ()) if n not in done)
            for dep in reversed(deps):
                stack.append((dep, False))
    return order


def applys_between(inputs, outputs):
    return io_toposort(inputs, outputs)


def variables_between(inputs, outputs):
    stop = set(inputs)
    seen = set()
    out = []
    queue = deque(outputs)
    while queue:
        v = queue.popleft()
        if v in seen:
            continue
        seen.add(v)
        out.append(v)
        if v.owner is not None and v not in stop:
            queue.extend(v.owner.inputs)
    return out


def clone_get_equiv(inputs, outputs, copy_inputs=True, copy_orphans=True, memo=None):
    """Clone the graph between ``inputs`` and ``outputs``; return the old->new map.

    Inputs (and orphans: owner-less non-inputs such as constants) are cloned when
    ``copy_inputs`` / ``copy_orphans`` is true, else kept.
    """
    memo = {} if memo is None else memo
    for v in inputs:
        if v not in memo:
            memo[v] = v.clone() if copy_inputs else v
    for node in io_toposort(inputs, outputs):
        for v in node.inputs:
            if v not in memo:
                memo[v] = v.clone() if (copy_orphans and v.owner is None) else v
        new_node = node.clone_with_new_inputs([memo[i] for i in node.inputs])
        memo[node] = new_node
        for old, new in zip(node.outputs, new_node.outputs):
            memo[old] = new
    for v in outputs:
        if v not in memo:
            memo[v] = v.clone() if (copy_orphans and v.owner is None) else v
    return memo


def clone(inputs, outputs, copy_inputs=True, copy_orphans=True):
    """Copy the subgraph from ``inputs`` to ``outputs``; return ``(new_inputs, new_outputs)``."""
    equiv = clone_get_equiv(inputs, outputs, copy_inputs, copy_orphans)
    return [equiv[i] for i in inputs], [equiv[o] for o in outputs]


def clone_replace(outputs, replace=None, strict=True, share_inputs=True):
    """Clone ``outputs`` with the Variables in ``replace`` (dict or pairs) substituted.

    This is ``theano.clone``: inputs are shared with the original graph unless
    ``share_inputs`` is False.
    """
    single = not isinstance(outputs, (list, tuple))
    outs = [outputs] if single else list(outputs)
    if replace is None:
        pairs = []
    elif isinstance(replace, dict):
        pairs = list(replace.items())
    else:
        pairs = list(replace)
    memo = {}
    for old, new in pairs:
        if strict and hasattr(old, "type") and hasattr(new, "type") and old.type != new.type:
            new = old.type.filter_variable(new)
        memo[old] = new
    blockers = [old for old, _ in pairs]
    all_inputs = graph_inputs(outs, blockers)
    for v in all_inputs:
        if v not in memo:
            memo[v] = v if share_inputs else v.clone()
    for node in io_toposort(list(memo.keys()), outs):
        if any(o in memo for o in node.outputs):
            continue
        new_inputs = [memo.get(i, i) for i in node.inputs]
        if all(a is b for a, b in zip(new_inputs, node.inputs)):
            new_node = node.clone()
        else:
            new_node = node.clone_with_new_inputs(new_inputs, strict=strict)
        for old, new in zip(node.outputs, new_node.outputs):
            memo[old] = new
    result = [memo.get(o, o) for o in outs]
    return result[0] if single else result


def is_in_ancestors(l_node, f_node):
    """True when Apply ``f_node`` is an ancestor of Apply ``l_node``."""
    return any(v.owner is f_node for v in ancestors(l_node.inputs))


def view_roots(v):
    """The Variables ``v`` may be a view of, following every op's ``view_map``."""
    owner = v.owner
    if owner is None:
        return [v]
    vmap = getattr(owner.op, "view_map", {}) or {}
    dmap = getattr(owner.op, "destroy_map", {}) or {}
    idx = owner.outputs.index(v)
    src = vmap.get(idx, []) + dmap.get(idx, [])
    if not src:
        return [v]
    roots = []
    for i in src:
        roots.extend(view_roots(owner.inputs[i]))
    return roots
