"""Attribution kinds and groups: ``quotes.kind`` and ``quote_sources.quote_group``.

Revision ID: 0006
Revises: 0005
Create Date: 2025-01-06

* ``quotes.kind``: speech | belief | stance | intention | evidence (docs/record.md). A record
  without it means speech, and so does every row stored before this revision (added with
  that default: on both backends a constant default fills the existing rows without
  rewriting them).
* ``quote_sources.quote_group``: the record's ``group`` (pieces of one split attribution
  share it, within their article), NULL when none.
* ``ix_quotes_kind (kind, id)``: the statements of a rarer kind, newest first, without
  walking every statement.

Records stored before carry their quotes' ``kind`` and ``group`` in the stored record (the
ingest kept every field): those are copied over, so an upgrade loses nothing. Only articles
whose stored record mentions a kind or a group are read.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = ("speech", "belief", "stance", "intention", "evidence")
BATCH = 2000


def upgrade() -> None:
    op.execute("ALTER TABLE quotes ADD COLUMN kind VARCHAR(16) DEFAULT 'speech' NOT NULL")
    op.execute("ALTER TABLE quote_sources ADD COLUMN quote_group VARCHAR(64)")
    op.create_index("ix_quotes_kind", "quotes", ["kind", "id"])
    _carry_over(op.get_bind())


def _carry_over(bind: sa.engine.Connection) -> None:
    rows = bind.execute(sa.text(
        "SELECT id, record FROM articles WHERE record LIKE :k OR record LIKE :g"),
        {"k": '%"kind"%', "g": '%"group"%'})
    kinds, groups = [], []
    for aid, record in rows:
        try:
            quotes = json.loads(record).get("quotes") or []
        except (ValueError, AttributeError):
            continue
        for q in quotes:
            if not isinstance(q, dict) or "id" not in q:
                continue
            kind, group = q.get("kind"), q.get("group")
            if kind in KINDS and kind != "speech":
                kinds.append({"a": aid, "l": str(q["id"]), "k": kind})
            if group is not None and str(group).strip():
                groups.append({"a": aid, "l": str(q["id"]), "g": str(group)[:64]})
    # A statement's kind is that of its first copy (as its type is).
    for i in range(0, len(kinds), BATCH):
        bind.execute(sa.text(
            "UPDATE quotes SET kind = :k WHERE article_id = :a AND id IN (SELECT quote_id "
            "FROM quote_sources WHERE article_id = :a AND local_id = :l)"),
            kinds[i:i + BATCH])
    for i in range(0, len(groups), BATCH):
        bind.execute(sa.text(
            "UPDATE quote_sources SET quote_group = :g WHERE article_id = :a AND local_id = :l"),
            groups[i:i + BATCH])


def downgrade() -> None:
    op.drop_index("ix_quotes_kind", table_name="quotes")
    op.execute("ALTER TABLE quote_sources DROP COLUMN quote_group")
    op.execute("ALTER TABLE quotes DROP COLUMN kind")
