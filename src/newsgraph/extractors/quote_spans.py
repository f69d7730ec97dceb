"""Span arithmetic for attributed statements: token spans to character spans trimmed of
edge punctuation and quotation marks, a quotation's characters, subtree spans, and the
spans of a speaker mention, of a cue and of a clause's first word.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.extractors.attribution import EDGE_PUNCT, QuoteContext
from newsgraph.extractors.lexicon import CUE_PARTICLES
from newsgraph.extractors.quotemarks import Quoted


def token_span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Characters of tokens [start, end), trimmed of edge punctuation and spaces."""
    while start < end and (
        doc[start].is_space or doc[start].text in EDGE_PUNCT or doc[start].is_quote
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].text in EDGE_PUNCT or doc[end - 1].is_quote
    ):
        end -= 1
    if start >= end:
        return (doc[start].idx if start < len(doc) else doc[-1].idx + len(doc[-1]),) * 2
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def quote_chars(q: Quoted, text: str) -> tuple[int, int]:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:“"):
        e -= 1
    return s, e


def subtree_span(t: Token, stop: Token | None = None) -> tuple[int, int]:
    """Token span of ``t``'s subtree, cut so that it does not reach ``stop``."""
    s, e = t.left_edge.i, t.right_edge.i + 1
    if stop is not None and s <= stop.i < e:
        if t.i < stop.i:
            e = stop.i
        else:
            s = stop.i + 1
    return s, e


def speaker_span(ctx: QuoteContext, head: Token, cue: Token) -> tuple[int, int]:
    """The speaker mention: the subject's phrase, not crossing the cue or a quotation."""
    s, e = subtree_span(head, cue)
    doc = ctx.doc
    while s < head.i and doc[s].dep_ in ("preconj",):
        s += 1
    # never include quoted material, nor text across a quotation mark or a line break
    for i in range(head.i, e):
        if ctx.is_mark(doc[i]) or ctx.in_quote(doc[i]) or "\n" in doc[i].text:
            e = i
            break
    for i in range(head.i, s - 1, -1):
        if ctx.is_mark(doc[i]) or ctx.in_quote(doc[i]) or "\n" in doc[i].text:
            s = i + 1
            break
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return s, e


PHRASE_ENDS = frozenset({"who", "whom", "whose", "which", "but", "(", "—", "–", ";"})


def head_phrase(doc: Doc, start: int, end: int, head: int | None) -> tuple[int, int]:
    """A mention cut after its head phrase: before a relative clause, a "but" clause, a
    parenthesis or a dash; before a comma when a proper name comes before it."""
    h = head if head is not None and start <= head < end else end - 1
    for i in range(h + 1, end):
        t = doc[i]
        if t.lower_ in PHRASE_ENDS or (
            t.text == "," and any(x.pos_ == "PROPN" for x in doc[start:i])
        ):
            j = i
            while j > start and (doc[j - 1].is_punct or doc[j - 1].is_space):
                j -= 1
            return (start, j) if j > start else (start, end)
    return start, end


def cue_chars(doc: Doc, v: Token) -> tuple[int, int]:
    """The cue as news annotation marks it: the verb with its auxiliaries, negation and an
    adverb right before it ("has also said", "did not deny"), and its particle."""
    start, end = v.i, v.i + 1
    while start > 0:
        t = doc[start - 1]
        if t.head.i == v.i and t.dep_ in ("aux", "auxpass", "neg", "advmod") and not t.is_punct:
            start -= 1
        else:
            break
    particle = CUE_PARTICLES.get(v.lemma_.lower())
    for c in v.rights:
        if c.dep_ == "prt" and (particle is None or c.lower_ == particle):
            end = max(end, c.i + 1)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def clause_start(sent: Span, s: int) -> int:
    """The first content token of the sentence (after an opening mark or dash)."""
    i = sent.start
    while i < s and (sent.doc[i].is_punct or sent.doc[i].is_space):
        i += 1
    return i
