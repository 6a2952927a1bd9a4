"""Handout 002 (Theano and Machine Learning): training a single neuron, two ways.

A sigmoid neuron learns to output 1 for the input [1, -1] with the squared-error cost.
First the gradients are computed by a Theano function and applied by hand with
``set_value``; then the same training is done by ``updates=`` in one function.  Both runs
start from w = [-1, 1], b = 0 and must print the same falling costs.
"""

import numpy as np

import theano
import theano.tensor as T

# Adding a cost function
x = T.vector()
w = theano.shared(np.array([-1.0, 1.0]))
b = theano.shared(0.0)
z = T.dot(w, x) + b
y = 1 / (1 + T.exp(-z))

neuron = theano.function(inputs=[x], outputs=[y])

y_hat = T.scalar()  # desired output
cost = T.sum((y - y_hat) ** 2)
dw, db = T.grad(cost, [w, b])

gradient = theano.function([x, y_hat], [dw, db])

# Not in the handout: the cost, to watch it fall.
cost_of = theano.function([x, y_hat], cost)

# Updating parameters
print("manual updates")
# FIX: the handout rebinds x and y_hat to the training data, and dw and db to the gradient
# values.  Its next slide starts again from the symbolic definitions ("[snip]"); in one
# script the values need names of their own, or theano.function([x, y_hat], ...) below would
# get Python lists as inputs and the updates would use stale arrays.
x_data = [1, -1]
y_data = 1
lr = 0.01  # learning rate
for i in range(1000):
    if i % 100 == 0:
        print("step %i, cost %.12f" % (i, cost_of(x_data, y_data)))
    dw_value, db_value = gradient(x_data, y_data)
    w.set_value(w.get_value() - lr * dw_value)
    b.set_value(b.get_value() - lr * db_value)  # FIX: the handout has `bw` for `db`
print("final cost %.12f" % cost_of(x_data, y_data))
print("neuron(x) = %.12f" % neuron(x_data)[0])
print("w =", w.get_value(), "b = %.12f" % b.get_value())

# Updating parameters - the easy way
print("updates=")
w.set_value(np.array([-1.0, 1.0]))
b.set_value(0.0)

# easier
gradient = theano.function([x, y_hat], [dw, db], updates=[(w, w - lr * dw), (b, b - lr * db)])

for i in range(1000):
    if i % 100 == 0:
        print("step %i, cost %.12f" % (i, cost_of(x_data, y_data)))
    dw_value, db_value = gradient(x_data, y_data)
print("final cost %.12f" % cost_of(x_data, y_data))
print("neuron(x) = %.12f" % neuron(x_data)[0])
print("w =", w.get_value(), "b = %.12f" % b.get_value())
