"""Random draws from NumPy generators as graph ops: RandomStateType and RandomFunction."""

import copy
import warnings

import numpy as np

from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.graph.type import Type
from theano.scalar.basic import upcast
from theano.tensor.basic import as_tensor_variable, cast, constant, get_vector_length
from theano.tensor.type import TensorType

_GENERATOR_TYPES = (np.random.RandomState, np.random.Generator)


class RandomStateType(Type):
    """Type of a random generator: values are ``numpy.random.RandomState`` objects.

    ``numpy.random.Generator`` objects are accepted too.  Two generators are equal
    values when their internal states are equal (``==`` on generators compares
    identity, which is useless for checking results).
    """

    def filter(self, data, strict=False, allow_downcast=None):
        if isinstance(data, _GENERATOR_TYPES):
            return data
        raise TypeError(
            f"RandomStateType expected a numpy.random.RandomState (or Generator), got "
            f"{type(data).__name__} {data!r}"[:300]
        )

    def is_valid_value(self, data):
        return isinstance(data, _GENERATOR_TYPES)

    def values_eq(self, a, b):
        if type(a) is not type(b):
            return False
        if isinstance(a, np.random.RandomState):
            return _states_equal(a.get_state(legacy=False), b.get_state(legacy=False))
        return _states_equal(a.bit_generator.state, b.bit_generator.state)

    @staticmethod
    def may_share_memory(a, b):
        return a is b

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "RandomStateType"

    __repr__ = __str__


def _states_equal(sa, sb):
    if isinstance(sa, dict):
        return sa.keys() == sb.keys() and all(_states_equal(sa[k], sb[k]) for k in sa)
    if isinstance(sa, np.ndarray) or isinstance(sb, np.ndarray):
        return np.array_equal(sa, sb)
    return sa == sb


random_state_type = RandomStateType()


