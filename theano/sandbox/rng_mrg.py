"""MRG_RandomStreams: L'Ecuyer's MRG31k3p generator with many parallel substreams.

MRG31k3p (L'Ecuyer and Touzin, 2000) combines two order-3 recurrences, modulo
M1 = 2**31 - 1 and M2 = 2**31 - 21069.  A state is 6 int32 numbers; a stream's
state matrix has one row per substream, the rows spaced 2**72 steps apart, and
each new stream starts 2**134 steps after the previous one.  Sample ``i`` of a
draw comes from substream ``i % nstreams``.  The draws are Theano 1.0's numbers
for the same seed: exactly in float64, and in float32 those of Theano's C code
(its default with a C++ compiler; its pure-Python fallback rounds differently in
about a quarter of the float32 samples).  The update is vectorised over the
substreams in NumPy.
"""

import warnings

import numpy as np

from theano import tensor
from theano.compile.sharedvalue import shared
from theano.configparser import config
from theano.gradient import ViewOp, grad_undefined
from theano.graph.basic import Apply, Constant, Variable
from theano.graph.op import Op
from theano.sandbox import multinomial
from theano.scalar.basic import Cast, upcast
from theano.tensor.basic import (
    NotScalarConstantError,
    as_tensor_variable,
    cast,
    get_scalar_constant_value,
    get_vector_length,
)
from theano.tensor.elemwise import Elemwise
from theano.tensor.join import MakeVector
from theano.tensor.type import TensorType

# Generator constants
M1 = 2147483647  # 2**31 - 1
M2 = 2147462579  # 2**31 - 21069
MASK12 = 511  # 2**9 - 1
MASK13 = 16777215  # 2**24 - 1
MASK2 = 65535  # 2**16 - 1
MULT2 = 21069
NORM = 4.656612873077392578125e-10  # 1 / 2**31

# One step of each component as a matrix on (x_n, x_n-1, x_n-2):
# x1 <- 2**22 x1[n-1] + (2**7 + 1) x1[n-2]  (mod M1);  x2 <- 2**15 x2[n] + (2**15 + 1) x2[n-2]
_A1 = ((0, 4194304, 129), (1, 0, 0), (0, 1, 0))
_A2 = ((32768, 0, 32769), (1, 0, 0), (0, 1, 0))


def _matmul_mod(a, b, m):
    """Product of two 3x3 matrices of Python ints, modulo ``m`` (exact)."""
    return tuple(
        tuple(sum(a[i][k] * b[k][j] for k in range(3)) % m for j in range(3)) for i in range(3)
    )


def _matpow2(a, k, m):
    """``a ** (2 ** k)`` modulo ``m``, by squaring ``k`` times."""
    for _ in range(k):
        a = _matmul_mod(a, a, m)
    return a


# Jumps: 2**72 steps (between substreams) and 2**134 steps (between streams).
A1p72 = np.asarray(_matpow2(_A1, 72, M1), dtype="int64")
A2p72 = np.asarray(_matpow2(_A2, 72, M2), dtype="int64")
A1p134 = np.asarray(_matpow2(_A1, 134, M1), dtype="int64")
A2p134 = np.asarray(_matpow2(_A2, 134, M2), dtype="int64")


def matVecModM(A, s, m):
    """``A @ s`` modulo ``m`` for a 3x3 int64 matrix and a vector of 3 (as int32)."""
    terms = (np.asarray(A, dtype="int64") * np.asarray(s, dtype="int64")) % m
    return (terms.sum(axis=1) % m).astype("int32")


def multMatVect(v, A, m1, B, m2):
    """The 6-state ``v`` with its first half multiplied by A (mod m1), second by B (mod m2)."""
    return np.concatenate((matVecModM(A, v[:3], m1), matVecModM(B, v[3:], m2)))


def ff_2p134(rstate):
    """``rstate`` advanced by 2**134 steps (the start of the next stream)."""
    return multMatVect(rstate, A1p134, M1, A2p134, M2)


def ff_2p72(rstate):
    """``rstate`` advanced by 2**72 steps (the start of the next substream)."""
    return multMatVect(rstate, A1p72, M1, A2p72, M2)


