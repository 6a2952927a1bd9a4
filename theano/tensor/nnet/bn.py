"""Batch normalization (``theano.tensor.nnet.bn``): the element-wise form and the train/test ops.

``batch_normalization`` is one element-wise op over given statistics.  The train and test
forms are ops over chosen axes (``AbstractBatchNormTrain`` computes the batch mean and
inverse std, ``AbstractBatchNormInference`` uses given ones), each with its gradient; the
gradient of the train op is itself an op (``AbstractBatchNormTrainGrad``) with its own
gradient, so second derivatives work.
"""

import numpy as np

from theano.configparser import config
from theano.graph.basic import Apply
from theano.graph.op import Op
from theano.scalar.basic import (
    ScalarOp,
    discrete_dtypes,
    get_scalar_type,
    upcast,
    upgrade_to_float,
)
from theano.tensor.alloc import zeros_like
from theano.tensor.basic import addbroadcast, as_tensor_variable, cast, patternbroadcast
from theano.tensor.elemwise import Elemwise
from theano.tensor.math import fill, sqrt
from theano.tensor.nnet.nnet import _is_dead
from theano.tensor.reduction import mean as tmean
from theano.tensor.reduction import sum as tsum

__all__ = [
    "AbstractBatchNormInference",
    "AbstractBatchNormTrain",
    "AbstractBatchNormTrainGrad",
    "BNComposite",
    "batch_normalization",
    "batch_normalization_test",
    "batch_normalization_train",
]


def _disconnected():
    from theano.gradient import DisconnectedType

    return DisconnectedType()()


# -- the element-wise form ------------------------------------------------------------------


class BNComposite(ScalarOp):
    """``(x - mean) / std * gamma + beta`` as one scalar op (Theano's fused Composite)."""

    nin = 5
    __props__ = ("dtype",)

    def __init__(self, dtype):
        self.dtype = dtype
        self.output_types_preference = None
        self.name = "Composite{((((i0 - i1) / i2) * i3) + i4)}"

    def output_types(self, types):
        dtype = upcast(*[t.dtype for t in types])
        if dtype in discrete_dtypes:
            return upgrade_to_float(get_scalar_type(dtype))
        return [get_scalar_type(dtype)]

    def impl(self, x, mean, std, gamma, beta):
        return (x - mean) / std * gamma + beta

    def L_op(self, inputs, outputs, output_grads):
        x, mean, std, gamma, _ = inputs
        (gz,) = output_grads
        gz_gamma = gz * gamma
        x_mean = x - mean
        dx = gz_gamma / std
        dstd = -(gz_gamma * x_mean) / (std * std)
        return [dx, -dx, dstd, gz * x_mean / std, gz]


_bn_elemwise = {}


def batch_normalization(inputs, gamma, beta, mean, std, mode="low_mem"):
    """Normalise ``inputs`` with given statistics: ``(inputs - mean) * gamma / std + beta``.

    Parameters
    ----------
    inputs : tensor
        Activations.
    gamma, beta, mean, std : tensors
        Scale, shift and statistics; same number of dimensions as ``inputs`` and
        broadcastable against it (e.g. rows for a matrix of activations).
    mode : {'low_mem', 'high_mem'}
        'low_mem' is one element-wise op keeping no intermediate values; 'high_mem'
        builds ``(inputs - mean) * (gamma / std) + beta`` from separate ops.  Same values.

    Returns
    -------
    TensorVariable
        The broadcast shape; dtype the upcast of the inputs'.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> from theano.tensor.nnet.bn import batch_normalization
    >>> x = T.constant(np.array([[1., 2.], [3., 6.]]))
    >>> m = T.constant(np.array([[2., 4.]]))
    >>> s = T.constant(np.array([[1., 2.]]))
    >>> batch_normalization(x, 1 + 0 * s, 0 * m, m, s).eval()
    array([[-1., -1.],
           [ 1.,  1.]])
    """
    inputs = as_tensor_variable(inputs)
    if mode == "low_mem":
        op = _bn_elemwise.get(inputs.dtype)
        if op is None:
            op = _bn_elemwise[inputs.dtype] = Elemwise(BNComposite(dtype=inputs.dtype))
        return op(inputs, mean, std, gamma, beta)
    if mode == "high_mem":
        return (inputs - mean) * (gamma / std) + beta
    raise ValueError('mode must be either "low_mem", "high_mem"')


