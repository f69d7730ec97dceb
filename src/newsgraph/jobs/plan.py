"""A job's work: the input files (directories walked as ``iter_pages`` walks them), one task
per file, and each task's output file name.

Output names keep the inputs' directory structure below their common root and add the
format's suffix to the whole input name (``crawl/a.warc.gz`` -> ``a.warc.gz.jsonl``), so that
names are unique (``a.html`` and ``a.txt`` stay apart) and stable across runs of the same
inputs. Remote inputs are placed by ``scheme/host/path``.
"""

from __future__ import annotations

import os
import posixpath
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.jobs.remote import is_remote, local_path
from newsgraph.read import format_from_name
from newsgraph.read.inputs import links_to_dir


@dataclass(frozen=True, slots=True)
class Task:
    """One input file and where its records go."""

    input: str  # the path as given or found by walking (records' source.path), or a URL
    output: str  # output file, relative to out_dir, '/'-separated
    out_dir: str  # absolute
    fmt: str | None  # forced input format
    output_format: str  # jsonl | parquet
    stamp: dict[str, Any] | None  # size and mtime of a local input; None: remote or missing

    @property
    def size(self) -> int:
        return int(self.stamp["size"]) if self.stamp else 0


def expand_inputs(
    inputs: Iterable[str], fmt: str | None = None, exclude: str | None = None,
    empty: list[str] | None = None,
) -> list[str]:
    """Input files: URLs and files as given, directories walked (sorted, hidden entries and
    unknown extensions skipped unless ``fmt`` is given, symlinked directories not followed),
    ``exclude`` (the output directory) left out, duplicates dropped. Directories named in
    ``inputs`` that hold no input file are appended to ``empty``."""
    skip = os.path.realpath(exclude) if exclude else None
    seen: set[str] = set()
    files: list[str] = []
    for inp in inputs:
        inp = local_path(inp)
        if is_remote(inp) or not os.path.isdir(inp):
            found = [inp]
        else:
            found = list(_walk(inp, fmt, skip))
            if not found and empty is not None:
                empty.append(inp)
        for f in found:
            key = f if is_remote(f) else os.path.realpath(f)
            if key in seen or (skip and not is_remote(f) and _inside(key, skip)):
                continue
            seen.add(key)
            files.append(f)
    return files


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def _walk(top: str, fmt: str | None, skip: str | None) -> Iterator[str]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield top  # unreadable: reading it gives the error record
        return
    for entry in entries:
        path = os.path.join(top, entry.name)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if skip is None or os.path.realpath(path) != skip:
                yield from _walk(path, fmt, skip)
        elif links_to_dir(entry):
            continue
        elif fmt is not None or format_from_name(entry.name) is not None:
            yield path


def _key(path: str) -> str:
    """Where an input sits in one namespace of local and remote paths."""
    if is_remote(path):
        u = urllib.parse.urlparse(path)
        return posixpath.normpath(f"/{u.scheme.lower()}/{u.netloc}/{u.path.lstrip('/')}")
    return os.path.abspath(path).replace(os.sep, "/")


def output_names(files: list[str], suffix: str) -> dict[str, str]:
    """Each input's output file name, relative to the output directory."""
    keys = {f: _key(f) for f in files}
    dirs = [posixpath.dirname(k) for k in keys.values()]
    root = posixpath.commonpath(dirs) if dirs else "/"
    return {f: posixpath.relpath(k, root) + suffix for f, k in keys.items()}


def stamp(path: str) -> dict[str, Any] | None:
    """What tells that a local input changed: its size and modification time."""
    if is_remote(path):
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def plan(
    inputs: Iterable[str], out_dir: str, fmt: str | None, output_format: str,
    empty: list[str] | None = None,
) -> list[Task]:
    """One task per input file, in input order; named directories with no input file are
    appended to ``empty`` (they have no task)."""
    out_dir = os.path.abspath(out_dir)
    files = expand_inputs(inputs, fmt, exclude=out_dir, empty=empty)
    names = output_names(files, "." + output_format)
    return [Task(f, names[f], out_dir, fmt, output_format, stamp(f)) for f in files]


def read_input_list(path: str) -> list[str]:
    """Inputs listed in a file (``-``: stdin), one a line; ``.gz`` files are decompressed,
    blank lines and ``#`` comments skipped (Common Crawl's ``wet.paths.gz`` reads as is)."""
    import gzip
    import sys

    if path == "-":
        text = sys.stdin.read()
    elif path.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            text = f.read()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]
