"""RandomStreams: random draws whose generators live in shared variables."""

import copy

import numpy as np

from theano.compile.sharedvalue import SharedVariable, shared, shared_constructor
from theano.tensor import raw_random


class RandomStateSharedVariable(SharedVariable):
    """A shared variable holding a ``numpy.random.RandomState`` (RandomStateType)."""


@shared_constructor
def randomstate_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False):
    """``theano.shared(numpy.random.RandomState(...))``: a RandomStateSharedVariable."""
    if not isinstance(value, (np.random.RandomState, np.random.Generator)):
        raise TypeError("not a numpy random generator")
    if not borrow:
        value = copy.deepcopy(value)
    return RandomStateSharedVariable(
        name=name,
        type=raw_random.random_state_type,
        value=value,
        strict=strict,
        allow_downcast=allow_downcast,
    )


class RandomStreams(raw_random.RandomStreamsBase):
    """Symbolic random draws with numpy.random's interface, one generator per draw.

    Each draw method (``uniform``, ``normal``, ``binomial``, ...) makes a new
    shared variable holding a ``numpy.random.RandomState`` seeded from this
    object's seed generator, and returns the symbolic sample ``out`` with
    ``out.rng`` (that shared variable) and ``out.update`` (``(rng, new_rng)``).
    ``rng.default_update`` is ``new_rng``, so every compiled function using
    ``out`` advances the generator after each call, unless it was compiled with
    ``no_default_updates``.

    Parameters
    ----------
    seed : None or int
        Seed of the generator that seeds each new stream; the same seed gives the
        same draws (the same numbers as Theano 1.0 with numpy's RandomState).

    Examples
    --------
    >>> import theano
    >>> srng = RandomStreams(seed=234)
    >>> f = theano.function([], srng.uniform((2,)))
    >>> a, b = f(), f()
    >>> bool((a != b).all())
    True
    """

    def __init__(self, seed=None):
        super().__init__()
        # (shared generator, its updated value) for every stream made so far
        self.state_updates = []
        self.default_instance_seed = seed
        self.gen_seedgen = np.random.RandomState(seed)

    def updates(self):
        """A copy of ``state_updates``, usable as a function's ``updates``."""
        return list(self.state_updates)

    def seed(self, seed=None):
        """Reseed every stream made so far, deterministically from ``seed``.

        ``seed`` None means the seed given to the constructor.
        """
        if seed is None:
            seed = self.default_instance_seed
        seedgen = np.random.RandomState(seed)
        for old_r, _ in self.state_updates:
            stream_seed = int(seedgen.randint(2**30))
            old_r.set_value(np.random.RandomState(stream_seed), borrow=True)

    def __getitem__(self, item):
        """The generator held by the shared variable ``item`` (not a copy)."""
        return item.get_value(borrow=True)

    def __setitem__(self, item, val):
        """Make the shared variable ``item`` hold the generator ``val``."""
        item.set_value(val, borrow=True)

    def gen(self, op, *args, **kwargs):
        """Draw with ``op(rng, *args, **kwargs)`` from a new stream; return the sample.

        ``op`` is a function returning ``(new_rng, sample)`` (such as
        ``raw_random.uniform``).  The new shared generator gets
        ``default_update = new_rng``.
        """
        seed = int(self.gen_seedgen.randint(2**30))
        rng = shared(np.random.RandomState(seed), borrow=True)
        rng.tag.is_rng = True
        new_r, out = op(rng, *args, **kwargs)
        out.rng = rng
        out.update = (rng, new_r)
        self.state_updates.append(out.update)
        rng.default_update = new_r
        return out
