"""Pictures of the built graph: a static overview (PNG and SVG, drawn by matplotlib) and an
interactive page (one self-contained HTML file, drawn by vis-network in the browser, offline).

Both colour entities by type with ``TYPE_COLOURS`` (the palette Gephi's GEXF uses too), size
them by mentions and lay them out the same way: igraph's Fruchterman-Reingold from seeded
starting points, one connected component at a time, the components packed side by side. The
same graph gives the same pictures.

Chinese is set in Noto Sans SC, which the ``pylopdf-fonts-zh-cn`` package ships (SIL OFL 1.1):
no system font is needed and nothing is downloaded at run time. The SVG has its text as paths,
so it shows the characters on machines without the font.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import random
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import igraph as ig
import matplotlib
import networkx as nx
import numpy as np
from matplotlib import font_manager, patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from kg.export import write_atomic
from kg.style import TYPE_COLOURS

__all__ = ["CJK_FONT_FILE", "MAX_OVERVIEW_NODES", "TYPE_COLOURS", "cjk_font_family", "cjk_font_path", "layout",
           "overview_figure", "write_html", "write_overview"]

OTHER_COLOUR = "#7f7f7f"  # a node whose type is not in TYPE_COLOURS (never in a build; kept for safety)
EDGE_COLOUR = "#c4c4c4"
MAX_OVERVIEW_NODES = 2000  # larger graphs are drawn as their MAX_OVERVIEW_NODES most connected nodes
SEED = 20240601
FIGSIZE = (16.0, 11.0)  # inches
DPI = 150  # the PNG is 2400 x 1650 pixels
AXES = (0.01, 0.01, 0.80, 0.93)  # the graph's part of the figure; the legend sits right of it

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
CJK_FONT_FILE = "NotoSansSC-Regular.otf"


# --- font ---------------------------------------------------------------------------------------

def cjk_font_path() -> Path:
    """The packaged Noto Sans SC file (a plain file in site-packages: wheels install unzipped)."""
    path = Path(os.fspath(resources.files(FONT_PACKAGE) / CJK_FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"{CJK_FONT_FILE} is missing from the {FONT_PACKAGE} package: "
                                "reinstall pylopdf-fonts-zh-cn")
    return path


@functools.cache
def cjk_font_family() -> str:
    """Register the packaged CJK font with matplotlib (once) and return its family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_cjk_font() -> str:
    """Make the packaged CJK font matplotlib's default (for notebooks and scripts that draw
    Chinese labels) and return its family name."""
    import matplotlib

    matplotlib.rcParams["font.family"] = [cjk_font_family(), "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return cjk_font_family()


def _rc() -> dict:
    return {
        # Noto Sans SC has Latin letters and digits too; DejaVu Sans (matplotlib's own) backs it up
        "font.family": [cjk_font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",  # glyphs as outlines: right on machines without the font
        "svg.hashsalt": "pingan-kg",  # stable element ids, so the same graph gives the same SVG
    }


# --- selection and layout -----------------------------------------------------------------------

def _mentions(data: dict) -> float:
    try:
        return max(float(data.get("mentions", 1) or 0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _by_connectedness(graph: nx.Graph) -> list:
    """Nodes, most connected first (degree, then mentions, then id: a total, stable order)."""
    degree = dict(graph.degree())
    return sorted(graph.nodes, key=lambda n: (-degree[n], -_mentions(graph.nodes[n]), str(n)))


def _top(graph: nx.Graph, limit: int) -> nx.Graph:
    if graph.number_of_nodes() <= limit:
        return graph
    return graph.subgraph(_by_connectedness(graph)[:max(limit, 0)])


def _simple_pairs(graph: nx.Graph, index: dict) -> list[tuple[int, int]]:
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v}
    return sorted(pairs)


def layout(graph: nx.Graph, aspect: float = 4 / 3) -> dict:
    """Positions for every node of ``graph``, the longer side of the picture scaled to [0, 1];
    deterministic.

    Each connected component gets its own force-directed layout (igraph's grid
    Fruchterman-Reingold: fast for many thousands of nodes, and it spreads out the stars that
    hubs make) at one common scale, and the components are packed in rows, tallest first, into
    a rectangle of the given aspect: a few big clusters and many small fragments (the usual
    shape of an extracted graph) both stay readable."""
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=_simple_pairs(graph, index))
    start = np.random.default_rng(SEED).uniform(-1, 1, size=(len(nodes), 2))
    components = sorted((sorted(c) for c in g.connected_components()), key=lambda c: (-len(c), c[0]))

    pieces: list[tuple[list[int], np.ndarray]] = []  # members and their positions, unit = one edge
    for members in components:
        if len(members) == 1:
            pos = np.zeros((1, 2))
        elif len(members) == 2:
            pos = np.array([[0.0, 0.0], [1.0, 0.0]])
        else:
            sub = g.subgraph(members)  # keeps the vertex order of ``members``
            seed = (start[members] * math.sqrt(len(members)) / 2).tolist()
            with _seeded_igraph():  # FR moves nodes at random too, not only at the start
                pos = np.array(sub.layout_fruchterman_reingold(seed=seed, niter=500, grid=True).coords)
            lengths = np.linalg.norm(pos[[a for a, _ in sub.get_edgelist()]]
                                     - pos[[b for _, b in sub.get_edgelist()]], axis=1)
            pos = pos / (float(np.median(lengths)) or 1.0)
        pieces.append((members, pos - pos.min(axis=0)))

    boxes = []  # (members, positions, (width, height) with a margin); a lone node needs less room
    for members, pos in pieces:
        margin = 0.6 if len(members) == 1 else 1.0
        boxes.append((members, pos, pos.max(axis=0) + margin))
    boxes.sort(key=lambda b: (-b[2][1], -len(b[0]), b[0][0]))
    widest = max(float(w) for *_, (w, _) in boxes)
    total = sum(float(w) for *_, (w, _) in boxes)
    # try row widths from the widest piece to all in one row; keep the packing that fills a
    # rectangle of the wanted aspect best (the largest scale at which it fits)
    best = None
    for row_width in np.geomspace(widest, max(total, widest), num=40):
        placed, (w, h) = _shelves(boxes, float(row_width))
        scale = min(aspect / w, 1.0 / h)
        if best is None or scale > best[0] * 1.0001:
            best = (scale, placed)
    coords = np.zeros((len(nodes), 2))
    for members, xy in best[1]:
        coords[members] = xy

    lo = coords.min(axis=0)
    span = float((coords.max(axis=0) - lo).max()) or 1.0
    coords = (coords - lo) / span
    return {n: (float(coords[i, 0]), float(coords[i, 1])) for i, n in enumerate(nodes)}


@contextmanager
def _seeded_igraph():
    """igraph draws from a seeded generator inside, and from Python's ``random`` module (its
    default, which it is given back) after."""
    ig.set_random_number_generator(random.Random(SEED))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _shelves(boxes: list, row_width: float) -> tuple[list, tuple[float, float]]:
    """Place boxes left to right in rows (shelves) no wider than ``row_width``, rows going
    down, each box centred in its row's height; return the placed positions and the width and
    height used."""
    rows: list[list] = [[]]
    x = 0.0
    for box in boxes:
        w = float(box[2][0])
        if x > 0 and x + w > row_width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, box))
        x += w
    placed = []
    y = used_width = 0.0
    for row in rows:
        height = max(float(h) for _, (_, _, (_, h)) in row)
        for x, (members, pos, (w, h)) in row:
            middle = float(pos[:, 1].max()) / 2
            placed.append((members, pos + np.array([x, -y - height / 2 - middle])))
            used_width = max(used_width, x + float(w))
        y += height
    return placed, (used_width, y)


