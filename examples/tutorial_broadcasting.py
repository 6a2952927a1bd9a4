"""Theano tutorial, "Broadcasting": row and column patterns."""

import numpy as np

import theano
import theano.tensor as T

r = T.row()
print(r.broadcastable)  # (True, False)
mtr = T.matrix()
print(mtr.broadcastable)  # (False, False)
f_row = theano.function([r, mtr], [r + mtr])
R = np.arange(3).reshape(1, 3)
print(repr(R))
M = np.arange(9).reshape(3, 3)
print(repr(M))
print(repr(f_row(R, M)))

c = T.col()
print(c.broadcastable)  # (False, True)
f_col = theano.function([c, mtr], [c + mtr])
C = np.arange(3).reshape(3, 1)
print(repr(C))
M = np.arange(9).reshape(3, 3)
print(repr(f_col(C, M)))
