"""The build: corpus → NLP → resolution → relations → RDF → exports, one stage after another."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus import Document, Skipped, read_corpus
from kg.export import (RDF_FILES, comentions, edges_of, oxigraph_triples, to_networkx, write_comention_graphml,
                       write_gexf, write_graphml, write_rdf, write_tables)
from kg.graph import build_graph, collect_entities
from kg.lexicon import TYPES, load_lexicon
from kg.nlp.pipeline import build_nlp, extract
from kg.relations import ActorReader, NameReader, PostReader, relations_from_table
from kg.resolve import Resolver, Unifier
from kg.viz import write_html, write_overview

log = logging.getLogger("kg")


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents} read, {len(self.skipped)} skipped"]
        out += [f"  skipped {s.where}: {s.reason}" for s in self.skipped]
        out.append(f"entities: {sum(self.entities.values())} (" +
                   ", ".join(f"{t} {self.entities[t]}" for t in TYPES) + ")")
        out.append(f"relations: {sum(self.relations.values())} (" +
                   ", ".join(f"{p} {n}" for p, n in sorted(self.relations.items())) + ")")
        out.append(f"seconds: {self.seconds:.1f}")
        out += [f"wrote {p}" for p in self.outputs]
        return out


def build(inputs: list[Path], out_dir: Path, ontology: str | None = None, comention: bool = False,
          pictures: bool = True) -> BuildSummary:
    """Build the graph of ``inputs`` into ``out_dir``; with ``comention``, also the network of
    entities named in the same sentences; with ``pictures``, the overview and the HTML page."""
    started = time.perf_counter()
    summary = BuildSummary()
    documents: list[Document] = []
    for item in read_corpus(inputs):
        if isinstance(item, Skipped):
            log.warning("skipped %s: %s", item.where, item.reason)
            summary.skipped.append(item)
        else:
            documents.append(item)
    lexicon = load_lexicon(ontology)
    nlp = build_nlp(ontology)
    resolver = Resolver(lexicon)
    resolved = Unifier(lexicon).unify([resolver.resolve(x) for x in extract(nlp, documents)])
    entities = collect_entities(resolved)
    readers = (NameReader(lexicon).read, ActorReader(lexicon).read, PostReader(lexicon).read)
    relations = [r for rd in resolved for read in readers for r in read(rd)]
    relations += relations_from_table((e for e in entities if e.type == "Place"), lexicon.divisions)
    graph = build_graph(documents, entities, relations, lexicon.divisions)
    summary.documents = len(documents)
    summary.entities = Counter(ref.type for ref in entities)
    summary.relations = Counter(p for (_, p, _) in {(r.subject, r.predicate, r.object) for r in relations
                                                     if r.subject in entities and r.object in entities})
    triples = oxigraph_triples(graph)
    summary.outputs += [write_rdf(triples, out_dir / name, fmt) for name, fmt in RDF_FILES.items()]
    edges = edges_of(entities, relations, {d.id: d.text for d in documents})
    summary.outputs.append(write_graphml(entities, edges, out_dir / "graph.graphml"))
    network = to_networkx(entities, edges)
    summary.outputs.append(write_gexf(network, out_dir / "graph.gexf"))
    summary.outputs += write_tables(entities, edges, out_dir)
    if comention:
        summary.outputs.append(write_comention_graphml(entities, comentions(resolved), out_dir / "comention.graphml"))
    if pictures:
        summary.outputs += write_overview(network, out_dir)
        summary.outputs.append(write_html(network, out_dir / "graph.html"))
    summary.seconds = time.perf_counter() - started
    return summary
