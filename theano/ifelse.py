"""theano.ifelse: a lazy if/else that evaluates only the branch its scalar condition picks.

``ifelse(c, then, else)`` builds one ``IfElse`` node whose two branches are inner
graphs.  The cut is made when the node is built: the graph of the condition and the
values both branches need stay in the outer graph (they are computed anyway); what
only one branch needs moves into that branch, so a backend runs it only when the
branch is taken.  The node's inputs are the condition followed by the values at the
cut, shared by both branches.  ``T.switch`` is the element-wise, eager alternative.
"""

import copy

import numpy as np

from theano.configparser import config
from theano.graph.basic import (
    Apply,
    Constant,
    Variable,
    ancestors,
    clone_replace,
    io_toposort,
    view_roots,
)
from theano.graph.features import RewriteLog
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op, _maybe_compute_test_value
from theano.graph.rewriting.basic import GraphRewriter, optimize, replace_and_log
from theano.graph.rewriting.db import OptimizationDatabase, Query
from theano.graph.rewriting.pipeline import optdb, query_optdb
from theano.tensor.basic import as_tensor_variable, cast
from theano.tensor.type import TensorType

__all__ = ["IfElse", "ifelse"]


class IfElse(Op):
    """Choose between two lists of values on a scalar condition, computing only one.

    ``IfElse(n_outs)(c, t_1, ..., t_n, f_1, ..., f_n)`` returns ``t_i`` where ``c``
    is non-zero (NaN counts as true) and ``f_i`` elsewhere; ``t_i`` and ``f_i`` must
    have the same type.  Building the node moves the computations that only one
    branch needs into that branch (see the module docstring); the op of the node
    holds the branches, and is equal to another IfElse when its ``__props__`` and
    its branch graphs are.

    Parameters
    ----------
    n_outs : int
        Number of outputs (values in each branch).
    as_view : bool
        Outputs may be views of the inputs (no copy); otherwise an output that is
        an input of the node is copied.
    gpu : bool
        Kept for Theano 1.0 compatibility; no effect.
    name : str, optional
        Shown as ``if{name}``; not part of equality.
    """

    __props__ = ("as_view", "gpu", "n_outs")

    def __init__(self, n_outs, as_view=False, gpu=False, name=None):
        self.n_outs = n_outs
        self.as_view = as_view
        self.gpu = gpu
        self.name = name
        # Set on the op of each Apply (see _bind): the branches as graphs over the
        # same inner inputs, one per outer input after the condition.
        self.inner_inputs = None
        self.then_outputs = None
        self.else_outputs = None
        self._signature = None

    # Identity ------------------------------------------------------------------------
    def __eq__(self, other):
        return (
            type(self) is type(other)
            and self._props() == other._props()
            and self._signature == other._signature
        )

    def __hash__(self):
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash((type(self), self._props(), self._signature))
            if self._signature is not None:
                self._hash = h  # branch graphs can be large: hash them once
        return h

    def __str__(self):
        args = []
        if self.name is not None:
            args.append(self.name)
        if self.as_view:
            args.append("inplace")
        if self.gpu:
            args.append("gpu")
        return f"if{{{','.join(args)}}}"

    __repr__ = __str__

    def __getstate__(self):
        state = self.__dict__.copy()
        for cache in ("_py_functions", "_rewritten", "_topo", "_hash"):
            state.pop(cache, None)
        return state

    # Building ------------------------------------------------------------------------
    def __call__(self, *inputs, return_list=False):
        node = self.make_node(*inputs)
        _maybe_compute_test_value(node.op, node)
        if return_list or len(node.outputs) != 1:
            return list(node.outputs)
        return node.outputs[0]

    def make_node(self, c, *args):
        """Build the node: ``args`` are the branch values (then values, then else values).

        On the op of an existing node (one that holds branches), ``args`` are instead
        the node's outer inputs, as when a rewrite rebuilds the node on new inputs.
        """
        c = _as_condition(c)
        if self.inner_inputs is not None:
            return self._make_bound_node(c, args)
        if len(args) != 2 * self.n_outs:
            raise TypeError(
                f"{self}: wrong number of arguments to make_node: expected {2 * self.n_outs} "
                f"(n_outs={self.n_outs} then values and {self.n_outs} else values), got "
                f"{len(args)}"
            )
        args = [_as_branch_value(a) for a in args]
        ts = args[: self.n_outs]
        fs = args[self.n_outs :]
        for i, (t, f) in enumerate(zip(ts, fs)):
            if t.type != f.type:
                raise TypeError(
                    f"IfElse requires same types for true and false return values: value {i} "
                    f"is {t} of type {t.type} in the then branch and {f} of type {f.type} in "
                    "the else branch"
                )
        outer, inner, then_outs, else_outs = _split_branches(c, ts, fs)
        op = self._bind(inner, then_outs, else_outs)
        return Apply(op, [c] + outer, [t.type() for t in ts])

    def _make_bound_node(self, c, args):
        if len(args) != len(self.inner_inputs):
            raise TypeError(
                f"{self}: this node's op takes the condition and {len(self.inner_inputs)} "
                f"inputs, got {len(args)}"
            )
        outer = []
        for i, (inner, a) in enumerate(zip(self.inner_inputs, args)):
            a = a if isinstance(a, Variable) else _as_branch_value(a)
            if a.type != inner.type:
                try:
                    a = inner.type.filter_variable(a)
                except TypeError:
                    raise TypeError(
                        f"{self}: input {i + 1} must have type {inner.type}, got {a} of type "
                        f"{a.type}"
                    ) from None
            outer.append(a)
        return Apply(self, [c] + outer, [t.type() for t in self.then_outputs])

    def _bind(self, inner_inputs, then_outputs, else_outputs):
        """A copy of this op holding the branches (the op of one Apply)."""
        op = copy.copy(self)
        for cache in ("_py_functions", "_rewritten", "_topo", "branch_rewrites", "_hash"):
            op.__dict__.pop(cache, None)
        op.n_outs = len(then_outputs)
        op.inner_inputs = list(inner_inputs)
        op.then_outputs = list(then_outputs)
        op.else_outputs = list(else_outputs)
        op._signature = (
            _graph_signature(op.inner_inputs, op.then_outputs),
            _graph_signature(op.inner_inputs, op.else_outputs),
        )
        if self.as_view:
            position = {v: i + 1 for i, v in enumerate(op.inner_inputs)}
            op.view_map = {}
            for k, (t, f) in enumerate(zip(op.then_outputs, op.else_outputs)):
                viewed = {position[r] for r in view_roots(t) + view_roots(f) if r in position}
                if viewed:
                    op.view_map[k] = sorted(viewed)
        return op

    def branch(self, taken):
        """The inner output variables of the then (``taken`` true) or else branch."""
        return self.then_outputs if taken else self.else_outputs

    # Shapes --------------------------------------------------------------------------
    def infer_shape(self, fgraph, node, shapes):
        then_shapes = _inner_shapes(self.inner_inputs, self.then_outputs, shapes[1:])
        else_shapes = _inner_shapes(self.inner_inputs, self.else_outputs, shapes[1:])
        result = []
        pending = []  # (output, dimension, then length, else length)
        for k, (ts, fs) in enumerate(zip(then_shapes, else_shapes)):
            if ts is None or fs is None:
                result.append(None)
                continue
            dims = []
            for d, (t, f) in enumerate(zip(ts, fs)):
                t = _as_int64(t)
                f = _as_int64(f)
                if _same_scalar(t, f):
                    dims.append(t)
                else:
                    dims.append(None)
                    pending.append((k, d, t, f))
            result.append(dims)
        if pending:
            # Lengths that differ between the branches: chosen by a (cheap) IfElse.
            name = "shape" if self.name is None else f"shape_{self.name}"
            chosen = IfElse(len(pending), name=name)(
                node.inputs[0],
                *[p[2] for p in pending],
                *[p[3] for p in pending],
                return_list=True,
            )
            for (k, d, _, _), dim in zip(pending, chosen):
                result[k][d] = dim
        return [None if dims is None else tuple(dims) for dims in result]

    # Meaning -------------------------------------------------------------------------
    def perform(self, node, inputs, output_storage):
        taken = bool(inputs[0])
        values = _evaluate(self, taken, inputs[1:])
        copies = self._copied_outputs(taken)
        for k, (storage, value) in enumerate(zip(output_storage, values)):
            if k in copies:
                value = (
                    np.array(value, copy=True)
                    if isinstance(value, np.ndarray)
                    else copy.deepcopy(value)
                )
            storage[0] = value

    def _copied_outputs(self, taken):
        # Outputs that may alias an input (or a constant) are copied unless as_view.
        if self.as_view:
            return set()
        inner = set(self.inner_inputs)
        outs = self.branch(taken)
        return {
            k
            for k, o in enumerate(outs)
            if any(r in inner or isinstance(r, Constant) for r in view_roots(o))
            or any(o is p for p in outs[:k])
        }

    # Gradients -----------------------------------------------------------------------
    def connection_pattern(self, node):
        rows = [[True] * self.n_outs]  # the condition (as Theano: a zero gradient)
        deps = [set(ancestors([t, f])) for t, f in zip(self.then_outputs, self.else_outputs)]
        for inner in self.inner_inputs:
            rows.append([inner in d for d in deps])
        return rows

    def L_op(self, inputs, outputs, output_grads):
        from theano.gradient import DisconnectedType, NullType, disconnected_type
        from theano.tensor.alloc import zeros_like

        c = inputs[0]
        outer = inputs[1:]
        per_branch = []
        for taken in (True, False):
            values = self._outer_branch(outer, taken)
            known = {}
            for v, o, g in zip(values, outputs, output_grads):
                if isinstance(g.type, DisconnectedType) or _is_discrete(o):
                    continue
                known[v] = known[v] + g if v in known else g
            if not known:
                per_branch.append([None] * len(outer))
                continue
            grads = _grad_or_none(known, outer)
            # The branch's values are the node's outputs whenever this branch runs:
            # reuse them instead of recomputing them inside the gradient's branch
            # (when the output gradients read them, so they are computed anyway).
            computed = set(ancestors(list(known.values())))
            reuse = {
                v: o
                for v, o in zip(values, outputs)
                if v.owner is not None and v not in outer and o in computed
            }
            if reuse:
                grads = _replace_some(grads, reuse)
            per_branch.append(grads)

        cond_grad = zeros_like(c, dtype=config.floatX)
        result = [cond_grad] + [None] * len(outer)
        then_values = []
        else_values = []
        slots = []
        for i, (gt, gf) in enumerate(zip(*per_branch)):
            if gt is None and gf is None:
                result[i + 1] = disconnected_type()
                continue
            if gt is not None and isinstance(gt.type, NullType):
                result[i + 1] = gt
                continue
            if gf is not None and isinstance(gf.type, NullType):
                result[i + 1] = gf
                continue
            # Zeros shaped like the input, not like the other branch's gradient (which
            # would then be computed whatever the condition).
            if gt is None:
                gt = _same_type(zeros_like(outer[i], dtype=gf.dtype), gf)
            if gf is None:
                gf = _same_type(zeros_like(outer[i], dtype=gt.dtype), gt)
            gf = _same_type(gf, gt)
            then_values.append(gt)
            else_values.append(gf)
            slots.append(i + 1)
        if slots:
            name = None if self.name is None else f"{self.name}_grad"
            chosen = IfElse(len(slots), name=name)(c, *then_values, *else_values, return_list=True)
            for i, g in zip(slots, chosen):
                result[i] = g
        return result

    def R_op(self, inputs, eval_points):
        from theano.tensor.alloc import zeros_like

        c = inputs[0]
        outer = inputs[1:]
        pairs = [(x, e) for x, e in zip(outer, eval_points[1:]) if e is not None]
        branches = []
        for taken in (True, False):
            values = self._outer_branch(outer, taken)
            branches.append(
                [_jvp(v, pairs) if not _is_discrete(v) else zeros_like(v) for v in values]
            )
        then_values, else_values = branches
        else_values = [_same_type(f, t) for t, f in zip(then_values, else_values)]
        name = None if self.name is None else f"{self.name}_rop"
        return IfElse(self.n_outs, name=name)(c, *then_values, *else_values, return_list=True)

    def _outer_branch(self, outer, taken):
        """The branch's values rebuilt on the node's outer inputs."""
        return clone_replace(self.branch(taken), dict(zip(self.inner_inputs, outer)))

    # Rewriting the branches ---------------------------------------------------------
    def rewritten(self, rewriter, key):
        """This op with both branches rewritten by ``rewriter`` (cached under ``key``)."""
        cache = self.__dict__.setdefault("_rewritten", {})
        found = cache.get(key)
        if found is not None:
            return found
        fgraph = FunctionGraph(self.inner_inputs, self.then_outputs + self.else_outputs, clone=True)
        fgraph.attach_feature(RewriteLog())
        optimize(fgraph, rewriter)
        outs = list(fgraph.outputs)
        new = self._bind(fgraph.inputs, outs[: self.n_outs], outs[self.n_outs :])
        if new == self:
            new = self
        else:
            new.branch_rewrites = fgraph.rewrite_log  # what the rewrites did, for reading
        new.__dict__.setdefault("_rewritten", {})[key] = new
        cache[key] = new
        return new


