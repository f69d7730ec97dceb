"""Publication date of an HTML page (ISO ``YYYY-MM-DD``): what the page declares (JSON-LD
datePublished, article:published_time and kin, <time itemprop=datePublished>), the URL's
date path, then htmldate's search of the page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from lxml.html import HtmlElement

from .meta import PageMeta

ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d]|$)")
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "og:published_time", "published_time", "article.published", "pubdate", "publishdate",
    "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dc.date", "dcterms.date", "dcterms.created", "citation_publication_date",
    "citation_date", "date", "article:published", "cxenseparse:recs:publishtime",
)


def iso(value: object, today: date | None = None) -> str | None:
    """``YYYY-MM-DD`` from an ISO-like timestamp, if it is a plausible past date."""
    if not isinstance(value, str):
        return None
    m = ISO.search(value)
    if not m:
        m2 = re.search(r"(\d{4})/(\d{1,2})/(\d{1,2})", value)
        if not m2:
            written = date_in_text(value) if len(value) <= 40 else None
            return iso(written, today) if written else None
        m = m2
    y, mo, d = (int(x) for x in m.groups())
    try:
        got = date(y, mo, d)
    except ValueError:
        return None
    limit = today or date.today()
    if got.year < 1990 or got > limit:
        return None
    return got.isoformat()


def declared_date(pm: PageMeta) -> str | None:
    """The publication date the page declares in its metadata: <meta> published-time
    tags (what the page shows to sharers), then JSON-LD ``datePublished``."""
    for name in PUBLISHED_META:
        for v in pm.meta.get(name, []):
            got = iso(v)
            if got:
                return got
    for o in pm.ld_articles():
        got = iso(o.get("datePublished"))
        modified = iso(o.get("dateModified"))
        if got and not (modified and modified < got):  # published after modified: a re-stamp
            return got
    for dt, prop in pm.times:
        if "published" in prop or "pubdate" in prop:
            got = iso(dt)
            if got:
                return got
    return None


def url_date(url: str | None) -> str | None:
    """A date written into the URL path (``/2019/04/26/``)."""
    if not url:
        return None
    m = URL_DATE.search(url)
    return iso("-".join(m.groups())) if m else None


NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?!\d)")


def reference_date(path: str | None, url: str | None) -> str | None:
    """A date the page's address or file name is written with ("/2019/04/26/",
    "breitbart_2016-09-25_pence.txt"): where the text gives no date, relative dates
    ("on Monday") are read against it. Not the publication date the record reports."""
    got = url_date(url) or url_date(path)
    if got or not path:
        return got
    m = NAME_DATE.search(path.replace("\\", "/").rsplit("/", 1)[-1])
    return iso("-".join(m.groups())) if m else None


def search_date(tree: HtmlElement, url: str | None = None) -> str | None:
    """htmldate's original-date search over the page's markup. Its extensive search (free
    text through dateparser) is not used: it costs seconds of set-up per process and, on
    the dev pages, found mostly dates the ground truth does not have; the first date
    written in the page's short blocks (``page_date``) takes its place."""
    try:
        from htmldate import find_date

        return iso(find_date(tree, url=url, original_date=True, extensive_search=False,
                             outputformat="%Y-%m-%d"))
    except Exception:  # noqa: BLE001 - a failed search is a missing date
        return None


def publication_date(tree: HtmlElement, pm: PageMeta, url: str | None = None,
                     dateline: str | None = None,
                     written: Callable[[], str | None] | None = None) -> str | None:
    """The URL's date, else the declared one, else a ``dateline`` found in the text by the
    caller, else htmldate's search of the markup, else the first date ``written`` in the
    page (measured on the dev pages in that order of trust)."""
    return (url_date(url or pm.url) or declared_date(pm) or dateline
            or search_date(tree, url or pm.url) or (written() if written else None))


MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
TEXT_DATES = (
    (re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I), ("m", "d", "y")),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(\d{4})", re.I),
     ("d", "m", "y")),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    # dotted numeric dates are day-first wherever they are written ("12.03.2025"; two-digit
    # day and month: "1.2.2024" is as likely a version number)
    (re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{4})(?![\d.])"), ("d", "m", "y")),
)


def date_in_text(text: str) -> str | None:
    """The first full date written out in ``text`` ("April 26, 2019", "26 Apr 2019",
    "2019-04-26", "26.04.2019"), as ISO; slashed numeric dates (04/05/2019) are ambiguous:
    skipped."""
    best: tuple[int, str] | None = None
    for pattern, order in TEXT_DATES:
        m = pattern.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        mon = parts["m"]
        month = MONTHS.get(mon[:3].lower()) if not mon.isdigit() else int(mon)
        got = iso(f"{parts['y']}-{month}-{parts['d']}") if month else None
        if got and (best is None or m.start() < best[0]):
            best = (m.start(), got)
    return best[1] if best else None
