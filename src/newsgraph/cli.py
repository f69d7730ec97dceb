"""The `newsgraph` command: a thin Typer layer over the library functions."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextlib import suppress
from typing import IO, TYPE_CHECKING, Annotated

import typer

from newsgraph import __version__

if TYPE_CHECKING:
    from newsgraph.record import Document

app = typer.Typer(
    name="newsgraph",
    help="Turn raw news pages into who-said-what data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("html", "text", "warc", "wet", "jsonl")


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"newsgraph: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn raw news pages into who-said-what data."""


@app.command()
def extract(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (read recursively) or - for stdin; with -o DIR/ also "
            "http(s)://, s3://, gs:// URLs.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Write JSON Lines here (default: stdout). A directory (DIR/ or an existing "
            "one): one output file per input plus DIR/_manifest.jsonl; a job run again "
            "skips the inputs already done.",
        ),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Force the input format: " + ", ".join(FORMATS))
    ] = None,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="The input is clean text: keep it exactly, offsets index into it."
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Date that relative dates resolve against when "
            "the page does not give one (YYYY-MM-DD).",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", envvar="NEWSGRAPH_MODEL", help="spaCy pipeline name or path."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes (Ray: actors), each loading the pipeline once. Default: 1; with "
            "-o DIR/ every CPU (of this machine, or of the Ray cluster).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, no per-document errors on stderr.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option("--engine", help="With -o DIR/: local (a process pool) or ray."),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            envvar="RAY_ADDRESS",
            help="--engine ray: the cluster to join (auto, ray://HOST:10001); "
            "default: start a local Ray instance.",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--output-format", help="With -o DIR/: jsonl or parquet."),
    ] = "jsonl",
    inputs_from: Annotated[
        str | None,
        typer.Option(
            "--inputs-from",
            metavar="FILE",
            help="Read more inputs from FILE, one path or URL a line (.gz allowed; - for "
            "stdin).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="With -o DIR/: redo every input, even those done."),
    ] = False,
) -> None:
    """Extract who-said-what records from news pages, one JSON object per document.

    Exit status: 0 when every document was processed, 1 when some failed (each reported on
    stderr and as a record with "text": null; so is an input with no document in it), 2 for
    usage errors (an output that cannot be written is one).
    """
    from newsgraph import nlp as nlp_mod
    from newsgraph.outputs import OutputError, open_output, utf8_stdout
    from newsgraph.pipeline import extract_many

    inputs = list(inputs or [])
    if inputs_from is not None:
        inputs += _read_input_list(inputs_from)
    elif not inputs:
        raise _missing_inputs(ctx)
    to_dir = output is not None and _is_dir_output(output)
    _check_job_options(engine, output_format, force, to_dir)
    if fmt is not None and fmt not in FORMATS:
        raise _usage_error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if published is not None:
        from newsgraph.extractors.dates import parse_reference

        if parse_reference(published) is None:
            raise _usage_error(f"--published must be a date like 2019-04-26, not {published!r}")
    if inputs.count("-") > 1:
        raise _usage_error("stdin (-) can be read only once")
    try:
        nlp_mod.load(model)  # fail early, with a clear message, before reading anything
    except nlp_mod.ModelError as e:
        raise _usage_error(str(e)) from None

    if to_dir:
        assert output is not None
        _extract_to_dir(
            inputs, output, fmt=fmt, raw=raw, published=published, model=model,
            workers=workers, quiet=quiet, engine=engine, address=address,
            output_format=output_format, force=force,
        )
    try:
        out = open_output(output) if output else utf8_stdout()
    except OutputError as e:
        raise _usage_error(str(e)) from None
    records = extract_many(
        inputs, workers=workers or 1, fmt=fmt, raw=raw, published=published, model=model
    )
    where = output or "standard output"
    try:
        failed, total = _write_records(records, out, where, quiet)
    except BaseException:
        if output:
            with suppress(OSError):
                out.close()
        raise
    _close(out, where, close=output is not None)
    if not quiet and (failed or total == 0):
        typer.echo(
            f"newsgraph: {total - failed} of {total} documents processed, {failed} failed", err=True
        )
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _write_records(
    records: Iterable[Document], out: IO[str], where: str, quiet: bool
) -> tuple[int, int]:
    """Write records as JSON Lines, reporting each document's errors; (failed, total)."""
    from newsgraph.progress import Progress

    failed = total = 0
    with Progress(enabled=not quiet and sys.stderr.isatty(), what="documents") as progress:
        for rec in records:
            total += 1
            if rec.text is None:
                failed += 1
            if rec.errors and not quiet:
                for err in rec.errors:
                    progress.print(
                        f"newsgraph: {'error' if rec.text is None else 'warning'}: {err}"
                    )
            try:
                out.write(rec.to_json() + "\n")
            except OSError as e:
                raise _write_error(where, e) from None
            progress.advance()
    return failed, total


