"""Theano tutorial, "Loop" (doc/tutorial/loop.txt): the first scan examples, with NumPy checks.

Element-wise tanh over the rows of a matrix, a recurrence reading two sequences (one
reversed), norms of the rows and of the columns of a matrix, and the trace computed by
iterating over two index sequences at once.  Each result is printed next to the same
computation in NumPy, as the tutorial does.
"""

import numpy as np

import theano
import theano.tensor as T

# Scan Example: Computing tanh(x(t).dot(W) + b) elementwise
X = T.matrix("X")
W = T.matrix("W")
b_sym = T.vector("b_sym")

results, updates = theano.scan(lambda v: T.tanh(T.dot(v, W) + b_sym), sequences=X)
compute_elementwise = theano.function(inputs=[X, W, b_sym], outputs=results)

x = np.eye(2, dtype=theano.config.floatX)
w = np.ones((2, 2), dtype=theano.config.floatX)
b = np.ones((2), dtype=theano.config.floatX)
b[1] = 2

print(compute_elementwise(x, w, b))
print(np.tanh(x.dot(w) + b))

# Scan Example: Computing the sequence x(t) = tanh(x(t - 1).dot(W) + y(t).dot(U) + p(T - t).dot(V))
X = T.vector("X")
W = T.matrix("W")
b_sym = T.vector("b_sym")
U = T.matrix("U")
Y = T.matrix("Y")
V = T.matrix("V")
P = T.matrix("P")

results, updates = theano.scan(
    lambda y, p, x_tm1: T.tanh(T.dot(x_tm1, W) + T.dot(y, U) + T.dot(p, V)),
    sequences=[Y, P[::-1]],
    outputs_info=[X],
)
compute_seq = theano.function(inputs=[X, W, Y, U, P, V], outputs=results)

x = np.zeros((2), dtype=theano.config.floatX)
x[1] = 1
w = np.ones((2, 2), dtype=theano.config.floatX)
y = np.ones((5, 2), dtype=theano.config.floatX)
y[0, :] = -3
u = np.ones((2, 2), dtype=theano.config.floatX)
p = np.ones((5, 2), dtype=theano.config.floatX)
p[0, :] = 3
v = np.ones((2, 2), dtype=theano.config.floatX)

print(compute_seq(x, w, y, u, p, v))

x_res = np.zeros((5, 2), dtype=theano.config.floatX)
x_res[0] = np.tanh(x.dot(w) + y[0].dot(u) + p[4].dot(v))
for i in range(1, 5):
    x_res[i] = np.tanh(x_res[i - 1].dot(w) + y[i].dot(u) + p[4 - i].dot(v))
print(x_res)

# Scan Example: Computing norms of lines of X
X = T.matrix("X")
results, updates = theano.scan(lambda x_i: T.sqrt((x_i**2).sum()), sequences=[X])
compute_norm_lines = theano.function(inputs=[X], outputs=results)

x = np.diag(np.arange(1, 6, dtype=theano.config.floatX), 1)
print(compute_norm_lines(x))
print(np.sqrt((x**2).sum(1)))

# Scan Example: Computing norms of columns of X
X = T.matrix("X")
results, updates = theano.scan(lambda x_i: T.sqrt((x_i**2).sum()), sequences=[X.T])
compute_norm_cols = theano.function(inputs=[X], outputs=results)

x = np.diag(np.arange(1, 6, dtype=theano.config.floatX), 1)
print(compute_norm_cols(x))
print(np.sqrt((x**2).sum(0)))

# Scan Example: Computing trace of X
floatX = "float32"
X = T.matrix("X")
results, updates = theano.scan(
    lambda i, j, t_f: T.cast(X[i, j] + t_f, floatX),
    sequences=[T.arange(X.shape[0]), T.arange(X.shape[1])],
    outputs_info=np.asarray(0.0, dtype=floatX),
)
result = results[-1]
compute_trace = theano.function(inputs=[X], outputs=result)

x = np.eye(5, dtype=theano.config.floatX)
x[0] = np.arange(5, dtype=theano.config.floatX)
print(compute_trace(x))
print(np.diagonal(x).sum())
