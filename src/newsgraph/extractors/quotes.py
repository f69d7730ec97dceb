"""Attributed statements: cue, content and speaker mention, from the parse and the marks.

The order of work:
1. cues: reporting verbs (and "according to") outside quotation marks;
2. for each cue, its content: a clausal complement ("said that ..."), a quotation next to
   it ("“...,” he said" / "she said: “...”"), the clause before an inverted or
   parenthetical cue ("..., experts say", "..., pointed out X", "Eventually, he predicted,
   ..."), or a clause-like object ("disputes the notion that ...");
3. its speaker mention: the subject, also after the verb ("said X") or inherited from the
   verb it hangs on ("..., adding that ...");
4. quotations that no cue claimed: press-release layouts, else floating quotes.
Speaker mentions are resolved to entities afterwards (speakers.py). Each statement says its
kind (speech, belief, stance, intention, evidence: docs/record.md), and the pieces of one
attribution ("“A,” she said, “B.”") are linked to the first (``Attribution.piece_of``).

Here: the cues and the order in which a cue's content is sought. The pieces: the data
types in attribution.py, span arithmetic in quote_spans.py, the parse around a cue in
cue_syntax.py, quotations next to a cue in adjacent_quotes.py and quotations no cue
claimed in unclaimed_quotes.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.extractors.adjacent_quotes import (
    adjacent_quote_after,
    adjacent_quote_before,
    continues,
    ends_sentence,
    run_to_quote_end,
    snap_to_quote,
)
from newsgraph.extractors.attribution import Attribution, QuoteContext
from newsgraph.extractors.cue_syntax import (
    SUBJECT_DEPS,
    can_speak,
    cut_nested,
    ends_clause,
    inverted_speaker,
    is_bare_cue,
    is_question,
    misattached_that_clause,
    not_a_statement,
    predicate_content,
    right_content_end,
    subject,
)
from newsgraph.extractors.cuemodel import CueModel
from newsgraph.extractors.lexicon import (
    BELIEF_VERBS,
    COMMISSIVE_VERBS,
    CUE_VERBS,
    EVIDENCE_VERBS,
    INTENTION_VERBS,
    KIND_BELIEF,
    KIND_EVIDENCE,
    KIND_INTENTION,
    KIND_SPEECH,
    KIND_STANCE,
    NAMING_VERBS,
    NP_CONTENT_CUES,
    SPEECH_VERBS,
)
from newsgraph.extractors.quote_spans import (
    clause_start,
    cue_chars,
    quote_chars,
    speaker_span,
    subtree_span,
    token_span_chars,
)
from newsgraph.extractors.transcripts import transcript_turns
from newsgraph.extractors.unclaimed_quotes import link_floating, unclaimed_quotes

CLAUSE_DEPS = ("ccomp",)


# Learned cue probabilities (PolNeAR-trained, models/cues.json): a lexicon verb the model
# finds very unlikely is not a cue here; a verb outside the lexicon that it finds very
# likely is one.
VETO = 0.3
LEARNED_CUE = 0.9
# A verb outside the lexicon this likely is a cue: of a stance or an intention ("mocked",
# "supports", "wants"), of speech only when the model is sure of it (LEARNED_CUE).
BROAD_CUE_MIN = 0.5
# Verbs whose meaning is in their object ("made no mention of"): never a stance by themselves.
LIGHT_VERBS = frozenset("make have take give get do be put keep".split())
MIN_PHRASE_TOKENS = 3  # "accused him" reports no statement
MIN_STANCE_TOKENS = 1  # "endorses Clinton" is a stance
BROAD_CUE = 0.9  # sure enough to take a noun or infinitive phrase as what was said
PHRASE_CUE_MIN = 0.5  # sure enough to take such a phrase as a stance or an intention


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    return CueModel.load()


def find_attributions(doc: Doc, ctx: QuoteContext | None = None) -> list[Attribution]:
    """All attributed statements of a parsed document, in text order."""
    ctx = ctx or QuoteContext(doc)
    found: list[Attribution] = []
    claimed: set[int] = set()  # quoted passages taken by a cue
    scores = cue_model().candidate_scores(doc, in_quote=ctx.quote_of_token)
    for t in doc:
        if ctx.in_quote(t):
            continue
        p = scores.get(t.i, 0.0)
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            found.extend(_according_to(ctx, t))
            continue
        if t.pos_ not in ("VERB", "AUX"):
            continue
        in_lexicon = t.lemma_.lower() in CUE_VERBS
        if (in_lexicon and p < VETO) or (not in_lexicon and p < BROAD_CUE_MIN):
            continue
        if t.dep_ in ("amod", "compound", "acl") or ctx.lines.furniture_at(t.idx):
            continue
        found.extend(_verb_attributions(ctx, t, claimed, p))
    found = _drop_overlaps(found)
    for a in found:
        a.type = _quote_type(ctx, a.content)
    found.extend(
        t for t in transcript_turns(ctx)
        if not any(a.content[0] < t.content[1] and t.content[0] < a.content[1] for a in found)
    )
    found.extend(unclaimed_quotes(ctx, found))
    found.sort(key=lambda a: a.content[0])
    link_floating(ctx, found)
    at = {id(a): i for i, a in enumerate(found)}
    for a in found:
        if a.joined_to is not None and id(a.joined_to) in at:
            a.piece_of = at[id(a.joined_to)]
    return found


# ---------------------------------------------------------------- cues


DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{2,40}(?:,[A-Za-z. ]{2,30})?\s*(?:—|–|--|-)\s*")


def _after_dateline(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """A dateline ("OTTAWA — ") is never part of what was said; a content that is nothing
    but one becomes empty."""
    s, e = content
    piece = text[s:e]
    if piece.isupper() and len(piece.split()) <= 4:
        return s, s
    m = DATELINE.match(piece)
    if m is not None and (s == 0 or text[s - 1] == "\n") and m.group(0).split()[0].isupper():
        return s + m.end(), e
    return content


def _verb_attributions(
    ctx: QuoteContext, v: Token, claimed: set[int], p: float = 0.0
) -> list[Attribution]:
    doc = ctx.doc
    lemma = v.lemma_.lower()
    if v.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in v.children):
        return []  # "it was reported": no speaker in sight; handled as no attribution
    subj = subject(v)
    if not_a_statement(v):
        return []
    clauses = [c for c in v.children if c.dep_ in CLAUSE_DEPS]
    out: list[Attribution] = []
    cue = cue_chars(doc, v)
    verb_kind = _verb_kind(lemma, p)

    def add(
        content: tuple[int, int],
        speaker_tok: Token | None,
        quoted: bool = False,
        kind: str | None = None,
    ) -> None:
        if not quoted:
            content = _after_dateline(ctx.text, ctx.clip_to_line(content, v.idx))
        if content[1] - content[0] < 2:
            return
        # a quotation next to its cue is someone's words ("“...,” her statement read")
        kind = KIND_SPEECH if quoted else (kind or verb_kind)
        if not quoted:
            if speaker_tok is None or is_question(ctx.text, content, lemma):
                return
            if lemma in EVIDENCE_VERBS and not can_speak(speaker_tok):
                kind = KIND_EVIDENCE  # "the data suggests", "records show": findings
            elif lemma in BELIEF_VERBS and not ctx.has_quoted_words(content):
                kind = KIND_BELIEF  # "he thinks", "she feared": nobody said anything
            content = snap_to_quote(ctx, content, claimed)
            content = run_to_quote_end(ctx, content, claimed)
        speaker = speaker_span(ctx, speaker_tok, v) if speaker_tok is not None else None
        head = speaker_tok.i if speaker_tok is not None else None
        att = Attribution(content, cue, speaker, speaker_head=head, kind=kind)
        if out and out[0].cue == cue:  # '“A,” she said, “B.”', 'A, he said, B': one attribution
            att.joined_to = out[0]
        out.append(att)

    # 1. a quotation right before or after the cue claims it first
    q_before = adjacent_quote_before(ctx, v, subj)
    q_after = adjacent_quote_after(ctx, v, subj)
    right_clauses = [c for c in clauses if c.i > v.i]
    left_clauses = [c for c in clauses if c.i < v.i]
    speaker_tok = subj
    if speaker_tok is None:
        speaker_tok = inverted_speaker(ctx, v)

    if q_before is not None and right_clauses and ends_sentence(ctx, q_before):
        # '“... at any hour.” He added that ...': the verb has content of its own
        q_before = None
    if q_before is not None and q_before not in claimed:
        claimed.add(q_before)
        add(quote_chars(ctx.quoted[q_before], ctx.text), speaker_tok, quoted=True)
        if q_after is not None and q_after not in claimed and continues(ctx, v, q_after):
            claimed.add(q_after)
            add(quote_chars(ctx.quoted[q_after], ctx.text), speaker_tok, quoted=True)
        return out
    if q_after is not None and q_after not in claimed:
        claimed.add(q_after)
        add(quote_chars(ctx.quoted[q_after], ctx.text), speaker_tok, quoted=True)
        return out

    # 2. clausal complements ("..., the agency reported" hung on the verb is another cue)
    right_clauses = [c for c in right_clauses if not is_bare_cue(c)]
    if right_clauses:
        first = right_clauses[0]
        s, e = first.left_edge.i, right_content_end(v, first)
        add(token_span_chars(doc, s, cut_nested(doc, s, e)), speaker_tok)
    if left_clauses:
        sent = v.sent
        s = min(c.left_edge.i for c in left_clauses)
        s = min(s, clause_start(sent, s))
        e = max(c.right_edge.i for c in left_clauses) + 1
        add(token_span_chars(doc, s, cut_nested(doc, s, e)), speaker_tok)
    if right_clauses or left_clauses:
        return out

    # 2b. a that-clause the parser hung on a noun after the verb:
    #     "told reporters outside the gates that the offer would not ..."
    if lemma in SPEECH_VERBS:
        c = misattached_that_clause(v)
        if c is not None:
            add(token_span_chars(doc, c.left_edge.i, c.right_edge.i + 1), speaker_tok)
            return out

    # 3. a parenthetical cue: "Eventually, he predicted, the sanctions will be lifted"
    if v.dep_ == "parataxis" and v.head.i != v.i and subj is not None:
        h = v.head
        hs, he = clause_start(v.sent, h.left_edge.i), h.right_edge.i + 1
        vs, ve = v.left_edge.i, v.right_edge.i + 1
        left = token_span_chars(doc, hs, vs)
        right = token_span_chars(doc, ve, he)
        if _words(ctx.text, left) >= 3:
            add(left, speaker_tok)
        if _words(ctx.text, right) >= 2:
            add(right, speaker_tok)
        return out

    # 4. inverted cue after a comma whose clause the parser hung elsewhere:
    #    "The departure will cost ..., pointed out analyst Fyodor Tertitsky."
    inv = inverted_speaker(ctx, v)
    own_subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS and c.i < v.i), None)
    if inv is not None and v.i > v.sent.start and own_subj is None:
        prev = doc[v.i - 1]
        if prev.text == "," and ends_clause(v, inv):
            s = clause_start(v.sent, v.sent.start)
            add(token_span_chars(doc, s, v.i - 1), inv)
            return out

    # 4b. "..., the agency reported." with the clause hung elsewhere by the parser
    if subj is not None and subj.i < v.i and is_bare_cue(v) and v.sent.start < subj.left_edge.i:
        comma = subj.left_edge.i - 1
        if doc[comma].text == ",":
            s = clause_start(v.sent, v.sent.start)
            add(token_span_chars(doc, s, comma), subj)
            return out

    # 5. a label in quotation marks: "called Minister Hussen a “chicken”" — the quoted
    #    words are what was said
    if lemma in NAMING_VERBS and subj is not None:
        quoted = [t for t in v.subtree if t.i > v.i and ctx.in_quote(t)]
        qi = ctx.quote_of_token[quoted[0].i] if quoted else None
        if qi is not None:
            q = ctx.quoted[qi]
            add(quote_chars(q, ctx.text), speaker_tok, quoted=True)
            return out
        # "called the program one of the biggest commitments in history": a judgement
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
        pred = next((c for c in v.children if c.dep_ == "oprd" and obj is not None
                     and c.i > obj.i), None)
        if obj is not None and pred is not None and can_speak(subj):
            add(token_span_chars(doc, obj.left_edge.i, pred.right_edge.i + 1), speaker_tok)
            return out

    # 6. a clause-like or quoted object: "disputes the notion that ...", "calls it a “disaster”"
    if lemma in NP_CONTENT_CUES and subj is not None:
        for c in v.children:
            if c.dep_ in ("dobj",) and c.i > v.i:
                s, e = subtree_span(c)
                has_clause = any(
                    x.dep_ in ("acl", "relcl", "ccomp") and x.i > c.i for x in c.children
                )
                has_quote = any(ctx.in_quote(doc[i]) for i in range(s, e))
                if has_clause or has_quote:
                    e2 = max(
                        [e] + [x.right_edge.i + 1 for x in v.rights if x.dep_ in ("oprd", "xcomp")]
                    )
                    add(token_span_chars(doc, s, e2), speaker_tok)
                    return out
    if lemma in ("consider", "view", "regard", "see") and subj is not None:
        # "He considers the meeting a “preliminary” get-together."
        for c in v.children:
            if c.i > v.i and c.dep_ in ("ccomp", "oprd", "xcomp"):
                s, e = subtree_span(c)
                if any(ctx.in_quote(doc[i]) for i in range(s, e)):
                    add(token_span_chars(doc, s, e), speaker_tok)
                    return out

    # 7. a phrase for content: "urges supporters to monitor polling places" (speech when the
    #    model is sure of the cue), "wants to triple the program" (an intention), "called for
    #    an end to ...", "endorses Clinton" (stances: their whole predicate)
    if (
        p >= PHRASE_CUE_MIN
        and subj is not None
        and subj.i < v.i
        and subj.tag_ != "WDT"
        and lemma not in LIGHT_VERBS
    ):
        kind = _phrase_kind(lemma, p)
        span = predicate_content(v)
        least = MIN_PHRASE_TOKENS if kind == KIND_SPEECH else MIN_STANCE_TOKENS
        if span is not None and span[1] - span[0] >= least:
            prep = doc[v.i + 1]
            if prep.dep_ == "prep" and span[0] > prep.i:  # "called for", "pointed to"
                cue = (cue[0], prep.idx + len(prep.text))
            add(token_span_chars(doc, *span), speaker_tok, kind=kind)
    return out


def _verb_kind(lemma: str, p: float) -> str:
    """The kind of attribution a verb cue tells when its content is a clause or a quotation."""
    if lemma in BELIEF_VERBS:
        return KIND_SPEECH  # with quoted words (a belief without them is told in add())
    if lemma in INTENTION_VERBS:
        return KIND_INTENTION
    if lemma in CUE_VERBS or p >= LEARNED_CUE:
        return KIND_SPEECH
    return KIND_STANCE  # a verb the model finds likely, outside the lexicon: "mocked"


def _phrase_kind(lemma: str, p: float) -> str:
    """The kind of attribution a verb cue tells when its content is a phrase: "wants to
    triple the program" (intention), "called for an end to ..." (stance). A cue the model is
    sure of ("vowed retribution", "urged voters to ...") is told as speech, as news
    attribution counts it."""
    if lemma in INTENTION_VERBS:
        return KIND_INTENTION
    if p >= BROAD_CUE:
        return KIND_SPEECH
    if lemma in COMMISSIVE_VERBS:
        return KIND_INTENTION
    if lemma in EVIDENCE_VERBS:
        return KIND_EVIDENCE  # "engineers found corrosion on two supports": a finding
    return KIND_STANCE


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _according_to(ctx: QuoteContext, t: Token) -> list[Attribution]:
    doc = ctx.doc
    to = doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return []
    sent = t.sent
    sp = speaker_span(ctx, pobj, t)
    cue = (t.idx, to.idx + len(to.text))
    phrase_end = pobj.right_edge.i + 1
    if t.i - sent.start <= 1:  # "According to X, content."
        s = phrase_end
        e = sent.end
    else:  # "content, according to X."
        s = clause_start(sent, sent.start)
        e = t.i
    span = ctx.clip_to_line(token_span_chars(doc, s, e), t.idx)
    if _words(ctx.text, span) < 3:
        return []
    return [Attribution(span, cue, sp)]


# ---------------------------------------------------------------- after the cues


def _drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Two cues claiming the same content: keep the first (the nearer parse attachment)."""
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for a in found:
        if a.content not in seen:
            seen.add(a.content)
            out.append(a)
    return out


def _quote_type(ctx: QuoteContext, span: tuple[int, int]) -> str:
    s, e = span
    inside = 0
    for qi in ctx.quotes_overlapping(s, e):
        q = ctx.quoted[qi]
        lo, hi = max(s, q.start), min(e, q.end)
        if hi > lo:
            inside += hi - lo
    if inside >= 0.9 * (e - s):
        return "direct"
    if inside > 0:
        return "mixed"
    return "indirect"


__all__ = ["Attribution", "find_attributions"]
