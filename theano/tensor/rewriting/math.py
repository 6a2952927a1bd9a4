"""The algebraic canonizers: products and sums rewritten as num / den with folded constants.

``local_mul_canonizer`` sees a tree of mul / true_div / inv / neg as one fraction (neg
is a factor -1), cancels
the factors found above and below (x * y / x -> y, x / x -> 1 filled to x's shape),
folds the constants into one (x * 2 * 3 -> 6 * x) and drops a neutral one (x * 1 -> x).
``local_add_canonizer`` does the same for add / sub / neg (x + y - x -> y, x - x -> 0,
x + 0 -> x).
"""

import numpy as np

from theano.graph.basic import Constant
from theano.graph.rewriting.basic import NodeRewriter
from theano.graph.rewriting.equilibrium import revisit
from theano.tensor import math as tm
from theano.tensor.elemwise import DimShuffle, Elemwise
from theano.tensor.rewriting.basic import (
    like_output,
    register_canonicalize,
    scalar_constant,
)


def _left_padding(var):
    """The input of a DimShuffle that only adds broadcastable dims on the left, else None."""
    owner = var.owner
    if owner is None or not isinstance(owner.op, DimShuffle):
        return None
    x = owner.inputs[0]
    pad = var.ndim - x.ndim
    if pad >= 0 and owner.op.new_order == ("x",) * pad + tuple(range(x.ndim)):
        return x
    return None


