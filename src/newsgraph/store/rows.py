"""Rows queued for one transaction, and the plain DB-API statements that write them.

The hot path of an ingest runs on the driver's own cursor (``Sql``): ``executemany`` with
prepared statements for the inserts and one ``... IN (list)`` query per lookup and batch,
with no SQLAlchemy construct, compilation or result wrapping in between. SQLAlchemy still
owns the connection and the transaction around them.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy.engine import Connection

from newsgraph.store.keys import role_id
from newsgraph.store.prepare import Prepared

# Insert order and columns per table; every insert ignores rows whose key already exists,
# which is what makes re-running an ingest a no-op.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "text_hash", "title", "published", "site", "language", "url",
                 "n_quotes", "text", "record"),
    "article_sources": ("id", "article_id", "record_id", "url", "path", "format",
                        "source_offset"),
    "people": ("id", "slug", "name", "name_key", "scope", "first_article"),
    "person_names": ("person_id", "name", "name_key"),
    "person_tokens": ("token", "person_id"),
    "person_affiliations": ("person_id", "kind", "key", "value"),
    "organisations": ("key", "name"),
    "sites": ("site",),
    "roles": ("id", "person_id", "article_id", "title", "org", "place", "published"),
    "mentions": ("article_id", "local_id", "type", "name", "person_id"),
    "quote_sources": ("quote_id", "article_id", "local_id", "person_id", "speaker_text",
                      "speaker_title", "speaker_org", "cue", "content_start", "content_end",
                      "published", "site", "quote_group"),
    "quotes": ("id", "qkey", "person_id", "speaker", "type", "content", "published",
               "article_id", "sites", "kind"),
    "events": ("article_id", "local_id", "type", "trigger_text", "place", "date",
               "participants", "status", "code", "published"),
    "event_participants": ("article_id", "local_id", "entity_id", "name", "name_key", "type",
                           "person_id"),
    "person_genders": ("article_id", "local_id", "person_id", "gender", "evidence"),
}


def insert_sql(dialect: str, table: str) -> str:
    cols = COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in cols)
    if dialect == "sqlite":
        marks = ", ".join("?" for _ in cols)
        return f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'
    marks = ", ".join("%s" for _ in cols)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING'


_INSERTS = {d: {t: insert_sql(d, t) for t in COLUMNS} for d in ("sqlite", "postgresql")}


class Sql:
    """The driver's cursor under a SQLAlchemy connection, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.dialect = conn.dialect.name
        self.sqlite = self.dialect == "sqlite"
        self.cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

    def run(self, sql: str, params: tuple | list = ()) -> None:
        self.cur.execute(sql, params)

    def many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.cur.executemany(sql, rows)

    def all(self, sql: str, params: tuple | list = ()) -> list[Any]:
        self.cur.execute(sql, params)
        return self.cur.fetchall()

    def where_in(self, cols: str, table: str, key: str, values: Collection[Any],
                 pg_type: str) -> list[Any]:
        """``SELECT cols FROM table WHERE key IN values``, one statement for any number of
        values: a JSON array through ``json_each`` on SQLite, an array on PostgreSQL."""
        if not values:
            return []
        if self.sqlite:
            return self.all(f"SELECT {cols} FROM {table} WHERE {key} IN "
                            "(SELECT value FROM json_each(?))",
                            (json.dumps(list(values), ensure_ascii=False),))
        return self.all(f"SELECT {cols} FROM {table} WHERE {key} = ANY(%s::{pg_type}[])",
                        (list(values),))


class Rows:
    def __init__(self) -> None:
        self.data: dict[str, list[tuple]] = {t: [] for t in COLUMNS}

    def add(self, table: str, row: tuple) -> None:
        self.data[table].append(row)

    def add_role(self, pid: int, art: Prepared, title: str | None, org: str | None,
                 place: str | None) -> None:
        self.data["roles"].append((role_id(pid, art.id, title, org, place, art.published), pid,
                                   art.id, title, org, place, art.published))

    def flush(self, db: Sql) -> None:
        sql = _INSERTS[db.dialect]
        for table, rows in self.data.items():
            if rows:
                db.many(sql[table], rows)
                rows.clear()


def sites_value(dialect: str, sites: set[str]) -> str | list[str] | None:
    """quotes.sites as each backend stores it (see the migration)."""
    if not sites:
        return None
    ordered = sorted(sites)
    return ordered if dialect == "postgresql" else " ".join(ordered)


def sites_of(value: str | list[str] | None) -> set[str]:
    if not value:
        return set()
    return set(value) if isinstance(value, list) else set(value.split())


def update_sites_sql(dialect: str) -> str:
    mark = "?" if dialect == "sqlite" else "%s"
    return f'UPDATE "quotes" SET "sites" = {mark} WHERE "id" = {mark}'
