"""Language of every document: judged on the clean body, recorded in ``language``; the English
extractors run on English text only (others get clean text, title, date and a note).

The non-English pages are written for the tests (tests/foreign_pages.py).
"""

from __future__ import annotations

import glob
import json

import pytest
from conftest import SHARED
from foreign_pages import STORIES, Story, story_html

from newsgraph.clean import clean_page
from newsgraph.clean.language import detect_language
from newsgraph.page import RawPage
from newsgraph.pipeline import extract

IDS = [s.lang for s in STORIES]


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_body_language(story: Story) -> None:
    assert detect_language("\n\n".join(story.paragraphs)) == story.lang


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_html_page_in_another_language_keeps_its_body(story: Story) -> None:
    art = clean_page(RawPage(story_html(story).encode(), "html", "html"))
    assert art.language == story.lang
    assert art.text == "\n\n".join(story.paragraphs)
    assert art.title == story.title
    assert art.published == "2024-03-12"


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_scraped_text_in_another_language_keeps_its_body(story: Story) -> None:
    lines = [story.site, *story.menu, story.title, *story.paragraphs, *story.related,
             story.footer]
    art = clean_page(RawPage("\n".join(lines), "text", "text"))
    assert art.language == story.lang
    assert all(p in art.text for p in story.paragraphs)


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_no_entities_or_quotes_on_other_languages(story: Story) -> None:
    doc = extract(story_html(story), url=f"https://news.example/{story.lang}/ferry")
    assert doc.language == story.lang
    assert doc.text == "\n\n".join(story.paragraphs)
    assert (doc.entities, doc.quotes, doc.events) == ([], [], [])
    assert doc.errors == [f"<input>: language '{story.lang}' is not English: clean text, "
                          "title, date and language only (no entities, quotes or events)"]


@pytest.mark.slow
def test_english_text_gets_the_extractors() -> None:
    text = ("The mayor of Kiel, Maria Jensen, opened the new ferry line on Tuesday. "
            "\u201cPeople have waited far too long for this,\u201d Jensen said.")
    doc = extract(text, kind="text", raw=True)
    assert doc.language == "en" and doc.errors == []
    assert doc.quotes and any(e.name == "Maria Jensen" for e in doc.entities)


def test_mixed_page_is_judged_by_its_body() -> None:
    german = STORIES[0]
    english_chrome = story_html(german)
    for de, en in zip(german.menu, ["Home", "Politics", "Business", "Sport", "Culture",
                                    "Opinion"], strict=True):
        english_chrome = english_chrome.replace(f">{de}<", f">{en}<")
    english_chrome = english_chrome.replace(german.footer, "All rights reserved. Privacy "
                                            "policy. Terms of use. Contact us. Cookie settings.")
    assert clean_page(RawPage(english_chrome, "html", "html")).language == "de"
    quoting = ("The German mayor answered in her own language: \u201cDas ist die gr\u00f6\u00dfte "
               "Ver\u00e4nderung im Nahverkehr seit einer Generation.\u201d The council's "
               "decision was welcomed by most residents of the northern suburbs, who have "
               "waited years for a reliable crossing, and by the local chamber of commerce.")
    assert detect_language(quoting) == "en"


@pytest.mark.parametrize("text, expected", [
    ("Photos of the week", "en"),  # too short to tell: English stays
    ("2024 — 12:30 — 1/50", None),  # no letters: not judged
    ("Grundsteuer: Was Eigentümer jetzt wissen müssen", "de"),
])
def test_short_texts(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_title_helps_a_short_body() -> None:
    assert detect_language("Fotos: 1/50", title="Die besten Bilder der Woche aus Hamburg") == "de"


def english_dev_texts() -> list[str]:
    texts = []
    for name in ("wcxb-dev-articles", "wcxb-dev-more"):
        path = SHARED / "data" / name / "ground-truth.json"
        if path.exists():
            truth = json.loads(path.read_text(encoding="utf-8"))
            texts += [v["articleBody"] for v in truth.values() if v.get("articleBody")]
    for pattern in ("ggt-dev/text/*.txt", "polnear/dev/text/*.txt"):
        for p in sorted(glob.glob(str(SHARED / "data" / pattern))):
            with open(p, encoding="utf-8") as f:
                texts.append(f.read())
    return texts


def test_no_english_dev_text_is_called_another_language() -> None:
    texts = english_dev_texts()
    if not texts:
        pytest.skip("needs ../shared/data (the English dev sets)")
    wrong = [t[:80] for t in texts if detect_language(t) != "en"]
    assert wrong == [], f"{len(wrong)} of {len(texts)} English texts judged otherwise"
