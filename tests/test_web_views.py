"""Facets, kinds, timelines, networks and exports in the API and on the pages, on SQLite and
PostgreSQL (TestClient over a real knowledge base): the numbers a page draws are the numbers
the API answers, every facet link narrows to its count, exports carry the filters, content
types and file names; bad parameters are clear 400s; nothing inline on the new pages."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from test_store_support import pg_base_url
from test_views_support import genders, statements, views_records

from newsgraph.store import open_store
from newsgraph.web import create_app


def _build(url: str) -> str:
    with open_store(url) as kb:
        report = kb.ingest(views_records())
        assert report.articles_failed == 0, report.problems
    return url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql",
                                                                 marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if request.param == "sqlite":
        url = _build(f"sqlite:///{tmp_path_factory.mktemp('views') / 'kb.db'}")
        with TestClient(create_app(url)) as c:
            yield c
        return
    base = make_url(pg_base_url())
    name = "newsgraph_views_" + uuid.uuid4().hex[:10]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        url = _build(base.set(database=name).render_as_string(hide_password=False))
        app = create_app(url)
        with TestClient(app) as c:
            yield c
        app.state.web.store.close()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


class _Svg(HTMLParser):
    """Bars (label, count), edges (source, target, articles), table rows, facet links."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: dict[str, int] = {}
        self.edges: set[tuple[int, int, int]] = set()
        self.rows: set[tuple[int, int]] = set()
        self.facet_links: list[tuple[str, str, int]] = []  # (facet, href, count)
        self.exports: list[str] = []
        self.inline: list[str] = []
        self._facet: str | None = None
        self._href: str | None = None
        self._count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for k, _v in attrs:
            if k.startswith("on") or k == "style":
                self.inline.append(f"{tag} {k}")
        if tag == "script" and not (a.get("src") or "").startswith("/static/"):
            self.inline.append("script")
        if tag == "rect" and "data-label" in a:
            self.bars[a["data-label"] or ""] = int(a["data-count"] or 0)
        if tag == "line" and "data-articles" in a:
            self.edges.add((int(a["data-source"] or 0), int(a["data-target"] or 0),
                            int(a["data-articles"] or 0)))
        if tag == "tr" and "data-source" in a:
            self.rows.add((int(a["data-source"] or 0), int(a["data-target"] or 0)))
        if tag == "div" and a.get("class") == "facet":
            self._facet = a.get("data-facet")
        if tag == "a" and self._facet and "remove" not in (a.get("class") or ""):
            self._href = a.get("href")
        if tag == "a" and "export" in (a.get("class") or ""):
            self.exports.append(a.get("href") or "")
        if tag == "span" and a.get("class") == "count" and self._href:
            self._count = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._facet = None

    def handle_data(self, data: str) -> None:
        if self._count and self._href and self._facet:
            self.facet_links.append((self._facet, self._href,
                                     int(data.strip().replace(",", ""))))
            self._count = False
            self._href = None


def parse(html: str) -> _Svg:
    p = _Svg()
    p.feed(html)
    return p


def test_person_page_draws_what_the_api_answers(client: TestClient) -> None:
    for kind in ("speech", "all", "belief"):
        api = client.get("/api/people/ana-lima/timeline", params={"kind": kind}).json()
        page = parse(client.get("/person/ana-lima", params={"kind": kind}).text)
        assert page.bars == {m["month"]: m["count"] for m in api["months"]}, kind
        assert api["person"]["slug"] == "ana-lima" and api["total"] == sum(page.bars.values())
    net = client.get("/api/people/ana-lima/network").json()
    page = parse(client.get("/person/ana-lima").text)
    edges = {(e["source"], e["target"], e["articles"]) for e in net["edges"]}
    assert edges and page.edges == edges
    assert page.rows == {(s, t) for s, t, _ in edges}  # the table fallback, the same edges
    prof = client.get("/api/people/ana-lima").json()
    center = {e["target"] if e["source"] == prof["id"] else e["source"]: e["articles"]
              for e in net["edges"] if prof["id"] in (e["source"], e["target"])}
    assert center == {p["id"]: p["articles"] for p in prof["co_quoted"]}


def test_search_page_draws_what_the_api_answers(client: TestClient) -> None:
    for params in ({"q": "harbour"}, {"q": "statement", "kind": "all"},
                   {"site": "alpha.example", "kind": "stance"}):
        html = client.get("/search", params={**params, "network": "1"}).text
        page = parse(html)
        plain = client.get("/search", params=params).text
        assert not parse(plain).edges and "network=1" in plain  # drawn on request, linked
        api = client.get("/api/timeline", params=params).json()
        assert page.bars == {m["month"]: m["count"] for m in api["months"]}, params
        net = client.get("/api/network", params=params).json()
        assert page.edges == {(e["source"], e["target"], e["articles"]) for e in net["edges"]}
        facets = client.get("/api/facets", params=params).json()
        want = {(g["name"], v["count"]) for g in facets["facets"] for v in g["values"]}
        assert {(f, n) for f, _, n in page.facet_links} == want
        assert page.inline == []


def test_every_facet_link_narrows_to_its_count(client: TestClient) -> None:
    for path, params in (("/search", {"q": "statement"}), ("/people", {"q": "statement"}),
                         ("/search", {"kind": "all", "language": "en"})):
        page = parse(client.get(path, params=params).text)
        assert len(page.facet_links) > 10
        for facet, href, count in page.facet_links:
            url = urlsplit(href)
            assert url.path == path
            narrowed = dict(parse_qsl(url.query))
            got = client.get("/api/quotes", params={**narrowed, "limit": 1}).json()
            assert got["total"] == count, (facet, href)


