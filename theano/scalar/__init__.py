"""Scalar types and element-wise scalar ops."""

from theano.scalar import basic
from theano.scalar.basic import *  # noqa: F401,F403
from theano.scalar.elementary import *  # noqa: F401,F403
from theano.scalar.complex_numbers import *  # noqa: F401,F403
from theano.scalar.math import *  # noqa: F401,F403
from theano.scalar.basic import (
    Scalar,
    ScalarOp,
    ScalarType,
    ScalarVariable,
    as_scalar,
    constant,
    get_scalar_type,
    upcast,
)
from theano.scalar.composite import Composite  # noqa: F401,E402