def _close(out: IO[str], where: str, close: bool) -> None:
    """Flush the output (and close it): the last writes may fail only here."""
    try:
        out.flush()
        if close:
            out.close()
    except OSError as e:
        raise _write_error(where, e) from None


def _write_error(where: str, e: OSError) -> typer.Exit:
    """The output broke while writing (a full disk, an I/O error): the run cannot go on."""
    return _usage_error(f"cannot write {where}: {(e.strerror or str(e)).lower()}")


# ---------------------------------------------------------------- extract -o DIR/ (jobs)
def _missing_inputs(ctx: typer.Context) -> Exception:
    """The error Typer gives for a missing required argument (INPUTS is optional only
    because --inputs-from can stand for it)."""
    try:
        from typer._click.exceptions import MissingParameter  # typer vendors click
    except ImportError:  # pragma: no cover -- older typer
        from click.exceptions import MissingParameter

    param = next(p for p in ctx.command.params if p.name == "inputs")
    return MissingParameter(ctx=ctx, param=param)


def _is_dir_output(output: str) -> bool:
    """-o DIR/ (a trailing slash) or an existing directory: one output file per input."""
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def _check_job_options(engine: str, output_format: str, force: bool, to_dir: bool) -> None:
    """Valid job options, and only with an output directory."""
    from newsgraph.jobs.formats import OUTPUT_FORMATS
    from newsgraph.jobs.runner import ENGINES

    if engine not in ENGINES:
        raise _usage_error(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if output_format not in OUTPUT_FORMATS:
        raise _usage_error(f"--output-format must be one of {', '.join(OUTPUT_FORMATS)}, "
                           f"not {output_format!r}")
    if to_dir:
        return
    if engine != "local":
        raise _usage_error(f"--engine {engine} needs an output directory (-o DIR/)")
    if output_format != "jsonl":
        raise _usage_error(f"--output-format {output_format} needs an output directory (-o DIR/)")
    if force:
        raise _usage_error("--force needs an output directory (-o DIR/)")


def _read_input_list(path: str) -> list[str]:
    from newsgraph.jobs.plan import read_input_list

    try:
        inputs = read_input_list(path)
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise _usage_error(f"--inputs-from {path}: {e}") from None
    if not inputs:
        raise _usage_error(f"--inputs-from {path}: no inputs listed")
    return inputs


def _extract_to_dir(inputs: list[str], output: str, *, fmt: str | None, raw: bool,
                    published: str | None, model: str | None, workers: int | None, quiet: bool,
                    engine: str, address: str | None, output_format: str,
                    force: bool) -> None:
    """Run ``extract`` as a resumable job into an output directory; exits."""
    from newsgraph.jobs import JobError, JobSpec
    from newsgraph.jobs.console import run_with_console
    from newsgraph.pipeline import Options

    spec = JobSpec(
        inputs, output, Options(raw=raw, published=published, model=model), fmt=fmt,
        output_format=output_format, engine=engine, workers=workers,
        address=address if engine == "ray" else None, force=force,
    )
    try:
        report = run_with_console(spec, quiet=quiet)
    except JobError as e:
        raise _usage_error(str(e)) from None
    failed = report.failed_documents or report.failed_inputs or report.empty_inputs
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def show(
    records: Annotated[list[str], typer.Argument(help="Record files (JSON Lines) or - for stdin.")],
) -> None:
    """Print records readably: per article, its people, statements and events."""
    from newsgraph.show import read_records, render

    try:
        for path in records:
            render(read_records(path))
    except (OSError, ValueError) as e:
        raise _usage_error(str(e)) from None


def _register_command_groups() -> None:
    """Commands defined beside the library code they drive."""
    from newsgraph import cli_eval, cli_kb, cli_train, cli_web, cli_workbench

    cli_kb.register(app)
    cli_workbench.register(app)
    cli_eval.register(app)
    cli_train.register(app)
    cli_web.register(app)


_register_command_groups()


def main() -> None:
    app()
