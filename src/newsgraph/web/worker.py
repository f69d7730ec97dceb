"""The process that runs extractions on request, and the parent's handle on it.

Extraction is CPU-bound and a long one cannot be interrupted from inside (one spaCy call
may take seconds), so it runs in a process of its own that the server can kill: when the
client leaves or the time limit passes, ``WorkerProcess.stop()`` ends it at once and a new
one is started. The worker loads the spaCy pipeline once (``warm``) and then answers jobs
one at a time over a pipe. It is a fresh interpreter (a server process has threads, so
``fork`` is unsafe) and exits when the server goes away (its end of the pipe closes).
"""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio

log = logging.getLogger("newsgraph.web")

# Messages from the worker: (kind, payload)
READY, RESULT, UNAVAILABLE, FAILED = "ready", "result", "unavailable", "failed"


@dataclass(frozen=True, slots=True)
class Job:
    """One extraction: the content as posted (bytes, decoded in the worker as the CLI
    decodes a file), its kind (html, text, or None to sniff) and options."""

    content: bytes
    kind: str | None
    url: str | None = None
    raw: bool = False


class Unavailable(RuntimeError):
    """Extraction cannot run in this installation (a stage or the model is missing)."""


def warm_up() -> None:
    """Load the spaCy pipeline and the stages, so that a job's time is the job's alone."""
    try:
        from newsgraph import nlp
        from newsgraph.clean import clean_page  # noqa: F401
        from newsgraph.pipeline import extract  # noqa: F401
    except ImportError as exc:
        raise Unavailable(str(exc)) from None
    try:
        nlp.load()
    except nlp.ModelError as exc:
        raise Unavailable(str(exc)) from None


def extract_job(job: Job) -> dict[str, Any]:
    """The newsgraph/1 record for a job (run in the worker)."""
    try:
        from newsgraph.nlp import ModelError
        from newsgraph.pipeline import extract
    except ImportError as exc:
        raise Unavailable(str(exc)) from None
    try:
        return extract(job.content, url=job.url, raw=job.raw, kind=job.kind).to_dict()
    except (ModelError, ImportError) as exc:
        raise Unavailable(str(exc)) from None


Work = Callable[[Job], dict[str, Any]]
Warm = Callable[[], None]


def _ref(func: Callable[..., Any]) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def _resolve(ref: str) -> Any:
    module, _, name = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def _serve(jobs: Connection, answers: Connection, work: Work, warm: Warm | None) -> None:
    """The worker's main loop (in the child process)."""
    try:
        if warm is not None:
            warm()
        answers.send((READY, None))
    except Unavailable as exc:
        answers.send((UNAVAILABLE, str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which logs it
        answers.send((FAILED, f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):  # the server went away
            return
        try:
            answers.send((RESULT, work(job)))
        except Unavailable as exc:
            answers.send((UNAVAILABLE, str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which logs it
            answers.send((FAILED, f"{type(exc).__name__}: {exc}"))


# Not ``-m newsgraph.web.worker``: the package imports this module before running it.
_CHILD = "import sys; from newsgraph.web.worker import main; main(sys.argv[1:])"


class WorkerProcess:
    """The parent's end: start, send a job, await the answer, stop.

    The child is a new Python running ``main`` (not a multiprocessing child, which would
    import the server's main script again), talking over two pipes of its own.
    """

    def __init__(self, work: Work, warm: Warm | None) -> None:
        job_r, job_w = os.pipe()
        answer_r, answer_w = os.pipe()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, _ref(work),
                 _ref(warm) if warm else "-", str(job_r), str(answer_w)],
                pass_fds=(job_r, answer_w), stdin=subprocess.DEVNULL, env=env)
        except BaseException:
            for fd in (job_w, answer_r):
                os.close(fd)
            raise
        finally:
            os.close(job_r)
            os.close(answer_w)
        self.jobs = Connection(job_w, readable=False)
        self.answers = Connection(answer_r, writable=False)
        self.ready = False

    async def receive(self) -> tuple[str, Any]:
        """The worker's next message; (FAILED, ...) if it died."""
        try:
            await anyio.wait_readable(self.answers)
            return self.answers.recv()
        except (EOFError, OSError):
            return FAILED, f"the extraction process ended (exit status {self._status()})"

    def send(self, job: Job) -> None:
        self.jobs.send(job)

    def _status(self) -> int | None:
        try:
            return self.process.wait(1)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        """Kill the process now (it may be in the middle of a job) and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            log.warning("the extraction process %d did not end", self.process.pid)
        self.jobs.close()
        self.answers.close()


def main(argv: list[str]) -> None:
    work_ref, warm_ref, job_fd, answer_fd = argv
    work = _resolve(work_ref)
    warm = None if warm_ref == "-" else _resolve(warm_ref)
    _serve(Connection(int(job_fd), writable=False), Connection(int(answer_fd), readable=False),
           work, warm)
