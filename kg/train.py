"""Train the character tagger of ``kg.nlp.tagger`` from the annotated corpora of ``shared/data/ner``.

    python -m kg.train --data ../shared/data/ner --out kg/models/ner-zh.npz [--seed 0]

Each corpus's labels are mapped to three name types (PER, LOC, ORG; see ``LABEL_MAP``): the
linking stage, not the model, decides whether an ORG is an Agency or an Organization, from its
head word. Spans whose type the guide cannot take (CLUENER ``book``, address ``poi``) are left
out of training rather than taught as non-names. Every tenth CLUENER record is held out for
evaluation; MSRA's own test split is the other yardstick. Training is scikit-learn's
``SGDClassifier`` (a linear SVM with averaged weights), deterministic given the seed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy

from kg.nlp.tagger import FEATURE_VERSION, CharTagger, decode, features, words_of

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
IGNORE = "IGNORE"  # characters left out of training
# corpus label -> model type (None: not a name in the guide's sense, taught as O; IGNORE: left out)
LABEL_MAP = {
    "msra": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "cluener": {"name": "PER", "address": "LOC", "scene": "LOC", "government": "ORG", "organization": "ORG",
                "company": "ORG", "position": None, "book": IGNORE, "game": IGNORE, "movie": IGNORE},
    "weibo": {"PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG",
              "PER.NOM": None, "LOC.NOM": None, "GPE.NOM": None, "ORG.NOM": None},
    "resume": {"NAME": "PER", "ORG": "ORG", "LOC": "LOC", "CONT": "LOC", "TITLE": None, "EDU": None,
               "PRO": None, "RACE": None},
    "address": {"country": "LOC", "prov": "LOC", "city": "LOC", "district": "LOC", "devzone": "LOC",
                "town": "LOC", "community": "LOC", "road": "LOC", "subroad": "LOC", "person": "PER",
                "poi": IGNORE, "subpoi": IGNORE, "roadno": None, "subroadno": None, "houseno": None,
                "cellno": None, "floorno": None, "roomno": None, "assist": None, "redundant": None,
                "otherinfo": None},
}
FILES = {  # corpus -> (training files, reader)
    "msra": (["msra/train.bio"], "columns"),
    "cluener": (["cluener/train.json"], "cluener"),
    "weibo": (["weibo/weiboNER_2nd_conll.train", "weibo/weiboNER_2nd_conll.dev"], "columns"),
    "resume": (["resume/train.char.bmes", "resume/dev.char.bmes"], "columns"),
    "address": (["address/train.txt", "address/dev.txt"], "columns"),
}
HELD_OUT_EVERY = 10  # every tenth CLUENER record is kept for evaluation
MAX_SENTENCE = 400  # longer annotated lines are cut (they are rare; the features are local)


@dataclass
class Sentence:
    text: str
    labels: list[str]  # model BIO tag or IGNORE, per character


def _spans_to_bio(text: str, spans: list[tuple[int, int, str | None]]) -> list[str]:
    tags = ["O"] * len(text)
    for start, end, type_ in spans:
        for i in range(start, end):
            tags[i] = IGNORE if type_ == IGNORE else ("O" if type_ is None else ("B-" if i == start else "I-") + type_)
    return tags


def read_columns(path: Path, mapping: dict) -> Iterator[Sentence]:
    """Character-per-line files with BIO or BMES tags (MSRA, Weibo, Resume, address)."""
    chars: list[str] = []
    raw: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            char = parts[0][0] if path.parent.name == "weibo" else parts[0]  # Weibo writes 科0: char + segment
            chars.append(char if len(char) == 1 else " ")
            raw.append(parts[-1])
            continue
        if chars:
            yield _from_tags("".join(chars), raw, mapping)
            chars, raw = [], []


def _from_tags(text: str, raw: list[str], mapping: dict) -> Sentence:
    spans, start, label = [], None, None
    for i, tag in enumerate([*raw, "O"]):
        kind, _, name = tag.partition("-")
        kind = {"M": "I", "E": "I", "S": "B"}.get(kind, kind)
        if start is not None and (kind != "I" or name != label):
            spans.append((start, i, label))
            start = None
        if kind == "B" or (kind == "I" and start is None):
            start, label = i, name
    mapped = []
    for s, e, name in spans:
        key = name if name in mapping else name.lower()  # the address corpus writes devZone and devzone
        if key not in mapping:
            raise ValueError(f"label {name!r} has no mapping")
        mapped.append((s, e, mapping[key]))
    return Sentence(text, _spans_to_bio(text, mapped))


def read_cluener(path: Path, mapping: dict, held_out: bool) -> Iterator[Sentence]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if (n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) != held_out:
            continue
        record = json.loads(line)
        spans = [(s, e + 1, mapping[label]) for label, found in record["label"].items()
                 for positions in found.values() for s, e in positions]
        yield Sentence(record["text"], _spans_to_bio(record["text"], spans))


def read_corpus(root: Path, corpus: str, held_out: bool = False) -> Iterator[Sentence]:
    files, kind = FILES[corpus]
    for name in files:
        if kind == "cluener":
            yield from read_cluener(root / name, LABEL_MAP[corpus], held_out)
        elif not held_out:
            yield from read_columns(root / name, LABEL_MAP[corpus])


def featurise(sentences: list[Sentence], tag_ids: dict[str, int], bits: int):
    """Sparse binary feature matrix and label vector, IGNORE characters dropped."""
    import scipy.sparse

    rows, ys = [], []
    index = {label: i for i, label in enumerate(LABELS)}
    for s in sentences:
        text, labels = s.text[:MAX_SENTENCE], s.labels[:MAX_SENTENCE]
        keep = numpy.array([label != IGNORE for label in labels])
        if not keep.any():
            continue
        rows.append(features(text, words_of(text), tag_ids, bits)[keep])
        ys.extend(index[label] for label, k in zip(labels, keep) if k)
    idx = numpy.concatenate(rows)
    n, width = idx.shape
    matrix = scipy.sparse.csr_matrix(
        (numpy.ones(idx.size, dtype=numpy.float32), idx.ravel(), numpy.arange(0, idx.size + 1, width)),
        shape=(n, 1 << bits))
    matrix.sum_duplicates()  # two templates may hash to one bucket
    return matrix, numpy.array(ys, dtype=numpy.int64)


def jieba_tags() -> list[str]:
    from kg.nlp.text import dictionary_tags

    return sorted(set(dictionary_tags().values()))


def train(sentences: list[Sentence], bits: int, seed: int, epochs: int, alpha: float) -> CharTagger:
    from sklearn.linear_model import SGDClassifier

    tags = jieba_tags()
    tag_ids = {t: i + 1 for i, t in enumerate(tags)}
    matrix, y = featurise(sentences, tag_ids, bits)
    model = SGDClassifier(loss="hinge", alpha=alpha, max_iter=epochs, tol=None, average=True,
                          fit_intercept=False, random_state=seed, n_jobs=1)  # the bias is a feature
    model.fit(matrix, y)
    weights = numpy.full((1 << bits, len(LABELS)), 0.0, dtype=numpy.float32)
    weights[:, model.classes_] = model.coef_.T
    missing = [c for c in range(len(LABELS)) if c not in model.classes_]
    weights[:, missing] = -1e3 / matrix[0].nnz  # a label the data never showed is never predicted
    return CharTagger(weights, LABELS, tags, bits)


def evaluate(tagger: CharTagger, sentences: list[Sentence]) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per type (IGNORE spans neither counted nor penalised)."""
    counts: dict[str, Counter] = {}
    for s in sentences:
        named = [i for i, t in enumerate(s.labels) if t not in ("O", IGNORE)]
        gold = {(sp.start, sp.end, sp.label) for sp in decode([s.labels[i] for i in named], [1.0] * len(named), named)}
        ignored = {i for i, t in enumerate(s.labels) if t == IGNORE}
        found = {(sp.start, sp.end, sp.label) for sp in tagger.spans(s.text, words_of(s.text))
                 if not ignored.intersection(range(sp.start, sp.end))}
        for type_ in ("PER", "LOC", "ORG"):
            c = counts.setdefault(type_, Counter())
            g = {x for x in gold if x[2] == type_}
            f = {x for x in found if x[2] == type_}
            c["tp"] += len(g & f)
            c["sys"] += len(f)
            c["gold"] += len(g)
    out = {}
    for type_, c in counts.items():
        p = c["tp"] / c["sys"] if c["sys"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        out[type_] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                      "gold": c["gold"]}
    return out


