"""Handout 002 (Theano and Machine Learning): scalar math and the logistic function.

``T.scalar()`` has dtype ``floatX``: run with ``THEANO_FLAGS=floatX=float32`` to get the
handout's float32 number.  The gradient slides need ``T.grad`` and are not here yet.
"""

import theano
import theano.tensor as T

print("floatX =", theano.config.floatX)

# Scalar math and functions
x = theano.tensor.scalar()
y = x**2
print(y)  # Elemwise{pow,no_inplace}.0
f = theano.function(inputs=[x], outputs=y)
print(f(2))  # 4.0


def f_py(x):
    return x**2


print(f_py(2))  # 4

# Logistic function
x = T.scalar()
y = T.sum(1 / (1 + T.exp(-x)))
S = theano.function([x], y)
# float64: 0.880797077978.  float32: the handout printed 0.880797088146 (Theano's Python
# code path), Theano 1.0.5's C code prints 0.880797028542: both round sigmoid(2) to float32.
print(f"S(2) = {S(2):.12f}")