def ifelse(condition, then_branch, else_branch, name=None):
    """Return ``then_branch`` if ``condition`` is true, else ``else_branch``, lazily.

    Only the chosen branch is computed when the compiled function runs (what
    ``T.switch`` cannot do: it is element-wise and computes both sides).  The
    gradient flows into the branch that was taken; the other gets zeros, and the
    condition gets a zero gradient.

    Parameters
    ----------
    condition : scalar variable or value
        Zero means false; anything else (NaN included) means true.
    then_branch, else_branch : variable or list/tuple of variables
        Values of the same types, pairwise.
    name : str, optional
        Name of the op (printed as ``if{name}``).

    Returns
    -------
    Variable, or a list/tuple of Variables when ``then_branch`` is one.

    Raises
    ------
    TypeError
        If the branches' types differ pairwise, or ``condition`` is not a scalar.
    ValueError
        If the branches have different numbers of values.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> from theano.ifelse import ifelse
    >>> a, b = T.dscalars('a', 'b')
    >>> x = T.dvector('x')
    >>> f = theano.function([a, b, x], ifelse(T.lt(a, b), T.mean(x), T.max(x)))
    >>> f(0, 1, [1., 2., 6.]), f(1, 0, [1., 2., 6.])
    (array(3.), array(6.))
    """
    rval_type = None
    if type(then_branch) is list:
        rval_type = list
    elif type(then_branch) is tuple:
        rval_type = tuple
    if type(then_branch) not in (list, tuple):
        then_branch = [then_branch]
    if type(else_branch) not in (list, tuple):
        else_branch = [else_branch]

    new_then = []
    new_else = []
    for t, f in zip(then_branch, else_branch):
        t = _as_branch_value(t)
        f = _as_branch_value(f)
        if t.type != f.type:
            # A tensor and a value of another type convertible to it: convert.
            if isinstance(t.type, TensorType) and not isinstance(f.type, TensorType):
                f = t.type.filter_variable(f)
            elif isinstance(f.type, TensorType) and not isinstance(t.type, TensorType):
                t = f.type.filter_variable(t)
            if t.type != f.type:
                raise TypeError(
                    f"The two branches should have identical types, but they are {t.type} and "
                    f"{f.type} respectively. This error could be raised if for example you "
                    "provided a one element list on the `then` branch but a tensor on the "
                    "`else` branch."
                )
        new_then.append(t)
        new_else.append(f)
    if len(then_branch) != len(else_branch):
        raise ValueError(
            "The number of values on the `then` branch should have the same number of "
            f"variables as the `else` branch : (variables on `then` {len(then_branch)}, "
            f"variables on `else` {len(else_branch)})"
        )
    op = IfElse(n_outs=len(new_then), as_view=False, gpu=False, name=name)
    rval = op(condition, *new_then, *new_else, return_list=True)
    if rval_type is None:
        return rval[0]
    return rval_type(rval)


