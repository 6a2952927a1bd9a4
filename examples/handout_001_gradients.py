"""Handout 001 (Lecture 3: Theano Programming): automatic gradients, exercise #3.

The "Examples" slide (``T.grad`` of ``x**2``, ``log(x)`` and ``1/x``, printed with ``pp``
and evaluated), then exercise #3: the gradient of foo(x, y) = 3x + 4y + 5 with respect to
x and to y, and the gradient of its sigmoid.
"""

import numpy as np

import theano
import theano.tensor as T
from theano import pp

# Examples
x = T.scalar()

gx = T.grad(x**2, x)
gx2 = T.grad(T.log(x), x)
gx3 = T.grad(1 / (x), x)

for name, g, closed_form in [
    ("gx", gx, "2 x"),
    ("gx2", gx2, "1 / x"),
    ("gx3", gx3, "-1 / x**2"),
]:
    print(name, "=", pp(g))
    f = theano.function([x], g)
    print("%s at x = 2: %.12f  (%s)" % (name, f(2), closed_form))

# Exercise #3 task a: the gradient of foo with respect to x and with respect to y
x = T.dscalar("x")
y = T.dscalar("y")
foo = 3 * x + 4 * y + 5
gx, gy = T.grad(foo, [x, y])
print("d foo / dx =", pp(gx))
print("d foo / dy =", pp(gy))
grad_foo = theano.function([x, y], [gx, gy])
for a, b in [(1, 2), (3, 4)]:
    dx, dy = grad_foo(a, b)
    print("grad foo at (%g, %g): %.12f %.12f" % (a, b, dx, dy))

# Exercise #3 task b: the gradient of the sigmoid of foo, 1 / (1 + exp(-z)) with z = foo
z = 3 * x + 4 * y + 5
s = 1 / (1 + T.exp(-z))
sx, sy = T.grad(s, [x, y])
grad_s = theano.function([x, y], [sx, sy])
for a, b in [(1, 2), (-1, 0.5), (-2, 0)]:
    dx, dy = grad_s(a, b)
    # closed form: s'(z) = s(z) (1 - s(z)), times 3 and 4
    sz = 1 / (1 + np.exp(-(3 * a + 4 * b + 5)))
    print(
        "grad sigmoid(foo) at (%g, %g): %.12f %.12f  (closed form %.12f %.12f)"
        % (a, b, dx, dy, 3 * sz * (1 - sz), 4 * sz * (1 - sz))
    )
# Another name for this function: the logistic function, T.nnet.sigmoid in Theano.
grad_sigmoid = theano.function([x, y], T.grad(T.nnet.sigmoid(z), [x, y]))
print("with T.nnet.sigmoid at (-1, 0.5): %.12f %.12f" % tuple(grad_sigmoid(-1, 0.5)))
