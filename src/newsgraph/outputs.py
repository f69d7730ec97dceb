"""Where the commands write: output files opened up front with a one-line reason when they
cannot be."""

from __future__ import annotations

import errno
import os
from typing import IO, Any


class OutputError(Exception):
    """An output path that cannot be written (a usage error: exit status 2)."""


def open_output(path: str | os.PathLike[str], binary: bool = False) -> IO[Any]:
    """Open ``path`` for writing (UTF-8 text, or bytes); OutputError says why it cannot be."""
    try:
        if binary:
            return open(path, "wb")  # noqa: SIM115 -- the caller closes it
        return open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise OutputError(f"cannot write {os.fspath(path)}: {_reason(e, path)}") from None


def _reason(e: OSError, path: str | os.PathLike[str]) -> str:
    parent = os.path.dirname(os.fspath(path)) or "."
    if e.errno == errno.ENOENT and not os.path.isdir(parent):
        return f"directory {parent} does not exist"
    if e.errno == errno.EISDIR:
        return "it is a directory"
    return (e.strerror or str(e)).lower()
