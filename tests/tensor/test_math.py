"""Element-wise math of theano.tensor: values vs NumPy/SciPy, Theano's dtypes, gradients.

Output dtypes come from Theano 1.0.5 (floatX=float64), printed for every op and input dtype;
values are compared through theano.function, so the generated code is what is tested.
"""

import numpy as np
import pytest
import scipy.special as sp

import theano
import theano.tensor as T
from theano.gradient import verify_grad

# fmt: off
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
# fmt: on
_ABBREV = {"b": "bool", "c64": "complex64", "c128": "complex128", "-": None}


def _dtype(short):
    if short in _ABBREV:
        return _ABBREV[short]
    prefix = {"i": "int", "u": "uint", "f": "float"}[short[0]]
    return prefix + short[1:]


# Theano 1.0.5: getattr(T, name)(T.scalar(dtype=d)).dtype for d in DTYPES ("-": TypeError).
# fmt: off
UNARY_DTYPES = {
    "exp":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "exp2":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "expm1":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "log":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "log2":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "log10":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "log1p":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "sqrt":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "sqr":                       "b i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 c64 c128",
    "inv":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "abs_":                      "b i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 f32 f64",
    "sgn":                       "- i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 - -",
    "neg":                       "- i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 c64 c128",
    "ceil":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "floor":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "trunc":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "round_half_to_even":        "- - - - - - - - - f16 f32 f64 - -",
    "round_half_away_from_zero": "- - - - - - - - - f16 f32 f64 - -",
    "iround":                    "- - - - - - - - - i64 i64 i64 - -",
    "sin":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "cos":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "tan":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arcsin":                    "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arccos":                    "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arctan":                    "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "sinh":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "cosh":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "tanh":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arcsinh":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arccosh":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "arctanh":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "deg2rad":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "rad2deg":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "erf":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "erfc":                      "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "erfcx":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "erfinv":                    "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "erfcinv":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 - -",
    "gamma":                     "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "gammaln":                   "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "psi":                       "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "tri_gamma":                 "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "j0":                        "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "j1":                        "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "i0":                        "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "i1":                        "f32 f32 f32 f64 f64 f32 f32 f64 f64 f16 f32 f64 c64 c128",
    "isnan":                     "b b b b b b b b b b b b b b",
    "isinf":                     "b b b b b b b b b b b b b b",
    "real":                      "b i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 f32 f64",
    "imag":                      "b i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 f32 f64",
    "angle":                     "f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "conj":                      "i8 i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 c64 c128",
    "invert":                    "b i8 i16 i32 i64 u8 u16 u32 u64 - - - - -",
    "tensor_copy":               "b i8 i16 i32 i64 u8 u16 u32 u64 f16 f32 f64 c64 c128",
}
# fmt: on

# Theano 1.0.5: getattr(T, name)(T.scalar(dtype=a), T.scalar(dtype=b)).dtype ("-": error).
# fmt: off
PAIRS = [("bool", "bool"), ("bool", "int8"), ("int8", "int8"), ("int8", "uint8"),
         ("uint8", "uint8"), ("int16", "int16"), ("int32", "int32"), ("int64", "int64"),
         ("int8", "float32"), ("int32", "float32"), ("float32", "float32"),
         ("float16", "float16"), ("float16", "int8"), ("float64", "float32"),
         ("uint64", "int64"), ("complex64", "float32"), ("complex128", "float64")]
# fmt: on
# fmt: off
BINARY_DTYPES = {
    "add":               "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "sub":               "- i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "mul":               "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "true_div":          "f64 f64 f64 f64 f64 f64 f64 f64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "int_div":           "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "floor_div":         "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "ceil_intdiv":       "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 - -",
    "mod":               "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "pow":               "i8 i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "maximum":           "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "minimum":           "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "arctan2":           "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "eq":                "b b b b b b b b b b b b b b b b b",
    "neq":               "b b b b b b b b b b b b b b b b b",
    "lt":                "b b b b b b b b b b b b b b b b b",
    "gt":                "b b b b b b b b b b b b b b b b b",
    "le":                "b b b b b b b b b b b b b b b b b",
    "ge":                "b b b b b b b b b b b b b b b b b",
    "and_":              "b - i8 i16 u8 i16 i32 i64 - - - - - - f64 - -",
    "or_":               "b - i8 i16 u8 i16 i32 i64 - - - - - - f64 - -",
    "xor":               "b - i8 i16 u8 i16 i32 i64 - - - - - - f64 - -",
    "gammainc":          "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "gammaincc":         "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "gammau":            "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "gammal":            "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "jv":                "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "iv":                "f32 f32 f32 f32 f32 f32 f64 f64 f32 f64 f32 f16 f32 f64 f64 c64 c128",
    "chi2sf":            "f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "complex":           "c64 c64 c64 c64 c64 c64 c128 c128 c64 c128 c64 c64 c64 c128 c128 - -",
    "complex_from_polar":"c64 c64 c64 c64 c64 c64 c128 c128 c64 c128 c64 c64 c64 c128 c128 - -",
    "second":            "b i8 i8 u8 u8 i16 i32 i64 f32 f32 f32 f16 i8 f32 i64 f32 f64",
    "largest":           "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "smallest":          "b i8 i8 i16 u8 i16 i32 i64 f32 f64 f32 f16 f16 f64 f64 c64 c128",
    "isclose":           "- - b b b b b b b b b b b b b - -",
    "allclose":          "- - b b b b b b b b b b b b b - -",
}
# fmt: on


