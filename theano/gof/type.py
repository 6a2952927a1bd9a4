"""Compatibility alias of theano.graph.type."""

from theano.graph.type import *  # noqa: F401,F403
