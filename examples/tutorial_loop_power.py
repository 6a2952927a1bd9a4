"""Scan for loops and reductions: A ** k, polynomials, sums, early stopping, map/reduce/fold.

From the Theano tutorial's loop chapter (with its exercise: the polynomial's sum done
by scan) and the scan guide (doc/library/scan.txt): A ** k by repeated multiplication,
a polynomial from its coefficients, triangular numbers, values placed at positions,
powers of two until a limit with ``until``, and ``theano.map`` / ``reduce`` / ``foldl``
/ ``foldr``.
"""

import numpy

import theano
import theano.tensor as T

# Scan Example: Computing pow(A, k)
k = T.iscalar("k")
A = T.vector("A")


def inner_fct(prior_result, B):
    return prior_result * B


result, updates = theano.scan(fn=inner_fct, outputs_info=T.ones_like(A), non_sequences=A,
                              n_steps=k)

# Scan has provided us with A ** 1 through A ** k.  Keep only the last value.
final_result = result[-1]

power = theano.function(inputs=[A, k], outputs=final_result, updates=updates)

print(power(range(10), 2))
print(power(range(10), 4))

# Scan Example: Calculating a Polynomial
coefficients = theano.tensor.vector("coefficients")
x = T.scalar("x")
max_coefficients_supported = 10000

full_range = theano.tensor.arange(max_coefficients_supported)
components, updates = theano.scan(fn=lambda coeff, power, free_var: coeff * (free_var**power),
                                  outputs_info=None,
                                  sequences=[coefficients, full_range],
                                  non_sequences=x)

polynomial = components.sum()
calculate_polynomial = theano.function(inputs=[coefficients, x], outputs=polynomial)

test_coeff = numpy.asarray([1, 0, 2], dtype=numpy.float32)
print(calculate_polynomial(test_coeff, 3))
print(1.0 * (3**0) + 0.0 * (3**1) + 2.0 * (3**2))

# Exercise: the reduction performed inside scan
outputs_info = T.as_tensor_variable(numpy.asarray(0, "float64"))
components, updates = theano.scan(
    fn=lambda coeff, power, prior_value, free_var: prior_value + (coeff * (free_var**power)),
    sequences=[coefficients, full_range],
    outputs_info=outputs_info,
    non_sequences=x,
)
polynomial = components[-1]
calculate_polynomial = theano.function(inputs=[coefficients, x], outputs=polynomial,
                                       updates=updates)
print(calculate_polynomial(test_coeff, 3))

# Simple accumulation into a scalar, ditching lambda
up_to = T.iscalar("up_to")


def accumulate_by_adding(arange_val, sum_to_date):
    return sum_to_date + arange_val


seq = T.arange(up_to)
outputs_info = T.as_tensor_variable(numpy.asarray(0, seq.dtype))
scan_result, scan_updates = theano.scan(fn=accumulate_by_adding, outputs_info=outputs_info,
                                        sequences=seq)
triangular_sequence = theano.function(inputs=[up_to], outputs=scan_result)

some_num = 15
print(triangular_sequence(some_num))
print([n * (n + 1) // 2 for n in range(some_num)])

# An initial state of the wrong dtype (int8 for 0) is refused, as the guide warns.
try:
    theano.scan(fn=accumulate_by_adding, outputs_info=T.as_tensor_variable(0), sequences=seq)
except ValueError as e:
    print("ValueError:", "dtype" in str(e))

# Another simple example: values placed at positions
location = T.imatrix("location")
values = T.vector("values")
output_model = T.matrix("output_model")


def set_value_at_position(a_location, a_value, output_model):
    zeros = T.zeros_like(output_model)
    zeros_subtensor = zeros[a_location[0], a_location[1]]
    return T.set_subtensor(zeros_subtensor, a_value)


result, updates = theano.scan(fn=set_value_at_position, outputs_info=None,
                              sequences=[location, values], non_sequences=output_model)
assign_values_at_positions = theano.function(inputs=[location, values, output_model],
                                             outputs=result)

test_locations = numpy.asarray([[1, 1], [2, 3]], dtype=numpy.int32)
test_values = numpy.asarray([42, 50], dtype=numpy.float32)
test_output_model = numpy.zeros((5, 5), dtype=numpy.float32)
print(assign_values_at_positions(test_locations, test_values, test_output_model))


# Conditional ending of Scan
def power_of_2(previous_power, max_value):
    return previous_power * 2, theano.scan_module.until(previous_power * 2 > max_value)


max_value = T.scalar()
values, _ = theano.scan(power_of_2, outputs_info=T.constant(1.0), non_sequences=max_value,
                        n_steps=1024)

f = theano.function([max_value], values)

print(f(45))

# map, reduce, foldl, foldr
v = T.vector("v")
squares, _ = theano.map(lambda e: e**2, v)
total, _ = theano.reduce(lambda e, acc: acc + e, v, T.constant(numpy.float64(0)))
left, _ = theano.foldl(lambda e, acc: acc * 10 + e, v, T.constant(numpy.float64(0)))
right, _ = theano.foldr(lambda e, acc: acc * 10 + e, v, T.constant(numpy.float64(0)))
g = theano.function([v], [squares, total, left, right])
print(g([1, 2, 3]))
