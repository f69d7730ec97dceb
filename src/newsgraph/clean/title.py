"""The headline of an HTML page: agree the page's title sources (og:title, JSON-LD headline,
<title>, <h1>) and strip the site name that <title> and og:title often carry."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from .dates import date_in_text
from .meta import PageMeta
from .normalize import tidy

WORD = re.compile(r"\w+", re.UNICODE)
SEPARATOR = re.compile(r"\s+[|\-–—·•»:/~]\s+|\s*[|•»]\s*|\s+::\s+")


def words(s: str | None) -> tuple[str, ...]:
    return tuple(w.lower() for w in WORD.findall(s or ""))


def _squash(s: str) -> str:
    return "".join(words(s))


def site_like(part: str, sites: list[str]) -> bool:
    """True when ``part`` names the site: equals a site name or the host, word- or
    letter-wise ("The Motley Fool", "Accounting.com", "FieldEdge" vs fieldedge.com)."""
    sq = _squash(part)
    if not sq:
        return True
    for site in sites:
        s = _squash(site)
        if not s:
            continue
        host_label = _squash(site.split(".")[0]) if "." in site and " " not in site else ""
        if sq in (s, host_label) or (len(sq) >= 4 and sq in s):
            return True
        if host_label and len(host_label) >= 4 and host_label in sq and len(words(part)) <= 4:
            return True
    return False


# Words of a site's own navigation: an <h1> of them with the site's name ("msn back to msn
# home news") is a logo or menu, not the headline.
NAVIGATION_WORDS = frozenset("home back menu skip navigation homepage main".split())


def navigation_like(heading: str, sites: list[str]) -> bool:
    """True for a heading made of the site's name and navigation words."""
    ws = words(heading)
    if not ws or not any(w in NAVIGATION_WORDS for w in ws):
        return False
    names = {_squash(s.split(".")[0]) if "." in s and " " not in s else _squash(s)
             for s in sites}
    return any(w in names for w in ws) or any(n and n in _squash(heading) for n in names
                                              if len(n) >= 4)


def unglue_site(title: str, sites: list[str], min_rest: int = 10) -> str:
    """Drop a site name glued to either end of ``title`` without a separator ("... la
    InfantaUltima Hora", the site being "Ultima Hora")."""
    for site in sites:
        s = site.strip()
        if len(s) < 4 or "." in s and " " not in s:
            continue
        if len(title) >= len(s) + min_rest:
            if title.endswith(s) and title[-len(s) - 1].isalnum():
                return title[: -len(s)].strip()
            if title.startswith(s) and title[len(s)].isalnum():
                return title[len(s):].strip()
    return title


def strip_site(title: str, sites: list[str]) -> str:
    """Drop leading/trailing parts of ``title`` that name the site ("X | Site", "Site - X",
    or glued on: "XSite")."""
    title = unglue_site(title, sites)
    parts = [p for p in SEPARATOR.split(title) if p is not None]
    seps = SEPARATOR.findall(title)
    if len(parts) < 2:
        return title.strip()
    start, end = 0, len(parts)
    while end - start > 1 and site_like(parts[end - 1], sites):
        end -= 1
    while end - start > 1 and site_like(parts[start], sites):
        start += 1
    if (start, end) == (0, len(parts)):
        return title.strip()
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip()


def prefixes(title: str) -> list[str]:
    """``title`` and its leading parts at each separator ("A: B | C" -> "A: B", "A")."""
    out = [title]
    for m in reversed(list(SEPARATOR.finditer(title))):
        head = title[: m.start()].strip()
        if head:
            out.append(head)
    return out


def _norm(s: str) -> tuple[str, ...]:
    """Words for comparing two spellings of one headline ("&" reads "and")."""
    return words(re.sub(r"\s&\s", " and ", s))


def strip_section(title: str) -> str:
    """Drop a trailing section label or tagline of one to three words after a pipe ("X |
    Opinion", "X | Top 19 Companies")."""
    head, sep, tail = title.rpartition(" | ")
    if sep and head.strip() and 1 <= len(words(tail)) <= 3 and len(words(head)) >= 4:
        return head.strip()
    return title


