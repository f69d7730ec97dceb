"""Fast ingest: SQLite bulk loads (deferred indexes), set-based FTS indexing, the commit
thread, and the 0001 -> 0002 -> 0003 upgrades. Each variant must leave exactly the database of a
plain ingest (same rows, same full-text index, same indexes)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Index, create_engine, inspect, text
from test_store_support import BACKENDS, dump, make_url, record

from newsgraph.store import Store, bulk, open_store, schema
from newsgraph.store import db as dbmod
from newsgraph.store import ingest as ingest_mod
from newsgraph.store.ingest import Ingester
from newsgraph.store.synthetic import Corpus

WORDS = ["sanctions", "economic", '"sanctions summit"', "sanct*", "cooperation -talks"]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(Corpus(seed=5, n_people=300, n_words=3000).records(n_quotes=3000))


def indexes(path: Path) -> list[str]:
    with sqlite3.connect(path) as c:
        return sorted(r[0] for r in c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))


def searches(store: Store) -> list[tuple[int, list[int]]]:
    pages = [store.search(q, limit=50) for q in WORDS]
    pages.append(store.search("sanctions", site="dailyherald.example", limit=50))
    return [(p.total, [h.id for h in p.hits]) for p in pages]


def ingest(path: Path, records: list[dict], bulk_after: int | None,
           batch_size: int = 50) -> tuple[dict, list[str], list, float]:
    with open_store(f"sqlite:///{path}") as s:
        report = Ingester(s.engine, batch_size, bulk_after=bulk_after).run(records)
        assert report.articles_failed == 0
        return dump(s.engine), indexes(path), searches(s), report.index_build_s


def test_bulk_load_gives_the_database_of_a_plain_load(tmp_path: Path, records: list[dict],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    plain = ingest(tmp_path / "plain.db", records, bulk_after=None)
    monkeypatch.setattr(bulk, "BULK_BATCH", 70)  # bulk transactions of another size too
    loaded = ingest(tmp_path / "bulk.db", records, bulk_after=100)
    assert loaded[3] > 0, "the load never went bulk"
    assert plain[3] == 0
    assert loaded[0] == plain[0]  # rows and full-text index
    assert loaded[1] == plain[1] and set(bulk.DEFERRED) <= set(loaded[1])
    assert loaded[2] == plain[2]  # search finds what was ingested in bulk
    assert all(total > 0 for total, _ in loaded[2])


def test_small_ingest_into_a_large_base_stays_out_of_bulk(tmp_path: Path,
                                                          records: list[dict]) -> None:
    path = tmp_path / "kb.db"
    with open_store(f"sqlite:///{path}") as s:
        assert len(records) > 400
        Ingester(s.engine, 50, bulk_after=10).run(records[:200])
        report = Ingester(s.engine, 20, bulk_after=10).run(records[200:230])  # < 1/4 of 200
        assert report.index_build_s == 0
        report = Ingester(s.engine, 20, bulk_after=10).run(records[230:])  # > 1/4: bulk
        assert report.index_build_s > 0
    assert set(bulk.DEFERRED) <= set(indexes(path))


def test_a_failed_index_build_builds_nothing_and_the_next_open_builds_all(
        tmp_path: Path, records: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kb.db"
    with open_store(f"sqlite:///{path}") as s:
        s.ingest(records)
        before = dump(s.engine)
        bulk.drop(s.engine)  # what a bulk load that is killed leaves
        assert bulk.missing(s.engine) == list(bulk.DEFERRED)
        made = []
        real_create = Index.create

        def create(ix: Index, bind, checkfirst: bool = False) -> None:  # noqa: ANN001
            if len(made) == 2:
                raise OSError("killed while building the indexes")
            made.append(ix.name)
            real_create(ix, bind, checkfirst)

        monkeypatch.setattr(Index, "create", create)
        with pytest.raises(OSError):
            bulk.restore(s.engine)
        assert len(made) == 2
        assert bulk.missing(s.engine) == list(bulk.DEFERRED)  # one transaction: none built
        monkeypatch.setattr(Index, "create", real_create)
    with open_store(f"sqlite:///{path}") as s:  # any writable open completes it
        assert bulk.missing(s.engine) == []
        assert dump(s.engine) == before
        assert s.person(s.people(limit=1)[0].slug).quote_count > 0  # uses ix_quotes_person_id


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_commit_rejected_in_the_commit_thread_is_retried_record_by_record(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [record(says=[(0, f"Statement number {i} on the bridge")],
                   speakers=[("Ana Lima", [("mayor", "City Hall", "Lisbon")])],
                   published=f"2020-01-{i + 1:02d}") for i in range(12)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with open_store(make_url(backend, tmp_path / "a", request)) as s:
        s.ingest(docs, batch_size=5)
        expected = dump(s.engine)
    real_finish, calls = ingest_mod._finish, []

    def finish(conn, trans, fts_ids) -> None:  # noqa: ANN001
        calls.append(len(fts_ids))
        if len(calls) == 2:  # the second batch: the database refuses its commit
            conn.close()
            raise conn.dialect.dbapi.IntegrityError("refused")
        real_finish(conn, trans, fts_ids)

    monkeypatch.setattr(ingest_mod, "_finish", finish)
    with open_store(make_url(backend, tmp_path / "b", request)) as s:
        report = s.ingest(docs, batch_size=5)
        assert (report.articles_new, report.articles_failed) == (12, 0)
        assert dump(s.engine) == expected
        assert s.search("bridge").total == 12


def test_sqlite_0001_database_reads_as_is_and_upgrades_on_a_writable_open(
        tmp_path: Path, records: list[dict]) -> None:
    from alembic import command

    path, url = tmp_path / "kb.db", f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as s:
        s.ingest(records[:300])
        with s.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0001")
            triggers = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
            assert {"quotes_fts_ai", "quotes_fts_au"} <= triggers
    engine = create_engine(url)
    assert dbmod.current_revision(engine) == "0001"
    engine.dispose()
    with open_store(url, read_only=True) as ro:  # a web server on a not yet upgraded file
        assert ro.search("sanctions").total > 0
    with open_store(url) as s:  # upgrades: no more per-row triggers, the ingest indexes
        assert dbmod.current_revision(s.engine) == dbmod.head_revision()
        s.ingest(records)
        upgraded = dump(s.engine)  # includes the FTS5 integrity check
        found = searches(s)
    with open_store(f"sqlite:///{tmp_path / 'fresh.db'}") as s:
        s.ingest(records[:300])
        s.ingest(records)
        assert dump(s.engine) == upgraded
        assert searches(s) == found
    assert indexes(path) == indexes(tmp_path / "fresh.db")


def test_sqlite_quotes_indexed_by_the_0001_triggers_stay_right_after_the_upgrade(
        tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    spk = [("Ana Lima", [])]
    with open_store(url) as s:
        s.ingest([record(says=[(0, "The bridge opens in spring")], speakers=spk,
                         site="one.example")])
        with s.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0001")
            # Written the 0001 way: the triggers index an insert and re-index an update.
            conn.execute(text(
                "INSERT INTO quotes (id, qkey, person_id, speaker, type, content, published, "
                "article_id, sites) SELECT id + 1, qkey + 1, person_id, speaker, type, "
                "'A harbour for the ferries', published, article_id, sites FROM quotes"))
            conn.execute(text("UPDATE quotes SET sites = 'one.example three.example' "
                              "WHERE content LIKE 'The bridge%'"))
    with open_store(url) as s:
        assert s.search("harbour").total == 1
        assert s.search("bridge", site="three.example").total == 0  # no quote_sources row
        # The upgraded ingest keeps the index right when a stored quote gets a new site.
        later = record(says=[(0, "The bridge opens in spring!")], speakers=spk,
                       site="two.example", published="2020-02-01")
        later["text"] = "(WIRE) " + later["text"]
        for q in later["quotes"]:
            q["content"]["start"] += 7
            q["content"]["end"] += 7
        for e in later["entities"]:
            for m in e["mentions"]:
                m["start"] += 7
                m["end"] += 7
        assert s.ingest([later]).quotes_merged == 1
        assert s.search("bridge", site="two.example").total == 1
        assert s.search("ferries").total == 1
        dump(s.engine)  # FTS5 integrity check


def index_columns(engine) -> dict[tuple[str, str], tuple[list[str], bool]]:  # noqa: ANN001
    insp = inspect(engine)
    present = set(insp.get_table_names())  # an older revision lacks the later tables
    return {(t.name, i["name"]): (i["column_names"], bool(i["unique"]))
            for t in schema.TABLES if t.name in present for i in insp.get_indexes(t.name)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_0002_database_reads_as_is_and_gets_the_profile_indexes_on_upgrade(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest,
        records: list[dict]) -> None:
    from alembic import command

    url = make_url(backend, tmp_path / "old", request)
    with open_store(url) as s:
        s.ingest(records[:300])
        top = s.people(limit=1)[0].slug
        profile = s.person(top).to_dict()
        with s.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0002")
        assert dbmod.current_revision(s.engine) == "0002"
        assert index_columns(s.engine)[("roles", "ix_roles_person")] == (["person_id"], False)
    with open_store(url, read_only=True) as ro:  # a web server on a not yet upgraded database
        # (before 0006 every statement reads as speech, in no group)
        as_before_0006 = {**profile, "recent_quotes": [
            {**q, "kind": "speech", "group": None} for q in profile["recent_quotes"]]}
        assert ro.person(top).to_dict() == as_before_0006
    with open_store(url) as s:  # upgrades: the same profile, the indexes of a fresh database
        assert dbmod.current_revision(s.engine) == dbmod.head_revision()
        assert s.person(top).to_dict() == profile
        s.ingest(records)
        upgraded, indexes_after = dump(s.engine), index_columns(s.engine)
    with open_store(make_url(backend, tmp_path / "fresh", request)) as s:
        s.ingest(records[:300])
        s.ingest(records)
        assert dump(s.engine) == upgraded
        assert index_columns(s.engine) == indexes_after


# -- SIGKILL in the middle of a bulk load --------------------------------------------------

BULK_RUN = """
import sys
from newsgraph.store import bulk, open_store
from newsgraph.store.ingest import Ingester
from newsgraph.store.inputs import read_records
bulk.BULK_BATCH = 40
with open_store(sys.argv[1]) as store:
    report = Ingester(store.engine, batch_size=20, bulk_after=60).run(read_records(sys.argv[2]))
    assert report.articles_failed == 0, report.problems[:3]
