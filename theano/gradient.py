"""Symbolic differentiation: reverse mode over any graph through each Op's L_op."""

import numpy as np

from theano.configparser import config
from theano.graph.basic import Apply, Variable, clone_replace, io_toposort
from theano.graph.op import Op
from theano.graph.type import Type


class DisconnectedType(Type):
    """Type of a gradient that does not exist because the output does not depend on the input."""

    def filter(self, data, strict=False, allow_downcast=None):
        raise AssertionError("DisconnectedType variables have no value")

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "DisconnectedType"


disconnected_type = DisconnectedType()


class NullType(Type):
    """Type of an undefined gradient; ``why_null`` says why."""

    def __init__(self, why_null="(no explanation given)"):
        self.why_null = why_null

    def filter(self, data, strict=False, allow_downcast=None):
        raise ValueError("No values may be assigned to a NullType")

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "NullType"


class DisconnectedInputError(ValueError):
    """``grad`` was asked for the gradient wrt a variable the cost does not depend on."""


class NullTypeGradError(TypeError):
    """A gradient needed by ``grad`` is undefined (an op's NullType gradient)."""


class GradientError(Exception):
    """``verify_grad`` found the symbolic and numeric gradients to differ."""

    def __init__(self, arg, err_pos, shape, val1, val2, abs_err, rel_err, abs_tol, rel_tol):
        super().__init__(
            f"GradientError: numeric gradient and analytic gradient exceed tolerance:\n"
            f"        At position {err_pos} of argument {arg} with shape {shape},\n"
            f"            val1 = {val1:f}      ,  val2 = {val2:f}\n"
            f"            abs. error = {abs_err:f},  abs. tolerance = {abs_tol:f}\n"
            f"            rel. error = {rel_err:f},  rel. tolerance = {rel_tol:f}"
        )
        self.arg = arg
        self.err_pos = err_pos
        self.abs_err = abs_err
        self.rel_err = rel_err


def grad_undefined(op, x_pos, x, comment=""):
    """A NullType variable: the gradient of ``op`` wrt its input ``x_pos`` is undefined."""
    return NullType(
        f"This variable is Null because the grad method for input {x_pos} ({x}) of the "
        f"{op} op is mathematically undefined. {comment}"
    )()


def grad_not_implemented(op, x_pos, x, comment=""):
    """A NullType variable: the gradient of ``op`` wrt input ``x_pos`` is not implemented."""
    return NullType(
        f"This variable is Null because the grad method for input {x_pos} ({x}) of the "
        f"{op} op is not implemented. {comment}"
    )()


def _is_discrete(var):
    dtype = getattr(var.type, "dtype", None)
    return dtype is not None and (dtype.startswith("int") or dtype.startswith("uint")
                                  or dtype == "bool")


def _zeros_like(var):
    from theano.tensor.alloc import zeros_like

    dtype = var.type.dtype if not _is_discrete(var) else config.floatX
    return zeros_like(var, dtype=dtype)