# -- train and test forms over axes -------------------------------------------------------


def _prepare_axes(axes, ndim):
    """``axes`` as a sorted tuple, and the axes not normalised over."""
    if isinstance(axes, str) and axes == "per-activation":
        axes = (0,)
    elif isinstance(axes, str) and axes == "spatial":
        axes = (0,) + tuple(range(2, ndim))
    elif isinstance(axes, (tuple, list, np.ndarray)):
        axes = tuple(int(a) for a in axes)
    else:
        raise ValueError(
            f"invalid axes: {axes!r} (expected 'per-activation', 'spatial' or a tuple of ints)"
        )
    axes = tuple(sorted(axes))
    if len(axes) == 0:
        raise ValueError("there should be at least one normalization axis")
    if min(axes) < 0 or max(axes) >= ndim:
        raise ValueError(f"axes should be less than ndim (<{ndim}), but {axes} given")
    non_bc_axes = tuple(i for i in range(ndim) if i not in axes)
    return axes, non_bc_axes


def _check_epsilon(epsilon):
    # compared after the cast to floatX: float32(1e-5) is just below 1e-5
    epsilon = np.asarray(epsilon, dtype=config.floatX)
    if epsilon < 1e-5:
        raise ValueError(f"epsilon must be at least 1e-5, got {epsilon}")
    return epsilon


def _params_layout(gamma, ndim, non_bc_axes):
    """The number of dimensions of the parameters and, if reduced, the dimshuffle to x's."""
    if gamma.ndim == ndim:
        return ndim, None
    pattern = ["x"] * ndim
    for i, axis in enumerate(non_bc_axes):
        pattern[axis] = i
    return len(non_bc_axes), pattern


def _broadcast_param(p, pattern, axes):
    p = as_tensor_variable(p)
    if pattern is not None:
        return p.dimshuffle(pattern)
    return addbroadcast(p, *axes)


def batch_normalization_train(inputs, gamma, beta, axes="per-activation", epsilon=1e-4,
                              running_average_factor=0.1, running_mean=None, running_var=None):
    """Normalise ``inputs`` with the mean and variance of the batch over ``axes``.

    Parameters
    ----------
    inputs : tensor
    gamma, beta : tensors
        Scale and shift: either with one dimension per non-normalised axis, or with all
        of ``inputs``' dimensions (length 1 along ``axes``).
    axes : 'per-activation', 'spatial' or tuple of ints
        'per-activation' is ``(0,)``; 'spatial' is ``(0, 2, 3, ...)``.
    epsilon : float
        Added to the variance; at least 1e-5.
    running_average_factor : float
        Weight of the batch statistics in the new running averages.
    running_mean, running_var : tensors or None
        Previous running averages (both or neither), laid out like ``gamma``.

    Returns
    -------
    tuple
        ``(out, mean, invstd)`` and, with running averages given, ``new_running_mean``
        ``= running_mean * (1 - f) + mean * f`` and ``new_running_var`` ``= running_var *
        (1 - f) + m / (m - 1) * var * f`` (m: number of values averaged).  ``out`` is
        ``(inputs - mean) * gamma * invstd + beta`` with ``invstd = 1 / sqrt(var + eps)``.
    """
    inputs = as_tensor_variable(inputs)
    gamma = as_tensor_variable(gamma)
    beta = as_tensor_variable(beta)
    ndim = inputs.ndim
    axes, non_bc_axes = _prepare_axes(axes, ndim)
    params_ndim, pattern = _params_layout(gamma, ndim, non_bc_axes)
    if gamma.ndim != params_ndim or beta.ndim != params_ndim:
        raise ValueError(
            "gamma and beta dimensionality must match the number of non-normalized axes, or "
            f"have the same number of dimensions as the inputs; got {gamma.ndim} and "
            f"{beta.ndim} instead of {params_ndim}"
        )
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean and running_var must either both be given or both be "
                         "None")
    if running_mean is not None:
        running_mean = as_tensor_variable(running_mean)
        running_var = as_tensor_variable(running_var)
        for name, r in (("running_mean", running_mean), ("running_var", running_var)):
            if r.ndim != params_ndim:
                raise ValueError(
                    f"{name} must be of the same dimensionality as gamma and beta; got "
                    f"{r.ndim} instead of {params_ndim}"
                )
    epsilon = _check_epsilon(epsilon)
    gamma = _broadcast_param(gamma, pattern, axes)
    beta = _broadcast_param(beta, pattern, axes)
    op = AbstractBatchNormTrain(axes=axes)
    if running_mean is not None:
        rm = _broadcast_param(running_mean, pattern, axes)
        rv = _broadcast_param(running_var, pattern, axes)
        out, mean, invstd, new_rm, new_rv = op(
            inputs, gamma, beta, epsilon=epsilon,
            running_average_factor=running_average_factor, running_mean=rm, running_var=rv)
        if new_rm.broadcastable != rm.broadcastable:
            new_rm = patternbroadcast(new_rm, rm.broadcastable)
        if new_rv.broadcastable != rv.broadcastable:
            new_rv = patternbroadcast(new_rv, rv.broadcastable)
        results = [out, mean, invstd, new_rm, new_rv]
    else:
        results = list(op(inputs, gamma, beta, epsilon=epsilon))
    if pattern is not None:
        # statistics in the parameters' layout (the normalised axes dropped)
        results = [results[0]] + [r.dimshuffle(non_bc_axes) for r in results[1:]]
    return tuple(results)


