"""BLAS-shaped ops: ``Gemm`` (``b * z + a * dot(x, y)``) and ``Gemv`` (``b * y + a * dot(A, x)``).

The specialize rewrites ``gemm_optimizer`` and ``local_gemv`` turn ``z + a * dot(x, y)``
(and the forms with ``-``, ``b * z``) over float matrices, or vectors, into
``gemm_no_inplace`` / ``gemv_no_inplace``; the in-place versions (``gemm_inplace``,
``gemv_inplace``) overwrite ``z`` / ``y`` and are made by the in-place phase
(``local_inplace_gemm``, ``local_inplace_gemv``).
"""

import numpy as np
from scipy.linalg import blas as _blas

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
    return _scaled_update(np.dot(x, y), z, a, b, inplace)


def _scaled_update(prod, z, a, b, inplace):
    """``b * z + a * prod`` (``prod`` is overwritten; ``z`` too when ``inplace``), in
    ``z``'s dtype; ``z`` is ignored when ``b == 0`` (BLAS semantics)."""
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


def _gemm_inplace_value(z, a, x, y, b):
    """``b * z + a * dot(x, y)`` written into ``z`` (one BLAS ``?gemm`` call when ``z`` is
    contiguous and shares no memory with ``x`` or ``y``)."""
    if x.shape[1] != y.shape[0] or z.shape != (x.shape[0], y.shape[1]):
        return _gemm_value(z, a, x, y, b, True)
    if (z.size and x.shape[1] and x.dtype == y.dtype == z.dtype
            and not np.may_share_memory(z, x) and not np.may_share_memory(z, y)):
        fn = _blas.dgemm if z.dtype == np.float64 else _blas.sgemm
        a = np.asarray(a).item()
        b = np.asarray(b).item()
        # NOTE: a C-contiguous z is an F-contiguous z.T = a * y.T x.T + b * z.T
        if z.flags.f_contiguous:
            r = fn(a, x, y, b, z, overwrite_c=True)
            target = z
        elif z.flags.c_contiguous:
            r = fn(a, y.T, x.T, b, z.T, overwrite_c=True)
            target = z.T
        else:
            return _gemm_value(z, a, x, y, b, True)
        if not np.shares_memory(r, target):
            target[...] = r
        return z
    return _gemm_value(z, a, x, y, b, True)


