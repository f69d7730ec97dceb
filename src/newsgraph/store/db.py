"""Database URLs, engines and migrations: the only module that knows driver details."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url

DEFAULT_URL = "sqlite:///newsgraph.db"
ENV_VAR = "NEWSGRAPH_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK = 7_423_650_001  # advisory lock id: one migrator at a time
# Older revisions that read like the head (the changes since are in how the ingest writes,
# in indexes that make some reads faster, and in the events tables of 0004, which reads
# without them answer as "no events yet"; before 0006 every statement reads as speech):
# a read-only open accepts them, so a web server can serve a database that no writer has
# upgraded yet. 0004 lacks the gender and Wikidata tables of 0005: reads answer "no genders
# yet". 0006 lacks ``people.gender`` (0007): the gender facet is not offered (said in the
# facets' notice) and a gender filter is a clear error.
# 0007 lacks the day counts of 0008: timelines count the ids, as before.
READ_COMPATIBLE = {"0001", "0002", "0003", "0004", "0005", "0006", "0007"}
WAL_AUTOCHECKPOINT_PAGES = 262_144  # of 4 KiB: 1 GiB


class StoreError(Exception):
    """The knowledge base cannot be opened or used (bad URL, missing file, old schema)."""


def resolve_url(url: str | None = None) -> str:
    """The URL to use: explicit, else $NEWSGRAPH_DB, else ``sqlite:///newsgraph.db``.

    ``postgresql://`` and ``postgres://`` select the psycopg (3) driver; a bare file path is
    taken as an SQLite database.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return "sqlite:///" + url
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return url


def dialect_of(url: str) -> str:
    return make_url(url).get_backend_name()


def create(url: str, read_only: bool = False) -> Engine:
    """An engine configured for the knowledge base (PRAGMAs, read-only mode, pooling)."""
    u = make_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(u, read_only)
    if backend == "postgresql":
        return create_engine(u, pool_pre_ping=True, connect_args=pg_connect_args(u, read_only))
    raise StoreError(f"unsupported database {u.drivername!r}: use sqlite:/// or postgresql://")


READ_ONLY_OPTION = "-c default_transaction_read_only=on"


def pg_connect_args(u: URL, read_only: bool) -> dict[str, str]:
    """Driver arguments for PostgreSQL: read-only mode as a server option, added to the
    ``options`` the user gave (``?options=-csearch_path%3Dkb`` in the URL or, as libpq does
    without one, ``$PGOPTIONS``) instead of replacing them: a connect argument wins over
    the URL's query, and libpq reads ``$PGOPTIONS`` only when no ``options`` is given."""
    if not read_only:
        return {}
    given = u.query.get("options")
    if given is None:
        given = os.environ.get("PGOPTIONS")
    if isinstance(given, tuple):  # ?options=...&options=...
        given = " ".join(given)
    return {"options": f"{given.strip()} {READ_ONLY_OPTION}" if given and given.strip()
            else READ_ONLY_OPTION}


def _sqlite_engine(u, read_only: bool) -> Engine:
    path = u.database or ""
    if path in ("", ":memory:"):
        raise StoreError("an in-memory SQLite knowledge base is not supported: give a file path")
    if read_only:
        if not Path(path).exists():
            raise StoreError(f"no knowledge base at {path}")
        u = u.set(database=f"file:{Path(path).resolve()}?mode=ro", query={"uri": "true"})
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(u, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        # Autocommit at the driver level; transactions are begun explicitly below, so DDL in
        # migrations is transactional too (pysqlite's implicit BEGIN skips it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA cache_size=-524288")  # 512 MiB
        if not read_only:
            # Checkpoint when the WAL reaches 1 GiB, not 64 MiB: an ingest transaction
            # dirties pages all over the indexes, mostly the same ones each time, so a
            # checkpoint every few transactions copied the same pages to the database again
            # and again (4-5 times the writes at a million statements). After a checkpoint
            # the WAL file is cut back to 64 MiB.
            cur.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
            cur.execute(f"PRAGMA journal_size_limit={64 << 20}")
        cur.execute("PRAGMA mmap_size=1073741824")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _alembic_config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision (no-op when it is already there)."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        command.upgrade(_alembic_config(conn), "head")


def check_schema(engine: Engine) -> None:
    """For read-only stores: fail clearly when the database was never (or not fully) migrated."""
    try:
        rev = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - surfaced as a clear message
        raise StoreError(f"cannot read the knowledge base: {exc}") from exc
    if rev is None:
        raise StoreError("not a newsgraph knowledge base (no schema): run `newsgraph ingest` first")
    if rev != head_revision() and rev not in READ_COMPATIBLE:
        raise StoreError(f"knowledge base schema {rev} is not the current {head_revision()}: "
                         "open it once writable (e.g. `newsgraph ingest`) to upgrade it")


def downgrade_to_base(engine: Engine) -> None:
    """Drop every knowledge-base table (the benchmark's --reset; never used by the CLI)."""
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "base")