# ----------------------------------------------------------------------------------------
# Building: the cut between the outer graph and the branches


def _as_condition(c):
    c = c._as_TensorVariable() if hasattr(c, "_as_TensorVariable") else as_tensor_variable(c)
    if c.ndim > 0:
        raise TypeError(
            "Condition given to the op has to be a scalar with 0 standing for False, anything "
            f"else for True (got {c} of type {c.type})"
        )
    return c


def _as_branch_value(x):
    if hasattr(x, "_as_TensorVariable"):
        return x._as_TensorVariable()
    if isinstance(x, Variable):
        return x
    return as_tensor_variable(x)


def _split_branches(cond, ts, fs):
    """Cut the branches off the outer graph.

    Returns ``(outer, inner, then_outputs, else_outputs)``: the outer variables the
    branches read (free variables, and values the condition or both branches need),
    one fresh inner input per outer variable, and the branches rebuilt on those.
    Constants stay inside the branches.
    """
    needed_anyway = set(ancestors([cond]))
    then_all = set(ancestors(ts))
    else_all = set(ancestors(fs))

    def frontier(outputs, other_all):
        found = []
        seen = set()
        stack = list(reversed(outputs))
        while stack:
            v = stack.pop()
            if v in seen:
                continue
            seen.add(v)
            if isinstance(v, Constant):
                continue
            if v.owner is None or v in needed_anyway or v in other_all:
                found.append(v)
                continue
            stack.extend(reversed(v.owner.inputs))
        return found

    outer = list(dict.fromkeys(frontier(ts, else_all) + frontier(fs, then_all)))
    inner = []
    for v in outer:
        iv = v.type()
        iv.name = v.name
        inner.append(iv)
    replace = dict(zip(outer, inner))
    then_outputs = clone_replace(list(ts), replace) if ts else []
    else_outputs = clone_replace(list(fs), replace) if fs else []
    return outer, inner, then_outputs, else_outputs