class _ScaledUpdateOp(Op):
    """Shared base of Gemm and Gemv: ``b * out0 + a * dot(...)`` where input 0 (the updated
    value) gives the output type and ``inplace`` overwrites it.

    Subclasses set ``_name`` (the op name printed and used in errors), ``_inputs`` (the
    ``(name, ndim)`` of each of the five inputs) and ``_grads`` (the input gradients).
    """

    __props__ = ("inplace",)
    _name = ""
    _inputs = ()

    def __init__(self, inplace=False):
        self.inplace = inplace
        if inplace:
            self.destroy_map = {0: [0]}

    def __str__(self):
        return f"{self._name}{{{'inplace' if self.inplace else 'no_inplace'}}}"

    def _make_node(self, inputs):
        inputs = [as_tensor_variable(v) for v in inputs]
        out = inputs[0]
        (name0, ndim0), dtype = self._inputs[0], out.dtype
        kinds = {0: "a float scalar", 1: f"a {dtype} vector", 2: f"a {dtype} matrix"}
        if out.ndim != ndim0 or dtype not in _FLOATS:
            kind = {1: "vector", 2: "matrix"}[ndim0]
            raise TypeError(f"{self._name}: input 0 ({name0}) must be a float32 or float64 "
                            f"{kind}; got {out.type}")
        for pos, ((name, ndim), var) in enumerate(zip(self._inputs, inputs)):
            if pos == 0:
                continue
            if var.ndim != ndim or var.dtype not in _FLOATS or \
                    (ndim > 0 and var.dtype != dtype):
                raise TypeError(f"{self._name}: input {pos} ({name}) must be {kinds[ndim]}; "
                                f"got {var.type}")
        return Apply(self, inputs, [out.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.basic import cast

        grads = self._grads(inputs, output_grads[0])
        return [v if v.dtype == i.dtype else cast(v, i.dtype) for v, i in zip(grads, inputs)]


class Gemm(_ScaledUpdateOp):
    """``gemm(z, a, x, y, b) = b * z + a * dot(x, y)`` for float matrices ``z, x, y``
    (one dtype) and scalars ``a, b``.

    ``Gemm(inplace=True)`` writes the result into ``z`` (its ``destroy_map``).
    """

    _name = "Gemm"
    _inputs = (("z", 2), ("a", 0), ("x", 2), ("y", 2), ("b", 0))

    def make_node(self, z, a, x, y, b):
        return self._make_node((z, a, x, y, b))

    def perform(self, node, inputs, output_storage):
        z, a, x, y, b = inputs
        if self.inplace:
            output_storage[0][0] = _gemm_inplace_value(z, a, x, y, b)
        else:
            output_storage[0][0] = _gemm_value(np.asarray(z), a, x, y, b)

    def _grads(self, inputs, g):
        from theano.tensor.dot import dot
        from theano.tensor.reduction import sum as tsum

        # out = b z + a x y:  dz = g b, da = sum(g * x y), dx = a g y^T, dy = a x^T g,
        # db = sum(g * z)
        z, a, x, y, b = inputs
        return [g * b, tsum(g * dot(x, y)), dot(g, y.T) * a, dot(x.T, g) * a, tsum(g * z)]


gemm_no_inplace = Gemm(inplace=False)
gemm_inplace = Gemm(inplace=True)


def _gemv_value(y, a, A, x, b, inplace=False):
    """``b * y + a * dot(A, x)``; ``y`` is ignored when ``b == 0`` (BLAS semantics)."""
    a = np.asarray(a).item()
    b = np.asarray(b).item()
    if A.shape[1] != x.shape[0] or y.shape != (A.shape[0],):
        raise ValueError(
            f"Gemv: shapes do not agree: y {y.shape}, A {A.shape}, x {x.shape} "
            f"(expected y of shape (A.shape[0],) and A.shape[1] == x.shape[0])"
        )
    if (inplace and y.size and x.size and A.dtype == x.dtype == y.dtype
            and y.flags.c_contiguous and not np.may_share_memory(y, A)
            and not np.may_share_memory(y, x)):
        fn = _blas.dgemv if y.dtype == np.float64 else _blas.sgemv
        # NOTE: a C-contiguous A is passed as the F-contiguous A.T with trans=1
        if A.flags.f_contiguous:
            r = fn(a, A, x, b, y, overwrite_y=True)
        else:
            r = fn(a, A.T, x, b, y, trans=1, overwrite_y=True)
        if not np.shares_memory(r, y):
            y[...] = r
        return y
    return _scaled_update(np.dot(A, x), y, a, b, inplace)


class Gemv(_ScaledUpdateOp):
    """``gemv(y, a, A, x, b) = b * y + a * dot(A, x)`` for a float matrix ``A`` and float
    vectors ``y, x`` (one dtype), and scalars ``a, b``.

    ``Gemv(inplace=True)`` writes the result into ``y`` (its ``destroy_map``).
    """

    _name = "Gemv"
    _inputs = (("y", 1), ("a", 0), ("A", 2), ("x", 1), ("b", 0))

    def make_node(self, y, a, A, x, b):
        return self._make_node((y, a, A, x, b))

    def perform(self, node, inputs, output_storage):
        y, a, A, x, b = inputs
        if not self.inplace:
            y = np.asarray(y)
        output_storage[0][0] = _gemv_value(y, a, A, x, b, self.inplace)

    def _grads(self, inputs, g):
        from theano.tensor.dot import dot
        from theano.tensor.reduction import sum as tsum

        # out = b y + a A x:  dy = g b, da = sum(g * A x), dA = a outer(g, x),
        # dx = a A^T g, db = sum(g * y)
        y, a, A, x, b = inputs
        outer = dot(g.dimshuffle(0, "x"), x.dimshuffle("x", 0))
        return [g * b, tsum(g * dot(A, x)), outer * a, dot(A.T, g) * a, tsum(g * y)]


gemv_no_inplace = Gemv(inplace=False)
gemv_inplace = Gemv(inplace=True)


__all__ = ["Gemm", "gemm_inplace", "gemm_no_inplace", "Gemv", "gemv_inplace",
           "gemv_no_inplace"]
