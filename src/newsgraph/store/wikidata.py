"""Linking profiles and organisations to Wikidata items, and merging profiles that are one
item (``newsgraph link --wikidata``; tables of migration 0005).

For every cross-article profile (and every organisation named in roles or as an entity)
whose name or a variant is an item's label or alias, the knowledge base's context of it
(titles, organisations, places, the other entities of its articles, their dates, its
gender) is scored against each candidate (``wikidata/choose.py``); the best is linked when
strong enough and clearly ahead. Profiles linked to the same item become one: the most
quoted keeps its id, the others' rows move to it (statements they share merge into one,
with all their sources) and their old ids and slugs still find it (``person_merges``).

Re-running it changes nothing: linked profiles keep their link (``relink=True`` scores them
again), and merged profiles are gone. All of it is one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine

from newsgraph.store import day_counts, fts
from newsgraph.store.gender import UNKNOWN, person_gender, update_people_genders
from newsgraph.store.keys import quote_key, role_id
from newsgraph.store.models import _Dict
from newsgraph.store.names import name_key
from newsgraph.store.rows import Sql, sites_of, sites_value
from newsgraph.wikidata import thresholds as T
from newsgraph.wikidata.choose import Choice, Context, choose, place_words, words
from newsgraph.wikidata.extract import Extract

PLACE_TYPES = ("GPE", "NORP", "LOC")


@dataclass(slots=True)
class Decision(_Dict):
    kind: str  # person | organisation
    name: str
    key: str  # person slug, or organisation name key
    outcome: str  # linked | ambiguous | weak
    wikidata_id: str | None
    score: float
    margin: float
    candidates: list[dict[str, Any]]  # [{"id", "score", "reasons"}], best first


@dataclass(slots=True)
class LinkReport(_Dict):
    people: dict[str, int] = field(default_factory=dict)  # outcome -> count
    organisations: dict[str, int] = field(default_factory=dict)
    merged: list[dict[str, Any]] = field(default_factory=list)  # {"from", "into", "id"}
    decisions: list[Decision] = field(default_factory=list)

    def summary(self) -> str:
        def part(c: dict[str, int]) -> str:
            return ", ".join(f"{v:,} {k}" for k, v in sorted(c.items())) or "none with a candidate"

        return (f"people: {part(self.people)}; organisations: {part(self.organisations)}; "
                f"profiles merged: {len(self.merged):,}")


def _all(result: Any) -> list[Any]:
    """A result's rows, typed loosely (the columns are known from the query)."""
    return list(result)


def _in(sql: str, *names: str) -> Any:
    return text(sql).bindparams(*(bindparam(n, expanding=True) for n in names))


# -- context -----------------------------------------------------------------------------


def _article_context(conn: Connection, articles: list[str], ctx: Context,
                     skip: set[str]) -> None:
    """The other entities and the dates of ``articles`` into ``ctx`` (``skip``: name keys
    of the entity itself)."""
    if not articles:
        return
    for etype, name in _all(conn.execute(_in(
            "SELECT DISTINCT type, name FROM mentions WHERE article_id IN :a", "a"),
            {"a": articles})):
        if name_key(name) in skip:
            continue
        ctx.context_words |= words(name)
        if etype in PLACE_TYPES:
            ctx.places |= place_words(name)
    for (pub,) in _all(conn.execute(_in("SELECT published FROM articles WHERE id IN :a", "a"),
                               {"a": articles})):
        if pub and pub[:4].isdigit():
            ctx.years.append(int(pub[:4]))


def person_context(conn: Connection, pid: int, keys: set[str]) -> Context:
    ctx = Context(set(keys))
    for title, org, place in _all(conn.execute(text(
            "SELECT DISTINCT title, org, place FROM roles WHERE person_id = :p"), {"p": pid})):
        ctx.role_words |= words(title, org)
        ctx.places |= place_words(place)
    for kind, value in _all(conn.execute(text(
            "SELECT kind, value FROM person_affiliations WHERE person_id = :p"), {"p": pid})):
        if kind == "org":
            ctx.role_words |= words(value)
        else:
            ctx.places |= place_words(value)
    arts = [r[0] for r in _all(conn.execute(text(
        "SELECT article_id FROM mentions WHERE person_id = :p ORDER BY article_id LIMIT :n"),
        {"p": pid, "n": T.MAX_ARTICLES}))]
    _article_context(conn, arts, ctx, keys)
    ctx.context_words -= ctx.role_words | {w for k in keys for w in k.split()}
    g = person_gender(conn, pid).gender
    ctx.gender = g if g != UNKNOWN else None
    return ctx


def org_context(conn: Connection, key: str, names: set[str]) -> Context:
    ctx = Context({key})
    for title, place in _all(conn.execute(_in(
            "SELECT DISTINCT title, place FROM roles WHERE org IN :o", "o"), {"o": list(names)})):
        ctx.role_words |= words(title)
        ctx.places |= place_words(place)
    arts = [r[0] for r in _all(conn.execute(_in(
        "SELECT DISTINCT article_id FROM mentions WHERE type = 'ORG' AND name IN :o "
        "ORDER BY article_id LIMIT :n", "o"), {"o": list(names), "n": T.MAX_ARTICLES}))]
    _article_context(conn, arts, ctx, {key})
    ctx.context_words -= ctx.role_words | set(key.split())
    return ctx


