"""py backend renderers for theano.tensor.subtensor ops."""
