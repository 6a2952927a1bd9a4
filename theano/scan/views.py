"""Special cases of scan: ``map``, ``reduce``, ``foldl``, ``foldr`` and ``scan_checkpoints``."""

from theano.scan.basic import scan


def map(fn, sequences, non_sequences=None, truncate_gradient=-1, go_backwards=False, mode=None,
        name=None):
    """Apply ``fn`` to every row of the sequences (a scan without feedback).

    Returns ``(outputs, updates)`` as ``theano.scan``.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dvector("x")
    >>> squares, _ = theano.map(lambda v: v ** 2, x)
    >>> print(squares.eval({x: [1, 2, 3]}))
    [1. 4. 9.]
    """
    return scan(fn=fn, sequences=sequences, outputs_info=[], non_sequences=non_sequences,
                truncate_gradient=truncate_gradient, go_backwards=go_backwards, mode=mode,
                name=name)


def reduce(fn, sequences, outputs_info, non_sequences=None, go_backwards=False, mode=None,
           name=None):
    """Run a scan and keep only the last value of each output.

    Returns ``(outputs, updates)``: each output is the value after the last step.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dvector("x")
    >>> total, _ = theano.reduce(lambda v, acc: acc + v, x, T.constant(0.0, dtype="float64"))
    >>> print(total.eval({x: [1, 2, 3]}))
    6.0
    """
    outputs, updates = scan(fn=fn, sequences=sequences, outputs_info=outputs_info,
                            non_sequences=non_sequences, go_backwards=go_backwards,
                            truncate_gradient=-1, mode=mode, name=name)
    if isinstance(outputs, (list, tuple)):
        return [out[-1] for out in outputs], updates
    if outputs is None:
        return None, updates
    return outputs[-1], updates


def foldl(fn, sequences, outputs_info, non_sequences=None, mode=None, name=None):
    """``reduce`` from the first row to the last."""
    return reduce(fn=fn, sequences=sequences, outputs_info=outputs_info,
                  non_sequences=non_sequences, go_backwards=False, mode=mode, name=name)


def foldr(fn, sequences, outputs_info, non_sequences=None, mode=None, name=None):
    """``reduce`` from the last row to the first."""
    return reduce(fn=fn, sequences=sequences, outputs_info=outputs_info,
                  non_sequences=non_sequences, go_backwards=True, mode=mode, name=name)


def scan_checkpoints(fn, sequences=(), outputs_info=None, non_sequences=(),
                     name="checkpointscan_fn", n_steps=None, save_every_N=10, padding=True):
    """A scan whose gradient stores the states only every ``save_every_N`` steps.

    The loop runs as an outer scan over blocks of ``save_every_N`` steps, each running an
    inner scan; backpropagation recomputes the steps of one block at a time.  As in
    Theano: sequences of equal length, only ``[-1]`` taps (no ``taps`` dicts), and the
    outputs hold the state at the end of each block (use ``[-1]`` for the final one).
    With ``padding`` the sequences are zero-padded to a multiple of ``save_every_N``
    (the padded steps are not run).
    """
    import theano.tensor as T

    sequences = list(sequences) if isinstance(sequences, (list, tuple)) else [sequences]
    if outputs_info is None:
        outputs_info = []
    outputs_info = list(outputs_info) if isinstance(outputs_info, (list, tuple)) \
        else [outputs_info]
    non_sequences = list(non_sequences) if isinstance(non_sequences, (list, tuple)) \
        else [non_sequences]
    for entry in outputs_info:
        if isinstance(entry, dict) and "taps" in entry:
            raise RuntimeError("scan_checkpoints doesn't work with taps.")
    sequences = [T.as_tensor_variable(s) for s in sequences]
    big_n = int(save_every_N)
    if n_steps is None:
        if not sequences:
            raise ValueError("scan_checkpoints needs n_steps or a sequence")
        n_steps = sequences[0].shape[0]
    n_steps = T.as_tensor_variable(n_steps)
    n_blocks = (n_steps + (big_n - 1)) // big_n
    rest = n_steps - (n_blocks - 1) * big_n
    block_steps = T.set_subtensor((T.ones((n_blocks,), "int64") * big_n)[-1], rest)
    blocked = []
    for s in sequences:
        if padding:
            pad = n_blocks * big_n - s.shape[0]
            zeros = T.zeros([pad] + [s.shape[d] for d in range(1, s.ndim)], dtype=s.dtype)
            s = T.concatenate([s, zeros])
        shape = [n_blocks, big_n] + [s.shape[d] for d in range(1, s.ndim)]
        blocked.append(T.reshape(s, shape, ndim=s.ndim + 1))
    n_nit = sum(1 for entry in outputs_info if entry is None)
    n_seq = len(blocked)
    n_prev = len(outputs_info) - n_nit

    def outer_step(*args):
        block_seqs = list(args[:n_seq])
        steps = args[n_seq]
        prev = list(args[n_seq + 1:n_seq + 1 + n_prev])
        consts = list(args[n_seq + 1 + n_prev:])
        infos = []
        it = iter(prev)
        for entry in outputs_info:
            infos.append(None if entry is None else next(it))
        results, updates = scan(fn=fn, sequences=block_seqs, outputs_info=infos,
                                non_sequences=consts, name=name + "_inner", n_steps=steps,
                                return_list=True)
        return [r[-1] for r in results], updates

    return scan(fn=outer_step, sequences=blocked + [block_steps], outputs_info=outputs_info,
                non_sequences=non_sequences, name=name + "_outer", n_steps=n_blocks,
                allow_gc=True)