# -- linking -----------------------------------------------------------------------------


def _decision(kind: str, name: str, key: str, c: Choice) -> Decision:
    return Decision(kind, name, key, c.outcome, c.item.id if c.item else None, c.score,
                    c.margin, [{"id": s.id, "score": s.score, "reasons": s.reasons}
                               for s in c.scored])


def _link_text(c: Choice) -> dict[str, Any]:
    assert c.item is not None
    return {"w": c.item.id, "l": c.item.labels[0], "d": c.item.description, "s": c.score,
            "m": c.margin}


def link_wikidata(engine: Engine, extract: Extract, relink: bool = False) -> LinkReport:
    report = LinkReport()
    with engine.begin() as conn:
        linked = {r[0]: r[1] for r in _all(conn.execute(text(
            "SELECT person_id, wikidata_id FROM person_wikidata")))}
        keys: dict[int, set[str]] = {}
        names: dict[int, tuple[str, str]] = {}
        for pid, slug, name, key in _all(conn.execute(text(
                "SELECT id, slug, name, name_key FROM people WHERE scope IS NULL"))):
            keys[pid] = {key}
            names[pid] = (slug, name)
        for pid, key in _all(conn.execute(text("SELECT person_id, name_key FROM person_names"))):
            if pid in keys:
                keys[pid].add(key)
        chosen: dict[str, list[int]] = {}
        for pid in sorted(keys):
            if not extract.candidates(keys[pid], "person") or (pid in linked and not relink):
                continue
            c = choose(extract, person_context(conn, pid, keys[pid]), "person")
            d = _decision("person", names[pid][1], names[pid][0], c)
            report.decisions.append(d)
            report.people[c.outcome] = report.people.get(c.outcome, 0) + 1
            conn.execute(text("DELETE FROM person_wikidata WHERE person_id = :p"), {"p": pid})
            if c.item is not None:
                conn.execute(text(
                    "INSERT INTO person_wikidata (person_id, wikidata_id, label, description, "
                    "score, margin) VALUES (:p, :w, :l, :d, :s, :m)"),
                    {"p": pid, **_link_text(c)})
                chosen.setdefault(c.item.id, []).append(pid)
        _link_orgs(conn, extract, relink, report)
        for qid in sorted(chosen):
            _merge_item(conn, qid, report)
    return report


def _link_orgs(conn: Connection, extract: Extract, relink: bool, report: LinkReport) -> None:
    known = {r[0] for r in _all(conn.execute(text("SELECT key FROM org_wikidata")))}
    seen: dict[str, set[str]] = {}  # name key -> the names written
    for (name,) in _all(conn.execute(text("SELECT name FROM organisations"))):
        seen.setdefault(name_key(name), set()).add(name)
    for (name,) in _all(conn.execute(text(
            "SELECT DISTINCT name FROM mentions WHERE type = 'ORG'"))):
        seen.setdefault(name_key(name), set()).add(name)
    for key in sorted(seen):
        if not key or not extract.candidates({key}, "organisation") or (
                key in known and not relink):
            continue
        written = seen[key]
        c = choose(extract, org_context(conn, key, written), "organisation")
        name = sorted(written)[0]
        report.decisions.append(_decision("organisation", name, key, c))
        report.organisations[c.outcome] = report.organisations.get(c.outcome, 0) + 1
        conn.execute(text("DELETE FROM org_wikidata WHERE key = :k"), {"k": key})
        if c.item is not None:
            conn.execute(text(
                "INSERT INTO org_wikidata (key, name, wikidata_id, label, description, score, "
                "margin) VALUES (:k, :n, :w, :l, :d, :s, :m)"),
                {"k": key, "n": name, **_link_text(c)})


# -- merging -----------------------------------------------------------------------------


def _merge_item(conn: Connection, qid: str, report: LinkReport) -> None:
    """Every profile linked to ``qid`` into the most quoted one."""
    rows = _all(conn.execute(text(
        "SELECT p.id, p.slug, (SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS n "
        "FROM person_wikidata w JOIN people p ON p.id = w.person_id "
        "WHERE w.wikidata_id = :w ORDER BY n DESC, p.slug"), {"w": qid}))
    if len(rows) < 2:
        return
    keep = rows[0]
    for drop in rows[1:]:
        merge_profiles(conn, keep[0], drop[0], qid)
        report.merged.append({"from": drop[1], "into": keep[1], "id": qid})


def _ignore(conn: Connection, sql: str) -> str:
    """An INSERT that skips rows whose key exists, in the backend's syntax."""
    if conn.dialect.name == "sqlite":
        return sql.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
    return sql + " ON CONFLICT DO NOTHING"


