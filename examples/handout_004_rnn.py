"""Handout 004 (Theano tutorial part 2, AACIMP 2015): a "vanilla" recurrent network with scan.

The handout's equations, one step per element of the input sequence::

    a_t = b + W s_{t-1} + U x_t
    s_t = tanh(a_t)
    o_t = c + V s_t
    p_t = softmax(o_t)

trained by stochastic gradient descent (backpropagation through time: ``T.grad``
through ``theano.scan``).  The handout gives no task; here the sequences are generated:
random symbols, one-hot encoded, and the target at step t is the symbol seen two steps
earlier (a delayed echo, which needs the recurrent state to remember).  Nothing is
downloaded; the numbers are reproducible (fixed seeds).
"""

import time

import numpy as np

import theano
import theano.tensor as T

n_symbols = 4  # input and output alphabet
n_hidden = 16
delay = 2
seq_length = 20
n_train = 200
n_test = 50
learning_rate = 0.1
n_epochs = 5

rng = np.random.RandomState(1234)


def make_sequences(n):
    """(one-hot inputs (seq_length, n_symbols), targets (seq_length,)) pairs."""
    data = []
    for _ in range(n):
        symbols = rng.randint(n_symbols, size=seq_length)
        x = np.eye(n_symbols, dtype=theano.config.floatX)[symbols]
        y = np.concatenate([np.zeros(delay, dtype="int32"), symbols[:-delay]]).astype("int32")
        data.append((x, y))
    return data


def init_weights(shape, scale):
    return theano.shared(rng.uniform(-scale, scale, size=shape).astype(theano.config.floatX))


U = init_weights((n_hidden, n_symbols), 0.5)  # input -> hidden
W = init_weights((n_hidden, n_hidden), 0.3)  # hidden -> hidden
V = init_weights((n_symbols, n_hidden), 0.5)  # hidden -> output
b = theano.shared(np.zeros(n_hidden, dtype=theano.config.floatX))
c = theano.shared(np.zeros(n_symbols, dtype=theano.config.floatX))
params = [U, W, b, V, c]

x = T.matrix("x")  # one sequence: a row per step
y = T.ivector("y")  # the target symbol at each step
s0 = T.zeros((n_hidden,), dtype=theano.config.floatX)


def step(x_t, s_tm1, U, W, b, V, c):
    a_t = b + T.dot(W, s_tm1) + T.dot(U, x_t)
    s_t = T.tanh(a_t)
    o_t = c + T.dot(V, s_t)
    p_t = T.nnet.softmax(o_t.dimshuffle('x', 0))[0]  # a 1 x n row, as Theano's softmax wants
    return s_t, p_t


[s, p], _ = theano.scan(step, sequences=x, outputs_info=[s0, None], non_sequences=params)

loss = -T.mean(T.log(p[T.arange(y.shape[0]), y]))
prediction = T.argmax(p, axis=1)
grads = T.grad(loss, params)
updates = [(param, param - learning_rate * g) for param, g in zip(params, grads)]

train = theano.function([x, y], loss, updates=updates)
evaluate = theano.function([x, y], [loss, T.mean(T.eq(prediction, y))])

train_set = make_sequences(n_train)
test_set = make_sequences(n_test)


def test_scores():
    scores = np.array([evaluate(xs, ys) for xs, ys in test_set])
    return scores[:, 0].mean(), 100 * scores[:, 1].mean()


test_loss, accuracy = test_scores()
print(f"before training: test loss {test_loss:.6f}, accuracy {accuracy:.2f} %")
start = time.time()
for epoch in range(1, n_epochs + 1):
    train_loss = np.mean([train(xs, ys) for xs, ys in train_set])
    test_loss, accuracy = test_scores()
    print(f"epoch {epoch}, train loss {train_loss:.6f}, test loss {test_loss:.6f}, "
          f"accuracy {accuracy:.2f} %")
print(f"trained in {time.time() - start:.1f} s")
