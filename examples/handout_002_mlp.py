"""Handout 002 (Theano and Machine Learning): a multilayer perceptron with L1/L2 regularisation.

The handout's code: Xavier-initialised tanh hidden layer, softmax output layer,
cost ``-log(p_y_x[0, y]) + L1 + L2``, one example at a time, every parameter updated with
``updates``.  The handout's ``examples`` are not given; here they are scikit-learn's 8x8
digits (pixels scaled to [0, 1]), split once with a fixed seed into 1297 training and 500
test images, and the error is measured on the test images.  Nothing is downloaded.
"""

import time

# FIX: the handout imports numpy as np but calls it numpy.
import numpy
import numpy as np
from sklearn.datasets import load_digits

import theano
import theano.tensor as T


def init_hidden_weights(n_in, n_hidden):
    rng = numpy.random.RandomState(1111)
    weights = numpy.asarray(  # Xavier initialization
        rng.uniform(
            low=-numpy.sqrt(6.0 / (n_in + n_hidden)),
            high=numpy.sqrt(6.0 / (n_in + n_hidden)),
            size=(n_in, n_hidden),
        )
    )  # FIX: the handout misses this closing parenthesis
    bias = numpy.zeros(n_hidden)
    return (
        theano.shared(value=weights, name="W", borrow=True),
        theano.shared(value=bias, name="b", borrow=True),
    )


def init_output_weights(n_hidden, n_out):
    # FIX: the handout's numpy.zeros(n_hidden, n_out) passes n_out as the dtype
    weights = numpy.zeros((n_hidden, n_out))
    bias = numpy.zeros(n_out)
    return (
        theano.shared(value=weights, name="W", borrow=True),
        theano.shared(value=bias, name="b", borrow=True),
    )


def L1(L1_reg, w1, w2):
    return L1_reg * (abs(w1).sum() + abs(w2).sum())


def L2(L2_reg, w1, w2):
    return L2_reg * ((w1**2).sum() + (w2**2).sum())


def feed_forward(activation, weights, bias, input_):
    return activation(T.dot(input_, weights) + bias)


# theano calculates the gradient, param are the weights
def gradient_step(param, cost, lr):
    return param - (lr * T.grad(cost, param))


def load_examples():
    """Return (training examples, test examples), each a list of (image, label) pairs."""
    digits = load_digits()
    data = (digits.data / 16.0).astype(theano.config.floatX)
    labels = digits.target.astype("int32")
    order = numpy.random.RandomState(1234).permutation(len(labels))
    train, test = order[:1297], order[1297:]
    return list(zip(data[train], labels[train])), list(zip(data[test], labels[test]))


# Connecting layers (the handout: n_in = 50, n_hidden = 30 here, 100 in its last slide)
n_in = 64
n_hidden = 30
n_out = 10

h_w, h_b = init_hidden_weights(n_in, n_hidden)
o_w, o_b = init_output_weights(n_hidden, n_out)

x = T.vector("x")  # one image
y = T.iscalar("y")  # its label

lr = 0.01
L1_reg = 0.0001
L2_reg = 0.0001

# how good is our current model
# theano also provides some convenient nn functions
p_y_x = feed_forward(T.nnet.softmax, o_w, o_b, feed_forward(T.tanh, h_w, h_b, x))

cost = (
    -T.log(p_y_x[0, y])  # -log likelihood of desired label
    + L1(L1_reg, o_w, h_w)
    + L2(L2_reg, o_w, h_w)
)

train = theano.function(
    inputs=[x, y],
    outputs=cost,  # output depends on cost
    updates=[
        (o_w, gradient_step(o_w, cost, lr)),
        (o_b, gradient_step(o_b, cost, lr)),
        (h_w, gradient_step(h_w, cost, lr)),
        (h_b, gradient_step(h_b, cost, lr)),
    ],
)

evaluate = theano.function(
    inputs=[x, y],
    outputs=T.neq(y, T.argmax(p_y_x[0])),
)

# Putting everything together
examples, test_examples = load_examples()
start = time.time()
for epoch in range(1, 6):  # the handout runs 999 epochs
    costs = [train(x, y) for x, y in examples]
    # FIX: the handout computes the error inside the training loop, after every example
    error = np.mean([evaluate(x, y) for x, y in test_examples])
    print("epoch %i, cost %f, error %f %%" % (epoch, np.mean(costs), error * 100))
print("trained in %.2f s" % (time.time() - start))
