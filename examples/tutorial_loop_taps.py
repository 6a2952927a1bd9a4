"""Scan with taps: outputs reading several past values, sequences read at several offsets.

From the Theano tutorial's loop chapter and the scan guide (doc/library/scan.txt): the
recurrence x(t) = x(t-2).dot(U) + x(t-1).dot(V) + tanh(x(t-1).dot(W) + b), Fibonacci
numbers from the taps [-2, -1], and the guide's recurrent network with taps
(x(n) = tanh(W x(n-1) + W_in_1 u(n) + W_in_2 u(n-4) + W_feedback y(n-1)), y(n) = W_out x(n-3)),
each checked against a loop written in NumPy.
"""

import numpy as np

import theano
import theano.tensor as T

# Scan Example: Computing the sequence x(t) = x(t - 2).dot(U) + x(t - 1).dot(V) +
# tanh(x(t - 1).dot(W) + b)
X = T.matrix("X")
W = T.matrix("W")
b_sym = T.vector("b_sym")
U = T.matrix("U")
V = T.matrix("V")
n_sym = T.iscalar("n_sym")

results, updates = theano.scan(
    lambda x_tm2, x_tm1: T.dot(x_tm2, U) + T.dot(x_tm1, V) + T.tanh(T.dot(x_tm1, W) + b_sym),
    n_steps=n_sym,
    outputs_info=[dict(initial=X, taps=[-2, -1])],
)
compute_seq2 = theano.function(inputs=[X, U, V, W, b_sym, n_sym], outputs=results)

x = np.zeros((2, 2), dtype=theano.config.floatX)  # the initial value must be able to return x[-2]
x[1, 1] = 1
w = 0.5 * np.ones((2, 2), dtype=theano.config.floatX)
u = 0.5 * (np.ones((2, 2), dtype=theano.config.floatX) - np.eye(2, dtype=theano.config.floatX))
v = 0.5 * np.ones((2, 2), dtype=theano.config.floatX)
n = 10
b = np.ones((2), dtype=theano.config.floatX)

print(compute_seq2(x, u, v, w, b, n))

x_res = np.zeros((10, 2))
x_res[0] = x[0].dot(u) + x[1].dot(v) + np.tanh(x[1].dot(w) + b)
x_res[1] = x[1].dot(u) + x_res[0].dot(v) + np.tanh(x_res[0].dot(w) + b)
x_res[2] = x_res[0].dot(u) + x_res[1].dot(v) + np.tanh(x_res[1].dot(w) + b)
for i in range(2, 10):
    x_res[i] = x_res[i - 2].dot(u) + x_res[i - 1].dot(v) + np.tanh(x_res[i - 1].dot(w) + b)
print(x_res)

# Fibonacci numbers: each step reads the two previous values.
f0 = T.lvector("f0")
fib, _ = theano.scan(lambda f_tm2, f_tm1: f_tm2 + f_tm1,
                     outputs_info=dict(initial=f0, taps=[-2, -1]), n_steps=10)
fibonacci = theano.function([f0], fib)
print("fibonacci:", fibonacci([0, 1]))

# Sequence taps: u[t-2], u[t] and u[t+3] at each step (steps start where all exist).
u_seq = T.vector("u_seq")
window, _ = theano.scan(lambda u_tm2, u_t, u_tp3: u_tm2 + 10 * u_t + 100 * u_tp3,
                        sequences=dict(input=u_seq, taps=[-2, 0, 3]))
print("taps [-2, 0, 3]:", theano.function([u_seq], window)(np.arange(10.0)))


# Multiple outputs, several taps values - Recurrent Neural Network with Scan
def oneStep(u_tm4, u_t, x_tm3, x_tm1, y_tm1, W, W_in_1, W_in_2, W_feedback, W_out):
    x_t = T.tanh(
        theano.dot(x_tm1, W)
        + theano.dot(u_t, W_in_1)
        + theano.dot(u_tm4, W_in_2)
        + theano.dot(y_tm1, W_feedback)
    )
    y_t = theano.dot(x_tm3, W_out)
    return [x_t, y_t]


W = T.matrix()
W_in_1 = T.matrix()
W_in_2 = T.matrix()
W_feedback = T.matrix()
W_out = T.matrix()

u = T.matrix()  # it is a sequence of vectors
x0 = T.matrix()  # initial state of x has to be a matrix, since it has to cover x[-3]
y0 = T.vector()  # y0 is just a vector since scan has only to provide y[-1]

([x_vals, y_vals], updates) = theano.scan(
    fn=oneStep,
    sequences=dict(input=u, taps=[-4, -0]),
    outputs_info=[dict(initial=x0, taps=[-3, -1]), y0],
    non_sequences=[W, W_in_1, W_in_2, W_feedback, W_out],
    strict=True,
)
rnn = theano.function([u, x0, y0, W, W_in_1, W_in_2, W_feedback, W_out], [x_vals, y_vals])

rng = np.random.RandomState(0)
n_in, n_hid, n_out, n_u = 2, 3, 2, 9
values = dict(
    u=rng.uniform(-1, 1, (n_u, n_in)),
    x0=rng.uniform(-1, 1, (3, n_hid)),
    y0=rng.uniform(-1, 1, n_out),
    W=rng.uniform(-1, 1, (n_hid, n_hid)),
    W_in_1=rng.uniform(-1, 1, (n_in, n_hid)),
    W_in_2=rng.uniform(-1, 1, (n_in, n_hid)),
    W_feedback=rng.uniform(-1, 1, (n_out, n_hid)),
    W_out=rng.uniform(-1, 1, (n_hid, n_out)),
)
xs, ys = rnn(*values.values())

# The same recurrence in NumPy: uvals[0] plays u[-4], so the loop starts at uvals[4].
v = values
x_hist = list(v["x0"])
y_prev = v["y0"]
x_np, y_np = [], []
for t in range(4, n_u):
    x_t = np.tanh(x_hist[-1] @ v["W"] + v["u"][t] @ v["W_in_1"] + v["u"][t - 4] @ v["W_in_2"]
                  + y_prev @ v["W_feedback"])
    y_t = x_hist[-3] @ v["W_out"]
    x_hist.append(x_t)
    y_prev = y_t
    x_np.append(x_t)
    y_np.append(y_t)
print("rnn steps:", xs.shape[0], ys.shape)
print("x matches NumPy:", np.allclose(xs, x_np))
print("y matches NumPy:", np.allclose(ys, y_np))
