"""Per-document analysis (NLP and resolution), the expensive and independent part of a build,
run in this process, in a pool of processes, or on a Dask cluster, with a cache per document.

Each worker builds the spaCy pipeline once and keeps it; documents go in and small
``ResolvedDocument`` records (mentions, sentences, scopes, no spaCy ``Doc``) come back in input
order, so the graph is the same whatever ran them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import logging
import multiprocessing
import os
import secrets
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

import kg
from kg.corpus import Document
from kg.lexicon import load_lexicon
from kg.resolve import ResolvedDocument, Resolver
from kg.vocabulary import EntityType

CODE_OF_ANALYSIS = ("nlp", "resolve.py", "corpus.py", "lexicon.py", "vocabulary.py", "models")  # what a cached result depends on

log = logging.getLogger(__name__)
_workers: dict[str | None, tuple] = {}  # ontology → (nlp, resolver), one per process


def _pipeline(ontology: str | None) -> tuple:
    """This process's spaCy pipeline and resolver, built on first use."""
    if ontology not in _workers:
        from kg.nlp.pipeline import build_nlp

        _workers[ontology] = (build_nlp(ontology, annotate=False), Resolver(load_lexicon(ontology)))
    return _workers[ontology]


def analyse(document: Document, ontology: str | None = None) -> ResolvedDocument:
    """NLP and resolution of one document, with this process's pipeline. Traditional
    characters are matched in a simplified copy of the same length; the record keeps the
    original text, so evidence and offsets are those of the document as read."""
    from kg.nlp.pipeline import extract

    nlp, resolver = _pipeline(ontology)
    simplified = simplify(document.text)
    if simplified == document.text:
        return resolver.resolve(next(extract(nlp, [document])))
    copy = dataclasses.replace(document, text=simplified)
    return dataclasses.replace(resolver.resolve(next(extract(nlp, [copy]))), doc=document)


def _analysed_without_text(document: Document, ontology: str | None) -> ResolvedDocument:
    """A worker's result without the document's text, which the parent has: sending a text back
    costs the parent as much as reading the result's mentions."""
    result = analyse(document, ontology)
    return dataclasses.replace(result, doc=dataclasses.replace(result.doc, text=""))


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _traditional_characters() -> frozenset[str]:
    """Characters that OpenCC's own table turns into another one by themselves (灣 → 湾)."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    found = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets and targets.split(" ")[0] != source:
            found.add(source)
    return frozenset(found)


def simplify(text: str) -> str:
    """Traditional → simplified Chinese, character for character where a phrase rule would
    change the length (offsets must stay those of the original). Text with no traditional
    character is left as written, which also spares most documents the conversion."""
    if _traditional_characters().isdisjoint(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


def analysis_version(ontology: str | None = None) -> str:
    """Changes whenever the code or the data that analysis depends on changes."""
    digest = hashlib.sha256(kg.__version__.encode())
    digest.update(load_lexicon(ontology).fingerprint.encode())
    root = Path(kg.__file__).parent
    for name in CODE_OF_ANALYSIS:
        # code, and the tagger's weights: retrained weights make every cached result stale
        for path in sorted(p for p in (root / name).rglob("*") if p.suffix in (".py", ".npz")) if (root / name).is_dir() else [root / name]:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def _stored_result() -> TypeAdapter:
    """The schema of a cached result: JSON checked field by field on reading, which runs no
    code whatever a planted file holds (a pickle would run it)."""
    return TypeAdapter(ResolvedDocument)


def _consistent(result: ResolvedDocument, document: Document) -> bool:
    """Does ``result`` fit ``document``: its mentions inside the text, each its surface at its
    offsets and in one of its sentences (a quoted name may run over a line break into the next),
    one scope per sentence, places that are places and parents that are bodies?"""
    text, sentences = document.text, set(result.sentences)
    bodies = (EntityType.AGENCY, EntityType.ORGANIZATION)
    return (result.doc == document and len(result.scopes) == len(result.sentences)
            and all(0 <= s.start <= s.end <= len(text) for s in sentences)
            and all(0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.surface
                    and m.sentence in sentences and m.start < m.sentence.end and m.sentence.start < m.end
                    and (m.place is None or m.place.type == EntityType.PLACE)
                    and (m.parent is None or m.parent.type in bodies) for m in result.mentions))


def _cache_key() -> bytes:
    """This user's secret for signing cache entries (``$XDG_CACHE_HOME/pingan-kg/cache.key``, by
    default under ``~/.cache``, made on first use, readable by the user only): an entry written on
    another machine or planted in a shared output folder carries no valid signature and is
    analysed again. The file appears whole or not at all (written aside, then linked into
    place); one that is not a key is made anew. Where no file can be kept, a key for this run
    only: the cache then serves this run alone."""
    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pingan-kg"
        path = folder / "cache.key"
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                key = path.read_bytes()
            except FileNotFoundError:
                key = b""
            if len(key) == 32:
                return key
            fresh = folder / f".cache.key.{os.getpid()}.{secrets.token_hex(4)}"
            fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
            try:
                if key:  # not a key (a write cut short): replace it
                    os.replace(fresh, path)
                else:
                    os.link(fresh, path)  # fails if another process made it first: read theirs
            except FileExistsError:
                pass
            finally:
                fresh.unlink(missing_ok=True)
    except (OSError, RuntimeError):  # no home directory, or none that can be written
        folder = None
    log.warning("cannot keep a cache key in %s: cached analyses serve this run only", folder or "the home directory")
    return secrets.token_bytes(32)


@dataclass
class DocumentCache:
    """Analysis results on disk, keyed by the document (id, text, metadata) and the analysis
    version: after one file changes, only that file is analysed again. An entry is JSON signed
    with this user's key (HMAC-SHA256) and validated on reading; one that is not signed by this
    user, does not validate, does not fit its document, or is larger than an analysis of its
    text can be is analysed again. Nothing in an entry runs code."""

    folder: Path
    version: str
    bytes_per_character: int = 100  # a result's JSON: 7–11 bytes a character on the corpus, ~75 at most
    secret: bytes = field(default_factory=_cache_key)

    def key(self, document: Document) -> str:
        digest = hashlib.sha256(self.version.encode())
        for part in (document.id, document.text, document.title, document.date, document.source, document.place):
            digest.update(b"\x00" + (part or "").encode("utf-8"))
        return digest.hexdigest()

    def path(self, document: Document) -> Path:
        key = self.key(document)
        return self.folder / key[:2] / f"{key}.json"

    def _signature(self, entry_key: str, body: bytes) -> bytes:
        """Over the entry's key too: a signed entry moved to another document's or another
        analysis version's path does not verify there."""
        return hmac.new(self.secret, entry_key.encode() + b"\n" + body, hashlib.sha256).hexdigest().encode()

    def get(self, document: Document) -> ResolvedDocument | None:
        body = self._signed_body(document)
        if body is None:
            return None  # absent, too big, or not written by this user: analyse again
        try:
            found = _stored_result().validate_json(body, strict=True)
        except ValidationError:
            return None
        return found if _consistent(found, document) else None

    def has(self, document: Document) -> bool:
        """Is there an entry this user signed? (One that is not goes to the workers with the
        documents to analyse, not to the one-at-a-time path for entries that fail to parse.)"""
        return self._signed_body(document) is not None

    def _signed_body(self, document: Document) -> bytes | None:
        """The entry's JSON if this user signed it for this path, read once within a bound: no
        analysis of this text is bigger."""
        limit = 65536 + self.bytes_per_character * len(document.text)
        try:
            with self.path(document).open("rb") as f:
                data = f.read(limit + 1)
        except OSError:
            return None
        signature, _, body = data.partition(b"\n")
        if len(data) > limit or not hmac.compare_digest(signature, self._signature(self.key(document), body)):
            return None
        return body

    def put(self, document: Document, result: ResolvedDocument) -> None:
        from kg.export import write_atomic

        path = self.path(document)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = _stored_result().dump_json(result)
        write_atomic(path, lambda tmp: tmp.write_bytes(self._signature(self.key(document), body) + b"\n" + body))


