"""Find quoted passages by their quotation marks.

Works on the raw text, before parsing, and never fails on odd input: unbalanced marks,
straight and curly marks mixed, marks facing the wrong way ("blockade? “" closing a quote),
and quotations running over several paragraphs (the newspaper convention: each paragraph
of a long quotation opens with a mark, only the last one closes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
# Two-character marks used by some wire texts: ``like this'' and ''like this''.
MARK_RE = re.compile(r"``|''|[“”„«»\"]")
PARA_RE = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class Quoted:
    """A quoted passage: ``start``/``end`` delimit the words inside the marks."""

    start: int
    end: int
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark; None when the quote ran unclosed
    paragraphs: int = 1  # how many paragraphs the passage spans


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _opening_context(text: str, pos: int, width: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + width] if pos + width < len(text) else ""
    return (_is_space(before) or before in "([{—–-/:") and not _is_space(after)


def _closing_context(text: str, pos: int, width: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + width] if pos + width < len(text) else ""
    return not _is_space(before) and (_is_space(after) or after in ".,;:!?)]}—–-")


def _kind(mark: str) -> str:
    if mark in OPENERS or mark == "``":
        return "open"
    if mark in CLOSERS:
        return "close"
    return "either"  # " and ''


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by a blank line."""
    out, start = [], 0
    for m in PARA_RE.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def find_quoted(text: str) -> list[Quoted]:
    """All quoted passages in ``text``, in order, never overlapping."""
    result: list[Quoted] = []
    pending: Quoted | None = None  # a quote left open at the end of the previous paragraph
    for p_start, p_end in paragraphs(text):
        para_quotes, still_open = _scan_paragraph(text, p_start, p_end)
        if pending is not None:
            first = para_quotes[0] if para_quotes else still_open
            starts_with_mark = first is not None and first.open_mark == _first_nonspace(
                text, p_start, p_end
            )
            if starts_with_mark:
                # The quotation goes on in this paragraph: merge.
                if para_quotes:
                    first = para_quotes.pop(0)
                    pending.end, pending.close_mark = first.end, first.close_mark
                    pending.paragraphs += 1
                    result.append(pending)
                    pending = None
                else:
                    assert still_open is not None
                    pending.end = still_open.end
                    pending.paragraphs += 1
                    still_open = None
            else:
                result.append(pending)  # never closed: it ends with its paragraph
                pending = None
        result.extend(para_quotes)
        if still_open is not None:
            if pending is not None:
                result.append(pending)
            pending = still_open
    if pending is not None:
        result.append(pending)
    return [q for q in result if q.end > q.start and text[q.start : q.end].strip()]


def _first_nonspace(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[Quoted], Quoted | None]:
    """Closed quotes of one paragraph, and the quote still open at its end (if any)."""
    done: list[Quoted] = []
    current: Quoted | None = None
    for m in MARK_RE.finditer(text, start, end):
        pos, mark = m.start(), m.group()
        width = len(mark)
        kind = _kind(mark)
        opening = _opening_context(text, pos, width)
        closing = _closing_context(text, pos, width)
        if current is None:
            if (
                kind == "open"
                or (kind == "either" and not closing)
                or (kind == "close" and opening)
            ):
                if mark == "''" and not opening:
                    continue  # an apostrophe pair inside a word, not a mark
                current = Quoted(pos + width, end, pos, None)
            continue
        # Inside a quote: a mark closes it unless it clearly opens a new one.
        if kind == "open" and opening and not closing:
            # A new quotation starts while the last one was never closed: close it here.
            current.end = pos
            done.append(current)
            current = Quoted(pos + width, end, pos, None)
            continue
        if mark == "''" and not closing and not _is_space(text[pos + width : pos + width + 1]):
            continue
        current.end, current.close_mark = pos, pos
        done.append(current)
        current = None
    if current is not None:
        current.end = end
    return done, current
