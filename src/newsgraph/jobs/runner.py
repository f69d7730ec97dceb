"""Running a job: plan the tasks, skip those whose outputs are complete, run the rest on an
engine, record each finished input in the manifest, report.

One job at a time per output directory (a lock file, ``DIR/.newsgraph.lock``). The engine is
started only when there is work: re-running a finished job costs a directory scan.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from newsgraph.jobs.atomic import remove_stale_temps
from newsgraph.jobs.formats import OUTPUT_FORMATS
from newsgraph.jobs.manifest import SCHEMA, Manifest
from newsgraph.jobs.plan import Task, plan
from newsgraph.jobs.remote import check_supported, is_remote
from newsgraph.jobs.task import TaskResult
from newsgraph.pipeline import Options

ENGINES = ("local", "ray")
LOCK = ".newsgraph.lock"


class JobError(Exception):
    """The job cannot start (bad options, output directory busy, unsupported input)."""


class Engine(Protocol):
    name: str
    workers: int

    def start(self) -> None: ...

    def map(self, tasks: list[Task]) -> Iterator[TaskResult]: ...

    def close(self) -> None: ...


@dataclass(slots=True, frozen=True)
class JobSpec:
    """What to run: inputs, where to, how."""

    inputs: list[str]
    out_dir: str
    options: Options = Options()
    fmt: str | None = None  # forced input format
    output_format: str = "jsonl"
    engine: str = "local"
    workers: int | None = None  # None: every CPU (local: this machine's, ray: the cluster's)
    address: str | None = None  # ray: an existing cluster
    force: bool = False  # redo every input


@dataclass(slots=True)
class JobReport:
    """What a run did; documents count every input of the job, done now or before."""

    inputs: int = 0
    processed: int = 0
    skipped: int = 0  # complete from an earlier run
    failed_inputs: int = 0
    empty_inputs: list[str] = field(default_factory=list)  # named directories, no input file
    documents: int = 0
    failed_documents: int = 0
    processed_documents: int = 0  # in the inputs processed by this run
    engine: str = ""
    workers: int = 0
    startup_s: float = 0.0  # engine start: workers up and pipelines loaded
    process_s: float = 0.0  # from all workers ready to the last output
    wall_s: float = 0.0
    cpu_s: float = 0.0  # CPU time the workers spent on this run's inputs
    peak_rss_kb: dict[str, int] = field(default_factory=dict)  # per worker

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def output_options(spec: JobSpec) -> dict[str, Any]:
    """What shapes an input's output: a finished input is redone when any of it changes."""
    from newsgraph import __version__
    from newsgraph import nlp as nlp_mod

    meta = nlp_mod.load(spec.options.model).meta
    return {
        "model": f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}",
        "raw": spec.options.raw,
        "published": spec.options.published,
        "format": spec.fmt,
        "output_format": spec.output_format,
        "newsgraph": __version__,
    }


def open_engine(spec: JobSpec) -> Engine:
    if spec.engine == "ray":
        from newsgraph.distributed import RayEngine

        return RayEngine(spec.options, spec.workers, spec.address)
    from newsgraph.jobs.local import LocalEngine

    return LocalEngine(spec.options, spec.workers or default_workers())


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover -- not Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the output directory's lock; JobError if another job holds it."""
    with open(out_dir / LOCK, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise JobError(f"another job is writing to {out_dir} (lock {LOCK})") from None
        yield


def _check(spec: JobSpec) -> None:
    if spec.engine not in ENGINES:
        raise JobError(f"--engine must be one of {', '.join(ENGINES)}, not {spec.engine!r}")
    if spec.output_format not in OUTPUT_FORMATS:
        raise JobError(f"--output-format must be one of {', '.join(OUTPUT_FORMATS)}")
    if spec.engine == "ray":
        from newsgraph.distributed import RayUnavailable, import_ray

        try:
            import_ray()
        except RayUnavailable as e:
            raise JobError(str(e)) from None
    if "-" in spec.inputs:
        raise JobError("stdin (-) cannot be read into an output directory; use -o FILE")
    for inp in spec.inputs:
        if is_remote(inp):
            try:
                check_supported(inp)
            except OSError as e:
                raise JobError(str(e)) from None


def _entry(task: Task, res: TaskResult, options: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "input": task.input,
        "input_stamp": task.stamp,
        "output": task.output,
        "status": "done" if res.ok else "failed",
        "records": res.records,
        "failed": res.failed,
        "output_bytes": res.output_bytes,
        "output_sha256": res.output_sha256,
        "options": options,
        "completed": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "seconds": round(res.seconds, 3),
        "worker": res.worker,
        "error": res.error,
    }


def run_job(spec: JobSpec, on_result: Callable[[TaskResult], None] | None = None) -> JobReport:
    """Run ``spec``, calling ``on_result`` as each input finishes. Raises JobError, with no
    output written, if the job cannot start (bad options, directory busy, engine down)."""
    _check(spec)
    t0 = time.perf_counter()
    out_dir = Path(spec.out_dir).absolute()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise JobError(f"cannot create the output directory {spec.out_dir}: {e}") from None
    report = JobReport(engine=spec.engine)
    with locked(out_dir):
        remove_stale_temps(out_dir)
        manifest = Manifest(out_dir)
        manifest.compact()
        options = output_options(spec)
        tasks = plan(spec.inputs, str(out_dir), spec.fmt, spec.output_format,
                     empty=report.empty_inputs)
        todo: list[Task] = []
        for task in tasks:
            done = None if spec.force else manifest.complete(task, options)
            if done is None:
                todo.append(task)
            else:
                report.skipped += 1
                report.documents += int(done.get("records", 0))
                report.failed_documents += int(done.get("failed", 0))
        report.inputs = len(tasks)
        if todo:
            _run(spec, todo, options, manifest, report, on_result)
        manifest.compact()
    report.wall_s = time.perf_counter() - t0
    return report


def _run(
    spec: JobSpec, todo: list[Task], options: dict[str, Any], manifest: Manifest,
    report: JobReport, on_result: Callable[[TaskResult], None] | None,
) -> None:
    engine = open_engine(spec)
    try:
        t = time.perf_counter()
        try:
            engine.start()
        except Exception as e:  # e.g. no Ray cluster at --address
            raise JobError(f"the {spec.engine} engine did not start: {e}") from e
        report.workers = engine.workers
        report.startup_s = time.perf_counter() - t
        t = time.perf_counter()
        by_input = {task.input: task for task in todo}
        # Largest inputs first: the last tasks to finish are then short ones.
        order = sorted(todo, key=lambda task: -task.size)
        for res in engine.map(order):
            manifest.append(_entry(by_input[res.input], res, options))
            if res.ok:
                report.processed += 1
                report.documents += res.records
                report.processed_documents += res.records
                report.failed_documents += res.failed
            else:
                report.failed_inputs += 1
            report.cpu_s += res.cpu_s
            if res.worker:
                report.peak_rss_kb[res.worker] = max(
                    res.peak_rss_kb, report.peak_rss_kb.get(res.worker, 0))
            if on_result:
                on_result(res)
        report.process_s = time.perf_counter() - t
    finally:
        engine.close()
