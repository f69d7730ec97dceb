"""`newsgraph train`: rebuild the small learned models shipped in src/newsgraph/models/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

train_app = typer.Typer(
    help="Rebuild the learned models from their training data.", no_args_is_help=True
)
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _need(path: Path, what: str) -> None:
    if not path.exists():
        typer.echo(f"newsgraph: error: {what} not found at {path} (pass --data DIR)", err=True)
        raise typer.Exit(2)


@train_app.command("cues")
def train_cues_cmd(
    data: Annotated[Path, typer.Option(help="PolNeAR train split (text/ and attributions/).")] = (
        SHARED_DATA / "polnear" / "train"
    ),
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the shipped one).")
    ] = None,
) -> None:
    """The cue detector (logistic regression over parse features), from PolNeAR train only."""
    from newsgraph.extractors.cuemodel import DEFAULT_MODEL
    from newsgraph.extractors.train_cues import train_cues

    _need(data, "the PolNeAR train split")
    train_cues(data, out or DEFAULT_MODEL)
    typer.echo(f"wrote {out or DEFAULT_MODEL}")


@train_app.command("entities")
def train_entities_cmd(
    data: Annotated[Path, typer.Option(help="GUM corpus (conllu/*.conllu).")] = (
        SHARED_DATA / "gum"
    ),
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the shipped one).")
    ] = None,
    l2: Annotated[
        float, typer.Option(help="Pull of the weights back to the hand-set prior.")
    ] = 3.0,
    cv: Annotated[
        bool, typer.Option(help="Cross-validate (5 folds by document) and note the figures.")
    ] = True,
) -> None:
    """The person vote (is this name a person?), from GUM's typed mentions."""
    from newsgraph.extractors.learned import ENTITY_TYPES
    from newsgraph.extractors.train_entities import train_entities

    _need(data, "the GUM corpus")
    model = train_entities(data, out or ENTITY_TYPES, l2, cv)
    typer.echo(f"wrote {out or ENTITY_TYPES}")
    if cv:
        figs = model.note["cv_gum"]
        typer.echo(
            "5-fold CV on GUM: person mentions P {p} R {r}; people P {pp} R {pr}".format(
                p=figs["person_mentions"]["p"], r=figs["person_mentions"]["r"],
                pp=figs["people"]["p"], pr=figs["people"]["r"],
            )
        )


@train_app.command("speakers")
def train_speakers_cmd(
    gum: Annotated[Path, typer.Option(help="GUM corpus (conllu/*.conllu).")] = (
        SHARED_DATA / "gum"
    ),
    ggt: Annotated[Path, typer.Option(help="GGT-style gold (gold.jsonl).")] = (
        SHARED_DATA / "ggt-dev" / "gold.jsonl"
    ),
    polnear: Annotated[
        Path | None,
        typer.Option(help="Annotated PolNeAR speaker antecedents (training/ in the repo)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the shipped one).")
    ] = None,
    cv: Annotated[
        bool, typer.Option(help="Cross-validate (5 folds of GGT, 5 of GUM) and note the figures.")
    ] = True,
) -> None:
    """The antecedent ranker for "he", "she" and "the expert", from GUM's coreference
    chains, the GGT speakers and the annotated PolNeAR speakers."""
    from newsgraph.extractors.learned import ANTECEDENTS
    from newsgraph.extractors.train_speakers import POLNEAR_ANTECEDENTS, train_speakers

    _need(gum, "the GUM corpus")
    _need(ggt, "the GGT gold")
    polnear = polnear or POLNEAR_ANTECEDENTS
    model = train_speakers(gum, ggt, out or ANTECEDENTS, cv=cv, polnear=polnear)
    typer.echo(f"wrote {out or ANTECEDENTS} ({model.note['trained_on']})")
    if cv:
        g = model.note["cv"]["ggt"]
        u = model.note["cv"]["gum"]
        typer.echo(
            f"5-fold CV: GGT speakers {g['speaker_resolved_acc_0.3']}, pronouns "
            f"{g['pronoun_resolved_acc_0.3']}; GUM pronouns {u['pronouns']['acc']}"
        )


@train_app.command("events")
def train_events_cmd(
    gold: Annotated[Path, typer.Option(help="Events gold (events-dev/gold.json); the documents "
                                            "are read from the folders beside it.")] = (
        SHARED_DATA / "events-dev" / "gold.json"
    ),
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the shipped one).")
    ] = None,
    l2: Annotated[
        float, typer.Option(help="Pull of the weights back to the hand-set prior.")
    ] = 8.0,
    cv: Annotated[
        bool, typer.Option(help="Cross-validate (5 folds by document) and note the figures.")
    ] = True,
) -> None:
    """The event filter (which candidate events to keep), from events-dev."""
    from newsgraph.extractors.event_model import EVENTS_MODEL
    from newsgraph.extractors.train_events import train_events

    _need(gold, "the events gold")
    model = train_events(gold, out or EVENTS_MODEL, l2, cv)
    typer.echo(f"wrote {out or EVENTS_MODEL} ({model.note['trained_on']})")
    for name in ("prior_only", "dev_fit", "cv_5fold"):
        if name in model.note:
            f = model.note[name]
            typer.echo(f"{name}: event F1 {f['events']['f1']} (P {f['events']['p']}, "
                       f"R {f['events']['r']}); participants F1 {f['participants']['f1']}; "
                       f"date {f['date']}; status {f['status']}")


@train_app.command("lines")
def train_lines_cmd(
    data: Annotated[
        Path, typer.Option(help="WCXB-style folder: text/*.txt and ground-truth.json.")
    ] = (SHARED_DATA / "wcxb-dev-articles"),
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the shipped one).")
    ] = None,
) -> None:
    """The scraped-text line classifier (boilerplate vs body), from pages with ground truth."""
    from newsgraph.clean import crf
    from newsgraph.clean.train import train_lines

    _need(data, "the line-model training pages")
    path = train_lines(data, out or crf.LINES_MODEL)
    typer.echo(f"wrote {path}")


@train_app.command("blocks")
def train_blocks_cmd(
    data: Annotated[
        list[Path] | None,
        typer.Option(help="WCXB-style folder: html/*.html.gz and ground-truth.json "
                     "(repeat for several; default: both WCXB dev folders)."),
    ] = None,
) -> None:
    """The HTML block classifier (two stages of gradient-boosted trees), from pages with
    ground truth. Writes the shipped model files."""
    from newsgraph.clean.train import train_blocks

    data = data or [SHARED_DATA / "wcxb-dev-articles", SHARED_DATA / "wcxb-dev-more"]
    for d in data:
        _need(d, "the block-model training pages")
    paths = train_blocks(data)
    typer.echo("wrote " + ", ".join(str(p) for p in paths))


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")
