"""The `newsgraph` command: a thin Typer layer over the library functions."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn raw news pages into who-said-what data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:
    app()
