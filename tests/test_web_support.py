"""Shared fixtures for the web tests: a hostile article and a small knowledge base.

The hostile article's text, title, names and source URL carry markup and script that must
come out as text: ``<script>``, ``<img src=x onerror=...>``, ``javascript:`` links, an SVG
with ``onload``. Every payload sets ``window.__pwned`` and opens a dialog if it ever runs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from test_store_support import GOLDEN, golden_document

from newsgraph.record import Document, Entity, Quote, Role, Source, Span
from newsgraph.store import open_store
from newsgraph.store.synthetic import Corpus

if TYPE_CHECKING:
    from newsgraph.web.worker import Job

HOSTILE_URL = "javascript:window.__pwned=9;alert('url')//https://evil.example/a"
HOSTILE_TEXT = (
    "Hostile page <script>window.__pwned = 1; alert('script')</script> begins here.\n\n"
    "“We will never accept <img src=x onerror=\"window.__pwned = 2; alert('img')\"> in our "
    "systems,” said Mallory Attacker, a researcher at <b>Evil Corp</b>.\n\n"
    "Click <a href=\"javascript:window.__pwned=3;alert('link')\">here</a> or visit "
    "javascript:alert(document.cookie) for more.\n\n"
    "Attacker added that “the <svg onload=alert(4)> tag is just as dangerous”.\n\n"
    "“<script>window.__pwned = 5</script> is how it starts,” warned "
    "Eve <i onmouseover=alert(6)>Hacker</i>.\n"
)
HOSTILE_TITLE = "<script>window.__pwned=7;alert('title')</script> Sanitation headline"
EVE = "Eve <i onmouseover=alert(6)>Hacker</i>"


def _find(text: str, s: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return Span.of(text, i, i + len(s))


def hostile_document() -> Document:
    t = HOSTILE_TEXT
    mallory = Entity("E1", "PERSON", "Mallory Attacker",
                     [_find(t, "Mallory Attacker"), _find(t, "Attacker", 1)])
    evil = Entity("E2", "ORG", "<b>Evil Corp</b>", [_find(t, "<b>Evil Corp</b>")])
    eve = Entity("E3", "PERSON", EVE, [_find(t, EVE)])
    quotes = [
        Quote("Q1", "direct", _find(t, "We will never accept <img src=x onerror=\"window."
                                       "__pwned = 2; alert('img')\"> in our systems,"),
              _find(t, "said"), _find(t, "Mallory Attacker"), "E1", "Mallory Attacker"),
        Quote("Q2", "indirect", _find(t, "the <svg onload=alert(4)> tag is just as dangerous"),
              _find(t, "added"), _find(t, "Attacker", 1), "E1", "Mallory Attacker"),
        Quote("Q3", "direct", _find(t, "<script>window.__pwned = 5</script> is how it starts,"),
              _find(t, "warned"), _find(t, EVE), "E3", EVE),
    ]
    return Document(id=hashlib.sha1(HOSTILE_URL.encode()).hexdigest(),
                    source=Source(None, HOSTILE_URL, "html", None), text=t,
                    title=HOSTILE_TITLE, published="2021-03-04", site="evil.example",
                    entities=[mallory, evil, eve], quotes=quotes)


NEWSROOM_SITE = "ABC7 New York"
NEWSROOM_TITLE = "Bridge to reopen in May"
NEWSROOM_TEXT = ("Dana Whitfield, a spokeswoman for the city, said the bridge would reopen in "
                 "May.\n\n“We are doing everything we can,” Whitfield said.\n")


def newsroom_document() -> Document:
    """An article read from a file (no URL, no date) of a site whose name has capitals, with
    an indirect statement and a direct one by a person with a role."""
    t = NEWSROOM_TEXT
    dana = Entity("E1", "PERSON", "Dana Whitfield",
                  [_find(t, "Dana Whitfield"), _find(t, "Whitfield", 1)],
                  [Role("spokeswoman", None, None, 16, 42)])
    quotes = [
        Quote("Q1", "indirect", _find(t, "the bridge would reopen in May"), _find(t, "said"),
              _find(t, "Dana Whitfield"), "E1", "Dana Whitfield"),
        Quote("Q2", "direct", _find(t, "We are doing everything we can,"), _find(t, "said", 1),
              _find(t, "Whitfield", 1), "E1", "Dana Whitfield"),
    ]
    return Document(id=hashlib.sha1(b"newsroom.html").hexdigest(),
                    source=Source("newsroom.html", None, "html", None), text=t,
                    title=NEWSROOM_TITLE, published=None, site=NEWSROOM_SITE,
                    entities=[dana], quotes=quotes)


def golden_available() -> bool:
    return GOLDEN.exists()


@functools.lru_cache(maxsize=1)
def extractor_available() -> tuple[bool, str]:
    """Whether ``newsgraph.pipeline.extract`` works here, for text and for HTML (the cleaning
    stage and the spaCy pipeline), and if not, why."""
    try:
        from newsgraph.clean import CleanError, clean_page  # noqa: F401
        from newsgraph.pipeline import extract
    except ImportError as exc:
        return False, f"the cleaning stage is not importable yet: {exc}"
    sample = "“We will appeal,” said Maria Lopez, the mayor of Springfield, on Tuesday."
    try:
        for content, kind in ((sample, "text"), (SMOKE_HTML.format(sample), "html")):
            rec = extract(content, kind=kind)
            if rec.text is None:
                return False, f"extraction of {kind} does not work yet: {rec.errors}"
    except Exception as exc:  # noqa: BLE001 - any failure means "skip, and say why"
        return False, f"the extractor cannot run: {type(exc).__name__}: {exc}"
    return True, ""


@functools.lru_cache(maxsize=1)
def raw_extractor_available() -> tuple[bool, str]:
    """Whether extraction from clean text (``raw=True``: no boilerplate removal) works."""
    try:
        from newsgraph.pipeline import extract

        rec = extract("“We will appeal,” said Maria Lopez on Tuesday.", kind="text", raw=True)
    except Exception as exc:  # noqa: BLE001 - any failure means "skip, and say why"
        return False, f"the extractor cannot run: {type(exc).__name__}: {exc}"
    if rec.text is None:
        return False, f"extraction of clean text does not work yet: {rec.errors}"
    return True, ""


SMOKE_HTML = ("<html><head><title>Mayor vows to appeal</title></head><body><article>"
              "<h1>Mayor vows to appeal</h1><p>{0}</p><p>{0}</p></article></body></html>")


def build_kb(where: Path | str, *, golden: bool = True, extracted_golden: bool = False,
             synthetic_quotes: int = 300) -> str:
    """A knowledge base (an SQLite file path, or a database URL) holding the golden article
    (hand-annotated; with ``extracted_golden`` also as the real extractor reads it, a second
    article since its clean text differs), the hostile article, the newsroom article, and a
    small synthetic corpus. Returns its URL."""
    url = f"sqlite:///{where}" if isinstance(where, Path) else where
    items: list[Any] = [hostile_document(), newsroom_document()]
    if golden and golden_available():
        items.append(golden_document())
        if extracted_golden:
            from newsgraph.pipeline import extract_many

            items.extend(extract_many([str(GOLDEN)]))
    if synthetic_quotes:
        items.extend(Corpus(seed=5, n_people=120, n_words=2000).records(
            n_quotes=synthetic_quotes))
    with open_store(url) as kb:
        report = kb.ingest(items)
        assert report.articles_failed == 0, report.problems
    return url


# -- a real server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db_url: str, log: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``python -m newsgraph.cli_web serve`` on a free port, its output in ``log``; yields
    the base URL and the process once it answers."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli_web", "serve", "--db",
                                 db_url, "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"the server exited: {log.read_text()}")
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the server did not start: {log.read_text()}")
            time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    """Poll until ``condition()`` is true (a generous deadline, not a speed assertion)."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return value


def post_and_stay(base: str, path: str, body: bytes, ctype: str = "text/plain") -> socket.socket:
    """Send a POST on a raw connection and return it unread: closing it is a client that
    leaves without waiting for the answer."""
    host, port = base.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    s.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {ctype}\r\n"
              f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    return s


# -- stand-in extractors for the tests of the extraction queue (run in its worker process) --

JOBS_LOG_ENV = "NEWSGRAPH_TEST_JOBS_LOG"


def slow_job(job: Job) -> dict[str, Any]:
    """Writes each job it starts to $NEWSGRAPH_TEST_JOBS_LOG; answers a job whose content
    starts with "quick" at once and works on any other until it is stopped."""
    content = job.content.decode()
    with open(os.environ[JOBS_LOG_ENV], "a", encoding="utf-8") as log:
        log.write(content + "\n")
    if not content.startswith("quick"):
        time.sleep(3600)
    return {"schema": "newsgraph/1", "text": content, "quotes": [], "errors": []}


def unavailable_job(job: Job) -> dict[str, Any]:
    from newsgraph.web.worker import Unavailable

    raise Unavailable("No module named 'newsgraph.clean.html'")
