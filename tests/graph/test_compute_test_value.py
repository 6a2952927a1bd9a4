"""config.compute_test_value: values computed while the graph is built (Theano's debug aid)."""

import numpy as np
import pytest

import theano
import theano.tensor as T


def test_test_values_propagate_and_catch_shape_errors_early():
    with theano.change_flags(compute_test_value="raise"):
        x = T.dmatrix("x")
        x.tag.test_value = np.ones((2, 3))
        y = T.dmatrix("y")
        y.tag.test_value = np.ones((4, 5))
        z = x * 2 + 1
        np.testing.assert_array_equal(z.tag.test_value, 3 * np.ones((2, 3)))
        with pytest.raises(ValueError, match="not aligned"):
            T.dot(x, y)  # fails here, where the graph is built, not at run time


def test_missing_test_value_modes():
    w = T.dvector("w")
    with theano.change_flags(compute_test_value="raise"):
        with pytest.raises(ValueError, match="input 0 \\(w\\) has no test value"):
            w + 1
    with theano.change_flags(compute_test_value="warn"):
        with pytest.warns(UserWarning, match="has no test value"):
            w + 1
    with theano.change_flags(compute_test_value="off"):
        assert not hasattr((w + 1).tag, "test_value")
