"""Date normalisation: 'April 25' -> 'XXXX-04-25' (or '2019-04-25' with a reference date).

ISO 8601 with unknown parts written as X (TimeML's convention): a year alone '2018', a month
'2019-02' or 'XXXX-02', a day 'XXXX-04-25'. Relative expressions ('Tuesday', 'last week',
'yesterday', 'next month', 'last December', 'eight years ago', 'this past weekend') resolve
only when the publication date is known, as far as they go: 'last week' is a month when the
week lies in one month, else the year; a season is its year.
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


TIME_OF_DAY = frozenset("morning afternoon evening night noon midday".split())
SEASONS = frozenset("spring summer fall autumn winter".split())
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        """
        zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen
    """.split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
_AGO = re.compile(
    r"^(?:some |about |nearly |almost |more than )?([\w-]+) (year|month|week|day)s? ago$"
)
_SEASON_OF = re.compile(
    r"^(?:the )?(?:early |late )?(spring|summer|fall|autumn|winter) of (\d{4})$"
)


def _number(word: str) -> int | None:
    """'74', 'eight', 'seventy-four', 'a' -> the number; None for anything else."""
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    tens, _, ones = word.partition("-")
    if tens in TENS and (not ones or ones in NUMBER_WORDS):
        return TENS[tens] + (NUMBER_WORDS[ones] if ones else 0)
    return None


def _month_shift(ref: date, months: int) -> str:
    k = ref.year * 12 + ref.month - 1 + months
    return f"{k // 12}-{k % 12 + 1:02d}"


def _span(first: date, last: date) -> str:
    """A stretch of days as far as it is one period: a day, a month, else a year."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year}-{first.month:02d}"
    return str(first.year) if first.year == last.year else str(last.year)


def _week(ref: date, weeks: int) -> str:
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=weeks)
    return _span(monday, monday + timedelta(days=6))


def _relative(low: str, ref: date | None, future: bool = False) -> str | None:
    words = [w for w in low.replace(",", " ").split() if w not in TIME_OF_DAY]
    low = " ".join(words)
    m = _SEASON_OF.match(low)
    if m:
        return m[2]  # "the fall of 2018": a season is its year
    if ref is None:
        return None
    if not words:
        return None
    if low in ("today", "this", "tonight"):  # "this morning", "tonight"
        return ref.isoformat()
    if low in ("yesterday", "last"):
        return (ref - timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    if words and words[0] == "earlier":
        words = words[1:]
        low = " ".join(words)
    if words and words[-1] in WEEKDAYS and len(words) <= 2:
        target = WEEKDAYS[words[-1]]
        delta = (ref.weekday() - target) % 7
        if words[0] == "next" or (future and words[0] != "last"):
            return (ref + timedelta(days=(target - ref.weekday()) % 7 or 7)).isoformat()
        return (ref - timedelta(days=delta)).isoformat()
    if words[-1:] == ["weekend"] and len(words) <= 3:
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if words[0] == "next" or (future and "past" not in words and words[0] != "last"):
            saturday = ref + timedelta(days=(5 - ref.weekday()) % 7 or 7)
        return saturday.isoformat()
    period = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
    if len(words) == 2 and words[0] in period:
        shift, unit = period[words[0]], words[1]
        if unit == "week":
            return _week(ref, shift)
        if unit == "month":
            return _month_shift(ref, shift)
        if unit == "year":
            return str(ref.year + shift)
        if unit in SEASONS:
            return str(ref.year + (shift if unit != "winter" or shift >= 0 else 0))
        month = MONTHS.get(unit.rstrip("."))
        if month is not None:  # "last December", "next March", "this June"
            if shift < 0:
                year = ref.year if month < ref.month else ref.year - 1
            elif shift > 0:
                year = ref.year if month > ref.month else ref.year + 1
            else:
                year = ref.year
            return f"{year}-{month:02d}"
    m = _AGO.match(low)
    if m:
        n = _number(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "year":
            return str(ref.year - n)
        if unit == "month":
            return _month_shift(ref, -n)
        if unit == "week":
            return _week(ref, -n)
        return (ref - timedelta(days=n)).isoformat()
    return None
