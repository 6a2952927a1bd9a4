"""Tests of pydotprint (theano/printing_dot.py): labels, shapes, colours, files, errors."""

import doctest
import re
import shutil
import sys
import types

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import printing_dot
from theano.graph.basic import Apply
from theano.graph.fg import FunctionGraph
from theano.graph.op import Op
from theano.printing_dot import GraphvizNotFoundError, dot_source, pydot_graph, pydotprint

try:
    import pydot  # noqa: F401

    HAVE_PYDOT = True
except ImportError:
    HAVE_PYDOT = False

needs_pydot = pytest.mark.skipif(not HAVE_PYDOT,
                                 reason="pydot is not installed (pip install pydot)")
needs_dot = pytest.mark.skipif(
    not HAVE_PYDOT or shutil.which("dot") is None,
    reason="Graphviz's dot is not installed (see README: apt-get install graphviz)",
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _unquote(value):
    if value is None:
        return None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def _nodes(graph):
    """``{dot id: {attr: value}}`` of a pydot graph, clusters included, values unquoted."""
    nodes = {}
    for g in [graph] + graph.get_subgraphs():
        for node in g.get_nodes():
            name = node.get_name()
            if name in ("node", "edge", "graph"):
                continue
            nodes[name] = {k: _unquote(v) for k, v in node.get_attributes().items()}
    return nodes


def _edges(graph):
    """``[(src label, dst label, {attr: value})]`` of a pydot graph."""
    nodes = _nodes(graph)
    return [
        (nodes[e.get_source()]["label"], nodes[e.get_destination()]["label"],
         {k: _unquote(v) for k, v in e.get_attributes().items()})
        for e in graph.get_edges()
    ]


def _labels(graph, shape=None):
    return [a["label"] for a in _nodes(graph).values() if shape is None or a["shape"] == shape]


def _handout_002():
    # Handout 002, "Internal representations".
    x = T.scalar()
    y = 1 / (1 + T.exp(-x))
    S = theano.function([x], y)
    return x, y, S


# ----------------------------------------------------------------------------------------
# The handout's two drawings


@needs_dot
def test_handout_002_drawings_are_png_files(tmp_path, capsys):
    _, y, S = _handout_002()
    pydotprint(y, outfile=str(tmp_path / "y.png"), var_with_name_simple=True)
    pydotprint(S, outfile=str(tmp_path / "opty.png"), var_with_name_simple=True)
    for name in ("y.png", "opty.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == PNG_MAGIC
        assert len(data) > 1000
    out = capsys.readouterr().out
    assert f"The output file is available at {tmp_path / 'y.png'}" in out
    assert f"The output file is available at {tmp_path / 'opty.png'}" in out


@needs_pydot
def test_handout_002_variable_graph_labels():
    _, y, _ = _handout_002()
    graph = pydot_graph(y, var_with_name_simple=True)
    ops = _labels(graph, "ellipse")
    assert sorted(ops) == sorted([
        "Elemwise{neg,no_inplace}", "Elemwise{exp,no_inplace}",
        "Elemwise{add,no_inplace}", "Elemwise{true_div,no_inplace}",
    ])
    boxes = _nodes(graph)
    # The unnamed input x, the constant 1 (shared by add and true_div), the output.
    by_label = {}
    for attrs in boxes.values():
        if attrs["shape"] == "box":
            by_label.setdefault(attrs["label"], []).append(attrs["fillcolor"])
    assert by_label == {
        "TensorType(float64, scalar)": ["green", "blue"],
        "val=1 TensorType(int8, scalar)": ["green"],
    }
    edges = _edges(graph)
    # Compact mode: an unnamed intermediate result is an edge labelled with its type,
    # prefixed by the input position when the op has several inputs.
    assert ("Elemwise{neg,no_inplace}", "Elemwise{exp,no_inplace}",
            {"label": "TensorType(float64, scalar)"}) in edges
    assert ("Elemwise{exp,no_inplace}", "Elemwise{add,no_inplace}",
            {"label": "1 TensorType(float64, scalar)"}) in edges
    assert ("val=1 TensorType(int8, scalar)", "Elemwise{true_div,no_inplace}",
            {"label": "0"}) in edges
    assert ("TensorType(float64, scalar)", "Elemwise{neg,no_inplace}", {}) in edges


@needs_pydot
def test_elemwise_ellipses_are_pink_and_other_ops_plain():
    a = T.dmatrix("a")
    b = T.dvector("b")
    nodes = _nodes(pydot_graph(T.dot(a, b) + 2 * b))
    by_label = {attrs["label"]: attrs for attrs in nodes.values()}
    assert by_label["Elemwise{add,no_inplace}"]["fillcolor"] == "#FFAABB"
    assert by_label["Elemwise{add,no_inplace}"]["shape"] == "ellipse"
    assert "fillcolor" not in by_label["dot"]
    assert by_label["name=a TensorType(float64, matrix)"]["shape"] == "box"


def test_var_with_name_simple():
    pytest.importorskip("pydot")
    x = T.dscalar("x")
    y = T.exp(x)
    y.name = "y"
    assert sorted(_labels(pydot_graph(y, var_with_name_simple=True), "box")) == ["x", "y"]
    assert sorted(_labels(pydot_graph(y), "box")) == [
        "name=x TensorType(float64, scalar)", "name=y TensorType(float64, scalar)",
    ]


# ----------------------------------------------------------------------------------------
# A compiled function is drawn after its rewrites


@needs_pydot
def test_function_graph_is_the_rewritten_one():
    x = T.dscalar("x")
    y = T.exp(x) + T.exp(x) + T.as_tensor_variable(2.0) * 3
    f = theano.function([x], y, mode=theano.Mode().excluding("fusion"))
    before = [re.sub(r" id=\d+$", "", op) for op in _labels(pydot_graph(y), "ellipse")]
    after = [re.sub(r" id=\d+$", "", op) for op in _labels(pydot_graph(f), "ellipse")]
    assert before.count("Elemwise{exp,no_inplace}") == 2
    assert after.count("Elemwise{exp,no_inplace}") == 1  # merged
    assert "Elemwise{mul,no_inplace}" in before
    assert 'label="val=6.0 ' in dot_source(f)  # 2.0 * 3 folded
    assert after != before
    # Exactly the nodes of the compiled graph, each labelled with its op.
    topo = f.maker.fgraph.toposort()
    assert sorted(after) == sorted(str(n.op) for n in topo)
    assert dot_source(f) == dot_source(f.maker.fgraph)


@needs_pydot
def test_shared_variables_and_updates():
    x = T.dvector("x")
    w = theano.shared(np.ones(3), name="w")
    b = theano.shared(0.5)
    cost = T.sum(w * x) + b
    f = theano.function([x], cost, updates=[(w, w - 0.1 * x), (b, b + 1)])
    graph = pydot_graph(f)
    nodes = _nodes(graph)
    by_label = {}
    for attrs in nodes.values():
        by_label.setdefault(attrs["label"], []).append(attrs.get("fillcolor"))
    assert by_label["name=w TensorType(float64, vector)"] == ["cyan"]
    assert by_label["name=x TensorType(float64, vector)"] == ["green"]
    # The update of w is an output, labelled with the name of what it updates.
    assert by_label["w TensorType(float64, vector)"] == ["blue"]
    updates = [(s, d) for s, d, attrs in _edges(graph) if attrs.get("label") == "UPDATE"]
    assert ("w TensorType(float64, vector)", "name=w TensorType(float64, vector)") in updates
    assert len(updates) == 2
    simple = _labels(pydot_graph(f, var_with_name_simple=True), "box")
    assert simple.count("w") == 2 and "x" in simple


# ----------------------------------------------------------------------------------------
# Edges, colours and labels


class _DestroyFirst(Op):
    """A test op that overwrites its input (destroy_map), like Theano's inplace ops."""

    __props__ = ()

    def __init__(self):
        self.destroy_map = {0: [0]}

    def make_node(self, x):
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0]


@needs_pydot
def test_view_edges_are_blue_and_destroy_edges_red():
    x = T.dvector("x")
    viewed = x.dimshuffle("x", 0)
    destroyed = _DestroyFirst()(x)
    edges = _edges(pydot_graph([viewed, destroyed]))
    colors = {dst: attrs.get("color") for src, dst, attrs in edges if src.startswith("name=x")}
    assert colors == {"InplaceDimShuffle{x,0}": "blue", "_DestroyFirst": "red"}


@needs_pydot
def test_unused_output_is_grey_and_outputs_are_numbered():
    m = T.dmatrix("m")
    mx, _ = T.max_and_argmax(m, axis=0)
    graph = pydot_graph(mx)
    colors = {a["label"]: a.get("fillcolor") for a in _nodes(graph).values()}
    assert colors["name=max TensorType(float64, vector)"] == "blue"
    assert colors["name=argmax TensorType(int64, vector)"] == "grey"
    labels = {dst: attrs.get("label") for _, dst, attrs in _edges(graph)}
    assert labels["name=max TensorType(float64, vector)"] == "0"
    assert labels["name=argmax TensorType(int64, vector)"] == "1"


@needs_pydot
def test_compact_false_draws_every_variable_and_with_ids_numbers_nodes():
    a = T.dmatrix("a")
    b = T.dvector("b")
    z = T.dot(a, b) + 2 * b
    compact = _labels(pydot_graph(z), "box")
    full = _labels(pydot_graph(z, compact=False, with_ids=True), "box")
    assert len(full) == len(compact) + 3  # dot's, DimShuffle's and mul's results
    ops = _labels(pydot_graph(z, with_ids=True), "ellipse")
    assert all(re.search(r" id=\d+$", op) for op in ops)
    assert sorted(int(op.split("id=")[1]) for op in ops) == [0, 1, 2, 3]


@needs_pydot
def test_repeated_op_labels_get_an_id_and_long_labels_are_cut():
    x = T.dvector("x")
    y = T.exp(T.exp(x))
    ops = _labels(pydot_graph(y), "ellipse")
    assert ops[0] == "Elemwise{exp,no_inplace}"
    assert ops[1] == "Elemwise{exp,no_inplace} id=1"
    short = pydot_graph(y, max_label_size=12)
    for label in _labels(short):
        assert len(label) <= 12
    assert "Elemwise{..." in _labels(short, "ellipse")
    assert len(set(_labels(short, "ellipse"))) == 2  # cut labels stay distinct


@needs_pydot
def test_high_contrast_off_colours_outlines():
    x = T.dscalar("x")
    nodes = _nodes(pydot_graph(T.exp(x), high_contrast=False))
    by_label = {a["label"]: a for a in nodes.values()}
    assert by_label["name=x TensorType(float64, scalar)"]["color"] == "green"
    assert "style" not in by_label["Elemwise{exp,no_inplace}"]


@needs_pydot
def test_color_codes_replace_the_default_table():
    x = T.dscalar("x")
    nodes = _nodes(pydot_graph(T.exp(x), colorCodes={"Elemwise": "orange"}))
    by_label = {a["label"]: a for a in nodes.values()}
    assert by_label["Elemwise{exp,no_inplace}"]["fillcolor"] == "orange"
    assert by_label["TensorType(float64, scalar)"]["fillcolor"] == "blue"  # Output default


@needs_pydot
@pytest.mark.parametrize("what", ["variable", "list", "apply", "fgraph", "function"])
def test_accepts_every_kind_of_graph(what):
    x = T.dvector("x")
    y = T.exp(x)
    fct = {
        "variable": y,
        "list": [y, x * 2],
        "apply": y.owner,
        "fgraph": FunctionGraph([x], [y]),
        "function": theano.function([x], y),
    }[what]
    assert "Elemwise{exp,no_inplace}" in _labels(pydot_graph(fct), "ellipse")


@needs_pydot
def test_rejects_other_objects():
    with pytest.raises(TypeError, match="pydotprint: expected a Variable.*got int"):
        pydot_graph(3)


@needs_pydot
def test_function_returning_its_input_draws_the_box():
    x = T.dvector("x")
    f = theano.function([x], x)
    assert len(_labels(pydot_graph(f), "box")) >= 1


@needs_pydot
def test_labels_with_quotes_and_backslashes_stay_valid_dot():
    x = T.dscalar('my "x"\\n')
    source = dot_source(T.exp(x))
    # DOT text: quotes escaped, the backslash doubled (else Graphviz reads a newline).
    assert 'label="name=my \\"x\\"\\\\n TensorType(float64, scalar)"' in source
    if shutil.which("dot") is not None:
        svg = printing_dot.render_dot(source, "svg").decode()
        assert "name=my &quot;x&quot;\\n TensorType(float64, scalar)" in svg


# ----------------------------------------------------------------------------------------
# Files, formats, return_image


@needs_dot
def test_extension_is_appended_and_formats(tmp_path, capsys):
    x = T.dscalar("x")
    y = T.exp(x)
    pydotprint(y, outfile=str(tmp_path / "graph"), print_output_file=False)
    assert (tmp_path / "graph.png").read_bytes()[:8] == PNG_MAGIC
    pydotprint(y, outfile=str(tmp_path / "graph.svg"), format="svg")
    assert "<svg" in (tmp_path / "graph.svg").read_text()
    pydotprint(y, outfile=str(tmp_path / "graph.dot"), format="dot")
    assert "Elemwise{exp,no_inplace}" in (tmp_path / "graph.dot").read_text()
    out = capsys.readouterr().out
    assert "graph.png" not in out and "graph.svg" in out


@needs_dot
def test_return_image_writes_nothing(tmp_path, capsys):
    x = T.dscalar("x")
    image = pydotprint(T.exp(x), outfile=str(tmp_path / "no.png"), return_image=True)
    assert isinstance(image, bytes) and image[:8] == PNG_MAGIC
    assert not (tmp_path / "no.png").exists()
    assert capsys.readouterr().out == ""


@needs_dot
def test_default_outfile_is_in_the_compiledir(tmp_path, monkeypatch, capsys):
    fake = types.SimpleNamespace(compiledir=str(tmp_path / "cd"), device="cpu")
    monkeypatch.setattr(printing_dot, "config", fake)
    pydotprint(T.exp(T.dscalar()))
    expected = tmp_path / "cd" / "theano.pydotprint.cpu.png"
    assert expected.read_bytes()[:8] == PNG_MAGIC
    assert str(expected) in capsys.readouterr().out


@needs_dot
def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="dot could not render the graph as 'nosuch'"):
        pydotprint(T.exp(T.dscalar()), outfile=str(tmp_path / "g"), format="nosuch")


