"""Relations that names and the division table state: 贵阳市公安局 is Guiyang's body, 花溪区 lies in 贵阳市."""

from __future__ import annotations

from collections.abc import Iterable

from kg.lexicon import DivisionTable, Lexicon
from kg.relations.model import Relation
from kg.resolve import EntityRef, ResolvedDocument
from kg.vocabulary import EntityType, Predicate

DIVISION_SOURCE = "China administrative divisions, derived from jionlp 1.5.31 (ontology/divisions.tsv)"


class NameReader:
    """What names say: 贵阳市公安局 is Guiyang's body, 七星分局 a unit of 桂林市公安局, 花果园片区
    lies in the place the text is about, and in 贵阳市花溪区 the second place lies in the first."""

    def __init__(self, lexicon: Lexicon):
        self.table = lexicon.divisions

    def read(self, resolved: ResolvedDocument) -> list[Relation]:
        doc_id, out = resolved.doc.id, []
        for m in resolved.mentions:
            if m.place is not None and m.place != m.entity:
                predicate = Predicate.PART_OF if m.entity.type == EntityType.PLACE else Predicate.LOCATED_IN
                out.append(Relation(m.entity, predicate, m.place, doc_id, m.sentence))
            if m.parent is not None and m.parent != m.entity:
                out.append(Relation(m.entity, Predicate.SUB_ORGANIZATION_OF, m.parent, doc_id, m.sentence))
        places = sorted((m for m in resolved.mentions if m.entity.qualifier in self.table.units),
                        key=lambda m: (m.start, m.end))
        for outer, inner in zip(places, places[1:]):
            if outer.end == inner.start and self.table.is_within(self.table.units[inner.entity.qualifier],
                                                                 self.table.units[outer.entity.qualifier]):
                out.append(Relation(inner.entity, Predicate.PART_OF, outer.entity, doc_id, inner.sentence))
        return out


def relations_from_table(places: Iterable[EntityRef], table: DivisionTable) -> list[Relation]:
    """partOf between places of the graph, from each to its nearest ancestor in the graph."""
    present = {p.qualifier: p for p in places if p.qualifier in table.units}
    out = []
    for key, place in sorted(present.items()):
        for ancestor in table.ancestors(table.units[key]):
            if ancestor.key in present:
                out.append(Relation(place, Predicate.PART_OF, present[ancestor.key], source=DIVISION_SOURCE))
                break
    return out
