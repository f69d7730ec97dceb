"""The site's own URLs, built in one place (path parts and query values percent-encoded)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode


def person(key: str | int) -> str:
    return "/person/" + quote(str(key), safe="")


def article(article_id: str, anchor: str | None = None) -> str:
    return "/article/" + quote(article_id, safe="") + (f"#{quote(anchor)}" if anchor else "")


def statement_anchor(local_id: str) -> str:
    """The element id of a statement on its article page (``q-Q1``)."""
    return "q-" + "".join(c for c in local_id if c.isalnum() or c in "-_")[:40]


def event_anchor(local_id: str) -> str:
    """The element id of an event's trigger on its article page (``v-V1``)."""
    return "v-" + "".join(c for c in local_id if c.isalnum() or c in "-_")[:40]


def event(article_id: str, local_id: str) -> str:
    return article(article_id, event_anchor(local_id))


def statement(article_id: str, local_id: str | None) -> str:
    """A statement on its article page; the article when the statement has no id."""
    return article(article_id, statement_anchor(local_id) if local_id else None)


def with_query(path: str, params: dict[str, Any]) -> str:
    """``path?params`` without empty values (so shared URLs stay short)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def search(**params: Any) -> str:
    return with_query("/search", params)


def events(**params: Any) -> str:
    return with_query("/events", params)
