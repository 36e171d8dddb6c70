"""The RDF graph in the vocabulary of SPEC.md, as pyoxigraph triples (its writers are fast on
large graphs; rdflib is left to the tools that read the result)."""

from __future__ import annotations

import hashlib
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.corpus import Document
from kg.lexicon import Division, DivisionTable
from kg.relations import Relation
from kg.resolve import EntityRef, ResolvedDocument
from kg.vocabulary import EntityType

PK = "https://w3id.org/pingan-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"pk": PK, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD}
ID = "https://w3id.org/pingan-kg/id/"
# Characters an IRI may not hold unescaped, plus the ones that would end a path segment.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`#?/%\x7f-\x9f\ufff0-\uffff]')


def iri_segment(value: str) -> str:
    """Keep readable Unicode (IRIs allow it); percent-encode what an IRI path segment may not hold."""
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value)


def entity_iri(ref: EntityRef) -> str:
    tail = iri_segment(ref.label) + (f"/{iri_segment(ref.qualifier)}" if ref.qualifier else "")
    return f"{ID}{ref.type.lower()}/{tail}"


def document_iri(doc_id: str) -> str:
    return f"{ID}doc/{iri_segment(doc_id)}"


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _plain(text: str) -> ox.Literal:
    return ox.Literal(text)


@dataclass
class EntityRecord:
    """Everything the graph says of one entity, gathered over all documents."""

    ref: EntityRef
    names: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    mentions: int = 0
    written: Counter[str] = field(default_factory=Counter)  # a place with its suffix, a lexicon name, as written

    @property
    def label(self) -> str:
        """The canonical name (``rdfs:label``), as the texts write it; the IRI keeps the official
        name, so it does not change with the corpus, and the official name stays an
        ``skos:altLabel``. A place is named with its suffix, most often written (大理州 for
        大理白族自治州, 沧源县: the guide's "form with its suffix as written"), its official name on
        a tie. A name of the lexicon is its official name where a text writes that, else the
        fullest form written (中国证监会, 东盟, 党中央: the guide's "fullest name recoverable from
        the document")."""
        if not self.written:
            return self.ref.label
        if self.ref.type == EntityType.PLACE:
            return max(self.written.items(), key=lambda kv: (kv[1], kv[0] == self.ref.label, kv[0]))[0]
        if self.ref.label in self.written:
            return self.ref.label
        return max(self.written.items(), key=lambda kv: (len(kv[0]), kv[1], kv[0]))[0]


def _with_its_suffix(surface: str, official: str) -> bool:
    """The official name, or its short form that keeps its stem and its last character (大理州
    of 大理白族自治州, 沧源县 of 沧源佤族自治县); not a bare form (苏州 of 苏州市) nor a former name
    (大同县 of 云州区)."""
    return surface == official or (len(surface) > 2 and surface[-1] == official[-1] and official.startswith(surface[:-1]))


def collect_entities(resolved: Iterable[ResolvedDocument]) -> dict[EntityRef, EntityRecord]:
    records: dict[EntityRef, EntityRecord] = {}
    for rd in resolved:
        for m in rd.mentions:
            rec = records.setdefault(m.entity, EntityRecord(m.entity))
            rec.names.update(n for n in (m.surface, *m.names) if n)
            rec.documents.add(rd.doc.id)
            rec.mentions += 1
            if m.entity.type == EntityType.PLACE:
                if _with_its_suffix(m.surface, m.entity.label):
                    rec.written[m.surface] += 1
            elif m.written:
                rec.written[m.written] += 1
    return records


def _untyped(ref: EntityRef) -> EntityRef:
    """The entity with its type as a plain string: the key below is the same whichever way the
    type was written, and the same as before the types became an enumeration."""
    return ref._replace(type=str(ref.type))


def _statement_iri(rel: Relation) -> str:
    key = "|".join(map(str, (_untyped(rel.subject), str(rel.predicate), _untyped(rel.object), rel.doc_id,
                             rel.sentence.start if rel.sentence else "", rel.source or "", rel.title or "")))
    return f"{ID}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