@pytest.mark.parametrize("name", sorted(UNARY_DTYPES))
def test_unary_output_dtypes_match_theano(name):
    fn = getattr(T, name)
    for dtype, short in zip(DTYPES, UNARY_DTYPES[name].split()):
        want = _dtype(short)
        x = T.scalar(dtype=dtype)
        if want is None:
            with pytest.raises(TypeError):
                fn(x)
        else:
            assert fn(x).dtype == want, (name, dtype)


@pytest.mark.parametrize("name", sorted(BINARY_DTYPES))
def test_binary_output_dtypes_match_theano(name):
    fn = getattr(T, name)
    for (a, b), short in zip(PAIRS, BINARY_DTYPES[name].split()):
        want = _dtype(short)
        x, y = T.scalar(dtype=a), T.scalar(dtype=b)
        if want is None:
            with pytest.raises(TypeError):
                fn(x, y)
        else:
            assert fn(x, y).dtype == want, (name, a, b)


def test_true_div_of_ints_follows_floatx():
    # Theano 1.0.5 with floatX=float32: ivector / 2 is float32
    with theano.change_flags(floatX="float32"):
        assert (T.ivector() / 2).dtype == "float32"
        assert T.exp(T.ivector()).dtype == "float64"
    assert (T.ivector() / 2).dtype == "float64"


# ----------------------------------------------------------------------------------
# Values through theano.function


def _run(outputs, inputs, *values):
    f = theano.function(inputs, outputs)
    return f(*values)


def _tol(dtype):
    return {"float16": 1e-2, "float32": 1e-5, "complex64": 1e-5}.get(str(dtype), 1e-10)


def _check(got, want, dtype, in_dtype=None):
    # angle(float32) is float64 but computed in float32 (Theano too): in_dtype sets the tolerance
    assert got.dtype == np.dtype(dtype)
    tol = max(_tol(dtype), _tol(in_dtype))
    np.testing.assert_allclose(
        got.astype(np.result_type(got, np.float64)), want, rtol=tol, atol=tol
    )


def _round_away(x):
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


# fmt: off
UNARY = [
    # name                        reference                      float domain   ints
    ("exp",                       np.exp,                        (-3, 3),       True),
    ("exp2",                      np.exp2,                       (-3, 3),       True),
    ("expm1",                     np.expm1,                      (-3, 3),       True),
    ("log",                       np.log,                        (0.1, 5),      True),
    ("log2",                      np.log2,                       (0.1, 5),      True),
    ("log10",                     np.log10,                      (0.1, 5),      True),
    ("log1p",                     np.log1p,                      (-0.9, 5),     True),
    ("sqrt",                      np.sqrt,                       (0, 5),        True),
    ("sqr",                       np.square,                     (-3, 3),       True),
    ("inv",                       np.reciprocal,                 (0.5, 3),      True),
    ("abs_",                      np.abs,                        (-3, 3),       True),
    ("sgn",                       np.sign,                       (-3, 3),       True),
    ("neg",                       np.negative,                   (-3, 3),       True),
    ("ceil",                      np.ceil,                       (-3, 3),       True),
    ("floor",                     np.floor,                      (-3, 3),       True),
    ("trunc",                     np.trunc,                      (-3, 3),       True),
    ("round_half_to_even",        np.round,                      (-3, 3),       False),
    ("round_half_away_from_zero", _round_away,                   (-3, 3),       False),
    ("sin",                       np.sin,                        (-3, 3),       True),
    ("cos",                       np.cos,                        (-3, 3),       True),
    ("tan",                       np.tan,                        (-1.2, 1.2),   True),
    ("arcsin",                    np.arcsin,                     (-0.9, 0.9),   True),
    ("arccos",                    np.arccos,                     (-0.9, 0.9),   True),
    ("arctan",                    np.arctan,                     (-3, 3),       True),
    ("sinh",                      np.sinh,                       (-3, 3),       True),
    ("cosh",                      np.cosh,                       (-3, 3),       True),
    ("tanh",                      np.tanh,                       (-3, 3),       True),
    ("arcsinh",                   np.arcsinh,                    (-3, 3),       True),
    ("arccosh",                   np.arccosh,                    (1.1, 5),      True),
    ("arctanh",                   np.arctanh,                    (-0.9, 0.9),   True),
    ("deg2rad",                   np.deg2rad,                    (-360, 360),   True),
    ("rad2deg",                   np.rad2deg,                    (-3, 3),       True),
    ("erf",                       sp.erf,                        (-3, 3),       True),
    ("erfc",                      sp.erfc,                       (-3, 3),       True),
    ("erfcx",                     sp.erfcx,                      (-3, 3),       True),
    ("erfinv",                    sp.erfinv,                     (-0.9, 0.9),   True),
    ("erfcinv",                   sp.erfcinv,                    (0.1, 1.9),    True),
    ("gamma",                     sp.gamma,                      (0.1, 5),      True),
    ("gammaln",                   sp.gammaln,                    (0.1, 5),      True),
    ("psi",                       sp.psi,                        (0.1, 5),      True),
    ("tri_gamma",                 lambda x: sp.polygamma(1, x),  (0.1, 5),      True),
    ("j0",                        sp.j0,                         (-5, 5),       True),
    ("j1",                        sp.j1,                         (-5, 5),       True),
    ("i0",                        sp.i0,                         (-3, 3),       True),
    ("i1",                        sp.i1,                         (-3, 3),       True),
    ("isnan",                     np.isnan,                      (-3, 3),       True),
    ("isinf",                     np.isinf,                      (-3, 3),       True),
    ("real",                      np.real,                       (-3, 3),       True),
    ("imag",                      np.imag,                       (-3, 3),       True),
    ("angle",                     np.angle,                      (-3, 3),       False),
    ("conj",                      np.conj,                       (-3, 3),       True),
    ("tensor_copy",               np.array,                      (-3, 3),       True),
]
# fmt: on
UNARY_IDS = [row[0] for row in UNARY]


