"""Where the commands write: output files opened up front with a one-line reason when they
cannot be, and text streams that are always valid UTF-8."""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import IO, Any

# A str that cannot be encoded (a lone surrogate, say, from JSON input that escaped one) is
# written as its \uXXXX escape instead of stopping the batch: inside a JSON string that is
# the JSON escape of the same character, so the line stays valid JSON and valid UTF-8.
ENCODE_ERRORS = "backslashreplace"


class OutputError(Exception):
    """An output path that cannot be written (a usage error: exit status 2)."""


def open_output(path: str | os.PathLike[str], binary: bool = False) -> IO[Any]:
    """Open ``path`` for writing (UTF-8 text, or bytes); OutputError says why it cannot be."""
    try:
        if binary:
            return open(path, "wb")  # noqa: SIM115 -- the caller closes it
        return open(path, "w", encoding="utf-8", errors=ENCODE_ERRORS)  # noqa: SIM115
    except OSError as e:
        raise OutputError(f"cannot write {os.fspath(path)}: {_reason(e, path)}") from None


def utf8_stdout() -> IO[str]:
    """Standard output as UTF-8 whatever the locale says, never failing on a character."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(encoding="utf-8", errors=ENCODE_ERRORS)
    return out


def _reason(e: OSError, path: str | os.PathLike[str]) -> str:
    parent = os.path.dirname(os.fspath(path)) or "."
    if e.errno == errno.ENOENT and not os.path.isdir(parent):
        return f"directory {parent} does not exist"
    if e.errno == errno.EISDIR:
        return "it is a directory"
    return (e.strerror or str(e)).lower()
