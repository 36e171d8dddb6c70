"""kg query, the canned questions of queries/, the RDF exports and kg validate, on the bundled corpus."""

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.query import canned_queries

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CORPUS), "--out", str(out)]) == 0
    return out


@pytest.fixture
def rows(built, capsys):
    """Run ``kg query`` with CSV output; the answer as a list of dicts."""

    def run(*args: str) -> list[dict]:
        capsys.readouterr()
        assert main(["query", str(built), *args, "--format", "csv"]) == 0
        return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    return run


def test_every_canned_query_is_documented_and_has_a_test():
    canned = canned_queries()
    assert set(canned) == {"programmes-by-place", "places-adopting", "campaigns-by-agency", "admin-tree",
                           "evidence", "top-agencies", "diffusion"}
    for q in canned.values():
        assert q.title and q.description, q.name
        for name, default in q.params.items():
            assert f'VALUES ?{name} {{ "{default}" }}' in q.text  # the file runs as it is


def test_programmes_by_place(rows):
    found = {(r["place"], r["programme"]) for r in rows("--name", "programmes-by-place")}
    assert {("观山湖区", "十联铺机制"), ("贵阳市", "枫桥经验"), ("云岩区", "重复敏感警情处置系统")} <= found


def test_places_adopting_a_programme(rows):
    found = {(r["place"], r["province"]) for r in rows("--name", "places-adopting")}
    assert {("贵阳市", "贵州省"), ("大理州", "云南省")} <= found
    found = {r["place"] for r in rows("--name", "places-adopting", "--param", "programme=雪亮工程")}
    assert "大理州" in found and "贵阳市" not in found


def test_campaigns_by_agency(rows):
    found = {(r["agency"], r["campaign"]) for r in rows("--name", "campaigns-by-agency")}
    assert ("苏州市中级人民法院", "京安行动") in found


def test_admin_tree_under_a_place(rows):
    found = {(r["place"], r["level"], r["parent"]) for r in rows("--name", "admin-tree")}
    assert {("花溪区", "county", "贵阳市"), ("观山湖区", "county", "贵阳市"), ("云岩区", "county", "贵阳市")} <= found
    assert all(parent != "桂林市" for _, _, parent in found)
    found = {r["place"] for r in rows("--name", "admin-tree", "--param", "under=桂林市")}
    assert {"七星区", "灵川县", "恭城县"} <= found


def test_evidence_of_a_fact(rows):
    (row,) = rows("--name", "evidence")
    assert row["predicate"] == "implements" and row["doc"] == "000_eb056a28697506d6.txt"
    text = (CORPUS / row["doc"]).read_text(encoding="utf-8")
    assert text[int(row["start"]):int(row["end"])] == row["evidence"] and "“十联铺”机制" in row["evidence"]
    (row,) = rows("--name", "evidence", "--param", "subject=赵志军", "--param", "object=桂林市委政法委")
    assert (row["predicate"], row["title"]) == ("holdsPost", "书记")


def test_most_mentioned_agencies(rows):
    found = rows("--name", "top-agencies")
    assert 0 < len(found) <= 20
    keys = [(-int(r["documents"]), -int(r["relations"]), r["agency"]) for r in found]
    assert keys == sorted(keys)


def test_diffusion_across_provinces(rows):
    found = {r["programme"]: r for r in rows("--name", "diffusion")}
    assert {"贵州省", "云南省"} <= set(found["枫桥经验"]["where"].split("、"))
    assert all(int(r["provinces"]) >= 2 for r in found.values())


def test_table_output_aligns_chinese(built, capsys):
    assert main(["query", str(built), "--name", "diffusion"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["programme", "provinces", "where"] and lines[-1].endswith("rows)")
    from wcwidth import wcswidth
    column = lines[0].index("provinces")
    assert all(wcswidth(line[: line.index(line.split()[1])]) == column for line in lines[2:-1])


def test_sparql_results_json_and_query_file(built, tmp_path, capsys):
    rq = tmp_path / "q.rq"
    rq.write_text("PREFIX pk: <https://w3id.org/pingan-kg/ontology#>\n"
                  "SELECT (COUNT(*) AS ?n) WHERE { ?p a pk:Program }", encoding="utf-8")
    assert main(["query", str(built), "-f", str(rq), "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 20


def test_ask_and_construct(built, capsys):
    assert main(["query", str(built / "graph.ttl"), "ASK { ?s a <https://w3id.org/pingan-kg/ontology#Campaign> }"]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["query", str(built), "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"]) == 0
    assert len(list(ox.parse(capsys.readouterr().out.encode(), format=ox.RdfFormat.TURTLE))) == 3


@pytest.mark.parametrize("args, message", [
    (["SELEC"], "SPARQL syntax error"),
    (["--name", "nope"], "no canned query"),
    (["--name", "evidence", "--param", "who=x"], "has no parameter"),
])
def test_bad_queries_are_reported(built, capsys, args, message):
    assert main(["query", str(built), *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_graph_is_reported(tmp_path, capsys):
    assert main(["query", str(tmp_path), "ASK {}"]) == 2
    assert "no graph" in capsys.readouterr().err


def test_ntriples_and_jsonld_hold_the_same_graph(built):
    def triples(name, fmt):
        return {str(t) for t in ox.parse(path=str(built / name), format=fmt)}

    turtle = triples("graph.ttl", ox.RdfFormat.TURTLE)
    assert len(turtle) > 1000
    assert triples("graph.nt", ox.RdfFormat.N_TRIPLES) == turtle
    assert triples("graph.jsonld", ox.RdfFormat.JSON_LD) == turtle


def test_built_graph_conforms(built, capsys):
    assert main(["validate", str(built)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_broken_graph_fails_naming_the_node(built, tmp_path, capsys):
    broken = tmp_path / "graph.ttl"
    bad = "https://w3id.org/pingan-kg/id/program/无名"
    broken.write_text((built / "graph.ttl").read_text(encoding="utf-8")
                      + f"\n<{bad}> a <https://w3id.org/pingan-kg/ontology#Program> .\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    printed = capsys.readouterr().out
    assert f"<{bad}> rdfs:label" in printed and "does not conform" in printed
