"""What the readers hand to the cleaners (RawPage) and what the cleaners hand on (Article)."""

from __future__ import annotations

from dataclasses import dataclass, field


def shown_path(path: str | None) -> str | None:
    """``path`` as valid Unicode text, for records and messages.

    A file name whose bytes are not UTF-8 reaches Python with each undecodable byte as a
    lone surrogate (PEP 383), which no UTF-8 output can hold: those bytes are written as
    ``\\xNN`` (Python's ``backslashreplace``), so ``odd<0xFF>.html`` shows as ``odd\\xff.html``.
    """
    if path is None or path.isascii():
        return path
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")


@dataclass(slots=True)
class RawPage:
    """One document as read from its container, before any cleaning.

    ``content`` is the page itself: HTML (bytes or str) when ``kind == "html"``, text when
    ``kind == "text"``. ``format`` is the container it came from. When reading failed,
    ``error`` says why (naming the problem, not the document: the path is in ``path``) and
    ``content`` may be empty; the pipeline turns such a page into an error record.
    """

    content: bytes | str
    kind: str  # html | text
    format: str  # html | text | warc | wet | jsonl
    path: str | None = None  # file path, "-" for stdin
    url: str | None = None
    offset: int | None = None  # byte offset of a WARC/WET record, line number in JSON Lines
    title: str | None = None  # metadata given by the container (JSON Lines fields)
    published: str | None = None
    error: str | None = None  # reading failed: the page cannot be processed
    warnings: list[str] = field(default_factory=list)  # problems that did not stop reading

    @property
    def where(self) -> str:
        """A human name for the document: path, plus the record offset or line when there is one."""
        where = shown_path(self.path) or "<input>"
        if self.offset is not None:
            where += f"#{self.offset}"
        return where


@dataclass(slots=True)
class Article:
    """The clean article: body text and metadata."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 code of the body text, None when not judged
