"""Graph IR: Variables, Apply nodes, Ops, Types and FunctionGraphs."""

from theano.graph.basic import Apply, Constant, Node, Variable, clone, clone_replace
from theano.graph.fg import FunctionGraph, InconsistencyError, MissingInputError
from theano.graph.op import Op
from theano.graph.type import Generic, Type, generic