def _sample(domain, shape, dtype, rng):
    lo, hi = domain
    if np.dtype(dtype).kind in "iu":
        ints = np.arange(max(int(np.ceil(lo)), -3), min(int(np.floor(hi)), 3) + 1)
        return rng.choice(ints, size=shape).astype(dtype)
    return rng.uniform(lo, hi, size=shape).astype(dtype)


@pytest.mark.parametrize("name, ref, domain, ints", UNARY, ids=UNARY_IDS)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int8", "int32"])
def test_unary_values(name, ref, domain, ints, dtype):
    rng = np.random.default_rng(0)
    fn = getattr(T, name)
    x = T.matrix(dtype=dtype)
    if dtype.startswith("int") and not ints:
        if name.startswith("round"):
            # Theano 1.0.5 refuses integer inputs for round_half_*: so do we
            with pytest.raises(TypeError):
                fn(x)
            return
        # angle of integers is computed in a narrow float (Theano: float16 for int8)
        value = _sample(domain, (3, 4), dtype, rng)
        got = _run(fn(x), [x], value)
        np.testing.assert_allclose(got, ref(value.astype("float64")), rtol=1e-3)
        return
    out = fn(x)
    value = _sample(domain, (3, 4), dtype, rng)
    with np.errstate(all="ignore"):
        want = ref(value.astype("float64"))
    _check(_run(out, [x], value), want, out.dtype, dtype)


@pytest.mark.parametrize("name, ref, domain, ints", UNARY, ids=UNARY_IDS)
def test_unary_0d_and_empty(name, ref, domain, ints):
    fn = getattr(T, name)
    x = T.dscalar()
    value = np.float64(np.mean(domain) + 0.1)
    got = _run(fn(x), [x], value)
    assert got.shape == ()
    _check(got, ref(value), fn(x).dtype)
    m = T.dmatrix()
    got = _run(fn(m), [m], np.zeros((0, 3)))
    assert got.shape == (0, 3) and got.dtype == np.dtype(fn(m).dtype)


# fmt: off
COMPLEX_UNARY = [
    ("exp", np.exp), ("log", np.log), ("sqrt", np.sqrt), ("sqr", np.square),
    ("inv", np.reciprocal), ("neg", np.negative), ("abs_", np.abs), ("sin", np.sin),
    ("cosh", np.cosh), ("tanh", np.tanh), ("real", np.real), ("imag", np.imag),
    ("angle", np.angle), ("conj", np.conj),
]
# fmt: on


@pytest.mark.parametrize("name, ref", COMPLEX_UNARY, ids=[r[0] for r in COMPLEX_UNARY])
@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_unary_complex_values(name, ref, dtype):
    z = T.vector(dtype=dtype)
    value = np.array([1 + 2j, -0.5 + 0.25j, 3 - 1j], dtype=dtype)
    out = getattr(T, name)(z)
    _check(_run(out, [z], value), ref(value.astype("complex128")), out.dtype, dtype)


def _chi2sf(x, k):
    # scipy.stats.chi2.sf(x, k), without importing scipy.stats (slow)
    return sp.gammaincc(k / 2.0, x / 2.0)


