"""Attributed statements: cue, content and speaker mention, from the parse and the marks.

The order of work:
1. cues: reporting verbs (and "according to") outside quotation marks;
2. for each cue, its content: a clausal complement ("said that ..."), a quotation next to
   it ("“...,” he said" / "she said: “...”"), the clause before an inverted or
   parenthetical cue ("..., experts say", "..., pointed out X", "Eventually, he predicted,
   ..."), or a clause-like object ("disputes the notion that ...");
3. its speaker mention: the subject, also after the verb ("said X") or inherited from the
   verb it hangs on ("..., adding that ...");
4. quotations that no cue claimed: press-release layouts ("From Chairwoman Y:" before,
   "-Commissioner X" after), else floating quotes that continue the previous speaker.
Speaker mentions are resolved to entities afterwards (speakers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.extractors.cuemodel import CueModel
from newsgraph.extractors.lexicon import (
    BELIEF_VERBS,
    CUE_PARTICLES,
    CUE_VERBS,
    EVIDENCE_VERBS,
    NAMING_VERBS,
    NP_CONTENT_CUES,
    PERSON_NOUNS,
    SPEECH_VERBS,
    WEAK_CUES,
)
from newsgraph.extractors.lines import Lines
from newsgraph.extractors.quotemarks import Quoted, find_quoted, paragraphs

SUBJECT_DEPS = ("nsubj",)
CLAUSE_DEPS = ("ccomp",)
# Words a content span should not start or end with.
EDGE_PUNCT = set(",;:–—-")
MIN_FLOATING_WORDS = 4


# Learned cue probabilities (PolNeAR-trained, models/cues.json): a lexicon verb the model
# finds very unlikely is not a cue here; a verb outside the lexicon that it finds very
# likely is one.
VETO = 0.3
LEARNED_CUE = 0.9
# Verbs whose meaning is in their object ("made no mention of"): never a stance by themselves.
LIGHT_VERBS = frozenset("make have take give get do be put keep".split())
MIN_PHRASE_TOKENS = 3  # "accused him" reports no statement
BROAD_CUE = 0.9  # sure enough to take a noun or infinitive phrase as what was said


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    return CueModel.load()


@dataclass(slots=True)
class Attribution:
    """A statement before speaker resolution. Offsets are characters into the text."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # token span of the speaker mention
    type: str = "indirect"
    speaker_head: int | None = None  # token index of the speaker mention's head
    cue_token: int | None = None
    floating: bool = False
    inherit_from: int | None = None  # index of the attribution a floating quote continues
    speaker_hint: str | None = None  # press-release layouts: the speaker's name as written


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
        return any(q.start < e and s < q.end for q in self.quoted)

    def is_mark(self, t: Token) -> bool:
        """The token is a quotation mark of a quoted passage (not an apostrophe)."""
        return t.idx in self.marks or (t.is_quote and t.idx + len(t.text) - 1 in self.marks)

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
        if (in_lexicon and p < VETO) or (not in_lexicon and p < LEARNED_CUE):
            continue
        if t.dep_ in ("amod", "compound", "acl") or ctx.lines.furniture_at(t.idx):
            continue
        found.extend(_verb_attributions(ctx, t, claimed, p))
    found = _drop_overlaps(found)
    for a in found:
        a.type = _quote_type(ctx, a.content)
    found.extend(_unclaimed_quotes(ctx, found))
    found.sort(key=lambda a: a.content[0])
    _link_floating(ctx, found)
    return found


# ---------------------------------------------------------------- spans


def _token_span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
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


def _quote_chars(q: Quoted, text: str) -> tuple[int, int]:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:“"):
        e -= 1
    return s, e


def _subtree_span(t: Token, stop: Token | None = None) -> tuple[int, int]:
    """Token span of ``t``'s subtree, cut so that it does not reach ``stop``."""
    s, e = t.left_edge.i, t.right_edge.i + 1
    if stop is not None and s <= stop.i < e:
        if t.i < stop.i:
            e = stop.i
        else:
            s = stop.i + 1
    return s, e


