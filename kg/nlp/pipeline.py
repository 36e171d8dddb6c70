"""The spaCy pipeline and the typed records it hands to the resolution stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from kg.nlp.components import sentence_offsets  # the module registers the factories
import kg.nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from kg.corpus import Document
from kg.nlp.records import Extracted, Sentence

RECOGNISERS = ("kg_gazetteer", "kg_places", "kg_agencies", "kg_organizations", "kg_programs", "kg_persons", "kg_tagger")


def build_nlp(ontology: str | None = None, annotate: bool = True) -> Language:
    """spaCy's blank Chinese pipeline with jieba words and the project's recognisers; with
    ``annotate``, the names are also written as ``doc.ents`` and ``doc.spans["kg"]``."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.jieba_tokenizer.v1"}}})
    nlp.add_pipe("kg_lexical_tags")
    nlp.add_pipe("kg_sentences")
    for name in RECOGNISERS:
        nlp.add_pipe(name, config={"ontology": ontology})
    nlp.add_pipe("kg_titles", config={"ontology": ontology})
    nlp.add_pipe("kg_entities")
    nlp.add_pipe("kg_linker", config={"ontology": ontology, "annotate": annotate})
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
        sentences = tuple(_trimmed(document.text, start, end) for start, end in sentence_offsets(doc))
        yield Extracted(document, tuple(doc._.kg_linked), sentences)
