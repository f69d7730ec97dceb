"""Web benchmark: end-to-end HTTP latency of the search, person and article pages and the
quotes API, on the synthetic knowledge base of `bench/kb.py`.

    python bench/web.py                               # 1,000,000 quotes (built once, reused)
    python bench/web.py --quotes 100000               # a quicker run
    python bench/web.py --db sqlite:////tmp/kb-bench/kb.db   # an existing knowledge base

The corpus (``newsgraph.store.synthetic``, seeded) is generated into --workdir and ingested
into ``web-<quotes>-<seed>.db`` there, once; later runs reuse both (building is not timed).
The server is the real one (`python -m newsgraph.cli_web serve`, read-only) in its own
process on a free port; requests go over HTTP with one keep-alive client, one at a time.
A fixed mix of URLs is requested once to warm up, then --rounds times; every request is
timed until its whole body is read. Prints JSON: p50/p95/max per endpoint, per-URL medians,
and whether each p95 is within the target (100 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from newsgraph.store import open_store
from newsgraph.store.synthetic import ORG_KINDS, Corpus

TARGET_P95_MS = 100.0


def build(work: Path, n_quotes: int, seed: int) -> str:
    """The synthetic knowledge base for ``n_quotes`` (generated and ingested if missing)."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"web-{n_quotes}-{seed}.db"
    done = db.with_suffix(".done")
    url = f"sqlite:///{db}"
    if db.exists() and done.exists():
        return url
    records = work / f"synthetic-{n_quotes}-{seed}.jsonl"
    if not records.exists():
        t = time.perf_counter()
        tmp = records.with_suffix(".tmp")
        Corpus(seed=seed).write_jsonl(tmp, n_quotes)
        os.replace(tmp, records)
        print(f"generated {records} in {time.perf_counter() - t:.0f}s", file=sys.stderr)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    from newsgraph.store.inputs import read_records

    t = time.perf_counter()
    with open_store(url) as kb:
        kb.ingest(read_records(str(records)))
        kb.optimize()
    done.write_text("ok\n")
    print(f"ingested {records} into {db} in {time.perf_counter() - t:.0f}s", file=sys.stderr)
    return url


def url_mix(db_url: str, seed: int) -> dict[str, list[tuple[str, str]]]:
    """endpoint -> [(label, path)], fixed for a given knowledge base and seed."""
    c = Corpus(seed=seed)
    w = c.word
    with open_store(db_url, read_only=True) as kb:
        slugs = []
        for rank in (0, 10, 100, 1000, 5000):
            found = kb.find_people(c.person(rank).name, limit=1)
            if found:
                slugs.append((f"person rank {rank}", found[0].slug))
        article_ids = [(f"newest {i}", a.id) for i, a in enumerate(kb.articles(limit=3))]
        for label, q in (("common", w(40)), ("mid", w(400)), ("rare", w(3000))):
            hits = kb.search(q, limit=3).hits
            article_ids += [(f"{label} hit {i}", h.article_id) for i, h in enumerate(hits)]
        top = c.person(0)
    searches: list[tuple[str, dict[str, Any]]] = [
        ("common word", {"q": w(40)}),
        ("mid word", {"q": w(400)}),
        ("rare word", {"q": w(3000)}),
        ("phrase", {"q": f'"{w(40)} {w(42)}"'}),
        ("AND two", {"q": f"{w(40)} {w(46)}"}),
        ("OR", {"q": f"{w(600)} OR {w(900)}"}),
        ("NOT", {"q": f"{w(40)} -{w(44)}"}),
        ("prefix mid", {"q": w(400)[:4] + "*"}),
        ("common + top speaker", {"q": w(40), "person": top.name}),
        ("common + surname", {"q": w(42), "person": top.surname}),
        ("common + year", {"q": w(40), "since": "2019-01-01", "until": "2019-12-31"}),
        ("common + site", {"q": w(42), "site": "dailyherald.example"}),
        ("mid + org", {"q": w(400), "org": ORG_KINDS[0].format("Korean")}),
        ("mid best", {"q": w(400), "order": "best"}),
        ("common page 5", {"q": w(40), "page": 5}),
        ("speaker listing", {"person": c.person(100).name}),
        ("latest (no query)", {}),
    ]

    def api(params: dict[str, Any]) -> dict[str, Any]:
        p = dict(params)
        page = p.pop("page", 1)
        if page > 1:
            p["offset"] = (page - 1) * 20
        return p

    return {
        "search_page": [(lb, "/search?" + urlencode(p)) for lb, p in searches],
        "quotes_api": [(lb, "/api/quotes?" + urlencode(api(p))) for lb, p in searches],
        "person_page": [(lb, "/person/" + quote(s, safe="")) for lb, s in slugs]
        + [(f"{slugs[0][0]} page 3", "/person/" + quote(slugs[0][1], safe="") + "?page=3")],
        "article_page": [(lb, "/article/" + quote(a, safe="")) for lb, a in article_ids],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli_web", "serve", "--db", db_url,
                             "--port", str(port), "--log-level", "warning"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("the server did not start within 60 s")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * (len(xs) - 1) + 0.5))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default="bench-data", help="corpus and database cache")
    ap.add_argument("--db", help="an existing knowledge base (skips building)")
    ap.add_argument("--rounds", type=int, default=10, help="timed passes over the URL mix")
    args = ap.parse_args(argv)

    db_url = args.db or build(Path(args.workdir), args.quotes, args.seed)
    mix = url_mix(db_url, args.seed)
    with open_store(db_url, read_only=True) as kb:
        stats = kb.stats()
    port = free_port()
    server = start_server(db_url, port)
    times: dict[str, dict[str, list[float]]] = {e: {lb: [] for lb, _ in urls}
                                                for e, urls in mix.items()}
    sizes: dict[str, int] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for rnd in range(args.rounds + 1):  # round 0 warms the caches, not counted
                for endpoint, urls in mix.items():
                    for label, path in urls:
                        t = time.perf_counter()
                        r = client.get(path)
                        body = r.read()
                        ms = (time.perf_counter() - t) * 1000
                        if r.status_code != 200:
                            raise SystemExit(f"{path}: HTTP {r.status_code}: {body[:200]!r}")
                        if rnd:
                            times[endpoint][label].append(ms)
                        sizes[f"{endpoint}:{label}"] = len(body)
    finally:
        server.terminate()
        server.wait(timeout=30)

    out: dict[str, Any] = {"db": db_url, "articles": stats.articles, "quotes": stats.quotes,
                           "people": stats.people, "rounds": args.rounds,
                           "target_p95_ms": TARGET_P95_MS, "endpoints": {}}
    for endpoint, per in times.items():
        xs = [x for v in per.values() for x in v]
        out["endpoints"][endpoint] = {
            "requests": len(xs), "p50_ms": round(statistics.median(xs), 1),
            "p95_ms": round(pct(xs, 0.95), 1), "max_ms": round(max(xs), 1),
            "target_met": pct(xs, 0.95) <= TARGET_P95_MS,
            "urls": {label: {"path": path, "median_ms": round(statistics.median(per[label]), 1),
                             "kb": round(sizes[f"{endpoint}:{label}"] / 1024, 1)}
                     for label, path in mix[endpoint]},
        }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
