"""Event triggers: the words that name a happening of one of the guideline's types.

- verbs ("met", "visited", "arrested"), also with the particle or preposition that makes
  them one ("travelled to", "stepped down", "pleaded guilty", "ran for president");
- nouns ("the summit", "talks", "a campaign stop"), some only with a word of their kind
  ("presidential race", "phone call"), and event names ("Web Summit", "Easter Rising");
- appointment verbs whose object is a post or an organisation ("named X chief executive",
  "joined the board", "left Meta", "became ambassador");
- deadlines: "must leave by December 22", "the deadline", "expire on September 30",
  "extended to Feb. 15";
- listings of events, one a line: "Web Summit - November 9-12, 2026, Lisbon, Portugal".

Word senses that are not events are left out here, from the parse and the sentence:
"attacked her opponent as a fraud" (no violence near), "met its goals" (an object that is
no one), "a press conference", "the charges were unsubstantiated" (no case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.clean.features import BYLINE
from newsgraph.extractors import dates
from newsgraph.extractors import event_lexicon as lx
from newsgraph.extractors.entities import EntityIndex
from newsgraph.extractors.lexicon import ORG_NOUNS, PERSON_NOUNS, ROLE_NOUNS, TITLE_WORDS

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Objects that make "meet" a matter of targets, not people: "met its goals".
POST_NOUNS = ROLE_NOUNS | TITLE_WORDS | frozenset(
    "office post job position seat role chair presidency leadership".split()
)
JOINABLE = frozenset(
    "board staff team cabinet company firm government administration party office".split()
)
DEADLINE_MODALS = frozenset("must should shall have has need needs required".split())
CASE_OBJECTS = frozenset("case lawsuit suit charges claims dispute allegations".split())
NOT_CONFERENCES = frozenset("press news".split())
IDIOM_DEALS = frozenset("great good big".split())
LISTING = re.compile(r"^\s*(?P<name>[^\n]{2,80}?)\s+[-–—|]\s+(?P<rest>[^\n]{6,120})$")
_MONTHS = "|".join(sorted(dates.MONTHS, key=len, reverse=True))
LISTING_DATE = re.compile(
    rf"^(?P<month>{_MONTHS})\.?,?\s+(?P<day>\d{{1,2}})"
    r"(?:\s*[-–]\s*\d{1,2})?\s*,?\s*(?P<year>(?:19|20)\d\d)\s*,?\s*(?P<place>.*)$",
    re.I,
)


@dataclass(slots=True)
class Trigger:
    type: str
    head: Token  # the word that names the event
    start: int  # tokens [start, end) of the trigger as written
    end: int
    kind: str  # verb | noun | post | name | deadline | listing
    lemma: str
    date: str | None = None  # a listing's own date
    place: str | None = None  # a listing's own place


def find_triggers(doc: Doc, index: EntityIndex, published: str | None) -> list[Trigger]:
    """Every trigger of the document, in text order."""
    violent = _sentences_with(doc, lx.VIOLENCE_WORDS)
    cases = _sentences_with(doc, lx.CHARGE_CONTEXT)
    out: list[Trigger] = _listings(doc, published)
    claimed: set[int] = {i for x in out for i in range(x.start, x.end)}
    for t in doc:
        if t.i in claimed:
            continue
        trig = None
        if t.pos_ == "VERB":
            trig = _verb(doc, index, t, violent, cases)
        elif t.pos_ in ("NOUN", "PROPN"):
            trig = _noun(doc, t, violent, cases)
            named_entity = index.at(t.i)
            if trig is not None and trig.kind == "noun" and named_entity is not None:
                trig = None  # a word of a name: "People's Alliance", "Rally Canada"
        elif t.lower_ == "by" and t.dep_ == "prep":
            trig = _by_deadline(doc, t)
        if trig is not None:
            out.append(trig)
            claimed.update(range(trig.start, trig.end))
    out.sort(key=lambda x: x.start)
    return out


def _sentences_with(doc: Doc, words: frozenset[str]) -> set[int]:
    """Start tokens of the sentences holding one of ``words``."""
    return {s.start for s in doc.sents if any(t.lower_ in words for t in s)}


def _entity_type(index: EntityIndex, t: Token) -> str | None:
    c = index.at(t.i)
    return c.type if c is not None else None


def _object(v: Token) -> Token | None:
    return next((c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")), None)


def _prep_objects(v: Token, word: str) -> list[Token]:
    return [
        p for c in v.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word
        for p in c.children if p.dep_ == "pobj"
    ]


def _has_with(v: Token, word: str) -> bool:
    """The verb has the particle, preposition, object or complement ``word``:
    "stepped down", "travelled to", "took office", "pleaded guilty"."""
    for c in v.children:
        if c.dep_ in ("prt", "prep", "acomp", "advmod", "oprd") and c.lower_ == word:
            return True
        if c.dep_ in ("dobj", "attr") and c.lemma_.lower() == word:
            return True
        if word == "to" and c.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children
        ):
            return True  # "agreed to support them"
    return False


def _is_actor(index: EntityIndex, t: Token) -> bool:
    """A phrase head that can be someone: a name of a person, organisation or country, a
    personal pronoun, or a noun for people."""
    et = _entity_type(index, t)
    if et is not None:
        return et in ACTOR_TYPES
    if t.pos_ == "PRON":
        return t.lower_ not in ("it", "this", "that", "what", "which", "something", "nothing")
    return t.lemma_.lower() in PERSON_NOUNS or t.lemma_.lower() in ORG_NOUNS


def _verb(
    doc: Doc, index: EntityIndex, v: Token, violent: set[int], cases: set[int]
) -> Trigger | None:
    lemma = v.lemma_.lower()
    sent = v.sent.start
    for (lem, word), with_kind in lx.VERB_WITH.items():
        if lem == lemma and _has_with(v, word):
            if word in ("to", "in", "at") and with_kind == "visit":
                dest = _prep_objects(v, word)
                if not dest or not all(
                    _entity_type(index, d) in PLACE_TYPES | {"ORG", "PERSON"} for d in dest[:1]
                ):
                    continue  # "went to court", "came to power"
            end = v.i + 1
            if lemma == "meet" and _passive(v):
                continue  # "was met with criticism"
            extra = next(
                (c for c in v.children if c.lower_ == word or c.lemma_.lower() == word), None
            )
            if extra is not None and extra.dep_ in ("prt", "acomp", "dobj", "oprd"):
                end = max(end, extra.i + 1) if extra.i == v.i + 1 else end
            return Trigger(with_kind, v, v.i, end, "verb", lemma)
    kind = lx.VERB_TRIGGERS.get(lemma)
    obj = _object(v)
    if kind is None:
        if lemma in lx.POST_VERBS:
            return _post_verb(index, v, lemma, obj)
        return None
    ambiguous = lemma in lx.AMBIGUOUS_ATTACKS or lemma in ("shoot", "kill")
    place_object = obj is not None and _entity_type(index, obj) in PLACE_TYPES
    if kind == "attack" and ambiguous and sent not in violent and not place_object:
        return None
    if lemma == "charge" and sent not in cases and not _prep_objects(v, "with"):
        return None
    if lemma == "meet" and not _meeting(index, v, obj):
        return None
    if lemma in ("buy", "purchase", "acquire") and (
        obj is None or _entity_type(index, obj) != "ORG"
    ):
        return None  # "bought property"
    if lemma == "settle" and not _prep_objects(v, "with") and (
        obj is None or obj.lemma_.lower() not in CASE_OBJECTS
    ):
        return None  # "settled in Canada"
    if lemma == "merge" and not _prep_objects(v, "with") and not any(
        c.dep_ == "conj" for s in v.children if s.dep_ == "nsubj" for c in s.children
    ):
        return None
    if lemma == "partner" and not _prep_objects(v, "with"):
        return None
    if lemma in ("host", "visit") and obj is not None and not (
        _is_actor(index, obj) or _entity_type(index, obj) in PLACE_TYPES
    ) and lemma == "host":
        return None
    if lemma in ("capture", "succeed", "hire", "recruit") and (
        obj is None or not _is_actor(index, obj)
    ) and not _passive(v):
        return None
    if lemma == "demonstrate" and obj is not None:
        return None  # "demonstrated the need"
    if lemma in lx.NEEDS_CAUSE and not _cause(v):
        return None  # "rallied supporters", "marched into the room"
    if lemma == "elect" and (
        _prep_objects(v, "to") or any(
            _entity_type(index, x) == "ORG" for x in v.subtree if x.i > v.i
        )
    ):
        kind = "appointment"  # elected to a post inside an organisation
    return Trigger(kind, v, v.i, v.i + 1, "verb", lemma)


def _passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _meeting(index: EntityIndex, v: Token, obj: Token | None) -> bool:
    """'met X', 'met with X', 'the two leaders met'; not 'met its goals', 'was met with
    criticism', 'meet and exceed his goals'."""
    if _passive(v):
        return False
    if obj is not None:
        return _is_actor(index, obj)
    if _prep_objects(v, "with"):
        return True
    if any(c.dep_ == "conj" and c.pos_ == "VERB" for c in v.children):
        return False  # "meet and exceed his goals": the object is shared
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    return subj is not None and (
        subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        or subj.lower_ in ("they", "we")
    )


