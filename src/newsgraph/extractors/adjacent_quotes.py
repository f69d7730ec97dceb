"""Quotations next to a cue, which are its content before any clause of the parse.

A quotation that ends just before the cue ('“...,” he said', '“...,” said X') or starts
right after it ('she said: “...”', 'he told them, “...”'); the second part of a quotation
split around the cue ('“A,” he said, “B.”'); and a content the parse cut short inside a
quotation, which snaps to the whole quotation.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.quote_spans import quote_chars

CLAUSE_OPENERS = frozenset({"that", "if", "whether", "as", "to"})


def ends_sentence(ctx: QuoteContext, q: int) -> bool:
    """The quotation closes with a full stop: it is a sentence of its own."""
    qq = ctx.quoted[q]
    inner = ctx.text[qq.start : qq.end].rstrip()
    return inner.endswith(".")


def adjacent_quote_before(ctx: QuoteContext, v: Token, subj: Token | None) -> int | None:
    """A quotation that ends just before the cue: '“...,” he said' or '“...,” said X'."""
    doc = ctx.doc
    i = v.i - 1
    # skip the subject phrase and auxiliaries between the quote and the verb
    if subj is not None and subj.i < v.i:
        i = min(i, subj.left_edge.i - 1)
    while i >= 0 and (doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].head.i == v.i):
        i -= 1
    while i >= 0 and (doc[i].is_punct and not ctx.in_quote(doc[i])) and not doc[i].is_quote:
        i -= 1
    # now at a closing mark (or the last word inside the quote)
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    j = i
    while j >= 0 and doc[j].is_quote and not ctx.in_quote(doc[j]):
        j -= 1
    if j < 0 or j < i - 2:
        return None
    q = ctx.quote_of_token[j]
    if q is None:
        return None
    # the quotation must end within a few characters of where we stopped
    qq = ctx.quoted[q]
    if qq.close_mark is None and qq.end < doc[j].idx:
        return None
    if ctx.para_index(qq.open_mark) != ctx.para_index(v.idx) and qq.paragraphs == 1:
        return None
    if _words_before_in_sentence(ctx, qq.open_mark) >= 2:
        # 'the attackers shot at them "like snipers," he said': the quotation is only part
        # of what was said; the clause before the cue is the statement
        return None
    return q


LOOK_BACK_CHARS = 300


def _words_before_in_sentence(ctx: QuoteContext, at: int) -> int:
    """Words between the start of the sentence (or line) holding ``at`` and ``at``."""
    text = ctx.text
    # (looking back a bounded stretch: callers only ask whether there are a few words)
    lo = max(ctx.lines.bounds_at(at)[0], at - LOOK_BACK_CHARS)
    start = max(lo, *(text.rfind(p, lo, at) + 1 for p in (". ", "? ", "! ")))
    return len(text[start:at].split())


def adjacent_quote_after(ctx: QuoteContext, v: Token, subj: Token | None) -> int | None:
    """A quotation starting right after the cue: 'she said: “...”', 'he told them, “...”'."""
    doc = ctx.doc
    i = v.i + 1
    # skip particles, the (inverted) subject, indirect objects and short adverbials
    limit = min(len(doc), v.i + 12)
    while i < limit and not ctx.in_quote(doc[i]) and not doc[i].is_quote:
        t = doc[i]
        if "\n" in t.text and t.is_space and doc[i - 1].text == ":" and i + 1 < len(doc):
            # 'He said:' on a line of its own, the quotation in the next paragraph
            i += 1
            if not doc[i].is_quote:
                return None
            continue
        if t.text in (".", "?", "!") or "\n" in t.text:
            return None
        if t.lower_ in CLAUSE_OPENERS:
            return None  # 'said that “...”': a clause that quotes, not a quotation
        if t.pos_ == "VERB" and t.head.i != v.i:
            return None
        i += 1
    if i >= limit:
        return None
    j = i - 1
    while j > v.i and doc[j].is_space:
        j -= 1
    prev = doc[j] if j > v.i else None
    if i < len(doc) and doc[i].is_quote:
        i += 1
    if i >= len(doc):
        return None
    q = ctx.quote_of_token[i]
    if q is None:
        return None
    if prev is not None and prev.text not in (":", ",", "—", "–", "-") and i - 1 > v.i + 1:
        # '“' right after words: 'called it a “disaster”' is not a quotation of speech
        return None
    return q


def continues(ctx: QuoteContext, v: Token, q: int) -> bool:
    """'“A,” he said, “B.”': the second part of a split quotation."""
    qq = ctx.quoted[q]
    between = ctx.text[v.idx : qq.open_mark]
    return "." not in between and "\n" not in between and len(between) < 80


def snap_to_quote(
    ctx: QuoteContext, content: tuple[int, int], claimed: set[int]
) -> tuple[int, int]:
    """A content found inside a quotation (the parse cut it short) becomes the whole
    quotation; content that merely contains quoted words stays as it is."""
    s, e = content
    qi = ctx.quote_at_or_before(s)  # the only one that can hold it: they do not overlap
    if qi is not None and qi not in claimed:
        qs, qe = quote_chars(ctx.quoted[qi], ctx.text)
        if qs <= s and e <= qe + 1:
            claimed.add(qi)
            return qs, qe
    return content


def run_to_quote_end(
    ctx: QuoteContext, content: tuple[int, int], claimed: set[int]
) -> tuple[int, int]:
    """A statement that opens a quotation goes on to its closing mark, across sentences:
    'he said his group was “very pleased. This levels the field ...”'."""
    s, e = content
    for qi in ctx.quotes_opening_in(s, e):
        q = ctx.quoted[qi]
        if e < q.end and qi not in claimed:
            claimed.add(qi)
            return s, quote_chars(q, ctx.text)[1]
    return content
