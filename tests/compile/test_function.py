"""theano.function: calls, inputs, outputs, updates, givens, copies, and their errors.

Expected values and messages come from Theano 1.0.5 runs (noted per test).
"""

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import In, Out, function, shared
from theano.compile.function import UnusedInputError
from theano.graph.fg import MissingInputError


def test_scalar_results_are_0d_arrays():
    # Theano 1.0.5: f(2) -> array(4.)
    x = T.scalar()
    f = function([x], x ** 2)
    out = f(2)
    assert type(out) is np.ndarray and out.shape == () and out.dtype == np.float64
    assert out == 4.0


def test_logistic_at_2_float64():
    # handout 002 / Theano 1.0.5 (floatX=float64): 0.880797077978
    x = T.scalar()
    s = theano.function([x], T.sum(1 / (1 + T.exp(-x))))
    assert abs(float(s(2)) - 0.880797077978) < 1e-12


def test_logistic_at_2_float32():
    # handout 002 ran with floatX=float32 and printed 0.880797088146
    with theano.change_flags(floatX="float32"):
        x = T.scalar()
        s = theano.function([x], 1 / (1 + T.exp(-x)))
        out = s(2)
    assert out.dtype == np.float32
    assert abs(float(out) - 0.880797088146) < 1e-7


def test_multiple_and_dict_outputs():
    a, b = T.dmatrices("a", "b")
    diff = a - b
    f = function([a, b], [diff, abs(diff), diff ** 2])
    r = f([[1, 1], [1, 1]], [[0, 1], [2, 3]])
    assert isinstance(r, list) and len(r) == 3
    np.testing.assert_array_equal(r[0], [[1, 0], [-1, -2]])
    np.testing.assert_array_equal(r[1], [[1, 0], [1, 2]])
    np.testing.assert_array_equal(r[2], [[1, 0], [1, 4]])
    g = function([a, b], {"sum": a + b, "diff": diff})
    d = g(np.ones((2, 2)), np.ones((2, 2)))
    assert set(d) == {"sum", "diff"}
    np.testing.assert_array_equal(d["sum"], 2 * np.ones((2, 2)))


def test_keyword_calls_and_errors():
    # Theano 1.0.5 messages (FACTS 4a)
    x = T.dscalar("x")
    y = T.dscalar("y")
    f = function([x, y], x + y)
    assert f(x=1, y=2) == 3 and f(1, y=2) == 3 and f(y=5, x=1) == 6
    with pytest.raises(TypeError, match="Too many parameter passed to theano function"):
        f(1, 2, 3)
    with pytest.raises(TypeError, match="Missing required input: y"):
        f(1)
    with pytest.raises(TypeError, match="Multiple values for input: x"):
        f(1, x=2)
    with pytest.raises(TypeError, match=r"Unknown input or state: z\. .*\(x, y\)"):
        f(1, z=2)


def test_default_values_and_named_inputs():
    # Theano tutorial "Setting a Default Value for an Argument"
    x, y, w = T.dscalars("x", "y", "w")
    z = (x + y) * w
    f = function([x, In(y, value=1), In(w, value=2, name="w_by_name")], z)
    assert f(33) == 68
    assert f(33, 2) == 70
    assert f(33, 0, 1) == 33
    assert f(33, w_by_name=1) == 34
    assert f(33, w_by_name=1, y=0) == 33


def test_input_dtype_rules():
    # FACTS 4b: lossless conversions pass, lossy ones raise TypeError
    fv = T.fvector("fv")
    f = function([fv], fv * 2)
    assert f([1.0, 2.0]).dtype == np.float32
    assert f(np.array([1, 2], dtype="int16")).dtype == np.float32
    with pytest.raises(TypeError, match="cannot store a value of dtype float64"):
        f(np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="cannot store a value of dtype int32"):
        f(np.array([1, 2], dtype="int32"))
    with pytest.raises(TypeError, match="cannot store accurately value"):
        f([0.1, 0.2])
    np.testing.assert_allclose(
        function([fv], fv * 2, allow_input_downcast=True)(np.array([0.1, 0.2])),
        np.float32([0.2, 0.4]),
    )
    fs = T.fscalar("fs")
    g = function([fs], fs * 2)
    assert g(0.5) == 1.0 and g(1) == 2.0 and g(np.float32(0.1)).dtype == np.float32
    with pytest.raises(TypeError, match="cannot store accurately value 0.1"):
        g(0.1)
    dv = T.dvector("dv")
    h = function([dv], dv * 2)
    np.testing.assert_array_equal(h(np.array([1, 2], dtype="uint64")), [2.0, 4.0])
    np.testing.assert_array_equal(h(np.array([True, False])), [2.0, 0.0])
    with pytest.raises(TypeError, match="dtype complex128"):
        h(np.array([1, 2], dtype="complex128"))
    iv = T.ivector("iv")
    k = function([iv], iv * 2)
    assert k([1.0, 2.0]).dtype == np.int32
    with pytest.raises(TypeError, match="cannot store accurately"):
        k([1.5, 2.0])
    with pytest.raises(TypeError, match="dtype int64"):
        k(np.array([1, 2], dtype="int64"))


