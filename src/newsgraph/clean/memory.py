"""Site memory: lines that recur on several pages of one site are page furniture.

A batch of pages from one site shares its navigation, footer, newsletter box and "related"
headings. ``SiteMemory`` remembers, per site, which lines (and HTML blocks) it has seen on
how many distinct pages; a line seen on ``min_pages`` earlier pages of the same site is
junk on this one. Pages are keyed by URL host; a page without a URL has no known site and
gets no memory (a directory of files may mix sites, and a wire story republished by several
of them must keep its paragraphs). Memory is
bounded: at most ``max_sites`` sites (least recently used dropped) and ``max_lines`` lines per
site (least seen dropped). A page never counts against itself, so a page alone in its batch
is cleaned exactly as without memory; a page that repeats an earlier page almost wholly (a
duplicate in the crawl) is left alone.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from urllib.parse import urlparse


def _key(line: str) -> bytes:
    return hashlib.blake2b(" ".join(line.lower().split()).encode("utf-8"), digest_size=8).digest()


def site_of(url: str | None) -> str | None:
    """The site a page belongs to: its URL host (None without a URL)."""
    if url:
        host = urlparse(url).netloc.lower().removeprefix("www.")
        if host:
            return host
    return None


class SiteMemory:
    """Per-site counts of the pages each line appeared on (bounded)."""

    def __init__(self, min_pages: int = 2, max_sites: int = 256, max_lines: int = 20000,
                 max_share: float = 0.8) -> None:
        self.min_pages = min_pages
        self.max_sites = max_sites
        self.max_lines = max_lines
        self.max_share = max_share
        self._sites: OrderedDict[str, Counter[bytes]] = OrderedDict()
        self._pages: OrderedDict[str, set[bytes]] = OrderedDict()  # page fingerprints per site

    def __len__(self) -> int:
        return len(self._sites)

    def repeated(self, site: str | None, lines: list[str]) -> list[bool]:
        """Which of ``lines`` were seen on ``min_pages`` earlier pages of ``site``; then
        remember this page's lines."""
        if site is None:
            return [False] * len(lines)
        counts = self._sites.get(site)
        keys = [_key(x) for x in lines]
        if counts is None:
            counts = self._sites[site] = Counter()
            self._pages[site] = set()
            while len(self._sites) > self.max_sites:
                old, _ = self._sites.popitem(last=False)
                self._pages.pop(old, None)
        self._sites.move_to_end(site)
        fingerprint = _key("\n".join(lines))
        seen = self._pages[site]
        again = fingerprint in seen  # the very same page again: it is not its own evidence
        need = self.min_pages + (1 if again else 0)
        hits = [counts[k] >= need for k in keys]
        sizes = [len(x.split()) for x in lines]
        total = sum(sizes)
        if total and sum(n for n, h in zip(sizes, hits, strict=True) if h) / total > self.max_share:
            hits = [False] * len(lines)  # a near-duplicate page: do not empty it
        if again:
            return hits
        seen.add(fingerprint)
        if len(seen) > self.max_lines:
            seen.clear()
        counts.update(set(keys))
        if len(counts) > self.max_lines:
            for k, _ in counts.most_common()[self.max_lines // 2:]:
                del counts[k]
        return hits
