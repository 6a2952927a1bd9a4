"""Jacobians and Hessians by scan: loop over the indices of the output, one gradient per row.

From the Theano tutorial: "Computing the Jacobian of y = tanh(v.dot(A)) wrt x" (loop.txt)
and the Jacobian and Hessian of y = x ** 2 written with scan (gradients.txt), each
checked against its closed form in NumPy.
"""

import numpy as np

import theano
import theano.tensor as T

# Scan Example: Computing the Jacobian of y = tanh(v.dot(A)) wrt x
v = T.vector()
A = T.matrix()
y = T.tanh(T.dot(v, A))
results, updates = theano.scan(lambda i: T.grad(y[i], v), sequences=[T.arange(y.shape[0])])
compute_jac_t = theano.function([A, v], results, allow_input_downcast=True)  # shape (d_out, d_in)

x = np.eye(5, dtype=theano.config.floatX)[0]
w = np.eye(5, 3, dtype=theano.config.floatX)
w[2] = np.ones((3), dtype=theano.config.floatX)
print(compute_jac_t(w, x))
print(((1 - np.tanh(x.dot(w)) ** 2) * w).T)

# The Jacobian of y = x ** 2, the gradients chapter's way: y and x as non-sequences.
x = T.dvector("x")
y = x**2
J, updates = theano.scan(lambda i, y, x: T.grad(y[i], x), sequences=T.arange(y.shape[0]),
                         non_sequences=[y, x])
f = theano.function([x], J, updates=updates)
print(repr(f([4, 4])))

# The Hessian of sum(x ** 2): the Jacobian of its gradient.
x = T.dvector("x")
y = x**2
cost = y.sum()
gy = T.grad(cost, x)
H, updates = theano.scan(lambda i, gy, x: T.grad(gy[i], x), sequences=T.arange(gy.shape[0]),
                         non_sequences=[gy, x])
f = theano.function([x], H, updates=updates)
print(repr(f([4, 4])))

# A Hessian that depends on x: cost = sum(x ** 3) has H = diag(6 x).
cost3 = (x**3).sum()
g3 = T.grad(cost3, x)
H3, _ = theano.scan(lambda i, g, x: T.grad(g[i], x), sequences=T.arange(g3.shape[0]),
                    non_sequences=[g3, x])
h3 = theano.function([x], H3)([1.0, 2.0, -0.5])
print(np.diag(h3))
print("matches 6 * diag(x):", np.allclose(h3, np.diag(6 * np.array([1.0, 2.0, -0.5]))))
