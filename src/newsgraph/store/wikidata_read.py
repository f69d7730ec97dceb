"""Reading Wikidata identities back: a profile's item, and profiles merged into another."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from newsgraph.store.keys import as_row_id

WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"


def has_wikidata(conn: Connection) -> bool:
    return inspect(conn).has_table("person_wikidata")


def person_wikidata(conn: Connection, person_id: int) -> dict[str, Any] | None:
    """``{"id": "Q42", "url", "label", "description", "score", "margin"}``, or None."""
    if not has_wikidata(conn):
        return None
    row = conn.execute(text(
        "SELECT wikidata_id, label, description, score, margin FROM person_wikidata "
        "WHERE person_id = :p"), {"p": person_id}).first()
    if row is None:
        return None
    return {"id": row[0], "url": WIKIDATA_URL.format(row[0]), "label": row[1],
            "description": row[2], "score": row[3], "margin": row[4]}


def merged_into(conn: Connection, key: str | int) -> int | None:
    """The profile that a merged profile (its old id or slug) is now part of."""
    if not has_wikidata(conn):
        return None
    s = str(key).strip()
    pid = as_row_id(s) if s.isdigit() else None
    row = conn.execute(text(
        "SELECT to_id FROM person_merges WHERE from_id = :i OR from_slug = :s"),
        {"i": pid if pid is not None else -1, "s": s}).first()
    return int(row[0]) if row else None