def _constant_key(c):
    data = c.data
    if isinstance(data, np.ndarray):
        return ("const", c.type, data.dtype.str, data.shape, data.tobytes())
    try:
        hash(data)
        return ("const", c.type, data)
    except TypeError:
        return ("const", c.type, repr(data))


def _graph_signature(inputs, outputs):
    """A hashable description of the graph from ``inputs`` to ``outputs`` (op by op)."""
    index = {v: ("in", i) for i, v in enumerate(inputs)}
    nodes = []

    def key(v):
        if v in index:
            return index[v]
        if isinstance(v, Constant):
            return _constant_key(v)
        return ("free", id(v))  # not expected: every root is an input or a constant

    for node in io_toposort(inputs, outputs):
        args = tuple(key(i) for i in node.inputs)
        for k, o in enumerate(node.outputs):
            index[o] = ("node", len(nodes), k)
        nodes.append((node.op, args))
    return tuple(nodes), tuple(key(o) for o in outputs)


# ----------------------------------------------------------------------------------------
# Running a branch (the reference meaning; backends generate code instead)


def _evaluate(op, taken, values):
    outputs = op.branch(taken)
    topo = op.__dict__.setdefault("_topo", {})
    nodes = topo.get(taken)
    if nodes is None:
        nodes = topo[taken] = io_toposort(op.inner_inputs, outputs)
    memo = dict(zip(op.inner_inputs, values))
    for node in nodes:
        args = [i.data if isinstance(i, Constant) else memo[i] for i in node.inputs]
        storage = [[None] for _ in node.outputs]
        node.op.perform(node, args, storage)
        for o, s in zip(node.outputs, storage):
            memo[o] = s[0]
    return [o.data if isinstance(o, Constant) else memo[o] for o in outputs]


