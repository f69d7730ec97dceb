"""`newsgraph extract` and `ingest` on inputs a careless or hostile user gives: special files
(FIFOs, sockets, devices), file names that are not UTF-8, named inputs that hold nothing,
outputs that cannot be written. Real files, the real CLI in a subprocess."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.test_cli_extract import ARTICLE

HANG = 180  # seconds: a run that takes this long is stuck (a normal one takes a few)


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``newsgraph ARGS`` with a timeout: an input that blocks fails the test, not the suite."""
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], input=stdin,
                          capture_output=True, timeout=HANG)


def by_path(out: bytes) -> dict[str, dict]:
    recs = [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]
    return {r["source"]["path"]: r for r in recs}


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> str:
    stderr = proc.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    return stderr


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.html"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- special files ---------------------------------------------------------------------------


def test_special_files_are_refused_without_being_opened(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "f.html"
    os.mkfifo(fifo)  # nobody writes to it: open() would block for ever
    walked = tmp_path / "in"
    walked.mkdir()
    os.mkfifo(walked / "g.html")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(walked / "s.html"))
    try:
        proc = cli("extract", str(fifo), "/dev/zero", str(walked), "-", str(good),
                   stdin=ARTICLE.encode())
    finally:
        sock.close()
    stderr = no_traceback(proc)
    assert proc.returncode == 1, stderr
    recs = by_path(proc.stdout)
    for path, kind in ((str(fifo), "FIFO"), ("/dev/zero", "character device"),
                       (str(walked / "g.html"), "FIFO"), (str(walked / "s.html"), "socket")):
        assert recs[path]["text"] is None
        assert recs[path]["errors"] == [f"{path}: not a regular file: {kind}"]
        assert f"{path}: not a regular file: {kind}" in stderr
    assert "ferry" in recs["-"]["text"] and "ferry" in recs[str(good)]["text"]


def test_ingest_refuses_a_fifo_and_stores_the_rest(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "pages.jsonl"
    os.mkfifo(fifo)
    db = f"sqlite:///{tmp_path}/kb.db"
    proc = cli("ingest", str(fifo), str(good), "--db", db, "--json")
    stderr = no_traceback(proc)
    assert proc.returncode == 1, stderr
    assert f"{fifo}: not a regular file: FIFO" in stderr
    report = json.loads(proc.stdout)
    assert (report["articles_new"], report["articles_failed"]) == (1, 1)


# -- named inputs that yield nothing ---------------------------------------------------------


def requests_only_warc(path: Path) -> None:
    """A WARC holding a request record and nothing to extract."""
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        w.write_record(w.create_warc_record("https://example.org/", "request",
                                            payload=io.BytesIO(b""), http_headers=http))


def test_named_inputs_that_yield_nothing_say_so(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    loop = tmp_path / "loop"  # only a symlink to itself (not followed)
    loop.mkdir()
    (loop / "self").symlink_to(loop)
    selfish = tmp_path / "selfish"  # only a symlink that loops on itself (the walk crashed)
    selfish.mkdir()
    (selfish / "self.html").symlink_to("self.html")
    named = tmp_path / "x.html"  # a directory with a page's name
    named.mkdir()
    warc = tmp_path / "requests.warc"
    requests_only_warc(warc)
    proc = cli("extract", str(empty), str(loop), str(selfish), str(named), str(warc), str(good))
    stderr = no_traceback(proc)
    assert proc.returncode == 1, stderr
    recs = by_path(proc.stdout)
    expected = {
        empty: "no input files in this directory (it is empty)",
        loop: "no input files in this directory (skipped: symlinked directory (not followed): 1)",
        named: "no input files in this directory (it is empty)",
        warc: "no documents in this file (skipped: WARC request record: 1)",
        selfish / "self.html": "too many levels of symbolic links",
    }
    for path, message in expected.items():
        line = f"{path}: {message}"
        assert recs[str(path)]["text"] is None and recs[str(path)]["errors"] == [line]
        assert stderr.count(line) == 1, stderr
    assert recs[str(good)]["text"]
    assert "1 of 6 documents processed, 5 failed" in stderr


def test_ingest_of_an_empty_directory_says_so(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = cli("ingest", str(empty), str(good), "--db", f"sqlite:///{tmp_path}/kb.db", "--json")
    stderr = no_traceback(proc)
    assert proc.returncode == 1, stderr
    assert f"{empty}: no input files in this directory (it is empty)" in stderr
    report = json.loads(proc.stdout)
    assert (report["articles_new"], report["articles_failed"]) == (1, 1)


def test_an_empty_directory_named_to_a_job_says_so(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = cli("extract", str(empty), str(good), "-o", f"{tmp_path}/out/", "--quiet")
    stderr = no_traceback(proc)
    assert proc.returncode == 1, stderr
    assert stderr.strip() == f"newsgraph: error: {empty}: no input files in this directory"
    assert (tmp_path / "out" / "good.html.jsonl").stat().st_size > 0


# -- file names that are not UTF-8 -----------------------------------------------------------


def test_file_names_that_are_not_utf8(tmp_path: Path, good: Path) -> None:
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/odd\xff.html")
    with open(odd, "w", encoding="utf-8") as f:
        f.write(ARTICLE.replace("island ferry", "odd island ferry"))
    shown = f"{tmp_path}/odd\\xff.html"  # the undecodable byte as \xff

    out = tmp_path / "out.jsonl"
    proc = cli("extract", odd, str(good), "-o", str(out))
    assert proc.returncode == 0, no_traceback(proc)
    recs = by_path(out.read_bytes())  # decodes as UTF-8
    assert set(recs) == {shown, str(good)}
    assert "odd island ferry" in recs[shown]["text"]

    proc = cli("extract", odd, str(good), "--quiet")
    assert proc.returncode == 0, no_traceback(proc)
    assert by_path(proc.stdout) == recs  # stdout is UTF-8 too

    for _ in range(2):  # a job, run again: the manifest keeps the name that opens the file
        proc = cli("extract", odd, str(good), "-o", f"{tmp_path}/job/")
        assert proc.returncode == 0, no_traceback(proc)
    assert "2 already complete" in proc.stderr.decode()
    (tmp_path / "job" / "_manifest.jsonl").read_text(encoding="utf-8")


# -- outputs that cannot be written ----------------------------------------------------------


@pytest.mark.parametrize("target,reason", [
    ("missing/dir/out.jsonl", "directory {tmp}/missing/dir does not exist"),
    ("good.html/out.jsonl", "not a directory"),
    ("/proc/version", ""),  # root may open it, but the write fails; others may not open it
])
def test_an_output_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, good: Path, target: str, reason: str
) -> None:
    path = target if target.startswith("/") else f"{tmp_path}/{target}"
    proc = cli("extract", str(good), "-o", path)
    stderr = no_traceback(proc)
    assert proc.returncode == 2, stderr
    [line] = stderr.splitlines()
    assert line.startswith(f"newsgraph: error: cannot write {path}: ")
    assert reason.format(tmp=tmp_path) in line
