"""Untrusted text to safe HTML: spans highlighted, every text segment escaped.

Article text, titles and names come from arbitrary web pages. Nothing here ever inserts
them raw: text goes through ``markupsafe.escape`` and tags are built only from our own
class names and from URLs that ``safe_href`` accepted.

Spans may overlap in any way (a speaker inside an entity mention, nested quotes, a cue
half inside a quote). ``render`` turns them into properly nested elements by closing the
elements above a span that ends and reopening the ones still running (a span can come out
in several pieces; only the first carries its ``id``). A link never opens inside a link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from newsgraph.store.query import tokens

# Outer to inner when two spans cover the same text.
PRIORITY = {"content": 0, "speaker": 1, "entity": 2, "event": 3, "cue": 4}


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of text to wrap: ``classes`` are ours, ``title`` and ``href`` are escaped."""

    start: int
    end: int
    kind: str  # content | speaker | entity | event | cue
    classes: str
    href: str | None = None
    title: str | None = None
    anchor: str | None = None  # an id for the first piece (#q-Q1)


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no javascript:, data:, ...)."""
    if not url or len(url) > 2048:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in url for c in "\x00\r\n\t<>\"'` "):
        return None
    return url


def _open(mark: Mark, first: bool, inside_link: bool) -> Markup:
    attrs = Markup(' class="{}"').format(mark.classes)
    if first and mark.anchor:
        attrs += Markup(' id="{}"').format(mark.anchor)
    if mark.title:
        attrs += Markup(' title="{}"').format(mark.title)
    if mark.href and not inside_link:
        return Markup('<a href="{}"{}>').format(mark.href, attrs)
    return Markup("<span{}>").format(attrs)


def _close(mark: Mark, inside_link: bool) -> Markup:
    return Markup("</a>" if mark.href and not inside_link else "</span>")


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` as properly nested elements."""
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    starts: dict[int, list[Mark]] = defaultdict(list)
    for m in valid:
        starts[m.start].append(m)
    bounds = sorted({0, n} | {m.start for m in valid} | {m.end for m in valid})
    out: list[str] = []
    stack: list[tuple[Mark, bool]] = []  # (mark, rendered as a plain span inside a link)
    opened: set[int] = set()
    for i, pos in enumerate(bounds):
        reopen: list[Mark] = []
        ending = [k for k, (m, _) in enumerate(stack) if m.end == pos]
        if ending:
            popped = stack[ending[0]:]
            del stack[ending[0]:]
            for m, demoted in reversed(popped):
                out.append(_close(m, demoted))
            reopen = [m for m, _ in popped if m.end != pos]
        for m in sorted(reopen + starts.get(pos, []), key=lambda m: (-m.end, PRIORITY.get(
                m.kind, 9), m.start)):
            in_link = any(o.href and not d for o, d in stack)
            out.append(_open(m, id(m) not in opened, in_link))
            opened.add(id(m))
            stack.append((m, in_link))
        if i + 1 < len(bounds):
            out.append(escape(text[pos:bounds[i + 1]]))
    for m, demoted in reversed(stack):
        out.append(_close(m, demoted))
    return Markup("".join(out))


_WORD = re.compile(r"[^\W_]+")


def _matches(word: str, terms: list[str]) -> bool:
    """A loose stand-in for the engines' stemming: a shared stem of 4+ letters, or equal."""
    w = tokens(word)
    if not w:
        return False
    w0 = w[0]
    for t in terms:
        if w0 == t:
            return True
        k = min(len(t), len(w0))
        if k >= 4 and w0[:max(4, k - 2)] == t[:max(4, k - 2)] and abs(len(w0) - len(t)) <= 3:
            return True
    return False


def mark_terms(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped, with words matching the search terms in ``<mark>``."""
    terms = [t for t in terms if t]
    if not terms:
        return escape(text)
    # A word can only match a term that starts with the same four letters (or fewer, for a
    # short word): most words of a page are ruled out without normalising them.
    heads = {t[:4] for t in terms}
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii() and word[:4].lower() not in heads:
            continue
        if _matches(word, terms):
            out.append(escape(text[last:m.start()]))
            out.append(Markup("<mark>{}</mark>").format(m.group()))
            last = m.end()
    out.append(escape(text[last:]))
    return Markup("".join(out))
