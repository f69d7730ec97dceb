"""The local engine: one process (``workers == 1``) or a pool of worker processes, each
loading the spaCy pipeline once (``pipeline.Extractor``) and running one task at a time.

Tasks are handed out one per idle worker, so a worker that dies (killed, out of memory)
takes at most the inputs in flight with it: those are reported failed (a rerun retries them),
a new pool is started and the job goes on. Workers die with the job (``PR_SET_PDEATHSIG`` on
Linux): a killed job leaves no worker behind writing into the output directory.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsgraph.jobs.plan import Task
from newsgraph.jobs.task import TaskResult, run_task
from newsgraph.pipeline import Extractor, Options

READY_TIMEOUT_S = 900.0  # for every worker to load the pipeline

_extractor: Extractor | None = None
_barrier: Any = None


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _init_worker(options: Options, barrier: Any) -> None:
    global _extractor, _barrier
    _die_with_parent()
    _extractor = Extractor(options)
    _barrier = barrier


def _ready() -> None:
    """Returns once every worker of the pool has loaded its pipeline."""
    _barrier.wait(READY_TIMEOUT_S)


def _run(task: Task) -> TaskResult:
    assert _extractor is not None
    return run_task(_extractor, task)


def _context() -> Any:
    """fork (workers share the loaded pipeline), unless Ray runs in this process: forking
    beside its threads is unsafe, so then forkserver."""
    ray = sys.modules.get("ray")
    if ray is not None and getattr(ray, "is_initialized", lambda: False)():
        return mp.get_context("forkserver")
    return mp.get_context()


class LocalEngine:
    """Runs tasks in this process (one worker) or in a process pool."""

    name = "local"

    def __init__(self, options: Options, workers: int) -> None:
        self.options = options
        self.workers = max(1, workers)
        self._extractor: Extractor | None = None
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Load the pipeline in every worker; return when all are ready."""
        if self.workers == 1:
            self._extractor = Extractor(self.options)
            return
        ctx = _context()
        barrier = ctx.Barrier(self.workers)
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=ctx, initializer=_init_worker,
            initargs=(self.options, barrier),
        )
        for f in [self._pool.submit(_ready) for _ in range(self.workers)]:
            f.result()

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        """Results as tasks finish (not in task order)."""
        if self.workers == 1:
            if self._extractor is None:
                self.start()
            assert self._extractor is not None
            for task in tasks:
                yield run_task(self._extractor, task)
            return
        if self._pool is None:
            self.start()
        todo = iter(tasks)
        running: dict[Future[TaskResult], Task] = {}
        broken = False
        while True:
            while not broken and len(running) < self.workers:
                task = next(todo, None)
                if task is None:
                    break
                assert self._pool is not None
                running[self._pool.submit(_run, task)] = task
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                task = running.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken = True
                    yield _died(task)
                except Exception as e:  # e.g. a result that cannot be sent back
                    yield TaskResult(task.input, task.output, error=f"{type(e).__name__}: {e}")
            if broken and not running:
                self.close()
                self.start()
                broken = False

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _died(task: Task) -> TaskResult:
    return TaskResult(
        task.input, task.output,
        error="a worker process died while this input was in progress (killed, or out of "
              "memory?); run the job again to retry it",
    )