def batch_normalization_test(inputs, gamma, beta, mean, var, axes="per-activation",
                             epsilon=1e-4):
    """Normalise ``inputs`` with given statistics: ``(inputs - mean) * gamma / sqrt(var +
    epsilon) + beta``, the parameters laid out as in :func:`batch_normalization_train`.

    Parameters
    ----------
    inputs : tensor
    gamma, beta, mean, var : tensors
        One dimension per non-normalised axis, or all of ``inputs``' dimensions.
    axes : 'per-activation', 'spatial' or tuple of ints
    epsilon : float
        At least 1e-5.

    Returns
    -------
    TensorVariable
        Normalised ``inputs``.
    """
    inputs = as_tensor_variable(inputs)
    gamma, beta, mean, var = (as_tensor_variable(v) for v in (gamma, beta, mean, var))
    ndim = inputs.ndim
    axes, non_bc_axes = _prepare_axes(axes, ndim)
    params_ndim, pattern = _params_layout(gamma, ndim, non_bc_axes)
    if gamma.ndim != params_ndim or beta.ndim != params_ndim:
        raise ValueError(
            "gamma and beta dimensionality must match the number of non-normalized axes, or "
            f"have the same number of dimensions as the inputs; got {gamma.ndim} and "
            f"{beta.ndim} instead of {params_ndim}"
        )
    if mean.ndim != params_ndim or var.ndim != params_ndim:
        raise ValueError(
            "mean and var must be of the same dimensionality as gamma and beta; got "
            f"{mean.ndim} and {var.ndim} instead of {params_ndim}"
        )
    epsilon = _check_epsilon(epsilon)
    gamma, beta, mean, var = (_broadcast_param(v, pattern, axes)
                              for v in (gamma, beta, mean, var))
    return AbstractBatchNormInference(axes=axes)(inputs, gamma, beta, mean, var,
                                                 epsilon=epsilon)


def _common_dtype(*variables):
    """The variables cast to their upcast dtype (Theano's ``as_common_dtype``)."""
    dtype = upcast(*[v.dtype for v in variables])
    return [v if v.dtype == dtype else cast(v, dtype) for v in variables]


def _check_axes(op, axes):
    if not isinstance(axes, (tuple, list)) or len(axes) == 0:
        raise ValueError(f"{op}: axes must be a non-empty tuple of ints, got {axes!r}")
    return tuple(int(a) for a in axes)


def _check_ndims(opname, names, variables):
    nd = variables[0].ndim
    if any(v.ndim != nd for v in variables):
        got = ", ".join(f"{n}: {v.type}" for n, v in zip(names, variables))
        raise TypeError(f"{opname}: inputs must have the same number of dimensions; got {got}")


