"""Benchmark: one SGD training step of a recurrent network, theano.scan against NumPy by hand.

Usage (from the repository root)::

    python benchmarks/rnn_step.py            # about half a minute
    python benchmarks/rnn_step.py --quick

The network: h_t = tanh(x_t U + h_{t-1} W + b) for 100 steps over a batch of 32 inputs
of size 64 (hidden size 128), then softmax(h_t V + c) over 10 classes and the mean
cross-entropy; a training step is the loss, backpropagation through time and the SGD
update of U, W, b, V, c.  "numpy" is the same step written by hand (forward loop,
backward loop); "theano" is ``theano.function`` over ``theano.scan`` and ``T.grad``.
Both start from the same weights and data, and their losses are checked to agree.

A second table measures the per-step cost of the loop itself: a scan whose step is one
scalar addition, against a Python ``for`` loop doing the same with NumPy scalars.

Prints milliseconds (or microseconds) per call, median of several repeats, and the
ratio to NumPy measured in the same run.  BLAS runs on one thread unless
OPENBLAS_NUM_THREADS (or OMP_/MKL_NUM_THREADS) says otherwise.  A measurement, not a test.
"""

import argparse
import os
import statistics
import sys
import time

# One BLAS thread unless told otherwise: these products are small, and threads only add
# contention (and noise) on a shared machine.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import theano
import theano.link.py.dispatch.scan  # registers the py backend's Scan loop
import theano.tensor as T
from theano.scan import scan

N_STEPS, BATCH, N_IN, N_HIDDEN, N_OUT = 100, 32, 64, 128, 10
LEARNING_RATE = 0.01


def initial_values(seed=0):
    rng = np.random.RandomState(seed)
    params = {
        "U": rng.uniform(-0.1, 0.1, (N_IN, N_HIDDEN)),
        "W": rng.uniform(-0.1, 0.1, (N_HIDDEN, N_HIDDEN)),
        "b": np.zeros(N_HIDDEN),
        "V": rng.uniform(-0.1, 0.1, (N_HIDDEN, N_OUT)),
        "c": np.zeros(N_OUT),
    }
    x = rng.randn(N_STEPS, BATCH, N_IN)
    y = rng.randint(N_OUT, size=(N_STEPS, BATCH)).astype("int32")
    return params, x, y


# --- NumPy by hand --------------------------------------------------------------------------


def make_numpy_step(params):
    U, W, b, V, c = (params[k] for k in "UWbVc")

    def train_step(x, y):
        n_steps, batch, _ = x.shape
        hs = np.empty((n_steps + 1, batch, N_HIDDEN))
        hs[0] = 0.0
        for t in range(n_steps):
            hs[t + 1] = np.tanh(x[t] @ U + hs[t] @ W + b)
        h = hs[1:].reshape(n_steps * batch, N_HIDDEN)
        o = h @ V + c
        o -= o.max(axis=1, keepdims=True)
        p = np.exp(o)
        p /= p.sum(axis=1, keepdims=True)
        rows = np.arange(n_steps * batch)
        labels = y.reshape(-1)
        loss = -np.log(p[rows, labels]).mean()
        do = p
        do[rows, labels] -= 1.0
        do /= n_steps * batch
        g_v = h.T @ do
        g_c = do.sum(axis=0)
        dh = (do @ V.T).reshape(n_steps, batch, N_HIDDEN)
        g_u = np.zeros_like(U)
        g_w = np.zeros_like(W)
        g_b = np.zeros_like(b)
        carry = np.zeros((batch, N_HIDDEN))
        for t in range(n_steps - 1, -1, -1):
            da = (dh[t] + carry) * (1.0 - hs[t + 1] ** 2)
            g_u += x[t].T @ da
            g_w += hs[t].T @ da
            g_b += da.sum(axis=0)
            carry = da @ W.T
        for param, g in ((U, g_u), (W, g_w), (b, g_b), (V, g_v), (c, g_c)):
            param -= LEARNING_RATE * g
        return loss

    return train_step


