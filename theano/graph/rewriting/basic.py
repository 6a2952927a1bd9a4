"""The rewrite engine: node and graph rewriters, and the bookkeeping of every replacement.

A *node rewriter* (Theano's ``LocalOptimizer``) looks at one Apply node and returns
replacements for its outputs; a *graph rewriter* (``Optimizer``) transforms a whole
FunctionGraph.  Rewriters never call ``fgraph.replace`` for node rewrites themselves:
the engine (``apply_node_rewriter``) checks each replacement's type, fixes a
broadcastable mismatch where that is safe, gives the new nodes the user-line tag of
the node they replace, records (rewrite name, old, new) in the graph's RewriteLog,
and only then replaces.
"""

import gc
import inspect
import sys
import time
import warnings

from theano.configparser import config
from theano.graph.basic import Constant, Variable
from theano.graph.features import RewriteLog  # noqa: F401  (FunctionMaker imports it here)
from theano.graph.fg import Feature
from theano.graph.op import Op


class RewriteWarning(UserWarning):
    """A rewrite failed and was skipped (``config.on_opt_error='warn'``)."""


class RewriteError(Exception):
    """A rewrite returned something the engine cannot use (names the rewrite)."""


class RewriteTypeError(RewriteError, TypeError):
    """A rewrite's replacement has a type the replaced variable cannot take."""


# ----------------------------------------------------------------------------------------
# Base classes


class Rewriter:
    """What every rewriter has: a ``name`` (set when registered in a database)."""

    name = None

    def __str__(self):
        return self.name or type(self).__name__

    __repr__ = __str__

    def where(self):
        """``file:line`` where this rewrite is defined (shown by print_rewrites)."""
        loc = getattr(self, "_where", None)
        if loc is None:
            loc = self._where = _code_location(type(self))
        return loc


class GraphRewriter(Rewriter):
    """A pass over a whole FunctionGraph (Theano's ``gof.opt.Optimizer``).

    Subclasses implement ``apply(fgraph)``; ``optimize(fgraph)`` (or calling the
    rewriter) first attaches the features it needs (``add_requirements``).
    """

    def apply(self, fgraph):
        raise NotImplementedError(f"{type(self).__name__}.apply")

    def optimize(self, fgraph, *args, **kwargs):
        self.add_requirements(fgraph)
        return self.apply(fgraph, *args, **kwargs)

    def __call__(self, fgraph):
        return self.optimize(fgraph)

    def add_requirements(self, fgraph):
        pass

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        print(f"{' ' * level}{type(self).__name__} {self.name or ''} id={id(self)}", file=stream)


class NodeRewriter(Rewriter):
    """A rewrite of one Apply node (Theano's ``gof.opt.LocalOptimizer``).

    ``tracks()`` lists the Op instances or classes it applies to (None: every node).
    ``transform(node)`` (Theano 1.0) or ``transform(fgraph, node)`` returns a list
    with one replacement per output, a dict {old output: replacement}, or None/False
    when it does not apply.  ``node.fgraph`` is the graph being rewritten.
    """

    _transform_takes_fgraph = False
    requirements = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "transform" in cls.__dict__:
            cls._transform_takes_fgraph = _positional_arity(cls.transform) >= 3

    def tracks(self):
        return None

    def transform(self, node):
        raise NotImplementedError(f"{type(self).__name__}.transform")

    def add_requirements(self, fgraph):
        for req in self.requirements:
            req(fgraph)

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        print(f"{' ' * level}{type(self).__name__} {self.name or ''} id={id(self)}", file=stream)


# Theano 1.0 names
Optimizer = GraphRewriter
LocalOptimizer = NodeRewriter


def _positional_arity(fn):
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 1
    return sum(
        1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    )


def _code_location(obj):
    code = getattr(obj, "__code__", None)
    if code is None:
        transform = getattr(obj, "transform", None) or getattr(obj, "apply", None)
        code = getattr(transform, "__code__", None)
    if code is None:
        return "<unknown>"
    return f"{code.co_filename}:{code.co_firstlineno}"