class RandomFunction(Op):
    """Draw from a random generator: ``(r, size, *args) -> (new_r, sample)``.

    Parameters
    ----------
    fn : str or callable
        The name of a ``numpy.random.RandomState`` method (``'uniform'``,
        ``'normal'``...), called as ``r.fn(*args, size)``, or a function
        ``fn(r, *args, size)``.  ``size`` is None when the ``size`` input is empty
        (the arguments' shapes then decide the sample's shape).
    outtype : TensorType
        Type of the sample.
    inplace : bool
        If False (the default) the op draws from a copy of ``r`` and returns that
        copy as ``new_r``, so the input generator is never modified (a failed call
        leaves every generator as it was).  If True it advances ``r`` itself.
    ndim_added : int
        How many dimensions the sample has beyond ``len(size)`` (1 for
        multinomial and permutation).
    """

    __props__ = ("fn", "outtype", "inplace", "ndim_added")

    def __init__(self, fn, outtype, inplace=False, ndim_added=0):
        if not isinstance(outtype, TensorType):
            raise TypeError(f"RandomFunction: outtype must be a TensorType, got {outtype!r}")
        self.fn = fn
        self.exec_fn = getattr(np.random.RandomState, fn) if isinstance(fn, str) else fn
        self.outtype = outtype
        self.inplace = inplace
        self.ndim_added = ndim_added
        if inplace:
            self.destroy_map = {0: [0]}

    def __str__(self):
        name = self.fn if isinstance(self.fn, str) else self.fn.__name__
        return f"RandomFunction{{{name}}}"

    __repr__ = __str__

    def make_node(self, r, shape, *args):
        """``r``: a RandomStateType variable (or a generator); ``shape``: an int vector."""
        if not isinstance(r, Variable):
            r = Constant(random_state_type, r)
        if not isinstance(r.type, RandomStateType):
            raise TypeError(
                f"{self}: input 0 (the generator) must be a RandomStateType variable, got "
                f"{r} of type {r.type}"
            )
        is_empty = isinstance(shape, (tuple, list)) and len(shape) == 0
        shape = as_tensor_variable(shape, ndim=1)
        if is_empty:
            shape = cast(shape, "int64")
        if shape.dtype not in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"):
            raise TypeError(
                f"{self}: input 1 (size) must be an integer vector, got {shape} of type "
                f"{shape.type}"
            )
        args = [as_tensor_variable(a) for a in args]
        return Apply(self, [r, shape] + args, [r.type(), self.outtype()])

    def infer_shape(self, fgraph, node, shapes):
        size = node.inputs[1]
        unknown = isinstance(size, Constant) and len(size.data) == 0
        if self.ndim_added or unknown:
            # The sample's shape depends on the argument values (numpy decides).
            raise NotImplementedError(f"{self}: sample shape depends on argument values")
        return [None, [size[i] for i in range(node.outputs[1].ndim)]]

    def perform(self, node, inputs, output_storage):
        r, size = inputs[0], inputs[1]
        args = list(inputs[2:])
        if not isinstance(r, _GENERATOR_TYPES):
            raise TypeError(
                f"{self}: the generator value is a {type(r).__name__}, "
                "not a numpy.random.RandomState"
            )
        size = None if len(size) == 0 else tuple(int(s) for s in size)
        ndim = self.outtype.ndim
        if size is not None and ndim != len(size) + self.ndim_added:
            raise ValueError(
                f"{self}: size {size} has {len(size)} entries, but the sample type "
                f"{self.outtype} has {ndim} dimensions (= len(size) + {self.ndim_added} "
                "expected)"
            )
        if not self.inplace:
            r = copy.deepcopy(r)
        if isinstance(self.fn, str):
            value = getattr(r, self.fn)(*args, size)
        else:
            value = self.fn(r, *args, size)
        dtype = node.outputs[1].type.dtype
        if not isinstance(value, np.ndarray) or value.dtype.name != dtype:
            value = np.asarray(value, dtype=dtype)
        if size is None and value.ndim == 0 and ndim > 0:
            value = value.reshape((1,) * ndim)
        if value.ndim != ndim:
            raise ValueError(
                f"{self}: the draw has {value.ndim} dimensions (shape {value.shape}), but "
                f"the sample type {self.outtype} has {ndim}"
            )
        if size is not None and value.shape[: len(size)] != size:
            raise ValueError(
                f"{self}: the draw has shape {value.shape}, expected a shape starting "
                f"with size {size}"
            )
        output_storage[0][0] = r
        output_storage[1][0] = value

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_undefined

        return [
            grad_undefined(self, k, inp, "No gradient defined through raw random numbers op")
            for k, inp in enumerate(inputs)
        ]

    def R_op(self, inputs, eval_points):
        return [None for _ in eval_points]

    def do_constant_folding(self, node):
        return False


# ----------------------------------------------------------------------------------
# Sizes


