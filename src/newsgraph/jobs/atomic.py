"""Files that appear whole or not at all: write a hidden temporary file beside the target,
fsync it, rename it over the target, fsync the directory.

Temporary files are named ``.<name>.<pid>.<random>.ngtmp``: hidden, so that directory
readers (newsgraph's own, pyarrow datasets, Spark) never see them, and recognisable, so that
a job can delete those a killed run left behind.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".ngtmp"
_TEMP_RE = re.compile(r"^\..+\.\d+\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")


def temp_path(final: Path) -> Path:
    return final.parent / f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path to write; when the block ends without error, the file there is
    made durable and renamed to ``final``. On error it is deleted and ``final`` untouched."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(final.parent)


def write_atomic(final: Path, data: bytes) -> None:
    """Replace ``final`` with ``data`` atomically."""
    with atomic_path(final) as tmp:
        tmp.write_bytes(data)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(top: Path) -> int:
    """Delete the temporary files that killed runs left under ``top``; return how many."""
    n = 0
    for dirpath, _, files in os.walk(top):
        for name in files:
            if _TEMP_RE.match(name):
                Path(dirpath, name).unlink(missing_ok=True)
                n += 1
    return n
