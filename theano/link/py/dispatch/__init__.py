"""Renderers of the py backend, one module per topic.

Topic modules import the ops they render (scan, ifelse, conv...), and those import
the compile layer; so they are loaded at the first compilation (``load_all``), not
when ``theano`` is imported.
"""

import importlib

from theano.link.py.dispatch.basic import py_funcify

_TOPICS = (
    "elemwise",
    "math",
    "reduction",
    "dot",
    "shape",
    "join",
    "subtensor",
    "extra",
    "nnet",
    "ifelse",
    "pool",
    "linalg",
    "scan",
    "conv",
    "blas",
    "composite",
)
_loaded = False


def load_all():
    """Import every topic module once, registering its renderers on ``py_funcify``."""
    global _loaded
    if _loaded:
        return
    for topic in _TOPICS:
        importlib.import_module(f"theano.link.py.dispatch.{topic}")
    _loaded = True


__all__ = ["py_funcify", "load_all"]