# fmt: off
BINARY = [
    # name                 reference                               domain x    domain y
    ("add",                np.add,                                 (-3, 3),    (-3, 3)),
    ("sub",                np.subtract,                            (-3, 3),    (-3, 3)),
    ("mul",                np.multiply,                            (-3, 3),    (-3, 3)),
    ("true_div",           np.true_divide,                         (-3, 3),    (1, 3)),
    ("int_div",            np.floor_divide,                        (-5, 5),    (1, 3)),
    ("floor_div",          np.floor_divide,                        (-5, 5),    (-3, -1)),
    ("ceil_intdiv",        lambda a, b: np.ceil(a / b),            (-5, 5),    (1, 3)),
    ("mod",                np.mod,                                 (-5, 5),    (1, 3)),
    ("pow",                np.power,                               (0.1, 3),   (0, 3)),
    ("power",              np.power,                               (0.1, 3),   (0, 3)),
    ("maximum",            np.maximum,                             (-3, 3),    (-3, 3)),
    ("minimum",            np.minimum,                             (-3, 3),    (-3, 3)),
    ("largest",            np.maximum,                             (-3, 3),    (-3, 3)),
    ("smallest",           np.minimum,                             (-3, 3),    (-3, 3)),
    ("arctan2",            np.arctan2,                             (-3, 3),    (-3, 3)),
    ("eq",                 np.equal,                               (-1, 1),    (-1, 1)),
    ("neq",                np.not_equal,                           (-1, 1),    (-1, 1)),
    ("lt",                 np.less,                                (-1, 1),    (-1, 1)),
    ("gt",                 np.greater,                             (-1, 1),    (-1, 1)),
    ("le",                 np.less_equal,                          (-1, 1),    (-1, 1)),
    ("ge",                 np.greater_equal,                       (-1, 1),    (-1, 1)),
    ("gammainc",           sp.gammainc,                            (0.5, 3),   (0.1, 3)),
    ("gammaincc",          sp.gammaincc,                           (0.5, 3),   (0.1, 3)),
    ("gammau",             lambda k, x: sp.gammaincc(k, x) * sp.gamma(k), (0.5, 3), (0.1, 3)),
    ("gammal",             lambda k, x: sp.gammainc(k, x) * sp.gamma(k), (0.5, 3), (0.1, 3)),
    ("jv",                 sp.jv,                                  (0, 3),     (0.1, 5)),
    ("iv",                 sp.iv,                                  (0, 3),     (0.1, 5)),
    ("chi2sf",             _chi2sf,                                (0.1, 5),   (1, 5)),
    ("complex",            lambda a, b: a + 1j * b,                (-3, 3),    (-3, 3)),
    ("complex_from_polar", lambda r, t: r * np.exp(1j * t),        (0, 3),     (-3, 3)),
]
# fmt: on
BINARY_IDS = [row[0] for row in BINARY]


@pytest.mark.parametrize("name, ref, dom_x, dom_y", BINARY, ids=BINARY_IDS)
@pytest.mark.parametrize(
    "dtypes",
    [
        ("float64", "float64"),
        ("float32", "float32"),
        ("int8", "int8"),
        ("int32", "int8"),
        ("float32", "int32"),
    ],
)
def test_binary_values(name, ref, dom_x, dom_y, dtypes):
    fn = getattr(T, name)
    x, y = T.matrix(dtype=dtypes[0]), T.matrix(dtype=dtypes[1])
    try:
        out = fn(x, y)
    except TypeError:
        pytest.skip("Theano rejects these dtypes (the dtype tables check which)")
    rng = np.random.default_rng(1)
    a, b = _sample(dom_x, (3, 4), dtypes[0], rng), _sample(dom_y, (3, 4), dtypes[1], rng)
    with np.errstate(all="ignore"):
        want = ref(a.astype("float64"), b.astype("float64"))
    _check(_run(out, [x, y], a, b), want, out.dtype)


@pytest.mark.parametrize("name, ref, dom_x, dom_y", BINARY, ids=BINARY_IDS)
def test_binary_broadcasting(name, ref, dom_x, dom_y):
    fn = getattr(T, name)
    rng = np.random.default_rng(2)
    # row + matrix
    r, m = T.drow(), T.dmatrix()
    out = fn(r, m)
    assert out.broadcastable == (False, False)
    a, b = _sample(dom_x, (1, 4), "float64", rng), _sample(dom_y, (3, 4), "float64", rng)
    got = _run(out, [r, m], a, b)
    assert got.shape == (3, 4)
    _check(got, ref(a, b), out.dtype)
    # scalar + tensor3, both orders
    s, t3 = T.dscalar(), T.dtensor3()
    c = _sample(dom_x, (2, 3, 4), "float64", rng)
    k = np.float64(np.mean(dom_y) + 0.25)
    _check(_run(fn(t3, s), [t3, s], c, k), ref(c, k), out.dtype)
    k2 = np.float64(np.mean(dom_x) + 0.25)
    d = _sample(dom_y, (2, 3, 4), "float64", rng)
    _check(_run(fn(s, t3), [s, t3], k2, d), ref(k2, d), out.dtype)
    # row + row stays a row
    assert fn(r, T.drow()).broadcastable == (True, False)


@pytest.mark.parametrize("name, ref, dom_x, dom_y", BINARY, ids=BINARY_IDS)
def test_binary_0d_and_empty(name, ref, dom_x, dom_y):
    fn = getattr(T, name)
    x, y = T.dscalar(), T.dscalar()
    a, b = np.float64(np.mean(dom_x) + 0.1), np.float64(np.mean(dom_y) + 0.2)
    got = _run(fn(x, y), [x, y], a, b)
    assert got.shape == ()
    _check(got, ref(a, b), fn(x, y).dtype)
    u, v = T.dmatrix(), T.dmatrix()
    got = _run(fn(u, v), [u, v], np.zeros((0, 3)), np.zeros((0, 3)))
    assert got.shape == (0, 3) and got.dtype == np.dtype(fn(u, v).dtype)


# fmt: off
BITWISE = [("and_", np.bitwise_and), ("or_", np.bitwise_or), ("xor", np.bitwise_xor),
           ("bitwise_and", np.bitwise_and), ("bitwise_or", np.bitwise_or),
           ("bitwise_xor", np.bitwise_xor)]
