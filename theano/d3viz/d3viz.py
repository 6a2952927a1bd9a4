"""d3viz: a graph as one self-contained, interactive HTML page (pan, zoom, node details).

Theano 1.0 drew the page with d3.js files copied next to it.  Here Graphviz lays the
graph out as SVG, which is inlined in the page with a few lines of JavaScript and CSS:
the page needs no other file and no network access, so it can be mailed or archived.
"""

import html
import os
import re

from theano.printing_dot import _is_function, pydot_graph, render_dot

__all__ = ["PyDotFormatter", "d3viz", "d3write"]


class PyDotFormatter:
    """Turn a graph into the pydot graph d3viz shows (pydotprint's, plus node tooltips).

    Parameters
    ----------
    compact : bool
        Hide unnamed intermediate variables (their type goes on the edge).
    **kwargs
        Other options of ``theano.printing_dot.pydot_graph`` (``with_ids``,
        ``var_with_name_simple``, ``max_label_size``, ``high_contrast``, ``colorCodes``,
        ``cond_highlight``).
    """

    def __init__(self, compact=True, **kwargs):
        self.compact = compact
        self.options = kwargs

    def __call__(self, fct, graph=None):
        """The pydot graph of ``fct``; added into ``graph`` (and returned) when given."""
        options = dict(self.options, compact=self.compact, tooltips=True)
        built = pydot_graph(fct, **options)
        if graph is None:
            return built
        for node in built.get_nodes():
            graph.add_node(node)
        for edge in built.get_edges():
            graph.add_edge(edge)
        for sub in built.get_subgraphs():
            graph.add_subgraph(sub)
        return graph


def d3write(fct, path, *args, **kwargs):
    """Write the graph d3viz shows to ``path`` in DOT format (no layout; no Graphviz needed).

    Parameters
    ----------
    fct : Variable, list of Variables, Apply, FunctionGraph or Function
    path : str
        The file written.
    *args, **kwargs
        Options of ``PyDotFormatter``.
    """
    graph = PyDotFormatter(*args, **kwargs)(fct)
    with open(path, "w", encoding="utf-8") as f:
        f.write(graph.to_string())


def d3viz(fct, outfile, copy_deps=True, *args, **kwargs):
    """Write an interactive HTML page showing the graph of ``fct``.

    The page holds the graph laid out by Graphviz as SVG: drag to pan, use the wheel
    or the buttons to zoom, click a node to highlight its edges and read its details
    (op, the line of user code that built it, input and output types; a variable's
    type and value).  Everything is inline: the page loads nothing else.

    Parameters
    ----------
    fct : Variable, list of Variables, Apply, FunctionGraph or Function
        What to show; for a Function, its rewritten graph.
    outfile : str
        The HTML file written; missing folders are created.
    copy_deps : bool
        Kept for Theano 1.0 compatibility (it copied d3.js next to the page); the page
        is self-contained, so there is nothing to copy.
    *args, **kwargs
        Options of ``PyDotFormatter`` (``compact``, ``with_ids``, ...).

    Raises
    ------
    theano.printing_dot.GraphvizNotFoundError
        When the ``pydot`` package or Graphviz's ``dot`` program is missing.
    """
    graph = PyDotFormatter(*args, **kwargs)(fct)
    svg = _inline_svg(render_dot(graph, "svg").decode("utf-8"))
    title = _title(fct, outfile)
    page = _PAGE.replace("%% TITLE %%", html.escape(title)).replace("%% SVG %%", svg)
    outdir = os.path.dirname(outfile)
    if outdir:
        os.makedirs(outdir, exist_ok=True)
    with open(outfile, "w", encoding="utf-8") as f:
        f.write(page)


def _title(fct, outfile):
    name = getattr(fct, "name", None) if _is_function(fct) else None
    return f"Theano graph: {name or os.path.splitext(os.path.basename(outfile))[0]}"


def _inline_svg(svg):
    """Graphviz's SVG document reduced to its ``<svg>`` element, fit for inlining in HTML.

    The XML prolog, doctype and comments go; so do the namespace declarations, which an
    HTML parser supplies itself (and which would be the page's only URLs).
    """
    svg = svg[svg.index("<svg"):]
    head_end = svg.index(">")
    head = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg[:head_end])
    head = re.sub(r'\s+(width|height)="[^"]*"', "", head)
    return head + svg[head_end:]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%% TITLE %%</title>