def _post_verb(index: EntityIndex, v: Token, lemma: str, obj: Token | None) -> Trigger | None:
    """Appointments whose object is a post or an organisation: "became ambassador",
    "named X chief executive", "joined the board", "left Meta", "fired the manager"."""

    def post(t: Token | None) -> bool:
        return t is not None and (
            t.lemma_.lower() in POST_NOUNS or _entity_type(index, t) == "ORG"
            or t.lemma_.lower() in JOINABLE
        )

    ok = False
    if lemma == "become":
        ok = obj is not None and obj.lemma_.lower() in POST_NOUNS
    elif lemma == "name":  # "named X chief executive", "X was named to the board"
        as_post = any(
            c.dep_ in ("oprd", "xcomp", "attr", "ccomp")
            or (c.dep_ == "prep" and c.lower_ in ("as", "to"))
            for c in v.children
        )
        ok = as_post and (obj is not None or any(c.dep_ == "nsubjpass" for c in v.children))
    elif lemma in ("join", "leave", "quit"):
        # "left Meta", "joined the board"; not "left the court with eight justices"
        extra = lemma == "leave" and any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or (
            c.dep_ == "prep" and c.lower_ in ("with", "in", "to", "behind")) for c in v.children)
        ok = (
            obj is not None and post(obj) and not extra
            and _entity_type(index, obj) not in PLACE_TYPES
        )
    elif lemma == "depart":
        ok = bool(_prep_objects(v, "as")) or post(obj) or any(
            _entity_type(index, c) == "ORG" for c in v.children
        )
    elif lemma in ("fire", "dismiss", "oust", "promote", "replace"):
        ok = obj is not None and _entity_type(index, obj) == "PERSON" or (
            any(c.dep_ == "nsubjpass" for c in v.children)
        )
    if not ok:
        return None
    return Trigger("appointment", v, v.i, v.i + 1, "post", lemma)


