"""The page size limit (``NEWSGRAPH_MAX_PAGE_MB``) and the message for a page over it."""

from __future__ import annotations

import os

MAX_PAGE_ENV = "NEWSGRAPH_MAX_PAGE_MB"
MAX_PAGE_MB = 16
MAX_PAGE_BYTES = MAX_PAGE_MB << 20


def max_page_bytes() -> int:
    """The page size limit: ``NEWSGRAPH_MAX_PAGE_MB`` megabytes, default 16."""
    value = os.environ.get(MAX_PAGE_ENV, "").strip()
    if not value:
        return MAX_PAGE_BYTES
    try:
        mb = float(value)
    except ValueError:
        mb = -1.0
    if not 0 < mb < 1 << 20:
        raise ValueError(f"{MAX_PAGE_ENV} must be a positive number of megabytes, not {value!r}")
    return int(mb * (1 << 20))


def too_big(size: int | None, limit: int) -> str:
    """The error for a page over ``limit`` bytes; ``size`` is None when it is not known."""
    where = f"page is {_size(size)}, over" if size is not None else "page is over"
    return f"{where} the {limit / (1 << 20):.3g} MB limit ({MAX_PAGE_ENV})"


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 100 << 10 else f"{n / 1024:.1f} KB"
