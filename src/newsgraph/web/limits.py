"""Bounds on what a request may ask for: the server stays responsive whatever it is sent."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException

from newsgraph.store.keys import as_row_id


@dataclass(frozen=True, slots=True)
class Limits:
    max_query_chars: int = 300  # a search query
    max_name_chars: int = 200  # a person, organisation or site filter; a path key
    default_page_size: int = 20
    max_page_size: int = 100
    max_offset: int = 10_000  # deep pages cost a scan of every match before them
    # POST /api/extract and the "Try it" form: what a person pastes (an article is 5-50 KB
    # of text, its page's HTML a few hundred KB); larger pages are for `newsgraph extract`.
    max_extract_bytes: int = 262_144
    max_extract_seconds: float = 30.0  # one extraction; then it is stopped (503)
    max_extractor_start_seconds: float = 120.0  # the worker loading the language model
    max_waiting_extractions: int = 4  # queued behind the one that runs; more are refused


DEFAULT_LIMITS = Limits()


def bounded(value: str | None, max_chars: int, what: str) -> str | None:
    """The stripped value, None when empty; 400 when longer than ``max_chars``."""
    if value is None:
        return None
    if len(value) > max_chars:
        raise HTTPException(400, f"{what} is too long: at most {max_chars} characters")
    value = value.strip()
    return value or None


def person_key(value: str | None, max_chars: int) -> str | None:
    """A person (id, slug or name) as ``bounded`` gives it; 400 for a number too large to be
    an id (the store would match no one: this says why)."""
    key = bounded(value, max_chars, "person")
    if key and key.isascii() and key.isdigit() and as_row_id(key) is None:
        shown = key if len(key) <= 30 else key[:30] + "..."
        raise HTTPException(400, f"person id {shown} is out of range: ids are below 2**63")
    return key


def page_window(page: int, size: int, limits: Limits) -> tuple[int, int]:
    """(limit, offset) for a 1-based page number; the size is clamped, the page bounded."""
    size = max(1, min(size, limits.max_page_size))
    last = limits.max_offset // size + 1
    if page > last:
        raise HTTPException(400, f"page must be at most {last} (results beyond "
                                 f"{limits.max_offset:,} are not paged: narrow the search)")
    return size, (max(page, 1) - 1) * size
