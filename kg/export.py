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
from rdflib import Graph

from kg.graph import EntityRecord, entity_iri
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


def write_turtle(graph: Graph, path: Path) -> Path:
    return write_atomic(path, lambda tmp: graph.serialize(destination=str(tmp), format="turtle", encoding="utf-8"))


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
