"""Whole-file documents: an HTML or a text file is one page."""

from __future__ import annotations

from newsgraph.page import RawPage
from newsgraph.read.decode import decode_text, empty_problem, html_content, html_problem
from newsgraph.read.errors import ReadError, error_page
from newsgraph.read.limits import too_big
from newsgraph.read.source import Source, read_upto


def read_document(src: Source, fmt: str, limit: int) -> RawPage:
    """A whole HTML or text file; raises ReadError for one over ``limit`` bytes."""
    data = _read_all(src, limit)
    if fmt == "html":
        problem = html_problem(data, "file")
        if problem:
            return error_page(src.path, problem, fmt)
        content, warnings = html_content(data)
        return RawPage(content, "html", "html", src.path, warnings=warnings)
    empty = empty_problem(data, "file")
    if empty:
        return error_page(src.path, empty, fmt)
    text, warnings = decode_text(data)
    return RawPage(text, "text", "text", src.path, warnings=warnings)


def _read_all(src: Source, limit: int) -> bytes:
    """The whole document, refusing one over the size limit before reading it."""
    if not src.gzipped and src.size is not None and src.size > limit:
        raise ReadError(too_big(src.size, limit))
    data = read_upto(src.stream(), limit + 1)
    if len(data) > limit:
        raise ReadError(too_big(None, limit))
    return data
