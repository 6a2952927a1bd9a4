"""Tensor rewrites, registered in the phases of ``theano.compile.optdb`` when imported.

``basic``: the register helpers, constant folding, element-wise, cast, DimShuffle and
reduction rewrites; ``math``: the algebraic canonizers; ``shape``: the ShapeFeature
and the shape and reshape rewrites.
"""

from theano.tensor.rewriting.basic import (
    constant_folding,
    register,
    register_canonicalize,
    register_specialize,
    register_specialize_device,
    register_stabilize,
    register_uncanonicalize,
    register_useless,
)
from theano.tensor.rewriting import math  # noqa: F401
from theano.tensor.rewriting.shape import ShapeFeature, ShapeOptimizer  # noqa: F401
from theano.tensor.rewriting import stabilize  # noqa: F401
from theano.tensor.rewriting import specialize  # noqa: F401
from theano.tensor.rewriting import nnet  # noqa: F401
from theano.tensor.rewriting import elemwise  # noqa: F401
