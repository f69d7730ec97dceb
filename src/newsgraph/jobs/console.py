"""A job on the terminal: per-document messages and failed inputs on stderr as inputs
finish, a progress bar over inputs when stderr is a terminal, a summary line at the end."""

from __future__ import annotations

import sys

import typer

from newsgraph.jobs.runner import JobReport, JobSpec, run_job
from newsgraph.jobs.task import TaskResult
from newsgraph.page import shown_path
from newsgraph.progress import Progress


def run_with_console(spec: JobSpec, quiet: bool = False) -> JobReport:
    """Run ``spec`` as ``newsgraph extract -o DIR/`` does; JobError if it cannot start."""
    with Progress(enabled=not quiet and sys.stderr.isatty(), what="inputs") as progress:

        def on_result(res: TaskResult) -> None:
            if not quiet:
                for is_error, msg in res.messages:
                    progress.print(f"newsgraph: {'error' if is_error else 'warning'}: {msg}")
                if res.more_messages:
                    progress.print(
                        f"newsgraph: {shown_path(res.input)}: {res.more_messages} more messages"
                    )
            if res.error:
                progress.print(f"newsgraph: error: {shown_path(res.input)}: {res.error}")
            progress.advance()

        report = run_job(spec, on_result=on_result)
    for inp in report.empty_inputs:  # like a failed input, said even with --quiet
        typer.echo(f"newsgraph: error: {shown_path(inp)}: no input files in this directory",
                   err=True)
    if not quiet:
        typer.echo(summary(report, spec.out_dir), err=True)
    return report


def summary(report: JobReport, out_dir: str) -> str:
    return (
        f"newsgraph: {report.inputs} inputs: {report.processed} processed, "
        f"{report.skipped} already complete, {report.failed_inputs} failed; "
        f"{report.documents} documents, {report.failed_documents} failed (in {out_dir})"
    )