def merge_profiles(conn: Connection, keep: int, drop: int, qid: str) -> None:
    """Move every row of profile ``drop`` to profile ``keep`` and delete ``drop``."""
    sqlite = conn.dialect.name == "sqlite"
    db = Sql(conn)
    p = {"k": keep, "d": drop}
    keep_key: str = conn.execute(text("SELECT name_key FROM people WHERE id = :k"), p).scalar_one()
    drop_slug: str = conn.execute(text("SELECT slug FROM people WHERE id = :d"), p).scalar_one()
    # statements: one the kept profile made too (same words) merges into it
    quotes = _all(conn.execute(text(
        "SELECT id, content, sites FROM quotes WHERE person_id = :d"), p))
    same: dict[int, tuple[int, Any]] = {}
    for qid_, content, _ in quotes:
        row = conn.execute(text("SELECT id, sites FROM quotes WHERE qkey = :q AND person_id = :k"),
                           {"q": quote_key(keep_key, content), "k": keep}).first()
        if row is not None and row[0] != qid_:
            same[qid_] = (row[0], row[1])
    moved = [q for q, _, _ in quotes if q not in same]
    if same:  # merged into the kept profile's statement: one statement fewer that day
        day_counts.add(conn, [(q, k) for q, k in _all(conn.execute(text(
            "SELECT id, kind FROM quotes WHERE person_id = :d"), p)) if q in same], -1)
    kept_changed = sorted({k for k, _ in same.values()})
    if sqlite:  # out of the index with the values it holds now; back in below
        fts.unindex(db, moved + kept_changed)
    sites: dict[int, set[str]] = {k: sites_of(s) for k, s in same.values()}
    for qid_, _, qsites in quotes:
        if qid_ not in same:
            continue
        into = same[qid_][0]
        sites[into] |= sites_of(qsites)
        conn.execute(text(_ignore(conn,
            "INSERT INTO quote_sources (quote_id, article_id, local_id, person_id, speaker_text, "
            "speaker_title, speaker_org, cue, content_start, content_end, published, site) "
            "SELECT :into, article_id, local_id, :k, speaker_text, speaker_title, speaker_org, "
            "cue, content_start, content_end, published, site FROM quote_sources "
            "WHERE quote_id = :q")), {"into": into, "k": keep, "q": qid_})
        conn.execute(text("DELETE FROM quote_sources WHERE quote_id = :q"), {"q": qid_})
        conn.execute(text("DELETE FROM quotes WHERE id = :q"), {"q": qid_})  # trigger: FTS
    for into, s in sites.items():
        conn.execute(text("UPDATE quotes SET sites = :s WHERE id = :q"),
                     {"s": sites_value(conn.dialect.name, s), "q": into})
    for table in ("quotes", "quote_sources", "mentions", "event_participants",
                  "person_genders"):
        conn.execute(text(f"UPDATE {table} SET person_id = :k WHERE person_id = :d"), p)
    update_people_genders(conn, [keep])  # its gender from both profiles' evidence
    if sqlite:
        fts.index(db, moved + kept_changed)
    for table, cols in (("person_names", "name, name_key"), ("person_tokens", "token"),
                        ("person_affiliations", "kind, key, value")):
        conn.execute(text(_ignore(conn, f"INSERT INTO {table} (person_id, {cols}) "
                                        f"SELECT :k, {cols} FROM {table} WHERE person_id = :d")), p)
        conn.execute(text(f"DELETE FROM {table} WHERE person_id = :d"), p)
    roles = _all(conn.execute(text(
        "SELECT article_id, title, org, place, published FROM roles WHERE person_id = :d"), p))
    for aid, title, org, place, pub in roles:
        conn.execute(text(_ignore(conn,
            "INSERT INTO roles (id, person_id, article_id, title, org, place, published) "
            "VALUES (:i, :k, :a, :t, :o, :pl, :pub)")),
            {"i": role_id(keep, aid, title, org, place, pub), "k": keep, "a": aid, "t": title,
             "o": org, "pl": place, "pub": pub})
    conn.execute(text("DELETE FROM roles WHERE person_id = :d"), p)
    _events_json(conn, keep, drop)
    conn.execute(text("DELETE FROM person_wikidata WHERE person_id = :d"), p)
    conn.execute(text("DELETE FROM people WHERE id = :d"), p)
    conn.execute(text("UPDATE person_merges SET to_id = :k WHERE to_id = :d"), p)
    conn.execute(text(_ignore(conn,
        "INSERT INTO person_merges (from_id, from_slug, to_id, wikidata_id) "
        "VALUES (:d, :s, :k, :w)")), {**p, "s": drop_slug, "w": qid})


def _events_json(conn: Connection, keep: int, drop: int) -> None:
    """The participants JSON of events (display copies of ``event_participants``)."""
    for aid, lid, parts in _all(conn.execute(text(
            "SELECT e.article_id, e.local_id, e.participants FROM events e WHERE e.article_id IN "
            "(SELECT article_id FROM event_participants WHERE person_id = :k)"), {"k": keep})):
        data = json.loads(parts or "[]")
        if any(x.get("person_id") == drop for x in data):
            for x in data:
                if x.get("person_id") == drop:
                    x["person_id"] = keep
            conn.execute(text("UPDATE events SET participants = :j WHERE article_id = :a AND "
                              "local_id = :l"),
                         {"j": json.dumps(data, ensure_ascii=False), "a": aid, "l": lid})