def _infer_ndim_bcast(ndim, shape, *args):
    """``(ndim, size, broadcastable)`` of a draw from ``shape``/``ndim`` and the args.

    ``shape`` may be a tuple or list mixing ints and symbolic scalars (``-1``
    means "this dimension's length from the arguments"), a symbolic int vector
    such as ``x.shape``, or None (the arguments broadcast together give the shape;
    with no arguments a single scalar is drawn).  ``size`` is returned as an int64
    vector variable (empty when the arguments decide).
    """
    args_ndim = max((a.ndim for a in args), default=0)
    if isinstance(shape, (tuple, list)):
        if ndim is None:
            ndim = len(shape)
        elif len(shape) != ndim:
            raise ValueError(
                f"ndim should be equal to len(shape), but ndim = {ndim}, len(shape) = "
                f"{len(shape)}, shape = {shape}"
            )
        bcast = []
        pieces = []
        for i, s in enumerate(shape):
            if isinstance(s, Variable):
                if s.ndim != 0:
                    raise TypeError(f"size entry {i} ({s}) must be a symbolic scalar, got {s.type}")
                pieces.append(s)
                bcast.append(False)
            elif s == -1:
                pieces.append(_length_from_args(i, ndim, args, bcast))
            elif int(s) >= 0:
                pieces.append(as_tensor_variable(int(s)))
                bcast.append(int(s) == 1)
            else:
                raise ValueError(f"size entry {i} is {s}; sizes must be >= 0 (or -1)")
        if pieces:
            from theano.tensor.join import stack

            v_shape = stack(pieces)
        else:
            v_shape = constant([], dtype="int64")
    elif shape is None:
        if args:
            template = args[0]
            for a in args[1:]:
                template = template + a
            v_shape = template.shape
            bcast = list(template.broadcastable)
            ndim = template.ndim
        else:
            v_shape = constant([], dtype="int64")
            ndim = 0 if ndim is None else ndim
            bcast = [False] * ndim
    else:
        v_shape = as_tensor_variable(shape)
        if v_shape.ndim != 1:
            raise TypeError(f"size must be a vector or a list of scalars, got {v_shape.type}")
        if ndim is None:
            try:
                ndim = get_vector_length(v_shape)
            except ValueError:
                raise ValueError(
                    f"cannot tell the number of dimensions of size {v_shape}: pass ndim="
                ) from None
        bcast = [False] * ndim
    if v_shape.dtype not in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"):
        raise TypeError(f"size must be an integer vector or list, got dtype {v_shape.dtype}")
    if args_ndim > ndim:
        raise ValueError(
            f"ndim should be at least as big as required by args value: ndim = {ndim}, "
            f"but an argument has {args_ndim} dimensions"
        )
    return ndim, cast(v_shape, "int64"), tuple(bcast)


def _length_from_args(i, ndim, args, bcast):
    """The length of dimension ``i`` (of ``ndim``) from the right-aligned args."""
    overlapping = 0
    for a in args:
        if i >= ndim - a.ndim:
            overlapping += 1
            axis = i + a.ndim - ndim
            if not a.broadcastable[axis]:
                bcast.append(False)
                return a.shape[axis]
    if overlapping == 0:
        raise ValueError(
            f"size entry {i} is -1 (take the length from the arguments), but no argument "
            "has that dimension"
        )
    bcast.append(True)
    return as_tensor_variable(1)


def _broadcast_args(size, *arrays, extra=()):
    """``arrays`` broadcast to ``size`` (plus each one's ``extra`` trailing dims)."""
    out = []
    for a, k in zip(arrays, extra or (0,) * len(arrays)):
        a = np.asarray(a)
        core = a.shape[a.ndim - k :] if k else ()
        try:
            out.append(np.broadcast_to(a, tuple(size) + core))
        except ValueError:
            raise ValueError(
                f"an argument of shape {a.shape} does not broadcast to size {tuple(size)}"
            ) from None
    return out


def _common_size(size, *arrays, extra=()):
    if size is not None:
        return tuple(size)
    shapes = [np.shape(a)[: np.ndim(a) - k] for a, k in zip(arrays, extra or (0,) * len(arrays))]
    return np.broadcast_shapes(*shapes)


# ----------------------------------------------------------------------------------
# Distributions: each returns (new_random_state, sample).


def uniform(random_state, size=None, low=0.0, high=1.0, ndim=None, dtype=None):
    """Sample from the uniform distribution on [low, high).

    ``dtype`` defaults to the upcast of floatX and the dtypes of ``low`` and
    ``high``; with ``size=None`` the shape is the broadcast of low and high.
    """
    low = as_tensor_variable(low)
    high = as_tensor_variable(high)
    if dtype is None:
        dtype = upcast(config.floatX, low.dtype, high.dtype)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, low, high)
    op = RandomFunction("uniform", TensorType(dtype, bcast))
    return op(random_state, size, low, high)


