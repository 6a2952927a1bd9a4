"""Theano: define, optimize and evaluate mathematical expressions on arrays.

A from-scratch implementation of Theano 1.0's public API for Python 3.11+ and NumPy 2.
"""

__version__ = "1.0.5+new.0.1"

from theano.configparser import change_flags, config
from theano.graph.basic import Apply, Constant, Variable, clone_replace as clone
from theano.graph.fg import FunctionGraph, InconsistencyError
from theano.graph.op import Op
from theano.graph.type import Generic, Type, generic
from theano import scalar
from theano import tensor
from theano.compile import (
    FunctionMaker,
    In,
    Mode,
    OrderedUpdates,
    Out,
    Param,
    SharedVariable,
    SymbolicInput,
    SymbolicOutput,
    function,
    function_dump,
    predefined_linkers,
    predefined_modes,
    predefined_optimizers,
    shared,
)
from theano.tensor.basic import get_scalar_constant_value
from theano import gof, gradient
from theano.gradient import Lop, Rop, grad
from theano import printing
from theano.printing import pp, pprint

import theano.tensor.shared_randomstreams  # noqa: E402,F401  (Theano 1.0 imported it)
from theano import scan_module  # noqa: E402,F401
from theano.scan import foldl, foldr, map, reduce, scan, scan_checkpoints  # noqa: E402,F401
from theano.tensor.dot import dot  # noqa: E402,F401
