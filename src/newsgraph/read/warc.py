"""WARC and WET files: one page per HTML response or text conversion record.

Reading goes on past damaged records where the file allows it: see :class:`WarcFile`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.page import RawPage
from newsgraph.read.decode import decode_text, empty_problem, html_content, html_problem
from newsgraph.read.errors import ReadError, error_page
from newsgraph.read.gzipstream import GZIP_MEMBER, GzipError, GzipStream, TruncatedGzip
from newsgraph.read.httpbody import decode_http_body
from newsgraph.read.limits import too_big
from newsgraph.read.sniff import HEAD_BYTES, looks_like_html
from newsgraph.read.source import CHUNK, Source

_WARC_START = b"\nWARC/1."  # a record header at the start of a line
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class WarcFile:
    """The pages in one WARC or WET file, going on past damaged records where possible.

    FastWARC stops at a malformed record; we then find the next record (the next gzip member,
    or the next ``WARC/1.`` line) and start a new iterator there.
    """

    def __init__(self, src: Source, fmt: str, limit: int, skipped: Counter[str]) -> None:
        self.src = src
        self.fmt = fmt
        self.limit = limit  # page size limit in bytes
        self.skipped = skipped  # reason -> count of records not yielded
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
        gz = stream if isinstance(stream, GzipStream) else None
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
        self, start: int, last: tuple[int, int | None] | None, gz: GzipStream | None
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
        if header_end < 0:
            return None
        end = last[0] + header_end + 4 + last[1] + 4
        if self.src.size is not None and end > self.src.size:
            return last[0]  # its Content-Length runs past the end of the file: it is the damage
        return end

    def _resume_after(self, broken: int, gz: GzipStream | None) -> int | None:
        """File offset of the first record start after ``broken``, or None."""
        if not self.src.seekable:
            return None
        if gz is not None:
            nxt = gz.next_start_after(broken)
            return nxt if nxt is not None else _scan(self.src.raw, GZIP_MEMBER, broken + 1)
        pos = _scan(self.src.raw, _WARC_START, broken)
        return None if pos is None else pos + 1

    def _error(self, message: str, offset: int | None) -> RawPage:
        return error_page(self.src.path, message, self.fmt, offset)

    def _skip(self, reason: str) -> None:
        self.skipped[reason] += 1

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
                empty = empty_problem(body, "page")
                if empty:
                    raise ReadError(empty)
                text, more = decode_text(body)
                return RawPage(
                    text, "text", "wet", self.src.path, url, offset, warnings=warnings + more
                )
            if not ctype and not looks_like_html(body[:HEAD_BYTES]):
                return self._skip("WARC record that is not HTML")
            problem = html_problem(body, "page")
            if problem:
                raise ReadError(problem)
            content, more = html_content(body)
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
        limit = self.limit
        length = rec.content_length
        if length > limit:
            raise ReadError(too_big(length, limit))
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
            body = decode_http_body(body, rec.http_headers, limit, warnings)
        return body, warnings


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


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
