"""A character-level view of a segmented sentence or document, shared by the recognisers.

The recognisers work on character offsets (entity names often cut through jieba's words:
观山|湖区), and use the jieba tokens only for boundaries and lexical part-of-speech tags.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

OPEN_QUOTES = "“‘「『\""
CLOSE_QUOTES = "”’」』\""
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
QUOTE_OPENING = re.compile("[" + "".join(QUOTE_PAIRS) + "]")
SENTENCE_END = "。！？!?；;"
CLAUSE_PUNCT = "，,、：:（）()《》〈〉【】[]…—·/／|\n\r\t 　"
PUNCT = SENTENCE_END + CLAUSE_PUNCT + OPEN_QUOTES + CLOSE_QUOTES

# jieba tags of words that can sit inside a name (nouns, names, abbreviations, numerals,
# idioms, verbal nouns, distinguishing words); None is an out-of-dictionary word.
NOMINAL_TAGS = {"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "ng", "j", "l", "vn", "an", "eng",
                "m", "mq", "s", "f", "b", "x", "zg", "k", "h", "g", "q", "tg", None}


@functools.cache
def _dictionary() -> tuple[dict[str, str], dict[str, str]]:
    """jieba's ``dict.txt`` (lines of "word frequency tag"), read once: word → tag, and the
    frequency of the two-character words (as written; the only ones looked up, and a third of
    the cost of all)."""
    spec = importlib.util.find_spec("jieba")
    fields = (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8").split()
    if len(fields) % 3:
        raise ValueError(f"{spec.origin}: dict.txt is not made of 'word frequency tag' lines")
    words = fields[0::3]
    return dict(zip(words, fields[2::3])), {w: f for w, f in zip(words, fields[1::3]) if len(w) == 2}


def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary, word → part-of-speech tag, read from the package's ``dict.txt`` on
    first use. Reading it here takes a third of the time of importing jieba.posseg for the same
    table, and processes that do no NLP never pay it."""
    return _dictionary()[0]


def dictionary_frequency(word: str) -> int:
    """How often jieba's dictionary counts a two-character ``word``: how everyday it is (公安
    2800, 岸堤 2); 0 for other lengths."""
    return int(_dictionary()[1].get(word, 0))


@functools.cache
def _idiom_patterns() -> frozenset[str]:
    """Each four-character idiom of jieba's dictionary with one character blanked (十面*伏)."""
    return frozenset(word[:i] + "*" + word[i + 1:] for word, tag in dictionary_tags().items()
                     if tag == "i" and len(word) == 4 for i in range(4))


def is_pun(phrase: str) -> bool:
    """A four-character phrase one character away from an idiom, not the idiom itself: the
    common shape of a headline's pun (十面霾伏 on 十面埋伏)."""
    if len(phrase) != 4 or dictionary_tags().get(phrase) == "i":
        return False
    return any(phrase[:i] + "*" + phrase[i + 1:] in _idiom_patterns() for i in range(4))


class Token(NamedTuple):
    start: int
    end: int
    text: str
    tag: str | None


class Tokens(Sequence[Token]):
    """The words of a view, each made into a ``Token`` only when read: the recognisers look
    at a few words around each match, not at every word of the document."""

    def __init__(self, text: str, starts: list[int], ends: list[int], tags: list[str | None]):
        self.text, self.starts, self.ends, self.tags = text, starts, ends, tags

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        start, end = self.starts[i], self.ends[i]
        return Token(start, end, self.text[start:end], self.tags[i])


@dataclass
class TextView:
    """A text and its words, by character offsets."""

    text: str
    tokens: Tokens

    @classmethod
    def of(cls, text: str, starts: list[int], ends: list[int], tags: list[str | None]) -> TextView:
        return cls(text, Tokens(text, starts, ends, tags))

    def token_at(self, pos: int) -> int:
        """Index of the token covering character ``pos``."""
        return max(0, bisect.bisect_right(self.tokens.starts, pos) - 1)

    def token_ending_at(self, pos: int) -> int | None:
        """Index of the token that ends exactly at ``pos``, if a token boundary is there."""
        i = self.token_at(pos - 1) if pos > 0 else None
        return i if i is not None and self.tokens.ends[i] == pos else None

    def is_boundary(self, pos: int) -> bool:
        return pos <= 0 or pos >= len(self.text) or self.tokens.starts[self.token_at(pos)] == pos


def longest_ending(name: str, words: frozenset[str], longest: int) -> str | None:
    """The longest of ``words`` (none longer than ``longest``) that ends ``name``: a suffix
    lookup in a set, not a scan of the list (which runs to a thousand heads)."""
    return next((name[-n:] for n in range(min(longest, len(name)), 0, -1) if name[-n:] in words), None)


def is_nominal(token: Token, stop_words: frozenset[str]) -> bool:
    """Can this token be part of a name? Verbs, punctuation and the ``stop_words`` (function
    words of ``[grammar]``, trigger verbs) cannot."""
    text = token.text.strip()
    if not text or any(ch in PUNCT for ch in text) or text in stop_words:
        return False
    return token.tag in NOMINAL_TAGS


def quoted_spans(text: str, max_inner: int = 24) -> list[tuple[int, int]]:
    """(start, end) of each balanced quotation, quote marks included, no sentence end inside
    (one line break may: hard-wrapped text breaks names)."""
    spans, i = [], 0
    while (opening := QUOTE_OPENING.search(text, i)) is not None:
        i = opening.start()
        close = QUOTE_PAIRS[text[i]]
        j = text.find(close, i + 1, i + 2 + max_inner)
        inner = text[i + 1 : j] if j > 0 else ""
        if j > i + 1 and not any(ch in SENTENCE_END for ch in inner) and inner.count("\n") <= 1:
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


def strip_quotes(label: str) -> str:
    return "".join(ch for ch in label if ch not in OPEN_QUOTES + CLOSE_QUOTES)
