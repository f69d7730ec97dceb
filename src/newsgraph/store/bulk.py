"""Bulk loads on SQLite: secondary indexes that no ingest decision reads are dropped while a
large ingest runs and built again, sorted, at its end.

Why: every key an ingest inserts into these indexes is random (a person id, an article id,
which is a sha1), so each transaction rewrites a page of each index per row or so. On a
million statements these pages were about 40% of all the pages a commit wrote to the WAL
(and then to the database at the next checkpoint); building an index once at the end sorts
its keys and writes each page once.

Which indexes: only those the ingest never reads (its lookups use the primary keys, the
unique keys ``quotes.qkey`` and ``articles.text_hash``, ``article_sources.record_id``,
``people.name_key``), so ingest decisions, row contents and ids are the same with or without
them. Readers meanwhile (a web server) get the same answers, some of them slower (an
article's quotes, a person's quotes and roles) until the load ends.

Crash safety: dropping them is one committed transaction, and building them again is
another, so the database is always either complete or "rows complete, these indexes
missing" (never a half-built index). A missing index is what says "a bulk load did not
finish": ``restore`` builds whatever is missing; every writable ``open_store`` calls it, and
a bulk load calls it at its end (after an error too). So a load killed at any moment and run
again ends with the rows *and* the indexes of one uninterrupted run.
"""

from __future__ import annotations

import time

from sqlalchemy import Index
from sqlalchemy.engine import Connection, Engine

from newsgraph.store import schema

# Secondary indexes that ingest decisions never read (see above).
DEFERRED = ("ix_quote_sources_article", "ix_mentions_person", "ix_quotes_person_id",
            "ix_article_sources_article", "ix_roles_person", "ix_articles_id_published")

# Go bulk once the run has written this many records and at least a quarter of the number
# of articles stored when it began: building the indexes again costs about as much as 7%
# of ingesting everything there is, so a small ingest into a large base is better without.
BULK_MIN_RECORDS = 5_000
BULK_MIN_SHARE = 0.25
# Records per transaction in a bulk load (or the batch size asked for, if larger): each
# commit rewrites index pages all over the random keys that remain (``quotes.qkey``,
# ``mentions``, ``articles.id``...), so five times fewer commits write about half the pages.
BULK_BATCH = 5000


def deferred_indexes() -> list[Index]:
    by_name = {i.name: i for t in schema.TABLES for i in t.indexes}
    return [by_name[n] for n in DEFERRED]


def _present(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}


def supported(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def drop(engine: Engine) -> None:
    """Start a bulk load: drop the deferred indexes (one transaction)."""
    with engine.begin() as conn:
        present = _present(conn)
        for ix in deferred_indexes():
            if ix.name in present:
                conn.exec_driver_sql(f'DROP INDEX "{ix.name}"')


def missing(engine: Engine) -> list[str]:
    if not supported(engine):
        return []
    with engine.connect() as conn:
        present = _present(conn)
    return [n for n in DEFERRED if n not in present]


def restore(engine: Engine) -> float:
    """Build every deferred index that is missing (one transaction); seconds spent."""
    if not missing(engine):
        return 0.0
    t = time.perf_counter()
    with engine.begin() as conn:
        present = _present(conn)
        todo = [ix for ix in deferred_indexes() if ix.name not in present]
        for ix in todo:
            ix.create(conn)
    return time.perf_counter() - t if todo else 0.0
