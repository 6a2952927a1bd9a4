"""Theano 1.0's ``theano.scan_module.scan_op``: the Scan op."""

from theano.scan.op import Scan, ScanInfo

__all__ = ["Scan", "ScanInfo"]
