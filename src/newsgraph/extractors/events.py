"""Events: meetings, visits, talks, agreements, deadlines, with participants, place and date.

A trigger word (a noun like "summit" or a verb like "met") anchors each event. Participants
come from its syntax: "the summit between X and Y", "X's talks with Y", "X met Y", "X
promised to visit P". Place: "in P", the visited place, or, for the article's main event,
the place its participants are said to go back to ("visit P again"). Date: a date modifier
("the April 25 summit", "February talks") or "on/by DATE". Mentions of the same event
(same participants, compatible place and date) are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.extractors import dates
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.roles import RoleSpan
from newsgraph.extractors.speakers import SpeakerResolver
from newsgraph.record import Event, Span

NOUN_TRIGGERS = {
    "summit": "meeting",
    "meeting": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "visit": "visit",
    "trip": "visit",
    "tour": "visit",
    "agreement": "agreement",
    "deal": "agreement",
    "treaty": "agreement",
    "accord": "agreement",
    "conference": "meeting",
    "election": "election",
    "referendum": "election",
    "sanctions": "sanction",
}
VERB_TRIGGERS = {
    "meet": "meeting",
    "visit": "visit",
    "sign": "agreement",
    "negotiate": "talks",
    "sanction": "sanction",
    "travel": "visit",
}
DEADLINE_MODALS = frozenset(
    """
    must should shall have has need needs required
