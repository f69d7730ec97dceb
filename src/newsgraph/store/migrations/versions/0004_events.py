"""Events searchable: status, code and date of each event, and its participants by profile.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04

* ``events`` gains ``status`` (occurred | planned | failed; the records before it had
  none, which means occurred), ``code`` (PLOVER/CAMEO) and ``published`` (the article's
  date: what dates an event whose text gives no date), and an index by type and date.
* ``event_participants``: one row per participant (its entity id in the record, name,
  normalised name, type and person profile), indexed by person and by name, for
  ``newsgraph events --participant`` and a person's timeline.

Events stored before are carried over: their participants come from the ``participants``
JSON and the article's ``mentions`` (type), their ``published`` from the article.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from newsgraph.store.names import name_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PERSON = sa.text("person_id IS NOT NULL")
BATCH = 5000


def upgrade() -> None:
    op.add_column("events", sa.Column("status", sa.String(16), nullable=False,
                                      server_default="occurred"))
    op.add_column("events", sa.Column("code", sa.String(32)))
    op.add_column("events", sa.Column("published", sa.String(10)))
    op.create_index("ix_events_type", "events", ["type", "date"])
    op.create_table(
        "event_participants",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("local_id", sa.String(32), primary_key=True),
        sa.Column("entity_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("person_id", sa.BigInteger),
    )
    op.create_index("ix_event_participants_person", "event_participants",
                    ["person_id", "article_id"], sqlite_where=_PERSON,
                    postgresql_where=_PERSON)
    op.create_index("ix_event_participants_name", "event_participants", ["name_key"])
    _carry_over(op.get_bind())


def _carry_over(bind: sa.engine.Connection) -> None:
    bind.execute(sa.text(
        "UPDATE events SET published = (SELECT a.published FROM articles a "
        "WHERE a.id = events.article_id)"))
    rows = bind.execute(sa.text(
        "SELECT e.article_id, e.local_id, e.participants FROM events e "
        "ORDER BY e.article_id, e.local_id")).all()
    types: dict[tuple[str, str], str] = {}
    for aid, lid, etype in bind.execute(sa.text(
            "SELECT m.article_id, m.local_id, m.type FROM mentions m "
            "WHERE m.article_id IN (SELECT article_id FROM events)")):
        types[(aid, lid)] = etype
    out = []
    insert = sa.text(
        "INSERT INTO event_participants (article_id, local_id, entity_id, name, name_key, "
        "type, person_id) VALUES (:a, :l, :e, :n, :k, :t, :p)")
    for aid, lid, parts in rows:
        seen: set[str] = set()
        for p in json.loads(parts or "[]"):
            eid, name = p.get("entity"), p.get("name")
            if not eid or not name or eid in seen:
                continue
            seen.add(eid)
            out.append({"a": aid, "l": lid, "e": eid, "n": name, "k": name_key(name),
                        "t": (types.get((aid, eid)) or "OTHER")[:16],
                        "p": p.get("person_id")})
            if len(out) >= BATCH:
                bind.execute(insert, out)
                out = []
    if out:
        bind.execute(insert, out)


def downgrade() -> None:
    op.drop_index("ix_event_participants_name", table_name="event_participants")
    op.drop_index("ix_event_participants_person", table_name="event_participants")
    op.drop_table("event_participants")
    op.drop_index("ix_events_type", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("published")
        batch.drop_column("code")
        batch.drop_column("status")
