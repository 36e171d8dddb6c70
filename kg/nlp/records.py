"""The records the NLP stage hands on: plain data, no spaCy objects, so that later stages
(and the processes that only merge results) need not load the NLP libraries.

Recognition and linking are two steps, as spaCy's ``ner`` and ``entity_linker`` are: a
recogniser, rule or model, proposes a ``Candidate`` and nothing more; the linker
(``kg.nlp.link``) derives from each chosen span alone what resolution needs (``Linked``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from kg.corpus import Document
from kg.vocabulary import EntityType

RULE_SCORE = 1.0  # what a rule proposes, it proposes outright
WEAK_SCORE = 0.5  # a guess the rules themselves rank below any other name (a bare 永福 for 永福县)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed entity mention: character offsets, type, who proposed it and how sure it is."""

    start: int
    end: int
    type: EntityType
    source: str  # the rule or model that proposed it; only the overlap policy reads it
    score: float = RULE_SCORE

    @property
    def weak(self) -> bool:
        return self.score <= WEAK_SCORE


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Linked:
    """A chosen mention with what linking derived from its text: nothing here says which
    recogniser found it."""

    start: int
    end: int
    type: EntityType
    canonical: str  # the name to resolve (lexicon full name, quotes and spaces dropped)
    keys: tuple[str, ...] = ()  # division-table keys a place form may stand for, or the towns a station is named after
    short: bool = False  # a bare form of a division name (花溪 for 花溪区)
    admin: str | None = None  # level of a bare admin prefix to expand from context (市公安局)
    context_body: bool = False  # a body every city (反诈中心, admin "city") or village (村委会) has, named bare
    prefix: Span | None = None  # the place this body's name is built on (贵阳市 of 贵阳市公安局)
    parent: Span | None = None  # the body this one is a unit of (贵阳市公安局 of …刑侦支队)
    curated: bool = False  # one thing wherever named: a lexicon name, a region, a river or a road (长江, 汶河, 福银高速)


class Sentence(NamedTuple):  # a tuple: a dictionary key in every relation reader
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document after NLP: its linked mentions and sentence boundaries (char offsets)."""

    doc: Document
    mentions: tuple[Linked, ...]
    sentences: tuple[Sentence, ...]
