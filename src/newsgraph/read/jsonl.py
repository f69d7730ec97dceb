"""JSON Lines dumps: one page per line, a JSON object with an ``html`` or ``text`` field."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.page import RawPage
from newsgraph.read.decode import replace_surrogates
from newsgraph.read.errors import error_page
from newsgraph.read.gzipstream import GzipError, TruncatedGzip
from newsgraph.read.limits import too_big
from newsgraph.read.source import CHUNK, Source

_TEXT_KEYS = ("text", "content", "body")


def is_record(obj: Any) -> bool:
    """True if ``obj`` is an already-extracted newsgraph record, not a raw page."""
    return isinstance(obj, dict) and str(obj.get("schema", "")).startswith("newsgraph/")


def read_jsonl(src: Source, limit: int) -> Iterator[RawPage]:
    """One page per non-blank line of ``src``; ``RawPage.offset`` is the 1-based line number."""
    stream = _buffered(src.stream())
    lineno = 0
    try:
        while line := stream.readline(limit + 1):
            lineno += 1
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line) + _skip_line(stream)
                yield error_page(src.path, too_big(size, limit), "jsonl", lineno)
                continue
            if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if line.strip():
                yield _jsonl_page(src.path, line, lineno)
    except TruncatedGzip:
        yield error_page(
            src.path, f"truncated gzip stream after {lineno} lines", "jsonl", lineno + 1
        )
    except GzipError as e:
        yield error_page(src.path, f"{e} (after line {lineno})", "jsonl", lineno + 1)


def _jsonl_page(path: str, line: bytes, lineno: int) -> RawPage:
    try:
        obj = json.loads(line)
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
        return error_page(path, f"not valid JSON ({e})", "jsonl", lineno)
    except RecursionError:  # [[[[... thousands deep
        return error_page(path, "not valid JSON (nested too deeply to read)", "jsonl", lineno)
    problem = _jsonl_problem(obj)
    if problem:
        return error_page(path, problem, "jsonl", lineno)
    kind, key = ("html", "html") if "html" in obj else ("text", _text_key(obj))
    content = obj[key]
    if not isinstance(content, str):
        return error_page(path, f"field {key!r} is not a string", "jsonl", lineno)
    if not content.strip():
        return error_page(path, f"empty page (field {key!r} is empty)", "jsonl", lineno)
    page = RawPage(content, kind, "jsonl", path, offset=lineno)
    page.content = _characters(content, key, page.warnings)
    page.url = _str_field(obj, ("url",), page.warnings)
    page.title = _str_field(obj, ("title",), page.warnings)
    page.published = _str_field(obj, ("published", "date"), page.warnings)
    return page


def _text_key(obj: dict[str, Any]) -> str:
    return next(k for k in _TEXT_KEYS if k in obj)


def _jsonl_problem(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return f"not a JSON object (a JSON {_json_type(obj)})"
    if is_record(obj):
        return "already a newsgraph record; use `newsgraph ingest` for records"
    if "html" not in obj and not any(k in obj for k in _TEXT_KEYS):
        fields = ", ".join(sorted(obj)[:10]) or "none"
        return f"no 'html' or 'text' field (fields: {fields})"
    return None


def _json_type(obj: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if obj is None else names.get(type(obj), type(obj).__name__)


def _str_field(obj: dict[str, Any], keys: tuple[str, ...], warnings: list[str]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _characters(value, key, warnings)
        if value is not None and not isinstance(value, str):
            warnings.append(f"ignored field {key!r}: not a string")
    return None


def _characters(value: str, key: str, warnings: list[str]) -> str:
    """``value`` without lone surrogates (JSON escapes them: ``"\\ud800"``), with a warning."""
    value, n = replace_surrogates(value)
    if n:
        warnings.append(f"field {key!r}: {n} lone surrogate escape(s) replaced by U+FFFD")
    return value


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of an overlong line, a chunk at a time; return its length."""
    skipped = 0
    while chunk := stream.readline(CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _buffered(stream: BinaryIO) -> BinaryIO:
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return io.BufferedReader(stream, CHUNK)  # type: ignore[arg-type,return-value]
