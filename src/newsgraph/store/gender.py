"""A person's gender across articles, and gender counts of quoted people and statements.

Each article's record gives a person entity a gender and its evidence (``extractors/
source_gender.py``); the ingest keeps those with a gender in ``person_genders`` (0005). A
profile's gender is decided from them, the same way here in Python (one person) and in SQL
(every person, for counting):

* the articles' own text (honorific, noun, pronoun) beats the given-name table: when any
  article gave text evidence, the gender most articles' text gave wins; a tie is unknown;
* else the gender most articles' name table gave; a tie is unknown;
* no rows: unknown.

The counts behind the decision are kept with it (``PersonGender.counts``). The decision is
also stored, as ``people.gender`` (migration 0007: female | male | unknown), so that SQL can
count and filter by it (the gender facet, ``search --gender``); ``update_people_genders`` is
the one function that writes it, whoever calls it (the migration, the ingest, a merge of
profiles). A change of the rule needs a migration that calls it again for every profile.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from newsgraph.store.filters import as_date, sites_matching
from newsgraph.store.models import _Dict
from newsgraph.store.query import QueryError, parse

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDERS = (FEMALE, MALE, UNKNOWN)
TEXT_KINDS = ("honorific", "noun", "pronoun")  # strongest first
NAME_KIND = "given_name"
GROUPINGS = ("site", "month", "year")
MAX_PEOPLE = 1000  # people listed with --people, most quoted first
NO_GENDERS = ("this knowledge base has no genders yet: open it once writable (e.g. "
              "`newsgraph ingest`) to upgrade it, and ingest records extracted by this version")


@dataclass(slots=True)
class PersonGender(_Dict):
    """A profile's gender, the evidence that decided it, and the articles per gender and
    kind of evidence behind it: ``{"female": {"pronoun": 3}, "male": {"given_name": 1}}``."""

    gender: str = UNKNOWN
    evidence: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def decide(counts: dict[str, dict[str, int]]) -> PersonGender:
    """The rule in the module docstring, over articles counted per gender and evidence."""
    def total(g: str, kinds: tuple[str, ...]) -> int:
        return sum(counts.get(g, {}).get(k, 0) for k in kinds)

    for kinds in (TEXT_KINDS, (NAME_KIND,)):
        f, m = total(FEMALE, kinds), total(MALE, kinds)
        if f or m:
            if f == m:
                return PersonGender(UNKNOWN, None, counts)
            won = FEMALE if f > m else MALE
            kind = next(k for k in kinds if counts.get(won, {}).get(k))
            return PersonGender(won, kind, counts)
    return PersonGender(UNKNOWN, None, counts)


# The rule in SQL, over articles counted per person: tf/tm text evidence (female/male), nf/nm
# the name table. The same as ``decide`` (tested over every small combination of counts).
_TEXT = "evidence <> 'given_name'"
_RULE = """CASE WHEN tf + tm > 0 THEN (CASE WHEN tf > tm THEN 'female'
                                          WHEN tm > tf THEN 'male' ELSE 'unknown' END)
            WHEN nf > nm THEN 'female' WHEN nm > nf THEN 'male' ELSE 'unknown' END"""
_GENDER_OF = f"""
SELECT person_id, {_RULE} AS gender
FROM (SELECT person_id,
             sum(CASE WHEN gender = 'female' AND {_TEXT} THEN 1 ELSE 0 END) AS tf,
             sum(CASE WHEN gender = 'male' AND {_TEXT} THEN 1 ELSE 0 END) AS tm,
             sum(CASE WHEN gender = 'female' AND NOT {_TEXT} THEN 1 ELSE 0 END) AS nf,
             sum(CASE WHEN gender = 'male' AND NOT {_TEXT} THEN 1 ELSE 0 END) AS nm
      FROM person_genders {{where}} GROUP BY person_id) g
