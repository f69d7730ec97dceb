"""Extraction on request ("Try it", ``POST /api/extract``): bounded in size and time, and
done only while someone waits for it. Nothing is stored.

* Size: a body is at most ``Limits.max_extract_bytes`` (413, checked on Content-Length and
  again while reading). It is decoded as ``newsgraph extract`` decodes a file
  (``read.document_page``); content that is not text is refused (422) before any work.
* One at a time: extractions run in a worker process (``worker.py``, started by the first
  one and kept); a few may wait their turn, more are refused (503).
* Only while the client is there: a waiting request whose client left never runs, and a
  running one is stopped (its worker killed and a fresh one started).
* Time: one that runs longer than ``Limits.max_extract_seconds`` is stopped the same way (503).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from fastapi import HTTPException, Request
from starlette.requests import ClientDisconnect

from newsgraph.read import document_page
from newsgraph.read.decode import replace_surrogates
from newsgraph.web.limits import Limits
from newsgraph.web.worker import (
    READY,
    RESULT,
    UNAVAILABLE,
    Job,
    Warm,
    Work,
    WorkerProcess,
    extract_job,
    warm_up,
)

log = logging.getLogger("newsgraph.web")

KINDS = ("html", "text")
POLL_S = 0.1  # how often a waiting or running extraction checks that its client is there
UNAVAILABLE_MESSAGE = "extraction is not available in this installation: {}"

ClientGone = Callable[[], Awaitable[bool]]


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, or 413 as soon as it is known to exceed ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise HTTPException(413, too_large(max_bytes))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(413, too_large(max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(max_bytes: int) -> str:
    return (f"the content is too large: at most {max_bytes:,} bytes here (an article, not a "
            "whole site); extract larger pages with `newsgraph extract`")


def make_job(content: bytes | str, kind: str | None, url: str | None = None,
             raw: bool = False, max_bytes: int | None = None) -> Job:
    """A job for posted content, or a 4xx saying what is wrong with it.

    Text (a JSON string, a form field) is encoded back to UTF-8, so that every body takes
    the one decoding path of ``newsgraph extract``.
    """
    if kind is not None and kind not in KINDS:
        raise HTTPException(400, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if isinstance(content, str):  # a lone surrogate (JSON can escape one) becomes U+FFFD
        content = replace_surrogates(content)[0]
    data = content.encode("utf-8") if isinstance(content, str) else content
    if max_bytes is not None and len(data) > max_bytes:
        raise HTTPException(413, too_large(max_bytes))
    if not data.strip():
        raise HTTPException(400, "there is nothing to extract: the content is empty")
    page = document_page(data, "text" if raw else kind, noun="body")
    if page.error:
        raise HTTPException(422, f"the content cannot be read as {page.kind}: {page.error}")
    return Job(data, page.kind, url, raw)


class Extraction:
    """Runs jobs in a worker process, one at a time, while their clients wait for them.

    ``work`` and ``warm`` run in the worker (module-level functions: they are pickled by
    name). ``counts`` says what happened, for the log and the tests: ``workers`` started,
    jobs ``started`` and ``finished``, ``dropped`` (client left while waiting), ``stopped``
    (client left while running), ``timed_out``, ``refused`` (busy).
    """

    def __init__(self, limits: Limits, work: Work = extract_job,
                 warm: Warm | None = warm_up) -> None:
        self.max_waiting = limits.max_waiting_extractions
        self.timeout_s = limits.max_extract_seconds
        self.start_timeout_s = limits.max_extractor_start_seconds
        self.counts: Counter[str] = Counter()
        self._work, self._warm = work, warm
        self._worker: WorkerProcess | None = None
        self._lock: anyio.Lock | None = None  # made in the event loop, at first use
        self._queued = 0  # waiting or running; only touched in the event loop

    @property
    def worker_pid(self) -> int | None:
        """The process id of the current worker, if one is started."""
        return self._worker.process.pid if self._worker else None

    @property
    def queued(self) -> int:
        """Requests waiting for an extraction or being extracted."""
        return self._queued

    async def run(self, job: Job, client_gone: ClientGone) -> dict[str, Any]:
        """The record for ``job``; ClientDisconnect if the client left first."""
        if self._queued > self.max_waiting:
            self.counts["refused"] += 1
            raise HTTPException(503, "the extractor is busy: try again in a moment",
                                headers={"Retry-After": "5"})
        self._queued += 1
        try:
            return await self._while_connected(job, client_gone)
        finally:
            self._queued -= 1

    async def _while_connected(self, job: Job, client_gone: ClientGone) -> dict[str, Any]:
        left = False

        async def watch(scope: anyio.CancelScope) -> None:
            nonlocal left
            while not await client_gone():
                await anyio.sleep(POLL_S)
            left = True
            scope.cancel()

        result: dict[str, Any] | None = None
        error: Exception | None = None
        async with anyio.create_task_group() as tg:
            tg.start_soon(watch, tg.cancel_scope)
            try:
                result = await self._in_turn(job)
            except Exception as exc:  # raised as it is, not in an exception group
                error = exc
            finally:
                tg.cancel_scope.cancel()
        if error is not None:
            raise error
        if result is None or left:  # cancelled by the watcher
            raise ClientDisconnect()
        return result

    async def _in_turn(self, job: Job) -> dict[str, Any]:
        if self._lock is None:
            self._lock = anyio.Lock()
        waiting = True
        try:
            async with self._lock:
                waiting = False
                return await self._run(job)
        except anyio.get_cancelled_exc_class():
            if waiting:
                self.counts["dropped"] += 1
                log.info("extraction dropped from the queue: its client left")
            raise

    async def _run(self, job: Job) -> dict[str, Any]:
        worker = await self._ready_worker()
        try:
            worker.send(job)
        except OSError:  # it died since its last job (killed from outside): a fresh one
            log.warning("the extraction process %d had ended: starting another",
                        worker.process.pid)
            self._stop()
            worker = await self._ready_worker()
            worker.send(job)
        self.counts["started"] += 1
        log.debug("extraction started (%d bytes)", len(job.content))
        try:
            with anyio.fail_after(self.timeout_s):
                kind, payload = await worker.receive()
        except TimeoutError:
            self.counts["timed_out"] += 1
            log.warning("extraction stopped after %g s (the time limit)", self.timeout_s)
            self._restart()
            raise HTTPException(503, f"the extraction took longer than {self.timeout_s:g} s "
                                     "and was stopped: try a shorter text") from None
        except BaseException:  # cancelled: the client left (or the server is stopping)
            self.counts["stopped"] += 1
            log.info("extraction stopped: its client left")
            self._restart()
            raise
        self.counts["finished"] += 1
        if kind == RESULT:
            return payload
        self._restart()
        if kind == UNAVAILABLE:
            raise HTTPException(503, UNAVAILABLE_MESSAGE.format(payload))
        raise RuntimeError(f"extraction failed: {payload}")

    async def _ready_worker(self) -> WorkerProcess:
        if self._worker is None:
            self._start()
        worker = self._worker
        assert worker is not None
        if worker.ready:
            return worker
        # Cancelled while it loads (the client left): it goes on loading for the next one.
        try:
            with anyio.fail_after(self.start_timeout_s):
                kind, payload = await worker.receive()
        except TimeoutError:
            self._stop()
            raise HTTPException(503, "the extractor did not start in time: try again "
                                     "later") from None
        if kind == READY:
            worker.ready = True
            return worker
        self._stop()
        if kind == UNAVAILABLE:
            raise HTTPException(503, UNAVAILABLE_MESSAGE.format(payload))
        raise RuntimeError(f"the extractor could not start: {payload}")

    def _start(self) -> None:
        self._worker = WorkerProcess(self._work, self._warm)
        self.counts["workers"] += 1

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def _restart(self) -> None:
        """A fresh worker now: the next job need not wait for the model to load."""
        self._stop()
        self._start()

    def close(self) -> None:
        self._stop()
