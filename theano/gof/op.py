"""Compatibility alias of theano.graph.op."""

from theano.graph.op import *  # noqa: F401,F403
