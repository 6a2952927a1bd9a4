"""Handout 002 (Theano and Machine Learning): a single neuron, forward pass only.

First with weights and bias as inputs, then with shared variables.  Training the neuron
needs ``T.grad`` and is not here yet.
"""

import random

import numpy as np

import theano
import theano.tensor as T

random.seed(1234)

# Single neuron without update
x = T.vector()  # input
w = T.vector()  # weights
b = T.scalar()  # bias
z = T.dot(w, x) + b  # summation
y = 1 / (1 + T.exp(-z))  # activation

neuron = theano.function(inputs=[x, w, b], outputs=[y])
w = [-1, 1]
b = 0

for i in range(5):  # the handout loops 100 times
    x = [random.random(), random.random()]
    print(x)
    print(neuron(x, w, b))

# The same neuron at fixed points, to compare with Theano's numbers.
print(f"neuron([1, 0], w, b) = {neuron([1, 0], w, b)[0]:.12f}")  # sigmoid(-1)
print(f"neuron([0, 1], w, b) = {neuron([0, 1], w, b)[0]:.12f}")  # sigmoid(1)

# Single neuron with shared variables
x = T.vector()
w = theano.shared(np.array([1.0, 1.0]))
b = theano.shared(0.0)
z = T.dot(w, x) + b
y = 1 / (1 + T.exp(-z))

neuron = theano.function(inputs=[x], outputs=[y])
print(w.get_value())  # [1. 1.]
print(f"neuron([1, 1]) = {neuron([1, 1])[0]:.12f}")  # sigmoid(2)
w.set_value([-1, 1])  # set theano.shared
print(w.get_value())  # [-1.  1.]
print(f"neuron([1, 1]) = {neuron([1, 1])[0]:.12f}")  # sigmoid(0)
print(f"neuron([0, 1]) = {neuron([0, 1])[0]:.12f}")  # sigmoid(1)
