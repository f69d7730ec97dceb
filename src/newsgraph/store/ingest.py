"""Idempotent, crash-safe ingest of newsgraph/1 records.

Records are taken in order and written in batches, one transaction per batch. Every row has a
deterministic key and is inserted with "ignore if present", and every decision (duplicate
article? known person? known statement?) reads only committed data plus the batch itself.
So re-running an input changes nothing, and a run killed at any point (SIGKILL included)
and started again ends with exactly the rows of one uninterrupted run. A batch that the
database rejects is retried record by record, so one bad record fails alone.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.engine import Connection, Engine, RootTransaction
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from newsgraph.record import Document
from newsgraph.store import bulk, day_counts, fts
from newsgraph.store.gender import update_people_genders
from newsgraph.store.keys import quote_id, quote_key, source_id
from newsgraph.store.names import name_key
from newsgraph.store.people import PeopleResolver
from newsgraph.store.prepare import BadRecord, PQuote, Prepared, as_dict, prepare
from newsgraph.store.report import Incoming, IngestReport
from newsgraph.store.rows import Rows, Sql, sites_of, sites_value, update_sites_sql

Item = Document | dict[str, Any] | Incoming
GC_EVERY = 20_000  # records between two collections of the young generations (see run)
Progress = Callable[[IngestReport], None]


class _Pending(NamedTuple):
    qkey: int
    article: Prepared
    quote: PQuote
    speaker: str | None
    person_id: int | None
    title: str | None
    org: str | None


_NO_ROLE: tuple[None, None] = (None, None)
_NO_SITES: frozenset[str] = frozenset()
_GENDERED = frozenset({"female", "male"})  # person_genders keeps the genders evidence gave


@dataclass(slots=True)
class _Counts:
    new: int = 0
    dup: int = 0
    quotes_new: int = 0
    quotes_merged: int = 0
    people_new: int = 0

    def add_to(self, report: IngestReport) -> None:
        report.articles_new += self.new
        report.articles_duplicate += self.dup
        report.quotes_new += self.quotes_new
        report.quotes_merged += self.quotes_merged
        report.people_new += self.people_new


def _finish(conn: Connection, trans: RootTransaction, fts_ids: list[int]) -> None:
    """The commit thread: index the batch's new quotes in FTS5 and commit (or roll back)."""
    try:
        fts.index(Sql(conn), fts_ids)
        trans.commit()
    finally:
        conn.close()


def _origin(item: Item) -> tuple[str, Document | dict[str, Any] | None, str | None]:
    if isinstance(item, Incoming):
        return item.origin, item.record, item.error
    src: Any = item.source if isinstance(item, Document) else (item.get("source")
                                                                if isinstance(item, dict) else None)
    if isinstance(src, dict):
        where = src.get("path") or src.get("url")
    else:
        where = getattr(src, "path", None) or getattr(src, "url", None)
    rid = item.id if isinstance(item, Document) else (item.get("id")
                                                      if isinstance(item, dict) else None)
    return str(where or rid or "<record>"), item, None


