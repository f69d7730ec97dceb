"""Turning search filters (speaker, organisation, dates) into ids the queries can use."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from newsgraph.store.keys import as_row_id
from newsgraph.store.names import name_key
from newsgraph.store.prepare import normalise_date
from newsgraph.store.query import QueryError

MAX_PEOPLE = 20_000  # a filter matching more people than this is too vague to be useful


def as_date(value: str | date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    d = normalise_date(value)
    if d is None or d != value.strip()[: len(d)]:
        raise QueryError(f"{what} must be a date like 2019-01-31 (or 2019-01, 2019), "
                         f"not {value!r}")
    return d


def people_by_name(conn: Connection, name_or_id: str | int) -> list[int]:
    """Profiles a speaker filter means: an id, a slug, or every profile whose name has all the
    given words (``Asmolov`` finds "Konstantin Asmolov" and article-scoped "Asmolov"s)."""
    s = str(name_or_id).strip()
    if isinstance(name_or_id, int) or s.isdigit():
        pid = as_row_id(name_or_id if isinstance(name_or_id, int) else s)
        row = None if pid is None else conn.execute(
            text("SELECT id FROM people WHERE id = :i"), {"i": pid}).first()
        return [row[0]] if row else []
    row = conn.execute(text("SELECT id FROM people WHERE slug = :s"), {"s": s}).first()
    if row:
        return [row[0]]
    tokens = sorted(set(name_key(s).split()))
    if not tokens:
        raise QueryError(f"speaker {name_or_id!r} has no letters to match")
    q = text("SELECT person_id FROM person_tokens WHERE token IN :toks GROUP BY person_id "
             "HAVING count(*) = :n LIMIT :cap").bindparams(bindparam("toks", expanding=True))
    ids = [r[0] for r in conn.execute(q, {"toks": tokens, "n": len(tokens),
                                          "cap": MAX_PEOPLE + 1})]
    if len(ids) > MAX_PEOPLE:
        raise QueryError(f"speaker {name_or_id!r} matches too many people: give a full name")
    return sorted(ids)


def people_by_org(conn: Connection, org: str) -> list[int]:
    """Profiles seen with an organisation whose (normalised) name contains ``org``."""
    key = name_key(org)
    if not key:
        raise QueryError(f"organisation {org!r} has no letters to match")
    q = text("SELECT DISTINCT a.person_id FROM organisations o JOIN person_affiliations a "
             "ON a.kind = 'org' AND a.key = o.key WHERE o.key LIKE :pat LIMIT :cap")
    ids = [r[0] for r in conn.execute(q, {"pat": f"%{key}%", "cap": MAX_PEOPLE + 1})]
    if len(ids) > MAX_PEOPLE:
        raise QueryError(f"organisation {org!r} matches too many people: be more specific")
    return sorted(ids)


def sites_matching(conn: Connection, site: str) -> list[str]:
    """Known sites a --site filter means: the site itself and its subdomains
    (``bbc.co.uk`` -> ``bbc.co.uk``, ``www.bbc.co.uk``)."""
    s = site.strip().lower()
    if not s:
        raise QueryError("site is empty")
    like = "%." + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    q = text("SELECT site FROM sites WHERE site = :s OR site LIKE :like ESCAPE '\\' "
             "ORDER BY site")
    return [r[0] for r in conn.execute(q, {"s": s, "like": like})]
