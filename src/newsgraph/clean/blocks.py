"""Cut an HTML page into text blocks (paragraphs, headings, list items, cells...) with the
DOM evidence about each: tag, enclosing page regions, class/id vocabulary, link density."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

SKIP = frozenset(
    "script style noscript template svg head iframe object embed canvas select option "
    "math video audio map area source track datalist".split()
)
BLOCK = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody "
    "thead tfoot tr td th ul summary caption legend body html center menu".split()
)
REGIONS = frozenset(
    "nav header footer aside article main form figure figcaption li table blockquote button "
    "label a h1 h2 h3 h4 h5 h6 time address dl pre".split()
)
ROLES = {"navigation": "nav", "banner": "header", "contentinfo": "footer",
         "complementary": "aside", "main": "main", "article": "article", "dialog": "dialog",
         "menu": "nav", "menubar": "nav", "search": "form", "button": "button"}

# class/id vocabulary: (feature name, pattern over the lower-cased class+id string)
KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pat))
    for name, pat in [
        ("nav", r"nav|menu|breadcrumb|skip"),
        ("header", r"header|masthead|topbar|top-bar"),
        ("footer", r"footer|copyright|colophon"),
        ("side", r"sidebar|side-bar|aside|rail|widget"),
        ("comment", r"comment|disqus|respond|reply|discussion"),
        ("share", r"share|social|sharing|follow|facebook|twitter"),
        ("related", r"related|recommend|more-|-more|read-?next|popular|trending|also|"
                    r"outbrain|taboola"),
        ("ad", r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|promo|dfp|banner"),
        ("newsletter", r"newsletter|subscri|signup|sign-up|paywall|regwall|cta"),
        ("cookie", r"cookie|consent|gdpr|privacy"),
        ("author", r"author|byline|writer|contributor|bio"),
        ("date", r"date|time|publish|posted|updated|dateline"),
        ("meta", r"meta|info|details|tags?(?:$|[\s_-])|categor|label|kicker|eyebrow"),
        ("caption", r"caption|credit|figcaption|photo|image|img|media|gallery"),
        ("video", r"video|player|jwplayer|vjs|youtube|embed"),
        ("popup", r"popup|modal|overlay|dialog|lightbox|toast"),
        ("hidden", r"hidden|sr-only|screen-reader|visually-hidden|offscreen|d-none"),
        ("toc", r"toc|table-of-contents|contents-list"),
        ("pager", r"pagination|pager|paging|prev|next"),
        ("card", r"card|teaser|tile|grid|list-item|item"),
        ("title", r"title|headline|heading|hed(?:$|[\s_-])"),
        ("summary", r"summary|excerpt|dek|standfirst|subtitle|intro|lede|description"),
        ("content", r"content|article|post|entry|story|body|text|prose|main|rich"),
    ]
)


# Inline pop-ups inside running text (a hover card with a person's name, photo caption and
# headline that only shows on mouse-over): their text would glue into the sentence.
INLINE_POPUP = re.compile(r"hover|tooltip|popover|rollover|popup|flyout")


@dataclass(slots=True)
class Block:
    """A run of text between block-level boundaries, with the element that holds it."""

    text: str
    element: HtmlElement
    link_chars: int = 0
    feats: list[str] = field(default_factory=list)


def _attr_string(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def _inline_popup(el: HtmlElement, min_words: int = 5) -> bool:
    """An inline element that is hidden, or a hover card (named so, holding elements of its
    own and ``min_words`` words or more: a glossary term marked "tooltip" stays)."""
    if _hidden(el):
        return True
    attrs = _attr_string(el)
    return (attrs.strip() != "" and bool(INLINE_POPUP.search(attrs)) and len(el) > 0
            and len(el.text_content().split()) >= min_words)


def _hidden(el: HtmlElement) -> bool:
    style = el.get("style", "").replace(" ", "").lower()
    return ("display:none" in style or "visibility:hidden" in style
            or el.get("hidden") is not None or el.get("aria-hidden") == "true")


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link = 0
        self.owner: HtmlElement | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text and self.owner is not None:
            self.blocks.append(Block(text, self.owner, min(self.link, len(text))))
        self.parts, self.link = [], 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link += len(text.strip())

    def walk(self, el: HtmlElement, owner: HtmlElement, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP:
            return
        if tag == "br":
            self.parts.append(" ")
            return
        block = tag in BLOCK
        if not block and self.parts and _inline_popup(el):
            return  # its tail is added by the parent, so the sentence goes on
        if block:
            self.flush()
            owner = el
        self.owner = owner
        link = in_link or tag == "a"
        self.add(el.text, link)
        for child in el:
            self.walk(child, owner, link)
            self.owner = owner
            self.add(child.tail, link)
        if block:
            self.flush()


def segment(root: HtmlElement) -> list[Block]:
    """Blocks of visible text in document order."""
    body = root.find(".//body")
    start = body if body is not None else root
    w = _Walker()
    w.walk(start, start, False)
    w.flush()
    return w.blocks


def _element_feats(el: HtmlElement, cache: dict[HtmlElement, tuple[str, ...]]) -> tuple[str, ...]:
    """Features of an element and its ancestors (memoised per element)."""
    got = cache.get(el)
    if got is not None:
        return got
    parent = el.getparent()
    inherited = set(_element_feats(parent, cache)) if parent is not None else set()
    inherited = {f for f in inherited if not f.startswith("near:")}
    own: set[str] = set()
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in REGIONS:
        own.add("in:" + ("h" if tag[:1] == "h" and tag[1:].isdigit() else tag))
    role = ROLES.get((el.get("role") or "").lower())
    if role:
        own.add("in:" + role)
    if (el.get("itemprop") or "").lower() == "articlebody":
        own.add("in:articlebody")
    if _hidden(el):
        own.add("in:hidden")
    own |= _own_kw(el)
    # keywords on the element or its parent are stronger evidence than on a far ancestor
    near = {"near:" + f for f in own if f.startswith("kw:")}
    if parent is not None:
        near |= {"near:" + f for f in _own_kw(parent)}
    result = tuple(sorted(inherited | own | near))
    cache[el] = result
    return result


_KW_CACHE: dict[str, frozenset[str]] = {}


def _own_kw(el: HtmlElement) -> frozenset[str]:
    """Keyword features of an element's own class/id (memoised per attribute string)."""
    attrs = _attr_string(el)
    got = _KW_CACHE.get(attrs)
    if got is None:
        got = frozenset("kw:" + name for name, pat in KEYWORDS if pat.search(attrs)) \
            if attrs.strip() else frozenset()
        if len(_KW_CACHE) < 50000:
            _KW_CACHE[attrs] = got
    return got


