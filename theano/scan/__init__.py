"""Symbolic loops: ``scan`` and its special cases, the Scan op, and Jacobians by scan."""

import theano.scan.rewriting  # noqa: F401  (registers the Scan rewrites in optdb)
from theano.graph.basic import clone_replace as clone
from theano.scan.basic import scan
from theano.scan.jacobian import hessian, jacobian
from theano.scan.op import Scan, ScanInfo
from theano.scan.utils import until
from theano.scan.views import foldl, foldr, map, reduce, scan_checkpoints

__all__ = [
    "Scan",
    "ScanInfo",
    "clone",
    "foldl",
    "foldr",
    "hessian",
    "jacobian",
    "map",
    "reduce",
    "scan",
    "scan_checkpoints",
    "until",
]
