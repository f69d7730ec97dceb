"""An event's arguments read off the parse around its trigger: who took part, where, when.

Participants are entities of the entity layer (never created here): the subject of a
trigger verb or of the verb that supports a trigger noun ("X held talks with Y", "X
attended the summit", "X spoke at a gathering"), its objects ("police arrested X"), the
agent of a passive ("appointed by X"), a possessive or a name in front of a noun ("X's
visit", "the CyberArk acquisition"), and prepositional phrases ("talks with Y", "the
summit between X and Y", "charges against X"). A pronoun or a description is resolved as
for speakers (``refer``); "the leaders of Brazil and China" stands for the countries named.

Place: a place entity after "in"/"at"/"on" on the trigger or its verb, the destination of
a visit ("visited P", "travelled to P"). Several places listed ("sessions in A, B and C")
are kept apart: one event each. Date: a date expression attached to the trigger or its
verb, or in front of the noun ("the 2014 attack", "September's election"), resolved
against the publication date (``dates.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.extractors import dates
from newsgraph.extractors import event_lexicon as lx
from newsgraph.extractors.entities import Cluster, EntityIndex
from newsgraph.extractors.event_triggers import ACTOR_TYPES, PLACE_TYPES, Trigger
from newsgraph.extractors.lexicon import GROUP_NOUNS

Refer = Callable[[int, int], Cluster | None]
# Dependencies along which a date expression hangs on the word it dates.
DATE_PATH = frozenset(
    "pobj prep npadvmod nummod compound amod nmod advmod poss appos quantmod tmod".split()
)
DATE_STEPS = 4
# Nouns for the people of a country or body: "the leaders of Brazil" stand for Brazil.
REPRESENTATIVES = frozenset(
    """
    leader leaders president presidents minister ministers government governments
    official officials representative representatives delegation delegations head heads
    envoy envoys diplomat diplomats member members team
    """.split()
)
# Verbs through which someone attends an event named in a prepositional phrase.
ATTEND_VERBS = frozenset("speak talk appear testify perform attend participate".split())
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(slots=True)
class Arguments:
    participants: list[Cluster] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    date: str | None = None
    support: Token | None = None  # the verb a noun trigger hangs on ("held" talks)
    own: bool = False  # a noun trigger names participants itself ("X's visit", "talks with Y")


class ArgumentReader:
    def __init__(self, doc: Doc, index: EntityIndex, refer: Refer, published: str | None):
        self.doc = doc
        self.index = index
        self.refer = refer
        self.published = published
        self.date_ent: dict[int, Span] = {}
        for e in doc.ents:
            if e.label_ == "DATE":
                for i in range(e.start, e.end):
                    self.date_ent[i] = e

    # ------------------------------------------------------------ entry point
    def read(self, trig: Trigger, future: bool = False) -> Arguments:
        args = Arguments()
        own = {id(c) for c in self.index.in_span(trig.start, trig.end)}
        if trig.kind == "listing":
            args.date, args.places = trig.date, [trig.place] if trig.place else []
            return args
        t = trig.head
        anchors = [t]
        if trig.kind in ("verb", "post"):
            self._verb_args(trig, t, args)
        elif trig.kind == "deadline":
            args.support = t.head.head if t.head.dep_ == "prep" else None
            if args.support is not None:
                anchors.append(args.support)
                self._verb_args(trig, args.support, args)
        else:
            self._noun_args(trig, t, args)
            if args.support is not None:
                anchors.append(args.support)
        args.participants = [c for c in args.participants if id(c) not in own]
        places = set(args.places)
        args.participants = [c for c in args.participants if c.name not in places]
        args.date = trig.date or self._date(trig, anchors, future)
        return args

    # ------------------------------------------------------------ participants
    def _add(self, args: Arguments, cs: list[Cluster]) -> None:
        for c in cs:
            if c.type in ACTOR_TYPES and c not in args.participants:
                args.participants.append(c)

    def actors(self, x: Token) -> list[Cluster]:
        """The entities a phrase headed by ``x`` names, with its conjuncts and appositions:
        "Kim and Clark Moran", "two developers, A and B", "the leaders of Brazil and China",
        "he", "the company"."""
        out: list[Cluster] = []
        for y in [x, *[c for c in x.conjuncts if c.i > x.i]]:
            c = self.index.at(y.i)
            if c is not None:
                out.append(c)
            elif y.pos_ == "PRON":
                r = self.refer(y.i, y.i + 1)
                if r is not None:
                    out.append(r)
            elif y.pos_ == "NOUN":
                low = y.lemma_.lower()
                named = [a for a in y.children if a.dep_ == "appos"]
                for a in named:
                    out.extend(self.actors(a))
                plural = y.tag_.endswith("S")
                one = self.refer(y.left_edge.i, y.i + 1) if not named and not plural else None
                if one is not None:  # "the U.S. president": the person meant
                    out.append(one)
                elif low in REPRESENTATIVES or low in GROUP_NOUNS:
                    for p in y.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            for o in p.children:
                                if o.dep_ == "pobj":
                                    out.extend(self.actors(o))
                    for p in y.children:  # "Chinese leaders": no entity; "NATO members"
                        c2 = self.index.at(p.i)
                        if p.dep_ in ("compound", "poss") and c2 is not None:
                            out.append(c2)
            # names in apposition to a name: "Prime Minister Justin Trudeau and his wife,
            # Sophie Gregoire Trudeau"
            for a in y.children:
                if a.dep_ == "appos" and y.pos_ != "NOUN":
                    out.extend(self.actors(a))
        return out

    def _subject(self, v: Token) -> Token | None:
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        h = v
        while subj is None and h.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl"):
            if h.dep_ in ("relcl", "acl") and h.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return h.head  # "Lisa Harris, who has met with Vickers"
            h = h.head
            subj = next((c for c in h.children if c.dep_ in ("nsubj",)), None)
        if subj is not None and subj.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
            return v.head
        return subj

    def _verb_args(self, trig: Trigger, v: Token, args: Arguments) -> None:
        subj = self._subject(v)
        visit = trig.type in ("visit", "deadline")  # "visited P", "must leave P by ..."
        if subj is not None:
            self._add(args, self.actors(subj))
        for c in v.children:
            dep = c.dep_
            if dep in ("dobj", "attr", "oprd", "dative"):
                place = self._place(c) if visit else None
                if place:
                    args.places.extend(place)
                elif trig.type == "appointment" and dep in ("attr", "oprd"):
                    self._post(c, args)  # "became Canada's ambassador to Ireland"
                else:
                    self._add(args, self.actors(c))
            elif dep == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        self._add(args, self.actors(o))
            elif dep == "prep":
                self._prep(trig, c, args)
            elif dep == "npadvmod" and visit:  # "flew here": no name
                continue

    def _post(self, post: Token, args: Arguments) -> None:
        """The organisation of a post: "Tesla's chair", "CEO of Tesla"."""
        for c in post.children:
            oc = self.index.at(c.i)
            if c.dep_ == "poss" and oc is not None and oc.type == "ORG":
                self._add(args, [oc])
            if c.dep_ == "prep" and c.lower_ in ("of", "at"):
                for o in c.children:
                    oc = self.index.at(o.i)
                    if o.dep_ == "pobj" and oc is not None and oc.type == "ORG":
                        self._add(args, [oc])

    def _prep(self, trig: Trigger, p: Token, args: Arguments) -> None:
        word = p.lower_
        objs = [o for o in p.children if o.dep_ == "pobj"]
        if not objs:
            return
        o = objs[0]
        if word in lx.PLACE_PREPS_EVENT or (word in ("to", "into", "from") and trig.type in (
            "visit", "deadline")) or (
            word == "on" and trig.type == "attack"
        ):
            place = self._place(o)
            if place:
                args.places.extend(place)
                return
            if word in ("to",) and trig.type == "visit":
                self._add(args, self.actors(o))  # "a visit to the president"
            return
        if word in ("as", "to") and trig.type == "appointment":
            self._post(o, args)
            oc = self.index.at(o.i)
            if oc is not None and oc.type == "ORG":
                self._add(args, [oc])
            return
        if word in lx.PARTICIPANT_PREPS:
            if word == "of" and trig.type == "visit":
                place = self._place(o)
                if place:
                    args.places.extend(place)
                    return
            if word == "from" and trig.type not in ("appointment", "agreement"):
                return
            self._add(args, self.actors(o))

    def _noun_args(self, trig: Trigger, t: Token, args: Arguments) -> None:
        for c in t.children:
            dep = c.dep_
            if dep == "poss":
                self._add(args, self.actors(c))
            elif dep in ("compound", "nmod", "amod") and c.i < trig.start:
                oc = self.index.at(c.i)
                if oc is not None and (oc.type in ("PERSON", "ORG") or (
                    oc.type in ("GPE", "NORP") and trig.type in ("election", "agreement", "talks",
                                                                 "meeting", "sanction")
                )):
                    if oc.type == "GPE" and trig.type == "meeting":
                        continue  # "the Paris summit": a place, not a party
                    self._add(args, [oc])
            elif dep == "prep":
                self._prep(trig, c, args)
            elif dep == "acl":  # "an event held by X", "the summit hosted by Y"
                for a in c.children:
                    if a.dep_ == "agent":
                        for o in a.children:
                            if o.dep_ == "pobj":
                                self._add(args, self.actors(o))
                    elif a.dep_ == "prep":
                        self._prep(trig, a, args)
        args.own = bool(args.participants)
        h = t.head
        if t.dep_ in ("dobj", "attr", "oprd") and h.pos_ in ("VERB", "AUX"):
            if h.lemma_.lower() in lx.SUPPORT_VERBS:
                args.support = h
                self._verb_args(trig, h, args)
        elif t.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ == "VERB":
            v = h.head
            if h.lower_ in lx.ATTEND_PREPS and v.lemma_.lower() in ATTEND_VERBS | lx.SUPPORT_VERBS:
                args.support = v  # "spoke at a gathering"
                subj = self._subject(v)
                if subj is not None:
                    self._add(args, self.actors(subj))
        elif t.dep_ in ("nsubj", "nsubjpass") and h.pos_ in ("VERB", "AUX"):
            args.support = h
            for c in h.children:  # "the summit was held in Hanoi on Monday"
                if c.dep_ == "prep" and c.lower_ in lx.PLACE_PREPS_EVENT:
                    self._prep(trig, c, args)
        if not args.places:
            # "summit ... with the president in Hanoi": a place hung on a participant
            for x in t.subtree:
                if x.dep_ == "prep" and x.lower_ in ("in", "at") and x.head.i != t.i:
                    o = next((y for y in x.children if y.dep_ == "pobj"), None)
                    place = self._place(o) if o is not None else []
                    if place:
                        args.places.extend(place[:1])
                        break

    # ------------------------------------------------------------ place
    def _place(self, o: Token) -> list[str]:
        """The place names a phrase headed by ``o`` lists: "Drayton Valley, Edmonton and
        Red Deer" -> three; a name typed otherwise in a list of places counts as a place."""
        head = self.index.at(o.i)
        if head is None or head.type not in PLACE_TYPES:
            if head is not None and head.type == "ORG" and o.head.lower_ == "at":
                return [head.name]  # "at Gallaudet University"
            return []
        out = [head.name]
        for c in o.conjuncts:
            cc = self.index.at(c.i)
            name = cc.name if cc is not None else (c.text if c.pos_ == "PROPN" else None)
            if name and name not in out:
                out.append(name)
        return out

    # ------------------------------------------------------------ date
    def _date(self, trig: Trigger, anchors: list[Token], future: bool) -> str | None:
        ids = {a.i for a in anchors}
        best: tuple[int, Span] | None = None
        sent = trig.head.sent
        seen: set[int] = set()
        for i in range(sent.start, sent.end):
            e = self.date_ent.get(i)
            if e is None or e.start in seen:
                continue
            seen.add(e.start)
            h, steps = e.root, 0
            while h.i not in ids and steps < DATE_STEPS and h.dep_ in DATE_PATH and h.head.i != h.i:
                h, steps = h.head, steps + 1
            if h.i in ids and (best is None or steps < best[0]):
                best = (steps, e)
        if best is not None:
            return dates.normalize(best[1].text, self.published, future=future)
        t = trig.head
        if t.pos_ in ("NOUN", "PROPN"):
            for x in t.lefts:  # a month the tagger put inside another name ("Kim's February talks")
                for y in x.subtree:
                    if y.lower_ in dates.MONTHS and len(y.text) > 3 and y.text[:1].isupper():
                        return dates.normalize(y.text, self.published, future=future)
        return None
