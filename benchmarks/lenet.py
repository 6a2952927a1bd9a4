"""Benchmark: seconds per SGD training batch of handout 004's LeNet, against NumPy and PyTorch.

Usage (from the repository root)::

    python benchmarks/lenet.py            # float64 and float32, 5 repeats
    python benchmarks/lenet.py --quick    # 2 repeats
    python benchmarks/lenet.py --dtype float32

The network is the one of ``examples/handout_004_lenet.py``: two ConvPoolLayers (valid
convolution with flipped filters and no bias, 2x2 max pooling, then rectification) of 20 and
50 5x5 filters, a tanh hidden layer of 500 units, a softmax layer of 10, the mean negative
log-likelihood and one plain SGD step on every parameter.  One training batch is 500 images of
1x28x28.  Three systems do the same step from the same parameters, interleaved in one run:

- ``theano``: the compiled ``theano.function`` with ``updates`` (old-name conv2d/max_pool_2d);
- ``numpy``: the same forward, backward and update written by hand (im2col convolution,
  max pooling with an argmax mask, tanh hidden layer, softmax NLL);
- ``torch``: the same network with autograd, when ``torch`` can be imported (nothing is
  installed for it).

Before timing, one step of each system is checked against NumPy (cost and updated parameters).
Prints seconds per batch (median of the repeats, and best) and the ratio to NumPy, and writes
the table as JSON to ``benchmarks/results/``.  A measurement, not a test.
"""

import argparse
import datetime
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import theano
import theano.tensor as T
from theano.tensor.nnet import conv
from theano.tensor.signal.downsample import max_pool_2d

HAVE_TORCH = importlib.util.find_spec("torch") is not None

BATCH = 500
LR = 0.1
SHAPES = {
    "W0": (20, 1, 5, 5),
    "W1": (50, 20, 5, 5),
    "W2": (800, 500),
    "b2": (500,),
    "W3": (500, 10),
    "b3": (10,),
}
ORDER = list(SHAPES)


def initial(dtype):
    """Parameters, a batch of 500 28x28 images and their labels (fixed seed)."""
    rng = np.random.RandomState(0)
    params = {}
    for name, shape in SHAPES.items():
        if name.startswith("b"):
            params[name] = np.zeros(shape, dtype=dtype)
        else:
            fan = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
            bound = np.sqrt(3.0 / fan)
            params[name] = rng.uniform(-bound, bound, shape).astype(dtype)
    x = rng.uniform(0, 1, (BATCH, 1, 28, 28)).astype(dtype)
    y = rng.randint(0, 10, BATCH).astype("int32")
    return params, x, y


# --- Theano -------------------------------------------------------------------------------


def theano_system(params, dtype):
    shared = {n: theano.shared(v.copy(), name=n) for n, v in params.items()}
    x = T.tensor4("x", dtype=dtype)
    y = T.ivector("y")
    h = x
    for w in (shared["W0"], shared["W1"]):
        h = T.maximum(max_pool_2d(conv.conv2d(h, w), (2, 2)), 0)
    hidden = T.tanh(T.dot(h.flatten(2), shared["W2"]) + shared["b2"])
    p_y_x = T.nnet.softmax(T.dot(hidden, shared["W3"]) + shared["b3"])
    cost = T.nnet.categorical_crossentropy(p_y_x, y).mean()
    plist = [shared[n] for n in ORDER]
    grads = theano.grad(cost, plist)
    train = theano.function(
        [x, y], cost, updates=[(p, p - np.asarray(LR, dtype) * g) for p, g in zip(plist, grads)]
    )
    return train, lambda: {n: s.get_value() for n, s in shared.items()}


# --- NumPy by hand ------------------------------------------------------------------------


def _im2col(x, kr, kc):
    """(B, C, H, W) -> columns (B*oh*ow, C*kr*kc) and the output size."""
    batch, chan = x.shape[:2]
    win = sliding_window_view(x, (kr, kc), axis=(2, 3))  # (B, C, oh, ow, kr, kc)
    oh, ow = win.shape[2:4]
    cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(batch * oh * ow, chan * kr * kc)
    return cols, oh, ow