def grad(cost, wrt, consider_constant=None, disconnected_inputs="raise", add_names=True,
         known_grads=None, return_disconnected="zero", null_gradients="raise"):
    """Symbolic gradient of the scalar ``cost`` with respect to ``wrt``.

    Parameters
    ----------
    cost : scalar Variable (or None when ``known_grads`` gives the output gradients)
    wrt : Variable or list of Variables
    consider_constant : list of Variables
        Treated as constants: no gradient flows through them.
    disconnected_inputs : {'ignore', 'warn', 'raise'}
        What to do when ``cost`` does not depend on an element of ``wrt``.
    known_grads : dict
        Gradients already known for some variables (start points of backpropagation).
    return_disconnected : {'zero', 'None', 'Disconnected'}
        What to return for a disconnected ``wrt``.
    null_gradients : {'raise', 'return'}
        Raise NullTypeGradError for undefined gradients, or return them.

    Returns
    -------
    Variable or list of Variables, matching ``wrt`` (the gradient of each has the
    type of the corresponding ``wrt``).
    """
    from theano.tensor.basic import as_tensor_variable, cast, patternbroadcast

    single = not isinstance(wrt, (list, tuple))
    wrt_list = [wrt] if single else list(wrt)
    for w in wrt_list:
        if not isinstance(w, Variable):
            raise TypeError(
                f"Expected Variable, got {w!r} of type {type(w).__name__} in wrt: grad can only "
                "differentiate with respect to symbolic variables (or shared variables)."
            )
    if cost is not None:
        if not isinstance(cost, Variable):
            raise TypeError(f"In grad(), cost argument should be a Variable, got {cost!r}")
        if getattr(cost.type, "ndim", 0) != 0:
            raise TypeError(
                f"cost must be a scalar. The cost given ({cost}) has {cost.type.ndim} "
                "dimensions; reduce it first, e.g. with .sum() or .mean()."
            )
        if _is_discrete(cost):
            # A piecewise-constant cost: its gradient is zero wherever it is defined.
            zeros = [_zeros_like(w) for w in wrt_list]
            return zeros[0] if single else zeros
    consider_constant = set(consider_constant or ())

    grads = {}  # variable -> list of gradient terms
    if cost is not None:
        # fill(cost, 1): the seed keeps the cost's inputs in the graph, as Theano's did
        from theano.tensor.math import fill

        grads[cost] = [fill(cost, as_tensor_variable(np.asarray(1.0, dtype=cost.type.dtype)))]
    for var, g in (known_grads or {}).items():
        g = as_tensor_variable(g)
        grads.setdefault(var, []).append(g)
    starts = ([cost] if cost is not None else []) + list((known_grads or {}).keys())

    # Which variables lie on a path from a wrt to a start point?
    wrt_set = set(wrt_list)
    nodes = io_toposort([], starts)
    depends = set(wrt_set)
    for node in nodes:
        if any(i in depends and i not in consider_constant for i in node.inputs):
            depends.update(node.outputs)

    for node in reversed(nodes):
        if not any(o in grads for o in node.outputs):
            continue
        if not any(i in depends and i not in consider_constant for i in node.inputs):
            continue
        out_grads = []
        for o in node.outputs:
            terms = grads.get(o)
            if terms:
                nulls = [t for t in terms if isinstance(t.type, NullType)]
                out_grads.append(nulls[0] if nulls else _sum_terms(terms))
            elif isinstance(o.type, DisconnectedType) or _is_discrete(o) \
                    or not hasattr(o.type, "dtype"):
                out_grads.append(disconnected_type())
            else:
                out_grads.append(_zeros_like(o))
        nulls = [g for g in out_grads if isinstance(g.type, NullType)]
        if nulls:
            # An undefined output gradient makes every input's gradient undefined.
            input_grads = [nulls[0]] * len(node.inputs)
        else:
            input_grads = node.op.L_op(node.inputs, node.outputs, out_grads)
        if len(input_grads) != len(node.inputs):
            raise ValueError(
                f"{node.op}.L_op returned {len(input_grads)} gradients for "
                f"{len(node.inputs)} inputs"
            )
        for inp, g in zip(node.inputs, input_grads):
            if g is None or inp in consider_constant or inp not in depends:
                continue
            if isinstance(g, Variable) and isinstance(g.type, DisconnectedType):
                continue
            if isinstance(g, Variable) and isinstance(g.type, NullType):
                if not _is_discrete(inp):
                    grads.setdefault(inp, []).append(g)
                continue
            g = as_tensor_variable(g)
            # Gradients of integer variables stay real-valued (Theano 1.0 returned them).
            if hasattr(inp.type, "dtype") and g.type.dtype != inp.type.dtype \
                    and not _is_discrete(inp):
                g = cast(g, inp.type.dtype)
            if getattr(inp.type, "broadcastable", None) is not None \
                    and g.broadcastable != inp.broadcastable and g.ndim == inp.ndim:
                g = patternbroadcast(g, inp.broadcastable)
            grads.setdefault(inp, []).append(g)

    results = []
    for w in wrt_list:
        terms = grads.get(w)
        if not terms:
            message = (
                "grad method was asked to compute the gradient with respect to a variable "
                "that is not part of the computational graph of the cost, or is used only "
                f"by a non-differentiable operator: {w}"
            )
            if disconnected_inputs == "raise":
                raise DisconnectedInputError(message)
            if disconnected_inputs == "warn":
                import warnings

                warnings.warn(message, stacklevel=2)
            elif disconnected_inputs != "ignore":
                raise ValueError(
                    "Invalid value for keyword 'disconnected_inputs', valid values are "
                    f"'ignore', 'warn' and 'raise'; got {disconnected_inputs!r}"
                )
            if return_disconnected == "zero":
                results.append(_zeros_like(w))
            elif return_disconnected == "None":
                results.append(None)
            else:
                results.append(disconnected_type())
            continue
        nulls = [t for t in terms if isinstance(t.type, NullType)]
        if nulls:
            if null_gradients == "raise":
                raise NullTypeGradError(f"grad encountered a NaN/undefined gradient for {w}: "
                                        f"{nulls[0].type.why_null}")
            results.append(nulls[0])
            continue
        g = _sum_terms(terms)
        if add_names and getattr(w, "name", None) and cost is not None and cost.name:
            g = g if g.name is None else _identity_copy(g)
            g.name = f"(d{cost.name}/d{w.name})"
        results.append(g)
    return results[0] if single else results


