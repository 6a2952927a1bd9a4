"""py backend renderers for theano.tensor.dot ops."""
