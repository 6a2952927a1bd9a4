"""Theano 1.0's ``theano.scan_module.scan_utils``: ``until`` and graph helpers."""

from theano.graph.basic import clone_replace as clone
from theano.scan.utils import (
    equal_computations,
    get_updates_and_outputs,
    map_variables,
    until,
)

__all__ = ["clone", "equal_computations", "get_updates_and_outputs", "map_variables", "until"]
