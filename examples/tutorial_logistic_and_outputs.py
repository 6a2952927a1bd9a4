"""Theano tutorial, "More Examples": the logistic function and multiple outputs."""

import theano
import theano.tensor as T

# Logistic function, element-wise on a matrix
x = T.dmatrix("x")
s = 1 / (1 + T.exp(-x))
logistic = theano.function([x], s)
print(repr(logistic([[0, 1], [-1, -2]])))

# The same function written with tanh
s2 = (1 + T.tanh(x / 2)) / 2
logistic2 = theano.function([x], s2)
print(repr(logistic2([[0, 1], [-1, -2]])))

# Computing more than one thing at the same time
a, b = T.dmatrices("a", "b")
diff = a - b
abs_diff = abs(diff)
diff_squared = diff**2
f = theano.function([a, b], [diff, abs_diff, diff_squared])
print(repr(f([[1, 1], [1, 1]], [[0, 1], [2, 3]])))
