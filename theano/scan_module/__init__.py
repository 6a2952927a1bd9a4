"""Theano 1.0's import path for scan (``theano.scan_module``): re-exports of ``theano.scan``."""

from theano.scan import clone, foldl, foldr, map, reduce, scan, scan_checkpoints, until
from theano.scan_module import scan_op, scan_utils, scan_views

__all__ = [
    "clone",
    "foldl",
    "foldr",
    "map",
    "reduce",
    "scan",
    "scan_checkpoints",
    "scan_op",
    "scan_utils",
    "scan_views",
    "until",
]
