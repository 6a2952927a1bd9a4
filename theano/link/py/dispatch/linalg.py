"""py backend renderers for theano.tensor.nlinalg and slinalg: direct NumPy/SciPy calls.

Ops with no renderer here (Eig, QR, lstsq, TensorInv, the gradient ops, ...) run
their ``perform``. SciPy is imported only when a graph needs it.
"""

import numpy as np

from theano.link.py.dispatch.basic import cast_expr, py_funcify
from theano.tensor.nlinalg import (
    SVD,
    AllocDiag,
    Det,
    Eigh,
    ExtractDiag,
    MatrixInverse,
    MatrixPinv,
)
from theano.tensor.slinalg import Cholesky, Eigvalsh, Expm, Solve


def _natural(fn, dtypes, **kwargs):
    """The dtype(s) ``fn`` returns for 1x1 matrices of ``dtypes`` (None if the probe fails)."""
    try:
        with np.errstate(all="ignore"):
            res = fn(*[np.eye(1, dtype=d) for d in dtypes], **kwargs)
    except Exception:
        return None
    if isinstance(res, tuple):
        return tuple(np.asarray(r).dtype.name for r in res)
    return np.asarray(res).dtype.name


def _call(node, outputs, fn, call, **kwargs):
    """``out = call`` with the cast each output needs; ``fn`` probes NumPy's dtypes."""
    in_dtypes = [i.type.dtype for i in node.inputs]
    natural = _natural(fn, in_dtypes, **kwargs)
    if len(outputs) == 1:
        return [f"{outputs[0]} = {cast_expr(call, natural, node.outputs[0].type.dtype)}"]
    lines = [f"{', '.join(outputs)} = {call}"]
    natural = natural or (None,) * len(outputs)
    for name, out, nat in zip(outputs, node.outputs, natural):
        if nat != out.type.dtype:
            lines.append(f"{name} = {cast_expr(name, nat, out.type.dtype)}")
    return lines


@py_funcify.register(MatrixInverse)
def py_funcify_MatrixInverse(op, node, inputs, outputs, ctx):
    return _call(node, outputs, np.linalg.inv, f"np.linalg.inv({inputs[0]})")


@py_funcify.register(MatrixPinv)
def py_funcify_MatrixPinv(op, node, inputs, outputs, ctx):
    return _call(node, outputs, np.linalg.pinv, f"np.linalg.pinv({inputs[0]})")


@py_funcify.register(Det)
def py_funcify_Det(op, node, inputs, outputs, ctx):
    dtype = node.outputs[0].type.dtype
    if _natural(np.linalg.det, [node.inputs[0].type.dtype]) == dtype:
        return [f"{outputs[0]} = np.linalg.det({inputs[0]})"]
    return [f"{outputs[0]} = np.asarray(np.linalg.det({inputs[0]})).astype(np.{dtype})"]


@py_funcify.register(ExtractDiag)
def py_funcify_ExtractDiag(op, node, inputs, outputs, ctx):
    call = f"np.diagonal({inputs[0]}, {op.offset}, {op.axis1}, {op.axis2})"
    return [f"{outputs[0]} = {call}" + ("" if op.view else ".copy()")]


@py_funcify.register(AllocDiag)
def py_funcify_AllocDiag(op, node, inputs, outputs, ctx):
    if node.inputs[0].ndim == 1 and op._axes(2) == (0, 1):
        return [f"{outputs[0]} = np.diag({inputs[0]}, {op.offset})"]
    # Other layouts run perform.
    return py_funcify.dispatch(object)(op, node, inputs, outputs, ctx)


@py_funcify.register(Eigh)
def py_funcify_Eigh(op, node, inputs, outputs, ctx):
    call = f"np.linalg.eigh({inputs[0]}, {op.UPLO!r})"
    return _call(node, outputs, np.linalg.eigh, call, UPLO=op.UPLO)


@py_funcify.register(SVD)
def py_funcify_SVD(op, node, inputs, outputs, ctx):
    if op.compute_uv:
        full = bool(op.full_matrices)
        call = f"np.linalg.svd({inputs[0]}, full_matrices={full})"
        return _call(node, outputs, np.linalg.svd, call, full_matrices=full)
    call = f"np.linalg.svd({inputs[0]}, compute_uv=False)"
    return _call(node, outputs, np.linalg.svd, call, compute_uv=False)


@py_funcify.register(Cholesky)
def py_funcify_Cholesky(op, node, inputs, outputs, ctx):
    import scipy.linalg

    if op.on_error != "raise":
        return py_funcify.dispatch(object)(op, node, inputs, outputs, ctx)
    fn = ctx.add_global(scipy.linalg.cholesky, "_cholesky")
    call = f"{fn}({inputs[0]}, lower={op.lower})"
    return _call(node, outputs, scipy.linalg.cholesky, call, lower=op.lower)


@py_funcify.register(Solve)
def py_funcify_Solve(op, node, inputs, outputs, ctx):
    import scipy.linalg

    if op.A_structure in ("lower_triangular", "upper_triangular"):
        lower = op.A_structure == "lower_triangular"
        fn = ctx.add_global(scipy.linalg.solve_triangular, "_solve_triangular")
        call = f"{fn}({inputs[0]}, {inputs[1]}, lower={lower})"
        return _call(node, outputs, scipy.linalg.solve_triangular, call, lower=lower)
    fn = ctx.add_global(scipy.linalg.solve, "_solve")
    return _call(node, outputs, scipy.linalg.solve, f"{fn}({inputs[0]}, {inputs[1]})")


@py_funcify.register(Eigvalsh)
def py_funcify_Eigvalsh(op, node, inputs, outputs, ctx):
    import scipy.linalg

    fn = ctx.add_global(scipy.linalg.eigvalsh, "_eigvalsh")
    b = inputs[1] if len(inputs) == 2 else "None"
    call = f"{fn}({inputs[0]}, {b}, lower={op.lower})"
    return _call(node, outputs, scipy.linalg.eigvalsh, call, lower=op.lower)


@py_funcify.register(Expm)
def py_funcify_Expm(op, node, inputs, outputs, ctx):
    import scipy.linalg

    fn = ctx.add_global(scipy.linalg.expm, "_expm")
    return _call(node, outputs, scipy.linalg.expm, f"{fn}({inputs[0]})")
