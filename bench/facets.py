"""Facets, timelines and networks at scale: their latency against a plain search, measured in
the same run on the same knowledge base.

    python bench/facets.py                              # 1,000,000 statements, SQLite
    python bench/facets.py --quotes 100000 --rounds 5   # quicker
    python bench/facets.py --db postgresql://user:pass@127.0.0.1/kb   # an existing base

The knowledge base (``newsgraph.store.synthetic``, seeded; about 18% of its statements are
beliefs, stances, intentions or evidence) is built once into --workdir (default
/tmp/newsgraph-bench, never the repository) and reused while the schema revision is the
same (the file name carries it: ``facets-1000000-7-r0008.db``). Prints one JSON object: for
each operation p50/p95/max in ms over its case mix and rounds, and the ratio of its p50 and p95
to the baseline's (a plain search: the first page of 20 with its capped count, as the
search page runs it), the per-case medians, the target (p95 <= 100 ms) and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.store import open_store
from newsgraph.store.db import head_revision
from newsgraph.store.synthetic import Corpus

TARGET_P95_MS = 100.0


def build(work: Path, n_quotes: int, seed: int) -> str:
    """The synthetic knowledge base, built once per size, seed and schema revision: a cache
    built by another revision (the same number may even name another chain of migrations:
    0006 was re-chained after 0005 at a merge) is never reused."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"facets-{n_quotes}-{seed}-r{head_revision()}.db"
    done = db.with_suffix(".done")
    url = f"sqlite:///{db}"
    if db.exists() and done.exists():
        return url
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t = time.perf_counter()
    with open_store(url) as kb:
        kb.ingest(Corpus(seed=seed).records(n_quotes))
        kb.optimize()
    done.write_text("ok\n")
    print(f"built {db} in {time.perf_counter() - t:.0f}s", file=sys.stderr)
    return url


def cases(kb: Any, seed: int) -> dict[str, list[tuple[str, Callable[[], Any]]]]:
    c = Corpus(seed=seed)
    w = c.word
    people = kb.people(limit=1001)
    top, mid, small = people[0], people[100], people[1000]
    searches: list[tuple[str, str | None, dict[str, Any]]] = [
        ("common word", w(40), {}),
        ("mid word", w(400), {}),
        ("rare word", w(3000), {}),
        ("phrase", f'"{w(46)} {w(400)}"', {}),
        ("common + year", w(40), {"since": "2019-01-01", "until": "2019-12-31"}),
        ("common + site", w(42), {"site": "dailyherald.example"}),
        ("top speaker listing", None, {"speaker": top.slug}),
        ("all kinds, common", w(44), {"kind": "all"}),
        ("beliefs, mid", w(400), {"kind": "belief"}),
        ("latest", None, {}),
    ]
    out: dict[str, list[tuple[str, Callable[[], Any]]]] = {
        "baseline_search": [], "search_facets": [], "facets_only": [], "search_timeline": [],
        "person_timeline": [], "search_network": [], "person_network": []}
    for label, q, f in searches:
        out["baseline_search"].append((label, lambda q=q, f=f: kb.search(q, **f)))
        out["search_facets"].append(
            (label, lambda q=q, f=f: (kb.search(q, **f), kb.facets(q, **f))))
        out["facets_only"].append((label, lambda q=q, f=f: kb.facets(q, **f)))
        out["search_timeline"].append((label, lambda q=q, f=f: kb.timeline(q, **f)))
        out["search_network"].append((label, lambda q=q, f=f: kb.network(q, **f)))
    for label, p in (("rank 0", top), ("rank 100", mid), ("rank 1000", small)):
        out["person_timeline"].append(
            (label, lambda p=p: kb.timeline(None, speaker=p.id)))
        out["person_network"].append((label, lambda p=p: kb.person_network(p.id)))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--workdir", default="/tmp/newsgraph-bench")
    ap.add_argument("--db", help="an existing knowledge base instead of the synthetic one")
    args = ap.parse_args(argv)
    url = args.db or build(Path(args.workdir), args.quotes, args.seed)
    load_before = os.getloadavg()[0]
    with open_store(url, read_only=True) as kb:
        mix = cases(kb, args.seed)
        for runs in mix.values():  # warm-up round (caches, statements)
            for _label, fn in runs:
                fn()
        times: dict[str, dict[str, list[float]]] = {op: {label: [] for label, _ in runs}
                                                    for op, runs in mix.items()}
        for _ in range(args.rounds):
            for op, runs in mix.items():
                for label, fn in runs:
                    t = time.perf_counter()
                    fn()
                    times[op][label].append((time.perf_counter() - t) * 1000)
        stats = kb.stats()
    ops: dict[str, Any] = {}
    for op, by_label in times.items():
        every = [x for xs in by_label.values() for x in xs]
        ops[op] = {"p50_ms": round(statistics.median(every), 2),
                   "p95_ms": round(pct(every, 0.95), 2), "max_ms": round(max(every), 2),
                   "per_case_median_ms": {k: round(statistics.median(v), 2)
                                          for k, v in by_label.items()}}
    base = ops["baseline_search"]
    for op, o in ops.items():
        o["p50_ratio"] = round(o["p50_ms"] / base["p50_ms"], 2)
        o["p95_ratio"] = round(o["p95_ms"] / base["p95_ms"], 2)
        if op != "baseline_search":
            o["target_p95_met"] = o["p95_ms"] <= TARGET_P95_MS
    print(json.dumps({"db": url.split("@")[-1], "quotes": stats.quotes,
                      "articles": stats.articles, "people": stats.people,
                      "rounds": args.rounds, "target_p95_ms": TARGET_P95_MS,
                      "load_before": round(load_before, 2),
                      "load_after": round(os.getloadavg()[0], 2), "operations": ops},
                     indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
