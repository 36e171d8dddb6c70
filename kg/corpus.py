"""Read the corpus: ``.txt`` files (one article each) and ``.jsonl`` files (one article a line).

Bad input never stops a build: each unreadable file or record is reported as a ``Skipped``
item with its reason, and the rest is read. Encodings are found in a fixed order: the one the
user gives, a byte-order mark, strict UTF-8, then charset-normalizer's best guess among the
encodings Chinese text is saved in (GBK/GB2312 read as their superset GB18030).
JSONL files are streamed line by line, so their size is not bounded by memory.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

SUFFIXES = (".txt", ".jsonl")
MAX_ARTICLE_BYTES = 64 * 2**20  # a .txt is one article: beyond this it is not one
SAMPLE_BYTES = 256 * 2**10  # what encoding detection reads of a JSONL file
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CHINESE_ENCODINGS = ["gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_16_le", "utf_16_be", "hz"]
WIDER = {"gbk": "gb18030", "gb2312": "gb18030", "hz": "gb18030", "big5": "big5hkscs"}
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    place: str | None = None
    other_ids: tuple[str, ...] = field(default=(), compare=False)  # ids of duplicates with the same text


@dataclass(frozen=True)
class Skipped:
    where: str
    reason: str


class NotText(ValueError):
    """The bytes are no text in any encoding Chinese articles are saved in."""


def detect(data: bytes, encoding: str | None = None) -> str:
    """The encoding of ``data``: the given one, a BOM's, UTF-8, or the likeliest Chinese one."""
    if encoding:
        return encoding
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3:  # a sample cut inside a character
            return "utf-8"
    if b"\x00" in data and not _utf16_without_bom(data):
        raise NotText("binary data (NUL bytes)")
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise NotText("binary data (no text encoding fits)")
    return WIDER.get(best.encoding, best.encoding)


def _utf16_without_bom(data: bytes) -> bool:
    """Chinese UTF-16 without a BOM: NULs only where ASCII's high bytes would be."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return (even == 0) != (odd == 0)


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of ``data``; raises ``NotText`` or ``UnicodeDecodeError`` (with a forced encoding)."""
    name = detect(data, encoding)
    text = data.decode(name)
    if CONTROL.search(text.replace("\x0c", "")):
        raise NotText(f"binary data (control characters when read as {name})")
    return text


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


def _checked(doc: Document, where: str) -> Document | Skipped:
    if not doc.text.strip():
        return Skipped(where, "empty text")
    if not CHINESE.search(doc.text):
        return Skipped(where, "no Chinese text")
    return doc


def _read_txt(path: Path, encoding: str | None) -> Iterator[Document | Skipped]:
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            yield Skipped(str(path), f"too large for one article ({path.stat().st_size // 2**20} MiB; "
                                     "give long collections as .jsonl, one article a line)")
            return
        data = path.read_bytes()
        if not data.strip():
            yield Skipped(str(path), "empty file")
            return
        text = decode(data, encoding)
    except NotText as err:
        yield Skipped(str(path), str(err))
        return
    except (OSError, UnicodeDecodeError, LookupError) as err:
        yield Skipped(str(path), f"cannot read: {err}")
        return
    yield _checked(Document(id=path.name, text=text), str(path))


def _lines(path: Path, encoding: str | None) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of a JSONL file, read as a stream; None for a line that cannot be decoded."""
    with path.open("rb") as f:
        name = detect(f.read(SAMPLE_BYTES), encoding)
        f.seek(0)
        if codecs.lookup(name).name.startswith(("utf-16", "utf-32")):  # newline bytes are not 0x0a alone
            for number, line in enumerate(io.TextIOWrapper(f, encoding=name), 1):
                yield number, line
            return
        if name == "utf-8-sig":
            f.read(len(codecs.BOM_UTF8))
            name = "utf-8"
        for number, raw in enumerate(f, 1):
            try:
                yield number, raw.decode(name)
            except UnicodeDecodeError:
                yield number, None


def _read_jsonl(path: Path, encoding: str | None) -> Iterator[Document | Skipped]:
    try:
        for number, line in _lines(path, encoding):
            where = f"{path}:{number}"
            if line is None:
                yield Skipped(where, "line not readable in the file's encoding")
                continue
            if not line.strip():
                continue
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
            yield _checked(Document(id=doc_id, text=record["text"], **fields), where)
    except NotText as err:
        yield Skipped(str(path), str(err))
    except (OSError, UnicodeDecodeError, LookupError) as err:
        yield Skipped(str(path), f"cannot read: {err}")


def read_corpus(paths: Iterable[Path], encoding: str | None = None) -> Iterator[Document | Skipped]:
    """Documents and skipped items in input order; a document whose text was already read
    under another id is reported once, on the first, which records the other ids."""
    files, skipped = list_inputs(paths)
    yield from skipped
    pending: list[Document] = []
    seen: dict[str, int] = {}
    ids: set[str] = set()
    for path in files:
        if path.suffix == ".jsonl":
            items = _read_jsonl(path, encoding)
        elif path.suffix == ".txt":
            items = _read_txt(path, encoding)
        else:
            items = iter([Skipped(str(path), f"unsupported file type {path.suffix!r} (expected .txt or .jsonl)")])
        for item in items:
            if isinstance(item, Skipped):
                yield item
                continue
            if item.id in ids:
                yield Skipped(f"{path}", f"document id {item.id!r} used twice; the second is skipped")
                continue
            ids.add(item.id)
            key = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
            if key in seen:
                first = pending[seen[key]]
                pending[seen[key]] = replace(first, other_ids=(*first.other_ids, item.id))
                continue
            seen[key] = len(pending)
            pending.append(item)
    yield from pending