def _speaker_span(ctx: QuoteContext, head: Token, cue: Token) -> tuple[int, int]:
    """The speaker mention: the subject's phrase, not crossing the cue or a quotation."""
    s, e = _subtree_span(head, cue)
    doc = ctx.doc
    while s < head.i and doc[s].dep_ in ("preconj", "predet"):
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


def _cue_chars(doc: Doc, v: Token) -> tuple[int, int]:
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


# ---------------------------------------------------------------- cues


def _subject(v: Token) -> Token | None:
    subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS and not c.is_punct]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - v.i))
    # "..., adding that" / "and said": the subject of the verb it hangs on
    if v.dep_ in ("conj", "advcl", "xcomp") and v.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB"):
        h = v.head
        for c in h.children:
            if c.dep_ in SUBJECT_DEPS and c.i < v.i:
                return c
    return None


def _inverted_speaker(ctx: QuoteContext, v: Token) -> Token | None:
    """'..., said Konstantin Asmolov': the speaker after the verb."""
    for c in v.rights:
        if (
            c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos")
            and c.pos_ in ("PROPN", "NOUN", "PRON")
            and not ctx.in_quote(c)
        ):
            return c
    return None


def _verb_attributions(
    ctx: QuoteContext, v: Token, claimed: set[int], p: float = 0.0
) -> list[Attribution]:
    doc = ctx.doc
    lemma = v.lemma_.lower()
    if v.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in v.children):
        return []  # "it was reported": no speaker in sight; handled as no attribution
    subj = _subject(v)
    if _not_a_statement(v):
        return []
    clauses = [c for c in v.children if c.dep_ in CLAUSE_DEPS]
    out: list[Attribution] = []
    cue = _cue_chars(doc, v)

    def add(content: tuple[int, int], speaker_tok: Token | None, quoted: bool = False) -> None:
        if not quoted:
            content = ctx.clip_to_line(content, v.idx)
        if content[1] - content[0] < 2:
            return
        if not quoted:
            if speaker_tok is None or _is_question(ctx.text, content, lemma):
                return
            if lemma in EVIDENCE_VERBS and not _can_speak(speaker_tok):
                return  # "the data suggests", "records show": findings, not statements
            if lemma in BELIEF_VERBS and not ctx.has_quoted_words(content):
                return
            content = _snap_to_quote(ctx, content, claimed)
        speaker = _speaker_span(ctx, speaker_tok, v) if speaker_tok is not None else None
        head = speaker_tok.i if speaker_tok is not None else None
        out.append(Attribution(content, cue, speaker, cue_token=v.i, speaker_head=head))

    # 1. a quotation right before or after the cue claims it first
    q_before = _adjacent_quote_before(ctx, v, subj)
    q_after = _adjacent_quote_after(ctx, v, subj)
    right_clauses = [c for c in clauses if c.i > v.i]
    left_clauses = [c for c in clauses if c.i < v.i]
    speaker_tok = subj if subj is not None else None
    if speaker_tok is None or speaker_tok.i > v.i:
        inv = speaker_tok or _inverted_speaker(ctx, v)
        speaker_tok = inv

    if q_before is not None and right_clauses and _ends_sentence(ctx, q_before):
        # '“... at any hour.” He added that ...': the verb has content of its own
        q_before = None
    if q_before is not None and q_before not in claimed:
        claimed.add(q_before)
        add(_quote_chars(ctx.quoted[q_before], ctx.text), speaker_tok, quoted=True)
        if q_after is not None and q_after not in claimed and _continues(ctx, v, q_after):
            claimed.add(q_after)
            add(_quote_chars(ctx.quoted[q_after], ctx.text), speaker_tok, quoted=True)
        return out
    if q_after is not None and q_after not in claimed:
        claimed.add(q_after)
        add(_quote_chars(ctx.quoted[q_after], ctx.text), speaker_tok, quoted=True)
        return out

    # 2. clausal complements ("..., the agency reported" hung on the verb is another cue)
    right_clauses = [c for c in right_clauses if not _is_bare_cue(c)]
    if right_clauses:
        first = right_clauses[0]
        s, e = first.left_edge.i, _right_content_end(v, first)
        add(_token_span_chars(doc, s, _cut_nested(doc, s, e)), speaker_tok)
    if left_clauses:
        sent = v.sent
        s = min(c.left_edge.i for c in left_clauses)
        s = min(s, _clause_start(sent, s))
        e = max(c.right_edge.i for c in left_clauses) + 1
        add(_token_span_chars(doc, s, _cut_nested(doc, s, e)), speaker_tok)
    if right_clauses or left_clauses:
        return out

    # 2b. a that-clause the parser hung on a noun after the verb:
    #     "told reporters outside the gates that the offer would not ..."
    if lemma in SPEECH_VERBS:
        c = _misattached_that_clause(v)
        if c is not None:
            add(_token_span_chars(doc, c.left_edge.i, c.right_edge.i + 1), speaker_tok)
            return out

    # 3. a parenthetical cue: "Eventually, he predicted, the sanctions will be lifted"
    if v.dep_ == "parataxis" and v.head.i != v.i and subj is not None:
        h = v.head
        hs, he = _clause_start(v.sent, h.left_edge.i), h.right_edge.i + 1
        vs, ve = v.left_edge.i, v.right_edge.i + 1
        left = _token_span_chars(doc, hs, vs)
        right = _token_span_chars(doc, ve, he)
        if _words(ctx.text, left) >= 3:
            add(left, speaker_tok)
        if _words(ctx.text, right) >= 2:
            add(right, speaker_tok)
        return out

    # 4. inverted cue after a comma whose clause the parser hung elsewhere:
    #    "The departure will cost ..., pointed out analyst Fyodor Tertitsky."
    inv = _inverted_speaker(ctx, v)
    own_subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS and c.i < v.i), None)
    if inv is not None and v.i > v.sent.start and own_subj is None:
        prev = doc[v.i - 1]
        if prev.text == "," and _ends_clause(v, inv):
            s = _clause_start(v.sent, v.sent.start)
            add(_token_span_chars(doc, s, v.i - 1), inv)
            return out

    # 4b. "..., the agency reported." with the clause hung elsewhere by the parser
    if subj is not None and subj.i < v.i and _is_bare_cue(v) and v.sent.start < subj.left_edge.i:
        comma = subj.left_edge.i - 1
        if doc[comma].text == ",":
            s = _clause_start(v.sent, v.sent.start)
            add(_token_span_chars(doc, s, comma), subj)
            return out

    # 5. a label in quotation marks: "called Minister Hussen a “chicken”" — the quoted
    #    words are what was said
    if lemma in NAMING_VERBS and subj is not None:
        right = [t for t in v.subtree if t.i > v.i and ctx.in_quote(t)]
        if right:
            q = ctx.quoted[ctx.quote_of_token[right[0].i]]
            add(_quote_chars(q, ctx.text), speaker_tok, quoted=True)
            return out

    # 6. a clause-like or quoted object: "disputes the notion that ...", "calls it a “disaster”"
    if lemma in NP_CONTENT_CUES and subj is not None:
        for c in v.children:
            if c.dep_ in ("dobj",) and c.i > v.i:
                s, e = _subtree_span(c)
                has_clause = any(
                    x.dep_ in ("acl", "relcl", "ccomp") and x.i > c.i for x in c.children
                )
                has_quote = any(ctx.in_quote(doc[i]) for i in range(s, e))
                if has_clause or has_quote:
                    e2 = max(
                        [e] + [x.right_edge.i + 1 for x in v.rights if x.dep_ in ("oprd", "xcomp")]
                    )
                    add(_token_span_chars(doc, s, e2), speaker_tok)
                    return out
    if lemma in ("consider", "view", "regard", "see") and subj is not None:
        # "He considers the meeting a “preliminary” get-together."
        for c in v.children:
            if c.i > v.i and c.dep_ in ("ccomp", "oprd", "xcomp"):
                s, e = _subtree_span(c)
                if any(ctx.in_quote(doc[i]) for i in range(s, e)):
                    add(_token_span_chars(doc, s, e), speaker_tok)
                    return out

    # 7. a stance the model is sure of, with a phrase for content: "urges supporters to
    #    monitor polling places", "wants to triple the program", "called for an end to ..."
    if (
        p >= BROAD_CUE
        and subj is not None
        and subj.i < v.i
        and subj.tag_ != "WDT"
        and lemma not in LIGHT_VERBS
    ):
        span = _object_content(v)
        if span is not None and span[1] - span[0] >= MIN_PHRASE_TOKENS:
            prep = doc[v.i + 1]
            if prep.dep_ == "prep" and span[0] > prep.i:  # "called for", "pointed to"
                cue = (cue[0], prep.idx + len(prep.text))
            add(_token_span_chars(doc, *span), speaker_tok)
    return out


