"""PatternSub: a node rewriter written as an input pattern and an output pattern.

A pattern is a nested tuple ``(op, sub_pattern, ...)``; a string names a variable
(the same name twice must match the same variable); a number matches a constant of
that value; ``{"pattern": p, "constraint": fn}`` adds a test on the matched variable.
For a commutative op (``add``, ``mul``...) the sub-patterns match the inputs in any
order.  The output pattern is built by calling each op (or function) on the built
arguments::

    # log(1 + x) -> log1p(x)
    PatternSub((T.log, (T.add, 1, "x")), (T.log1p, "x"), name="local_log1p")
"""

import itertools
import sys

import numpy as np

from theano.graph.basic import Constant, Variable
from theano.graph.op import Op
from theano.graph.rewriting.basic import NodeRewriter

# fn(var) -> the scalar value ``var`` is known to hold, or raise; the tensor layer
# installs one that looks through DimShuffle and casts (get_scalar_constant_value).
_constant_value_fn = None


def set_constant_value_fn(fn):
    """Install how patterns read a variable's constant value (see above)."""
    global _constant_value_fn
    _constant_value_fn = fn


def _constant_value(var):
    if _constant_value_fn is not None:
        try:
            return _constant_value_fn(var)
        except Exception:
            return None
    if isinstance(var, Constant):
        data = np.asarray(var.data)
        if data.size >= 1 and np.all(data == data.flat[0]):
            return data.flat[0]
    return None


def _is_commutative(op):
    if getattr(op, "commutative", False):
        return True
    return getattr(getattr(op, "scalar_op", None), "commutative", False)


