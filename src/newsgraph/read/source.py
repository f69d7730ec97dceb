"""One opened input: its bytes as stored, its first bytes for sniffing, its document stream."""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from typing import Any, BinaryIO

from newsgraph.read.errors import ReadError
from newsgraph.read.gzipstream import GZIP_MAGIC, GzipStream
from newsgraph.read.sniff import HEAD_BYTES

CHUNK = 1 << 20  # bytes per read of an input


class Prefixed(io.RawIOBase):
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
class Source:
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
        return GzipStream(self.raw, start) if self.gzipped else self.raw  # type: ignore[return-value]


def open_file(path: str) -> Source:
    """Open the file at ``path`` and read its head; the caller closes ``Source.raw``."""
    st = os.stat(path)
    raw: BinaryIO = open(path, "rb")  # noqa: SIM115 -- closed by the caller
    try:
        head = read_upto(raw, HEAD_BYTES)
        seekable = raw.seekable()
        if seekable:
            raw.seek(0)
        else:  # a pipe or FIFO named on the command line
            raw = Prefixed(head, raw)  # type: ignore[assignment]
    except BaseException:
        raw.close()
        raise
    size = st.st_size if stat.S_ISREG(st.st_mode) else None
    return Source(path, raw, head, seekable, size)


def read_upto(stream: BinaryIO, n: int) -> bytes:
    """Read ``n`` bytes, or fewer at the end of the stream."""
    parts = []
    while n > 0:
        data = stream.read(min(n, CHUNK))
        if not data:
            break
        parts.append(data)
        n -= len(data)
    return b"".join(parts)
