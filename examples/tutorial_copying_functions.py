"""Theano tutorial, "More Examples": copying a function (Function.copy with swap/delete_updates).

Theano 1.0.5 returns a copied function's single output inside a list (``[array(0)]``);
this implementation returns what the original returns (``array(0)``), so the example
prints the value alone.
"""

import numpy as np

import theano
import theano.tensor as T


def value(out):
    # A copied function returns [array(..)] in Theano 1.0.5 and array(..) here.
    return np.asarray(out[0] if isinstance(out, list) else out)


state = theano.shared(0)
inc = T.iscalar("inc")
accumulator = theano.function([inc], state, updates=[(state, state + inc)])
print(repr(accumulator(10)))  # array(0)
print(state.get_value())  # 10

# A copy that updates another shared variable
new_state = theano.shared(0)
new_accumulator = accumulator.copy(swap={state: new_state})
print(repr(value(new_accumulator(100))))  # array(0)
print(new_state.get_value())  # 100
print(state.get_value())  # 10: the original state is untouched

# A copy without the updates
null_accumulator = accumulator.copy(delete_updates=True)
print(repr(value(null_accumulator(9000))))  # array(10)
print(state.get_value())  # 10
