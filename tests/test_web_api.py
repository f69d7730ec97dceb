"""The web app over a real SQLite knowledge base, through HTTP (TestClient): the JSON API,
the pages, security headers, bounds and clean errors, read-only access, the CLI."""

from __future__ import annotations

import hashlib
import random
import re
import uuid
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from test_store_support import pg_base_url
from test_web_support import (
    EVE,
    HOSTILE_TITLE,
    NEWSROOM_SITE,
    SMOKE_HTML,
    build_kb,
    extractor_available,
    golden_available,
    hostile_document,
    newsroom_document,
    raw_extractor_available,
)

from newsgraph.store import StoreError
from newsgraph.web import create_app
from newsgraph.web.security import CSP

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

needs_golden = pytest.mark.skipif(not golden_available(),
                                  reason="the golden article (../shared/golden) is absent")


@pytest.fixture(scope="module")
def kb_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_kb(tmp_path_factory.mktemp("webkb") / "kb.db")


@pytest.fixture(scope="module")
def pg_client() -> Iterator[TestClient]:
    """The same knowledge base on PostgreSQL (NEWSGRAPH_TEST_PG), in a database of its own.

    Not a schema reached through ``options=-csearch_path`` as the store tests do: the
    read-only engine sets its own ``options`` and the search path would be lost.
    """
    base = make_url(pg_base_url())
    name = "newsgraph_web_" + uuid.uuid4().hex[:10]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        url = base.set(database=name).render_as_string(hide_password=False)
        app = create_app(build_kb(url))
        with TestClient(app) as c:
            yield c
        app.state.web.store.close()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(scope="module")
def client(kb_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(kb_url)) as c:
        yield c


# -- the golden article ---------------------------------------------------------------------


@needs_golden
def test_people_by_name_asmolov_has_five_statements(client: TestClient) -> None:
    r = client.get("/api/people", params={"name": "Asmolov"})
    assert r.status_code == 200
    body = r.json()
    prof = body["profile"]
    assert prof["name"] == "Konstantin Asmolov"
    assert prof["quote_count"] == 5
    assert len(prof["recent_quotes"]) == 5
    assert prof["roles"][0]["title"] == "senior research fellow"
    assert "konstantin-asmolov" in [p["slug"] for p in body["people"]]
    # by id and by slug: the same profile
    by_id = client.get(f"/api/people/{prof['id']}").json()
    by_slug = client.get("/api/people/konstantin-asmolov").json()
    assert by_id["id"] == by_slug["id"] == prof["id"]


@needs_golden
def test_quotes_search_sanctions_returns_speakers(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"q": "sanctions", "person": "Asmolov"})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] >= 1 and page["terms"] == ["sanctions"]
    hit = page["hits"][0]
    assert hit["speaker"] == "Konstantin Asmolov" and "sanctions" in hit["content"]
    everyone = client.get("/api/quotes", params={"q": "sanctions", "limit": 100}).json()
    assert everyone["hits"] and all(h["speaker"] for h in everyone["hits"])
    assert "Konstantin Asmolov" in {h["speaker"] for h in everyone["hits"]}


@needs_golden
def test_article_page_highlights_quotes_and_links_people(client: TestClient) -> None:
    hit = client.get("/api/quotes", params={"q": "blockade", "person": "Asmolov"}).json()[
        "hits"][0]
    art = client.get(f"/api/articles/{hit['article_id']}").json()
    assert art["record"]["quotes"] and art["text"].startswith("Accessibility")
    html = client.get(f"/article/{hit['article_id']}").text
    for cls in ("hl-content", "hl-cue", "hl-speaker", "hl-ent ent-person"):
        assert cls in html
    assert 'href="/person/konstantin-asmolov"' in html
    assert 'href="https://www.currenttime.tv/a/' in html  # the source URL
    assert 'id="q-Q2"' in html  # statements link to their place in the text