def _same_leaves(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is y:
            continue
        if isinstance(x, Constant) and isinstance(y, Constant):
            if x.dtype == y.dtype and np.array_equal(x.data, y.data):
                continue
        return False
    return True


def _index_of(leaves, var):
    for i, v in enumerate(leaves):
        if v is var:
            return i
    if isinstance(var, Constant):
        for i, v in enumerate(leaves):
            if (isinstance(v, Constant) and v.dtype == var.dtype and v.data.shape
                    == var.data.shape and np.array_equal(v.data, var.data)):
                return i
    return None


class AlgebraicCanonizer(NodeRewriter):
    """Rewrite a tree of ``main`` / ``inverse`` / ``reciprocal`` nodes as one fraction.

    Parameters
    ----------
    main, inverse, reciprocal : Elemwise
        ``mul, true_div, inv`` or ``add, sub, neg``.
    calculate : callable
        ``calculate(num_values, den_values)`` folds constant values.
    neutral : number
        The value that disappears from the tree (1 for mul, 0 for add).
    use_reciprocal : bool
        Build ``reciprocal(den)`` when nothing is left above (else ``inverse(neutral, den)``).
    negation : Elemwise, optional
        An op read as the factor -1 times its input (``neg`` for mul).

    The tree is followed through nodes of the same dtype as the root and through the
    DimShuffles that Elemwise inserts to broadcast; a node whose result feeds another
    node of the family waits for that node (the root rewrites the whole tree once).
    """

    def __init__(self, main, inverse, reciprocal, calculate, neutral, use_reciprocal=True,
                 negation=None, name=None):
        self.main = main
        self.inverse = inverse
        self.reciprocal = reciprocal
        self.calculate = calculate
        self.neutral = neutral
        self.use_reciprocal = use_reciprocal
        self.negation = negation
        self.name = name
        self._family = (main, inverse, reciprocal) + ((negation,) if negation else ())
        self._minus_one = {}

    def tracks(self):
        return list(self._family)

    def where(self):
        code = type(self).transform.__code__
        return f"{code.co_filename}:{code.co_firstlineno}"

    def _role(self, op):
        """0: main, 1: inverse, 2: reciprocal, 3: negation, None: not in the family."""
        family = self._family
        for i, f in enumerate(family):
            if op is f:
                return i
        if type(op) is not Elemwise or op.inplace_pattern:
            return None
        sop = op.scalar_op
        for i, f in enumerate(family):
            fop = f.scalar_op
            if sop is fop or (type(sop) is type(fop) and sop == fop):
                return i
        return None

    def _in_family(self, node, dtype):
        return (node != "output" and len(node.outputs) == 1
                and node.outputs[0].dtype == dtype and self._role(node.op) is not None)

    def _parent(self, fgraph, out):
        """The family node whose tree ``out`` belongs to (its only user), or None."""
        var = out
        while True:
            clients = fgraph.clients[var]
            if len(clients) != 1:
                return None
            client = clients[0][0]
            if client == "output":
                return None
            if isinstance(client.op, DimShuffle) and _left_padding(client.outputs[0]) is var:
                var = client.outputs[0]
                continue
            return client if self._in_family(client, out.dtype) else None

    def get_num_den(self, fgraph, out):
        """The leaves above and below the fraction bar of the tree rooted at ``out``.

        Inner nodes are followed only when they are used once (by the tree), so a
        shared subexpression stays one leaf and is never rebuilt (no quadratic growth).
        """
        num = []
        den = []
        dtype = out.dtype
        clients = fgraph.clients
        stack = [(out, True, True)]
        while stack:
            var, above, is_root = stack.pop()
            if not is_root:
                while len(clients.get(var, ())) == 1:
                    inner = _left_padding(var)
                    if inner is None or len(clients.get(inner, ())) != 1:
                        break
                    var = inner
            owner = var.owner
            if owner is None or not (is_root or (len(clients.get(var, ())) == 1
                                                 and self._in_family(owner, dtype))):
                (num if above else den).append(var)
                continue
            role = self._role(owner.op)
            if role == 3:
                if dtype[0] in "ub":
                    (num if above else den).append(var)
                    continue
                num.append(self._minus_one_like(out))
                children = [(owner.inputs[0], above)]
            elif role == 0:
                children = [(i, above) for i in owner.inputs]
            elif role == 1:
                children = [(owner.inputs[0], above), (owner.inputs[1], not above)]
            else:
                children = [(owner.inputs[0], not above)]
            for child, side in reversed(children):
                stack.append((child, side, False))
        return num, den

    def _minus_one_like(self, out):
        key = (out.dtype, out.ndim)
        const = self._minus_one.get(key)
        if const is None:
            const = self._minus_one[key] = scalar_constant(-1, out)
        return const

    def simplify(self, num, den, out):
        """Cancel equal leaves, then fold the constants into one (first) leaf."""
        num = list(num)
        new_den = []
        for d in den:
            i = _index_of(num, d)
            if i is None:
                new_den.append(d)
            else:
                del num[i]
        den = new_den
        c_num = [v for v in num if isinstance(v, Constant)]
        c_den = [v for v in den if isinstance(v, Constant)]
        rest_num = [v for v in num if not isinstance(v, Constant)]
        rest_den = [v for v in den if not isinstance(v, Constant)]
        if not c_num and not c_den:
            return num, den
        if len(c_num) == 1 and not c_den:
            value = np.asarray(c_num[0].data)
            if not np.all(value == self.neutral) or (not rest_num and rest_den):
                return num, den  # one constant, nothing to fold: keep it where it is
            return rest_num, rest_den
        try:
            with np.errstate(all="ignore"):
                value = self.calculate([np.asarray(c.data) for c in c_num],
                                       [np.asarray(c.data) for c in c_den])
        except ValueError:
            return num, den  # shapes that do not broadcast: the error is for run time
        value = np.asarray(value)
        if np.all(value == self.neutral) and (rest_num or not rest_den):
            return rest_num, rest_den
        if value.size == 1:
            const = scalar_constant(value.reshape(()), out)
        else:
            from theano.tensor.basic import constant

            padded = value.reshape((1,) * (out.ndim - value.ndim) + value.shape)
            const = constant(np.asarray(padded, dtype=out.dtype))
        return [const] + rest_num, rest_den

    def merge_num_den(self, num, den, out):
        """The expression ``main(num...)`` / ``main(den...)`` (neutral when empty)."""
        top = None if not num else (num[0] if len(num) == 1 else self.main(*num))
        bottom = None if not den else (den[0] if len(den) == 1 else self.main(*den))
        if bottom is None:
            return top if top is not None else scalar_constant(self.neutral, out)
        if top is None:
            if self.use_reciprocal:
                return self.reciprocal(bottom)
            top = scalar_constant(self.neutral, out)
        return self.inverse(top, bottom)

    def transform(self, node):
        if self._role(node.op) is None or len(node.outputs) != 1:
            return False
        fgraph = node.fgraph
        out = node.outputs[0]
        if out.dtype == "bool":
            return False
        parent = self._parent(fgraph, out)
        if parent is not None:
            revisit(fgraph, parent)  # the parent rewrites the tree this node belongs to
            return False
        num, den = self.get_num_den(fgraph, out)
        new_num, new_den = self.simplify(num, den, out)
        if _same_leaves(num, new_num) and _same_leaves(den, new_den):
            return False
        new = self.merge_num_den(new_num, new_den, out)
        kept = {id(v) for v in new_num + new_den}
        removed = [v for v in num + den if id(v) not in kept and not
                   (isinstance(v, Constant) and np.size(v.data) == 1)]
        return [like_output(node, new, templates=removed)]


def _mul_calculate(num, den):
    top = np.asarray(1)
    for v in num:
        top = top * v
    if not den:
        return top
    bottom = np.asarray(1)
    for v in den:
        bottom = bottom * v
    return top / bottom


def _add_calculate(num, den):
    total = np.asarray(0)
    for v in num:
        total = total + v
    for v in den:
        total = total - v
    return total


local_mul_canonizer = AlgebraicCanonizer(tm.mul, tm.true_div, tm.inv, _mul_calculate, 1,
                                         use_reciprocal=False, negation=tm.neg,
                                         name="local_mul_canonizer")
register_canonicalize(local_mul_canonizer, name="local_mul_canonizer")

local_add_canonizer = AlgebraicCanonizer(tm.add, tm.sub, tm.neg, _add_calculate, 0,
                                         name="local_add_canonizer")
register_canonicalize(local_add_canonizer, name="local_add_canonizer")
