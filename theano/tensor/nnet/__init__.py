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
from theano.tensor.nnet import abstract_conv, conv, conv3d2d  # noqa: F401,E402
from theano.tensor.nnet.abstract_conv import conv2d as abstract_conv2d  # noqa: F401,E402
from theano.tensor.nnet.abstract_conv import (  # noqa: F401,E402
    conv2d_grad_wrt_inputs,
    conv2d_grad_wrt_weights,
    conv2d_transpose,
    conv3d,
    separable_conv2d,
)
from theano.tensor.nnet.abstract_conv import nnet_conv2d as conv2d  # noqa: F401,E402
from theano.tensor.nnet.conv import ConvOp  # noqa: F401,E402
