"""The `eval` command group: score the extraction against gold data with the referee's
metrics (``newsgraph.evaluate``). The main app adds it with ``register(app)``.

    newsgraph eval polnear DIR                 PolNeAR split: DIR/text, DIR/attributions
    newsgraph eval ggt GOLD.jsonl              GGT-style gold (each line holds its text)
    newsgraph eval golden ARTICLE.gold.json    a hand-annotated article
    newsgraph eval aeb TRUTH.json INPUTS...    article-body extraction
    newsgraph eval events GOLD.json INPUTS...  events (docs/events.md), or --predictions

Exit status: 0 when the evaluation ran (documents without a prediction are reported and
counted as empty, as the referee does), 2 for usage errors (missing or malformed files,
predictions not made in raw mode, a spaCy pipeline that cannot be loaded).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

if TYPE_CHECKING:  # the CLI imports the library only when a command runs
    from newsgraph.evaluate import Report
    from newsgraph.record import Document

Run = Callable[[], Iterator["Document"]]

EXIT_OK, EXIT_USAGE = 0, 2

eval_app = typer.Typer(
    name="eval",
    help="Score the extraction against gold data, with the referee's metric definitions.",
    no_args_is_help=True,
)

PredOption = Annotated[
    Path | None,
    typer.Option(
        "--predictions",
        metavar="PRED.jsonl",
        help="Score this records file instead of running the extraction.",
    ),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="Extraction processes, each loading the pipeline.")
]
OutOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", metavar="OUT.jsonl", help="Keep the predictions here."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the referee's JSON object instead of a table.")
]
DetailsOption = Annotated[
    bool,
    typer.Option(
        "--details", help="List the errors: missed gold items, extra predictions, wrong speakers."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", envvar="NEWSGRAPH_MODEL", help="spaCy pipeline name or path."),
]


class _Usage(Exception):
    """A usage error: reported on stderr, exit status 2."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"newsgraph: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _extract(run: Run, model: str | None, output: Path | None) -> list[Document]:
    """Run an extraction with progress on a terminal; keep the records in ``output``."""
    from newsgraph import nlp as nlp_mod

    try:
        nlp_mod.load(model)  # fail early, with a clear message
    except nlp_mod.ModelError as e:
        raise _Usage(str(e)) from None
    if output is None:
        return _collect(run(), None)
    try:
        out = open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise _Usage(f"cannot write {output}: {e.strerror}") from None
    with out:
        return _collect(run(), out)


def _collect(records: Iterator[Document], out: TextIO | None) -> list[Document]:
    """The records of a run, reporting failed documents; each written to ``out`` if given."""
    from newsgraph.progress import Progress

    kept: list[Document] = []
    with Progress(enabled=sys.stderr.isatty(), what="extracting") as progress:
        for rec in records:
            if rec.text is None:
                progress.print(f"newsgraph: error: {'; '.join(rec.errors)}")
            if out is not None:
                out.write(rec.to_json() + "\n")
            kept.append(rec)
            progress.advance()
    return kept


def _predictions(
    pred_path: Path | None, run: Run, model: str | None, output: Path | None
) -> list[Document] | dict[str, dict[str, Any]]:
    """The records to score: from ``--predictions``, else from an extraction run."""
    from newsgraph.evaluate import load_predictions

    if pred_path is None:
        return _extract(run, model, output)
    if output is not None:
        raise _Usage("-o keeps the predictions of an extraction run; --predictions has none")
    return load_predictions(pred_path)


def _print(report: Report, as_json: bool, details: bool) -> None:
    from newsgraph.evaluate.render import render_details, render_json, render_table

    if as_json:
        typer.echo(render_json(report, details))
        return
    if details:
        typer.echo(render_details(report))
        typer.echo("")
    typer.echo(render_table(report))


def _missing_note(report: Report) -> None:
    missing = report.scores.get("documents_missing")
    n = len(missing) if isinstance(missing, list) else int(missing or 0)
    if n:
        typer.echo(
            f"newsgraph: warning: {n} gold documents have no prediction (scored as empty)", err=True
        )


def _evaluate(score: Callable[[], Report], as_json: bool, details: bool) -> None:
    """Score, print, and turn evaluation errors into usage errors."""
    from newsgraph.evaluate import EvalError

    try:
        report = score()
    except (EvalError, _Usage) as e:
        raise _fail(str(e)) from None
    _print(report, as_json, details)
    _missing_note(report)
    raise typer.Exit(EXIT_OK)


def _require(path: Path, what: str) -> None:
    if not path.exists():
        raise _fail(f"{what} {path} does not exist")


def _inputs_or_predictions(inputs: list[str] | None, predictions: Path | None, what: str) -> None:
    """Exactly one of: the ``what`` to extract (INPUTS...), or --predictions."""
    if inputs and predictions is not None:
        raise _fail(f"give the {what} to extract (INPUTS...) or --predictions, not both")
    if not inputs and predictions is None:
        raise _fail(f"give the {what} to extract (INPUTS...) or --predictions PRED.jsonl")


