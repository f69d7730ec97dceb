"""Kinds and groups in the knowledge base, facets, timelines, networks and result exports, on
SQLite and PostgreSQL; the 0006 migration carrying kinds and groups over."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text
from test_store_support import BACKENDS, day_rows, make_url
from test_views_support import facet_expectation, statements, views_records

from newsgraph.store import QueryError, open_store
from newsgraph.store import db as dbmod


@pytest.fixture(params=BACKENDS)
def kb_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_url(request.param, tmp_path / "kb", request)
    with open_store(url) as kb:
        report = kb.ingest(views_records())
        assert report.articles_failed == 0, report.problems
    return url


def facet_map(counts, name: str) -> Counter[str]:  # noqa: ANN001
    group = next(g for g in counts.facets if g.name == name)
    return Counter({v.label: v.count for v in group.values})


def test_search_keeps_speech_unless_asked(kb_url: str) -> None:
    sts = statements(views_records())
    by_kind = Counter(s.kind for s in sts)
    assert by_kind["speech"] and by_kind["belief"] and by_kind["evidence"]
    with open_store(kb_url, read_only=True) as kb:
        assert kb.search(limit=1).total == by_kind["speech"]
        assert kb.search(kind="all", limit=1).total == len(sts)
        assert kb.search(kind=None, limit=1).total == len(sts)
        for kind, n in by_kind.items():
            page = kb.search(kind=kind, limit=100)
            assert page.total == n and {h.kind for h in page.hits} == {kind}
        # with words, a speaker, a type: the kind applies on top
        harbour = [s for s in sts if "harbour" in s.content]
        assert kb.search("harbour", limit=1).total == sum(s.kind == "speech" for s in harbour)
        assert kb.search("harbour", kind="all", type="mixed", limit=1).total == sum(
            s.type == "mixed" for s in harbour)
        assert kb.search(speaker="Ana Lima", kind="belief", limit=1).total == sum(
            s.speaker == "Ana Lima" and s.kind == "belief" for s in sts)
        assert kb.search(language="de", kind="all", limit=1).total == sum(
            s.language == "de" for s in sts)
        grouped = [h for h in kb.search(kind="all", limit=1000).hits if h.group]
        assert grouped and {h.group for h in grouped} == {s.group for s in sts if s.group}


@pytest.mark.parametrize("bad", [{"kind": "gossip"}, {"type": "sarcastic"},
                                 {"gender": "woman"}, {"language": "x" * 20}])
def test_bad_narrowing_is_a_query_error(kb_url: str, bad: dict[str, str]) -> None:
    with open_store(kb_url, read_only=True) as kb, pytest.raises(QueryError):
        kb.search(**bad)


def test_an_unknown_kind_in_a_record_fails_alone(tmp_path: Path) -> None:
    recs = views_records(6)
    bad = json.loads(json.dumps(recs[0]))
    bad["id"] = "bad"
    bad["quotes"][0]["kind"] = "rumour"
    with open_store(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        report = kb.ingest([bad, *recs[1:]])
        assert report.articles_failed == 1
        assert "quote Q1 has kind 'rumour'" in report.problems[0].reason


def test_facets_count_what_the_records_hold(kb_url: str) -> None:
    sts = statements(views_records())
    with open_store(kb_url, read_only=True) as kb:
        for kind, topic in (("speech", None), (None, None), ("belief", None),
                            ("speech", "harbour"), ("all", "budget")):
            want = facet_expectation(sts, None if kind == "all" else kind, topic)
            got = kb.facets(topic, kind=kind, top=50)
            assert got.complete and got.statements == sum(want["type"].values())
            assert got.notice is None
            for name in ("site", "month", "person", "type", "kind", "language", "gender"):
                assert facet_map(got, name) == want[name], (kind, topic, name)


def test_each_facet_value_narrows_to_its_count(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        counts = kb.facets("statement", top=50)
        checked = 0
        for group in counts.facets:
            for v in group.values:
                params = {("speaker" if k == "person" else k): x for k, x in v.narrow.items()}
                kind = params.pop("kind", "speech")
                assert kb.search("statement", kind=kind, limit=1, **params).total == v.count, \
                    (group.name, v.value)
                checked += 1
        assert checked > 20


def test_timeline_counts_every_match_by_month(kb_url: str) -> None:
    sts = statements(views_records())
    with open_store(kb_url, read_only=True) as kb:
        for kind, topic, speaker in (("speech", None, None), ("all", "sanctions", None),
                                     ("speech", None, "Omar Diaz")):
            want = Counter(s.month for s in sts
                           if (kind == "all" or s.kind == kind)
                           and (topic is None or topic in s.content)
                           and (speaker is None or s.speaker == speaker))
            got = kb.timeline(topic, kind=kind, speaker=speaker)
            assert {m.month: m.count for m in got.months} == want
            assert got.total == sum(want.values()) and got.undated == 0
            # the same number as the search's own total
            assert kb.search(topic, kind=kind, speaker=speaker, limit=1).total == got.total


def test_search_network_links_speakers_by_shared_articles(kb_url: str) -> None:
    sts = [s for s in statements(views_records()) if s.kind == "speech"]
    by_article: dict[str, set[str]] = defaultdict(set)
    for s in sts:
        by_article[s.article].add(s.speaker)
    want: Counter[tuple[str, str]] = Counter()
    for people in by_article.values():
        want.update(combinations(sorted(people), 2))
    with open_store(kb_url, read_only=True) as kb:
        net = kb.network(None, top=20)
        names = {n.id: n.name for n in net.nodes}
        assert Counter({n.name: n.statements for n in net.nodes}) == Counter(
            s.speaker for s in sts)
        got = Counter({tuple(sorted((names[e.source], names[e.target]))): e.articles
                       for e in net.edges})
        assert got == want


def test_person_network_edges_are_the_profiles_quoted_alongside(kb_url: str) -> None:
    recs = views_records()
    with open_store(kb_url, read_only=True) as kb:
        prof = kb.person("Ana Lima")
        net = kb.person_network(prof.id)
        assert net.center == prof.id
        center = {e.target if e.source == prof.id else e.source: e.articles
                  for e in net.edges if prof.id in (e.source, e.target)}
        assert center == {p.id: p.articles for p in prof.co_quoted}
        # every edge: articles (any copy) quoting both
        names = {n.id: n.name for n in net.nodes}
        quoted: dict[str, set[str]] = defaultdict(set)
        for r in recs:
            for q in r["quotes"]:
                quoted[r["id"]].add(q["speaker_name"])
        for e in net.edges:
            a, b = names[e.source], names[e.target]
            assert e.articles == sum(a in p and b in p and "Ana Lima" in p
                                     for p in quoted.values())


def test_exports_stream_every_match_with_the_filters(kb_url: str) -> None:
    sts = statements(views_records())
    with open_store(kb_url, read_only=True) as kb:
        page = kb.search("statement", kind="all", limit=1000)
        ids = [h.id for h in page.hits]
        from newsgraph.store import result_export

        small = result_export.PAGE
        result_export.PAGE = 7  # several pages, paged by key
        try:
            rows = [json.loads(line) for line in b"".join(
                kb.export_statements("statement", kind="all", format="jsonl")).splitlines()]
            csv_rows = list(csv.DictReader(io.StringIO(b"".join(
                kb.export_statements("statement", kind="belief", format="csv")).decode())))
            table = pq.read_table(io.BytesIO(b"".join(
                kb.export_statements(None, speaker="Mei Chen", format="parquet"))))
        finally:
            result_export.PAGE = small
        assert [r["id"] for r in rows] == ids and len(ids) == len(sts)
        assert {r["kind"] for r in csv_rows} == {"belief"}
        assert len(csv_rows) == sum(s.kind == "belief" for s in sts)
        assert table.num_rows == sum(s.speaker == "Mei Chen" and s.kind == "speech"
                                     for s in sts)
        assert set(table.column("speaker").to_pylist()) == {"Mei Chen"}
        with pytest.raises(QueryError):
            kb.export_statements('"unbalanced', format="csv")


@pytest.mark.parametrize("backend", BACKENDS)
def test_0004_database_upgrades_to_kinds_without_loss(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from alembic import command

    url = make_url(backend, tmp_path / "old", request)
    with open_store(url) as kb:
        kb.ingest(views_records())
        with kb.engine.connect() as conn:
            fresh = conn.execute(text(
                "SELECT q.id, q.kind, s.article_id, s.quote_group FROM quotes q "
                "JOIN quote_sources s ON s.quote_id = q.id ORDER BY 1, 3")).all()
        with kb.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0004")
    with open_store(url, read_only=True) as ro:  # served as is: every statement is speech
        n = len({r[0] for r in fresh})
        assert ro.search(limit=1).total == n == ro.search(kind="all", limit=1).total
        assert ro.search(kind="belief", limit=1).total == 0
        assert {h.kind for h in ro.search(limit=100).hits} == {"speech"}
        assert ro.facets(None).statements == n
    with open_store(url) as kb:  # upgraded: kinds and groups from the stored records
        assert dbmod.current_revision(kb.engine) == dbmod.head_revision()
        with kb.engine.connect() as conn:
            again = conn.execute(text(
                "SELECT q.id, q.kind, s.article_id, s.quote_group FROM quotes q "
                "JOIN quote_sources s ON s.quote_id = q.id ORDER BY 1, 3")).all()
    assert again == fresh
    assert {r[1] for r in fresh} > {"speech", "belief"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_timeline_of_every_statement_reads_the_day_counts(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """quote_days is kept by the ingest (in two runs, again with the same records: no
    change) and answers the unfiltered timeline, with kinds and dates, as the records say."""
    recs = views_records()
    url = make_url(backend, tmp_path / "kb", request)
    with open_store(url) as kb:
        kb.ingest(recs[:20])
        kb.ingest(recs[10:])
        kb.ingest(recs[:30])
    kept, counted = day_rows(url)
    assert kept == counted and len(kept) > 20
    sts = statements(recs)
    with open_store(url, read_only=True) as kb:
        for kind, since, until in (("speech", None, None), ("all", None, None),
                                   ("belief", None, None), ("speech", "2019-03", "2019-08"),
                                   ("all", "2019", "2020-06")):
            got = kb.timeline(kind=kind, since=since, until=until)
            want = Counter(s.month for s in sts if (kind == "all" or s.kind == kind)
                           and (since is None or s.month[:len(since)] >= since)
                           and (until is None or s.month[:len(until)] <= until))
            assert {m.month: m.count for m in got.months} == want, (kind, since, until)
        for kind, since, until in (("speech", None, None), ("all", "2019-02-15", "2020-03-09"),
                                   ("evidence", "2019-05-02", None)):
            got = kb.timeline(kind=kind, since=since, until=until)
            # counting the ids instead (``before`` is no day filter: the general path)
            slow = kb.timeline(kind=kind, since=since, until=until, before=1 << 62)
            assert got.months == slow.months and got.total == slow.total > 0
            assert kb.search(kind=kind, since=since, until=until, limit=1,
                             count_limit=10_000).total == got.total
