"""How a problem with one document is reported: ReadError, and the error page it becomes."""

from __future__ import annotations

from newsgraph.page import RawPage

# The kind of content each format yields (RawPage.kind), for error pages.
_KIND = {"html": "html", "warc": "html", "text": "text", "wet": "text", "jsonl": "text"}


class ReadError(Exception):
    """A problem with one document; its message becomes ``RawPage.error``."""


def error_page(path: str, message: str, fmt: str, offset: int | None = None) -> RawPage:
    """A RawPage for a document (or record, or line) that could not be read."""
    return RawPage(
        content=b"", kind=_KIND[fmt], format=fmt, path=path, offset=offset, error=message
    )
