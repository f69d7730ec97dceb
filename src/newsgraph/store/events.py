"""Events across articles: search by participant, type, status, place and date.

An event's date is its own where the text gives one with a year (``2019-04-25``,
``2019-04``, ``2019``), else the article's (``published``); date filters compare as far as
that date goes (``since=2019-04-01`` keeps a ``2019-04`` event, and a ``2019`` one).
Newest first.

A participant filter is a person (id, slug, or every profile with all the words of the
name) or a name: every participant whose normalised name contains it ("Tesla", "United
Nations"), organisations and countries included.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from newsgraph.store.filters import as_date, people_by_name
from newsgraph.store.keys import SQL_INT_MAX
from newsgraph.store.models import EventHit, EventPage, Participant
from newsgraph.store.names import name_key
from newsgraph.store.query import QueryError
from newsgraph.store.search import MAX_LIMIT

STATUSES = ("occurred", "planned", "failed")
# The date an event is filed under: its own when it has a year, else the article's.
WHEN = "CASE WHEN e.date IS NULL OR e.date LIKE 'X%' THEN e.published ELSE e.date END"
SELECT = (
    "SELECT e.article_id, e.local_id, e.type, e.status, e.code, e.trigger_text, e.place, "
    f"e.date, e.published, a.title, a.site, a.url, {WHEN} AS filed "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)


def has_events(conn: Connection) -> bool:
    """The database has the events tables of revision 0004 (an older one, opened
    read-only, is served without events)."""
    from sqlalchemy import inspect

    return "event_participants" in inspect(conn).get_table_names()


def search_events(conn: Connection, *, participant: str | int | None = None,
                  type: str | None = None, status: str | None = None,
                  place: str | None = None, since: str | date | None = None,
                  until: str | date | None = None, limit: int = 20,
                  offset: int = 0) -> EventPage:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if not isinstance(offset, int) or not 0 <= offset <= SQL_INT_MAX:
        raise QueryError(f"offset must be between 0 and {SQL_INT_MAX}")
    if status is not None and status not in STATUSES:
        raise QueryError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    since_d, until_d = as_date(since, "since"), as_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise QueryError(f"since ({since_d}) is after until ({until_d})")
    filters = {k: v for k, v in {"participant": participant, "type": type, "status": status,
                                 "place": place, "since": since_d, "until": until_d}.items()
               if v not in (None, "")}
    if not has_events(conn):
        return EventPage(limit, offset, 0, [], filters,
                         "this knowledge base has no events yet: open it once writable "
                         "(e.g. `newsgraph ingest`) to upgrade it")
    conds: list[str] = []
    params: dict[str, Any] = {}
    if type:
        conds.append("e.type = :type")
        params["type"] = type.strip().lower()
    if status:
        conds.append("e.status = :status")
        params["status"] = status
    if place:
        key = name_key(place)
        if not key:
            raise QueryError(f"place {place!r} has no letters to match")
        conds.append("lower(e.place) LIKE :place")
        params["place"] = f"%{place.strip().lower()}%"
    # "as far as the date goes": a 2019-04 event is within since=2019-04-15
    if since_d:
        conds.append(f"({WHEN}) >= substr(:since, 1, length({WHEN}))")
        params["since"] = since_d
    if until_d:
        conds.append(f"({WHEN}) <= :until")
        params["until"] = until_d + "-99"  # "2019-04" keeps every day of April
    expanding = []
    if participant not in (None, ""):
        who = _participant_sql(conn, participant, params)
        conds.append(f"(e.article_id, e.local_id) IN ({who})")
        expanding = [bindparam("pids", expanding=True)]
    where = " AND ".join(conds) or "1 = 1"
    count = text(f"SELECT count(*) FROM events e WHERE {where}").bindparams(*expanding)
    page = text(f"{SELECT} WHERE {where} ORDER BY filed DESC, e.article_id, e.local_id "
                "LIMIT :l OFFSET :o").bindparams(*expanding)
    total = conn.execute(count, params).scalar_one()
    rows = conn.execute(page, {**params, "l": limit, "o": offset}).all()
    return EventPage(limit, offset, total, _hits(conn, rows), filters)


def person_events(conn: Connection, pid: int, limit: int = 50) -> list[EventHit]:
    """A person's events, newest first (a profile's timeline)."""
    if not has_events(conn):
        return []
    rows = conn.execute(text(
        f"{SELECT} WHERE (e.article_id, e.local_id) IN (SELECT p.article_id, p.local_id FROM "
        "event_participants p WHERE p.person_id = :p) "
        "ORDER BY filed DESC, e.article_id, e.local_id LIMIT :l"),
        {"p": pid, "l": limit}).all()
    return _hits(conn, rows)


def _participant_sql(conn: Connection, participant: str | int, params: dict[str, Any]) -> str:
    """The events (article_id, local_id) a participant filter means: a person's profiles
    (id, slug, all the words of the name), or participants whose name contains it."""
    try:
        pids = people_by_name(conn, participant)
    except QueryError:
        pids = []
    key = name_key(str(participant))
    if not key and not pids:
        raise QueryError(f"participant {participant!r} has no letters to match")
    params["pids"] = pids or [-1]
    params["pkey"] = key or "\x00"
    params["ppat"] = f"%{key}%" if key else "\x00"
    return ("SELECT article_id, local_id FROM event_participants WHERE person_id IN :pids "
            "OR name_key = :pkey OR name_key LIKE :ppat")


def _hits(conn: Connection, rows: list[Any]) -> list[EventHit]:
    if not rows:
        return []
    found: dict[tuple[str, str], list[tuple[int, Participant]]] = defaultdict(list)
    q = text(
        "SELECT p.article_id, p.local_id, p.entity_id, p.name, p.type, p.person_id, pe.slug "
        "FROM event_participants p LEFT JOIN people pe ON pe.id = p.person_id "
        "WHERE p.article_id IN :aids"
    ).bindparams(bindparam("aids", expanding=True))
    wanted = {(r[0], r[1]) for r in rows}
    for aid, lid, eid, name, ptype, pid, slug in conn.execute(
            q, {"aids": sorted({r[0] for r in rows})}):
        if (aid, lid) in wanted:
            found[(aid, lid)].append((_entity_number(eid), Participant(name, ptype, pid, slug)))
    return [
        EventHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                 [p for _, p in sorted(found.get((r[0], r[1]), []), key=lambda x: x[0])])
        for r in rows
    ]


def _entity_number(eid: str) -> int:
    """E12 -> 12: participants in the order the record numbers its entities."""
    digits = "".join(c for c in eid if c.isdigit())
    return int(digits) if digits else 0