def _jump_rows(rows, A, m):
    """Each row of ``rows`` (k x 3, int64) multiplied by ``A`` modulo ``m``."""
    out = np.zeros_like(rows)
    for i in range(3):
        acc = np.zeros(rows.shape[0], dtype="int64")
        for j in range(3):
            acc += (A[i][j] * rows[:, j]) % m  # each product < 2**62
        out[:, i] = acc % m
    return out


def _substream_states(rstate, n_streams):
    """``n_streams`` states, row i being ``rstate`` advanced by ``i * 2**72`` steps."""
    states = np.zeros((n_streams, 6), dtype="int64")
    states[0] = rstate
    jump1 = [[int(a) for a in row] for row in A1p72]
    jump2 = [[int(a) for a in row] for row in A2p72]
    filled = 1
    while filled < n_streams:
        # rows [filled, 2 * filled) are rows [0, filled) advanced by filled * 2**72 steps
        k = min(filled, n_streams - filled)
        states[filled : filled + k, :3] = _jump_rows(states[:k, :3], jump1, M1)
        states[filled : filled + k, 3:] = _jump_rows(states[:k, 3:], jump2, M2)
        filled += k
        jump1 = _matmul_mod(jump1, jump1, M1)
        jump2 = _matmul_mod(jump2, jump2, M2)
    return states.astype("int32")


_U = np.uint64


def _reduce(y, m, tmp):
    # y - m where y >= m (y < 2 m): in unsigned arithmetic y - m wraps to a huge
    # value when y < m, so the minimum picks the right one without a branch.
    np.subtract(y, m, out=tmp)
    np.minimum(y, tmp, out=y)


def _mrg_draw(rstate, n_elements):
    """``(new_rstate, ints)``: ``n_elements`` raw outputs in [1, M1] from the substreams.

    Sample ``i`` comes from substream ``i % n_streams``; each pass advances (up to)
    all substreams by one step, vectorised.  The arithmetic is that of the int32
    recurrence (each sum is reduced by one conditional subtraction), done in
    uint64 so nothing overflows.
    """
    n_streams = rstate.shape[0]
    k = min(n_streams, n_elements)
    if k == 0:
        return np.array(rstate, dtype="int32"), np.empty(0, dtype=np.int64)
    x11, x12, x13, x21, x22, x23 = (np.array(rstate[:k, j], dtype=_U) for j in range(6))
    out = np.empty(n_elements, dtype=np.int64)
    buffers = [np.empty(k, dtype=_U) for _ in range(4)]
    m1, m2 = _U(M1), _U(M2)
    for start in range(0, n_elements, k):
        m = min(k, n_elements - start)
        a, t, y1, y2 = (buf[:m] for buf in buffers)
        v11, v12, v13, v21, v22, v23 = x11[:m], x12[:m], x13[:m], x21[:m], x22[:m], x23[:m]
        # first component: y1 = 2**22 x12 + (2**7 + 1) x13 (mod M1), by 31-bit rotations
        np.bitwise_and(v12, _U(MASK12), out=y1)
        np.left_shift(y1, _U(22), out=y1)
        np.right_shift(v12, _U(9), out=a)
        y1 += a
        np.bitwise_and(v13, _U(MASK13), out=a)
        np.left_shift(a, _U(7), out=a)
        y1 += a
        np.right_shift(v13, _U(24), out=a)
        y1 += a
        _reduce(y1, m1, a)
        y1 += v13
        _reduce(y1, m1, a)
        # second component: y2 = 2**15 x21 + (2**15 + 1) x23 (mod M2); 2**31 = 21069 (mod M2)
        np.bitwise_and(v21, _U(MASK2), out=t)
        np.left_shift(t, _U(15), out=t)
        np.right_shift(v21, _U(16), out=a)
        a *= _U(MULT2)
        t += a
        _reduce(t, m2, a)
        np.bitwise_and(v23, _U(MASK2), out=y2)
        np.left_shift(y2, _U(15), out=y2)
        np.right_shift(v23, _U(16), out=a)
        a *= _U(MULT2)
        y2 += a
        _reduce(y2, m2, a)
        y2 += v23
        _reduce(y2, m2, a)
        y2 += t
        _reduce(y2, m2, a)
        v13[...] = v12
        v12[...] = v11
        v11[...] = y1
        v23[...] = v22
        v22[...] = v21
        v21[...] = y2
        # output: y1 - y2, plus M1 when y1 <= y2
        o = out[start : start + m]
        np.subtract(y1, y2, out=o.view(_U))
        o += (o <= 0) * M1
    new_state = np.array(rstate, dtype="int32")
    new_state[:k] = np.stack([x11, x12, x13, x21, x22, x23], axis=1)
    return new_state, out


