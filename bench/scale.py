"""Scaling of `newsgraph extract -o DIR/`: articles/s with 1 local worker, 2 local workers and
Ray with 2 CPUs, on the same inputs in one run, and the scaling efficiency.

    python bench/scale.py [--files 8] [--articles 40] [--repeat 3] [--no-ray]

Inputs: ``--files`` WARC files of ``--articles`` generated news articles each (written to a
temporary directory; no data is copied from anywhere). The three set-ups run in turn,
``--repeat`` times, so that a shared machine's load falls on all of them alike.

Rates are over the processing window (every worker ready -> last output written);
``startup_s`` (pool start or Ray start + actors loading the pipeline) is reported apart, as
it is paid once per job. Efficiency = 2-worker rate / (2 x 1-worker rate of the same round).
Also printed: peak RSS (VmHWM) per worker, the load average, and how busy the machine's CPUs
were during each run (``/proc/stat``: all processes, ours and others'), the workers' CPU
time per article and the cores they got (CPU time / processing time): on a shared machine
these tell a lack of cores (others' load) from a real parallel overhead. Prints JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

FIRST = ["Marta", "Oskar", "Ana", "Jonas", "Priya", "Tomasz", "Ingrid", "Kwame", "Lucia",
         "Dmitri", "Aisha", "Henrik", "Mei", "Samuel", "Fatima", "Pierre", "Yuki", "Carlos"]
LAST = ["Lindqvist", "Berg", "Ruiz", "Weber", "Natarajan", "Nowak", "Olsen", "Mensah",
        "Ferrari", "Volkov", "Rahman", "Dahl", "Chen", "Okafor", "Haddad", "Laurent", "Sato"]
ROLES = ["the mayor", "a spokesperson for the ministry", "the company's chief executive",
         "a professor of economics at the university", "the union leader", "a local resident",
         "the head of the port authority", "an opposition lawmaker", "the police chief"]
PLACES = ["Visby", "Kalmar", "Rotterdam", "Gdansk", "Lyon", "Porto", "Accra", "Osaka",
          "Valparaiso", "Tallinn", "Dundee", "Bergen"]
ORGS = ["the city council", "the Ministry of Transport", "Nordic Rail", "the harbour board",
        "the European Commission", "the regional hospital", "the teachers' union"]
TOPICS = ["the new bridge", "rising rents", "the ferry strike", "a hospital merger",
          "flood defences", "the school budget", "a wind farm", "the tram extension"]
VERBS = ["said", "told reporters", "added", "warned", "said on Tuesday", "argued"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(rng: random.Random, n: int) -> tuple[str, str]:
    """(title, HTML) of a generated news article of about 350-450 words."""
    place, topic, org = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(ORGS)
    title = f"{place} divided over {topic} as {org} decides"
    paras = [f"Officials in {place} met on Monday to discuss {topic}, a plan that {org} has "
             f"debated for {rng.randint(2, 9)} years and that would cost about "
             f"{rng.randint(5, 900)} million euros, according to documents seen by this paper."]
    for _ in range(rng.randint(7, 9)):
        who, role = person(rng), rng.choice(ROLES)
        kind = rng.random()
        if kind < 0.4:
            paras.append(f"“We cannot wait another {rng.randint(2, 12)} months for {topic}; "
                         f"people in {place} deserve better than this,” {who}, {role}, "
                         f"{rng.choice(VERBS)}.")
        elif kind < 0.7:
            paras.append(f"{who}, {role}, said that {org} had ignored the concerns of "
                         f"residents and that the decision on {topic} should be delayed "
                         f"until a public inquiry had reported.")
        else:
            paras.append(f"{who} met representatives of {rng.choice(ORGS)} in "
                         f"{rng.choice(PLACES)} last week to discuss funding, and "
                         f"{rng.choice(['he', 'she'])} is expected to present a revised "
                         f"budget of {rng.randint(10, 500)} million euros in the spring.")
        paras.append(f"The proposal, which was first presented in {rng.randint(2001, 2023)}, "
                     f"would affect some {rng.randint(1, 90)},000 residents and "
                     f"{rng.randint(2, 40)} businesses along the waterfront.")
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    html = (f"<!DOCTYPE html><html><head><title>{title} | Herald {n % 17}</title>"
            f'<meta property="article:published_time" content="2024-0{n % 9 + 1}-1{n % 9}">'
            f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>\n{body}</article><footer>© Herald</footer>"
            f"</body></html>")
    return title, html


def write_inputs(root: Path, files: int, per_file: int, seed: int = 7) -> dict[str, int]:
    """``files`` WARC files of ``per_file`` articles; returns the corpus' size."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    words = size = 0
    for f in range(files):
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=True)
        for k in range(per_file):
            n = f * per_file + k
            _, html = article(rng, n)
            words += len(html.split())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                f"https://herald{n % 17}.example/news/{n}", "response",
                payload=io.BytesIO(html.encode()), http_headers=headers))
        path = root / f"CC-BENCH-{f:05d}.warc.gz"
        path.write_bytes(buf.getvalue())
        size += path.stat().st_size
    return {"files": files, "articles": files * per_file, "html_words_approx": words,
            "bytes": size}


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def measure(name: str, inputs: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    from newsgraph.jobs import JobSpec, run_job

    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    b0, t0 = cpu_times()
    report = run_job(JobSpec([str(inputs)], str(out), engine=engine, workers=workers))
    b1, t1 = cpu_times()
    rss = list(report.peak_rss_kb.values())
    return {
        "setup": name, "engine": engine, "workers": report.workers,
        "articles": report.processed_documents,
        "failed": report.failed_documents,
        "startup_s": round(report.startup_s, 2),
        "process_s": round(report.process_s, 2),
        "articles_per_s": round(report.processed_documents / report.process_s, 2),
        "wall_articles_per_s": round(report.processed_documents / report.wall_s, 2),
        "cpu_s_per_article": round(report.cpu_s / max(1, report.processed_documents), 4),
        "cores_used": round(report.cpu_s / report.process_s, 2),
        "peak_rss_mb_per_worker": round(max(rss) / 1024, 1) if rss else None,
        "loadavg_1m_before": round(load, 2),
        "machine_cpu_busy": round((b1 - b0) / max(1, t1 - t0), 3),
    }


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.jsonl"))
            if not p.name.startswith("_")}