def _object_content(v: Token) -> tuple[int, int] | None:
    """The verb's object phrase (with what it governs after it) as a token span."""
    rights = [c for c in v.rights if not c.is_punct]
    for c in rights:
        if c.dep_ in ("dobj", "xcomp", "ccomp", "oprd"):
            end = max(
                [c.right_edge.i + 1]
                + [x.right_edge.i + 1 for x in rights if x.i > c.i and x.dep_ in ("xcomp", "oprd")]
            )
            return c.left_edge.i, end
        if c.dep_ == "prep" and c.i == v.i + 1:
            pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj.left_edge.i, pobj.right_edge.i + 1
    return None


CLAUSE_OPENERS = frozenset({"that", "if", "whether", "as", "to"})
WH_WORDS = frozenset("who whom whose what which whether how why when where if".split())
QUESTION_CUES = frozenset({"ask", "question", "wonder"})


def _can_speak(t: Token) -> bool:
    """A person, an organisation or a pronoun for them: someone who can make a statement."""
    if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if t.pos_ == "PRON":
        return t.lower_ in ("he", "she", "they", "we", "i", "who")
    return t.lower_ in PERSON_NOUNS or t.lower_.rstrip("s") in PERSON_NOUNS


def _not_a_statement(v: Token) -> bool:
    """'to show', 'did not know': an infinitive or a negated finding states nothing."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return True
    return v.lemma_.lower() in EVIDENCE_VERBS and any(c.dep_ == "neg" for c in v.children)


def _is_question(text: str, content: tuple[int, int], lemma: str) -> bool:
    """'... whether it was worth the cost': an embedded question is not a statement,
    except after verbs of asking."""
    first = text[content[0] : content[1]].split(maxsplit=1)[:1]
    return bool(first) and first[0].lower() in WH_WORDS and lemma not in QUESTION_CUES


def _ends_sentence(ctx: QuoteContext, q: int) -> bool:
    """The quotation closes with a full stop: it is a sentence of its own."""
    qq = ctx.quoted[q]
    inner = ctx.text[qq.start : qq.end].rstrip()
    return inner.endswith(".")


def _misattached_that_clause(v: Token) -> Token | None:
    for x in v.rights:
        if x.dep_ not in ("dobj", "dative", "prep", "npadvmod"):
            continue
        for y in x.subtree:
            if y.dep_ not in ("relcl", "acl") or y.left_edge.lower_ != "that":
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in y.children):
                path_ok = True
                h = y.head
                while h.i != v.i:
                    if h.dep_ not in ("dobj", "dative", "prep", "pobj", "npadvmod", "compound"):
                        path_ok = False
                        break
                    h = h.head
                if path_ok:
                    return y
    return None


def _right_content_end(v: Token, first: Token) -> int:
    """End of what the cue reports after it: the first clause and what the parser hung on
    the verb after it ("said she is unsure ..., but that her group will ..."), up to another
    cue ("..., adding that")."""
    end = first.right_edge.i + 1
    for c in v.rights:
        if c.i <= first.i:
            continue
        if c.lemma_.lower() in CUE_VERBS and c.pos_ in ("VERB", "AUX"):
            break
        if c.dep_ not in ("ccomp", "conj", "cc", "punct", "advcl"):
            break
        end = max(end, c.right_edge.i + 1)
    return end


def _cut_nested(doc: Doc, start: int, end: int) -> int:
    """Cut a content before a statement of its own inside it: ", noting that ...",
    ", saying ...", "and he said ..."."""
    for t in doc[start:end]:
        if t.i == start or t.lemma_.lower() not in SPEECH_VERBS or t.pos_ != "VERB":
            continue
        if t.dep_ not in ("advcl", "conj", "xcomp") or t.left_edge.i <= start:
            continue
        cut = t.left_edge.i
        while cut > start and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc"):
            cut -= 1
        if cut < t.left_edge.i:  # set off by a comma or "and"
            return cut
    return end


def _is_bare_cue(v: Token) -> bool:
    """'..., the TASS agency reported.': a cue verb with a subject and nothing else, after a
    comma, ending its sentence."""
    if v.lemma_.lower() not in CUE_VERBS:
        return False
    subj = _subject(v)
    if subj is None or subj.i > v.i:
        return False
    if any(
        c.dep_ in ("ccomp", "dobj", "xcomp", "prep", "dative") and c.i > v.i for c in v.children
    ):
        return False
    first = subj.left_edge.i
    doc = v.doc
    if first == 0 or doc[first - 1].text != ",":
        return False
    return all(doc[i].is_punct or doc[i].is_space for i in range(v.i + 1, v.sent.end))


def _clause_start(sent, s: int) -> int:
    """The first content token of the sentence (after an opening mark or dash)."""
    i = sent.start
    while i < s and (sent.doc[i].is_punct or sent.doc[i].is_space):
        i += 1
    return i


def _ends_clause(v: Token, speaker: Token) -> bool:
    """The speaker phrase runs to the end of the sentence (nothing else follows)."""
    end = speaker.right_edge.i + 1
    sent_end = v.sent.end
    doc = v.doc
    return all(doc[i].is_punct or doc[i].is_space for i in range(end, sent_end))


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _adjacent_quote_before(ctx: QuoteContext, v: Token, subj: Token | None) -> int | None:
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
    return q


def _adjacent_quote_after(ctx: QuoteContext, v: Token, subj: Token | None) -> int | None:
    """A quotation starting right after the cue: 'she said: “...”', 'he told them, “...”'."""
    doc = ctx.doc
    i = v.i + 1
    # skip particles, the (inverted) subject, indirect objects and short adverbials
    limit = min(len(doc), v.i + 12)
    while i < limit and not ctx.in_quote(doc[i]) and not doc[i].is_quote:
        t = doc[i]
        if t.text in (".", "?", "!") or "\n" in t.text:
            return None
        if t.lower_ in CLAUSE_OPENERS:
            return None  # 'said that “...”': a clause that quotes, not a quotation
        if t.pos_ == "VERB" and t.head.i != v.i:
            return None
        i += 1
    if i >= limit:
        return None
    prev = doc[i - 1] if i - 1 > v.i else None
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
    if prev is None and i - 1 > v.i:
        pass
    return q


def _continues(ctx: QuoteContext, v: Token, q: int) -> bool:
    """'“A,” he said, “B.”': the second part of a split quotation."""
    qq = ctx.quoted[q]
    between = ctx.text[v.idx : qq.open_mark]
    return "." not in between and "\n" not in between and len(between) < 80


def _snap_to_quote(
    ctx: QuoteContext, content: tuple[int, int], claimed: set[int]
) -> tuple[int, int]:
    """A content found inside a quotation (the parse cut it short) becomes the whole
    quotation; content that merely contains quoted words stays as it is."""
    s, e = content
    for qi, q in enumerate(ctx.quoted):
        qs, qe = _quote_chars(q, ctx.text)
        if qs <= s and e <= qe + 1 and qi not in claimed:
            claimed.add(qi)
            return qs, qe
    return content


def _according_to(ctx: QuoteContext, t: Token) -> list[Attribution]:
    doc = ctx.doc
    to = doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return []
    sent = t.sent
    sp = _speaker_span(ctx, pobj, t)
    cue = (t.idx, to.idx + len(to.text))
    phrase_end = pobj.right_edge.i + 1
    if t.i - sent.start <= 1:  # "According to X, content."
        s = phrase_end
        e = sent.end
    else:  # "content, according to X."
        s = _clause_start(sent, sent.start)
        e = t.i
    span = ctx.clip_to_line(_token_span_chars(doc, s, e), t.idx)
    if _words(ctx.text, span) < 3:
        return []
    return [Attribution(span, cue, sp, cue_token=t.i)]


# ---------------------------------------------------------------- after the cues


def _drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Two cues claiming the same content: keep the first (the nearer parse attachment)."""
    out: list[Attribution] = []
    for a in found:
        dup = False
        for b in out:
            if a.content == b.content:
                dup = True
                break
        if not dup:
            out.append(a)
    return out


