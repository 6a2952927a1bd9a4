"""Handout 003 (Intel-Unesp/NCC Theano): computing gradients, and the math challenge.

The gradient of y = x**2 (printed with ``pp``, evaluated at 4), then the challenge: the
derivatives of the logistic and the hyperbolic tangent functions at x = -1.5, 0 and 1.5
(printed as a table, with the closed forms s (1 - s) and 1 - tanh**2 beside them; the
handout asks for a plot).
"""

import numpy

import theano
import theano.tensor as T
from theano import pp

# Theano: Computing Gradients
x = T.dscalar("x")
y = x**2  # FIX: the handout names this v, then takes T.grad(y, x)
gy = T.grad(y, x)
print(pp(gy))
f = theano.function([x], gy)
print("f(4) =", f(4))

# Theano: Math Challenge
x = T.dvector("x")
logistic = 1 / (1 + T.exp(-x))
tanh = T.tanh(x)
# The sum of an element-wise function has the element-wise derivatives as its gradient.
d_logistic = theano.function([x], T.grad(T.sum(logistic), x))
d_tanh = theano.function([x], T.grad(T.sum(tanh), x))

points = numpy.array([-1.5, 0, 1.5])
s = 1 / (1 + numpy.exp(-points))
print("     x   d logistic / dx   closed form      d tanh / dx       closed form")
for p, dl, cl, dt, ct in zip(
    points, d_logistic(points), s * (1 - s), d_tanh(points), 1 - numpy.tanh(points) ** 2
):
    print("%6.2f %17.12f %17.12f %17.12f %17.12f" % (p, dl, cl, dt, ct))
