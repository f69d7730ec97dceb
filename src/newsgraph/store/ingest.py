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
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from newsgraph.record import Document
from newsgraph.store import fts
from newsgraph.store import schema as s
from newsgraph.store.keys import quote_id, quote_key, source_id
from newsgraph.store.names import name_key
from newsgraph.store.people import PeopleResolver, PersonState, chunks
from newsgraph.store.prepare import BadRecord, PQuote, Prepared, as_dict, prepare
from newsgraph.store.report import Incoming, IngestReport
from newsgraph.store.rows import Rows, sites_of, sites_value, update_sites_sql

Item = Document | dict[str, Any] | Incoming
Progress = Callable[[IngestReport], None]


class _Pending(NamedTuple):
    qkey: int
    article: Prepared
    quote: PQuote
    speaker: str | None
    person: PersonState | None
    title: str | None
    org: str | None


@dataclass(slots=True)
class _Counts:
    new: int = 0
    dup: int = 0
    quotes_new: int = 0
    quotes_merged: int = 0
    people_new: int = 0


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
    def __init__(self, engine: Engine, batch_size: int = 1000) -> None:
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.people = PeopleResolver()
        self.sites_seen: set[str] = set()  # queued so far (the insert ignores known ones)

    def run(self, items: Iterable[Item], progress: Progress | None = None) -> IngestReport:
        gc_was = gc.isenabled()
        gc.disable()
        try:
            return self._run(items, progress)
        finally:
            if gc_was:
                gc.enable()

    def _run(self, items: Iterable[Item], progress: Progress | None) -> IngestReport:
        report = IngestReport()
        t0 = time.perf_counter()
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
            if len(batch) >= self.batch_size:
                self._commit(batch, report)
                batch = []
                report.elapsed_s = time.perf_counter() - t0
                if progress:
                    progress(report)
        if batch:
            self._commit(batch, report)
        report.elapsed_s = time.perf_counter() - t0
        if progress:
            progress(report)
        return report

    def _commit(self, batch: list[tuple[str, Prepared]], report: IngestReport) -> None:
        try:
            with self.engine.begin() as conn:
                c = self._write(conn, [p for _, p in batch])
        except (IntegrityError, DataError, StatementError, ValueError, OverflowError) as exc:
            self.people.reset()  # it may hold profiles from the rolled-back transaction
            self.sites_seen.clear()
            if len(batch) > 1:
                for one in batch:
                    self._commit([one], report)
                return
            origin, p = batch[0]
            report.fail(origin, f"rejected by the database: {_short(exc)}", p.id)
            return
        except BaseException:
            self.people.reset()
            self.sites_seen.clear()
            raise
        report.articles_new += c.new
        report.articles_duplicate += c.dup
        report.quotes_new += c.quotes_new
        report.quotes_merged += c.quotes_merged
        report.people_new += c.people_new

    def _write(self, conn: Connection, batch: list[Prepared]) -> _Counts:
        c = _Counts()
        rows = Rows()
        by_record, by_hash = self._existing(conn, batch)
        new: list[Prepared] = []
        for p in batch:
            target = by_record.get(p.id) or by_hash.get(p.text_hash)
            rows.add("article_sources", (source_id(p.id, p.url, p.path, p.offset, p.published),
                                         target or p.id, p.id, p.url, p.path, p.format, p.offset))
            if target is not None:
                c.dup += 1
                continue
            by_record[p.id] = by_hash[p.text_hash] = p.id
            new.append(p)
            if p.site and p.site not in self.sites_seen:
                self.sites_seen.add(p.site)
                rows.add("sites", (p.site,))
            rows.add("articles", (p.id, p.text_hash, p.title, p.published, p.site, p.language,
                                  p.url, len(p.quotes), p.text, p.record_json))
        c.new = len(new)

        self.people.prefetch(conn, new)
        pending: list[_Pending] = []
        for p in new:
            states = self.people.resolve(conn, p, rows)
            ents = {e.local_id: e for e in p.entities}
            role_of: dict[int, tuple[str | None, str | None]] = {}  # person -> (title, org)
            for e in p.entities:
                st = states.get(e.local_id)
                rows.add("mentions", (p.id, e.local_id, e.type, e.name, st.id if st else None))
                if st is not None and st.id not in role_of:
                    role = next(((t, o) for t, o, _ in e.roles if t or o), None)
                    if role:
                        role_of[st.id] = role
            for q in p.quotes:
                ent = ents.get(q.speaker_entity) if q.speaker_entity else None
                st = states.get(q.speaker_entity) if q.speaker_entity else None
                role = (None, None)
                if st is not None:
                    speaker, skey = st.name, name_key(st.name)
                    role = role_of.get(st.id, role)
                elif ent is not None:  # an organisation or other non-person speaker
                    speaker, skey = ent.name, ent.key
                else:  # unresolved: the speaker as written ("experts interviewed by ...")
                    speaker = q.speaker_name or q.speaker_text
                    skey = name_key(speaker) if speaker else ""
                pending.append(_Pending(quote_key(skey, q.content), p, q, speaker, st, *role))
            for v in p.events:
                parts = [{"entity": pid, "name": ents[pid].name if pid in ents else None,
                          "person_id": states[pid].id if pid in states else None}
                         for pid in v.participants]
                rows.add("events", (p.id, v.local_id, v.type, v.trigger, v.place,
                                    (v.date or "")[:10] or None,
                                    json.dumps(parts, ensure_ascii=False)))

        known = self._existing_quotes(conn, [x.qkey for x in pending])
        new_ids: dict[int, int] = {}
        for x in pending:
            if x.qkey not in known and x.qkey not in new_ids:
                new_ids[x.qkey] = quote_id(x.qkey, x.article.published)
        self._avoid_id_collisions(conn, new_ids)
        created: dict[int, list[Any]] = {}  # qid -> quote row (sites filled in below)
        sites: dict[int, set[str]] = {}  # qid -> sites seen in this batch
        for x in pending:
            p, q, pid = x.article, x.quote, x.person.id if x.person else None
            qid = known.get(x.qkey)
            if qid is None:
                qid = known[x.qkey] = new_ids[x.qkey]
                created[qid] = [qid, x.qkey, pid, x.speaker, q.type, q.content, p.published,
                                p.id, None]
                c.quotes_new += 1
            else:
                c.quotes_merged += 1
            if p.site:
                sites.setdefault(qid, set()).add(p.site)
            rows.add("quote_sources", (qid, p.id, q.local_id, pid, q.speaker_text, x.title,
                                       x.org, q.cue, q.content_start, q.content_end,
                                       p.published, p.site))
        dialect = conn.dialect.name
        for qid, row in created.items():
            row[-1] = sites_value(dialect, sites.get(qid, set()))
            rows.add("quotes", tuple(row))
        c.people_new = len(rows.data["people"])
        rows.flush(conn)
        reindex = self._add_sites(conn, {q: v for q, v in sites.items() if q not in created})
        if dialect == "sqlite":
            fts.index(conn, [*created, *reindex])
        return c

    def _add_sites(self, conn: Connection, sites: dict[int, set[str]]) -> list[int]:
        """Statements already stored that now appeared on another site: extend their sites.

        On SQLite the full-text index has them under their old sites: they are taken out
        here, and the caller indexes the returned ids again."""
        if not sites:
            return []
        dialect, updates = conn.dialect.name, []
        qc = s.quotes.c
        for chunk in chunks(sorted(sites)):
            for qid, current in conn.execute(select(qc.id, qc.sites).where(qc.id.in_(chunk))):
                have = sites_of(current)
                if not sites[qid] <= have:
                    updates.append((sites_value(dialect, have | sites[qid]), qid))
        if not updates:
            return []
        changed = [qid for _, qid in updates]
        if dialect == "sqlite":
            fts.unindex(conn, changed)
        conn.exec_driver_sql(update_sites_sql(dialect), updates)
        return changed if dialect == "sqlite" else []

    def _existing(self, conn: Connection,
                  batch: list[Prepared]) -> tuple[dict[str, str], dict[int, str]]:
        src, art = s.article_sources.c, s.articles.c
        by_record: dict[str, str] = {}
        by_hash: dict[int, str] = {}
        for chunk in chunks(sorted({p.id for p in batch})):
            q = select(src.record_id, src.article_id).where(src.record_id.in_(chunk))
            by_record.update((r, a) for r, a in conn.execute(q))
        for chunk in chunks(sorted({p.text_hash for p in batch})):
            q = select(art.text_hash, art.id).where(art.text_hash.in_(chunk))
            by_hash.update((h, a) for h, a in conn.execute(q))
        return by_record, by_hash

    def _existing_quotes(self, conn: Connection, keys: list[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        qc = s.quotes.c
        for chunk in chunks(sorted(set(keys))):
            out.update((k, i) for k, i in conn.execute(
                select(qc.qkey, qc.id).where(qc.qkey.in_(chunk))))
        return out

    def _avoid_id_collisions(self, conn: Connection, new_ids: dict[int, int]) -> None:
        """Two statements whose 46-bit hashes collide on the same day: bump the later one.

        Practically never happens; checked so that it cannot fail a batch.
        """
        if not new_ids:
            return
        taken: set[int] = set()
        qc = s.quotes.c
        for chunk in chunks(sorted(new_ids.values())):
            taken.update(i for (i,) in conn.execute(select(qc.id).where(qc.id.in_(chunk))))
        seen: set[int] = set()
        for qkey, qid in new_ids.items():
            while qid in taken or qid in seen:
                qid += 1
            seen.add(qid)
            new_ids[qkey] = qid


def _short(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return msg[0][:300] if msg else type(exc).__name__
