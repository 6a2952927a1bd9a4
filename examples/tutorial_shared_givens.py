"""Theano tutorial, "More Examples": shared variables, updates and givens."""

import theano.tensor as T
from theano import function, shared

# An accumulator: the state is a shared variable, the update adds the argument
state = shared(0)
inc = T.iscalar("inc")
accumulator = function([inc], state, updates=[(state, state + inc)])

print(state.get_value())  # 0
print(repr(accumulator(1)))  # array(0): the output is the value before the update
print(state.get_value())  # 1
print(repr(accumulator(300)))  # array(1)
print(state.get_value())  # 301

state.set_value(-1)
print(repr(accumulator(3)))  # array(-1)
print(state.get_value())  # 2

# Several functions can update the same shared variable
decrementor = function([inc], state, updates=[(state, state - inc)])
print(repr(decrementor(2)))  # array(2)
print(state.get_value())  # 0

# givens: replace a node of the graph (here the shared state) for one function
fn_of_state = state * 2 + inc
# The type of foo must match the shared variable we are replacing with the ``givens``
foo = T.scalar(dtype=state.dtype)
skip_shared = function([inc, foo], fn_of_state, givens=[(state, foo)])
print(repr(skip_shared(1, 3)))  # array(7): we're using 3 for the state, not state.value
print(state.get_value())  # 0: old state still there, but we didn't use it