# fmt: on


@pytest.mark.parametrize("name, ref", BITWISE, ids=[b[0] for b in BITWISE])
@pytest.mark.parametrize("dtypes", [("bool", "bool"), ("int8", "int8"), ("int32", "uint8")])
def test_bitwise_values(name, ref, dtypes):
    x, y = T.vector(dtype=dtypes[0]), T.vector(dtype=dtypes[1])
    a = np.array([0, 1, 3, 5, 1], dtype=dtypes[0])
    b = np.array([1, 1, 6, 0, 0], dtype=dtypes[1])
    out = getattr(T, name)(x, y)
    got = _run(out, [x, y], a, b)
    assert got.dtype == np.dtype(out.dtype)
    np.testing.assert_array_equal(got, ref(a, b))


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int64"])
def test_invert_values(dtype):
    x = T.vector(dtype=dtype)
    a = np.array([0, 1, 5], dtype=dtype)
    for fn in (T.invert, T.bitwise_not):
        got = _run(fn(x), [x], a)
        assert got.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(got, np.invert(a))
    np.testing.assert_array_equal(_run(~x, [x], a), np.invert(a))


def test_nary_add_and_mul():
    a, b, c = T.dvector(), T.drow(), T.dscalar()
    va, vb, vc = np.array([1.0, 2.0, 3.0]), np.array([[10.0, 20.0, 30.0]]), np.float64(0.5)
    out = T.add(a, b, c)
    assert out.owner.inputs.__len__() == 3 and str(out.owner.op) == "Elemwise{add,no_inplace}"
    np.testing.assert_allclose(_run(out, [a, b, c], va, vb, vc), va + vb + vc)
    np.testing.assert_allclose(_run(T.mul(a, b, c), [a, b, c], va, vb, vc), va * vb * vc)


# ----------------------------------------------------------------------------------
# Ternary ops: switch / where and clip


def test_switch_and_where():
    c, x, y = T.bvector(), T.dvector(), T.fvector()
    vc = np.array([1, 0, 2], dtype="int8")
    vx, vy = np.array([1.0, 2.0, 3.0]), np.array([-1.0, -2.0, -3.0], dtype="float32")
    for fn in (T.switch, T.where):
        out = fn(c, x, y)
        assert out.dtype == "float64"
        np.testing.assert_array_equal(_run(out, [c, x, y], vc, vx, vy), [1.0, -2.0, 3.0])
    # a scalar condition broadcasts; Python numbers are autocast (FACTS 2e)
    s = T.bscalar()
    np.testing.assert_array_equal(_run(T.switch(s, x, 0), [s, x], np.int8(0), vx), [0, 0, 0])
    dv = T.dvector()
    assert T.switch(dv < 0, 1, 0).dtype == "int8"
    assert T.switch(dv < 0, 1.0, 0.0).dtype == "float32"
    assert T.switch(dv < 0, T.fvector(), 0.5).dtype == "float32"


def test_clip_values_and_types():
    x, lo, hi = T.dvector(), T.dvector(), T.dvector()
    got = _run(
        T.clip(x, lo, hi),
        [x, lo, hi],
        np.array([0.0, 1.5, 3.0]),
        np.array([2.0, 2.0, 2.0]),
        np.array([1.0, 1.0, 1.0]),
    )
    # Theano 1.0.5 when min > max: [2, 2, 1] (min wins below, max above)
    np.testing.assert_array_equal(got, [2.0, 2.0, 1.0])
    i = T.bvector()
    out = T.clip(i, 1, 2)
    assert out.dtype == "int8" and str(out.owner.op) == "Elemwise{clip,no_inplace}"
    np.testing.assert_array_equal(
        _run(out, [i], np.array([0, 1, 2, 3], dtype="int8")), [1, 1, 2, 2]
    )
    m = T.dmatrix()
    v = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(_run(T.clip(m, 2.5, 7), [m], v), np.clip(v, 2.5, 7))
    with pytest.raises(TypeError):
        T.clip(T.zvector(), 0, 1)


# ----------------------------------------------------------------------------------
# Functions built from the ops


def test_round_modes():
    x = T.dvector()
    v = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])
    # Theano 1.0.5: the default is half_to_even, like NumPy (and no warning by default)
    assert str(T.round(x).owner.op) == "Elemwise{round_half_to_even,no_inplace}"
    np.testing.assert_array_equal(_run(T.round(x), [x], v), [-2, -2, -0, 0, 2, 2])
    out = T.round(x, "half_away_from_zero")
    assert str(out.owner.op) == "Elemwise{round_half_away_from_zero,no_inplace}"
    np.testing.assert_array_equal(_run(out, [x], v), [-3, -2, -1, 1, 2, 3])
    np.testing.assert_array_equal(_run(T.round(x, "half_to_even"), [x], v), np.round(v))
    with pytest.raises(Exception, match="round mode foo is not implemented"):  # Theano 1.0.5
        T.round(x, "foo")
    with pytest.raises(TypeError, match="only float"):
        T.round(T.ivector())
    with theano.change_flags(**{"warn.round": True}), pytest.warns(UserWarning, match="halves"):
        T.round(x)