def choose_title(pm: PageMeta, url: str | None = None, min_similarity: float = 0.25,
                 near_body: str | None = None) -> str | None:
    """The page's headline, without the site name. ``near_body`` is the text of the <h1>
    closest before the article body, tried first among the page's <h1>s."""
    sites = [tidy(x) for x in pm.site_names()]
    if url:
        host = urlparse(url).netloc.lower().removeprefix("www.")
        if host:
            sites.append(host)
    metas = [tidy(t) for t in (
        pm.first("og:title"), pm.first("twitter:title"),
        *[h for h in pm.ld_values("headline") if isinstance(h, str)],
        pm.first("parsely-title", "sailthru.title", "dc.title", "title"),
        pm.title_tag,
    ) if t]
    stripped = [strip_section(strip_site(t, sites)) for t in metas]
    agreed = {_norm(v) for t in stripped for v in prefixes(t)} | {_norm(t) for t in metas}
    h1s = [tidy(h) for h in pm.h1]
    if near_body and tidy(near_body) in h1s:
        h1s.remove(tidy(near_body))
        h1s.insert(0, tidy(near_body))
    heads = [strip_section(strip_site(h, sites)) for h in h1s]
    heads = [h for h in heads if words(h) and not site_like(h, sites)
             and not navigation_like(h, sites)]
    # an <h1> whose characters were lost to a bad encoding ("Beginner? Guide", "Caf\ufffd")
    # yields to the title source it otherwise spells
    for h in heads:
        for t in stripped:
            if lost_chars(h, t):
                return t
    # an <h1> that some title source agrees with is the headline (spelled as the source does
    # when they differ only in "&"/"and")
    for h in heads:
        if _norm(h) in agreed:
            return next((t for t in stripped if _norm(t) == _norm(h) and words(t) != words(h)),
                        h)
    # an <h1> that runs on past a title source into a byline ("Headline Posted on May 1 by
    # X"); a longer headline that merely starts like a source stays ("X, Reviewed by Y")
    for h in heads[:1]:
        for t in stripped:
            n = len(words(t))
            if n >= 3 and len(words(h)) > n and words(h)[:n] == words(t) \
                    and bylineish(h[list(WORD.finditer(h))[n - 1].end():]):
                return t
    # an <h1> that carries a short kicker before the title two sources agree on ("Customer
    # stories Klatch Coffee" where og:title and <title> say "Klatch Coffee")
    for h in heads[:1]:
        for t in stripped:
            n, m = len(words(t)), len(words(h))
            if n >= 2 and n < m <= n + 6 and words(h)[m - n:] == words(t) \
                    and sum(words(x) == words(t) for x in stripped) >= 2:
                return t
    # else the visible headline: the <h1> closest to what the title sources say
    if heads:
        if not stripped:
            return heads[0]
        best = max(heads, key=lambda h: max(similarity(h, t) for t in stripped))
        if max(similarity(best, t) for t in stripped) >= min_similarity:
            return best
    for t in stripped:
        if words(t) and not site_like(t, sites):
            return t
    return heads[0] if heads else (stripped[0] if stripped else None)


def lost_chars(damaged: str, source: str) -> bool:
    """True when ``damaged`` is ``source`` with some characters replaced by "?" or U+FFFD
    (one such mark standing for up to three characters within a word, "Beginner's" ->
    "Beginner?")."""
    if not re.search(r"[?\ufffd]", damaged) or words(damaged) == words(source):
        return False
    pattern = "".join(r"\S{0,3}" if c in "?\ufffd" else re.escape(c) for c in damaged)
    return re.fullmatch(pattern, source, re.S | re.I) is not None


BYLINE_START = re.compile(r"\W*(?:posted|published|updated|last updated|written|by|on)\b", re.I)


def bylineish(tail: str) -> bool:
    """True when ``tail`` (what follows a headline inside its element) reads as a byline or
    dateline: it starts with "Posted", "By", "Updated"... or holds a date."""
    return bool(BYLINE_START.match(tail) or date_in_text(tail))


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of two strings' word sets."""
    x, y = set(words(a)), set(words(b))
    return len(x & y) / len(x | y) if x | y else 0.0