def _quote_type(ctx: QuoteContext, span: tuple[int, int]) -> str:
    s, e = span
    inside = 0
    for q in ctx.quoted:
        lo, hi = max(s, q.start), min(e, q.end)
        if hi > lo:
            inside += hi - lo
    if inside >= 0.9 * (e - s):
        return "direct"
    if inside > 0:
        return "mixed"
    return "indirect"


def _unclaimed_quotes(ctx: QuoteContext, found: list[Attribution]) -> list[Attribution]:
    """Quotations no cue took: press-release layouts, then floating quotes."""
    out: list[Attribution] = []
    text = ctx.text
    for q in ctx.quoted:
        qs, qe = _quote_chars(q, text)
        if qe - qs < 1:
            continue
        if any(a.content[0] <= qs and qe <= a.content[1] for a in found) or any(
            qs <= a.content[0] < qe or qs < a.content[1] <= qe for a in found
        ):
            continue
        if not _sentence_like(ctx, q):
            continue
        a = Attribution((qs, qe), None, None, type="direct", floating=True)
        hint = _press_release_speaker(ctx, q)
        if hint is not None:
            a.speaker, a.floating = hint, False
        out.append(a)
    return out


def _sentence_like(ctx: QuoteContext, q: Quoted) -> bool:
    """A whole-sentence quotation (not a quoted phrase inside a sentence)."""
    text = ctx.text
    inner = text[q.start : q.end]
    if len(inner.split()) < MIN_FLOATING_WORDS:
        return False
    before = text[: q.open_mark].rstrip(" \t")
    starts_sentence = not before or before[-1] in ".!?:\n" or before.endswith(("—", "–"))
    return starts_sentence


