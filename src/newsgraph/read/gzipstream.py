"""Streaming gzip decompression that keeps member offsets and reports corrupt or cut-off data."""

from __future__ import annotations

import io
import zlib
from collections import deque
from typing import Any, BinaryIO

from newsgraph.read.errors import ReadError

GZIP_MAGIC = b"\x1f\x8b"
GZIP_MEMBER = b"\x1f\x8b\x08"  # magic + deflate: what a gzip member starts with
GZ_CHUNK = 64 << 10  # compressed bytes per read: the unconsumed rest is copied per call


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


class GzipStream(io.RawIOBase):
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
