"""The same graph whatever analyses the documents: one process, a pool, a Dask cluster, or the
per-document cache of an earlier build."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.analyse import DocumentCache, analysis_version
from kg.build import CACHE_DIR, BuildOptions, build
from kg.corpus import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
OUTPUTS = ("graph.ttl", "graph.graphml", "graph.gexf", "edges.csv", "nodes.csv")


def _build(corpus: Path, out: Path, **options):
    return build([corpus], out, BuildOptions(pictures=False, **options))


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("jobs1")
    _build(CORPUS, out, jobs=1, cache=False)
    return out


def test_process_pool_gives_the_same_outputs(reference, tmp_path):
    summary = _build(CORPUS, tmp_path, jobs=2, cache=False)
    assert summary.analysed == summary.documents == 5
    _same(reference, tmp_path)


def test_dask_cluster_gives_the_same_outputs(reference, tmp_path):
    pytest.importorskip("dask.distributed")
    summary = _build(CORPUS, tmp_path, engine="dask", jobs=2, cache=False)
    assert summary.analysed == 5
    _same(reference, tmp_path)


def _copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus


def _change_one_document(corpus: Path) -> None:
    changed = next(corpus.glob("002_*.txt"))
    changed.chmod(0o644)
    changed.write_text(changed.read_text(encoding="utf-8") + "\n桂林市深入推进“雪亮工程”建设。\n", encoding="utf-8")


def test_rebuild_after_one_change_analyses_only_that_document(reference, tmp_path):
    corpus = _copy_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(corpus, out, jobs=1).analysed == 5
    assert _build(corpus, out, jobs=1).analysed == 0  # nothing changed: all from the cache
    _same(reference, out)
    _change_one_document(corpus)
    assert _build(corpus, out, jobs=1).analysed == 1
    cold = tmp_path / "cold"
    _build(corpus, cold, jobs=1, cache=False)
    _same(cold, out)


def test_command_line_rebuild_with_workers_that_build_their_own_pipeline(tmp_path):
    """As `kg build` runs: a fresh process with no pipeline of its own, so each worker builds
    one; the one changed document goes to a pool of one worker."""
    corpus = _copy_corpus(tmp_path)
    out = tmp_path / "out"

    def kg_build() -> int:
        run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
                              "--no-pictures", "--jobs", "2"], capture_output=True, text=True, check=True)
        return int(re.search(r"analysed: (\d+)", run.stdout).group(1))

    assert kg_build() == 5
    _change_one_document(corpus)
    assert kg_build() == 1
    cold = tmp_path / "cold"
    _build(corpus, cold, jobs=1, cache=False)
    _same(cold, out)


def test_cache_key_follows_text_metadata_and_version(tmp_path):
    cache = DocumentCache(tmp_path, analysis_version())
    doc = Document(id="a.txt", text="贵阳市推进雪亮工程建设。")
    assert cache.key(doc) == cache.key(Document(id="a.txt", text="贵阳市推进雪亮工程建设。"))
    assert cache.key(doc) != cache.key(Document(id="a.txt", text="贵阳市推进雪亮工程。"))
    assert cache.key(doc) != cache.key(Document(id="a.txt", text=doc.text, place="贵阳市"))
    assert cache.key(doc) != DocumentCache(tmp_path, "another version").key(doc)


def _one_document(tmp_path, text: str):
    """A corpus of one file and the output folder of its builds."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    return corpus, tmp_path / "out"


def test_unreadable_cache_entry_is_analysed_again(tmp_path):
    corpus, out = _one_document(tmp_path, "贵阳市推进雪亮工程建设。")
    assert _build(corpus, out, jobs=1).analysed == 1
    for entry in (out / CACHE_DIR).rglob("*.json"):
        entry.write_bytes(b"not json")
    assert _build(corpus, out, jobs=1).analysed == 1


def test_a_name_over_a_line_break_is_served_from_the_cache(tmp_path):
    corpus, out = _one_document(tmp_path, "贵阳市开展“平安\n花溪”创建活动。")
    assert _build(corpus, out, jobs=1).analysed == 1
    assert _build(corpus, out, jobs=1).analysed == 0


def test_a_planted_cache_entry_runs_nothing_and_is_analysed_again(tmp_path):
    """Whatever a shared output folder holds at an entry's path, reading it executes no code; an
    entry signed by another key (another machine, a planted file) or not fitting its document
    is not taken."""
    import json
    import pickle

    corpus, out = _one_document(tmp_path, "贵阳市推进雪亮工程建设。")
    _build(corpus, out, jobs=1)
    entry = next((out / CACHE_DIR).rglob("*.json"))
    signature, body = entry.read_bytes().split(b"\n", 1)
    mine = DocumentCache(out / CACHE_DIR, analysis_version())
    assert signature == mine._signature(entry.stem, body)
    good = json.loads(body)

    sentinel = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Planted(str(sentinel))))
    assert _build(corpus, out, jobs=1).analysed == 1 and not sentinel.exists()

    def plant(result: dict, cache: DocumentCache) -> None:
        forged = json.dumps(result, ensure_ascii=False).encode()
        entry.write_bytes(cache._signature(entry.stem, forged) + b"\n" + forged)

    relabelled = dict(good, mentions=[dict(m, entity=[m["entity"][0], "伪造的项目", m["entity"][2]]) for m in good["mentions"]])
    plant(relabelled, DocumentCache(out / CACHE_DIR, analysis_version(), secret=b"another machine's key"))
    assert _build(corpus, out, jobs=1).analysed == 1
    plant(dict(good, mentions=[dict(m, surface="公安部") for m in good["mentions"]]), mine)
    assert _build(corpus, out, jobs=1).analysed == 1
    plant(dict(good, scopes=[]), mine)
    assert _build(corpus, out, jobs=1).analysed == 1
    entry.write_bytes(mine._signature("another document's entry", body) + b"\n" + body)  # moved here
    assert _build(corpus, out, jobs=1).analysed == 1
    assert _build(corpus, out, jobs=1).analysed == 0  # the entry written back is a good one


class _Planted:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))
