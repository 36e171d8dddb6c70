"""Domain knowledge loaded from the data files under ``ontology/``.

Everything the recognisers and the resolver know about the domain (national programmes,
institutional heads, place suffixes, the administrative-division table) is data; this module
only reads it into typed, immutable structures.
"""

from __future__ import annotations

import csv
import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple
from pathlib import Path

TYPES = ("Agency", "Organization", "Program", "Campaign", "Place", "Person")
LEVELS = ("province", "city", "county", "town")


def ontology_dir() -> Path:
    """The ontology folder: packaged inside ``kg/`` when installed, at the repo top otherwise."""
    packaged = Path(__file__).parent / "ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"


def _rows(path: Path) -> list[list[str]]:
    """TSV rows without ``#`` comments and without the header line."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [row for row in csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE)]


@dataclass(frozen=True)
class NamedEntry:
    """A curated national name: canonical label plus aliases."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()


class Division(NamedTuple):  # a tuple: the table has some 46,000, made at every start
    """One unit of the administrative-division table."""

    key: str
    name: str
    level: str
    parent: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class DivisionTable:
    """China's administrative divisions down to towns, indexed by every written form."""

    units: dict[str, Division]
    by_form: dict[str, list[Division]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for unit in self.units.values():
            for form in (unit.name, *unit.aliases):
                self.by_form.setdefault(form, []).append(unit)

    def lookup(self, form: str) -> list[Division]:
        return self.by_form.get(form, [])

    def parent(self, unit: Division) -> Division | None:
        return self.units.get(unit.parent) if unit.parent else None

    def ancestors(self, unit: Division) -> list[Division]:
        chain, current = [], self.parent(unit)
        while current is not None:
            chain.append(current)
            current = self.parent(current)
        return chain

    def is_within(self, unit: Division, region: Division) -> bool:
        return unit.key == region.key or any(a.key == region.key for a in self.ancestors(unit))


@dataclass(frozen=True)
class Patterns:
    """The word lists of ``patterns.toml``, grouped by recogniser."""

    raw: dict

    def get(self, section: str, key: str, default=None):
        return self.raw.get(section, {}).get(key, default)

    def words(self, section: str, key: str) -> tuple[str, ...]:
        return tuple(self.get(section, key, ()))


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[NamedEntry, ...]
    divisions: DivisionTable
    patterns: Patterns
    fingerprint: str

    departments: tuple[tuple[str, str], ...] = ()  # (head, kind) of party and state bodies

    def department_heads(self) -> tuple[str, ...]:
        """Heads that end the name of a body at some level (水利局, 村委会); national bodies
        are full names, in ``entries``. A head that opens with an administrative character
        (市委, 县政府办公室) is that character before a head, which the admin-prefix rule reads
        and expands from context; ``[agency] left_out_department_heads`` names the rest."""
        admin = tuple(self.patterns.get("place", "admin_prefixes", {}))
        left_out = set(self.patterns.words("agency", "left_out_department_heads"))
        return tuple(head for head, kind in self.departments
                     if kind != "national" and head not in left_out
                     and not any(head.startswith(a) and len(head) > len(a) and head[len(a)] in "委政党行军" for a in admin))

    def surnames(self) -> frozenset[str]:
        single = "".join(self.patterns.get("person", "surnames", "").split())
        return frozenset(single) | frozenset(self.patterns.words("person", "compound_surnames"))


LEXICON_FILES = {
    "Program": "programs.tsv",
    "Campaign": "campaigns.tsv",
    "Agency": "agencies.tsv",
    "Organization": "organizations.tsv",
    "Place": "world_places.tsv",  # foreign countries and cities (tools/derive_world_places.py)
}


def load_divisions(path: Path) -> DivisionTable:
    units = {}
    for key, name, level, parent, aliases, *_ in _rows(path):
        units[key] = Division(key, name, level, parent or None, tuple(a for a in aliases.split("|") if a))
    return DivisionTable(units)


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Read every data file once per process; the fingerprint versions caches built on it."""
    folder = Path(folder) if folder else ontology_dir()
    digest = hashlib.sha256()
    entries = []
    for type_, filename in LEXICON_FILES.items():
        path = folder / "lexicon" / filename
        if not path.exists():
            continue
        digest.update(path.read_bytes())
        for name, *rest in _rows(path):
            aliases = tuple(a for a in (rest[0] if rest else "").split("|") if a and a != name)
            entries.append(NamedEntry(type_, name, aliases))
    departments = []
    known = {n for e in entries for n in (e.name, *e.aliases)}
    departments_path = folder / "lexicon" / "departments.tsv"
    if departments_path.exists():
        digest.update(departments_path.read_bytes())
        for head, kind, *_ in _rows(departments_path):
            departments.append((head, kind))
            if kind == "national" and head not in known:  # agencies.tsv may hold it already, with aliases
                entries.append(NamedEntry("Agency", head))
    patterns_path = folder / "lexicon" / "patterns.toml"
    digest.update(patterns_path.read_bytes())
    patterns = Patterns(tomllib.loads(patterns_path.read_text(encoding="utf-8")))
    divisions_path = folder / "divisions.tsv"
    digest.update(divisions_path.read_bytes())
    return Lexicon(tuple(entries), load_divisions(divisions_path), patterns, digest.hexdigest()[:16], tuple(departments))
