"""Status of an event mention from the words around its trigger: occurred, planned or failed;
None for a mention that is negated, hypothetical or generic (not an event).

- planned: a future auxiliary ("will meet"), a planning verb above it ("plans to visit",
  "is expected to sign", "scheduled talks", "his decision to leave"), a modifier ("the
  upcoming summit"), or a date after the publication date;
- failed: a verb of failure above it ("the talks collapsed", "cancelled the sessions",
  "the treaty fell apart", "failed to reach a deal"), or a modifier ("the failed summit");
- dropped: a negation ("did not meet", "no meeting"), a condition ("if they meet"), a modal
  ("could be arrested"), a verb of wish or doubt above it ("considering a run", "hopes to
  visit"), a habit ("often meets"), a determiner of any ("every summit").

A noun takes the status of the verb it is an argument of only when that verb carries the
event ("held talks", "cancelled the summit", "the summit will take place"), not of any
verb around it ("the outcome of the election could be pivotal" is no hypothetical
election). An election with no sign of the past is the one to come ("the ongoing
presidential election", "as Election Day grows near").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extractors import event_lexicon as lx
from newsgraph.extractors.dates import parse_reference
from newsgraph.extractors.event_triggers import Trigger

# Verbs that carry a noun event as their subject: "the summit will take place".
HAPPEN_VERBS = frozenset("take happen occur begin start open end close continue resume".split())
CLAUSE_UP = ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp")
PAST_TAGS = frozenset({"VBD", "VBN"})


def status_of(trig: Trigger, published: str | None, date: str | None) -> str | None:
    t = trig.head
    if trig.kind == "listing":
        return _by_date("occurred", published, date)
    if trig.kind == "deadline":
        return "planned"
    if trig.type == "deadline":  # "extended to Feb. 15": a date still to meet
        return "planned" if _verb_status(t, trig.type) is not None else None
    status: str | None = "occurred"
    verb: Token | None = t
    if t.pos_ in ("NOUN", "PROPN"):
        own = _noun_own(t)
        if own is None:
            return None
        verb = _carrier(t)
        if own == "past":
            return _by_date("occurred", published, date)
        status = own
        if verb is not None:
            v_status = _verb_status(verb, trig.type)
            if v_status is None:
                return None
            lemma = verb.lemma_.lower()
            if lemma in lx.FAILED_GOVERNORS and not any(c.dep_ == "xcomp" for c in verb.children):
                v_status = "failed"  # "cancelled the sessions"; not "failed to break the ice"
            elif lemma in lx.PLANNED_GOVERNORS and v_status == "occurred":
                v_status = "planned"  # "scheduled talks"
            status = v_status if v_status == "failed" or own == "occurred" else own
    else:
        status = _verb_status(t, trig.type)
        if status is None:
            return None
    if trig.type == "election" and status == "occurred" and not _past(t):
        status = "planned"
    return _by_date(status, published, date)


def _by_date(status: str, published: str | None, date: str | None) -> str:
    """A date after the publication day makes an event planned; a planned election dated
    before it happened."""
    ref = parse_reference(published)
    if ref is None or not date or date.startswith("X") or status == "failed":
        return status
    parts = date.split("-")
    when = tuple(int(p) for p in parts if p.isdigit())
    now = (ref.year, ref.month, ref.day)[: len(when)]
    if when > now:
        return "planned"
    if when < now and status == "planned":
        return "occurred"
    return status


def _noun_own(t: Token) -> str | None:
    """What a noun's own modifiers say: "no meeting" (None), "the upcoming summit"
    (planned), "the failed talks" (failed), else occurred."""
    for c in t.children:
        low = c.lower_
        if c.dep_ == "det" and low in lx.GENERIC_DETERMINERS:
            return None
        if c.dep_ in ("amod", "compound", "advmod") and low in lx.PLANNED_MODIFIERS:
            return "planned"
        if c.dep_ in ("amod", "advmod") and low in lx.PAST_MODIFIERS:
            return "past"  # "the recent election": occurred, whatever the clause's tense
        if c.dep_ in ("amod", "compound") and low in lx.FAILED_MODIFIERS:
            return "failed"
    if t.dep_ == "pobj" and t.head.lower_ == "without":
        return None
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of" and (
        t.head.head.lemma_.lower() in lx.HYPOTHETICAL_NOUNS
    ):
        return None  # "the prospect of talks"
    return "occurred"


def _carrier(t: Token) -> Token | None:
    """The verb a noun event is an argument of, when that verb carries the event: its
    object ("held talks", "cancelled the sessions"), its subject when the verb says the
    event happens, fails or is planned ("the talks collapsed", "the summit will take
    place"), or the noun after "at"/"to" ("spoke at a gathering")."""
    h = t.head
    if h.pos_ not in ("VERB", "AUX"):
        if t.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ == "VERB":
            v = h.head
            if h.lower_ in lx.ATTEND_PREPS and v.lemma_.lower() in lx.ATTEND_VERBS:
                return v  # "will speak at the summit"
        return None
    lemma = h.lemma_.lower()
    if t.dep_ in ("dobj", "attr", "oprd"):
        return h
    if t.dep_ in ("nsubj", "nsubjpass") and (
        lemma in HAPPEN_VERBS | lx.FAILED_GOVERNORS | lx.PLANNED_GOVERNORS
        or lemma in lx.FAILED_PARTICLES or lemma in lx.VERB_TRIGGERS
    ):
        return h  # "the talks collapsed", "the accord is expected to be ratified"
    return None


def _verb_status(v: Token, kind: str) -> str | None:
    """Status from a verb and the clauses above it."""
    status = "occurred"
    x: Token = v
    for _ in range(6):
        lemma = x.lemma_.lower()
        kids = list(x.children)
        if any(c.dep_ == "neg" for c in kids):
            return None
        if any(c.dep_ == "mark" and c.lower_ in lx.CONDITIONAL_MARKS for c in kids):
            return None
        if any(c.dep_ == "advmod" and c.lower_ in lx.HABITUAL for c in kids):
            return None
        for c in kids:
            if c.dep_ not in ("aux", "auxpass"):
                continue
            low = c.lower_
            if low in lx.FUTURE_AUX or c.lemma_ == "will":
                status = "planned" if status == "occurred" else status
            elif low in lx.HYPOTHETICAL_MODALS:
                if kind == "deadline" or low in ("must",):
                    status = "planned"
                else:
                    return None
        if x is not v:
            if lemma in lx.HYPOTHETICAL_GOVERNORS:
                return None
            if lemma in lx.FAILED_GOVERNORS:
                status = "failed"  # "failed to reach a deal", "cancelled plans to meet"
            elif lemma in lx.FAILED_PARTICLES and any(
                c.lower_ == lx.FAILED_PARTICLES[lemma] for c in kids
            ):
                status = "failed"
            elif lemma in lx.PLANNED_GOVERNORS and status == "occurred":
                status = "planned"
            elif lemma == "go" and x.tag_ == "VBG" and status == "occurred":
                status = "planned"  # "is going to visit"
            elif lemma in lx.REPORTING_VERBS and kind == "agreement" and status == "planned":
                status = "occurred"  # "announced it will combine with Udemy": agreed
        else:
            if lemma in lx.FAILED_PARTICLES and any(
                c.lower_ == lx.FAILED_PARTICLES[lemma] for c in kids
            ):
                status = "failed"
        if x.dep_ not in CLAUSE_UP or x.head.i == x.i:
            break
        if x.dep_ in ("relcl", "acl"):
            if x.head.lemma_.lower() in lx.HYPOTHETICAL_NOUNS:
                return None  # "the probability that X will be attacked"
            if x.head.lemma_.lower() in lx.PLANNED_NOUNS and status == "occurred":
                status = "planned"  # "his decision to leave Meta"
            break
        if x.dep_ == "conj":
            x = x.head
            continue
        if x.dep_ == "advcl" and not any(c.dep_ == "mark" for c in x.children):
            break  # "..., attacking her as well": its own clause
        x = x.head
    return status


def _past(t: Token) -> bool:
    """The nearest finite verb above (or at) ``t`` is in the past tense: "won the
    election", "helped elect", "were competing in the primary"."""
    x = t
    for _ in range(8):
        if x.pos_ in ("VERB", "AUX"):
            aux = [c for c in x.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in lx.FUTURE_AUX or a.tag_ == "MD" for a in aux):
                return False
            if x.tag_ in PAST_TAGS and not any(a.tag_ in ("VBZ", "VBP") for a in aux):
                return x.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux) or not aux
            if any(a.tag_ == "VBD" for a in aux):
                return True
            if x.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
                return False
        if x.head.i == x.i:
            break
        x = x.head
    return False
