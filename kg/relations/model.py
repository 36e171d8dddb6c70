"""The record every relation reader produces."""

from __future__ import annotations

from dataclasses import dataclass

from kg.nlp.records import Sentence
from kg.resolve import EntityRef
from kg.vocabulary import Predicate

PREDICATES = tuple(Predicate)


@dataclass(frozen=True, order=True, slots=True)
class Relation:
    subject: EntityRef
    predicate: Predicate
    object: EntityRef
    doc_id: str = ""
    sentence: Sentence | None = None  # text evidence
    source: str | None = None  # background knowledge instead of text
    title: str | None = None  # the post, on holdsPost evidence
