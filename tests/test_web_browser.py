"""The web UI in a real browser: Playwright driving Debian's chromium against the real
server (`python -m newsgraph.cli_web serve`, a subprocess on a free port) over a real
SQLite knowledge base. Screenshots go to tests/artifacts/.

Skips (saying why) when /usr/bin/chromium or the playwright package is missing.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from browser_support import ARTIFACTS, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS
from test_web_support import (
    EVE,
    HOSTILE_TEXT,
    NEWSROOM_SITE,
    NEWSROOM_TITLE,
    build_kb,
    extractor_available,
    golden_available,
    hostile_document,
    raw_extractor_available,
    serve,
)

pytestmark = BROWSER_MARKS
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    extracted = extractor_available()[0] and golden_available()
    url = build_kb(tmp_path_factory.mktemp("browserkb") / "kb.db",
                   extracted_golden=extracted, synthetic_quotes=200)
    log = tmp_path_factory.mktemp("serverlog") / "server.log"
    with serve(url, log, "--log-level", "warning") as (base, _proc):
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """What a page did that it should not have: dialogs, CSP violations, page errors."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert self.page_errors == []
        csp = [m for m in self.console_errors if "Content Security Policy" in m]
        assert csp == [], csp


@pytest.fixture()
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    watch = Watch(pg)
    try:
        yield pg, watch
    finally:
        context.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.skipif(not golden_available(), reason="the golden article is absent")
def test_search_person_article(server: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto(server + "/")
    pg.fill("input[name=q]", "sanctions")
    pg.click("details.filters summary")
    pg.fill("input[name=person]", "Asmolov")
    pg.press("input[name=q]", "Enter")
    pg.wait_for_url("**/search?*q=sanctions*")
    assert "person=Asmolov" in pg.url  # the query stays in the URL
    hits = pg.locator("li.hit")
    hits.first.wait_for()
    assert "sanctions" in hits.first.inner_text()
    assert pg.locator("li.hit mark").count() >= 1
    _shot(pg, "web-search.png")

    pg.get_by_role("link", name="Konstantin Asmolov").first.click()
    pg.wait_for_url("**/person/konstantin-asmolov")
    pg.locator("h1", has_text="Konstantin Asmolov").wait_for()
    assert pg.locator("svg.timeline rect.bar").count() >= 1
    assert pg.locator("li.hit").count() >= 1
    assert "senior research fellow" in pg.inner_text("body")
    _shot(pg, "web-person.png")

    pg.locator("li.hit a.article-link").first.click()
    pg.wait_for_url("**/article/*")
    quote = pg.locator(".article-text .hl-content").first
    quote.wait_for()
    assert quote.is_visible()
    colours = {cls: pg.locator(f".article-text .{cls}").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") for cls in ("hl-content", "hl-cue",
                                                               "hl-speaker")}
    assert len(set(colours.values())) == 3, colours  # distinct colours
    assert "rgba(0, 0, 0, 0)" not in colours.values()
    speaker = pg.locator(".article-text a.hl-speaker", has_text="Asmolov").first
    assert speaker.get_attribute("href").startswith("/person/")
    _shot(pg, "web-article.png")

    # the statement list jumps to the quote in the text
    pg.locator("ol.statements a.jump").first.click()
    assert "#q-" in pg.url
    watch.assert_clean()


