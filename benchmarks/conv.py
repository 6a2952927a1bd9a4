"""Benchmark: a LeNet convolution layer, forward and forward+backward, against NumPy.

Usage (from the repository root)::

    python benchmarks/conv.py            # both LeNet layers, float64 and float32
    python benchmarks/conv.py --quick    # fewer repeats

Each case times a compiled ``theano.function`` against a hand-written NumPy im2col
implementation (and ``torch.nn.functional.conv2d`` when torch can be imported; nothing is
installed for it), in the same run, interleaved.  Layers: LeNet's first convolution (batch 500,
1x28x28 input, 20 5x5 filters) and its second (batch 500, 20x12x12 input, 50 5x5 filters).
"Forward+backward" computes the output and the gradients wrt the filters and the input for a
given output gradient.  Prints a table (milliseconds, median of the repeats, and the ratio to
NumPy) and writes it as JSON to ``benchmarks/results/``.  A measurement, not a test.
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

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import theano
import theano.link.py.dispatch.conv  # registers the conv renderers
import theano.tensor as T
from theano.tensor.nnet.abstract_conv import conv2d

HAVE_TORCH = importlib.util.find_spec("torch") is not None

LAYERS = {
    "conv1": ((500, 1, 28, 28), (20, 1, 5, 5)),
    "conv2": ((500, 20, 12, 12), (50, 20, 5, 5)),
}


# --- the hand-written NumPy reference (valid convolution, filters flipped) -----------------


def numpy_forward(x, w):
    """im2col + one matrix product: the textbook NumPy convolution."""
    batch, chan, _, _ = x.shape
    nkern, _, kr, kc = w.shape
    win = sliding_window_view(x, (kr, kc), axis=(2, 3))  # (B, C, oh, ow, kr, kc)
    oh, ow = win.shape[2:4]
    cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(batch * oh * ow, chan * kr * kc)
    wmat = w[:, :, ::-1, ::-1].reshape(nkern, -1)
    y = cols @ wmat.T  # (B*oh*ow, nkern)
    return np.ascontiguousarray(y.reshape(batch, oh, ow, nkern).transpose(0, 3, 1, 2)), cols


def numpy_forward_backward(x, w, gy):
    batch, chan = x.shape[:2]
    nkern, _, kr, kc = w.shape
    y, cols = numpy_forward(x, w)
    oh, ow = y.shape[2:]
    gmat = gy.transpose(0, 2, 3, 1).reshape(-1, nkern)  # (B*oh*ow, nkern)
    gw = (gmat.T @ cols).reshape(nkern, chan, kr, kc)[:, :, ::-1, ::-1]
    gcols = (gmat @ w[:, :, ::-1, ::-1].reshape(nkern, -1)).reshape(batch, oh, ow, chan, kr, kc)
    gx = np.zeros_like(x)
    for i in range(kr):
        for j in range(kc):
            gx[:, :, i : i + oh, j : j + ow] += gcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return y, np.ascontiguousarray(gw), gx


# --- the systems -------------------------------------------------------------------------------


def systems_for(layer, dtype, backward):
    xshape, wshape = LAYERS[layer]
    rng = np.random.RandomState(0)
    x_val = rng.uniform(-1, 1, size=xshape).astype(dtype)
    w_val = rng.uniform(-0.1, 0.1, size=wshape).astype(dtype)
    oshape = (xshape[0], wshape[0], xshape[2] - wshape[2] + 1, xshape[3] - wshape[3] + 1)
    gy_val = rng.uniform(-1, 1, size=oshape).astype(dtype)
    x = T.tensor4("x", dtype=dtype)
    w = T.tensor4("w", dtype=dtype)
    y = conv2d(x, w, input_shape=xshape, filter_shape=wshape)
    if backward:
        gy = T.tensor4("gy", dtype=dtype)
        gx, gw = theano.grad(None, [x, w], known_grads={y: gy})
        f_theano = theano.function([x, w, gy], [y, gw, gx])
        args = (x_val, w_val, gy_val)
        systems = {"numpy": (numpy_forward_backward, args), "theano": (f_theano, args)}
    else:
        f_theano = theano.function([x, w], y)
        args = (x_val, w_val)
        systems = {"numpy": (lambda a, b: numpy_forward(a, b)[0], args), "theano": (f_theano, args)}
    if HAVE_TORCH:
        systems["torch"] = _torch_system(args, backward)
    _check_same(systems)
    return systems


def _torch_system(args, backward):
    import torch
    import torch.nn.functional as F

    tens = [torch.from_numpy(np.ascontiguousarray(a)) for a in args]

    def forward(x, w):
        return F.conv2d(x, torch.flip(w, (2, 3)))

    def forward_backward(x, w, gy):
        x = x.detach().requires_grad_(True)
        w = w.detach().requires_grad_(True)
        y = forward(x, w)
        gx, gw = torch.autograd.grad(y, [x, w], gy)
        return y.detach(), gw, gx

    def to_numpy(res):
        if isinstance(res, tuple):
            return [r.numpy() for r in res]
        return res.detach().numpy()

    fn = forward_backward if backward else forward
    return (lambda *a: fn(*a), tuple(tens), to_numpy)


def _check_same(systems):
    ref = systems["numpy"][0](*systems["numpy"][1])
    ref = list(ref) if isinstance(ref, tuple) else [ref]
    for name, entry in systems.items():
        res = entry[0](*entry[1])
        if len(entry) > 2:
            res = entry[2](res)
        res = list(res) if isinstance(res, (tuple, list)) else [res]
        tol = 1e-3 if ref[0].dtype == np.float32 else 1e-8
        for r, e in zip(res, ref):
            if not np.allclose(r, e, rtol=tol, atol=tol):
                raise AssertionError(f"{name} disagrees with numpy")


def time_systems(systems, repeats):
    """Median and best seconds per call of each system, rounds interleaved."""
    times = {name: [] for name in systems}
    for entry in systems.values():
        entry[0](*entry[1])  # warm up
    for _ in range(repeats):
        for name, entry in systems.items():
            start = time.perf_counter()
            entry[0](*entry[1])
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", help="run only cases whose name contains this")
    opts = parser.parse_args(argv)
    repeats = 3 if opts.quick else 7
    rows = []
    names = ["numpy", "theano"] + (["torch"] if HAVE_TORCH else [])
    print(
        f"{'case':<28}"
        + "".join(f"{n + ' ms':>12}" for n in names)
        + "".join(f"{n + '/numpy':>14}" for n in names[1:])
    )
    for layer in LAYERS:
        for dtype in ("float64", "float32"):
            for backward in (False, True):
                case = f"{layer}_{dtype}_{'fwd_bwd' if backward else 'fwd'}"
                if opts.only and opts.only not in case:
                    continue
                result = time_systems(systems_for(layer, dtype, backward), repeats)
                med = {n: result[n][0] for n in names}
                print(
                    f"{case:<28}"
                    + "".join(f"{med[n] * 1e3:>12.1f}" for n in names)
                    + "".join(f"{med[n] / med['numpy']:>14.2f}" for n in names[1:])
                )
                rows.append(
                    {"case": case, "median_s": med, "best_s": {n: result[n][1] for n in names}}
                )
    out_dir = os.path.join(ROOT, "benchmarks", "results")
    os.makedirs(out_dir, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(out_dir, f"conv-{stamp}.json")
    with open(path, "w") as f:
        json.dump(
            {
                "machine": platform.platform(),
                "numpy": np.__version__,
                "cpus": os.cpu_count(),
                "rows": rows,
            },
            f,
            indent=1,
        )
    print(f"written {path}")


if __name__ == "__main__":
    main()