def _colour(data: dict) -> str:
    return TYPE_COLOURS.get(data.get("type"), OTHER_COLOUR)


def _label(node, data: dict) -> str:
    return str(data.get("label") or node)


# --- static overview ----------------------------------------------------------------------------

def write_overview(graph: nx.MultiDiGraph, out_dir: Path, top_labels: int = 40,
                   max_nodes: int = MAX_OVERVIEW_NODES) -> list[Path]:
    """Write ``overview.png`` and ``overview.svg`` into ``out_dir``: the whole graph (or its
    ``max_nodes`` most connected nodes), coloured by type, sized by mentions, with the
    ``top_labels`` most connected nodes named. Returns the two paths."""
    out_dir = Path(out_dir)
    with matplotlib.rc_context(_rc()):
        fig = overview_figure(graph, top_labels, max_nodes)
        png = write_atomic(out_dir / "overview.png",
                           lambda tmp: fig.savefig(tmp, format="png", dpi=DPI, facecolor="white"))
        svg = write_atomic(out_dir / "overview.svg",
                           lambda tmp: fig.savefig(tmp, format="svg", facecolor="white", metadata={"Date": None}))
    return [png, svg]


def _node_sizes(mentions: np.ndarray, count: int) -> np.ndarray:
    """Marker areas (points^2) growing with the square root of mentions, so that a hub does not
    swamp the picture; smaller all round when there are many nodes."""
    top = float(mentions.max()) if len(mentions) else 1.0
    scale = min(1.0, math.sqrt(400 / max(count, 1)))
    return (14.0 + 520.0 * np.sqrt(mentions / (top or 1.0))) * max(scale, 0.25)


