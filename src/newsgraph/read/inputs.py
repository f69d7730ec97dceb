"""Walking the inputs (files, directories, ``-`` for stdin) and reading each in its format."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.page import RawPage
from newsgraph.read.document import read_document
from newsgraph.read.errors import ReadError, error_page
from newsgraph.read.jsonl import read_jsonl
from newsgraph.read.limits import max_page_bytes
from newsgraph.read.sniff import FORMATS, HEAD_BYTES, format_from_name, sniff_format
from newsgraph.read.source import Prefixed, Source, open_file, read_upto
from newsgraph.read.warc import WarcFile


@dataclass(slots=True)
class ReadStats:
    """What a run of :func:`iter_pages` saw, for a summary line. Pass one in to fill it."""

    pages: int = 0  # pages yielded without error
    errors: int = 0  # error pages yielded
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count, never yielded


def iter_pages(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    fmt: str | None = None,
    *,
    stats: ReadStats | None = None,
) -> Iterator[RawPage]:
    """Yield one RawPage per document in ``inputs``: paths, directories, or ``-`` for stdin.

    Directories are walked recursively in sorted order, skipping hidden entries and files
    with unknown extensions (all non-hidden files are read when ``fmt`` is given). A file
    named explicitly is always read. ``fmt`` forces the format of every input. A single
    string is taken as one input, not as a sequence of characters.

    An unknown ``fmt`` or a bad ``NEWSGRAPH_MAX_PAGE_MB`` raises ValueError here, at the
    call, not at the first ``next()``.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    reader = _Reader(fmt, max_page_bytes(), stats if stats is not None else ReadStats())
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    return reader.pages(inputs)


class _Reader:
    """Reads inputs one by one; holds what every reader needs to know."""

    def __init__(self, fmt: str | None, limit: int, stats: ReadStats) -> None:
        self.fmt = fmt
        self.limit = limit
        self.stats = stats
        self._stdin_read = False

    def pages(self, inputs: Iterable[str | os.PathLike[str]]) -> Iterator[RawPage]:
        for inp in inputs:
            for page in self.read_input(os.fspath(inp)):
                if page.error:
                    self.stats.errors += 1
                else:
                    self.stats.pages += 1
                yield page

    def read_input(self, inp: str) -> Iterator[RawPage]:
        if inp == "-":
            yield from self._read_stdin()
        elif os.path.isdir(inp):
            yield from self._read_dir(inp)
        else:
            yield from self._read_path(inp)

    def _read_dir(self, top: str) -> Iterator[RawPage]:
        """The files under ``top``; an error page for ``top`` itself when it has none: a named
        input never yields nothing silently."""
        skipped_before = self.stats.skipped.copy()
        found = False
        for path, problem in self._walk(top):
            found = True
            if problem:
                yield error_page(path, problem, self.fmt or "html")
            else:
                yield from self._read_path(path)
        if not found:
            skipped = self.stats.skipped - skipped_before
            why = f"skipped: {_counts(skipped)}" if skipped else _emptiness(top)
            yield error_page(top, f"no input files in this directory ({why})", self.fmt or "html")

    def _walk(self, top: str) -> Iterator[tuple[str, str | None]]:
        """(path, problem) for the files under ``top`` in name order; problem for an unreadable
        directory. Symlinked directories are not followed (they can loop)."""
        try:
            with os.scandir(top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield top, f"cannot list directory: {_os_reason(e)}"
            return
        for entry in entries:
            path = os.path.join(top, entry.name)
            if entry.name.startswith("."):
                self.stats.skipped["hidden file or directory"] += 1
            elif entry.is_dir(follow_symlinks=False):
                yield from self._walk(path)
            elif links_to_dir(entry):
                self.stats.skipped["symlinked directory (not followed)"] += 1
            elif self.fmt is None and format_from_name(entry.name) is None:
                self.stats.skipped["file with an unknown extension"] += 1
            else:
                yield path, None

    def _read_path(self, path: str) -> Iterator[RawPage]:
        try:
            src = open_file(path)
        except (OSError, ReadError) as e:
            reason = _os_reason(e) if isinstance(e, OSError) else str(e)
            yield error_page(path, reason, self.fmt or format_from_name(path) or "html")
            return
        with src.raw:
            yield from self._read_source(src)

    def _read_stdin(self) -> Iterator[RawPage]:
        if self._stdin_read:
            yield error_page(
                "-", 'standard input was already read ("-" given twice)', self.fmt or "text"
            )
            return
        self._stdin_read = True
        stdin = sys.stdin.buffer
        head = read_upto(stdin, HEAD_BYTES)
        yield from self._read_source(Source("-", Prefixed(head, stdin), head, False))

    def _read_source(self, src: Source) -> Iterator[RawPage]:
        fmt = self.fmt or sniff_format(src.path, src.head)
        if not src.head:
            yield error_page(src.path, "empty file" if src.path != "-" else "empty input", fmt)
            return
        skipped_before = self.stats.skipped.copy()
        found = False
        for page in self._pages(src, fmt):
            found = True
            yield page
        if not found:  # a WARC of request records only, a JSON Lines file of blank lines
            skipped = self.stats.skipped - skipped_before
            why = f" (skipped: {_counts(skipped)})" if skipped else ""
            noun = "file" if src.path != "-" else "input"
            yield error_page(src.path, f"no documents in this {noun}{why}", fmt)

    def _pages(self, src: Source, fmt: str) -> Iterator[RawPage]:
        try:
            if fmt in ("warc", "wet"):
                yield from WarcFile(src, fmt, self.limit, self.stats.skipped).pages()
            elif fmt == "jsonl":
                yield from read_jsonl(src, self.limit)
            else:
                yield read_document(src, fmt, self.limit)
        except ReadError as e:
            yield error_page(src.path, str(e), fmt)
        except Exception as e:  # the batch contract: one bad document never stops the rest
            yield error_page(
                src.path, f"unexpected error while reading: {type(e).__name__}: {e}", fmt
            )
        except BaseException as e:  # a Rust panic in FastWARC is a BaseException; only that
            if type(e).__name__ != "PanicException":
                raise
            yield error_page(src.path, f"the WARC reader failed (FastWARC panic: {e})", fmt)


def links_to_dir(entry: os.DirEntry[str]) -> bool:
    """True for a symlink to a directory. A symlink that loops (or that cannot be followed)
    is not one: reading it as a file then gives its error, naming it."""
    try:
        return entry.is_dir()
    except OSError:  # ELOOP: is_dir() raises what it does not take for "no such file"
        return False


def _emptiness(top: str) -> str:
    try:
        return "only empty directories in it" if os.listdir(top) else "it is empty"
    except OSError as e:
        return f"cannot list it: {_os_reason(e)}"


def _counts(counter: Counter[str]) -> str:
    """``WARC request record: 2; hidden file or directory: 1``: what was skipped, most first."""
    return "; ".join(f"{reason}: {n}" for reason, n in counter.most_common())


def _os_reason(e: OSError) -> str:
    return e.strerror.lower() if e.strerror else str(e)
