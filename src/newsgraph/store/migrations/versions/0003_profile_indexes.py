"""Covering indexes for person profiles.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03

A profile aggregates everything about one person; for the most quoted people that is
thousands of rows per part, and each part used to fetch its rows one by one from the table
(roles, quotes, quote sources, articles). These indexes hold what the parts read, so each is
one range of one index (an index-only scan on PostgreSQL, a covering index on SQLite):

* ``ix_roles_person``: ``(person_id, title, org, place, published, article_id)``; the roles
  of a person grouped in SQL, and the latest articles of each role read off the index.
* ``ix_quotes_person_id``: ``(person_id, id, published)``: statements per month.
* ``ix_mentions_person``: ``(person_id, article_id)`` (still only mentions of a person): the
  articles a person appears in (SQLite's index held article_id already, as the table's key).
* ``ix_articles_id_published`` (new): ``(id, published)``: first and last seen.
* ``ix_quote_sources_article``: ``(article_id, person_id)``: co-quoted people (and the
  people of an article page).

Same names, same leading columns: every query that used the old indexes uses these. The
schema reads exactly as 0002 (``db.READ_COMPATIBLE``). On a database left by an unfinished
SQLite bulk load some of these indexes are missing; they are (re)built here either way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_PERSON = sa.text("person_id IS NOT NULL")
# name -> (table, columns now, columns in 0002, partial)
INDEXES = {
    "ix_roles_person": ("roles", ["person_id", "title", "org", "place", "published",
                                  "article_id"], ["person_id"], False),
    "ix_quotes_person_id": ("quotes", ["person_id", "id", "published"], ["person_id", "id"],
                            False),
    "ix_mentions_person": ("mentions", ["person_id", "article_id"], ["person_id"], True),
    "ix_articles_id_published": ("articles", ["id", "published"], None, False),
    "ix_quote_sources_article": ("quote_sources", ["article_id", "person_id"], ["article_id"],
                                 False),
}


def _create(name: str, table: str, columns: list[str], partial: bool) -> None:
    where = {"sqlite_where": _PERSON, "postgresql_where": _PERSON} if partial else {}
    op.create_index(name, table, columns, **where)


def upgrade() -> None:
    for name, (table, columns, _old, partial) in INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        _create(name, table, columns, partial)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        # An analysed database (``Store.optimize``) lost these indexes' statistics with the
        # old indexes; without them SQLite may join a profile's tables the slow way round.
        for name in INDEXES:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, (table, _new, columns, partial) in INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        if columns:
            _create(name, table, columns, partial)
