"""newsgraph: raw news pages in, who-said-what records out.

    import newsgraph
    doc = newsgraph.extract(html_or_text, url=None, raw=False)      # -> newsgraph.record.Document
    for rec in newsgraph.extract_many(["crawl.warc.gz", "pages/"], workers=2): ...

The heavy parts (spaCy) load on first use, not on import.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_many"):
        from newsgraph import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
