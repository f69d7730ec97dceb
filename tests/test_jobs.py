"""Resumable jobs (`newsgraph extract -o DIR/`): one output per input, the manifest, resume
after SIGKILL, the local process pool, Parquet, remote (http) inputs."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.jobs import MANIFEST, JobError, JobSpec, Manifest, read_records, run_job
from newsgraph.jobs.atomic import remove_stale_temps, temp_path
from newsgraph.jobs.plan import expand_inputs, output_names, plan
from newsgraph.pipeline import Options

PEOPLE = [
    ("Marta Lindqvist", "the ferry captain"), ("Oskar Berg", "the harbour master"),
    ("Ana Ruiz", "the mayor"), ("Jonas Weber", "a union leader"),
    ("Priya Natarajan", "an economist at Lund University"), ("Tomasz Nowak", "a bridge engineer"),
]  # fmt: skip
TOWNS = ["Visby", "Kalmar", "Ystad", "Karlskrona", "Halmstad"]


# ------------------------------------------------------------------------- the corpus


def article_text(n: int) -> tuple[str, list[str]]:
    """A short news article (title, paragraphs) that varies with ``n``."""
    name, role = PEOPLE[n % len(PEOPLE)]
    other, _ = PEOPLE[(n + 2) % len(PEOPLE)]
    town = TOWNS[n % len(TOWNS)]
    title = f"{town} council approves harbour plan number {n}"
    paras = [
        f"The council in {town} approved a plan on Tuesday to rebuild the old harbour, after "
        f"months of debate over its cost of {n + 3} million crowns.",
        f"“We have waited {n % 7 + 2} years for this, and the town deserves a working "
        f"harbour,” said {name}, {role}.",
        f"{other} said the council had ignored the concerns of local fishermen, and that the "
        f"works would close the northern quay for most of the summer.",
        f"{name.split()[-1]} added that the first ships would dock in {town} next spring.",
    ]
    return title, paras


def article_html(n: int) -> bytes:
    title, paras = article_text(n)
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Coast Herald</title>"
        f'<meta property="article:published_time" content="2024-05-0{n % 9 + 1}T08:00:00Z">'
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>\n{body}</article><footer>© Coast Herald</footer>"
        f"</body></html>"
    ).encode()


def article_wet_text(n: int) -> str:
    title, paras = article_text(n)
    return "\n".join(["Skip to content", "Menu", title, *paras, "Share this article"]) + "\n"


def write_warc(path: Path, first: int, count: int, wet: bool = False) -> None:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(w.create_warcinfo_record(path.name, {"software": "newsgraph tests"}))
    for n in range(first, first + count):
        url = f"https://herald{n % 3}.example/news/{n}"
        if wet:
            body = article_wet_text(n).encode()
            rec = w.create_warc_record(url, "conversion", payload=io.BytesIO(body),
                                       warc_content_type="text/plain", length=len(body))
        else:
            http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                            protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(article_html(n)),
                                       http_headers=http_headers)
        w.write_record(rec)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def write_corpus(root: Path) -> list[str]:
    """Seven inputs: WARC, WET, HTML and text files, one of them bad; returns the two
    directories that hold them."""
    write_warc(root / "crawl" / "CC-0001.warc.gz", 0, 4)
    write_warc(root / "crawl" / "CC-0002.warc.gz", 10, 3)
    write_warc(root / "crawl" / "CC-0001.warc.wet.gz", 20, 3, wet=True)
    pages = root / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "a.html").write_bytes(article_html(30))
    (pages / "a.txt").write_text(article_wet_text(31), encoding="utf-8")
    (pages / "deep").mkdir(exist_ok=True)
    (pages / "deep" / "b.html").write_bytes(article_html(32))
    (pages / "binary.html").write_bytes(bytes(range(256)) * 16)  # one error record
    return [str(root / "crawl"), str(pages)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_corpus(tmp_path_factory.mktemp("in"))


def outputs(out_dir: Path) -> dict[str, bytes]:
    """Output files (not the manifest, lock or temporary files) by name."""
    return {
        str(p.relative_to(out_dir)): p.read_bytes()
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and not p.name.startswith((".", "_"))
    }


def single_process_lines(path: str, options: Options = Options()) -> list[str]:
    """An input's records from the plain library path, one process, a fresh Extractor."""
    from newsgraph.pipeline import Extractor, process_input
    from newsgraph.read import iter_pages

    return [r.to_json() for r in process_input(Extractor(options), iter_pages([path]))]


