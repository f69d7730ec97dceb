"""Source gender in the knowledge base, on SQLite and PostgreSQL: a person's gender across
articles (text evidence beats the name table, the majority of text evidence wins, counts
kept), gender counts of quoted people and statements by site and month with a topic, the
0005 migration carrying genders of stored records over, the CLI and the API; the golden
article through the real extractor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_store_support import BACKENDS, day_rows, make_url

from newsgraph.store import QueryError, open_store
from newsgraph.store import db as dbmod
from newsgraph.store.gender import decide


def span(text_: str, s: str) -> dict[str, Any]:
    i = text_.index(s)
    return {"start": i, "end": i + len(s), "text": s}


def person(t: str, eid: str, name: str, gender: str | None,
           evidence: str | None) -> dict[str, Any]:
    e = {"id": eid, "type": "PERSON", "name": name, "mentions": [span(t, name)], "roles": []}
    if gender is not None:
        e.update(gender=gender, gender_evidence=evidence)
    return e


def record(rid: str, site: str, published: str,
           people: list[tuple[str, str | None, str | None, str]]) -> dict[str, Any]:
    """An article quoting each (name, gender, evidence, statement)."""
    t = " ".join(f"“{say}” said {name}." for name, _, _, say in people)
    ents, quotes = [], []
    for n, (name, g, ev, say) in enumerate(people, 1):
        ents.append(person(t, f"E{n}", name, g, ev))
        quotes.append({"id": f"Q{n}", "type": "direct", "content": span(t, say),
                       "cue": None, "speaker": None, "speaker_entity": f"E{n}",
                       "speaker_name": name})
    return {"schema": "newsgraph/1", "id": rid,
            "source": {"path": None, "url": f"https://{site}/{rid}", "format": "html",
                       "offset": None},
            "title": rid, "published": published, "authors": [], "site": site,
            "language": "en", "text": t, "entities": ents, "quotes": quotes, "events": [],
            "errors": []}


def records() -> list[dict[str, Any]]:
    return [
        # Ana Ruiz: her pronouns once, a man's name table once -> female (text beats name)
        record("a1", "one.example", "2019-04-02", [
            ("Ana Ruiz", "female", "pronoun", "The sanctions will hurt farmers"),
            ("Sam Okoro", "female", "pronoun", "We need more buses"),
            ("Lee Park", None, None, "The budget is late")]),
        record("a2", "two.example", "2019-05-10", [
            ("Ana Ruiz", "male", "given_name", "Prices are rising again"),
            ("Sam Okoro", "male", "honorific", "The sanctions are working"),
            ("Kit Vance", "female", "noun", "The port reopens Monday")]),
        record("a3", "two.example", "2019-05-20", [
            ("Sam Okoro", "male", "pronoun", "Talks resume next week"),
            ("Kit Vance", "male", "pronoun", "Nobody told us")]),
    ]


@pytest.fixture(params=BACKENDS)
def kb_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_url(request.param, tmp_path / "kb", request)
    with open_store(url) as kb:
        report = kb.ingest(records())
        assert report.articles_failed == 0, report.problems
    return url


def test_a_persons_gender_across_articles(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        ana, sam, kit, lee = (kb.person(n).gender for n in
                              ("Ana Ruiz", "Sam Okoro", "Kit Vance", "Lee Park"))
    assert ana == {"gender": "female", "evidence": "pronoun",
                   "counts": {"female": {"pronoun": 1}, "male": {"given_name": 1}}}
    # two articles' text say male, one female: the majority, with the counts behind it
    assert sam["gender"] == "male" and sam["evidence"] == "honorific"
    assert sam["counts"] == {"female": {"pronoun": 1}, "male": {"honorific": 1, "pronoun": 1}}
    assert kit["gender"] == "unknown" and kit["evidence"] is None  # one each: a tie
    assert lee == {"gender": "unknown", "evidence": None, "counts": {}}


def test_the_sql_rule_is_the_python_rule(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        st = kb.gender_stats(people=True)
    assert st.people is not None
    by_name = {p.name: p.gender for p in st.people}
    assert by_name == {"Ana Ruiz": "female", "Sam Okoro": "male", "Kit Vance": "unknown",
                       "Lee Park": "unknown"}
    for p in st.people:
        assert decide(p.counts).gender == p.gender


def test_counts_by_site_and_month(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        st = kb.gender_stats(by="site,month")
    rows = {(g.group["site"], g.group["month"]): (g.people, g.quotes) for g in st.groups}
    assert rows == {
        ("one.example", "2019-04"): ({"female": 1, "male": 1, "unknown": 1},
                                     {"female": 1, "male": 1, "unknown": 1}),
        ("two.example", "2019-05"): ({"female": 1, "male": 1, "unknown": 1},
                                     {"female": 1, "male": 2, "unknown": 2}),
    }
    assert st.total.people == {"female": 1, "male": 1, "unknown": 2}
    assert st.total.quotes == {"female": 2, "male": 3, "unknown": 3}
    assert st.total.quotes_share == {"female": 0.25, "male": 0.375, "unknown": 0.375}


def test_topic_and_dates_narrow_the_counts(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        st = kb.gender_stats(topic="sanctions")
        assert st.total.quotes == {"female": 1, "male": 1, "unknown": 0}
        st = kb.gender_stats(by="month", since="2019-05", until="2019-05-15")
        assert [g.group for g in st.groups] == [{"month": "2019-05"}]
        assert st.total.quotes == {"female": 1, "male": 1, "unknown": 1}
        assert kb.gender_stats(site="one.example").total.quotes["unknown"] == 1
        for bad in ({"by": "week"}, {"since": "2019-02-30"}, {"topic": '"open'},
                    {"since": "2020", "until": "2019"}):
            with pytest.raises(QueryError):
                kb.gender_stats(**bad)


def test_a_bad_gender_is_refused_with_its_entity(tmp_path: Path) -> None:
    bad = record("b1", "one.example", "2019-04-02", [("Ana Ruiz", "woman", "pronoun", "Hi")])
    with open_store(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        report = kb.ingest([bad, *records()])
    assert report.articles_failed == 1 and report.articles_new == 3
    assert "entity E1 has gender 'woman'" in report.problems[0].reason


@pytest.mark.parametrize("backend", BACKENDS)
def test_0004_databases_upgrade_and_keep_the_genders_their_records_carry(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from alembic import command

    url = make_url(backend, tmp_path / "old", request)
    with open_store(url) as kb:
        kb.ingest(records())
        with kb.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0004")
    with open_store(url, read_only=True) as ro:  # served as is: no genders yet, said so
        st = ro.gender_stats()
        assert "no genders yet" in (st.notice or "")
        assert st.total.quotes == {"female": 0, "male": 0, "unknown": 8}
        assert ro.person("Ana Ruiz").gender["gender"] == "unknown"
    with open_store(url) as kb:
        assert dbmod.current_revision(kb.engine) == dbmod.head_revision()
        with kb.engine.connect() as conn:
            upgraded = conn.execute(text("SELECT * FROM person_genders ORDER BY 1, 2")).all()
        assert kb.gender_stats().total.quotes == {"female": 2, "male": 3, "unknown": 3}
    with open_store(make_url(backend, tmp_path / "fresh", request)) as kb:
        kb.ingest(records())
        with kb.engine.connect() as conn:
            fresh = conn.execute(text("SELECT * FROM person_genders ORDER BY 1, 2")).all()
    assert upgraded == fresh and len(fresh) == 7


def test_cli_and_api(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.web import create_app

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as kb:
        kb.ingest(records())
    runner = CliRunner()
    res = runner.invoke(app, ["stats", "gender", "--by", "site,month", "--format", "json",
                              "--db", url])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["total"]["people"] == {"female": 1, "male": 1, "unknown": 2}
    res = runner.invoke(app, ["stats", "gender", "--by", "site", "--format", "csv",
                              "--topic", "sanctions", "--db", url])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("site,people_female,people_male,people_unknown,people,")
    assert lines[1].startswith("one.example,1,0,0,1,") and lines[-1].startswith("(all),1,1,0")
    res = runner.invoke(app, ["stats", "gender", "--people", "--db", url])
    assert res.exit_code == 0 and "Sam Okoro" in res.stdout and "honorific" in res.stdout
    res = runner.invoke(app, ["stats", "gender", "--by", "week", "--db", url])
    assert res.exit_code == 2 and "by must be site, month, year" in res.output
    res = runner.invoke(app, ["stats", "gender", "--format", "xml", "--db", url])
    assert res.exit_code == 2 and "unknown format 'xml'" in res.output

    client = TestClient(create_app(url))
    r = client.get("/api/stats/gender", params={"by": "site,month", "topic": "sanctions",
                                                "people": "true"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"]["quotes"] == {"female": 1, "male": 1, "unknown": 0}
    assert {(p["name"], p["gender"], p["evidence"]) for p in body["people"]} == {
        ("Ana Ruiz", "female", "pronoun"), ("Sam Okoro", "male", "honorific")}
    assert client.get("/api/stats/gender", params={"by": "week"}).status_code == 400
    assert client.get("/api/people/ana-ruiz").json()["gender"]["gender"] == "female"


@pytest.mark.slow
def test_the_golden_article_gives_its_people_with_their_evidence(tmp_path: Path) -> None:
    from conftest import GOLDEN_TEXT
    from fastapi.testclient import TestClient

    from newsgraph.pipeline import extract
    from newsgraph.web import create_app

    doc = extract(GOLDEN_TEXT.read_text(encoding="utf-8"), raw=True, published="2019-04-26")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as kb:
        kb.ingest([doc])
        st = kb.gender_stats(people=True)
    assert st.people is not None
    people = {p.name: (p.gender, p.evidence) for p in st.people}
    # "He considers the meeting ...", "He said the pair had discussed ...": the article's
    # own pronouns; nobody quoted in it is a woman
    assert people["Aleksei Maslov"] == ("male", "pronoun")
    assert people["Vladimir Putin"] == ("male", "pronoun")
    assert st.total.people["female"] == 0
    assert sum(st.total.people.values()) == len(people)
    body = TestClient(create_app(url)).get("/api/stats/gender", params={"people": "1"}).json()
    assert {p["name"]: (p["gender"], p["evidence"]) for p in body["people"]} == people


# -- people.gender (0007): the rule stored, for SQL to count and filter by ------------------


def column(url: str) -> dict[str, str]:
    """people.gender by name."""
    with open_store(url, read_only=True) as kb, kb.engine.connect() as conn:
        return dict(conn.execute(text("SELECT name, gender FROM people")).all())


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_stored_gender_is_the_rule_for_every_small_count(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """update_people_genders (SQL) against decide (Python), over every combination of up to
    two articles per gender and kind of evidence (text or name table), for all profiles at
    once and for some of them; rows already right are left alone."""
    import itertools

    from newsgraph.store.gender import update_people_genders

    url = make_url(backend, tmp_path / "rule", request)
    combos = list(itertools.product(range(3), repeat=4))  # female/male text, female/male name
    kinds = ("honorific", "noun", "pronoun")
    with open_store(url) as kb, kb.engine.begin() as conn:
        people, rows, want = [], [], {}
        for pid, (tf, tm, nf, nm) in enumerate(combos, 1):
            people.append({"i": pid, "s": f"p{pid}", "n": f"P {pid}", "k": f"p {pid}",
                           "a": "x"})
            counts: dict[str, dict[str, int]] = {}
            for g, n, kind_of in (("female", tf, lambda j: kinds[j % 3]),
                                  ("male", tm, lambda j: kinds[(j + 1) % 3]),
                                  ("female", nf, lambda j: "given_name"),
                                  ("male", nm, lambda j: "given_name")):
                for j in range(n):
                    ev = kind_of(j)
                    rows.append({"a": f"a{pid}-{g}-{ev}-{j}", "l": "E1", "p": pid, "g": g,
                                 "e": ev})
                    counts.setdefault(g, {})[ev] = counts.get(g, {}).get(ev, 0) + 1
            want[pid] = decide(counts).gender
        conn.execute(text("INSERT INTO people (id, slug, name, name_key, first_article) "
                          "VALUES (:i, :s, :n, :k, :a)"), people)
        conn.execute(text("INSERT INTO person_genders (article_id, local_id, person_id, "
                          "gender, evidence) VALUES (:a, :l, :p, :g, :e)"), rows)
        update_people_genders(conn)
        got = dict(conn.execute(text("SELECT id, gender FROM people")).all())
        assert got == want
        assert set(want.values()) == {"female", "male", "unknown"}
        # some profiles, after their evidence changed: only they move
        conn.execute(text("DELETE FROM person_genders WHERE person_id IN (1, 2, 3)"))
        conn.execute(text("INSERT INTO person_genders (article_id, local_id, person_id, "
                          "gender, evidence) VALUES ('z', 'E1', 2, 'female', 'noun'), "
                          "('z', 'E2', 4, 'male', 'honorific'), "
                          "('z', 'E3', 4, 'male', 'honorific')"))
        update_people_genders(conn, [1, 2, 4])
        got = dict(conn.execute(text("SELECT id, gender FROM people")).all())
        assert got[1] == "unknown" and got[2] == "female" and got[4] == "male"
        assert got[3] == want[3]  # not asked for: not changed
        update_people_genders(conn, [])  # nothing to do


@pytest.mark.parametrize("backend", BACKENDS)
def test_facets_and_gender_filter_count_what_stats_gender_counts(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = make_url(backend, tmp_path / "kb", request)
    with open_store(url) as kb:
        kb.ingest(records()[:2])  # Sam Okoro: female pronoun vs male honorific: a tie
        assert column(url)["Sam Okoro"] == "unknown"
        kb.ingest(records()[2:])  # a second male article: the ingest keeps the column current
    assert column(url) == {"Ana Ruiz": "female", "Sam Okoro": "male", "Kit Vance": "unknown",
                           "Lee Park": "unknown"}
    with open_store(url, read_only=True) as kb:
        st = kb.gender_stats(people=True)
        assert st.people is not None
        facets = kb.facets(kind="all")
        group = next(g for g in facets.facets if g.name == "gender")
        assert facets.complete and facets.notice is None
        counted = {v.value: v.count for v in group.values}
        assert counted == {g: n for g, n in st.total.quotes.items() if n}
        assert {v.value: v.narrow for v in group.values}["male"] == {"gender": "male"}
        for p in st.people:  # every person's statements are found under their gender
            assert kb.search(speaker=p.id, gender=p.gender, kind="all").total == p.quotes
        for g in ("female", "male", "unknown"):
            assert kb.search(gender=g, kind="all").total == st.total.quotes[g]
        assert kb.search("sanctions", gender="female").total == 1
        with pytest.raises(QueryError, match="gender must be one of female, male, unknown"):
            kb.search(gender="f")


def test_cli_search_by_gender(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as kb:
        kb.ingest(records())
    runner = CliRunner()
    res = runner.invoke(app, ["stats", "gender", "--format", "json", "--db", url])
    want = json.loads(res.stdout)["total"]["quotes"]
    for g, n in want.items():
        res = runner.invoke(app, ["search", "--gender", g, "--facets", "--json", "--db", url])
        assert res.exit_code == 0, res.output
        body = json.loads(res.stdout)
        assert body["total"] == n
        facet = next(f for f in body["facets"]["facets"] if f["name"] == "gender")
        assert facet["selected"] == g
        assert [(v["value"], v["count"]) for v in facet["values"]] == [(g, n)]
    res = runner.invoke(app, ["search", "--gender", "woman", "--db", url])
    assert res.exit_code == 2 and "gender must be one of" in res.output


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_merge_of_two_profiles_updates_their_gender(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from newsgraph.store.wikidata import merge_profiles

    url = make_url(backend, tmp_path / "kb", request)
    more = record("a4", "one.example", "2019-06-01", [
        ("Kitt Vance", "male", "pronoun", "The port stays shut")])
    with open_store(url) as kb:
        kb.ingest([*records(), more])
        assert column(url)["Kit Vance"] == "unknown"  # female noun, male pronoun: a tie
        assert column(url)["Kitt Vance"] == "male"
        with kb.engine.begin() as conn:
            ids = dict(conn.execute(text("SELECT name, id FROM people")).all())
            merge_profiles(conn, ids["Kit Vance"], ids["Kitt Vance"], "Q1")
        after = column(url)
        assert "Kitt Vance" not in after and after["Kit Vance"] == "male"  # 2 male : 1 female
        assert kb.person("Kit Vance").gender["gender"] == "male"
        assert kb.search(gender="male", speaker=ids["Kit Vance"]).total == 3
        # the other way round: a profile merged into one with no evidence of its own
        with kb.engine.begin() as conn:
            merge_profiles(conn, ids["Lee Park"], ids["Ana Ruiz"], "Q2")
        assert column(url)["Lee Park"] == "female"
        # a statement both made becomes one: the day counts (0008) follow
        same = record("a5", "two.example", "2019-06-02", [
            ("Kitt Vance", "male", "pronoun", "Nobody told us")])
        kb.ingest([same])
        with kb.engine.begin() as conn:
            ids = dict(conn.execute(text("SELECT name, id FROM people")).all())
            n = conn.execute(text("SELECT count(*) FROM quotes")).scalar_one()
            merge_profiles(conn, ids["Kit Vance"], ids["Kitt Vance"], "Q1")
            assert conn.execute(text("SELECT count(*) FROM quotes")).scalar_one() == n - 1
    kept, counted = day_rows(url)
    assert kept == counted


@pytest.mark.parametrize("backend", BACKENDS)
def test_0006_databases_are_served_without_the_facet_and_upgrade_to_it(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from alembic import command

    url = make_url(backend, tmp_path / "old", request)
    with open_store(url) as kb:
        kb.ingest(records())
        with kb.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0006")
    with open_store(url, read_only=True) as ro:  # served as is: no gender facet, said so
        assert dbmod.current_revision(ro.engine) == "0006"
        facets = ro.facets(kind="all")
        assert "gender" not in {g.name for g in facets.facets}
        assert facets.notice and "gender" in facets.notice and "upgrade" in facets.notice
        assert facets.statements == 8
        with pytest.raises(QueryError, match="no gender data.*open it once writable"):
            ro.search(gender="male")
        assert ro.gender_stats().total.quotes == {"female": 2, "male": 3, "unknown": 3}
    with open_store(url) as kb:  # a writable open upgrades and fills the column
        assert dbmod.current_revision(kb.engine) == dbmod.head_revision()
    upgraded = column(url)
    fresh = make_url(backend, tmp_path / "fresh", request)
    with open_store(fresh) as kb:
        kb.ingest(records())
    assert upgraded == column(fresh) == {"Ana Ruiz": "female", "Sam Okoro": "male",
                                         "Kit Vance": "unknown", "Lee Park": "unknown"}
    assert day_rows(url) == day_rows(fresh)  # 0008 counted what 0007 stored
    assert day_rows(url)[0] == day_rows(url)[1]