def overview_figure(graph: nx.Graph, top_labels: int = 40, max_nodes: int = MAX_OVERVIEW_NODES) -> Figure:
    """The overview as a matplotlib figure (Agg canvas, no pyplot), for saving or inspection;
    its texts are set in the packaged CJK font whatever the global settings say."""
    with matplotlib.rc_context(_rc()):  # texts take their font when they are made
        return _draw_overview(graph, _top(graph, max_nodes), top_labels)


def _draw_overview(graph: nx.Graph, shown: nx.Graph, top_labels: int) -> Figure:
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)  # no pyplot, no display: the figure draws with Agg
    ax = fig.add_axes(AXES)
    ax.set_axis_off()
    n_all, e_all = graph.number_of_nodes(), graph.number_of_edges()
    title = f"{n_all:,} entities, {e_all:,} relations"
    if shown.number_of_nodes() < n_all:
        title += (f" — showing the {shown.number_of_nodes():,} most connected entities"
                  f" and the {shown.number_of_edges():,} relations among them")
    fig.suptitle(title, fontsize=16, y=0.985)
    if shown.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "(empty graph)", ha="center", va="center", fontsize=14, color="#666666")
        return fig

    width, height = FIGSIZE[0] * AXES[2], FIGSIZE[1] * AXES[3]
    pos = layout(shown, aspect=width / height)
    nodes = sorted(shown.nodes, key=str)
    at = {n: i for i, n in enumerate(nodes)}
    xy = np.array([pos[n] for n in nodes])
    sizes = _node_sizes(np.array([_mentions(shown.nodes[n]) for n in nodes]), len(nodes))

    pairs = sorted({tuple(sorted((at[u], at[v]))) for u, v in shown.edges() if u != v})
    ax.add_collection(LineCollection([(xy[a], xy[b]) for a, b in pairs], colors=EDGE_COLOUR,
                                     linewidths=0.6, zorder=1))

    types = [shown.nodes[n].get("type") for n in nodes]
    counts = Counter(types)
    palette = dict(TYPE_COLOURS)
    palette.update((t, OTHER_COLOUR) for t in sorted(set(counts) - set(TYPE_COLOURS), key=str))
    handles = []
    for kind, colour in palette.items():
        idx = sorted((i for i, t in enumerate(types) if t == kind), key=lambda i: (-sizes[i], i))
        if idx:  # big nodes first, so that small ones are not hidden under them
            ax.scatter(xy[idx, 0], xy[idx, 1], s=sizes[idx], c=colour, edgecolors="white",
                       linewidths=0.5, zorder=2)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor=colour,
                              markeredgecolor="white", label=f"{kind or '?'}  {counts.get(kind, 0):,}"))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(AXES[0] + AXES[2] + 0.01, AXES[1] + AXES[3]),
               frameon=False, fontsize=12, title="entity type", title_fontsize=13, alignment="left",
               labelspacing=0.9)
    fig.text(AXES[0] + AXES[2] + 0.015, AXES[1] + 0.01,
             "size: mentions\nnamed: the most connected", fontsize=10, color="#666666",
             va="bottom")

    _fit(ax, xy, width / height)
    _label_hubs(fig, ax, shown, xy, at, sizes, top_labels)
    return fig


