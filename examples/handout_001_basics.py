"""Handout 001 (Lecture 3: Theano Programming): hello world, Python vs Theano, eval.

The gradient exercises of this handout (#3, #4) need ``T.grad`` and are not here yet.
"""

import numpy as np

import theano
import theano.tensor as T

# Exercise 1: hello world -- theano and numpy import fine.
print("hello world")
print("theano", theano.__version__, "numpy", np.__version__)


# Exercise 2: f(x, y) = 3x + 4y + 5, as a Python function and as a Theano function.
def foo(x, y):
    return 3 * x + 4 * y + 5


x = T.dscalar("x")
y = T.dscalar("y")
z = 3 * x + 4 * y + 5
theano_foo = theano.function([x, y], z)

for a, b in [(1, 2), (3, 4)]:
    print(f"python foo({a}, {b}) = {foo(a, b)!r}")
    print(f"theano foo({a}, {b}) = {theano_foo(a, b)!r}")

# Evaluate a Theano expression without compiling a function by hand.
vx = T.vector()
fx = vx**2
print("fx.eval:", fx.eval({vx: np.array([2, 3, 0])}))
