"""Theano tutorial, "Conditions": IfElse (lazy) against switch (evaluates both branches)."""

import time

import numpy

import theano
from theano import tensor as T
from theano.ifelse import ifelse

a, b = T.scalars("a", "b")
x, y = T.matrices("x", "y")

z_switch = T.switch(T.lt(a, b), T.mean(x), T.mean(y))
z_lazy = ifelse(T.lt(a, b), T.mean(x), T.mean(y))

f_switch = theano.function([a, b, x, y], z_switch, mode=theano.Mode(linker="vm"))
f_lazyifelse = theano.function([a, b, x, y], z_lazy, mode=theano.Mode(linker="vm"))

val1 = 0.0
val2 = 1.0
big_mat1 = numpy.ones((10000, 1000))
big_mat2 = numpy.ones((10000, 1000))

n_times = 10

# The tutorial timed with time.clock (gone in Python 3); perf_counter measures wall time.
tic = time.perf_counter()
for i in range(n_times):
    f_switch(val1, val2, big_mat1, big_mat2)
switch_time = time.perf_counter() - tic
print("time spent evaluating both values %f sec" % switch_time)

tic = time.perf_counter()
for i in range(n_times):
    f_lazyifelse(val1, val2, big_mat1, big_mat2)
lazy_time = time.perf_counter() - tic
print("time spent evaluating one value %f sec" % lazy_time)

# Not in the tutorial: both give the same value; ifelse computed one mean instead of two.
print(
    "same result:",
    f_switch(val1, val2, big_mat1, big_mat2) == f_lazyifelse(val1, val2, big_mat1, big_mat2),
)
print("ifelse / switch time: %.2f" % (lazy_time / switch_time))