class Ingester:
    def __init__(self, engine: Engine, batch_size: int = 1000,
                 bulk_after: int | None = bulk.BULK_MIN_RECORDS) -> None:
        self.engine = engine
        # Records written before a large ingest goes bulk (None: never); see bulk.py.
        self.bulk_after = bulk_after if bulk.supported(engine) else None
        self.bulk = False
        self.articles_at_start = 0
        self.gc_at = GC_EVERY
        self.pool: ThreadPoolExecutor | None = None
        self.pending: tuple[Future[None], list[tuple[str, Prepared]], _Counts] | None = None
        dbapi = engine.dialect.dbapi
        # What makes a record "rejected by the database" (the batch is retried record by
        # record) rather than a failure of the database itself.
        self.rejected: tuple[type[BaseException], ...] = (
            IntegrityError, DataError, StatementError, ValueError, OverflowError,
            *((dbapi.IntegrityError, dbapi.DataError) if dbapi is not None else ()))
        self.batch_size = max(1, batch_size)
        self.people = PeopleResolver()
        self.sites_seen: set[str] = set()  # queued so far (the insert ignores known ones)

    def run(self, items: Iterable[Item], progress: Progress | None = None) -> IngestReport:
        report = IngestReport()
        t0 = time.perf_counter()
        # The ingest allocates millions of objects, nearly all freed by reference counting;
        # the automatic cyclic GC kept rescanning the live ones (8% of the time). It is off
        # while ingesting; every GC_EVERY records the young generations are collected (tens
        # of milliseconds), so that cycles made meanwhile (by an extractor feeding the
        # ingest, say) are still freed.
        gc_was = gc.isenabled()
        gc.disable()
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="newsgraph-commit") as pool:
                self.pool = pool
                try:
                    self._run(items, progress, report, t0)
                finally:
                    self._settle(report)  # after an error too: never leave a commit running
        finally:
            if gc_was:
                gc.enable()
            if self.bulk:  # also after an error (a kill leaves it to the next open)
                self.bulk = False
                report.index_build_s = bulk.restore(self.engine)
        report.elapsed_s = time.perf_counter() - t0
        return report

    def _run(self, items: Iterable[Item], progress: Progress | None, report: IngestReport,
             t0: float) -> None:
        if self.bulk_after is not None:
            with self.engine.connect() as conn:
                self.articles_at_start = conn.exec_driver_sql(
                    "SELECT count(*) FROM articles").scalar_one()
        batch: list[tuple[str, Prepared]] = []
        for item in items:
            report.records += 1
            origin, rec, error = _origin(item)
            if error is not None or rec is None:
                report.fail(origin, error or "empty item")
                continue
            try:
                batch.append((origin, prepare(as_dict(rec))))
            except BadRecord as exc:
                rid = rec.get("id") if isinstance(rec, dict) else getattr(rec, "id", None)
                report.fail(origin, str(exc), rid if isinstance(rid, str) else None)
                continue
            if len(batch) >= (max(self.batch_size, bulk.BULK_BATCH) if self.bulk
                              else self.batch_size):
                self._settle(report)
                self._after_batch(report, progress, t0)
                self._start(batch, report)
                batch = []
        self._settle(report)
        if batch:
            self._start(batch, report)
            self._settle(report)
        report.elapsed_s = time.perf_counter() - t0
        if progress:
            progress(report)

    def _after_batch(self, report: IngestReport, progress: Progress | None, t0: float) -> None:
        if report.records >= self.gc_at:
            gc.collect(1)
            self.gc_at = report.records + GC_EVERY
        if self.bulk_after is not None and not self.bulk and report.records >= max(
                self.bulk_after, bulk.BULK_MIN_SHARE * self.articles_at_start):
            bulk.drop(self.engine)
            self.bulk = True
        report.elapsed_s = time.perf_counter() - t0
        if progress:
            progress(report)

    # A batch is written in two steps. ``_start`` (this thread) reads what is stored, decides
    # and inserts the rows; ``_finish`` (the commit thread) indexes the new quotes in FTS5 and
    # commits. Both are long calls into SQLite that release the GIL, so they run while this
    # thread parses and checks the next batch's records, which touches no database. The next
    # batch's ``_start`` waits for that commit (``_settle``), so every decision still reads
    # committed rows only, in order, exactly as without the thread.

    def _start(self, batch: list[tuple[str, Prepared]], report: IngestReport) -> None:
        conn = self.engine.connect()
        try:
            trans = conn.begin()
            counts, fts_ids = self._write(conn, [p for _, p in batch])
        except self.rejected as exc:
            conn.close()  # rolls back
            self._forget()
            self._retry(batch, report, exc)
            return
        except BaseException:
            conn.close()
            self._forget()
            raise
        self.pending = (self.pool.submit(_finish, conn, trans, fts_ids), batch, counts)

    def _settle(self, report: IngestReport) -> None:
        """Wait for the batch being committed, and account for it."""
        if self.pending is None:
            return
        future, batch, counts = self.pending
        self.pending = None
        try:
            future.result()
        except self.rejected as exc:
            self._forget()
            self._retry(batch, report, exc)
            return
        except BaseException:
            self._forget()
            raise
        counts.add_to(report)

    def _retry(self, batch: list[tuple[str, Prepared]], report: IngestReport,
               exc: BaseException) -> None:
        """A batch the database rejected: record by record, so that a bad one fails alone."""
        if len(batch) > 1:
            for one in batch:
                self._commit([one], report)
            return
        origin, p = batch[0]
        report.fail(origin, f"rejected by the database: {_short(exc)}", p.id)

    def _commit(self, batch: list[tuple[str, Prepared]], report: IngestReport) -> None:
        """Write and commit one batch in this thread."""
        try:
            with self.engine.begin() as conn:
                counts, fts_ids = self._write(conn, [p for _, p in batch])
                fts.index(Sql(conn), fts_ids)
        except self.rejected as exc:
            self._forget()
            self._retry(batch, report, exc)
            return
        except BaseException:
            self._forget()
            raise
        counts.add_to(report)

    def _forget(self) -> None:
        """After a rollback: the in-memory state may hold rows that were never committed."""
        self.people.reset()
        self.sites_seen.clear()

    def _write(self, conn: Connection, batch: list[Prepared]) -> tuple[_Counts, list[int]]:
        """Insert a batch's rows; returns the counts and the quotes to (re)index in FTS5."""
        db = Sql(conn)
        c = _Counts()
        rows = Rows()
        data = rows.data
        add_source, add_article = data["article_sources"].append, data["articles"].append
        by_record, by_hash = self._existing(db, batch)
        new: list[Prepared] = []
        sites_seen = self.sites_seen
        for p in batch:
            target = by_record.get(p.id) or by_hash.get(p.text_hash)
            add_source((source_id(p.id, p.url, p.path, p.offset, p.published),
                        target or p.id, p.id, p.url, p.path, p.format, p.offset))
            if target is not None:
                c.dup += 1
                continue
            by_record[p.id] = by_hash[p.text_hash] = p.id
            new.append(p)
            if p.site_key and p.site_key not in sites_seen:
                sites_seen.add(p.site_key)
                data["sites"].append((p.site_key,))
            add_article((p.id, p.text_hash, p.title, p.published, p.site, p.language, p.url,
                         len(p.quotes), p.text, p.record_json))
        c.new = len(new)

        self.people.prefetch(db, new)
        resolve = self.people.resolve
        add_mention, add_event = data["mentions"].append, data["events"].append
        add_participant = data["event_participants"].append
        add_gender = data["person_genders"].append
        pending: list[_Pending] = []
        add_pending = pending.append
        for p in new:
            states = resolve(p, rows)
            ents = {e.local_id: e for e in p.entities}
            role_of: dict[int, tuple[str | None, str | None]] = {}  # person -> (title, org)
            for e in p.entities:
                st = states.get(e.local_id)
                add_mention((p.id, e.local_id, e.type, e.name, st.id if st else None))
                if st is not None and e.gender in _GENDERED:
                    add_gender((p.id, e.local_id, st.id, e.gender, e.gender_evidence or "unknown"))
                if st is not None and st.id not in role_of:
                    role = next(((t, o) for t, o, _ in e.roles if t or o), None)
                    if role:
                        role_of[st.id] = role
            for q in p.quotes:
                sid = q.speaker_entity
                st = states.get(sid) if sid else None
                if st is not None:
                    title, org = role_of.get(st.id, _NO_ROLE)
                    add_pending(_Pending(quote_key(name_key(st.name), q.content), p, q,
                                         st.name, st.id, title, org))
                    continue
                ent = ents.get(sid) if sid else None
                if ent is not None:  # an organisation or other non-person speaker
                    speaker, skey = ent.name, ent.key
                else:  # unresolved: the speaker as written ("experts interviewed by ...")
                    speaker = q.speaker_name or q.speaker_text
                    skey = name_key(speaker) if speaker else ""
                add_pending(_Pending(quote_key(skey, q.content), p, q, speaker, None, None,
                                     None))
            for v in p.events:
                parts = [{"entity": pid, "name": ents[pid].name if pid in ents else None,
                          "person_id": states[pid].id if pid in states else None}
                         for pid in v.participants]
                add_event((p.id, v.local_id, v.type[:32], v.trigger, v.place,
                           (v.date or "")[:10] or None, json.dumps(parts, ensure_ascii=False),
                           v.status, (v.code or "")[:32] or None, p.published))
                for pid in dict.fromkeys(v.participants):
                    ent = ents.get(pid)
                    if ent is not None:  # a participant the record names among its entities
                        add_participant((p.id, v.local_id, pid, ent.name, ent.key,
                                         ent.type[:16], states[pid].id if pid in states
                                         else None))

        known = self._existing_quotes(db, {x.qkey for x in pending})
        new_ids: dict[int, int] = {}
        for x in pending:
            if x.qkey not in known and x.qkey not in new_ids:
                new_ids[x.qkey] = quote_id(x.qkey, x.article.published)
        self._avoid_id_collisions(db, new_ids)
        created: dict[int, list[Any]] = {}  # qid -> quote row (sites filled in below)
        sites: dict[int, set[str]] = {}  # qid -> sites seen in this batch
        add_qs = data["quote_sources"].append
        for x in pending:
            p, q, pid = x.article, x.quote, x.person_id
            qid = known.get(x.qkey)
            if qid is None:
                qid = known[x.qkey] = new_ids[x.qkey]
                created[qid] = [qid, x.qkey, pid, x.speaker, q.type, q.content, p.published,
                                p.id, None, q.kind]
                c.quotes_new += 1
            else:
                c.quotes_merged += 1
            if p.site_key:
                if qid in sites:
                    sites[qid].add(p.site_key)
                else:
                    sites[qid] = {p.site_key}
            add_qs((qid, p.id, q.local_id, pid, q.speaker_text, x.title, x.org, q.cue,
                    q.content_start, q.content_end, p.published, p.site_key, q.group))
        dialect = db.dialect
        add_quote = data["quotes"].append
        for qid, row in created.items():
            row[-2] = sites_value(dialect, sites.get(qid, _NO_SITES))
            add_quote(tuple(row))
        c.people_new = len(data["people"])
        gendered = {g[2] for g in data["person_genders"]}
        rows.flush(db)
        # people.gender of everyone this batch gave evidence for (evidence ingested again,
        # which the insert ignores, decides the same again)
        update_people_genders(conn, gendered)
        day_counts.add(conn, [(qid, row[-1]) for qid, row in created.items()])
        changed = self._add_sites(db, {q: v for q, v in sites.items() if q not in created})
        # Indexed in this transaction: committed together with the quotes, or not at all.
        return c, [*created, *changed] if db.sqlite else []

    def _add_sites(self, db: Sql, sites: dict[int, set[str]]) -> list[int]:
        """Statements already stored that now appeared on another site: extend their sites.

        Returns the ids changed. On SQLite they are taken out of the full-text index here
        (with their old sites), and the caller indexes them again with the new ones.
        """
        if not sites:
            return []
        updates = []
        for qid, current in db.where_in("id, sites", "quotes", "id", sorted(sites), "bigint"):
            have = sites_of(current)
            if not sites[qid] <= have:
                updates.append((sites_value(db.dialect, have | sites[qid]), qid))
        if not updates:
            return []
        changed = [qid for _, qid in updates]
        if db.sqlite:
            fts.unindex(db, changed)
        db.many(update_sites_sql(db.dialect), updates)
        return changed

    def _existing(self, db: Sql,
                  batch: list[Prepared]) -> tuple[dict[str, str], dict[int, str]]:
        by_record: dict[str, str] = dict(db.where_in(
            "record_id, article_id", "article_sources", "record_id",
            sorted({p.id for p in batch}), "text"))
        by_hash: dict[int, str] = dict(db.where_in(
            "text_hash, id", "articles", "text_hash", sorted({p.text_hash for p in batch}),
            "bigint"))
        return by_record, by_hash

    def _existing_quotes(self, db: Sql, keys: set[int]) -> dict[int, int]:
        return dict(db.where_in("qkey, id", "quotes", "qkey", sorted(keys), "bigint"))

    def _avoid_id_collisions(self, db: Sql, new_ids: dict[int, int]) -> None:
        """Two statements whose 36-bit hashes collide on the same day: bump the later one.

        Practically never happens; checked so that it cannot fail a batch.
        """
        if not new_ids:
            return
        taken = {i for (i,) in db.where_in("id", "quotes", "id", sorted(new_ids.values()),
                                           "bigint")}
        if not taken and len(set(new_ids.values())) == len(new_ids):
            return
        seen: set[int] = set()
        for qkey, qid in new_ids.items():
            while qid in taken or qid in seen:
                qid += 1
            seen.add(qid)
            new_ids[qkey] = qid


def _short(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return msg[0][:300] if msg else type(exc).__name__
