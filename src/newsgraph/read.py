"""The reading stage: turn user inputs (files, directories, ``-``) into a stream of RawPages.

Inputs are HTML files, plain text, WARC and WET crawl files, and JSON Lines dumps, each
optionally gzip-compressed. Every problem with one document (a missing file, an empty or
binary file, a malformed WARC record, a truncated gzip stream, an oversized page) becomes a
RawPage with ``error`` set, and reading goes on with the next document or record: in a batch
of a thousand files one bad file must not stop the rest. Only an invalid ``fmt`` or an invalid
``NEWSGRAPH_MAX_PAGE_MB`` raises, before anything is read.

Record offsets (``RawPage.offset``): for WARC/WET the byte offset where the record starts in
the file as stored, i.e. the offset of its gzip member for per-record gzip files (what CDX
indexes and ``warcio extract`` use); only in a file gzipped as one single stream is it the
offset in the uncompressed data. For JSON Lines it is the 1-based line number.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
import zlib
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from fastwarc.stream_io import BrotliReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.page import RawPage

__all__ = [
    "FORMATS",
    "MAX_PAGE_BYTES",
    "ReadError",
    "ReadStats",
    "decode_text",
    "is_record",
    "iter_pages",
    "max_page_bytes",
    "sniff_format",
]

FORMATS = ("html", "text", "warc", "wet", "jsonl")
MAX_PAGE_ENV = "NEWSGRAPH_MAX_PAGE_MB"
MAX_PAGE_MB = 16
MAX_PAGE_BYTES = MAX_PAGE_MB << 20
HEAD_BYTES = 64 << 10  # how much of a file the format sniffer sees
CHUNK = 1 << 20
GZ_CHUNK = 64 << 10  # compressed bytes per read: the unconsumed rest is copied per call

GZIP_MAGIC = b"\x1f\x8b"
_GZIP_MEMBER = b"\x1f\x8b\x08"  # magic + deflate: what a gzip member starts with
_WARC_START = b"\nWARC/1."  # a record header at the start of a line
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_KIND = {"html": "html", "warc": "html", "text": "text", "wet": "text", "jsonl": "text"}

# Longest suffix first where one is a suffix of another.
_EXTENSIONS = (
    (".warc.wet.gz", "wet"), (".wet.gz", "wet"), (".wet", "wet"),
    (".warc.gz", "warc"), (".warc", "warc"),
    (".html.gz", "html"), (".htm.gz", "html"), (".html", "html"), (".htm", "html"),
    (".txt.gz", "text"), (".txt", "text"),
    (".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
)  # fmt: skip

# C0 controls other than \t \n \v \f \r, plus DEL: rare in text, common in binary data.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_HIGH_BYTES = bytes(range(0x80, 0x100))
_TAG_RE = re.compile(
    rb"<(?:p|div|span|a|br|li|ul|ol|table|tr|td|h[1-6]|script|style|meta|link|title|img|"
    rb"article|section|header|footer|nav|head|body|form|input|iframe|noscript)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_WARC_TYPE_RE = re.compile(rb"(?im)^WARC-Type:[ \t]*([A-Za-z]+)")
_WET_FILENAME_RE = re.compile(rb"(?im)^WARC-Filename:[^\r\n]*\.wet\b")


class ReadError(Exception):
    """A problem with one document; its message becomes ``RawPage.error``."""


class GzipError(ReadError, OSError):
    """Corrupt gzip data. ``offset`` is where the damaged gzip member starts in the file.

    An OSError too, so that FastWARC, which reads through our decompressor, passes it on.
    """

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset

    def __str__(self) -> str:
        return str(self.args[0])


class TruncatedGzip(GzipError):
    """The file ends inside a gzip member (an interrupted download or copy)."""


@dataclass(slots=True)
class ReadStats:
    """What a run of :func:`iter_pages` saw, for a summary line. Pass one in to fill it."""

    pages: int = 0  # pages yielded without error
    errors: int = 0  # error pages yielded
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count, never yielded


# ---------------------------------------------------------------------------- public API


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


def sniff_format(path: str, head: bytes) -> str:
    """The format of a file, from its name if it has a known extension, else its first bytes.

    ``head`` is the start of the file as stored (gzip is looked into).
    """
    return format_from_name(path) or _sniff_content(head)


def format_from_name(path: str) -> str | None:
    """The format a file name's extension says, or None for an unknown extension."""
    name = os.path.basename(path).lower()
    for suffix, fmt in _EXTENSIONS:
        if name.endswith(suffix):
            return fmt
    return None


