"""Faster ingest: set-based full-text indexing on SQLite, a partial index on mentions.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02

* SQLite: the insert and update triggers of 0001 indexed one quote per statement, which made
  FTS5 write a segment per quote (see ``store/fts.py``). The ingest now indexes each batch
  with one statement in the same transaction. The delete trigger stays (nothing in newsgraph
  deletes quotes, but a hand-made delete keeps the index right).
* SQLite: FTS5 merges segments 16 at a time instead of 4 (``automerge``): less rewriting
  while ingesting; ``optimize`` still merges everything into one segment.
* Both: ``ix_mentions_person`` leaves out mentions of no person (organisations, places:
  half the rows), which no query looks up by person.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SPEAKER = "CASE WHEN {r}.person_id IS NULL THEN '' ELSE 'p' || {r}.person_id END"
_ROW = "{r}.id, {r}.content, " + _SPEAKER + ", coalesce({r}.sites, '')"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content, speaker, sites) VALUES ({_ROW.format(r="new")});
    END""",
    f"""CREATE TRIGGER quotes_fts_au AFTER UPDATE OF id, content, person_id, sites ON quotes
    BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker, sites)
        VALUES ('delete', {_ROW.format(r="old")});
        INSERT INTO quotes_fts(rowid, content, speaker, sites) VALUES ({_ROW.format(r="new")});
    END""",
]
FTS_AUTOMERGE = 16


def upgrade() -> None:
    op.drop_index("ix_mentions_person", table_name="mentions")
    op.create_index("ix_mentions_person", "mentions", ["person_id"],
                    sqlite_where=sa.text("person_id IS NOT NULL"),
                    postgresql_where=sa.text("person_id IS NOT NULL"))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS quotes_fts_ai")
        op.execute("DROP TRIGGER IF EXISTS quotes_fts_au")
        op.execute("INSERT INTO quotes_fts(quotes_fts, rank) "
                   f"VALUES ('automerge', {FTS_AUTOMERGE})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 4)")
        for sql in SQLITE_TRIGGERS:
            op.execute(sql)
    op.drop_index("ix_mentions_person", table_name="mentions")
    op.create_index("ix_mentions_person", "mentions", ["person_id"])