class FromFunctionNodeRewriter(NodeRewriter):
    """A node rewriter made from a function by ``@local_optimizer([tracked ops])``."""

    def __init__(self, fn, tracks=None, requirements=(), inplace=False):
        self.fn = fn
        self._tracks = tracks
        self.requirements = tuple(requirements)
        self.inplace = inplace
        self.name = fn.__name__
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self._transform_takes_fgraph = _positional_arity(fn) >= 2
        self._where = _code_location(fn)

    def transform(self, *args):
        return self.fn(*args)

    def __call__(self, *args):
        return self.fn(*args)

    def tracks(self):
        return self._tracks


FromFunctionLocalOptimizer = FromFunctionNodeRewriter


def local_optimizer(tracks, inplace=False, requirements=()):
    """Decorator making ``fn(node)`` (or ``fn(fgraph, node)``) a node rewriter.

    ``tracks``: the Ops (instances, e.g. ``T.mul``, or classes, e.g. ``T.Elemwise``)
    whose nodes the rewrite is tried on; None for every node.
    """

    def decorator(fn):
        if tracks is not None:
            if len(tracks) == 0:
                raise ValueError(
                    "Use None instead of an empty list to apply the rewrite to all nodes."
                )
            for t in tracks:
                if not (isinstance(t, Op) or (isinstance(t, type) and issubclass(t, Op))):
                    raise TypeError(
                        f"local_optimizer: tracks must contain Op instances or Op classes, "
                        f"got {t!r} for {fn.__name__}"
                    )
        return FromFunctionNodeRewriter(fn, tracks, requirements, inplace)

    return decorator


node_rewriter = local_optimizer


class FromFunctionGraphRewriter(GraphRewriter):
    """A graph rewriter made from a function ``fn(fgraph)`` by ``@optimizer``."""

    def __init__(self, fn, requirements=()):
        self.fn = fn
        self.requirements = tuple(requirements)
        self.name = fn.__name__
        self._where = _code_location(fn)

    def apply(self, fgraph):
        return self.fn(fgraph)

    def add_requirements(self, fgraph):
        for req in self.requirements:
            req(fgraph)


def optimizer(fn):
    """Decorator making ``fn(fgraph)`` a graph rewriter (Theano's ``gof.opt.optimizer``)."""
    return FromFunctionGraphRewriter(fn)


# ----------------------------------------------------------------------------------------
# Bookkeeping of replacements

# Functions (old, new) -> new made into old's type, or None; the tensor layer adds one
# that fixes broadcastable patterns (the graph layer knows no tensor types).
_type_fixers = []


def register_type_fixer(fn):
    """Add ``fn(old, new)`` to the ways the engine may make a replacement fit (see above)."""
    _type_fixers.append(fn)
    return fn


def _fit_type(fgraph, rewriter, node, old, new):
    if new.type == old.type:
        return new
    for fix in _type_fixers:
        fixed = fix(fgraph, old, new)
        if fixed is not None:
            return fixed
    converted = old.type.convert_variable(new)
    if converted is not None:
        return converted
    raise RewriteTypeError(
        f"Rewrite {rewriter} replaced {old} (type {old.type}) by {new} (type {new.type}) "
        f"in node {node}: the types differ.  A rewrite must keep each output's dtype and "
        f"number of dimensions (defined at {rewriter.where()})."
    )


def _adopt_new_nodes(fgraph, node, pairs, rewriter):
    """Give the nodes a replacement creates the user-line tag of ``node``; refuse cycles."""
    trace = getattr(node.tag, "trace", None)
    olds = {old for old, _ in pairs}
    variables = fgraph.variables
    stack = [new for _, new in pairs]
    seen = set()
    while stack:
        v = stack.pop()
        if v in olds:
            raise RewriteError(
                f"Rewrite {rewriter} replaced {v} with an expression that depends on {v} "
                f"itself (in node {node}); the graph would have a cycle."
            )
        if v in variables:
            continue
        owner = v.owner
        if owner is None or owner in seen:
            continue
        seen.add(owner)
        owner.tag.trace = trace
        stack.extend(owner.inputs)