"""


def bulk_run(url: str, records: Path) -> list[str]:
    return [sys.executable, "-c", BULK_RUN, url, str(records)]


def state(path: Path) -> tuple[int, bool]:
    """(articles stored, deferred indexes missing) as another process sees it."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as c:
            n = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            have = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
            return n, not set(bulk.DEFERRED) <= have
    except sqlite3.Error:  # not created yet
        return 0, False


def test_sigkill_in_a_bulk_load_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    n_records = Corpus(seed=11, n_people=400, n_words=4000).write_jsonl(records, 8000)
    clean, crash = tmp_path / "clean.db", tmp_path / "crash.db"

    done = subprocess.run(bulk_run(f"sqlite:///{clean}", records), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    proc = subprocess.Popen(bulk_run(f"sqlite:///{crash}", records),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None:
            n, in_bulk = state(crash)
            if n >= 300 and in_bulk:
                break
            assert time.monotonic() < deadline, "the load never went bulk"
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    n, in_bulk = state(crash)
    assert 0 < n < n_records and in_bulk  # killed with the deferred indexes dropped

    again = subprocess.run(bulk_run(f"sqlite:///{crash}", records), capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert indexes(crash) == indexes(clean)
    e1, e2 = create_engine(f"sqlite:///{clean}"), create_engine(f"sqlite:///{crash}")
    try:
        assert dump(e2) == dump(e1)
    finally:
        e1.dispose()
        e2.dispose()
