"""The network exports of a build: GraphML (networkx and igraph read it), GEXF styled for Gephi,
CSV tables for Gephi's spreadsheet import, the co-mention network; all byte-stable."""

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest

from kg.cli import main
from kg.style import TYPE_COLOURS

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CORPUS), "--out", str(out), "--comention"]) == 0
    return out


def test_graphml_declares_plain_typed_keys_for_nodes_and_edges(built):
    keys = ET.parse(built / "graph.graphml").getroot().findall(f"{GRAPHML}key")
    declared = {(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in keys}
    assert {("node", "label", "string"), ("node", "type", "string"), ("node", "iri", "string"),
            ("edge", "predicate", "string"), ("edge", "evidence", "string")} <= declared
    assert {("node", "mentions"), ("node", "documents"), ("edge", "weight")} <= {(f, n) for f, n, _ in declared}
    assert all(t in ("string", "double", "long", "int", "boolean") for *_, t in declared)


def test_graphml_reads_in_igraph_and_networkx_alike(built):
    g = ig.Graph.Read_GraphML(str(built / "graph.graphml"))
    n = nx.read_graphml(built / "graph.graphml")
    assert g.vcount() == n.number_of_nodes() > 300 and g.ecount() == n.number_of_edges() > 200
    assert set(g.vs["type"]) == set(TYPE_COLOURS)
    assert all(v["label"] for v in g.vs)
    edge = next(e for e in g.es if e["predicate"] == "holdsPost" and g.vs[e.source]["label"] == "赵志军"
                and g.vs[e.target]["label"] == "桂林市委政法委")
    assert edge["weight"] == 1 and "政法委书记赵志军" in edge["evidence"]


def test_gexf_is_styled_by_type_and_mentions(built):
    root = ET.parse(built / "graph.gexf").getroot()
    nodes = root.iter("{http://www.gexf.net/1.2draft}node")
    seen = {}
    for node in nodes:
        colour = node.find(f"{VIZ}color")
        size = float(node.find(f"{VIZ}size").get("value"))
        assert size > 0
        seen[(int(colour.get("r")), int(colour.get("g")), int(colour.get("b")))] = True
    expected = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in TYPE_COLOURS.values()}
    assert set(seen) == expected
    assert nx.read_gexf(built / "graph.gexf").number_of_nodes() > 300


def test_csv_tables_for_gephi_import(built):
    with (built / "nodes.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with (built / "edges.csv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    ids = {n["Id"] for n in nodes}
    assert {"Id", "Label", "type"} <= set(nodes[0]) and {"Source", "Target", "Type", "Weight"} <= set(edges[0])
    assert all(e["Source"] in ids and e["Target"] in ids and int(e["Weight"]) >= 1 for e in edges)
    assert any(n["Label"] == "雪亮工程" and n["type"] == "Program" for n in nodes)


def test_comention_network_counts_shared_sentences(built):
    g = ig.Graph.Read_GraphML(str(built / "comention.graphml"))
    assert not g.is_directed()
    index = {v["label"]: v.index for v in g.vs}
    eid = g.get_eid(index["观山湖区"], index["十联铺机制"])
    assert g.es[eid]["weight"] >= 1
    assert min(g.es["weight"]) >= 1


def test_comention_only_on_request(tmp_path):
    (tmp_path / "a.txt").write_text("贵阳市推进雪亮工程建设。", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o")]) == 0
    assert not (tmp_path / "o" / "comention.graphml").exists() and (tmp_path / "o" / "graph.gexf").exists()


def test_same_input_gives_the_same_bytes(built, tmp_path):
    assert main(["build", str(CORPUS), "--out", str(tmp_path), "--comention"]) == 0
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "graph.gexf", "nodes.csv",
                 "edges.csv", "comention.graphml"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_every_export_labels_a_place_as_written_under_its_official_iri(built):
    dali = "https://w3id.org/pingan-kg/id/place/大理白族自治州/532900"  # the corpus writes 大理州
    graphml = {v["iri"]: v["label"] for v in ig.Graph.Read_GraphML(str(built / "graph.graphml")).vs}
    gexf = {d["iri"]: d["label"] for _, d in nx.read_gexf(built / "graph.gexf").nodes(data=True)}
    with (built / "nodes.csv").open(encoding="utf-8") as f:
        table = {row["Id"]: row["Label"] for row in csv.DictReader(f)}
    assert graphml[dali] == gexf[dali] == table[dali] == "大理州"
    turtle = (built / "graph.ttl").read_text(encoding="utf-8")
    block = turtle[turtle.index(f"<{dali}> a pk:Place"):]
    block = block[:block.index(" .\n")]
    assert 'rdfs:label "大理州"@zh' in block and '"大理白族自治州"@zh' in block  # the official name, an altLabel
