"""HTML cleaning: body blocks, paragraph breaks, title, date, authors, errors.

Every page here is written for the tests (no evaluation data is copied into the repo).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsgraph.clean import CleanError, clean_page
from newsgraph.clean.dates import date_in_text, iso, url_date
from newsgraph.clean.html import analyse, body_blocks, dateline
from newsgraph.clean.meta import PageMeta
from newsgraph.clean.normalize import fix_mojibake
from newsgraph.clean.title import choose_title, lost_chars, strip_site
from newsgraph.page import RawPage

PARAS = [
    "The city council voted on Tuesday to expand the harbour ferry service, adding two routes "
    "that will link the northern suburbs with the old town by the end of next year.",
    "\u201cThis is the biggest change to public transport here in a generation,\u201d said "
    "Maria Jensen, the council's transport spokeswoman, after the vote. \u201cPeople have "
    "waited far too long for a reliable crossing.\u201d",
    "The plan, which passed by eleven votes to four, will cost about 40 million euros over "
    "five years. Opponents argued that the money would be better spent on repairing roads "
    "and bridges that have been neglected for decades.",
    "Peter Holm, who leads the opposition group, said the council had ignored the concerns "
    "of residents in the eastern districts, where bus services were cut last spring and "
    "have not been restored since then.",
    "Construction of the new piers is expected to begin in March. The first boats, which "
    "will run on electricity, are due to enter service in the autumn of next year, the "
    "council said in a statement.",
]


def news_page(title: str = "Council approves harbour ferry expansion",
              site: str = "The Harbour Times", head_extra: str = "") -> str:
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>'
                  for w in ["News", "Politics", "Business", "Sport", "Culture", "Opinion"])
    related = "".join(
        f'<li><a href="/story/{i}">Another story headline number {i} about the region</a></li>'
        for i in range(1, 6))
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
{head_extra}
</head><body>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul>{nav}</ul></nav>
<form class="search"><input name="q"><button>Search</button></form></header>
<main><article class="story">
<h1 class="headline">{title}</h1>
<div class="byline">By <a href="/authors/anna">Anna Berg</a></div>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a>
<a href="#">Email</a></div>
<figure><img src="ferry.jpg" alt=""><figcaption class="caption">A ferry leaves the
old harbour. Photo: Lars Nilsen / Harbour Times</figcaption></figure>
<div class="video-player"><div class="player-title">Watch: the new ferry routes</div>
<div class="player-status">please wait</div><div class="player-time">0:00 / 2:31</div></div>
<div class="story-body">{body}</div>
<div class="newsletter-signup"><h3>Sign up for our newsletter</h3>
<p>Get the day's top stories delivered to your inbox every morning.</p>
<a class="button" href="/subscribe">Subscribe</a></div>
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>{related}</ul></aside></main>
<footer class="site-footer"><p>&copy; 2024 {site}. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/contact">Contact us</a></li></ul></footer>
</body></html>"""


def html_page(content: str | bytes, url: str | None = None, **kw: str) -> RawPage:
    return RawPage(content=content, kind="html", format="html", url=url, **kw)


def test_body_kept_and_page_furniture_removed():
    art = clean_page(html_page(news_page()))
    for p in PARAS:
        assert p in art.text
    for junk in ("Politics", "Share on Facebook", "Sign up for our newsletter",
                 "Another story headline number 3", "All rights reserved", "Privacy policy",
                 "please wait", "0:00 / 2:31"):
        assert junk not in art.text, junk


def test_paragraphs_are_separated_by_blank_lines():
    art = clean_page(html_page(news_page()))
    paras = art.text.split("\n\n")
    assert [p for p in paras if p in PARAS] == PARAS
    assert "\n\n" not in PARAS[0] and PARAS[0] + "\n\n" + PARAS[1] in art.text


def test_title_has_no_site_name():
    art = clean_page(html_page(news_page()))
    assert art.title == "Council approves harbour ferry expansion"
    assert art.site == "The Harbour Times"


@pytest.mark.parametrize("raw, expected", [
    ("Council approves ferry plan | The Harbour Times", "Council approves ferry plan"),
    ("Council approves ferry plan - The Harbour Times", "Council approves ferry plan"),
    ("The Harbour Times \u2014 Council approves ferry plan", "Council approves ferry plan"),
    ("Council approves ferry plan | Politics | harbourtimes.com",
     "Council approves ferry plan | Politics"),
    ("Left - right: the ferry debate", "Left - right: the ferry debate"),
])
def test_strip_site_suffix(raw, expected):
    assert strip_site(raw, ["The Harbour Times", "harbourtimes.com"]) == expected