def test_input_error_names_input_and_position():
    m = T.dmatrix("m")
    v = T.dvector("v")
    f = function([v, m], m * 2 + v.sum(), name="myfun")
    with pytest.raises(TypeError) as e:
        f(np.zeros(3), np.zeros(3))
    msg = str(e.value)
    assert 'name "m"' in msg and "index 1" in msg and '"myfun"' in msg
    assert "Wrong number of dimensions: expected 2, got 1 with shape (3,)" in msg
    assert "test_function.py" in msg  # where the variable was built


def test_broadcastable_input_checked():
    r = T.row("r")
    f = function([r], r * 2)
    np.testing.assert_array_equal(f(np.ones((1, 3))), 2 * np.ones((1, 3)))
    with pytest.raises(TypeError, match="dimension 0 of the value has length 2"):
        f(np.ones((2, 3)))


def test_runtime_broadcast_contract():
    # FACTS 5a: non-broadcastable dims of length 1 do not broadcast
    a = T.matrix("a")
    b = T.matrix("b")
    f = function([a, b], a + b)
    with pytest.raises(ValueError, match=r"Input dimension mis-match\. \(input\[0\]\.shape\[0\] = "
                       r"1, input\[1\]\.shape\[0\] = 2\)"):
        f(np.ones((1, 3)), np.ones((2, 3)))
    r = T.row("r")
    g = function([r, b], r + b)
    np.testing.assert_array_equal(g(np.ones((1, 3)), np.ones((2, 3))), 2 * np.ones((2, 3)))


def test_runtime_error_names_node_shapes_and_user_line():
    x = T.dmatrix("x")
    y = T.dmatrix("y")
    z = T.dot(x, y)  # the line the error must point at
    f = function([x, y], z)
    with pytest.raises(ValueError) as e:
        f(np.ones((2, 3)), np.ones((2, 3)))
    msg = str(e.value)
    assert "Apply node that caused the error: dot(x, y)" in msg
    assert "Inputs shapes: [(2, 3), (2, 3)]" in msg
    assert "test_function.py" in msg and "z = T.dot(x, y)" in msg


def test_shared_accumulator():
    # Theano tutorial / handout 003; Theano 1.0.5 prints 0, 1, 301 and returns array(0)
    state = shared(0)
    inc = T.iscalar("inc")
    accumulator = function([inc], state, updates=[(state, state + inc)])
    assert state.get_value() == 0
    out = accumulator(1)
    assert out == 0 and out.dtype == np.int64
    assert state.get_value() == 1
    assert accumulator(300) == 1
    assert state.get_value() == 301
    state.set_value(-1)
    assert accumulator(3) == -1 and state.get_value() == 2


def test_updates_are_simultaneous():
    # FACTS 6e: swap through updates
    a = shared(1.0)
    b = shared(10.0)
    f = function([], [a, b], updates=[(a, b), (b, a)])
    assert [float(v) for v in f()] == [1.0, 10.0]
    assert (a.get_value(), b.get_value()) == (10.0, 1.0)
    f()
    assert (a.get_value(), b.get_value()) == (1.0, 10.0)
    c = shared(np.zeros(2))
    g = function([], c, updates=[(c, c + 1)])
    r1 = g()
    r2 = g()
    np.testing.assert_array_equal(r1, [0, 0])
    np.testing.assert_array_equal(r2, [1, 1])
    np.testing.assert_array_equal(c.get_value(), [2, 2])


def test_output_does_not_alias_shared_storage():
    s = shared(np.arange(3.0))
    f = function([], s)
    out = f()
    out[0] = 100
    assert s.get_value()[0] == 0
    g = function([], s * 1, updates=[(s, s * 1)])
    out = g()
    out[1] = 100
    assert s.get_value()[1] == 1


def test_failed_call_leaves_shared_unchanged():
    s = shared(np.zeros(3))
    x = T.dvector("x")
    f = function([x], s, updates=[(s, s + x)])
    with pytest.raises(ValueError):
        f(np.ones(4))
    np.testing.assert_array_equal(s.get_value(), np.zeros(3))


def test_update_type_must_match():
    # FACTS 6d
    s = shared(0)
    x = T.dscalar("x")
    with pytest.raises(TypeError, match="An update must have the same type as the original"):
        function([x], s, updates=[(s, s + x)])
    ish = shared(np.zeros(2, dtype="int32"))
    u = function([], ish, updates=[(ish, ish + 1)])
    u()
    u()
    np.testing.assert_array_equal(ish.get_value(), [2, 2])
    with pytest.raises(ValueError, match="already has an update expression"):
        function([], ish, updates=[(ish, ish + 1), (ish, ish + 2)])
    with pytest.raises(TypeError, match="shared variable"):
        function([x], x, updates=[(x, x + 1)])