def _noun(doc: Doc, t: Token, violent: set[int], cases: set[int]) -> Trigger | None:
    low = t.lower_
    if (t.ent_type_ in ("DATE", "TIME") and low != "election") or (
        low in dates.MONTHS and t.text[:1].isupper()
    ):
        return None  # "in March", "May"; but "Election Day"
    key = low if low in lx.NOUN_TRIGGERS else t.lemma_.lower()
    kind = lx.NOUN_TRIGGERS.get(key)
    named = t.pos_ == "PROPN" and low in lx.NAMED_EVENT_WORDS and t.text[:1].isupper()
    if named:
        kind = lx.NAMED_EVENT_WORDS[low]
    if kind is None:
        return None
    if t.dep_ == "compound" and kind != "election" and not named:
        return None  # "deal value", "meeting room"
    mods = {c.lower_ for c in t.children if c.i < t.i} | {
        c.lower_ for c in t.children if c.dep_ == "prep"
    }
    if not named and key in lx.NOUN_NEEDS_MODIFIER and not (mods & lx.NOUN_NEEDS_MODIFIER[key]):
        return None
    if key == "conference" and mods & NOT_CONFERENCES:
        return None
    if key == "deal" and mods & IDIOM_DEALS:
        return None
    if key in lx.NEEDS_CAUSE and not named and not _cause(t):
        return None  # a campaign rally, not a demonstration
    if kind == "attack" and key in lx.AMBIGUOUS_ATTACKS and t.sent.start not in violent:
        on = [o for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "at")
              for o in c.children if o.dep_ == "pobj"]
        if not any(o.ent_type_ in PLACE_TYPES for o in on):
            return None  # "personal attacks"; but "the attack on Parliament Hill"
    if key in ("charge", "charges", "sentence", "plea") and t.sent.start not in cases:
        return None  # "the charges were unsubstantiated": accusations, no case
    start = t.i
    if named:  # the whole name: "Republican National Convention"
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(
            start, t.i + 1
        ):
            start -= 1
    return Trigger(kind, t, start, t.i + 1, "name" if named else "noun", key)


