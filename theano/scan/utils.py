"""Helpers of scan: the ``until`` marker, parsing what a step returns, and comparing graphs."""

from collections import OrderedDict

import numpy as np

from theano.graph.basic import Constant, Variable, io_toposort
from theano.tensor.basic import as_tensor_variable


class until:
    """Stop a scan loop after the step where ``condition`` is true (``repeat ... until``).

    The step function returns it last: ``return new_value, until(new_value > limit)``.
    The condition must be a scalar; ``n_steps`` is then the largest number of steps.
    """

    def __init__(self, condition):
        self.condition = as_tensor_variable(condition)
        if self.condition.ndim != 0:
            raise TypeError(
                "theano.scan_module.until: the condition must be a scalar, got "
                f"{self.condition} of type {self.condition.type}; reduce it with .any() or "
                ".all() first."
            )

    def __repr__(self):
        return f"until({self.condition})"


def _is_variable(x):
    return isinstance(x, Variable)


def _is_outputs(elem):
    if isinstance(elem, (list, tuple)):
        return all(_is_variable(x) for x in elem)
    return _is_variable(elem)


def _is_updates(elem):
    if isinstance(elem, dict):
        return True
    return isinstance(elem, (list, tuple)) and all(
        isinstance(x, (list, tuple)) and len(x) == 2 for x in elem
    )


def _only_allowed(x):
    if isinstance(x, (list, tuple)):
        return all(_only_allowed(y) for y in x)
    if isinstance(x, dict):
        return all(_only_allowed(k) and _only_allowed(v) for k, v in x.items())
    return _is_variable(x) or isinstance(x, until)


def get_updates_and_outputs(ls, fn_name="fn"):
    """Split what a step function returned into ``(condition, outputs, updates)``.

    A step may return: outputs (one variable or a list); updates (a dict or a list
    of pairs); both as ``(outputs, updates)``; and an ``until`` last.
    """
    if not _only_allowed(ls):
        raise ValueError(
            f"The return value of your scan step function {fn_name} may only be made of lists, "
            "tuples, or dictionaries containing Theano variables (or "
            "`theano.scan_module.until` objects for conditions); it returned "
            f"{_short_repr(ls)}. In particular if you need to use constant values, you can "
            "use `tensor.constant` to turn them into Theano variables."
        )
    if isinstance(ls, until):
        return ls.condition, [], OrderedDict()
    if _is_outputs(ls):
        return None, _as_list(ls), OrderedDict()
    if _is_updates(ls):
        return None, [], OrderedDict(ls.items() if isinstance(ls, dict) else ls)
    message = (
        f"Scan cannot parse the return value of your step function {fn_name}, which is: "
        f"{_short_repr(ls)}. Return the outputs (if any), then the updates (if any), then "
        "an until(condition) (if any)."
    )
    if not isinstance(ls, (list, tuple)):
        raise ValueError(message)  # noqa: TRY004  (Theano 1.0 raised ValueError)
    ls = list(ls)
    outputs, updates, condition = [], OrderedDict(), None
    if ls and isinstance(ls[-1], until):
        condition = ls.pop().condition
    if len(ls) == 1:
        # (outputs, until) or (updates, until)
        if _is_outputs(ls[0]):
            outputs = _as_list(ls[0])
        elif _is_updates(ls[0]):
            updates = _as_updates(ls[0])
        else:
            raise ValueError(message)
    elif len(ls) == 2 and _is_outputs(ls[0]) and _is_updates(ls[1]):
        outputs, updates = _as_list(ls[0]), _as_updates(ls[1])
    elif len(ls) == 2 and _is_updates(ls[0]) and _is_outputs(ls[1]):
        # Theano 1.0 refused (updates, outputs); accepting it is harmless and clear.
        outputs, updates = _as_list(ls[1]), _as_updates(ls[0])
    elif condition is not None and all(_is_variable(x) for x in ls):
        outputs = ls
    else:
        raise ValueError(message)
    return condition, outputs, updates


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _as_updates(x):
    return OrderedDict(x.items() if isinstance(x, dict) else x)


def _short_repr(x):
    text = repr(x)
    return text if len(text) < 300 else text[:300] + "..."


def equal_computations(xs, ys, in_xs=None, in_ys=None):
    """True when the graphs computing ``xs`` and ``ys`` are the same computation.

    ``in_xs[i]`` and ``in_ys[i]`` are taken to be the same input; other owner-less
    variables must be identical, constants equal.
    """
    if len(xs) != len(ys):
        return False
    in_xs = list(in_xs or [])
    in_ys = list(in_ys or [])
    if len(in_xs) != len(in_ys):
        return False
    equiv = {}
    for a, b in zip(in_xs, in_ys):
        if a.type != b.type:
            return False
        equiv[a] = b
    nodes_x = io_toposort(in_xs, xs)
    nodes_y = io_toposort(in_ys, ys)
    if len(nodes_x) != len(nodes_y):
        return False

    def same_leaf(a, b):
        if a in equiv:
            return equiv[a] is b
        if isinstance(a, Constant) and isinstance(b, Constant):
            return a.type == b.type and _same_data(a.data, b.data)
        return a is b

    for nx, ny in zip(nodes_x, nodes_y):
        if nx.op != ny.op or len(nx.inputs) != len(ny.inputs):
            return False
        for a, b in zip(nx.inputs, ny.inputs):
            if not same_leaf(a, b):
                return False
        for a, b in zip(nx.outputs, ny.outputs):
            if a.type != b.type:
                return False
            equiv[a] = b
    return all(same_leaf(a, b) for a, b in zip(xs, ys))


def _same_data(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a = np.asarray(a)
        b = np.asarray(b)
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype.kind in "fc":
            return bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))
        return bool(np.all(a == b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return a is b


def map_variables(replacer, graphs, additional_inputs=None):
    """Clone ``graphs`` with every variable ``v`` replaced by ``replacer(v)``.

    ``replacer`` returns ``v`` itself to keep it.  Graphs inside scan ops are not
    entered (Theano's version also rewrote inner graphs).
    """
    from theano.graph.basic import ancestors, clone_replace

    replace = {}
    for v in ancestors(graphs):
        new = replacer(v)
        if new is not v:
            replace[v] = new
    return clone_replace(list(graphs), replace) if replace else list(graphs)