def is_record(obj: Any) -> bool:
    """True if ``obj`` is an already-extracted newsgraph record, not a raw page."""
    return isinstance(obj, dict) and str(obj.get("schema", "")).startswith("newsgraph/")


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


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode the bytes of a text document exactly: no newline or whitespace changes.

    UTF-8 (a BOM is dropped); UTF-16 with a BOM; else, for bytes that are not valid UTF-8,
    mostly-UTF-8 with the bad bytes replaced, or a legacy 8-bit encoding (cp1252). Returns
    the text and warnings; raises ReadError for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as e:
            raise ReadError(f"invalid UTF-16 text: {e.reason} at byte {e.start}") from None
    reason = _binary_reason(data)
    if reason:
        raise ReadError(reason)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return _decode_legacy(data)


# ---------------------------------------------------------------------------- sniffing


def _sniff_content(head: bytes) -> str:
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
    if head.startswith(b"WARC/1."):
        return _warc_or_wet(head)
    if _looks_like_html(head):
        return "html"
    if _looks_like_jsonl(head):
        return "jsonl"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    """As much of the start of a gzip stream as ``head`` holds, decompressed."""
    try:
        return zlib.decompressobj(31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _warc_or_wet(head: bytes) -> str:
    """WET files hold ``conversion`` records (after a ``warcinfo``); WARC files the rest."""
    for t in _WARC_TYPE_RE.findall(head):
        t = t.lower()
        if t == b"conversion":
            return "wet"
        if t != b"warcinfo":
            return "warc"
    return "wet" if _WET_FILENAME_RE.search(head) else "warc"


def _looks_like_html(head: bytes) -> bool:
    start = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    if start.startswith((b"<?xml", b"<!--", b"<!doctype")) and b"<html" in start:
        return True
    return len(_TAG_RE.findall(head, 0, 16384)) >= 5


def _looks_like_jsonl(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first, newline, _ = text.partition(b"\n")
    first = first.strip()
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:  # a first line longer than the head is cut off
        return not newline and first.startswith(b'{"')


# ---------------------------------------------------------------------------- decoding


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None if it may be."""
    if b"\x00" in data:
        return "binary data, not text (NUL bytes)"
    sample = data[:CHUNK]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls > 0.05 * len(sample):
        return f"binary data, not text ({controls / len(sample):.0%} control characters)"
    return None


def _decode_legacy(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not valid UTF-8: decide between damaged UTF-8 and an 8-bit encoding."""
    replaced = data.decode("utf-8", "replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore"))
    if non_ascii - bad > bad:  # more valid multi-byte characters than invalid bytes
        return replaced, [f"not valid UTF-8; {bad} invalid byte sequence(s) replaced by U+FFFD"]
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high > 0.3 * len(data):
        raise ReadError(
            f"not valid UTF-8 and not plausible 8-bit text ({high / len(data):.0%} of bytes "
            "are non-ASCII)"
        )
    try:
        return data.decode("cp1252"), ["not valid UTF-8; decoded as cp1252"]
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), ["not valid UTF-8; decoded as latin-1"]


def _empty(data: bytes, noun: str) -> str | None:
    if not data:
        return f"empty {noun}"
    return None if data.strip() else f"empty {noun} (only whitespace)"


