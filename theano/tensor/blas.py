"""BLAS-shaped ops: ``Gemm`` computes ``b * z + a * dot(x, y)`` in one call (Theano's name).

The specialize rewrite ``gemm_optimizer`` turns ``z + a * dot(x, y)`` (and the forms with
``-``, ``b * z``) over float matrices into ``gemm_no_inplace``; the in-place version
(``gemm_inplace``) overwrites ``z`` and is only for the in-place phase.
"""

import numpy as np

from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.tensor.basic import as_tensor_variable

_FLOATS = ("float32", "float64")


def _gemm_value(z, a, x, y, b, inplace=False):
    """``b * z + a * dot(x, y)``; ``z`` is ignored when ``b == 0`` (BLAS semantics)."""
    a = np.asarray(a).item()
    b = np.asarray(b).item()
    if x.shape[1] != y.shape[0] or z.shape != (x.shape[0], y.shape[1]):
        raise ValueError(
            f"Gemm: shapes do not agree: z {z.shape}, x {x.shape}, y {y.shape} "
            f"(expected z of shape (x.shape[0], y.shape[1]) and x.shape[1] == y.shape[0])"
        )
    prod = np.dot(x, y)
    if a != 1:
        prod *= a
    if b == 0:
        result = prod
    elif inplace:
        if b != 1:
            z *= b
        z += prod
        result = z
    else:
        if b != 1:
            prod += b * z
        else:
            prod += z
        result = prod
    return result.astype(z.dtype, copy=False)


class Gemm(Op):
    """``gemm(z, a, x, y, b) = b * z + a * dot(x, y)`` for float matrices ``z, x, y``
    (one dtype) and scalars ``a, b``.

    ``Gemm(inplace=True)`` writes the result into ``z`` (its ``destroy_map``).
    """

    __props__ = ("inplace",)

    def __init__(self, inplace=False):
        self.inplace = inplace
        if inplace:
            self.destroy_map = {0: [0]}

    def __str__(self):
        return f"Gemm{{{'inplace' if self.inplace else 'no_inplace'}}}"

    def make_node(self, z, a, x, y, b):
        z, a, x, y, b = (as_tensor_variable(v) for v in (z, a, x, y, b))
        if z.ndim != 2 or z.dtype not in _FLOATS:
            raise TypeError(f"Gemm: input 0 (z) must be a float32 or float64 matrix; got "
                            f"{z.type}")
        for pos, name, var, ndim in [(1, "a", a, 0), (2, "x", x, 2), (3, "y", y, 2),
                                     (4, "b", b, 0)]:
            if var.ndim != ndim or var.dtype not in _FLOATS or \
                    (ndim == 2 and var.dtype != z.dtype):
                what = "a float scalar" if ndim == 0 else f"a {z.dtype} matrix"
                raise TypeError(f"Gemm: input {pos} ({name}) must be {what}; got {var.type}")
        return Apply(self, [z, a, x, y, b], [z.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        z, a, x, y, b = inputs
        if not self.inplace:
            z = np.asarray(z)
        output_storage[0][0] = _gemm_value(z, a, x, y, b, self.inplace)

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.basic import cast
        from theano.tensor.dot import dot
        from theano.tensor.reduction import sum as tsum

        # out = b z + a x y:  dz = g b, da = sum(g * x y), dx = a g y^T, dy = a x^T g,
        # db = sum(g * z)
        z, a, x, y, b = inputs
        (g,) = output_grads
        grads = [g * b, tsum(g * dot(x, y)), dot(g, y.T) * a, dot(x.T, g) * a, tsum(g * z)]
        return [v if v.dtype == i.dtype else cast(v, i.dtype) for v, i in zip(grads, inputs)]


gemm_no_inplace = Gemm(inplace=False)
gemm_inplace = Gemm(inplace=True)


__all__ = ["Gemm", "gemm_inplace", "gemm_no_inplace"]