# --- theano.scan ----------------------------------------------------------------------------


def make_theano_step(params):
    shared = {k: theano.shared(v.copy(), name=k) for k, v in params.items()}
    U, W, b, V, c = (shared[k] for k in "UWbVc")
    x = T.tensor3("x")
    y = T.imatrix("y")
    h0 = T.zeros((x.shape[1], N_HIDDEN))
    hs, _ = scan(lambda x_t, h, U, W, b: T.tanh(T.dot(x_t, U) + T.dot(h, W) + b),
                 sequences=x, outputs_info=h0, non_sequences=[U, W, b])
    h = hs.reshape((x.shape[0] * x.shape[1], N_HIDDEN))
    p = T.nnet.softmax(T.dot(h, V) + c)
    loss = T.nnet.categorical_crossentropy(p, y.flatten()).mean()
    wrt = [U, W, b, V, c]
    grads = T.grad(loss, wrt)
    updates = [(param, param - LEARNING_RATE * g) for param, g in zip(wrt, grads)]
    start = time.perf_counter()
    fn = theano.function([x, y], loss, updates=updates)
    compile_s = time.perf_counter() - start
    return fn, compile_s


# --- the loop's own cost --------------------------------------------------------------------


def make_loop_cases(n):
    def numpy_loop(x0):
        x = x0
        out = np.empty(n)
        for t in range(n):
            x = x + 1.0
            out[t] = x
        return out

    x0 = T.dscalar("x0")
    k = T.iscalar("k")
    r, _ = scan(lambda v: v + 1.0, outputs_info=x0, n_steps=k)
    fn = theano.function([x0, k], r)
    return {"numpy": (numpy_loop, (np.float64(0.0),)),
            "theano": (fn, (np.float64(0.0), np.int32(n)))}


# --- timing ---------------------------------------------------------------------------------


def median_time(fn, args, repeats, min_time):
    fn(*args)  # warm up (compiles the loop on first call)
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn(*args)
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        number *= 2
    runs = [elapsed / number]
    for _ in range(repeats - 1):
        start = time.perf_counter()
        for _ in range(number):
            fn(*args)
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats of >= 0.1 s each")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    repeats, min_time = (3, 0.1) if args.quick else (args.repeats, 0.5)

    params, x, y = initial_values()
    np_step = make_numpy_step({k: v.copy() for k, v in params.items()})
    th_step, compile_s = make_theano_step(params)
    # Same weights, same data: the first losses must agree (then the weights drift apart
    # only by rounding).
    losses = [(float(np_step(x, y)), float(th_step(x, y))) for _ in range(3)]
    agree = max(abs(a - b) for a, b in losses)

    print(f"RNN training step: {N_STEPS} steps, batch {BATCH}, input {N_IN}, "
          f"hidden {N_HIDDEN}, {N_OUT} classes (float64)")
    print(f"losses of the first 3 steps agree to {agree:.1e}; theano.function compiled in "
          f"{compile_s * 1000:.0f} ms")
    times = {"numpy": median_time(np_step, (x, y), repeats, min_time),
             "theano": median_time(th_step, (x, y), repeats, min_time)}
    print(f"{'system':<10}{'ms/step':>10}{'vs numpy':>10}")
    for name, t in times.items():
        print(f"{name:<10}{t * 1000:>10.2f}{t / times['numpy']:>10.2f}")

    n = 10000
    print(f"\nloop overhead: {n} steps of a scalar addition")
    loop = make_loop_cases(n)
    ltimes = {name: median_time(fn, a, repeats, min_time) for name, (fn, a) in loop.items()}
    print(f"{'system':<10}{'us/step':>10}{'vs numpy':>10}")
    for name, t in ltimes.items():
        print(f"{name:<10}{t / n * 1e6:>10.3f}{t / ltimes['numpy']:>10.2f}")


if __name__ == "__main__":
    main()