def _check_runtime_axes(opname, axes, ndim):
    if min(axes) < 0 or max(axes) >= ndim:
        raise ValueError(f"{opname}: axes should be less than ndim (<{ndim}), but {axes} given")


def _count(x, axes):
    """Number of values each statistic averages, as a scalar of x's dtype."""
    m = x.shape[axes[0]]
    for a in axes[1:]:
        m = m * x.shape[a]
    return cast(m, x.dtype)


class AbstractBatchNormTrain(Op):
    """Batch normalization over ``axes`` with the batch's statistics.

    Inputs ``(x, scale, bias, epsilon, running_average_factor[, running_mean,
    running_var])``; the parameters have x's number of dimensions, length 1 along
    ``axes``.  Outputs ``(out, mean, invstd[, new_running_mean, new_running_var])``.
    """

    __props__ = ("axes",)

    def __init__(self, axes=(0,)):
        self.axes = _check_axes("AbstractBatchNormTrain", axes)

    def make_node(self, x, scale, bias, epsilon=1e-4, running_average_factor=0.1,
                  running_mean=None, running_var=None):
        x, scale, bias = (as_tensor_variable(v) for v in (x, scale, bias))
        epsilon = as_tensor_variable(epsilon)
        running_average_factor = as_tensor_variable(running_average_factor)
        if (running_mean is None) != (running_var is None):
            raise ValueError("AbstractBatchNormTrain: running_mean and running_var must "
                             "either both be given or both be None")
        names = ["x", "scale", "bias"]
        tensors = [x, scale, bias]
        if running_mean is not None:
            names += ["running_mean", "running_var"]
            tensors += [as_tensor_variable(running_mean), as_tensor_variable(running_var)]
        _check_ndims("AbstractBatchNormTrain", names, tensors)
        tensors = _common_dtype(*tensors)  # epsilon and the factor keep their dtype
        x, scale, bias = tensors[:3]
        inputs = [x, scale, bias, epsilon, running_average_factor] + tensors[3:]
        outputs = [x.type(), scale.type(), scale.type()]
        outputs += [scale.type() for _ in tensors[3:]]
        return Apply(self, inputs, outputs)

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]] + [shapes[1]] * (len(node.outputs) - 1)

    def perform(self, node, inputs, output_storage):
        x, scale, bias, epsilon, factor = inputs[:5]
        axes = self.axes
        _check_runtime_axes("AbstractBatchNormTrain", axes, x.ndim)
        dtypes = [o.type.dtype for o in node.outputs]
        mean = x.mean(axis=axes, keepdims=True)
        diff = x - mean
        var = np.mean(diff * diff, axis=axes, keepdims=True)
        invstd = 1.0 / np.sqrt(var + epsilon)
        out = diff * (scale * invstd) + bias
        output_storage[0][0] = np.asarray(out, dtype=dtypes[0])
        output_storage[1][0] = np.asarray(mean, dtype=dtypes[1])
        output_storage[2][0] = np.asarray(invstd, dtype=dtypes[2])
        if len(inputs) > 5:
            running_mean, running_var = inputs[5:]
            m = x.size / max(scale.size, 1)
            new_mean = running_mean * (1.0 - factor) + mean * factor
            new_var = running_var * (1.0 - factor) + (m / (m - 1)) * var * factor
            output_storage[3][0] = np.asarray(new_mean, dtype=dtypes[3])
            output_storage[4][0] = np.asarray(new_var, dtype=dtypes[4])

    def L_op(self, inputs, outputs, output_grads):
        x, scale, bias, epsilon, factor = inputs[:5]
        _, x_mean, x_invstd = outputs[:3]
        dy = output_grads[0]
        axes = self.axes
        if _is_dead(dy):
            g_x, g_scale, g_bias = zeros_like(x), zeros_like(scale), zeros_like(bias)
        else:
            g_x, g_scale, g_bias = AbstractBatchNormTrainGrad(axes)(
                x, dy, scale, x_mean, x_invstd, epsilon)
        # gradients reaching x through the returned statistics (rarely used)
        extra = []
        g_mean, g_invstd = output_grads[1:3]
        m = None if all(_is_dead(g) for g in output_grads[1:]) else _count(x, axes)
        if not _is_dead(g_mean):
            extra.append(g_mean / m)
        if not _is_dead(g_invstd):
            extra.append(-g_invstd * x_invstd ** 3 * (x - x_mean) / m)
        running = [_disconnected(), _disconnected()]
        if len(inputs) > 5:
            g_new_mean, g_new_var = output_grads[3:5]
            running = []
            if _is_dead(g_new_mean):
                running.append(_disconnected())
            else:
                extra.append(factor * g_new_mean / m)
                running.append((1 - factor) * g_new_mean)
            if _is_dead(g_new_var):
                running.append(_disconnected())
            else:
                extra.append(factor * 2 * (x - x_mean) * g_new_var / (m - 1))
                running.append((1 - factor) * g_new_var)
        for term in extra:
            g_x = g_x + term
        grads = [g_x, g_scale, g_bias, _disconnected(), _disconnected()]
        return grads + (running if len(inputs) > 5 else [])

    def connection_pattern(self, node):
        patterns = [[True, True, True], [True, True, True], [True, True, True],
                    [False, False, False], [False, False, False]]
        # running_mean and running_var reach only their new values
        for i in range(5, len(node.inputs)):
            patterns[0].append(True)
            for pattern in patterns[1:]:
                pattern.append(False)
            patterns.append([False] * (3 + i - 5) + [True])
        return patterns


