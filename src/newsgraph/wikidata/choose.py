"""Scoring Wikidata candidates against what the knowledge base knows of a profile, and
choosing one, or none when the best is too weak or too close to the next (thresholds in
``thresholds.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.store.names import name_key
from newsgraph.wikidata import thresholds as T
from newsgraph.wikidata.extract import Extract, Item

STOP = frozenset(
    """
    the of and for in at on a an to by with from de la le del der von van da di du et
    s st mr mrs ms dr former new
    """.split()
)


def words(*texts: str | None) -> set[str]:
    """Content words, normalised as names are (case, diacritics, punctuation)."""
    out: set[str] = set()
    for t in texts:
        if t:
            out.update(w for w in name_key(t).split() if len(w) > 2 and w not in STOP)
    return out


def _match(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= T.WORD_PREFIX and long_.startswith(short)


def shared(a: set[str], b: set[str]) -> set[str]:
    """Words of ``a`` that match a word of ``b`` (equal, or one begins the other and is at
    least ``WORD_PREFIX`` long: "russia"/"russian")."""
    return {x for x in a if any(_match(x, y) for y in b)}


def country_words(places: set[str]) -> set[str]:
    """Place words with the country words their adjectives stand for ("spanish" -> "spain")."""
    out = set(places)
    for p in places:
        if p in T.COUNTRY_WORDS:
            out |= set(T.COUNTRY_WORDS[p].split())
    return out


def place_words(*texts: str | None) -> set[str]:
    """``words`` of place names, keeping the short ones that are countries ("U.S.")."""
    out = words(*texts)
    for t in texts:
        k = name_key(t) if t else ""
        if k in T.COUNTRY_WORDS:
            out.add(k)
    return out


@dataclass(slots=True)
class Context:
    """What the knowledge base knows about a profile (or an organisation)."""

    names: set[str]  # name keys: the canonical name and every variant written
    role_words: set[str] = field(default_factory=set)  # titles and organisations
    context_words: set[str] = field(default_factory=set)  # other entities of its articles
    places: set[str] = field(default_factory=set)  # places and nationalities around it
    years: list[int] = field(default_factory=list)  # its articles' years
    gender: str | None = None  # female | male, when the articles show it


@dataclass(slots=True)
class Scored:
    id: str
    score: float
    reasons: dict[str, float]


@dataclass(slots=True)
class Choice:
    item: Item | None
    score: float
    margin: float
    outcome: str  # linked | ambiguous | weak | no candidate
    scored: list[Scored]


def score(item: Item, how: str, ctx: Context) -> Scored:
    r: dict[str, float] = {"name": T.LABEL if how == "label" else T.ALIAS}
    about = words(item.description, *item.occupations)
    role = shared(ctx.role_words, about)
    if role:
        r["roles"] = min(T.ROLE_MAX, T.ROLE_WORD * len(role))
    around = shared(ctx.context_words, about)
    if around:
        r["context"] = min(T.CONTEXT_MAX, T.CONTEXT_WORD * len(around))
    if item.countries and shared(country_words(ctx.places), words(*item.countries)):
        r["country"] = T.COUNTRY
    if item.gender and ctx.gender:
        r["gender"] = T.GENDER_AGREES if item.gender == ctx.gender else T.GENDER_CLASHES
    if ctx.years:
        if item.death is not None and max(ctx.years) > item.death + 1:
            r["dead"] = T.DEAD
        elif item.birth is not None and min(ctx.years) < item.birth + T.MIN_AGE:
            r["too_young"] = T.TOO_YOUNG
    r = {k: round(v, 3) for k, v in r.items()}
    return Scored(item.id, round(sum(r.values()), 3), r)


def choose(extract: Extract, ctx: Context, kind: str) -> Choice:
    cands = extract.candidates(ctx.names, kind)
    if not cands:
        return Choice(None, 0.0, 0.0, "no candidate", [])
    scored = sorted((score(extract.items[q], how, ctx) for q, how in cands.items()),
                    key=lambda s: (-s.score, s.id))
    best = scored[0]
    margin = round(best.score - scored[1].score, 3) if len(scored) > 1 else best.score
    one_word = all(len(k.split()) < 2 for k in ctx.names)
    floor = T.ORG_MIN_SCORE if kind == "organisation" and not one_word else T.MIN_SCORE
    if best.score < floor:
        return Choice(None, best.score, margin, "weak", scored)
    if margin < T.MIN_MARGIN:
        return Choice(None, best.score, margin, "ambiguous", scored)
    return Choice(extract.items[best.id], best.score, margin, "linked", scored)