def _ints_to_uniform(ints, dtype):
    """Raw outputs in [1, M1] as uniforms in (0, 1) of ``dtype``."""
    if dtype == "float64":
        return ints * NORM
    if dtype == "float32":
        # Theano's C code: int -> float, times 4.6566126e-10f, in single precision.
        return ints.astype("float32") * np.float32(4.6566126e-10)
    if dtype == "float16":
        # 15 bits, shifted by one so that 0 never occurs
        return (((ints & 0x7FFF) + 1) * float(np.float16(3.0458e-05))).astype("float16")
    raise TypeError(f"mrg_uniform: unsupported dtype {dtype}")


class mrg_uniform_base(Op):
    """Base of the MRG uniform ops: ``(rstate, size) -> (new_rstate, sample)``."""

    __props__ = ("output_type", "inplace")

    def __init__(self, output_type, inplace=False):
        self.output_type = output_type
        self.inplace = inplace
        if inplace:
            self.destroy_map = {0: [0]}

    def __str__(self):
        return (
            f"{type(self).__name__}{{{self.output_type},"
            f"{'inplace' if self.inplace else 'no_inplace'}}}"
        )

    __repr__ = __str__

    def grad(self, inputs, output_grads):
        return [
            grad_undefined(self, k, inp, "No gradient defined through random sampling op")
            for k, inp in enumerate(inputs)
        ]

    def R_op(self, inputs, eval_points):
        return [None for _ in eval_points]

    def do_constant_folding(self, node):
        return False


class mrg_uniform(mrg_uniform_base):
    """Uniform samples in (0, 1) from an MRG31k3p state matrix (int32, n_streams x 6)."""

    def make_node(self, rstate, size):
        rstate = as_tensor_variable(rstate)
        size = as_tensor_variable(size)
        if rstate.type.dtype != "int32" or rstate.ndim != 2:
            raise TypeError(
                f"{self}: rstate (input 0) must be an int32 matrix (n_streams x 6), got "
                f"{rstate.type}"
            )
        if size.ndim != 1 or size.dtype not in ("int8", "int16", "int32", "int64"):
            raise TypeError(f"{self}: size (input 1) must be an int vector, got {size.type}")
        bcast = tuple(_constant_entry(size, i) == 1 for i in range(self.output_type.ndim))
        out = self.output_type.clone(broadcastable=bcast)()
        return Apply(self, [rstate, size], [rstate.type(), out])

    @classmethod
    def new(cls, rstate, ndim, dtype, size):
        """The sample variable of a draw of ``size`` (an int vector) from ``rstate``."""
        v_size = as_tensor_variable(size)
        if ndim is None:
            ndim = get_vector_length(v_size)
        op = cls(TensorType(dtype, (False,) * ndim))
        return op(rstate, v_size)

    def infer_shape(self, fgraph, node, shapes):
        size = node.inputs[1]
        return [shapes[0], [size[i] for i in range(node.outputs[1].ndim)]]

    def perform(self, node, inputs, output_storage):
        rstate, size = inputs
        size = tuple(int(s) for s in size)
        if len(size) != self.output_type.ndim:
            raise ValueError(
                f"{self}: size {size} has {len(size)} entries, expected {self.output_type.ndim}"
            )
        n_elements = 1
        for s in size:
            n_elements *= s
        if n_elements > M1:
            raise ValueError("rng_mrg does not support more then (2**31 -1) samples")
        rstate = np.asarray(rstate)
        if rstate.ndim != 2 or rstate.shape[1] != 6:
            raise ValueError(f"{self}: rstate must have shape (n_streams, 6), got {rstate.shape}")
        new_state, ints = _mrg_draw(rstate, n_elements)
        if self.inplace:
            rstate[...] = new_state
            new_state = rstate
        sample = _ints_to_uniform(ints, self.output_type.dtype)
        output_storage[0][0] = new_state
        output_storage[1][0] = sample.reshape(size)


