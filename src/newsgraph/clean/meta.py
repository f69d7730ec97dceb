"""Metadata a page declares about itself: <meta> tags, JSON-LD, <title>, headings, <time>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from lxml.html import HtmlElement

ARTICLE_TYPES = re.compile(r"article|posting|report|blog|news|webpage|review|recipe|howto|faq",
                           re.I)


@dataclass(slots=True)
class PageMeta:
    """Everything the page says about itself, unprocessed: names are lower-cased."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property -> contents
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # objects, flattened @graph
    title_tag: str | None = None
    h1: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)  # (datetime attr, itemprop)
    url: str | None = None
    canonical: list[str] = field(default_factory=list)  # <link rel=canonical> hrefs

    def first(self, *names: str) -> str | None:
        for n in names:
            for v in self.meta.get(n, []):
                if v.strip():
                    return v.strip()
        return None

    def ld_articles(self) -> list[dict[str, Any]]:
        """JSON-LD objects that describe a creative work (the article), best first."""
        def kind(o: dict[str, Any]) -> str:
            t = o.get("@type")
            return " ".join(t) if isinstance(t, list) else str(t or "")
        arts = [o for o in self.jsonld if ARTICLE_TYPES.search(kind(o))]
        arts.sort(key=lambda o: 0 if re.search(r"article|posting|report|blog", kind(o), re.I)
                  else 1)
        return arts

    def ld_values(self, key: str) -> list[Any]:
        return [o[key] for o in self.ld_articles() if o.get(key)]

    def site_names(self) -> list[str]:
        """Names the site goes by: og:site_name, publisher names, application name, host."""
        names = [v for n in ("og:site_name", "application-name", "twitter:site",
                             "publisher", "al:ios:app_name")
                 for v in self.meta.get(n, [])]
        for o in self.jsonld:
            pub = o.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                names.append(pub["name"])
            if str(o.get("@type")) in ("WebSite", "Organization", "NewsMediaOrganization") \
                    and isinstance(o.get("name"), str):
                names.append(o["name"])
        if self.url:
            host = urlparse(self.url).netloc.lower()
            if host:
                names.append(host.removeprefix("www."))
        return [n.lstrip("@").strip() for n in names if n and n.strip()]


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _walk_ld(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, list):
        for x in obj:
            yield from _walk_ld(x)
    elif isinstance(obj, dict):
        yield obj
        if "@graph" in obj:
            yield from _walk_ld(obj["@graph"])
        main = obj.get("mainEntity")
        if isinstance(main, dict):
            yield from _walk_ld(main)


def read_meta(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Collect the page's self-description from a parsed tree."""
    pm = PageMeta(url=url)
    for el in tree.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if name and content:
            pm.meta.setdefault(name, []).append(" ".join(content.split()))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text.strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        pm.jsonld.extend(_walk_ld(data))
    t = tree.find(".//title")
    if t is not None:
        pm.title_tag = _text(t) or None
    pm.h1 = [x for x in (_text(h) for h in tree.iter("h1")) if x]
    for el in tree.iter("time"):
        dt = el.get("datetime") or ""
        if dt:
            pm.times.append((dt, (el.get("itemprop") or el.get("class") or "").lower()))
    pm.canonical = [href.strip() for el in tree.iter("link")
                    if "canonical" in (el.get("rel") or "").lower().split()
                    and (href := el.get("href"))]
    if pm.url is None:
        pm.url = pm.first("og:url") or next(
            (el.get("href") for el in tree.iter("link") if el.get("rel") == "canonical"), None)
    return pm


def declared_url(pm: PageMeta) -> str | None:
    """The URL the page declares for itself: ``<link rel=canonical>``, else ``og:url``.

    Only an absolute http(s) URL counts: a relative one resolves against nothing we know
    (the file was saved from somewhere), and other schemes are no page's address."""
    for url in [*pm.canonical, *pm.meta.get("og:url", [])]:
        url = url.strip()
        try:
            parts = urlparse(url)
        except ValueError:  # "http://[::1" and the like
            continue
        if (parts.scheme.lower() in ("http", "https") and parts.hostname
                and not any(c.isspace() or not c.isprintable() for c in url)):
            return url
    return None


def authors(pm: PageMeta) -> list[str]:
    """Author names from JSON-LD, then <meta name=author> / article:author (not URLs)."""
    found: list[str] = []
    for a in pm.ld_values("author"):
        for x in a if isinstance(a, list) else [a]:
            name = x.get("name") if isinstance(x, dict) else x
            if isinstance(name, str):
                found.append(name)
    if not found:
        found = [v for n in ("author", "article:author", "parsely-author", "sailthru.author",
                             "dc.creator", "byl")
                 for v in pm.meta.get(n, [])]
    out: list[str] = []
    for name in found:
        name = re.sub(r"^by\s+", "", name.strip(), flags=re.I)
        if not name or "://" in name or len(name) > 80:
            continue
        for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", name) if len(name) > 40 else [name]:
            if part and part not in out:
                out.append(part)
    return out


def site_name(pm: PageMeta) -> str | None:
    names = pm.site_names()
    return names[0] if names else None
