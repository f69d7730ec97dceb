"""Table definitions (SQLAlchemy Core) shared by ingest, search and export.

The database itself is created and upgraded by the Alembic migrations in ``migrations/``;
these definitions must describe the same tables (a test checks that they agree). The
full-text parts live only in the migrations: an FTS5 external-content table with triggers on
SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL.

Identifiers are deterministic functions of the data (hashes of natural keys), never
autoincrement counters, so an interrupted and resumed ingest produces byte-for-byte the same
rows as an uninterrupted one on both backends. A quote's id also encodes its date in the high
bits (see ``keys.quote_id``): ordering by id is ordering by date, which lets both full-text
engines return the newest matches without sorting them all.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects import postgresql

metadata = MetaData()

# INTEGER PRIMARY KEY is the rowid on SQLite (no second index); BIGINT on PostgreSQL.
ID = BigInteger().with_variant(Integer(), "sqlite")
SITES = Text().with_variant(postgresql.ARRAY(Text()), "postgresql")

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # the record id (sha1 of URL or raw bytes)
    Column("text_hash", BigInteger, nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(10)),  # ISO date YYYY-MM-DD (or YYYY-MM, YYYY), or NULL
    Column("site", Text),
    Column("language", String(16)),
    Column("url", Text),  # first URL seen; all of them are in article_sources
    Column("n_quotes", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the newsgraph/1 record as JSON, minus "text"
    Index("ix_articles_published", "published"),
    # A person's first and last seen dates without reading article rows: 0003.
    Index("ix_articles_id_published", "id", "published"),
)

article_sources = Table(
    "article_sources",
    metadata,
    # date + hash of (record id, url, path, offset)
    Column("id", ID, primary_key=True, autoincrement=False),
    Column("article_id", String(64), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("url", Text),
    Column("path", Text),
    Column("format", String(16)),
    Column("source_offset", BigInteger),
    Index("ix_article_sources_article", "article_id"),
    Index("ix_article_sources_record", "record_id"),
)

people = Table(
    "people",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=False),  # hash of the slug
    Column("slug", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),  # canonical display name (first full name seen)
    Column("name_key", Text, nullable=False),
    # NULL for a profile shared across articles; the article id for a single-token name
    # ("Putin") that could not be tied to a full name, which never leaves its article.
    Column("scope", String(64)),
    Column("first_article", String(64), nullable=False),
    # 0007: female | male | unknown, decided from person_genders (store/gender.py) and kept
    # current by the ingest and by merges of profiles.
    Column("gender", String(8), nullable=False, server_default="unknown"),
    Index("ix_people_name_key", "name_key"),
)

person_names = Table(
    "person_names",
    metadata,
    Column("person_id", BigInteger, primary_key=True),
    Column("name", Text, primary_key=True),  # a variant as written
    Column("name_key", Text, nullable=False),
)

person_tokens = Table(
    "person_tokens",
    metadata,
    Column("token", Text, primary_key=True),
    Column("person_id", BigInteger, primary_key=True),
)

# Distinct organisations and places a person was seen with (for conflicts and --org).
person_affiliations = Table(
    "person_affiliations",
    metadata,
    Column("person_id", BigInteger, primary_key=True),
    Column("kind", String(8), primary_key=True),  # org | place
    Column("key", Text, primary_key=True),  # name_key of the value
    Column("value", Text, nullable=False),
    Index("ix_person_affiliations_kind_key", "kind", "key"),
)

# Every distinct organisation name seen in a role (small: what --org searches by substring).
organisations = Table(
    "organisations",
    metadata,
    Column("key", Text, primary_key=True),  # name_key of the name
    Column("name", Text, nullable=False),  # as first written
)

# Every distinct site (small: what --site resolves against, exactly or as a parent domain).
sites = Table(
    "sites",
    metadata,
    Column("site", Text, primary_key=True),
)

roles = Table(
    "roles",
    metadata,
    # date + hash of (person, article, title, org, place)
    Column("id", ID, primary_key=True, autoincrement=False),
    Column("person_id", BigInteger, nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("title", Text),
    Column("org", Text),
    Column("place", Text),
    Column("published", String(10)),
    # Covering: a profile groups a person's roles and reads each role's latest articles
    # off this index alone (0003).
    Index("ix_roles_person", "person_id", "title", "org", "place", "published", "article_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(32), primary_key=True),  # the entity id inside the record (E3)
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("person_id", BigInteger),
    # Only mentions of a person (half the rows are organisations and places): 0002;
    # covering the articles a person appears in: 0003.
    Index("ix_mentions_person", "person_id", "article_id",
          sqlite_where=text("person_id IS NOT NULL"),
          postgresql_where=text("person_id IS NOT NULL")),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=False),  # date-ordered, see keys.quote_id
    Column("qkey", BigInteger, nullable=False, unique=True),  # speaker key + content key
    Column("person_id", BigInteger),
    Column("speaker", Text),  # canonical name, or the speaker as written when unresolved
    Column("type", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("published", String(10)),  # of the first article it was seen in
    Column("article_id", String(64), nullable=False),  # the first article it was seen in
    # Sites of every copy: "a.example b.example" on SQLite, text[] on PostgreSQL.
    Column("sites", SITES),
    # 0006: speech | belief | stance | intention | evidence (record.md); rows before it and
    # records without a kind are speech.
    Column("kind", String(16), nullable=False, server_default="speech"),
    # With published: a profile's statements per month from the index alone (0003).
    Index("ix_quotes_person_id", "person_id", "id", "published"),
    # 0006: the statements of one kind, newest first (a rare kind without walking them all).
    Index("ix_quotes_kind", "kind", "id"),
)

quote_sources = Table(
    "quote_sources",
    metadata,
    Column("quote_id", BigInteger, primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(32)),  # the quote id inside the record (Q1)
    Column("person_id", BigInteger),
    Column("speaker_text", Text),  # the speaker mention as written ("he", "the expert")
    Column("speaker_title", Text),  # the speaker's role in this article
    Column("speaker_org", Text),
    Column("cue", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("published", String(10)),
    Column("site", Text),
    # 0006: the record's "group": pieces of one split attribution share it (per article).
    Column("quote_group", String(64)),
    # With person_id: who is quoted in an article without reading the rows (0003).
    Index("ix_quote_sources_article", "article_id", "person_id"),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(32), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("trigger_text", Text),
    Column("place", Text),
    Column("date", String(10)),  # ISO, possibly partial: 2019, 2019-04, XXXX-04-25
    Column("participants", Text, nullable=False),  # JSON list of {"entity", "name", "person_id"}
    # 0004: status and the PLOVER/CAMEO code from the record; the article's date, which
    # dates an event whose own date the text does not give (listing, --since).
    Column("status", String(16), nullable=False, server_default="occurred"),
    Column("code", String(32)),
    Column("published", String(10)),
    Index("ix_events_type", "type", "date"),
)

# One row per participant of an event (0004): who took part, by person profile or by name.
event_participants = Table(
    "event_participants",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(32), primary_key=True),  # the event id inside the record (V1)
    Column("entity_id", String(32), primary_key=True),  # the entity id inside the record (E3)
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("type", String(16), nullable=False),  # PERSON | ORG | GPE | NORP
    Column("person_id", BigInteger),
    Index("ix_event_participants_person", "person_id", "article_id",
          sqlite_where=text("person_id IS NOT NULL"),
          postgresql_where=text("person_id IS NOT NULL")),
    Index("ix_event_participants_name", "name_key"),
)

# Source gender (0005): one row per person entity of an article whose record gives a gender.
person_genders = Table(
    "person_genders",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(32), primary_key=True),  # the entity id inside the record (E3)
    Column("person_id", BigInteger, nullable=False),
    Column("gender", String(8), nullable=False),  # female | male
    Column("evidence", String(16), nullable=False),  # honorific | noun | pronoun | given_name
    Index("ix_person_genders_person", "person_id", "gender", "evidence"),
)

# Wikidata identities (0005), written by ``newsgraph link --wikidata``.
person_wikidata = Table(
    "person_wikidata",
    metadata,
    Column("person_id", BigInteger, primary_key=True),
    Column("wikidata_id", String(16), nullable=False),
    Column("label", Text),
    Column("description", Text),
    Column("score", Float),
    Column("margin", Float),
    Index("ix_person_wikidata_item", "wikidata_id"),
)

org_wikidata = Table(
    "org_wikidata",
    metadata,
    Column("key", Text, primary_key=True),  # name_key of the organisation
    Column("name", Text, nullable=False),
    Column("wikidata_id", String(16), nullable=False),
    Column("label", Text),
    Column("description", Text),
    Column("score", Float),
    Column("margin", Float),
    Index("ix_org_wikidata_item", "wikidata_id"),
)

# Profiles merged into another because both were linked to the same Wikidata item.
person_merges = Table(
    "person_merges",
    metadata,
    Column("from_id", BigInteger, primary_key=True),
    Column("from_slug", Text, nullable=False),
    Column("to_id", BigInteger, nullable=False),
    Column("wikidata_id", String(16), nullable=False),
    Index("ix_person_merges_slug", "from_slug"),
)

# Statements per day and kind (0008), for the timeline of every statement (day_counts.py).
quote_days = Table(
    "quote_days",
    metadata,
    Column("day", BigInteger, primary_key=True, autoincrement=False),  # id >> HASH_BITS
    Column("kind", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

TABLES = [
    articles,
    article_sources,
    people,
    person_names,
    person_tokens,
    person_affiliations,
    organisations,
    sites,
    roles,
    mentions,
    quotes,
    quote_sources,
    events,
    event_participants,
    person_genders,
    person_wikidata,
    org_wikidata,
    person_merges,
    quote_days,
]