# ----------------------------------------------------------------------------------------
# Missing pydot or Graphviz


def test_missing_dot_program_says_how_to_install(monkeypatch, tmp_path):
    pytest.importorskip("pydot")
    monkeypatch.setattr(printing_dot, "_find_dot", lambda: None)
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz") as info:
        pydotprint(T.exp(T.dscalar()), outfile=str(tmp_path / "g.png"))
    assert isinstance(info.value, ImportError)
    assert "brew install graphviz" in str(info.value)
    assert not (tmp_path / "g.png").exists()


def test_missing_pydot_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pydot", None)  # makes `import pydot` fail
    with pytest.raises(ImportError, match="pip install pydot"):
        theano.printing.pydotprint(T.exp(T.dscalar()))
    with pytest.raises(GraphvizNotFoundError):
        dot_source(T.exp(T.dscalar()))


# ----------------------------------------------------------------------------------------
# IfElse highlighting, inner graphs, aliases


@needs_pydot
def test_cond_highlight_puts_the_branches_in_clusters():
    from theano.ifelse import ifelse

    a, b = T.dscalars("a", "b")
    x = T.dvector("x")
    z = ifelse(T.lt(a, b), T.exp(x), T.log(x) * 2)
    graph = pydot_graph(z, cond_highlight=True)
    clusters = {sub.get_name(): sub for sub in graph.get_subgraphs()}
    then_ops = [_unquote(n.get("label")) for n in clusters["cluster_Left"].get_nodes()]
    else_ops = [_unquote(n.get("label")) for n in clusters["cluster_Right"].get_nodes()]
    assert then_ops == ["Elemwise{exp,no_inplace}"]
    assert {"Elemwise{log,no_inplace}", "Elemwise{mul,no_inplace}"} <= set(else_ops)
    assert "Elemwise{exp,no_inplace}" not in else_ops
    branch_edges = {attrs["label"].split(" ")[0] + " " + attrs["label"].split(" ")[1]: src
                    for src, _, attrs in _edges(graph) if attrs.get("style") == "dashed"}
    assert branch_edges == {"then 0": "Elemwise{exp,no_inplace}",
                            "else 0": "Elemwise{mul,no_inplace}"}
    # Without cond_highlight the branches stay inside the IfElse node.
    assert "Elemwise{exp,no_inplace}" not in _labels(pydot_graph(z), "ellipse")


