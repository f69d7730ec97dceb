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


# What a file that is not a regular file is, for the message that refuses it.
_NOT_REGULAR = (
    (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "directory"),
)  # fmt: skip


def not_regular(mode: int) -> str | None:
    """Why a file of ``mode`` (``os.stat().st_mode``) is not read as an input, or None for a
    regular file. Opening a FIFO blocks until a writer comes (forever, if none does) and a
    device such as /dev/zero never ends: only regular files are opened; stdin is ``-``."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "special file")
    return f"not a regular file: {kind}"


def open_file(path: str) -> Source:
    """Open the regular file at ``path`` and read its head; the caller closes ``Source.raw``.

    Raises OSError when the file cannot be opened, ReadError when it is not a regular file
    (checked before ``open``, which would block on a FIFO)."""
    st = os.stat(path)
    problem = not_regular(st.st_mode)
    if problem:
        raise ReadError(problem)
    raw: BinaryIO = open(path, "rb")  # noqa: SIM115 -- closed by the caller
    try:
        head = read_upto(raw, HEAD_BYTES)
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    return Source(path, raw, head, True, st.st_size)


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
