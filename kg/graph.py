"""The RDF graph in the vocabulary of SPEC.md, built with rdflib."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg.corpus import Document
from kg.lexicon import Division, DivisionTable
from kg.relations import Relation
from kg.resolve import EntityRef, ResolvedDocument

PK = Namespace("https://w3id.org/pingan-kg/ontology#")
ID = "https://w3id.org/pingan-kg/id/"
# Characters an IRI may not hold unescaped, plus the ones that would end a path segment.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`#?/%\x7f-\x9f\ufff0-\uffff]')


def iri_segment(value: str) -> str:
    """Keep readable Unicode (IRIs allow it); percent-encode what an IRI path segment may not hold."""
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value)


def entity_iri(ref: EntityRef) -> URIRef:
    tail = iri_segment(ref.label) + (f"/{iri_segment(ref.qualifier)}" if ref.qualifier else "")
    return URIRef(f"{ID}{ref.type.lower()}/{tail}")


def document_iri(doc_id: str) -> URIRef:
    return URIRef(f"{ID}doc/{iri_segment(doc_id)}")


@dataclass
class EntityRecord:
    """Everything the graph says of one entity, gathered over all documents."""

    ref: EntityRef
    names: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    mentions: int = 0


def collect_entities(resolved: Iterable[ResolvedDocument]) -> dict[EntityRef, EntityRecord]:
    records: dict[EntityRef, EntityRecord] = {}
    for rd in resolved:
        for m in rd.mentions:
            rec = records.setdefault(m.entity, EntityRecord(m.entity))
            rec.names.update(n for n in (m.surface, *m.names) if n)
            rec.documents.add(rd.doc.id)
            rec.mentions += 1
    return records


def _statement_iri(rel: Relation) -> URIRef:
    key = "|".join(map(str, (rel.subject, rel.predicate, rel.object, rel.doc_id,
                             rel.sentence.start if rel.sentence else "", rel.source or "", rel.title or "")))
    return URIRef(f"{ID}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}")


def _describe_division(g: Graph, node: URIRef, divisions: DivisionTable, unit: Division) -> None:
    """Code, level and province of a place of the division table, for roll-ups by level."""
    province = ([unit, *divisions.ancestors(unit)])[-1]
    g.add((node, PK.adminCode, Literal(unit.key)))
    g.add((node, PK.adminLevel, Literal(unit.level)))
    if province.level == "province":
        g.add((node, PK.province, Literal(province.name, lang="zh")))


def build_graph(documents: Iterable[Document], entities: dict[EntityRef, EntityRecord],
                relations: Iterable[Relation], divisions: DivisionTable | None = None) -> Graph:
    g = Graph()
    for prefix, ns in (("pk", PK), ("skos", SKOS), ("dcterms", DCTERMS), ("xsd", XSD)):
        g.bind(prefix, ns)
    texts = {}
    for doc in documents:
        node = document_iri(doc.id)
        texts[doc.id] = doc.text
        g.add((node, RDF.type, PK.Document))
        g.add((node, DCTERMS.identifier, Literal(doc.id)))
        for other in doc.other_ids:  # the same text read under other ids
            g.add((node, PK.otherIdentifier, Literal(other)))
        if doc.title:
            g.add((node, DCTERMS.title, Literal(doc.title, lang="zh")))
        if doc.date:
            g.add((node, DCTERMS.date, Literal(doc.date)))
        if doc.source:
            g.add((node, DCTERMS.source, Literal(doc.source)))
    for ref, rec in entities.items():
        node = entity_iri(ref)
        g.add((node, RDF.type, PK[ref.type]))
        g.add((node, RDFS.label, Literal(ref.label, lang="zh")))
        for name in sorted(rec.names - {ref.label}):
            g.add((node, SKOS.altLabel, Literal(name, lang="zh")))
        for doc_id in sorted(rec.documents):
            g.add((node, PK.mentionedIn, document_iri(doc_id)))
        if divisions is not None and ref.type == "Place" and ref.qualifier in divisions.units:
            _describe_division(g, node, divisions, divisions.units[ref.qualifier])
    by_triple: dict[tuple, list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.subject in entities and rel.object in entities:
            by_triple[(rel.subject, rel.predicate, rel.object)].append(rel)
    for (s, p, o), rels in by_triple.items():
        g.add((entity_iri(s), PK[p], entity_iri(o)))
        for rel in rels:
            st = _statement_iri(rel)
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, entity_iri(s)))
            g.add((st, RDF.predicate, PK[p]))
            g.add((st, RDF.object, entity_iri(o)))
            if rel.source:
                g.add((st, PK.source, Literal(rel.source)))
            if rel.sentence is not None:
                sent = rel.sentence
                g.add((st, PK.evidence, Literal(texts[rel.doc_id][sent.start:sent.end], lang="zh")))
                g.add((st, PK.inDocument, document_iri(rel.doc_id)))
                g.add((st, PK.charStart, Literal(sent.start, datatype=XSD.integer)))
                g.add((st, PK.charEnd, Literal(sent.end, datatype=XSD.integer)))
            if rel.title:
                g.add((st, PK.title, Literal(rel.title, lang="zh")))
    return g
