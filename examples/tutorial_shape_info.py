"""Theano tutorial, "Shape Information": shapes computed without computing the values."""

import numpy

import theano
import theano.tensor

x = theano.tensor.matrix("x")
f = theano.function([x], (x**2).shape)
print(f(numpy.ones((5, 4))))  # [5 4]
theano.printing.debugprint(f)

# join: the shape of the result comes from the input shapes alone
x = theano.tensor.matrix("x")
y = theano.tensor.matrix("y")
z = theano.tensor.join(0, x, y)
xv = numpy.random.rand(5, 4)
yv = numpy.random.rand(3, 4)
f = theano.function([x, y], z.shape)
print(f(xv, yv))  # [8 4]

# specify_shape: the shape becomes a constant
x = theano.tensor.matrix()
x_specify_shape = theano.tensor.specify_shape(x, (2, 2))
f = theano.function([x], (x_specify_shape**2).shape)
print(f(numpy.ones((2, 2))))  # [2 2]
