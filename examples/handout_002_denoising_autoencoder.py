"""Handout 002 (Theano and Machine Learning): a denoising autoencoder.

Tied weights, sigmoid units, no biases, as on the handout's slides: the input is corrupted
by zeroing each pixel with probability ``corruption_level`` (a binomial mask drawn by
``RandomStreams``), encoded, decoded with the transposed weights, and the cross-entropy
between the clean input and its reconstruction is minimised by minibatch SGD.  The
handout's ``get_input()`` is not given; the inputs here are scikit-learn's 8x8 digits
(1797 images, pixels scaled to [0, 1]).  Nothing is downloaded.
"""

import time

import numpy
from sklearn.datasets import load_digits

import theano
import theano.tensor as T
from theano.tensor.shared_randomstreams import RandomStreams

# FIX: the handout uses numpy_rng and theano_rng without defining them (the deeplearning.net
# tutorial it follows makes them in dA.__init__, with these seeds).
numpy_rng = numpy.random.RandomState(123)
theano_rng = RandomStreams(numpy_rng.randint(2**30))


def init_weights(n_in, n_hidden):  # FIX: the handout names this parameter h_hidden
    w_init = numpy.asarray(
        numpy_rng.uniform(
            low=-4 * numpy.sqrt(6.0 / (n_hidden + n_in)),
            high=4 * numpy.sqrt(6.0 / (n_hidden + n_in)),
            size=(n_in, n_hidden),
        )
    )
    w = theano.shared(value=w_init, name="W", borrow=True)
    return w


def corrupt_input(input, corruption_level):
    # FIX: the handout's self.theano_rng (these are functions, not methods)
    return theano_rng.binomial(size=input.shape, n=1, p=1 - corruption_level) * input


def hidden_values(input, w):
    return T.nnet.sigmoid(T.dot(input, w))


def reconstruct_input(hidden, w):
    return T.nnet.sigmoid(T.dot(hidden, w.T))


def cost_update(x, w, corruption_level, learning_rate):
    tilde_x = corrupt_input(x, corruption_level)
    y = hidden_values(tilde_x, w)  # FIX: the handout does not pass w
    z = reconstruct_input(y, w)  # FIX: same
    L = -T.sum(x * T.log(z) + (1 - x) * T.log(1 - z), axis=1)
    cost = T.mean(L)
    g = T.grad(cost, w)
    updates = [(w, w - learning_rate * g)]
    return (cost, updates)


def get_input():
    """The handout's input: a symbolic minibatch of images, one per row."""
    return T.matrix("x")


def load_images():
    digits = load_digits()
    return (digits.data / 16.0).astype(theano.config.floatX)


# Putting it together
x = get_input()
w = init_weights(64, 40)  # the handout: init_weights(50, 40) for 50 inputs
corruption_level = 0.2
lr = 0.001
cost, updates = cost_update(x, w, corruption_level, lr)
train = theano.function([x], cost, updates=updates)  # FIX: the handout passes x, not [x]

# Not in the handout: the cost of the untrained model, without updates.
reconstruction_cost = theano.function([x], cost)

images = load_images()
batch_size = 20
n_batches = len(images) // batch_size
print("epoch 0, reconstruction cost %f" % reconstruction_cost(images))
start = time.time()
for epoch in range(1, 6):
    costs = [train(images[i * batch_size : (i + 1) * batch_size]) for i in range(n_batches)]
    print("epoch %i, reconstruction cost %f" % (epoch, numpy.mean(costs)))
print("trained in %.2f s" % (time.time() - start))
