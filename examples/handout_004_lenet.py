"""Handout 004 (Theano tutorial part 2): the ConvPoolLayer and a LeNet trained on digits.

The handout's ``ConvPoolLayer`` (old names: ``theano.tensor.nnet.conv.conv2d`` and
``theano.tensor.signal.downsample.max_pool_2d``, no bias, rectified after pooling), stacked
into the LeNet of deeplearning.net's tutorial: conv 20@5x5, pool 2, conv 50@5x5, pool 2, a
hidden layer of 500 units and a softmax layer.  The handout gives no data set; here it is
scikit-learn's 8x8 digits, each pixel blown up to a 3x3 block and padded to 28x28 (MNIST's
size), split once with a fixed seed into 1297 training and 500 test images.  Nothing is
downloaded.  Trained by minibatch SGD on the mean negative log-likelihood.
"""

import time

import numpy as np
from sklearn.datasets import load_digits

import theano
import theano.tensor as T
from theano.tensor.nnet import conv
from theano.tensor.signal.downsample import max_pool_2d

floatX = theano.config.floatX
rng = np.random.RandomState(1234)


def rectify(x):
    # the handout uses ``rectify`` without defining it
    return T.maximum(x, 0.0)


class ConvPoolLayer(object):
    def __init__(self, w_init):
        self.W = theano.shared(w_init())

    def get_output_expr(self, input_expr):
        conv_out = conv.conv2d(input_expr, self.W)
        pooled_out = max_pool_2d(conv_out, (2, 2))
        return rectify(pooled_out)

    def get_parameters(self):
        return [self.W]


class HiddenLayer(object):
    def __init__(self, n_in, n_out, activation):
        bound = np.sqrt(6.0 / (n_in + n_out))
        self.W = theano.shared(rng.uniform(-bound, bound, (n_in, n_out)).astype(floatX))
        self.b = theano.shared(np.zeros(n_out, dtype=floatX))
        self.activation = activation

    def get_output_expr(self, input_expr):
        return self.activation(T.dot(input_expr, self.W) + self.b)

    def get_parameters(self):
        return [self.W, self.b]


def filters(n_kern, n_in, size):
    """A ``w_init`` for ConvPoolLayer: Glorot-uniform (n_kern, n_in, size, size) filters."""
    fan_in = n_in * size * size
    fan_out = n_kern * size * size / 4  # pooling 2x2
    bound = np.sqrt(6.0 / (fan_in + fan_out))
    return lambda: rng.uniform(-bound, bound, (n_kern, n_in, size, size)).astype(floatX)


def load_images():
    """Digits as (N, 1, 28, 28) images in [0, 1] and int32 labels, split 1297 / 500."""
    digits = load_digits()
    images = digits.images / 16.0
    big = np.kron(images, np.ones((1, 3, 3)))  # 8x8 -> 24x24
    big = np.pad(big, ((0, 0), (2, 2), (2, 2)))  # -> 28x28
    data = big[:, None, :, :].astype(floatX)
    labels = digits.target.astype("int32")
    order = np.random.RandomState(1234).permutation(len(labels))
    train, test = order[:1297], order[1297:]
    return data[train], labels[train], data[test], labels[test]


# The LeNet
x = T.tensor4("x")  # (batch, 1, 28, 28)
y = T.ivector("y")

layer0 = ConvPoolLayer(filters(20, 1, 5))  # -> (batch, 20, 12, 12)
layer1 = ConvPoolLayer(filters(50, 20, 5))  # -> (batch, 50, 4, 4)
layer2 = HiddenLayer(50 * 4 * 4, 500, T.tanh)
layer3 = HiddenLayer(500, 10, T.nnet.softmax)
layers = [layer0, layer1, layer2, layer3]

h = layer1.get_output_expr(layer0.get_output_expr(x))
p_y_x = layer3.get_output_expr(layer2.get_output_expr(h.flatten(2)))
cost = T.nnet.categorical_crossentropy(p_y_x, y).mean()
error = T.neq(T.argmax(p_y_x, axis=1), y).mean()

params = [p for layer in layers for p in layer.get_parameters()]
lr = 0.1
grads = theano.grad(cost, params)
train = theano.function([x, y], cost, updates=[(p, p - lr * g) for p, g in zip(params, grads)])
evaluate = theano.function([x, y], error)

train_x, train_y, test_x, test_y = load_images()
batch_size = 50
n_batches = len(train_y) // batch_size
print("initial test error %.2f %%" % (evaluate(test_x, test_y) * 100))
start = time.time()
for epoch in range(1, 3):  # the tutorial trains for 200 epochs
    order = rng.permutation(len(train_y))
    costs = []
    for i in range(n_batches):
        idx = order[i * batch_size : (i + 1) * batch_size]
        costs.append(train(train_x[idx], train_y[idx]))
    print(
        "epoch %i, cost %f, test error %.2f %%"
        % (epoch, np.mean(costs), evaluate(test_x, test_y) * 100)
    )
print("trained in %.2f s" % (time.time() - start))
