"""pydotprint: draw a graph, or the rewritten graph of a compiled function, with Graphviz.

Theano 1.0's drawing conventions: an Apply node is an ellipse labelled with its op
(filled by op class: element-wise ops pink, shape ops brown, ...), a variable is a box
(inputs green, shared variables cyan, outputs blue, unused outputs grey).  In compact
mode an unnamed intermediate variable is not drawn: its edge carries its input index
and type instead.  Edges into an input that an op views are blue, into one it
destroys red; an update of a shared variable is a blue ``UPDATE`` edge back to it.

The graph is built with the ``pydot`` package (``pydot_graph`` returns it,
``dot_source`` its text) and rendered by Graphviz's ``dot`` program; when either is
missing, ``GraphvizNotFoundError`` (an ImportError) says how to install it.
"""

import os
import shutil
import subprocess
import warnings

import numpy as np

from theano.configparser import config
from theano.graph.basic import Apply, Constant, Variable, clone_replace, graph_inputs, io_toposort
from theano.graph.fg import FunctionGraph
from theano.graph.utils import format_trace

__all__ = [
    "GraphvizNotFoundError",
    "default_color_codes",
    "dot_source",
    "pydot_graph",
    "pydotprint",
    "pydotprint_variables",
    "render_dot",
]

# Substrings of op class names and their colours (the last match wins), as Theano 1.0.
default_color_codes = {
    "GpuFromHost": "red",
    "HostFromGpu": "red",
    "Scan": "yellow",
    "Shape": "brown",
    "IfElse": "magenta",
    "Elemwise": "#FFAABB",  # pink
    "Subtensor": "#FFAAFF",  # purple
    "Alloc": "#FFAA22",  # orange
    "Output": "blue",
}

_INPUT_COLOR = "green"
_SHARED_COLOR = "cyan"
_UNUSED_COLOR = "grey"
# Fills dark enough to need white text (Theano's blue outputs were hard to read).
_DARK_FILLS = {"blue", "brown", "red", "navy", "black", "darkgreen", "purple"}
_APPLY_SHAPE = "ellipse"
_VAR_SHAPE = "box"

_PYDOT_HELP = "Install it with: pip install pydot  (or pip install -e '.[test]' in this repository)"
_DOT_HELP = (
    "Install Graphviz, which provides it: apt-get install graphviz (Debian/Ubuntu), "
    "dnf install graphviz (Fedora), brew install graphviz (macOS), conda install graphviz, "
    "or see https://graphviz.org/download/; then make sure `dot` is on the PATH."
)


class GraphvizNotFoundError(ImportError):
    """The ``pydot`` package or Graphviz's ``dot`` program, needed to draw graphs, is missing."""


# ----------------------------------------------------------------------------------------
# Finding pydot and dot (tests replace these two functions to simulate a missing install)


def _find_dot():
    """The path of Graphviz's ``dot`` program, or None when it is not on the PATH."""
    return shutil.which("dot")


def _import_pydot():
    """The ``pydot`` module; raises GraphvizNotFoundError saying how to install it."""
    try:
        import pydot
    except ImportError as exc:
        raise GraphvizNotFoundError(
            f"pydotprint and d3viz need the Python package `pydot`, which could not be "
            f"imported ({exc}). {_PYDOT_HELP}. They also need Graphviz's `dot` program. "
            f"{_DOT_HELP}"
        ) from exc
    return pydot


def _require_dot():
    dot = _find_dot()
    if dot is None:
        raise GraphvizNotFoundError(
            "pydotprint and d3viz need Graphviz's `dot` program to lay out and render the "
            f"graph, and it was not found on the PATH. {_DOT_HELP}"
        )
    return dot


