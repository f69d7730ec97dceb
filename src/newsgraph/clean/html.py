"""HTML pages: parse once, cut the page into blocks, and let gradient-boosted tree models
decide which blocks are the article.

A quick model judges every block from the page alone. When it is sure about the page (few of
its words in the uncertain band), that is the answer. Otherwise trafilatura is asked which
blocks it keeps, and two models decide: the first over each block's features with
trafilatura's verdict, the second adds what the first thinks of the block's surroundings (its
containers, siblings, the section heading above it, the body span).

Cost: trafilatura runs only on the pages the quick model is unsure of, in its fast mode on our
parsed tree; its fallback chain only when the fast extraction keeps little of the page's text
(``FALLBACK_SHARE``), where it was measured to matter."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

from ..page import Article
from . import crf, gbm
from .align import tokens
from .blocks import Block, ancestor_ids, block_features, segment
from .context import context_columns
from .dates import date_in_text, iso, publication_date
from .features import TIMESTAMP, WORD, line_features
from .meta import authors, declared_url, read_meta, site_name
from .normalize import tidy
from .numeric import matrix
from .title import choose_title

QUICK_MODEL = crf.MODELS / "blocks.quick.gbm.json"  # the page alone, no trafilatura
GBM_MODEL = crf.MODELS / "blocks.gbm.json"  # first stage: the block, neighbours, trafilatura
CONTEXT_MODEL = crf.MODELS / "blocks.context.gbm.json"  # second stage: page context
THRESHOLD = 0.5  # on the body probability (tuned on cross-validated dev output)
# the quick model is sure of a page when the words of its blocks with a probability inside
# (UNSURE, 1 - UNSURE) are under QUICK_SHARE of the words it keeps, and it keeps at least
# QUICK_MIN_WORDS (dev CV: 71% of pages, F1 as with trafilatura and both stages on all)
UNSURE = 0.1
QUICK_SHARE = 0.2
QUICK_MIN_WORDS = 50
# trafilatura's fallback extractors run when its fast extraction keeps less than this share
# of the page's words (on the dev pages its fallback changed the output only there)
FALLBACK_SHARE = 0.25

# the extractors log every page they give up on; that is evidence here, not news for the user
# (records still reach handlers the application configures; only Python's last-resort
# printing to stderr is avoided)
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(slots=True)
class HtmlPage:
    """A parsed page: its tree, blocks, and per-block features for the block models."""

    tree: HtmlElement
    blocks: list[Block]
    texts: list[str]
    dom: list[list[str]]
    link: list[float]
    cover: list[float]  # share of each block's words in trafilatura's output
    nwords: list[int]
    base: list[list[str]]  # line_features of each block text
    tags: list[str]
    ancestors: list[list[int]]  # per block: its element and ancestors, as page-wide ids
    articles: list[int]  # per block: id of its nearest <article> element, -1 for none
    evidence: bool = False  # ``cover`` holds trafilatura's verdict (else zeros)


def parse(content: bytes | str) -> HtmlElement | None:
    """The page's tree, parsed once for every pass: encoding detected, stray NUL characters
    dropped, ruby readings (<rt>/<rp>, the small phonetic guides over Japanese/Chinese
    characters) removed so they do not run into the text."""
    html = decode_file(content) if isinstance(content, bytes) else content
    if "\x00" in html:
        html = html.replace("\x00", "")
    tree = load_html(html)
    if tree is not None and next(tree.iter("rt", "rp"), None) is not None:
        etree.strip_elements(tree, "rt", "rp", with_tail=False)
    return tree


def extractor_text(tree: HtmlElement, fast: bool = True) -> str:
    """trafilatura's main text for the page (it works on its own copy of the tree);
    ``fast=False`` adds its fallback extractors (readability, jusText)."""
    try:
        return trafilatura.extract(tree, include_comments=False, include_tables=True,
                                   fast=fast) or ""
    except Exception:  # noqa: BLE001 - a failing extractor is only missing evidence
        return ""


def evidence_text(tree: HtmlElement, page_words: int) -> str:
    """trafilatura's output: fast mode, and the fallback chain when fast mode keeps little."""
    text = extractor_text(tree, fast=True)
    if len(text.split()) < FALLBACK_SHARE * page_words:
        text = extractor_text(tree, fast=False)
    return text


def coverage(texts: list[str], text: str) -> list[float]:
    """Share of each block's words that an extractor's output also has.

    Word trigrams are compared; a block of one or two words counts as covered when it
    occurs as a phrase of the output.
    """
    toks = tokens(text)
    grams = {tuple(toks[i: i + 3]) for i in range(len(toks) - 2)}
    joined = " " + " ".join(toks) + " "
    out = []
    for block in texts:
        t = tokens(block)
        if not t:
            out.append(0.0)
        elif len(t) < 3:
            out.append(1.0 if f" {' '.join(t)} " in joined else 0.0)
        else:
            g = [tuple(t[i: i + 3]) for i in range(len(t) - 2)]
            out.append(sum(x in grams for x in g) / len(g))
    return out


