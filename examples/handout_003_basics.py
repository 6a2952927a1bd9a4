"""Handout 003 (Intel-Unesp/NCC Theano slides): algebra, logistic, outputs, shared state.

The "Computing Gradients" and "Math Challenge" slides need ``T.grad`` and are not here yet.
"""

import numpy

import theano
import theano.tensor as T
from theano import function, shared, tensor

# Symbolic expression: adding two scalars
a = tensor.dscalar()
b = tensor.dscalar()
c = a + b
f = theano.function([a, b], c)
print("f(1.5, 2.5) =", f(1.5, 2.5))  # 4.0

# Basic algebra: adding two matrices
x = T.dmatrix("x")
y = T.dmatrix("y")
z = x + y
f = function([x, y], z)
print(f([[1, 2], [3, 4]], [[10, 20], [30, 40]]))
print(f(numpy.array([[1, 2], [3, 4]]), numpy.array([[10, 20], [30, 40]])))

# Hands-on: a + a ** 10
a = theano.tensor.vector()
out = a + a**10
f = theano.function([a], out)
print(f([0, 1, 2]))  # [   0.    2. 1026.]

# Logistic function
x = T.dmatrix("x")
s = 1 / (1 + T.exp(-x))
logistic = theano.function([x], s)
print(logistic([[0, 1], [-1, -2]]))

# Functions with multiple outputs (the slide's "diff*2" is the tutorial's diff**2)
a, b = T.dmatrices("a", "b")
diff = a - b
abs_diff = abs(diff)
diff_squared = diff**2
f = theano.function([a, b], [diff, abs_diff, diff_squared])
for name, value in zip(["diff", "abs_diff", "diff_squared"], f([[1, 1], [1, 1]], [[0, 1], [2, 3]])):
    print(name)
    print(value)

# Using shared variables: an accumulator
state = shared(0)
inc = T.iscalar("inc")
accumulator = function([inc], state, updates=[(state, state + inc)])
print(state.get_value())  # 0
accumulator(1)
print(state.get_value())  # 1
accumulator(300)
print(state.get_value())  # 301
