"""events-dev (``shared/data/events-dev``): news documents annotated with events to
``shared/EVENTS.md``, read as the referee's ``dev.sh events`` reads them.

``gold.json`` is ``{id: {"source", "published", "events": [...]}}``. WCXB pages are
cleaned from their HTML (``wcxb-dev-articles/html/<id>.html.gz``), with the publication
date the page gives; PolNeAR and GGT texts are read raw (``polnear/dev/text/<id>.txt``,
``ggt-dev/text/<id>.txt``), with no publication date, as ``newsgraph extract --raw``
reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.evaluate.events import load_events_gold

WHERE = {
    "wcxb-dev": "wcxb-dev-articles/html/{}.html.gz",
    "polnear-dev": "polnear/dev/text/{}.txt",
    "ggt-dev": "ggt-dev/text/{}.txt",
}


@dataclass(slots=True)
class EventsDoc:
    key: str
    text: str
    published: str | None
    gold: dict[str, Any]


def load_events_dev(gold_path: str | Path, data: str | Path | None = None) -> list[EventsDoc]:
    """The annotated documents in key order; ``data`` is the folder holding the sources
    (default: the gold file's grandparent, ``shared/data``)."""
    from newsgraph.clean import SiteMemory, clean_page
    from newsgraph.read import iter_pages

    gold = load_events_gold(gold_path)
    root = Path(data) if data is not None else Path(gold_path).resolve().parent.parent
    out: dict[str, EventsDoc] = {}
    html = [k for k in sorted(gold) if gold[k].get("source", "wcxb-dev") == "wcxb-dev"]
    memory = SiteMemory()  # as one `newsgraph extract` run over the pages would have
    paths = [str(root / WHERE["wcxb-dev"].format(k)) for k in html]
    for k, page in zip(html, iter_pages(paths), strict=True):
        art = clean_page(page, context=memory)
        out[k] = EventsDoc(k, art.text, art.published, gold[k])
    for k in sorted(gold):
        if k in out:
            continue
        path = root / WHERE[gold[k]["source"]].format(k)
        out[k] = EventsDoc(k, path.read_text(encoding="utf-8"), None, gold[k])
    return [out[k] for k in sorted(out)]
