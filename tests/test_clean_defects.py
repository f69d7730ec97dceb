"""HTML cleaning defects seen on pages from other projects' test suites, each pinned with a
page written for the test: text normalisation (soft hyphens, NFC, ruby readings), inline
hover cards, stray NUL characters, leaks (galleries, comments, blog archives, the next
article of an infinite-scroll page), titles with the site name glued on or a navigation
line as headline.
"""

from __future__ import annotations

import pytest

from newsgraph.clean import clean_page
from newsgraph.clean.title import navigation_like, strip_site
from newsgraph.page import RawPage

PARAS = [
    "The regional council voted on Tuesday to build a new bridge across the river, ending "
    "a debate that has divided the two towns on either bank for more than a decade.",
    "\u201cThis bridge will change daily life for thousands of commuters,\u201d said Laura "
    "Vidal, who chairs the council's transport committee, after the vote in the town hall.",
    "The project is expected to cost about 120 million euros. Work on the foundations is "
    "due to begin next spring, and the first cars should cross it within four years.",
    "Opponents had argued that the money would be better spent on the existing ferry "
    "service, which carries around six thousand passengers a day between the two towns.",
    "A public consultation on the design of the bridge, including cycle lanes and a "
    "footpath, will open next month, the council said in a statement on its website.",
]