def _fit(ax, xy: np.ndarray, aspect: float) -> None:
    """Axis limits around the points with equal scales on both axes, filling the axes."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    centre, span = (lo + hi) / 2, np.maximum(hi - lo, 1e-9)
    w = max(span[0], span[1] * aspect) * 1.06 + 0.02
    h = w / aspect
    ax.set_xlim(centre[0] - w / 2, centre[0] + w / 2)
    ax.set_ylim(centre[1] - h / 2, centre[1] + h / 2)


def _label_hubs(fig: Figure, ax, shown: nx.Graph, xy: np.ndarray, at: dict, sizes: np.ndarray,
                top_labels: int) -> None:
    """Name the most connected nodes, most connected first; a label that would cover one
    already placed tries the other sides of its node, and is left out if none is free."""
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    renderer = fig.canvas.get_renderer()
    placed = []
    for rank, n in enumerate(_by_connectedness(shown)[:max(top_labels, 0)]):
        i = at[n]
        size = 14 if rank < 5 else 12 if rank < 15 else 10
        r = math.sqrt(sizes[i]) / 2 + 1.5  # marker radius in points, plus a little air
        for offset, ha, va in (((0, r), "center", "bottom"), ((0, -r), "center", "top"),
                               ((r, 0), "left", "center"), ((-r, 0), "right", "center")):
            text = ax.annotate(_label(n, shown.nodes[n]), xy[i], xytext=offset, textcoords="offset points",
                               ha=ha, va=va, fontsize=size, color="#1a1a1a", path_effects=halo, zorder=3)
            x0, y0, x1, y1 = text.get_window_extent(renderer).extents
            box = Bbox.from_extents(x0 - 8, y0 - 2, x1 + 8, y1 + 2)  # pixels of air between labels
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()


# --- interactive page ---------------------------------------------------------------------------

def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as pyvis ships them (vis-network is Apache-2.0/MIT)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    versions = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")),
                      key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise FileNotFoundError("pyvis ships no vis-network library: reinstall pyvis")
    folder = versions[-1]
    # bytes, not text mode: the script has raw \r and U+2028 inside string literals, which must stay
    script = (folder / "vis-network.min.js").read_bytes().decode("utf-8")
    style = (folder / "vis-network.css").read_bytes().decode("utf-8")
    # no source map to fetch, and nothing that could end the <script>/<style> element early
    script = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", script)
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def _json(value) -> str:
    """JSON safe to put inside <script>: no '<', '>' or '&' that HTML would read."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _page_data(graph: nx.Graph, shown: nx.Graph) -> dict:
    pos = layout(shown, aspect=16 / 10)
    nodes = sorted(shown.nodes, key=str)
    at = {n: i for i, n in enumerate(nodes)}
    degree = dict(shown.degree())
    top = max((_mentions(shown.nodes[n]) for n in nodes), default=1.0) or 1.0
    scale = 180.0 * math.sqrt(max(len(nodes), 1))  # canvas units; nodes are 5 to 36 across
    out_nodes = []
    for n in nodes:
        d = shown.nodes[n]
        m = _mentions(d)
        x, y = pos[n]
        out_nodes.append({
            "id": at[n], "label": _label(n, d), "type": str(d.get("type") or "?"), "color": _colour(d),
            "mentions": int(m) if float(m).is_integer() else m, "documents": int(float(d.get("documents", 0) or 0)),
            "degree": degree[n], "iri": str(d.get("iri") or n),
            "value": round(math.sqrt(m / top), 4),
            "x": round(x * scale, 1), "y": round(-y * scale, 1),
        })
    merged: dict[tuple[int, int], list] = defaultdict(list)
    for u, v, d in shown.edges(data=True):
        merged[(at[u], at[v])].append((str(d.get("predicate") or "related"), d.get("weight", 1),
                                       str(d.get("evidence") or "")))
    out_edges = []
    for (a, b), rels in sorted(merged.items()):
        rels.sort()
        weight = sum(float(w or 1) for _, w, _ in rels)
        out_edges.append({"from": a, "to": b, "predicates": [p for p, _, _ in rels],
                          "weights": [w if not isinstance(w, float) or not w.is_integer() else int(w)
                                      for _, w, _ in rels],
                          "evidence": next((e for *_, e in rels if e), "")[:300],
                          "width": round(0.6 + 0.8 * math.log1p(weight), 2)})
    types = Counter(shown.nodes[n].get("type") for n in nodes)
    legend = [{"type": t, "color": c, "count": types.get(t, 0)} for t, c in TYPE_COLOURS.items()]
    legend += [{"type": str(t), "color": OTHER_COLOUR, "count": k} for t, k in sorted(types.items(), key=str)
               if t not in TYPE_COLOURS]
    title = f"{graph.number_of_nodes():,} entities, {graph.number_of_edges():,} relations"
    if len(nodes) < graph.number_of_nodes():
        title += f" — showing the {len(nodes):,} most connected entities"
    return {"nodes": out_nodes, "edges": out_edges, "legend": legend, "title": title}


