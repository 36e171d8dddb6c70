"""Domain knowledge loaded from the data files under ``ontology/``.

Everything the recognisers and the resolver know about the domain (national programmes,
institutional heads, place suffixes, the administrative-division table) is data; this module
only reads it into typed, immutable structures.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, conlist, constr

from kg.vocabulary import EntityType

TYPES = tuple(EntityType)
LEVELS = ("province", "city", "county", "town")


def ontology_dir() -> Path:
    """The ontology folder: packaged inside ``kg/`` when installed, at the repo top otherwise."""
    packaged = Path(__file__).parent / "ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"


def _rows(path: Path) -> list[list[str]]:
    """TSV rows without ``#`` comments and without the header line."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [line.split("\t") for line in lines[1:]]  # no quoting in these files: a tab is a tab


@dataclass(frozen=True)
class NamedEntry:
    """A curated national name: canonical label plus aliases."""

    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    code: str = ""  # a place's ISO 3166 code (world_places.tsv): CN for China and its rivers and mountains


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


class _Section(BaseModel):
    """Every key of a section is required and no other is allowed: a misspelt key in the data
    (or a key the code expects and the data lacks) stops the load with its name."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Words = list[str]
Pair = conlist(str, min_length=2, max_length=2)  # (as written, as normalised)
MarkPair = constr(min_length=2, max_length=2)  # an opening and a closing mark: 《》


class AgencySection(_Section):
    heads: Words
    model_endings: Words
    left_out_department_heads: Words
    admin_head_openers: str
    local_heads: Words
    local_place_endings: Words
    context_heads: dict[str, str]
    committee_member_posts: Words
    committee_organs: Words
    local_context_heads: dict[str, tuple[str, str]]
    self_named_heads: Words
    sub_unit_heads: Words
    unit_heads: Words
    place_only_heads: Words
    town_named_heads: Words
    town_stem_max_frequency: int
    foreign_heads: Words
    home_country_code: str
    home_country_names: Words
    name_conjunctions: Words
    max_foreign_body_chars: int
    head_continuations: Words
    force_prefixes: Words
    mission_markers: Words
    mission_hosts: Words
    mission_heads: Words
    max_unit_modifier_chars: int
    generic: Words
    max_modifier_chars: int


class ProgramSection(_Section):
    heads: Words
    weak_heads: Words
    adopted_heads: Words
    symbol_heads: Words
    generic_endings: Words
    dropped_tails: Words
    generic: Words
    regexes: Words
    place_programme_openers: Words


class CampaignSection(_Section):
    heads: Words
    weak_heads: Words
    activity_heads: Words
    opening_verbs: Words
    generic: Words
    regexes: Words


class PlaceSection(_Section):
    suffixes: Words
    county_lakes: Words
    everyday_city_names: Words
    named_after_parent_suffixes: Words
    street_suffixes: Words
    street_markers: Words
    street_followers: Words
    model_suffixes: Words
    non_place_stem_endings: Words
    village_roles: Words
    own_bodies: Words
    feature_suffixes: Words
    water_suffixes: Words
    water_context_words: Words
    generic_waters: Words
    max_water_name_chars: int
    expressway_words: Words
    road_joiners: Words
    max_road_stem_chars: int
    road_stem_max_frequency: int
    spanning_endings: Words
    road_regexes: Words
    region_suffix: str
    region_stems: Words
    area_suffixes: Words
    two_character_county_suffixes: Words
    admin_prefixes: dict[str, str]
    non_place_stems: Words
    adjective_markers: Words
    not_places: Words


class OrganizationSection(_Section):
    heads: Words
    legal_forms: Words
    max_name_chars: int
    unit_heads: Words
    not_organizations: Words
    weak_heads: Words
    own_word_heads: Words
    model_heads: Words


class PersonSection(_Section):
    titles: Words
    byline_roles: Words
    posts_after_name: Words
    address_forms: Words
    foreign_name_dots: str
    foreign_titles: Words
    max_foreign_name_chars: int
    before_post_name: str
    before_address_form: str
    list_closers: str
    familiar_prefixes: str
    familiar_max_frequency: int
    name_word_min_frequency: int
    name_stoppers: str
    compound_surnames: Words
    surnames: str


class NamesSection(_Section):
    opening_words: Words
    not_entities: Words
    principle_words: Words
    glue_chars: str
    honour_words: Words
    honour_title_endings: Words


class TriggerSection(_Section):
    implements: Words
    light_verbs: Words
    conducts: Words


class ResolveSection(_Section):
    rewrites: list[Pair]
    equivalent_wordings: list[Pair]
    optional_tails: dict[EntityType, Words]


class PostsSection(_Section):
    titles: Words
    role_openers: Words
    people_before_head: str
    bodies: dict[str, str]


class RelationSection(_Section):
    collective_prefixes: Words
    collective_levels: dict[str, Words]
    clause_openers: Words
    actor_joiners: Words
    partner_markers: Words
    partner_actions: Words
    national_markers: Words
    meeting_words: Words
    programme_bodies: Words
    posts: PostsSection


class GrammarSection(_Section):
    admin_suffix_chars: str
    numerals: str
    ordinal_prefix: str
    measure_chars: str
    count_measures: str
    ordinal_measures: str
    term_measures: str
    function_words: str
    glued_function_chars: str
    aspect_particles: str
    place_prepositions: str
    level_words: Words
    sentence_words: Words
    stem_openers: str
    rank_marker: str
    person_noun_endings: Words
    quantity_words: Words
    placeholders: Words
    city_suffixes: Words
    noise_openers: Words
    title_marks: list[MarkPair]
    max_title_chars: int


class PatternsFile(_Section):
    agency: AgencySection
    program: ProgramSection
    campaign: CampaignSection
    place: PlaceSection
    organization: OrganizationSection
    person: PersonSection
    names: NamesSection
    trigger: TriggerSection
    resolve: ResolveSection
    relation: RelationSection
    grammar: GrammarSection


class LexiconError(ValueError):
    """A data file of the ontology that does not match its schema."""


@dataclass(frozen=True)
class Patterns:
    """The word lists of ``patterns.toml``, grouped by recogniser, checked against
    ``PatternsFile`` when read."""

    raw: dict

    @classmethod
    def parse(cls, text: str, origin: str = "patterns.toml") -> Patterns:
        try:
            raw = tomllib.loads(text)
            PatternsFile.model_validate(raw)
        except tomllib.TOMLDecodeError as err:
            raise LexiconError(f"{origin}: {err}") from None
        except ValidationError as err:
            problems = "; ".join(f"[{'.'.join(map(str, e['loc'][:-1])) or 'top'}] {e['loc'][-1]}: {e['msg']}"
                                 for e in err.errors())
            raise LexiconError(f"{origin}: {problems}") from None
        return cls(raw)

    def get(self, section: str, key: str):
        """A value of the file; a key the schema does not know is a bug, not an empty list."""
        try:
            return self.raw[section][key]
        except KeyError:
            raise KeyError(f"patterns.toml has no key {key!r} in [{section}]") from None

    def words(self, section: str, key: str) -> tuple[str, ...]:
        return tuple(self.get(section, key))


@dataclass(frozen=True)
class Grammar:
    """Grammar words of Chinese the recognisers go by (numerals, measure words, function
    words, administrative suffixes), from ``[grammar]``, with the patterns built on them."""

    admin_suffix_chars: str
    numerals: str
    ordinal_prefix: str  # 第
    measure_chars: str
    function_words: frozenset[str]
    glued_function_chars: frozenset[str]
    aspect_particles: frozenset[str]  # 了 of 实施了: between a verb and its object
    place_prepositions: frozenset[str]
    stem_openers: str
    quantity_words: frozenset[str]
    rank_marker: str
    person_noun_endings: tuple[str, ...]
    level_words: re.Pattern
    sentence_like: re.Pattern
    ordinal: re.Pattern  # 第十六届, 2020年
    term: re.Pattern  # 第十六届 in a body's name
    count: re.Pattern  # 3个, 两个
    counted: re.Pattern  # 两条|景观大道: a count, then a word, before a place suffix (五户庄村 is a name)
    numbered: re.Pattern  # 五治, 一中心 (a numeral then a name character)
    numeral_run: re.Pattern
    leading_noise: re.Pattern  # counts, ordinals and levels before a name (全市, 第二批, 一系列)
    placeholders: tuple[str, ...]  # how anonymised names are written (XX市)
    placeholder: re.Pattern
    city_suffixes: tuple[str, ...]
    title: re.Pattern  # 《…》: the title of a work

    @classmethod
    def of(cls, patterns: Patterns) -> Grammar:
        g = patterns.raw["grammar"]
        num = re.escape(g["numerals"])
        digits = "0-9０-９"
        first = re.escape(g["ordinal_prefix"])
        ordinal = f"{first}[{digits}{num}]+[{re.escape(g['ordinal_measures'])}]|[{digits}]+年"
        count = f"[{digits}]+[{re.escape(g['count_measures'])}]|[{num}几多]+个"
        noise = "|".join(g["noise_openers"])
        return cls(
            admin_suffix_chars=g["admin_suffix_chars"],
            numerals=g["numerals"],
            ordinal_prefix=g["ordinal_prefix"],
            measure_chars=g["measure_chars"],
            function_words=frozenset(g["function_words"]),
            glued_function_chars=frozenset(g["glued_function_chars"]),
            aspect_particles=frozenset(g["aspect_particles"]),
            place_prepositions=frozenset(g["place_prepositions"]),
            stem_openers=g["stem_openers"],
            quantity_words=frozenset(g["quantity_words"]),
            rank_marker=g["rank_marker"],
            person_noun_endings=tuple(g["person_noun_endings"]),
            level_words=re.compile("|".join(g["level_words"])),
            sentence_like=re.compile("|".join(g["sentence_words"])),
            ordinal=re.compile(ordinal),
            term=re.compile(f"{first}[{digits}{num}]+[{re.escape(g['term_measures'])}]"),
            count=re.compile(count),
            counted=re.compile(f"[{num}几多]+[{re.escape(g['measure_chars'])}][\u4e00-\u9fff]{{2,}}"),
            numbered=re.compile(f"[{num}]+(?![个项条名次大])[\u4e00-\u9fff]"),
            numeral_run=re.compile(f"[{num}{digits}]+"),
            leading_noise=re.compile(f"(?:{noise})+"),
            placeholders=tuple(g["placeholders"]),
            placeholder=re.compile("|".join(map(re.escape, g["placeholders"]))),
            city_suffixes=tuple(g["city_suffixes"]),
            title=re.compile("|".join(f"{re.escape(o)}[^{re.escape(o + c)}]{{1,{g['max_title_chars']}}}{re.escape(c)}"
                                      for o, c in g["title_marks"])),
        )


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[NamedEntry, ...]
    divisions: DivisionTable
    patterns: Patterns
    fingerprint: str
    departments: tuple[tuple[str, str], ...]  # (head, kind) of party and state bodies
    grammar: Grammar  # the grammar words of ``patterns`` and what is built on them

    def department_heads(self) -> tuple[str, ...]:
        """Heads that end the name of a body at some level (水利局, 村委会); national bodies
        are full names, in ``entries``. A head that opens with an administrative character
        (市委, 县政府办公室) is that character before a head, which the admin-prefix rule reads
        and expands from context; ``[agency] left_out_department_heads`` names the rest."""
        admin = tuple(self.patterns.get("place", "admin_prefixes"))
        left_out = set(self.patterns.words("agency", "left_out_department_heads"))
        opening = self.patterns.get("agency", "admin_head_openers")
        return tuple(head for head, kind in self.departments
                     if kind != "national" and head not in left_out
                     and not any(head.startswith(a) and len(head) > len(a) and head[len(a)] in opening for a in admin))

    def written_forms(self) -> Iterator[tuple[EntityType, str, str]]:
        """(type, form, name) of every form a text may write a lexicon name in: its name and
        aliases, and the home-country forms of national bodies (``home_country_forms``)."""
        for entry in self.entries:
            yield from ((entry.type, form, entry.name) for form in (entry.name, *entry.aliases))
        yield from ((EntityType.AGENCY, written, name) for written, (_, name) in self._home_country_forms().items())

    def home_country_forms(self) -> dict[str, str]:
        """A body of China's national structure written after the home country's name, and the
        body's own form (中国外交部 → 外交部); not a foreign body (以军), nor a name that opens
        with the country itself (中国人民银行)."""
        return {written: own for written, (own, _) in self._home_country_forms().items()}

    def _home_country_forms(self) -> dict[str, tuple[str, str]]:
        """written form → (own form, entry name), for the national bodies of ``departments.tsv``."""
        home = tuple(self.patterns.words("agency", "home_country_names"))
        national = {head for head, kind in self.departments if kind == "national"}
        return {country + form: (form, entry.name)
                for entry in self.entries if entry.type == EntityType.AGENCY and entry.name in national
                for form in (entry.name, *entry.aliases) if not form.startswith(home) for country in home}

    def foreign_place_forms(self) -> frozenset[str]:
        """Every form of the lexicon's places outside the home country (world_places.tsv rows
        whose ISO code is not ``[agency] home_country_code``: 老挝, 俄罗斯, 琅勃拉邦省)."""
        home = self.patterns.get("agency", "home_country_code")
        return frozenset(form for e in self.entries if e.type == EntityType.PLACE and e.code and not e.code.startswith(home)
                         for form in (e.name, *e.aliases))

    def body_heads(self) -> tuple[str, ...]:
        """Every word that ends the name of a party or state body: ``[agency] heads`` and the
        department heads, each once."""
        return tuple(dict.fromkeys((*self.patterns.words("agency", "heads"), *self.department_heads())))

    def surnames(self) -> frozenset[str]:
        single = "".join(self.patterns.get("person", "surnames").split())
        return frozenset(single) | frozenset(self.patterns.words("person", "compound_surnames"))


LEXICON_FILES = {
    EntityType.PROGRAM: "programs.tsv",
    EntityType.CAMPAIGN: "campaigns.tsv",
    EntityType.AGENCY: "agencies.tsv",
    EntityType.ORGANIZATION: "organizations.tsv",
    EntityType.PLACE: "world_places.tsv",  # foreign countries and cities (tools/derive_world_places.py)
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
            code = rest[1] if type_ == EntityType.PLACE and len(rest) > 1 else ""
            entries.append(NamedEntry(type_, name, aliases, code))
    departments = []
    known = {n for e in entries for n in (e.name, *e.aliases)}
    departments_path = folder / "lexicon" / "departments.tsv"
    if departments_path.exists():
        digest.update(departments_path.read_bytes())
        for head, kind, *_ in _rows(departments_path):
            departments.append((head, kind))
            if kind == "national" and head not in known:  # agencies.tsv may hold it already, with aliases
                entries.append(NamedEntry(EntityType.AGENCY, head))
    patterns_path = folder / "lexicon" / "patterns.toml"
    digest.update(patterns_path.read_bytes())
    patterns = Patterns.parse(patterns_path.read_text(encoding="utf-8"), str(patterns_path))
    divisions_path = folder / "divisions.tsv"
    digest.update(divisions_path.read_bytes())
    return Lexicon(tuple(entries), load_divisions(divisions_path), patterns, digest.hexdigest()[:16], tuple(departments),
                   Grammar.of(patterns))
