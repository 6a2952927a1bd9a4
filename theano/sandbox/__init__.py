"""Theano 1.0's sandbox: the MRG random streams (rng_mrg) and the multinomial ops."""
