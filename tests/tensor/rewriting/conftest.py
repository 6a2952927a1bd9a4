"""Shared check for rewrite tests: compile with and without rewrites, compare, read the log."""

import numpy as np
import pytest

import theano
from theano.compile.mode import Mode

# The graphs these tests expect are those before fusion and in-place rewrites (which have
# their own tests): each Elemwise stays visible.
FAST_RUN = Mode(optimizer="fast_run").excluding("fusion", "inplace")
NO_REWRITES = Mode(optimizer=None)


def compile_and_compare(inputs, outputs, values, fires=(), not_fires=(), mode=FAST_RUN,
                        ref=None):
    """Compile ``outputs`` with ``mode`` and without rewrites; check they agree.

    Values agree (NaN in the same places), as do dtypes and shapes; every name in
    ``fires`` is in the function's rewrite log and no name of ``not_fires`` is.
    When ``ref`` is given, ``ref(*values)`` (a NumPy computation, or a list of them for
    several outputs) must agree with the rewritten function too. Returns the rewritten function.
    """
    f = theano.function(inputs, outputs, mode=mode, on_unused_input="ignore")
    g = theano.function(inputs, outputs, mode=NO_REWRITES, on_unused_input="ignore")
    got = f(*values)
    want = g(*values)
    if not isinstance(outputs, (list, tuple)):
        got, want = [got], [want]
    for a, b in zip(got, want):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype, (a.dtype, b.dtype)
        assert a.shape == b.shape, (a.shape, b.shape)
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-12, equal_nan=True)
    if ref is not None:
        with np.errstate(all="ignore"):
            expected = ref(*values)
        if not isinstance(outputs, (list, tuple)):
            expected = [expected]
        for a, b in zip(got, expected):
            np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-6, atol=1e-12,
                                       equal_nan=True)
    names = f.maker.rewrites.names()
    for name in fires:
        assert name in names, f"{name} did not fire; the log has {names}"
    for name in not_fires:
        assert name not in names, f"{name} fired: {f.maker.rewrites}"
    return f


def op_names(f):
    """The ops of the compiled graph in execution order, as debugprint names them."""
    return [str(n.op) for n in f.maker.fgraph.toposort()]


@pytest.fixture
def check():
    return compile_and_compare


@pytest.fixture
def ops():
    return op_names
