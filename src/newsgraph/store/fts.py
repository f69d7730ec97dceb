"""SQLite full-text index maintenance: set-based, one statement per batch.

``quotes_fts`` is an FTS5 table whose external content is the view ``quotes_fts_content``
(see the migrations). The ingest keeps it in step itself, inside the transaction that writes
the quotes, instead of through per-row triggers (migration 0002 dropped the insert and update
triggers; the delete trigger stays for hand-made deletes):

* new quotes: one ``INSERT INTO quotes_fts ... SELECT ... FROM quotes_fts_content`` per batch,
  in rowid order;
* quotes whose indexed values change (a known statement seen on a new site): one FTS5
  ``'delete'`` of the old values before the update, then they are indexed again with the new
  ones.

Why it matters: FTS5 writes its in-memory pending terms to disk as a new segment whenever a
statement opens a savepoint on it (every row a trigger fires for) and whenever a rowid is
not larger than the previous one (quote ids are random within a day). A per-row trigger
therefore wrote about one segment per quote, and most of FTS5's time went into writing and
merging those. One ascending set-based insert per batch writes one segment per batch.

Crash safety needs nothing more: the index rows are written in the same transaction as the
quotes, so a commit has both and a crash has neither.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol


class _Db(Protocol):
    def run(self, sql: str, params: tuple = ()) -> None: ...

_COLS = "rowid, content, speaker, sites"
_IDS = "SELECT value FROM json_each(?)"

INDEX_SQL = (f"INSERT INTO quotes_fts({_COLS}) SELECT id, content, speaker, sites "
             f"FROM quotes_fts_content WHERE id IN ({_IDS}) ORDER BY id")
UNINDEX_SQL = (f"INSERT INTO quotes_fts(quotes_fts, {_COLS}) SELECT 'delete', id, content, "
               f"speaker, sites FROM quotes_fts_content WHERE id IN ({_IDS}) ORDER BY id")


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(ids))


def index(db: _Db, ids: Iterable[int]) -> None:
    """Add stored quotes (not yet in the index) to the full-text index."""
    ids = list(ids)
    if ids:
        db.run(INDEX_SQL, (_ids(ids),))


def unindex(db: _Db, ids: Iterable[int]) -> None:
    """Remove quotes from the index, with the values they are indexed under now (call it
    before changing their content, person or sites, then ``index`` them again)."""
    ids = list(ids)
    if ids:
        db.run(UNINDEX_SQL, (_ids(ids),))
