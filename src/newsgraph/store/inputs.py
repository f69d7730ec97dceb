"""What `newsgraph ingest` reads: records files (JSON Lines, optionally gzipped) and raw
inputs (HTML, WARC, text, directories), the latter through ``newsgraph.pipeline``."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.record import SCHEMA
from newsgraph.store.report import Incoming

RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz")


class InputError(Exception):
    """An input that cannot be opened at all (missing file, no extractor for raw input)."""


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    p = Path(path)
    if p.suffix == ".gz":
        return gzip.open(p, "rt", encoding="utf-8", errors="replace")
    return open(p, encoding="utf-8", errors="replace")


def is_records_file(path: str) -> bool:
    """A file of newsgraph/1 records: its first non-empty line is one (a JSON Lines dump of
    something else is a raw input for the extractor)."""
    if path == "-":
        return True
    p = Path(path)
    if not p.is_file() or not p.name.lower().endswith(RECORD_SUFFIXES):
        return False
    try:
        with _open_text(path) as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and obj.get("schema") == SCHEMA
    except (OSError, ValueError, EOFError):
        return True  # unreadable: let read_records report it line by line
    return True  # empty file: nothing to ingest, nothing to extract


def read_records(path: str) -> Iterator[Incoming]:
    """One ``Incoming`` per line, with ``path:line`` as origin; bad JSON becomes an error item."""
    label = "<stdin>" if path == "-" else path
    try:
        f = _open_text(path)
    except OSError as exc:
        raise InputError(f"{label}: {exc.strerror or exc}") from None
    with f:
        try:
            for n, line in enumerate(f, 1):
                if line.isspace() or not line:  # (strip() would copy every line)
                    continue
                origin = f"{label}:{n}"
                try:
                    obj: Any = json.loads(line)
                except ValueError as exc:
                    yield Incoming(None, origin, f"invalid JSON: {exc}")
                    continue
                if not isinstance(obj, dict):
                    yield Incoming(None, origin, "not a JSON object")
                    continue
                yield Incoming(obj, origin)
        except (OSError, EOFError) as exc:  # e.g. a truncated .gz
            yield Incoming(None, label, f"cannot read further: {exc}")


def extract_raw(paths: list[str], workers: int = 1, **options: Any) -> Iterator[Incoming]:
    """Run the extractor over raw inputs (imported lazily: it needs spaCy)."""
    try:
        from newsgraph.pipeline import extract_many
    except ImportError as exc:
        raise InputError(f"raw inputs ({', '.join(paths[:3])}{'…' if len(paths) > 3 else ''}) "
                         f"need the extractor (newsgraph.pipeline.extract_many), which is not "
                         f"available: {exc}") from None
    try:
        for doc in extract_many(paths, workers=workers, **options):
            src = doc.source
            origin = src.path or src.url or doc.id
            if src.offset is not None:
                origin = f"{origin}@{src.offset}"
            yield Incoming(doc, origin)
    except ImportError as exc:  # a missing optional part of the extractor (model, library)
        raise InputError(f"the extractor cannot run: {exc}") from None


def iter_inputs(paths: list[str], workers: int = 1, **options: Any) -> Iterator[Incoming]:
    """Records files are read directly; consecutive raw inputs go to the extractor together."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or directory")
    raw: list[str] = []
    for p in paths:
        if is_records_file(p):
            if raw:
                yield from extract_raw(raw, workers, **options)
                raw = []
            yield from read_records(p)
        else:
            raw.append(p)
    if raw:
        yield from extract_raw(raw, workers, **options)
