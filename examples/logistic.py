"""Main demo: the logistic function, compiled by theano.function, and its generated source.

Run from the repository root: ``python examples/logistic.py``.  With
``THEANO_FLAGS=floatX=float32`` the scalar and the matrices are float32.
"""

import numpy as np

import theano
import theano.tensor as T

print("theano", theano.__version__, "floatX =", theano.config.floatX)

# 1. Build a graph from a symbolic scalar, compile it, call it.
x = T.scalar("x")
s = 1 / (1 + T.exp(-x))
logistic = theano.function([x], s)
print(f"logistic(2) = {logistic(2):.12f}")  # Theano 1.0: 0.880797077978 in float64

# 2. The py backend turned the graph into this Python function:
print(logistic.source)

# 3. The same expression on a matrix, element-wise.
m = T.matrix("m")
logistic_m = theano.function([m], 1 / (1 + T.exp(-m)))
print(logistic_m(np.array([[0, 1], [-1, -2]], dtype=theano.config.floatX)))

# 4. A logistic-regression prediction with its parameters in shared variables.
rng = np.random.RandomState(0)
X = T.matrix("X")
w = theano.shared(np.asarray([1.5, -2.0], dtype=theano.config.floatX), name="w")
b = theano.shared(np.asarray(0.25, dtype=theano.config.floatX), name="b")
p_1 = 1 / (1 + T.exp(-T.dot(X, w) - b))
predict = theano.function([X], [p_1, p_1 > 0.5])

data = rng.randn(4, 2).astype(theano.config.floatX)
probabilities, labels = predict(data)
print("p(y=1|x):", probabilities)
print("labels:  ", labels)
expected = 1 / (1 + np.exp(-(data @ w.get_value() + b.get_value())))
print("matches NumPy:", np.allclose(probabilities, expected, rtol=1e-6))

# 5. Change a parameter; the compiled function reads the new value.
b.set_value(np.asarray(-10.0, dtype=theano.config.floatX))
print("labels after b = -10:", predict(data)[1])
