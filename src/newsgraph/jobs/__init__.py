"""Resumable extraction jobs: many input files in, one output file per input, a manifest.

    from newsgraph.jobs import JobSpec, run_job
    report = run_job(JobSpec(["crawl/"], "out/", workers=2))          # local process pool
    report = run_job(JobSpec(["crawl/"], "out/", engine="ray"))      # Ray actors

Every input file becomes one task; its records go to one output file (JSON Lines or Parquet)
written atomically, and a line in ``out/_manifest.jsonl``. A job run again skips the inputs
whose outputs are complete and current and redoes the rest; no output is ever partial.
Records of an input are the same whichever engine, worker count or run produced them.

Modules: ``plan`` (inputs -> tasks and output names), ``task`` (one task in a worker),
``local`` (process pool engine; ``newsgraph.distributed`` is the Ray one), ``manifest``,
``formats`` (JSON Lines and Parquet writers and readers), ``atomic`` (temp + fsync +
rename), ``remote`` (URL inputs), ``runner`` (the job).
"""

from __future__ import annotations

import importlib
from typing import Any

from newsgraph.jobs.formats import OUTPUT_FORMATS, arrow_schema, read_records
from newsgraph.jobs.manifest import MANIFEST, Manifest
from newsgraph.jobs.plan import Task, plan

_LAZY = {  # these import the pipeline (spaCy): loaded on first use
    "ENGINES": "runner", "JobError": "runner", "JobReport": "runner", "JobSpec": "runner",
    "run_job": "runner", "TaskResult": "task",
}

__all__ = [
    "ENGINES",
    "MANIFEST",
    "OUTPUT_FORMATS",
    "JobError",
    "JobReport",
    "JobSpec",
    "Manifest",
    "Task",
    "TaskResult",
    "arrow_schema",
    "output_files",
    "plan",
    "read_records",
    "run_job",
]


def output_files(out_dir: str) -> list[str]:
    """The complete output files of a job directory, from its manifest, sorted by input."""
    import os

    m = Manifest(out_dir)
    return [os.path.join(out_dir, e["output"]) for _, e in sorted(m.entries.items())
            if e.get("status") == "done"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"newsgraph.jobs.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'newsgraph.jobs' has no attribute {name!r}")
