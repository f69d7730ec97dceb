"""The facets of a result set, as data: what each one counts, how a value narrows a search.

One entry per facet. ``value`` is an SQL expression over the statement (``q``), its first
article (``a``) and its speaker's profile (``p``) that gives the facet's value for a row;
``cond``, for facets the search has no other filter for, is the condition a chosen value
adds to the search (bound as ``:<name>``); ``requires`` names a column that must exist for
the facet to be offered at all (a knowledge base without it answers a filter on it with a
clear ``QueryError``). Adding a facet is adding an entry (and its parameter where searches
take parameters: ``Store.search``, the API, the pages, the CLI).

    site      a site any copy appeared on        -> site=<site>      (search's own filter)
    month     the statement's date (first copy)  -> since/until=<YYYY-MM>
    person    the resolved speaker               -> person=<slug>    (search's own filter)
    type      direct | indirect | mixed          -> type=<type>
    kind      speech | belief | stance | ...     -> kind=<kind>  (default speech; all)
    language  the first copy's article language  -> language=<code>
    gender    the speaker's profile's gender     -> gender=<female|male|unknown>
              (people.gender, migration 0007; statements of no profile have none)
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from newsgraph.store.gender import GENDERS
from newsgraph.store.keys import HASH_BITS
from newsgraph.store.query import QueryError

KINDS = ("speech", "belief", "stance", "intention", "evidence")  # docs/record.md
DEFAULT_KIND = "speech"
ALL_KINDS = "all"
TYPES = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Facet:
    name: str  # the facet's key in answers, and the search parameter it narrows
    label: str
    value: str  # SQL for a row's value (aliases q, a, p)
    cond: str | None = None  # the filter a chosen value adds (None: the search's own)
    requires: tuple[str, str] | None = None  # (table, column) that must exist
    choices: tuple[str, ...] | None = None  # the values a filter may take (None: any)
    max_chars: int = 64  # longest value a filter accepts


FACETS: tuple[Facet, ...] = (
    Facet("site", "Site", "q.sites"),
    # the day is in the id's high bits (keys.day_of): counted by day, shown by month
    Facet("month", "Month", f"q.id / {1 << HASH_BITS}"),
    Facet("person", "Speaker", "q.person_id"),
    Facet("type", "Statement type", "q.type", "q.type = :type", choices=TYPES),
    Facet("kind", "Kind", "q.kind", "q.kind = :kind", ("quotes", "kind"), KINDS),
    Facet("language", "Language", "a.language",
          "EXISTS (SELECT 1 FROM articles la WHERE la.id = q.article_id "
          "AND la.language = :language)", max_chars=16),
    Facet("gender", "Gender", "p.gender",
          "EXISTS (SELECT 1 FROM people gp WHERE gp.id = q.person_id AND gp.gender = :gender)",
          ("people", "gender"), GENDERS, max_chars=8),
)
BY_NAME = {f.name: f for f in FACETS}

_columns: weakref.WeakKeyDictionary[Engine, dict[str, set[str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def columns(conn: Connection, table: str) -> set[str]:
    """The columns a table has (read once per engine: migrations only run on writable opens,
    and a server keeps its engine)."""
    with _lock:
        known = _columns.setdefault(conn.engine, {})
        if table in known:
            return known[table]
    cols = {c["name"] for c in inspect(conn).get_columns(table)}
    with _lock:
        known[table] = cols
    return cols


def available(conn: Connection) -> list[Facet]:
    """The facets this knowledge base can count."""
    return [f for f in FACETS if f.requires is None
            or f.requires[1] in columns(conn, f.requires[0])]


def missing(facet: Facet) -> str:
    """Why a facet is not offered: its column is missing (a knowledge base served read-only
    at an older schema revision)."""
    assert facet.requires is not None
    table, column = facet.requires
    return (f"this knowledge base has no {facet.name} data to filter on ({table}.{column} "
            "comes with a newer schema): open it once writable (e.g. `newsgraph ingest`) "
            "to upgrade it")


def unavailable(conn: Connection) -> list[Facet]:
    """The facets this knowledge base cannot count (its schema is older)."""
    return [f for f in FACETS if f.requires is not None
            and f.requires[1] not in columns(conn, f.requires[0])]


def kind_filter(kind: str | None) -> str | None:
    """The kind a search keeps (None: every kind); ``QueryError`` for an unknown one."""
    if kind is None or kind == ALL_KINDS:
        return None
    if kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)} or {ALL_KINDS}, "
                         f"not {kind[:40]!r}")
    return kind


def only_speech(conn: Connection) -> bool:
    """No statement of another kind is stored (one probe of ``ix_quotes_kind``)."""
    return conn.exec_driver_sql(
        "SELECT 1 FROM quotes WHERE kind IN ('belief', 'evidence', 'intention', 'stance') "
        "LIMIT 1").first() is None


def narrowing(conn: Connection, *, kind: str | None, type: str | None, language: str | None,
              gender: str | None) -> list[tuple[str, str, tuple[str | None, dict[str, Any]]]]:
    """(name, value, (condition, parameters)) for each facet filter given. A condition of
    None keeps every row (speech on a knowledge base of speech only)."""
    out: list[tuple[str, str, tuple[str | None, dict[str, Any]]]] = []
    chosen = kind_filter(kind)
    has_kinds = "kind" in columns(conn, "quotes")
    if chosen is not None:
        if not has_kinds or (chosen == DEFAULT_KIND and only_speech(conn)):
            # Before 0006 every statement is speech; so is every one here.
            out.append(("kind", chosen, (None if chosen == DEFAULT_KIND else "1 = 0", {})))
        else:
            out.append(("kind", chosen, (BY_NAME["kind"].cond, {"kind": chosen})))
    for name, value in (("type", type), ("language", language), ("gender", gender)):
        if value is None or value == "":
            continue
        facet = BY_NAME[name]
        if facet.requires and facet.requires[1] not in columns(conn, facet.requires[0]):
            raise QueryError(missing(facet))
        if facet.choices and value not in facet.choices:
            raise QueryError(f"{name} must be one of {', '.join(facet.choices)}, "
                             f"not {value[:40]!r}")
        if len(value) > facet.max_chars:
            raise QueryError(f"{name} is longer than {facet.max_chars} characters")
        out.append((name, value, (facet.cond, {name: value})))
    return out