class AbstractBatchNormInference(Op):
    """Batch normalization with given statistics: ``(x - mean) * scale / sqrt(var + eps) +
    bias``; inputs ``(x, scale, bias, estimated_mean, estimated_variance, epsilon)``."""

    __props__ = ("axes",)

    def __init__(self, axes=(0,)):
        self.axes = _check_axes("AbstractBatchNormInference", axes)

    def make_node(self, x, scale, bias, estimated_mean, estimated_variance, epsilon=1e-4):
        tensors = [as_tensor_variable(v)
                   for v in (x, scale, bias, estimated_mean, estimated_variance)]
        epsilon = as_tensor_variable(epsilon)
        _check_ndims("AbstractBatchNormInference",
                     ["x", "scale", "bias", "estimated_mean", "estimated_variance"], tensors)
        tensors = _common_dtype(*tensors)
        return Apply(self, tensors + [epsilon], [tensors[0].type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0]]

    def perform(self, node, inputs, output_storage):
        x, scale, bias, mean, var, epsilon = inputs
        out = (x - mean) * (scale / np.sqrt(var + epsilon)) + bias
        output_storage[0][0] = np.asarray(out, dtype=node.outputs[0].type.dtype)

    def grad(self, inputs, output_grads):
        x, scale, bias, mean, var, epsilon = inputs
        (dy,) = output_grads
        axes = self.axes
        _check_runtime_axes("AbstractBatchNormInference", axes, x.ndim)
        scale, bias, mean, var = (addbroadcast(t, *axes) for t in (scale, bias, mean, var))
        var_eps = var + epsilon
        std = sqrt(var_eps)
        dy_diff = tsum(dy * (x - mean), axis=axes, keepdims=True)
        g_x = dy * (scale / std)
        g_scale = dy_diff / std
        g_bias = tsum(dy, axis=axes, keepdims=True)
        g_mean = -g_bias * (scale / std)
        g_var = -dy_diff * (scale / (2 * var_eps * std))
        return [g_x, g_scale, g_bias, g_mean, g_var, _disconnected()]

    def connection_pattern(self, node):
        return [[True], [True], [True], [True], [True], [False]]


