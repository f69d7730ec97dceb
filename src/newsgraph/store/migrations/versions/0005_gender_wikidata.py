"""Source gender and Wikidata identities (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2025-01-05

* ``person_genders``: one row per person entity of an article whose record gives it a
  gender (female | male) and the evidence (honorific | noun | pronoun | given_name),
  linked to the person's profile; a person's gender across articles is read from these
  rows (``store/gender.py``: text evidence beats the name table, the majority wins).
* ``person_wikidata`` / ``org_wikidata``: the Wikidata item a person profile or an
  organisation (by normalised name) is linked to by ``newsgraph link --wikidata``, with the
  score and margin of the choice.
* ``person_merges``: profiles merged into another because both were linked to one item
  (``from_id`` -> ``to_id``), so the old id and slug still find the person.

Records stored before are carried over: the genders their entities carry (records
extracted by a version that wrote them) become ``person_genders`` rows.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000
GENDERS = ("female", "male")


def upgrade() -> None:
    op.create_table(
        "person_genders",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("local_id", sa.String(32), primary_key=True),
        sa.Column("person_id", sa.BigInteger, nullable=False),
        sa.Column("gender", sa.String(8), nullable=False),
        sa.Column("evidence", sa.String(16), nullable=False),
    )
    op.create_index("ix_person_genders_person", "person_genders",
                    ["person_id", "gender", "evidence"])
    op.create_table(
        "person_wikidata",
        sa.Column("person_id", sa.BigInteger, primary_key=True),
        sa.Column("wikidata_id", sa.String(16), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("margin", sa.Float),
    )
    op.create_index("ix_person_wikidata_item", "person_wikidata", ["wikidata_id"])
    op.create_table(
        "org_wikidata",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("wikidata_id", sa.String(16), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("margin", sa.Float),
    )
    op.create_index("ix_org_wikidata_item", "org_wikidata", ["wikidata_id"])
    op.create_table(
        "person_merges",
        sa.Column("from_id", sa.BigInteger, primary_key=True),
        sa.Column("from_slug", sa.Text, nullable=False),
        sa.Column("to_id", sa.BigInteger, nullable=False),
        sa.Column("wikidata_id", sa.String(16), nullable=False),
    )
    op.create_index("ix_person_merges_slug", "person_merges", ["from_slug"])
    _carry_over(op.get_bind())


def _carry_over(bind: sa.engine.Connection) -> None:
    """Genders in the records already stored (only records extracted by a version that
    wrote them have any: the others are not read)."""
    insert = sa.text("INSERT INTO person_genders (article_id, local_id, person_id, gender, "
                     "evidence) VALUES (:a, :l, :p, :g, :e)")
    person_of = sa.text("SELECT local_id, person_id FROM mentions WHERE article_id = :a "
                        "AND person_id IS NOT NULL")
    ids = [r[0] for r in bind.execute(sa.text(
        "SELECT id FROM articles WHERE record LIKE '%\"gender_evidence\"%' ORDER BY id"))]
    record = sa.text("SELECT record FROM articles WHERE id = :a")
    out = []
    for aid in ids:
        rec = bind.execute(record, {"a": aid}).scalar_one()
        people = {str(lid): pid for lid, pid in bind.execute(person_of, {"a": aid})}
        for e in json.loads(rec).get("entities") or ():
            pid = people.get(str(e.get("id")))
            if pid is None or e.get("gender") not in GENDERS:
                continue
            out.append({"a": aid, "l": str(e["id"]), "p": pid, "g": e["gender"],
                        "e": str(e.get("gender_evidence") or "unknown")[:16]})
        if len(out) >= BATCH:
            bind.execute(insert, out)
            out = []
    if out:
        bind.execute(insert, out)


def downgrade() -> None:
    op.drop_index("ix_person_merges_slug", table_name="person_merges")
    op.drop_table("person_merges")
    op.drop_index("ix_org_wikidata_item", table_name="org_wikidata")
    op.drop_table("org_wikidata")
    op.drop_index("ix_person_wikidata_item", table_name="person_wikidata")
    op.drop_table("person_wikidata")
    op.drop_index("ix_person_genders_person", table_name="person_genders")
    op.drop_table("person_genders")
