"""Benchmark: `kg build` end to end against a baseline measured in the same run on the same text.

For each size N, the real sentences of the bundled corpus (or of a JSONL the user gives) are
recombined into N times as many documents of similar length. The baseline is jieba.posseg
over that text in one process. The build runs as its own process (`kg build --no-cache
--no-pictures --jobs J`) while the peak memory of its whole process tree is sampled. Then the
incremental path, at 8x and 64x: after one document changes, a rebuild with
the cache is timed against a cold build, and its graph is checked against a cold build of the
changed input.

    python bench/run.py                   # sizes 1 8 64 128, every core
    python bench/run.py --sizes 1 8 --jobs 2 --input my.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jieba
import jieba.posseg
import psutil

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def sentences_and_lengths(inputs: list[Path]) -> tuple[list[str], list[int]]:
    from kg.corpus import Document, read_corpus

    docs = [d for d in read_corpus(inputs) if isinstance(d, Document)]
    return [s for d in docs for s in SENTENCE.findall(d.text) if s.strip()], [len(d.text) for d in docs]


def recombine(sentences: list[str], lengths: list[int], times: int, seed: int = 7) -> list[dict]:
    """``times`` × as many documents as the source, each of a source document's length, made of
    the source's sentences in a shuffled order."""
    rng = random.Random(seed)
    pool: list[str] = []
    out = []
    for i in range(times * len(lengths)):
        target, parts, size = lengths[i % len(lengths)], [], 0
        while size < target:
            if not pool:
                pool = sentences[:]
                rng.shuffle(pool)
            parts.append(pool.pop())
            size += len(parts[-1])
        out.append({"id": f"bench-{times}x-{i:05d}", "text": "".join(parts)})
    return out


def write_jsonl(records: list[dict], path: Path) -> int:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return sum(len(r["text"]) for r in records)


def baseline(records: list[dict]) -> float:
    """Seconds for jieba.posseg over every text, in this one process."""
    jieba.setLogLevel(60)
    jieba.posseg.lcut("预热")  # dictionary loaded before the clock starts
    start = time.perf_counter()
    for r in records:
        for _ in jieba.posseg.cut(r["text"]):
            pass
    return time.perf_counter() - start


def timed_build(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the build's process tree, and its summary."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"kg build failed:\n{output}")
    return seconds, peak / 2**20, output


def stages(summary: str) -> str:
    found = re.search(r"seconds: [\d.]+ \((.*)\)", summary)
    return found.group(1) if found else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 8, 64, 128])
    ap.add_argument("--incremental", type=int, nargs="*", default=[8, 64], help="sizes to time a rebuild at")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--input", type=Path, nargs="*", default=[ROOT / "corpus"])
    args = ap.parse_args()
    sentences, lengths = sentences_and_lengths(args.input)
    print(f"machine: {os.cpu_count()} cores; kg build --jobs {args.jobs} --no-cache --no-pictures; "
          f"source: {len(lengths)} documents, {len(sentences)} sentences")
    header = f"{'size':>5} {'docs':>6} {'chars':>9} {'posseg c/s':>11} {'kg c/s':>9} {'ratio':>6} {'peak MB':>8}  stages (s)"
    print(header)
    peaks = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        for times in args.sizes:
            records = recombine(sentences, lengths, times)
            corpus = tmp / f"corpus-{times}x.jsonl"
            chars = write_jsonl(records, corpus)
            base = baseline(records)
            seconds, peak, summary = timed_build([str(corpus), "--out", str(tmp / f"out-{times}x"),
                                                  "--no-cache", "--no-pictures", "--jobs", str(args.jobs)])
            peaks.append(peak)
            print(f"{times:>4}x {len(records):>6} {chars:>9} {chars / base:>11.0f} {chars / seconds:>9.0f} "
                  f"{base / seconds:>6.2f} {peak:>8.0f}  {stages(summary)}", flush=True)
        for times, peak in zip(args.sizes[1:], peaks[1:]):
            print(f"peak memory, {times}x / {args.sizes[0]}x: {peak / peaks[0]:.2f}")

        for times in args.incremental:
            incremental(sentences, lengths, times, tmp, args.jobs)


def incremental(sentences: list[str], lengths: list[int], times: int, tmp: Path, jobs: int) -> None:
    """A cold build with the cache, then one document changed: the rebuild end to end, its
    analysis stage, and whether its graph is the one a cold build of the changed input gives."""
    records = recombine(sentences, lengths, times)
    corpus = tmp / f"incremental-{times}x.jsonl"
    write_jsonl(records, corpus)
    out = tmp / f"incremental-{times}x"
    build = [str(corpus), "--out", str(out), "--no-pictures", "--jobs", str(jobs)]
    cold, _, cold_summary = timed_build(build)
    records[len(records) // 2]["text"] += "贵阳市深入推进“雪亮工程”建设。"
    write_jsonl(records, corpus)
    warm, _, summary = timed_build(build)
    check = tmp / f"incremental-{times}x-cold"
    timed_build([str(corpus), "--out", str(check), "--no-cache", "--no-pictures", "--jobs", str(jobs)])
    same = (out / "graph.ttl").read_bytes() == (check / "graph.ttl").read_bytes()
    analysed = re.search(r"analysed: (\d+)", summary).group(1)
    cold_analysis, warm_analysis = (float(re.search(r"analyse ([\d.]+)", s).group(1)) for s in (cold_summary, summary))
    print(f"incremental at {times}x: cold {cold:.2f} s, after one document changed {warm:.2f} s "
          f"({analysed} analysed): {cold / warm:.1f}x faster end to end, analysis stage {cold_analysis:.1f} s "
          f"-> {warm_analysis:.1f} s ({cold_analysis / max(warm_analysis, 0.05):.0f}x); "
          f"same graph as a cold build: {same}", flush=True)


if __name__ == "__main__":
    main()
