"""The researcher's workbench (issue 16): `stats gender` and `link --wikidata` (thin layer
over ``newsgraph.store``). Exit status as the other knowledge-base commands: 0 success;
1 some lines of the extract were skipped; 2 usage error (bad option, malformed query or
filter, missing or unreadable file); 3 the database cannot be used.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli_kb import (
    EXIT_FAILED,
    EXIT_USAGE,
    DbOption,
    SinceOption,
    UntilOption,
    _die,
    _emit_json,
    _err,
    _open,
)

if TYPE_CHECKING:
    from newsgraph.store.gender import GenderGroup, GenderStats

STAT_FORMATS = ("table", "json", "csv")
GENDERS = ("female", "male", "unknown")
MAX_PROBLEMS = 20  # bad extract lines listed on stderr

stats_app = typer.Typer(name="stats", no_args_is_help=True, add_completion=False,
                        help="Counts over the knowledge base: `newsgraph stats gender`.")


@stats_app.command("gender")
def stats_gender(
    by: Annotated[str, typer.Option(
        help="Group by site, month and/or year (comma-separated); empty: one total.")] = "",
    since: SinceOption = None,
    until: UntilOption = None,
    topic: Annotated[str | None, typer.Option(
        help='Only statements matching this quote search ("a phrase", a OR b, -word).')]
    = None,
    site: Annotated[str | None, typer.Option(help="Only this site (and its subdomains).")]
    = None,
    people: Annotated[bool, typer.Option(
        "--people", help="Also list the people counted, with their gender and its evidence.")]
    = False,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    db: DbOption = None,
) -> None:
    """Quoted people (distinct speakers) and statements per gender: female, male and
    unknown (never hidden), with shares, per group."""
    from newsgraph.store import QueryError

    if fmt not in STAT_FORMATS:
        _die(f"unknown format {fmt!r}: choose from {', '.join(STAT_FORMATS)}", EXIT_USAGE)
    store = _open(db, read_only=True)
    try:
        st = store.gender_stats(by=by, since=since, until=until, topic=topic, site=site,
                                people=people)
    except QueryError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    if st.notice and fmt != "json":
        _err(f"note: {st.notice}")
    if fmt == "json":
        _emit_json(st.to_dict())
    elif fmt == "csv":
        _write_csv(st)
    else:
        _print_table(st)


def _row(g: GenderGroup) -> list[str | int | float | None]:
    return [*(g.people[x] for x in GENDERS), sum(g.people.values()),
            *(g.people_share[x] for x in GENDERS),
            *(g.quotes[x] for x in GENDERS), sum(g.quotes.values()),
            *(g.quotes_share[x] for x in GENDERS)]


HEADER = [*(f"people_{x}" for x in GENDERS), "people", *(f"people_share_{x}" for x in GENDERS),
          *(f"quotes_{x}" for x in GENDERS), "quotes", *(f"quotes_share_{x}" for x in GENDERS)]


def _write_csv(st: GenderStats) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow([*st.by, *HEADER])
    for g in st.groups:
        w.writerow([*(g.group.get(k) or "" for k in st.by), *_row(g)])
    w.writerow([*("(all)" for _ in st.by), *_row(st.total)])


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _print_table(st: GenderStats) -> None:
    from rich.console import Console
    from rich.table import Table

    title = "quoted people and statements by gender" + (
        " (" + ", ".join(f"{k} {v}" for k, v in st.filters.items()) + ")" if st.filters else "")
    table = Table(title=title)
    for k in st.by:
        table.add_column(k)
    for what in ("people", "quotes"):
        for x in GENDERS:
            table.add_column(f"{what} {x}", justify="right")
    for g in [*st.groups, st.total]:
        label = [g.group.get(k) or "(none)" for k in st.by] if g.group else ["(all)"] * len(
            st.by)
        cells = [f"{g.people[x]:,} ({_pct(g.people_share[x])})" for x in GENDERS]
        cells += [f"{g.quotes[x]:,} ({_pct(g.quotes_share[x])})" for x in GENDERS]
        table.add_row(*label, *cells)
    c = Console()
    c.print(table)
    if st.people:
        pt = Table(title="people counted")
        for col in ("name", "gender", "evidence", "articles by evidence", "quotes"):
            pt.add_column(col)
        for p in st.people:
            counts = "; ".join(f"{g}: " + ", ".join(f"{k} {n}" for k, n in kinds.items())
                               for g, kinds in p.counts.items())
            pt.add_row(p.name, p.gender, p.evidence or "", counts, str(p.quotes))
        c.print(pt)


def link(
    wikidata: Annotated[Path, typer.Option(
        "--wikidata", help="A Wikidata extract: JSON Lines, one item a line (.gz too; see "
                           "docs/workbench.md and scripts/wikidata_extract.py).")],
    relink: Annotated[bool, typer.Option(
        "--relink", help="Score profiles already linked again.")] = False,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every decision as JSON.")]
    = False,
) -> None:
    """Link people and organisations of the knowledge base to Wikidata items of an
    extract, by name and context; profiles linked to one item become one. Re-running it
    changes nothing."""
    from newsgraph.wikidata.extract import ExtractError, load_extract

    if not wikidata.is_file():
        _die(f"{wikidata}: no such file", EXIT_USAGE)
    try:
        items = load_extract(wikidata)
    except ExtractError as exc:
        _die(str(exc), EXIT_USAGE)
    for problem in items.problems[:MAX_PROBLEMS]:
        _err(f"skipped: {problem}")
    if len(items.problems) > MAX_PROBLEMS:
        _err(f"skipped: {len(items.problems) - MAX_PROBLEMS:,} more lines")
    store = _open(db)
    try:
        report = store.link_wikidata(items, relink=relink)
    finally:
        store.close()
    if as_json:
        _emit_json(report.to_dict())
    _err(f"{len(items.items):,} items read; {report.summary()}")
    if items.problems:
        raise typer.Exit(EXIT_FAILED)


def register(app: typer.Typer) -> None:
    app.add_typer(stats_app, name="stats")
    app.command("link")(link)