def _constant_entry(size, i):
    """Entry ``i`` of the int vector ``size`` when it is known at build time, else None."""
    if isinstance(size, Constant):
        return int(size.data[i])
    owner = size.owner
    if owner is None:
        return None
    if isinstance(owner.op, MakeVector):
        try:
            return int(get_scalar_constant_value(owner.inputs[i]))
        except NotScalarConstantError:
            return None
    if isinstance(owner.op, Elemwise) and isinstance(owner.op.scalar_op, Cast):
        return _constant_entry(owner.inputs[0], i)
    return None


def guess_n_streams(size, warn=False):
    """A good number of substreams for a draw of ``size``.

    With a size of plain ints: the number of samples divided by 6 (when above 6),
    at most 60 * 256; otherwise 60 * 256 (with a warning if ``warn``).
    """
    if isinstance(size, (tuple, list)) and all(isinstance(i, int) for i in size):
        r = 1
        for s in size:
            r *= s
        if r > 6:
            r = r // 6
        return min(r, 60 * 256)
    if warn:
        warnings.warn(
            f"MRG_RandomStreams Can't determine #streams from size ({size}), guessing 60*256",
            stacklevel=3,
        )
    return 60 * 256


class UndefinedGrad(ViewOp):
    """Identity whose gradient is undefined (asking for it raises)."""

    def L_op(self, inputs, outputs, output_grads):
        return [grad_undefined(self, 0, inputs[0], "The gradient through undefined_grad")]

    def R_op(self, inputs, eval_points):
        return [None]


def undefined_grad(x):
    """``x`` in the forward pass; asking for a gradient through it raises."""
    return UndefinedGrad()(x)