def save(tagger: CharTagger, path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"feature_version": FEATURE_VERSION, "labels": tagger.labels, "tags": list(tagger.tag_ids),
            "bits": tagger.bits, "decode_margin": tagger.margin, **meta}
    numpy.savez_compressed(path, weights=tagger.weights.astype(numpy.float16), meta=numpy.array(json.dumps(info, ensure_ascii=False)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kg train", description="Train the shipped name tagger from annotated Chinese NER corpora.")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner",
                    help="the folder of annotated corpora (shared/data/ner)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "models" / "ner-zh.npz")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bits", type=int, default=20, help="log2 of the hashed feature space")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=2e-7, help="L2 regularisation strength")
    ap.add_argument("--corpora", default=",".join(FILES), help="comma-separated corpora to train on")
    ap.add_argument("--sample", type=int, default=0, help="use only the first N sentences of each corpus (tests)")
    ap.add_argument("--no-eval", action="store_true", help="skip the MSRA test and CLUENER held-out scores")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"kg train: no annotated corpora at {args.data} (give --data)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    sentences: list[Sentence] = []
    counts = {}
    for corpus in args.corpora.split(","):
        part = list(read_corpus(args.data, corpus))
        if args.sample:
            part = part[:args.sample]
        counts[corpus] = len(part)
        sentences.extend(part)
    tagger = train(sentences, args.bits, args.seed, args.epochs, args.alpha)
    meta = {"seed": args.seed, "epochs": args.epochs, "alpha": args.alpha, "sentences": counts,
            "seconds": round(time.perf_counter() - started, 1)}
    if not args.no_eval:
        meta["msra_test"] = evaluate(tagger, list(read_columns(args.data / "msra" / "test.bio", LABEL_MAP["msra"])))
        meta["cluener_held_out"] = evaluate(tagger, list(read_cluener(args.data / "cluener" / "train.json",
                                                                       LABEL_MAP["cluener"], held_out=True)))
    save(tagger, args.out, meta)
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
