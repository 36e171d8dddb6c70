"""Messy real-world input: every encoding, traditional characters, broken and duplicate files,
and property-based tests over random text and bytes."""

import codecs
import contextlib
import io
import json
import random
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import BuildOptions, build
from kg.cli import main
from kg.corpus import Document, Skipped, read_corpus

ARTICLE = "贵阳市公安局深入推进“雪亮工程”建设，花溪区开展反诈宣传。"
PK = "https://w3id.org/pingan-kg/ontology#"


def _messy_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_gb18030.txt").write_bytes("贵阳市坚持和发展新时代“枫桥经验”。".encode("gb18030"))
    (folder / "c_utf16.txt").write_bytes("观山湖区探索建立“十联铺”机制。".encode("utf-16"))
    (folder / "d_bom.txt").write_bytes(codecs.BOM_UTF8 + "桂林市开展“亮剑2020”专项行动。".encode("utf-8"))
    (folder / "e_empty.txt").write_bytes(b"")
    (folder / "f_binary.txt").write_bytes(random.Random(1).randbytes(4000))
    (folder / "g_feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "西宁市推进“雪亮工程”建设。"}, ensure_ascii=False) + "\n{broken\n"
        + json.dumps({"id": "j3", "title": "无正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "h_traditional.txt").write_text("貴陽市公安局深入推進「雪亮工程」建設。", encoding="utf-8")
    (folder / "i_copy.txt").write_bytes(ARTICLE.encode("gb18030"))  # the UTF-8 article again, in GB18030
    (folder / "j_english.txt").write_text("no Chinese here at all", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """The messy folder, built once into ``root / "out"``; the build's exit code and output."""
    root = tmp_path_factory.mktemp("messy")
    folder = _messy_folder(root / "in")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["build", str(folder), "--out", str(root / "out"), "--no-pictures"])
    return folder, root, code, printed.getvalue()


def _entities_by_document(ttl: Path) -> dict[str, set[str]]:
    store = ox.Store()
    store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    out: dict[str, set[str]] = {}
    for row in store.query(f"""SELECT ?id ?label WHERE {{
            ?d <http://purl.org/dc/terms/identifier>|<{PK}otherIdentifier> ?id .
            ?e <{PK}mentionedIn> ?d ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"""):
        out.setdefault(row["id"].value, set()).add(row["label"].value)
    return out


def test_messy_folder_builds_every_good_document(messy):
    _, root, code, printed = messy
    assert code == 0
    found = _entities_by_document(root / "out" / "graph.ttl")
    assert "贵阳市" in found["b_gb18030.txt"] and "枫桥经验" in found["b_gb18030.txt"]
    assert "十联铺机制" in found["c_utf16.txt"]
    assert "桂林市" in found["d_bom.txt"]
    assert "西宁市" in found["j1"]
    assert {"贵阳市", "贵阳市公安局", "雪亮工程"} <= found["h_traditional.txt"]  # matched as simplified
    assert found["a_utf8.txt"] == found["i_copy.txt"]  # one document, both ids
    for reported in ("f_binary.txt: binary data", "e_empty.txt: empty file", "g_feed.jsonl:2: malformed JSON",
                     "g_feed.jsonl:3: record without text", "j_english.txt: no Chinese text"):
        assert reported in printed
    assert "documents: 6 read, 5 skipped" in printed


def test_traditional_evidence_stays_as_written(messy):
    _, root, _, _ = messy
    text = (root / "in" / "h_traditional.txt").read_text(encoding="utf-8")
    store = ox.Store()
    store.load(path=str(root / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(f"""SELECT ?ev ?s ?e WHERE {{ ?a <{PK}evidence> ?ev ; <{PK}charStart> ?s ; <{PK}charEnd> ?e ;
        <{PK}inDocument>/<http://purl.org/dc/terms/identifier> "h_traditional.txt" }}"""))
    assert rows
    assert all(text[int(r["s"].value):int(r["e"].value)] == r["ev"].value for r in rows)
    assert any("貴陽市" in r["ev"].value for r in rows)


def test_only_text_with_traditional_characters_is_converted():
    from kg.analyse import simplify

    assert simplify("貴陽市推進雪亮工程") == "贵阳市推进雪亮工程"
    assert simplify("反覆排查，什么") == "反覆排查，什么"  # simplified text stays as written


def test_building_twice_gives_identical_turtle(messy, tmp_path):
    folder, root, _, _ = messy
    assert main(["build", str(folder), "--out", str(tmp_path), "--no-pictures", "--no-cache"]) == 0
    assert (tmp_path / "graph.ttl").read_bytes() == (root / "out" / "graph.ttl").read_bytes()


def test_failed_build_leaves_the_previous_outputs(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "a.txt"], out, BuildOptions(pictures=False))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (tmp_path / "a.txt").write_text("桂林市开展“亮剑2020”专项行动。", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kg.build.write_gexf", broken)  # fails after the RDF files were written
    with pytest.raises(RuntimeError):
        build([tmp_path / "a.txt"], out, BuildOptions(pictures=False))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in out.iterdir() if p.is_dir()] == [".kg-cache"]  # no staging folder left


def test_strict_fails_when_anything_was_skipped(messy, tmp_path, capsys):
    folder, _, _, _ = messy
    assert main(["build", str(folder), "--out", str(tmp_path), "--no-pictures", "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err


def test_encoding_override(tmp_path):
    (tmp_path / "big5.txt").write_bytes("貴陽市公安局".encode("big5"))
    (doc,) = read_corpus([tmp_path], encoding="big5")
    assert doc == Document(id="big5.txt", text="貴陽市公安局")
    (skipped,) = read_corpus([tmp_path], encoding="ascii")
    assert isinstance(skipped, Skipped) and "cannot read" in skipped.reason


def test_detects_gbk_and_big5_without_help(tmp_path):
    (tmp_path / "gbk.txt").write_bytes("贵阳市公安局深入推进雪亮工程建设，维护社会稳定。".encode("gbk"))
    (tmp_path / "big5.txt").write_bytes("貴陽市公安局深入推進雪亮工程建設，維護社會穩定。".encode("big5"))
    texts = {d.id: d.text for d in read_corpus([tmp_path])}
    assert texts == {"big5.txt": "貴陽市公安局深入推進雪亮工程建設，維護社會穩定。",
                     "gbk.txt": "贵阳市公安局深入推进雪亮工程建设，维护社会稳定。"}


def test_jsonl_is_read_as_a_stream_with_bad_lines_reported(tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": f"第{i}篇：贵阳市推进雪亮工程。"}, ensure_ascii=False) for i in range(500)]
    lines[250] = '{"id": "bad", "text": '
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_corpus([tmp_path]))
    bad = [i for i in items if isinstance(i, Skipped)]
    assert len(items) == 500 and len(bad) == 1 and bad[0].where.endswith("big.jsonl:251")


CHINESE_OR_ANYTHING = st.text(alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                                                 st.sampled_from(list("市县区局委“”「」，。、\n 0X")),
                                                 st.characters()), max_size=200)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(CHINESE_OR_ANYTHING, min_size=1, max_size=3), raw=st.binary(max_size=300))
def test_random_text_and_bytes_never_break_the_build(tmp_path_factory, texts, raw):
    folder = tmp_path_factory.mktemp("random")
    for i, text in enumerate(texts):
        (folder / f"t{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "raw.txt").write_bytes(raw)
    (folder / "feed.jsonl").write_text("\n".join(json.dumps({"id": f"j{i}", "text": t}) for i, t in enumerate(texts)),
                                       encoding="utf-8", errors="surrogatepass")
    out = folder / "out"
    summary = build([folder], out, BuildOptions(pictures=False, cache=False, jobs=1))
    assert summary.documents + len(summary.skipped) >= 1
    triples = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(triples) >= 0
    nx.read_graphml(out / "graph.graphml")
