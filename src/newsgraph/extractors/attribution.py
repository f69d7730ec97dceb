"""What the quote extractors share: an attributed statement before speaker resolution
(``Attribution``) and the document it is found in, with its quotation marks, paragraphs,
lines and lookup tables (``QuoteContext``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extractors.lines import Lines
from newsgraph.extractors.quotemarks import Quoted, find_quoted, paragraphs

# Words a content span should not start or end with.
EDGE_PUNCT = set(",;:–—-")


@dataclass(slots=True)
class Attribution:
    """A statement before speaker resolution. Offsets are characters into the text."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # token span of the speaker mention
    type: str = "indirect"
    speaker_head: int | None = None  # token index of the speaker mention's head
    floating: bool = False
    inherit_from: int | None = None  # index of the attribution a floating quote continues
    answer: bool = False  # an interview's answer ("A: ..."): the interviewee's
    piece_of: int | None = None  # index of the attribution this quote is a further piece of
    joined_to: Attribution | None = None  # the same, before the attributions are ordered
    kind: str = "speech"  # speech | belief | stance | intention | evidence


class QuoteContext:
    """The document with its quotation marks, paragraphs and lookup tables."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.quoted: list[Quoted] = find_quoted(self.text)
        self.paras = paragraphs(self.text)
        n = len(doc)
        self.quote_of_token: list[int | None] = [None] * n
        qi = 0
        for t in doc:
            while qi < len(self.quoted) and self.quoted[qi].end <= t.idx:
                qi += 1
            if qi < len(self.quoted) and self.quoted[qi].start <= t.idx < self.quoted[qi].end:
                self.quote_of_token[t.i] = qi
        self._para_starts = [s for s, _ in self.paras]
        # quotations come in text order and do not overlap: lookups by bisection
        self._quote_starts = [q.start for q in self.quoted]
        self._quote_ends = [q.end for q in self.quoted]
        self._open_marks = [q.open_mark for q in self.quoted]
        self.lines = Lines(self.text)
        self.marks: set[int] = {q.open_mark for q in self.quoted} | {
            q.close_mark for q in self.quoted if q.close_mark is not None
        }

    def clip_to_line(self, span: tuple[int, int], at: int) -> tuple[int, int]:
        """``span`` cut to the line holding character ``at``: an indirect statement never
        runs across a line break (page junk sits on lines of its own)."""
        text = self.text
        line_start, line_end = self.lines.bounds_at(at)
        s, e = max(span[0], line_start), min(span[1], line_end)
        while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCT):
            e -= 1
        return (s, e) if e > s else (s, s)

    def has_quoted_words(self, span: tuple[int, int]) -> bool:
        s, e = span
        return len(self.quotes_overlapping(s, e)) > 0

    def is_mark(self, t: Token) -> bool:
        """The token is a quotation mark of a quoted passage (not an apostrophe)."""
        return t.idx in self.marks or (t.is_quote and t.idx + len(t.text) - 1 in self.marks)

    def quotes_overlapping(self, start: int, end: int) -> range:
        """Indices of the quotations whose words overlap characters [start, end)."""
        first = bisect_right(self._quote_ends, start)
        last = bisect_left(self._quote_starts, end)
        return range(first, max(first, last))

    def quote_at_or_before(self, char: int) -> int | None:
        """The last quotation whose words start at or before ``char``."""
        k = bisect_right(self._quote_starts, char) - 1
        return k if k >= 0 else None

    def quotes_opening_in(self, start: int, end: int) -> range:
        """Indices of the quotations whose opening mark lies strictly inside (start, end)."""
        return range(bisect_right(self._open_marks, start), bisect_left(self._open_marks, end))

    def para_index(self, char: int) -> int:
        lo, hi = 0, len(self._para_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._para_starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_quote(self, t: Token) -> bool:
        return self.quote_of_token[t.i] is not None