def _press_release_speaker(ctx: QuoteContext, q: Quoted) -> tuple[int, int] | None:
    """'From Chairwoman Y:' on the line before, or '-Commissioner X' right after."""
    doc, text = ctx.doc, ctx.text
    # after: "..." -Commissioner X   /   "..." — X
    if q.close_mark is not None:
        tail = text[q.close_mark + 1 : q.close_mark + 80]
        stripped = tail.lstrip(" \t")
        if stripped[:1] in ("-", "—", "–"):
            start = q.close_mark + 1 + (len(tail) - len(stripped)) + 1
            while start < len(text) and text[start] in " -—–":
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
        if (
            len(line.split()) <= 8
            and ctx.doc.char_span(offset, offset + len(line), alignment_mode="expand") is not None
        ):
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            names = [t for t in span if t.ent_type_ in ("PERSON", "ORG")]
            if names:
                s = names[0].i
                e = names[-1].i + 1
                return s, e
    return None


def _link_floating(ctx: QuoteContext, found: list[Attribution]) -> None:
    """A floating quote continues the nearest attributed statement before it, when that is
    in the same or the previous paragraph."""
    last: int | None = None
    for i, a in enumerate(found):
        if a.floating:
            if last is not None:
                pa = ctx.para_index(found[last].content[0])
                pb = ctx.para_index(a.content[0])
                if pb - pa <= 1:
                    a.inherit_from = last
            continue
        if a.speaker is not None:
            last = i


__all__ = ["Attribution", "find_attributions", "SPEECH_VERBS", "WEAK_CUES"]
