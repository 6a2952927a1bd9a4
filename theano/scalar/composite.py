"""Composite: one scalar op made of a graph of scalar ops (what element-wise fusion builds)."""

import numpy as np

from theano.graph.basic import Constant, io_toposort
from theano.scalar.basic import ScalarOp

__all__ = ["Composite"]

# Infix forms used when printing the inner graph, as Theano 1.0 prints them.
_INFIX = {"add": "+", "sub": "-", "mul": "*", "true_div": "/", "int_div": "//", "pow": "**",
          "mod": "%", "lt": "<", "gt": ">", "le": "<=", "ge": ">=", "eq": "==", "neq": "!="}


class Composite(ScalarOp):
    """A scalar op whose meaning is a graph of scalar ops from ``inputs`` to ``outputs``.

    Parameters
    ----------
    inputs : list of ScalarVariable
        The inner graph's inputs (owner-less scalar variables).
    outputs : list of ScalarVariable
        The inner graph's outputs, computed from ``inputs`` and scalar constants.

    Notes
    -----
    ``impl`` evaluates the inner nodes one by one on arrays, each result cast to its
    inner variable's dtype, so a fused chain gives exactly the unfused numbers.
    Two Composites are equal when their inner graphs are the same up to renaming.
    """

    __props__ = ()

    def __init__(self, inputs, outputs):
        self.inputs = list(inputs)
        self.outputs = list(outputs)
        self.nin = len(self.inputs)
        self.nout = len(self.outputs)
        self.nodes = io_toposort(self.inputs, self.outputs)
        self.output_types_preference = None
        self._key, self.name = self._describe()

    def _describe(self):
        """A hashable structural key of the inner graph, and Theano's ``Composite{...}``."""
        names = {v: f"i{k}" for k, v in enumerate(self.inputs)}
        key = [tuple(str(v.type) for v in self.inputs)]
        texts = dict(names)
        for n, node in enumerate(self.nodes):
            args = []
            for inp in node.inputs:
                if inp not in names:
                    if not isinstance(inp, Constant):
                        raise ValueError(f"Composite: {inp} is neither an input nor a constant")
                    names[inp] = f"{inp.type.dtype}:{np.asarray(inp.data).item()!r}"
                    texts[inp] = _const_text(inp)
                args.append(names[inp])
            key.append((node.op, tuple(args)))
            for j, out in enumerate(node.outputs):
                names[out] = f"n{n}.{j}"
            texts[node.outputs[0]] = _node_text(node, [texts[i] for i in node.inputs])
        for out in self.outputs:
            if out not in names:
                raise ValueError(f"Composite: output {out} is not computed from the inputs")
        key.append(tuple(names[o] for o in self.outputs))
        key.append(tuple(str(o.type) for o in self.outputs))
        body = ", ".join(texts[o] for o in self.outputs)
        return tuple(key), f"Composite{{{body}}}"

    def __eq__(self, other):
        return type(self) is type(other) and self._key == other._key

    def __hash__(self):
        return hash((type(self), self._key))

    def __str__(self):
        return self.name

    def __getstate__(self):
        return {"inputs": self.inputs, "outputs": self.outputs}

    def __setstate__(self, d):
        self.__init__(d["inputs"], d["outputs"])

    def output_types(self, types):
        want = [v.type for v in self.inputs]
        if list(types) != want:
            raise TypeError(
                f"{self.name}: expected inputs of types {[str(t) for t in want]}, "
                f"got {[str(t) for t in types]}"
            )
        return [o.type for o in self.outputs]

    def impl(self, *inputs):
        values = dict(zip(self.inputs, inputs))
        with np.errstate(all="ignore"):
            for node in self.nodes:
                args = [values[i] if i in values else _const_value(i) for i in node.inputs]
                res = node.op.impl(*args)
                if len(node.outputs) == 1:
                    res = [res]
                for out, r in zip(node.outputs, res):
                    dtype = out.type.dtype
                    if getattr(r, "dtype", None) != dtype:
                        r = np.asarray(r, dtype=dtype)
                    values[out] = r
        results = [values[o] if o in values else _const_value(o) for o in self.outputs]
        return results[0] if self.nout == 1 else results

    def L_op(self, inputs, outputs, output_grads):
        raise NotImplementedError(
            f"{self.name}: Composite has no gradient; fusion runs after differentiation"
        )


def _const_value(const):
    return np.asarray(const.data, dtype=const.type.dtype)[()]


def _const_text(const):
    value = np.asarray(const.data).item()
    return repr(value)


def _node_text(node, args):
    name = getattr(node.op, "name", str(node.op))
    if name in _INFIX and len(args) >= 2:
        return "(" + f" {_INFIX[name]} ".join(args) + ")"
    if name == "neg" and len(args) == 1:
        return f"(-{args[0]})"
    return f"{name}({', '.join(args)})"
