"""The records the NLP stage hands on: plain data, no spaCy objects, so that later stages
(and the processes that only merge results) need not load the NLP libraries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from kg.corpus import Document


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed entity mention: character offsets, type and what the recogniser knows of it."""

    start: int
    end: int
    label: str
    rule: str
    canonical: str | None = None  # the name to use when the rule knows it (lexicon, quotes dropped)
    keys: tuple[str, ...] = ()  # division-table keys a place form may stand for
    short: bool = False  # a bare form of a division name (花溪 for 花溪区)
    admin: str | None = None  # level of a bare admin prefix to expand from context (市公安局)
    prefix: tuple[int, int] | None = None  # span of the place or body this name is built on
    parent: tuple[int, int] | None = None  # span of the body this one is a unit of


class Sentence(NamedTuple):  # a tuple: a dictionary key in every relation reader
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document after NLP: its entity candidates and sentence boundaries (char offsets)."""

    doc: Document
    mentions: tuple[Candidate, ...]
    sentences: tuple[Sentence, ...]
