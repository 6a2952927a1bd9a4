"""Theano 1.0's ``theano.scan_module.scan_views``: map, reduce, foldl, foldr."""

from theano.scan.views import foldl, foldr, map, reduce

__all__ = ["foldl", "foldr", "map", "reduce"]
