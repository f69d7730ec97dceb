"""Knowledge-base commands: `ingest`, `search`, `events`, `person`, `export` (thin layer over
``newsgraph.store``). The main app adds them with ``register(app)``; for a standalone run:
``python -m newsgraph.cli_kb ingest records.jsonl``.

Exit status: 0 success; 1 some records failed (or nothing found); 2 usage error (bad option,
malformed query, missing input); 3 the database or the extractor cannot be used.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from newsgraph.store import Store

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ENV = 3

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="NEWSGRAPH_DB", show_envvar=True,
    help="Database URL: sqlite:///file.db (default sqlite:///newsgraph.db) or "
         "postgresql://user:pass@host/db.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts).")]
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD, YYYY-MM, "
                                                      "YYYY).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date, inclusive.")]
LimitOption = Annotated[int, typer.Option(help="Results per page.")]
OffsetOption = Annotated[int, typer.Option(help="Results to skip (paging).")]


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _die(msg: str, code: int) -> NoReturn:
    _err(f"error: {msg}")
    raise typer.Exit(code)


def _open(db: str | None, read_only: bool = False) -> Store:
    """The store, or a clear message and exit status 3 (imported lazily: fast --help)."""
    from newsgraph.store import StoreError, open_store

    try:
        return open_store(db, read_only=read_only)
    except StoreError as exc:
        _die(str(exc), EXIT_ENV)
    except Exception as exc:  # driver errors: unreachable server, bad credentials, ...
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _die(f"cannot open the knowledge base {db or ''}: {first}", EXIT_ENV)


def _emit_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


# -- ingest ----------------------------------------------------------------------------------


class _Progress:
    """Rich progress on a terminal; a line every few seconds otherwise."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.live: Any = None
        if self.tty and enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.live = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 TimeElapsedColumn(), console=Console(stderr=True),
                                 transient=True)
            self.task = self.live.add_task("ingesting", total=None)
            self.live.start()

    def __call__(self, r: Any) -> None:
        rate = r.records / r.elapsed_s if r.elapsed_s else 0.0
        line = (f"{r.records:,} records: {r.articles_new:,} new, {r.articles_duplicate:,} "
                f"duplicate, {r.articles_failed:,} failed, {r.quotes_new:,} quotes "
                f"({rate:,.0f} records/s)")
        if self.live is not None:
            self.live.update(self.task, description=line)
        elif self.enabled and time.monotonic() - self.last >= 5:
            self.last = time.monotonic()
            _err(line)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()


def ingest(
    inputs: Annotated[list[str], typer.Argument(
        help="Records files (.jsonl, .jsonl.gz, .parquet; '-' for stdin), output "
             "directories of `newsgraph extract -o DIR/` (their records, per the manifest) "
             "and/or raw inputs (HTML, WARC/WET, text, directories) to extract first.")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help="Records per transaction.", min=1)] = 1000,
    workers: Annotated[int, typer.Option(help="Extraction workers for raw inputs.",
                                         min=1)] = 1,
    optimize: Annotated[bool, typer.Option(
        help="Merge full-text index segments afterwards (worth it after large ingests).")]
    = False,
    as_json: JsonOption = False,
    max_problems: Annotated[int, typer.Option(help="Problems to list on stderr.")] = 20,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress and no per-record failures on stderr (the summary "
                              "line stays).")] = False,
) -> None:
    """Add articles to the knowledge base (idempotent: re-running changes nothing)."""
    from newsgraph.store.inputs import InputError, iter_inputs

    store = _open(db)
    progress = _Progress(enabled=not quiet)
    if quiet:
        max_problems = 0
    try:
        report = store.ingest(iter_inputs(inputs, workers=workers), batch_size=batch_size,
                              progress=progress)
        if optimize:
            store.optimize()
    except InputError as exc:
        progress.stop()
        _die(str(exc), EXIT_USAGE if "no such file" in str(exc) else EXIT_ENV)
    finally:
        progress.stop()
        store.close()
    for p in report.problems[:max_problems]:
        _err(f"failed: {p.origin}: {p.reason}")
    if len(report.problems) > max_problems and not quiet:
        _err(f"... and {len(report.problems) - max_problems} more failed records")
    _err(f"ingested {report.records:,} records in {report.elapsed_s:.1f}s: "
         f"articles {report.articles_new:,} new, {report.articles_duplicate:,} duplicate, "
         f"{report.articles_failed:,} failed; quotes {report.quotes_new:,} new, "
         f"{report.quotes_merged:,} merged into known statements; "
         f"people {report.people_new:,} new")
    if as_json:
        _emit_json(report.to_dict())
    if report.articles_failed:
        raise typer.Exit(EXIT_FAILED)