def page(body: str, title: str = "Council approves new bridge across the river",
         site: str = "The River Courier", before: str = "", after: str = "",
         head: str = "") -> RawPage:
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">{head}</head>
<body><header><a href="/">{site}</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
{before}<main><article><h1>{title}</h1><div class="byline">By Tom Reed</div>
<div class="story-body">{body}</div></article>{after}</main>
<footer><p>Copyright 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy</a>
</footer></body></html>"""
    return RawPage(html.encode(), "html", "html")


def paras(ps: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in ps)


def test_soft_hyphens_removed_and_text_composed() -> None:
    ps = list(PARAS)
    ps[0] = ps[0].replace("regional", "re\u00adgional").replace("decade", "dec\u00adade")
    ps[2] = ps[2].replace("euros", "euros (Caf\u0065\u0301 owners welcomed it)")
    art = clean_page(page(paras(ps)))
    assert "\u00ad" not in art.text and "regional council" in art.text and "decade" in art.text
    assert "Caf\u00e9 owners" in art.text and "\u0301" not in art.text


def test_raw_mode_keeps_soft_hyphens_and_decomposed_characters() -> None:
    text = "The re\u00adgional council met at the Cafe\u0301 on Tuesday to vote on the bridge."
    art = clean_page(RawPage(text, "text", "text"), raw=True)
    assert art.text == text


def test_ruby_readings_dropped() -> None:
    ruby = ("<p>\u6771\u4eac\u90fd\u306f<ruby>\u5b50<rp>(</rp><rt>\u3053</rt><rp>)</rp>"
            "</ruby>\u3069\u3082\u306e\u305f\u3081\u306e\u65b0\u3057\u3044\u516c\u5712\u3092"
            "\u4f5c\u308b\u3068\u767a\u8868\u3057\u307e\u3057\u305f\u3002</p>")
    art = clean_page(page(paras(PARAS) + ruby))
    assert "\u5b50\u3069\u3082" in art.text  # 子ども, without the reading こ
    assert "\u3053" not in art.text and "(" not in art.text.split("\n\n")[-1]


def test_hover_card_not_glued_into_the_sentence() -> None:
    card = ('<p>Gov. <a href="/people/ann-smith">Ann Smith</a><span class="rollover-people">'
            '<span class="name">Ann Lee Smith</span><span class="headline">Governor doubles '
            'down on bridge funding plan</span><a href="/more">MORE</a></span> (R) is '
            'defending the plan, which she says will pay for itself within twenty years.</p>')
    art = clean_page(page(paras(PARAS[:3]) + card + paras(PARAS[3:])))
    assert "Gov. Ann Smith (R) is defending the plan" in art.text
    assert "doubles down" not in art.text


def test_stray_nul_characters_dropped() -> None:
    html = page(paras(PARAS)).content.decode().replace("bridge across", "bridge\x00 across")
    art = clean_page(RawPage(html, "html", "html"))
    assert "\x00" not in art.text and "new bridge across the river" in art.text


@pytest.mark.parametrize("raw, sites, expected", [
    ("Un hombre ataca a la InfantaUltima Hora", ["Ultima Hora"], "Un hombre ataca a la Infanta"),
    ("The River CourierCouncil approves new bridge", ["The River Courier"],
     "Council approves new bridge"),
    ("Council approves new bridge | The River Courier", ["The River Courier"],
     "Council approves new bridge"),
    ("Living by the River Courier", ["Courier"], "Living by the River Courier"),  # a word
])
def test_site_name_glued_to_the_title(raw: str, sites: list[str], expected: str) -> None:
    assert strip_site(raw, sites) == expected


def test_navigation_line_is_not_the_title() -> None:
    assert navigation_like("msn back to msn home news", ["msn.com"])
    assert not navigation_like("Back home: the long return of the river otters",
                               ["The River Courier", "rivercourier.com"])
    nav_h1 = '<h1 class="logo"><a href="/">River Courier</a> back to River Courier home</h1>'
    art = clean_page(page(paras(PARAS), before=nav_h1,
                          head='<meta property="og:title" content="Council approves new '
                               'bridge across the river">'))
    assert art.title == "Council approves new bridge across the river"


GALLERY = "".join(
    f'<figure class="gallery-slide"><img src="/g/{i}.jpg"><figcaption>{i}/50 Crowds gather '
    f"at the river bank to watch the vote on a big screen, photo number {i}.</figcaption>"
    "</figure>" for i in range(1, 4))

COMMENTS = """<section id="comments" class="comments-area"><h2>12 Comments</h2>
<p class="comment-rules">Please keep comments civil. Comments are moderated and may take
some time to appear on the site.</p><ol class="comment-list">
<li class="comment"><p class="author">riverfan</p><p>About time! I have waited for this
bridge for my whole life and I cannot believe it is finally happening in our town.</p></li>
<li class="comment"><p class="author">skeptic99</p><p>Another waste of money, the ferry works
perfectly fine and nobody asked the people who actually live next to the river.</p></li>
</ol><h3>Leave a Reply</h3><form><textarea></textarea><button>Post Comment</button></form>
</section>"""

NEXT_ARTICLE = """<article class="next-story"><h1>Football club names new coach after
difficult season</h1><div class="byline">By Ana Lopez</div><p>The town's football club has
appointed a new head coach after finishing the season in the bottom half of the table, the
club announced on Wednesday evening.</p><p>The new coach, who spent the last three years in
charge of a rival club's youth team, said he was delighted to return to the town where he
grew up and played as a teenager.</p></article>"""

BLOG_SIDEBAR = """<aside id="sidebar" class="sidebar widget-area"><div class="widget">
<h2>Labels</h2><ul><li><a href="/l/bridges">bridges</a> (14)</li><li><a href="/l/council">
council</a> (52)</li><li><a href="/l/river">river</a> (31)</li></ul></div>
<div class="widget BlogArchive"><h2>Blog Archive</h2><ul class="hierarchy">
<li><a class="toggle">\u25ba</a> <a href="/2024">2024</a> (38)</li>
<li><a class="toggle">\u25ba</a> <a href="/2023">2023</a> (120)</li>
<li><a class="toggle">\u25ba</a> <a href="/2019">2019</a> (200)</li></ul></div></aside>"""


@pytest.mark.parametrize("extra, leak", [
    (COMMENTS, "About time"),
    (NEXT_ARTICLE, "new head coach"),
    (BLOG_SIDEBAR, "(200)"),
])
def test_sections_after_the_article_stay_out(extra: str, leak: str) -> None:
    art = clean_page(page(paras(PARAS), after=extra))
    assert leak not in art.text
    assert all(p in art.text for p in PARAS)


def test_gallery_inside_the_article_stays_out() -> None:
    art = clean_page(page(paras(PARAS[:2]) + GALLERY + paras(PARAS[2:])))
    assert "/50" not in art.text
    assert all(p in art.text for p in PARAS)


def test_blog_post_keeps_its_body_beside_labels_and_archive() -> None:
    post = ('<div class="post hentry"><h3 class="post-title">A walk along the old towpath'
            '</h3><div class="post-body entry-content">'
            + "".join(f"<div>{p}</div><br>" for p in PARAS)
            + '</div><div class="post-footer">Posted by Tom at 10:15 Labels: '
              '<a href="/l/river">river</a>, <a href="/l/walks">walks</a></div></div>')
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tom's river notes:
A walk along the old towpath</title></head><body><div class="header"><h1>Tom's river notes
</h1></div><div class="main-outer"><div class="main">{post}</div></div>{BLOG_SIDEBAR}
</body></html>"""
    art = clean_page(RawPage(html.encode(), "html", "html"))
    assert all(p in art.text for p in PARAS)
    assert "(200)" not in art.text and "Blog Archive" not in art.text
