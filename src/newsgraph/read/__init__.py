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

Modules: ``inputs`` walks the inputs and hands each to its format's reader (``document``,
``warc``, ``jsonl``); ``source`` opens an input, ``sniff`` finds its format, ``gzipstream``
decompresses it; ``decode`` and ``httpbody`` turn bytes into content; ``limits`` holds the
page size limit and ``errors`` the per-document error.
"""

from __future__ import annotations

from newsgraph.read.decode import decode_text
from newsgraph.read.document import document_page
from newsgraph.read.errors import ReadError
from newsgraph.read.gzipstream import GzipError, TruncatedGzip
from newsgraph.read.inputs import ReadStats, iter_pages
from newsgraph.read.jsonl import is_record
from newsgraph.read.limits import MAX_PAGE_BYTES, MAX_PAGE_ENV, MAX_PAGE_MB, max_page_bytes
from newsgraph.read.sniff import FORMATS, format_from_name, sniff_format

__all__ = [
    "FORMATS",
    "MAX_PAGE_BYTES",
    "MAX_PAGE_ENV",
    "MAX_PAGE_MB",
    "GzipError",
    "ReadError",
    "ReadStats",
    "TruncatedGzip",
    "decode_text",
    "document_page",
    "format_from_name",
    "is_record",
    "iter_pages",
    "max_page_bytes",
    "sniff_format",
]
