"""Extraction on request through a real HTTP server (uvicorn on a free port, in a thread):
every extraction is bounded by size and time, and none outlives its client.

The queue tests run a stand-in extractor in the worker process (``slow_job``: it answers
"quick" jobs at once and works on any other until stopped, and logs each job it starts), so
that what they check (the worker stopped, a queued job never started) does not depend on
how long a real extraction takes. The real pipeline is tested the same way through
``newsgraph serve`` at the end.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from test_web_support import (
    JOBS_LOG_ENV,
    build_kb,
    free_port,
    post_and_stay,
    raw_extractor_available,
    serve,
    slow_job,
    unavailable_job,
    wait_for,
)

from newsgraph.web import create_app
from newsgraph.web.extraction import Extraction
from newsgraph.web.limits import Limits

Start = Callable[..., tuple[str, Extraction]]


@pytest.fixture(scope="module")
def kb_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_kb(tmp_path_factory.mktemp("extractkb") / "kb.db", golden=False,
                    synthetic_quotes=20)


@pytest.fixture()
def jobs_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "jobs.log"
    log.write_text("")
    monkeypatch.setenv(JOBS_LOG_ENV, str(log))  # the worker process inherits it
    return log


@pytest.fixture()
def start(kb_url: str, jobs_log: Path) -> Iterator[Start]:
    """Start a server whose extractor runs ``work`` under ``limits``; stopped after the test."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def run(limits: Limits = Limits(), work: Any = slow_job) -> tuple[str, Extraction]:
        extraction = Extraction(limits, work=work, warm=None)
        app = create_app(kb_url, limits=limits, extraction=extraction)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        wait_for(lambda: server.started, "the server to start")
        return f"http://127.0.0.1:{port}", extraction

    yield run
    for server, thread in servers:
        server.should_exit = True
        thread.join(30)


def _jobs(log: Path) -> list[str]:
    return log.read_text().splitlines()


def _quick(base: str, text: str) -> httpx.Response:
    return httpx.post(base + "/api/extract", content=text.encode(),
                      headers={"content-type": "text/plain"}, timeout=120)


def test_a_client_that_leaves_stops_its_extraction(start: Start, jobs_log: Path) -> None:
    base, ex = start()
    conn = post_and_stay(base, "/api/extract", b"slow A")
    wait_for(lambda: ex.counts["started"] == 1, "the extraction to start")
    conn.close()  # the client leaves
    wait_for(lambda: ex.counts["stopped"] == 1, "the extraction to be stopped")
    r = _quick(base, "quick B")  # served: the worker is no longer busy with A
    assert r.status_code == 200 and r.json()["text"] == "quick B"
    assert _jobs(jobs_log) == ["slow A", "quick B"]
    assert ex.counts["workers"] == 2  # A's worker was killed and replaced
    assert ex.counts["finished"] == 1


def test_a_queued_request_whose_client_left_never_runs(start: Start, jobs_log: Path) -> None:
    base, ex = start()
    first = post_and_stay(base, "/api/extract", b"slow A")
    wait_for(lambda: ex.counts["started"] == 1, "the first extraction to start")
    second = post_and_stay(base, "/api/extract", b"slow B")
    wait_for(lambda: ex.queued == 2, "the second request to wait its turn")
    second.close()
    wait_for(lambda: ex.counts["dropped"] == 1, "the waiting request to be dropped")
    assert ex.queued == 1
    first.close()
    wait_for(lambda: ex.counts["stopped"] == 1, "the first extraction to be stopped")
    r = _quick(base, "quick C")
    assert r.status_code == 200 and r.json()["text"] == "quick C"
    assert _jobs(jobs_log) == ["slow A", "quick C"]  # B never started


