"""Jacobian and Hessian built with scan, for expressions whose length is known only at run time."""

from theano.graph.basic import Variable


def jacobian(expression, wrt, consider_constant=None, disconnected_inputs="raise"):
    """Jacobian of the vector ``expression`` with respect to ``wrt`` (Theano's, by scan).

    Row ``i`` is ``grad(expression[i], wrt)``: the result has shape
    ``expression.shape + wrt.shape``.  A scalar ``expression`` gives its gradient.
    ``wrt`` may be a list (a list of Jacobians is returned).
    """
    from theano.gradient import grad
    from theano.scan.basic import scan
    from theano.tensor.alloc import arange
    from theano.tensor.basic import as_tensor_variable

    expression = as_tensor_variable(expression)
    single = not isinstance(wrt, (list, tuple))
    wrt_list = [wrt] if single else list(wrt)
    for w in wrt_list:
        if not isinstance(w, Variable):
            raise TypeError(f"jacobian expects Variables as `wrt`, got {w!r}")
    if expression.ndim == 0:
        result = grad(expression, wrt_list, consider_constant=consider_constant,
                      disconnected_inputs=disconnected_inputs)
        return result[0] if single else result
    if expression.ndim != 1:
        raise TypeError(
            f"jacobian expects a 1 dimensional variable as `expression`, got {expression} with "
            f"{expression.ndim} dimensions. If not use flatten to make it a vector"
        )

    def row(i, expr, *inputs):
        return [grad(expr[i], x, consider_constant=consider_constant,
                     disconnected_inputs=disconnected_inputs) for x in inputs]

    rows, updates = scan(row, sequences=arange(expression.shape[0]),
                         non_sequences=[expression] + wrt_list, return_list=True)
    if updates:
        raise AssertionError("jacobian: the gradient graph updated a shared variable")
    return rows[0] if single else rows


def hessian(cost, wrt, consider_constant=None, disconnected_inputs="raise"):
    """Hessian of the scalar ``cost`` with respect to each vector in ``wrt`` (by scan)."""
    from theano.gradient import grad
    from theano.scan.basic import scan
    from theano.tensor.alloc import arange
    from theano.tensor.basic import as_tensor_variable

    cost = as_tensor_variable(cost)
    if cost.ndim != 0:
        raise TypeError(f"hessian expects a 0 dimensional variable as `cost`, got {cost.type}")
    single = not isinstance(wrt, (list, tuple))
    wrt_list = [wrt] if single else list(wrt)
    result = []
    for w in wrt_list:
        if not isinstance(w, Variable) or getattr(w, "ndim", None) != 1:
            raise TypeError(
                f"hessian expects a (list of) 1 dimensional variable as `wrt`, got {w!r}"
            )
        g = grad(cost, w, consider_constant=consider_constant,
                 disconnected_inputs=disconnected_inputs)

        def row(i, y, x):
            return grad(y[i], x, consider_constant=consider_constant,
                        disconnected_inputs="ignore")

        h, updates = scan(row, sequences=arange(g.shape[0]), non_sequences=[g, w])
        if updates:
            raise AssertionError("hessian: the gradient graph updated a shared variable")
        result.append(h)
    return result[0] if single else result
