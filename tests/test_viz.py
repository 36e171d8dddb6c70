"""The pictures of a graph: the static overview (PNG, SVG) and the offline HTML page. Chinese
must come out as characters, set in the font a package ships, and the page must need no network."""

import json
import re
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from matplotlib import font_manager, ft2font

from kg import viz
from kg.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

NODES = [  # (id, label, type, mentions)
    ("a1", "贵阳市公安局", "Agency", 12), ("a2", "中央政法委", "Agency", 3),
    ("o1", "贵州省见义勇为基金会", "Organization", 2), ("o2", "红袖标志愿者协会", "Organization", 1),
    ("p1", "雪亮工程", "Program", 20), ("p2", "网格化服务管理", "Program", 8),
    ("c1", "扫黑除恶专项斗争", "Campaign", 15), ("c2", "平安贵州建设", "Campaign", 4),
    ("l1", "贵阳市", "Place", 30), ("l2", "贵州省", "Place", 9), ("l3", "观山湖区", "Place", 2),
    ("h1", "张三", "Person", 1), ("h2", "李四", "Person", 1),
]
EDGES = [  # (subject, predicate, object)
    ("a1", "implements", "p1"), ("a1", "conducts", "c1"), ("a1", "locatedIn", "l1"),
    ("a2", "conducts", "c1"), ("p1", "partOf", "c2"), ("l1", "partOf", "l2"), ("l3", "partOf", "l1"),
    ("a1", "implements", "p2"), ("h1", "holdsPost", "a1"), ("o1", "locatedIn", "l2"),
    ("a1", "locatedIn", "l2"),  # a second edge between the same pair as a predicate below
    ("a1", "partOf", "l2"),
]


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, label, kind, mentions in NODES:
        g.add_node(node, label=label, type=kind, iri=f"https://example.org/{node}", mentions=mentions, documents=1)
    for s, p, o in EDGES:
        g.add_edge(s, o, key=p, predicate=p, weight=2, evidence=f"{s} {p} {o}。")
    return g


def chars_of(labels) -> set[str]:
    return {c for label in labels for c in label}


# --- font ------------------------------------------------------------------------------------------

def test_the_font_is_the_packaged_one_and_covers_chinese():
    path = viz.cjk_font_path()
    assert path.is_file() and path.parent.name == "pylopdf_fonts_zh_cn"  # the package's, not the system's
    family = viz.cjk_font_family()
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found).resolve() == path.resolve()
    charmap = ft2font.FT2Font(str(path)).get_charmap()
    missing = {c for c in chars_of(label for _, label, _, _ in NODES) | set("贵阳市") if ord(c) not in charmap}
    assert not missing


# --- overview --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    out = tmp_path_factory.mktemp("overview")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = viz.write_overview(small_graph(), out, top_labels=5)
    return out, paths, [str(w.message) for w in caught]