# ------------------------------------------------------------------- planning (no NLP)


def test_output_names_keep_structure_and_stay_unique(tmp_path: Path):
    files = [str(tmp_path / "c" / "a.html"), str(tmp_path / "c" / "a.txt"),
             str(tmp_path / "c" / "d" / "a.html"), "https://cc.example/x/CC-1.warc.wet.gz"]
    names = output_names(files, ".jsonl")
    assert len(set(names.values())) == 4
    local = output_names(files[:3], ".jsonl")
    assert local == {files[0]: "a.html.jsonl", files[1]: "a.txt.jsonl",
                     files[2]: "d/a.html.jsonl"}
    assert output_names(files[:3], ".jsonl") == local  # stable
    urls = ["https://h/p/q/f.wet.gz", "https://h/p/r/g.wet.gz"]
    assert output_names(urls, ".parquet") == {urls[0]: "q/f.wet.gz.parquet",
                                              urls[1]: "r/g.wet.gz.parquet"}


def test_walk_skips_hidden_unknown_duplicates_and_the_output_dir(tmp_path: Path):
    (tmp_path / "in" / "out").mkdir(parents=True)
    for name in ("b.html", "a.warc.gz", ".hidden.html", "notes.pdf", "out/x.jsonl"):
        (tmp_path / "in" / name).write_text("x")
    found = expand_inputs([str(tmp_path / "in"), str(tmp_path / "in" / "b.html")],
                          exclude=str(tmp_path / "in" / "out"))
    assert [Path(f).name for f in found] == ["a.warc.gz", "b.html"]
    tasks = plan([str(tmp_path / "in")], str(tmp_path / "in" / "out"), None, "jsonl")
    assert [t.output for t in tasks] == ["a.warc.gz.jsonl", "b.html.jsonl"]
    assert all(t.stamp and t.stamp["size"] == 1 for t in tasks)
    (tmp_path / "in" / "loop.html").symlink_to("loop.html")  # the walk raised ELOOP
    assert [Path(f).name for f in expand_inputs([str(tmp_path / "in")])] == [
        "a.warc.gz", "b.html", "loop.html", "x.jsonl"]  # read, it gets its error


def test_stale_temporary_files_are_removed_and_others_kept(tmp_path: Path):
    final = tmp_path / "sub" / "a.html.jsonl"
    final.parent.mkdir()
    stale = temp_path(final)
    stale.write_text("partial")
    keep = tmp_path / "sub" / ".keep.tmp"
    keep.write_text("not ours")
    assert remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and keep.exists()


def test_manifest_ignores_a_torn_line(tmp_path: Path):
    good = {"input": "a.html", "status": "done"}
    (tmp_path / MANIFEST).write_text(json.dumps(good) + "\n" + '{"input": "b.ht')
    m = Manifest(tmp_path)
    assert list(m.entries) == ["a.html"]
    m.compact()
    assert (tmp_path / MANIFEST).read_text() == json.dumps(good) + "\n"


# ----------------------------------------------------------------- jobs (the real pipeline)


