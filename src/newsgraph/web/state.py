"""What every request handler needs: the read-only store, templates, limits, the extractor."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request

from newsgraph.store import Store
from newsgraph.web.extraction import Extraction
from newsgraph.web.limits import Limits
from newsgraph.web.render import Pages

T = TypeVar("T")


class TTLCache:
    """A few values that are costly to compute and may be a little stale (directory pages)."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            hit = self._values.get(key)
        if hit and now - hit[0] < self.ttl_s:
            return hit[1]
        value = compute()
        with self._lock:
            self._values[key] = (now, value)
        return value


@dataclass(slots=True)
class WebState:
    store: Store
    pages: Pages
    limits: Limits
    extraction: Extraction
    cache: TTLCache = field(default_factory=lambda: TTLCache(300.0))


def web(request: Request) -> WebState:
    """FastAPI dependency: the app's state."""
    return request.app.state.web