def test_h1_agreeing_with_title_tag_wins():
    pm = PageMeta(title_tag="Ferry plan approved after long debate - Harbour Times",
                  h1=["Harbour Times", "Ferry plan approved after long debate"],
                  meta={"og:site_name": ["Harbour Times"]})
    assert choose_title(pm) == "Ferry plan approved after long debate"


def test_date_from_json_ld():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Council approves harbour ferry expansion",
          "datePublished": "2019-04-26T08:30:00+03:00", "dateModified": "2019-05-02T10:00:00Z",
          "author": [{"@type": "Person", "name": "Anna Berg"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    art = clean_page(html_page(news_page(head_extra=head)))
    assert art.published == "2019-04-26"
    assert art.authors == ["Anna Berg"]


def test_date_from_meta_published_time():
    head = ('<meta property="article:modified_time" content="2021-03-09T12:00:00Z">'
            '<meta property="article:published_time" content="2021-03-04T07:15:00Z">')
    art = clean_page(html_page(news_page(head_extra=head)))
    assert art.published == "2021-03-04"


def test_date_helpers():
    assert url_date("https://example.com/news/2020/11/03/some-story") == "2020-11-03"
    assert url_date("https://example.com/news/some-story-123") is None
    assert iso("2019-02-30") is None  # not a date
    assert iso("1850-01-01") is None  # not plausible for a web page
    assert date_in_text("Updated: March 4, 2021 at 10:02") == "2021-03-04"
    assert date_in_text("Published 4 Mar 2021") == "2021-03-04"


def test_container_metadata_wins():
    page = html_page(news_page(), url="https://harbourtimes.example/a",
                     title="Given title", published="2020-01-02")
    art = clean_page(page)
    assert (art.title, art.published, art.url) == (
        "Given title", "2020-01-02", "https://harbourtimes.example/a")


@pytest.mark.parametrize("head,url", [
    ('<link rel="canonical" href="https://harbourtimes.example/2024/ferry">',
     "https://harbourtimes.example/2024/ferry"),
    ('<meta property="og:url" content="http://harbourtimes.example/ferry">',
     "http://harbourtimes.example/ferry"),
    ('<link rel="Canonical" href=" https://a.example/x "><meta property="og:url" '
     'content="https://b.example/y">', "https://a.example/x"),  # canonical first
    ('<link rel="canonical" href="/2024/ferry"><meta property="og:url" '
     'content="https://b.example/y">', "https://b.example/y"),  # a relative one is skipped
    ('<link rel="canonical" href="/2024/ferry">', None),
    ('<link rel="canonical" href="javascript:alert(1)">', None),
    ('<meta property="og:url" content="https://">', None),
    ("", None),
])
def test_declared_url_when_the_container_gives_none(head, url):
    assert clean_page(html_page(news_page(head_extra=head))).url == url
    given = "https://container.example/a"  # a WARC target URI, a JSON Lines url field
    assert clean_page(html_page(news_page(head_extra=head), url=given)).url == given


def test_bytes_in_declared_encoding():
    html = news_page(title="Caf\u00e9 owners welcome the ferry plan")
    art = clean_page(html_page(html.encode("utf-8")))
    assert art.title == "Caf\u00e9 owners welcome the ferry plan"
    assert PARAS[1] in art.text


@pytest.mark.parametrize("content", [
    "", "<html><head><title>x</title></head><body></body></html>",
    "<html><body><script>var a = 1;</script><nav><a href='/'>Home</a></nav></body></html>",
])
def test_no_text_raises_clean_error(content):
    with pytest.raises(CleanError, match="no article text"):
        clean_page(html_page(content))


def test_raw_returns_input_exactly():
    content = "<p>Already clean?</p>\r\n  Two  spaces\ttab \u00a0 and  \n\n\nend "
    assert clean_page(html_page(content), raw=True).text == content


def test_mojibake_repaired():
    assert fix_mojibake("Investor\u00e2\u0080\u0099s guide \u00e2\u0080\u0094 caf\u00c3\u00a9") == \
        "Investor\u2019s guide \u2014 caf\u00e9"
    assert fix_mojibake("d\u00e9j\u00e0 vu, na\u00efve") == "d\u00e9j\u00e0 vu, na\u00efve"


def test_tree_export_matches_scikit_learn(tmp_path):
    sklearn = pytest.importorskip("sklearn.ensemble")
    from newsgraph.clean import gbm

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    x[rng.random(x.shape) < 0.05] = np.nan
    y = (np.nan_to_num(x[:, 0]) + np.nan_to_num(x[:, 1]) * np.nan_to_num(x[:, 2]) > 0)
    path = gbm.fit(x, y, [f"c{i}" for i in range(5)], tmp_path / "t.json", max_iter=20)
    ours = gbm.load(str(path)).proba(x)
    ref = sklearn.HistGradientBoostingClassifier(
        max_iter=20, learning_rate=0.1, max_leaf_nodes=31, max_depth=8, l2_regularization=1.0,
        early_stopping=False, random_state=0).fit(x, y).predict_proba(x)[:, 1]
    assert np.allclose(ours, ref, atol=1e-5)


def test_title_section_label_and_run_on_h1():
    pm = PageMeta(title_tag="How meditation rewires the brain | Opinion",
                  meta={"og:title": ["How meditation rewires the brain | Opinion"]},
                  h1=["How meditation rewires the brain | Opinion"])
    assert choose_title(pm) == "How meditation rewires the brain"
    pm = PageMeta(meta={"og:title": ["Ten ways to cut your energy bill"]},
                  h1=["Ten ways to cut your energy bill Posted on May 1, 2024 by admin"])
    assert choose_title(pm) == "Ten ways to cut your energy bill"
    pm = PageMeta(meta={"og:title": ["Costs for Homeowners & Investors"]},
                  h1=["Costs for Homeowners and Investors"])
    assert choose_title(pm) == "Costs for Homeowners & Investors"


BYLINE = '<div class="byline">By <a href="/authors/anna">Anna Berg</a></div>'


def with_byline(byline: str, above_headline: str = "", head_extra: str = "") -> str:
    """The test page with its byline replaced (and something put just above the <h1>)."""
    html = news_page(head_extra=head_extra).replace(BYLINE, byline)
    return html.replace('<h1 class="headline">', above_headline + '<h1 class="headline">')


def test_date_written_out_in_json_ld_and_restamped_published_skipped():
    ld = {"@type": "BlogPosting", "datePublished": "Feb 08, 2022",
          "dateModified": "Jul 18, 2025"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert clean_page(html_page(news_page(head_extra=head))).published == "2022-02-08"
    # a "published" stamp later than the same object's "modified" is a re-stamp, not the
    # publication: the byline's date is used instead
    ld = {"@type": "Article", "datePublished": "2025-06-12", "dateModified": "2025-06-10"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    html = with_byline('<div class="byline">By Anna Berg, 2 November 2022</div>',
                       head_extra=head)
    assert clean_page(html_page(html)).published == "2022-11-02"


def test_meta_published_time_before_json_ld():
    ld = {"@type": "NewsArticle", "datePublished": "2018-04-03T16:50:31Z"}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="article:published_time" content="2025-12-19T18:06:00Z">')
    assert clean_page(html_page(news_page(head_extra=head))).published == "2025-12-19"


def test_time_element_in_byline_gives_its_datetime():
    html = with_byline('<div class="byline">By Anna Berg '
                       '<time datetime="2024-12-20">August 28, 2024</time></div>')
    assert clean_page(html_page(html)).published == "2024-12-20"
    # also just above the headline (a date line over the <h1>), in a numeric display form
    html = with_byline("", above_headline='<small class="post-date"><time '
                       'datetime="2023-10-12T19:38:01Z">10/12/2023 7:38:01 PM</time></small>')
    assert clean_page(html_page(html)).published == "2023-10-12"


def test_time_elements_after_the_body_are_not_the_date():
    cards = ('<aside class="related-stories"><ul><li><time datetime="2025-10-23">23 October '
             '2025</time> Another story headline</li></ul></aside>')
    html = with_byline('<div class="byline">By Anna Berg, 12 November 2025</div>')
    html = html.replace("</main>", cards + "</main>")
    assert clean_page(html_page(html)).published == "2025-11-12"


def test_written_date_just_above_headline():
    html = with_byline("", above_headline='<h5 class="preheadline">January 23, 2025</h5>')
    assert clean_page(html_page(html)).published == "2025-01-23"
    page = analyse(html)  # found as the dateline, not left to htmldate's search
    assert page is not None and dateline(page, body_blocks(page)) == "2025-01-23"


def test_dotted_and_of_dates():
    assert date_in_text("By The Editors 12.03.2025") == "2025-03-12"  # day first
    assert date_in_text("Version 1.2.2024 released") is None  # not a plausible date form
    assert date_in_text("published on the 21st of June 2017") == "2017-06-21"
    html = with_byline('<div class="byline">By Anna Berg</div><div class="date">'
                       '12.03.2025</div>')
    assert clean_page(html_page(html)).published == "2025-03-12"


def test_title_run_on_h1_kept_unless_byline():
    pm = PageMeta(meta={"og:title": ["Best hiking boots of 2025 | Trail Gear"],
                        "og:site_name": ["Trail Gear"]},
                  h1=["Best hiking boots of 2025, Tested by Our Editors"])
    assert choose_title(pm) == "Best hiking boots of 2025, Tested by Our Editors"
    pm = PageMeta(meta={"og:title": ["Ten ways to cut your energy bill"]},
                  h1=["Ten ways to cut your energy bill By Anna Berg"])
    assert choose_title(pm) == "Ten ways to cut your energy bill"


def test_title_kicker_inside_h1():
    pm = PageMeta(meta={"og:title": ["Harbour Bakery"]}, title_tag="Harbour Bakery",
                  h1=["Customer stories Harbour Bakery"])
    assert choose_title(pm) == "Harbour Bakery"
    # one source alone is not enough to cut the <h1>
    pm = PageMeta(meta={"og:title": ["Harbour Bakery"]},
                  h1=["Why everyone queues at Harbour Bakery"])
    assert choose_title(pm) == "Why everyone queues at Harbour Bakery"


def test_title_h1_with_lost_characters_yields_to_source():
    pm = PageMeta(meta={"og:title": ["What Are The Basics Of Sailing: Beginner's Guide"]},
                  h1=["What Are The Basics Of Sailing? Beginner? Guide"])
    assert choose_title(pm) == "What Are The Basics Of Sailing: Beginner's Guide"
    pm = PageMeta(meta={"og:title": ["Caf\u00e9 owners welcome ferry"]},
                  h1=["Caf\ufffd owners welcome ferry"])
    assert choose_title(pm) == "Caf\u00e9 owners welcome ferry"
    assert lost_chars("Why?", "Why me") is False  # a mark stands for letters, not words
    # a real question mark is kept
    pm = PageMeta(meta={"og:title": ["Is the ferry plan worth it? | Harbour Times"],
                        "og:site_name": ["Harbour Times"]},
                  h1=["Is the ferry plan worth it?"])
    assert choose_title(pm) == "Is the ferry plan worth it?"


def test_title_pipe_tagline_dropped():
    pm = PageMeta(meta={"og:title": ["Best Residential Movers in Oslo 2025 | Top 19 Companies "
                                     "| Movewell"]},
                  h1=["Best Residential Movers in Oslo 2025 | Top 19 Companies"])
    assert choose_title(pm) == "Best Residential Movers in Oslo 2025"


def test_word_weights_share_a_page_by_words():
    from newsgraph.clean.train import word_weights

    w = word_weights([0, 1, 9, 49])
    assert w.sum() == pytest.approx(4)  # the page weighs as many blocks as it has
    assert w[3] == pytest.approx(50 * w[0])  # a 49-word paragraph outweighs an empty link
    assert len(word_weights([])) == 0


def test_weighted_tree_export_matches_scikit_learn(tmp_path):
    sklearn = pytest.importorskip("sklearn.ensemble")
    from newsgraph.clean import gbm

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 4))
    y = x[:, 0] + 0.5 * x[:, 1] > 0
    sw = rng.integers(1, 60, size=300).astype(float)
    path = gbm.fit(x, y, [f"c{i}" for i in range(4)], tmp_path / "w.json", max_iter=15,
                   sample_weight=sw)
    ours = gbm.load(str(path)).proba(x)
    ref = sklearn.HistGradientBoostingClassifier(
        max_iter=15, learning_rate=0.1, max_leaf_nodes=31, max_depth=8, l2_regularization=1.0,
        early_stopping=False, random_state=0).fit(x, y, sample_weight=sw).predict_proba(x)[:, 1]
    assert np.allclose(ours, ref, atol=1e-5)
