"""SPARQL over a built graph with pyoxigraph, and the canned questions of ``queries/``.

A canned question is a plain, valid ``.rq`` file: anyone can run it in any SPARQL tool. Its
header comments give a title, a description and parameters (``# param: programme = 枫桥经验``);
each parameter is a ``VALUES ?programme { "枫桥经验" }`` line in the query, whose value
``--param programme=雪亮工程`` replaces.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from wcwidth import wcswidth

SHORT_FORMS = {  # prefixes shown in tables instead of full IRIs
    "pk:": "https://w3id.org/pingan-kg/ontology#",
    "id:": "https://w3id.org/pingan-kg/id/",
    "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
}
RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}
FORMATS = ("table", *RESULT_FORMATS)


class QueryError(Exception):
    """A query, a parameter or a graph the user gave cannot be used; the message says why."""


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)

    def bound(self, values: dict[str, str]) -> str:
        """The query with each given parameter's VALUES line set to the given value."""
        text = self.text
        for name, value in values.items():
            if name not in self.params:
                known = ", ".join(self.params) or "none"
                raise QueryError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")
            line = re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^}]*\}")
            text, found = line.subn(lambda _: f"VALUES ?{name} {{ {ox.Literal(value)} }}", text, count=1)
            if not found:
                raise QueryError(f"query {self.name!r} declares {name!r} but has no VALUES ?{name} line")
        return text


def queries_dir() -> Path:
    """``queries/``: packaged inside ``kg/`` when installed, at the repo top otherwise."""
    packaged = Path(__file__).parent / "queries"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "queries"


def canned_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    out = {}
    for path in sorted((folder or queries_dir()).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header: dict[str, str] = {}
        params: dict[str, str] = {}
        last = None
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            key, sep, value = body.partition(":")
            if sep and key in ("title", "description"):
                header[key], last = value.strip(), key
            elif sep and key == "param":
                pname, _, default = value.partition("=")
                params[pname.strip()] = default.strip()
            elif last == "description":
                header["description"] += " " + body
        out[path.stem] = CannedQuery(path.stem, header.get("title", path.stem), header.get("description", ""), text, params)
    return out


def graph_file(path: Path) -> Path:
    """A built output folder or the RDF file itself."""
    path = Path(path)
    return path / "graph.ttl" if path.is_dir() else path


def open_store(path: Path) -> ox.Store:
    """An in-memory store holding the graph of a build folder or of one RDF file."""
    file = graph_file(Path(path))
    if not file.is_file():
        raise QueryError(f"no graph at {file} (run kg build first, or give an RDF file)")
    try:
        fmt = ox.RdfFormat.from_extension(file.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    except ValueError:
        fmt = ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=fmt)
    except (SyntaxError, ValueError) as err:
        raise QueryError(f"{file} is not readable as {fmt.name}: {err}") from err
    return store


def run(store: ox.Store, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL 1.1 query and render its answer: rows as a table, CSV, TSV or SPARQL-results
    JSON; ASK as true / false; CONSTRUCT and DESCRIBE as Turtle."""
    try:
        result = store.query(sparql)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        return "true\n" if bool(result) else "false\n"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes={k[:-1]: v for k, v in SHORT_FORMS.items()}).decode("utf-8")
    if fmt in RESULT_FORMATS:
        out = io.BytesIO()
        result.serialize(out, RESULT_FORMATS[fmt])
        return out.getvalue().decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[_show(row[i]) for i in range(len(names))] for row in result]
    return table(names, rows)


def table(header: list[str], rows: list[list[str]]) -> str:
    """Columns aligned by display width, so Chinese (two columns a character) lines up."""
    widths = [max([wcswidth(h), *(wcswidth(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - wcswidth(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _show(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for short, long in SHORT_FORMS.items():
            if term.value.startswith(long):
                return short + term.value[len(long):]
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value.replace("\n", " ")
