"""Signal processing on tensors (``theano.tensor.signal``): import ``conv``, ``pool`` explicitly."""
