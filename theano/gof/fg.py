"""Compatibility alias of theano.graph.fg."""

from theano.graph.fg import *  # noqa: F401,F403
