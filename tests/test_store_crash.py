"""Crash safety: an ingest killed with SIGKILL mid-way, then run again, leaves exactly the
database that one uninterrupted run leaves (real subprocesses, a real kill)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from test_store_support import BACKENDS, dump, make_url

from newsgraph.store.synthetic import Corpus

N_QUOTES = 8000  # about 1,400 articles: a few seconds of ingest in small batches


def ingest_cmd(records: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli_kb", "ingest", str(records), "--db", url,
            "--batch-size", "20"]


def count_articles(engine) -> int:  # noqa: ANN001
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:  # not created yet, or locked for a moment
        return 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_then_rerun_equals_one_clean_run(backend: str, tmp_path: Path,
                                                 request: pytest.FixtureRequest) -> None:
    records = tmp_path / "records.jsonl"
    n_records = Corpus(seed=11, n_people=400, n_words=4000).write_jsonl(records, N_QUOTES)
    clean_dir, crash_dir = tmp_path / "clean", tmp_path / "crash"
    clean_dir.mkdir()
    crash_dir.mkdir()
    clean_url = make_url(backend, clean_dir, request)
    crash_url = make_url(backend, crash_dir, request)

    done = subprocess.run(ingest_cmd(records, clean_url), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr

    proc = subprocess.Popen(ingest_cmd(records, crash_url), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    engine = create_engine(crash_url)
    try:
        deadline = time.monotonic() + 120
        while count_articles(engine) < 100 and proc.poll() is None:
            assert time.monotonic() < deadline, "the ingest never committed anything"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        at_kill = count_articles(engine)
    finally:
        if proc.poll() is None:
            proc.kill()
        engine.dispose()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < at_kill < n_records

    again = subprocess.run(ingest_cmd(records, crash_url), capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    clean_engine, crash_engine = create_engine(clean_url), create_engine(crash_url)
    try:
        assert dump(crash_engine) == dump(clean_engine)
    finally:
        clean_engine.dispose()
        crash_engine.dispose()