def _identity_copy(g):
    from theano.tensor.math import identity

    return identity(g)


def _sum_terms(terms):
    if len(terms) == 1:
        return terms[0]
    from theano.tensor.math import add

    return add(*terms)


# ----------------------------------------------------------------------------------
# Gradient-shaping ops


class ViewOp(Op):
    """Identity (returns its input); subclasses change only the gradient."""

    __props__ = ()
    view_map = {0: [0]}

    def make_node(self, x):
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0]

    def infer_shape(self, fgraph, node, shapes):
        return shapes

    def L_op(self, inputs, outputs, output_grads):
        return output_grads


class ZeroGrad(ViewOp):
    def L_op(self, inputs, outputs, output_grads):
        return [_zeros_like(inputs[0])]


class DisconnectedGrad(ViewOp):
    def L_op(self, inputs, outputs, output_grads):
        return [disconnected_type()]

    def connection_pattern(self, node):
        return [[False]]


class GradClip(ViewOp):
    __props__ = ("clip_lower_bound", "clip_upper_bound")

    def __init__(self, clip_lower_bound, clip_upper_bound):
        self.clip_lower_bound = clip_lower_bound
        self.clip_upper_bound = clip_upper_bound
        if clip_upper_bound < clip_lower_bound:
            raise ValueError("`clip_upper_bound` should be >= `clip_lower_bound`")

    def L_op(self, inputs, outputs, output_grads):
        from theano.tensor.math import clip

        return [clip(output_grads[0], self.clip_lower_bound, self.clip_upper_bound)]


class GradScale(ViewOp):
    __props__ = ("multiplier",)

    def __init__(self, multiplier):
        self.multiplier = multiplier

    def L_op(self, inputs, outputs, output_grads):
        return [output_grads[0] * self.multiplier]


def zero_grad(x):
    """``x`` in the forward pass; a zero gradient in the backward pass."""
    return ZeroGrad()(x)


def disconnected_grad(x):
    """``x`` in the forward pass; no gradient flows back through it."""
    return DisconnectedGrad()(x)


consider_constant = disconnected_grad


def grad_clip(x, lower_bound, upper_bound):
    """``x`` in the forward pass; its gradient clipped to [lower_bound, upper_bound]."""
    return GradClip(lower_bound, upper_bound)(x)


def grad_scale(x, multiplier):
    """``x`` in the forward pass; its gradient multiplied by ``multiplier``."""
    return GradScale(multiplier)(x)


# ----------------------------------------------------------------------------------
# Numerical verification


def numeric_grad(f, pt, eps):
    """Central finite differences of the scalar function ``f`` at the arrays ``pt``."""
    grads = []
    for i, p in enumerate(pt):
        g = np.zeros_like(p, dtype="float64")
        flat = p.reshape(-1)
        gflat = g.reshape(-1)
        for j in range(flat.size):
            orig = flat[j]
            flat[j] = orig + eps
            fp = float(f(*pt))
            flat[j] = orig - eps
            fm = float(f(*pt))
            flat[j] = orig
            gflat[j] = (fp - fm) / (2 * eps)
        grads.append(g)
    return grads