def conv_forward(x, w):
    """Valid convolution (filters flipped, as theano's conv2d); returns (out, cols)."""
    nkern, _, kr, kc = w.shape
    cols, oh, ow = _im2col(x, kr, kc)
    wmat = w[:, :, ::-1, ::-1].reshape(nkern, -1)
    out = (cols @ wmat.T).reshape(x.shape[0], oh, ow, nkern).transpose(0, 3, 1, 2)
    return np.ascontiguousarray(out), cols


def conv_backward(gy, x, w, cols, need_gx):
    nkern, chan, kr, kc = w.shape
    batch, _, oh, ow = gy.shape
    gmat = gy.transpose(0, 2, 3, 1).reshape(-1, nkern)  # (B*oh*ow, nkern)
    gw = np.ascontiguousarray((gmat.T @ cols).reshape(w.shape)[:, :, ::-1, ::-1])
    if not need_gx:
        return gw, None
    gcols = (gmat @ w[:, :, ::-1, ::-1].reshape(nkern, -1)).reshape(batch, oh, ow, chan, kr, kc)
    gx = np.zeros_like(x)
    for i in range(kr):  # col2im
        for j in range(kc):
            gx[:, :, i : i + oh, j : j + ow] += gcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return gw, gx


def pool_forward(x):
    """2x2 max pooling (even sizes); returns (out, argmax mask of x's shape)."""
    b, c, h, w = x.shape
    win = (
        x.reshape(b, c, h // 2, 2, w // 2, 2)
        .transpose(0, 1, 2, 4, 3, 5)
        .reshape(b, c, h // 2, w // 2, 4)
    )
    arg = win.argmax(axis=-1)
    mask = np.zeros(win.shape, dtype=bool)
    np.put_along_axis(mask, arg[..., None], True, axis=-1)
    out = np.take_along_axis(win, arg[..., None], axis=-1)[..., 0]
    return out, mask


def pool_backward(gy, mask):
    b, c, h2, w2, _ = mask.shape
    g = mask * gy[..., None]  # (b, c, h2, w2, 4)
    return g.reshape(b, c, h2, w2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(b, c, 2 * h2, 2 * w2)


def numpy_system(params, dtype):
    p = {n: v.copy() for n, v in params.items()}
    lr = np.asarray(LR, dtype)

    def train(x, y):
        # forward
        c0, cols0 = conv_forward(x, p["W0"])
        q0, m0 = pool_forward(c0)
        a0 = np.maximum(q0, 0)
        c1, cols1 = conv_forward(a0, p["W1"])
        q1, m1 = pool_forward(c1)
        a1 = np.maximum(q1, 0)
        flat = a1.reshape(len(x), -1)
        hid = np.tanh(flat @ p["W2"] + p["b2"])
        z = hid @ p["W3"] + p["b3"]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        prob = e / e.sum(axis=1, keepdims=True)
        rows = np.arange(len(y))
        cost = -np.log(prob[rows, y]).mean()
        # backward
        gz = prob.copy()
        gz[rows, y] -= 1
        gz /= len(y)
        g = {"W3": hid.T @ gz, "b3": gz.sum(axis=0)}
        ghid = (gz @ p["W3"].T) * (1 - hid * hid)
        g["W2"] = flat.T @ ghid
        g["b2"] = ghid.sum(axis=0)
        ga1 = (ghid @ p["W2"].T).reshape(a1.shape) * (q1 > 0)
        g["W1"], ga0 = conv_backward(pool_backward(ga1, m1), a0, p["W1"], cols1, True)
        g["W0"], _ = conv_backward(pool_backward(ga0 * (q0 > 0), m0), x, p["W0"], cols0, False)
        # SGD
        for n in ORDER:
            p[n] -= lr * g[n]
        return cost

    return train, lambda: {n: v.copy() for n, v in p.items()}


# --- PyTorch (optional) -------------------------------------------------------------------


def torch_system(params, dtype):
    import torch
    import torch.nn.functional as F

    p = {n: torch.tensor(v.copy(), requires_grad=True) for n, v in params.items()}

    def train(x, y):
        x = torch.from_numpy(x)
        y = torch.from_numpy(y.astype("int64"))
        h = x
        for w in (p["W0"], p["W1"]):
            h = F.relu(F.max_pool2d(F.conv2d(h, torch.flip(w, (2, 3))), 2))
        hid = torch.tanh(h.flatten(1) @ p["W2"] + p["b2"])
        cost = F.cross_entropy(hid @ p["W3"] + p["b3"], y)
        grads = torch.autograd.grad(cost, [p[n] for n in ORDER])
        with torch.no_grad():
            for n, gr in zip(ORDER, grads):
                p[n] -= LR * gr
        return cost.item()

    return train, lambda: {n: v.detach().numpy().copy() for n, v in p.items()}


# --- timing -------------------------------------------------------------------------------


def systems_for(dtype):
    params, x, y = initial(dtype)
    makers = {"numpy": numpy_system, "theano": theano_system}
    if HAVE_TORCH:
        makers["torch"] = torch_system
    systems = {name: make(params, dtype) for name, make in makers.items()}
    # one step each from the same parameters: same cost, same updated parameters
    tol = 1e-3 if dtype == "float32" else 1e-7
    ref_cost = systems["numpy"][0](x, y)
    ref = systems["numpy"][1]()
    for name, (train, get) in systems.items():
        if name == "numpy":
            continue
        cost = float(train(x, y))
        if not np.allclose(cost, ref_cost, rtol=tol, atol=tol):
            raise AssertionError(f"{name}: cost {cost} != numpy's {ref_cost}")
        got = get()
        for n in ORDER:
            if not np.allclose(got[n], ref[n], rtol=tol, atol=tol):
                raise AssertionError(f"{name}: updated {n} differs from numpy's")
    return {name: train for name, (train, _) in systems.items()}, x, y


def time_systems(systems, x, y, repeats):
    """Median and best seconds per training batch of each system, rounds interleaved."""
    times = {name: [] for name in systems}
    for _ in range(repeats):
        for name, train in systems.items():
            start = time.perf_counter()
            train(x, y)
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 repeats instead of 5")
    parser.add_argument("--dtype", choices=["float64", "float32"], help="only this dtype")
    opts = parser.parse_args(argv)
    repeats = 2 if opts.quick else 5
    dtypes = [opts.dtype] if opts.dtype else ["float64", "float32"]
    names = ["numpy", "theano"] + (["torch"] if HAVE_TORCH else [])
    print(f"LeNet SGD step, batch {BATCH} of 1x28x28, seconds per batch (median / best)")
    if not HAVE_TORCH:
        print("(torch not importable: no torch column)")
    print(
        f"{'dtype':<10}"
        + "".join(f"{n + ' s':>18}" for n in names)
        + "".join(f"{n + '/numpy':>14}" for n in names[1:])
    )
    rows = []
    for dtype in dtypes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the old names' deprecation warnings
            systems, x, y = systems_for(dtype)
        result = time_systems(systems, x, y, repeats)
        med = {n: result[n][0] for n in names}
        print(
            f"{dtype:<10}"
            + "".join(f"{result[n][0]:>10.3f} /{result[n][1]:>6.3f}" for n in names)
            + "".join(f"{med[n] / med['numpy']:>14.2f}" for n in names[1:])
        )
        rows.append({"dtype": dtype, "median_s": med, "best_s": {n: result[n][1] for n in names}})
    out_dir = os.path.join(ROOT, "benchmarks", "results")
    os.makedirs(out_dir, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(out_dir, f"lenet-{stamp}.json")
    with open(path, "w") as f:
        json.dump(
            {
                "machine": platform.platform(),
                "numpy": np.__version__,
                "cpus": os.cpu_count(),
                "batch": BATCH,
                "repeats": repeats,
                "rows": rows,
            },
            f,
            indent=1,
        )
    print(f"written {path}")


if __name__ == "__main__":
    main()
