"""Events in the knowledge base, on SQLite and PostgreSQL: stored with their status, code and
participants (linked to person profiles), searched by participant, type, status, place and
date, on a person's profile; the 0004 migration carries older events over; the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_store_support import BACKENDS, dump, make_url

from newsgraph.store import QueryError, open_store
from newsgraph.store import db as dbmod


def span(text_: str, s: str) -> dict[str, Any]:
    i = text_.index(s)
    return {"start": i, "end": i + len(s), "text": s}


def entity(text_: str, eid: str, etype: str, name: str) -> dict[str, Any]:
    return {"id": eid, "type": etype, "name": name, "mentions": [span(text_, name)],
            "roles": []}


def event_record(rid: str, published: str | None, events: list[dict[str, Any]],
                 body: str | None = None) -> dict[str, Any]:
    t = body or ("Ana Lima met Omar Diaz in Lisbon. Brightline Systems acquired Corvel Labs. "
                 "Ana Lima will visit Porto. The summit with Omar Diaz was cancelled.")
    ents = [entity(t, "E1", "PERSON", "Ana Lima"), entity(t, "E2", "PERSON", "Omar Diaz"),
            entity(t, "E3", "GPE", "Lisbon"), entity(t, "E4", "ORG", "Brightline Systems"),
            entity(t, "E5", "ORG", "Corvel Labs")]
    return {"schema": "newsgraph/1", "id": rid,
            "source": {"path": None, "url": f"https://example.com/{rid}", "format": "html",
                       "offset": None},
            "title": f"Article {rid}", "published": published, "authors": [],
            "site": "example.com", "language": "en", "text": t, "entities": ents,
            "quotes": [], "events": [dict(v, trigger=span(t, v["trigger"])) for v in events],
            "errors": []}


MEETING = {"id": "V1", "type": "meeting", "trigger": "met", "participants": ["E1", "E2"],
           "place": "Lisbon", "date": "2019-04-25", "status": "occurred", "code": "CONSULT/04"}
DEAL = {"id": "V2", "type": "agreement", "trigger": "acquired", "participants": ["E4", "E5"],
        "place": None, "date": None, "status": "occurred", "code": "AGREE/057"}
VISIT = {"id": "V3", "type": "visit", "trigger": "visit", "participants": ["E1"],
         "place": "Porto", "date": "2019-06", "status": "planned", "code": "CONSULT/042"}
SUMMIT = {"id": "V4", "type": "meeting", "trigger": "summit", "participants": ["E2"],
          "place": None, "date": "XXXX-05-02", "status": "failed", "code": "CONSULT/04"}


def records() -> list[dict[str, Any]]:
    return [event_record("a1", "2019-05-01", [MEETING, DEAL, VISIT, SUMMIT]),
            event_record("a2", "2021-03-03", [dict(MEETING, date=None)],
                         "Ana Lima met Omar Diaz in Lisbon again. Brightline Systems acquired "
                         "Corvel Labs.")]


@pytest.fixture(params=BACKENDS)
def kb_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_url(request.param, tmp_path / "kb", request)
    with open_store(url) as kb:
        report = kb.ingest(records())
        assert report.articles_failed == 0, report.problems
    return url


def keys(page) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(h.article_id, h.local_id) for h in page.hits]


def test_events_by_participant_type_status_place_and_date(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        everything = kb.events(limit=100)
        assert everything.total == 5
        # newest first: a2's undated meeting is filed under its article's date
        assert keys(everything)[0] == ("a2", "V1")
        assert set(keys(kb.events(participant="Ana Lima"))) == {
            ("a1", "V1"), ("a1", "V3"), ("a2", "V1")}
        assert keys(kb.events(participant="lima", type="visit")) == [("a1", "V3")]
        # an organisation by part of its name
        assert keys(kb.events(participant="Corvel")) == [("a1", "V2")]
        assert keys(kb.events(status="failed")) == [("a1", "V4")]
        assert keys(kb.events(place="porto")) == [("a1", "V3")]
        # dates compare as far as they go: a 2019-06 event is within since=2019-06-15
        assert keys(kb.events(since="2019-06-15", until="2019-12-31")) == [("a1", "V3")]
        # XXXX-05-02 has no year: filed under the article's date, 2019-05-01
        assert set(keys(kb.events(since="2019-05", until="2019-05"))) == {
            ("a1", "V2"), ("a1", "V4")}
        assert kb.events(participant="Nobody Known").total == 0
        hit = kb.events(participant="Omar Diaz", type="meeting", status="occurred",
                        until="2019-12-31").hits[0]
        assert (hit.place, hit.date, hit.code, hit.trigger) == (
            "Lisbon", "2019-04-25", "CONSULT/04", "met")
        assert [p.name for p in hit.participants] == ["Ana Lima", "Omar Diaz"]
        assert all(p.person_slug for p in hit.participants)
        deal = kb.events(type="agreement").hits[0]
        assert [(p.name, p.type, p.person_id) for p in deal.participants] == [
            ("Brightline Systems", "ORG", None), ("Corvel Labs", "ORG", None)]


def test_profile_has_the_persons_events_as_a_timeline(kb_url: str) -> None:
    with open_store(kb_url, read_only=True) as kb:
        prof = kb.person("Ana Lima")
        assert prof is not None
        assert [(v.article_id, v.local_id) for v in prof.events] == [
            ("a2", "V1"), ("a1", "V3"), ("a1", "V1")]
        assert prof.to_dict()["events"][1]["status"] == "planned"


@pytest.mark.parametrize("bad", [{"status": "maybe"}, {"since": "last year"},
                                 {"since": "2020-01-01", "until": "2019-01-01"},
                                 {"participant": "!!!"}, {"limit": 0}])
def test_malformed_event_filters_raise_query_error(kb_url: str, bad: dict[str, Any]) -> None:
    with open_store(kb_url, read_only=True) as kb, pytest.raises(QueryError):
        kb.events(**bad)


def test_ingesting_events_twice_changes_nothing(kb_url: str) -> None:
    with open_store(kb_url) as kb:
        before = dump(kb.engine)
        kb.ingest(records())
        assert dump(kb.engine) == before


def test_a_record_with_an_unknown_event_status_fails_alone(tmp_path: Path) -> None:
    bad = event_record("b1", "2019-05-01", [dict(MEETING, status="rumoured")])
    with open_store(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        report = kb.ingest([bad, *records()])
        assert report.articles_failed == 1 and report.articles_new == 2
        assert "event V1 has status 'rumoured'" in report.problems[0].reason
        assert kb.events().total == 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_0003_events_are_carried_over_by_the_0004_upgrade(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from alembic import command

    url = make_url(backend, tmp_path / "old", request)
    with open_store(url) as kb:
        kb.ingest(records())
        with kb.engine.begin() as conn:
            command.downgrade(dbmod._alembic_config(conn), "0003")
        assert dbmod.current_revision(kb.engine) == "0003"
    with open_store(url, read_only=True) as ro:  # served as is: no events yet, said so
        page = ro.events()
        assert page.total == 0 and "no events yet" in (page.notice or "")
        assert ro.person("Ana Lima").events == []
    with open_store(url) as kb:  # upgraded: the events again, statuses as before 0004
        assert dbmod.current_revision(kb.engine) == dbmod.head_revision()
        assert kb.events().total == 5
        assert {h.status for h in kb.events().hits} == {"occurred"}
        with kb.engine.connect() as conn:
            parts = conn.execute(text(
                "SELECT article_id, local_id, entity_id, name, type, person_id IS NOT NULL "
                "FROM event_participants ORDER BY 1, 2, 3")).all()
    with open_store(make_url(backend, tmp_path / "fresh", request)) as kb:
        kb.ingest(records())
        with kb.engine.connect() as conn:
            fresh = conn.execute(text(
                "SELECT article_id, local_id, entity_id, name, type, person_id IS NOT NULL "
                "FROM event_participants ORDER BY 1, 2, 3")).all()
    assert parts == fresh


def test_cli_events(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_store(url) as kb:
        kb.ingest(records())
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--participant", "Ana Lima", "--type", "meeting",
                              "--since", "2019", "--db", url, "--json"])
    assert res.exit_code == 0, res.output
    page = json.loads(res.stdout)
    assert [(h["article_id"], h["local_id"]) for h in page["hits"]] == [
        ("a2", "V1"), ("a1", "V1")]
    res = runner.invoke(app, ["events", "--status", "failed", "--db", url])
    assert res.exit_code == 0 and "summit" in res.stdout
    res = runner.invoke(app, ["events", "--since", "yesterday", "--db", url])
    assert res.exit_code == 2 and "since must be a date" in res.output
    res = runner.invoke(app, ["person", "Ana Lima", "--db", url])
    assert res.exit_code == 0 and "visit (planned) in Porto" in res.stdout
