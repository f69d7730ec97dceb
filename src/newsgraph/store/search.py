"""Full-text search over quotes, with filters, ordering, paging and a capped total.

How it stays fast on a million quotes (see docs/knowledge-base.md):

* A quote's id carries its date in the high bits, so "newest first" is "highest rowid first":
  FTS5 and the PostgreSQL primary key both walk matches in that order and stop after one
  page, instead of sorting every match. Date filters become id ranges.
* On SQLite the speaker and the sites are indexed in FTS5 too (see the migration), so those
  filters are part of the MATCH and FTS5 intersects posting lists itself.
* On PostgreSQL, when the planner's statistics promise many matches (a common word), the
  primary key is walked newest first, which finds a page quickly, and the total is the
  planner's estimate (``total_kind: "estimate"``); otherwise the newest ``count_limit``
  matches are collected through the GIN bitmaps (cheap for rare words) and sorted, which
  gives both the page and the total.
* Otherwise the total is counted up to ``count_limit`` (1,000 by default) and then reported
  as a lower bound (``total_kind: "at_least"``): an exact count of a common word costs more
  than the page.
* "best" ranks (bm25 / ts_rank) the newest ``BEST_CANDIDATES`` matches, not every match.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from newsgraph.store import narrow
from newsgraph.store.filters import as_date, people_by_name, people_by_org, sites_matching
from newsgraph.store.keys import SQL_INT_MAX, id_range
from newsgraph.store.models import QuoteHit, SearchPage
from newsgraph.store.narrow import DEFAULT_KIND
from newsgraph.store.query import Query, QueryError, parse
from newsgraph.store.query import tokens as _tokens

ORDERS = ("newest", "oldest", "best")
MAX_LIMIT = 1000
BEST_CANDIDATES = 500
SPEAKER_IN_MATCH_MAX = 300  # SQLite: speaker filters up to this many profiles go into MATCH
DENSE_FACTOR = 5  # PostgreSQL: an estimate this many times count_limit means "walk"


class Estimate(int):
    """A total taken from the planner's statistics, not counted."""


class Filters:
    """SQL conditions on the quote id column (written ``{id}``) and their parameters.

    Conditions that read other columns of the statement use the alias ``q`` (``needs_q``):
    the query then joins the quotes table where it would not otherwise."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: dict[str, Any] = {}
        self.person_ids: list[int] | None = None
        self.needs_q = False

    def add(self, cond: str, needs_q: bool = False, **params: Any) -> None:
        self.conds.append(cond)
        self.params.update(params)
        self.needs_q = self.needs_q or needs_q

    def sql(self, id_col: str) -> str:
        return "".join(f" AND {c}".replace("{id}", id_col) for c in self.conds)


@dataclass(slots=True)
class Plan:
    """A search's parsed query and filters, before any SQL runs over the matches."""

    query: str | None
    parsed: Query | None
    filters: Filters
    site_tokens: list[str]
    empty: bool  # a filter matches nothing (an unknown speaker, site...)
    echo: dict[str, Any]
    terms: list[str]


def plan(conn: Connection, query: str | None = None, *, speaker: str | int | None = None,
         org: str | None = None, site: str | None = None, since: str | date | None = None,
         until: str | date | None = None, kind: str | None = DEFAULT_KIND,
         type: str | None = None, language: str | None = None, gender: str | None = None,
         before: int | None = None) -> Plan:
    """Check and resolve a search's query and filters (``QueryError`` if malformed).

    ``kind``: one of ``KINDS`` (default speech), or None / "all" for every kind.
    ``before``: only statements with a smaller id (paging through every match by key).
    """
    parsed = parse(query) if query is not None and query.strip() else None
    since_d, until_d = as_date(since, "since"), as_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise QueryError(f"since ({since_d}) is after until ({until_d})")
    narrowed = narrow.narrowing(conn, kind=kind, type=type, language=language, gender=gender)
    echo = {k: v for k, v in (("speaker", speaker), ("org", org), ("site", site),
                              ("since", since_d), ("until", until_d)) if v}
    echo.update({k: v for k, v, _ in narrowed})
    terms = parsed.terms if parsed else []

    f = Filters()
    if speaker is not None and str(speaker).strip():
        f.person_ids = people_by_name(conn, speaker)
    if org:
        by_org = people_by_org(conn, org)
        f.person_ids = by_org if f.person_ids is None else sorted(set(f.person_ids) & set(by_org))
    site_tokens: list[str] = []
    sites = sites_matching(conn, site) if site else None
    empty = (f.person_ids is not None and not f.person_ids) or sites == []
    if sites and conn.dialect.name == "sqlite":  # FTS5 narrows by site tokens; this is exact
        site_tokens = _tokens(site or "")
        f.add("EXISTS (SELECT 1 FROM quote_sources s WHERE s.quote_id = {id} "
              "AND s.site IN :sites)", sites=sites)
    elif sites:  # PostgreSQL: the GIN index on quotes.sites
        f.add("q.sites && CAST(:site_arr AS text[])", needs_q=True, site_arr=sites)
    lo, hi = id_range(since_d, until_d)
    if before is not None:
        hi = min(hi, before - 1) if hi is not None else before - 1
    if lo is not None:
        f.add("{id} >= :lo", lo=lo)
    if hi is not None:
        f.add("{id} <= :hi", hi=hi)
    for _name, _value, (cond, params) in narrowed:
        if cond:
            f.add(cond, needs_q=True, **params)
    return Plan(query, parsed, f, site_tokens, empty, echo, terms)


