"""A character tagger for person, place and organisation names: a linear model over hashed
character n-grams and jieba word features, scored in numpy.

Why linear: the analysis stage must keep ≥ 150k characters per second per core with the model
in, and a gather-and-add over a hashed weight table runs at millions of characters per second,
where a neural tagger on this CPU would not. The word features (jieba's segmentation and its
dictionary tags, already computed by the pipeline) carry what a character window alone misses.

The weights are a ``.npz`` of plain arrays, loaded with ``allow_pickle=False``: loading runs no
code. ``kg.train`` makes them; this module only featurises and predicts, for training and use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy

MODEL_FILE = "ner-zh.npz"
FEATURE_VERSION = 1
MAX_WORD = 16  # longer words hash by their first characters only
_MIX = numpy.uint64(0x9E3779B97F4A7C15)
_K = [numpy.uint64(k) for k in (0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD)]
_POW = (numpy.uint64(1_000_003) ** numpy.arange(MAX_WORD, dtype=numpy.uint64)).astype(numpy.uint64)
# Character-window templates: offsets of the characters each feature combines.
CHAR_TEMPLATES = ((0,), (-1,), (1,), (-2,), (2,), (-1, 0), (0, 1), (-2, -1), (1, 2), (-1, 1),
                  (-1, 0, 1), (-2, -1, 0), (0, 1, 2))
PAD = 2


class Words(NamedTuple):
    """jieba's words of a text, as the pipeline has them: character offsets and dictionary tags."""

    starts: numpy.ndarray  # int64
    ends: numpy.ndarray
    tags: list[str]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    score: float


def _mix(x: numpy.ndarray) -> numpy.ndarray:
    """A 64-bit finaliser (murmur3's), so that nearby inputs land in unrelated buckets."""
    x = x ^ (x >> numpy.uint64(33))
    x = x * _K[3]
    return x ^ (x >> numpy.uint64(29))


def features(text: str, words: Words, tag_ids: dict[str, int], bits: int) -> numpy.ndarray:
    """Hashed feature indices, one row of ``n_features`` per character of ``text``."""
    n = len(text)
    with numpy.errstate(over="ignore"):
        cps = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32).astype(numpy.uint64)
        padded = numpy.concatenate([numpy.full(PAD, 1, numpy.uint64), cps, numpy.full(PAD, 2, numpy.uint64)])
        columns = []
        for t, offsets in enumerate(CHAR_TEMPLATES):
            h = numpy.full(n, numpy.uint64(t + 1) * _MIX, dtype=numpy.uint64)
            for k, off in enumerate(offsets):
                h = h + padded[PAD + off: PAD + off + n] * _K[k]
            columns.append(h)
        # word features: the word's hash, the character's place in it, its tag, the neighbours' tags
        lengths = (words.ends - words.starts).astype(numpy.int64)
        word_of = numpy.repeat(numpy.arange(len(lengths)), lengths)
        inside = numpy.arange(n, dtype=numpy.int64) - numpy.repeat(words.starts, lengths)
        weights = _POW[numpy.minimum(inside, MAX_WORD - 1)] * (inside < MAX_WORD)
        word_hash = numpy.add.reduceat(cps * weights, words.starts) if n else numpy.zeros(0, numpy.uint64)
        length = numpy.minimum(lengths, 4).astype(numpy.uint64)[word_of]
        last = (inside == lengths[word_of] - 1)
        position = numpy.where(lengths[word_of] == 1, 3, numpy.where(inside == 0, 0, numpy.where(last, 2, 1))).astype(numpy.uint64)
        tags = numpy.array([tag_ids.get(t, 0) for t in words.tags], dtype=numpy.uint64)
        prev_tag = numpy.concatenate([[numpy.uint64(len(tag_ids) + 1)], tags[:-1]])
        next_tag = numpy.concatenate([tags[1:], [numpy.uint64(len(tag_ids) + 2)]])
        base = len(CHAR_TEMPLATES) + 1
        word_columns = [
            word_hash[word_of] * _K[0] + position,
            (position * numpy.uint64(8) + length) * _K[1],
            numpy.zeros(n, dtype=numpy.uint64),  # the bias, one weight row every character adds
            tags[word_of] * _K[0] + position * _K[1],
            prev_tag[word_of] * _K[0] + tags[word_of] * _K[1] + position * _K[2],
            next_tag[word_of] * _K[0] + tags[word_of] * _K[1] + position * _K[2],
        ]
        for j, h in enumerate(word_columns):
            columns.append(h + numpy.uint64(base + j) * _MIX)
        out = _mix(numpy.stack(columns, axis=1)) & numpy.uint64((1 << bits) - 1)
    return out.astype(numpy.int64)


def words_from_tokens(length: int, starts: list[int], tags: list[str | None]) -> Words:
    """The pipeline's tokens as contiguous words: white space after a token joins it."""
    if not starts:
        return Words(numpy.zeros(1, numpy.int64), numpy.array([length], numpy.int64), [""]) if length else \
            Words(numpy.zeros(0, numpy.int64), numpy.zeros(0, numpy.int64), [])
    begin = numpy.array(starts, dtype=numpy.int64)
    begin[0] = 0
    end = numpy.append(begin[1:], length)
    return Words(begin, end, [t or "" for t in tags])


