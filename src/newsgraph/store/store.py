"""The knowledge base: one object over an SQLite file or a PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine

from newsgraph.store import articles as _articles
from newsgraph.store import bulk, db, schema
from newsgraph.store import events as _events
from newsgraph.store import export as _export
from newsgraph.store import facets as _facets
from newsgraph.store import gender as _gender
from newsgraph.store import narrow as _narrow
from newsgraph.store import network as _network
from newsgraph.store import profiles as _profiles
from newsgraph.store import result_export as _result_export
from newsgraph.store import search as _search
from newsgraph.store import timelines as _timelines
from newsgraph.store.filters import as_date
from newsgraph.store.gender import GenderStats
from newsgraph.store.ingest import Ingester, Item, Progress
from newsgraph.store.models import (
    Article,
    ArticleRef,
    EventPage,
    PersonRef,
    Profile,
    SearchPage,
    Stats,
)
from newsgraph.store.narrow import DEFAULT_KIND
from newsgraph.store.report import IngestReport
from newsgraph.store.view_models import FacetCounts, MonthCounts, Network


def _closing(conn: Connection, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks``, then the connection they read from closed (also when abandoned)."""
    try:
        yield from chunks
    finally:
        conn.close()

if TYPE_CHECKING:
    from newsgraph.store.wikidata import LinkReport
    from newsgraph.wikidata.extract import Extract


