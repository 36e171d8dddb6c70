"""Why a fact is in the graph: the evidence sentences of an entity's relations, read back from
a built graph with SPARQL (the same query a user can run themselves, see README); the graph is
loaded with ``kg.query.open_store``."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

EVIDENCE_QUERY = """
PREFIX pk: <https://w3id.org/pingan-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?subject ?predicate ?object ?doc ?start ?end ?evidence ?title ?source WHERE {
  VALUES ?wanted { %s }
  ?entity rdfs:label|skos:altLabel ?name .
  FILTER(%s)
  { ?st rdf:subject ?entity } UNION { ?st rdf:object ?entity }
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
  BIND(STRAFTER(STR(?p), "#") AS ?predicate)
  OPTIONAL { ?st pk:inDocument/dcterms:identifier ?doc ; pk:charStart ?start ; pk:charEnd ?end ; pk:evidence ?evidence }
  OPTIONAL { ?st pk:title ?title }
  OPTIONAL { ?st pk:source ?source }
}
ORDER BY ?predicate ?subject ?object ?doc ?start
"""


@dataclass(frozen=True)
class Evidence:
    subject: str
    predicate: str
    object: str
    doc: str | None
    start: int | None
    end: int | None
    sentence: str | None
    title: str | None
    source: str | None

    def lines(self) -> list[str]:
        head = f"{self.subject} {self.predicate} {self.object}" + (f" ({self.title})" if self.title else "")
        if self.source:
            return [head, f"    source: {self.source}"]
        return [head, f"    {self.doc} [{self.start}:{self.end}] {self.sentence}"]


def explain(store: ox.Store, name: str) -> list[Evidence]:
    """Every evidence of every relation the entity named ``name`` (label or other name) takes
    part in; when no entity bears exactly that name, of those whose names contain it."""
    wanted = ox.Literal(name)  # its N-Triples form escapes the name for the query text
    rows = list(store.query(EVIDENCE_QUERY % (wanted, "STR(?name) = ?wanted")))
    if not rows:
        rows = list(store.query(EVIDENCE_QUERY % (wanted, "CONTAINS(STR(?name), ?wanted)")))

    def value(row, key, cast=str):
        term = row[key]
        return cast(term.value) if term is not None else None

    return [Evidence(value(r, "subject"), value(r, "predicate"), value(r, "object"), value(r, "doc"),
                     value(r, "start", int), value(r, "end", int), value(r, "evidence"),
                     value(r, "title"), value(r, "source")) for r in rows]