def analyse(content: bytes | str, evidence: bool = True) -> HtmlPage | None:
    """Parse, segment and describe a page; None when it has no parseable HTML.
    ``evidence=False`` leaves trafilatura out (``add_evidence`` adds it later)."""
    tree = parse(content)
    if tree is None:
        return None
    blocks = segment(tree)
    texts = [tidy(b.text) for b in blocks]
    nwords = [len(WORD.findall(t)) for t in texts]
    link = [b.link_chars / len(b.text) if b.text else 0.0 for b in blocks]
    chains, articles = ancestor_ids(blocks)
    page = HtmlPage(tree, blocks, texts, block_features(blocks), link, [0.0] * len(texts),
                    nwords, [line_features(t) for t in texts],
                    [str(b.element.tag) for b in blocks], chains, articles)
    if evidence:
        add_evidence(page)
    return page


def add_evidence(page: HtmlPage) -> None:
    """Ask trafilatura which blocks it keeps (``page.cover``)."""
    if not page.evidence:
        page.cover = coverage(page.texts, evidence_text(page.tree, sum(page.nwords)))
        page.evidence = True


def quick_sure(page: HtmlPage, q: np.ndarray) -> bool:
    """Is the quick model sure enough of this page to skip trafilatura and page context?"""
    nw = np.asarray(page.nwords, dtype=float)
    kept = nw[q > THRESHOLD].sum()
    unsure = nw[(q > UNSURE) & (q < 1 - UNSURE)].sum()
    return kept >= QUICK_MIN_WORDS and unsure < QUICK_SHARE * kept


def first_matrix(page: HtmlPage, columns: list[str]) -> np.ndarray:
    return matrix(columns, page.texts, page.dom, page.link, page.cover, None, page.base)


def context_matrix(page: HtmlPage, columns: list[str], p1: np.ndarray,
                   first: tuple[list[str], np.ndarray] | None = None) -> np.ndarray:
    """The second model's matrix; ``first`` (the first model's columns and matrix) is reused
    when ``columns`` starts with them, as the trained models' do."""
    ctx = context_columns(page.texts, page.tags, page.ancestors, page.articles, page.nwords, p1)
    if first is not None and columns[: len(first[0])] == first[0]:
        rest = columns[len(first[0]):]
        n = len(page.texts)
        extra = np.column_stack([ctx.get(c, np.zeros(n)) for c in rest]) if rest else \
            np.zeros((n, 0))
        return np.hstack([first[1], extra])
    return matrix(columns, page.texts, page.dom, page.link, page.cover, ctx, page.base)


def body_probability(page: HtmlPage, model: str | Path = GBM_MODEL,
                     context_model: str | Path = CONTEXT_MODEL,
                     quick_model: str | Path | None = QUICK_MODEL) -> np.ndarray:
    """Per block, the probability that it is article body: the quick model's when it is sure
    of the page, else the second stage's (``quick_model=None``: always the second stage)."""
    if not page.blocks:
        return np.zeros(0)
    if quick_model is not None:
        quick = gbm.load(str(quick_model))
        q = quick.proba(first_matrix(page, quick.features))
        if quick_sure(page, q):
            return q
    add_evidence(page)
    first = gbm.load(str(model))
    x1 = first_matrix(page, first.features)
    p1 = first.proba(x1)
    second = gbm.load(str(context_model))
    return second.proba(context_matrix(page, second.features, p1, (first.features, x1)))


def body_blocks(page: HtmlPage, model: str | Path = GBM_MODEL,
                context_model: str | Path = CONTEXT_MODEL,
                repeated: Callable[[list[str]], list[bool]] | None = None,
                quick_model: str | Path | None = QUICK_MODEL) -> list[int]:
    """Indices of the blocks kept as article body."""
    p = body_probability(page, model, context_model, quick_model)
    return decide(page, p, repeated)


def decide(page: HtmlPage, p: np.ndarray,
           repeated: Callable[[list[str]], list[bool]] | None = None) -> list[int]:
    """Blocks over the threshold, less site repeats and second copies of a paragraph."""
    keep = p > THRESHOLD
    if repeated is not None and page.texts:
        keep &= ~np.array(repeated(page.texts), dtype=bool)
    if not keep.any() and len(p) and p.max() > 0.1:
        keep = p >= p.max() * 0.5  # nothing passed: keep the most body-like blocks
    seen: set[str] = set()
    out = []
    for i in next_article_cut(page, [int(i) for i in np.flatnonzero(keep)
                                     if not TIMESTAMP.match(page.texts[i])]):
        t = page.texts[i]
        if page.nwords[i] >= 8:
            if t in seen:
                continue  # the same paragraph twice (mobile/desktop copies of the article)
            seen.add(t)
        out.append(int(i))
    return out


