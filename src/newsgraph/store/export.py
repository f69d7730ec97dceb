"""Export tables as JSON Lines, CSV or Parquet, streamed (a million rows never sit in memory)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from newsgraph.store.compact import expand

FORMATS = ("jsonl", "csv", "parquet")
BATCH = 5000

# name -> (SQL, [(column, arrow type name)]). List columns are filled in Python.
TABLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "quotes": (
        "SELECT q.id, q.content, q.type, q.speaker, q.person_id, p.slug AS person_slug, "
        "s.speaker_title, s.speaker_org, q.published, q.article_id, a.title AS article_title, "
        "a.site, a.url, (SELECT count(*) FROM quote_sources s2 WHERE s2.quote_id = q.id) "
        "AS sources FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN people p ON p.id = q.person_id "
        "LEFT JOIN quote_sources s ON s.quote_id = q.id AND s.article_id = q.article_id "
        "ORDER BY q.id",
        [("id", "int64"), ("content", "string"), ("type", "string"), ("speaker", "string"),
         ("person_id", "int64"), ("person_slug", "string"), ("speaker_title", "string"),
         ("speaker_org", "string"), ("published", "string"), ("article_id", "string"),
         ("article_title", "string"), ("site", "string"), ("url", "string"),
         ("sources", "int64")]),
    "quote_sources": (
        "SELECT s.quote_id, s.article_id, s.local_id, s.person_id, s.speaker_text, "
        "s.speaker_title, s.speaker_org, s.cue, s.content_start, s.content_end, s.published, "
        "s.site FROM quote_sources s ORDER BY s.quote_id, s.article_id",
        [("quote_id", "int64"), ("article_id", "string"), ("local_id", "string"),
         ("person_id", "int64"), ("speaker_text", "string"), ("speaker_title", "string"),
         ("speaker_org", "string"), ("cue", "string"), ("content_start", "int64"),
         ("content_end", "int64"), ("published", "string"), ("site", "string")]),
    "people": (
        "SELECT p.id, p.slug, p.name, p.scope, p.first_article, "
        "(SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quotes "
        "FROM people p ORDER BY p.id",
        [("id", "int64"), ("slug", "string"), ("name", "string"), ("scope", "string"),
         ("first_article", "string"), ("quotes", "int64"), ("name_variants", "list"),
         ("organisations", "list"), ("places", "list")]),
    "roles": (
        "SELECT r.person_id, p.name AS person, r.title, r.org, r.place, r.article_id, "
        "r.published FROM roles r JOIN people p ON p.id = r.person_id "
        "ORDER BY r.person_id, r.published, r.article_id, r.id",
        [("person_id", "int64"), ("person", "string"), ("title", "string"), ("org", "string"),
         ("place", "string"), ("article_id", "string"), ("published", "string")]),
    "articles": (
        "SELECT a.id, a.title, a.published, a.site, a.language, a.url, a.n_quotes, a.text "
        "FROM articles a ORDER BY a.published, a.id",
        [("id", "string"), ("title", "string"), ("published", "string"), ("site", "string"),
         ("language", "string"), ("url", "string"), ("n_quotes", "int64"),
         ("text", "string")]),
    "records": (
        "SELECT a.text, a.record FROM articles a ORDER BY a.published, a.id", []),
}


def rows(conn: Connection, table: str) -> Iterator[dict[str, Any]]:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: choose from {', '.join(TABLES)}")
    sql, _ = TABLES[table]
    extra = _people_lists(conn) if table == "people" else None
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(text(sql))
    for r in result.mappings():
        if table == "records":
            yield expand(json.loads(r["record"]), r["text"])
            continue
        d = dict(r)
        if extra is not None:
            for k, by_person in extra.items():
                d[k] = by_person.get(d["id"], [])
        yield d


def _people_lists(conn: Connection) -> dict[str, dict[int, list[str]]]:
    out: dict[str, dict[int, list[str]]] = {k: defaultdict(list) for k in
                                            ("name_variants", "organisations", "places")}
    for pid, name in conn.execute(text("SELECT person_id, name FROM person_names "
                                       "ORDER BY person_id, name")):
        out["name_variants"][pid].append(name)
    for pid, kind, value in conn.execute(text("SELECT person_id, kind, value FROM "
                                              "person_affiliations ORDER BY person_id, value")):
        out["organisations" if kind == "org" else "places"][pid].append(value)
    return out


def export(conn: Connection, table: str, fmt: str, out: str | Path | IO[Any] | None) -> int:
    """Write ``table`` to ``out`` (path, binary/text stream, or None/"-" for stdout).

    Returns the number of rows written. Parquet needs a path or a binary stream.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    if table == "records" and fmt != "jsonl":
        raise ValueError("the records table exports as jsonl only (nested records)")
    it = rows(conn, table)
    if fmt == "parquet":
        if out is None or out == "-":
            raise ValueError("parquet needs an output file (-o FILE)")
        return _parquet(it, TABLES[table][1], out)
    with _text_out(out) as f:
        return _jsonl(it, f) if fmt == "jsonl" else _csv(it, TABLES[table][1], f)


class _text_out:
    def __init__(self, out: str | Path | IO[Any] | None) -> None:
        self.out = out
        self.f: IO[str] | None = None
        self.close = False

    def __enter__(self) -> IO[str]:
        if self.out is None or self.out == "-":
            self.f = sys.stdout
        elif isinstance(self.out, (str, Path)):
            self.f = open(self.out, "w", encoding="utf-8", newline="")
            self.close = True
        elif isinstance(self.out, io.TextIOBase):
            self.f = self.out
        else:  # a binary stream
            self.f = io.TextIOWrapper(self.out, encoding="utf-8", newline="")  # type: ignore
        return self.f

    def __exit__(self, *exc: object) -> None:
        assert self.f is not None
        if self.close:
            self.f.close()
        else:
            self.f.flush()
            if isinstance(self.f, io.TextIOWrapper) and self.f is not sys.stdout:
                self.f.detach()


def _jsonl(it: Iterator[dict[str, Any]], f: IO[str]) -> int:
    n = 0
    for d in it:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(it: Iterator[dict[str, Any]], cols: list[tuple[str, str]], f: IO[str]) -> int:
    w = csv.writer(f)
    names = [c for c, _ in cols]
    w.writerow(names)
    n = 0
    for d in it:
        w.writerow(["; ".join(v) if isinstance(v, list) else v for v in
                    (d.get(c) for c in names)])
        n += 1
    return n


def _parquet(it: Iterator[dict[str, Any]], cols: list[tuple[str, str]],
             out: str | Path | IO[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "string": pa.string(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c, types[t]) for c, t in cols])
    n = 0
    with pq.ParquetWriter(out, schema) as w:
        batch: list[dict[str, Any]] = []
        for d in it:
            batch.append(d)
            if len(batch) >= BATCH:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
