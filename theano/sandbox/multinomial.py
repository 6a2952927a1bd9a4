"""Ops turning uniform samples into multinomial draws (used by MRG_RandomStreams)."""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.tensor.basic import as_tensor_variable
from theano.tensor.type import TensorType

_INT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


class MultinomialFromUniform(Op):
    """One-hot (or count) draws from each row of ``pvals``, driven by uniform samples.

    ``op(pvals, unis, n)``: ``pvals`` is a matrix (one distribution per row),
    ``unis`` a vector of ``n * pvals.shape[0]`` uniform samples (sample ``c`` of
    row ``i`` uses ``unis[c * rows + i]``).  The result has the shape of ``pvals``
    and counts how many of the ``n`` draws fell on each outcome: the outcome of a
    draw is the first one whose cumulative probability exceeds the uniform value.
    ``odtype='auto'`` means the dtype of ``pvals``.
    """

    __props__ = ("odtype",)

    def __init__(self, odtype):
        self.odtype = odtype

    def __str__(self):
        return f"{type(self).__name__}{{{self.odtype}}}"

    __repr__ = __str__

    def make_node(self, pvals, unis, n=1):
        pvals = as_tensor_variable(pvals)
        unis = as_tensor_variable(unis)
        if pvals.ndim != 2:
            raise NotImplementedError(
                f"{self}: pvals (input 0) must be a matrix (one distribution per row), got "
                f"{pvals.type}"
            )
        if unis.ndim != 1:
            raise NotImplementedError(f"{self}: unis (input 1) must be a vector, got {unis.type}")
        n = as_tensor_variable(n)
        if n.ndim != 0 or n.dtype not in _INT_DTYPES:
            raise TypeError(f"{self}: n (input 2) must be an integer scalar, got {n.type}")
        odtype = pvals.dtype if self.odtype == "auto" else self.odtype
        out = TensorType(odtype, pvals.broadcastable)()
        return Apply(self, [pvals, unis, n], [out])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        pvals, unis, n = inputs
        n = int(n)
        _check_unis(self, pvals, unis, n)
        rows, outcomes = pvals.shape
        z = np.zeros(pvals.shape, dtype=node.outputs[0].dtype)
        # Cumulative sums in double precision, as Theano's C code.
        cums = np.cumsum(pvals, axis=1, dtype="float64")
        row_ids = np.arange(rows)
        for c in range(n):
            u = unis[c * rows : (c + 1) * rows]
            picked = np.sum(cums <= u[:, None], axis=1)
            hit = picked < outcomes  # a uniform above the row's total picks nothing
            z[row_ids[hit], picked[hit]] += 1
        output_storage[0][0] = z

    def grad(self, inputs, output_grads):
        from theano.gradient import _zeros_like

        return [_zeros_like(x) for x in inputs]


class ChoiceFromUniform(MultinomialFromUniform):
    """``n`` indices drawn from each row of ``pvals`` (without replacement by default).

    ``op(pvals, unis, n)`` gives an ``(rows, n)`` matrix of outcome indices; after
    each draw (without replacement) the chosen outcome's probability is set to 0
    and the row is renormalised.  ``odtype='auto'`` means int64.
    """

    __props__ = ("odtype", "replace")

    def __init__(self, odtype, replace=False):
        super().__init__(odtype)
        self.replace = replace

    def __str__(self):
        return f"{type(self).__name__}{{{self.odtype}, replace={self.replace}}}"

    __repr__ = __str__

    def make_node(self, pvals, unis, n=1):
        node = super().make_node(pvals, unis, n)
        odtype = "int64" if self.odtype == "auto" else self.odtype
        out = TensorType(odtype, node.inputs[0].broadcastable)()
        return Apply(self, node.inputs, [out])

    def infer_shape(self, fgraph, node, shapes):
        return [(shapes[0][0], node.inputs[2])]

    def perform(self, node, inputs, output_storage):
        pvals, unis, n = inputs
        n = int(n)
        if n > pvals.shape[1] and not self.replace:
            raise ValueError(
                f"{self}: cannot sample without replacement {n} samples, more than the size "
                f"of the distribution ({pvals.shape[1]})"
            )
        _check_unis(self, pvals, unis, n)
        pvals = np.array(pvals)  # renormalised in place below
        rows, outcomes = pvals.shape
        z = np.full((rows, n), -1, dtype=node.outputs[0].dtype)
        for c in range(n):
            u = unis[c * rows : (c + 1) * rows]
            cums = np.cumsum(pvals, axis=1)
            picked = np.sum(cums <= u[:, None], axis=1)
            hit = np.nonzero(picked < outcomes)[0]
            z[hit, c] = picked[hit]
            if not self.replace and c < n - 1:
                pvals[hit, picked[hit]] = 0
                pvals[hit] /= pvals[hit].sum(axis=1, keepdims=True)
        output_storage[0][0] = z

    def grad(self, inputs, output_grads):
        from theano.gradient import _zeros_like

        return [_zeros_like(x) for x in inputs]


class MultinomialWOReplacementFromUniform(ChoiceFromUniform):
    """Deprecated name of ChoiceFromUniform."""

    def __init__(self, *args, **kwargs):
        import warnings

        warnings.warn(
            "MultinomialWOReplacementFromUniform is deprecated, use ChoiceFromUniform instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        super().__init__(*args, **kwargs)


def _check_unis(op, pvals, unis, n):
    if unis.shape[0] != pvals.shape[0] * n:
        raise ValueError(
            f"{op}: unis.shape[0] ({unis.shape[0]}) != pvals.shape[0] ({pvals.shape[0]}) * n ({n})"
        )