def write_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int = 1500) -> Path:
    """Write an interactive page of the graph (its ``max_nodes`` most connected nodes) to
    ``path``: one HTML file with everything inlined, usable offline. Hover a node or edge for
    its details, drag to pan, scroll to zoom, type a name to find it. Returns ``path``."""
    path = Path(path)
    shown = _top(graph, max_nodes)
    data = _page_data(graph, shown)
    script, style = _vis_assets()
    parts = {"TITLE": html.escape(data["title"]), "VIS_CSS": style, "DATA": _json(data), "VIS_JS": script}
    page = re.sub(r"@(TITLE|VIS_CSS|DATA|VIS_JS)@", lambda m: parts[m.group(1)], _PAGE)  # one pass
    return write_atomic(path, lambda tmp: tmp.write_bytes(page.encode("utf-8")))


_PAGE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pingan-kg: @TITLE@</title>
<style>@VIS_CSS@</style>
<style>
html, body { margin: 0; height: 100%; font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; background: #fff; color: #222; }
#graph { position: absolute; inset: 0; }
#panel { position: absolute; top: 10px; left: 10px; z-index: 10; background: rgba(255,255,255,.92);
  border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; font-size: 13px; max-width: 340px; }
#panel h1 { font-size: 14px; margin: 0 0 6px; font-weight: 600; }
#legend div { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
#legend span.dot { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
#find { width: 100%; box-sizing: border-box; margin-top: 6px; padding: 3px 6px; font: inherit; }
#hint { color: #777; font-size: 12px; margin-top: 4px; }
div.vis-tooltip { white-space: normal; max-width: 420px; font-family: inherit; font-size: 13px; }
div.vis-tooltip b { font-size: 14px; }
</style>
</head>
<body>
<div id="graph"></div>
<div id="panel">
  <h1 id="title"></h1>
  <div id="legend"></div>
  <input id="find" type="search" placeholder="查找实体 / find an entity" list="names">
  <datalist id="names"></datalist>
  <div id="hint">hover for details · scroll to zoom · drag to pan</div>
</div>
<script>@VIS_JS@</script>
<script>
const DATA = @DATA@;
function tip(lines) {
  const box = document.createElement("div");
  lines.forEach(function (line, i) {
    const el = document.createElement(i === 0 ? "b" : "div");
    el.textContent = line;
    box.appendChild(el);
  });
  return box;
}
document.getElementById("title").textContent = DATA.title;
const legend = document.getElementById("legend");
DATA.legend.forEach(function (item) {
  const row = document.createElement("div");
  const dot = document.createElement("span");
  dot.className = "dot";
  dot.style.background = item.color;
  row.appendChild(dot);
  row.appendChild(document.createTextNode(item.type + " (" + item.count + ")"));
  legend.appendChild(row);
});
const names = document.getElementById("names");
const byLabel = new Map();
DATA.nodes.forEach(function (n) {
  if (!byLabel.has(n.label)) {
    byLabel.set(n.label, n.id);
    const opt = document.createElement("option");
    opt.value = n.label;
    names.appendChild(opt);
  }
});
const nodes = new vis.DataSet(DATA.nodes.map(function (n) {
  return {
    id: n.id, label: n.label, x: n.x, y: n.y, value: n.value,
    color: {background: n.color, border: "#ffffff", highlight: {background: n.color, border: "#222222"},
            hover: {background: n.color, border: "#222222"}},
    title: tip([n.label, n.type + " · " + n.mentions + " mentions · " + n.documents + " documents · "
                + n.degree + " relations", n.iri])
  };
}));
const edges = new vis.DataSet(DATA.edges.map(function (e, i) {
  const lines = [e.predicates.map(function (p, j) { return p + " ×" + e.weights[j]; }).join(", ")];
  if (e.evidence) { lines.push(e.evidence); }
  return {id: i, from: e.from, to: e.to, width: e.width, title: tip(lines)};
}));
const network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, {
  physics: false,
  layout: {improvedLayout: false},
  interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: DATA.edges.length > 3000},
  nodes: {shape: "dot", borderWidth: 1,
          font: {size: 14, face: "Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif", strokeWidth: 3,
                 strokeColor: "#ffffff"},
          scaling: {min: 5, max: 36, label: {enabled: true, min: 12, max: 26, drawThreshold: 7}}},
  edges: {color: {color: "#c4c4c4", highlight: "#555555", hover: "#555555"}, smooth: false,
          arrows: {to: {enabled: true, scaleFactor: 0.4}}, selectionWidth: 1.5}
});
network.fit();
document.getElementById("find").addEventListener("change", function (event) {
  const id = byLabel.get(event.target.value.trim());
  if (id === undefined) { return; }
  network.selectNodes([id]);
  network.focus(id, {scale: 1.5, animation: {duration: 500}});
});
</script>
</body>
</html>
"""
