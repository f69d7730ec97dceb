"""`newsgraph serve` as users run it: worker processes, HEAD, clients that leave, its log."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_web_support import build_kb, serve, wait_for


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    url = build_kb(tmp_path_factory.mktemp("serverkb") / "kb.db", synthetic_quotes=50)
    log = tmp_path_factory.mktemp("serverlog") / "server.log"
    with serve(url, log) as (base, _proc):  # the default number of processes
        yield base, log


def test_serve_runs_one_process_per_core_by_default(server: tuple[str, Path]) -> None:
    from newsgraph.cli_web import cpu_count

    base, log = server
    n = cpu_count()
    text = wait_for(lambda: (t := log.read_text()).count("Application startup complete") == n
                    and t, f"{n} server processes to start")
    assert f"with {n} processes" in text if n > 1 else "with 1 process" in text
    pids = set(re.findall(r"Started server process \[(\d+)\]", text))
    assert len(pids) == n
    assert httpx.get(base + "/api/stats").status_code == 200


def test_serve_workers_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--workers" in r.output and "--threads" in r.output
    r = CliRunner().invoke(app, ["serve", "--workers", "0", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2


def test_head_on_the_api_answers_like_get(server: tuple[str, Path]) -> None:
    base, _log = server
    for path in ("/api/quotes?q=sanctions", "/api/stats", "/api/people/nobody-at-all"):
        got = httpx.get(base + path)
        head = httpx.head(base + path)
        assert head.status_code == got.status_code, path
        assert head.content == b"" and head.headers["content-length"] == str(len(got.content))


def test_a_client_that_leaves_mid_body_is_one_log_line(server: tuple[str, Path]) -> None:
    base, log = server
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as s:
        s.sendall(f"POST /api/extract HTTP/1.1\r\nHost: {host}:{port}\r\n"
                  "Content-Type: text/plain\r\nContent-Length: 100000\r\n"
                  "Expect: 100-continue\r\n\r\n".encode())
        # "100 Continue": the handler is reading the body
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(b"only the start of it")
    wait_for(lambda: "POST /api/extract: the client disconnected before the answer"
             in log.read_text(), "the server to log the disconnect")
    assert httpx.get(base + "/api/stats").status_code == 200  # still serving
    assert "Traceback" not in log.read_text()
