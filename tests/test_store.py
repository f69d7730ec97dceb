"""Knowledge base: ingest (idempotent, dedup, bad records), search, profiles, export.

Every test runs on a real SQLite file; those taking ``kb`` also run on PostgreSQL when
NEWSGRAPH_TEST_PG is set (see .ci/postgres.sh).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import inspect
from test_store_support import (
    ASMOLOV_ORG,
    BACKENDS,
    dump,
    golden_document,
    make_url,
    record,
)

from newsgraph.store import (
    Incoming,
    QueryError,
    Store,
    StoreError,
    open_store,
    resolve_url,
)
from newsgraph.store import schema as sch
from newsgraph.store.synthetic import Corpus


@pytest.fixture(params=BACKENDS)
def kb(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    store = open_store(make_url(request.param, tmp_path, request))
    request.addfinalizer(store.close)
    return store


@pytest.fixture(scope="module")
def corpus_records() -> list[dict]:
    return list(Corpus(seed=3, n_people=300, n_words=3000).records(n_quotes=600))


# -- the golden article ----------------------------------------------------------------------


def test_golden_article_twice_is_one_article_and_asmolov_profile(kb: Store) -> None:
    doc = golden_document()
    first = kb.ingest([doc])
    second = kb.ingest([doc])
    assert (first.articles_new, first.articles_duplicate) == (1, 0)
    assert (second.articles_new, second.articles_duplicate) == (0, 1)
    assert kb.stats().articles == 1

    prof = kb.person("Konstantin Asmolov")
    assert prof is not None and prof.name == "Konstantin Asmolov"
    assert [r.title for r in prof.roles] == ["senior research fellow"]
    assert prof.roles[0].org == ASMOLOV_ORG
    assert prof.organisations == [ASMOLOV_ORG]
    assert prof.quote_count == 5
    contents = {q.content.split()[0] for q in prof.recent_quotes}
    assert contents == {"Based", "First", "searched", "the", "Preparations"}
    assert all(q.article_id == doc.id for q in prof.recent_quotes)
    assert {"Konstantin Asmolov", "Asmolov"} <= set(prof.name_variants)
    assert json.loads(json.dumps(prof.to_dict()))["quote_count"] == 5


def test_golden_article_is_searchable_and_readable(kb: Store) -> None:
    doc = golden_document()
    kb.ingest([doc])
    page = kb.search("sanctions", speaker="Asmolov")
    assert [h.content for h in page.hits] == [
        "searched for some options for cooperation that would not come under sanctions"]
    hit = page.hits[0]
    assert (hit.speaker, hit.speaker_title, hit.published) == (
        "Konstantin Asmolov", "senior research fellow", "2019-04-26")
    art = kb.article(doc.id)
    assert art is not None and art.text == doc.text
    assert art.record == doc.to_dict()  # the record comes back exactly, spans and all
    assert len(art.quotes) == 10 and art.quotes[0].start is not None
    assert {p.name for p in art.people} >= {"Konstantin Asmolov", "Vladimir Putin"}


# -- ingest: idempotency, duplicates, syndication, bad records --------------------------------


def test_ingest_twice_changes_nothing(kb: Store, corpus_records: list[dict]) -> None:
    r1 = kb.ingest(corpus_records, batch_size=37)
    before = dump(kb.engine)
    r2 = kb.ingest(corpus_records, batch_size=50)
    assert dump(kb.engine) == before
    assert r1.articles_new > 0 and r1.quotes_new == 600 and r1.quotes_merged > 0
    assert (r2.articles_new, r2.quotes_new, r2.people_new) == (0, 0, 0)
    assert r2.articles_duplicate == len(corpus_records)


def test_batch_size_does_not_change_the_result(tmp_path: Path,
                                               corpus_records: list[dict]) -> None:
    dumps = []
    for bs in (1, 1000):
        with open_store(f"sqlite:///{tmp_path}/b{bs}.db") as s:
            s.ingest(corpus_records, batch_size=bs)
            dumps.append(dump(s.engine))
    assert dumps[0] == dumps[1]


def test_same_text_other_url_is_one_article_with_both_urls(kb: Store) -> None:
    spk = [("Ana Lima", [])]
    a = record(says=[(0, "We will build the bridge")], speakers=spk, url="https://a.example/1")
    b = dict(a, id="b" * 40, source={"path": None, "url": "https://a.example/1?amp",
                                      "format": "html", "offset": None})
    report = kb.ingest([a, b])
    assert (report.articles_new, report.articles_duplicate) == (1, 1)
    art = kb.article(b["id"])  # found by the duplicate's id too
    assert art is not None and art.id == a["id"]
    assert sorted(s["url"] for s in art.sources) == ["https://a.example/1",
                                                      "https://a.example/1?amp"]
    assert kb.stats().quotes == 1


def test_syndicated_statement_is_one_quote_with_several_sources(kb: Store) -> None:
    spk = [("Ana Lima", [("mayor", "City Hall", "Lisbon")])]
    a = record(says=[(0, "We will build the bridge")], speakers=spk, site="one.example")
    b = record(says=[(0, "We will build the bridge!")], speakers=spk, site="two.example",
               published="2020-01-02")
    b["text"] = "(WIRE) " + b["text"]  # other text: another article
    for q in b["quotes"]:
        q["content"]["start"] += 7
        q["content"]["end"] += 7
    for e in b["entities"]:
        for m in e["mentions"]:
            m["start"] += 7
            m["end"] += 7
    report = kb.ingest([a, b])
    assert (report.articles_new, report.quotes_new, report.quotes_merged) == (2, 1, 1)
    page = kb.search("bridge")
    assert page.total == 1 and page.hits[0].sources == 2
    assert page.hits[0].site == "one.example"
    assert kb.search("bridge", site="two.example").total == 1  # any copy's site matches


def test_bad_records_are_reported_counted_and_the_rest_stored(kb: Store) -> None:
    good = record(says=[(0, "Fine words")], speakers=[("Ana Lima", [])])
    failed = {"schema": "newsgraph/1", "id": "x1", "source": {"path": "in/x.html"},
              "text": None, "errors": ["cannot parse HTML"]}
    no_id = dict(good, id=None)
    bad_quote = record(says=[(0, "Other words")], speakers=[("Ana Lima", [])])
    bad_quote["quotes"][0]["content"] = "not a span"
    overflow = record(says=[(0, "More words")], speakers=[("Ana Lima", [])])
    overflow["source"]["offset"] = 2 ** 70  # valid JSON, rejected by the database
    items = [Incoming(failed, "in.jsonl:1"), Incoming(no_id, "in.jsonl:2"), good,
             Incoming(bad_quote, "in.jsonl:4"), Incoming(None, "in.jsonl:5", "invalid JSON"),
             Incoming(overflow, "in.jsonl:6")]
    report = kb.ingest(items, batch_size=10)
    assert (report.articles_new, report.articles_failed) == (1, 5)
    reasons = {p.origin: p.reason for p in report.problems}
    assert "cannot parse HTML" in reasons["in.jsonl:1"]
    assert "id" in reasons["in.jsonl:2"]
    assert "content" in reasons["in.jsonl:4"]
    assert reasons["in.jsonl:5"] == "invalid JSON"
    assert "database" in reasons["in.jsonl:6"]
    assert kb.search("words").total == 1


def test_records_whose_spans_do_not_fit_their_text_are_refused(kb: Store) -> None:
    def spoken(words: str) -> dict:
        return record(says=[(0, words)], speakers=[("Ana Lima", [])])

    out_of_range, moved, no_offsets, bad_mention = (spoken(w) for w in (
        "Words out of range", "Words moved", "Words without offsets", "Words mentioned"))
    out_of_range["quotes"][0]["content"].update(start=5000, end=5018)
    moved["quotes"][0]["content"]["start"] += 1
    del no_offsets["quotes"][0]["content"]["start"]
    bad_mention["entities"][0]["mentions"][0]["end"] = -1
    good = spoken("Words that fit")
    items = [Incoming(r, f"in.jsonl:{i + 1}")
             for i, r in enumerate((out_of_range, moved, good, no_offsets, bad_mention))]
    report = kb.ingest(items, batch_size=10)
    assert (report.articles_new, report.articles_failed) == (1, 4)
    problems = {p.origin: (p.record_id, p.reason) for p in report.problems}
    n = len(out_of_range["text"])
    assert problems["in.jsonl:1"] == (
        out_of_range["id"], f"quote Q1 content offsets 5000-5018 are outside the text ({n} "
                            "characters)")
    assert problems["in.jsonl:2"][0] == moved["id"]
    assert problems["in.jsonl:2"][1].startswith("quote Q1 content text 'Words moved' is not "
                                                "the text at its offsets")
    assert problems["in.jsonl:4"][1] == "quote Q1 content has no integer start and end offsets"
    assert problems["in.jsonl:5"][1].startswith("a mention of entity E1 offsets")
    # nothing of a refused record is stored; the good one is, whole
    assert contents(kb.search("words")) == ["Words that fit"]
    for bad in (out_of_range, moved, no_offsets, bad_mention):
        assert kb.article(bad["id"]) is None
    assert [q.local_id for q in kb.article(good["id"]).quotes] == ["Q1"]


def test_sites_keep_their_case_and_filters_ignore_it(kb: Store) -> None:
    doc = record(says=[(0, "The subway runs again")], speakers=[("Ana Lima", [])],
                 site="ABC7 New York")
    kb.ingest([doc])
    hit = kb.search("subway").hits[0]
    assert hit.site == "ABC7 New York" and kb.article(doc["id"]).site == "ABC7 New York"
    for site in ("abc7 new york", "ABC7 New York", " ABC7 NEW YORK "):
        assert kb.search("subway", site=site).total == 1, site
        assert [a.id for a in kb.articles(site=site)] == [doc["id"]], site


def test_impossible_dates_are_refused_like_malformed_ones(kb: Store) -> None:
    kb.ingest([record(says=[(0, "Dates matter")], speakers=[("Ana Lima", [])],
                      published="2019-02-30")])
    assert kb.search("dates").hits[0].published is None  # no such day: no date
    for bad in ("2019-02-30", "2019-13-45", "2019-04-31", "2021-02-29"):
        with pytest.raises(QueryError, match=f"since must be a date like 2019-01-31.*{bad}"):
            kb.search("dates", since=bad)
        with pytest.raises(QueryError, match="until must be a date"):
            kb.articles(until=bad)
    assert kb.search("dates", since="2020-02-29").total == 0  # a leap day is a day


def test_hits_know_their_statement_in_the_article(kb: Store) -> None:
    doc = record(says=[(0, "First point"), (0, "Second point")], speakers=[("Ana Lima", [])])
    kb.ingest([doc])
    hits = kb.search("second").hits
    assert [(h.article_id, h.local_id) for h in hits] == [(doc["id"], "Q2")]
    assert hits[0].to_dict()["local_id"] == "Q2"


# -- search ----------------------------------------------------------------------------------


@pytest.fixture
def small_kb(kb: Store) -> Store:
    lima = [("Ana Lima", [("mayor", "City Hall", "Lisbon")])]
    chen = [("Wei Chen", [("analyst", "Pacific Institute", "Beijing")])]
    kb.ingest([
        record(says=[(0, "The new sanctions will hurt farmers"),
                     (0, "Economic blockade is not the answer")],
               speakers=lima, published="2018-05-01", site="one.example"),
        record(says=[(0, "Sanctions work slowly"), (0, "We expect sanctioned banks to adapt")],
               speakers=chen, published="2019-06-01", site="two.example"),
        record(says=[(0, "Nuclear talks resume in spring")], speakers=chen,
               published="2020-07-01", site="two.example"),
        record(says=[(0, "Farmers need rain, not sanctions")], speakers=lima,
               published="2021-08-01", site="www.one.example"),
    ])
    kb.optimize()
    return kb


def contents(page) -> list[str]:  # noqa: ANN001
    return [h.content for h in page.hits]


def test_search_words_phrases_prefix_or_not(small_kb: Store) -> None:
    s = small_kb
    assert contents(s.search("sanctions farmers")) == [
        "Farmers need rain, not sanctions", "The new sanctions will hurt farmers"]
    assert contents(s.search('"economic blockade"')) == ["Economic blockade is not the answer"]
    assert contents(s.search('"blockade economic"')) == []
    assert len(s.search("sanction*").hits) == 4
    assert contents(s.search("nuclear OR blockade", order="oldest")) == [
        "Economic blockade is not the answer", "Nuclear talks resume in spring"]
    assert contents(s.search("sanctions -farmers")) == [
        "We expect sanctioned banks to adapt", "Sanctions work slowly"]


def test_search_filters_order_paging(small_kb: Store) -> None:
    s = small_kb
    assert [h.speaker for h in s.search("sanctions", speaker="Chen").hits] == ["Wei Chen"] * 2
    assert s.search("sanctions", speaker="Nobody Known").total == 0
    assert len(s.search("sanctions", org="pacific").hits) == 2
    assert len(s.search("sanctions", site="one.example").hits) == 2
    assert len(s.search("sanctions", site="www.one.example").hits) == 1  # and its subdomain
    assert s.search("sanctions", site="ample.example").total == 0  # whole names, not parts
    assert s.search(None, site="two.example").total == 3
    assert contents(s.search("sanctions", since="2019-01-01", until="2019-12-31")) == [
        "We expect sanctioned banks to adapt", "Sanctions work slowly"]
    newest = s.search("sanctions")
    assert [h.published for h in newest.hits] == sorted(
        [h.published for h in newest.hits], reverse=True)
    page1 = s.search("sanctions", limit=2)
    page2 = s.search("sanctions", limit=2, offset=2)
    assert page1.total == page2.total == 4 and page1.total_exact
    assert not set(contents(page1)) & set(contents(page2))
    capped = s.search("sanctions", limit=1, count_limit=2)
    assert (capped.total, capped.total_exact, capped.total_kind) == (2, False, "at_least")
    best = s.search("sanctions", order="best")
    assert len(best.hits) == 4 and all(h.score is not None for h in best.hits)
    listing = s.search(None, speaker="Ana Lima")
    assert listing.total == 3
    s_arts = s.articles(site="two.example")
    assert [a.published for a in s_arts] == ["2020-07-01", "2019-06-01"]
    assert len(s.articles(since="2019-01-01", until="2020-12-31")) == 2
    assert [p.name for p in s.people()] == ["Ana Lima", "Wei Chen"]
    assert s.stats().quotes == 6
    assert json.loads(json.dumps(newest.to_dict()))["hits"][0]["speaker"]


@pytest.mark.parametrize("bad", ['"unbalanced', "AND AND", "OR sanctions", "-only",
                                 "a*", "sanctions NOT", "((("])
def test_malformed_queries_raise_a_clear_query_error(small_kb: Store, bad: str) -> None:
    with pytest.raises(QueryError) as exc:
        small_kb.search(bad)
    assert len(str(exc.value)) > 15 and "Traceback" not in str(exc.value)


def test_bad_filters_raise_query_error(small_kb: Store) -> None:
    for kwargs in ({"since": "yesterday"}, {"since": "2020-01-01", "until": "2019-01-01"},
                   {"order": "random"}, {"limit": 0}, {"offset": -1}):
        with pytest.raises(QueryError):
            small_kb.search("sanctions", **kwargs)


# -- export ----------------------------------------------------------------------------------


def test_export_all_formats_read_back(small_kb: Store, tmp_path: Path) -> None:
    n = small_kb.export("quotes", "jsonl", tmp_path / "q.jsonl")
    rows = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert n == len(rows) == 6
    assert {r["speaker"] for r in rows} == {"Ana Lima", "Wei Chen"}
    small_kb.export("quotes", "csv", tmp_path / "q.csv")
    with open(tmp_path / "q.csv", newline="") as f:
        crow = list(csv.DictReader(f))
    assert [r["content"] for r in crow] == [r["content"] for r in rows]
    small_kb.export("quotes", "parquet", tmp_path / "q.parquet")
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.column("content").to_pylist() == [r["content"] for r in rows]
    assert table.column("id").to_pylist() == [r["id"] for r in rows]
    small_kb.export("people", "parquet", tmp_path / "p.parquet")
    people = pq.read_table(tmp_path / "p.parquet").to_pylist()
    assert {p["name"]: p["organisations"] for p in people} == {
        "Ana Lima": ["City Hall"], "Wei Chen": ["Pacific Institute"]}
    small_kb.export("records", "jsonl", tmp_path / "r.jsonl")
    recs = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(recs) == 4 and all(r["schema"] == "newsgraph/1" for r in recs)


# -- opening ---------------------------------------------------------------------------------


def test_urls() -> None:
    assert resolve_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert resolve_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert resolve_url("kb.db") == "sqlite:///kb.db"
    assert resolve_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_default_url_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///newsgraph.db"
    monkeypatch.setenv("NEWSGRAPH_DB", "postgresql://h/x")
    assert resolve_url(None) == "postgresql+psycopg://h/x"


def test_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge base"):
        open_store(f"sqlite:///{tmp_path}/missing.db", read_only=True)
    url = f"sqlite:///{tmp_path}/kb.db"
    with open_store(url) as s:
        s.ingest([record(says=[(0, "Hello there")], speakers=[("Ana Lima", [])])])
    with open_store(url, read_only=True) as ro:
        assert ro.search("hello").total == 1
        with pytest.raises(StoreError):
            ro.ingest([])


def test_pg_read_only_adds_to_the_options_it_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.engine import make_url as sa_url

    from newsgraph.store.db import READ_ONLY_OPTION, pg_connect_args

    monkeypatch.delenv("PGOPTIONS", raising=False)
    plain = sa_url("postgresql+psycopg://u@h/db")
    in_url = sa_url("postgresql+psycopg://u@h/db?options=-csearch_path%3Dkb")
    assert pg_connect_args(in_url, read_only=False) == {}  # the URL's own options apply
    assert pg_connect_args(plain, read_only=True) == {"options": READ_ONLY_OPTION}
    assert pg_connect_args(in_url, read_only=True) == {
        "options": f"-csearch_path=kb {READ_ONLY_OPTION}"}
    twice = sa_url("postgresql+psycopg://u@h/db?options=-ca%3D1&options=-cb%3D2")
    assert pg_connect_args(twice, read_only=True) == {"options": f"-ca=1 -cb=2 {READ_ONLY_OPTION}"}
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=5s")  # libpq's default for options
    assert pg_connect_args(plain, read_only=True) == {
        "options": f"-c statement_timeout=5s {READ_ONLY_OPTION}"}
    assert pg_connect_args(in_url, read_only=True) == {  # as libpq: the URL wins
        "options": f"-csearch_path=kb {READ_ONLY_OPTION}"}


@pytest.mark.postgres
def test_pg_read_only_store_keeps_the_search_path_of_its_url(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from sqlalchemy.exc import DBAPIError

    url = make_url("postgres", tmp_path, request)  # a fresh schema: ?options=-csearch_path=...
    with open_store(url) as s:
        s.ingest([record(says=[(0, "Hello there")], speakers=[("Ana Lima", [])])])
    with open_store(url, read_only=True) as ro:  # used to lose the search path: "no schema"
        assert ro.search("hello").total == 1
        assert ro.person("Ana Lima").quote_count == 1
        with ro.engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW default_transaction_read_only").scalar() == "on"
            assert conn.exec_driver_sql("SHOW search_path").scalar().startswith("t_")
            with pytest.raises(DBAPIError, match="read-only"):
                conn.exec_driver_sql("DELETE FROM quotes")


def test_schema_module_matches_the_migrations(kb: Store) -> None:
    insp = inspect(kb.engine)
    for table in sch.TABLES:
        cols = {c["name"] for c in insp.get_columns(table.name)} - {"tsv"}
        assert cols == {c.name for c in table.columns}, table.name
        idx = {i["name"]: i["column_names"] for i in insp.get_indexes(table.name)}
        assert {i.name for i in table.indexes} <= set(idx), table.name
        for i in table.indexes:  # the same columns too (0003 widened some indexes)
            assert idx[i.name] == [c.name for c in i.columns], i.name


# -- CLI -------------------------------------------------------------------------------------


def run_cli(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli_kb", *args, "--db", db],
                          capture_output=True, text=True, timeout=120)


def test_cli_ingest_search_person_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/kb.db"
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(golden_document().to_dict()), "{not json",
             json.dumps({"schema": "newsgraph/1", "id": "z", "text": None, "errors": ["boom"]})]
    src.write_text("\n".join(lines) + "\n")
    r = run_cli("ingest", str(src), "--json", db=db)
    assert r.returncode == 1, r.stderr  # some records failed
    assert json.loads(r.stdout)["articles_failed"] == 2
    assert f"{src}:2" in r.stderr and "boom" in r.stderr
    assert "1 new" in r.stderr

    r = run_cli("search", "sanctions", "--speaker", "Asmolov", "--since", "2019-01-01",
                "--json", db=db)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["hits"][0]["speaker"] == "Konstantin Asmolov"
    r = run_cli("search", "sanctions", db=db)
    assert r.returncode == 0 and "Asmolov" in r.stdout
    r = run_cli("search", '"unbalanced', db=db)
    assert r.returncode == 2 and "quotation mark" in r.stderr and "Traceback" not in r.stderr

    r = run_cli("person", "Konstantin Asmolov", "--json", db=db)
    prof = json.loads(r.stdout)
    assert prof["quote_count"] == 5 and prof["roles"][0]["title"] == "senior research fellow"
    r = run_cli("person", "Konstantin Asmolov", db=db)
    assert "senior research fellow" in r.stdout
    assert run_cli("person", "Nobody Here", db=db).returncode == 1

    out = tmp_path / "q.parquet"
    r = run_cli("export", "--table", "quotes", "--format", "parquet", "-o", str(out), db=db)
    assert r.returncode == 0, r.stderr
    assert pq.read_table(out).num_rows == 10
    assert run_cli("export", "--table", "nope", db=db).returncode == 2


def test_cli_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli("ingest", str(tmp_path / "nope.jsonl"), db=f"sqlite:///{tmp_path}/kb.db")
    assert r.returncode == 2 and "no such file" in r.stderr


def test_ids_too_large_for_the_database_match_no_one(kb: Store) -> None:
    kb.ingest([golden_document()])
    huge = "9" * 26  # over 2**63: the driver would overflow (a traceback, a 500 in the web)
    assert kb.person(huge) is None and kb.person(int(huge)) is None
    assert kb.person("¹") is None  # isdigit() says digit, int() says no
    assert kb.find_people(huge) == []
    assert kb.search(speaker=huge).total == 0
    with pytest.raises(QueryError, match="offset"):
        kb.search("sanctions", offset=int(huge))
    with pytest.raises(QueryError, match="recent"):
        kb.person("Konstantin Asmolov", recent=int(huge))
    asmolov = kb.person("Konstantin Asmolov")
    assert asmolov is not None and kb.person(str(asmolov.id)).id == asmolov.id


def test_cli_ids_too_large_are_no_such_person(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/kb.db"
    with open_store(db) as s:
        s.ingest([golden_document()])
    huge = "9" * 26
    for args, code, message in (
        (["person", huge], 1, f"no person matches {huge!r}"),
        (["person", "Konstantin Asmolov", "--recent", huge], 2, "recent must be between"),
        (["search", "sanctions", "--offset", huge], 2, "offset must be between"),
        (["search", "sanctions", "--speaker", huge], 0, "none"),
    ):
        r = run_cli(*args, db=db)
        assert "Traceback" not in r.stderr, r.stderr
        assert r.returncode == code and message in r.stderr + r.stdout, (args, r.stderr)


def test_cli_export_to_a_path_that_cannot_be_written(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/kb.db"
    open_store(db).close()
    for fmt, target, reason in (
        ("csv", tmp_path, "it is a directory"),
        ("jsonl", tmp_path / "missing" / "q.jsonl", f"directory {tmp_path}/missing does not"),
        ("parquet", tmp_path / "kb.db" / "q.parquet", "not a directory"),
    ):
        r = run_cli("export", "--format", fmt, "-o", str(target), db=db)
        assert r.returncode == 2, r.stderr
        [line] = r.stderr.splitlines()  # one line, no traceback
        assert line.startswith(f"error: cannot write {target}: ") and reason in line, line


def test_raw_inputs_go_through_the_extractor(tmp_path: Path) -> None:
    pipeline = pytest.importorskip(
        "newsgraph.pipeline", reason="newsgraph.pipeline (the extractor) is not there yet")
    if not hasattr(pipeline, "extract_many"):
        pytest.skip("newsgraph.pipeline.extract_many is not there yet")
    from newsgraph.store.inputs import InputError, iter_inputs

    page = tmp_path / "page.txt"
    page.write_text(golden_document().text, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path}/kb.db") as s:
        try:
            report = s.ingest(iter_inputs([str(page)]))
        except InputError as exc:
            pytest.skip(f"the extractor cannot run yet: {exc}")
        # One record either way: stored, or (while the extractor lacks a model) reported.
        assert (report.records, report.articles_new + report.articles_failed) == (1, 1)
        if report.articles_failed:
            assert report.problems[0].origin.endswith("page.txt")
            assert report.problems[0].reason
        else:
            assert s.stats().articles == 1


def test_records_files_plain_gzip_and_sniffing(tmp_path: Path) -> None:
    import gzip

    from newsgraph.store.inputs import is_records_file, iter_inputs

    recs = [record(says=[(0, f"Statement number {i}")], speakers=[("Ana Lima", [])])
            for i in range(3)]
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_text(json.dumps(recs[0]) + "\n\n" + json.dumps(recs[1]) + "\n")
    with gzip.open(packed, "wt", encoding="utf-8") as f:
        f.write(json.dumps(recs[2]) + "\n")
    other = tmp_path / "pages.jsonl"  # a JSON Lines dump of pages: raw input, not records
    other.write_text(json.dumps({"url": "https://x", "html": "<p>hi</p>"}) + "\n")
    assert is_records_file(str(plain)) and is_records_file(str(packed))
    assert not is_records_file(str(other))
    with open_store(f"sqlite:///{tmp_path}/kb.db") as s:
        report = s.ingest(iter_inputs([str(plain), str(packed)]))
        assert (report.records, report.articles_new) == (3, 3)


def test_records_nested_too_deeply_fail_alone(tmp_path: Path) -> None:
    from newsgraph.store.inputs import is_records_file, iter_inputs

    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"  # json.loads: RecursionError
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_bytes(deep)  # the records sniffer crashed on it
    later.write_text(json.dumps(record(says=[(0, "Fine words")], speakers=[("Ana Lima", [])]))
                     + "\n" + deep.decode())  # so did the records reader
    assert not is_records_file(str(first)) and is_records_file(str(later))
    items = list(iter_inputs([str(later)]))
    assert [(i.origin, i.error) for i in items][1:] == [
        (f"{later}:2", "invalid JSON: nested too deeply to read")]


def job_dir(out: Path, fmt: str, outputs: dict[str, list[dict]],
            failed: tuple[str, ...] = ()) -> Path:
    """An output directory as `newsgraph extract -o out/ --output-format FMT` leaves it
    (written with the job's own writer and manifest, without running the extractor)."""
    from newsgraph.jobs.formats import RecordWriter
    from newsgraph.jobs.manifest import SCHEMA, Manifest
    from newsgraph.record import Document

    m = Manifest(out)
    for name, recs in outputs.items():
        path = out / f"{name}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        with RecordWriter(path, fmt) as w:
            for r in recs:
                w.write(Document.from_dict(r))
        m.append({"schema": SCHEMA, "input": f"/in/{name}", "output": f"{name}.{fmt}",
                  "status": "done", "records": len(recs), "failed": 0,
                  "output_bytes": w.size, "output_sha256": w.sha256})
    for name in failed:
        m.append({"schema": SCHEMA, "input": f"/in/{name}", "output": f"{name}.{fmt}",
                  "status": "failed", "records": 0, "error": "worker died"})
    (out / ".newsgraph.lock").write_text("")
    (out / f".partial.{fmt}.tmp").write_text("{torn")  # a killed run's temp: not an output
    return out


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_cli_ingest_of_an_extract_job_directory(tmp_path: Path, fmt: str) -> None:
    recs = [record(says=[(0, f"Statement number {i}")], speakers=[("Ana Lima", [])])
            for i in range(4)]
    out = job_dir(tmp_path / "out", fmt, {"a.html": recs[:2], "b.txt": recs[2:3],
                                          "sub/c.warc.gz": recs[3:]})
    db = f"sqlite:///{tmp_path}/kb.db"
    r = run_cli("ingest", f"{out}/", "--json", db=db)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)  # records, not raw inputs; the manifest is no record
    assert (report["records"], report["articles_new"], report["articles_failed"]) == (4, 4, 0)
    assert "_manifest" not in r.stderr and "failed:" not in r.stderr
    r = run_cli("ingest", str(out), "--json", db=db)  # again: nothing new
    assert (json.loads(r.stdout)["articles_duplicate"], r.returncode) == (4, 0)
    with open_store(db, read_only=True) as s:
        assert s.person("Ana Lima").quote_count == 4
        assert s.record(recs[3]["id"])["quotes"][0]["content"]["text"] == "Statement number 3"
    one = out / f"b.txt.{fmt}"  # one output file on its own is a records file too
    r = run_cli("ingest", str(one), "--json", db=f"sqlite:///{tmp_path}/one.db")
    assert (r.returncode, json.loads(r.stdout)["articles_new"]) == (0, 1), r.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_job_directory_inputs_the_job_failed_on_are_reported(tmp_path: Path, fmt: str) -> None:
    from newsgraph.store.inputs import is_job_dir, iter_inputs

    recs = [record(says=[(0, "Only this")], speakers=[("Ana Lima", [])])]
    out = job_dir(tmp_path / "out", fmt, {"a.html": recs}, failed=("b.html",))
    assert is_job_dir(str(out)) and not is_job_dir(str(out / f"a.html.{fmt}"))
    with open_store(f"sqlite:///{tmp_path}/kb.db") as s:
        report = s.ingest(iter_inputs([str(out)]))
    assert (report.records, report.articles_new, report.articles_failed) == (2, 1, 1)
    (problem,) = report.problems
    assert "/in/b.html" in problem.origin and "worker died" in problem.reason


