"""Theano tutorial, "More Examples": default values and named inputs with theano.In."""

import theano.tensor as T
from theano import In, function

# A default value for an argument
x, y = T.dscalars("x", "y")
z = x + y
f = function([x, In(y, value=1)], z)
print(repr(f(33)))  # array(34.)
print(repr(f(33, 2)))  # array(35.)

# Defaults and names: inputs can be given by position or by keyword
x, y, w = T.dscalars("x", "y", "w")
z = (x + y) * w
f = function([x, In(y, value=1), In(w, value=2, name="w_by_name")], z)
print(repr(f(33)))  # array(68.)
print(repr(f(33, 2)))  # array(70.)
print(repr(f(33, 0, 1)))  # array(33.)
print(repr(f(33, w_by_name=1)))  # array(34.)
print(repr(f(33, w_by_name=1, y=0)))  # array(33.)