def normal(random_state, size=None, avg=0.0, std=1.0, ndim=None, dtype=None):
    """Sample from the normal distribution of mean ``avg`` and standard deviation ``std``.

    ``dtype`` defaults to the upcast of floatX and the dtypes of avg and std.
    """
    avg = as_tensor_variable(avg)
    std = as_tensor_variable(std)
    if dtype is None:
        dtype = upcast(config.floatX, avg.dtype, std.dtype)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, avg, std)
    op = RandomFunction("normal", TensorType(dtype, bcast))
    return op(random_state, size, avg, std)


def binomial(random_state, size=None, n=1, p=0.5, ndim=None, dtype="int64", prob=None):
    """Number of successes in ``n`` trials of probability ``p`` (n and p broadcast).

    ``prob`` is the deprecated name of ``p``.
    """
    if prob is not None:
        warnings.warn(
            "binomial: the parameter prob has been renamed to p", DeprecationWarning, stacklevel=2
        )
        p = prob
    n = as_tensor_variable(n)
    p = as_tensor_variable(p)
    ndim, size, _ = _infer_ndim_bcast(ndim, size, n, p)  # binomial is never broadcastable
    op = RandomFunction("binomial", TensorType(dtype, (False,) * ndim))
    return op(random_state, size, n, p)


def random_integers_helper(random_state, low, high, size):
    """Integers uniform in [low, high] (both inclusive; low and high broadcast)."""
    low = np.asarray(low, dtype="int64")
    high = np.asarray(high, dtype="int64")
    if size is not None:
        for name, a in (("low", low), ("high", high)):
            if a.ndim > len(size):
                raise ValueError(
                    f"{name}.ndim ({a.ndim}) should not be larger than len(size) ({len(size)})"
                )
    out_size = _common_size(size, low, high)
    low, high = _broadcast_args(out_size, low, high)
    if isinstance(random_state, np.random.Generator):
        return random_state.integers(low, high, size=out_size, endpoint=True)
    # One draw per element in C order, as numpy draws for array bounds.
    return random_state.randint(low, high + 1, size=out_size)


def random_integers(random_state, size=None, low=0, high=1, ndim=None, dtype="int64"):
    """Sample integers between ``low`` and ``high``, both inclusive."""
    low = as_tensor_variable(low)
    high = as_tensor_variable(high)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, low, high)
    op = RandomFunction(random_integers_helper, TensorType(dtype, bcast))
    return op(random_state, size, low, high)


def choice_helper(random_state, a, replace, p, size):
    """``random_state.choice(a, size, replace, p)``; an empty ``p`` means uniform."""
    if a.ndim > 1:
        raise ValueError(f"choice: a.ndim ({a.ndim}) must be 0 or 1")
    if p.ndim != 1:
        raise ValueError(f"choice: p.ndim ({p.ndim}) must be 1")
    if p.size == 0:
        p = None
    return random_state.choice(a, size, bool(replace), p)


def choice(random_state, size=None, a=2, replace=True, p=None, ndim=None, dtype="int64"):
    """Choose values from ``a`` (a 1-d array, or an int n meaning ``range(n)``).

    ``replace`` says whether with replacement; ``p`` gives the probabilities
    (uniform if None).  With ``size=None`` a single value is drawn.
    """
    a = as_tensor_variable(a)
    if isinstance(replace, (bool, np.bool_)):
        replace = constant(bool(replace), dtype="int8")
    else:
        replace = as_tensor_variable(replace)
    p = as_tensor_variable([] if p is None else p)  # an empty p means uniform
    ndim, size, bcast = _infer_ndim_bcast(ndim, size)
    op = RandomFunction(choice_helper, TensorType(dtype, bcast))
    return op(random_state, size, a, replace, p)


def poisson(random_state, size=None, lam=1.0, ndim=None, dtype="int64"):
    """Sample from the Poisson distribution of expectation ``lam`` (>= 0).

    With ``size=None`` the shape is the shape of ``lam``.
    """
    lam = as_tensor_variable(lam)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, lam)
    op = RandomFunction("poisson", TensorType(dtype, bcast))
    return op(random_state, size, lam)