class AbstractBatchNormTrainGrad(Op):
    """Gradient of AbstractBatchNormTrain wrt ``(x, scale, bias)`` given ``dy``.

    Inputs ``(x, dy, scale, x_mean, x_invstd, epsilon)``; with ``d = x - x_mean``,
    ``r = x_invstd`` and ``c = dy * r - d * mean(dy * d) * r**3``: ``g_x = scale * (c -
    mean(c))``, ``g_scale = sum(dy * r * d)``, ``g_bias = sum(dy)`` (means and sums over
    ``axes``).
    """

    __props__ = ("axes",)

    def __init__(self, axes=(0,)):
        self.axes = _check_axes("AbstractBatchNormTrainGrad", axes)

    def make_node(self, x, dy, scale, x_mean, x_invstd, epsilon=1e-4):
        tensors = [as_tensor_variable(v) for v in (x, dy, scale, x_mean, x_invstd)]
        epsilon = as_tensor_variable(epsilon)
        _check_ndims("AbstractBatchNormTrainGrad", ["x", "dy", "scale", "x_mean", "x_invstd"],
                     tensors)
        tensors = _common_dtype(*tensors)
        x, dy, scale = tensors[:3]
        return Apply(self, tensors + [epsilon], [x.type(), scale.type(), scale.type()])

    def infer_shape(self, fgraph, node, shapes):
        return [shapes[0], shapes[2], shapes[2]]

    def perform(self, node, inputs, output_storage):
        x, dy, scale, x_mean, x_invstd, _ = inputs
        axes = self.axes
        _check_runtime_axes("AbstractBatchNormTrainGrad", axes, x.ndim)
        diff = x - x_mean
        mean_dy_diff = np.mean(dy * diff, axis=axes, keepdims=True)
        c = dy * x_invstd - diff * mean_dy_diff * x_invstd ** 3
        g_x = scale * (c - np.mean(c, axis=axes, keepdims=True))
        g_scale = np.sum(dy * x_invstd * diff, axis=axes, keepdims=True)
        g_bias = np.sum(dy, axis=axes, keepdims=True)
        for storage, out, value in zip(output_storage, node.outputs, (g_x, g_scale, g_bias)):
            storage[0] = np.asarray(value, dtype=out.type.dtype)

    def grad(self, inputs, output_grads):
        # L = sum(G * g_x) + sum(H * g_scale) + sum(K * g_bias), differentiated wrt each input
        x, dy, scale, x_mean, x_invstd, _ = inputs
        gg_x, gg_scale, gg_bias = output_grads
        axes = self.axes
        diff = x - x_mean
        mean_dy_diff = tmean(dy * diff, axis=axes, keepdims=True)
        g = {"x": [], "dy": [], "scale": [], "x_mean": [], "x_invstd": []}
        if not _is_dead(gg_x):
            cg = scale * (gg_x - tmean(gg_x, axis=axes, keepdims=True))
            mean_cg_diff = tmean(cg * diff, axis=axes, keepdims=True)
            r3 = x_invstd ** 3
            ddd = r3 * (cg * mean_dy_diff + dy * mean_cg_diff)
            c = dy * x_invstd - r3 * diff * mean_dy_diff
            g["x"].append(-ddd)
            g["dy"].append(cg * x_invstd - r3 * diff * mean_cg_diff)
            g["scale"].append(tsum(gg_x * (c - tmean(c, axis=axes, keepdims=True)), axis=axes,
                                   keepdims=True))
            g["x_mean"].append(tsum(ddd, axis=axes, keepdims=True))
            g["x_invstd"].append(tsum(cg * (dy - 3 * x_invstd ** 2 * diff * mean_dy_diff),
                                      axis=axes, keepdims=True))
        if not _is_dead(gg_scale):
            g["x"].append(x_invstd * gg_scale * dy)
            g["dy"].append(x_invstd * gg_scale * diff)
            g["x_mean"].append(-x_invstd * gg_scale * tsum(dy, axis=axes, keepdims=True))
            g["x_invstd"].append(gg_scale * tsum(dy * diff, axis=axes, keepdims=True))
        if not _is_dead(gg_bias):
            g["dy"].append(fill(dy, gg_bias))
        results = []
        for name in ("x", "dy", "scale", "x_mean", "x_invstd"):
            terms = g[name]
            if not terms:
                results.append(_disconnected())
                continue
            total = terms[0]
            for t in terms[1:]:
                total = total + t
            results.append(total)
        return results + [_disconnected()]

    def connection_pattern(self, node):
        return [[True, True, False], [True, True, True], [True, False, False],
                [True, True, False], [True, True, False], [False, False, False]]
