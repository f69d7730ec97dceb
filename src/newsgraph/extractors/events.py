"""Events: who met, visited, signed, protested, was arrested; with whom, where, when.

The ``events`` pass, after entities and speakers are final:

1. triggers (``event_triggers.py``): verbs, nouns, light-verb phrases, event names, deadlines
   and listings of the types of ``shared/EVENTS.md``;
2. arguments (``event_args.py``): participants (entities, pronouns and descriptions
   resolved as for speakers), places and a date anchored on the publication date;
3. status (``event_status.py``): occurred, planned or failed; negated, hypothetical and
   generic mentions are dropped;
4. coreference (``event_coref.py``): mentions of one happening merged;
5. an event needs a named participant, a place or a date (EVENTS.md), and the learned
   filter (``event_model.py``) must not find it very unlikely.

Each event gets its PLOVER/CAMEO code (``event_lexicon.CODES``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extractors import event_lexicon as lx
from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.event_args import ArgumentReader, Arguments
from newsgraph.extractors.event_coref import ANAPHORIC_DETS, Mention, MergedEvent, merge
from newsgraph.extractors.event_model import features, is_link_line, keep, shipped_filter
from newsgraph.extractors.event_status import status_of
from newsgraph.extractors.event_triggers import Trigger, find_triggers
from newsgraph.extractors.linear import LinearModel
from newsgraph.extractors.roles import RoleSpan
from newsgraph.extractors.speakers import SpeakerResolver
from newsgraph.record import Event, Span

# Nouns of a deal that name one deal per object: "purchases of A and B" are two.
DEAL_NOUNS = frozenset("acquisition acquisitions purchase purchases buyout takeover".split())


def find_events(
    doc: Doc,
    index: EntityIndex,
    roles: dict[str, list[RoleSpan]],
    published: str | None,
    resolver: SpeakerResolver,
    context: QuoteContext | None = None,
    model: LinearModel | None = None,
) -> list[Event]:
    """The events of one document: the candidates the learned filter keeps."""
    model = model or shipped_filter()
    found = [
        e for e in event_candidates(doc, index, roles, published, resolver, context)
        if keep(model, features(e, context))
    ]
    text = doc.text  # spaCy rebuilds it on every access
    return [to_record(doc, n, e, text) for n, e in enumerate(found, 1)]


def event_candidates(
    doc: Doc,
    index: EntityIndex,
    roles: dict[str, list[RoleSpan]],
    published: str | None,
    resolver: SpeakerResolver,
    context: QuoteContext | None = None,
) -> list[MergedEvent]:
    """Every candidate event of a document, merged, in order of first mention."""
    mentions = read_mentions(doc, index, published, resolver, context)
    events = merge(mentions)
    _main_event_place(events)
    _candidates_run(events, candidates(doc, index, roles))
    return events


def candidates(
    doc: Doc, index: EntityIndex, roles: dict[str, list[RoleSpan]]
) -> list[Cluster]:
    """The people the article presents as running for office: their titles say so
    ("presidential nominee", "Green Party candidate"; not running mates), or a campaign of
    theirs ("Clinton's campaign", "the Trump campaign", "Trump's running mate")."""
    out: list[Cluster] = []
    for t in doc:
        if t.lemma_.lower() in lx.CANDIDACY_NOUNS or (
            t.lower_ == "mate" and t.i > 0 and doc[t.i - 1].lower_ == "running"
        ):
            for x in t.children:
                owner = index.at(x.i)
                if x.dep_ in ("poss", "compound") and owner is not None and (
                    owner.type == "PERSON" and owner not in out
                ):
                    out.append(owner)
    for c in index.clusters:
        if c in out:
            continue
        for r in roles.get(c.id, []):
            words = set((r.title or "").lower().replace("-", " ").split())
            running = words & lx.CANDIDATE_TITLES or (
                "nominee" in words and words & lx.NOMINEE_TITLES
            )
            if running and not words & lx.NOT_CANDIDATE_TITLES:
                out.append(c)
                break
    return out


def _candidates_run(events: list[MergedEvent], people: list[Cluster]) -> None:
    """The election to come is the one the article's candidates run in."""
    for e in events:
        if e.type == "election" and e.status == "planned":
            for c in people:
                if c not in e.participants:
                    e.participants.append(c)


def _specific(trig: Trigger) -> bool:
    """An election the text names as one vote: "the presidential election", "Election
    Day", "this election"."""
    t = trig.head
    near = {c.lower_ for c in t.children if c.i < t.i} | {t.head.lower_}
    return trig.type == "election" and bool(near & lx.SPECIFIC_ELECTIONS)