# ----------------------------------------------------------------------------------------
# Shapes


def _inner_shapes(inner_inputs, outputs, input_shapes):
    """Each output's shape as scalar expressions of the outer input shapes (None: unknown)."""
    shape_of = dict(zip(inner_inputs, input_shapes))

    def shape(v):
        if v in shape_of:
            return shape_of[v]
        if isinstance(v, Constant) and isinstance(v.type, TensorType):
            return tuple(as_tensor_variable(np.int64(s)) for s in np.shape(v.data))
        return None

    for node in io_toposort(inner_inputs, outputs):
        in_shapes = [shape(i) for i in node.inputs]
        result = None
        known = all(
            s is not None for s, i in zip(in_shapes, node.inputs) if isinstance(i.type, TensorType)
        )
        if known and hasattr(node.op, "infer_shape"):
            try:
                result = _call_infer_shape(node, in_shapes)
            except Exception:
                if config.on_shape_error == "raise":
                    raise
                result = None  # unknown: the outer graph reads the output's shape
        if result is None or len(result) != len(node.outputs):
            result = [None] * len(node.outputs)
        for o, s in zip(node.outputs, result):
            if s is not None and isinstance(o.type, TensorType) and len(s) == o.ndim:
                s = tuple(np.int64(1) if b else d for b, d in zip(o.broadcastable, s))
            shape_of[o] = s
    return [shape(o) for o in outputs]


def _call_infer_shape(node, shapes):
    code = getattr(type(node.op).infer_shape, "__code__", None)
    if code is not None and code.co_argcount < 4:
        return node.op.infer_shape(node, shapes)  # Theano 1.0's signature
    return node.op.infer_shape(None, node, shapes)


def _as_int64(s):
    if isinstance(s, (int, np.integer)):
        return as_tensor_variable(np.int64(s))
    s = as_tensor_variable(s)
    return s if s.dtype == "int64" else cast(s, "int64")


