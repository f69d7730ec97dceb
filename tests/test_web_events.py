"""Events on the web: /api/events, the /events page, a person's timeline, event triggers
highlighted on the article page (linked like statements), over a real SQLite knowledge
base through HTTP (TestClient)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store_events import records
from test_web_support import build_kb

from newsgraph.store import open_store
from newsgraph.web import create_app
from newsgraph.web.annotate import annotate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = build_kb(tmp_path_factory.mktemp("webevents") / "kb.db", synthetic_quotes=50)
    with open_store(url) as kb:
        assert kb.ingest(records()).articles_failed == 0
    with TestClient(create_app(url)) as c:
        yield c


def test_api_events_filters(client: TestClient) -> None:
    r = client.get("/api/events", params={"participant": "Ana Lima", "type": "meeting",
                                          "until": "2019-12-31"})
    assert r.status_code == 200
    page = r.json()
    assert [(h["article_id"], h["local_id"]) for h in page["hits"]] == [("a1", "V1")]
    hit = page["hits"][0]
    assert (hit["status"], hit["code"], hit["place"], hit["date"]) == (
        "occurred", "CONSULT/04", "Lisbon", "2019-04-25")
    assert [p["person_slug"] for p in hit["participants"]] == ["ana-lima", "omar-diaz"]
    planned = client.get("/api/events", params={"status": "planned"}).json()["hits"]
    assert [h["type"] for h in planned] == ["visit"]


def test_api_events_bad_filters_are_clean_errors(client: TestClient) -> None:
    r = client.get("/api/events", params={"since": "soon"})
    assert r.status_code == 400 and "since must be a date" in r.json()["error"]
    assert client.get("/api/events", params={"status": "maybe"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_events_page_lists_and_links_to_the_trigger(client: TestClient) -> None:
    html = client.get("/events", params={"participant": "Corvel"}).text
    assert html.count('<li class="event ') == 1
    assert 'href="/article/a1#v-V2"' in html
    html = client.get("/events", params={"status": "failed"}).text
    assert '<span class="status">failed</span>' in html and "summit" in html
    r = client.get("/events", params={"since": "soon"})
    assert r.status_code == 400 and "since must be a date" in r.text


def test_person_page_has_an_event_timeline(client: TestClient) -> None:
    html = client.get("/person/ana-lima").text
    section = html[html.index('id="events"'):html.index('id="quotes"')]
    assert section.count('<li class="event ') == 3
    # the other participants, linked to their profile; the person herself is not repeated
    assert 'href="/person/omar-diaz"' in section and ">Ana Lima<" not in section
    assert re.search(r'<time class="when">2019-06</time>\s*<span class="etype">visit</span> '
                     r'<span class="status">planned</span>', section)


def test_article_page_highlights_event_triggers(client: TestClient) -> None:
    html = client.get("/article/a1").text
    assert re.search(r'<span class="hl-event ev-meeting" id="v-V1" title="meeting: Ana Lima, '
                     r'Omar Diaz">met</span>', html)
    assert 'id="v-V4" title="meeting (failed): Omar Diaz"' in html
    assert 'href="#v-V1"' in html  # the events list jumps to the trigger
    assert 'href="/person/ana-lima">Ana Lima</a>' in html
    assert 'href="/events?participant=Corvel+Labs">Corvel Labs</a>' in html  # an organisation
    assert '<span class="code" title="PLOVER/CAMEO code">AGREE/057</span>' in html


def test_try_it_links_no_participant(tmp_path: Path) -> None:
    doc = annotate(records()[0])
    assert all(p.href is None for v in doc.events for p in v.participants)
    assert [v.anchor for v in doc.events] == ["v-V1", "v-V2", "v-V3", "v-V4"]
    assert 'class="hl-event ev-visit"' in doc.body
