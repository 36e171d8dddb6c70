"""Writers for the built graph. Every file is written to a temporary name and renamed into
place, so an interrupted build never leaves a half-written output behind."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.graph import PK, EntityRecord, entity_iri
from kg.relations import Relation
from kg.resolve import EntityRef


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
PREFIXES = {"pk": str(PK), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "dcterms": str(DCTERMS), "xsd": str(XSD)}


def _term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def oxigraph_triples(graph: Graph) -> list[ox.Triple]:
    """The rdflib graph as pyoxigraph triples in a stable order, so that the same input gives
    byte-identical files (pyoxigraph writes large graphs some 30 times faster than rdflib)."""
    return sorted((ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in graph), key=str)


def write_rdf(triples: list[ox.Triple], path: Path, fmt: ox.RdfFormat) -> Path:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
    return write_atomic(path, lambda tmp: ox.serialize(triples, str(tmp), fmt, prefixes=prefixes))


def to_networkx(entities: dict[EntityRef, EntityRecord], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """Entities as nodes, relations as edges weighted by their evidence count (Gephi's view)."""
    g = nx.MultiDiGraph()
    for ref, rec in sorted(entities.items()):
        g.add_node(str(entity_iri(ref)), label=ref.label, type=ref.type, iri=str(entity_iri(ref)),
                   mentions=rec.mentions, documents=len(rec.documents))
    weights: Counter[tuple] = Counter()
    for rel in relations:
        if rel.subject in entities and rel.object in entities:
            weights[(rel.subject, rel.predicate, rel.object)] += 1
    for (s, p, o), weight in sorted(weights.items()):
        g.add_edge(str(entity_iri(s)), str(entity_iri(o)), key=p, predicate=p, weight=weight)
    return g


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    return write_atomic(path, lambda tmp: nx.write_graphml(graph, tmp, encoding="utf-8"))
