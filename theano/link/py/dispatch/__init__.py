"""Renderers of the py backend, one module per topic; importing this registers them all."""

from theano.link.py.dispatch.basic import py_funcify
from theano.link.py.dispatch import elemwise  # noqa: F401
from theano.link.py.dispatch import math  # noqa: F401
from theano.link.py.dispatch import reduction  # noqa: F401
from theano.link.py.dispatch import dot  # noqa: F401
from theano.link.py.dispatch import shape  # noqa: F401
from theano.link.py.dispatch import join  # noqa: F401
from theano.link.py.dispatch import subtensor  # noqa: F401
from theano.link.py.dispatch import extra  # noqa: F401
from theano.link.py.dispatch import nnet  # noqa: F401
