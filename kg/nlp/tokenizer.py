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
        words, spaces = words_and_spaces(rjieba.cut(text, hmm=self.hmm), text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.kg_text = text  # saves the components rebuilding it from every token
        return doc


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``util.get_words_and_spaces`` for words cut from ``text`` itself, in linear
    time (spaCy's copies the rest of the text for every word): a single space after a word
    becomes its trailing space, other white space a token of its own."""
    out: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:
            out.append(text[pos:start])
            spaces.append(False)
        out.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        out.append(text[pos:])
        spaces.append(False)
    return out, spaces


@util.registry.tokenizers("kg.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True) -> Callable[[Language], JiebaTokenizer]:
    """jieba with its HMM for words not in the dictionary (names of people and places)."""
    return lambda nlp: JiebaTokenizer(nlp.vocab, hmm)
