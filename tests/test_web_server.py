"""`newsgraph serve` as users run it: HEAD, clients that leave, its log."""

from __future__ import annotations

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
    with serve(url, log) as (base, _proc):
        yield base, log


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
