"""Format detection: by a file name's extension, else by the first bytes of the content."""

from __future__ import annotations

import json
import os
import re
import zlib

from newsgraph.read.gzipstream import GZIP_MAGIC

FORMATS = ("html", "text", "warc", "wet", "jsonl")
HEAD_BYTES = 64 << 10  # how much of a file the format sniffer sees

# Longest suffix first where one is a suffix of another.
_EXTENSIONS = (
    (".warc.wet.gz", "wet"), (".wet.gz", "wet"), (".wet", "wet"),
    (".warc.gz", "warc"), (".warc", "warc"),
    (".html.gz", "html"), (".htm.gz", "html"), (".html", "html"), (".htm", "html"),
    (".txt.gz", "text"), (".txt", "text"),
    (".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
)  # fmt: skip

_TAG_RE = re.compile(
    rb"<(?:p|div|span|a|br|li|ul|ol|table|tr|td|h[1-6]|script|style|meta|link|title|img|"
    rb"article|section|header|footer|nav|head|body|form|input|iframe|noscript)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_WARC_TYPE_RE = re.compile(rb"(?im)^WARC-Type:[ \t]*([A-Za-z]+)")
_WET_FILENAME_RE = re.compile(rb"(?im)^WARC-Filename:[^\r\n]*\.wet\b")


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


def looks_like_html(head: bytes) -> bool:
    """True if ``head``, the start of a document, looks like HTML."""
    start = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    if start.startswith((b"<?xml", b"<!--", b"<!doctype")) and b"<html" in start:
        return True
    return len(_TAG_RE.findall(head, 0, 16384)) >= 5


def _sniff_content(head: bytes) -> str:
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
    if head.startswith(b"WARC/1."):
        return _warc_or_wet(head)
    if looks_like_html(head):
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
