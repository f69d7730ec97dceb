"""Result sets (a search's statements, a person's, a list of people) as CSV, JSON Lines or
Parquet, streamed: rows are read a page at a time and written out as they come.

A search's statements are paged by key (newest first, each page below the last id seen),
so the thousandth page costs what the first does; each page is one ``search`` with the
same query and filters.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Connection

from newsgraph.store.search import search

PAGE = 1000
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "jsonl": "application/x-ndjson; charset=utf-8",
               "parquet": "application/vnd.apache.parquet"}
FORMATS = tuple(MEDIA_TYPES)

QUOTE_COLUMNS: list[tuple[str, str]] = [
    ("id", "int64"), ("content", "string"), ("type", "string"), ("kind", "string"),
    ("speaker", "string"), ("person_id", "int64"), ("person_slug", "string"),
    ("speaker_title", "string"), ("speaker_org", "string"), ("published", "string"),
    ("article_id", "string"), ("local_id", "string"), ("group", "string"),
    ("article_title", "string"), ("site", "string"), ("url", "string"), ("sources", "int64")]
PEOPLE_COLUMNS: list[tuple[str, str]] = [
    ("id", "int64"), ("slug", "string"), ("name", "string"), ("statements", "int64"),
    ("gender", "string")]  # people.gender (0007); empty on an older knowledge base


def statement_rows(conn: Connection, query: str | None = None, *, limit: int | None = None,
                   **filters: Any) -> Iterator[list[dict[str, Any]]]:
    """Pages of every statement ``search(conn, query, **filters)`` finds, newest first
    (at most ``limit``), as dicts of ``QUOTE_COLUMNS``."""
    names = [c for c, _ in QUOTE_COLUMNS]
    before: int | None = None
    left = limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        page = search(conn, query, order="newest", limit=size, count_limit=1, before=before,
                      **filters)
        if not page.hits:
            return
        yield [{k: getattr(h, k) for k in names} for h in page.hits]
        before = page.hits[-1].id
        if left is not None:
            left -= len(page.hits)
        if len(page.hits) < size:
            return


def encode(pages: Iterable[list[dict[str, Any]]], cols: list[tuple[str, str]],
           fmt: str) -> Iterator[bytes]:
    """The rows as the bytes of a CSV, JSON Lines or Parquet file, a page at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    names = [c for c, _ in cols]
    if fmt == "jsonl":
        for rows in pages:
            yield "".join(json.dumps({k: r.get(k) for k in names}, ensure_ascii=False) + "\n"
                          for r in rows).encode("utf-8")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(names)
        for rows in pages:
            for r in rows:
                w.writerow(["; ".join(v) if isinstance(v, list) else v
                            for v in (r.get(k) for k in names)])
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
        if buf.tell():
            yield buf.getvalue().encode("utf-8")
    else:
        yield from _parquet(pages, cols)


class _Sink(io.RawIOBase):
    """A write-only file whose bytes are taken out after each row group."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.chunks.append(bytes(b))
        return len(b)

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def _parquet(pages: Iterable[list[dict[str, Any]]],
             cols: list[tuple[str, str]]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "string": pa.string(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c, types[t]) for c, t in cols])
    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema)
    try:
        for rows in pages:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            yield sink.take()
    finally:
        writer.close()
    yield sink.take()