def permutation_helper(random_state, n, shape):
    """Permutations of ``range(n)``, one per index of ``shape``: shape ``shape + (n,)``."""
    n = np.asarray(n)
    if n.ndim != 0:
        raise ValueError(f"permutation: n must be a scalar, got shape {n.shape}")
    n = int(n)
    shape = () if shape is None else tuple(shape)
    out = np.empty(shape + (n,), dtype="int64")
    for i in np.ndindex(*shape):
        out[i] = random_state.permutation(n)
    return out


def permutation(random_state, size=None, n=1, ndim=None, dtype="int64"):
    """Permutations of the integers 0..n-1, as many as ``size`` says.

    The sample has one more dimension than ``size``: ``size=(p, q)`` gives shape
    ``(p, q, n)``; ``size=None`` gives one permutation (a vector).
    """
    if size is None or (isinstance(size, (tuple, list)) and len(size) == 0):
        if ndim not in (None, 1):
            raise TypeError(
                "permutation: you asked for just one permutation but for more than 1 "
                f"dimensions (ndim={ndim})"
            )
        size = ()
        bcast = ()
    else:
        ndim, size, bcast = _infer_ndim_bcast(ndim, size)
    op = RandomFunction(permutation_helper, TensorType(dtype, bcast + (False,)), ndim_added=1)
    return op(random_state, size, n)


def multinomial_helper(random_state, n, pvals, size):
    """Multinomial counts for each row of ``pvals`` (n and the rows broadcast)."""
    n = np.asarray(n)
    pvals = np.asarray(pvals)
    if pvals.ndim == 0:
        raise ValueError("multinomial: pvals must have at least one dimension")
    if size is not None:
        if n.ndim > len(size):
            raise ValueError(
                f"multinomial: n.ndim ({n.ndim}) should not be larger than len(size) ({len(size)})"
            )
        if pvals.ndim - 1 > len(size):
            raise ValueError(
                f"multinomial: pvals.ndim-1 ({pvals.ndim - 1}) should not be larger than "
                f"len(size) ({len(size)})"
            )
    if pvals.size and pvals.min() < 0:
        raise ValueError("multinomial: pvals must be non-negative")
    out_size = _common_size(size, n, pvals, extra=(0, 1))
    n_b, p_b = _broadcast_args(out_size, n, pvals, extra=(0, 1))
    out = np.empty(out_size + (pvals.shape[-1],), dtype="int64")
    if n.size == 1 and pvals.ndim == 1:
        # A single distribution: numpy draws the rows in order, as the loop would.
        out[...] = random_state.multinomial(int(n.reshape(())), _fix_pvals(pvals), out_size)
        return out
    for i in np.ndindex(*out_size):
        out[i] = random_state.multinomial(int(n_b[i]), _fix_pvals(p_b[i]))
    return out


def _fix_pvals(pvi):
    # numpy refuses sum(pvals[:-1]) > 1; shrink rows that overshoot by rounding,
    # and rows whose last entry is tiny (so it gets its share), as Theano 1.0 did.
    total = np.sum(pvi)
    if 1.0 < total < 1.0 + 1e-5 or pvi[-1] < 5e-5:
        pvi = pvi * (1.0 - 5e-5)
        total = np.sum(pvi)
    if total > 1.0:
        raise ValueError(f"multinomial: the probabilities sum to {total} > 1: {pvi}")
    return pvi.astype("float64")


