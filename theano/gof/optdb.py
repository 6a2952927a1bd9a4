"""Compatibility alias: Theano 1.0's rewrite databases (now theano.graph.rewriting.db)."""

from theano.graph.rewriting.db import (  # noqa: F401
    DB,
    EquilibriumDB,
    LocalGroupDB,
    ProxyDB,
    Query,
    SequenceDB,
    TopoDB,
)
