"""theano.tensor.nnet.neighbours: images2neibs in every mode, neibs2images, gradients.

Values against a NumPy reference following Theano's documented layout (one patch per row,
rows ordered by (a, b, patch row, patch column)); some outputs, messages and graphs are
Theano 1.0.5's.
"""

import numpy as np
import pytest

import theano
import theano.link.py.dispatch.pool  # registers the renderers (until dispatch does)
import theano.tensor as T
from theano.gradient import verify_grad
from theano.graph.basic import io_toposort
from theano.tensor.nnet.neighbours import (
    Images2Neibs,
    Images2NeibsGrad,
    images2neibs,
    neibs2images,
)

RNG = np.random.RandomState(99)


def ref_images2neibs(x, shape, step, mode):
    """One patch at a time: Theano's layout, with zeros outside the image ('half', 'full')."""
    c, d = shape
    sx, sy = step
    n, s, h, w = x.shape
    if mode == "wrap_centered":
        grid = (-(-h // sx), -(-w // sy))
        offset = (c // 2, d // 2)
    elif mode in ("valid", "ignore_borders"):
        grid = (1 + (h - c) // sx, 1 + (w - d) // sy)
        offset = (0, 0)
    elif mode == "half":
        grid = (1 + (h - c % 2) // sx, 1 + (w - d % 2) // sy)
        offset = (c // 2, d // 2)
    else:
        grid = (1 + (h + c - 2) // sx, 1 + (w + d - 2) // sy)
        offset = (c - 1, d - 1)
    rows = []
    for i in range(n):
        for j in range(s):
            for a in range(grid[0]):
                for b in range(grid[1]):
                    patch = np.zeros((c, d), dtype=x.dtype)
                    for u in range(c):
                        for v in range(d):
                            r = a * sx + u - offset[0]
                            q = b * sy + v - offset[1]
                            if mode == "wrap_centered":
                                patch[u, v] = x[i, j, r % h, q % w]
                            elif 0 <= r < h and 0 <= q < w:
                                patch[u, v] = x[i, j, r, q]
                    rows.append(patch.ravel())
    return np.array(rows).reshape(-1, c * d)


CASES = [
    # mode, neib_shape, neib_step, input shape
    ("valid", (2, 2), None, (2, 3, 4, 6)),
    ("valid", (2, 3), (1, 1), (1, 2, 3, 4)),
    ("valid", (3, 2), (2, 3), (2, 1, 7, 8)),
    ("ignore_borders", (2, 2), None, (1, 2, 5, 5)),
    ("ignore_borders", (2, 3), (2, 1), (2, 1, 5, 5)),
    ("ignore_borders", (3, 2), (1, 3), (1, 1, 4, 7)),
    ("half", (3, 3), (1, 1), (1, 2, 3, 4)),
    ("half", (2, 3), (1, 2), (1, 1, 4, 5)),
    ("full", (2, 3), (1, 1), (2, 1, 3, 4)),
    ("full", (3, 2), (2, 1), (1, 1, 3, 4)),
    ("wrap_centered", (3, 3), (1, 1), (1, 2, 4, 5)),
    ("wrap_centered", (3, 1), (2, 2), (1, 1, 5, 4)),
    ("wrap_centered", (5, 3), (2, 3), (2, 1, 5, 7)),
]


@pytest.mark.parametrize("mode,shape,step,ishape", CASES)
def test_images2neibs_values_and_shape(mode, shape, step, ishape):
    im = T.dtensor4("im")
    n = images2neibs(im, shape, step, mode=mode)
    assert n.type == T.dmatrix and str(n.owner.op) == f"Images2Neibs{{{mode}}}"
    xv = RNG.randn(*ishape)
    res, shp = theano.function([im], [n, n.shape])(xv)
    ref = ref_images2neibs(xv, shape, step or shape, mode)
    assert tuple(shp) == res.shape == ref.shape
    np.testing.assert_array_equal(res, ref)


def test_values_printed_by_theano():
    # Theano 1.0.5 outputs for arange inputs
    im = T.dtensor4("im")

    def run(shape, step, mode, ishape):
        val = np.arange(np.prod(ishape), dtype="float64").reshape(ishape)
        return theano.function([im], images2neibs(im, shape, step, mode=mode))(val).tolist()

    assert run((2, 2), None, "valid", (1, 2, 4, 6))[:4] == [
        [0.0, 1.0, 6.0, 7.0],
        [2.0, 3.0, 8.0, 9.0],
        [4.0, 5.0, 10.0, 11.0],
        [12.0, 13.0, 18.0, 19.0],
    ]
    assert run((3, 1), (2, 2), "wrap_centered", (1, 1, 5, 4)) == [
        [16.0, 0.0, 4.0],
        [18.0, 2.0, 6.0],
        [4.0, 8.0, 12.0],
        [6.0, 10.0, 14.0],
        [12.0, 16.0, 0.0],
        [14.0, 18.0, 2.0],
    ]
    assert run((2, 3), (1, 2), "half", (1, 1, 4, 5))[:3] == [
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        [0.0, 0.0, 0.0, 1.0, 2.0, 3.0],
        [0.0, 0.0, 0.0, 3.0, 4.0, 0.0],
    ]


@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_dtype_kept(dtype):
    im = T.tensor4("im", dtype=dtype)
    n = images2neibs(im, (2, 2))
    assert n.dtype == dtype
    xv = np.arange(32).reshape(1, 2, 4, 4).astype(dtype)
    res = theano.function([im], n)(xv)
    assert res.dtype == dtype
    np.testing.assert_array_equal(res, ref_images2neibs(xv, (2, 2), (2, 2), "valid"))


def test_symbolic_shape_and_step():
    im = T.dtensor4("im")
    shp, step = T.lvector("shp"), T.lvector("step")
    n = images2neibs(im, shp, step, mode="ignore_borders")
    xv = RNG.randn(2, 1, 5, 6)
    res, s = theano.function([im, shp, step], [n, n.shape])(xv, [2, 3], [1, 2])
    assert tuple(s) == res.shape
    np.testing.assert_array_equal(res, ref_images2neibs(xv, (2, 3), (1, 2), "ignore_borders"))


@pytest.mark.parametrize(
    "mode,shape,step,ishape,exc,match",
    [
        (
            "valid",
            (2, 2),
            None,
            (1, 1, 5, 4),
            TypeError,
            r"neib_shape\[0\]=2, neib_step\[0\]=2 and ten4.shape\[2\]=5 not consistent",
        ),
        (
            "full",
            (3, 2),
            (2, 3),
            (1, 1, 3, 4),
            TypeError,
            r"neib_shape\[1\]=2, neib_step\[1\]=3 and ten4.shape\[3\]=4 not consistent",
        ),
        (
            "wrap_centered",
            (2, 2),
            None,
            (1, 1, 5, 4),
            TypeError,
            "Images2Neibs: in mode wrap_centered need patch with odd shapes",
        ),
        (
            "wrap_centered",
            (3, 3),
            None,
            (1, 1, 2, 4),
            TypeError,
            (
                r"don't support image shapes smaller then the patch shapes: neib_shape=\(3,3\), "
                r"ten4\[2:\]=\[2,4\]"
            ),
        ),
        (
            "valid",
            (2, 2),
            (0, 1),
            (1, 1, 4, 4),
            ValueError,
            r"neib_step wrong step ; values <= 0. Got \[0 1\]",
        ),
    ],
)
def test_runtime_errors(mode, shape, step, ishape, exc, match):
    im = T.dtensor4("im")
    f = theano.function([im], images2neibs(im, shape, step, mode=mode))
    with pytest.raises(exc, match=match):
        f(np.zeros(ishape))


def test_build_errors():
    with pytest.raises(
        NotImplementedError,
        match="Only modes full, half, ignore_borders, valid, wrap_centered have been implemented",
    ):
        Images2Neibs("foo")
    with pytest.raises(TypeError, match="must be a 4-d tensor"):
        images2neibs(T.dtensor3(), (2, 2))
    with pytest.raises(TypeError, match="neib_shape.*vector of 2 ints"):
        images2neibs(T.dtensor4(), (2.0, 2.0))


# -- neibs2images -------------------------------------------------------------------------


def test_round_trip_valid():
    im = T.dtensor4("im")
    nb = T.dmatrix("nb")
    back = neibs2images(nb, (2, 2), (1, 2, 4, 6))
    assert back.broadcastable == (True, False, False, False)  # as Theano 1.0.5
    val = RNG.randn(1, 2, 4, 6)
    nv = theano.function([im], images2neibs(im, (2, 2)))(val)
    np.testing.assert_array_equal(theano.function([nb], back)(nv), val)
    # a symbolic original shape
    back2 = neibs2images(images2neibs(im, (2, 3)), (2, 3), im.shape)
    val = RNG.randn(2, 3, 4, 9)
    np.testing.assert_array_equal(theano.function([im], back2)(val), val)


def test_round_trip_ignore_borders_pads_with_zeros():
    im = T.dtensor4("im")
    nb = T.dmatrix("nb")
    back = neibs2images(nb, (2, 2), (1, 1, 5, 5), mode="ignore_borders")
    val = np.arange(25.0).reshape(1, 1, 5, 5)
    nv = theano.function([im], images2neibs(im, (2, 2), mode="ignore_borders"))(val)
    expected = val.copy()
    expected[..., 4, :] = 0
    expected[..., :, 4] = 0
    np.testing.assert_array_equal(theano.function([nb], back)(nv), expected)  # Theano 1.0.5
    with pytest.raises(NotImplementedError, match="neibs2images do not support mode=half"):
        neibs2images(nb, (2, 2), (1, 1, 4, 4), mode="half")


# -- gradients ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode,shape,step,ishape", CASES)
def test_verify_grad(mode, shape, step, ishape):
    xv = RNG.randn(*ishape)
    verify_grad(
        lambda x: 2.0 * images2neibs(x, shape, step, mode=mode), [xv], rng=np.random.RandomState(0)
    )


def test_grad_graph_like_theano_for_disjoint_patches():
    im = T.dtensor4("im")
    g = theano.grad((images2neibs(im, (2, 2)) ** 2).sum(), im)
    assert str(g.owner.op).startswith("Reshape")  # neibs2images, as in Theano 1.0.5
    ops = [type(n.op) for n in io_toposort([im], [g])]
    assert Images2NeibsGrad not in ops
    g2 = theano.grad((images2neibs(im, (2, 2), (1, 1)) ** 2).sum(), im)
    assert isinstance(g2.owner.op, Images2NeibsGrad)


@pytest.mark.parametrize("mode,shape,step,ishape", [CASES[2], CASES[7], CASES[11]])
def test_second_derivative(mode, shape, step, ishape):
    xv = RNG.randn(*ishape)

    def fn(x):
        n = images2neibs(x, shape, step, mode=mode)
        return theano.grad((n**3).sum(), x)

    verify_grad(fn, [xv], rng=np.random.RandomState(0))


def test_grad_counts_overlaps():
    im = T.dtensor4("im")
    g = theano.grad(images2neibs(im, (2, 2), (1, 1)).sum(), im)
    res = theano.function([im], g)(np.zeros((1, 1, 3, 4)))
    np.testing.assert_array_equal(res[0, 0], [[1, 2, 2, 1], [2, 4, 4, 2], [1, 2, 2, 1]])
