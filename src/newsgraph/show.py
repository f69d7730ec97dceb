"""A readable view of records: per article, its people and who said what."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from newsgraph.record import Document


def read_records(path: str | Path) -> Iterator[Document]:
    """Records from a JSON Lines file written by ``newsgraph extract`` (``-`` for stdin)."""
    import gzip
    import sys

    if str(path) == "-":
        stream: TextIO = sys.stdin
    elif str(path).endswith(".gz"):
        stream = gzip.open(path, "rt", encoding="utf-8")  # noqa: SIM115
    else:
        stream = open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield Document.from_dict(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise ValueError(f"{path}:{n}: not a newsgraph record ({e})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()


def render(records: Iterable[Document], console=None, max_quote: int = 160) -> int:
    """Print each record; returns how many were shown."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    n = 0
    for doc in records:
        n += 1
        where = doc.source.url or doc.source.path or doc.id
        if doc.text is None:
            console.print(f"[bold red]✗[/] {where}: {'; '.join(doc.errors)}")
            continue
        console.rule(f"[bold]{doc.title or '(no title)'}")
        meta = [x for x in (doc.published, doc.site, ", ".join(doc.authors), where) if x]
        console.print(" · ".join(meta), style="dim", markup=False)
        people = [e for e in doc.entities if e.type == "PERSON"]
        if people:
            table = Table("person", "roles", box=None, pad_edge=False)
            for e in people:
                roles = "; ".join(
                    ", ".join(x for x in (r.title, r.org, r.place) if x) for r in e.roles
                )
                table.add_row(e.name, roles)
            console.print(table)
        if doc.quotes:
            table = Table("speaker", "cue", "type", "statement", box=None, pad_edge=False)
            for q in doc.quotes:
                who = q.speaker_name or (q.speaker.text if q.speaker else "?")
                text = q.content.text.replace("\n", " ")
                if len(text) > max_quote:
                    text = text[: max_quote - 1] + "…"
                qtype = q.type if q.kind == "speech" else f"{q.type}, {q.kind}"
                table.add_row(who, q.cue.text if q.cue else "", qtype, text)
            console.print(table)
        if doc.events:
            names = {e.id: e.name for e in doc.entities}
            for v in doc.events:
                who = ", ".join(names.get(p, p) for p in v.participants)
                where_when = " ".join(x for x in (v.place, v.date) if x)
                kind = v.type + (f" ({v.status})" if v.status != "occurred" else "")
                console.print(f"[cyan]{kind}[/] {v.trigger.text}: {who} {where_when}".rstrip())
    return n
