"""Wikidata identities (issue 16): the extract format and its bad lines, the choice of an
item by name and context (ambiguous, weak, dead, gender), and in the knowledge base on both
backends: the golden article (real extraction) and an article we wrote linked to our test
extract (examples/wikidata/), two profiles of one item merged without loss or duplicates,
re-running idempotent, the id in the API and on the person page; the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_store_support import BACKENDS, dump, make_url

from newsgraph.store import open_store
from newsgraph.wikidata.choose import Context, choose
from newsgraph.wikidata.extract import load_extract, read_extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "wikidata" / "sample-extract.jsonl"
PERSON_TABLES = ("quotes", "quote_sources", "mentions", "roles", "person_names",
                 "person_tokens", "person_affiliations", "person_genders",
                 "event_participants", "person_wikidata")


def item(qid: str, label: str, **kw: Any) -> str:
    return json.dumps({"id": qid, "labels": [label], **kw})


# -- the extract ---------------------------------------------------------------------------


def test_bad_lines_are_named_and_skipped() -> None:
    lines = [item("Q1", "Ana Ruiz"), "{not json", json.dumps({"id": "X5", "labels": ["A"]}),
             json.dumps({"id": "Q2"}), item("Q3", "B", birth="nineteen"), "",
             item("Q1", "Ana Ruiz again"), item("Q4", "Acme Corp", kind="company"),
             json.dumps({"id": "Q5", "labels": {"en": "Ana Ruiz", "es": ["Ana Ruiz Gil"]},
                         "birth": "+1961-03-02T00:00:00Z", "gender": "non-binary"})]
    ex = read_extract(lines, "x.jsonl")
    assert sorted(ex.items) == ["Q1", "Q5"]
    assert ex.items["Q5"].labels == ["Ana Ruiz", "Ana Ruiz Gil"]
    assert ex.items["Q5"].birth == 1961 and ex.items["Q5"].gender is None
    assert [p.split(":")[1] for p in ex.problems] == ["2", "3", "4", "5", "7", "8"]
    assert "x.jsonl:2: invalid JSON" in ex.problems[0]
    assert "'X5' is not a Wikidata item id" in ex.problems[1]
    assert "Q2: no labels" in ex.problems[2]
    assert "Q3: birth must be a year" in ex.problems[3]
    assert "Q1 is given twice" in ex.problems[4]
    assert "kind 'company'" in ex.problems[5]
    assert ex.candidates({"ana ruiz"}, "person") == {"Q1": "label", "Q5": "label"}


# -- choosing ------------------------------------------------------------------------------


def extract(*lines: str):  # noqa: ANN201
    return read_extract(list(lines), "t.jsonl")


def test_context_picks_between_namesakes_and_refuses_to_guess() -> None:
    ex = extract(
        item("Q1", "Ana Ruiz", description="Spanish economist", countries=["Spain"]),
        item("Q2", "Ana Ruiz", description="Mexican swimmer", countries=["Mexico"]))
    ctx = Context({"ana ruiz"}, role_words={"economist"}, places={"madrid", "spanish"})
    c = choose(ex, ctx, "person")
    assert c.outcome == "linked" and c.item is not None and c.item.id == "Q1"
    assert c.scored[0].reasons == {"name": 1.0, "roles": 0.5, "country": 0.5}
    # nothing in the context tells them apart: no link
    assert choose(ex, Context({"ana ruiz"}), "person").outcome == "weak"
    both = extract(item("Q1", "Ana Ruiz", description="Spanish economist"),
                   item("Q2", "Ana Ruiz", description="Spanish economist and author"))
    assert choose(both, ctx, "person").outcome == "ambiguous"


def test_dates_and_gender_rule_candidates_out() -> None:
    ex = extract(item("Q1", "Ana Ruiz", description="economist", death=1990),
                 item("Q2", "Ana Ruiz", description="economist", gender="male"),
                 item("Q3", "Ana Ruiz", description="economist", birth=2010))
    ctx = Context({"ana ruiz"}, role_words={"economist"}, years=[2019], gender="female")
    c = choose(ex, ctx, "person")
    assert c.outcome == "weak"  # every candidate ruled out
    reasons = {s.id: s.reasons for s in c.scored}
    assert "dead" in reasons["Q1"] and reasons["Q2"]["gender"] < 0
    assert "too_young" in reasons["Q3"]
    assert choose(ex, Context({"nobody"}), "person").outcome == "no candidate"


def test_an_organisation_of_several_words_needs_less_than_a_person() -> None:
    ex = extract(item("Q1", "Acme Steel Works", kind="organisation"),
                 item("Q2", "Acme", kind="organisation"))
    assert choose(ex, Context({"acme steel works"}), "organisation").outcome == "linked"
    assert choose(ex, Context({"acme"}), "organisation").outcome == "weak"
    assert choose(ex, Context({"acme steel works"}), "person").outcome == "no candidate"


# -- in the knowledge base -----------------------------------------------------------------


def span(t: str, s: str) -> dict[str, Any]:
    i = t.index(s)
    return {"start": i, "end": i + len(s), "text": s}


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """The golden article (real extraction) and an article we wrote in which Aleksei Maslov
    is spelt Alexei, repeating one of his statements and making a new one."""
    from conftest import GOLDEN_TEXT

    from newsgraph.pipeline import extract as run

    golden = run(GOLDEN_TEXT.read_text(encoding="utf-8"), raw=True).to_dict()
    golden["published"] = "2019-04-26"
    said = next(q["content"]["text"] for q in golden["quotes"]
                if q["speaker_name"] == "Aleksei Maslov" and "mineral" in q["content"]["text"])
    t = (f"Alexei Maslov, head of the School of Asian Studies at the Higher School of "
         f"Economics in Moscow, repeated on Monday that {said} “Trade will follow,” Maslov "
         f"said.")
    e = {"id": "E1", "type": "PERSON", "name": "Alexei Maslov",
         "mentions": [span(t, "Alexei Maslov")],
         "roles": [{"title": "head", "org": "Higher School of Economics", "place": "Moscow",
                    "start": None, "end": None}], "gender": "male",
         "gender_evidence": "given_name"}
    quotes = [{"id": "Q1", "type": "indirect", "content": span(t, said), "cue": None,
               "speaker": None, "speaker_entity": "E1", "speaker_name": "Alexei Maslov"},
              {"id": "Q2", "type": "direct", "content": span(t, "Trade will follow"),
               "cue": None, "speaker": None, "speaker_entity": "E1",
               "speaker_name": "Alexei Maslov"}]
    mine = {"schema": "newsgraph/1", "id": "maslov-2", "source": {"path": None,
            "url": "https://other.example/maslov", "format": "html", "offset": None},
            "title": "Maslov again", "published": "2019-05-06", "authors": [],
            "site": "other.example", "language": "en", "text": t, "entities": [e],
            "quotes": quotes, "events": [], "errors": []}
    return [golden, mine]


def quotes_of(kb, key: str) -> int:  # noqa: ANN001
    prof = kb.person(key)
    return prof.quote_count if prof else -1


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_linking_merging_and_idempotence(backend: str, tmp_path: Path,
                                         request: pytest.FixtureRequest,
                                         records: list[dict[str, Any]]) -> None:
    url = make_url(backend, tmp_path / "kb", request)
    with open_store(url) as kb:
        assert kb.ingest(records).articles_failed == 0
        before = {s: quotes_of(kb, s) for s in ("aleksei-maslov", "alexei-maslov")}
        assert before == {"aleksei-maslov": 3, "alexei-maslov": 2}
        with kb.engine.connect() as conn:
            drop_ids = {s: conn.execute(text("SELECT id FROM people WHERE slug = :s"),
                                        {"s": s}).scalar_one() for s in before}
            n_quotes = conn.execute(text("SELECT count(*) FROM quotes")).scalar_one()
        report = kb.link_wikidata(load_extract(SAMPLE))
        out = {d.name: (d.outcome, d.wikidata_id) for d in report.decisions}
        assert out["Vladimir Putin"] == ("linked", "Q7747")
        assert out["Konstantin Asmolov"] == ("linked", "Q900000006")
        assert out["Aleksei Maslov"] == ("linked", "Q900000002")  # not the hockey player
        assert out["Alexei Maslov"] == ("linked", "Q900000002")
        assert out["Yevgeny Ditrikh"] == ("ambiguous", None)  # two alike: no guess
        assert out["Fyodor Tertitsky"] == ("weak", None)  # a namesake footballer
        assert out["TASS"] == ("linked", "Q900000011")
        putin = next(d for d in report.decisions if d.name == "Vladimir Putin")
        assert "dead" in putin.candidates[1]["reasons"]  # the 1970 namesake
        assert report.merged == [{"from": "alexei-maslov", "into": "aleksei-maslov",
                                  "id": "Q900000002"}]
        # one profile: both spellings find it; 3 + 2 statements, one of them the same
        kept = kb.person("aleksei-maslov")
        assert kept is not None and kb.person("alexei-maslov").id == kept.id
        assert kept.wikidata["id"] == "Q900000002"
        assert kept.quote_count == 4 and kept.article_count == 2
        assert set(kept.name_variants) == {"Aleksei Maslov", "Alexei Maslov"}
        hits = kb.search(None, speaker=kept.id, limit=10).hits
        assert len(hits) == 4 and sorted(h.sources for h in hits) == [1, 1, 1, 2]
        assert kb.search("mineral", speaker=kept.id).total == 1
        assert kb.search("trade follow", speaker="Maslov").total == 1
        gone = drop_ids["alexei-maslov"]
        with kb.engine.connect() as conn:
            for t in PERSON_TABLES:
                n = conn.execute(text(f"SELECT count(*) FROM {t} WHERE person_id = :p"),
                                 {"p": gone}).scalar_one()
                assert n == 0, t
            # the statement both profiles made is one quote now, the others stay
            assert conn.execute(text("SELECT count(*) FROM quotes")).scalar_one() == n_quotes - 1
        if backend == "sqlite":  # the full-text index agrees with the quotes it indexes
            with kb.engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
        first = dump(kb.engine)
        again = kb.link_wikidata(load_extract(SAMPLE))
        assert again.merged == [] and dump(kb.engine) == first
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(url))
    assert client.get("/api/people/alexei-maslov").json()["wikidata"]["id"] == "Q900000002"
    page = client.get("/person/aleksei-maslov").text
    assert 'href="https://www.wikidata.org/wiki/Q900000002"' in page


def test_cli_link(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as kb:
        kb.ingest(records)
    bad = tmp_path / "extract.jsonl"
    bad.write_text(SAMPLE.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["link", "--wikidata", str(bad), "--db", url, "--json"])
    assert res.exit_code == 1  # a line skipped; the rest linked
    assert "skipped: extract.jsonl:17: invalid JSON" in res.stderr
    assert json.loads(res.stdout)["people"]["linked"] == 7
    assert "16 items read; people: 1 ambiguous" in res.stderr
    res = runner.invoke(app, ["link", "--wikidata", str(tmp_path / "none.jsonl"), "--db", url])
    assert res.exit_code == 2 and "no such file" in res.stderr
    res = runner.invoke(app, ["person", "Alexei Maslov", "--db", url, "--json"])
    assert json.loads(res.stdout)["wikidata"]["id"] == "Q900000002"
