"""Theano tutorial, "Baby Steps - Algebra": adding two scalars and two matrices."""

import numpy

import theano
import theano.tensor as T
from theano import function, pp

# Adding two scalars
x = T.dscalar("x")
y = T.dscalar("y")
z = x + y
f = function([x, y], z)
print(repr(f(2, 3)))  # array(5.)
print(numpy.allclose(f(16.3, 12.1), 28.4))  # True

print(type(x))  # <class 'theano.tensor.var.TensorVariable'>
print(x.type)  # TensorType(float64, scalar)
print(T.dscalar)  # TensorType(float64, scalar)
print(x.type is T.dscalar)  # True
print(pp(z))  # (x + y)

# eval: no explicit function needed
print(numpy.allclose(z.eval({x: 16.3, y: 12.1}), 28.4))  # True

# Adding two matrices
x = T.dmatrix("x")
y = T.dmatrix("y")
z = x + y
f = function([x, y], z)
print(repr(f([[1, 2], [3, 4]], [[10, 20], [30, 40]])))
print(repr(f(numpy.array([[1, 2], [3, 4]]), numpy.array([[10, 20], [30, 40]]))))

# Exercise
a = theano.tensor.vector()  # declare variable
out = a + a**10  # build symbolic expression
f = theano.function([a], out)  # compile function
print(f([0, 1, 2]))  # [   0.    2. 1026.]
