"""Sigmoid, softplus, softmax and cross-entropy rewrites: the logistic written out becomes
``sigmoid``, logs of sigmoids become softplus, and softmax + cross-entropy (and its
gradient) become the fused ops computed from the logits, finite at any logit.
"""

from theano.graph.rewriting.basic import local_optimizer
from theano.tensor import math as tm
from theano.tensor.basic import cast
from theano.tensor.elemwise import DimShuffle
from theano.tensor.nnet.nnet import (
    CrossentropyCategorical1Hot,
    CrossentropyCategorical1HotGrad,
    CrossentropySoftmaxArgmax1HotWithBias,
    Softmax,
    SoftmaxGrad,
    SoftmaxWithBias,
    _zero_bias,
    crossentropy_softmax_1hot_with_bias_dx,
    crossentropy_softmax_argmax_1hot_with_bias,
    logsoftmax_op,
    softmax_with_bias,
)
from theano.tensor.nnet.sigm import sigmoid, softplus
from theano.tensor.reduction import sum as tsum
from theano.tensor.rewriting.basic import (
    like_output,
    register_specialize,
    register_stabilize,
)
from theano.tensor.rewriting.math import local_mul_canonizer
from theano.tensor.rewriting.stabilize import (
    fit_output,
    num_den,
    same_value,
    scalar_value,
    split_constant_terms,
)


def _negated(x):
    """``-x``, reading ``neg(y)`` as ``y`` (so sigmoid(-(-y)) is built as sigmoid(y))."""
    if x.owner is not None and x.owner.op == tm.neg:
        return x.owner.inputs[0]
    return tm.neg(x)


def _sigmoid_input(var):
    if var.owner is not None and var.owner.op == sigmoid:
        return var.owner.inputs[0]
    return None


def _exp_input(var):
    if var.owner is not None and var.owner.op == tm.exp:
        return var.owner.inputs[0]
    return None


def _one_plus_exp(var):
    """For ``1 + exp(z)``: z, else None."""
    split = split_constant_terms(var)
    if split is None or split[0] != 1 or len(split[1]) != 1:
        return None
    return _exp_input(split[1][0])


# ----------------------------------------------------------------------------------------
# The logistic function


@register_stabilize
@register_specialize
@local_optimizer([tm.true_div, tm.inv])
def local_inv_1_plus_exp(node):
    # 1 / (1 + exp(-x)) -> sigmoid(x);  1 / (1 + exp(x)) -> sigmoid(-x)
    if node.op == tm.true_div:
        top, bottom = node.inputs
        if scalar_value(top) != 1:
            return None
    else:
        (bottom,) = node.inputs
    z = _one_plus_exp(bottom)
    if z is None:
        return None
    return fit_output(node, sigmoid(_negated(z)))


@register_stabilize
@register_specialize
@local_optimizer([tm.true_div])
def local_exp_over_1_plus_exp(node):
    # exp(x) / (1 + exp(x)) -> sigmoid(x)
    top, bottom = node.inputs
    x = _exp_input(top)
    if x is None or _one_plus_exp(bottom) is not x:
        return None
    return fit_output(node, sigmoid(x))


@register_specialize
@local_optimizer([tm.sub])
def local_1msigmoid(node):
    # 1 - sigmoid(x) -> sigmoid(-x)
    # (specialize only: in stabilize, 1 - s must stay the factor the gradient cancels)
    one, s = node.inputs
    x = _sigmoid_input(s)
    if x is None or scalar_value(one) != 1:
        return None
    return fit_output(node, sigmoid(_negated(x)))


# ----------------------------------------------------------------------------------------
# Logs of sigmoids: softplus


@register_stabilize
@register_specialize
@local_optimizer([tm.log])
def logsigm_to_softplus(node):
    # log(sigmoid(x)) -> -softplus(-x)
    x = _sigmoid_input(node.inputs[0])
    if x is None:
        return None
    return fit_output(node, tm.neg(softplus(_negated(x))))