class PatternSub(NodeRewriter):
    """Replace what matches ``in_pattern`` by ``out_pattern`` (Theano's ``PatternSub``).

    Parameters
    ----------
    in_pattern : tuple
        ``(op, sub_patterns...)``; ``op`` an Op instance (compared with ``==``) or
        an Op class.
    out_pattern : tuple or str
        What to build; strings refer to the variables bound by ``in_pattern``.
    allow_multiple_clients : bool
        Match inner nodes whose output is also used elsewhere (the match then
        duplicates their computation).  Default False.
    skip_identities_fn : callable, optional
        ``fn(var)`` returning the input of an identity-like node to look through.
    name : str, optional
        The rewrite's name in logs and databases.
    tracks : list, optional
        Ops to track instead of the pattern's root op.
    get_nodes : callable, optional
        ``fn(fgraph, node)`` giving other nodes to try the pattern from.
    values_eq_approx : callable, optional
        Stored on the result's tag (for DebugMode comparisons).
    """

    def __init__(self, in_pattern, out_pattern, allow_multiple_clients=False,
                 skip_identities_fn=None, name=None, pdb=False, tracks=(), get_nodes=None,
                 values_eq_approx=None):
        self.in_pattern = in_pattern
        self.out_pattern = out_pattern
        self.values_eq_approx = values_eq_approx
        root = in_pattern["pattern"] if isinstance(in_pattern, dict) else in_pattern
        if not isinstance(root, (list, tuple)) or not root:
            raise TypeError(
                f"PatternSub: the input pattern must be a tuple (op, ...), got {in_pattern!r}"
            )
        self.op = root[0]
        if not (isinstance(self.op, Op) or (isinstance(self.op, type)
                                            and issubclass(self.op, Op))):
            raise TypeError(f"PatternSub: the pattern's root must be an Op, got {self.op!r}")
        self.allow_multiple_clients = allow_multiple_clients
        self.skip_identities_fn = skip_identities_fn
        self.name = name or f"{_pattern_str(in_pattern)} -> {_pattern_str(out_pattern)}"
        self.pdb = pdb
        self._tracks = list(tracks)
        self.get_nodes = get_nodes
        frame = sys._getframe(1)
        self._where = f"{frame.f_code.co_filename}:{frame.f_lineno}"

    def tracks(self):
        if self._tracks:
            return self._tracks
        return [self.op]

    def transform(self, node):
        fgraph = getattr(node, "fgraph", None)
        if self.get_nodes is not None and not self._op_matches(self.op, node.op):
            for other in self.get_nodes(fgraph, node):
                other.fgraph = fgraph
                result = self.transform(other)
                if result:
                    return {other.outputs[0]: result[0]}
            return False
        if not self._op_matches(self.op, node.op) or len(node.outputs) != 1:
            return False
        bindings = self.match(self.in_pattern, node.outputs[0], {}, fgraph, root=True)
        if bindings is None:
            return False
        new = self.build(self.out_pattern, bindings)
        if self.values_eq_approx is not None:
            new.tag.values_eq_approx = self.values_eq_approx
        return [new]

    @staticmethod
    def _op_matches(pattern_op, op):
        if isinstance(pattern_op, type):
            return isinstance(op, pattern_op)
        return op == pattern_op

    def match(self, pattern, var, bindings, fgraph, root=False):
        """Bindings (a new dict) if ``var`` matches ``pattern``, else None."""
        if isinstance(pattern, dict):
            sub = self.match(pattern["pattern"], var, bindings, fgraph, root)
            if sub is None:
                return None
            constraint = pattern.get("constraint")
            if constraint is not None and not constraint(var):
                return None
            return sub
        if isinstance(pattern, (list, tuple)):
            if self.skip_identities_fn is not None and not root:
                while True:
                    inner = self.skip_identities_fn(var)
                    if inner is None:
                        break
                    var = inner
            owner = var.owner
            if owner is None or not self._op_matches(pattern[0], owner.op):
                return None
            subs = pattern[1:]
            if len(subs) != len(owner.inputs):
                return None
            if not root and not self.allow_multiple_clients and fgraph is not None:
                if len(fgraph.clients.get(var, ())) > 1:
                    return None
            orders = [owner.inputs]
            if _is_commutative(owner.op) and 1 < len(subs) <= 3:
                orders = list(itertools.permutations(owner.inputs))
            for inputs in orders:
                result = dict(bindings)
                for sub, inp in zip(subs, inputs):
                    result = self.match(sub, inp, result, fgraph)
                    if result is None:
                        break
                if result is not None:
                    return result
            return None
        if isinstance(pattern, str):
            bound = bindings.get(pattern)
            if bound is None:
                result = dict(bindings)
                result[pattern] = var
                return result
            if bound is var:
                return bindings
            if isinstance(bound, Constant) and isinstance(var, Constant):
                if bound.type == var.type and np.array_equal(bound.data, var.data):
                    return bindings
            return None
        if isinstance(pattern, Variable):
            if pattern is var:
                return bindings
            if isinstance(pattern, Constant) and isinstance(var, Constant):
                if np.array_equal(pattern.data, var.data):
                    return bindings
            return None
        if isinstance(pattern, (int, float, complex, np.number, np.bool_)):
            value = _constant_value(var)
            if value is not None and value == pattern:
                return bindings
            return None
        raise TypeError(f"PatternSub {self.name}: cannot match pattern {pattern!r}")

    def build(self, pattern, bindings):
        if isinstance(pattern, (list, tuple)):
            args = [self.build(p, bindings) for p in pattern[1:]]
            out = pattern[0](*args)
            if isinstance(out, (list, tuple)):
                out = out[0]
            return out
        if isinstance(pattern, str):
            return bindings[pattern]
        if isinstance(pattern, dict):
            return self.build(pattern["pattern"], bindings)
        return pattern

    def __str__(self):
        return self.name


def _pattern_str(pattern):
    if isinstance(pattern, dict):
        return _pattern_str(pattern["pattern"])
    if isinstance(pattern, (list, tuple)):
        op = pattern[0]
        name = getattr(op, "__name__", None) or str(op)
        return f"{name}({', '.join(_pattern_str(p) for p in pattern[1:])})"
    return str(pattern)