@needs_golden
def test_person_page_has_profile_timeline_and_quotes(client: TestClient) -> None:
    r = client.get("/person/Konstantin Asmolov")
    assert r.status_code == 200
    html = r.text
    assert "<h1>Konstantin Asmolov</h1>" in html
    assert "senior research fellow" in html and "Center for Korean Studies" in html
    assert re.search(r'<svg class="timeline"[^>]*>.*<rect class="bar"', html, re.S)
    assert "2019" in html  # the month axis
    assert html.count('class="hit"') == 5
    assert "Quoted alongside" in html
    assert client.get("/person/konstantin-asmolov").text.count('class="hit"') == 5


# -- search pages and paging ------------------------------------------------------------------


def test_search_page_keeps_the_query_in_the_url_and_pages(client: TestClient) -> None:
    top = client.get("/api/people").json()["people"][0]
    n = top["quotes"]
    assert n > 3
    html = client.get("/search", params={"person": top["slug"], "size": 2}).text
    assert html.count('class="hit"') == 2
    nxt = re.search(r'rel="next" href="([^"]+)"', html)
    assert nxt and "person=" in nxt.group(1) and "page=2" in nxt.group(1)
    page2 = client.get(nxt.group(1).replace("&amp;", "&")).text
    assert page2.count('class="hit"') == 2 and 'rel="prev"' in page2
    a = client.get("/api/quotes", params={"person": top["slug"], "limit": 2}).json()
    b = client.get("/api/quotes", params={"person": top["slug"], "limit": 2,
                                          "offset": 2}).json()
    assert {h["id"] for h in a["hits"]}.isdisjoint({h["id"] for h in b["hits"]})


def test_home_page_lists_latest_statements_and_people(client: TestClient) -> None:
    html = client.get("/").text
    assert "Latest statements" in html and "Most quoted" in html
    assert client.get("/people").status_code == 200
    assert client.get("/people", params={"name": "Attacker"}).text.count("/person/") >= 1


# -- security ---------------------------------------------------------------------------------


def _html_urls(client: TestClient) -> list[str]:
    doc = hostile_document()
    return ["/", "/search?q=sanctions", "/search?q=%22broken", "/search?q=" + "x" * 400,
            "/people", "/person/mallory-attacker", "/person/nobody-at-all",
            f"/article/{doc.id}", "/article/ffff", "/try", "/api/docs", "/no/such/page",
            "/search?page=0", "/search?page=99999"]


