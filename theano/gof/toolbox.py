"""Compatibility alias: Theano 1.0's FunctionGraph features."""

from theano.graph.fg import Feature  # noqa: F401