def test_migrations_downgrade_and_upgrade_again(kb: Store) -> None:
    from newsgraph.store import db as dbmod

    kb.ingest([record(says=[(0, "Kept for a moment")], speakers=[("Ana Lima", [])])])
    dbmod.downgrade_to_base(kb.engine)
    assert set(inspect(kb.engine).get_table_names()) <= {"alembic_version"}
    dbmod.migrate(kb.engine)
    assert kb.search("moment").total == 0
    kb.ingest([record(says=[(0, "Kept for a moment")], speakers=[("Ana Lima", [])])])
    assert kb.search("moment").total == 1


def test_compact_record_form_round_trips(corpus_records: list[dict]) -> None:
    from newsgraph.store.compact import compact, expand
    from newsgraph.store.prepare import prepare

    for rec in corpus_records[:50] + [golden_document().to_dict()]:
        stored = json.loads(prepare(rec).record_json)
        assert stored == compact(rec, rec["text"])
        assert "text" not in stored and len(json.dumps(stored)) < len(json.dumps(rec))
        assert expand(stored, rec["text"]) == rec


def test_cli_ingest_of_a_directory_of_records_files(tmp_path: Path) -> None:
    recs = [record(says=[(0, f"Statement number {i}")], speakers=[("Ana Lima", [])])
            for i in range(3)]
    folder = tmp_path / "records"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text(json.dumps(recs[0]) + "\n", encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in recs[1:]), encoding="utf-8")
    (folder / "notes.md").write_text("not an input\n", encoding="utf-8")
    r = run_cli("ingest", str(folder), "--json", db=f"sqlite:///{tmp_path}/kb.db")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)  # records read as records, not sent to the extractor
    assert (report["records"], report["articles_new"], report["articles_failed"]) == (3, 3, 0)


def test_cli_ingest_quiet_keeps_only_the_summary(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = record(says=[(0, "Statement number one")], speakers=[("Ana Lima", [])])
    src.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path}/kb.db"
    r = run_cli("ingest", str(src), "--quiet", db=db)
    assert r.returncode == 1  # a record failed: the status still says so
    assert "failed:" not in r.stderr and "more failed" not in r.stderr
    assert "ingested 2 records" in r.stderr and "1 failed" in r.stderr
    r = run_cli("ingest", str(src), db=f"sqlite:///{tmp_path}/loud.db")
    assert "failed: " in r.stderr and "invalid JSON" in r.stderr
