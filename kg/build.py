"""The build: corpus → NLP → resolution → relations → RDF → exports, one stage after another."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.analyse import Analysis, DocumentCache, analysis_version
from kg.corpus import Document, Skipped, read_corpus
from kg.export import (RDF_FILES, comentions, edges_of, load_network_writers, to_networkx, write_comention_graphml,
                       write_gexf, write_graphml, write_rdf, write_tables)
from kg.graph import EntityRecord, build_graph, collect_entities
from kg.lexicon import TYPES, load_lexicon
from kg.relations import ActorReader, NameReader, PostReader, Relation, relations_from_table
from kg.resolve import EntityRef, ResolvedDocument, Unifier
from kg.vocabulary import EntityType

log = logging.getLogger("kg")
CACHE_DIR = ".kg-cache"


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    analysed: int = 0  # documents analysed anew (the others came from the cache)
    outputs: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents} read, {len(self.skipped)} skipped"]
        out += [f"  skipped {s.where}: {s.reason}" for s in self.skipped]
        out.append(f"entities: {sum(self.entities.values())} (" +
                   ", ".join(f"{t} {self.entities[t]}" for t in TYPES) + ")")
        out.append(f"relations: {sum(self.relations.values())} (" +
                   ", ".join(f"{p} {n}" for p, n in sorted(self.relations.items())) + ")")
        out.append(f"analysed: {self.analysed} (the other {self.documents - self.analysed} from the cache)")
        out.append(f"seconds: {self.seconds:.1f} (" + ", ".join(f"{k} {v:.1f}" for k, v in self.stages.items()) + ")")
        out += [f"wrote {p}" for p in self.outputs]
        return out


@dataclass
class BuildOptions:
    ontology: str | None = None
    comention: bool = False  # also the network of entities named in the same sentences
    pictures: bool = True  # the overview picture and the HTML page
    jobs: int = 0  # analysis processes; 0: every core
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address; none starts a local cluster
    cache: bool = True  # keep per-document analyses in OUT/.kg-cache for incremental rebuilds
    encoding: str | None = None  # the inputs' encoding; none: detected per file


class Stopwatch:
    """Seconds spent per stage, for the summary and the benchmark."""

    def __init__(self, stages: dict[str, float]):
        self.stages = stages
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self.last
        self.last = now


def build(inputs: list[Path], out_dir: Path, options: BuildOptions | None = None) -> BuildSummary:
    """Build the graph of ``inputs`` into ``out_dir``."""
    collecting = gc.isenabled()
    gc.disable()  # a build makes millions of objects and few cycles: the collector's passes
    try:          # over them took a third of the time after analysis
        return _build(inputs, out_dir, options)
    finally:
        if collecting:
            gc.enable()


def _build(inputs: list[Path], out_dir: Path, options: BuildOptions | None) -> BuildSummary:
    options = options or BuildOptions()
    started = time.perf_counter()
    summary = BuildSummary()
    watch = Stopwatch(summary.stages)
    documents: list[Document] = []
    for item in read_corpus(inputs, options.encoding):
        if isinstance(item, Skipped):
            log.warning("skipped %s: %s", item.where, item.reason)
            summary.skipped.append(item)
        else:
            documents.append(item)
    watch.lap("read")
    lexicon = load_lexicon(options.ontology)
    cache = DocumentCache(out_dir / CACHE_DIR, analysis_version(options.ontology)) if options.cache else None
    analysis = Analysis(options.jobs, options.engine, options.scheduler, options.ontology, cache)
    pending = analysis.run(documents)
    load_network_writers()  # while the workers analyse
    analysed = list(pending)
    summary.analysed = analysis.analysed
    watch.lap("analyse")
    resolved = Unifier(lexicon).unify(analysed)
    entities = collect_entities(resolved)
    watch.lap("unify")
    readers = (NameReader(lexicon).read, ActorReader(lexicon).read, PostReader(lexicon).read)
    relations = [r for rd in resolved for read in readers for r in read(rd)]
    relations += relations_from_table((e for e in entities if e.type == EntityType.PLACE), lexicon.divisions)
    watch.lap("relations")
    triples = build_graph(documents, entities, relations, lexicon.divisions)
    watch.lap("rdf")
    summary.documents = len(documents)
    summary.entities = Counter(ref.type for ref in entities)
    summary.relations = Counter(p for (_, p, _) in {(r.subject, r.predicate, r.object) for r in relations
                                                     if r.subject in entities and r.object in entities})
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-staging-", dir=out_dir))
    try:
        written = _write_outputs(staging, options, documents, entities, relations, resolved, triples, watch)
        for path in written:  # all outputs exist before the first replaces its predecessor
            os.replace(path, out_dir / path.name)
        summary.outputs += [out_dir / path.name for path in written]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_outputs(folder: Path, options: BuildOptions, documents: list[Document],
                   entities: dict[EntityRef, EntityRecord], relations: list[Relation],
                   resolved: list[ResolvedDocument], triples: list, watch: Stopwatch) -> list[Path]:
    """Every output file, into ``folder``."""
    outputs = [write_rdf(triples, folder / name, fmt) for name, fmt in RDF_FILES.items()]
    watch.lap("write rdf")
    edges = edges_of(entities, relations, {d.id: d.text for d in documents})
    outputs.append(write_graphml(entities, edges, folder / "graph.graphml"))
    network = to_networkx(entities, edges)
    outputs.append(write_gexf(network, folder / "graph.gexf"))
    outputs += write_tables(entities, edges, folder)
    if options.comention:
        outputs.append(write_comention_graphml(entities, comentions(resolved), folder / "comention.graphml"))
    watch.lap("write networks")
    if options.pictures:
        from kg.viz import write_html, write_overview  # matplotlib: loaded only for pictures

        outputs += write_overview(network, folder)
        outputs.append(write_html(network, folder / "graph.html"))
        watch.lap("pictures")
    return outputs