def render_dot(source, format="png"):
    """Lay out DOT text with Graphviz's ``dot`` and return the rendered bytes.

    Parameters
    ----------
    source : str or pydot.Dot
        The graph, as DOT text or a pydot graph.
    format : str
        Any output format of ``dot -T`` (``'png'``, ``'svg'``, ``'pdf'``, ``'dot'``, ...).

    Raises
    ------
    GraphvizNotFoundError
        When ``dot`` is not on the PATH.
    ValueError
        When ``dot`` rejects the format or the graph (its message is included).
    """
    if not isinstance(source, str):
        source = source.to_string()
    dot = _require_dot()
    proc = subprocess.run([dot, f"-T{format}"], input=source.encode("utf-8"),
                          capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise ValueError(f"Graphviz's dot could not render the graph as {format!r}: {message}")
    return proc.stdout


# ----------------------------------------------------------------------------------------
# What to draw: inputs, outputs, nodes in order, and updates, whatever was passed


class _GraphView:
    """The outputs, Apply nodes (in topological order) and updates of what is drawn."""

    def __init__(self, outputs, topo, updates=None):
        self.outputs = list(outputs)
        self.topo = list(topo)
        self.updates = dict(updates or {})  # update output variable -> variable it updates


def _is_function(obj):
    maker = getattr(obj, "maker", None)
    return isinstance(getattr(maker, "fgraph", None), FunctionGraph)


def _function_updates(fn):
    """``{update output: input it updates}`` in a compiled Function's graph."""
    maker = fn.maker
    fg = maker.fgraph
    inputs = list(getattr(maker, "inputs", []))
    shared = list(getattr(maker, "shared_inputs", []))
    n_out = len(getattr(maker, "outputs", []))
    targets = []
    for sv, _ in getattr(maker, "update_pairs", []):
        position = next((k for k, s in enumerate(shared) if s is sv), None)
        targets.append(None if position is None else len(inputs) + position)
    for spec, _ in getattr(maker, "in_updates", []):
        targets.append(next((k for k, s in enumerate(inputs) if s is spec), None))
    updates = {}
    for j, target in enumerate(targets):
        if target is not None and n_out + j < len(fg.outputs) and target < len(fg.inputs):
            updates[fg.outputs[n_out + j]] = fg.inputs[target]
    return updates


def _as_view(fct):
    if _is_function(fct):
        fg = fct.maker.fgraph
        return _GraphView(fg.outputs, fg.toposort(), _function_updates(fct))
    if isinstance(fct, FunctionGraph):
        mapping = fct.update_mapping if isinstance(fct.update_mapping, dict) else {}
        updates = {fct.outputs[o]: fct.inputs[i] for o, i in mapping.items()}
        return _GraphView(fct.outputs, fct.toposort(), updates)
    if isinstance(fct, Apply):
        outputs = list(fct.outputs)
    elif isinstance(fct, Variable):
        outputs = [fct]
    elif isinstance(fct, (list, tuple)) and fct and all(isinstance(v, Variable) for v in fct):
        outputs = list(fct)
    else:
        raise TypeError(
            "pydotprint: expected a Variable, a list of Variables, an Apply node, a "
            f"FunctionGraph or a compiled theano Function, got {type(fct).__name__}: {fct!r}"
        )
    return _GraphView(outputs, io_toposort(graph_inputs(outputs), outputs))


# ----------------------------------------------------------------------------------------
# Building the pydot graph


def _dot_escape(text):
    """Text for a quoted DOT string: backslashes kept literally, newlines as line breaks."""
    return str(text).replace("\\", "\\\\").replace("\r", "").replace("\n", "\\n")


def _truncate(text, size, suffix=""):
    if len(text) + len(suffix) > size:
        text = text[: max(size - 3 - len(suffix), 0)] + "..."
    return text + suffix


def _is_shared(var):
    from theano.compile.sharedvalue import SharedVariable  # compile sits above printing

    return isinstance(var, SharedVariable)


def _view_inputs(node):
    return {i for outs in (getattr(node.op, "view_map", None) or {}).values() for i in outs}


def _destroyed_inputs(node):
    return {i for outs in (getattr(node.op, "destroy_map", None) or {}).values() for i in outs}


class _DotBuilder:
    """The state of one drawing: dot ids and labels given so far, clusters, nodes drawn."""

    def __init__(self, pydot, view, compact, with_ids, high_contrast, color_codes,
                 max_label_size, var_with_name_simple, tooltips):
        self.pydot = pydot
        self.view = view
        self.compact = compact
        self.with_ids = with_ids
        self.high_contrast = high_contrast
        self.colors = dict(default_color_codes if color_codes is None else color_codes)
        self.colors.setdefault("Output", default_color_codes["Output"])
        self.max_label_size = max_label_size
        self.simple = var_with_name_simple
        self.tooltips = tooltips
        self.graph = pydot.Dot(graph_name="G", graph_type="digraph")
        self.outputs = set(view.outputs)
        self.update_names = {out: inp.name for out, inp in view.updates.items()}
        self.ids = {}  # Variable or Apply -> dot node id
        self.apply_labels = {}
        self.used_labels = set()
        self.drawn = set()  # dot ids of nodes already added
        self.cluster_of = {}  # Apply -> pydot.Cluster holding it
        self.clients = {}  # Variable -> number of uses (inputs of nodes, virtual edges)
        self.extra_edges = []  # (variable, Apply, label): the branches of a highlighted IfElse

    # Ids and labels ------------------------------------------------------------------
    def _id(self, obj):
        if obj not in self.ids:
            prefix = "n" if isinstance(obj, Apply) else "v"
            self.ids[obj] = f"{prefix}{len(self.ids)}"
        return self.ids[obj]

    def apply_label(self, node, index):
        if node in self.apply_labels:
            return self.apply_labels[node]
        label = str(node.op).replace(":", "_")
        suffix = f" id={index}" if self.with_ids or label in self.used_labels else ""
        label = _truncate(label, self.max_label_size, suffix)
        while label in self.used_labels:  # truncation can make two labels equal
            index += 1
            label = _truncate(str(node.op).replace(":", "_"), self.max_label_size,
                              f" id={index}")
        self.used_labels.add(label)
        self.apply_labels[node] = label
        return label

    def var_label(self, var):
        if var.name is not None:
            label = var.name if self.simple else f"name={var.name} {var.type}"
        elif isinstance(var, Constant):
            value = str(np.asarray(var.data)).split("\n")[0]
            label = f"val={value} {var.type}"
        elif self.update_names.get(var) is not None:
            name = self.update_names[var]
            label = name if self.simple else f"{name} {var.type}"
        else:
            label = str(var.type)
        return _truncate(label, self.max_label_size)

    def color(self, node):
        use = None
        cls_name = type(node.op).__name__
        for name, color in self.colors.items():
            if name in cls_name:
                use = color
        return use

    # Tooltips (d3viz) --------------------------------------------------------------
    def apply_tooltip(self, node):
        lines = [str(node.op), "built at " + format_trace(getattr(node.tag, "trace", None))]
        for k, v in enumerate(node.inputs):
            lines.append(f"input {k}: {v} {v.type}")
        for k, v in enumerate(node.outputs):
            lines.append(f"output {k}: {v} {v.type}")
        return "\n".join(lines)

    def var_tooltip(self, var):
        lines = [str(var), str(var.type)]
        if isinstance(var, Constant):
            lines.append("value: " + " ".join(str(np.asarray(var.data)).split())[:200])
        elif _is_shared(var):
            lines.append("shared variable")
        if var in self.view.updates:
            lines.append(f"updates {self.view.updates[var]}")
        return "\n".join(lines)

    # Adding pydot nodes and edges --------------------------------------------------
    def add_node(self, key, label, shape, color, tooltip, cluster=None):
        dot_id = self._id(key)
        if dot_id in self.drawn:
            return dot_id
        self.drawn.add(dot_id)
        attrs = {"label": _dot_escape(label), "shape": shape}
        if color is not None and self.high_contrast:
            attrs.update(style="filled", fillcolor=color)
            if color in _DARK_FILLS:
                attrs["fontcolor"] = "white"
        elif color is not None:
            attrs["color"] = color
        if self.tooltips:
            attrs["tooltip"] = _dot_escape(tooltip())
        (cluster if cluster is not None else self.graph).add_node(self.pydot.Node(dot_id, **attrs))
        return dot_id

    def add_var(self, var, color, cluster=None):
        return self.add_node(var, self.var_label(var), _VAR_SHAPE, color,
                             lambda: self.var_tooltip(var), cluster)

    def add_edge(self, src, dst, label="", **attrs):
        if label:
            attrs["label"] = _dot_escape(_truncate(label, self.max_label_size))
        self.graph.add_edge(self.pydot.Edge(src, dst, **attrs))

    def add_root(self, var):
        """A variable without owner: an input (green), a shared variable (cyan) or a constant."""
        return self.add_var(var, _SHARED_COLOR if _is_shared(var) else _INPUT_COLOR)

    def source_of(self, var, edge_label):
        """The dot id an edge leaving ``var`` starts at, and its label.

        A root or a drawn (named, output, non-compact) variable is its box; an unnamed
        intermediate variable in compact mode is folded into its owner's ellipse and the
        edge is labelled with the variable's type instead.
        """
        if var.owner is None:
            return self.add_root(var), edge_label[0]
        if var.name or not self.compact or var in self.outputs:
            self.ensure_var_box(var)
            return self._id(var), edge_label[0]
        return self._id(var.owner), edge_label[1]

    def ensure_var_box(self, var):
        if var in self.outputs:
            return self.add_var(var, self.colors["Output"])
        if self.clients.get(var, 0) == 0:
            return self.add_var(var, _UNUSED_COLOR)
        return self.add_var(var, None, self.cluster_of.get(var.owner))

    # The drawing ---------------------------------------------------------------------
    def draw_apply(self, node, index):
        label = self.apply_label(node, index)
        node_id = self.add_node(node, label, _APPLY_SHAPE, self.color(node),
                                lambda: self.apply_tooltip(node), self.cluster_of.get(node))
        views = _view_inputs(node)
        destroys = _destroyed_inputs(node)
        several = len(node.inputs) > 1
        for k, var in enumerate(node.inputs):
            attrs = {}
            if k in views:
                attrs["color"] = self.colors["Output"]
            elif k in destroys:
                attrs["color"] = "red"
            index_label = str(k) if several else ""
            type_label = f"{k} {var.type}" if several else str(var.type)
            src, edge_label = self.source_of(var, (index_label, type_label))
            self.add_edge(src, node_id, edge_label, **attrs)
        several = len(node.outputs) > 1
        for k, var in enumerate(node.outputs):
            drawn = (var in self.outputs or self.clients.get(var, 0) == 0
                     or var.name or not self.compact)
            if drawn:
                out_id = self.ensure_var_box(var)
                self.add_edge(node_id, out_id, str(k) if several else "")

    def draw(self, cond_highlight=None):
        topo = list(self.view.topo)
        topo = self.highlight_ifelse(topo, cond_highlight)
        for node in topo:
            for var in node.inputs:
                self.clients[var] = self.clients.get(var, 0) + 1
        for var, _, _ in self.extra_edges:
            self.clients[var] = self.clients.get(var, 0) + 1
        for index, node in enumerate(topo):
            self.draw_apply(node, index)
        for var, ifelse_node, label in self.extra_edges:
            src, edge_label = self.source_of(var, (label, f"{label} {var.type}"))
            self.add_edge(src, self._id(ifelse_node), edge_label, style="dashed")
        for var in self.view.outputs:
            # Outputs computed by no node (an input returned as is) still get their box.
            if var.owner is None:
                self.add_var(var, self.colors["Output"])
        for out, inp in self.view.updates.items():
            self.ensure_var_box(out)
            self.add_edge(self._id(out), self.add_root(inp), "UPDATE", color=self.colors["Output"])
        for cluster in dict.fromkeys(self.cluster_of.values()):
            self.graph.add_subgraph(cluster)
        return self.graph

    # cond_highlight: an IfElse's branches in clusters --------------------------------
    def highlight_ifelse(self, topo, cond_highlight):
        if cond_highlight is None or cond_highlight is False:
            return topo
        node = _find_ifelse(topo, cond_highlight)
        if node is None:
            warnings.warn("pydotprint: cond_highlight is set but there is no matching IfElse "
                          "node in the graph", stacklevel=4)
            return topo
        op = node.op
        cluster = {name: self.pydot.Cluster(name, label=text, color=color)
                   for name, text, color in (("Left", "then", "green"),
                                             ("Right", "else", "red"),
                                             ("Middle", "both branches", "blue"))}
        in_topo = set(topo)
        if hasattr(op, "branch") and getattr(op, "inner_inputs", None) is not None:
            # Our IfElse keeps each branch as an inner graph over the values at the cut
            # (node.inputs[1:]): draw both branches in the outer graph's terms.
            replace = dict(zip(op.inner_inputs, node.inputs[1:]))
            branch_nodes = []
            for name, tag, taken in (("Left", "then", True), ("Right", "else", False)):
                outs = clone_replace(list(op.branch(taken)), replace=replace)
                for n in io_toposort(graph_inputs(outs), outs):
                    if n not in in_topo:
                        self.cluster_of[n] = cluster[name]
                        branch_nodes.append(n)
                for k, var in enumerate(outs):
                    self.extra_edges.append((var, node, f"{tag} {k}"))
            shared = _ancestor_nodes(node.inputs[1:])
            for n in topo:
                if n in shared:
                    self.cluster_of[n] = cluster["Middle"]
            position = topo.index(node)
            return topo[:position] + branch_nodes + topo[position:]
        # An IfElse whose branches are outer inputs (Theano's layout): c, then..., else...
        n_outs = len(node.outputs)
        left = _ancestor_nodes(node.inputs[1:1 + n_outs])
        right = _ancestor_nodes(node.inputs[1 + n_outs:])
        for n in topo:
            if n in left and n in right:
                self.cluster_of[n] = cluster["Middle"]
            elif n in left:
                self.cluster_of[n] = cluster["Left"]
            elif n in right:
                self.cluster_of[n] = cluster["Right"]
        return topo


def _ancestor_nodes(variables):
    nodes = set()
    stack = [v for v in variables if v.owner is not None]
    while stack:
        node = stack.pop().owner
        if node in nodes:
            continue
        nodes.add(node)
        stack.extend(v for v in node.inputs if v.owner is not None)
    return nodes


def _find_ifelse(topo, cond_highlight):
    candidates = [n for n in topo if type(n.op).__name__ == "IfElse"]
    if isinstance(cond_highlight, Apply):
        return cond_highlight if cond_highlight in candidates else None
    if isinstance(cond_highlight, str):
        candidates = [n for n in candidates if getattr(n.op, "name", None) == cond_highlight]
    return candidates[0] if candidates else None


def pydot_graph(fct, compact=True, with_ids=False, high_contrast=True, cond_highlight=None,
                colorCodes=None, max_label_size=70, var_with_name_simple=False, tooltips=False):
    """Build, without rendering, the pydot graph that ``pydotprint`` draws.

    Parameters are those of ``pydotprint``; ``tooltips=True`` adds a tooltip to every
    node (an Apply's op, the user line that built it and its input and output types;
    a variable's type and value), shown when hovering the rendered SVG (d3viz uses it).

    Returns
    -------
    pydot.Dot
        Nodes are named ``n<k>`` (Apply nodes) and ``v<k>`` (variables); labels as
        described in ``pydotprint``.  ``dot_source`` gives its DOT text.

    Raises
    ------
    GraphvizNotFoundError
        When the ``pydot`` package cannot be imported.
    """
    pydot = _import_pydot()
    view = _as_view(fct)
    builder = _DotBuilder(pydot, view, compact, with_ids, high_contrast, colorCodes,
                          max_label_size, var_with_name_simple, tooltips)
    return builder.draw(cond_highlight)


def dot_source(fct, **kwargs):
    """The DOT text of the graph ``pydotprint`` draws (no layout; Graphviz not needed).

    Takes ``fct`` and the keyword arguments of ``pydot_graph``.
    """
    return pydot_graph(fct, **kwargs).to_string()


# ----------------------------------------------------------------------------------------
# pydotprint


def _inner_graph_outputs(node):
    from theano.printing import _inner_graph  # printing imports this module

    inner = _inner_graph(node)
    return None if inner is None else inner[0]


def _default_outfile(format):
    return os.path.join(config.compiledir, f"theano.pydotprint.{config.device}.{format}")


def pydotprint(fct, outfile=None, compact=True, format="png", with_ids=False,
               high_contrast=True, cond_highlight=None, colorCodes=None, max_label_size=70,
               scan_graphs=False, var_with_name_simple=False, print_output_file=True,
               return_image=False):
    """Draw a graph to an image file with pydot and Graphviz.

    Apply nodes are ellipses labelled with their op (``Elemwise{exp,no_inplace}``),
    filled with the colour of ``colorCodes`` whose key is part of the op's class name;
    variables are boxes: inputs green, shared variables cyan, constants green with
    ``val=...``, outputs blue, unused outputs grey.  An edge is labelled with the input
    position when the op has several inputs; in compact mode an unnamed intermediate
    variable has no box and its edge also carries its type.  Edges into an input the op
    views are blue, into one it destroys (in place) red.  For a compiled Function, the
    graph drawn is the rewritten one (``f.maker.fgraph``), and each update goes back to
    its shared variable by a blue ``UPDATE`` edge.

    Parameters
    ----------
    fct : Variable, list of Variables, Apply, FunctionGraph or Function
        What to draw.
    outfile : str, optional
        The file written; ``format``'s extension is appended when missing.  Default:
        ``<compiledir>/theano.pydotprint.<device>.<format>``.
    compact : bool
        Hide unnamed intermediate variables (their type goes on the edge).
    format : str
        Any output format of Graphviz's ``dot -T``: ``'png'``, ``'svg'``, ``'pdf'``,
        ``'dot'`` (laid-out DOT text), ...
    with_ids : bool
        Append ``id=<position in the topological order>`` to each Apply label (added
        anyway to a label already used by another node).
    high_contrast : bool
        Fill the shapes with their colour; otherwise colour only their outline.
    cond_highlight : bool, str or Apply, optional
        Surround the then branch, the else branch and what both use of an IfElse (the
        first one, the one whose op has this name, or this node) with clusters.
    colorCodes : dict, optional
        ``{class name substring: colour}`` replacing the default table; the key
        ``'Output'`` colours outputs and view edges.
    max_label_size : int
        Labels longer than this are cut and end with ``...``.
    scan_graphs : bool
        Also draw the inner graph of each Scan (or other op with an inner graph) to
        ``<outfile base>_<op name>_<position><ext>``.
    var_with_name_simple : bool
        Label named variables by their name only (not ``name=x TensorType(...)``).
    print_output_file : bool
        Print the path of the written file.
    return_image : bool
        Write nothing and return the rendered image as bytes (e.g. for
        ``IPython.display.Image``).

    Returns
    -------
    bytes or None
        The image when ``return_image``.

    Raises
    ------
    GraphvizNotFoundError
        An ImportError, when the ``pydot`` package or Graphviz's ``dot`` program is
        missing; its message says how to install them.

    Examples
    --------
    >>> import theano, theano.tensor as T
    >>> x = T.dscalar("x")
    >>> y = 1 / (1 + T.exp(-x))
    >>> theano.printing.pydotprint(y, outfile="/tmp/y.png",
    ...                            var_with_name_simple=True)  # doctest: +SKIP
    The output file is available at /tmp/y.png
    >>> png = theano.printing.pydotprint(y, return_image=True)
    >>> png[:4]
    b'\x89PNG'
    """
    graph = pydot_graph(fct, compact=compact, with_ids=with_ids, high_contrast=high_contrast,
                        cond_highlight=cond_highlight, colorCodes=colorCodes,
                        max_label_size=max_label_size,
                        var_with_name_simple=var_with_name_simple)
    image = render_dot(graph, format)
    if return_image:
        return image
    if outfile is None:
        outfile = _default_outfile(format)
        os.makedirs(os.path.dirname(outfile), exist_ok=True)
    outfile = os.fspath(outfile)
    if not outfile.endswith("." + format):
        outfile += "." + format
    with open(outfile, "wb") as f:
        f.write(image)
    if print_output_file:
        print("The output file is available at", outfile)
    if scan_graphs:
        options = {
            "compact": compact, "format": format, "with_ids": with_ids,
            "high_contrast": high_contrast, "cond_highlight": cond_highlight,
            "colorCodes": colorCodes, "max_label_size": max_label_size, "scan_graphs": True,
            "var_with_name_simple": var_with_name_simple,
            "print_output_file": print_output_file,
        }
        _print_inner_graphs(fct, outfile, options)
    return None


def _print_inner_graphs(fct, outfile, options):
    """Draw each inner graph (Scan, OpFromGraph) next to ``outfile``."""
    folder, filename = os.path.split(outfile)
    base, ext = os.path.splitext(filename)
    for index, node in enumerate(_as_view(fct).topo):
        outs = _inner_graph_outputs(node)
        if not outs:
            continue
        name = getattr(node.op, "name", None) or getattr(getattr(node.op, "info", None),
                                                          "name", None)
        stem = f"{base}_{name}_{index}" if name else f"{base}_{index}"
        pydotprint(outs, os.path.join(folder, stem + ext), **options)


def pydotprint_variables(*args, **kwargs):
    """Old name of ``pydotprint`` (removed before Theano 1.0); warns and calls it."""
    warnings.warn("pydotprint_variables is deprecated: use theano.printing.pydotprint",
                  DeprecationWarning, stacklevel=2)
    return pydotprint(*args, **kwargs)
