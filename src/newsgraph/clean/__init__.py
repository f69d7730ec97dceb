"""The cleaning stage: RawPage -> Article (body text, title, date, authors, site).

HTML pages go through ``html.clean_html`` (trafilatura's extraction as evidence, our block
classifier decides); scraped text (one block per line, site junk included) through
``text.clean_text`` (a line classifier). ``raw=True`` takes the input as clean text, verbatim.
"""

from __future__ import annotations

from ..page import Article, RawPage
from .language import detect_language
from .memory import SiteMemory, site_of

__all__ = ["CleanError", "SiteMemory", "clean_page"]


class CleanError(Exception):
    """The page yields no article text."""


def _as_text(content: bytes | str) -> str:
    return content if isinstance(content, str) else content.decode("utf-8", errors="replace")


def clean_page(page: RawPage, raw: bool = False, context: SiteMemory | None = None) -> Article:
    """Clean one page. ``context`` (one per worker process) lets lines that recur on other
    pages of the same site count as boilerplate. Container metadata (``page.title``,
    ``page.published``) wins over what the page itself says."""
    if page.error:
        raise CleanError(page.error)
    if raw:
        art = Article(text=_as_text(page.content))
    elif page.kind == "html":
        from .html import clean_html

        site = site_of(page.url)
        rep = (lambda lines: context.repeated(site, lines)) if context is not None else None
        art = clean_html(page.content, url=page.url, repeated=rep)
    elif page.kind == "text":
        from .text import clean_text

        site = site_of(page.url)
        rep = (lambda lines: context.repeated(site, lines)) if context is not None else None
        art = clean_text(_as_text(page.content), repeated=rep)
    else:
        raise CleanError(f"cannot clean a page of kind {page.kind!r} (expected html or text)")
    if page.title:
        art.title = page.title
    if page.published:
        art.published = page.published
    if page.url:
        art.url = page.url
    n = sum(1 for w in art.text.split() if any(c.isalnum() for c in w))
    if n == 0:
        raise CleanError(f"no article text found (page has {n} words after cleaning)")
    art.language = detect_language(art.text, art.title)
    return art