def apply_node_rewriter(fgraph, rewriter, node, result):
    """Check and apply a node rewriter's ``result`` for ``node``; True if the graph changed.

    ``result``: a list (one replacement per output, None to keep one) or a dict
    {old variable: replacement}.
    """
    if isinstance(result, dict):
        pairs = [(k, v) for k, v in result.items() if isinstance(k, Variable)]
    else:
        if isinstance(result, Variable):
            result = [result]
        result = list(result)
        if len(result) != len(node.outputs):
            raise RewriteError(
                f"Rewrite {rewriter} returned {len(result)} replacements for node {node}, "
                f"which has {len(node.outputs)} outputs."
            )
        pairs = list(zip(node.outputs, result))
    checked = []
    variables = fgraph.variables
    for old, new in pairs:
        if new is None or new is old or old not in variables:
            continue
        if not isinstance(new, Variable):
            raise RewriteError(
                f"Rewrite {rewriter} returned {new!r} for {old}; replacements must be "
                "Variables."
            )
        new = _fit_type(fgraph, rewriter, node, old, new)
        if old.name is not None and new.name is None and new not in variables:
            if not isinstance(new, Constant):
                new.name = old.name  # keep the user's name on the value (generated code)
        checked.append((old, new))
    if not checked:
        return False
    _adopt_new_nodes(fgraph, node, checked, rewriter)
    name = str(rewriter)
    replace_all_validate = getattr(fgraph, "replace_all_validate", None)
    if replace_all_validate is not None:
        replace_all_validate(checked, reason=name)
    else:
        for old, new in checked:
            fgraph.replace(old, new, reason=name)
    log = getattr(fgraph, "rewrite_log", None)
    if log is not None:
        where = rewriter.where()
        for old, new in checked:
            log.record(name, old, new, where)
    return True


def replace_and_log(fgraph, old, new, reason, where=None):
    """``fgraph.replace`` that records the change in the graph's rewrite log."""
    fgraph.replace(old, new, reason=reason)
    log = getattr(fgraph, "rewrite_log", None)
    if log is not None:
        log.record(reason, old, new, where)


def handle_rewrite_failure(rewriter, node, exc):
    """Follow ``config.on_opt_error``; return False when the caller must re-raise."""
    action = config.on_opt_error
    if action == "raise":
        return False
    if action == "ignore":
        return True
    if action == "pdb":
        import pdb

        pdb.post_mortem(exc.__traceback__)
        return True
    warnings.warn(
        f"Rewrite {rewriter} failed on node {node}: {type(exc).__name__}: {exc}.  The rewrite "
        "was skipped (set config.on_opt_error='raise' to see the traceback).",
        RewriteWarning,
        stacklevel=2,
    )
    return True


def _transform(rewriter, fgraph, node):
    if rewriter._transform_takes_fgraph:
        return rewriter.transform(fgraph, node)
    return rewriter.transform(node)


def rewrite_node(fgraph, node, candidates):
    """Try ``candidates`` on ``node`` in order; apply the first that fires.

    Returns the rewriter that changed the graph, or None.
    """
    node.fgraph = fgraph
    for rewriter in candidates:
        try:
            result = _transform(rewriter, fgraph, node)
            if not result:
                continue
            if apply_node_rewriter(fgraph, rewriter, node, result):
                return rewriter
        except Exception as exc:
            if not handle_rewrite_failure(rewriter, node, exc):
                raise
    return None


# ----------------------------------------------------------------------------------------
# Dispatch: which node rewriters apply to an op


def flatten_node_rewriters(rewriters):
    """Expand LocalOptGroups so drivers log the rewrite that actually fired."""
    out = []
    for r in rewriters:
        if isinstance(r, LocalOptGroup) and not r.apply_all_opts:
            out.extend(flatten_node_rewriters(r.opts))
        else:
            out.append(r)
    return out