class _Inline(HTMLParser):
    """Collects what a strict CSP would refuse: inline scripts, handlers, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and not (a.get("src") or "").startswith("/static/"):
            self.problems.append(f"script {a}")
        if tag in ("img", "iframe", "object", "embed"):
            self.problems.append(tag)
        for k, v in attrs:
            if k.startswith("on") or k == "style":
                self.problems.append(f"{tag} {k}")
            if k in ("href", "src", "action") and v and re.match(r"\s*(javascript|data):",
                                                                 v, re.I):
                self.problems.append(f"{tag} {k}={v}")


def test_every_html_response_has_csp_and_nothing_inline(client: TestClient) -> None:
    for url in _html_urls(client):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP, url
        assert "script-src 'self'" in CSP and "unsafe" not in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-type"].startswith("text/html"), url
        p = _Inline()
        p.feed(r.text)
        assert p.problems == [], (url, p.problems)
    for url in ("/api/quotes?q=sanctions", "/api/nothing", "/static/style.css"):
        assert client.get(url).headers["content-security-policy"] == CSP


def test_hostile_article_is_rendered_as_text(client: TestClient) -> None:
    doc = hostile_document()
    html = client.get(f"/article/{doc.id}").text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "<svg onload" not in html and "<i onmouseover" not in html
    assert "&lt;script&gt;window.__pwned = 1" in html
    assert "&lt;img src=x onerror=" in html
    assert 'href="javascript' not in html.lower()
    assert "&lt;script&gt;window.__pwned=7" in html  # the title
    assert "<title>&lt;script&gt;" in html
    # the javascript: source URL is shown as text, not linked
    assert 'class="source unsafe"' in html
    # names with markup, on their profile and in search results
    prof = client.get("/api/people", params={"name": "Eve Hacker"}).json()["profile"]
    assert prof and prof["name"] == EVE
    page = client.get(f"/person/{prof['slug']}").text
    assert "<i onmouseover" not in page and "Eve &lt;i onmouseover=alert(6)&gt;Hacker" in page
    results = client.get("/search", params={"q": "dangerous"}).text
    assert "&lt;svg onload=alert(4)&gt;" in results and "<svg onload" not in results
    api = client.get(f"/api/articles/{doc.id}").json()
    assert api["title"] == HOSTILE_TITLE  # the API returns data as it is (JSON is not HTML)


def test_host_header_and_cross_site_posts_are_refused(kb_url: str) -> None:
    app = create_app(kb_url, allowed_hosts=("127.0.0.1", "localhost"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as ok:
        assert ok.get("/api/stats").status_code == 200
        r = ok.post("/api/extract", content=b"hi", headers={
            "content-type": "text/plain", "origin": "http://evil.example"})
        assert r.status_code == 403 and r.json()["error"] == "cross-site requests are refused"
        r = ok.post("/try", data={"content": "x"}, headers={"origin": "null"})
        assert r.status_code == 403
        r = ok.post("/try", data={"content": " "}, headers={"origin": "http://127.0.0.1:8000"})
        assert r.status_code == 400 and "Paste some text" in r.text  # same origin: served
        # Our pages make the browser send their origin on our own form posts (with
        # no-referrer it sent "Origin: null", refused above: "Try it" failed without script)
        page = ok.get("/try")
        assert page.headers["referrer-policy"] == "same-origin"
        assert '<meta name="referrer" content="same-origin">' in page.text
    with TestClient(app, base_url="http://evil.example") as rebound:
        r = rebound.get("/api/stats")
        assert r.status_code == 400 and "Host" in r.json()["error"]


# -- bounds and clean errors -----------------------------------------------------------------


def test_parameters_are_bounded(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"limit": 1000})
    assert r.status_code == 422
    assert r.json()["error"].startswith("limit:") and "Traceback" not in r.text
    assert client.get("/api/quotes", params={"offset": 10**9}).status_code == 422
    assert client.get("/api/quotes", params={"limit": "many"}).status_code == 422
    r = client.get("/api/quotes", params={"q": "word " * 100})
    assert r.status_code == 400
    assert r.json() == {"error": "the query is too long: at most 300 characters", "status": 400}
    assert client.get("/api/quotes", params={"person": "x" * 500}).status_code == 400
    assert client.get("/api/quotes", params={"order": "random"}).status_code == 422
    # pages: an over-large page size is clamped, an over-long query is a 400 page
    html = client.get("/search", params={"size": 100000}).text
    assert html.count('class="hit"') <= 100
    r = client.get("/search", params={"q": "x" * 400})
    assert r.status_code == 400 and "too long" in r.text
    assert client.get("/search", params={"page": 10**6}).status_code == 400


@pytest.mark.parametrize("q", ['"unbalanced', "AND AND", "sanct* OR", "-only"])
def test_malformed_queries_are_clean_400s(client: TestClient, q: str) -> None:
    r = client.get("/api/quotes", params={"q": q})
    assert r.status_code == 400, r.text
    body = r.json()
    assert set(body) == {"error", "status"} and body["error"]
    assert "Traceback" not in r.text and "OperationalError" not in r.text
    page = client.get("/search", params={"q": q})
    assert page.status_code == 400 and 'class="error-msg"' in page.text
    assert 'name="q" value="' in page.text  # the form is kept, to fix the query


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/people/nobody-at-all", "/api/articles/ffff", "/api/people/999999999"):
        r = client.get(url)
        assert r.status_code == 404 and "error" in r.json(), url
    assert client.get("/api/people", params={"name": "Nobody Atall"}).json() == {
        "name": "Nobody Atall", "profile": None, "people": []}
    for url in ("/person/nobody-at-all", "/article/ffff", "/article/" + "f" * 300):
        r = client.get(url)
        assert r.status_code == 404 and "Not found" in r.text, url


def test_internal_errors_are_clean_500s(kb_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(kb_url)

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.web.store, "search", boom)
    with TestClient(app) as c:
        for url in ("/api/quotes?q=x", "/search?q=x"):
            r = c.get(url)
            assert r.status_code == 500, url
            assert "secret" not in r.text and "Traceback" not in r.text
            assert r.headers["content-security-policy"] == CSP
        assert c.get("/api/quotes?q=x").json()["error"].startswith("internal error")


def test_extract_size_limit_and_bad_bodies(client: TestClient) -> None:
    limit = client.app.state.web.limits.max_extract_bytes
    big = b"a " * (limit // 2 + 1)
    r = client.post("/api/extract", content=big, headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "too large" in r.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(limit // 65536 + 2):
            yield b"x" * 65536

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413
    r = client.post("/try", content=b"content=" + b"a" * (3 * limit + 2048),
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "too large" in r.text
    bad = [(b"{not json", "application/json", 400), (b'{"text": 1}', "application/json", 400),
           (b"", "text/plain", 400), (b"x", "image/png", 415),
           (b'{"content": "x", "kind": "pdf"}', "application/json", 400)]
    for body, ctype, status in bad:
        r = client.post("/api/extract", content=body, headers={"content-type": ctype})
        assert r.status_code == status, (body, r.text)
        assert r.json()["error"]
    assert client.get("/api/extract").status_code == 405


def test_database_is_read_only(client: TestClient, kb_url: str) -> None:
    store = client.app.state.web.store
    assert store.read_only
    with pytest.raises(StoreError):
        store.ingest([hostile_document()])
    with pytest.raises(Exception, match="readonly|read-only|read only"), \
            store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM quotes")
    path = Path(kb_url.removeprefix("sqlite:///"))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for url in _html_urls(client):
        client.get(url)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_missing_database_fails_at_creation(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge base"):
        create_app(f"sqlite:///{tmp_path / 'missing.db'}")


def test_openapi_lists_the_api_and_the_docs_page_renders_it(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/quotes", "/api/people", "/api/people/{key}", "/api/articles",
                 "/api/articles/{article_id}", "/api/extract"):
        assert path in spec["paths"], path
    assert "requestBody" in spec["paths"]["/api/extract"]["post"]
    assert not any(p.startswith(("/search", "/person", "/article/")) for p in spec["paths"])
    html = client.get("/api/docs").text
    assert "/api/quotes" in html and "/api/extract" in html and "<script>" not in html
    docs = client.get("/docs")  # where FastAPI apps keep their docs: ours, without a CDN
    assert docs.status_code == 200 and docs.text == html
    # descriptions' code spans are code, not raw ``markup``
    assert "``" not in html and "`" not in html.replace("&#96;", "")
    assert "<code>total</code>" in html and "<code>newsgraph extract</code>" in html


# -- hostile numbers and bodies, odd dates ----------------------------------------------------


HUGE = str(2 ** 64)


def test_numbers_beyond_64_bits_are_400s(client: TestClient) -> None:
    for url in (f"/api/people/{HUGE}", f"/api/people/{HUGE}/quotes",
                f"/api/quotes?person={HUGE}", f"/api/people?name={HUGE}"):
        r = client.get(url)
        assert r.status_code == 400, (url, r.text)
        assert r.json()["error"] == f"person id {HUGE} is out of range: ids are below 2**63"
    for url in (f"/person/{HUGE}", f"/search?person={HUGE}", f"/people?name={HUGE}"):
        r = client.get(url)
        assert r.status_code == 400 and "is out of range" in r.text, url
    # a well-formed id that nobody has is not found
    assert client.get(f"/api/people/{2 ** 63 - 1}").status_code == 404
    assert client.get("/api/people/%C2%B2").status_code == 404  # '²' is no number


def test_deeply_nested_json_is_a_400(client: TestClient) -> None:
    body = b'{"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    r = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json() == {"error": "the JSON body is nested too deeply", "status": 400}


def test_impossible_dates_are_refused_like_malformed_ones(client: TestClient) -> None:
    for bad in ("2019-02-30", "2019-13-45"):
        r = client.get("/api/quotes", params={"since": bad})
        assert r.status_code == 400
        assert r.json()["error"] == (f"since must be a date like 2019-01-31 (or 2019-01, "
                                     f"2019), not '{bad}'")
        page = client.get("/search", params={"until": bad})
        assert page.status_code == 400 and "until must be a date" in page.text
    assert client.get("/api/quotes", params={"since": "2019-02-28"}).status_code == 200


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for url in ("/api/quotes?q=sanctions", "/api/stats", "/api/people/nobody-at-all", "/",
                "/api/docs"):
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))
        assert head.headers["content-security-policy"] == CSP


# -- what pages show ---------------------------------------------------------------------------


def _statement_ids(html: str) -> list[str]:
    return re.findall(r'<li class="statement qt-\w+">\s*<div class="head">\s*'
                      r'(?:<a class="jump" href="#q-[^"]+"[^>]*>|<span class="jump"[^>]*>)'
                      r"([^<]+)<", html)


def test_article_page_api_and_search_show_the_same_statements(client: TestClient) -> None:
    for ref in client.get("/api/articles", params={"limit": 100}).json():
        art = client.get(f"/api/articles/{ref['id']}").json()
        html = client.get(f"/article/{ref['id']}").text
        stored = sorted(q["local_id"] for q in art["quotes"])
        assert sorted(_statement_ids(html)) == stored, ref
        assert f'Statements <span class="count">{len(stored)}</span>' in html


def test_search_hits_link_to_the_statement(client: TestClient) -> None:
    html = client.get("/search", params={"q": "doing everything"}).text
    links = re.findall(r'class="article-link" href="([^"]+)"', html)
    doc = newsroom_document()
    assert links == [f"/article/{doc.id}#q-Q2"]
    assert 'id="q-Q2"' in client.get(f"/article/{doc.id}").text
    for page in (client.get("/search").text, client.get("/person/dana-whitfield").text):
        for link in re.findall(r'class="article-link" href="([^"]+)"', page):
            assert re.fullmatch(r"/article/[0-9a-f]+#q-Q\d+", link), link


def test_site_names_keep_their_case_and_headers_have_no_stray_separator(
        client: TestClient) -> None:
    doc = newsroom_document()
    html = client.get(f"/article/{doc.id}").text
    assert f'<span class="site">{NEWSROOM_SITE}</span>' in html
    sub = re.search(r'<p class="sub">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", sub).strip() == NEWSROOM_SITE  # no date, no URL, no " ·"
    hits = client.get("/search", params={"q": "doing everything"}).text
    assert f'<span class="site">{NEWSROOM_SITE}</span>' in hits
    assert client.get("/api/quotes", params={"site": "abc7 new york"}).json()["total"] == 2
    hostile = client.get(f"/article/{hostile_document().id}").text
    sub = re.search(r'<p class="sub">(.*?)</p>', hostile, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", sub)).strip().startswith(
        "2021-03-04 · evil.example · Source: javascript:")


def test_only_direct_statements_are_in_quotation_marks(client: TestClient) -> None:
    html = client.get(f"/article/{newsroom_document().id}").text
    items = dict(re.findall(r'<li class="statement qt-(\w+)">.*?<(q|p) class="content',
                            html, re.S))
    assert items == {"indirect": "p", "direct": "q"}  # <q> is shown in quotation marks


def test_a_role_without_dates_does_not_start_with_a_separator(client: TestClient) -> None:
    html = client.get("/person/dana-whitfield").text
    when = re.search(r'<span class="role-title">spokeswoman</span>\s*'
                     r'<span class="when">(.*?)</span>', html, re.S)
    assert when and when.group(1).strip() == "1 article"


# -- extraction (needs the cleaning stage and the spaCy pipeline) ---------------------------


MAYOR = ("“We will not give up,” said Maria Lopez, the mayor of Springfield, on Tuesday. "
         "She added that the city would appeal.")


def test_extract_returns_a_record_for_clean_text(client: TestClient) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    r = client.post("/api/extract", json={"content": MAYOR, "kind": "text", "raw": True})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "newsgraph/1" and rec["text"] == MAYOR
    assert any(q["speaker_name"] == "Maria Lopez" for q in rec["quotes"])
    page = client.post("/try", data={"content": MAYOR, "kind": "raw"})
    assert page.status_code == 200 and "hl-content" in page.text and "Maria Lopez" in page.text
    assert client.get("/api/stats").json() == client.app.state.web.store.stats().to_dict()


def test_extract_returns_a_record_for_posted_html(client: TestClient) -> None:
    ok, why = extractor_available()
    assert ok, why
    r = client.post("/api/extract", content=SMOKE_HTML.format(MAYOR),
                    headers={"content-type": "text/html"})
    assert r.status_code == 200 and r.json()["quotes"], r.text
    r = client.post("/api/extract", content=MAYOR, headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["schema"] == "newsgraph/1"


def test_extract_decodes_bodies_as_the_cli_does(client: TestClient) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    r = client.post("/api/extract", content=MAYOR.encode("utf-16"),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["text"].strip() == MAYOR and "\x00" not in rec["text"]
    assert any(q["speaker_name"] == "Maria Lopez" for q in rec["quotes"])
    assert "<input>: decoded as UTF-16 (byte-order mark)" in rec["errors"]
    garbage = random.Random(7).randbytes(100_000)
    for ctype in ("text/plain", "text/html"):
        r = client.post("/api/extract", content=garbage, headers={"content-type": ctype})
        assert r.status_code == 422, (ctype, r.text[:200])
        assert r.json()["error"].endswith("binary data, not text (NUL bytes)")
    r = client.post("/api/extract", json={"content": "\x01\x02" * 5000, "kind": None})
    assert r.status_code == 422 and "control characters" in r.json()["error"]
    lone = client.post("/api/extract", content=('{"content": "' + MAYOR + ' \\ud800", '
                                               '"kind": "text", "raw": true}').encode(),
                       headers={"content-type": "application/json"})
    assert lone.status_code == 200, lone.text
    assert lone.json()["text"] == MAYOR + " \ufffd"


# -- the command ----------------------------------------------------------------------------


def test_serve_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.cli_web import is_loopback

    runner = CliRunner()
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--port" in r.output and "read-only" in r.output
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 3 and "no knowledge base" in r.output
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


@pytest.mark.postgres
@needs_golden
def test_postgresql_backend(pg_client: TestClient) -> None:
    prof = pg_client.get("/api/people", params={"name": "Asmolov"}).json()["profile"]
    assert prof["quote_count"] == 5
    page = pg_client.get("/api/quotes", params={"q": "sanctions", "person": "Asmolov"}).json()
    assert page["hits"][0]["speaker"] == "Konstantin Asmolov"
    assert pg_client.get("/api/quotes", params={"q": '"unbalanced'}).status_code == 400
    html = pg_client.get(f"/article/{page['hits'][0]['article_id']}").text
    assert "hl-content" in html and 'href="/person/konstantin-asmolov"' in html
    assert pg_client.get("/person/konstantin-asmolov").status_code == 200
    hostile = pg_client.get(f"/article/{hostile_document().id}").text
    assert "<script>window" not in hostile and "&lt;script&gt;window" in hostile
    # hostile numbers, impossible dates, site case, links to statements: as on SQLite
    for url in (f"/api/people/{HUGE}", f"/api/quotes?person={HUGE}", f"/person/{HUGE}",
                "/api/quotes?since=2019-02-30"):
        assert pg_client.get(url).status_code == 400, url
    assert pg_client.get(f"/api/people/{2 ** 63 - 1}").status_code == 404
    hits = pg_client.get("/api/quotes", params={"site": "abc7 new york"}).json()["hits"]
    assert {h["site"] for h in hits} == {NEWSROOM_SITE} and len(hits) == 2
    html = pg_client.get("/search", params={"q": "doing everything"}).text
    assert f'href="/article/{newsroom_document().id}#q-Q2"' in html
    store = pg_client.app.state.web.store
    with pytest.raises(Exception, match="read-only"), store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM quotes")