def test_round_half_away_from_zero_theano_values():
    # Theano 1.0.5 printed [-3, -2, -1, 1, 2, 3, 1]: floor(x + 0.5) rounds 0.49999999999999994 up
    x = T.dvector()
    v = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994])
    got = _run(T.round_half_away_from_zero(x), [x], v)
    np.testing.assert_array_equal(got, [-3, -2, -1, 1, 2, 3, 1])


def test_iround():
    x = T.fvector()
    out = T.iround(x)
    assert out.dtype == "int64" and str(out.owner.op) == "Elemwise{Cast{int64}}"
    got = _run(out, [x], np.array([-2.5, 1.5, 2.7], dtype="float32"))
    np.testing.assert_array_equal(got, [-2, 2, 3])  # Theano 1.0.5
    assert got.dtype == np.int64
    np.testing.assert_array_equal(
        _run(T.iround(x, "half_away_from_zero"), [x], np.array([2.5], dtype="float32")), [3]
    )


def test_divmod_and_ceil_intdiv():
    a, b = T.ivector(), T.ivector()
    va, vb = np.array([5, -5, 5, -5], dtype="int32"), np.array([3, 3, -3, -3], dtype="int32")
    q, r = T.divmod(a, b)
    assert q.dtype == r.dtype == "int32"
    got_q, got_r = _run([q, r], [a, b], va, vb)
    np.testing.assert_array_equal(got_q, [1, -2, -2, 1])  # Theano 1.0.5
    np.testing.assert_array_equal(got_r, [2, 1, -1, -2])
    va5 = np.array([5, -5, 5, -5, 6], dtype="int32")
    vb5 = np.array([3, 3, -3, -3, 3], dtype="int32")
    got = _run(T.ceil_intdiv(a, b), [a, b], va5, vb5)
    np.testing.assert_array_equal(got, [2, -1, -1, 2, 2])  # Theano 1.0.5
    with pytest.raises(TypeError, match="complex"):
        T.divmod(T.zvector(), T.zvector())
    with pytest.raises(TypeError, match="complex"):
        T.ceil_intdiv(T.cvector(), T.fvector())


def test_integer_division_by_zero_and_python_operators():
    a, b = T.ivector(), T.ivector()
    va, vb = np.array([5, -5, 0], dtype="int32"), np.zeros(3, dtype="int32")
    with np.errstate(all="ignore"):
        # Theano 1.0.5: [0, 0, 0] for both
        np.testing.assert_array_equal(_run(a // b, [a, b], va, vb), [0, 0, 0])
        np.testing.assert_array_equal(_run(a % b, [a, b], va, vb), [0, 0, 0])
    # Python's divmod() on variables builds T.divmod
    q, r = divmod(a, b)
    assert str(q.owner.op) == "Elemwise{int_div,no_inplace}"
    assert str(r.owner.op) == "Elemwise{mod,no_inplace}"


def test_div_proxy_follows_int_division_flag():
    i, j, x = T.ivector(), T.ivector(), T.dvector()
    assert T.div_proxy(i, j).owner.op == T.int_div
    assert T.div_proxy(x, j).owner.op == T.true_div
    with theano.change_flags(int_division="floatX"):
        assert T.div_proxy(i, j).owner.op == T.true_div
    with theano.change_flags(int_division="raise"), pytest.raises(TypeError, match="int_div"):
        T.div_proxy(i, j)


def test_pow_int_negative_exponent_raises_like_numpy():
    # Theano 1.0.5: ValueError "Integers to negative integer powers are not allowed."
    a, b = T.ivector(), T.ivector()
    f = theano.function([a, b], a**b)
    with pytest.raises(ValueError, match="negative integer powers"):
        f(np.array([2], dtype="int32"), np.array([-1], dtype="int32"))


def test_isnan_isinf():
    x = T.dvector()
    v = np.array([1.0, np.inf, -np.inf, np.nan])
    np.testing.assert_array_equal(_run(T.isnan(x), [x], v), [False, False, False, True])
    np.testing.assert_array_equal(_run(T.isinf(x), [x], v), [False, True, True, False])
    i = T.imatrix()
    for fn in (T.isnan, T.isinf):
        out = fn(i)
        assert out.dtype == "bool" and out.broadcastable == (False, False)
        got = _run(out, [i], np.ones((2, 3), dtype="int32"))
        assert got.shape == (2, 3) and not got.any()
    assert str(T.isnan_(x).owner.op) == "Elemwise{isnan,no_inplace}"


def test_isclose_allclose():
    a, b = T.dvector(), T.dvector()
    va = np.array([1, 1, np.nan, np.inf, 1e-10, -np.inf, np.inf])
    vb = np.array([1 + 1e-6, 1.1, np.nan, np.inf, 0, np.inf, 1.0])
    got = _run(T.isclose(a, b), [a, b], va, vb)
    np.testing.assert_array_equal(got, np.isclose(va, vb))
    got = _run(T.isclose(a, b, equal_nan=True), [a, b], va, vb)
    np.testing.assert_array_equal(got, np.isclose(va, vb, equal_nan=True))
    got = _run(T.isclose(a, b, rtol=0.2, atol=0), [a, b], va, vb)
    np.testing.assert_array_equal(got, np.isclose(va, vb, rtol=0.2, atol=0))
    out = T.allclose(a, b)
    assert out.dtype == "bool" and out.ndim == 0
    assert bool(_run(out, [a, b], np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-7])))
    assert not bool(_run(out, [a, b], np.array([1.0, 2.0]), np.array([1.0, 2.1])))
    i, j = T.ivector(), T.ivector()
    got = _run(
        T.isclose(i, j), [i, j], np.array([1, 2], dtype="int32"), np.array([1, 3], dtype="int32")
    )
    np.testing.assert_array_equal(got, [True, False])
    with pytest.raises(TypeError):
        T.isclose(T.vector(dtype="bool"), T.vector(dtype="bool"))