@register_stabilize
@register_specialize
@local_optimizer([tm.log, tm.log1p])
def log1msigm_to_softplus(node):
    # log(1 - sigmoid(x)) -> -softplus(x);  log1p(-sigmoid(x)) -> -softplus(x)
    arg = node.inputs[0]
    if arg.owner is None:
        return None
    if node.op == tm.log:
        if arg.owner.op != tm.sub or scalar_value(arg.owner.inputs[0]) != 1:
            return None
        x = _sigmoid_input(arg.owner.inputs[1])
    else:
        if arg.owner.op != tm.neg:
            return None
        x = _sigmoid_input(arg.owner.inputs[0])
    if x is None:
        return None
    return fit_output(node, tm.neg(softplus(x)))


@register_stabilize
@register_specialize
@local_optimizer([tm.log1p])
def log1pexp_to_softplus(node):
    # log1p(exp(x)) -> softplus(x)   (log(1 + exp(x)) becomes log1p(exp(x)) first)
    x = _exp_input(node.inputs[0])
    if x is None:
        return None
    return fit_output(node, softplus(x))


# ----------------------------------------------------------------------------------------
# Softmax


def _split_bias(x):
    """For ``m + b`` with ``b`` a vector broadcast over rows: (m, b), else None."""
    if x.owner is None or x.owner.op != tm.add or len(x.owner.inputs) != 2:
        return None
    for m, b in (x.owner.inputs, x.owner.inputs[::-1]):
        owner = b.owner
        if (owner is not None and isinstance(owner.op, DimShuffle)
                and owner.op.new_order == ("x", 0) and m.ndim == 2
                and not m.broadcastable[1] and m.dtype == x.dtype
                and owner.inputs[0].dtype == x.dtype):
            return m, owner.inputs[0]
    return None


@register_specialize
@local_optimizer([Softmax])
def local_softmax_with_bias(node):
    # softmax(x + b) -> softmax_with_bias(x, b)   (b a vector, one entry per column)
    split = _split_bias(node.inputs[0])
    if split is None:
        return None
    return fit_output(node, softmax_with_bias(*split))


@register_stabilize
@register_specialize
@local_optimizer([tm.log])
def local_log_softmax(node):
    # log(softmax(x)) -> logsoftmax(x)
    sm = node.inputs[0]
    if sm.owner is None or not isinstance(sm.owner.op, Softmax):
        return None
    return fit_output(node, logsoftmax_op(sm.owner.inputs[0]))


@register_stabilize
@register_specialize
@local_optimizer([SoftmaxGrad])
def local_logsoftmax_grad(node):
    # softmax_grad(g / sm, sm) -> g - sum(g, axis=1) * sm   (the gradient of log(softmax))
    dy, sm = node.inputs
    if dy.owner is None or dy.owner.op != tm.true_div:
        return None
    g, den = dy.owner.inputs
    if den is not sm or sm.owner is None:
        return None
    if not isinstance(sm.owner.op, Softmax) or g.ndim != 2:
        return None
    return fit_output(node, g - tsum(g, axis=1, keepdims=True) * sm)


# ----------------------------------------------------------------------------------------
# Cross-entropy of a softmax


def _fused_crossentropy(node, x, b):
    nll, sm_new, _ = crossentropy_softmax_argmax_1hot_with_bias(x, b, node.inputs[1])
    old_nll = node.outputs[0]
    if nll.type != old_nll.type:
        return None
    # the softmax used elsewhere (by the gradient) is the fused op's second output
    return {old_nll: nll, node.inputs[0]: sm_new}


@register_stabilize("xent")
@register_specialize("xent")
@local_optimizer([CrossentropyCategorical1Hot])
def crossentropy_to_crossentropy_with_softmax_with_bias(node):
    # crossentropy_categorical_1hot(softmax_with_bias(x, b), y)
    #     -> crossentropy_softmax_argmax_1hot_with_bias(x, b, y)[0]
    sm = node.inputs[0]
    if sm.owner is None or not isinstance(sm.owner.op, SoftmaxWithBias):
        return None
    x, b = sm.owner.inputs
    return _fused_crossentropy(node, x, b)