class MRG_RandomStreams:
    """Symbolic random draws from MRG31k3p, each draw with its own substreams.

    Parameters
    ----------
    seed : int or list of 6 ints
        An int ``s`` (0 < s < 2147462579) means ``[s] * 6``.  With 6 ints, the
        first 3 must be < 2147483647 and not all 0, the last 3 < 2147462579 and
        not all 0.

    Each draw method makes a shared int32 state matrix (``out.rstate`` on the
    uniform sample, first member of ``out.update``) whose ``default_update``
    advances it, so every compiled function call gives new numbers.

    Examples
    --------
    >>> import theano
    >>> srng = MRG_RandomStreams(seed=12345)
    >>> f = theano.function([], srng.uniform((2,)))
    >>> f()
    array([0.73532445, 0.25856858])
    """

    def __init__(self, seed=12345):
        # (state shared variable, its update, size, nstreams) for every draw
        self.state_updates = []
        self.default_instance_seed = seed
        self.set_rstate(seed)

    def updates(self):
        """A copy of the (state, new state, size, nstreams) list of every draw."""
        return list(self.state_updates)

    def set_rstate(self, seed):
        """Make ``seed`` (an int or 6 ints) the start of the next stream."""
        if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            seed = int(seed)
            if seed == 0:
                raise ValueError("seed should not be 0", seed)
            if seed >= M2:
                raise ValueError(f"seed should be less than {M2}", seed)
            if seed < 0:
                raise ValueError("seed should be positive", seed)
            self.rstate = np.asarray([seed] * 6, dtype="int32")
            return
        if not hasattr(seed, "__len__") or len(seed) != 6:
            raise TypeError(f"seed should be 1 integer or 6 integers, got {seed!r}")
        seed = [int(s) for s in seed]
        if seed[0] == 0 and seed[1] == 0 and seed[2] == 0:
            raise ValueError("The first 3 values of seed should not be all 0", seed)
        if seed[3] == 0 and seed[4] == 0 and seed[5] == 0:
            raise ValueError("The last 3 values of seed should not be all 0", seed)
        if any(s >= M1 for s in seed[:3]):
            raise ValueError(f"The first 3 values of seed should be less than {M1}", seed)
        if any(s >= M2 for s in seed[3:]):
            raise ValueError(f"The last 3 values of seed should be less than {M2}", seed)
        if any(s < 0 for s in seed):
            raise ValueError("The values of seed should be non-negative", seed)
        self.rstate = np.asarray(seed, dtype="int32")

    def seed(self, seed=None):
        """Restart from ``seed`` (default: the constructor's) and reseed every draw made."""
        if seed is None:
            seed = self.default_instance_seed
        self.set_rstate(seed)
        for old_r, new_r, size, nstreams in self.state_updates:
            if nstreams is None:
                nstreams = self.n_streams(size)
            rstates = self.get_substream_rstates(nstreams, new_r.owner.outputs[1].dtype)
            old_r.set_value(rstates, borrow=True)

    def inc_rstate(self):
        """Move ``rstate`` 2**134 steps forward, to the start of the next stream."""
        self.rstate = ff_2p134(self.rstate)

    def get_substream_rstates(self, n_streams, dtype, inc_rstate=True):
        """An (n_streams, 6) int32 matrix of substream states spaced 2**72 steps apart."""
        n_streams = int(n_streams)
        if n_streams <= 0:
            raise ValueError(f"n_streams must be positive, got {n_streams}")
        rval = _substream_states(self.rstate, n_streams)
        if inc_rstate:
            self.inc_rstate()
        return rval

    def n_streams(self, size):
        return guess_n_streams(size)

    def pretty_return(self, node_rstate, new_rstate, sample, size, nstreams):
        sample.rstate = node_rstate
        sample.update = (node_rstate, new_rstate)
        self.state_updates.append((node_rstate, new_rstate, size, nstreams))
        node_rstate.default_update = new_rstate
        return sample

    def uniform(self, size, low=0.0, high=1.0, ndim=None, dtype=None, nstreams=None, **kwargs):
        """Uniform samples in the open interval (low, high).

        Parameters
        ----------
        size : tuple of ints or int scalars, or an int vector variable (e.g. ``x.shape``)
        low, high : bounds (cast to ``dtype``); gradients through them are undefined
        ndim : int, needed when ``size`` is a vector of unknown length
        dtype : default the upcast of floatX, low and high
        nstreams : number of substreams (default: guessed from size)
        """
        low = as_tensor_variable(low)
        high = as_tensor_variable(high)
        if dtype is None:
            dtype = upcast(config.floatX, low.dtype, high.dtype)
        low = undefined_grad(cast(low, dtype))
        high = undefined_grad(cast(high, dtype))
        if isinstance(size, list):
            size = tuple(size)
        if isinstance(size, tuple):
            for i in size:
                if not isinstance(i, (int, np.integer, Variable)) or isinstance(i, bool):
                    raise TypeError(
                        f"size must be a tuple of int or a Theano variable, got {size!r}"
                    )
            if any(isinstance(i, (int, np.integer)) and i <= 0 for i in size):
                raise ValueError("The specified size contains a dimension with value <= 0", size)
        elif not (isinstance(size, Variable) and size.ndim == 1):
            raise TypeError(
                f"size must be a tuple of int or a Theano Variable with 1 dimension, got "
                f"{size} of type {type(size)}"
            )
        orig_nstreams = nstreams
        if nstreams is None:
            nstreams = self.n_streams(size)
        rstates = self.get_substream_rstates(nstreams, dtype)
        if kwargs:
            raise TypeError(f"uniform() got unexpected keyword arguments {list(kwargs)}")
        node_rstate = shared(rstates, borrow=True)
        node_rstate.tag.is_rng = True
        new_rstate, u = mrg_uniform.new(node_rstate, ndim, dtype, size)
        u = self.pretty_return(node_rstate, new_rstate, u, size=size, nstreams=orig_nstreams)
        r = u * (high - low) + low
        if u.type.broadcastable != r.type.broadcastable:
            raise NotImplementedError(
                "Increase the size to match the broadcasting pattern of `low` and `high` arguments"
            )
        return r

    def binomial(self, size=None, n=1, p=0.5, ndim=None, dtype="int64", nstreams=None, **kwargs):
        """0/1 samples, 1 with probability ``p`` (only ``n=1`` is supported).

        Computed as ``cast(uniform(size) < p, dtype)``; ``p`` may be a tensor.
        """
        if isinstance(n, Variable) or n != 1:
            raise NotImplementedError("MRG_RandomStreams.binomial with n > 1")
        p = undefined_grad(as_tensor_variable(p))
        x = self.uniform(size=size, ndim=ndim, nstreams=nstreams, **kwargs)
        return cast(x < p, dtype)

    def multinomial(
        self, size=None, n=1, pvals=None, ndim=None, dtype="int64", nstreams=None, **kwargs
    ):
        """One draw of ``n`` samples per row of the matrix ``pvals`` (counts per outcome).

        ``size`` and ``ndim`` must be None (the shape is that of ``pvals``).
        """
        if pvals is None:
            raise TypeError("You have to specify pvals")
        pvals = undefined_grad(as_tensor_variable(pvals))
        if size is not None:
            raise ValueError(
                "Provided a size argument to MRG_RandomStreams.multinomial, which does not "
                "use the size argument."
            )
        if ndim is not None:
            raise ValueError(
                "Provided an ndim argument to MRG_RandomStreams.multinomial, which does not "
                "use the ndim argument."
            )
        if pvals.ndim != 2:
            raise NotImplementedError(
                "MRG_RandomStreams.multinomial only implemented for pvals.ndim = 2"
            )
        size = pvals[:, 0].shape * n
        unis = self.uniform(size=size, ndim=1, nstreams=nstreams, **kwargs)
        op = multinomial.MultinomialFromUniform(dtype)
        return op(pvals, unis, as_tensor_variable(n))

    def choice(
        self,
        size=1,
        a=None,
        replace=True,
        p=None,
        ndim=None,
        dtype="int64",
        nstreams=None,
        **kwargs,
    ):
        """``size`` distinct indices per row of the matrix ``p``, drawn without replacement.

        Only ``replace=False`` and ``a=None`` are supported; the result has shape
        ``(p.shape[0], size)``.
        """
        if replace:
            raise NotImplementedError(
                "MRG_RandomStreams.choice only works without replacement for now."
            )
        if a is not None:
            raise TypeError(
                "For now, a has to be None in MRG_RandomStreams.choice. Sampled values are "
                "between 0 and p.shape[1]-1"
            )
        if p is None:
            raise TypeError("For now, p has to be specified in MRG_RandomStreams.choice.")
        p = undefined_grad(as_tensor_variable(p))
        if ndim is not None:
            raise ValueError("ndim argument to MRG_RandomStreams.choice is not used.")
        if p.ndim != 2:
            raise NotImplementedError("MRG_RandomStreams.choice is only implemented for p.ndim = 2")
        shape = p[:, 0].shape * size
        unis = self.uniform(size=shape, ndim=1, nstreams=nstreams, **kwargs)
        op = multinomial.ChoiceFromUniform(odtype=dtype)
        return op(p, unis, as_tensor_variable(size))

    def multinomial_wo_replacement(
        self, size=None, n=1, pvals=None, ndim=None, dtype="int64", nstreams=None, **kwargs
    ):
        """Deprecated: ``choice(size=n, a=None, replace=False, p=pvals)``."""
        warnings.warn(
            "MRG_RandomStreams.multinomial_wo_replacement() is deprecated; use "
            "MRG_RandomStreams.choice() instead.",
            stacklevel=2,
        )
        if size is not None:
            raise ValueError("multinomial_wo_replacement: size must be None")
        return self.choice(
            size=n,
            a=None,
            replace=False,
            p=pvals,
            dtype=dtype,
            nstreams=nstreams,
            ndim=ndim,
            **kwargs,
        )

    def normal(
        self, size, avg=0.0, std=1.0, ndim=None, dtype=None, nstreams=None, truncate=False, **kwargs
    ):
        """Normal samples by the Box-Muller transform of uniform samples.

        Parameters
        ----------
        size : int, tuple of ints or int scalars, or an int vector variable
        avg, std : mean and standard deviation (gradients through them undefined)
        ndim : int, needed when ``size`` is a vector of unknown length
        dtype : default the upcast of floatX, avg and std
        truncate : bool
            Keep only values within 2 standard deviations (redrawing the others),
            so the realised standard deviation is smaller than ``std``.
        """
        size = _check_size(size)
        avg = undefined_grad(as_tensor_variable(avg))
        std = undefined_grad(as_tensor_variable(std))
        if dtype is None:
            dtype = upcast(config.floatX, avg.dtype, std.dtype)
        avg = cast(avg, dtype)
        std = cast(std, dtype)

        # an even number of uniforms: half give radii, half angles
        n_odd_samples = tensor.prod(size, dtype="int64")
        n_even_samples = n_odd_samples + n_odd_samples % 2
        uniform = self.uniform(
            (n_even_samples,), low=0.0, high=1.0, ndim=1, dtype=dtype, nstreams=nstreams, **kwargs
        )
        u1 = uniform[: n_even_samples // 2]
        u2 = uniform[n_even_samples // 2 :]
        r = tensor.sqrt(-2.0 * tensor.log(u1))
        theta = np.array(2.0 * np.pi, dtype=dtype) * u2
        cos_theta = tensor.cos(theta)
        sin_theta = tensor.sin(theta)
        z0 = r * cos_theta
        z1 = r * sin_theta

        if truncate:
            # Redraw the radius of samples outside [-2, 2] from u in [e**-2, 1),
            # so that r <= 2 and the sample stays inside, keeping its angle.
            to_fix0 = (z0 < -2.0) | (z0 > 2.0)
            to_fix1 = (z1 < -2.0) | (z1 > 2.0)
            z0_valid = z0[tensor.nonzero(~to_fix0)]
            z1_valid = z1[tensor.nonzero(~to_fix1)]
            to_fix0 = tensor.nonzero(to_fix0)[0]
            to_fix1 = tensor.nonzero(to_fix1)[0]
            n_fix_samples = to_fix0.size + to_fix1.size
            lower = tensor.constant(1.0 / np.e**2, dtype=dtype)
            u_fix = self.uniform(
                (n_fix_samples,),
                low=lower,
                high=1.0,
                ndim=1,
                dtype=dtype,
                nstreams=nstreams,
                **kwargs,
            )
            r_fix = tensor.sqrt(-2.0 * tensor.log(u_fix))
            z0_fixed = r_fix[: to_fix0.size] * cos_theta[to_fix0]
            z1_fixed = r_fix[to_fix0.size :] * sin_theta[to_fix1]
            norm_samples = tensor.join(0, z0_valid, z0_fixed, z1_valid, z1_fixed)
        else:
            norm_samples = tensor.join(0, z0, z1)
        samples = norm_samples[:n_odd_samples]
        samples = tensor.reshape(samples, size, ndim=ndim)
        samples = samples * std
        samples = samples + avg
        return samples

    def truncated_normal(
        self, size, avg=0.0, std=1.0, ndim=None, dtype=None, nstreams=None, **kwargs
    ):
        """Normal samples truncated to 2 standard deviations, rescaled to have std ``std``."""
        # std of the standard normal truncated to [-2, 2]
        std = std / tensor.constant(0.87962566103423978)
        return self.normal(
            size=size,
            avg=avg,
            std=std,
            truncate=True,
            ndim=ndim,
            dtype=dtype,
            nstreams=nstreams,
            **kwargs,
        )


def _check_size(size):
    """``size`` (an int, a tuple/list of ints or int scalars, or a vector) as an int vector."""
    if isinstance(size, Variable):
        if size.ndim == 1:
            return size
        if size.ndim == 0:
            return tensor.stack([size])
        raise ValueError(f"Theano variable must have 1 dimension to be a valid size, got {size}")
    if isinstance(size, (int, np.integer)) and not isinstance(size, bool):
        return tensor.constant([int(size)], dtype="int64")
    if not isinstance(size, (tuple, list)):
        raise ValueError(  # noqa: TRY004  (Theano 1.0 raised ValueError)
            f"Size must be a int, tuple, list or Theano variable, got {size!r}"
        )
    for i in size:
        if isinstance(i, Variable):
            if i.ndim != 0:
                raise ValueError(f"Non-scalar Theano variable {i} in size {size}")
        elif isinstance(i, (int, np.integer)) and not isinstance(i, bool):
            if i <= 0:
                raise ValueError(f"Non-positive dimensions not allowed in size {size}")
        else:
            raise ValueError(  # noqa: TRY004  (Theano 1.0 raised ValueError)
                f"Only Theano variables and integers are allowed in a size-tuple, got {i!r} "
                f"in {size}"
            )
    return as_tensor_variable(size, ndim=1)


def mrg_random_make_inplace(node):
    """The in-place twin of an mrg_uniform node (for an in-place rewrite pass)."""
    op = node.op
    if isinstance(op, mrg_uniform_base) and not op.inplace:
        new_op = type(op)(op.output_type, inplace=True)
        return new_op.make_node(*node.inputs).outputs
    return False