def test_overview_writes_a_png_and_an_svg(overview):
    out, paths, _ = overview
    assert paths == [out / "overview.png", out / "overview.svg"]
    assert (out / "overview.png").read_bytes()[:8] == PNG_MAGIC
    root = ET.parse(out / "overview.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert sorted(p.name for p in out.iterdir()) == ["overview.png", "overview.svg"]  # no temporary left


def test_overview_draws_every_glyph(overview):
    *_, messages = overview
    assert not [m for m in messages if "missing from font" in m], messages


def test_overview_svg_has_text_as_outlines(overview):
    out, *_ = overview
    svg = (out / "overview.svg").read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg and "<dc:date>" not in svg


def test_overview_names_the_hubs_in_chinese_and_shows_all_types():
    fig = viz.overview_figure(small_graph(), top_labels=3)
    ax = fig.axes[0]
    named = [t.get_text() for t in ax.texts]
    assert named[0] == "贵阳市公安局" and len(named) <= 3
    assert all(t.get_fontproperties().get_family()[0] == viz.cjk_font_family() for t in ax.texts)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert [t.split()[0] for t in legend] == list(viz.TYPE_COLOURS)
    assert fig._suptitle.get_text() == f"{len(NODES)} entities, {len(EDGES)} relations"


def test_overview_of_a_large_graph_draws_the_most_connected_and_says_so():
    g = small_graph()
    fig = viz.overview_figure(g, top_labels=2, max_nodes=4)
    title = fig._suptitle.get_text()
    assert "showing the 4 most connected entities" in title
    collections = fig.axes[0].collections
    assert sum(len(c.get_offsets()) for c in collections[1:]) == 4  # the edges, then one scatter per type


def test_overview_is_byte_stable(tmp_path, overview):
    out, *_ = overview
    viz.write_overview(small_graph(), tmp_path, top_labels=5)
    for name in ("overview.png", "overview.svg"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_overview_of_an_empty_graph(tmp_path):
    paths = viz.write_overview(nx.MultiDiGraph(), tmp_path)
    assert all(p.stat().st_size > 0 for p in paths)


def test_layout_is_deterministic_and_covers_every_node():
    g = small_graph()
    g.add_node("lone", label="孤点", type="Place", mentions=1)
    first, second = viz.layout(g), viz.layout(g.copy())
    assert first == second and set(first) == set(g)
    xs, ys = zip(*first.values())
    assert min(xs) >= 0 and min(ys) >= 0 and max(max(xs), max(ys)) == pytest.approx(1.0)


# --- HTML ------------------------------------------------------------------------------------------

def page_data(html: str) -> dict:
    return json.loads(re.search(r"const DATA = (\{.*?\});\n", html).group(1))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    assert viz.write_html(small_graph(), path) == path
    return path.read_text(encoding="utf-8")


def test_html_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE) and not re.search(r"<link\b", page, re.IGNORECASE)
    assert "sourceMappingURL" not in page
    assert "vis.Network" in page and len(page) > 300_000  # vis-network itself is inlined


def test_html_carries_every_node_with_its_label_colour_and_type(page):
    data = page_data(page)
    for _, label, _, _ in NODES:
        assert label in page
    assert {(n["label"], n["type"], n["color"]) for n in data["nodes"]} == {
        (label, kind, viz.TYPE_COLOURS[kind]) for _, label, kind, _ in NODES}
    assert [(e["type"], e["color"]) for e in data["legend"]] == list(viz.TYPE_COLOURS.items())
    big = max(data["nodes"], key=lambda n: n["value"])
    assert big["label"] == "贵阳市" and big["mentions"] == 30


def test_html_edges_carry_their_predicates(page):
    data = page_data(page)
    label = {n["id"]: n["label"] for n in data["nodes"]}
    edges = {(label[e["from"]], label[e["to"]]): e["predicates"] for e in data["edges"]}
    assert edges[("贵阳市公安局", "雪亮工程")] == ["implements"]
    assert edges[("贵阳市公安局", "贵州省")] == ["locatedIn", "partOf"]  # parallel edges, one line
    assert sum(len(p) for p in edges.values()) == len(EDGES)


def test_html_is_byte_stable_and_cut_to_max_nodes(tmp_path, page):
    viz.write_html(small_graph(), tmp_path / "a.html")
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == page
    viz.write_html(small_graph(), tmp_path / "b.html", max_nodes=5)
    data = page_data((tmp_path / "b.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5 and "showing the 5 most connected" in data["title"]
    assert "贵阳市公安局" in {n["label"] for n in data["nodes"]}


def test_html_escapes_markup_in_labels(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("x", label="</script><b>坏</b>", type="Program", mentions=1)
    html = viz.write_html(g, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "</script><b>" not in html and page_data(html)["nodes"][0]["label"] == "</script><b>坏</b>"


# --- the bundled corpus ----------------------------------------------------------------------------

def test_corpus_pictures(tmp_path):
    assert main(["build", str(CORPUS), "--out", str(tmp_path)]) == 0
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png, svg = viz.write_overview(graph, tmp_path)
    html = viz.write_html(graph, tmp_path / "graph.html")
    assert time.perf_counter() - started < 10
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert png.read_bytes()[:8] == PNG_MAGIC and ET.parse(svg).getroot().tag.endswith("svg")
    data = page_data(html.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes() > 300
    assert {n["type"] for n in data["nodes"]} == set(viz.TYPE_COLOURS)
