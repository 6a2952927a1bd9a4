"""Neural-net operations (``theano.tensor.nnet``): activations, softmax, cross-entropies.

Convolution, pooling, batch normalization and neighbours live in their own modules
(issue #7); import them here when they land.
"""

from theano.tensor.nnet import nnet, sigm  # noqa: F401
from theano.tensor.nnet.nnet import *
from theano.tensor.nnet.sigm import *
from theano.tensor.nnet import bn, neighbours  # noqa: F401,E402
from theano.tensor.nnet.bn import batch_normalization  # noqa: F401,E402
from theano.tensor.nnet.neighbours import Images2Neibs, images2neibs, neibs2images  # noqa: E402,F401