def block_features(blocks: list[Block]) -> list[list[str]]:
    """DOM features of each block (to add to the text features of ``features.py``)."""
    cache: dict[HtmlElement, tuple[str, ...]] = {}
    lengths = [len(b.text) for b in blocks]
    # the container of the page's main paragraphs: parent of the longest <p>-like blocks
    main_parents: dict[HtmlElement, int] = {}
    for b in blocks:
        if b.element.tag == "p" and len(b.text) >= 80:
            par = b.element.getparent()
            if par is not None:
                main_parents[par] = main_parents.get(par, 0) + len(b.text)
    main = max(main_parents, key=main_parents.__getitem__) if main_parents else None
    main_anc = set()
    if main is not None:
        main_anc = {main}
        gp = main.getparent()
        if gp is not None:
            main_anc.add(gp)
    out = []
    for b, n in zip(blocks, lengths, strict=True):
        el = b.element
        f = list(_element_feats(el, cache))
        f.append("tag=" + str(el.tag))
        par = el.getparent()
        if par is not None:
            f.append("ptag=" + str(par.tag))
        ld = b.link_chars / n if n else 0.0
        f.append(f"link={0 if ld == 0 else 1 if ld < 0.3 else 2 if ld < 0.8 else 3}")
        if main is not None:
            if par is main or el is main:
                f.append("main=parent")
            elif any(a in main_anc for a in el.iterancestors()):
                f.append("main=inside")
            else:
                f.append("main=out")
        out.append(f)
    return out


def text_of(el: HtmlElement) -> str:
    """Whitespace-normalised text content of an element."""
    return " ".join(etree.tostring(el, method="text", encoding="unicode").split())


def ancestor_ids(blocks: list[Block]) -> tuple[list[list[int]], list[int]]:
    """Per block, its element and that element's ancestors (nearest first) as small integers
    shared across the page (blocks with the same id at depth d share that container), and
    the id of its nearest <article> element (-1: none)."""
    ids: dict[HtmlElement, int] = {}
    chains, articles = [], []
    for b in blocks:
        chain = []
        article = -1
        el: HtmlElement | None = b.element
        while el is not None:
            got = ids.get(el)
            if got is None:
                got = ids[el] = len(ids)
            chain.append(got)
            if article < 0 and el.tag == "article":
                article = got
            el = el.getparent()
        chains.append(chain)
        articles.append(article)
    return chains, articles