def _html_problem(body: bytes, noun: str) -> str | None:
    """Why ``body`` cannot be an HTML page, or None."""
    empty = _empty(body, noun)
    if empty:
        return empty
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    return _binary_reason(body)


def _html_content(body: bytes) -> tuple[bytes | str, list[str]]:
    """HTML stays bytes for the cleaner to decode, except UTF-16, which it would not detect."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(body)
    return body, []


def _too_big(size: int | None, limit: int) -> str:
    where = f"page is {_size(size)}, over" if size is not None else "page is over"
    return f"{where} the {limit / (1 << 20):.3g} MB limit ({MAX_PAGE_ENV})"


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 100 << 10 else f"{n / 1024:.1f} KB"


# ---------------------------------------------------------------------------- streams


class _GzipStream(io.RawIOBase):
    """Decompress a gzip file member by member, remembering where each member starts.

    Python's gzip module hides member boundaries, and FastWARC's decoder stops without a
    word at a truncated file; we need the offsets of records, and to report truncation.
    """

    def __init__(self, raw: BinaryIO, base: int = 0) -> None:
        super().__init__()
        self._raw = raw
        self._fed = base  # file offset just past the compressed bytes read so far
        self._input = b""  # compressed bytes read but not yet decompressed
        self._inflater: Any = None  # zlib decompressor of the current member, if inside one
        self._member = base  # file offset where the current member starts
        self._upos = 0  # uncompressed bytes returned so far
        self._starts: deque[tuple[int, int]] = deque()  # (uncompressed, file offset) per member

    def readable(self) -> bool:
        return True

    def tell(self) -> int:  # FastWARC asks for the position before reading
        return self._upos

    def readinto(self, buf: Any) -> int:
        if not len(buf):  # zlib takes a max_length of 0 as "no limit"
            return 0
        while True:
            if not self._input and not self._fill():
                return 0
            out = self._inflate(len(buf))
            if out:
                buf[: len(out)] = out
                self._upos += len(out)
                return len(out)

    def cpos_at(self, upos: int) -> int | None:
        """File offset of the member starting at uncompressed position ``upos``, if one does.

        Positions must be asked in increasing order: earlier members are forgotten.
        """
        starts = self._starts
        while len(starts) > 1 and starts[1][0] <= upos:
            starts.popleft()
        return starts[0][1] if starts and starts[0][0] == upos else None

    def next_start_after(self, cpos: int) -> int | None:
        """File offset of the first member seen that starts after ``cpos``."""
        return next((c for _, c in self._starts if c > cpos), None)

    def _fill(self) -> bool:
        data = self._raw.read(GZ_CHUNK)
        if not data:
            if self._inflater is not None:
                raise TruncatedGzip(
                    f"truncated gzip stream: the file ends inside the member at offset "
                    f"{self._member}",
                    self._member,
                )
            return False
        self._fed += len(data)
        self._input += data
        return True

    def _inflate(self, size: int) -> bytes:
        if self._inflater is None and not self._start_member():
            return b""
        try:
            out = self._inflater.decompress(self._input, size)
        except zlib.error as e:
            raise GzipError(
                f"corrupt gzip data in the member at offset {self._member}: {e}", self._member
            ) from None
        if self._inflater.eof:
            self._input = self._inflater.unused_data
            self._inflater = None
        else:
            self._input = self._inflater.unconsumed_tail
        return out

    def _start_member(self) -> bool:
        """Begin the next member, skipping NUL padding; False if more input is needed."""
        self._input = self._input.lstrip(b"\x00")
        if len(self._input) < 2:
            if self._input and not self._raw_more():
                raise GzipError("data after the end of the gzip stream is not gzip", self._fed)
            return False
        offset = self._fed - len(self._input)
        if not self._input.startswith(GZIP_MAGIC):
            raise GzipError(f"data at offset {offset} is not gzip", offset)
        self._member = offset
        self._starts.append((self._upos, offset))
        self._inflater = zlib.decompressobj(31)
        return True

    def _raw_more(self) -> bool:
        data = self._raw.read(GZ_CHUNK)
        self._fed += len(data)
        self._input += data
        return bool(data)


class _Prefixed(io.RawIOBase):
    """A non-seekable stream with its first bytes, already read for sniffing, put back."""

    def __init__(self, head: bytes, inner: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._inner = inner
        self._pos = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:  # FastWARC needs it; seek() stays unsupported
        return self._pos

    def readinto(self, buf: Any) -> int:
        if self._head:
            data, self._head = self._head[: len(buf)], self._head[len(buf) :]
        else:
            data = self._inner.read(len(buf))
        buf[: len(data)] = data
        self._pos += len(data)
        return len(data)


@dataclass(slots=True)
class _Source:
    """One opened input: the bytes as stored and their first bytes for sniffing."""

    path: str
    raw: BinaryIO
    head: bytes
    seekable: bool
    size: int | None = None  # bytes on disk, for a regular file

    @property
    def gzipped(self) -> bool:
        return self.head.startswith(GZIP_MAGIC)

    def stream(self, start: int = 0) -> BinaryIO:
        """The document bytes from file offset ``start``, decompressed if gzip."""
        if self.seekable:
            self.raw.seek(start)
        elif start:
            raise ReadError("cannot seek in a stream")
        return _GzipStream(self.raw, start) if self.gzipped else self.raw  # type: ignore[return-value]


def _open_file(path: str) -> _Source:
    st = os.stat(path)
    raw: BinaryIO = open(path, "rb")  # noqa: SIM115 -- closed by the caller
    try:
        head = _read_upto(raw, HEAD_BYTES)
        seekable = raw.seekable()
        if seekable:
            raw.seek(0)
        else:  # a pipe or FIFO named on the command line
            raw = _Prefixed(head, raw)  # type: ignore[assignment]
    except BaseException:
        raw.close()
        raise
    size = st.st_size if stat.S_ISREG(st.st_mode) else None
    return _Source(path, raw, head, seekable, size)


def _read_upto(stream: BinaryIO, n: int) -> bytes:
    """Read ``n`` bytes, or fewer at the end of the stream."""
    parts = []
    while n > 0:
        data = stream.read(min(n, CHUNK))
        if not data:
            break
        parts.append(data)
        n -= len(data)
    return b"".join(parts)


def _buffered(stream: BinaryIO) -> BinaryIO:
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return io.BufferedReader(stream, CHUNK)  # type: ignore[arg-type,return-value]


def _scan(raw: BinaryIO, needle: bytes, pos: int) -> int | None:
    """File offset of the first ``needle`` at or after ``pos``, or None."""
    raw.seek(pos)
    keep = b""
    base = pos
    while True:
        data = raw.read(CHUNK)
        if not data:
            return None
        window = keep + data
        i = window.find(needle)
        if i >= 0:
            return base + i
        keep = window[-(len(needle) - 1) :]
        base += len(window) - len(keep)


def _os_reason(e: OSError) -> str:
    return e.strerror.lower() if e.strerror else str(e)


# ---------------------------------------------------------------------------- readers


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
            for path, problem in self._walk(inp):
                if problem:
                    yield self.error(path, problem, self.fmt or "html")
                else:
                    yield from self._read_path(path)
        else:
            yield from self._read_path(inp)

    def error(self, path: str, message: str, fmt: str, offset: int | None = None) -> RawPage:
        return RawPage(
            content=b"", kind=_KIND[fmt], format=fmt, path=path, offset=offset, error=message
        )

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
            elif entry.is_dir():
                self.stats.skipped["symlinked directory (not followed)"] += 1
            elif self.fmt is None and format_from_name(entry.name) is None:
                self.stats.skipped["file with an unknown extension"] += 1
            else:
                yield path, None

    def _read_path(self, path: str) -> Iterator[RawPage]:
        try:
            src = _open_file(path)
        except OSError as e:
            yield self.error(path, _os_reason(e), self.fmt or format_from_name(path) or "html")
            return
        with src.raw:
            yield from self._read_source(src)

    def _read_stdin(self) -> Iterator[RawPage]:
        if self._stdin_read:
            yield self.error(
                "-", 'standard input was already read ("-" given twice)', self.fmt or "text"
            )
            return
        self._stdin_read = True
        stdin = sys.stdin.buffer
        head = _read_upto(stdin, HEAD_BYTES)
        yield from self._read_source(_Source("-", _Prefixed(head, stdin), head, False))

    def _read_source(self, src: _Source) -> Iterator[RawPage]:
        fmt = self.fmt or sniff_format(src.path, src.head)
        if not src.head:
            yield self.error(src.path, "empty file" if src.path != "-" else "empty input", fmt)
            return
        try:
            if fmt in ("warc", "wet"):
                yield from _WarcFile(self, src, fmt).pages()
            elif fmt == "jsonl":
                yield from self._read_jsonl(src)
            else:
                yield self._read_document(src, fmt)
        except ReadError as e:
            yield self.error(src.path, str(e), fmt)
        except Exception as e:  # the batch contract: one bad document never stops the rest
            yield self.error(
                src.path, f"unexpected error while reading: {type(e).__name__}: {e}", fmt
            )
        except BaseException as e:  # a Rust panic in FastWARC is a BaseException; only that
            if type(e).__name__ != "PanicException":
                raise
            yield self.error(src.path, f"the WARC reader failed (FastWARC panic: {e})", fmt)

    def _read_document(self, src: _Source, fmt: str) -> RawPage:
        """A whole HTML or text file."""
        data = self._read_all(src)
        if fmt == "html":
            problem = _html_problem(data, "file")
            if problem:
                return self.error(src.path, problem, fmt)
            content, warnings = _html_content(data)
            return RawPage(content, "html", "html", src.path, warnings=warnings)
        empty = _empty(data, "file")
        if empty:
            return self.error(src.path, empty, fmt)
        text, warnings = decode_text(data)
        return RawPage(text, "text", "text", src.path, warnings=warnings)

    def _read_all(self, src: _Source) -> bytes:
        """The whole document, refusing one over the size limit before reading it."""
        if not src.gzipped and src.size is not None and src.size > self.limit:
            raise ReadError(_too_big(src.size, self.limit))
        data = _read_upto(src.stream(), self.limit + 1)
        if len(data) > self.limit:
            raise ReadError(_too_big(None, self.limit))
        return data

    # -- JSON Lines

    def _read_jsonl(self, src: _Source) -> Iterator[RawPage]:
        stream = _buffered(src.stream())
        lineno = 0
        try:
            while line := stream.readline(self.limit + 1):
                lineno += 1
                if len(line) > self.limit and not line.endswith(b"\n"):
                    size = len(line) + _skip_line(stream)
                    yield self.error(src.path, _too_big(size, self.limit), "jsonl", lineno)
                    continue
                if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]
                if line.strip():
                    yield self._jsonl_page(src.path, line, lineno)
        except TruncatedGzip:
            yield self.error(
                src.path, f"truncated gzip stream after {lineno} lines", "jsonl", lineno + 1
            )
        except GzipError as e:
            yield self.error(src.path, f"{e} (after line {lineno})", "jsonl", lineno + 1)

    def _jsonl_page(self, path: str, line: bytes, lineno: int) -> RawPage:
        try:
            obj = json.loads(line)
        except ValueError as e:  # JSONDecodeError and UnicodeDecodeError
            return self.error(path, f"not valid JSON ({e})", "jsonl", lineno)
        problem = _jsonl_problem(obj)
        if problem:
            return self.error(path, problem, "jsonl", lineno)
        kind, key = ("html", "html") if "html" in obj else ("text", _text_key(obj))
        content = obj[key]
        if not isinstance(content, str):
            return self.error(path, f"field {key!r} is not a string", "jsonl", lineno)
        if not content.strip():
            return self.error(path, f"empty page (field {key!r} is empty)", "jsonl", lineno)
        page = RawPage(content, kind, "jsonl", path, offset=lineno)
        page.url = _str_field(obj, ("url",), page.warnings)
        page.title = _str_field(obj, ("title",), page.warnings)
        page.published = _str_field(obj, ("published", "date"), page.warnings)
        return page


_TEXT_KEYS = ("text", "content", "body")


def _text_key(obj: dict[str, Any]) -> str:
    return next(k for k in _TEXT_KEYS if k in obj)


def _jsonl_problem(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return f"not a JSON object (a JSON {_json_type(obj)})"
    if is_record(obj):
        return "already a newsgraph record; use `newsgraph ingest` for records"
    if "html" not in obj and not any(k in obj for k in _TEXT_KEYS):
        fields = ", ".join(sorted(obj)[:10]) or "none"
        return f"no 'html' or 'text' field (fields: {fields})"
    return None


def _json_type(obj: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if obj is None else names.get(type(obj), type(obj).__name__)


def _str_field(obj: dict[str, Any], keys: tuple[str, ...], warnings: list[str]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if value is not None and not isinstance(value, str):
            warnings.append(f"ignored field {key!r}: not a string")
    return None


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of an overlong line, a chunk at a time; return its length."""
    skipped = 0
    while chunk := stream.readline(CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


# ---------------------------------------------------------------------------- WARC / WET


class _WarcFile:
    """The pages in one WARC or WET file, going on past damaged records where possible.

    FastWARC stops at a malformed record; we then find the next record (the next gzip member,
    or the next ``WARC/1.`` line) and start a new iterator there.
    """

    def __init__(self, reader: _Reader, src: _Source, fmt: str) -> None:
        self.reader = reader
        self.src = src
        self.fmt = fmt
        self.records = 0  # records read whole, across restarts
        self._reported: int | None = None  # offset of the last record reported as damaged

    def pages(self) -> Iterator[RawPage]:
        start: int | None = 0
        quiet = False  # after a failure, a restart that fails at once is the same damage
        while start is not None:
            start, quiet = yield from self._run(start, quiet)

    def _run(self, start: int, quiet: bool) -> Iterator[RawPage]:
        """Read records from file offset ``start``; return (where to restart or None, failed)."""
        stream = self.src.stream(start)
        gz = stream if isinstance(stream, _GzipStream) else None
        last: tuple[int, int | None] | None = None  # (offset, Content-Length) of the last record
        before = self.records
        try:
            records = ArchiveIterator(
                stream, parse_http=True, auto_decode="none", stream_detect=False
            )
            for rec in records:
                offset = rec.stream_pos
                if gz is not None:
                    cpos = gz.cpos_at(offset)
                    offset = cpos if cpos is not None else offset
                page = self._damaged(rec, offset) or self._page(rec, offset)
                last = (offset, _int(rec.headers.get("Content-Length")))
                self.records += 1
                if page is not None:
                    yield page
        except TruncatedGzip as e:
            yield self._error(f"truncated gzip stream after {self.records} records", e.offset)
            return None, True
        except (OSError, ValueError) as e:  # FastWARC's parse errors, and GzipError
            broken = e.offset if isinstance(e, GzipError) else self._damage_at(start, last, gz)
            resume = self._resume_after(broken, gz) if broken is not None else None
            repeated = quiet and self.records == before
            if not repeated and (broken is None or broken != self._reported):
                yield self._failure(e, broken, resume, last)
            return resume, True
        return None, False

    def _failure(
        self,
        e: Exception,
        broken: int | None,
        resume: int | None,
        last: tuple[int, int | None] | None,
    ) -> RawPage:
        rest = "" if resume is not None else "; the rest of the file was skipped"
        if isinstance(e, GzipError):
            return self._error(f"{e}{rest}", e.offset)
        if broken == 0 and self.records == 0 and resume is None:
            return self._error(f"not a {self.fmt.upper()} file ({e})", 0)
        if broken is None:  # where exactly is unknown: a single gzip stream, or stdin
            after = last[0] if last else 0
            return self._error(
                f"WARC data after the record at offset {after} is malformed: {e}{rest}", after
            )
        return self._error(f"WARC record at offset {broken} is malformed: {e}{rest}", broken)

    def _damage_at(
        self, start: int, last: tuple[int, int | None] | None, gz: _GzipStream | None
    ) -> int | None:
        """File offset where the record FastWARC failed on starts, if it can be known."""
        if last is None:
            return start
        if last[1] is None:  # the last record's length was unreadable: it is the damage
            return last[0]
        if gz is not None:
            return gz.next_start_after(last[0])
        if not self.src.seekable:
            return None
        raw = self.src.raw
        raw.seek(last[0])
        header_end = raw.read(HEAD_BYTES).find(b"\r\n\r\n")
        return None if header_end < 0 else last[0] + header_end + 4 + last[1] + 4

    def _resume_after(self, broken: int, gz: _GzipStream | None) -> int | None:
        """File offset of the first record start after ``broken``, or None."""
        if not self.src.seekable:
            return None
        if gz is not None:
            nxt = gz.next_start_after(broken)
            return nxt if nxt is not None else _scan(self.src.raw, _GZIP_MEMBER, broken + 1)
        pos = _scan(self.src.raw, _WARC_START, broken)
        return None if pos is None else pos + 1

    def _error(self, message: str, offset: int | None) -> RawPage:
        return self.reader.error(self.src.path, message, self.fmt, offset)

    def _skip(self, reason: str) -> None:
        self.reader.stats.skipped[reason] += 1

    # -- one record

    def _damaged(self, rec: WarcRecord, offset: int) -> RawPage | None:
        """An error page for a record without a usable length (a header cut short, say)."""
        length = rec.headers.get("Content-Length")
        if length is not None and _int(length) is not None:
            return None
        what = "no Content-Length header" if length is None else f"Content-Length {length!r}"
        self._reported = offset
        return self._error(
            f"WARC record at offset {offset} is incomplete or malformed: {what}", offset
        )

    def _page(self, rec: WarcRecord, offset: int) -> RawPage | None:
        rtype = rec.record_type
        if self.fmt == "wet":
            if rtype != WarcRecordType.conversion:
                return self._skip(f"WET {rtype} record")
            return self._record_page(rec, offset, None)
        if rtype == WarcRecordType.response:
            if not rec.is_http:
                return self._skip("WARC response that is not HTTP")
            status = rec.http_headers.status_code
            if status is not None and not 200 <= status < 300:
                return self._skip("WARC response with HTTP status other than 2xx")
            ctype = rec.http_content_type
        elif rtype == WarcRecordType.resource:
            ctype = (rec.headers.get("Content-Type") or "").split(";")[0].strip() or None
        else:
            return self._skip(f"WARC {rtype} record")
        if ctype and ctype.lower() not in _HTML_TYPES:
            return self._skip("WARC record that is not HTML")
        return self._record_page(rec, offset, ctype)

    def _record_page(self, rec: WarcRecord, offset: int, ctype: str | None) -> RawPage | None:
        url = rec.headers.get("WARC-Target-URI")
        try:
            body, warnings = self._body(rec)
            if self.fmt == "wet":
                empty = _empty(body, "page")
                if empty:
                    raise ReadError(empty)
                text, more = decode_text(body)
                return RawPage(
                    text, "text", "wet", self.src.path, url, offset, warnings=warnings + more
                )
            if not ctype and not _looks_like_html(body[:HEAD_BYTES]):
                return self._skip("WARC record that is not HTML")
            problem = _html_problem(body, "page")
            if problem:
                raise ReadError(problem)
            content, more = _html_content(body)
            return RawPage(
                content, "html", "warc", self.src.path, url, offset, warnings=warnings + more
            )
        except ReadError as e:
            if isinstance(e, GzipError):  # the file itself is damaged: not this record's
                raise
            page = self._error(str(e), offset)
            page.url = url
            return page

    def _body(self, rec: WarcRecord) -> tuple[bytes, list[str]]:
        """The record's payload, HTTP transfer and content encodings undone."""
        limit = self.reader.limit
        length = rec.content_length
        if length > limit:
            raise ReadError(_too_big(length, limit))
        body = rec.reader.read()
        if len(body) < length:
            raise ReadError(
                f"WARC record is truncated: the file ends after {len(body)} of {length} bytes"
            )
        warnings = []
        if rec.headers.get("WARC-Truncated"):
            warnings.append(
                f"the crawler truncated this record "
                f"(WARC-Truncated: {rec.headers.get('WARC-Truncated')})"
            )
        if rec.record_type == WarcRecordType.response and rec.is_http:
            body = _decode_http_body(body, rec.http_headers, limit, warnings)
        return body, warnings


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _decode_http_body(body: bytes, headers: Any, limit: int, warnings: list[str]) -> bytes:
    """Undo chunked transfer encoding and gzip/deflate/br/zstd content encodings.

    Crawlers often store a decoded body but keep the headers; a body that does not decode
    but already looks like HTML is taken as it is, with a warning.
    """
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        body = _dechunk(body)
    codings = [c.strip().lower() for c in (headers.get("Content-Encoding") or "").split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        try:
            body = _undo_coding(body, coding, limit)
        except ReadError:
            raise
        except Exception as e:
            if _looks_like_html(body[:HEAD_BYTES]):
                warnings.append(
                    f"the body is not {coding}-encoded as its headers say; used as it is"
                )
                continue
            raise ReadError(
                f"cannot decode the HTTP body (Content-Encoding: {coding}): {e}"
            ) from None
    return body


def _undo_coding(body: bytes, coding: str, limit: int) -> bytes:
    if coding in ("gzip", "x-gzip", "deflate"):
        out = _inflate(body, limit)
    elif coding == "br":
        out = BrotliReader(io.BytesIO(body)).read(limit + 1)
    elif coding == "zstd":
        out = ZstdReader(io.BytesIO(body)).read(limit + 1)
    else:
        raise ValueError("unsupported encoding")
    if len(out) > limit:
        raise ReadError(_too_big(None, limit))
    return out


def _inflate(body: bytes, limit: int) -> bytes:
    """gzip, zlib or raw deflate data, at most ``limit + 1`` bytes of it."""
    wbits = 47 if body[:1] in (b"\x1f", b"\x78") else -15  # gzip/zlib header, else raw
    d = zlib.decompressobj(wbits)
    out = d.decompress(body, limit + 1)
    if not out and not d.eof:
        raise zlib.error("incomplete or empty compressed data")
    return out


def _dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked encoding; a body that is not chunked after all is returned as is."""
    parts: list[bytes] = []
    pos = 0
    while pos < len(body):
        eol = body.find(b"\n", pos)
        try:
            size = int(body[pos : eol if eol >= 0 else len(body)].split(b";")[0].strip(), 16)
        except ValueError:
            size = -1
        if size < 0 or eol < 0:
            break  # not a chunk header: not chunked at all, or junk after the last chunk
        if size == 0:
            return b"".join(parts)
        parts.append(body[eol + 1 : eol + 1 + size])
        pos = eol + 1 + size
        pos += 2 if body[pos : pos + 2] == b"\r\n" else 1 if body[pos : pos + 1] == b"\n" else 0
    return b"".join(parts) if parts else body