def read_mentions(
    doc: Doc,
    index: EntityIndex,
    published: str | None,
    resolver: SpeakerResolver,
    context: QuoteContext | None = None,
) -> list[Mention]:
    reader = ArgumentReader(doc, index, resolver.refer, published)
    sent_of = {s.start: k for k, s in enumerate(doc.sents)}
    out: list[Mention] = []
    triggers = find_triggers(doc, index, published)
    nouns = {t.head.i: t.type for t in triggers if t.kind in ("noun", "name")}
    for trig in triggers:
        if trig.kind in ("verb", "post") and _noun_names_it(trig, nouns, reader):
            continue  # "the accord is expected to be ratified": the noun names it
        if is_link_line(context, trig.head.idx):
            continue  # "READ MORE: X meets Y": another story's event
        first = status_of(trig, published, None)
        if first is None:
            continue
        args = reader.read(trig, future=first == "planned")
        status = status_of(trig, published, args.date)
        if status is None:
            continue
        kind = trig.type
        if kind == "talks" and trig.lemma == "talks" and (args.date or args.places):
            kind = "meeting"  # "talks in Paris last December": held at a place and time
        if trig.lemma == "call" and len(args.participants) < 2:
            continue  # a call is a meeting between named people, not a call to police
        if trig.lemma in lx.CASE_NOUNS and not args.participants:
            continue  # "charges of fraud" against no one named: rhetoric, not a case
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS for c in trig.head.children
        )
        sent = sent_of.get(trig.head.sent.start, 0)
        anaphoric = definite and trig.kind == "noun" and not args.own
        generic, specific = _generic(trig, args), _specific(trig)
        places: list[str | None] = list(args.places) or [None]
        for place in places:  # "sessions in A, B and C": one event per place
            for parts in _deal_split(trig, args.participants, index):
                out.append(Mention(
                    trig, kind, parts, place, args.date, status, definite, sent, anaphoric,
                    generic, specific,
                ))
    return out


def _noun_names_it(trig: Trigger, nouns: dict[int, str], reader: ArgumentReader) -> bool:
    """A verb trigger whose object or subject is a noun trigger of the same type: "signed
    the deal", "the accord is expected to be ratified" are the noun's event."""
    v = trig.head
    args = [c for c in v.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    subj = reader.subject(v)
    if subj is not None:
        args.append(subj)
    return any(c.i in nouns for c in args if c is not subj) or (
        subj is not None and nouns.get(subj.i) == trig.type)


def _generic(trig: Trigger, args: Arguments) -> bool:
    """A bare plural noun that names no one and no place: "a web of agreements", "morning
    meetings", "70 deals in the quarter"."""
    t = trig.head
    return (
        trig.kind == "noun"
        and t.tag_ in ("NNS", "NNPS")
        and trig.lemma not in lx.PLURAL_SINGULARS
        and not any(c.dep_ in ("det", "poss") for c in t.children)
        and not (args.own or args.places)
    )


def _deal_split(trig: Trigger, participants: list, index: EntityIndex) -> list[list]:
    """'Sentinel One's purchases of Prompt Security and Observo.ai': one deal per object."""
    if trig.lemma not in DEAL_NOUNS:
        return [participants]
    objs = [
        o for p in trig.head.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj"
    ]
    if not objs:
        return [participants]
    bought = [index.at(x.i) for x in [objs[0], *objs[0].conjuncts]]
    bought = [c for c in bought if c is not None and c in participants]
    if len(bought) < 2:
        return [participants]
    buyers = [c for c in participants if c not in bought]
    return [[*buyers, c] for c in bought]


def to_record(doc: Doc, n: int, e: MergedEvent, text: str | None = None) -> Event:
    trig = e.first.trigger
    text = doc.text if text is None else text
    start, end = doc[trig.start].idx, doc[trig.end - 1].idx + len(doc[trig.end - 1].text)
    kind = e.type
    code = lx.CODE_BY_LEMMA.get(trig.lemma) if kind == "attack" else None
    return Event(
        id=f"V{n}",
        type=kind,
        trigger=Span(start, end, text[start:end]),
        participants=[c.id for c in e.participants],
        place=e.place,
        date=e.date,
        status=e.status,
        code=code or lx.CODES.get(kind),
    )


def _main_event_place(events: list[MergedEvent]) -> None:
    """The article's first meeting without a place takes the place one of its participants
    is said to go back to: "promised to visit Vladivostok again", "will return to Seoul"."""
    main = next(
        (e for e in events if e.type == "meeting" and len(e.participants) >= 2), None
    )
    if main is None or main.place is not None:
        return
    ids = {c.id for c in main.participants}
    for e in events:
        if e is main or e.type != "visit" or not e.place:
            continue
        again = any(
            c.lower_ in ("again", "back") for m in e.mentions for c in m.trigger.head.children
        )
        if again and {c.id for c in e.participants} & ids:
            main.place = e.place
            return