def _score_inputs(load: Callable[[], Any], evaluate: Callable[[Any, Any], Report],
                  inputs: list[str] | None, predictions: Path | None, workers: int,
                  model: str | None, output: Path | None, as_json: bool, details: bool) -> None:
    """Score documents extracted in normal mode (or a predictions file) against a gold."""
    from newsgraph.evaluate.run import run_aeb

    def score() -> Report:
        gold = load()
        run = partial(run_aeb, list(inputs or []), workers, model)
        return evaluate(_predictions(predictions, run, model, output), gold)

    _evaluate(score, as_json, details)


@eval_app.command("polnear")
def eval_polnear(
    split: Annotated[Path, typer.Argument(help="Split folder: text/*.txt, attributions/*.ann.")],
    predictions: PredOption = None,
    workers: WorkersOption = 1,
    output: OutOption = None,
    as_json: JsonOption = False,
    details: DetailsOption = False,
    model: ModelOption = None,
) -> None:
    """PolNeAR: Source, Cue and Content spans (exact and token F1), attribution F1."""
    from newsgraph.evaluate import evaluate_polnear
    from newsgraph.evaluate.polnear import load_polnear
    from newsgraph.evaluate.run import run_polnear

    _require(split, "PolNeAR split")

    def score() -> Report:
        gold = load_polnear(split)
        run = partial(run_polnear, split, workers, model)
        return evaluate_polnear(_predictions(predictions, run, model, output), gold)

    _evaluate(score, as_json, details)


@eval_app.command("ggt")
def eval_ggt(
    gold_file: Annotated[
        Path, typer.Argument(metavar="GOLD.jsonl", help="GGT-style gold, one article a line.")
    ],
    predictions: PredOption = None,
    workers: WorkersOption = 1,
    output: OutOption = None,
    as_json: JsonOption = False,
    details: DetailsOption = False,
    model: ModelOption = None,
) -> None:
    """GGT-style gold: quote F1 (strict and loose, at 0.3 and 0.8), speaker accuracy."""
    from newsgraph.evaluate import evaluate_ggt
    from newsgraph.evaluate.ggt import load_ggt
    from newsgraph.evaluate.run import run_ggt

    _require(gold_file, "GGT gold file")

    def score() -> Report:
        gold = load_ggt(gold_file)
        run = partial(run_ggt, gold, workers, model)
        return evaluate_ggt(_predictions(predictions, run, model, output), gold)

    _evaluate(score, as_json, details)


@eval_app.command("golden")
def eval_golden(
    gold_file: Annotated[
        Path,
        typer.Argument(metavar="ARTICLE.gold.json", help="Gold file; its document lies beside it."),
    ],
    predictions: PredOption = None,
    workers: WorkersOption = 1,
    output: OutOption = None,
    as_json: JsonOption = False,
    details: DetailsOption = False,
    model: ModelOption = None,
) -> None:
    """A hand-annotated article: cleaning, people, titles, quotes, speakers, events."""
    from newsgraph.evaluate import evaluate_golden
    from newsgraph.evaluate.golden import document_path, load_golden
    from newsgraph.evaluate.run import run_golden

    _require(gold_file, "golden gold file")

    def score() -> Report:
        gold = load_golden(gold_file)
        run = partial(run_golden, document_path(gold_file, gold), workers, model)
        return evaluate_golden(_predictions(predictions, run, model, output), gold)

    _evaluate(score, as_json, details)


@eval_app.command("aeb")
def eval_aeb(
    truth: Annotated[
        Path,
        typer.Argument(metavar="TRUTH.json", help="ground-truth.json: {id: {articleBody, ...}}."),
    ],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="INPUTS...", help="The pages (HTML or text files, or folders)."),
    ] = None,
    predictions: PredOption = None,
    workers: WorkersOption = 1,
    output: OutOption = None,
    as_json: JsonOption = False,
    details: DetailsOption = False,
    model: ModelOption = None,
) -> None:
    """Article-body extraction: 4-word-shingle P/R/F1 averaged over pages; title, date."""
    from newsgraph.evaluate import evaluate_aeb
    from newsgraph.evaluate.aeb import load_truth

    _require(truth, "ground truth")
    _inputs_or_predictions(inputs, predictions, "pages")
    _score_inputs(lambda: load_truth(truth), evaluate_aeb, inputs, predictions, workers, model,
                  output, as_json, details)


@eval_app.command("events")
def eval_events(
    gold_file: Annotated[
        Path,
        typer.Argument(metavar="GOLD.json", help="{doc id: {published, events}} (EVENTS.md)."),
    ],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="INPUTS...", help="The documents (files named by their id)."),
    ] = None,
    predictions: PredOption = None,
    workers: WorkersOption = 1,
    output: OutOption = None,
    as_json: JsonOption = False,
    details: DetailsOption = False,
    model: ModelOption = None,
) -> None:
    """Events: F1 of matched events; participants, place, date and status of the matched."""
    from newsgraph.evaluate.events import evaluate_events, load_events_gold

    _require(gold_file, "events gold")
    _inputs_or_predictions(inputs, predictions, "documents")
    _score_inputs(lambda: load_events_gold(gold_file), evaluate_events, inputs, predictions,
                  workers, model, output, as_json, details)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command group to the main app."""
    app.add_typer(eval_app, name="eval")


if __name__ == "__main__":
    eval_app()