class Store:
    """Open with ``open_store(url)``; every method returns plain, JSON-serialisable data."""

    def __init__(self, engine: Engine, url: str, read_only: bool) -> None:
        self.engine = engine
        self.url = url
        self.read_only = read_only
        self.dialect = engine.dialect.name

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def ingest(self, records: Iterable[Item], *, batch_size: int = 1000,
               progress: Progress | None = None) -> IngestReport:
        """Store records (``Document``, record dicts, or ``Incoming`` items with their origin).

        Idempotent and crash-safe; bad records are reported in the result, never raised.
        """
        if self.read_only:
            raise db.StoreError("this knowledge base was opened read-only")
        return Ingester(self.engine, batch_size).run(records, progress)

    def link_wikidata(self, extract: Extract, *, relink: bool = False) -> LinkReport:
        """Link people and organisations to the items of a Wikidata extract (read by
        ``newsgraph.wikidata.extract.load_extract``) and merge profiles linked to one item;
        re-running it changes nothing (``relink``: score linked ones again)."""
        if self.read_only:
            raise db.StoreError("this knowledge base was opened read-only")
        from newsgraph.store.wikidata import link_wikidata

        return link_wikidata(self.engine, extract, relink)

    def optimize(self) -> None:
        """After big ingests: merge FTS5 segments and ANALYZE (SQLite); VACUUM ANALYZE the
        tables (PostgreSQL: statistics for the planner, visibility maps for fast scans)."""
        if self.read_only:
            raise db.StoreError("this knowledge base was opened read-only")
        if self.dialect == "postgresql":  # VACUUM cannot run inside a transaction
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                tables = ", ".join(t.name for t in schema.TABLES)
                conn.exec_driver_sql(f"VACUUM (ANALYZE) {tables}")
            return
        with self.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('optimize')")
            conn.exec_driver_sql("ANALYZE")
        if self.dialect == "sqlite":  # outside any transaction (the driver is in autocommit)
            with self.engine.connect() as conn:
                conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- reading -----------------------------------------------------------------------------

    def search(self, query: str | None = None, *, speaker: str | int | None = None,
               org: str | None = None, site: str | None = None,
               since: str | date | None = None, until: str | date | None = None,
               kind: str | None = DEFAULT_KIND, type: str | None = None,
               language: str | None = None, gender: str | None = None,
               order: str = "newest", limit: int = 20, offset: int = 0,
               count_limit: int = 1000) -> SearchPage:
        """Quotes matching a query (syntax in ``query.py``) and filters; ``QueryError`` if
        the query or a filter is malformed. ``query`` None or empty lists quotes by filter.

        ``kind``: speech (the default: what people said), belief, stance, intention,
        evidence, or "all"/None. ``type``: direct | indirect | mixed. ``language``: the
        article's. ``gender``: the speaker's (when the knowledge base records it).
        ``order``: newest | oldest | best. ``total`` is exact below ``count_limit``.
        """
        with self.engine.connect() as conn:
            return _search.search(conn, query, speaker=speaker, org=org, site=site,
                                  since=since, until=until, kind=kind, type=type,
                                  language=language, gender=gender, order=order, limit=limit,
                                  offset=offset, count_limit=count_limit)

    def facets(self, query: str | None = None, **filters: Any) -> FacetCounts:
        """Facet counts (site, month, speaker, type, kind, language; gender where recorded)
        of ``search(query, **filters)`` over its newest 3,000 matches (``facets.py``)."""
        with self.engine.connect() as conn:
            return _facets.facet_counts(conn, query, **filters)

    def timeline(self, query: str | None = None, **filters: Any) -> MonthCounts:
        """Statements per month of ``search(query, **filters)``, over every match."""
        with self.engine.connect() as conn:
            return _timelines.month_counts(conn, query, **filters)

    def network(self, query: str | None = None, **filters: Any) -> Network:
        """Who of the speakers of ``search(query, **filters)`` is quoted alongside whom."""
        with self.engine.connect() as conn:
            return _network.search_network(conn, query, **filters)

    def person_network(self, person_id: int) -> Network:
        """A person and the people quoted alongside them, with their shared articles."""
        with self.engine.connect() as conn:
            return _network.person_network(conn, person_id)

    def speakers(self, query: str | None = None,
                 **filters: Any) -> tuple[list[PersonRef], int, bool]:
        """The people quoted in ``search(query, **filters)``'s newest 3,000 matches, most
        statements first (``PersonRef.quotes``: their statements among them), the number
        of matches read and whether that was all of them."""
        with self.engine.connect() as conn:
            ranked, scanned, complete = _facets.speakers(conn, query, **filters)
        return [PersonRef(*r) for r in ranked], scanned, complete

    def export_statements(self, query: str | None = None, *, format: str = "jsonl",
                          limit: int | None = None, **filters: Any) -> Iterator[bytes]:
        """Every statement ``search(query, **filters)`` finds, as the bytes of a csv,
        jsonl or parquet file, streamed page by page (``result_export.py``). The query
        and filters are checked before the first byte (``QueryError``)."""
        conn = self.engine.connect()
        try:
            _search.plan(conn, query, **filters)
        except BaseException:
            conn.close()
            raise
        return _closing(conn, _result_export.encode(
            _result_export.statement_rows(conn, query, limit=limit, **filters),
            _result_export.QUOTE_COLUMNS, format))

    def events(self, *, participant: str | int | None = None, type: str | None = None,
               status: str | None = None, place: str | None = None,
               since: str | date | None = None, until: str | date | None = None,
               limit: int = 20, offset: int = 0) -> EventPage:
        """Events (who met, visited, signed, protested, was arrested ...) by participant (a
        person's id, slug or name, or any participant's name), type, status, place and date
        range, newest first; ``QueryError`` if a filter is malformed."""
        with self.engine.connect() as conn:
            return _events.search_events(conn, participant=participant, type=type,
                                         status=status, place=place, since=since,
                                         until=until, limit=limit, offset=offset)

    def gender_stats(self, *, by: str | list[str] | None = None,
                     since: str | date | None = None, until: str | date | None = None,
                     topic: str | None = None, site: str | None = None,
                     people: bool = False) -> GenderStats:
        """Quoted people (distinct) and statements per gender (female, male, unknown),
        grouped by site, month and/or year of their articles; ``topic`` is a quote search
        query (``query.py``); ``people`` also lists the people counted with their evidence.
        ``QueryError`` if a filter is malformed."""
        with self.engine.connect() as conn:
            return _gender.gender_stats(conn, by=by, since=since, until=until, topic=topic,
                                        site=site, people=people)

    def person(self, name_or_id: str | int, *, recent: int = 10) -> Profile | None:
        """A person's profile by id, slug or name (see ``profiles.resolve_person``)."""
        with self.engine.connect() as conn:
            return _profiles.profile(conn, name_or_id, recent=recent)

    def find_people(self, name: str | int, limit: int = 20) -> list[PersonRef]:
        """Every profile matching all the words of a name (or an id/slug), most quoted first."""
        with self.engine.connect() as conn:
            return _profiles.find_people(conn, name, limit)

    def people(self, *, limit: int = 50, offset: int = 0) -> list[PersonRef]:
        """Profiles, most quoted first (a directory page)."""
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT p.id, p.slug, p.name, count(q.id) AS n FROM people p "
                "LEFT JOIN quotes q ON q.person_id = p.id GROUP BY p.id, p.slug, p.name "
                "ORDER BY n DESC, p.slug LIMIT :l OFFSET :o"), {"l": limit, "o": offset})
            return [PersonRef(*r) for r in rows]

    def genders(self, ids: list[int]) -> dict[int, str]:
        """The stored gender of each of these people (``people.gender``, migration 0007;
        empty on an older knowledge base): for exports of people lists."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            if "gender" not in _narrow.columns(conn, "people"):
                return {}
            out: dict[int, str] = {}
            for i in range(0, len(ids), 900):  # SQLite's bound-parameter limit
                out.update((r[0], r[1]) for r in conn.execute(
                    text("SELECT id, gender FROM people WHERE id IN :ids")
                    .bindparams(bindparam("ids", expanding=True)), {"ids": ids[i:i + 900]}))
            return out

    def articles(self, *, site: str | None = None, since: str | date | None = None,
                 until: str | date | None = None, limit: int = 50,
                 offset: int = 0) -> list[ArticleRef]:
        """Articles, newest first, optionally of one site and/or a date range."""
        conds, params = [], {"l": limit, "o": offset}
        if site:  # articles keep the site's case; filters ignore it
            conds.append("lower(site) = lower(:site)")
            params["site"] = site.strip()
        for op, name, value in ((">=", "since", since), ("<=", "until", until)):
            d = as_date(value, name)
            if d:
                conds.append(f"published {op} :{name}")
                params[name] = d
        where = " AND ".join(conds) or "1 = 1"
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                f"SELECT id, title, published, site, url FROM articles WHERE {where} "
                "ORDER BY published DESC, id LIMIT :l OFFSET :o"), params)
            return [ArticleRef(*r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        """An article by its id (or the id of any record stored as a duplicate of it)."""
        with self.engine.connect() as conn:
            return _articles.article(conn, article_id)

    def record(self, article_id: str) -> dict[str, Any] | None:
        """The newsgraph/1 record of an article, as it was ingested."""
        with self.engine.connect() as conn:
            return _articles.record(conn, article_id)

    def stats(self) -> Stats:
        with self.engine.connect() as conn:
            one = conn.execute(text(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_sources), "
                "(SELECT count(*) FROM quotes), (SELECT count(*) FROM quote_sources), "
                "(SELECT count(*) FROM people), (SELECT min(published) FROM articles), "
                "(SELECT max(published) FROM articles)")).one()
            return Stats(*one)

    def export(self, table: str, format: str = "jsonl",
               out: str | Path | IO[Any] | None = None) -> int:
        """Write a table (quotes, quote_sources, people, roles, articles, records) as jsonl,
        csv or parquet to a path or stream (None: stdout). Returns the row count."""
        with self.engine.connect() as conn:
            return _export.export(conn, table, format, out)


def open_store(url: str | None = None, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the knowledge base at ``url``.

    ``url``: ``sqlite:///path.db`` (default ``$NEWSGRAPH_DB`` or ``sqlite:///newsgraph.db``),
    ``postgresql://user:pass@host/db``, or a bare file path. ``read_only=True`` never writes
    (for the web server) and fails if the database does not exist or has an old schema.
    """
    resolved = db.resolve_url(url)
    engine = db.create(resolved, read_only=read_only)
    try:
        if read_only:
            db.check_schema(engine)
        else:
            db.migrate(engine)
            bulk.restore(engine)  # indexes left out by a bulk load that did not finish
    except Exception:
        engine.dispose()
        raise
    return Store(engine, resolved, read_only)