class NodeDispatch:
    """For an Op, the node rewriters tracking it (by instance, by class, or all), in order."""

    def __init__(self, rewriters):
        self.rewriters = list(rewriters)
        self.by_op = {}
        self.by_class = {}
        self.untracked = []
        for idx, r in enumerate(self.rewriters):
            tracks = r.tracks()
            if tracks is None:
                self.untracked.append((idx, r))
                continue
            for t in tracks:
                table = self.by_class if isinstance(t, type) else self.by_op
                table.setdefault(t, []).append((idx, r))
        self._by_id = {}

    def __bool__(self):
        return bool(self.rewriters)

    def get(self, op):
        entry = self._by_id.get(id(op))
        if entry is not None and entry[0] is op:
            return entry[1]
        found = list(self.untracked)
        try:
            found.extend(self.by_op.get(op, ()))
        except TypeError:  # an unhashable op
            pass
        for cls in type(op).__mro__:
            found.extend(self.by_class.get(cls, ()))
        found.sort(key=lambda pair: pair[0])
        result = []
        for _, r in found:
            if not result or result[-1] is not r:
                result.append(r)
        if len(self._by_id) > 20000:
            self._by_id.clear()
        self._by_id[id(op)] = (op, result)
        return result

    def add_requirements(self, fgraph):
        for r in self.rewriters:
            r.add_requirements(fgraph)


class LocalOptGroup(NodeRewriter):
    """Several node rewriters tried in order as one (Theano's ``LocalOptGroup``).

    With ``apply_all_opts`` the group keeps rewriting the result until none applies.
    """

    def __init__(self, *optimizers, **kwargs):
        if len(optimizers) == 1 and isinstance(optimizers[0], (list, tuple)):
            optimizers = optimizers[0]
        self.opts = list(optimizers)
        self.apply_all_opts = kwargs.pop("apply_all_opts", False)
        self.profile = kwargs.pop("profile", False)
        self.name = kwargs.pop("name", None)
        if kwargs:
            raise TypeError(f"LocalOptGroup: unexpected arguments {sorted(kwargs)}")
        self._dispatch = NodeDispatch(self.opts)

    def tracks(self):
        tracks = []
        for o in self.opts:
            t = o.tracks()
            if t is None:
                return None
            tracks.extend(t)
        return tracks

    def transform(self, fgraph, node):
        candidates = self._dispatch.get(node.op)
        for r in candidates:
            node.fgraph = fgraph
            result = _transform(r, fgraph, node)
            if result:
                return result
        return False

    def add_requirements(self, fgraph):
        for o in self.opts:
            o.add_requirements(fgraph)

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        super().print_summary(stream, level, depth)
        if depth != 0:
            for o in self.opts:
                o.print_summary(stream, level + 2, depth - 1)


NodeRewriterGroup = LocalOptGroup


class OpSub(NodeRewriter):
    """Replace every application of ``op1`` by the same application of ``op2``."""

    def __init__(self, op1, op2, transfer_tags=True):
        self.op1 = op1
        self.op2 = op2
        self.transfer_tags = transfer_tags
        self.name = f"OpSub({op1}, {op2})"
        frame = sys._getframe(1)
        self._where = f"{frame.f_code.co_filename}:{frame.f_lineno}"

    def tracks(self):
        return [self.op1]

    def transform(self, node):
        if node.op != self.op1:
            return False
        return self.op2.make_node(*node.inputs).outputs


class OpRemove(NodeRewriter):
    """Remove every application of ``op``: each output becomes the matching input."""

    def __init__(self, op):
        self.op = op
        self.name = f"OpRemove({op})"
        frame = sys._getframe(1)
        self._where = f"{frame.f_code.co_filename}:{frame.f_lineno}"

    def tracks(self):
        return [self.op]

    def transform(self, node):
        if node.op != self.op:
            return False
        return node.inputs


