"""Logistic-family activations: sigmoid, its fast approximations, and softplus."""

import numpy as np

from theano import scalar as scal
from theano.scalar.basic import (
    UnaryScalarOp,
    _const,
    _float_in,
    _is_discrete,
    _zero_grads,
)
from theano.tensor.basic import as_tensor_variable, constant
from theano.tensor.elemwise import Elemwise, _elemwise_of
from theano.tensor.math import clip


def _expit():
    import scipy.special

    return scipy.special.expit


# -- sigmoid ---------------------------------------------------------------------------


class ScalarSigmoid(UnaryScalarOp):
    """The logistic function ``1 / (1 + exp(-x))``, computed without overflow."""

    nfunc_spec = ("scipy.special.expit", 1, 1)

    def impl(self, x):
        x = _float_in(x)
        if x.dtype == np.float16:
            # scipy has no float16 loop: compute in float32 like Theano.
            return _expit()(x.astype(np.float32)).astype(np.float16)
        return _expit()(x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        # d/dx sigmoid(x) = sigmoid(x) (1 - sigmoid(x)): reuse the output
        (y,) = outputs
        return [scal.mul(output_grads[0], y, scal.sub(_const(1, y), y))]


scalar_sigmoid = ScalarSigmoid(scal.upgrade_to_float, name="scalar_sigmoid")
sigmoid = Elemwise(scalar_sigmoid, name="sigmoid")
sigmoid.__doc__ = """Element-wise logistic function ``1 / (1 + exp(-x))``.

Integers give float32 up to 16 bits, else float64 (like ``exp``).  Stable at any
input: ``sigmoid(-800)`` is 0 and ``sigmoid(800)`` is 1, without overflow warnings.
The gradient is ``sigmoid(x) * (1 - sigmoid(x))``.
"""
_elemwise_of[scalar_sigmoid] = sigmoid

sigmoid_inplace = Elemwise(
    ScalarSigmoid(scal.transfer_type(0), name="scalar_sigmoid"),
    inplace_pattern={0: 0},
    name="sigmoid_inplace",
)


# -- ultra_fast_sigmoid ---------------------------------------------------------------

# Piecewise approximation of tanh(h) for h >= 0 (Theano 1.0's constants).
_UFS_KNEE = 1.7
_UFS_END = 3.0
_UFS_OFFSET = 0.935409070603099
_UFS_SLOPE = 0.0458812946797165
_UFS_TOP = 0.99505475368673


class UltraFastScalarSigmoid(UnaryScalarOp):
    """A cheap piecewise approximation of the sigmoid (absolute error below 0.03).

    ``sigmoid(x) = (1 + tanh(x / 2)) / 2`` with tanh replaced by ``1.5 h / (1 + h)`` for
    ``|h| < 1.7``, a straight line up to ``|h| = 3``, and a constant beyond.
    """

    def impl(self, x):
        x = _float_in(x)
        h = x * 0.5
        a = np.abs(h)
        z = np.where(
            a < _UFS_KNEE,
            1.5 * a / (1 + a),
            np.where(a < _UFS_END, _UFS_OFFSET + _UFS_SLOPE * (a - _UFS_KNEE), _UFS_TOP),
        )
        z = np.where(h < 0, -z, z)
        return (0.5 * (z + 1)).astype(x.dtype, copy=False)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        # d/dx = 0.25 * tanh_approx'(|x| / 2), the derivative of each piece
        (x,) = inputs
        (y,) = outputs
        a = scal.abs_(scal.mul(x, _const(0.5, y)))
        inner = scal.true_div(_const(1.5, y), scal.sqr(scal.add(_const(1, y), a)))
        middle = scal.switch(scal.lt(a, _const(_UFS_END, y)), _const(_UFS_SLOPE, y),
                             _const(0, y))
        dz = scal.switch(scal.lt(a, _const(_UFS_KNEE, y)), inner, middle)
        return [scal.mul(output_grads[0], _const(0.25, y), dz)]


ultra_fast_scalar_sigmoid = UltraFastScalarSigmoid(
    scal.upgrade_to_float, name="ultra_fast_scalar_sigmoid"
)
ultra_fast_sigmoid = Elemwise(ultra_fast_scalar_sigmoid, name="ultra_fast_sigmoid")
ultra_fast_sigmoid.__doc__ = """Element-wise piecewise approximation of ``sigmoid``.

Faster than ``sigmoid`` on backends that compile it, less accurate (error < 0.03).
Same dtype rule as ``sigmoid``; differentiable (the derivative of the approximation).
"""
_elemwise_of[ultra_fast_scalar_sigmoid] = ultra_fast_sigmoid

ultra_fast_sigmoid_inplace = Elemwise(
    UltraFastScalarSigmoid(scal.transfer_type(0), name="ultra_fast_scalar_sigmoid"),
    inplace_pattern={0: 0},
    name="ultra_fast_sigmoid_inplace",
)


def hard_sigmoid(x):
    """Element-wise linear approximation of the sigmoid: ``clip(0.2 * x + 0.5, 0, 1)``.

    Parameters
    ----------
    x : tensor-like

    Returns
    -------
    TensorVariable
        Computed in the float dtype of ``x`` (integers: float32 up to 16 bits, else
        float64).  The gradient is 0.2 inside (-2.5, 2.5) and 0 outside.

    Examples
    --------
    >>> import numpy as np, theano.tensor as T
    >>> T.nnet.hard_sigmoid(T.constant(np.array([-3., 0., 1.]))).eval()
    array([0. , 0.5, 0.7])
    """
    x = as_tensor_variable(x)
    out_dtype = scal.upgrade_to_float(scal.get_scalar_type(x.dtype))[0].dtype
    slope = constant(0.2, dtype=out_dtype)
    shift = constant(0.5, dtype=out_dtype)
    return clip(x * slope + shift, 0, 1)


# -- softplus ---------------------------------------------------------------------------


class ScalarSoftplus(UnaryScalarOp):
    """``log(1 + exp(x))``, computed as ``log1p(exp(-|x|)) + max(x, 0)`` (never overflows)."""

    def impl(self, x):
        x = _float_in(x)
        return np.logaddexp(x.dtype.type(0), x)

    def L_op(self, inputs, outputs, output_grads):
        if _is_discrete(outputs[0]):
            return _zero_grads(inputs)
        # d/dx softplus(x) = sigmoid(x)
        return [scal.mul(output_grads[0], scalar_sigmoid(inputs[0]))]


scalar_softplus = ScalarSoftplus(scal.upgrade_to_float, name="scalar_softplus")
softplus = Elemwise(scalar_softplus, name="softplus")
softplus.__doc__ = """Element-wise ``log(1 + exp(x))``, stable for any input.

``softplus(-1000)`` is 0 and ``softplus(1000)`` is 1000.  Same dtype rule as ``sigmoid``;
the gradient is ``sigmoid(x)``.
"""
_elemwise_of[scalar_softplus] = softplus


__all__ = [
    "ScalarSigmoid",
    "ScalarSoftplus",
    "UltraFastScalarSigmoid",
    "hard_sigmoid",
    "scalar_sigmoid",
    "scalar_softplus",
    "sigmoid",
    "sigmoid_inplace",
    "softplus",
    "ultra_fast_scalar_sigmoid",
    "ultra_fast_sigmoid",
    "ultra_fast_sigmoid_inplace",
]