def _cause(t: Token) -> bool:
    """A rally or march for or against something: "a rally against the plan", "marched
    to demand ...", "a protest rally", "protesters rallied"."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in lx.CAUSE_PREPS:
            return True
        if c.dep_ in ("acl", "relcl", "advcl") and c.lemma_.lower() in lx.CAUSE_VERBS:
            return True
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in lx.PROTEST_WORDS:
            return True
    for c in t.children:
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)):
            return c.lemma_.lower() in lx.CAUSE_VERBS  # "rallied to demand"
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lx.PROTEST_WORDS


def _by_deadline(doc: Doc, by: Token) -> Trigger | None:
    """'All such workers must leave Russia by December 22.'"""
    pobj = next((y for y in by.children if y.dep_ == "pobj"), None)
    v = by.head
    if pobj is None or pobj.ent_type_ != "DATE" or v.pos_ not in ("VERB", "AUX"):
        return None
    modal = any(c.dep_ == "aux" and c.lower_ in DEADLINE_MODALS for c in v.children) or (
        v.dep_ == "xcomp" and v.head.lemma_ in ("have", "need", "require")
    )
    if not modal:
        return None
    start, end = pobj.i, pobj.i + 1  # the date expression: "December 22"
    while start > 0 and doc[start - 1].ent_type_ == "DATE" and doc[start - 1].ent_iob_ != "O" \
            and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Trigger("deadline", pobj, start, end, "deadline", "by")


def _names_a_person(span: Span) -> bool:
    """A byline or a person's name in front of a date is no listed event."""
    if BYLINE.match(span.text):  # the cleaner's byline pattern ("By ...", "Written by ...")
        return True
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.ent_type_ == "PERSON" for t in words)


def _listings(doc: Doc, published: str | None) -> list[Trigger]:
    """Lines of an events list: "Web Summit - November 9-12, 2026, Lisbon, Portugal"."""
    out = []
    text = doc.text
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = LISTING.match(line)
        if m is None:
            continue
        d = LISTING_DATE.match(m["rest"].strip())
        name = m["name"].strip()
        if d is None or not name[:1].isupper():
            continue
        when = dates.normalize(f"{d['month']} {d['day']}, {d['year']}", published)
        span: Span | None = doc.char_span(
            start + m.start("name"), start + m.start("name") + len(name), alignment_mode="expand"
        )
        if span is None or when is None or _names_a_person(span):
            continue  # "By Luis Ortega | September 8, 2023": a byline, not an event
        place = d["place"].strip(" ,.") or None
        out.append(
            Trigger("meeting", span.root, span.start, span.end, "listing", "listing", when, place)
        )
    return out