def test_kinds_are_one_click_away(client: TestClient) -> None:
    sts = statements(views_records())
    html = client.get("/search", params={"q": "statement"}).text
    links = dict(re.findall(r'<a href="([^"]+)"(?: class="current"[^>]*)?>(all kinds|belief|'
                            r'what people said)</a>', html))
    assert set(links.values()) == {"all kinds", "belief", "what people said"}
    everything = {v: k for k, v in links.items()}["all kinds"].replace("&amp;", "&")
    api = client.get("/api/quotes", params=dict(parse_qsl(urlsplit(everything).query))).json()
    assert api["total"] == len(sts)
    assert client.get("/api/quotes").json()["total"] == sum(s.kind == "speech" for s in sts)


def test_exports_carry_the_filters_types_and_names(client: TestClient) -> None:
    params = {"q": "statement", "kind": "all", "type": "direct"}
    hits = client.get("/api/quotes", params={**params, "limit": 100}).json()["hits"]
    r = client.get("/api/quotes", params={**params, "format": "jsonl"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert r.headers["content-disposition"] == (
        'attachment; filename="newsgraph-quotes-statement-all-direct.jsonl"')
    assert [json.loads(x)["id"] for x in r.text.splitlines()] == [h["id"] for h in hits]
    r = client.get("/api/quotes", params={**params, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert [int(x["id"]) for x in csv.DictReader(io.StringIO(r.text))] == [h["id"] for h in hits]
    r = client.get("/api/people/ana-lima/quotes", params={"format": "parquet"})
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    assert r.headers["content-disposition"].endswith('-ana-lima.parquet"')
    table = pq.read_table(io.BytesIO(r.content))
    total = client.get("/api/people/ana-lima/quotes", params={"limit": 1}).json()["total"]
    assert table.num_rows == total and set(table.column("speaker").to_pylist()) == {"Ana Lima"}
    r = client.get("/api/people", params={"q": "harbour", "format": "csv"})
    listed = client.get("/api/people", params={"q": "harbour", "limit": 100}).json()["people"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["slug"] for x in rows] == [p["slug"] for p in listed]
    by_rule = genders(views_records())
    assert rows and {x["name"]: x["gender"] for x in rows} == {
        x["name"]: by_rule.get(x["name"], "unknown") for x in rows}
    # the page's export links are these URLs
    page = parse(client.get("/search", params=params).text)
    assert len(page.exports) == 3
    for href in page.exports:
        got = client.get(href.replace("&amp;", "&"))
        assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]


@pytest.mark.parametrize(("url", "message"), [
    ("/api/quotes?kind=gossip", "kind must be one of"),
    ("/api/facets?type=odd", "type must be one of"),
    ("/api/timeline?gender=woman", "gender must be one of female, male, unknown"),
    ("/api/network?since=2019-02-30", "since must be a date"),
    ("/api/quotes?format=xml", "format must be one of"),
    ("/api/people/ana-lima/timeline?kind=x", "kind must be one of"),
    ("/api/quotes?q=%22open&format=csv", "unbalanced quotation mark"),
    ("/api/people?q=harbour&kind=maybe", "kind must be one of"),
])
def test_bad_parameters_are_clear_400s(client: TestClient, url: str, message: str) -> None:
    r = client.get(url)
    assert r.status_code == 400 and message in r.json()["error"], r.text
    if "format=" not in url:  # the same parameters on a page: a 400 page saying so
        page = client.get(url.replace("/api/quotes", "/search")
                          .replace("/api/people?", "/people?")
                          .replace("/api/people/ana-lima/timeline", "/person/ana-lima"))
        if url.startswith(("/api/quotes", "/api/people")):
            assert page.status_code == 400 and message in page.text, url


def test_the_gender_facet_counts_and_filters(client: TestClient) -> None:
    """people.gender (0007) switches the gender facet on: its counts are the records'
    genders by the rule, and the API's gender filter, the search page's facet and its link
    give the same numbers."""
    sts = [s for s in statements(views_records()) if s.kind == "speech"]
    gender = genders(views_records())
    want = Counter(gender[s.speaker] for s in sts)
    assert set(want) == {"female", "male", "unknown"}
    facets = client.get("/api/facets").json()
    assert facets["notice"] is None
    got = next(g for g in facets["facets"] if g["name"] == "gender")
    assert {v["value"]: v["count"] for v in got["values"]} == want
    for value, n in want.items():
        assert client.get("/api/quotes", params={"gender": value}).json()["total"] == n
        assert client.get("/api/timeline", params={"gender": value}).json()["total"] == n
    page = client.get("/search", params={"q": "statement"}).text
    assert 'data-facet="gender"' in page
    links = re.findall(r'href="([^"]*gender=[^"]*)"', page)
    assert len(links) == 3
    for href in links:
        value = dict(parse_qsl(urlsplit(href.replace("&amp;", "&")).query))["gender"]
        narrowed = client.get("/api/quotes", params={"q": "statement", "gender": value})
        assert narrowed.json()["total"] == sum(gender[s.speaker] == value for s in sts
                                               if "statement" in s.content)
