"""Compatibility alias: Theano 1.0's tensor rewrites (now theano.tensor.rewriting)."""

from theano.tensor.rewriting.basic import *  # noqa: F401,F403
from theano.tensor.rewriting.math import *  # noqa: F401,F403
from theano.tensor.rewriting.shape import *  # noqa: F401,F403