def verify_grad(fun, pt, n_tests=2, rng=None, eps=None, out_type=None, abs_tol=None,
                rel_tol=None, mode=None, cast_to_output_type=False, no_debug_ref=True):
    """Check ``theano.grad`` of ``fun`` at ``pt`` against finite differences.

    ``fun`` takes symbolic inputs (one per array in ``pt``) and returns a Variable;
    its output is projected on a random direction to make a scalar cost.  Raises
    GradientError when the two gradients differ beyond the tolerances.
    """
    from theano.compile.function import function
    from theano.tensor.basic import TensorType, as_tensor_variable

    if rng is None:
        rng = np.random.RandomState(42)
    pt = [np.array(p, dtype=p.dtype if isinstance(p, np.ndarray) else "float64") for p in pt]
    dtype = pt[0].dtype.name if pt else "float64"
    if eps is None:
        eps = 1e-7 if dtype == "float64" else 3e-4
    if abs_tol is None:
        abs_tol = 1e-4 if dtype == "float64" else 1e-2
    if rel_tol is None:
        rel_tol = 1e-4 if dtype == "float64" else 1e-2
    tensor_pt = [TensorType(p.dtype.name, (False,) * p.ndim)(f"input {i}")
                 for i, p in enumerate(pt)]
    out = as_tensor_variable(fun(*tensor_pt))
    for _ in range(n_tests):
        proj = rng.rand(*[int(s) for s in function(tensor_pt, out.shape, mode=mode,
                                                    on_unused_input="ignore")(*pt)])
        proj = np.asarray(proj, dtype=out.dtype)
        cost = (out * proj).sum() if out.ndim else out * proj
        cost_fn = function(tensor_pt, cost, mode=mode, on_unused_input="ignore")
        g = grad(cost, tensor_pt, disconnected_inputs="ignore")
        grad_fn = function(tensor_pt, g, mode=mode, on_unused_input="ignore")
        analytic = grad_fn(*pt)
        numeric = numeric_grad(cost_fn, [p.copy() for p in pt], eps)
        for i, (a, n) in enumerate(zip(analytic, numeric)):
            a = np.asarray(a, dtype="float64")
            abs_err = np.abs(a - n)
            rel_err = abs_err / np.maximum(np.abs(a) + np.abs(n), 1e-8)
            bad = (abs_err > abs_tol) & (rel_err > rel_tol)
            if np.any(bad):
                pos = int(np.argmax(np.where(bad, abs_err, -1).reshape(-1)))
                raise GradientError(i, pos, a.shape, a.reshape(-1)[pos], n.reshape(-1)[pos],
                                    abs_err.reshape(-1)[pos], rel_err.reshape(-1)[pos],
                                    abs_tol, rel_tol)



def jacobian(expression, wrt, consider_constant=None, disconnected_inputs="raise"):
    """Jacobian of a vector ``expression`` wrt ``wrt`` (rows: output elements), via scan."""
    from theano.scan.jacobian import jacobian as scan_jacobian

    return scan_jacobian(expression, wrt, consider_constant, disconnected_inputs)


def hessian(cost, wrt, consider_constant=None, disconnected_inputs="raise"):
    """Hessian of the scalar ``cost`` wrt each vector in ``wrt``, via scan."""
    from theano.scan.jacobian import hessian as scan_hessian

    return scan_hessian(cost, wrt, consider_constant, disconnected_inputs)


def Lop(f, wrt, eval_points, consider_constant=None, disconnected_inputs="raise"):
    """Vector-Jacobian product: ``eval_points`` times the Jacobian of ``f`` wrt ``wrt``."""
    fs = f if isinstance(f, (list, tuple)) else [f]
    eps = eval_points if isinstance(eval_points, (list, tuple)) else [eval_points]
    return grad(None, wrt, consider_constant=consider_constant,
                disconnected_inputs=disconnected_inputs, known_grads=dict(zip(fs, eps)))


def Rop(f, wrt, eval_points):
    """Jacobian-vector product of ``f`` wrt ``wrt`` in direction ``eval_points``.

    Computed as a Lop of a Lop (the transpose trick): exact, and needs no R_op
    on each op.
    """
    from theano.tensor.basic import as_tensor_variable

    single_f = not isinstance(f, (list, tuple))
    fs = [f] if single_f else list(f)
    wrts = wrt if isinstance(wrt, (list, tuple)) else [wrt]
    eps = eval_points if isinstance(eval_points, (list, tuple)) else [eval_points]
    results = []
    for out in fs:
        u = out.type()  # dummy cotangent
        vjp = Lop(out, wrts, u)
        inner = sum((v * as_tensor_variable(e)).sum() for v, e in zip(vjp, eps))
        jvp = grad(inner, u, disconnected_inputs="ignore")
        # The result is linear in u, but may still read u's shape: give it out's shape.
        results.append(clone_replace(jvp, {u: _zeros_like(out)}))
    return results[0] if single_f else results
