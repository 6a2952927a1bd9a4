"""Theano 1.0's name for the graph layer: re-exports of theano.graph (compatibility)."""

from theano.graph.basic import Apply, Constant, Node, Variable, clone, graph_inputs as inputs
from theano.graph.basic import io_toposort
from theano.graph.fg import Feature, FunctionGraph, InconsistencyError, MissingInputError
from theano.graph.op import Op, PureOp
from theano.graph.type import Generic, Type, generic
from theano.graph.utils import MethodNotDefined
from theano.gof import graph, op, type, fg, toolbox, utils, opt, optdb  # noqa: F401
