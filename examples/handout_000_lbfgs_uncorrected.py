"""Handout 000 (What we can do with Theano): L-BFGS on a Theano loss, the uncorrected version.

The handout asks "What is wrong with the above code?": ``f_loss`` and ``f_grad`` are
compiled with no inputs (the weights are a shared variable), but
``scipy.optimize.fmin_l_bfgs_b`` calls them with the current point as an argument.  This
script must fail with a TypeError that says so; ``handout_000_lbfgs.py`` is the corrected
version.
"""

import numpy as np
import scipy.optimize

import theano
from theano import tensor as T

inputs_x = np.array([[2, 1], [0.3, 0.5]]).astype(np.float32)
inputs_y = np.array([[1, 0]]).astype(np.float32)

shared_w = theano.shared(np.array(np.array([3.0, -3.0]).astype(np.float64), dtype=np.float32))
estis_y = T.dot(shared_w, inputs_x)

# mse loss
loss = T.mean(T.sum((estis_y - inputs_y) ** 2, axis=1))

# gradient
grad = T.grad(loss, shared_w)

# theano function
f_loss = theano.function([], loss)
f_grad = theano.function([], grad)

w_init = np.array([[0.0, 0.0]]).astype(np.float64)
opt_result = scipy.optimize.fmin_l_bfgs_b(f_loss, w_init, fprime=f_grad, maxfun=40)
print("after opt:", opt_result[1])
