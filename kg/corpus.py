"""Read the corpus: ``.txt`` files (one article each) and ``.jsonl`` files (one article a line).

Bad input never stops a build: each unreadable file or record is reported as a ``Skipped``
item with its reason, and the rest is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".jsonl")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Skipped:
    where: str
    reason: str


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030; raises ``UnicodeDecodeError``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def list_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders into their corpus files, sorted so builds are reproducible."""
    files, skipped = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return files, skipped


def _read_txt(path: Path) -> Iterator[Document | Skipped]:
    try:
        text = decode(path.read_bytes())
    except (OSError, UnicodeDecodeError) as err:
        yield Skipped(str(path), f"cannot read: {err}")
        return
    if "\x00" in text:
        yield Skipped(str(path), "binary file")
    elif not text.strip():
        yield Skipped(str(path), "empty file")
    else:
        yield Document(id=path.name, text=text)


def _read_jsonl(path: Path) -> Iterator[Document | Skipped]:
    try:
        lines = decode(path.read_bytes()).splitlines()
    except (OSError, UnicodeDecodeError) as err:
        yield Skipped(str(path), f"cannot read: {err}")
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"malformed JSON: {err.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Skipped(where, "record without text")
            continue
        doc_id = str(record.get("id") or f"{path.name}:{number}")
        fields = {k: str(record[k]) for k in ("title", "date", "source", "place") if record.get(k)}
        yield Document(id=doc_id, text=record["text"], **fields)


def read_corpus(paths: Iterable[Path]) -> Iterator[Document | Skipped]:
    """Documents and skipped items in input order."""
    files, skipped = list_inputs(paths)
    yield from skipped
    for path in files:
        if path.suffix == ".jsonl":
            yield from _read_jsonl(path)
        elif path.suffix == ".txt":
            yield from _read_txt(path)
        else:
            yield Skipped(str(path), f"unsupported file type {path.suffix!r} (expected .txt or .jsonl)")
