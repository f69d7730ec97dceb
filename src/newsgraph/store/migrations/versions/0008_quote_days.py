"""Statements per day and kind: ``quote_days``.

Revision ID: 0008
Revises: 0007
Create Date: 2025-01-08

* ``quote_days (day, kind, n)``: how many statements of each kind each day has (the day a
  statement's id carries, ``keys.HASH_BITS``; day 0: undated). The timeline of every
  statement (no query, no filter but kind and dates) is read from these few thousand rows
  instead of counting the ~million entries of ``ix_quotes_kind``. Kept by the ingest (each
  new statement, in its batch's transaction) and by merges of profiles (a statement merged
  into another is one fewer), through ``store/day_counts.py``.

The upgrade counts the statements already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store.day_counts import fill

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_days",
        sa.Column("day", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    fill(op.get_bind())


def downgrade() -> None:
    op.drop_table("quote_days")
