"""Date normalisation: 'April 25' -> 'XXXX-04-25' (or '2019-04-25' with a reference date).

ISO 8601 with unknown parts written as X (TimeML's convention): a year alone '2018', a month
'2019-02' or 'XXXX-02', a day 'XXXX-04-25'. Relative expressions ('Tuesday', 'last week',
'yesterday') resolve only when the publication date is known.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        """
        monday tuesday wednesday thursday friday saturday sunday
    """.split()
    )
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_MONTH}(?:\s+(?:of\s+)?{_YEAR})?\b", re.I),
    re.compile(rf"\b{_YEAR}-(?P<m2>\d\d)-(?P<d2>\d\d)\b"),
    re.compile(rf"\b{_YEAR}\b"),
]
ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def parse_reference(published: str | None) -> date | None:
    if not published:
        return None
    m = ISO_DAY.match(published)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def normalize(expr: str, published: str | None = None, future: bool = False) -> str | None:
    """An ISO (possibly partial) date for a date expression, or None. ``future``: the
    expression is about something to come ("will meet on Thursday": the next Thursday)."""
    ref = parse_reference(published)
    low = expr.lower().strip()
    rel = _relative(low, ref, future)
    if rel is not None:
        return rel
    for pat in PATTERNS:
        m = pat.search(expr)
        if not m:
            continue
        g = m.groupdict()
        if g.get("m2"):
            return f"{g['year']}-{g['m2']}-{g['d2']}"
        year = g.get("year")
        month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
        day = int(g["day"]) if g.get("day") else None
        if month is None:
            return year
        if month == 5 and not day and not year and expr.strip().lower() == "may":
            return None  # the modal verb, not the month
        if day is not None and not 1 <= day <= 31:
            continue
        if year is None and ref is not None:
            year = str(_nearest_year(ref, month, day or 1))
        y = year or "XXXX"
        return f"{y}-{month:02d}-{day:02d}" if day else f"{y}-{month:02d}"
    return None


def _nearest_year(ref: date, month: int, day: int) -> int:
    """News dates without a year: the occurrence nearest the publication date."""
    best = ref.year
    best_gap = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((date(y, month, min(day, 28)) - ref).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _relative(low: str, ref: date | None, future: bool = False) -> str | None:
    if ref is None:
        return None
    if low in ("today", "this morning", "this afternoon", "tonight", "this evening"):
        return ref.isoformat()
    if low in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    words = low.split()
    if words and words[-1] in WEEKDAYS and len(words) <= 2:
        target = WEEKDAYS[words[-1]]
        delta = (ref.weekday() - target) % 7
        if words[0] == "next" or (future and words[0] != "last"):
            return (ref + timedelta(days=(target - ref.weekday()) % 7 or 7)).isoformat()
        return (ref - timedelta(days=delta)).isoformat()
    if low == "last year":
        return str(ref.year - 1)
    if low == "this year":
        return str(ref.year)
    if low == "next year":
        return str(ref.year + 1)
    return None
