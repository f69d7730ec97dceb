"""Knowledge-base benchmark: ingest rate, search latency and size on a synthetic corpus.

    python bench/kb.py                                  # 1,000,000 quotes into SQLite
    python bench/kb.py --quotes 100000 --db postgresql://user:pass@127.0.0.1/scratch --reset

Prints one JSON object: articles, quotes, ingest_s, articles_per_s, quotes_per_s,
search_p50_ms / search_p95_ms over a fixed query mix (single words common and rare, phrases,
AND, OR, NOT, prefix, with and without speaker / organisation / site / date filters, newest and
best first; each query also counts its total up to 1,000), per-query medians, and db_mb.
Also ingest_cpu_s (CPU seconds, both ingest threads), index_build_s (SQLite bulk loads: the
deferred indexes built at the end, included in ingest_s), and the 1-minute load average
before and after the ingest (the machine may be shared: read ingest_s next to it).

The corpus (deterministic, seeded) is generated once into --workdir and reused; generating it
is not timed. Ingest is timed from the records file, as `newsgraph ingest records.jsonl` runs
(JSON parsing included). An SQLite database is created fresh in --workdir; a PostgreSQL
database must be empty, or given with --reset (which drops the newsgraph tables in it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from newsgraph.store import db as dbmod
from newsgraph.store import open_store
from newsgraph.store.inputs import read_records
from newsgraph.store.synthetic import ORG_KINDS, Corpus


def query_mix(c: Corpus) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(label, query, filters): fixed for a given seed. Rank 40 is the commonest news word
    (ranks below are function words, which PostgreSQL does not index)."""
    w = c.word
    top, mid, small = c.person(0), c.person(100).name, c.person(2000).name
    return [
        ("common word", w(40), {}),
        ("common word 2", w(44), {}),
        ("mid word", w(400), {}),
        ("rare word", w(3000), {}),
        ("very rare word", w(20000), {}),
        ("phrase common", f'"{w(40)} {w(42)}"', {}),
        ("phrase mid", f'"{w(46)} {w(400)}"', {}),
        ("AND two", f"{w(40)} {w(46)}", {}),
        ("AND three", f"{w(42)} {w(50)} {w(400)}", {}),
        ("OR", f"{w(600)} OR {w(900)}", {}),
        ("NOT", f"{w(40)} -{w(44)}", {}),
        ("prefix of the commonest word", w(40)[:5] + "*", {}),
        ("prefix mid", w(400)[:4] + "*", {}),
        ("common + top speaker", w(40), {"speaker": top.name}),
        ("mid + top speaker", w(400), {"speaker": top.name}),
        ("common + mid speaker", w(44), {"speaker": mid}),
        ("mid + small speaker", w(400), {"speaker": small}),
        ("common + surname", w(42), {"speaker": top.surname}),
        ("common + year", w(40), {"since": "2019-01-01", "until": "2019-12-31"}),
        ("rare + since", w(3000), {"since": "2020-01-01"}),
        ("common + site", w(42), {"site": "dailyherald.example"}),
        ("mid + org", w(400), {"org": ORG_KINDS[0].format("Korean")}),
        ("common best", w(44), {"order": "best"}),
        ("mid best", w(400), {"order": "best"}),
        ("speaker listing", None, {"speaker": mid}),
    ]


def db_size_mb(store: Any) -> float:
    if store.dialect == "sqlite":
        path = Path(store.engine.url.database)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1e6
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--db", default="sqlite", help="sqlite (a fresh file) or a database URL")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default="bench-data", help="corpus cache and SQLite file")
    ap.add_argument("--rounds", type=int, default=20, help="timed passes over the query mix")
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--reset", action="store_true", help="PostgreSQL: drop existing tables")
    ap.add_argument("--skip-ingest", action="store_true",
                    help="reuse the database from a previous run (search timings only)")
    args = ap.parse_args(argv)

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed=args.seed)
    records = work / f"synthetic-{args.quotes}-{args.seed}.jsonl"
    if not records.exists():
        t = time.perf_counter()
        tmp = records.with_suffix(".tmp")
        corpus.write_jsonl(tmp, args.quotes)
        os.replace(tmp, records)
        print(f"generated {records} in {time.perf_counter() - t:.0f}s", file=sys.stderr)

    url = f"sqlite:///{work / 'kb.db'}" if args.db == "sqlite" else args.db
    if args.db == "sqlite" and not args.skip_ingest:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work / 'kb.db'}{suffix}").unlink(missing_ok=True)
    out: dict[str, Any] = {"backend": dbmod.dialect_of(dbmod.resolve_url(url)),
                           "quotes_target": args.quotes}
    if args.db != "sqlite" and not args.skip_ingest:
        engine = dbmod.create(dbmod.resolve_url(url))
        if dbmod.current_revision(engine) is not None:
            if not args.reset:
                print("error: the database is not empty (use --reset to drop the newsgraph "
                      "tables in it)", file=sys.stderr)
                return 2
            dbmod.downgrade_to_base(engine)
        engine.dispose()

    store = open_store(url)
    if not args.skip_ingest:
        load = os.getloadavg()[0]
        t, cpu = time.perf_counter(), time.process_time()
        report = store.ingest(read_records(str(records)), batch_size=args.batch_size)
        ingest_s = time.perf_counter() - t
        cpu = time.process_time() - cpu
        t = time.perf_counter()
        store.optimize()
        out.update(records=report.records, articles=report.articles_new,
                   duplicates=report.articles_duplicate, failed=report.articles_failed,
                   quotes=report.quotes_new, quotes_merged=report.quotes_merged,
                   people=report.people_new, ingest_s=round(ingest_s, 1),
                   articles_per_s=round(report.records / ingest_s),
                   quotes_per_s=round(report.quotes_new / ingest_s),
                   optimize_s=round(time.perf_counter() - t, 1),
                   # CPU seconds of this process (both threads): less sensitive than ingest_s
                   # to other load on a shared machine; the load average says how much.
                   ingest_cpu_s=round(cpu, 1), batch_size=args.batch_size,
                   index_build_s=round(getattr(report, "index_build_s", 0.0), 1),
                   load_avg_before=round(load, 2), load_avg_after=round(os.getloadavg()[0], 2))
        t = time.perf_counter()
        with open(records, encoding="utf-8") as f:
            for line in f:
                json.loads(line)
        out["json_parse_s"] = round(time.perf_counter() - t, 1)
    else:
        st = store.stats()
        out.update(articles=st.articles, quotes=st.quotes, people=st.people)

    mix = query_mix(corpus)
    per: dict[str, list[float]] = {label: [] for label, _, _ in mix}
    totals: dict[str, str] = {}
    for rnd in range(args.rounds + 1):  # the first pass warms the caches and is not counted
        for label, q, kw in mix:
            t = time.perf_counter()
            page = store.search(q, **kw)
            ms = (time.perf_counter() - t) * 1000
            if rnd:
                per[label].append(ms)
            totals[label] = (("~" if page.total_kind == "estimate" else "") + str(page.total)
                             + ("+" if page.total_kind == "at_least" else ""))
    samples = sorted(x for v in per.values() for x in v)
    out.update(
        search_queries=len(mix), search_samples=len(samples),
        search_p50_ms=round(statistics.median(samples), 2),
        search_p95_ms=round(samples[int(0.95 * (len(samples) - 1))], 2),
        search_max_ms=round(samples[-1], 2),
        db_mb=round(db_size_mb(store)),
        queries={label: {"query": q, **kw, "median_ms": round(statistics.median(per[label]), 2),
                         "total": totals[label]} for label, q, kw in mix},
    )
    store.close()
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
