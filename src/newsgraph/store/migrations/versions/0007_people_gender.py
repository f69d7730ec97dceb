"""A profile's gender in the people table: ``people.gender``.

Revision ID: 0007
Revises: 0006
Create Date: 2025-01-07

* ``people.gender``: female | male | unknown (default unknown), the gender the rule of
  ``store/gender.py`` decides from the profile's ``person_genders`` rows (text evidence beats
  the name table, the majority wins, a tie is unknown). Stored so that SQL can count and
  filter by it: the gender facet, ``search --gender``, the API's ``gender=``.

The upgrade fills it for every profile with ``update_people_genders``, the function the
ingest and the merging of profiles (``store/wikidata.py``) call to keep it current: one
rule, one function, not a copy frozen here.
"""

from __future__ import annotations

from alembic import op

from newsgraph.store.gender import update_people_genders

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a constant default: existing rows read 'unknown' without a rewrite (both backends)
    op.execute("ALTER TABLE people ADD COLUMN gender VARCHAR(8) DEFAULT 'unknown' NOT NULL")
    update_people_genders(op.get_bind())


def downgrade() -> None:
    op.execute("ALTER TABLE people DROP COLUMN gender")
