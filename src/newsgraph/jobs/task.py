"""One task, run in a worker: read one input, extract its records, write its output file
atomically, and report what happened (small: the records stay in the file)."""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.jobs.atomic import atomic_path
from newsgraph.jobs.formats import RecordWriter
from newsgraph.jobs.plan import Task
from newsgraph.jobs.remote import fetched, is_remote
from newsgraph.page import RawPage
from newsgraph.pipeline import Extractor, process_input

MAX_MESSAGES = 1000  # per-document messages passed back per input (the rest are counted)


@dataclass(slots=True)
class TaskResult:
    """What a worker reports for one task."""

    input: str
    output: str
    ok: bool = False
    records: int = 0
    failed: int = 0  # documents with text: null
    messages: list[tuple[bool, str]] = field(default_factory=list)  # (is_error, message)
    more_messages: int = 0  # not passed back
    output_bytes: int = 0
    output_sha256: str = ""
    seconds: float = 0.0
    cpu_s: float = 0.0  # CPU time the worker spent on it (all its threads)
    worker: str = ""
    peak_rss_kb: int = 0
    error: str | None = None  # the task itself failed: no output was written


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_kb() -> int:
    """This process's peak resident set (VmHWM), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _renamed(pages: Iterable[RawPage], path: str) -> Iterator[RawPage]:
    """Pages of a downloaded copy, named after the remote input."""
    for page in pages:
        page.path = path
        yield page


def run_task(extractor: Extractor, task: Task) -> TaskResult:
    """Process ``task`` with ``extractor``; never raises for a problem with the input."""
    from newsgraph.read import iter_pages

    res = TaskResult(task.input, task.output, worker=worker_id())
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        remote = is_remote(task.input)
        with fetched(task.input) if remote else nullcontext(task.input) as path:
            pages = iter_pages([path], task.fmt)
            if remote:
                pages = _renamed(pages, task.input)
            final = Path(task.out_dir) / task.output
            with atomic_path(final) as tmp, RecordWriter(tmp, task.output_format) as out:
                for rec in process_input(extractor, pages):
                    out.write(rec)
                    _note(res, rec.text is None, rec.errors)
        res.records, res.output_bytes, res.output_sha256 = out.count, out.size, out.sha256
        res.ok = True
    except Exception as e:  # a failed download, a full disk, a bug: this input fails alone
        res.error = f"{type(e).__name__}: {e}" if not isinstance(e, OSError) else str(e)
        res.failed, res.messages, res.more_messages = 0, [], 0  # no records were kept
    res.seconds = time.perf_counter() - t0
    res.cpu_s = time.process_time() - c0
    res.peak_rss_kb = peak_rss_kb()
    return res


def _note(res: TaskResult, failed: bool, errors: list[str]) -> None:
    if failed:
        res.failed += 1
    for err in errors:
        if len(res.messages) < MAX_MESSAGES:
            res.messages.append((failed, err))
        else:
            res.more_messages += 1
