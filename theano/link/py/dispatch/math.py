"""py backend renderers for theano.tensor.math ops."""
