"""Theano tutorial, "Understanding Memory Aliasing for Speed and Correctness"."""

import numpy
import numpy as np

import theano
import theano.tensor

# Borrowing when creating shared variables
np_array = numpy.ones(2, dtype="float32")

s_default = theano.shared(np_array)
s_false = theano.shared(np_array, borrow=False)
s_true = theano.shared(np_array, borrow=True)

np_array += 1  # now it is an array of 2.0 s

print(s_default.get_value())  # [1. 1.]: shared() copied the array
print(s_false.get_value())  # [1. 1.]
print(s_true.get_value())  # [2. 2.]: borrow=True aliases it

# Borrowing when accessing the value of shared variables
s = theano.shared(np_array)
v_false = s.get_value(borrow=False)  # N.B. borrow default is False
v_true = s.get_value(borrow=True)
print("get_value() copies:", v_false is not s.get_value(borrow=True))
print("get_value(borrow=True) aliases:", v_true is s.get_value(borrow=True))
v_internal = s.get_value(borrow=True, return_internal_type=True)
print("internal type:", type(v_internal).__name__)

# Replacing the value in place, without a copy
s.set_value(s.get_value(borrow=True) * 2, borrow=True)
print(s.get_value())  # [4. 4.]

# Borrowing when constructing function objects
x = theano.tensor.matrix()
y = 2 * x
f = theano.function([theano.In(x, borrow=True)], theano.Out(y, borrow=True))
print(f(np.ones((2, 3), dtype=theano.config.floatX)))
