"""Scraped-text cleaning: line classification, headline, paragraph breaks, raw mode, the
golden article's cleaning checks, site memory. Pages here are written for the tests."""

from __future__ import annotations

import json

import pytest

from newsgraph.clean import CleanError, SiteMemory, clean_page
from newsgraph.clean.text import player_lines, split_lines
from newsgraph.page import RawPage
from tests.conftest import SHARED

GOLDEN = SHARED / "golden"  # the gold lives only in ../shared

HEADLINE = "Harbour Council Approves Two New Ferry Routes After Long Debate"
BODY = [
    "The city council voted on Tuesday to expand the harbour ferry service, adding two routes "
    "that will link the northern suburbs with the old town by the end of next year.",
    "\u201cThis is the biggest change to public transport here in a generation,\u201d said Maria "
    "Jensen, the council's transport spokeswoman. \u201cPeople have waited far too long.\u201d",
    "The plan, which passed by eleven votes to four, will cost about 40 million euros over five "
    "years. Opponents argued that the money would be better spent on roads and bridges.",
    "Peter Holm, who leads the opposition group, said the council had ignored residents in the "
    "eastern districts, where bus services were cut last spring and have not been restored.",
    "Construction of the new piers is expected to begin in March, and the first electric boats "
    "are due to enter service next autumn, the council said in a statement on Wednesday.",
]
JUNK = ["Skip to content", "Menu", "\u2022 News", "\u2022 Politics", "\u2022 Business",
        "\u2022 Sport", "\u2022 Culture", "Search", "Log in", "Subscribe"]
PLAYER = ["Watch: The New Ferry Routes Explained", "please wait", "0:00 0:02:31 0:00"]
FOOTER = ["Share", "\u2022 Facebook", "\u2022 Twitter", "\u2022 Email", "Related",
          "\u2022 Bus cuts anger eastern districts", "\u2022 Bridge repairs delayed again",
          "Sign up for our newsletter", "\u00a9 2024 The Harbour Times. All rights reserved.",
          "Privacy Policy", "Terms of Use"]


def scraped(blank_lines: bool = False) -> str:
    lines = [*JUNK, HEADLINE, "By Anna Berg", "April 26, 2019", *BODY[:3], *PLAYER,
             *BODY[3:], *FOOTER]
    return ("\n\n" if blank_lines else "\n").join(lines)


def text_page(content: str, **kw: str) -> RawPage:
    return RawPage(content=content, kind="text", format="text", **kw)


@pytest.mark.parametrize("blank_lines", [False, True])
def test_body_lines_kept_and_junk_removed(blank_lines):
    art = clean_page(text_page(scraped(blank_lines)))
    for p in BODY:
        assert p in art.text
    kept = set(art.text.split("\n\n"))
    for junk in JUNK + PLAYER + FOOTER:
        assert junk not in kept, junk


def test_paragraph_breaks_and_headline():
    art = clean_page(text_page(scraped()))
    assert art.text.split("\n\n") == BODY
    assert art.title == HEADLINE
    assert art.published == "2019-04-26"


def test_raw_returns_input_exactly():
    content = "  Skip to content\r\nA line.\n\n\n\tIndented \u00a0 line  \nlast"
    assert clean_page(text_page(content), raw=True).text == content
    assert clean_page(text_page(content.encode("utf-8")), raw=True).text == content


@pytest.mark.parametrize("content", ["", "   \n\n\t\n", "\u2022 Home\n\u2022 About\nMenu\nLog in"])
def test_no_text_raises_clean_error(content):
    with pytest.raises(CleanError, match="no article text found"):
        clean_page(text_page(content))


def test_raw_empty_raises_clean_error():
    with pytest.raises(CleanError):
        clean_page(text_page("  \n"), raw=True)


def test_hard_wrapped_paragraph_is_joined_but_headline_is_not():
    text = ("The council said the new piers would be built over the winter, and that the\n"
            "first boats would run on electricity from the start.\n"
            "Ferry Routes Approved: What Changes For Commuters In The North\n"
            "please wait\n")
    assert split_lines(text) == [
        "The council said the new piers would be built over the winter, and that the first "
        "boats would run on electricity from the start.",
        "Ferry Routes Approved: What Changes For Commuters In The North",
        "please wait",
    ]