# ----------------------------------------------------------------------------------------
# Graph rewriters: sequences and merging


class SeqOptimizer(GraphRewriter, list):
    """Run graph rewriters one after the other (Theano's ``SeqOptimizer``)."""

    def __init__(self, *opts, **kwargs):
        if len(opts) == 1 and isinstance(opts[0], (list, tuple)):
            opts = opts[0]
        list.__init__(self, opts)
        self.failure_callback = kwargs.pop("failure_callback", None)
        self.name = kwargs.pop("name", None)
        if kwargs:
            raise TypeError(f"SeqOptimizer: unexpected arguments {sorted(kwargs)}")
        self.times = []

    def apply(self, fgraph):
        times = []
        for opt in self:
            t0 = time.process_time()
            try:
                opt.optimize(fgraph)
            except Exception as exc:
                if self.failure_callback is None:
                    raise
                self.failure_callback(exc, self, opt)
            times.append((str(opt), time.process_time() - t0))
        self.times = times

    @staticmethod
    def warn(exc, self, optimizer):
        """A failure_callback: warn (or raise, per config.on_opt_error) and go on."""
        if not handle_rewrite_failure(optimizer, "<the whole graph>", exc):
            raise exc

    def print_summary(self, stream=sys.stdout, level=0, depth=-1):
        print(f"{' ' * level}SeqOptimizer {self.name or ''} id={id(self)}", file=stream)
        if depth != 0:
            for opt in self:
                opt.print_summary(stream, level + 2, depth - 1)

    def __str__(self):
        return self.name or "SeqOptimizer"

    __repr__ = __str__
    __hash__ = object.__hash__

    def __eq__(self, other):
        return self is other


def _constant_key(c):
    """A hashable key equal for constants of equal type and value (None: do not merge)."""
    data = c.data
    try:
        import numpy as np

        if isinstance(data, np.ndarray):
            if data.size > 10000 or data.dtype.kind == "O":
                return None
            return (c.type, data.dtype.str, data.shape, data.tobytes())
        hash(data)
        return (c.type, type(data), data)
    except TypeError:
        return None


