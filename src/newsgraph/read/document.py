"""Whole-file documents: an HTML or a text file is one page."""

from __future__ import annotations

from newsgraph.page import RawPage
from newsgraph.read.decode import decode_text, empty_problem, html_content, html_problem
from newsgraph.read.errors import ReadError, error_page
from newsgraph.read.limits import too_big
from newsgraph.read.sniff import HEAD_BYTES, looks_like_html
from newsgraph.read.source import Source, read_upto


def read_document(src: Source, fmt: str, limit: int) -> RawPage:
    """A whole HTML or text file; raises ReadError for one over ``limit`` bytes."""
    return document_page(_read_all(src, limit), fmt, src.path)


def document_page(data: bytes, fmt: str | None, path: str | None = None,
                  noun: str = "file") -> RawPage:
    """One HTML or text document from its bytes, decoded as a file of that format is.

    ``fmt`` None: HTML if it looks like HTML, else text. An empty or binary document (a
    ``noun``: file, body) gives an error page; the extraction on request takes this path too.
    """
    if fmt is None:
        fmt = "html" if looks_like_html(data[:HEAD_BYTES]) else "text"
    if fmt == "html":
        problem = html_problem(data, noun)
        if problem:
            return error_page(path or "", problem, fmt)
        content, warnings = html_content(data)
        return RawPage(content, "html", "html", path, warnings=warnings)
    empty = empty_problem(data, noun)
    if empty:
        return error_page(path or "", empty, fmt)
    try:
        text, warnings = decode_text(data)
    except ReadError as e:
        return error_page(path or "", str(e), fmt)
    return RawPage(text, "text", "text", path, warnings=warnings)


def _read_all(src: Source, limit: int) -> bytes:
    """The whole document, refusing one over the size limit before reading it."""
    if not src.gzipped and src.size is not None and src.size > limit:
        raise ReadError(too_big(src.size, limit))
    data = read_upto(src.stream(), limit + 1)
    if len(data) > limit:
        raise ReadError(too_big(None, limit))
    return data