def summarise(runs: list[dict[str, Any]], setup: str) -> dict[str, Any]:
    mine = [r for r in runs if r["setup"] == setup]
    rates = [r["articles_per_s"] for r in mine]
    return {
        "articles_per_s": round(statistics.median(rates), 2),
        "range": [min(rates), max(rates)],
        "startup_s": round(statistics.median(r["startup_s"] for r in mine), 2),
        "cpu_s_per_article": round(statistics.median(r["cpu_s_per_article"] for r in mine), 4),
        "cores_used": round(statistics.median(r["cores_used"] for r in mine), 2),
        "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"] or 0 for r in mine),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=8, help="input WARC files")
    ap.add_argument("--articles", type=int, default=40, help="articles per file")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the three set-ups")
    ap.add_argument("--no-ray", action="store_true", help="skip the Ray measurement")
    args = ap.parse_args()

    from newsgraph import nlp as nlp_mod

    nlp_mod.load()  # the 1-worker run then starts as warm as the forked pool
    setups = [("local_1", "local", 1), ("local_2", "local", 2)]
    ray = None
    if not args.no_ray:
        try:
            import ray
        except ImportError:
            print("bench/scale.py: Ray is not installed; skipping it", file=sys.stderr)
        else:
            setups.append(("ray_2", "ray", 2))
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-scale-"))
    try:
        (tmp / "in").mkdir()
        corpus = write_inputs(tmp / "in", args.files, args.articles)
        load_before = os.getloadavg()
        runs: list[dict[str, Any]] = []
        same = True
        for rnd in range(args.repeat):
            first: dict[str, bytes] | None = None
            for name, engine, workers in setups:
                if engine == "ray":  # a local instance with 2 CPUs, not timed
                    ray.init(num_cpus=workers, include_dashboard=False,
                             object_store_memory=128 << 20, logging_level="warning")
                try:
                    run = measure(name, tmp / "in", tmp / name, engine, workers)
                finally:
                    if engine == "ray":
                        ray.shutdown()
                run["round"] = rnd
                runs.append(run)
                print(json.dumps(run), file=sys.stderr)
                got = outputs(tmp / name)
                first = first if first is not None else got
                same = same and got == first
        result: dict[str, Any] = {
            "inputs": corpus,
            "machine": {"cpus": os.cpu_count(), "loadavg_before": load_before,
                        "loadavg_after": os.getloadavg()},
            "runs": runs,
        }
        for name, _, _ in setups:
            result[name] = summarise(runs, name)
        eff: dict[str, Any] = {}
        for name, label in (("local_2", "local"), ("ray_2", "ray")):
            per_round = [
                round(b["articles_per_s"] / (2 * a["articles_per_s"]), 3)
                for a in runs if a["setup"] == "local_1"
                for b in runs if b["setup"] == name and b["round"] == a["round"]
            ]
            if per_round:
                eff[label] = statistics.median(per_round)
                eff[f"{label}_per_round"] = per_round
                # CPU time per article, 1 worker vs 2: below 1 is a real parallel overhead;
                # near 1 with a low efficiency means the cores were busy with other work.
                eff[f"{label}_cpu_per_article_ratio"] = round(
                    result["local_1"]["cpu_s_per_article"] / result[name]["cpu_s_per_article"],
                    3)
        result["efficiency"] = eff
        result["targets"] = {"local": 0.8, "ray": 0.7}
        result["same_records_in_every_setup"] = same
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
