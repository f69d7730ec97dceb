"""What the parse says around a cue verb.

- its speaker: the subject, also after the verb ("said X") or inherited from the verb it
  hangs on ("..., adding that ...");
- how far its content runs: the clause after it and what hangs on the verb after that, up
  to another cue; cut before a statement of its own inside it (", noting that ..."); a
  that-clause the parser hung on a noun ("told reporters ... that ..."); an object phrase;
- whether it states anything: not an infinitive or a negated finding, not an embedded
  question, not a finding by something that cannot speak ("records show").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.lexicon import CUE_VERBS, EVIDENCE_VERBS, PERSON_NOUNS, SPEECH_VERBS

SUBJECT_DEPS = ("nsubj",)
WH_WORDS = frozenset("who whom whose what which whether how why when where if".split())
QUESTION_CUES = frozenset({"ask", "question", "wonder"})


def subject(v: Token) -> Token | None:
    subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS and not c.is_punct]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - v.i))
    # "..., adding that" / "and said": the subject of the verb it hangs on
    if v.dep_ in ("conj", "advcl", "xcomp") and v.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB"):
        h = v.head
        for c in h.children:
            if c.dep_ in SUBJECT_DEPS and c.i < v.i:
                return c
    # "responded by saying ...", "After saying ..., she was": a gerund's subject is the
    # subject of the verb it hangs on, before or after it
    if v.tag_ == "VBG" and (v.dep_ in ("advcl", "pcomp")):
        h = v.head.head if v.dep_ == "pcomp" and v.head.dep_ == "prep" else v.head
        if h.pos_ in ("VERB", "AUX"):
            for c in h.children:
                if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct:
                    return c
    return None


def inverted_speaker(ctx: QuoteContext, v: Token) -> Token | None:
    """'..., said Konstantin Asmolov': the speaker after the verb. When the parser hung the
    name elsewhere ('said Philip Oreopoulos, an economist ..., whose review influenced
    ...' read as the subject of 'influenced'), a name right after the verb, outside
    quotations, is the speaker all the same."""
    for c in v.rights:
        if (
            c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos")
            and c.pos_ in ("PROPN", "NOUN", "PRON")
            and not ctx.in_quote(c)
        ):
            return c
    doc = v.doc
    i = v.i + 1
    if i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and not (
        ctx.in_quote(doc[i])
    ):
        while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].head.i != v.i and (
            doc[i + 1].text[:1].isupper()
        ):
            i += 1
        return doc[i]  # the last word of the name
    return None


def object_content(v: Token) -> tuple[int, int] | None:
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


PREDICATE_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "oprd", "prep", "acomp", "attr"})


def predicate_content(v: Token) -> tuple[int, int] | None:
    """What a cue verb with a phrase for content governs to its right, up to the first
    punctuation: "linked cybersecurity to Hillary Clinton's use of ...", "condemned the test
    as “provocative”"."""
    span = object_content(v)
    if span is None:
        return None
    start, end = span
    for c in v.rights:
        if c.i < start:
            continue
        if c.is_punct or c.dep_ not in PREDICATE_DEPS or _when(c):
            break
        end = max(end, c.right_edge.i + 1)
    return start, end


def _when(c: Token) -> bool:
    """A phrase that says when ("on Friday", "in 2015"): told by the writer, not the source."""
    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
    return c.dep_ == "prep" and obj is not None and obj.ent_type_ in ("DATE", "TIME")


def can_speak(t: Token) -> bool:
    """A person, an organisation or a pronoun for them: someone who can make a statement."""
    if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if t.pos_ == "PRON":
        return t.lower_ in ("he", "she", "they", "we", "i", "who")
    return t.lower_ in PERSON_NOUNS or t.lower_.rstrip("s") in PERSON_NOUNS


def not_a_statement(v: Token) -> bool:
    """'to show', 'did not know': an infinitive or a negated finding states nothing."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return True
    return v.lemma_.lower() in EVIDENCE_VERBS and any(c.dep_ == "neg" for c in v.children)


def is_question(text: str, content: tuple[int, int], lemma: str) -> bool:
    """'... whether it was worth the cost': an embedded question is not a statement,
    except after verbs of asking."""
    first = text[content[0] : content[1]].split(maxsplit=1)[:1]
    return bool(first) and first[0].lower() in WH_WORDS and lemma not in QUESTION_CUES


def misattached_that_clause(v: Token) -> Token | None:
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


def right_content_end(v: Token, first: Token) -> int:
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
    doc = v.doc
    while end > first.i + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].text in (",", ";")):
        end -= 1  # "said the plan would fail, and": a conjunction ends nothing said
    return end


def cut_nested(doc: Doc, start: int, end: int) -> int:
    """Cut a content before a statement of its own inside it: ", noting that ...",
    ", saying ...", "and he said ..."."""
    for t in doc[start:end]:
        if t.i == start or t.lemma_.lower() not in SPEECH_VERBS or t.pos_ != "VERB":
            continue
        if t.dep_ not in ("advcl", "conj", "xcomp") or t.left_edge.i <= start:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            continue  # "was “shocked” to confirm the death": an infinitive states nothing
        cut = t.left_edge.i
        while cut > start and (
            (doc[cut - 1].is_punct and not doc[cut - 1].is_quote) or doc[cut - 1].dep_ == "cc"
        ):
            cut -= 1
        if cut < t.left_edge.i:  # set off by a comma or "and"
            return cut
    return end


def is_bare_cue(v: Token) -> bool:
    """'..., the TASS agency reported.': a cue verb with a subject and nothing else, after a
    comma, ending its sentence."""
    if v.lemma_.lower() not in CUE_VERBS:
        return False
    subj = subject(v)
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


def ends_clause(v: Token, speaker: Token) -> bool:
    """The speaker phrase runs to the end of the sentence (nothing else follows)."""
    end = speaker.right_edge.i + 1
    sent_end = v.sent.end
    doc = v.doc
    return all(doc[i].is_punct or doc[i].is_space for i in range(end, sent_end))
