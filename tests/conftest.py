"""Test configuration: expected values are Theano's under its defaults (floatX=float64).

float32 behaviour is tested explicitly (with ``theano.change_flags(floatX="float32")``
or examples run with THEANO_FLAGS), so a user's ~/.theanorc or THEANO_FLAGS cannot
change what the suite expects.
"""

import pytest

import theano


@pytest.fixture(autouse=True)
def _theano_default_flags():
    with theano.change_flags(floatX="float64"):
        yield