@needs_pydot
def test_cond_highlight_without_ifelse_warns():
    with pytest.warns(UserWarning, match="no matching IfElse"):
        pydot_graph(T.exp(T.dscalar()), cond_highlight=True)


@needs_dot
def test_scan_graphs_draws_the_inner_graph(tmp_path):
    scan = pytest.importorskip("theano.scan").scan
    A = T.dvector("A")
    k = T.iscalar("k")
    result, updates = scan(fn=lambda prior, A: prior * A, outputs_info=T.ones_like(A),
                           non_sequences=A, n_steps=k)
    f = theano.function([A, k], result[-1], updates=updates)
    pydotprint(f, outfile=str(tmp_path / "power.png"), scan_graphs=True,
               print_output_file=False)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files[0] == "power.png" and len(files) == 2
    assert re.fullmatch(r"power_\w+_\d+\.png", files[1])
    assert (tmp_path / files[1]).read_bytes()[:8] == PNG_MAGIC


def test_printing_exports_and_old_name(monkeypatch):
    assert theano.printing.pydotprint is pydotprint
    calls = []
    monkeypatch.setattr(printing_dot, "pydotprint", lambda *a, **k: calls.append((a, k)))
    with pytest.warns(DeprecationWarning, match="pydotprint_variables"):
        theano.printing.pydotprint_variables("v", outfile="o")
    assert calls == [(("v",), {"outfile": "o"})]


@needs_dot
def test_module_doctests():
    result = doctest.testmod(printing_dot, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3 and result.failed == 0
