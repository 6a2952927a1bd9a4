"""Benchmarks: time per call of theano.function against hand-written NumPy, in one run.

Usage (from the repository root)::

    python benchmarks/run.py            # full run, about a minute
    python benchmarks/run.py --quick    # fewer, shorter repeats
    python benchmarks/run.py --only logistic

Prints a table (microseconds per call, median of several repeats, and the ratio to NumPy
measured in the same run) and writes it as JSON to ``benchmarks/results/`` (git-ignored).
PyTensor, JAX and PyTorch are added as extra columns when they can be imported; nothing is
installed for them.  This is a measurement, not a test: nothing here asserts a speed.
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
import timeit

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import theano
import theano.tensor as T

PEERS = [name for name in ("pytensor", "jax", "torch") if importlib.util.find_spec(name)]


# --- the cases: each returns {system: (callable, args)}; numpy is the reference ------------


def case_logistic_np_float64():
    return _logistic_case(np.float64(2.0))


def case_logistic_py_float():
    return _logistic_case(2.0)


def _logistic_case(value):
    def f_numpy(x):
        return 1 / (1 + np.exp(-x))

    x = T.dscalar("x")
    f_theano = theano.function([x], 1 / (1 + T.exp(-x)))
    systems = {"numpy": (f_numpy, (value,)), "theano": (f_theano, (value,))}
    systems.update(_peer_logistic(value))
    return systems


def case_pow10_1e6():
    return _pow10_case(10**6)


def case_pow10_1e7():
    return _pow10_case(10**7)


def _pow10_case(n):
    a_val = np.random.RandomState(0).uniform(-1, 1, size=n)

    def f_numpy(a):
        return a + a**10

    a = T.dvector("a")
    f_theano = theano.function([a], a + a**10)
    systems = {"numpy": (f_numpy, (a_val,)), "theano": (f_theano, (a_val,))}
    systems.update(_peer_pow10(a_val))
    return systems


def case_mlp_forward():
    rng = np.random.RandomState(0)
    x_val = rng.uniform(-1, 1, size=(500, 784))
    w_val = rng.uniform(-0.05, 0.05, size=(784, 500))
    b_val = np.zeros(500)

    def f_numpy(x, w, b):
        return np.tanh(np.dot(x, w) + b)

    x = T.dmatrix("x")
    w = T.dmatrix("W")
    b = T.dvector("b")
    f_theano = theano.function([x, w, b], T.tanh(T.dot(x, w) + b))
    args = (x_val, w_val, b_val)
    systems = {"numpy": (f_numpy, args), "theano": (f_theano, args)}
    systems.update(_peer_mlp(args))
    return systems


CASES = [
    # name, description, setup
    ("logistic_np_float64", "1/(1+exp(-x)), x = np.float64(2.0)", case_logistic_np_float64),
    ("logistic_py_float", "1/(1+exp(-x)), x = 2.0 (Python float)", case_logistic_py_float),
    ("pow10_1e6", "a + a**10, 10^6 float64", case_pow10_1e6),
    ("pow10_1e7", "a + a**10, 10^7 float64", case_pow10_1e7),
    ("mlp_forward", "tanh(dot(x, W) + b), (500,784)x(784,500)", case_mlp_forward),
]


# --- peers (only when importable) ----------------------------------------------------------


def _peer_logistic(value):
    out = {}
    if "pytensor" in PEERS:
        import pytensor
        import pytensor.tensor as pt

        x = pt.dscalar("x")
        out["pytensor"] = (pytensor.function([x], 1 / (1 + pt.exp(-x))), (value,))
    if "jax" in PEERS:
        import jax
        import jax.numpy as jnp

        jax.config.update("jax_enable_x64", True)
        f = jax.jit(lambda x: 1 / (1 + jnp.exp(-x)))
        out["jax"] = (lambda x: f(x).block_until_ready(), (value,))
    if "torch" in PEERS:
        import torch

        t = torch.tensor(float(value), dtype=torch.float64)
        out["torch"] = (lambda v: 1 / (1 + torch.exp(-v)), (t,))
    return out


def _peer_pow10(a_val):
    out = {}
    if "pytensor" in PEERS:
        import pytensor
        import pytensor.tensor as pt

        a = pt.dvector("a")
        out["pytensor"] = (pytensor.function([a], a + a**10), (a_val,))
    if "jax" in PEERS:
        import jax

        jax.config.update("jax_enable_x64", True)
        f = jax.jit(lambda a: a + a**10)
        a_dev = jax.device_put(a_val)
        out["jax"] = (lambda a: f(a).block_until_ready(), (a_dev,))
    if "torch" in PEERS:
        import torch

        out["torch"] = (lambda a: a + a**10, (torch.from_numpy(a_val),))
    return out


def _peer_mlp(args):
    out = {}
    if "pytensor" in PEERS:
        import pytensor
        import pytensor.tensor as pt

        x, w, b = pt.dmatrix("x"), pt.dmatrix("W"), pt.dvector("b")
        out["pytensor"] = (pytensor.function([x, w, b], pt.tanh(pt.dot(x, w) + b)), args)
    if "jax" in PEERS:
        import jax
        import jax.numpy as jnp

        jax.config.update("jax_enable_x64", True)
        f = jax.jit(lambda x, w, b: jnp.tanh(jnp.dot(x, w) + b))
        dev = tuple(jax.device_put(v) for v in args)
        out["jax"] = (lambda *a: f(*a).block_until_ready(), dev)
    if "torch" in PEERS:
        import torch

        tens = tuple(torch.from_numpy(v) for v in args)
        out["torch"] = (lambda x, w, b: torch.tanh(x @ w + b), tens)
    return out


# --- timing --------------------------------------------------------------------------------


def calibrate(fn, args, min_time):
    """A loop count for which ``fn(*args)`` runs at least ``min_time`` seconds."""
    fn(*args)  # warm up (compilation of JIT peers, caches)
    timer = timeit.Timer(lambda: fn(*args))
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            return timer, number
        number = max(number * 2, int(number * min_time / max(elapsed, 1e-9) * 1.2))


def time_systems(systems, repeats, min_time):
    """Median and best seconds per call of each system.

    The repeats are interleaved (each system once per round) so that load from other
    processes on the machine falls on all systems alike and the ratios stay meaningful.
    """
    timers = {name: calibrate(fn, fargs, min_time) for name, (fn, fargs) in systems.items()}
    runs = {name: [] for name in systems}
    for _ in range(repeats):
        for name, (timer, number) in timers.items():
            runs[name].append(timer.timeit(number) / number)
    return {
        name: (statistics.median(per_call), min(per_call), timers[name][1])
        for name, per_call in runs.items()
    }


def check_same(results, reference):
    """Assert-free check that every system computed what NumPy computed."""
    ref = np.asarray(reference)
    for name, value in results.items():
        if hasattr(value, "numpy"):  # torch tensors
            value = value.numpy()
        value = np.asarray(value)
        if not np.allclose(value, ref, rtol=1e-10, atol=1e-12):
            return f"{name} differs from numpy"
    return None


def run(args):
    systems_seen = ["numpy", "theano"] + PEERS
    rows = []
    for name, description, setup in CASES:
        if args.only and not any(o in name for o in args.only):
            continue
        t0 = time.perf_counter()
        systems = setup()
        compile_s = time.perf_counter() - t0
        values = {}
        for sysname, (fn, fargs) in systems.items():
            values[sysname] = fn(*fargs)
        problem = check_same(values, values["numpy"])
        row = {"case": name, "description": description, "setup_s": compile_s, "systems": {}}
        for sysname, (median, best, number) in time_systems(
            systems, args.repeats, args.min_time
        ).items():
            row["systems"][sysname] = {
                "median_us": median * 1e6,
                "min_us": best * 1e6,
                "loops": number,
            }
        ref = row["systems"]["numpy"]["median_us"]
        for entry in row["systems"].values():
            entry["ratio_to_numpy"] = entry["median_us"] / ref
        if problem:
            row["warning"] = problem
        rows.append(row)
        _print_row(row, systems_seen, first=len(rows) == 1)
    return rows


def _print_row(row, systems, first):
    if first:
        head = f"{'case':<22}"
        for s in systems:
            head += f"{s + ' us':>13}"
            if s != "numpy":
                head += f"{'x numpy':>9}"
        print(head)
        print("-" * len(head))
    line = f"{row['case']:<22}"
    for s in systems:
        entry = row["systems"].get(s)
        if entry is None:
            line += f"{'-':>13}" + ("" if s == "numpy" else f"{'-':>9}")
            continue
        line += f"{_fmt_us(entry['median_us']):>13}"
        if s != "numpy":
            line += f"{entry['ratio_to_numpy']:>9.2f}"
    if "warning" in row:
        line += "  WARNING: " + row["warning"]
    print(line, flush=True)


def _fmt_us(us):
    if us < 10:
        return f"{us:.2f}"
    if us < 1000:
        return f"{us:.1f}"
    return f"{us:,.0f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats of >= 0.05 s each")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per system")
    parser.add_argument(
        "--min-time", type=float, default=0.2, help="seconds each timed run lasts at least"
    )
    parser.add_argument("--only", nargs="*", help="run the cases whose name contains these")
    parser.add_argument(
        "--json", help="where to write the results (default: benchmarks/results/<date>.json)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.min_time = 3, 0.05

    env = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "theano": theano.__version__,
        "floatX": theano.config.floatX,
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpus": os.cpu_count(),
        "peers": {p: _version(p) for p in PEERS},
        "repeats": args.repeats,
        "min_time_s": args.min_time,
    }
    print(
        f"python {env['python']}, numpy {env['numpy']}, theano {env['theano']}, {env['cpus']} cpus"
    )
    print("median time per call in microseconds; 'x numpy' = time / numpy's time, same run\n")
    rows = run(args)

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.json or os.path.join(ROOT, "benchmarks", "results", f"{stamp}.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"date": stamp, "environment": env, "results": rows}, f, indent=1)
    print(f"\nwrote {os.path.relpath(path)}")


def _version(module):
    try:
        return __import__(module).__version__
    except Exception:  # noqa: BLE001 - a peer that fails to import is just reported
        return "unavailable"


if __name__ == "__main__":
    main()
