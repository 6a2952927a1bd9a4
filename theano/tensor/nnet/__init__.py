"""Neural-net operations (``theano.tensor.nnet``): activations, softmax, cross-entropies.

Convolution, pooling, batch normalization and neighbours live in their own modules
(issue #7); import them here when they land.
"""

from theano.tensor.nnet import nnet, sigm  # noqa: F401
from theano.tensor.nnet.nnet import *
from theano.tensor.nnet.sigm import *