def search(conn: Connection, query: str | None = None, *, speaker: str | int | None = None,
           org: str | None = None, site: str | None = None, since: str | date | None = None,
           until: str | date | None = None, kind: str | None = DEFAULT_KIND,
           type: str | None = None, language: str | None = None, gender: str | None = None,
           order: str = "newest", limit: int = 20, offset: int = 0, count_limit: int = 1000,
           before: int | None = None) -> SearchPage:
    if order not in ORDERS:
        raise QueryError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if not isinstance(offset, int) or not 0 <= offset <= SQL_INT_MAX:
        raise QueryError(f"offset must be between 0 and {SQL_INT_MAX}")
    if not isinstance(count_limit, int) or count_limit < 1:
        raise QueryError("count_limit must be 1 or more")
    pl = plan(conn, query, speaker=speaker, org=org, site=site, since=since, until=until,
              kind=kind, type=type, language=language, gender=gender, before=before)
    parsed = pl.parsed
    if parsed is None and order == "best":
        order = "newest"  # nothing to rank by
    if pl.empty:
        return SearchPage(query, order, limit, offset, 0, True, [], pl.terms, pl.echo)
    f = pl.filters
    if conn.dialect.name == "sqlite":
        ids, scores, total = _sqlite(conn, parsed, f, pl.site_tokens, order, limit, offset,
                                     count_limit)
    else:
        ids, scores, total = _postgres(conn, parsed, f, order, limit, offset, count_limit)
    hits = hydrate(conn, ids)
    for h in hits:
        h.score = scores.get(h.id)
    notice = None
    if total == 0 and parsed is not None and conn.dialect.name == "postgresql" and not \
            conn.execute(text("SELECT numnode(to_tsquery('english', :m))"),
                         {"m": parsed.to_tsquery()}).scalar_one():
        notice = ("the query has only common English words (stop words), which PostgreSQL "
                  "does not index: add a more specific word")
    if isinstance(total, Estimate):
        total_kind = "estimate"
    else:
        total_kind = "exact" if total < count_limit else "at_least"
    return SearchPage(query, order, limit, offset, int(total), total_kind == "exact", hits,
                      pl.terms, pl.echo, notice, total_kind)


def matches(conn: Connection, pl: Plan) -> tuple[str, str, dict[str, Any]]:
    """Every match of a plan as SQL: ``(base, key, params)``, where ``base`` is ``SELECT
    ... AS id FROM ... WHERE ...`` (no order) and ``key`` the id column to order it by.
    For aggregates over the matches (facets, timelines, networks, exports)."""
    if conn.dialect.name == "sqlite":
        base, key, _score, params = _sqlite_base(pl.parsed, pl.filters, pl.site_tokens)
    else:
        base, _score, params = _postgres_base(pl.parsed, pl.filters)
        key = "q.id"
    return base, key, params


def run(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """Run SQL with list parameters expanded (``IN :ids``); ``*_arr`` stay arrays."""
    stmt = text(sql)
    lists = [k for k, v in params.items() if isinstance(v, list) and not k.endswith("_arr")]
    if lists:
        stmt = stmt.bindparams(*(bindparam(k, expanding=True) for k in lists))
    return list(conn.execute(stmt, params))


def _count(conn: Connection, base: str, params: dict[str, Any], count_limit: int) -> int:
    return run(conn, f"SELECT count(*) FROM ({base} LIMIT :cap) c",
                {**params, "cap": count_limit})[0][0]


def _page(conn: Connection, base: str, key: str, score: str | None, order: str, limit: int,
          offset: int, params: dict[str, Any], count_limit: int,
          total: int | None = None) -> tuple[list[int], dict[int, float], int]:
    """Run the page query and the capped count over one candidate query shape.

    ``base`` is ``SELECT ... AS id FROM ... WHERE ...`` without ORDER BY; ``key`` the id
    column to order by; ``total`` the capped count when already known.
    """
    direction = "ASC" if order == "oldest" else "DESC"
    p = {**params, "lim": limit, "off": offset}
    if order == "best" and score is not None:
        sql = (f"SELECT id, score FROM ({base.replace('SELECT ', f'SELECT {score} AS score, ', 1)}"
               f" ORDER BY {key} DESC LIMIT :cand) c ORDER BY score DESC, id DESC "
               "LIMIT :lim OFFSET :off")
        rows = run(conn, sql, {**p, "cand": BEST_CANDIDATES})
        ids = [r[0] for r in rows]
        scores = {r[0]: float(r[1]) for r in rows}
    else:
        rows = run(conn, f"{base} ORDER BY {key} {direction} LIMIT :lim OFFSET :off", p)
        ids, scores = [r[0] for r in rows], {}
    if total is None:
        if offset == 0 and len(ids) < limit:
            total = len(ids)
        else:
            total = _count(conn, base, params, count_limit)
    return ids, scores, total


def _sqlite_base(parsed: Query | None, f: Filters,
                 site_tokens: list[str]) -> tuple[str, str, str | None, dict[str, Any]]:
    """(base, key, score, params): the matches of a query and filters on SQLite."""
    params = dict(f.params)
    pids = f.person_ids
    match: list[str] = []
    if parsed is not None:
        match.append(f"content : ({parsed.to_fts5()})")
    if site_tokens:
        match.append('sites : "' + " ".join(site_tokens) + '"')
    if not match:  # filters only, no site: the (person_id, id) index or the primary key
        where = "1 = 1"
        if pids is not None:
            where, params["pids"] = "q.person_id IN :pids", pids
        return (f"SELECT q.id AS id FROM quotes q WHERE {where}{f.sql('q.id')}", "q.id", None,
                params)
    if pids is not None and len(pids) <= SPEAKER_IN_MATCH_MAX:
        match.append("speaker : (" + " OR ".join(f'"p{p}"' for p in pids) + ")")
        pids = None
    params["m"] = " AND ".join(match)
    if pids is not None or f.needs_q:  # check each match's row (a vague speaker filter...)
        where = ""
        if pids is not None:
            params["pids"] = pids
            where = " AND q.person_id IN :pids"
        base = ("SELECT quotes_fts.rowid AS id FROM quotes_fts CROSS JOIN quotes q "
                "ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH :m"
                f"{where}{f.sql('quotes_fts.rowid')}")
    else:
        base = ("SELECT quotes_fts.rowid AS id FROM quotes_fts WHERE quotes_fts MATCH :m"
                + f.sql("quotes_fts.rowid"))
    # bm25 is lower-is-better; negate so that every backend's score is higher-is-better.
    score = "-bm25(quotes_fts, 1.0, 0.0, 0.0)" if parsed is not None else None
    return base, "quotes_fts.rowid", score, params


def _sqlite(conn: Connection, parsed: Query | None, f: Filters, site_tokens: list[str],
            order: str, limit: int, offset: int,
            count_limit: int) -> tuple[list[int], dict[int, float], int]:
    base, key, score, params = _sqlite_base(parsed, f, site_tokens)
    with fts_errors():
        return _page(conn, base, key, score, order, limit, offset, params, count_limit)


@contextmanager
def fts_errors() -> Iterator[None]:
    """FTS5 reports query problems as OperationalError: make them a QueryError."""
    try:
        yield
    except Exception as exc:
        if "fts5" in str(exc).lower():
            raise QueryError(f"the search engine could not run this query: {exc}") from None
        raise


def _postgres(conn: Connection, parsed: Query | None, f: Filters, order: str, limit: int,
              offset: int, count_limit: int) -> tuple[list[int], dict[int, float], int]:
    base, score, params = _postgres_base(parsed, f)
    if parsed is None:
        return _page(conn, base, "q.id", None, order, limit, offset, params, count_limit)
    # Given ORDER BY id LIMIT, the planner walks the primary key backwards and filters every
    # row: right when matches are dense, a full scan when they are rare (it cannot tell a
    # rare word from a common one). When its own statistics promise many matches, walk (and
    # report the total as "count_limit or more"); otherwise first collect the matches,
    # unordered (a GIN bitmap scan), up to count_limit: when there are fewer, they are the
    # whole answer.
    estimate = _estimate(conn, base, params)
    if estimate >= DENSE_FACTOR * count_limit:
        ids, scores, _ = _page(conn, base, "q.id", score, order, limit, offset, params,
                               count_limit, total=count_limit)
        if len(ids) < limit:  # a short page is the end: the total is known exactly
            return ids, scores, offset + len(ids)
        return ids, scores, Estimate(max(int(estimate), offset + limit))
    # Not ordered by the indexed column ("id + 0"), so the planner uses the GIN bitmaps and
    # sorts what they give; the newest count_limit matches come back in order.
    sel = base if order != "best" else base.replace("SELECT ", f"SELECT {score} AS score, ", 1)
    direction = "ASC" if order == "oldest" else "DESC"
    rows = run(conn, f"{sel} ORDER BY q.id + 0 {direction} LIMIT :cap",
                {**params, "cap": count_limit})
    total = len(rows)
    if order == "best":
        ranked = sorted(rows[:BEST_CANDIDATES] if total >= count_limit else rows,
                        key=lambda r: (-r[0], -r[1]))
        page = ranked[offset:offset + limit]
        return [r[1] for r in page], {r[1]: float(r[0]) for r in page}, total
    if offset + limit <= total or total < count_limit:
        return [r[0] for r in rows[offset:offset + limit]], {}, total
    return _page(conn, base, "q.id", score, order, limit, offset, params, count_limit,
                 total=total)  # a page beyond the first count_limit matches


def _postgres_base(parsed: Query | None,
                   f: Filters) -> tuple[str, str | None, dict[str, Any]]:
    params = dict(f.params)
    conds = []
    if f.person_ids is not None:
        params["pids"] = f.person_ids
        conds.append("q.person_id IN :pids")
    score = None
    if parsed is not None:
        params["m"] = parsed.to_tsquery()
        conds.append("q.tsv @@ to_tsquery('english', :m)")
        score = "ts_rank(q.tsv, to_tsquery('english', :m))"
    where = " AND ".join(conds) or "TRUE"
    return f"SELECT q.id AS id FROM quotes q WHERE {where}{f.sql('q.id')}", score, params


def _estimate(conn: Connection, base: str, params: dict[str, Any]) -> float:
    """The planner's estimate of how many rows ``base`` returns (statistics, no execution)."""
    plan = run(conn, f"EXPLAIN (FORMAT JSON) {base}", params)[0][0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


HYDRATE = """
SELECT q.id, q.content, q.type, q.speaker, q.person_id, p.slug, s.speaker_title,
       s.speaker_org, q.published, q.article_id, a.title, a.site, a.url,
       (SELECT count(*) FROM quote_sources s2 WHERE s2.quote_id = q.id) AS n_sources,
       s.local_id, {kind}, {group}
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN people p ON p.id = q.person_id
LEFT JOIN quote_sources s ON s.quote_id = q.id AND s.article_id = q.article_id
WHERE q.id IN :ids
"""


def hydrate(conn: Connection, ids: list[int]) -> list[QuoteHit]:
    """Full hits for quote ids, in the order given."""
    if not ids:
        return []
    has_kinds = "kind" in narrow.columns(conn, "quotes")  # 0006; before it, all speech
    sql = HYDRATE.format(kind="q.kind" if has_kinds else "'speech'",
                         group="s.quote_group" if has_kinds else "NULL")
    stmt = text(sql).bindparams(bindparam("ids", expanding=True))
    by_id = {r[0]: QuoteHit(*r[:-3], local_id=r[-3], kind=r[-2], group=r[-1])
             for r in conn.execute(stmt, {"ids": ids})}
    return [by_id[i] for i in ids if i in by_id]