# -- search ----------------------------------------------------------------------------------


def search(
    query: Annotated[str | None, typer.Argument(
        help='Words (AND), "a phrase", prefix*, a OR b, -exclude. Empty: list by filters.')]
    = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name (all its words), slug or "
                                                     "id.")] = None,
    org: Annotated[str | None, typer.Option(help="Speaker's organisation (part of "
                                                 "its name).")] = None,
    site: Annotated[str | None, typer.Option(help="Site the quote appeared on.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[str, typer.Option(help="speech (what people said) | belief | stance | "
                                           "intention | evidence | all")] = "speech",
    qtype: Annotated[str | None, typer.Option("--type", help="direct | indirect | mixed")]
    = None,
    language: Annotated[str | None, typer.Option(help="The article's language (en, de).")]
    = None,
    gender: Annotated[str | None, typer.Option(help="The speaker's gender: female, "
                                                    "male or unknown (docs/workbench.md).")] = None,
    order: Annotated[str, typer.Option(help="newest | oldest | best")] = "newest",
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    facets: Annotated[bool, typer.Option("--facets", help="Also count the matches by site, "
                                         "month, speaker, type, kind, language.")] = False,
    timeline: Annotated[bool, typer.Option("--timeline", help="Also count every match by "
                                           "month.")] = False,
    network: Annotated[bool, typer.Option("--network", help="Also list who of the speakers "
                                          "is quoted alongside whom.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="csv | jsonl | parquet: write every match (not a page) as a file "
                         "(-o; stdout for csv and jsonl).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file for "
                                                "--format.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search quotes across all articles (what people said; --kind all for every kind)."""
    from newsgraph.store import QueryError

    filters = {"speaker": speaker, "org": org, "site": site, "since": since, "until": until,
               "kind": kind, "type": qtype, "language": language, "gender": gender}
    if fmt is not None:
        _export_matches(query, filters, fmt, output, db)
        return
    store = _open(db, read_only=True)
    try:
        page = store.search(query, **filters, order=order, limit=limit, offset=offset)
        counts = store.facets(query, **filters) if facets else None
        months = store.timeline(query, **filters) if timeline else None
        net = store.network(query, **filters) if network else None
    except QueryError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    if as_json:
        out = page.to_dict()
        if counts is not None:
            out["facets"] = counts.to_dict()
        if months is not None:
            out["timeline"] = months.to_dict()
        if net is not None:
            out["network"] = net.to_dict()
        _emit_json(out)
        return
    _print_views(counts, months, net)
    from rich.console import Console
    from rich.table import Table

    if page.notice:
        _err(f"note: {page.notice}")

    total = {"exact": f"{page.total:,}", "at_least": f"{page.total:,}+",
             "estimate": f"about {page.total:,}"}[page.total_kind]
    shown = (f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "none")
    table = Table(title=f"{total} quotes (showing {shown})", show_lines=True, expand=True)
    for col, kw in (("date", {"no_wrap": True}), ("speaker", {"ratio": 1}),
                    ("quote", {"ratio": 4}), ("source", {"ratio": 1})):
        table.add_column(col, **kw)
    for h in page.hits:
        who = h.speaker or "?"
        if h.speaker_title:
            who += f"\n[dim]{h.speaker_title}[/dim]"
        src = (h.site or "") + (f" (+{h.sources - 1})" if h.sources > 1 else "")
        table.add_row(h.published or "", who, h.content, src)
    Console().print(table)


def _export_matches(query: str | None, filters: dict[str, Any], fmt: str,
                    output: Path | None, db: str | None) -> None:
    from newsgraph.store import QueryError
    from newsgraph.store.result_export import FORMATS

    if fmt not in FORMATS:
        _die(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}", EXIT_USAGE)
    if fmt == "parquet" and output is None:
        _die("parquet needs an output file (-o FILE)", EXIT_USAGE)
    from newsgraph.outputs import OutputError, open_output

    store = _open(db, read_only=True)
    try:
        chunks = store.export_statements(query, format=fmt, **filters)
        with open_output(output, binary=True) if output else nullcontext(
                sys.stdout.buffer) as out:
            for chunk in chunks:
                out.write(chunk)
    except QueryError as exc:
        _die(str(exc), EXIT_USAGE)
    except OutputError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    _err(f"exported the matches as {fmt}" + (f" to {output}" if output else ""))


def _print_views(counts: Any, months: Any, net: Any) -> None:
    from rich.console import Console

    c = Console()
    if counts is not None:
        scope = ("" if counts.complete else f" (among the newest {counts.scanned:,} matches)")
        c.print(f"[bold]facets[/bold]{scope}")
        for g in counts.facets:
            if g.values:
                c.print(f"  {g.label}: " + ", ".join(f"{v.label} {v.count:,}"
                                                     for v in g.values))
        if counts.notice:
            c.print(f"  ({counts.notice})", markup=False)
    if months is not None:
        c.print(f"[bold]per month[/bold] ({months.total:,} statements"
                + (f", {months.undated:,} undated" if months.undated else "") + ")")
        for m in months.months:
            c.print(f"  {m.month}  {m.count:>6,}")
    if net is not None:
        names = {n.id: n.name for n in net.nodes}
        c.print("[bold]quoted together[/bold] (shared articles)")
        for e in net.edges:
            c.print(f"  {names[e.source]} – {names[e.target]}: {e.articles:,}")


# -- events ----------------------------------------------------------------------------------


def events(
    participant: Annotated[str | None, typer.Option(
        help="A person (all the words of the name, slug or id) or any participant whose "
             "name contains this (an organisation, a country).")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="meeting | visit | talks | agreement | election | sanction | protest "
                       "| attack | arrest | appointment | deadline")] = None,
    status: Annotated[str | None, typer.Option(help="occurred | planned | failed")] = None,
    place: Annotated[str | None, typer.Option(help="Place (part of its name).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events across all articles: who met, visited, signed, protested, was arrested; with
    whom, where, when. Dated by the event (or, when the text gives no date, its article)."""
    from newsgraph.store import QueryError

    store = _open(db, read_only=True)
    try:
        page = store.events(participant=participant, type=type, status=status, place=place,
                            since=since, until=until, limit=limit, offset=offset)
    except QueryError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    if as_json:
        _emit_json(page.to_dict())
        return
    from rich.console import Console
    from rich.table import Table

    if page.notice:
        _err(f"note: {page.notice}")
    shown = (f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "none")
    table = Table(title=f"{page.total:,} events (showing {shown})", show_lines=True,
                  expand=True)
    for col, kw in (("date", {"no_wrap": True}), ("event", {"ratio": 1}),
                    ("participants", {"ratio": 2}), ("place", {"ratio": 1}),
                    ("article", {"ratio": 2})):
        table.add_column(col, **kw)
    for h in page.hits:
        what = h.type + (f" ({h.status})" if h.status != "occurred" else "")
        if h.trigger:
            what += f"\n[dim]“{h.trigger}”[/dim]"
        who = ", ".join(p.name for p in h.participants)
        when = h.date or (f"[dim]{h.published}[/dim]" if h.published else "")
        table.add_row(when, what, who, h.place or "", h.article_title or h.article_id)
    Console().print(table)


# -- person ----------------------------------------------------------------------------------


def person(
    name: Annotated[str, typer.Argument(help="Full name, slug or id.")],
    recent: Annotated[int, typer.Option(help="Recent quotes to show.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A person's profile: names, roles over time, organisations, quotes."""
    from newsgraph.store import QueryError

    store = _open(db, read_only=True)
    try:
        prof = store.person(name, recent=recent)
    except QueryError as exc:  # a name with no letters, --recent out of range
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    if prof is None:
        _die(f"no person matches {name!r}", EXIT_FAILED)
    if as_json:
        _emit_json(prof.to_dict())
        return
    from rich.console import Console

    c = Console()
    c.print(f"[bold]{prof.name}[/bold]  (id {prof.id}, {prof.slug})")
    if len(prof.name_variants) > 1:
        c.print("also written: " + ", ".join(v for v in prof.name_variants if v != prof.name))
    c.print(f"{prof.quote_count:,} quotes in {prof.article_count:,} articles, "
            f"{prof.first_seen or '?'} to {prof.last_seen or '?'}")
    if prof.roles:
        c.print("[bold]roles[/bold]")
        for r in prof.roles:
            what = ", ".join(x for x in (r.title, r.org, r.place) if x)
            c.print(f"  {what}  [dim]{r.first_seen or '?'} – {r.last_seen or '?'}, "
                    f"{r.article_count} article(s)[/dim]")
    if prof.organisations:
        c.print("[bold]organisations[/bold]: " + "; ".join(prof.organisations))
    if prof.namesakes:
        c.print("[bold]namesakes (other people)[/bold]: " +
                ", ".join(f"{p.name} ({p.slug})" for p in prof.namesakes))
    if prof.events:
        c.print("[bold]events[/bold]")
        for v in prof.events:
            others = ", ".join(p.name for p in v.participants if p.person_id != prof.id)
            what = v.type + (f" ({v.status})" if v.status != "occurred" else "")
            c.print(f"  {v.date or v.published or '?'}  {what}"
                    + (f" with {others}" if others else "") + (f" in {v.place}" if v.place
                                                                else "")
                    + f"  [dim]{v.article_title or ''}[/dim]")
    if prof.recent_quotes:
        c.print("[bold]recent quotes[/bold]")
        for q in prof.recent_quotes:
            c.print(f"  {q.published or '?'}  “{q.content}”  [dim]{q.article_title or ''} "
                    f"{q.url or ''}[/dim]")


# -- export ----------------------------------------------------------------------------------


def export(
    table: Annotated[str, typer.Option(
        help="quotes | quote_sources | people | roles | articles | records")] = "quotes",
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv | parquet")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Output file (default stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export a table of the knowledge base."""
    from newsgraph.store import FORMATS, TABLES

    if table not in TABLES:
        _die(f"unknown table {table!r}: choose from {', '.join(TABLES)}", EXIT_USAGE)
    if fmt not in FORMATS:
        _die(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}", EXIT_USAGE)
    if fmt == "parquet" and output is None:
        _die("parquet needs an output file (-o FILE)", EXIT_USAGE)
    if table == "records" and fmt != "jsonl":
        _die("the records table exports as jsonl only", EXIT_USAGE)
    from newsgraph.outputs import OutputError, open_output

    store = _open(db, read_only=True)
    try:
        with open_output(output, binary=True) if output else nullcontext() as out:
            n = store.export(table, fmt, out)
    except OutputError as exc:
        _die(str(exc), EXIT_USAGE)
    finally:
        store.close()
    _err(f"exported {n:,} rows of {table} as {fmt}" + (f" to {output}" if output else ""))


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to the main `newsgraph` app."""
    app.command("ingest")(ingest)
    app.command("search")(search)
    app.command("events")(events)
    app.command("person")(person)
    app.command("export")(export)


def _standalone() -> typer.Typer:
    app = typer.Typer(name="newsgraph", no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False)
    register(app)
    return app


if __name__ == "__main__":
    _standalone()()
