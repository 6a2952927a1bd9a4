"""Handout 002 (Theano and Machine Learning): the gradient of the logistic function.

``T.scalar()`` has dtype ``floatX``: run with ``THEANO_FLAGS=floatX=float32`` for the
handout's float32 run.
"""

import theano
import theano.tensor as T

print("floatX =", theano.config.floatX)

# Computing Gradients
x = T.scalar()
y = 1 / (1 + T.exp(-x))
S = theano.function([x], y)
g = T.grad(y, x)
gS = theano.function([x], g)

print("S(2) = %.12f" % S(2))  # 0.880797088146 on the handout
# 0.104993589222 on the handout (float32); float64: 0.104993585404
print("gS(2) = %.12f" % gS(2))
