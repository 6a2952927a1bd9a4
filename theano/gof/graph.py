"""Compatibility alias of theano.graph.basic."""

from theano.graph.basic import *  # noqa: F401,F403
from theano.graph.basic import graph_inputs as inputs  # noqa: F401,E402
