"""Compatibility alias: Theano 1.0 kept tensor shared variables here."""

from theano.compile.sharedvalue import (  # noqa: F401
    TensorSharedVariable,
    scalar_constructor,
    tensor_constructor,
)