@register_stabilize("xent")
@register_specialize("xent")
@local_optimizer([CrossentropyCategorical1Hot])
def crossentropy_to_crossentropy_with_softmax(node):
    # crossentropy_categorical_1hot(softmax(x), y)
    #     -> crossentropy_softmax_argmax_1hot_with_bias(x, zeros, y)[0]
    #     (x + b with a row-broadcast vector b: the bias goes to the fused op)
    sm = node.inputs[0]
    if sm.owner is None or not isinstance(sm.owner.op, Softmax):
        return None
    x = sm.owner.inputs[0]
    split = _split_bias(x)
    if split is not None:
        return _fused_crossentropy(node, *split)
    return _fused_crossentropy(node, x, _zero_bias(x))


def _is_softmax_output(sm):
    owner = sm.owner
    if owner is None:
        return False
    if isinstance(owner.op, (Softmax, SoftmaxWithBias)):
        return True
    return isinstance(owner.op, CrossentropySoftmaxArgmax1HotWithBias) and \
        owner.outputs[1] is sm


@register_stabilize("xent")
@register_specialize("xent")
@local_optimizer([SoftmaxGrad])
def local_softmax_grad_to_crossentropy_with_softmax_grad(node):
    # softmax_grad(crossentropy_categorical_1hot_grad(g, sm, y), sm)
    #     -> crossentropy_softmax_1hot_with_bias_dx(g, sm, y) = g * (sm - onehot(y))
    g_sm, sm = node.inputs
    owner = g_sm.owner
    if owner is None or not isinstance(owner.op, CrossentropyCategorical1HotGrad):
        return None
    g_nll, coding, y = owner.inputs
    if coding is not sm or not _is_softmax_output(sm) or g_nll.ndim > 1:
        return None
    if g_nll.dtype != sm.dtype:
        g_nll = cast(g_nll, sm.dtype)
    return fit_output(node, crossentropy_softmax_1hot_with_bias_dx(g_nll, sm, y))


# ----------------------------------------------------------------------------------------
# The gradient of the logistic written out: exp(-x) / (1 + exp(-x)) ** 2


@register_stabilize
@register_specialize
@local_optimizer([tm.mul, tm.true_div])
def local_sigm_times_exp(fgraph, node):
    # a / (1 + exp(z)) -> a * sigmoid(-z);  exp(z) * sigmoid(-z) -> sigmoid(z)
    # (so exp(-x) / (1 + exp(-x)) ** 2 becomes sigmoid(-x) * sigmoid(x): no inf / inf)
    out = node.outputs[0]
    if out.dtype not in ("float16", "float32", "float64"):
        return None
    num, den = num_den(fgraph, out)
    changed = False
    kept_den = []
    for d in den:
        z = _one_plus_exp(d)
        if z is not None and d.dtype == out.dtype:
            num.append(sigmoid(_negated(z)))
            changed = True
        else:
            kept_den.append(d)
    num, paired = _pair_exp_with_sigmoid(num)
    if not (changed or paired):
        return None
    num = [v for v in num if not (scalar_value(v) == 1 and v.ndim <= out.ndim)] or num[:1]
    new = local_mul_canonizer.merge_num_den(num, kept_den, out)
    return [like_output(node, new)]


def _pair_exp_with_sigmoid(num):
    """Replace each pair exp(z), sigmoid(-z) of ``num`` by sigmoid(z); (list, count)."""
    num = list(num)
    count = 0
    i = 0
    while i < len(num):
        z = _exp_input(num[i])
        if z is None:
            i += 1
            continue
        for j, v in enumerate(num):
            w = _sigmoid_input(v)
            if w is not None and (_is_neg_of(w, z) or _is_neg_of(z, w)):
                num[i] = sigmoid(z)
                del num[j]
                count += 1
                break
        else:
            i += 1
            continue
        i = 0
    return num, count


def _is_neg_of(a, b):
    """True when ``a`` is ``-b`` (a neg node whose input has b's value)."""
    return a.owner is not None and a.owner.op == tm.neg and same_value(a.owner.inputs[0], b)
