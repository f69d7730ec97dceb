"""Statements per month over every match of a search, or of one person.

A statement's id carries its date (days since 1800 in the high bits, ``keys.quote_id``), so
the months are counted from the ids the search yields, without reading a statement row:
``GROUP BY id >> 36`` over the matches (full-text posting lists, the ``(person_id, id)``
index, the primary key). A statement is dated by its first copy; one dated only by its year
or month counts in that period's first month; undated ones are counted apart.
"""

from __future__ import annotations

import weakref
from collections import Counter
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from newsgraph.store import day_counts, narrow
from newsgraph.store.keys import HASH_BITS, id_range, month_of
from newsgraph.store.search import fts_errors, matches, plan, run
from newsgraph.store.view_models import MonthCount, MonthCounts

_BY_DAYS = {"kind", "since", "until"}  # the filters quote_days can answer alone


def month_counts(conn: Connection, query: str | None = None, **filters: Any) -> MonthCounts:
    """Statements per month for ``search(conn, query, **filters)`` (every match).

    With no query and no filter but kind and dates, from the day counts (``quote_days``,
    0008) when the knowledge base has them."""
    pl = plan(conn, query, **filters)
    if pl.empty:
        return MonthCounts(0, 0, [], pl.echo)
    if (pl.parsed is None and _has_days(conn)
            and all(v in (None, "") for k, v in filters.items() if k not in _BY_DAYS)):
        lo, hi = id_range(pl.echo.get("since"), pl.echo.get("until"))
        kind = narrow.kind_filter(filters.get("kind", narrow.DEFAULT_KIND))
        rows: list[Any] = day_counts.months(conn, kind, lo, hi)
    else:
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


_days: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _has_days(conn: Connection) -> bool:
    """The knowledge base has ``quote_days`` (0008; a 0007 one served read-only has not).
    Read once per engine, as ``narrow.columns``: migrations run only on writable opens."""
    known = _days.get(conn.engine)
    if known is None:
        known = _days[conn.engine] = inspect(conn).has_table("quote_days")
    return known
