"""Deterministic keys: how rows are identified and deduplicated.

Every id is a function of the data and of the order records arrive in, never of a counter
or the clock. Re-running an ingest therefore finds the same keys (and inserts nothing), and
an ingest killed half-way and run again converges to the same rows as one clean run.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from functools import lru_cache

from newsgraph.store.names import hash53, hash63, text_key

_EPOCH = date(1800, 1, 1).toordinal()
DAY_BITS = 17  # days since 1800-01-01: enough until the year 2158
# Public ids (quotes, people) stay below 2**53 so JavaScript clients of the JSON API can hold
# them exactly. Same-day collisions of the 36 hash bits are resolved at insert (ingest.py).
ID_BITS = 53
HASH_BITS = ID_BITS - DAY_BITS
_HASH_MASK = (1 << HASH_BITS) - 1
MAX_DAY = (1 << DAY_BITS) - 1
SQL_INT_MAX = (1 << 63) - 1  # the largest integer SQLite and PostgreSQL (bigint) can hold


def as_row_id(value: str | int) -> int | None:
    """``value`` as a row id when it is written as one: an int or a string of ASCII digits
    that fits an SQL integer. None otherwise: ``"12ab"``, ``"¹"`` (a digit to ``isdigit``,
    not to ``int``), or a number too large for any row to have, which would overflow the
    database driver instead of matching nothing."""
    if isinstance(value, int):
        n = value
    elif value.isascii() and value.isdigit():
        n = int(value)
    else:
        return None
    return n if 0 <= n <= SQL_INT_MAX else None


@lru_cache(maxsize=1 << 14)
def day_number(published: str | None) -> int:
    """Days since 1800-01-01 (1-based) for an ISO date or a partial one; 0 when unknown."""
    if not published:
        return 0
    try:
        y = int(published[0:4])
        m = int(published[5:7]) if len(published) >= 7 else 1
        d = int(published[8:10]) if len(published) >= 10 else 1
        n = date(y, m, d).toordinal() - _EPOCH + 1
    except ValueError:
        return 0
    return min(max(n, 1), MAX_DAY)


def quote_id(qkey: int, published: str | None) -> int:
    """A quote's row id: its date in the high bits, so ``ORDER BY id`` is ``ORDER BY date``."""
    return dated(qkey, published)


def dated(h: int, published: str | None) -> int:
    """A hash with the date in its high bits: rows of one period sit together in the B-tree
    (inserts of a date-ordered stream append instead of touching pages all over the table)."""
    return (day_number(published) << HASH_BITS) | (h & _HASH_MASK)


def id_range(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    """Inclusive quote-id bounds for quotes dated within [since, until] (ISO dates)."""
    lo = (day_number(since) << HASH_BITS) if since else None
    hi = (((last_day_number(until) + 1) << HASH_BITS) - 1) if until else None
    return lo, hi


def last_day_number(until: str) -> int:
    """The day number of the last day a date means: ``2019-04`` is up to April 30, ``2019``
    up to December 31 (a full date is itself)."""
    if len(until) == 4 and until.isdigit():
        return day_number(f"{until}-12-31")
    if len(until) == 7:
        first = day_number(until)
        if not first:
            return 0
        nxt = date.fromordinal(first + _EPOCH - 1).replace(day=28) + timedelta(days=4)
        return day_number(nxt.replace(day=1).isoformat()) - 1
    return day_number(until)


def day_of(quote_or_row_id: int) -> date | None:
    """The date a dated id carries (None for an undated one)."""
    n = quote_or_row_id >> HASH_BITS
    return date.fromordinal(n + _EPOCH - 1) if n else None


def month_of(quote_or_row_id: int) -> str | None:
    """``YYYY-MM`` of the date a dated id carries (None for an undated one)."""
    d = day_of(quote_or_row_id)
    return f"{d.year:04d}-{d.month:02d}" if d else None


def quote_key(speaker_key: str, content: str) -> int:
    """Dedup key of a statement: who (normalised name) said what (normalised content)."""
    return hash63(speaker_key, text_key(content))


def article_text_hash(text: str) -> int:
    """Same text (up to whitespace) = same article, whatever URL it was fetched from."""
    digest = hashlib.blake2b(" ".join(text.split()).encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def person_id(slug: str) -> int:
    return hash53("person", slug)


def source_id(record_id: str, url: str | None, path: str | None, offset: int | None,
              published: str | None) -> int:
    return dated(hash63("source", record_id, url or "", path or "",
                        "" if offset is None else str(offset)), published)


def role_id(pid: int, article_id: str, title: str | None, org: str | None,
            place: str | None, published: str | None) -> int:
    return dated(hash63("role", str(pid), article_id, title or "", org or "", place or ""),
                 published)
