"""Statements per day and kind (``quote_days``, migration 0008), for the timeline of every
statement.

A statement's id carries its day (``keys.HASH_BITS``), so counting the statements of a
month is counting ids; over every statement that is a scan of the ~million entries of
``ix_quotes_kind`` (267-420 ms at a million statements on SQLite). These counts hold the
same numbers in a few thousand rows (21 ms). They change only where statements are created
or removed:

* the ingest adds each batch's new statements (``add``, in the batch's transaction: a
  batch is committed with its counts or not at all, so re-running or resuming an ingest
  gives the counts of one uninterrupted run);
* a merge of profiles removes the statements it merges into another (``add`` with -1);
* migration 0008 counts what is stored (``fill``).

Every other path (hand-made deletes) would leave them stale: ``fill`` rebuilds them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from newsgraph.store.keys import HASH_BITS

UNIT = 1 << HASH_BITS


def fill(conn: Connection) -> None:
    """Count every stored statement again (the migration; a repair)."""
    conn.execute(text("DELETE FROM quote_days"))
    conn.execute(text("INSERT INTO quote_days (day, kind, n) SELECT id / :unit, kind, "
                      "count(*) FROM quotes GROUP BY id / :unit, kind"), {"unit": UNIT})


def add(conn: Connection, quotes: Iterable[tuple[int, str]], sign: int = 1) -> None:
    """Count statements ``(id, kind)`` in (``sign`` 1) or out (-1)."""
    per: Counter[tuple[int, str]] = Counter()
    for qid, kind in quotes:
        per[(qid >> HASH_BITS, kind)] += sign
    rows = [{"d": d, "k": k, "n": n} for (d, k), n in sorted(per.items()) if n]
    if rows:
        conn.execute(text("INSERT INTO quote_days (day, kind, n) VALUES (:d, :k, :n) "
                          "ON CONFLICT (day, kind) DO UPDATE SET n = quote_days.n + excluded.n"),
                     rows)


def months(conn: Connection, kind: str | None, lo: int | None,
           hi: int | None) -> list[tuple[int, int]]:
    """``[(day, statements)]`` of one kind (None: every kind) between two quote ids."""
    conds = ["n <> 0"]
    params: dict[str, Any] = {}
    if kind is not None:
        conds.append("kind = :kind")
        params["kind"] = kind
    if lo is not None:
        conds.append("day >= :lo")
        params["lo"] = lo >> HASH_BITS
    if hi is not None:
        conds.append("day <= :hi")
        params["hi"] = hi >> HASH_BITS
    rows: list[Any] = list(conn.execute(text(
        f"SELECT day, sum(n) FROM quote_days WHERE {' AND '.join(conds)} GROUP BY day"),
        params))
    return [(int(d), int(n)) for d, n in rows]
