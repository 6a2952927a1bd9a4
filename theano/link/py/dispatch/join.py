"""py backend renderers for theano.tensor.join ops."""
