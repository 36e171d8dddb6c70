"""Writers for the built graph. Every file is written to a temporary name and renamed into
place, so an interrupted build never leaves a half-written output behind."""

from __future__ import annotations

import csv
import itertools
import math
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph import PREFIXES, EntityRecord, entity_iri
from kg.relations import Relation
from kg.resolve import EntityRef, ResolvedDocument
from kg.style import TYPE_COLOURS

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; rename it over ``path`` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(path) as tmp:
        write(tmp)
    return path


# The RDF files a build writes: one graph, three syntaxes (Turtle for people and SPARQL tools,
# N-Triples for line tools and bulk loaders, JSON-LD for web developers).
RDF_FILES = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.nt": ox.RdfFormat.N_TRIPLES, "graph.jsonld": ox.RdfFormat.JSON_LD}


def write_rdf(triples: list[ox.Triple], path: Path, fmt: ox.RdfFormat) -> Path:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
    return write_atomic(path, lambda tmp: ox.serialize(triples, str(tmp), fmt, prefixes=prefixes))


@dataclass(frozen=True)
class Edge:
    """One relation as network analysts see it: a weighted edge with one sentence that says it."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    weight: int  # evidence count: sentences, or 1 for background knowledge
    evidence: str


def edges_of(entities: dict[EntityRef, EntityRecord], relations: Iterable[Relation],
             texts: dict[str, str]) -> list[Edge]:
    weights: Counter[tuple] = Counter()
    first: dict[tuple, str] = {}
    for rel in sorted(relations, key=_reading_order):
        if rel.subject not in entities or rel.object not in entities:
            continue
        key = (rel.subject, rel.predicate, rel.object)
        weights[key] += 1
        if key not in first:
            sent = rel.sentence
            first[key] = texts[rel.doc_id][sent.start:sent.end] if sent else (rel.source or "")
    return [Edge(s, p, o, weights[(s, p, o)], first[(s, p, o)]) for (s, p, o) in sorted(weights)]


def _reading_order(rel: Relation) -> tuple:
    return rel.subject, rel.predicate, rel.object, rel.doc_id, rel.sentence.start if rel.sentence else -1


def _node_table(entities: dict[EntityRef, EntityRecord]) -> tuple[list[EntityRef], dict[EntityRef, int]]:
    order = sorted(entities)
    return order, {ref: i for i, ref in enumerate(order)}


def load_network_writers() -> None:
    """Import igraph and networkx ahead of need (igraph loads matplotlib): almost half a second
    that a build can spend while its analysis processes run."""
    import igraph  # noqa: F401
    import networkx  # noqa: F401


def _igraph(entities: dict[EntityRef, EntityRecord], directed: bool) -> tuple[ig.Graph, dict[EntityRef, int]]:
    import igraph as ig

    order, index = _node_table(entities)
    g = ig.Graph(n=len(order), directed=directed)
    g.vs["label"] = [entities[ref].label for ref in order]
    g.vs["type"] = [str(ref.type) for ref in order]
    g.vs["iri"] = [str(entity_iri(ref)) for ref in order]
    g.vs["mentions"] = [entities[ref].mentions for ref in order]
    g.vs["documents"] = [len(entities[ref].documents) for ref in order]
    return g, index


def write_graphml(entities: dict[EntityRef, EntityRecord], edges: list[Edge], path: Path) -> Path:
    """GraphML for Gephi, networkx and igraph, written by igraph: every attribute a declared
    plain string or number key, and fast and lean on large graphs (networkx's writer takes
    1.6 GB for 800k edges)."""
    g, index = _igraph(entities, directed=True)
    g.add_edges([(index[e.subject], index[e.object]) for e in edges])
    g.es["predicate"] = [str(e.predicate) for e in edges]
    g.es["weight"] = [e.weight for e in edges]
    g.es["evidence"] = [e.evidence for e in edges]
    return write_atomic(path, lambda tmp: g.write_graphml(str(tmp)))


def to_networkx(entities: dict[EntityRef, EntityRecord], edges: list[Edge]) -> nx.MultiDiGraph:
    """Entities as nodes keyed by IRI, relations as edges weighted by their evidence count."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for ref, rec in sorted(entities.items()):
        g.add_node(str(entity_iri(ref)), label=rec.label, type=str(ref.type), iri=str(entity_iri(ref)),
                   mentions=rec.mentions, documents=len(rec.documents))
    for e in edges:
        g.add_edge(str(entity_iri(e.subject)), str(entity_iri(e.object)), key=str(e.predicate),
                   predicate=str(e.predicate), weight=e.weight, evidence=e.evidence)
    return g


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    """GEXF that Gephi opens already styled: colour by type, size by mentions."""
    styled = graph.copy()
    for _, data in styled.nodes(data=True):
        r, g, b = (int(TYPE_COLOURS[data["type"]][i:i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 4.0 + 4.0 * math.sqrt(data["mentions"])}
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(styled)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)  # the same input gives the same bytes, any day
    return write_atomic(path, lambda tmp: writer.write(tmp))


def write_tables(entities: dict[EntityRef, EntityRecord], edges: list[Edge], out_dir: Path) -> list[Path]:
    """nodes.csv and edges.csv with the column names of Gephi's spreadsheet import
    (Id, Label; Source, Target, Type, Weight)."""
    def nodes(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Id", "Label", "type", "mentions", "documents"])
            for ref, rec in sorted(entities.items()):
                w.writerow([str(entity_iri(ref)), rec.label, ref.type, rec.mentions, len(rec.documents)])

    def links(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Source", "Target", "Type", "Label", "Weight", "evidence"])
            for e in edges:
                w.writerow([str(entity_iri(e.subject)), str(entity_iri(e.object)), "Directed", e.predicate,
                            e.weight, e.evidence])

    return [write_atomic(out_dir / "nodes.csv", nodes), write_atomic(out_dir / "edges.csv", links)]


def comentions(resolved: Iterable[ResolvedDocument]) -> Counter[tuple[EntityRef, EntityRef]]:
    """For each pair of entities, the number of sentences that name both."""
    counts: Counter[tuple[EntityRef, EntityRef]] = Counter()
    for rd in resolved:
        by_sentence: dict[int, set[EntityRef]] = {}
        for m in rd.mentions:
            by_sentence.setdefault(m.sentence.start, set()).add(m.entity)
        for names in by_sentence.values():
            counts.update(itertools.combinations(sorted(names), 2))
    return counts


def write_comention_graphml(entities: dict[EntityRef, EntityRecord],
                            counts: Counter[tuple[EntityRef, EntityRef]], path: Path) -> Path:
    """The co-mention network (undirected, weight = shared sentences), for centrality and
    community detection."""
    g, index = _igraph(entities, directed=False)
    pairs = sorted((a, b) for a, b in counts if a in index and b in index)
    g.add_edges([(index[a], index[b]) for a, b in pairs])
    g.es["weight"] = [counts[pair] for pair in pairs]
    return write_atomic(path, lambda tmp: g.write_graphml(str(tmp)))