def test_an_extraction_over_the_time_limit_is_stopped(start: Start, jobs_log: Path) -> None:
    base, ex = start(Limits(max_extract_seconds=1.0))
    r = _quick(base, "slow A")
    assert r.status_code == 503
    assert r.json()["error"] == ("the extraction took longer than 1 s and was stopped: try a "
                                 "shorter text")
    assert ex.counts["timed_out"] == 1
    r = _quick(base, "quick B")
    assert r.status_code == 200 and r.json()["text"] == "quick B"
    page = httpx.post(base + "/try", data={"content": "slow C", "kind": "raw"}, timeout=60)
    assert page.status_code == 503 and "took longer than 1 s" in page.text
    assert _jobs(jobs_log) == ["slow A", "quick B", "slow C"]


def test_a_busy_extractor_refuses_more_than_it_can_queue(start: Start, jobs_log: Path) -> None:
    base, ex = start(Limits(max_waiting_extractions=0))
    first = post_and_stay(base, "/api/extract", b"slow A")
    wait_for(lambda: ex.counts["started"] == 1, "the first extraction to start")
    r = _quick(base, "quick B")
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.json()["error"] == "the extractor is busy: try again in a moment"
    first.close()
    wait_for(lambda: ex.counts["stopped"] == 1, "the first extraction to be stopped")
    assert _quick(base, "quick C").status_code == 200
    assert _jobs(jobs_log) == ["slow A", "quick C"]


def test_an_extractor_that_cannot_run_is_503(start: Start) -> None:
    base, _ex = start(work=unavailable_job)
    r = _quick(base, "quick A")
    assert r.status_code == 503
    assert r.json()["error"] == ("extraction is not available in this installation: No module "
                                 "named 'newsgraph.clean.html'")


def test_a_worker_that_died_between_jobs_is_replaced(start: Start, jobs_log: Path) -> None:
    base, ex = start()
    assert _quick(base, "quick A").status_code == 200
    pid = ex.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
    wait_for(lambda: _gone(pid), "the worker to end")
    r = _quick(base, "quick B")
    assert r.status_code == 200 and r.json()["text"] == "quick B"
    assert ex.worker_pid != pid and ex.counts["workers"] == 2


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] == "Z"  # a zombie, not yet reaped
    except FileNotFoundError:
        return True


def test_pasted_content_is_bounded_well_under_a_megabyte(start: Start) -> None:
    base, ex = start()
    limit = Limits().max_extract_bytes
    assert limit <= 256 * 1024  # what a person pastes, not a whole site
    r = httpx.post(base + "/api/extract", content=b"word " * (limit // 5 + 1),
                   headers={"content-type": "text/plain"})
    assert r.status_code == 413
    assert r.json()["error"].startswith(f"the content is too large: at most {limit:,} bytes")
    page = httpx.post(base + "/try", data={"content": "word " * (limit // 5 + 1)})
    assert page.status_code == 413 and "too large" in page.text
    assert ex.counts["started"] == 0  # refused before any work


# -- the real extractor, through `newsgraph serve` ------------------------------------------


@pytest.mark.slow
def test_the_real_extractor_stops_when_its_client_leaves(kb_url: str, tmp_path: Path) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    log = tmp_path / "server.log"
    said = "“We will appeal,” said Maria Lopez, the mayor, on Tuesday. "
    with serve(kb_url, log, "--workers", "1", "--log-level", "debug") as (base, _proc):
        warm = httpx.post(base + "/api/extract", json={"content": said, "raw": True},
                          timeout=120)
        assert warm.status_code == 200 and warm.json()["quotes"]  # the model is loaded
        # A long paste: seconds of work for the pipeline.
        long_text = (said + "She added that the city would appeal again. ") * 2000
        conn = post_and_stay(base, "/api/extract", long_text.encode()[:250_000])
        wait_for(lambda: log.read_text().count("extraction started") == 2,
                 "the long extraction to start")
        conn.close()
        wait_for(lambda: "extraction stopped: its client left" in log.read_text(),
                 "the server to stop the extraction")
        r = httpx.post(base + "/api/extract", json={"content": said, "raw": True},
                       timeout=120)
        assert r.status_code == 200 and r.json()["quotes"][0]["speaker_name"] == "Maria Lopez"
    assert "Traceback" not in log.read_text()
