"""py backend renderers for theano.tensor.extra ops."""
