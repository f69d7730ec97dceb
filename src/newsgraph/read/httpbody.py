"""HTTP bodies as crawlers store them: undoing chunked transfer and content encodings."""

from __future__ import annotations

import io
import zlib
from typing import Any

from fastwarc.stream_io import BrotliReader, ZstdReader

from newsgraph.read.errors import ReadError
from newsgraph.read.limits import too_big
from newsgraph.read.sniff import HEAD_BYTES, looks_like_html


def decode_http_body(body: bytes, headers: Any, limit: int, warnings: list[str]) -> bytes:
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
            if looks_like_html(body[:HEAD_BYTES]):
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
        raise ReadError(too_big(None, limit))
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