def multinomial(random_state, size=None, n=1, pvals=(0.5, 0.5), ndim=None, dtype="int64"):
    """Counts of ``n`` draws from the distributions in the last axis of ``pvals``.

    The sample has one more dimension than ``size``, of length ``pvals.shape[-1]``;
    ``size=None`` takes the broadcast of n and ``pvals``' leading dimensions.  Each
    sample row sums to its ``n``.
    """
    n = as_tensor_variable(n)
    pvals = as_tensor_variable(list(pvals) if isinstance(pvals, tuple) else pvals)
    if pvals.ndim == 0:
        raise TypeError("multinomial: pvals must be a vector (or a tensor of vectors)")
    leading = pvals.T[0].T  # pvals[..., 0]: the shape of the distributions' batch
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, n, leading)
    bcast = bcast + (pvals.type.broadcastable[-1],)
    op = RandomFunction(multinomial_helper, TensorType(dtype, bcast), ndim_added=1)
    return op(random_state, size, n, pvals)


# ----------------------------------------------------------------------------------
# The method interface shared by the stream classes.


class RandomStreamsBase:
    """Draw methods of RandomStreams; subclasses define ``gen(op, *args, **kwargs)``."""

    def binomial(self, size=None, n=1, p=0.5, ndim=None, dtype="int64", prob=None):
        """Number of successes in ``n`` trials of probability ``p`` (see raw_random.binomial)."""
        if prob is not None:
            warnings.warn(
                "binomial: the parameter prob has been renamed to p",
                DeprecationWarning,
                stacklevel=2,
            )
            p = prob
        return self.gen(binomial, size, n, p, ndim=ndim, dtype=dtype)

    def uniform(self, size=None, low=0.0, high=1.0, ndim=None, dtype=None):
        """Uniform samples in [low, high) (see raw_random.uniform)."""
        return self.gen(uniform, size, low, high, ndim=ndim, dtype=dtype)

    def normal(self, size=None, avg=0.0, std=1.0, ndim=None, dtype=None):
        """Normal samples of mean ``avg`` and standard deviation ``std``."""
        return self.gen(normal, size, avg, std, ndim=ndim, dtype=dtype)

    def random_integers(self, size=None, low=0, high=1, ndim=None, dtype="int64"):
        """Integers between ``low`` and ``high``, both inclusive."""
        return self.gen(random_integers, size, low, high, ndim=ndim, dtype=dtype)

    def choice(self, size=None, a=2, replace=True, p=None, ndim=None, dtype="int64"):
        """Values chosen from ``a`` (an array, or an int n for range(n))."""
        return self.gen(choice, size, a, replace, p, ndim=ndim, dtype=dtype)

    def poisson(self, size=None, lam=None, ndim=None, dtype="int64"):
        """Poisson samples of expectation ``lam``."""
        if lam is None:
            raise TypeError("poisson: lam (the expectation) is required")
        return self.gen(poisson, size, lam, ndim=ndim, dtype=dtype)

    def permutation(self, size=None, n=1, ndim=None, dtype="int64"):
        """Permutations of range(n); the sample has shape ``size + (n,)``."""
        return self.gen(permutation, size, n, ndim=ndim, dtype=dtype)

    def multinomial(self, size=None, n=1, pvals=(0.5, 0.5), ndim=None, dtype="int64"):
        """Multinomial counts; the sample has shape ``size + (len(pvals),)``."""
        return self.gen(multinomial, size, n, pvals, ndim=ndim, dtype=dtype)

    def shuffle_row_elements(self, input):
        """``input`` with the elements of each row (last axis) shuffled independently.

        The permutations used are the ``.permutation`` attribute of the result.
        """
        from theano.tensor import permute_row_elements

        perm = self.permutation(size=input.shape[:-1], n=input.shape[-1], ndim=input.ndim - 1)
        shuffled = permute_row_elements(input, perm)
        shuffled.permutation = perm
        return shuffled


def random_make_inplace(node):
    """The in-place twin of a RandomFunction node's op (for an in-place rewrite pass)."""
    op = node.op
    if isinstance(op, RandomFunction) and not op.inplace:
        new_op = RandomFunction(op.fn, op.outtype, inplace=True, ndim_added=op.ndim_added)
        return new_op.make_node(*node.inputs).outputs
    return False