def words_of(text: str) -> Words:
    """jieba's words and dictionary tags of ``text``, as the pipeline computes them (training
    and tests; the pipeline hands its own)."""
    import rjieba

    from kg.nlp.text import dictionary_tags

    table = dictionary_tags()
    starts, ends, tags, pos = [], [], [], 0
    for word in rjieba.cut(text, hmm=True):
        starts.append(pos)
        pos += len(word)
        ends.append(pos)
        tags.append(table.get(word, ""))
    return Words(numpy.array(starts, dtype=numpy.int64), numpy.array(ends, dtype=numpy.int64), tags)


class CharTagger:
    """BIO tags by Viterbi under the BIO constraint (an I- tag continues a name of its type).
    Characters the model is sure are outside any name (the O score ahead of every other by
    ``margin``) split the text, so the sequential pass runs only on the few stretches where a
    name may be: a sixth of the characters, not all of them."""

    def __init__(self, weights: numpy.ndarray, labels: list[str], tags: list[str], bits: int, margin: float = 8.0):
        if weights.shape != (1 << bits, len(labels)):
            raise ValueError(f"tagger weights of shape {weights.shape} do not fit {bits} bits and {len(labels)} labels")
        self.weights = weights.astype(numpy.float32)
        self.labels = labels
        self.tag_ids = {t: i + 1 for i, t in enumerate(tags)}
        self.bits = bits
        self.margin = margin
        self.outside = labels.index("O")
        types = sorted({label[2:] for label in labels if label != "O"})
        self.pairs = [(labels.index("B-" + t), labels.index("I-" + t)) for t in types]
        self.inside = frozenset(i for _, i in self.pairs)

    @classmethod
    def load(cls, path: str | Path) -> CharTagger:
        with numpy.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("feature_version") != FEATURE_VERSION:
                raise ValueError(f"{path}: made for features v{meta.get('feature_version')}, this code has v{FEATURE_VERSION}")
            return cls(data["weights"], meta["labels"], meta["tags"], meta["bits"], meta.get("decode_margin", 8.0))

    def scores(self, text: str, words: Words, chunk: int = 65536) -> numpy.ndarray:
        """(characters × labels) scores, computed in chunks so that memory stays flat."""
        idx = features(text, words, self.tag_ids, self.bits)
        out = numpy.empty((len(text), len(self.labels)), dtype=numpy.float32)
        for lo in range(0, len(text), chunk):
            part = idx[lo:lo + chunk]
            acc = self.weights[part[:, 0]].copy()
            for j in range(1, part.shape[1]):
                acc += self.weights[part[:, j]]
            out[lo:lo + chunk] = acc
        return out

    def spans(self, text: str, words: Words) -> list[Span]:
        if not text:
            return []
        scores = self.scores(text, words)
        others = numpy.delete(scores, self.outside, axis=1).max(axis=1)
        unsure = numpy.flatnonzero(scores[:, self.outside] - others <= self.margin)
        if not len(unsure):
            return []
        breaks = numpy.flatnonzero(numpy.diff(unsure) > 1)
        firsts = numpy.concatenate([unsure[:1], unsure[breaks + 1]]).tolist()
        lasts = (numpy.concatenate([unsure[breaks], unsure[-1:]]) + 1).tolist()
        positions, tags = [], []
        for a, b in zip(firsts, lasts):
            for offset, label in enumerate(self._viterbi(scores[a:b].tolist())):
                if label != self.outside:
                    positions.append(a + offset)
                    tags.append(label)
        if not positions:
            return []
        chosen = scores[positions]
        exp = numpy.exp(chosen - chosen.max(axis=1, keepdims=True))
        prob = exp[numpy.arange(len(tags)), tags] / exp.sum(axis=1)
        return decode([self.labels[t] for t in tags], prob.tolist(), positions)

    def _viterbi(self, rows: list[list[float]]) -> list[int]:
        """The best label sequence where I-X follows only B-X or I-X. Transitions carry no
        weight, so a step is: O and every B- follow the best label so far, each I- the better
        of its B- and I-."""
        dp = [-1e9 if j in self.inside else score for j, score in enumerate(rows[0])]
        backs = []
        for row in rows[1:]:
            best = max(dp)
            arg = dp.index(best)
            new = [best + score for score in row]
            back = [arg] * len(row)
            for b, i in self.pairs:
                prev = b if dp[b] >= dp[i] else i
                new[i] = dp[prev] + row[i]
                back[i] = prev
            dp = new
            backs.append(back)
        j = dp.index(max(dp))
        path = [j]
        for back in reversed(backs):
            j = back[j]
            path.append(j)
        return path[::-1]


def decode(tags: list[str], prob: list[float], positions: list[int] | None = None) -> list[Span]:
    """Spans of a BIO sequence; a span's score is the mean probability of its tags. With
    ``positions``, ``tags`` are those of the named characters only, at those positions."""
    if positions is None:
        positions = list(range(len(tags)))
    out: list[Span] = []
    start = label = None
    last = -2
    total = 0.0
    for pos, tag, p in zip(positions, tags, prob):
        kind, _, type_ = tag.partition("-")
        if start is not None and (kind != "I" or type_ != label or pos != last + 1):
            out.append(Span(start, last + 1, label, total / (last + 1 - start)))
            start = None
        if start is None:
            start, label, total = pos, type_, 0.0
        total += p
        last = pos
    if start is not None:
        out.append(Span(start, last + 1, label, total / (last + 1 - start)))
    return out


@cache
def shipped_tagger() -> CharTagger:
    """The model that ships in the package, loaded once per process."""
    with resources.as_file(resources.files("kg.models") / MODEL_FILE) as path:
        return CharTagger.load(path)