def test_givens():
    # Theano tutorial: skip_shared(1, 3) == 7 and state unchanged
    state = shared(0)
    inc = T.iscalar("inc")
    fn_of_state = state * 2 + inc
    foo = T.scalar(dtype=state.dtype)
    skip_shared = function([inc, foo], fn_of_state, givens=[(state, foo)])
    assert skip_shared(1, 3) == 7
    assert state.get_value() == 0
    x = T.dscalar("x")
    y = T.dscalar("y")
    assert function([x], x + y, givens={y: 2.0})(1.0) == 3.0
    assert function([x], x + y, givens={y: x * 3})(1.0) == 4.0
    with pytest.raises(TypeError, match="Types of given are incompatible: y has type"):
        function([x], x + y, givens={y: T.fscalar()})


def test_unused_and_missing_inputs():
    x = T.dscalar("x")
    y = T.dscalar("y")
    with pytest.raises(UnusedInputError, match="index 1 is not part of the computational graph"):
        function([x, y], x * 2)
    with pytest.warns(UserWarning, match="index 1"):
        function([x, y], x * 2, on_unused_input="warn")
    assert function([x, y], x * 2, on_unused_input="ignore")(1, 2) == 2
    with pytest.raises(MissingInputError, match="y"):
        function([x], x + y)
    with pytest.raises(TypeError, match="Outputs must be theano Variable or Out instances"):
        function([x], 5)
    with pytest.raises(TypeError, match="should be contained in a list|must be a list"):
        function(x, x * 2)
    with pytest.raises(UnusedInputError, match="used twice"):
        function([x, x], x * 2)


def test_lbfgs_mistake_has_clear_error():
    # handout 000: f_loss = theano.function([], loss) called with the weights
    w = shared(np.array([3.0, -3.0], dtype=np.float32), name="w")
    f_loss = function([], T.sum(w ** 2))
    with pytest.raises(TypeError, match="takes no inputs: it reads the shared variable w"):
        f_loss(np.zeros(2))


def test_copy_swap_and_delete_updates():
    # Theano tutorial "Copying functions"
    state = shared(0)
    inc = T.iscalar("inc")
    acc = function([inc], state, updates=[(state, state + inc)])
    acc(10)
    assert state.get_value() == 10
    new_state = shared(0)
    new_acc = acc.copy(swap={state: new_state})
    new_acc(100)
    assert new_state.get_value() == 100 and state.get_value() == 10
    null_acc = acc.copy(delete_updates=True)
    null_acc(9000)
    assert state.get_value() == 10


def test_eval():
    # handout 001: fx.eval({vx: np.array([2, 3, 0])})
    vx = T.vector()
    fx = vx ** 2
    np.testing.assert_array_equal(fx.eval({vx: np.array([2, 3, 0])}), [4.0, 9.0, 0.0])
    assert T.constant(3.0).eval() == 3.0


def test_out_borrow_and_trust_input():
    x = T.dvector("x")
    f = function([x], Out(x, borrow=True))
    a = np.arange(3.0)
    assert f(a) is a
    g = function([x], x)
    assert g(a) is not a
    h = function([x], x * 2)
    h.trust_input = True
    np.testing.assert_array_equal(h(a), [0, 2, 4])
    h.trust_input = False
    with pytest.raises(TypeError):
        h(np.zeros((2, 2)))


def test_generated_source_is_readable():
    x = T.dvector("x")
    y = T.exp(x) + 1
    f = function([x], y, name="f_exp")
    src = f.source
    assert src.startswith("def f_exp(x):")
    assert "np.exp(x)" in src
    assert "test_function.py" in src  # the user line appears as a comment


def test_shared_get_set_semantics():
    # FACTS 6b
    a = np.array([1.0, 2.0, 3.0])
    s = shared(a)
    assert s.get_value() is not a
    a[0] = 100.0
    assert s.get_value()[0] == 1.0
    b = np.array([1.0, 2.0, 3.0])
    sb = shared(b, borrow=True)
    assert sb.get_value(borrow=True) is b
    s.set_value([-1, 1])
    assert s.get_value().dtype == np.float64
    with pytest.raises(TypeError, match="Wrong number of dimensions: expected 1, got 0"):
        s.set_value(5.0)
    np.testing.assert_array_equal(s.get_value(), [-1.0, 1.0])
    fs = shared(np.zeros(2, dtype="float32"))
    with pytest.raises(TypeError, match="cannot store"):
        fs.set_value(np.array([0.1, 0.2]))
    assert shared(0).dtype == "int64" and shared(0.0).dtype == "float64"
    assert shared(np.float32(1)).dtype == "float32"
    assert shared(np.zeros((1, 3))).broadcastable == (False, False)
