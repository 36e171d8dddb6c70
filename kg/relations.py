"""Relations between resolved entities, each with where it was read or where it comes from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.lexicon import DivisionTable
from kg.nlp.pipeline import Sentence
from kg.resolve import EntityRef, ResolvedDocument

DIVISION_SOURCE = "China administrative divisions, derived from jionlp 1.5.31 (ontology/divisions.tsv)"


@dataclass(frozen=True, order=True)
class Relation:
    subject: EntityRef
    predicate: str
    object: EntityRef
    doc_id: str = ""
    sentence: Sentence | None = None  # text evidence
    source: str | None = None  # background knowledge instead of text
    title: str | None = None  # the post, on holdsPost evidence


def relations_from_names(resolved: ResolvedDocument) -> list[Relation]:
    """What a name itself says: 贵阳市公安局 is Guiyang's body, 七星分局 a unit of 桂林市公安局,
    花果园片区 lies in the place the text is about."""
    out = []
    for m in resolved.mentions:
        if m.place is not None and m.place != m.entity:
            predicate = "partOf" if m.entity.type == "Place" else "locatedIn"
            out.append(Relation(m.entity, predicate, m.place, resolved.doc.id, m.sentence))
        if m.parent is not None and m.parent != m.entity:
            out.append(Relation(m.entity, "subOrganizationOf", m.parent, resolved.doc.id, m.sentence))
    return out


def relations_from_table(places: Iterable[EntityRef], table: DivisionTable) -> list[Relation]:
    """partOf between places of the graph, from each to its nearest ancestor in the graph."""
    present = {p.qualifier: p for p in places if p.qualifier in table.units}
    out = []
    for key, place in sorted(present.items()):
        for ancestor in table.ancestors(table.units[key]):
            if ancestor.key in present:
                out.append(Relation(place, "partOf", present[ancestor.key], source=DIVISION_SOURCE))
                break
    return out
