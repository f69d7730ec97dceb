"""Remote inputs (``https://``, ``s3://``, ``gs://``, ``hdfs://``, anything fsspec knows):
each is copied to a local temporary file, read there, and deleted.

The readers need a seekable local file (they restart after a damaged WARC record), so a
remote input is downloaded whole before it is read; a worker holds one at a time.
``http(s)`` uses the standard library (with retries: Common Crawl's server answers 503 when
busy); ``s3``/``gs``/``hdfs`` use pyarrow's filesystems (a core dependency; credentials from
the usual environment variables); other schemes go through fsspec if it is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
HTTP_SCHEMES = ("http", "https")
ARROW_SCHEMES = ("s3", "gs", "gcs", "hdfs", "viewfs")
TMP_ENV = "NEWSGRAPH_TMPDIR"  # where remote inputs are downloaded (default: the system's)
ATTEMPTS = 5  # tries per http download
BLOCK = 1 << 20


class RemoteError(OSError):
    """A remote input that cannot be fetched (or whose scheme is not supported here)."""


def is_remote(path: str) -> bool:
    """True for a URL other than ``file://``."""
    return bool(_URL_RE.match(path)) and not path.lower().startswith("file://")


def local_path(path: str) -> str:
    """A ``file://`` URL as a local path; anything else unchanged."""
    if path.lower().startswith("file://"):
        return urllib.parse.unquote(urllib.parse.urlparse(path).path)
    return path


def scheme(url: str) -> str:
    return url.split("://", 1)[0].lower()


def check_supported(url: str) -> None:
    """Raise RemoteError, saying what to install, if ``url``'s scheme cannot be read here."""
    s = scheme(url)
    if s in HTTP_SCHEMES:
        return
    if s in ARROW_SCHEMES:
        try:
            import pyarrow.fs as pafs

            pafs.FileSystem.from_uri  # noqa: B018 -- the attribute exists in every pyarrow
        except ImportError as e:  # pragma: no cover -- pyarrow is a dependency
            raise RemoteError(f"reading {s}:// inputs needs pyarrow: {e}") from None
        return
    try:
        import fsspec
    except ImportError:
        raise RemoteError(
            f"cannot read {s}:// inputs: http(s), s3, gs and hdfs are built in; for other "
            f"schemes install fsspec and its {s} backend (pip install fsspec)"
        ) from None
    try:
        fsspec.get_filesystem_class(s)
    except (ImportError, ValueError) as e:
        raise RemoteError(f"cannot read {s}:// inputs: {e}") from None


@contextmanager
def fetched(url: str) -> Iterator[str]:
    """A local copy of ``url``, named like it (the format is told by the name), deleted after."""
    name = os.path.basename(urllib.parse.urlparse(url).path) or "input"
    tmp = tempfile.mkdtemp(prefix="newsgraph-", dir=os.environ.get(TMP_ENV) or None)
    path = os.path.join(tmp, name)
    try:
        with open(path, "wb") as out:
            _download(url, out)
        yield path
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _download(url: str, out: BinaryIO) -> None:
    s = scheme(url)
    if s in HTTP_SCHEMES:
        _http(url, out)
    elif s in ARROW_SCHEMES:
        _arrow(url, out)
    else:
        _fsspec(url, out)


def _http(url: str, out: BinaryIO) -> None:
    from newsgraph import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"newsgraph/{__version__}"})
    for attempt in range(ATTEMPTS):
        out.seek(0)
        out.truncate()
        try:
            with urllib.request.urlopen(request, timeout=60) as resp:
                expected = resp.headers.get("Content-Length")
                got = _copy(resp, out)
            if expected is not None and got != int(expected):
                raise RemoteError(f"incomplete download: {got} of {expected} bytes")
            return
        except urllib.error.HTTPError as e:
            if (e.code < 500 and e.code != 429) or attempt == ATTEMPTS - 1:
                raise RemoteError(f"cannot fetch {url}: HTTP {e.code} {e.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, RemoteError) as e:
            if attempt == ATTEMPTS - 1:
                reason = getattr(e, "reason", None) or e
                raise RemoteError(f"cannot fetch {url}: {reason}") from None
        time.sleep(min(60.0, 2.0**attempt))


def _arrow(url: str, out: BinaryIO) -> None:
    import pyarrow.fs as pafs

    try:
        fs, path = pafs.FileSystem.from_uri(url)
        with fs.open_input_stream(path) as f:
            _copy(f, out)
    except (OSError, ValueError) as e:
        raise RemoteError(f"cannot fetch {url}: {e}") from None


def _fsspec(url: str, out: BinaryIO) -> None:
    check_supported(url)
    import fsspec

    try:
        with fsspec.open(url, "rb") as f:
            _copy(f, out)
    except (OSError, ValueError) as e:
        raise RemoteError(f"cannot fetch {url}: {e}") from None


def _copy(src: BinaryIO, out: BinaryIO) -> int:
    n = 0
    while block := src.read(BLOCK):
        out.write(block)
        n += len(block)
    return n