class _Triples:
    """Triples with a sort key made of the strings they are built from, so the graph comes out
    in one stable order (byte-identical files for the same input) without formatting each."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, ox.NamedNode | ox.Literal]] = []
        self.nodes: dict[str, ox.NamedNode] = {}  # one node per IRI, for this graph only

    def node(self, iri: str) -> ox.NamedNode:
        if iri not in self.nodes:
            self.nodes[iri] = ox.NamedNode(iri)
        return self.nodes[iri]

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal, key: str) -> None:
        self.rows.append((s, p, key, o))

    def link(self, s: str, p: str, o: str) -> None:
        self.rows.append((s, p, o, self.node(o)))

    def sorted(self) -> list[ox.Triple]:
        """Each triple once (a relation read twice from one sentence has one statement)."""
        self.rows.sort(key=operator.itemgetter(0, 1, 2))
        out, last = [], None
        for s, p, key, o in self.rows:
            if (s, p, key) != last:
                out.append(ox.Triple(self.node(s), self.node(p), o))
                last = (s, p, key)
        return out


def _describe_division(g: _Triples, node: str, divisions: DivisionTable, unit: Division) -> None:
    """Code, level and province of a place of the division table, for roll-ups by level."""
    province = ([unit, *divisions.ancestors(unit)])[-1]
    g.add(node, PK + "adminCode", _plain(unit.key), unit.key)
    g.add(node, PK + "adminLevel", _plain(unit.level), unit.level)
    if province.level == "province":
        g.add(node, PK + "province", _zh(province.name), province.name)


def build_graph(documents: Iterable[Document], entities: dict[EntityRef, EntityRecord],
                relations: Iterable[Relation], divisions: DivisionTable | None = None) -> list[ox.Triple]:
    """The graph's triples, in a stable order."""
    g = _Triples()
    texts, doc_nodes = {}, {}
    for doc in documents:
        node = doc_nodes[doc.id] = document_iri(doc.id)
        texts[doc.id] = doc.text
        g.link(node, RDF + "type", PK + "Document")
        g.add(node, DCTERMS + "identifier", _plain(doc.id), doc.id)
        for other in doc.other_ids:  # the same text read under other ids
            g.add(node, PK + "otherIdentifier", _plain(other), other)
        if doc.title:
            g.add(node, DCTERMS + "title", _zh(doc.title), doc.title)
        if doc.date:
            g.add(node, DCTERMS + "date", _plain(doc.date), doc.date)
        if doc.source:
            g.add(node, DCTERMS + "source", _plain(doc.source), doc.source)
    for ref, rec in entities.items():
        node = entity_iri(ref)
        g.link(node, RDF + "type", PK + ref.type)
        g.add(node, RDFS + "label", _zh(rec.label), rec.label)
        for name in sorted((rec.names | {ref.label}) - {rec.label}):
            g.add(node, SKOS + "altLabel", _zh(name), name)
        for doc_id in sorted(rec.documents):
            g.link(node, PK + "mentionedIn", doc_nodes[doc_id])
        if divisions is not None and ref.type == EntityType.PLACE and ref.qualifier in divisions.units:
            _describe_division(g, node, divisions, divisions.units[ref.qualifier])
    by_triple: dict[tuple, list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.subject in entities and rel.object in entities:
            by_triple[(rel.subject, rel.predicate, rel.object)].append(rel)
    for (s, p, o), rels in by_triple.items():
        subject, predicate, object_ = entity_iri(s), PK + p, entity_iri(o)
        g.link(subject, predicate, object_)
        for rel in rels:
            st = _statement_iri(rel)
            g.link(st, RDF + "type", RDF + "Statement")
            g.link(st, RDF + "subject", subject)
            g.link(st, RDF + "predicate", predicate)
            g.link(st, RDF + "object", object_)
            if rel.source:
                g.add(st, PK + "source", _plain(rel.source), rel.source)
            if rel.sentence is not None:
                sent = rel.sentence
                evidence = texts[rel.doc_id][sent.start:sent.end]
                g.add(st, PK + "evidence", _zh(evidence), evidence)
                g.link(st, PK + "inDocument", doc_nodes[rel.doc_id])
                for name, value in (("charStart", sent.start), ("charEnd", sent.end)):
                    g.add(st, PK + name, ox.Literal(str(value), datatype=g.node(XSD + "integer")), f"{value:012d}")
            if rel.title:
                g.add(st, PK + "title", _zh(rel.title), rel.title)
    return g.sorted()
