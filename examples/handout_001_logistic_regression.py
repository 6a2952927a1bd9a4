"""Handout 001 (Lecture 3), exercise #4: multinomial logistic regression by minibatch SGD.

The handout's ``lr_model`` class (``W``, ``b`` shared, ``y_esti = softmax(dot(x, W) + b)``)
trained with ``updates`` on minibatches, cost = negative log-likelihood.  The handout
loads MNIST from ``../data/mnist.pkl.gz``; nothing is downloaded here: the data are
scikit-learn's 8x8 digits (1797 images, pixels scaled to [0, 1]), split once with a fixed
seed into 1297 training and 500 test images.
"""

import time

import numpy
from sklearn.datasets import load_digits

import theano
import theano.tensor as T


class lr_model(object):
    def __init__(self, x, n_in, n_out):
        self.W = theano.shared(
            value=numpy.zeros((n_in, n_out), dtype="float64"), name="W", borrow=True
        )
        self.b = theano.shared(value=numpy.zeros((n_out,), dtype="float64"), name="b", borrow=True)
        # compute vector of class-membership probabilities in symbolic form
        self.y_esti = T.nnet.softmax(T.dot(x, self.W) + self.b)
        self.params = [self.W, self.b]

    def get_cost(self, y):
        # negative log likelihood: -log of the probability given to the right class
        # (row i, column y[i]), averaged over the minibatch
        return -T.mean(T.log(self.y_esti[T.arange(y.shape[0]), y]))

    def get_estimation(self):
        return self.y_esti

    def get_prediction(self):
        return T.argmax(self.y_esti, axis=1)

    def get_errors(self, y):
        return T.mean(T.neq(self.get_prediction(), y))


def load_data():
    """Return (train_set, test_set), each (images, labels), from scikit-learn's digits."""
    digits = load_digits()
    data = (digits.data / 16.0).astype(theano.config.floatX)
    labels = digits.target.astype("int32")
    order = numpy.random.RandomState(1234).permutation(len(labels))
    train, test = order[:1297], order[1297:]
    return (data[train], labels[train]), (data[test], labels[test])


def do_sgd(learning_rate=0.13, n_epochs=5, batch_size=20):
    # load data (the handout unpickles mnist.pkl.gz: train_set, valid_set, test_set)
    train_set, test_set = load_data()
    train_x, train_y = train_set
    test_x, test_y = test_set
    n_batches = len(train_y) // batch_size

    # define theano functions
    x = T.matrix("x")  # minibatch of images, one per row
    y = T.ivector("y")  # their labels
    model = lr_model(x, n_in=64, n_out=10)
    cost = model.get_cost(y)

    g_W = T.grad(cost, model.W)
    g_b = T.grad(cost, model.b)
    updates_FP = [
        (model.W, model.W - learning_rate * g_W),
        (model.b, model.b - learning_rate * g_b),
    ]
    train_model = theano.function(inputs=[x, y], outputs=cost, updates=updates_FP)
    test_model = theano.function(inputs=[x, y], outputs=model.get_errors(y))

    # training: for every epoch, for every batch (xi, yi): train_model(xi, yi)
    print(f"initial test error {test_model(test_x, test_y) * 100:.2f} %")
    start = time.time()
    for epoch in range(1, n_epochs + 1):
        costs = []
        for i in range(n_batches):
            xi = train_x[i * batch_size : (i + 1) * batch_size]
            yi = train_y[i * batch_size : (i + 1) * batch_size]
            costs.append(train_model(xi, yi))
        error = test_model(test_x, test_y)
        print(f"epoch {epoch}, cost {numpy.mean(costs):.6f}, test error {error * 100:.2f} %")
    print(f"trained in {time.time() - start:.2f} s")


if __name__ == "__main__":
    do_sgd()