@pytest.fixture(scope="module")
def single(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus through a job with one worker (in this process)."""
    out = tmp_path_factory.mktemp("single")
    report = run_job(JobSpec(corpus, str(out), workers=1))
    assert report.inputs == 7 and report.processed == 7 and report.failed_inputs == 0
    assert report.failed_documents == 1  # binary.html
    return out


def test_each_input_gives_the_records_of_a_single_process(corpus: list[str], single: Path):
    entries = Manifest(single).entries
    assert sorted(e["output"] for e in entries.values()) == sorted(outputs(single))
    for inp, e in entries.items():
        got = (single / e["output"]).read_text(encoding="utf-8").splitlines()
        assert got == single_process_lines(inp), inp
        assert e["records"] == len(got) and e["status"] == "done"
    assert {Path(e["output"]).parent.name for e in entries.values()} >= {"crawl", "pages", "deep"}


def test_two_local_workers_write_the_same_bytes(corpus: list[str], single: Path, tmp_path: Path):
    report = run_job(JobSpec(corpus, str(tmp_path), workers=2))
    assert report.workers == 2 and report.processed == 7
    assert len(report.peak_rss_kb) == 2 and all(kb > 0 for kb in report.peak_rss_kb.values())
    assert outputs(tmp_path) == outputs(single)


def test_parquet_outputs_read_back_as_the_same_records(
    corpus: list[str], single: Path, tmp_path: Path
):
    import pyarrow.dataset as ds

    run_job(JobSpec(corpus, str(tmp_path), workers=1, output_format="parquet"))
    jsonl = outputs(single)
    parquet = outputs(tmp_path)
    assert sorted(parquet) == sorted(n.removesuffix(".jsonl") + ".parquet" for n in jsonl)
    for name, data in jsonl.items():
        back = [r.to_json() for r in read_records(tmp_path / (name[:-6] + ".parquet"))]
        assert back == data.decode().splitlines(), name
    table = ds.dataset(str(tmp_path), format="parquet").to_table()  # skips _manifest, .lock
    assert table.num_rows == sum(len(d.splitlines()) for d in jsonl.values())
    assert table.schema.field("quotes").type.value_type.field("speaker").type.num_fields == 3


def test_rerun_redoes_only_changed_inputs_and_options(corpus: list[str], tmp_path: Path):
    src = tmp_path / "in"
    inputs = write_corpus(src)
    out = tmp_path / "out"
    first = run_job(JobSpec(inputs, str(out), workers=1))
    assert first.processed == 7
    again = run_job(JobSpec(inputs, str(out), workers=1))
    assert (again.processed, again.skipped, again.documents) == (0, 7, first.documents)
    (src / "pages" / "a.html").write_bytes(article_html(42))  # changed input
    (out / "pages" / "a.txt.jsonl").unlink()  # lost output
    third = run_job(JobSpec(inputs, str(out), workers=1))
    assert (third.processed, third.skipped) == (2, 5)
    assert "Ystad" in (out / "pages" / "a.html.jsonl").read_text()
    changed = run_job(JobSpec(inputs, str(out), Options(published="2024-06-01"), workers=1))
    assert changed.processed == 7  # an option that shapes records: everything again
    forced = run_job(JobSpec(inputs, str(out), Options(published="2024-06-01"), workers=1,
                             force=True))
    assert forced.processed == 7


def test_a_dead_worker_fails_its_input_alone_and_a_rerun_retries_it(
    corpus: list[str], single: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import multiprocessing

    from newsgraph.jobs import local

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is injected into forked workers")
    real = local.run_task

    def crashing(extractor, task):  # the pool forks after this patch: workers inherit it
        if task.input.endswith("a.txt"):
            os._exit(3)
        return real(extractor, task)

    monkeypatch.setattr(local, "run_task", crashing)
    report = run_job(JobSpec(corpus, str(tmp_path), workers=2))
    assert 1 <= report.failed_inputs <= 2  # a.txt, and whatever ran beside it
    assert report.processed + report.failed_inputs == 7
    failed = [e for e in Manifest(tmp_path).entries.values() if e["status"] == "failed"]
    assert any(e["input"].endswith("a.txt") for e in failed)
    assert all("worker process died" in e["error"] for e in failed)
    monkeypatch.setattr(local, "run_task", real)
    again = run_job(JobSpec(corpus, str(tmp_path), workers=2))
    assert (again.processed, again.skipped) == (report.failed_inputs, report.processed)
    assert outputs(tmp_path) == outputs(single)


def test_one_job_per_output_directory(corpus: list[str], tmp_path: Path):
    import fcntl

    with open(tmp_path / ".newsgraph.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        with pytest.raises(JobError, match="another job"):
            run_job(JobSpec(corpus, str(tmp_path), workers=1))


@pytest.fixture
def http_root(corpus: list[str]):
    """A loopback HTTP server over the corpus directory."""
    root = Path(corpus[0]).parent
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_inputs_are_fetched_and_named_by_url(
    corpus: list[str], single: Path, tmp_path: Path, http_root: str
):
    urls = [f"{http_root}/crawl/CC-0001.warc.gz", f"{http_root}/pages/a.html",
            f"{http_root}/pages/missing.html"]
    report = run_job(JobSpec(urls, str(tmp_path), workers=1))
    assert (report.processed, report.failed_inputs) == (2, 1)
    entries = Manifest(tmp_path).entries
    assert "HTTP 404" in entries[urls[2]]["error"]
    for url, local in ((urls[0], "crawl/CC-0001.warc.gz.jsonl"), (urls[1], "pages/a.html.jsonl")):
        got = [json.loads(x) for x in (tmp_path / entries[url]["output"]).read_text().splitlines()]
        want = [json.loads(x) for x in (single / local).read_text().splitlines()]
        assert {r["source"]["path"] for r in got} == {url}
        for r in got + want:
            r["source"]["path"] = None
        assert got == want


# -------------------------------------------------------------------- the CLI, SIGKILL


def cli(*args: str, **kw) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newsgraph", "extract", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_cli_directory_output_summary_and_exit_status(corpus: list[str], single: Path,
                                                      tmp_path: Path):
    proc = cli(*corpus, "-o", f"{tmp_path}/", "--workers", "1")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()  # binary.html failed
    assert "binary.html" in err.decode()
    assert "7 inputs: 7 processed, 0 already complete, 0 failed; 14 documents, 1 failed" in \
        err.decode()
    assert outputs(tmp_path) == outputs(single)
    for args, message in (
        (["--engine", "ray", "-o", str(tmp_path / "f.jsonl")], "--engine ray needs"),
        (["--output-format", "parquet"], "--output-format parquet needs"),
        (["--output-format", "csv", "-o", f"{tmp_path}/"], "--output-format must be"),
        (["-", "-o", f"{tmp_path}/"], "stdin"),
    ):
        proc = cli(*corpus, *args)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 2 and message in err.decode(), err.decode()


def test_sigkill_part_way_then_rerun_gives_the_uninterrupted_outputs(tmp_path: Path):
    src = tmp_path / "in"
    for k in range(8):
        write_warc(src / f"CC-{k:04d}.warc.gz", 100 + 3 * k, 3)
    ref = tmp_path / "ref"
    run_job(JobSpec([str(src)], str(ref), workers=1))

    out = tmp_path / "out"
    proc = cli(str(src), "-o", f"{out}/", "--workers", "1", "--quiet")
    manifest = out / MANIFEST
    deadline = time.monotonic() + 240
    while not (manifest.exists() and manifest.read_text().count("\n") >= 1):
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = Manifest(out).entries
    assert 1 <= len(finished) < 8, "the job ended before it could be killed part-way"
    for name, data in outputs(out).items():  # whatever is there is whole
        assert data == (ref / name).read_bytes(), name
    before = {i: ((out / e["output"]).stat().st_ino, e["completed"]) for i, e in finished.items()}

    proc = cli(str(src), "-o", f"{out}/", "--workers", "1")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert f"{8 - len(finished)} processed, {len(finished)} already complete" in err.decode()
    after = Manifest(out).entries
    for i, (inode, completed) in before.items():  # not redone: same file, same entry
        assert ((out / after[i]["output"]).stat().st_ino, after[i]["completed"]) == \
            (inode, completed)
    assert outputs(out) == outputs(ref)
    assert not [p for p in out.rglob("*.ngtmp")]
    strip = ("completed", "seconds", "worker")
    assert [{k: v for k, v in e.items() if k not in strip} for e in after.values()] == \
        [{k: v for k, v in e.items() if k not in strip} for e in Manifest(ref).entries.values()]


def test_the_ray_engine_without_ray_says_how_to_install_it(
    corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(JobError, match=r"pip install 'newsgraph\[ray\]'"):
        run_job(JobSpec(corpus, str(tmp_path), engine="ray"))
