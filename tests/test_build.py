"""End to end on the bundled corpus: the outputs parse in independent readers and say what the
SPEC says they say."""

from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, RDFS, Namespace

from kg.cli import main

PK = Namespace("https://w3id.org/pingan-kg/ontology#")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="module")
def built(tmp_path_factory, capsys_module=None):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CORPUS), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def graph(built):
    return rdflib.Graph().parse(built / "graph.ttl", format="turtle")


def test_summary_is_printed(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("贵阳市推进雪亮工程建设。", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out
    assert "documents: 1 read, 0 skipped" in printed and "Program 1" in printed and "seconds:" in printed


def test_turtle_parses_in_oxigraph_too(built):
    store = pyoxigraph.Store()
    store.load(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 1000


def test_xueliang_project_is_a_programme_of_the_documents_naming_it(graph):
    docs_naming = {p.name for p in CORPUS.glob("*.txt") if "雪亮工程" in p.read_text(encoding="utf-8")}
    assert docs_naming
    nodes = [s for s in graph.subjects(RDFS.label, rdflib.Literal("雪亮工程", lang="zh"))]
    assert len(nodes) == 1 and (nodes[0], RDF.type, PK.Program) in graph
    mentioned = {str(graph.value(d, rdflib.URIRef("http://purl.org/dc/terms/identifier")))
                 for d in graph.objects(nodes[0], PK.mentionedIn)}
    assert mentioned == docs_naming


def test_every_entity_has_one_label_and_one_type(graph):
    entities = set(graph.subjects(PK.mentionedIn, None))
    assert len(entities) > 300
    for e in entities:
        labels = list(graph.objects(e, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh"
        assert len([t for t in graph.objects(e, RDF.type) if str(t).startswith(str(PK))]) == 1


def test_documents_are_identified_by_file_name(graph):
    ids = {str(i) for i in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/identifier"))}
    assert ids == {p.name for p in CORPUS.glob("*.txt")}


def test_evidence_stands_verbatim_at_its_offsets(graph):
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    ident = rdflib.URIRef("http://purl.org/dc/terms/identifier")
    checked = 0
    for st in graph.subjects(PK.evidence, None):
        doc = str(graph.value(graph.value(st, PK.inDocument), ident))
        start, end = int(graph.value(st, PK.charStart)), int(graph.value(st, PK.charEnd))
        assert texts[doc][start:end] == str(graph.value(st, PK.evidence))
        checked += 1
    assert checked > 50


def test_graphml_loads_with_labels_and_types(built):
    g = nx.read_graphml(built / "graph.graphml")
    assert g.number_of_nodes() > 300 and g.number_of_edges() > 50
    assert all("label" in d and "type" in d for _, d in g.nodes(data=True))
    assert all("predicate" in d for *_, d in g.edges(data=True))


def test_graph_conforms_to_the_shapes(graph):
    pyshacl = pytest.importorskip("pyshacl")
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report[:2000]


def _evidence_of(graph, subject: str, predicate, obj: str) -> list:
    s = next(graph.subjects(RDFS.label, rdflib.Literal(subject, lang="zh")))
    o = next(graph.subjects(RDFS.label, rdflib.Literal(obj, lang="zh")))
    assert (s, predicate, o) in graph
    return [st for st in graph.subjects(RDF.subject, s) if graph.value(st, RDF.object) == o
            and graph.value(st, RDF.predicate) == predicate]


def test_relation_read_from_text_cites_its_sentence(graph):
    (st,) = _evidence_of(graph, "观山湖区", PK.implements, "十联铺机制")
    assert "“十联铺”机制" in str(graph.value(st, PK.evidence))
    assert str(graph.value(graph.value(st, PK.inDocument), rdflib.URIRef("http://purl.org/dc/terms/identifier"))) \
        == "000_eb056a28697506d6.txt"


def test_fact_seen_in_several_sentences_keeps_every_evidence(graph):
    evidence = _evidence_of(graph, "贵阳市", PK.conducts, "社会治安重点工作专项行动")
    sentences = {str(graph.value(st, PK.evidence)) for st in evidence}
    assert len(evidence) == len(sentences) >= 2


def test_post_is_on_the_evidence(graph):
    (st,) = _evidence_of(graph, "赵志军", PK.holdsPost, "桂林市委政法委")
    assert str(graph.value(st, PK.title)) == "书记"


def test_explain_prints_the_evidence_of_a_relation(built, capsys):
    assert main(["explain", str(built), "赵志军"]) == 0
    printed = capsys.readouterr().out
    assert "赵志军 holdsPost 桂林市委政法委 (书记)" in printed
    assert "002_b059493c43604d31.txt [" in printed and "政法委书记赵志军说" in printed


def test_explain_reports_an_unknown_name(built, capsys):
    assert main(["explain", str(built), "不存在的名字"]) == 1
    assert "no relation" in capsys.readouterr().err
