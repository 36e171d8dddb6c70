"""Agencies found by the whole extractor in CLUENER2020 news records (label ``government``).

    python tools/eval_cluener.py [--data ../shared/data/ner] [--limit 1075]

Runs the records that ``kg.train`` holds out (every tenth of CLUENER train, never trained on)
through the same analysis as ``kg build`` and compares the surfaces of the Agency mentions with
the ``government`` spans: recall over those spans, precision over the Agencies found (an Agency
counts as right when it ends where a government span ends, one holding the other: a place written before a body's name is
left to the annotator). CLUENER is flat: a body named inside a longer one (建设部 of 建设部政策研究中心) is
never marked, so precision is also given without those.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.analyse import analyse  # noqa: E402
from kg.corpus import Document  # noqa: E402
from kg.nlp.text import CLOSE_QUOTES, OPEN_QUOTES  # noqa: E402
from kg.train import HELD_OUT_EVERY  # noqa: E402


QUOTES = OPEN_QUOTES + CLOSE_QUOTES


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the quote marks some annotators took in (“美军” is the body 美军)."""
    while start < end and text[start] in QUOTES:
        start += 1
    while end > start and text[end - 1] in QUOTES:
        end -= 1
    return start, end


def _same_body(found: tuple[int, int], gold: tuple[int, int]) -> bool:
    """The same name up to a place written before it: 长子县公安局 / 山西省长子县公安局."""
    return found[1] == gold[1]


def main() -> int:
    import json

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--misses", action="store_true", help="print the spans missed and the extra agencies")
    args = ap.parse_args()
    lines = (args.data / "cluener" / "train.json").read_text(encoding="utf-8").splitlines()
    held = [json.loads(line) for n, line in enumerate(lines) if n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    if args.limit:
        held = held[:args.limit]
    gold_n = found_n = hit_gold = hit_found = nested_n = 0
    for n, record in enumerate(held):
        text = record["text"]
        gold = {_unquoted(text, s, e + 1) for spans in record["label"].get("government", {}).values() for s, e in spans}
        resolved = analyse(Document(f"cluener-{n}", text))
        agencies = {(m.start, m.end) for m in resolved.mentions if m.entity.type == "Agency"}
        gold_n += len(gold)
        found_n += len(agencies)
        got = {g for g in gold if any(_same_body(a, g) for a in agencies)}
        right = {a for a in agencies if any(_same_body(a, g) for g in gold)}
        hit_gold += len(got)
        hit_found += len(right)
        nested_n += sum(1 for a in agencies - right if any(g[0] <= a[0] and a[1] < g[1] for g in gold))
        if args.misses:
            for s, e in sorted(gold - got):
                print(f"missed\t{text[s:e]}\t{text}")
            for s, e in sorted(agencies - right):
                print(f"extra\t{text[s:e]}\t{text}")
    recall = hit_gold / gold_n if gold_n else 0.0
    precision = hit_found / found_n if found_n else 0.0
    flat = hit_found / (found_n - nested_n) if found_n > nested_n else 0.0
    print(f"CLUENER held-out records {len(held)}: government spans {gold_n}, agencies found {found_n}; "
          f"recall {recall:.3f}, precision {precision:.3f}; precision {flat:.3f} without the {nested_n} bodies "
          f"named inside a longer government span (CLUENER marks the outermost name only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
