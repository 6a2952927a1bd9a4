"""theano.d3viz: interactive HTML views of graphs (``d3viz``) and their DOT data (``d3write``)."""

from theano.d3viz.d3viz import PyDotFormatter, d3viz, d3write

__all__ = ["PyDotFormatter", "d3viz", "d3write"]
