"""Web benchmark: end-to-end HTTP latency of the search, person and article pages and the
quotes API, on the synthetic knowledge base of `bench/kb.py`, for one client and for many.

    python bench/web.py                               # 1,000,000 quotes (built once, reused)
    python bench/web.py --quotes 100000               # a quicker run
    python bench/web.py --db sqlite:////tmp/kb-bench/kb.db   # an existing knowledge base
    python bench/web.py --baseline 1x40               # also the old server (1 process, 40
                                                      # threads), in the same run

The corpus (``newsgraph.store.synthetic``, seeded) is generated into --workdir and ingested
into ``web-<quotes>-<seed>.db`` there, once; later runs reuse both (building is not timed).
The server is the real one (`python -m newsgraph.cli_web serve --workers N`, read-only) in
its own process on a free port. A fixed mix of URLs is requested once to warm up; then

* serial: one keep-alive client requests the mix --rounds times, one request at a time;
* concurrent: --clients clients (threads, each with its own keep-alive connection) send
  --requests requests in all, each client going through the mix in its own shuffled order.

Every request is timed until its whole body is read. Prints JSON: per endpoint, p50/p95/max
of both runs side by side, whether the concurrent p95 is within the target (100 ms), and
the load average of the machine (it is shared) before and after.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
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


def start_server(db_url: str, port: int, workers: int,
                 threads: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli_web", "serve", "--db", db_url,
                             "--port", str(port), "--log-level", "warning",
                             "--workers", str(workers), "--threads", str(threads)])
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


Timings = dict[str, dict[str, list[float]]]  # endpoint -> label -> milliseconds


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[float, int]:
    """Milliseconds until the whole body of ``path`` is read, and its size."""
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    ms = (time.perf_counter() - t) * 1000
    if r.status != 200:
        raise SystemExit(f"{path}: HTTP {r.status}: {body[:200]!r}")
    return ms, len(body)


def run_serial(port: int, mix: dict[str, list[tuple[str, str]]], rounds: int,
               sizes: dict[str, int]) -> Timings:
    times: Timings = {e: {lb: [] for lb, _ in urls} for e, urls in mix.items()}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for rnd in range(rounds + 1):  # round 0 warms the caches, not counted
            for endpoint, urls in mix.items():
                for label, path in urls:
                    ms, size = fetch(conn, path)
                    if rnd:
                        times[endpoint][label].append(ms)
                    sizes[f"{endpoint}:{label}"] = size
    finally:
        conn.close()
    return times


def run_concurrent(port: int, mix: dict[str, list[tuple[str, str]]], clients: int,
                   requests: int, seed: int) -> tuple[Timings, float]:
    """``requests`` requests from ``clients`` concurrent clients; (timings, wall seconds)."""
    times: Timings = {e: {lb: [] for lb, _ in urls} for e, urls in mix.items()}
    flat = [(e, lb, path) for e, urls in mix.items() for lb, path in urls]
    lock = threading.Lock()
    errors: list[BaseException] = []
    start = threading.Barrier(clients + 1)

    def client(k: int) -> None:
        order = flat[:]
        random.Random(seed * 1000 + k).shuffle(order)
        n = requests // clients + (1 if k < requests % clients else 0)
        mine: list[tuple[str, str, float]] = []
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.connect()
            start.wait()
            for i in range(n):
                endpoint, label, path = order[i % len(order)]
                mine.append((endpoint, label, fetch(conn, path)[0]))
        except BaseException as exc:  # noqa: BLE001 - reported after the run
            errors.append(exc)
        finally:
            conn.close()
        with lock:
            for endpoint, label, ms in mine:
                times[endpoint][label].append(ms)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"a client failed: {errors[0]!r}")
    return times, wall


def summary(per: dict[str, list[float]]) -> dict[str, Any]:
    xs = [x for v in per.values() for x in v]
    return {"requests": len(xs), "p50_ms": round(statistics.median(xs), 1),
            "p95_ms": round(pct(xs, 0.95), 1), "max_ms": round(max(xs), 1)}


def measure(db_url: str, mix: dict[str, list[tuple[str, str]]], workers: int, threads: int,
            args: argparse.Namespace) -> dict[str, Any]:
    """Serial and concurrent runs against one server: ``workers`` processes of ``threads``."""
    port = free_port()
    server = start_server(db_url, port, workers, threads)
    sizes: dict[str, int] = {}
    try:
        serial = run_serial(port, mix, args.rounds, sizes)
        concurrent, wall = run_concurrent(port, mix, args.clients, args.requests, args.seed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out: dict[str, Any] = {
        "workers": workers,
        "threads": threads,
        "concurrent_wall_s": round(wall, 2),
        "concurrent_requests_per_s": round(args.requests / wall, 1),
        "endpoints": {}}
    for endpoint in mix:
        s_, c_ = summary(serial[endpoint]), summary(concurrent[endpoint])
        out["endpoints"][endpoint] = {
            "serial": s_, "concurrent": c_,
            "p95_concurrent_over_serial": round(c_["p95_ms"] / s_["p95_ms"], 1),
            "target_met": c_["p95_ms"] <= TARGET_P95_MS,
            "urls": {label: {"path": path,
                             "serial_median_ms": round(statistics.median(
                                 serial[endpoint][label]), 1),
                             "kb": round(sizes[f"{endpoint}:{label}"] / 1024, 1)}
                     for label, path in mix[endpoint]},
        }
    out["target_met"] = all(e["target_met"] for e in out["endpoints"].values())
    return out


def main(argv: list[str] | None = None) -> int:
    from newsgraph.cli_web import cpu_count

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default="bench-data", help="corpus and database cache")
    ap.add_argument("--db", help="an existing knowledge base (skips building)")
    ap.add_argument("--rounds", type=int, default=10, help="serial passes over the URL mix")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients")
    ap.add_argument("--requests", type=int, default=2000,
                    help="requests of the concurrent run, all clients together")
    ap.add_argument("--workers", type=int, default=cpu_count(),
                    help="server processes (serve --workers; default: the cores)")
    ap.add_argument("--threads", type=int, default=1,
                    help="requests each process works on at once (serve --threads)")
    ap.add_argument("--baseline", action="append", default=[], metavar="WORKERSxTHREADS",
                    help="also measure a server of that shape in the same run, e.g. 1x40 "
                         "(one process of 40 threads: how serve ran before); repeatable")
    args = ap.parse_args(argv)
    shapes = [(args.workers, args.threads)]
    for spec in args.baseline:
        w, _, t = spec.partition("x")
        shapes.append((int(w), int(t or 1)))

    db_url = args.db or build(Path(args.workdir), args.quotes, args.seed)
    mix = url_mix(db_url, args.seed)
    with open_store(db_url, read_only=True) as kb:
        stats = kb.stats()
    load_before = os.getloadavg()
    runs = [measure(db_url, mix, w, t, args) for w, t in shapes]
    out: dict[str, Any] = {
        "db": db_url, "articles": stats.articles, "quotes": stats.quotes,
        "people": stats.people, "cores": cpu_count(), "rounds": args.rounds,
        "clients": args.clients, "concurrent_requests": args.requests,
        "target_p95_ms": TARGET_P95_MS,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "runs": runs}
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
