"""Which person "he", "she" or "the expert" means: a learned ranker over the people named
before it.

Each candidate (a person mentioned in the last ``WINDOW`` sentences) is described by
features of the discourse (``candidate_features``): how far back it was last mentioned, in
which role (speaker of a statement, subject, inside a quotation, other), how often, whether
it spoke last, whether it was just introduced, whether its gender agrees, how many other
people stand between, the paragraph distance, whether the pronoun sits inside a quotation
that person is speaking; for a description, whether the person's titles fit it ("the
analyst" / "NK News analyst Fyodor Tertitsky"). A linear model (``models/antecedents.json``,
trained by ``newsgraph train speakers`` on GUM's coreference chains and the GGT speakers)
scores them; the best one wins. A person whose known gender clashes is never a candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsgraph.extractors.entities import Cluster

WINDOW = 10  # sentences looked back
Features = dict[str, float]


@dataclass(slots=True)
class Sighting:
    """A person seen at token ``pos`` in ``role``: speaker | subject | other | quoted."""

    cluster: Cluster
    pos: int
    role: str


@dataclass(slots=True)
class Anaphor:
    """What is being resolved: a pronoun (``noun`` None) or a description's head noun."""

    at: int
    gender: str | None
    sentence: int  # body sentence index (page furniture not counted)
    paragraph: int
    role: str  # speaker (of a reporting verb) | subject | possessive | other
    quoted: bool
    noun: str | None = None
    described: frozenset[str] = frozenset()  # ids of people whose titles fit the description
    titled: frozenset[str] = frozenset()  # ids of people with any title (for descriptions)
    quote_owner: str | None = None  # id of the named speaker of the quotation it sits in


@dataclass(slots=True)
class _Seen:
    cluster: Cluster
    last: int = -1
    last_role: str = "other"
    count: int = 0
    spoke: bool = False
    roles: set[str] = field(default_factory=set)


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f"{edges[-1]}+"


def candidate_features(
    a: Anaphor,
    sightings: Sequence[Sighting],
    sentence_of: Callable[[int], int],
    paragraph_of: Callable[[int], int],
    first_person: str | None,
    last_speaker: str | None,
    genders: dict[str, str],
    salience: dict[str, int],
) -> list[tuple[Cluster, Features]]:
    """The candidates for ``a`` with their features. ``sightings``: people seen before it
    in the window, in text order; ``salience``: mentions of each person in the document
    before ``a``; ``last_speaker``: id of the speaker of the last statement before it."""
    seen: dict[str, _Seen] = {}
    for s in sightings:
        x = seen.setdefault(s.cluster.id, _Seen(s.cluster))
        x.last, x.last_role = s.pos, s.role
        x.count += 1
        x.roles.add(s.role)
        x.spoke = x.spoke or s.role == "speaker"
    out: list[tuple[Cluster, Features]] = []
    order = sorted(seen.values(), key=lambda x: -x.last)
    compatible = [
        x for x in order if not (a.gender and genders.get(x.cluster.id, a.gender) != a.gender)
    ]
    subjects = [x for x in compatible if x.last_role in ("subject", "speaker")]
    ana = "quoted" if a.quoted else a.role
    for rank, x in enumerate(compatible):
        cid = x.cluster.id
        f: Features = {}
        d = a.sentence - sentence_of(x.last)
        dist = _bucket(d, (0, 1, 2, 4))
        f[f"sent={dist}"] = 1
        f[f"sent={dist}|ana={ana}"] = 1
        f[f"role={x.last_role}"] = 1
        f[f"role={x.last_role}|ana={ana}"] = 1
        f[f"role={x.last_role}|sent={dist}"] = 1
        r = _bucket(rank, (0, 1, 2))
        f[f"rank={r}"] = 1
        f[f"rank={r}|ana={ana}"] = 1
        if subjects and subjects[0] is x:
            f["nearest_subject"] = 1
            f[f"nearest_subject|ana={ana}"] = 1
        f[f"count={_bucket(x.count, (1, 2))}"] = 1
        f[f"salience={_bucket(salience.get(cid, 0), (1, 3, 6))}"] = 1
        if x.spoke:
            f["spoke"] = 1
        if cid == last_speaker:
            f["last_speaker"] = 1
            f[f"last_speaker|ana={ana}"] = 1
        if cid == first_person:
            f["first_person"] = 1
        known = genders.get(cid)
        f["gender=" + ("unknown" if known is None or a.gender is None else "agree")] = 1
        intro = a.sentence - sentence_of(x.cluster.first)
        if 0 <= intro <= 1:
            f["introduced"] = 1
            f[f"introduced|ana={ana}"] = 1
        pd = a.paragraph - paragraph_of(x.last)
        f[f"para={_bucket(pd, (0, 1))}"] = 1
        if a.quoted:
            f[f"in_quote|role={x.last_role}"] = 1
            if a.quote_owner == cid:
                f["in_quote|its_speaker"] = 1
        if a.role in ("speaker", "subject") and x.last_role in ("subject", "speaker"):
            f["parallel_subject"] = 1
        if a.noun is not None:
            f["nominal"] = 1
            if cid in a.described:
                f["nominal|described"] = 1
            elif cid in a.titled:
                f["nominal|other_title"] = 1  # "the expert" is not the president
            f[f"nominal|sent={dist}"] = 1
        out.append((x.cluster, f))
    return out


def best(
    scored: Sequence[tuple[Cluster, Features]], score: Callable[[Features], float]
) -> Cluster | None:
    if not scored:
        return None
    return max(scored, key=lambda cf: score(cf[1]))[0]


# Hand-set weights, used when no trained model is shipped and as the prior training starts
# from: the resolver's old rule (speakers over subjects over others, a sentence of distance
# costing a point, people just introduced a sentence nearer).
PRIOR: dict[str, float] = {
    "sent=0": 0.0,
    "sent=1": -1.0,
    "sent=2": -2.0,
    "sent=4": -3.5,
    "sent=4+": -6.0,
    "role=speaker": 1.5,
    "role=subject": 0.5,
    "role=other": 0.0,
    "role=quoted": -2.0,
    "introduced": 1.0,
    "last_speaker": 0.5,
    "in_quote|its_speaker": -1.0,
    "nominal|described": 3.0,
    "nominal|other_title": -1.5,
}


__all__ = ["Anaphor", "Sighting", "WINDOW", "best", "candidate_features", "PRIOR"]
