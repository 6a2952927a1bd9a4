"""Tests of theano.d3viz: a self-contained HTML page with the SVG graph, and d3write."""

import re
import shutil

import pytest

import theano
import theano.tensor as T
from theano import printing_dot
from theano.d3viz import PyDotFormatter, d3viz, d3write
from theano.printing_dot import GraphvizNotFoundError

try:
    import pydot

    HAVE_PYDOT = True
except ImportError:
    HAVE_PYDOT = False

needs_pydot = pytest.mark.skipif(not HAVE_PYDOT,
                                 reason="pydot is not installed (pip install pydot)")
needs_dot = pytest.mark.skipif(
    not HAVE_PYDOT or shutil.which("dot") is None,
    reason="Graphviz's dot is not installed (see README: apt-get install graphviz)",
)


def _logistic():
    x = T.dscalar("x")
    y = 1 / (1 + T.exp(-x))  # the line the tooltips point at
    return x, y


@needs_dot
def test_page_holds_the_svg_and_loads_nothing(tmp_path):
    _, y = _logistic()
    outfile = tmp_path / "sub" / "dir" / "y.html"
    d3viz(y, str(outfile))
    page = outfile.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 1 and "</svg>" in page
    assert "Elemwise{exp,no_inplace}" in page
    assert "<script>" in page and "<style>" in page
    # Self-contained: no URL, no external script, stylesheet or image.
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert sorted(p.name for p in outfile.parent.iterdir()) == ["y.html"]  # nothing copied


@needs_dot
def test_tooltips_give_the_user_line(tmp_path):
    _, y = _logistic()
    d3viz(y, str(tmp_path / "y.html"), copy_deps=False)
    page = (tmp_path / "y.html").read_text(encoding="utf-8")
    # Graphviz writes each node's tooltip as xlink:title (newlines as &#10;).
    titles = re.findall(r'xlink:title="([^"]*)"', page)
    exp_title = next(t for t in titles if t.startswith("Elemwise{exp,no_inplace}"))
    assert "test_d3viz.py:" in exp_title
    assert "input 0: Elemwise{neg,no_inplace}.0 TensorType(float64, scalar)" in exp_title


@needs_dot
def test_function_page_is_titled_and_shows_the_compiled_graph(tmp_path):
    x, y = _logistic()
    f = theano.function([x], y, name="logistic")
    d3viz(f, str(tmp_path / "f.html"), compact=False)
    page = (tmp_path / "f.html").read_text(encoding="utf-8")
    assert "<title>Theano graph: logistic</title>" in page
    for node in f.maker.fgraph.toposort():
        assert str(node.op) in page


@needs_pydot
def test_d3write_writes_dot_text(tmp_path):
    _, y = _logistic()
    path = tmp_path / "y.dot"
    d3write(y, str(path), compact=False)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("digraph G {")
    assert "Elemwise{true_div,no_inplace}" in text
    assert "tooltip=" in text


@needs_pydot
def test_formatter_adds_into_a_given_graph():
    _, y = _logistic()
    host = pydot.Dot(graph_type="digraph")
    out = PyDotFormatter(compact=True)(y, graph=host)
    assert out is host
    labels = [n.get("label") for n in host.get_nodes()]
    assert '"Elemwise{exp,no_inplace}"' in labels or "Elemwise{exp,no_inplace}" in labels


def test_missing_graphviz_is_a_clear_error(monkeypatch, tmp_path):
    pytest.importorskip("pydot")
    monkeypatch.setattr(printing_dot, "_find_dot", lambda: None)
    _, y = _logistic()
    with pytest.raises(GraphvizNotFoundError, match="install graphviz"):
        d3viz(y, str(tmp_path / "y.html"))
    assert not (tmp_path / "y.html").exists()