def test_largest_smallest():
    a, b, c = T.dvector(), T.dvector(), T.dvector()
    va, vb, vc = np.array([1.0, 5.0]), np.array([3.0, 2.0]), np.array([2.0, 7.0])
    assert str(T.largest(a, b).owner.op) == "Elemwise{switch,no_inplace}"
    np.testing.assert_array_equal(_run(T.largest(a, b), [a, b], va, vb), [3, 5])
    np.testing.assert_array_equal(_run(T.largest(a, b, c), [a, b, c], va, vb, vc), [3, 7])
    np.testing.assert_array_equal(_run(T.smallest(a, b, c), [a, b, c], va, vb, vc), [1, 2])
    np.testing.assert_array_equal(_run(T.smallest(a, b), [a, b], va, vb), [1, 2])


def test_complex_builders_and_parts():
    x, y = T.fvector(), T.bvector()
    z = T.complex(x, y)
    assert z.dtype == "complex64"
    got = _run(z, [x, y], np.array([1, 2], dtype="float32"), np.array([3, 4], dtype="int8"))
    np.testing.assert_array_equal(got, [1 + 3j, 2 + 4j])
    r, t = T.dvector(), T.dvector()
    got = _run(T.complex_from_polar(r, t), [r, t], np.array([1.0, 2.0]), np.array([0.0, np.pi / 2]))
    np.testing.assert_allclose(got, [1, 2j], atol=1e-15)
    i = T.bvector()
    # Theano 1.0.5: angle(int8 [-1, 0, 2]) is float64 [3.140625, 0, 0] (computed in float16)
    got = _run(T.angle(i), [i], np.array([-1, 0, 2], dtype="int8"))
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, [np.pi, 0, 0], atol=2e-3)
    assert T.real(T.dvector()).dtype == "float64" and T.imag(T.cvector()).dtype == "float32"


# ----------------------------------------------------------------------------------
# Names, aliases and printing


def test_names_and_aliases():
    assert T.floor_div is T.int_div
    assert T.square is T.sqr
    assert T.where is T.switch
    assert T.fill is T.second
    assert (T.bitwise_and, T.bitwise_or, T.bitwise_xor, T.bitwise_not) == (
        T.and_,
        T.or_,
        T.xor,
        T.invert,
    )
    x = T.dvector()
    for name in [
        "exp",
        "arctan2",
        "erfcinv",
        "tri_gamma",
        "gammaincc",
        "complex_from_polar",
        "round_half_away_from_zero",
        "deg2rad",
        "chi2sf",
        "iv",
        "clip",
    ]:
        op = getattr(T, name)
        assert str(op) == f"Elemwise{{{name},no_inplace}}"
    assert str(T.tensor_copy(x).owner.op) == "Elemwise{identity}"
    assert str(T.abs_(x).owner.op) == "Elemwise{abs_,no_inplace}"
    assert str(T.power(x, 2).owner.op) == "Elemwise{pow,no_inplace}"


def test_tensor_copy_does_not_alias():
    x = T.dvector()
    v = np.arange(3.0)
    out = _run(T.tensor_copy(x), [x], v)
    np.testing.assert_array_equal(out, v)
    assert not np.shares_memory(out, v)


def test_error_names_the_op_and_dtypes():
    with pytest.raises(TypeError, match=r"Elemwise\{sgn,no_inplace\}.*bool"):
        T.sgn(T.vector(dtype="bool"))
    with pytest.raises(TypeError, match=r"Elemwise\{and_,no_inplace\}.*float64"):
        T.and_(T.dvector(), T.ivector())


# ----------------------------------------------------------------------------------
# Gradients through theano.grad (verify_grad: finite differences, float64)


# fmt: off
GRAD_UNARY = [
    # name          domain (kinks and edges excluded)
    ("exp", (-2, 2)), ("exp2", (-2, 2)), ("expm1", (-2, 2)), ("log", (0.5, 3)),
    ("log2", (0.5, 3)), ("log10", (0.5, 3)), ("log1p", (-0.5, 3)), ("sqrt", (0.5, 3)),
    ("sqr", (-2, 2)), ("inv", (0.5, 3)), ("abs_", (0.5, 3)), ("neg", (-2, 2)),
    ("sin", (-2, 2)), ("cos", (-2, 2)), ("tan", (-1, 1)), ("arcsin", (-0.8, 0.8)),
    ("arccos", (-0.8, 0.8)), ("arctan", (-2, 2)), ("sinh", (-2, 2)), ("cosh", (-2, 2)),
    ("tanh", (-2, 2)), ("arcsinh", (-2, 2)), ("arccosh", (1.5, 3)), ("arctanh", (-0.8, 0.8)),
    ("deg2rad", (-2, 2)), ("rad2deg", (-2, 2)), ("erf", (-2, 2)), ("erfc", (-2, 2)),
    ("erfcx", (-2, 2)), ("erfinv", (-0.8, 0.8)), ("erfcinv", (0.2, 1.8)), ("gamma", (0.5, 3)),
    ("gammaln", (0.5, 3)), ("psi", (0.5, 3)), ("j0", (0.5, 3)), ("j1", (0.5, 3)),
    ("i0", (0.5, 3)), ("i1", (0.5, 3)), ("tensor_copy", (-2, 2)), ("real", (-2, 2)),
]
# fmt: on


