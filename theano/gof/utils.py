"""Compatibility alias of theano.graph.utils."""

from theano.graph.utils import *  # noqa: F401,F403
