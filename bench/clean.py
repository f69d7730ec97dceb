"""Speed of the cleaning stage beside trafilatura alone, on the same pages, in one run.

    .venv/bin/python bench/clean.py [--data DIR] [--limit N]

Prints JSON: pages/s (and words of output per second) for HTML input through
``clean_page``, for trafilatura's ``extract`` with default settings on the same HTML, for
scraped-text input through ``clean_page``, and the ratios. Single process, after one warm-up
page (model loading and htmldate's first-use setup are reported apart as ``first_page_s``).
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

import trafilatura

from newsgraph.clean import CleanError, clean_page
from newsgraph.clean.train import read_html
from newsgraph.page import RawPage

DATA = Path("/work/shared/data/wcxb-dev-articles")


def timed(fn, items) -> tuple[float, int]:
    """Seconds of CPU for ``fn`` over ``items`` and the words it produced."""
    words = 0
    t = time.process_time()
    for x in items:
        out = fn(x)
        words += len(out.split()) if out else 0
    return time.process_time() - t, words


def ours(page: RawPage) -> str:
    try:
        return clean_page(page).text
    except CleanError:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    a = ap.parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    html_paths = sorted((a.data / "html").glob("*.html*"))
    text_paths = sorted((a.data / "text").glob("*.txt"))
    if a.limit:
        html_paths, text_paths = html_paths[: a.limit], text_paths[: a.limit]
    html = [read_html(p) for p in html_paths]
    texts = [p.read_text(encoding="utf-8") for p in text_paths]
    html_pages = [RawPage(content=h, kind="html", format="html") for h in html]
    text_pages = [RawPage(content=t, kind="text", format="text") for t in texts]

    t = time.process_time()
    ours(html_pages[0])
    ours(text_pages[0])
    first = time.process_time() - t
    t_ours, w_ours = timed(ours, html_pages)
    t_traf, w_traf = timed(lambda h: trafilatura.extract(h), html)
    t_text, w_text = timed(ours, text_pages)
    res = {
        "pages": len(html),
        "first_page_s": round(first, 2),
        "html": {"pages_per_s": round(len(html) / t_ours, 1),
                 "ms_per_page": round(1000 * t_ours / len(html), 1),
                 "output_words_per_s": round(w_ours / t_ours)},
        "trafilatura_default": {"pages_per_s": round(len(html) / t_traf, 1),
                                "ms_per_page": round(1000 * t_traf / len(html), 1),
                                "output_words_per_s": round(w_traf / t_traf)},
        "text": {"pages_per_s": round(len(texts) / t_text, 1),
                 "ms_per_page": round(1000 * t_text / len(texts), 1),
                 "output_words_per_s": round(w_text / t_text)},
        "html_vs_trafilatura_time_ratio": round(t_ours / t_traf, 2),
        "text_vs_trafilatura_time_ratio": round(t_text / t_traf, 2),
        "note": "CPU seconds (process_time), one process; spaCy parses ~6,000 words/CPU-s",
    }
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
