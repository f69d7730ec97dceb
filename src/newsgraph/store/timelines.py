"""Statements per month over every match of a search, or of one person.

A statement's id carries its date (days since 1800 in the high bits, ``keys.quote_id``), so
the months are counted from the ids the search yields, without reading a statement row:
``GROUP BY id >> 36`` over the matches (full-text posting lists, the ``(person_id, id)``
index, the primary key). A statement is dated by its first copy; one dated only by its year
or month counts in that period's first month; undated ones are counted apart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from newsgraph.store.keys import HASH_BITS, month_of
from newsgraph.store.search import fts_errors, matches, plan, run
from newsgraph.store.view_models import MonthCount, MonthCounts


def month_counts(conn: Connection, query: str | None = None, **filters: Any) -> MonthCounts:
    """Statements per month for ``search(conn, query, **filters)`` (every match)."""
    pl = plan(conn, query, **filters)
    if pl.empty:
        return MonthCounts(0, 0, [], pl.echo)
    base, _key, params = matches(conn, pl)
    with fts_errors():
        rows = run(conn, f"SELECT m.id / :unit AS d, count(*) FROM ({base}) m GROUP BY d",
                   {**params, "unit": 1 << HASH_BITS})
    months: Counter[str] = Counter()
    undated = 0
    for day, n in rows:
        if day:
            months[month_of(int(day) << HASH_BITS) or ""] += n
        else:
            undated += n
    total = undated + sum(months.values())
    return MonthCounts(total, undated, [MonthCount(m, n) for m, n in sorted(months.items())],
                       pl.echo)
