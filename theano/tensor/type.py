"""TensorType: an ndarray of one dtype with a broadcastable pattern."""

import numpy as np

from theano.configparser import config
from theano.graph.type import Type
from theano.graph.utils import user_frame
from theano.scalar.basic import all_dtypes, discrete_dtypes, upcast

_rank_names = {0: "scalar", 1: "vector", 2: "matrix"}


class TensorType(Type):
    """Type of symbolic ndarrays.

    Parameters
    ----------
    dtype : str
        NumPy dtype name ('float64', 'int32', ...); 'floatX' means config.floatX.
    broadcastable : tuple of bool
        One entry per dimension; True means the length is known to be 1, so the
        dimension broadcasts against any length.  Theano does not broadcast a
        dimension marked False, even when its length happens to be 1.
    """

    ndim_cache = {}

    def __init__(self, dtype, broadcastable, name=None, sparse_grad=False):
        if isinstance(dtype, np.dtype):
            dtype = dtype.name
        dtype = str(dtype)
        if dtype == "floatX":
            dtype = config.floatX
        if dtype not in all_dtypes:
            raise TypeError(
                f"Unsupported dtype for TensorType: {dtype!r} (expected one of {all_dtypes})"
            )
        self.dtype = dtype
        self.numpy_dtype = np.dtype(dtype)
        self.broadcastable = tuple(bool(b) for b in broadcastable)
        self.ndim = len(self.broadcastable)
        self.name = name
        self.sparse_grad = sparse_grad

    def clone(self, dtype=None, broadcastable=None):
        return TensorType(
            self.dtype if dtype is None else dtype,
            self.broadcastable if broadcastable is None else broadcastable,
            name=self.name,
        )

    # Values ------------------------------------------------------------------------
    def filter(self, data, strict=False, allow_downcast=None, name=None):
        """Return ``data`` as an ndarray of this type, or raise a clear TypeError.

        Without ``allow_downcast`` only lossless conversions are accepted: a value
        of a narrower dtype is upcast, a Python float may become floatX, and any
        other value is accepted when its conversion keeps every value exactly.
        """
        what = f"input {name}" if name else "value"
        if type(data) is np.ndarray and data.dtype == self.numpy_dtype:
            pass
        elif strict:
            if not isinstance(data, np.ndarray):
                raise TypeError(
                    f"{self} expected an ndarray, got {type(data).__name__} (strict=True)"
                )
            raise TypeError(
                f"{self} expected an ndarray with dtype {self.dtype}, got dtype "
                f"{data.dtype} (strict=True)"
            )
        elif allow_downcast:
            data = np.asarray(data, dtype=self.dtype)
        elif isinstance(data, np.ndarray):
            if data.dtype == self.numpy_dtype:
                data = np.asarray(data)
            elif upcast(self.dtype, data.dtype.name) == self.dtype and _safe(
                data.dtype, self.numpy_dtype
            ):
                data = np.asarray(data, dtype=self.dtype)
            else:
                raise TypeError(
                    f"TensorType({self.dtype}, {self._pattern_str()}) cannot store a value "
                    f"of dtype {data.dtype} without risking loss of precision. If you do "
                    "not mind this loss, you can: 1) explicitly cast your data to "
                    f"{self.dtype}, or 2) set \"allow_input_downcast=True\" when calling "
                    '"theano.function".'
                )
        elif (
            allow_downcast is None
            and type(data) is float
            and self.dtype == config.floatX
        ):
            data = np.asarray(data, dtype=self.dtype)
        else:
            try:
                original = np.asarray(data)
            except Exception as exc:  # ragged lists and the like
                raise TypeError(f"Cannot convert {what} {data!r} to {self}: {exc}") from None
            if original.dtype.kind in "OUSV":
                raise TypeError(
                    f"Cannot convert {what} {data!r} (Python {type(data).__name__}) to "
                    f"TensorType({self.dtype}, {self._pattern_str()})"
                )
            if original.dtype == self.numpy_dtype:
                data = original
            else:
                with np.errstate(all="ignore"):
                    converted = original.astype(self.dtype)
                same = converted.shape == original.shape and bool(
                    np.all((converted == original) | (np.isnan(converted) & np.isnan(original)))
                    if original.dtype.kind in "fc" and converted.dtype.kind in "fc"
                    else np.all(converted == original)
                )
                if not same:
                    raise TypeError(
                        f"TensorType({self.dtype}, {self._pattern_str()}) cannot store "
                        f"accurately value {data!r}, it would be represented as "
                        f"{converted!r}. If you do not mind this precision loss, you can: "
                        f"1) explicitly convert your data to a numpy array of dtype "
                        f"{self.dtype}, or 2) set \"allow_input_downcast=True\" when "
                        'calling "theano.function".'
                    )
                data = converted
        if data.ndim != self.ndim:
            raise TypeError(
                f"Wrong number of dimensions: expected {self.ndim}, got {data.ndim} with "
                f"shape {data.shape}."
            )
        shape = data.shape
        for i, b in enumerate(self.broadcastable):
            if b and shape[i] != 1:
                raise TypeError(
                    "Non-unit value on shape on a broadcastable dimension.",
                    shape,
                    self.broadcastable,
                )
        return data

    def filter_variable(self, other, allow_convert=True):
        if hasattr(other, "_as_TensorVariable"):
            other = other._as_TensorVariable()
        if not hasattr(other, "type"):
            # A value given for a variable of this type (givens, updates) takes this type
            # when that loses nothing.
            return self.Constant(self, self.filter(other))
        if other.type == self:
            return other
        if allow_convert:
            converted = self.convert_variable(other)
            if converted is not None:
                return converted
        raise TypeError(
            f"Cannot convert Type {other.type} (of Variable {other}) into Type {self}. "
            "You can try to manually convert "
            f"{other} into a {self}."
        )

    def convert_variable(self, var):
        """Make ``var`` this type when only its broadcastable pattern is more specific."""
        vt = var.type
        if vt == self:
            return var
        if (
            isinstance(vt, TensorType)
            and vt.dtype == self.dtype
            and vt.ndim == self.ndim
            and all(sb or not vb for sb, vb in zip(self.broadcastable, vt.broadcastable))
        ):
            from theano.tensor.basic import patternbroadcast

            return patternbroadcast(var, self.broadcastable)
        return None

    def is_valid_value(self, data):
        return (
            isinstance(data, np.ndarray)
            and data.dtype == self.numpy_dtype
            and data.ndim == self.ndim
            and all(not b or s == 1 for b, s in zip(self.broadcastable, data.shape))
        )

    def values_eq(self, a, b):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and bool(np.all(a == b))

    def values_eq_approx(self, a, b, allow_remove_inf=False, allow_remove_nan=False,
                         rtol=None, atol=None):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind not in "fc":
            return bool(np.all(a == b))
        if rtol is None:
            rtol = 1e-5 if a.dtype == np.float64 else 1e-3
        if atol is None:
            atol = 1e-8 if a.dtype == np.float64 else 1e-5
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))

    def get_shape_info(self, obj):
        return obj.shape

    def value_zeros(self, shape):
        return np.zeros(shape, dtype=self.dtype)

    @property
    def is_discrete(self):
        return self.dtype in discrete_dtypes

    # Identity and printing -----------------------------------------------------------
    def __eq__(self, other):
        return (
            type(self) is type(other)
            and self.dtype == other.dtype
            and self.broadcastable == other.broadcastable
        )

    def __hash__(self):
        return hash((type(self), self.dtype, self.broadcastable))

    def _pattern_str(self):
        b = self.broadcastable
        if self.ndim in _rank_names and not any(b):
            return _rank_names[self.ndim]
        if b == (True, False):
            return "row"
        if b == (False, True):
            return "col"
        if not any(b):
            return f"{self.ndim}D"
        return str(b)

    def __str__(self):
        if self.name:
            return self.name
        return f"TensorType({self.dtype}, {self._pattern_str()})"

    def __repr__(self):
        return str(self)

    def make_variable(self, name=None):
        from theano.tensor.var import TensorVariable

        var = TensorVariable(self, name=name)
        var.tag.trace = user_frame(2)
        return var

    def __call__(self, name=None, dtype=None):
        if dtype is not None and str(dtype) != self.dtype:
            return TensorType(dtype, self.broadcastable).make_variable(name)
        return self.make_variable(name)


def _safe(src, dst):
    return np.can_cast(src, dst, casting="safe")


def values_eq_approx_remove_nan(a, b):
    return TensorType.values_eq_approx(None, a, b, allow_remove_nan=True)
