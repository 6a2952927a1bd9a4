"""Symbolic tensors: types, constructors, and every tensor operation."""

from theano.tensor.type import TensorType
from theano.tensor.var import TensorConstant, TensorVariable, _tensor_py_operators
from theano.tensor import basic
from theano.tensor.basic import *  # noqa: F401,F403  (constructors: scalar, dmatrix, ...)
from theano.tensor.basic import (
    AsTensorError,
    NotScalarConstantError,
    Rebroadcast,
    addbroadcast,
    as_tensor,
    as_tensor_variable,
    cast,
    constant,
    get_scalar_constant_value,
    get_vector_length,
    patternbroadcast,
    tensor,
    unbroadcast,
)
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise
from theano.tensor.math import *  # noqa: F401,F403
from theano.tensor.reduction import *  # noqa: F401,F403
from theano.tensor.dot import *  # noqa: F401,F403
from theano.tensor.shape import *  # noqa: F401,F403
from theano.tensor.join import *  # noqa: F401,F403
from theano.tensor.alloc import *  # noqa: F401,F403
from theano.tensor import subtensor
from theano.tensor.subtensor import *  # noqa: F401,F403

from theano.gradient import Lop, Rop, consider_constant, grad, jacobian, hessian  # noqa: E402,F401
from theano.tensor import nnet  # noqa: E402,F401
from theano.tensor import extra_ops  # noqa: E402,F401
from theano.tensor.extra_ops import (  # noqa: E402,F401
    Choose,
    DiffOp,
    bartlett,
    bincount,
    choose,
    compress,
    cumprod,
    cumsum,
    fill_diagonal,
    fill_diagonal_offset,
    ravel_multi_index,
    repeat,
    searchsorted,
    squeeze,
    unravel_index,
)
from theano.tensor.sort import (  # noqa: E402,F401
    Nonzero,
    PermuteRowElements,
    argsort,
    argtopk,
    flatnonzero,
    inverse_permutation,
    nonzero,
    nonzero_values,
    permute_row_elements,
    sort,
    topk,
    topk_and_argtopk,
)
from theano.tensor import nlinalg, slinalg  # noqa: E402,F401
from theano.tensor.nlinalg import AllocDiag, ExtractDiag, diag, diagonal, trace  # noqa: E402,F401
from theano.tensor import inplace  # noqa: E402,F401
