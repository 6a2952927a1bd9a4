"""Op: what an Apply computes.  Ops stay backend-free: meaning, types, shape, gradient."""

import numpy as np

from theano.graph.basic import Apply, Variable
from theano.graph.utils import MethodNotDefined


class Op:
    """Base of every operation.

    A subclass declares ``__props__`` (the names of the attributes that make two
    instances equal), ``make_node`` (checks and builds the Apply), ``perform`` (the
    NumPy reference meaning), and optionally ``infer_shape``, ``grad``/``L_op`` and
    ``R_op``.  Without ``__props__`` two instances are equal only if identical.
    """

    __props__ = None
    default_output = None
    view_map = {}
    destroy_map = {}

    # Equality and hashing derive from __props__ ------------------------------------
    def _props(self):
        return tuple(getattr(self, p) for p in self.__props__)

    def _props_dict(self):
        return {p: getattr(self, p) for p in self.__props__}

    def __eq__(self, other):
        if self.__props__ is None:
            return self is other
        return type(self) is type(other) and self._props() == other._props()

    def __hash__(self):
        if self.__props__ is None:
            return id(self)
        return hash((type(self), self._props()))

    def __str__(self):
        props = self.__props__
        if props:
            args = ", ".join(f"{p}={getattr(self, p)!r}" for p in props)
            return f"{type(self).__name__}{{{args}}}"
        return type(self).__name__

    __repr__ = __str__

    # Building --------------------------------------------------------------------
    def make_node(self, *inputs):
        raise MethodNotDefined("make_node", type(self).__name__)

    def __call__(self, *inputs, **kwargs):
        node = self.make_node(*inputs, **kwargs)
        _maybe_compute_test_value(self, node)
        if self.default_output is not None:
            return node.outputs[self.default_output]
        if len(node.outputs) == 1:
            return node.outputs[0]
        return node.outputs

    # Meaning ---------------------------------------------------------------------
    def perform(self, node, inputs, output_storage):
        """Compute outputs from NumPy ``inputs`` into ``output_storage[i][0]``."""
        raise MethodNotDefined("perform", type(self).__name__)

    # Gradients -------------------------------------------------------------------
    def L_op(self, inputs, outputs, output_grads):
        """Vector-Jacobian product; by default ``grad(inputs, output_grads)``."""
        return self.grad(inputs, output_grads)

    def grad(self, inputs, output_grads):
        raise NotImplementedError(f"{type(self).__name__} has no gradient (grad/L_op)")

    def R_op(self, inputs, eval_points):
        raise NotImplementedError(f"{type(self).__name__} has no R_op")

    def connection_pattern(self, node):
        return [[True] * len(node.outputs) for _ in node.inputs]

    def do_constant_folding(self, node):
        return True


class PureOp(Op):
    """Theano 1.0 name kept for code that subclasses it."""


class _NoPythonOp(Op):
    pass


def _maybe_compute_test_value(op, node):
    from theano.configparser import config

    mode = config.compute_test_value
    if mode == "off":
        return
    values = []
    for i, inp in enumerate(node.inputs):
        if hasattr(inp.tag, "test_value"):
            values.append(inp.tag.test_value)
        elif hasattr(inp, "data"):
            values.append(inp.data)
        elif hasattr(inp, "get_value"):
            values.append(inp.get_value(borrow=True))
        elif inp.owner is None:
            if mode == "ignore":
                return
            msg = (
                f"{op}: input {i} ({inp}) has no test value; set it with "
                f"`var.tag.test_value = value` or turn config.compute_test_value off"
            )
            if mode == "warn":
                import warnings

                warnings.warn(msg, stacklevel=3)
                return
            raise ValueError(msg)
        else:
            return
    storage = [[None] for _ in node.outputs]
    op.perform(node, [np.asarray(v) if not isinstance(v, object) else v for v in values], storage)
    for out, s in zip(node.outputs, storage):
        out.tag.test_value = s[0]


def get_test_value(v):
    if hasattr(v.tag, "test_value"):
        return v.tag.test_value
    if hasattr(v, "data"):
        return v.data
    raise AttributeError(f"{v} has no test value")


def ops_with_inner_function():
    return ()


__all__ = ["Op", "PureOp", "Apply", "Variable"]