""".split()
)
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG"})
RETURN_VERBS = frozenset({"visit", "return", "come", "go", "travel"})


@dataclass(slots=True)
class _Event:
    type: str
    trigger: Token
    participants: list[Cluster] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    definite: bool = False


def find_events(
    doc: Doc,
    index: EntityIndex,
    roles: dict[str, list[RoleSpan]],
    published: str | None,
    resolver: SpeakerResolver | None = None,
) -> list[Event]:
    resolver = resolver or SpeakerResolver(doc, index, roles, [None] * len(doc))
    found: list[_Event] = []
    for t in doc:
        kind = None
        if t.pos_ == "NOUN" and t.lower_ in NOUN_TRIGGERS:
            kind = NOUN_TRIGGERS[t.lower_]
        elif t.pos_ == "VERB" and t.lemma_.lower() in VERB_TRIGGERS:
            kind = VERB_TRIGGERS[t.lemma_.lower()]
        elif t.lower_ == "by" and t.dep_ == "prep":
            ev = _deadline(doc, index, t, published)
            if ev is not None:
                found.append(ev)
            continue
        if kind is None:
            continue
        ev = _Event(kind, t)
        if t.pos_ == "NOUN":
            _noun_event(doc, index, resolver, ev, published)
        else:
            _verb_event(doc, index, resolver, ev, published)
        found.append(ev)
    merged = _merge(found)
    _main_event_place(doc, index, merged)
    kept = [e for e in merged if e.participants or e.place or e.type == "deadline"]
    return [
        Event(
            id=f"V{n}",
            type=e.type,
            trigger=Span(e.trigger.idx, e.trigger.idx + len(e.trigger.text), e.trigger.text),
            participants=[c.id for c in e.participants],
            place=e.place,
            date=e.date,
        )
        for n, e in enumerate(kept, 1)
    ]


def _add(ev: _Event, c: Cluster | None) -> None:
    if c is not None and c.type in PARTICIPANT_TYPES and c not in ev.participants:
        ev.participants.append(c)


def _entity_of(doc: Doc, index: EntityIndex, resolver: SpeakerResolver, t: Token) -> Cluster | None:
    """The entity a participant phrase (headed by ``t``) names, through pronouns and nominals."""
    c = index.at(t.i)
    if c is not None:
        return c
    if t.pos_ in ("PRON", "NOUN"):
        return resolver.resolve_mention(t.left_edge.i, t.right_edge.i + 1, head_at=t.i)
    return None


def _with_conjuncts(t: Token) -> list[Token]:
    return [t, *[c for c in t.conjuncts if c.i > t.i]]


def _place_of(index: EntityIndex, t: Token) -> str | None:
    c = index.at(t.i)
    if c is not None and c.type in PLACE_TYPES:
        return c.name
    return None


FULL_MONTHS = frozenset(
    """
        january february march april june july august september october november december
    """.split()
)


def _date_of(doc: Doc, t: Token, published: str | None) -> str | None:
    if t.ent_type_ != "DATE":
        # a month name the tagger put inside another entity ("Kim's February talks")
        if t.lower_ in FULL_MONTHS and t.text[0].isupper():
            return dates.normalize(t.text, published)
        return None
    ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
    if ent is None:
        return None
    return dates.normalize(ent.text, published, future=_is_future(t))


FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "going"})


def _is_future(t: Token) -> bool:
    """The date belongs to a verb in the future ("will meet on Thursday")."""
    h = t
    while h.head.i != h.i and h.pos_ not in ("VERB", "AUX"):
        h = h.head
    return any(c.lower_ in FUTURE_AUX for c in h.children if c.dep_ in ("aux", "auxpass"))


def _noun_event(
    doc: Doc, index: EntityIndex, resolver: SpeakerResolver, ev: _Event, published: str | None
) -> None:
    t = ev.trigger
    ev.definite = any(c.lower_ in ("the", "this", "that") for c in t.children if c.dep_ == "det")
    for x in doc[t.left_edge.i : t.i]:  # "the April 25 summit", "Kim's February talks"
        ev.date = ev.date or _date_of(doc, x, published)
    for c in t.children:
        if c.dep_ == "poss":
            for x in _with_conjuncts(c):
                _add(ev, _entity_of(doc, index, resolver, x))
        elif c.dep_ in ("compound", "nmod", "amod", "npadvmod") and c.i < t.i:
            ev.date = ev.date or _date_of(doc, c, published)
            cl = index.at(c.i)
            if cl is not None and cl.type == "PERSON":
                _add(ev, cl)
        elif c.dep_ == "prep":
            _prep(doc, index, resolver, ev, c, published)
    # "summit ... in Hanoi" may hang on a participant ("with the president in Hanoi")
    if ev.place is None:
        for x in t.subtree:
            if x.dep_ == "prep" and x.lower_ in ("in", "at") and x.head.i != t.i:
                pobj = next((y for y in x.children if y.dep_ == "pobj"), None)
                if pobj is not None and _place_of(index, pobj):
                    ev.place = _place_of(index, pobj)
                    break
    # the verb governing the noun: "X held talks with Y", "X will attend the summit"
    h = t.head
    if t.dep_ in ("dobj",) and h.pos_ == "VERB":
        for c in h.children:
            if c.dep_ == "nsubj":
                _add(ev, _entity_of(doc, index, resolver, c))
            elif c.dep_ == "prep":
                _prep(doc, index, resolver, ev, c, published)


def _prep(
    doc: Doc,
    index: EntityIndex,
    resolver: SpeakerResolver,
    ev: _Event,
    p: Token,
    published: str | None,
) -> None:
    pobj = next((y for y in p.children if y.dep_ == "pobj"), None)
    if pobj is None:
        return
    word = p.lower_
    if word in ("between", "with", "of", "by"):
        for x in _with_conjuncts(pobj):
            place = _place_of(index, x) if ev.type == "visit" and word == "of" else None
            if place:
                ev.place = ev.place or place
            else:
                _add(ev, _entity_of(doc, index, resolver, x))
    elif word in ("in", "at", "to"):
        place = _place_of(index, pobj)
        if place:
            ev.place = ev.place or place
        else:
            ev.date = ev.date or _date_of(doc, pobj, published)
    elif word in ("on", "during"):
        ev.date = ev.date or _date_of(doc, pobj, published)


def _verb_event(
    doc: Doc, index: EntityIndex, resolver: SpeakerResolver, ev: _Event, published: str | None
) -> None:
    v = ev.trigger
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and v.dep_ in ("xcomp", "conj", "advcl"):
        subj = next((c for c in v.head.children if c.dep_ in ("nsubj",)), None)
    if subj is not None:
        for x in _with_conjuncts(subj):
            _add(ev, _entity_of(doc, index, resolver, x))
    for c in v.children:
        if c.dep_ == "dobj":
            place = _place_of(index, c)
            if place:
                ev.place = ev.place or place
            else:
                for x in _with_conjuncts(c):
                    _add(ev, _entity_of(doc, index, resolver, x))
        elif c.dep_ == "prep":
            _prep(doc, index, resolver, ev, c, published)
        elif c.dep_ in ("npadvmod", "advmod"):
            ev.date = ev.date or _date_of(doc, c, published)


def _deadline(doc: Doc, index: EntityIndex, by: Token, published: str | None) -> _Event | None:
    """'All such workers must leave Russia by December 22.'"""
    pobj = next((y for y in by.children if y.dep_ == "pobj"), None)
    if pobj is None:
        return None
    when = _date_of(doc, pobj, published)
    if when is None:
        return None
    v = by.head
    if v.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in DEADLINE_MODALS for c in v.children) and not (
        v.dep_ == "xcomp" and v.head.lemma_ in ("have", "need", "require")
    ):
        return None
    ev = _Event("deadline", pobj if pobj.ent_type_ == "DATE" else by, date=when)
    for c in v.children:
        if c.dep_ in ("dobj", "pobj") and _place_of(index, c):
            ev.place = _place_of(index, c)
        elif c.dep_ == "prep" and c.lower_ in ("in", "from", "to"):
            pob = next((y for y in c.children if y.dep_ == "pobj"), None)
            if pob is not None and _place_of(index, pob):
                ev.place = ev.place or _place_of(index, pob)
    return ev


FAMILY = {"meeting": "meeting", "talks": "meeting", "visit": "visit"}


def _merge(events: list[_Event]) -> list[_Event]:
    """Mentions of one event: the same kind of event between the same participants."""
    out: list[_Event] = []
    for e in events:
        target = None
        fam = FAMILY.get(e.type, e.type)
        for o in reversed(out):
            if FAMILY.get(o.type, o.type) != fam or not e.participants:
                continue
            ids_e = {c.id for c in e.participants}
            ids_o = {c.id for c in o.participants}
            same = ids_e == ids_o and len(ids_e) >= 2
            subset = e.definite and ids_e < ids_o
            if not (same or subset):
                continue
            if e.place and o.place and e.place != o.place:
                continue
            if e.date and o.date and e.date != o.date:
                continue
            target = o
            break
        if target is None:
            out.append(e)
            continue
        target.place = target.place or e.place
        target.date = target.date or e.date
    return out


def _main_event_place(doc: Doc, index: EntityIndex, events: list[_Event]) -> None:
    """The article's first meeting without a place takes the place one of its participants
    is said to go back to: "promised to visit Vladivostok again", "will return to Seoul"."""
    main = next(
        (e for e in events if FAMILY.get(e.type) == "meeting" and len(e.participants) >= 2), None
    )
    if main is None or main.place is not None:
        return
    ids = {c.id for c in main.participants}
    for e in events:
        if e is main or e.type != "visit" or not e.place:
            continue
        again = any(c.lower_ in ("again", "back") for c in e.trigger.children)
        if again and {c.id for c in e.participants} & ids:
            main.place = e.place
            return
