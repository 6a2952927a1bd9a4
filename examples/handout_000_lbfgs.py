"""Handout 000 (What we can do with Theano): L-BFGS on a Theano loss, the corrected version.

``scipy.optimize.fmin_l_bfgs_b`` needs Python functions of the point ``x0`` (float64);
the Theano functions take no inputs and read the weights from a shared variable, so two
small wrappers set the shared value and call them.  The loss ``mean(sum((w . X - y)**2))``
has its minimum 0 at the solution of ``w . X = y`` (X is invertible).
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

print("loss at w = [3, -3]: %.4f" % f_loss())


# non-theano functions that can be called by optimizer
def eval_loss(x0):
    shared_w.set_value(x0.astype(np.float32))
    return f_loss().astype("float64")


def eval_grad(x0):
    shared_w.set_value(x0.astype(np.float32))
    return np.array(f_grad()).flatten().astype("float64")


w_opt = np.array([[0, 0.0]]).astype(np.float64)
print("loss at w = [0, 0]: %.4f" % eval_loss(w_opt.ravel()))
opt_result = scipy.optimize.fmin_l_bfgs_b(eval_loss, w_opt, fprime=eval_grad, maxfun=40)
print("after opt:", opt_result[1])
print("w:", opt_result[0])
print("function evaluations:", opt_result[2]["funcalls"])