def _same_scalar(a, b, depth=4):
    if a is b:
        return True
    if isinstance(a, Constant) and isinstance(b, Constant):
        return a.type == b.type and bool(np.all(a.data == b.data))
    if depth == 0 or a.owner is None or b.owner is None:
        return False
    if a.owner.op != b.owner.op or a.index != b.index:
        return False
    if len(a.owner.inputs) != len(b.owner.inputs):
        return False
    return all(_same_scalar(x, y, depth - 1) for x, y in zip(a.owner.inputs, b.owner.inputs))


# ----------------------------------------------------------------------------------------
# Gradients


def _is_discrete(var):
    dtype = getattr(var.type, "dtype", None)
    return dtype is not None and (dtype.startswith(("int", "uint")) or dtype == "bool")


def _grad_or_none(known, wrt):
    """Gradients of ``wrt`` given the output gradients ``known`` (None where disconnected)."""
    from theano.gradient import DisconnectedType, grad

    grads = grad(
        None,
        list(wrt),
        known_grads=known,
        disconnected_inputs="ignore",
        return_disconnected="Disconnected",
        null_gradients="return",
    )
    return [None if isinstance(g.type, DisconnectedType) else g for g in grads]


def _replace_some(grads, replace):
    present = [g for g in grads if g is not None]
    if not present:
        return grads
    new = iter(clone_replace(present, replace))
    return [None if g is None else next(new) for g in grads]


def _same_type(value, like):
    """``value`` given the type of ``like`` (a cast or broadcast pattern change if needed)."""
    if value.type == like.type:
        return value
    from theano.tensor.basic import patternbroadcast

    if value.dtype != like.dtype:
        value = cast(value, like.dtype)
    if value.broadcastable != like.broadcastable:
        value = patternbroadcast(value, like.broadcastable)
    return value


def _jvp(out, pairs):
    """Jacobian of ``out`` times the eval points, for ``pairs`` of (input, eval point)."""
    from theano.gradient import DisconnectedType, grad
    from theano.tensor.alloc import zeros_like

    if not pairs:
        return zeros_like(out)
    u = out.type()
    vjp = grad(
        None,
        [x for x, _ in pairs],
        known_grads={out: u},
        disconnected_inputs="ignore",
        return_disconnected="Disconnected",
    )
    terms = [
        (g * as_tensor_variable(e)).sum()
        for g, (_, e) in zip(vjp, pairs)
        if not isinstance(g.type, DisconnectedType)
    ]
    if not terms:
        return zeros_like(out)
    total = terms[0]
    for t in terms[1:]:
        total = total + t
    jvp = grad(total, u, disconnected_inputs="ignore")
    # Linear in u; u may still be read for its shape: give it out's.
    return clone_replace(jvp, {u: zeros_like(out)})


# ----------------------------------------------------------------------------------------
# The branches are rewritten with the query of the graph that holds them.


class _RewriteBranches(GraphRewriter):
    """Rewrite the branches of every IfElse of a graph with a Query's passes."""

    def __init__(self, query):
        # In-place rewrites are left out: nothing protects a branch's inputs, which are
        # values of the outer graph.
        self.query = query.excluding("inplace")

    def apply(self, fgraph):
        rewriter = query_optdb(self.query)
        key = self.query.key()
        for node in list(fgraph.toposort()):
            op = node.op
            if not isinstance(op, IfElse) or op.inner_inputs is None:
                continue
            if node not in fgraph.apply_nodes:
                continue
            new_op = op.rewritten(rewriter, key)
            if new_op is op:
                continue
            new_node = new_op.make_node(*node.inputs)
            new_node.tag = copy.copy(node.tag)
            for old, new in zip(node.outputs, new_node.outputs):
                replace_and_log(fgraph, old, new, "ifelse_rewrite_branches")


class _BranchRewriteDB(OptimizationDatabase):
    """A database entry whose query is a pass rewriting branches with that same query."""

    def query(self, *tags, **kwtags):
        if tags and isinstance(tags[0], Query):
            query = tags[0]
        else:
            include = [t.lstrip("+") for t in tags if not t.startswith(("-", "&"))]
            exclude = [t[1:] for t in tags if t.startswith("-")]
            require = [t[1:] for t in tags if t.startswith("&")]
            query = Query(include, require, exclude)
        rewriter = _RewriteBranches(query)
        rewriter.name = self.name
        return rewriter


if "ifelse_branches" not in optdb:
    # Early, so that cutoffs such as the 'stabilize' mode's keep it.
    optdb.register(
        "ifelse_branches", _BranchRewriteDB(), "fast_run", "fast_compile", "ifelse", position=5
    )
