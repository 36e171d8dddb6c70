"""jieba's segmentation as a spaCy tokenizer, run by jieba-rs (rjieba): the same dictionary and
HMM as the Python jieba, at more than ten times its speed, which is most of a build's time."""

from __future__ import annotations

from collections.abc import Callable

import rjieba
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

import kg.nlp.components  # noqa: F401  (declares the Doc extensions)


class JiebaTokenizer(util.DummyTokenizer):
    def __init__(self, vocab: Vocab, hmm: bool = True):
        self.vocab = vocab
        self.hmm = hmm

    def __call__(self, text: str) -> Doc:
        words, spaces = util.get_words_and_spaces(rjieba.cut(text, hmm=self.hmm), text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.kg_text = text  # saves the components rebuilding it from every token
        return doc


@util.registry.tokenizers("kg.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True) -> Callable[[Language], JiebaTokenizer]:
    """jieba with its HMM for words not in the dictionary (names of people and places)."""
    return lambda nlp: JiebaTokenizer(nlp.vocab, hmm)
