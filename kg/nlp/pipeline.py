"""The spaCy pipeline and the typed records it hands to the resolution stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language

import kg.nlp.components  # noqa: F401  (registers the factories)
from kg.corpus import Document
from kg.nlp.recognizers import Candidate

RECOGNISERS = ("kg_gazetteer", "kg_places", "kg_agencies", "kg_organizations", "kg_programs", "kg_persons")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Extracted:
    """One document after NLP: its entity candidates and sentence boundaries (char offsets)."""

    doc: Document
    mentions: tuple[Candidate, ...]
    sentences: tuple[Sentence, ...]


def build_nlp(ontology: str | None = None) -> Language:
    """spaCy's blank Chinese pipeline with jieba words and the project's recognisers."""
    import jieba

    jieba.setLogLevel(60)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("kg_lexical_tags")
    nlp.add_pipe("kg_sentences")
    for name in RECOGNISERS:
        nlp.add_pipe(name, config={"ontology": ontology})
    nlp.add_pipe("kg_entities")
    return nlp


def _trimmed(text: str, start: int, end: int) -> Sentence:
    """Sentence offsets without surrounding white space, so evidence reads clean and verbatim."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)


def extract(nlp: Language, documents: Iterable[Document]) -> Iterator[Extracted]:
    """Run the pipeline over documents, keeping only what later stages need (no Doc objects)."""
    docs = list(documents) if not isinstance(documents, list) else documents
    for document, doc in zip(docs, nlp.pipe(d.text for d in docs)):
        # the document's own text: doc.text is rebuilt from every token on each access
        sentences = tuple(_trimmed(document.text, s.start_char, s.end_char) for s in doc.sents)
        yield Extracted(document, tuple(doc._.kg_candidates), sentences)
