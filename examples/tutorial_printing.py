"""Theano tutorial, "Printing/Drawing Theano graphs": pp and debugprint (forward graph only)."""

import numpy

import theano
import theano.tensor as T

rng = numpy.random.RandomState(42)
feats = 784

x = T.matrix("x")
w = theano.shared(rng.randn(feats).astype(theano.config.floatX), name="w")
b = theano.shared(numpy.asarray(0.0, dtype=theano.config.floatX), name="b")
p_1 = 1 / (1 + T.exp(-T.dot(x, w) - b))  # Probability of having a one
prediction = p_1 > 0.5  # The prediction that is done: 0 or 1

print(theano.printing.pprint(prediction))
theano.printing.debugprint(prediction)

predict = theano.function(inputs=[x], outputs=prediction, name="predict")
print(predict(rng.randn(5, feats).astype(theano.config.floatX)))
