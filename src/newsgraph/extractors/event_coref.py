"""Event coreference: the mentions of one happening merged into one event, with the union
of their participants and the place and date any of them gives.

Mentions are taken in text order; each joins the latest earlier event it is compatible
with (same type, or a meeting and talks; dates equal as far as both go; places the same
or one inside the other; an election's status the same) and linked to:
- shared participants, one set inside the other or two in common ("X met Y" ... "Y, who
  met X"); one shared participant with a different one each is another happening
  ("Sentinel One's purchases of A and B": two deals);
- no participants of its own, when it takes up an earlier one ("the summit", "this
  merger", "their meeting") or is an election (an article's elections are told apart by
  their dates and candidates, not their wording).
Two meetings of the same people on different days stay two events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.extractors.entities import Cluster
from newsgraph.extractors.event_triggers import Trigger

FAMILY = {"talks": "meeting"}
ANAPHORIC_DETS = frozenset("the this that these those their its his her our".split())


@dataclass(slots=True)
class Mention:
    trigger: Trigger
    type: str
    participants: list[Cluster]
    place: str | None
    date: str | None
    status: str
    definite: bool = False
    sentence: int = 0
    anaphoric: bool = False  # "the summit" naming no one itself: takes up an earlier one
    generic: bool = False  # a bare plural naming no one: "a web of agreements"
    specific: bool = False  # an election named as one vote: "the presidential election"


@dataclass(slots=True)
class MergedEvent:
    mentions: list[Mention] = field(default_factory=list)
    participants: list[Cluster] = field(default_factory=list)
    place: str | None = None
    date: str | None = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def type(self) -> str:
        types = [m.type for m in self.mentions]
        return "meeting" if "meeting" in types and "talks" in types else types[0]

    @property
    def status(self) -> str:
        statuses = [m.status for m in self.mentions]
        return "failed" if "failed" in statuses else statuses[0]

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        for c in m.participants:
            if c not in self.participants:
                self.participants.append(c)
        if m.place and (not self.place or (len(m.place) > len(self.place)
                                           and _inside(self.place, m.place))):
            self.place = m.place
        if m.date and (not self.date or _finer(m.date, self.date)):
            self.date = m.date


def _parts(d: str) -> list[str]:
    return [p for p in d.split("-") if p]


def dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    pairs = zip(_parts(a), _parts(b), strict=False)
    return all(x == y or set(x) <= {"X"} or set(y) <= {"X"} for x, y in pairs)


def _finer(new: str, old: str) -> bool:
    """``new`` says more than ``old`` and agrees with it: "2019-04-25" over "2019-04"."""
    pn, po = _parts(new), _parts(old)
    known = old.startswith("X") and not new.startswith("X")
    return dates_agree(new, old) and (len(pn) > len(po) or (len(pn) == len(po) and known))


def _inside(a: str, b: str) -> bool:
    wa, wb = a.lower().split(), b.lower().split()
    small, big = sorted((wa, wb), key=len)
    return any(big[k : k + len(small)] == small for k in range(len(big) - len(small) + 1))


def places_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or _inside(a, b)


NEAR_SENTENCES = 3  # a mention this close to the last one may repeat it
RECENT = 30  # events of a kind a mention naming no one shared may take up (the latest)
ANAPHOR_SENTENCES = 6  # "the summit" names the last summit told of this close


def _linked(e: MergedEvent, m: Mention) -> bool:
    pe = {c.id for c in e.participants}
    pm = {c.id for c in m.participants}
    near = m.sentence - e.mentions[-1].sentence <= NEAR_SENTENCES
    if pe and pm:
        shared = pe & pm
        if not shared:
            # "Ministers A and B all participated in the summit"
            return m.anaphoric and m.sentence - e.mentions[-1].sentence <= ANAPHOR_SENTENCES
        if len(shared) >= 2:
            return True
        if not (pm <= pe or pe <= pm):
            return False  # one party in common, another each: two deals, two meetings
        # one person in common: the same happening if told so ("the meeting", "met" again
        # in the next sentences), not another meeting of a busy person
        last = e.mentions[-1]
        return m.definite or (m.trigger.lemma == last.trigger.lemma and near)
    if not pm:
        if m.generic:
            return False  # "confidence votes" in general take up no vote
        # "the summit"; the same case, the same election told again ("charged" ...
        # "pleaded guilty"; "the election" ... "Election Day")
        return m.definite or m.type in ("election", "arrest")
    return m.definite and near


def merge(mentions: list[Mention]) -> list[MergedEvent]:
    """Mentions in text order, each joined to the latest compatible, linked earlier event.

    Only events that can link are looked at: the last ``RECENT`` events sharing a
    participant with the mention (an index by participant) and the last ``RECENT`` events
    of its kind (those a mention naming no one, or "the summit", takes up): the cost stays
    linear in the text.
    """
    events: list[MergedEvent] = []
    order: dict[int, int] = {}  # id(event) -> creation rank
    recent: dict[str, list[MergedEvent]] = {}  # kind -> its events, oldest first
    with_party: dict[tuple[str, str], list[MergedEvent]] = {}  # (kind, entity id) -> events
    for m in mentions:
        fam = FAMILY.get(m.type, m.type)
        pool = {id(e): e for e in recent.get(fam, [])[-RECENT:]}
        for c in m.participants:
            for e in with_party.get((fam, c.id), [])[-RECENT:]:
                pool[id(e)] = e
        target = None
        for e in sorted(pool.values(), key=lambda e: order[id(e)], reverse=True):
            if not dates_agree(e.date, m.date) or not places_agree(e.place, m.place):
                continue
            if m.type == "election" and e.status != m.status:
                continue
            if _linked(e, m):
                target = e
                break
        if target is None:
            target = MergedEvent()
            order[id(target)] = len(events)
            events.append(target)
            recent.setdefault(fam, []).append(target)
        known = set(map(id, target.participants))
        target.add(m)
        for c in m.participants:
            if id(c) not in known:
                with_party.setdefault((fam, c.id), []).append(target)
    return events
