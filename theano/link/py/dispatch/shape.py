"""py backend renderers for theano.tensor.shape ops."""
