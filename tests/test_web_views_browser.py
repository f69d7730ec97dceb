"""Facets, kinds, timelines, networks and exports in a real browser: Playwright driving
Debian's chromium against the real server over a real SQLite knowledge base. Screenshots of
the views go to tests/artifacts/ (docs/img/ holds copies for docs/web.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import ARTIFACTS, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS
from test_views_support import views_records
from test_web_support import serve

from newsgraph.store import open_store

pytestmark = BROWSER_MARKS
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('viewskb') / 'kb.db'}"
    with open_store(url) as kb:
        assert kb.ingest(views_records()).articles_failed == 0
    log = tmp_path_factory.mktemp("viewslog") / "server.log"
    with serve(url, log, "--log-level", "warning") as (base, _proc):
        yield base


@pytest.fixture()
def page(server: str) -> Iterator[tuple[Any, list[str]]]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = b.new_context(viewport={"width": 1100, "height": 800},
                                    accept_downloads=True)
            pg = context.new_page()
            pg.set_default_timeout(20_000)
            problems: list[str] = []
            pg.on("console", lambda m: m.type == "error" and problems.append(m.text))
            pg.on("pageerror", lambda e: problems.append(str(e)))
            pg.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
            yield pg, problems
        finally:
            b.close()


def _shot(pg: Any, name: str, selector: str | None = None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = pg.locator(selector).first if selector else pg
    target.screenshot(path=str(ARTIFACTS / name))


def _total(server: str, href: str) -> int:
    return httpx.get(server + "/api/quotes" + href[href.index("?"):] + "&limit=1",
                     timeout=10).json()["total"]


def test_facets_narrow_and_unnarrow_the_search(server: str, page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    pg.goto(server + "/search?q=statement")
    facet = pg.locator('div.facet[data-facet="site"] li a').first
    count = int(facet.locator("xpath=../span[@class='count']").inner_text().replace(",", ""))
    _shot(pg, "views-search.png")
    facet.click()
    pg.wait_for_url("**site=*")
    summary = pg.locator("p.summary").inner_text()
    assert summary.split()[0].replace(",", "") == str(count)  # the facet's count, now the total
    assert _total(server, pg.url) == count
    remove = pg.locator('div.facet[data-facet="site"] a.remove')
    remove.click()
    pg.wait_for_function("() => !location.search.includes('site=')")
    # the kinds: every kind is one click away, and back
    pg.locator("nav.kinds a", has_text="all kinds").click()
    pg.wait_for_url("**kind=all*")
    assert pg.locator("nav.kinds a.current").inner_text() == "all kinds"
    assert pg.locator("li.hit").count() > 0
    pg.locator("nav.kinds a", has_text="belief").click()
    pg.wait_for_url("**kind=belief*")
    assert pg.locator("svg.timeline rect.bar").count() > 0
    csp = [m for m in problems if "Content Security Policy" in m]
    assert problems == [] and csp == []


def test_person_page_shows_timeline_and_network(server: str,
                                                page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    pg.goto(server + "/person/ana-lima")
    bars = pg.locator("section#timeline svg.timeline rect.bar")
    assert bars.count() > 0
    api = httpx.get(server + "/api/people/ana-lima/timeline", timeout=10).json()
    drawn = {bars.nth(i).get_attribute("data-label"): int(bars.nth(i).get_attribute(
        "data-count") or 0) for i in range(bars.count())}
    assert drawn == {m["month"]: m["count"] for m in api["months"]}
    net = pg.locator("section#network svg.network")
    assert net.is_visible()
    assert pg.locator("section#network circle.node.center").count() == 1
    edges = pg.locator("section#network line.edge")
    api_net = httpx.get(server + "/api/people/ana-lima/network", timeout=10).json()
    assert edges.count() == len(api_net["edges"]) > 0
    assert net.bounding_box()["height"] > 100
    _shot(pg, "views-person-timeline.png", "section#timeline")
    _shot(pg, "views-person-network.png", "section#network")
    pg.locator("details.network-table summary").click()
    assert pg.locator("table.edges tbody tr").count() == len(api_net["edges"])
    # a node is a link to its person
    pg.locator("section#network svg a").nth(1).click()
    pg.wait_for_url("**/person/*")
    assert "ana-lima" not in pg.url
    assert problems == []


def test_export_links_download_files(server: str, page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    pg.goto(server + "/search?q=harbour&kind=all")
    with pg.expect_download() as info:
        pg.locator("a.export", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "newsgraph-quotes-harbour-all.csv"
    body = Path(download.path()).read_text(encoding="utf-8").splitlines()
    total = httpx.get(server + "/api/quotes", params={"q": "harbour", "kind": "all",
                                                     "limit": 1}, timeout=10).json()["total"]
    assert body[0].startswith("id,content,type,kind") and len(body) == total + 1
    pg.goto(server + "/people?q=harbour")
    with pg.expect_download() as info:
        pg.locator("a.export", has_text="Parquet").click()
    assert info.value.suggested_filename == "newsgraph-people-harbour.parquet"
    _shot(pg, "views-people.png")
    assert problems == []


def test_the_gender_facet_narrows_the_search(server: str, page: tuple[Any, list[str]]) -> None:
    """people.gender (0007) in the browser: the gender facet is there, clicking a value makes
    its count the total (the API's and the records' own count), × removes it."""
    from test_views_support import genders, statements

    pg, problems = page
    pg.goto(server + "/search?q=statement")
    values = pg.locator('div.facet[data-facet="gender"] li a')
    assert sorted(values.all_inner_texts()) == ["female", "male", "unknown"]
    female = values.filter(has_text="female")
    count = int(female.locator("xpath=../span[@class='count']").inner_text().replace(",", ""))
    gender = genders(views_records())
    assert count == sum(gender[s.speaker] == "female" for s in statements(views_records())
                        if s.kind == "speech" and "statement" in s.content)
    female.click()
    pg.wait_for_url("**gender=female*")
    assert pg.locator("p.summary").inner_text().split()[0].replace(",", "") == str(count)
    assert _total(server, pg.url) == count
    speakers = set(pg.locator("li.hit .speaker").all_inner_texts())
    assert speakers and all(gender.get(s.strip()) == "female" for s in speakers), speakers
    pg.locator('div.facet[data-facet="gender"] a.remove').click()
    pg.wait_for_function("() => !location.search.includes('gender=')")
    assert problems == []
