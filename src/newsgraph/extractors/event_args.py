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
from newsgraph.extractors.lexicon import (
    GROUP_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

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
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSES = frozenset("ccomp advcl relcl xcomp acl conj parataxis csubj".split())
# Nouns that describe someone ("the president", "the company"): only these are resolved to
# an entity; "the plan" or "the meeting" stand for no one.
DESCRIPTIONS = PERSON_NOUNS | ORG_NOUNS | ROLE_NOUNS | TITLE_WORDS
RELATIVE_TIME = frozenset("before after since until ahead prior following".split())
DEFINITE = frozenset("the this that these those".split())


def _clause_verb(t: Token) -> Token | None:
    """The verb of the clause a noun sits in, unless the noun is told relative to the
    clause's time ("began in 2018, well before the summit")."""
    x = t
    for _ in range(6):
        if x.head.i == x.i:
            return None
        x = x.head
        if x.lower_ in RELATIVE_TIME:
            return None
        if x.pos_ in ("VERB", "AUX"):
            return x
    return None


def _definite(t: Token) -> bool:
    """'the president', 'his wife', 'the company's chief'."""
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in t.children
    )


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
        if not args.places and trig.type not in ("election", "appointment"):
            args.places.extend(self._nested_place(t)[:1])
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

    def actors(self, x: Token, depth: int = 0) -> list[Cluster]:
        """The entities a phrase headed by ``x`` names, with its conjuncts and appositions:
        "Kim and Clark Moran", "two developers, A and B", "the leaders of Brazil and China",
        "he", "they", "the company", "the U.S. president"."""
        out: list[Cluster] = []
        if depth > 3:
            return out
        for y in [x, *[c for c in x.conjuncts if c.i > x.i]]:
            c = self.index.at(y.i)
            if c is not None:
                out.append(c)
            elif y.pos_ == "PRON":
                out.extend(self._pronoun(y))
            elif y.pos_ == "NOUN":
                out.extend(self._noun_actors(y, depth))
            # names in apposition to a name: "Prime Minister Justin Trudeau and his wife,
            # Sophie Gregoire Trudeau"
            for a in y.children:
                if a.dep_ == "appos" and y.pos_ != "NOUN":
                    out.extend(self.actors(a, depth + 1))
        return out

    def _noun_actors(self, y: Token, depth: int) -> list[Cluster]:
        low = y.lemma_.lower()
        named = [a for a in y.children if a.dep_ == "appos"]
        out: list[Cluster] = []
        for a in named:
            out.extend(self.actors(a, depth + 1))
        if named:
            return out
        if y.dep_ == "appos":  # "Lisa Harris, Liberal MLA for X, who met ...": the name
            return self.actors(y.head, depth + 1)
        if y.dep_ == "attr" and y.head.lemma_ == "be":  # "Garland is Obama's nominee"
            subj = next((c for c in y.head.children if c.dep_ == "nsubj"), None)
            return self.actors(subj, depth + 1) if subj is not None else out
        plural = y.tag_.endswith("S")
        if not plural and _definite(y) and low in DESCRIPTIONS:
            one = self.refer(y.left_edge.i, y.i + 1)
            if one is not None:  # "the U.S. president", "the company": who is meant
                return [one]
        if low in REPRESENTATIVES or low in GROUP_NOUNS:
            for p in y.children:  # "the leaders of Brazil and China"
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            out.extend(self.actors(o, depth + 1))
            for p in y.children:  # "NATO members", "China's leaders"
                c2 = self.index.at(p.i)
                if p.dep_ in ("compound", "poss") and c2 is not None:
                    out.append(c2)
        return out

    def _pronoun(self, y: Token) -> list[Cluster]:
        """'he', 'it', 'they': the subject of the clause the pronoun's clause reports ("X
        announced it will combine with Y", "X said he had reached a settlement"), else the
        speakers' resolver; "they" are the people named together before it."""
        low = y.lower_
        if low in ("they", "them", "we", "us"):
            return self._plural(y) if low in ("they", "them") else []
        if y.dep_ in ("nsubj", "nsubjpass") and y.head.dep_ == "ccomp":
            gov = next((c for c in y.head.head.children if c.dep_ == "nsubj"), None)
            gc = self.index.at(gov.i) if gov is not None else None
            if gc is not None and (
                (low in ("he", "she") and gc.type == "PERSON")
                or (low == "it" and gc.type in ("ORG", "GPE"))
            ):
                return [gc]
        r = self.refer(y.i, y.i + 1)
        return [r] if r is not None else []

    def _plural(self, y: Token) -> list[Cluster]:
        """'they': the names coordinated as a subject in this or the previous sentence
        ("Kim and Clark Moran ... they"), else the people named before it in its sentence
        ("Graham has been critical of Trump since they both were competing")."""
        sent = y.sent
        for s in (sent, self._previous(sent)):
            if s is None:
                continue
            for t in s:
                if t.i >= y.i:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in t.children):
                    group = [c for c in self.actors(t, 3) if c.type in ACTOR_TYPES]
                    if len(group) >= 2:
                        return group
                family = self.index.at(t.i)
                if t.tag_ == "NNPS" and family is not None and family.type == "PERSON":
                    return [family]  # "the Morans' story ... after they travelled"
        if not any(c.lower_ in ("both", "two") for c in y.children) and not (
            y.i + 1 < len(self.doc) and self.doc[y.i + 1].lower_ == "both"
        ):
            return []
        people: list[Cluster] = []
        for i in range(sent.start, y.i):
            c = self.index.at(i)
            if c is not None and c.type == "PERSON" and c not in people:
                people.append(c)
        return people if len(people) >= 2 else []

    def _previous(self, sent: Span) -> Span | None:
        if sent.start == 0:
            return None
        return self.doc[sent.start - 1].sent

    def subject(self, v: Token) -> Token | None:
        """The subject of a verb, also through the clauses above it ("is expected to be
        ratified", "after arriving in Dublin", "Lisa Harris, who met ...")."""
        return self._subject(v)

    def _subject(self, v: Token) -> Token | None:
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        h = v
        for _ in range(4):
            if subj is not None:
                break
            if h.dep_ in ("relcl", "acl") and h.head.pos_ in ("NOUN", "PROPN", "PRON"):
                noun = h.head  # "Lisa Harris, who has met with Vickers"
                poss = next((c for c in noun.children if c.dep_ == "poss"), None)
                if h.dep_ == "acl" and noun.lemma_.lower() in lx.PLANNED_NOUNS and poss:
                    return poss  # "his decision to leave Meta"
                return noun
            if h.dep_ == "pcomp" and h.head.dep_ == "prep":
                h = h.head  # "after arriving in Dublin": the subject of the clause
            elif h.dep_ not in ("xcomp", "conj", "advcl", "ccomp"):
                break
            h = h.head
            subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
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
                self._modifier(trig, c, args)
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
        elif t.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
            v = h.head
            attends = h.lower_ in lx.ATTEND_PREPS and v.lemma_.lower() in lx.ATTEND_VERBS
            # whoever does something at or during a meeting or a stop is there: "X said at
            # a campaign stop in Toledo", "X pushed the strategy during the convention"
            there = h.lower_ in ("at", "during") and trig.type in ("meeting", "visit")
            # "won 21 seats in September's election": who ran in it
            ran = h.lower_ in ("in",) and trig.type == "election" and (
                v.lemma_.lower() in lx.ELECTION_VERBS)
            # "expanding through a partnership with Y": the subject is the other party
            through = h.lower_ in ("through", "via", "under") and trig.type == "agreement"
            if attends or there or through or ran:
                args.support = v if attends else None
                subj = self._subject(v)
                if subj is not None:
                    self._add(args, self.actors(subj))
        elif t.dep_ in ("nsubj", "nsubjpass") and h.pos_ in ("VERB", "AUX"):
            args.support = h
            for c in h.children:  # "the summit was held in Hanoi on Monday"
                if c.dep_ == "prep" and c.lower_ in lx.PLACE_PREPS_EVENT:
                    self._prep(trig, c, args)

    def _modifier(self, trig: Trigger, c: Token, args: Arguments) -> None:
        """A name in front of a noun trigger: a party ("the CyberArk acquisition", "Kim's
        February talks"), a place ("the Paris climate agreement", "the Hanoi summit"), or
        a label that is neither ("the Democratic convention", "the GOP primary")."""
        oc = self.index.at(c.i)
        if oc is None:
            return
        kind = "meeting" if trig.type == "talks" else trig.type
        if oc.type == "PERSON" or oc.type == "ORG" and kind not in ("election", "meeting"):
            self._add(args, [oc])
        elif oc.type in PLACE_TYPES:
            if kind == "sanction":
                self._add(args, [oc])  # "U.S. sanctions": who imposes them
            elif kind != "election" and oc.name not in args.places:
                args.places.append(oc.name)

    # ------------------------------------------------------------ place
    def _nested_place(self, t: Token) -> list[str]:
        """A place the parser hung on another word of the clause: "summit with the
        president in Hanoi", "shot X outside a bar in Graz", "arrested X in Szeged"."""
        def inside(x: Token) -> bool:  # the clause's own words, not a clause within it
            return x.dep_ not in CLAUSES or (x.dep_ == "conj" and x.pos_ not in ("VERB", "AUX"))

        todo = [c for c in t.children if inside(c)]
        while todo:
            x = todo.pop(0)
            if x.dep_ == "prep" and x.lower_ in ("in", "at"):
                o = next((y for y in x.children if y.dep_ == "pobj"), None)
                place = self._place(o) if o is not None else []
                if place:
                    return place
            todo.extend(c for c in x.children if inside(c))
        return []

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
            return self._normalize(best[1], future)
        t = trig.head
        if t.pos_ in ("NOUN", "PROPN"):
            for x in t.lefts:  # a month the tagger put inside another name ("Kim's February talks")
                for y in x.subtree:
                    if y.lower_ in dates.MONTHS and len(y.text) > 3 and y.text[:1].isupper():
                        return dates.normalize(y.text, self.published, future=future)
            verb = _clause_verb(t)
            if verb is not None and verb.i not in ids and not future:
                # "In December 2009, ... the two learned of a meeting of the leaders": an
                # event told in a dated clause happened then
                return self._date(trig, [*anchors, verb], future)
        return None

    def _normalize(self, ent: Span, future: bool) -> str | None:
        """A date expression as ISO; "the quarter", "that year", "the same day" take the
        last date written in full before them."""
        text = ent.text
        low = text.lower()
        if low.split()[:1] in (["the"], ["that"], ["same"]) and not any(
            ch.isdigit() for ch in low
        ) and low.split()[-1] in ("quarter", "year", "day", "month", "week"):
            for e in reversed(self._dates_before(ent.start)):
                iso = dates.normalize(e.text, self.published)
                if iso and not iso.startswith("X"):
                    unit = low.split()[-1]
                    keep = {"quarter": 1, "year": 1, "month": 2, "week": 1, "day": 3}[unit]
                    return "-".join(iso.split("-")[:keep])
            return None
        return dates.normalize(text, self.published, future=future)

    def _dates_before(self, i: int) -> list[Span]:
        seen: dict[int, Span] = {}
        for j in range(max(0, i - 400), i):
            e = self.date_ent.get(j)
            if e is not None:
                seen[e.start] = e
        return list(seen.values())
