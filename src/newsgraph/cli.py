"""The `newsgraph` command: a thin Typer layer over the library functions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph import __version__

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
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (read recursively) or - for stdin.", show_default=False
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSON Lines here (default: stdout).")
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
        int, typer.Option("--workers", min=1, help="Processes, each loading the pipeline once.")
    ] = 1,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, no per-document errors on stderr.")
    ] = False,
) -> None:
    """Extract who-said-what records from news pages, one JSON object per document.

    Exit status: 0 when every document was processed, 1 when some failed (each reported on
    stderr and as a record with "text": null), 2 for usage errors.
    """
    from newsgraph import nlp as nlp_mod
    from newsgraph.pipeline import extract_many
    from newsgraph.progress import Progress

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

    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    failed = total = 0
    try:
        with Progress(enabled=not quiet and sys.stderr.isatty(), what="documents") as progress:
            for rec in extract_many(
                inputs, workers=workers, fmt=fmt, raw=raw, published=published, model=model
            ):
                total += 1
                if rec.text is None:
                    failed += 1
                if rec.errors and not quiet:
                    for err in rec.errors:
                        progress.print(
                            f"newsgraph: {'error' if rec.text is None else 'warning'}: {err}"
                        )
                out.write(rec.to_json() + "\n")
                progress.advance()
    finally:
        if output:
            out.close()
        else:
            out.flush()
    if not quiet and (failed or total == 0):
        typer.echo(
            f"newsgraph: {total - failed} of {total} documents processed, {failed} failed", err=True
        )
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
    from newsgraph import cli_eval, cli_kb, cli_train, cli_web

    cli_kb.register(app)
    cli_eval.register(app)
    cli_train.register(app)
    cli_web.register(app)


_register_command_groups()


def main() -> None:
    app()