<style>
  html, body { margin: 0; height: 100%; font-family: sans-serif; overflow: hidden; }
  #bar { position: fixed; top: 0; left: 0; right: 0; height: 36px; padding: 4px 10px;
         box-sizing: border-box; background: #f3f3f3; border-bottom: 1px solid #ccc;
         display: flex; align-items: center; gap: 8px; z-index: 2; }
  #bar h1 { font-size: 15px; margin: 0 12px 0 0; }
  #bar span { color: #666; font-size: 12px; }
  #view { position: absolute; top: 36px; left: 0; right: 0; bottom: 0; cursor: grab; }
  #view.dragging { cursor: grabbing; }
  #view svg { width: 100%; height: 100%; display: block; }
  #details { position: fixed; right: 10px; bottom: 10px; max-width: 45%; max-height: 40%;
             overflow: auto; margin: 0; padding: 8px; background: #fffff0;
             border: 1px solid #aaa; font-size: 12px; white-space: pre-wrap; display: none; }
  g.node { cursor: pointer; }
  g.node.selected ellipse, g.node.selected polygon { stroke: #d00; stroke-width: 3px; }
  g.edge.hl path { stroke: #d00; stroke-width: 2.5px; }
  g.edge.hl polygon { stroke: #d00; fill: #d00; }
</style>
</head>
<body>
<div id="bar">
  <h1>%% TITLE %%</h1>
  <button id="fit" title="Show the whole graph">Fit</button>
  <button id="zoomin" title="Zoom in">+</button>
  <button id="zoomout" title="Zoom out">&minus;</button>
  <span>drag to pan &middot; wheel to zoom &middot; click a node for its details</span>
</div>
<div id="view">
%% SVG %%
</div>
<pre id="details"></pre>
<script>
(function () {
  var view = document.getElementById("view");
  var svg = view.querySelector("svg");
  var details = document.getElementById("details");
  var start = svg.getAttribute("viewBox").split(/[\\s,]+/).map(Number);
  var box = start.slice();

  function apply() { svg.setAttribute("viewBox", box.join(" ")); }

  function scale(r) {  // graph units per screen pixel
    return r.width > 0 && r.height > 0 ? Math.max(box[2] / r.width, box[3] / r.height) : 1;
  }

  function zoom(factor, cx, cy) {
    var r = svg.getBoundingClientRect();
    // The point under (cx, cy), in graph units, stays put (aspect ratio is preserved).
    var s = scale(r);
    var ox = box[0] + (box[2] - r.width * s) / 2, oy = box[1] + (box[3] - r.height * s) / 2;
    var px = ox + (cx - r.left) * s, py = oy + (cy - r.top) * s;
    box = [px - (px - box[0]) * factor, py - (py - box[1]) * factor,
           box[2] * factor, box[3] * factor];
    apply();
  }

  function center() {
    var r = svg.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }

  view.addEventListener("wheel", function (e) {
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, { passive: false });

  var drag = null;
  view.addEventListener("mousedown", function (e) {
    drag = { x: e.clientX, y: e.clientY, moved: false };
    view.classList.add("dragging");
  });
  window.addEventListener("mousemove", function (e) {
    if (!drag) { return; }
    var s = scale(svg.getBoundingClientRect());
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) { drag.moved = true; }
    box[0] -= dx * s; box[1] -= dy * s;
    drag.x = e.clientX; drag.y = e.clientY;
    apply();
  });
  window.addEventListener("mouseup", function () {
    view.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });

  document.getElementById("fit").onclick = function () { box = start.slice(); apply(); };
  document.getElementById("zoomin").onclick = function () {
    var c = center(); zoom(1 / 1.3, c[0], c[1]);
  };
  document.getElementById("zoomout").onclick = function () {
    var c = center(); zoom(1.3, c[0], c[1]);
  };

  function select(node) {
    var id = node.querySelector("title").textContent;
    var link = node.querySelector("a");
    svg.querySelectorAll("g.node.selected").forEach(function (n) {
      n.classList.remove("selected");
    });
    node.classList.add("selected");
    svg.querySelectorAll("g.edge").forEach(function (edge) {
      var ends = edge.querySelector("title").textContent.split("->");
      edge.classList.toggle("hl", ends[0] === id || ends[1] === id);
    });
    var text = link ? link.getAttribute("xlink:title") : null;
    details.textContent = text || node.textContent.trim();
    details.style.display = "block";
  }

  svg.querySelectorAll("g.node").forEach(function (node) {
    node.addEventListener("click", function (e) {
      e.preventDefault();
      if (!drag || !drag.moved) { select(node); }
    });
  });
  details.onclick = function () { details.style.display = "none"; };
})();
</script>
</body>
</html>
"""
