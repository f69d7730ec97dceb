"""HTML pages: cut the page into blocks, ask two extractors (trafilatura, readability) which
blocks they keep, and let our block models decide: a two-pass CRF over the block sequence and
a gradient-boosted tree model over numeric page features, averaged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

from ..page import Article
from . import crf, gbm
from .align import tokens
from .blocks import Block, block_features, segment
from .dates import date_in_text, iso, publication_date
from .features import WORD, line_features, sequence_features
from .meta import authors, declared_url, read_meta, site_name
from .normalize import fix_mojibake
from .numeric import matrix, window_mean
from .title import choose_title

GBM_MODEL = crf.MODELS / "blocks.gbm.json"
THRESHOLD = 0.4  # on the averaged body probability (tuned on cross-validated dev output)

# the extractors log every page they give up on; that is evidence here, not news for the user
# (records still reach handlers the application configures; only Python's last-resort
# printing to stderr is avoided)
for _name in ("trafilatura", "readability", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(slots=True)
class HtmlPage:
    """A parsed page: its tree, blocks, and per-block features for both block models."""

    tree: HtmlElement
    blocks: list[Block]
    texts: list[str]
    crf_feats: list[list[str]]
    dom: list[list[str]]
    link: list[float]
    cover: list[float]
    more: dict[str, np.ndarray]
    nwords: list[int]
    base: list[list[str]]  # line_features of each block text


def extractor_text(tree: HtmlElement) -> str:
    """trafilatura's main text for the page (it works on its own copy of the tree)."""
    try:
        return trafilatura.extract(tree, include_comments=False, include_tables=True) or ""
    except Exception:  # noqa: BLE001 - a failing extractor is only missing evidence
        return ""


def readability_text(html: str) -> str:
    """readability-lxml's main text for the page (a second opinion)."""
    try:
        from lxml import html as lxml_html
        from readability import Document

        summary = Document(html).summary(html_partial=True)
        return lxml_html.fromstring(summary).text_content() if summary else ""
    except Exception:  # noqa: BLE001 - a failing extractor is only missing evidence
        return ""


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


def _cov_feat(name: str, c: float) -> str:
    return f"{name}={0 if c == 0 else 1 if c < 0.5 else 2 if c < 0.95 else 3}"


def crf_extra(dom: list[list[str]], cover: list[float], tags: list[str]) -> list[list[str]]:
    """DOM features plus trafilatura's verdict, alone and crossed with link density,
    main-container relation and tag (the CRF is linear: it needs the crossings spelled out)."""
    out = []
    for d, c, tag in zip(dom, cover, tags, strict=True):
        tr = _cov_feat("traf", c)
        link = next((x for x in d if x.startswith("link=")), "link=0")
        main = next((x for x in d if x.startswith("main=")), "main=none")
        out.append([*d, tr, f"{tr}&{link}", f"{tr}&{main}", f"{tr}&tag={tag}"])
    return out


def analyse(content: bytes | str) -> HtmlPage | None:
    """Parse, segment and describe a page; None when it has no parseable HTML."""
    html = decode_file(content) if isinstance(content, bytes) else content
    tree = load_html(html)
    if tree is None:
        return None
    ext = extractor_text(tree)
    read = readability_text(html)
    blocks = segment(tree)
    texts = [fix_mojibake(b.text) for b in blocks]
    dom = block_features(blocks)
    cover = coverage(texts, ext)
    rcov = np.array(coverage(texts, read))
    link = [b.link_chars / len(b.text) if b.text else 0.0 for b in blocks]
    tags = [str(b.element.tag) for b in blocks]
    base = [line_features(t) for t in texts]
    crf_feats = sequence_features(texts, crf_extra(dom, cover, tags), base=base)
    more = {"read": rcov, "read_w3": window_mean(rcov, 3), "read_w10": window_mean(rcov, 10)}
    nwords = [len(WORD.findall(t)) for t in texts]
    return HtmlPage(tree, blocks, texts, crf_feats, dom, link, cover, more, nwords, base)


def gbm_matrix(page: HtmlPage, columns: list[str]) -> np.ndarray:
    return matrix(columns, page.texts, page.dom, page.link, page.cover, page.more, page.base)


def body_probability(page: HtmlPage, crf_model: str | Path = crf.BLOCKS_MODEL,
                     gbm_model: str | Path = GBM_MODEL) -> np.ndarray:
    """Per block, the average of the two models' probabilities that it is article body."""
    if not page.blocks:
        return np.zeros(0)
    _, probs = crf.tag_stacked(crf_model, page.crf_feats, page.nwords)
    p_crf = np.array([p.get(crf.BODY, 0.0) for p in probs])
    trees = gbm.load(str(gbm_model))
    p_gbm = trees.proba(gbm_matrix(page, trees.features))
    return (p_crf + p_gbm) / 2


def body_blocks(page: HtmlPage, crf_model: str | Path = crf.BLOCKS_MODEL,
                gbm_model: str | Path = GBM_MODEL,
                repeated: Callable[[list[str]], list[bool]] | None = None) -> list[int]:
    """Indices of the blocks kept as article body."""
    p = body_probability(page, crf_model, gbm_model)
    keep = p > THRESHOLD
    if repeated is not None and page.texts:
        keep &= ~np.array(repeated(page.texts), dtype=bool)
    if not keep.any() and len(p) and p.max() > 0.1:
        keep = p >= p.max() * 0.5  # nothing passed: keep the most body-like blocks
    seen: set[str] = set()
    out = []
    for i in np.flatnonzero(keep):
        t = page.texts[i]
        if page.nwords[i] >= 8:
            if t in seen:
                continue  # the same paragraph twice (mobile/desktop copies of the article)
            seen.add(t)
        out.append(int(i))
    return out


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
               crf_model: str | Path = crf.BLOCKS_MODEL, gbm_model: str | Path = GBM_MODEL,
               repeated: Callable[[list[str]], list[bool]] | None = None) -> Article:
    """Article from an HTML page: body paragraphs joined by blank lines, and metadata."""
    page = analyse(content)
    if page is None:
        return Article(text="", url=url)
    keep = body_blocks(page, crf_model, gbm_model, repeated)
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
    return (fix_mojibake(title) if title else None,
            publication_date(page.tree, pm, url, dateline(page, keep)),
            [fix_mojibake(a) for a in authors(pm)], site_name(pm), declared_url(pm))
