"""Statements laid out as turns, without quotation marks: interviews and transcripts.

- Q&A: a line "A: ..." (or "Answer: ...") is the interviewee's answer; its speaker is found
  when speakers are resolved (the person the interview is with: ``Attribution.answer``).
  Questions ("Q: ...") are the interviewer's and are not taken.
- Transcripts: a line "NAME: ..." where NAME is a person's name in capitals ("DAVID COLE:",
  "NOVAK:") or one the tagger calls a person: NAME's turn. Headline labels ("WATCH:",
  "PHOTOS:", "UPDATE:") are not names.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsgraph.extractors.attribution import Attribution, QuoteContext
from newsgraph.extractors.given_names import COMMON_NAME_COUNT, given_name_count
from newsgraph.extractors.lines import LINK_LABEL

ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]\s+(?=\S)")
QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s+(?=\S)")
# (a transcript quoted as a whole opens each turn with a quotation mark: '"PENCE: Well, ...')
TURN = re.compile(r"^[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")
CLOSING_MARKS = "\"”"
# Labels in capitals that start a line with a colon and name no one.
NOT_SPEAKERS = frozenset(
    """
    watch photos photo video update breaking exclusive note editor editors related read
    listen source sources credit correction disclaimer warning live analysis opinion
    """.split()
)
MIN_WORDS = 3


def transcript_turns(ctx: QuoteContext) -> list[Attribution]:
    """The answers and named turns of the document, in text order."""
    out: list[Attribution] = []
    text = ctx.text
    doc = ctx.doc
    for s, e in ctx.lines.bounds:
        line = text[s:e]
        if not line.strip() or LINK_LABEL.match(line.strip()):
            continue
        m = ANSWER.match(line)
        if m is not None:
            content = _content(text, s + m.end(), e)
            if content is not None:
                out.append(Attribution(content, None, None, "direct", answer=True))
            continue
        if QUESTION.match(line):
            continue
        m = TURN.match(line)
        if m is None or m.group(1).lower().split()[0] in NOT_SPEAKERS:
            continue
        name = doc.char_span(s + m.start(1), s + m.end(1), alignment_mode="expand")
        if name is None or not _a_name(name):
            continue
        content = _content(text, s + m.end(), e)
        if content is not None:
            colon = s + m.end(1) + line[m.end(1) :].index(":")
            out.append(
                Attribution(
                    content, (colon, colon + 1), (name.start, name.end), "direct",
                    speaker_head=name.end - 1,
                )
            )
    return out


def _a_name(span: Span) -> bool:
    """A person's name: one the tagger calls a person, or one in capitals that starts with
    a common given name ("DAVID COLE:") or whose last word names a person elsewhere in the
    text ("NOVAK:" beside "Lena Novak"); not a section label ("KEEPING SCORE:", "ENERGY:")."""
    tokens = [t for t in span if t.is_alpha]
    if not tokens or len(tokens) > 4 or any(t.lower_ in ("'s", "’s") for t in span):
        return False  # ("ASIA'S DAY:" is a section)
    if all(t.ent_type_ == "PERSON" for t in tokens):
        return True
    if not all(t.is_upper and len(t.text) > 1 for t in tokens):
        return False
    if len(tokens) > 1 and given_name_count(tokens[0].lower_) >= COMMON_NAME_COUNT:
        return True
    last = tokens[-1].lower_
    return any(
        t.lower_ == last and t.ent_type_ == "PERSON" and not t.is_upper for t in span.doc
    )


def _content(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in CLOSING_MARKS):
        e -= 1
    if len(text[s:e].split()) < MIN_WORDS:
        return None
    return s, e