def next_article_cut(page: HtmlPage, kept: list[int], min_words: int = 50) -> list[int]:
    """``kept`` up to the headline of a next article: a page that scrolls on into other
    stories shows a new <h1> after the body, inside an <article> element of its own, or
    (when trafilatura was asked: it extracts one article) with none of what follows covered
    by trafilatura. Blocks from such an <h1> on are dropped, once the body before it has
    ``min_words`` words."""
    if not kept:
        return kept
    words = 0
    home = page.articles[kept[0]]
    for k, i in enumerate(kept):
        words += page.nwords[i]
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if nxt is None or words < min_words:
            continue
        for j in range(i + 1, nxt + 1):
            if page.tags[j] != "h1":
                continue
            other = home >= 0 and page.articles[j] >= 0 and page.articles[j] != home
            uncovered = page.evidence and all(page.cover[x] == 0 for x in kept[k + 1:])
            if other or uncovered:
                return kept[: k + 1]
    return kept


def dateline(page: HtmlPage, keep: list[int], after: int = 3, max_words: int = 20,
             before: int = 2) -> str | None:
    """A date in the byline/dateline area: the short blocks between the headline (<h1>)
    and the first lines of the body. A ``<time datetime>`` there (also just above the
    headline) gives its machine-readable date, ahead of the text it displays."""
    first = keep[0] if keep else 0
    heads = [i for i in range(min(first + 1, len(page.blocks)))
             if page.blocks[i].element.tag == "h1"]
    start = heads[-1] if heads else max(0, first - 8)
    end = min(len(page.texts), first + after)
    stamps = time_stamps(page, max(0, start - before), end)
    for i in range(max(0, start - before), end):
        if i in stamps:
            return stamps[i]
        if page.nwords[i] <= max_words:
            got = date_in_text(page.texts[i])
            if got:
                return got
    return None


def written_date(page: HtmlPage, max_words: int = 20) -> str | None:
    """The first date written out in a short block of the page (a byline far from the
    headline, a "Published" line after the body)."""
    for text, n in zip(page.texts, page.nwords, strict=True):
        if n <= max_words:
            got = date_in_text(text)
            if got:
                return got
    return None


def time_stamps(page: HtmlPage, lo: int, hi: int) -> dict[int, str]:
    """Block index -> the date of the first ``<time datetime>`` inside blocks lo..hi-1."""
    where = {page.blocks[i].element: i for i in range(lo, hi)}
    out: dict[int, str] = {}
    for el in page.tree.iter("time"):
        got = iso(el.get("datetime"))
        if not got:
            continue
        anc = el
        while anc is not None and anc not in where:
            anc = anc.getparent()
        if anc is not None:
            out.setdefault(where[anc], got)
    return out


def clean_html(content: bytes | str, url: str | None = None,
               model: str | Path = GBM_MODEL, context_model: str | Path = CONTEXT_MODEL,
               repeated: Callable[[list[str]], list[bool]] | None = None,
               quick_model: str | Path | None = QUICK_MODEL) -> Article:
    """Article from an HTML page: body paragraphs joined by blank lines, and metadata."""
    page = analyse(content, evidence=False)
    if page is None:
        return Article(text="", url=url)
    keep = body_blocks(page, model, context_model, repeated, quick_model)
    if not keep:
        return Article(text="", url=url)  # no body: spare the metadata search
    title, published, names, site, declared = page_metadata(page, keep, url)
    return Article(
        text="\n\n".join(page.texts[i] for i in keep),
        title=title, published=published, authors=names, site=site, url=url or declared,
    )


def page_metadata(page: HtmlPage, keep: list[int], url: str | None = None
                  ) -> tuple[str | None, str | None, list[str], str | None, str | None]:
    """Title, publication date, authors, site name and declared URL (canonical, og:url) of a
    page whose body blocks are ``keep``."""
    pm = read_meta(page.tree, url)
    first = keep[0] if keep else len(page.blocks)
    heads = [i for i in range(min(first + 1, len(page.blocks)))
             if page.blocks[i].element.tag == "h1"]
    near = " ".join(page.blocks[heads[-1]].element.text_content().split()) if heads else None
    title = choose_title(pm, url, near_body=near)
    return (tidy(title) if title else None,
            publication_date(page.tree, pm, url, dateline(page, keep),
                             lambda: written_date(page)),
            [tidy(a) for a in authors(pm)], site_name(pm), declared_url(pm))