@pytest.mark.parametrize("name, domain", GRAD_UNARY, ids=[g[0] for g in GRAD_UNARY])
def test_unary_verify_grad(name, domain):
    rng = np.random.default_rng(3)
    fn = getattr(T, name)
    verify_grad(
        lambda x: 3.0 * fn(x), [rng.uniform(*domain, size=(2, 3))], rng=np.random.RandomState(0)
    )


# fmt: off
GRAD_BINARY = [
    ("add", (-2, 2), (-2, 2)), ("sub", (-2, 2), (-2, 2)), ("mul", (-2, 2), (-2, 2)),
    ("true_div", (-2, 2), (0.5, 2)), ("pow", (0.5, 2), (-2, 2)), ("mod", (0.1, 0.9), (1, 2)),
    ("maximum", (-2, 2), (-2, 2)), ("minimum", (-2, 2), (-2, 2)), ("arctan2", (-2, 2), (0.5, 2)),
]
# fmt: on


@pytest.mark.parametrize("name, dom_x, dom_y", GRAD_BINARY, ids=[g[0] for g in GRAD_BINARY])
def test_binary_verify_grad(name, dom_x, dom_y):
    rng = np.random.default_rng(4)
    fn = getattr(T, name)
    pt = [rng.uniform(*dom_x, size=(2, 3)), rng.uniform(*dom_y, size=(2, 3))]
    verify_grad(lambda x, y: 3.0 * fn(x, y), pt, rng=np.random.RandomState(0))


@pytest.mark.parametrize(
    "name, dom_v",
    [("jv", (0.5, 2)), ("iv", (0.5, 2)), ("gammainc", (0.5, 2)), ("gammaincc", (0.5, 2))],
)
def test_verify_grad_with_constant_first_input(name, dom_v):
    rng = np.random.default_rng(5)
    fn = getattr(T, name)
    verify_grad(
        lambda x: fn(1.5, x), [rng.uniform(0.5, 3, size=(2, 3))], rng=np.random.RandomState(0)
    )


def test_grads_at_kinks_match_theano():
    # Theano 1.0.5: theano.grad of (3 * op(...)).sum() at these points
    x, lo, hi = T.dvector(), T.dvector(), T.dvector()
    cost = 3 * T.clip(x, lo, hi).sum()
    f = theano.function([x, lo, hi], T.grad(cost, [x, lo, hi]))
    gx, glo, ghi = f(
        np.array([0.0, 1, 2, 3, 1]), np.array([1.0, 1, 1, 1, 2]), np.array([2.0, 2, 2, 2, 1])
    )
    np.testing.assert_array_equal(gx, [0, 3, 3, 0, 0])
    np.testing.assert_array_equal(glo, [3, 0, 0, 0, 3])
    np.testing.assert_array_equal(ghi, [0, 0, 0, 3, 0])
    y = T.dvector()
    a, b = np.array([1.0, 2, 3]), np.array([1.0, 1, 4])
    gx, gy = theano.function([x, y], T.grad(3 * T.maximum(x, y).sum(), [x, y]))(a, b)
    np.testing.assert_array_equal(gx, [3, 3, 0])
    np.testing.assert_array_equal(gy, [0, 0, 3])
    g = theano.function([x], T.grad(3 * T.abs_(x).sum(), x))(np.array([-1.5, 0.0, 2.0]))
    np.testing.assert_array_equal(g, [-3, 0, 3])
    for fn in (T.floor, T.ceil, T.trunc, T.round, T.sgn, T.round_half_away_from_zero):
        g = theano.function([x], T.grad(3 * fn(x).sum(), x))(np.array([-1.5, 0.0, 1.0]))
        np.testing.assert_array_equal(g, [0, 0, 0])
    gx, gy = theano.function([x, y], T.grad(T.pow(x, y).sum(), [x, y]))(
        np.array([0.0, 0.0, 2.0]), np.array([2.0, 3.0, 0.5])
    )
    np.testing.assert_allclose(gx, [0, 0, 0.35355339], rtol=1e-7)
    np.testing.assert_allclose(gy, [0, 0, 0.98025814], rtol=1e-7)
    c = T.dvector()
    grads = theano.function([c, x, y], T.grad(3 * T.switch(c, x, y).sum(), [c, x, y]))(
        np.array([0.0, 1, 1]), np.array([1.0, 2, 3]), np.array([4.0, 5, 6])
    )
    for got, want in zip(grads, [[0, 0, 0], [0, 3, 3], [3, 0, 0]]):
        np.testing.assert_array_equal(got, want)