def test_player_lines():
    lines = ["Intro sentence of the article that is long enough to count as prose text.",
             "Player Title Here", "please wait", "No media source currently available",
             "0:00 0:03:19 0:00", "Body sentence goes here and is long enough to be prose.",
             "Player Title Here"]
    assert player_lines(lines, ["B"] * len(lines)) == {1, 2, 3, 4, 6}


def test_container_metadata_wins():
    art = clean_page(text_page(scraped(), title="Given", published="2020-01-02",
                               url="https://harbour.example/x"))
    assert (art.title, art.published, art.url) == ("Given", "2020-01-02",
                                                    "https://harbour.example/x")


def test_site_memory_removes_lines_repeated_across_a_site():
    memory = SiteMemory(min_pages=2)
    promo = "Support independent local journalism by becoming a member of our newsroom today."

    def page(i: int) -> RawPage:
        body = [f"Story {i}: " + p for p in BODY]
        return text_page("\n".join([*JUNK, f"Headline Number {i} About The Harbour", body[0],
                                    promo, *body[1:], *FOOTER]),
                         url=f"https://harbour.example/news/{i}")

    alone = clean_page(page(0))
    assert promo in alone.text  # one page alone: the promo reads like prose and stays
    first = [clean_page(page(i), context=memory) for i in range(2)]
    assert all(promo in a.text for a in first)  # not yet seen on two other pages
    third = clean_page(page(2), context=memory)
    assert promo not in third.text
    assert "Story 2: " + BODY[0] in third.text
    again = clean_page(page(2), context=memory)  # the same page again is not its own evidence
    assert again.text == third.text
    other = clean_page(text_page(page(3).content, url="https://other.example/3"), context=memory)
    assert promo in other.text  # another site has its own memory


def test_site_memory_is_bounded():
    memory = SiteMemory(max_sites=3, max_lines=50)
    for i in range(10):
        memory.repeated(f"site{i}", [f"line {j} of page {i}" for j in range(200)])
    assert len(memory) == 3
    assert all(len(c) <= 50 for c in memory._sites.values())


def test_golden_article_cleaning_checks():
    txt, gold_path = GOLDEN / "vladivostok-summit.txt", GOLDEN / "vladivostok-summit.gold.json"
    if not txt.exists() or not gold_path.exists():
        pytest.skip(f"golden article not found under {GOLDEN}")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    art = clean_page(text_page(txt.read_text(encoding="utf-8"), path=str(txt)))
    lines = {x.strip() for x in art.text.splitlines() if x.strip()}
    assert [b for b in gold["boilerplate_lines"] if b in lines] == []
    assert gold["body_starts"] in art.text
    assert gold["body_ends"] in art.text
    assert art.title == gold["title"]
    assert "\n\n" in art.text


def test_site_memory_needs_a_url():
    memory = SiteMemory(min_pages=1)
    promo = "Support independent local journalism by becoming a member of our newsroom today."
    pages = [text_page("\n".join([f"Headline Number {i} About The Harbour", BODY[0], promo,
                                  *BODY[1:]])) for i in range(3)]
    assert all(promo in clean_page(p, context=memory).text for p in pages)
    assert len(memory) == 0


def test_a_short_paste_of_prose_is_kept() -> None:
    from newsgraph.clean.text import clean_text

    text = "“We will appeal,” said Maria Lopez, the mayor of Springfield, on Tuesday."
    assert clean_text(text).text == text
    assert clean_text("Home\nMenu\nShare").text == ""


def test_date_on_a_short_line_far_from_the_body_start() -> None:
    lines = [*JUNK, HEADLINE, "By Anna Berg", *BODY, "Published 12 March 2024, 10:15",
             *FOOTER]
    art = clean_page(text_page("\n".join(lines)))
    assert art.published == "2024-03-12"


def test_soft_hyphens_removed_and_text_composed() -> None:
    body = [BODY[0].replace("council", "coun\u00adcil"), BODY[1].replace("Jensen", "Je\u0301nsen"),
            *BODY[2:]]
    art = clean_page(text_page("\n".join([*JUNK, HEADLINE, *body, *FOOTER])))
    assert "\u00ad" not in art.text and "city council voted" in art.text
    assert "J\u00e9nsen" in art.text