"""
# Every person with gender rows, and the gender the rule gives them.
PEOPLE_GENDER_SQL = _GENDER_OF.format(where="")


def update_people_genders(conn: Connection, person_ids: Collection[int] | None = None) -> None:
    """Set ``people.gender`` by the rule, from ``person_genders``: for the given profiles, or
    for every profile (``None``). The one place that writes the column: migration 0007 fills
    it, the ingest calls it for the people a batch gave gender evidence, a merge of profiles
    for the profile kept. Rows already right are not rewritten."""
    params: dict[str, Any] = {}
    if person_ids is None:
        where, only = "", ""
    else:
        ids = sorted({int(i) for i in person_ids})
        if not ids:
            return
        if conn.dialect.name == "sqlite":
            where = "WHERE person_id IN (SELECT value FROM json_each(:ids))"
            only = "AND id IN (SELECT value FROM json_each(:ids))"
            params["ids"] = json.dumps(ids)
        else:
            where = "WHERE person_id = ANY(CAST(:ids AS bigint[]))"
            only = "AND id = ANY(CAST(:ids AS bigint[]))"
            params["ids"] = ids
    conn.execute(text(
        f"UPDATE people SET gender = g.gender FROM ({_GENDER_OF.format(where=where)}) g "
        "WHERE people.id = g.person_id AND people.gender <> g.gender"), params)
    conn.execute(text(
        f"UPDATE people SET gender = 'unknown' WHERE gender <> 'unknown' {only} AND NOT EXISTS "
        "(SELECT 1 FROM person_genders x WHERE x.person_id = people.id)"), params)


def has_genders(conn: Connection) -> bool:
    return inspect(conn).has_table("person_genders")


def person_gender(conn: Connection, person_id: int) -> PersonGender:
    if not has_genders(conn):
        return PersonGender()
    counts: dict[str, dict[str, int]] = {}
    rows: list[Any] = list(conn.execute(text(
        "SELECT gender, evidence, count(*) FROM person_genders WHERE person_id = :p "
        "GROUP BY gender, evidence"), {"p": person_id}))
    for g, kind, n in rows:
        counts.setdefault(str(g), {})[str(kind)] = int(n)
    return decide(counts)


@dataclass(slots=True)
class GenderGroup(_Dict):
    """Quoted people (distinct) and statements per gender in one group; shares of the total."""

    group: dict[str, str | None]  # {"site": ..., "month": ...}; None: no site or date
    people: dict[str, int]
    quotes: dict[str, int]
    people_share: dict[str, float | None]
    quotes_share: dict[str, float | None]


@dataclass(slots=True)
class GenderPerson(_Dict):
    id: int
    slug: str
    name: str
    gender: str
    evidence: str | None
    counts: dict[str, dict[str, int]]
    quotes: int


@dataclass(slots=True)
class GenderStats(_Dict):
    by: list[str]
    filters: dict[str, Any]
    groups: list[GenderGroup]
    total: GenderGroup
    people: list[GenderPerson] | None = None
    notice: str | None = None


def parse_by(by: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"site,month"`` -> ``["site", "month"]``; each a known grouping, none twice."""
    parts = by.split(",") if isinstance(by, str) else list(by or ())
    out: list[str] = []
    for p in (x.strip().lower() for x in parts):
        if not p:
            continue
        if p not in GROUPINGS:
            raise QueryError(f"by must be {', '.join(GROUPINGS)} (comma-separated), not {p!r}")
        if p not in out:
            out.append(p)
    return out


def _group_expr(g: str) -> str:
    return {"site": "coalesce(s.site, '')",
            "month": "coalesce(substr(s.published, 1, 7), '')",
            "year": "coalesce(substr(s.published, 1, 4), '')"}[g]


def _shares(c: dict[str, int]) -> dict[str, float | None]:
    n = sum(c.values())
    return {g: (round(c[g] / n, 4) if n else None) for g in GENDERS}