def _draining(pool: ProcessPoolExecutor, results: Iterator[ResolvedDocument]) -> Iterator[ResolvedDocument]:
    try:
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)


@dataclass
class Analysis:
    """How documents are analysed: ``jobs`` processes here, or a Dask cluster."""

    jobs: int = 0  # 0: every core
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask: address of a running scheduler; none starts a local cluster
    ontology: str | None = None
    cache: DocumentCache | None = None
    analysed: int = 0  # documents analysed (not taken from the cache) by the last run

    def run(self, documents: Iterable[Document]) -> Iterator[ResolvedDocument]:
        """Results in input order. Documents not in the cache are handed to the workers before
        this returns, so the caller can do other work while they are analysed."""
        docs = list(documents)
        stored = [self.cache is not None and self.cache.has(d) for d in docs]
        todo = [d for d, in_cache in zip(docs, stored) if not in_cache]
        self.analysed = len(todo)
        return self._in_order(docs, stored, self._analyse(todo))

    def _in_order(self, docs: list[Document], stored: list[bool],
                  fresh: Iterator[ResolvedDocument]) -> Iterator[ResolvedDocument]:
        """Cached results are read while the workers run; one that cannot be read is analysed here."""
        for document, in_cache in zip(docs, stored):
            result = self.cache.get(document) if in_cache else None
            if result is None:
                if in_cache:  # stored but unreadable
                    self.analysed += 1
                    result = analyse(document, self.ontology)
                else:
                    result = dataclasses.replace(next(fresh), doc=document)  # a worker's comes without the text
                if self.cache:
                    self.cache.put(document, result)
            yield result

    def _analyse(self, docs: list[Document]) -> Iterator[ResolvedDocument]:
        if not docs:
            return iter(())
        if self.engine == "dask":
            return self._dask(docs)
        jobs = self.jobs or os.cpu_count() or 1
        if jobs == 1:
            return (analyse(d, self.ontology) for d in docs)
        return self._pool(docs, min(jobs, len(docs)))

    def _pool(self, docs: list[Document], jobs: int) -> Iterator[ResolvedDocument]:
        """Workers forked from this process inherit its pipeline if it has built one (a notebook,
        a second build); otherwise each builds its own, and this process never loads spaCy and
        is free while they do. Even one document goes to a worker for that reason."""
        forking = "fork" in multiprocessing.get_all_start_methods()
        options: dict = {"mp_context": multiprocessing.get_context("fork")} if forking else {}
        if not (forking and self.ontology in _workers):
            options.update(initializer=_pipeline, initargs=(self.ontology,))
        # Big documents first would balance better, but input order keeps results streaming.
        chunk = max(1, min(16, len(docs) // (jobs * 4)))
        pool = ProcessPoolExecutor(max_workers=jobs, **options)
        try:
            results = pool.map(_analysed_without_text, docs, [self.ontology] * len(docs), chunksize=chunk)  # submits all
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return _draining(pool, results)

    def _dask(self, docs: list[Document]) -> Iterator[ResolvedDocument]:
        from dask.distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.ERROR)  # its start-up chatter is not the build's
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.jobs or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(self.scheduler or cluster)
        try:
            futures = client.map(analyse, docs, ontology=self.ontology, pure=False)
            for future in futures:  # in input order; each released once read
                yield future.result()
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
