"""Scan with shared variables: updates made inside the loop, and random numbers drawn per step.

From the Theano tutorial's loop chapter and the scan guide (doc/library/scan.txt):
counting the steps in a shared variable, the ``a + 1`` update whose result ``updates[a]``
can be used in the graph, tanh(v.dot(W) + b) * d with d a binomial drawn at every step,
and a Gibbs chain of length 10 with its random states carried out in ``updates``.
"""

import numpy

import theano
import theano.tensor as T

# Scan Example: Accumulate number of loop during a scan
k = theano.shared(0)
n_sym = T.iscalar("n_sym")

results, updates = theano.scan(lambda: {k: (k + 1)}, n_steps=n_sym)
accumulator = theano.function([n_sym], [], updates=updates, allow_input_downcast=True)

print("k before:", k.get_value())
accumulator(5)
print("k after accumulator(5):", k.get_value())
print("results:", results)

# The guide's a + 1: the updates dict can be used like any other expression.
a = theano.shared(1)
values, updates = theano.scan(lambda: {a: a + 1}, n_steps=10)
b = a + 1
c = updates[a] + 1
f = theano.function([], [b, c], updates=updates)
print(b)
print(c)
print(a.get_value())
print("f() =", f(), "a =", a.get_value())
print("f() =", f(), "a =", a.get_value())

# Scan Example: Computing tanh(v.dot(W) + b) * d where d is binomial
X = T.matrix("X")
W = T.matrix("W")
b_sym = T.vector("b_sym")

trng = T.shared_randomstreams.RandomStreams(1234)
d = trng.binomial(size=W[1].shape)

results, updates = theano.scan(lambda v: T.tanh(T.dot(v, W) + b_sym) * d, sequences=X)
compute_with_bnoise = theano.function(inputs=[X, W, b_sym], outputs=results, updates=updates,
                                      allow_input_downcast=True)
x = numpy.eye(10, 2, dtype=theano.config.floatX)
w = numpy.ones((2, 2), dtype=theano.config.floatX)
b = numpy.ones((2), dtype=theano.config.floatX)

print(compute_with_bnoise(x, w, b))

# Using shared variables - Gibbs sampling
rng = numpy.random.RandomState(42)
W_values = rng.random_sample((2, 2))
bvis_values = rng.random_sample((2,))
bhid_values = rng.random_sample((2,))

W = theano.shared(W_values)
bvis = theano.shared(bvis_values)
bhid = theano.shared(bhid_values)

trng = T.shared_randomstreams.RandomStreams(1234)


def OneStep(vsample):
    hmean = T.nnet.sigmoid(theano.dot(vsample, W) + bhid)
    hsample = trng.binomial(size=hmean.shape, n=1, p=hmean)
    vmean = T.nnet.sigmoid(theano.dot(hsample, W.T) + bvis)
    return trng.binomial(size=vsample.shape, n=1, p=vmean, dtype=theano.config.floatX)


sample = theano.tensor.vector()

values, updates = theano.scan(OneStep, outputs_info=sample, n_steps=10)

gibbs10 = theano.function([sample], values[-1], updates=updates)
print("gibbs10:", [gibbs10(numpy.array([1.0, 0.0])) for _ in range(4)])
print("random states updated:", len(updates))

# The same chain with the shared variables passed explicitly, and strict=True.


def OneStepStrict(vsample, W, bvis, bhid):
    hmean = T.nnet.sigmoid(theano.dot(vsample, W) + bhid)
    hsample = trng.binomial(size=hmean.shape, n=1, p=hmean)
    vmean = T.nnet.sigmoid(theano.dot(hsample, W.T) + bvis)
    return trng.binomial(size=vsample.shape, n=1, p=vmean, dtype=theano.config.floatX)


values, updates = theano.scan(fn=OneStepStrict, outputs_info=sample,
                              non_sequences=[W, bvis, bhid], n_steps=10, strict=True)
gibbs10 = theano.function([sample], values, updates=updates)
print("chain:", gibbs10(numpy.array([1.0, 0.0])).tolist())

try:
    theano.scan(OneStep, outputs_info=sample, n_steps=10, strict=True)
except theano.gof.MissingInputError as e:
    print(type(e).__name__ + ":", str(e).splitlines()[0][:40])
