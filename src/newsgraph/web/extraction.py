"""Extraction on request ("Try it", ``POST /api/extract``): bounded input, off the event loop.

The spaCy pipeline is loaded lazily by the first extraction (server start-up stays fast)
and once per process. Extraction is CPU-bound, so one runs at a time in a worker thread; a
few more may wait, and beyond that requests are refused with 503 rather than queued
without bound. Nothing is stored.
"""

from __future__ import annotations

import threading
from typing import Any

import anyio
from fastapi import HTTPException, Request

KINDS = ("html", "text")


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, or 413 as soon as it is known to exceed ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise HTTPException(413, _too_large(max_bytes))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(413, _too_large(max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return f"the content is too large: at most {max_bytes:,} bytes"


class Extraction:
    """Runs ``newsgraph.pipeline.extract`` in a worker thread, one at a time."""

    def __init__(self, max_waiting: int) -> None:
        self.max_waiting = max_waiting
        self._limiter: anyio.CapacityLimiter | None = None
        self._waiting = 0
        self._lock = threading.Lock()

    async def run(self, content: str | bytes, kind: str | None, url: str | None = None,
                  raw: bool = False) -> dict[str, Any]:
        if kind is not None and kind not in KINDS:
            raise HTTPException(400, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if not (content.strip() if isinstance(content, str) else content.strip()):
            raise HTTPException(400, "there is nothing to extract: the content is empty")
        with self._lock:
            if self._waiting > self.max_waiting:
                raise HTTPException(503, "the extractor is busy: try again in a moment",
                                    headers={"Retry-After": "5"})
            self._waiting += 1
        try:
            if self._limiter is None:
                self._limiter = anyio.CapacityLimiter(1)
            return await anyio.to_thread.run_sync(_extract, content, kind, url, raw,
                                                  limiter=self._limiter)
        finally:
            with self._lock:
                self._waiting -= 1


def _extract(content: str | bytes, kind: str | None, url: str | None,
             raw: bool) -> dict[str, Any]:
    unavailable = "extraction is not available in this installation: {}"
    try:
        from newsgraph.nlp import ModelError
        from newsgraph.pipeline import extract
    except ImportError as exc:
        raise HTTPException(503, unavailable.format(exc)) from None
    try:
        return extract(content, url=url, raw=raw, kind=kind).to_dict()
    except ModelError as exc:  # the spaCy pipeline is not installed
        raise HTTPException(503, unavailable.format(exc)) from None
    except ImportError as exc:  # a stage that is not installed
        raise HTTPException(503, unavailable.format(exc)) from None
