"""Who is quoted alongside whom: people as nodes, shared articles as edge weights.

* A search's network (``search_network``): the ``top`` people with the most statements
  among the newest ``scan`` matches; two of them are linked by the number of articles in
  which both have a matching statement (a statement's article is its first copy).
* A person's network (``person_network``): the person and the people quoted alongside them
  (``profiles.co_quoted``: in the articles of the person's ``CO_QUOTED_SCAN`` most recent
  statements, every copy); every two of them are linked by the number of those articles
  quoting both. The person's own edges are the profile's "quoted alongside" counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from sqlalchemy.engine import Connection

from newsgraph.store import narrow
from newsgraph.store.facets import FACET_SCAN, scan_rows
from newsgraph.store.profiles import CO_QUOTED_SCAN, co_quoted
from newsgraph.store.search import plan, run
from newsgraph.store.view_models import Network, NetworkEdge, NetworkNode

NETWORK_TOP = 12


def _edges(people_by_article: dict[str, set[int]]) -> list[NetworkEdge]:
    weights: Counter[tuple[int, int]] = Counter()
    for people in people_by_article.values():
        for a, b in combinations(sorted(people), 2):
            weights[(a, b)] += 1
    return [NetworkEdge(a, b, n) for (a, b), n in
            sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]


def _nodes(conn: Connection, counts: dict[int, int]) -> list[NetworkNode]:
    if not counts:
        return []
    rows = run(conn, "SELECT id, slug, name FROM people WHERE id IN :ids", {"ids": list(counts)})
    nodes = [NetworkNode(pid, slug, name, counts[pid]) for pid, slug, name in rows]
    nodes.sort(key=lambda n: (-n.statements, n.slug))
    return nodes


def search_network(conn: Connection, query: str | None = None, *, top: int = NETWORK_TOP,
                   scan: int = FACET_SCAN, **filters: Any) -> Network:
    """The network of ``search(conn, query, **filters)``'s speakers (see above)."""
    wanted = narrow.kind_filter(filters.pop("kind", narrow.DEFAULT_KIND))
    pl = plan(conn, query, kind=wanted, **filters)
    rows = scan_rows(conn, pl, scan, ["q.person_id", "q.article_id"])
    statements: Counter[int] = Counter(pid for pid, _ in rows if pid is not None)
    chosen = {pid for pid, _ in sorted(statements.items(), key=lambda kv: (-kv[1], kv[0]))[:top]}
    by_article: dict[str, set[int]] = defaultdict(set)
    for pid, aid in rows:
        if pid in chosen:
            by_article[aid].add(pid)
    nodes = _nodes(conn, {pid: statements[pid] for pid in chosen})
    echo = dict(pl.echo)
    return Network(nodes, _edges(by_article), None, len(rows), len(rows) < scan, echo)


def person_network(conn: Connection, pid: int, *, top: int = NETWORK_TOP - 2) -> Network:
    """The person ``pid`` and the ``top`` people most often quoted alongside them."""
    others = co_quoted(conn, pid, top)
    ids = [pid, *(r.id for r in others)]
    articles = [r[0] for r in run(conn, (
        # the articles profiles.co_quoted counts in (the same query)
        "SELECT DISTINCT article_id FROM (SELECT s1.article_id FROM quotes q "
        "JOIN quote_sources s1 ON s1.quote_id = q.id WHERE q.person_id = :p "
        "ORDER BY q.id DESC LIMIT :scan) r"),
        {"p": pid, "scan": CO_QUOTED_SCAN})]
    by_article: dict[str, set[int]] = defaultdict(set)
    if len(ids) > 1 and articles:
        for i in range(0, len(articles), 500):
            for aid, who in run(conn, (
                    "SELECT DISTINCT article_id, person_id FROM quote_sources "
                    "WHERE article_id IN :arts AND person_id IN :ids"),
                    {"arts": articles[i:i + 500], "ids": ids}):
                by_article[aid].add(who)
    n_quotes = dict(run(conn, "SELECT person_id, count(*) FROM quotes WHERE person_id IN :ids "
                              "GROUP BY person_id", {"ids": ids}))
    nodes = _nodes(conn, {i: int(n_quotes.get(i, 0)) for i in ids})
    return Network(nodes, _edges(by_article), pid, len(articles), True, {"person": pid})
