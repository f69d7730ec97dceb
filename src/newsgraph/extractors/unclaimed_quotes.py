"""Quotations that no cue claimed.

A whole-sentence quotation in a press-release layout gets its speaker from the layout
("From Chairwoman Y:" on the line before, "-Commissioner X" or "― Name" right after, "X took
to Twitter with this:" before it); any other is a floating quote that continues the
previous speaker: the nearest attributed statement before it, in the same or the previous
paragraph, or a little further when nobody else is named in between.
"""

from __future__ import annotations

from bisect import bisect_left

from newsgraph.extractors.attribution import Attribution, QuoteContext
from newsgraph.extractors.lexicon import KIND_SPEECH
from newsgraph.extractors.quote_spans import quote_chars
from newsgraph.extractors.quotemarks import Quoted

MIN_FLOATING_WORDS = 4
MAX_QUIET_PARAGRAPHS = 2
# A floating quote this many paragraphs after the statement it continues (0: the same
# paragraph) is a further piece of that statement: one attribution, as PolNeAR counts it.
PIECE_PARAGRAPHS = 0
DASHES = "-—–―"


def unclaimed_quotes(ctx: QuoteContext, found: list[Attribution]) -> list[Attribution]:
    """Quotations no cue took: press-release layouts, then floating quotes."""
    out: list[Attribution] = []
    text = ctx.text
    taken = _Claimed(len(text), [a.content for a in found])
    for q in ctx.quoted:
        qs, qe = quote_chars(q, text)
        if qe - qs < 1:
            continue
        if taken.touches(qs, qe):
            continue
        if not _sentence_like(ctx, q):
            continue
        a = Attribution((qs, qe), None, None, type="direct", floating=True)
        hint = _press_release_speaker(ctx, q)
        if hint is not None:
            a.speaker, a.floating = hint, False
            a.cue = _dash_after(ctx, q)
        out.append(a)
    return out


class _Claimed:
    """The characters statements already hold, for asking in constant time whether a
    quotation overlaps any of them (a prefix count of covered characters; empty contents
    are points)."""

    def __init__(self, n: int, spans: list[tuple[int, int]]):
        delta = [0] * (n + 2)
        self.points = sorted(s for s, e in spans if s >= e)
        for s, e in spans:
            if s < e:
                delta[max(s, 0)] += 1
                delta[min(e, n + 1)] -= 1
        covered = 0
        self.prefix = [0] * (n + 2)  # prefix[i]: covered characters before i
        running = 0
        for i in range(n + 1):
            covered += delta[i]
            running += covered > 0
            self.prefix[i + 1] = running

    def touches(self, start: int, end: int) -> bool:
        """Some statement holds a character of [start, end), or starts inside it."""
        if self.prefix[end] - self.prefix[start] > 0:
            return True
        k = bisect_left(self.points, start)
        return k < len(self.points) and self.points[k] < end


def _sentence_like(ctx: QuoteContext, q: Quoted) -> bool:
    """A whole-sentence quotation (not a quoted phrase inside a sentence)."""
    text = ctx.text
    inner = text[q.start : q.end]
    if len(inner.split()) < MIN_FLOATING_WORDS:
        return False
    before = text[: q.open_mark].rstrip(" \t")
    starts_sentence = not before or before[-1] in ".!?:\n" or before.endswith(("—", "–"))
    return starts_sentence


def _dash_after(ctx: QuoteContext, q: Quoted) -> tuple[int, int] | None:
    """The dash that attributes a quotation to the name after it ('” ― Sonya Herridge'):
    the cue of that layout."""
    if q.close_mark is None:
        return None
    i = q.close_mark + 1
    while i < len(ctx.text) and ctx.text[i] in " \t":
        i += 1
    return (i, i + 1) if i < len(ctx.text) and ctx.text[i] in DASHES else None


def _press_release_speaker(ctx: QuoteContext, q: Quoted) -> tuple[int, int] | None:
    """'From Chairwoman Y:' on the line before, or '-Commissioner X' right after."""
    doc, text = ctx.doc, ctx.text
    # after: "..." -Commissioner X   /   "..." — X
    if q.close_mark is not None:
        tail = text[q.close_mark + 1 : q.close_mark + 80]
        stripped = tail.lstrip(" \t")
        if stripped[:1] in DASHES:
            start = q.close_mark + 1 + (len(tail) - len(stripped)) + 1
            while start < len(text) and text[start] in " " + DASHES:
                start += 1
            end = start
            while end < len(text) and text[end] not in "\n.;(":
                end += 1
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.ent_type_ in ("PERSON", "ORG") for t in span):
                return span.start, span.end
    # before: a line ending with ":" right before the quotation
    head = text[max(0, q.open_mark - 120) : q.open_mark].rstrip()
    if head.endswith(":"):
        line_start = head.rfind("\n") + 1
        line = head[line_start:-1]
        offset = max(0, q.open_mark - 120) + line_start
        span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
        if len(line.split()) <= 8 and span is not None:
            names = [t for t in span if t.ent_type_ in ("PERSON", "ORG")]
            if names:
                return names[0].i, names[-1].i + 1
        elif "\n" not in head[line_start:]:
            return _colon_subject(ctx, offset + len(line))
    return None


def _colon_subject(ctx: QuoteContext, colon: int) -> tuple[int, int] | None:
    """'Musk took to Twitter with this: “...”': the named subject of the clause that the
    colon ends introduces the quotation."""
    doc = ctx.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    t = doc[span.start - 1]
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (
                subj.ent_type_ in ("PERSON", "ORG")
                or (subj.pos_ == "PROPN" and subj.text[:1].isupper())
                or subj.lower_ in ("he", "she")
            ):
                start = subj.i
                while start > subj.left_edge.i and doc[start - 1].pos_ == "PROPN":
                    start -= 1  # the whole name: "Elon Musk"
                return start, subj.i + 1
            return None
        if t.head is t:
            return None
        t = t.head
    return None


def link_floating(ctx: QuoteContext, found: list[Attribution]) -> None:
    """A floating quote continues the nearest attributed statement before it, when that
    statement (or a floating quote that continues it) is in the same or the previous
    paragraph, or at most MAX_QUIET_PARAGRAPHS before with nobody named in between."""
    last: int | None = None
    last_para = 0
    for i, a in enumerate(found):
        para = ctx.para_index(a.content[0])
        if a.floating:
            if last is not None and (
                para - last_para <= 1
                or (
                    para - last_para <= MAX_QUIET_PARAGRAPHS + 1
                    and not _person_named(ctx, ctx.paras[last_para + 1][0], ctx.paras[para][0])
                )
            ):
                a.inherit_from = last
                if para - last_para <= PIECE_PARAGRAPHS:
                    a.piece_of = last  # '"A," she said. "B."': one attribution in two pieces
                last_para = para
            continue
        if a.speaker is not None and a.kind == KIND_SPEECH:
            last, last_para = i, para


def _person_named(ctx: QuoteContext, start: int, end: int) -> bool:
    """Whether a person is named outside quotations between characters start and end."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.ent_type_ == "PERSON" and ctx.quote_of_token[t.i] is None for t in span
    )