def gender_stats(conn: Connection, *, by: str | list[str] | None = None,
                 since: str | date | None = None, until: str | date | None = None,
                 topic: str | None = None, site: str | None = None,
                 people: bool = False) -> GenderStats:
    """Quoted people and statements per gender, per group (site, month, year of the article
    each statement appeared in: a statement syndicated to two sites counts on each).
    Statements of no person profile (organisations, groups, unresolved) are not counted."""
    groups = parse_by(by)
    since_d, until_d = as_date(since, "since"), as_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise QueryError(f"since ({since_d}) is after until ({until_d})")
    parsed = parse(topic) if topic is not None and topic.strip() else None
    filters = {k: v for k, v in (("since", since_d), ("until", until_d), ("topic", topic),
                                 ("site", site)) if v}
    conds = ["s.person_id IS NOT NULL"]
    params: dict[str, Any] = {}
    if since_d:
        conds.append("substr(s.published, 1, :slen) >= :since")
        params.update(since=since_d, slen=len(since_d))
    if until_d:
        conds.append("substr(s.published, 1, :ulen) <= :until")
        params.update(until=until_d, ulen=len(until_d))
    if site:
        sites = sites_matching(conn, site)
        conds.append("s.site IN (" + ", ".join(f":site{i}" for i in range(len(sites))) + ")"
                     if sites else "1 = 0")
        params.update({f"site{i}": v for i, v in enumerate(sites)})
    if parsed is not None:
        if conn.dialect.name == "sqlite":
            conds.append("s.quote_id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m)")
            params["m"] = f"content : ({parsed.to_fts5()})"
        else:
            conds.append("s.quote_id IN (SELECT id FROM quotes WHERE "
                         "tsv @@ to_tsquery('english', :m))")
            params["m"] = parsed.to_tsquery()
    notice = None
    known = has_genders(conn)
    if known:
        gender_of = f"LEFT JOIN ({PEOPLE_GENDER_SQL}) pg ON pg.person_id = s.person_id"
        gcol = "coalesce(pg.gender, 'unknown')"
    else:
        gender_of, gcol, notice = "", "'unknown'", NO_GENDERS
    keys = [_group_expr(g) for g in groups]
    sel = ", ".join([*(f"{k} AS g{i}" for i, k in enumerate(keys)), f"{gcol} AS gender"])
    grp = ", ".join([*(f"g{i}" for i in range(len(keys))), "gender"])
    where = " AND ".join(conds)
    base = f"SELECT {sel}, s.person_id AS pid, s.quote_id AS qid FROM quote_sources s " \
           f"{gender_of} WHERE {where}"
    try:
        rows: list[Any] = list(conn.execute(text(
            f"SELECT {grp}, count(DISTINCT pid), count(DISTINCT qid) FROM ({base}) b "
            f"GROUP BY {grp} ORDER BY {grp}"), params))
        tot: list[Any] = list(conn.execute(text(
            f"SELECT gender, count(DISTINCT pid), count(DISTINCT qid) FROM ({base}) b "
            "GROUP BY gender"), params))
        listed = _people(conn, base, params) if people else None
    except Exception as exc:  # FTS5 reports query problems as OperationalError
        if "fts5" in str(exc).lower():
            raise QueryError(f"the search engine could not run this topic: {exc}") from None
        raise
    out: dict[tuple[str, ...], tuple[dict[str, int], dict[str, int]]] = {}
    for r in rows:
        key = tuple(r[: len(keys)])
        ppl, qs = out.setdefault(key, ({g: 0 for g in GENDERS}, {g: 0 for g in GENDERS}))
        g = r[len(keys)]
        ppl[g] += r[len(keys) + 1]
        qs[g] += r[len(keys) + 2]
    result = [GenderGroup({g: v or None for g, v in zip(groups, k, strict=True)}, p, q,
                          _shares(p), _shares(q)) for k, (p, q) in out.items()]
    tp, tq = {g: 0 for g in GENDERS}, {g: 0 for g in GENDERS}
    for g, np_, nq in tot:
        tp[str(g)] += int(np_)
        tq[str(g)] += int(nq)
    total = GenderGroup({}, tp, tq, _shares(tp), _shares(tq))
    return GenderStats(groups, filters, result, total, listed, notice)


def _people(conn: Connection, base: str, params: dict[str, Any]) -> list[GenderPerson]:
    """The people counted, most quoted first, each with their gender and its evidence."""
    rows: list[Any] = list(conn.execute(text(
        f"SELECT b.pid, p.slug, p.name, count(DISTINCT b.qid) AS n FROM ({base}) b "
        "JOIN people p ON p.id = b.pid GROUP BY b.pid, p.slug, p.name "
        "ORDER BY n DESC, p.slug LIMIT :cap"), {**params, "cap": MAX_PEOPLE}))
    out = []
    for pid, slug, name, n in rows:
        pg = person_gender(conn, pid)
        out.append(GenderPerson(pid, slug, name, pg.gender, pg.evidence, pg.counts, n))
    return out
