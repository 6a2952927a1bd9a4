"""py backend renderers for theano.tensor.reduction ops."""
