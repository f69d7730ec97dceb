"""People: profiles (everything known about one person) and name look-ups."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from newsgraph.store.events import person_events
from newsgraph.store.filters import people_by_name
from newsgraph.store.gender import person_gender
from newsgraph.store.models import ArticleRef, PersonRef, Profile, RoleSeen
from newsgraph.store.names import name_key
from newsgraph.store.query import QueryError
from newsgraph.store.search import MAX_LIMIT, hydrate
from newsgraph.store.wikidata_read import merged_into, person_wikidata

CO_QUOTED_SCAN = 1000  # co-quoted people are looked for among this many recent quotes
TIMELINE_EVENTS = 100  # a profile's timeline shows this many of the person's events


def _refs(conn: Connection, ids: list[int]) -> dict[int, PersonRef]:
    if not ids:
        return {}
    q = text("SELECT p.id, p.slug, p.name, (SELECT count(*) FROM quotes q WHERE "
             "q.person_id = p.id) FROM people p WHERE p.id IN :ids")
    q = q.bindparams(bindparam("ids", expanding=True))
    return {r[0]: PersonRef(r[0], r[1], r[2], r[3]) for r in conn.execute(q, {"ids": ids})}


def find_people(conn: Connection, name_or_id: str | int, limit: int = 20) -> list[PersonRef]:
    """Profiles matching a name (all its words), id or slug; most quoted first."""
    ids = people_by_name(conn, name_or_id)
    refs = sorted(_refs(conn, ids).values(), key=lambda r: (-r.quotes, r.slug))
    return refs[:limit]


def resolve_person(conn: Connection, name_or_id: str | int) -> int | None:
    """The profile a name means: id or slug; else the exact full name (its most quoted
    profile if namesakes exist); else the most quoted profile having all the words."""
    s = str(name_or_id).strip()
    if not s:
        return None
    if isinstance(name_or_id, int) or s.isdigit():
        ids = people_by_name(conn, name_or_id if isinstance(name_or_id, int) else s)
        return ids[0] if ids else None
    row = conn.execute(text("SELECT id FROM people WHERE slug = :s"), {"s": s}).first()
    if row:
        return row[0]
    exact = [r[0] for r in conn.execute(
        text("SELECT id FROM people WHERE name_key = :k AND scope IS NULL"),
        {"k": name_key(s)})]
    if not exact:
        exact = [r[0] for r in conn.execute(
            text("SELECT id FROM people WHERE name_key = :k"), {"k": name_key(s)})]
    candidates = exact or people_by_name(conn, s)
    if not candidates:
        return None
    refs = _refs(conn, candidates)
    return min(refs.values(), key=lambda r: (-r.quotes, r.slug)).id


def profile(conn: Connection, name_or_id: str | int, recent: int = 10,
            role_articles: int = 20) -> Profile | None:
    if not isinstance(recent, int) or not 0 <= recent <= MAX_LIMIT:
        raise QueryError(f"recent must be between 0 and {MAX_LIMIT}")
    pid = resolve_person(conn, name_or_id)
    if pid is None:
        pid = merged_into(conn, name_or_id)  # a profile merged into another (Wikidata)
    if pid is None:
        return None
    row = conn.execute(text("SELECT id, slug, name, name_key, scope FROM people WHERE id = :p"),
                       {"p": pid}).one()
    variants = [r[0] for r in conn.execute(
        text("SELECT name FROM person_names WHERE person_id = :p ORDER BY name"), {"p": pid})]
    roles = _roles(conn, pid, role_articles)
    aff: dict[str, list[str]] = defaultdict(list)
    for kind, value in conn.execute(text(
            "SELECT kind, value FROM person_affiliations WHERE person_id = :p ORDER BY value"),
            {"p": pid}):
        aff[kind].append(value)
    n_quotes = conn.execute(text("SELECT count(*) FROM quotes WHERE person_id = :p"),
                            {"p": pid}).scalar_one()
    n_articles, first, last = conn.execute(text(
        "SELECT count(DISTINCT m.article_id), min(a.published), max(a.published) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.person_id = :p"),
        {"p": pid}).one()
    recent_ids = [r[0] for r in conn.execute(text(
        "SELECT id FROM quotes WHERE person_id = :p ORDER BY id DESC LIMIT :n"),
        {"p": pid, "n": recent})]
    months = [{"month": m, "count": c} for m, c in conn.execute(text(
        "SELECT substr(published, 1, 7) AS m, count(*) FROM quotes WHERE person_id = :p "
        "AND published IS NOT NULL GROUP BY m ORDER BY m"), {"p": pid})]
    namesakes = [r[0] for r in conn.execute(text(
        "SELECT id FROM people WHERE name_key = :k AND id <> :p"),
        {"k": row.name_key, "p": pid})]
    return Profile(
        id=row.id, slug=row.slug, name=row.name, scope=row.scope, name_variants=variants,
        roles=roles, organisations=aff["org"], places=aff["place"], quote_count=n_quotes,
        article_count=n_articles, first_seen=first, last_seen=last,
        recent_quotes=hydrate(conn, recent_ids), quotes_per_month=months,
        co_quoted=co_quoted(conn, pid),
        namesakes=sorted(_refs(conn, namesakes).values(), key=lambda r: (-r.quotes, r.slug)),
        events=person_events(conn, pid, TIMELINE_EVENTS),
        gender=person_gender(conn, pid).to_dict(),
        wikidata=person_wikidata(conn, pid),
    )


ROLE_GROUPS_PER_QUERY = 100  # SQLite allows 500 terms in a compound SELECT


def _roles(conn: Connection, pid: int, per_role: int) -> list[RoleSeen]:
    """Each distinct (title, org, place) with its first and last dates, its article count
    and its latest ``per_role`` articles (newest first).

    Aggregated in SQL over ``ix_roles_person`` (which covers these columns): the most quoted
    people have thousands of role rows, of which only ``per_role`` per role are read out,
    each role's latest straight off the index. Ordered by first seen, title, organisation,
    then place.
    """
    groups = conn.execute(text(
        "SELECT title, org, place, min(published), max(published), count(*) FROM roles "
        "WHERE person_id = :p GROUP BY title, org, place"), {"p": pid}).all()
    groups.sort(key=lambda g: (g[3] or "", g[0] or "", g[1] or "", g[2] or ""))
    latest: list[list[ArticleRef]] = [[] for _ in groups]
    for lo in range(0, len(groups), ROLE_GROUPS_PER_QUERY):
        branches, params = [], {"p": pid, "n": per_role}
        for g in range(lo, min(lo + ROLE_GROUPS_PER_QUERY, len(groups))):
            conds = ["person_id = :p"]
            for col, value in zip(("title", "org", "place"), groups[g][:3], strict=True):
                if value is None:
                    conds.append(f"{col} IS NULL")
                else:
                    conds.append(f"{col} = :{col}{g}")
                    params[f"{col}{g}"] = value
            branches.append(
                f"SELECT {g} AS g, article_id, published FROM (SELECT article_id, published "
                f"FROM roles WHERE {' AND '.join(conds)} "
                f"ORDER BY published DESC, article_id DESC LIMIT :n) AS r{g}")
        # Newest first: on SQLite undated rows sort last, on PostgreSQL first (each
        # backend's order of NULLs, as the rows read backwards off the index).
        for g, aid, published, atitle, site, url in conn.execute(text(
                f"SELECT u.g, u.article_id, u.published, a.title, a.site, a.url "
                f"FROM ({' UNION ALL '.join(branches)}) AS u "
                "LEFT JOIN articles a ON a.id = u.article_id "
                "ORDER BY u.g, u.published DESC, u.article_id DESC"), params):
            latest[g].append(ArticleRef(aid, atitle, published, site, url))
    return [RoleSeen(title, org, place, first, last, n, refs)
            for (title, org, place, first, last, n), refs in zip(groups, latest, strict=True)]


def co_quoted(conn: Connection, pid: int, limit: int = 10) -> list[PersonRef]:
    """People quoted in the same articles (among the person's recent quotes)."""
    rows = conn.execute(text(
        "SELECT s.person_id, count(DISTINCT s.article_id) AS n FROM quote_sources s "
        "WHERE s.article_id IN (SELECT s1.article_id FROM quotes q "
        "  JOIN quote_sources s1 ON s1.quote_id = q.id WHERE q.person_id = :p "
        "  ORDER BY q.id DESC LIMIT :scan) "
        "AND s.person_id IS NOT NULL AND s.person_id <> :p "
        "GROUP BY s.person_id ORDER BY n DESC, s.person_id LIMIT :lim"),
        {"p": pid, "scan": CO_QUOTED_SCAN, "lim": limit}).all()
    refs = _refs(conn, [r[0] for r in rows])
    out = []
    for person, n in rows:
        ref = refs[person]
        ref.articles = n
        out.append(ref)
    return out
