"""SHACL validation of a built graph against ``ontology/shapes.ttl`` with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from kg.query import graph_file
from kg.lexicon import ontology_dir


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    severity: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}{value}\n    {self.message}"


def validate(path: Path, shapes: Path | None = None) -> list[Violation]:
    """Every way the graph breaks the shapes; none when it conforms."""
    import pyshacl  # slow to import; only this command needs it

    data = rdflib.Graph().parse(graph_file(Path(path)), format="turtle")
    shape_graph = rdflib.Graph().parse(shapes or ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, inference="none")
    if conforms:
        return []
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        def text(pred):
            value = report.value(result, pred)
            return "" if value is None else str(value)
        out.append(Violation(text(SH.focusNode), _short(text(SH.resultPath)), text(SH.value),
                             text(SH.resultMessage), _short(text(SH.resultSeverity))))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _short(iri: str) -> str:
    for prefix, ns in (("pk:", "https://w3id.org/pingan-kg/ontology#"), ("rdfs:", str(rdflib.RDFS)),
                       ("rdf:", str(rdflib.RDF)), ("sh:", str(SH)), ("skos:", str(rdflib.SKOS))):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri
