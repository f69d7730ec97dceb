"""Facet counts of a search: how its statements split by site, month, speaker, statement
type, kind, language (and gender, where recorded). The facets are data (``narrow.FACETS``).

One pass over the newest ``scan`` matches, of every kind: the kind facet counts all of them
(so the other kinds are one click away from "what people said"), every other facet counts
the statements of the kind searched for. Counting stops at ``scan`` (``complete`` says
whether that was every match): a common word matches tens of thousands of statements, and
their newest few thousand show the split as well as all of them would, at a fraction of
the cost (timelines, ``timelines.py``, count every match).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from newsgraph.store import narrow
from newsgraph.store.keys import HASH_BITS, month_of
from newsgraph.store.rows import sites_of
from newsgraph.store.search import Plan, fts_errors, matches, plan, run
from newsgraph.store.view_models import FacetCounts, FacetGroup, FacetValue

FACET_SCAN = 3000  # the newest matches facets are counted over (docs/knowledge-base.md)
FACET_TOP = 10


def scan_rows(conn: Connection, pl: Plan, scan: int, cols: list[str]) -> list[Any]:
    """``cols`` (over q, a, p) of the newest ``scan`` matches of a plan."""
    if pl.empty:
        return []
    base, key, params = matches(conn, pl)
    sql = (f"SELECT {', '.join(cols)} FROM ({base} ORDER BY {key} DESC LIMIT :scan) m "
           "JOIN quotes q ON q.id = m.id JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN people p ON p.id = q.person_id")
    with fts_errors():
        return run(conn, sql, {**params, "scan": scan})


def facet_counts(conn: Connection, query: str | None = None, *, kind: str | None = "speech",
                 top: int = FACET_TOP, scan: int = FACET_SCAN,
                 **filters: Any) -> FacetCounts:
    """Facet counts for ``search(conn, query, kind=kind, **filters)``.

    Counted in SQL: the scanned matches are materialised once (a CTE) and each facet is a
    ``GROUP BY`` of its value and the kind over them (a few hundred rows come back, not
    thousands); sites are split in Python from their distinct combinations."""
    wanted = narrow.kind_filter(kind)
    pl = plan(conn, query, kind=None, **filters)
    facets = narrow.available(conn)
    names = [f.name for f in facets]
    counters: dict[str, Counter[Any]] = {n: Counter() for n in names}
    scanned = statements = 0
    if not pl.empty:
        base, key, params = matches(conn, pl)
        kind_sql = "q.kind" if "kind" in names else "'speech'"
        # one value column for every branch: text (PostgreSQL's sites array as a string)
        pg_sites = conn.dialect.name == "postgresql"
        cols = ", ".join(
            f"{'array_to_string(q.sites, chr(32))' if f.name == 'site' and pg_sites else f.value}"
            f" AS v{i}" for i, f in enumerate(facets) if f.name != "kind")
        people = " LEFT JOIN people p ON p.id = q.person_id" if "gender" in names else ""
        branches = [f"SELECT {i} AS f, CAST(v{i} AS TEXT) AS v, k, count(*) AS n FROM m "
                    f"GROUP BY v{i}, k" for i, f in enumerate(facets) if f.name != "kind"]
        branches.append("SELECT -1 AS f, CAST(NULL AS TEXT) AS v, k, count(*) AS n FROM m "
                        "GROUP BY k")
        sql = (f"WITH m AS MATERIALIZED (SELECT {cols}, {kind_sql} AS k FROM "
               f"({base} ORDER BY {key} DESC LIMIT :scan) s JOIN quotes q ON q.id = s.id "
               f"JOIN articles a ON a.id = q.article_id{people}) "
               + " UNION ALL ".join(branches))
        with fts_errors():
            rows = run(conn, sql, {**params, "scan": scan})
        for f_at, value, row_kind, n in rows:
            if f_at == -1:
                scanned += n
                if "kind" in counters:
                    counters["kind"][row_kind] += n
                if wanted is None or row_kind == wanted:
                    statements += n
                continue
            if value is None or (wanted is not None and row_kind != wanted):
                continue
            name = names[f_at]
            if name == "site":
                for site in sites_of(value):
                    counters["site"][site] += n
            elif name == "month":
                month = month_of(int(value) << HASH_BITS)
                if month:
                    counters["month"][month] += n
            elif name == "person":
                counters["person"][int(value)] += n
            else:
                counters[name][value] += n
    echo = dict(pl.echo)
    if wanted is not None:
        echo["kind"] = wanted
    groups = [_group(conn, f, counters[f.name], top, _selected(f.name, filters, wanted))
              for f in facets]
    missing = [f.name for f in narrow.unavailable(conn) if f.name != "kind"]  # kind: all speech
    notice = (f"not counted: {', '.join(missing)} (this knowledge base's schema is older; "
              "open it once writable, e.g. `newsgraph ingest`, to upgrade it)"
              if missing else None)
    return FacetCounts(scanned, scanned < scan, statements, groups, echo, notice)


def _selected(name: str, filters: dict[str, Any], kind: str | None) -> str | None:
    if name == "kind":
        return kind
    if name == "person":
        value = filters.get("speaker")
    elif name == "month":
        since, until = filters.get("since"), filters.get("until")
        value = since if since and since == until and len(str(since)) == 7 else None
    else:
        value = filters.get(name)
    return str(value) if value not in (None, "") else None


def _group(conn: Connection, f: narrow.Facet, counts: Counter[Any], top: int,
           selected: str | None) -> FacetGroup:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    shown = ranked[:top]
    values: list[FacetValue] = []
    if f.name == "person":
        refs = _people(conn, [pid for pid, _ in shown])
        for pid, n in shown:
            slug, name = refs.get(pid, (str(pid), str(pid)))
            values.append(FacetValue(slug, name, n, {"person": slug}))
    elif f.name == "month":
        shown.sort(key=lambda kv: kv[0])
        values = [FacetValue(m, m, n, {"since": m, "until": m}) for m, n in shown]
    else:
        values = [FacetValue(str(v), str(v), n, {f.name: str(v)}) for v, n in shown]
    return FacetGroup(f.name, f.label, values, selected, max(0, len(ranked) - top))


def _people(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {r[0]: (r[1], r[2]) for r in run(
        conn, "SELECT id, slug, name FROM people WHERE id IN :ids", {"ids": ids})}


def speakers(conn: Connection, query: str | None = None, *, scan: int = FACET_SCAN,
             **filters: Any) -> tuple[list[tuple[int, str, str, int]], int, bool]:
    """Everyone with statements among the newest ``scan`` matches of a search, most
    statements first: ``([(id, slug, name, statements)], scanned, complete)``."""
    pl = plan(conn, query, **filters)
    rows = scan_rows(conn, pl, scan, ["q.person_id"])
    counts = Counter(pid for (pid,) in rows if pid is not None)
    names = _people(conn, list(counts))
    ranked = sorted(((pid, *names[pid], n) for pid, n in counts.items() if pid in names),
                    key=lambda r: (-r[3], r[1]))
    return ranked, len(rows), len(rows) < scan