def test_hostile_article_runs_nothing(server: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    doc = hostile_document()
    pg.goto(f"{server}/article/{doc.id}")
    text = pg.locator("#article-text")
    text.wait_for()
    shown = text.inner_text()
    assert "<script>window.__pwned = 1; alert('script')</script>" in shown
    assert "<img src=x onerror=" in shown and "javascript:alert(document.cookie)" in shown
    assert "<svg onload=alert(4)>" in shown
    # nothing became an element
    assert pg.locator("#article-text script, #article-text img, #article-text svg, "
                      "#article-text i, #article-text b").count() == 0
    assert pg.locator("a[href^='javascript']").count() == 0
    assert pg.locator("img").count() == 0
    assert pg.title().startswith("<script>")  # the title, as text
    # hover and click around the payloads
    pg.get_by_text("Hacker", exact=False).first.hover()
    pg.locator("#article-text").click(position={"x": 40, "y": 10})
    _shot(pg, "web-hostile.png")
    assert pg.evaluate("() => typeof window.__pwned") == "undefined"

    pg.goto(f"{server}/search?q=dangerous")
    pg.locator("li.hit").first.wait_for()
    assert "<svg onload=alert(4)>" in pg.inner_text("li.hit")
    slug = pg.locator("li.hit a.speaker").first.get_attribute("href")
    pg.goto(server + slug)
    pg.locator("h1").wait_for()
    pg.goto(f"{server}/people?name=Eve+Hacker")
    pg.get_by_role("link", name=EVE).click()
    pg.wait_for_url("**/person/*")
    assert pg.inner_text("h1") == EVE
    assert pg.evaluate("() => typeof window.__pwned") == "undefined"
    watch.assert_clean()


def test_extracted_golden_article_renders(server: str, page: tuple[Any, Watch]) -> None:
    ok, why = extractor_available()
    assert ok, why
    if not golden_available():
        pytest.skip("the golden article (../shared/golden) is absent")
    pg, watch = page
    refs = httpx.get(server + "/api/articles", params={"limit": 100}).json()
    extracted = [a for a in refs if a["url"] is None  # read from the file: no URL
                 and a["title"] != NEWSROOM_TITLE]
    assert extracted, refs
    pg.goto(f"{server}/article/{extracted[0]['id']}")
    pg.locator(".article-text").wait_for()
    assert pg.locator(".article-text .hl-content").count() >= 1
    assert pg.locator("ol.statements li").count() >= 1
    _shot(pg, "web-article-extracted.png")
    watch.assert_clean()


def _try(pg: Any, server: str, content: str, kind: str) -> None:
    pg.goto(server + "/try")
    pg.fill("textarea[name=content]", content)
    pg.select_option("select[name=kind]", kind)
    pg.click("form.try button[type=submit]")
    pg.locator("#result .article-text").wait_for(timeout=120_000)


def test_try_it_annotates_hostile_text_without_running_it(server: str,
                                                          page: tuple[Any, Watch]) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    pg, watch = page
    text = HOSTILE_TEXT + "\n“Nothing will run here,” said Maria Lopez, the mayor.\n"
    _try(pg, server, text, "raw")
    assert pg.url.endswith("/try")
    shown = pg.inner_text("#result .article-text")
    assert "<script>window.__pwned = 1; alert('script')</script>" in shown
    assert pg.locator("#result .hl-content").count() >= 1
    assert pg.locator("#result img, #result script, #result svg").count() == 0
    _shot(pg, "web-try.png")
    assert pg.evaluate("() => typeof window.__pwned") == "undefined"
    watch.assert_clean()


def test_try_it_annotates_hostile_html_without_running_it(server: str,
                                                          page: tuple[Any, Watch]) -> None:
    ok, why = extractor_available()
    assert ok, why
    pg, watch = page
    html = ("<html><head><title>Hostile</title></head><body><article><h1>A hostile page</h1>"
            + "".join(f"<p>{line}</p>" for line in HOSTILE_TEXT.split("\n\n"))
            + "<p>“Nothing will run here,” said Maria Lopez, the mayor of Springfield.</p>"
            + "<script>window.__pwned = 10; alert('page script')</script>"
            + "</article></body></html>")
    _try(pg, server, html, "html")
    assert pg.locator("#result .hl-content").count() >= 1
    assert pg.locator("#result img, #result script, #result svg").count() == 0
    _shot(pg, "web-try-html.png")
    assert pg.evaluate("() => typeof window.__pwned") == "undefined"
    watch.assert_clean()


def test_a_statement_that_is_not_speech_shows_its_kind(server: str,
                                                       page: tuple[Any, Watch]) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    pg, watch = page
    _try(pg, server, "Mayor Lena Ortiz said the bridge would reopen in June. She believes "
         "the repairs will cost less than planned.", "raw")
    kinds = pg.locator("#result ol.statements .kind")
    assert kinds.count() == 1
    assert kinds.first.inner_text().strip().lower() == "belief"
    assert pg.locator("#result ol.statements li.statement").count() == 2
    watch.assert_clean()


SAID = "“We will appeal,” said Maria Lopez, the mayor of Springfield, on Tuesday."


def test_try_it_works_without_javascript(server: str, browser: Any) -> None:
    ok, why = raw_extractor_available()
    assert ok, why
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.set_default_timeout(120_000)
        pg.goto(server + "/try")
        assert pg.evaluate("1 + 1") == 2  # Playwright's own script still runs; the page's not
        pg.fill("textarea[name=content]", SAID)
        pg.select_option("select[name=kind]", "raw")
        with pg.expect_navigation():  # a plain form post, no htmx
            pg.click("form.try button[type=submit]")
        assert pg.url == server + "/try"
        pg.locator("#result .hl-content").first.wait_for()
        assert "Maria Lopez" in pg.inner_text("#result")
        _shot(pg, "web-try-nojs.png")
    finally:
        context.close()


class _OtherSite:
    """Another origin (another port) serving a page whose form posts to the server."""

    def __init__(self, target: str, referrer_policy: str | None) -> None:
        meta = (f'<meta name="referrer" content="{referrer_policy}">' if referrer_policy
                else "")
        page = (f"<!doctype html><html><head>{meta}<title>elsewhere</title></head><body>"
                f'<form method="post" action="{target}/try">'
                '<input name="content" value="posted from another site">'
                '<button type="submit">go</button></form></body></html>').encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *_args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("policy", [None, "no-referrer"])
def test_a_form_on_another_site_cannot_post_to_the_server(server: str, browser: Any,
                                                          policy: str | None) -> None:
    other = _OtherSite(server, policy)  # no-referrer: the browser sends "Origin: null"
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.goto(other.url)
        with pg.expect_navigation():
            pg.click("button[type=submit]")
        assert pg.url == server + "/try"
        assert "cross-site requests are refused" in pg.inner_text("body")
        assert pg.locator("#result .article-text").count() == 0
    finally:
        context.close()
        other.close()


def test_a_search_hit_opens_its_statement(server: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto(server + "/search?q=" + quote("“doing everything”"))
    link = pg.locator("li.hit a.article-link").first
    assert link.get_attribute("href").endswith("#q-Q2")
    link.click()
    pg.wait_for_url("**/article/*#q-Q2")
    target = pg.locator(".article-text :target")
    target.wait_for()
    assert target.inner_text() == "We are doing everything we can,"
    assert "hl-content" in target.get_attribute("class")
    # only the direct statement is shown in quotation marks in the sidebar
    marks = {cls: pg.locator(f"li.statement.qt-{cls} .content").evaluate(
        "e => getComputedStyle(e, '::before').content") for cls in ("direct", "indirect")}
    assert marks["direct"] not in ("none", "normal", '""')
    assert marks["indirect"] in ("none", "normal", '""')
    assert NEWSROOM_SITE in pg.inner_text("header.article-head")
    watch.assert_clean()


@pytest.mark.skipif(not golden_available(), reason="the golden article (../shared/golden) is "
                                                   "absent")
def test_an_event_opens_its_trigger_in_the_article(server: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto(server + "/events?participant=" + quote("Vladimir Putin") + "&type=meeting")
    link = pg.locator("li.event a.event-link").first
    assert "#v-V" in link.get_attribute("href")
    link.click()
    pg.wait_for_url("**/article/*#v-V*")
    target = pg.locator(".article-text :target")
    target.wait_for()
    assert target.inner_text() == "summit"
    assert "hl-event" in target.get_attribute("class")
    assert "Putin" in target.get_attribute("title")
    # the sidebar lists the event with its participants linked
    first = pg.locator("ol.events li.event").first
    assert "meeting" in first.inner_text().lower() and "Vladimir Putin" in first.inner_text()
    pg.screenshot(path=str(ARTIFACTS / "event-trigger.png"), full_page=False)
    watch.assert_clean()