def _same_inputs(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is y:
            continue
        if isinstance(x, Constant) and isinstance(y, Constant):
            kx = _constant_key(x)
            if kx is not None and kx == _constant_key(y):
                continue
        return False
    return True


class MergeIndex(Feature):
    """Nodes bucketed by (op class, inputs), kept current as the graph changes.

    ``find(node)`` returns another node of the graph with an equal op and the same
    inputs (equal constants count as the same), so merging costs no scan of clients.
    """

    def __init__(self):
        self.buckets = {}
        self.key_of = {}
        self._const_keys = {}

    def on_attach(self, fgraph):
        fgraph.merge_index = self
        for node in fgraph.toposort():
            self._add(node)

    def on_detach(self, fgraph):
        if getattr(fgraph, "merge_index", None) is self:
            del fgraph.merge_index

    def _input_key(self, v):
        if not isinstance(v, Constant):
            return id(v)
        entry = self._const_keys.get(id(v))
        if entry is None or entry[0] is not v:
            key = _constant_key(v)
            entry = self._const_keys[id(v)] = (v, key if key is not None else ("id", id(v)))
        return entry[1]

    def _add(self, node):
        key = (type(node.op), tuple([self._input_key(i) for i in node.inputs]))
        self.key_of[node] = key
        self.buckets.setdefault(key, []).append(node)

    def _remove(self, node):
        key = self.key_of.pop(node, None)
        if key is not None:
            bucket = self.buckets[key]
            bucket.remove(node)
            if not bucket:
                del self.buckets[key]

    def on_import(self, fgraph, node, reason):
        self._add(node)

    def on_prune(self, fgraph, node, reason):
        self._remove(node)

    def on_change_input(self, fgraph, node, i, r, new_r, reason=None):
        if node != "output" and node in self.key_of:
            self._remove(node)
            self._add(node)

    def find(self, node):
        """An equal node (same op, same inputs, same output types), or None."""
        op = node.op
        for other in self.buckets.get(self.key_of.get(node), ()):
            if other is node:
                continue
            if other.op is not op and other.op != op:
                continue
            if not _same_inputs(other.inputs, node.inputs):
                continue
            if any(a.type != b.type for a, b in zip(node.outputs, other.outputs)):
                continue
            return other
        return None


def merge_node(fgraph, node, name="merge"):
    """Merge ``node`` into an equal node (same op, same inputs) already in the graph.

    Uses the graph's MergeIndex (attached by the merge passes); of the two, the one
    with fewer clients is replaced.  Returns True when a merge happened.
    """
    index = getattr(fgraph, "merge_index", None)
    if index is None:
        index = MergeIndex()
        fgraph.attach_feature(index)
    other = index.find(node)
    if other is None:
        return False
    clients = fgraph.clients

    def n_clients(n):
        return sum(len(clients.get(o, ())) for o in n.outputs)

    # The node used less is replaced: merging stays linear when many nodes are equal.
    if n_clients(node) > n_clients(other):
        node, other = other, node
    for old, new in zip(node.outputs, other.outputs):
        if old in fgraph.variables:
            replace_and_log(fgraph, old, new, name)
    return True


class MergeOptimizer(GraphRewriter):
    """Merge equal constants, then Apply nodes with the same op and the same inputs.

    One pass in topological order over a MergeIndex: common subexpressions collapse
    bottom-up in linear time.
    """

    def apply(self, fgraph):
        name = str(self) if self.name else "merge"
        nodes = fgraph.toposort()
        # Constants, in a deterministic order (first use in toposort, then outputs).
        by_key = {}
        variables = fgraph.variables
        for node in nodes:
            for var in node.inputs:
                if isinstance(var, Constant):
                    _merge_constant(fgraph, var, by_key, name)
        for var in fgraph.outputs:
            if isinstance(var, Constant) and var in variables:
                _merge_constant(fgraph, var, by_key, name)
        # The index stays attached: later merge passes reuse it, kept current by callbacks.
        if getattr(fgraph, "merge_index", None) is None:
            fgraph.attach_feature(MergeIndex())
        apply_nodes = fgraph.apply_nodes
        for node in nodes:
            if node in apply_nodes:
                merge_node(fgraph, node, name)


def _merge_constant(fgraph, var, by_key, name):
    key = _constant_key(var)
    if key is None:
        return
    other = by_key.setdefault(key, var)
    if other is not var and fgraph.clients.get(var):
        replace_and_log(fgraph, var, other, name)


def merge_optimizer(fgraph):
    """Run a MergeOptimizer on ``fgraph``."""
    return MergeOptimizer().optimize(fgraph)


# ----------------------------------------------------------------------------------------
# Running a rewriter chosen by name


def optimize(fgraph, optimizer):
    """Rewrite ``fgraph`` in place with ``optimizer`` and return it.

    ``optimizer``: a graph rewriter (e.g. ``mode.optimizer``), a Query on ``optdb``,
    a predefined name ('fast_run', 'fast_compile', 'merge', 'o1'...'o4', ...), or
    None for no rewriting.
    """
    if optimizer is None:
        return fgraph
    if not isinstance(optimizer, GraphRewriter):
        from theano.graph.rewriting import pipeline

        optimizer = pipeline.get_optimizer(optimizer)
    # Rewriting allocates many small objects that live on; the cyclic collector would
    # rescan the whole graph again and again (superlinear on big graphs), so it waits.
    gc_was_enabled = gc.isenabled()
    had_index = getattr(fgraph, "merge_index", None) is not None
    gc.disable()
    try:
        optimizer.optimize(fgraph)
    finally:
        if gc_was_enabled:
            gc.enable()
    index = getattr(fgraph, "merge_index", None)
    if index is not None and not had_index:
        fgraph.remove_feature(index)  # only needed while rewriting (keyed by object ids)
    return fgraph
