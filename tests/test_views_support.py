"""A small corpus for facets, kinds, timelines, networks and exports (no tests here).

Records are generated (seeded) with every facet varying: sites (some statements copied to
a second site), months, speakers quoted together, statement types, attribution kinds,
groups (split attributions), languages, the speakers' gender evidence (text, name table,
split, none). ``expected(...)`` recomputes what the knowledge base
should answer from the records themselves, so the tests compare the store with an
independent count, not with numbers written down.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

PEOPLE = ["Ana Lima", "Omar Diaz", "Mei Chen", "Lars Berg", "Sara Okafor", "Ivan Petrov"]
SITES = ["alpha.example", "news.beta.example", "gamma.example"]
LANGUAGES = ["en", "de"]
TYPES = ["direct", "indirect", "mixed"]
KINDS = ["speech"] * 5 + ["belief", "stance", "intention", "evidence"]
TOPICS = ["sanctions", "harbour", "budget", "vaccine", "railway"]


def gender_evidence(name: str, i: int) -> tuple[str, str] | None:
    """The gender and evidence record ``r<i>`` gives a person (None: none)."""
    if name == "Ana Lima":
        return ("female", "pronoun")
    if name == "Mei Chen":
        return ("female", "given_name")
    if name == "Sara Okafor":  # her text says female, the name table male: text wins
        return ("female", "honorific") if i % 4 == 0 else ("male", "given_name")
    if name == "Omar Diaz":
        return ("male", "pronoun")
    if name == "Lars Berg":  # split text evidence: the majority decides
        return ("female", "noun") if i % 3 == 0 else ("male", "pronoun")
    return None  # Ivan Petrov: unknown


def genders(records: list[dict[str, Any]]) -> dict[str, str]:
    """Each person's gender across the records, by the rule of ``store/gender.py`` applied
    to what the records say (one count per article and person)."""
    from newsgraph.store.gender import decide

    counts: dict[str, dict[str, dict[str, int]]] = {}
    for rec in records:
        for e in rec["entities"]:
            c = counts.setdefault(e["name"], {})
            if e.get("gender") in ("female", "male"):
                g = c.setdefault(e["gender"], {})
                g[e["gender_evidence"]] = g.get(e["gender_evidence"], 0) + 1
    return {name: decide(c).gender for name, c in counts.items()}


@dataclass(frozen=True)
class Statement:
    speaker: str
    content: str
    type: str
    kind: str
    group: str | None
    month: str
    sites: frozenset[str]
    language: str
    article: str  # the first copy's record id
    articles: frozenset[str]  # every copy's


def views_records(n: int = 48, seed: int = 3) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i in range(n):
        day = f"20{19 + i * 2 // n}-{1 + i % 12:02d}-{1 + rnd.randrange(27):02d}"
        site = SITES[i % len(SITES)]
        who = rnd.sample(PEOPLE[: 3 + i % 4], k=1 + rnd.randrange(3))
        says = []
        for j in range(1 + rnd.randrange(4)):
            speaker = who[j % len(who)]
            topic = TOPICS[(i + j) % len(TOPICS)]
            says.append((speaker, f"statement {i}-{j} on the {topic}",
                         TYPES[rnd.randrange(3)], KINDS[rnd.randrange(len(KINDS))],
                         f"g{i}" if j < 2 and i % 5 == 0 else None))
        rec = _record(f"r{i}", day, site, LANGUAGES[int(i % 7 == 3)], who, says, i)
        out.append(rec)
        if i % 6 == 1:  # a syndicated copy on another site: the same statements
            out.append(_record(f"r{i}c", day, SITES[(i + 1) % len(SITES)],
                               LANGUAGES[int(i % 7 == 3)], who, says, i + 1,
                               prefix="Copied. "))
    return out


def _record(rid: str, day: str, site: str, language: str, who: list[str],
            says: list[tuple[str, str, str, str, str | None]], i: int,
            prefix: str = "") -> dict[str, Any]:
    text = prefix + "".join(f"{name} spoke. " for name in who)
    ents: dict[str, dict[str, Any]] = {
        name: {"id": f"E{k + 1}", "type": "PERSON", "name": name, "mentions": [], "roles": []}
        for k, name in enumerate(who)}
    for name, e in ents.items():
        ge = gender_evidence(name, i)
        if ge is not None:
            e["gender"], e["gender_evidence"] = ge
    for name in who:
        start = text.index(f"{name} spoke.")
        ents[name]["mentions"].append({"start": start, "end": start + len(name), "text": name})
    quotes = []
    for k, (speaker, content, typ, kind, group) in enumerate(says):
        text += "“"
        start = len(text)
        text += content + ",” said " + speaker + ". "
        q: dict[str, Any] = {"id": f"Q{k + 1}", "type": typ,
                             "content": {"start": start, "end": start + len(content),
                                         "text": content},
                             "cue": None, "speaker": None,
                             "speaker_entity": ents[speaker]["id"], "speaker_name": speaker}
        if kind != "speech":
            q["kind"] = kind
        if group is not None:
            q["group"] = group
        quotes.append(q)
    url = f"https://{site}/{rid}"
    return {"schema": "newsgraph/1", "id": hashlib.sha1(url.encode()).hexdigest(),
            "source": {"path": None, "url": url, "format": "html", "offset": None},
            "title": f"Article {rid}", "published": day, "authors": [], "site": site,
            "language": language, "text": text, "entities": list(ents.values()),
            "quotes": quotes, "events": [], "errors": []}


def statements(records: list[dict[str, Any]]) -> list[Statement]:
    """The distinct statements of the records (same speaker, same content: one), with the
    first copy's attributes and every copy's sites and articles."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    sites: dict[tuple[str, str], set[str]] = {}
    arts: dict[tuple[str, str], set[str]] = {}
    for rec in records:
        for q in rec["quotes"]:
            key = (q["speaker_name"], q["content"]["text"])
            if key not in first:
                first[key] = {"rec": rec, "q": q}
            sites.setdefault(key, set()).add(rec["site"])
            arts.setdefault(key, set()).add(rec["id"])
    out = []
    for key, v in first.items():
        rec, q = v["rec"], v["q"]
        out.append(Statement(key[0], key[1], q["type"], q.get("kind", "speech"),
                             q.get("group"), rec["published"][:7], frozenset(sites[key]),
                             rec["language"], rec["id"], frozenset(arts[key])))
    return out


def facet_expectation(sts: list[Statement], kind: str | None = "speech",
                      topic: str | None = None,
                      gender: dict[str, str] | None = None) -> dict[str, Counter[str]]:
    """What each facet should count (names for people), for statements of ``kind``
    (None: all) whose content has ``topic``; the kind facet counts every kind. ``gender``:
    each person's (``genders(records)``)."""
    gender = gender or genders(views_records())
    pool = [s for s in sts if topic is None or topic in s.content]
    kept = [s for s in pool if kind is None or s.kind == kind]
    site: Counter[str] = Counter()
    for s in kept:
        site.update(s.sites)
    return {"site": site, "month": Counter(s.month for s in kept),
            "person": Counter(s.speaker for s in kept), "type": Counter(s.type for s in kept),
            "kind": Counter(s.kind for s in pool),
            "language": Counter(s.language for s in kept),
            "gender": Counter(gender[s.speaker] for s in kept)}
