"""Events on events-dev, fast: the documents are read as the referee's ``dev.sh events``
reads them (WCXB pages cleaned from HTML, PolNeAR and GGT texts raw, no publication date
for those), parsed once (cached), extracted in-process and scored with the project's copy
of the referee's ``events`` mode (``newsgraph.evaluate.events``).

    python bench/events_dev.py [--folds K] [--only 1,2,4] [--errors] [--cv]

--only     score only the documents of these folds (of a K-fold split by article,
           ``newsgraph.evaluate.cv.article_folds``); default: every document.
--per-fold also print each fold's figures.
--errors   print the missed, spurious and wrong events of the scored documents.
--cv       cross-validate the learned event filter: for each fold, fit it on the other
           folds' documents and score the fold with it (``events_model.py``).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluate.cv import article_folds  # noqa: E402
from newsgraph.evaluate.events import evaluate_events, load_events_gold  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
GOLD = DATA / "events-dev" / "gold.json"
WHERE = {
    "wcxb-dev": "wcxb-dev-articles/html/{}.html.gz",
    "polnear-dev": "polnear/dev/text/{}.txt",
    "ggt-dev": "ggt-dev/text/{}.txt",
}
CACHE = Path("/tmp/newsgraph-cache")


def _texts(gold: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """(key, clean text, publication date) of every gold document, as dev.sh reads them."""
    cache = CACHE / "events-dev-texts.2.json"  # .2: raw texts dated by their file names
    if cache.exists():
        return [tuple(x) for x in json.loads(cache.read_text())]  # type: ignore[misc]
    from newsgraph.clean import SiteMemory, clean_page
    from newsgraph.clean.dates import reference_date
    from newsgraph.read import iter_pages

    out = []
    memory = SiteMemory()
    keys = sorted(gold)
    html = [k for k in keys if gold[k].get("source", "wcxb-dev") == "wcxb-dev"]
    raw = [k for k in keys if k not in html]
    for k, page in zip(html, iter_pages([str(DATA / WHERE["wcxb-dev"].format(k)) for k in html]),
                       strict=True):
        art = clean_page(page, context=memory)
        out.append((k, art.text, art.published))
    for k in raw:
        path = DATA / WHERE[gold[k]["source"]].format(k)
        # raw mode: no date in the text's markup; the file name's, as the pipeline reads it
        out.append((k, path.read_text(encoding="utf-8"), reference_date(str(path), None)))
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out))
    return out


def records(gold: dict[str, Any], models: Any = None) -> dict[str, dict[str, Any]]:
    from newsgraph.extractors import extract_doc
    from newsgraph.extractors.train_cues import parse_texts
    from newsgraph.record import Document, Source

    items = [x for x in _texts(load_events_gold(GOLD)) if x[0] in gold]  # cache holds all
    docs = parse_texts([t for _, t, _ in items], CACHE)
    out = {}
    for (key, text, published), doc in zip(items, docs, strict=True):
        x = extract_doc(doc, published, models)
        out[key] = Document(
            id=key, source=Source(key, None, "text"), text=text, published=published,
            entities=x.entities, quotes=x.quotes, events=x.events,
        ).to_dict()
    return out


def figures(rep: Any) -> dict[str, Any]:
    s = rep.scores
    return {
        "events": s["events"], "gold": s["gold_events"], "pred": s["pred_events"],
        "participants_f1": s["participants"]["f1"], "place": s["place_acc"],
        "date": s["date_acc"], "status": s["status_acc"],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--per-fold", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--types", action="store_true")
    ap.add_argument("--show", action="store_true", help="each document's events and gold")
    args = ap.parse_args()
    gold = load_events_gold(GOLD)
    folds = article_folds(list(gold), args.folds)
    chosen = [int(x) for x in args.only.split(",") if x.strip()] or list(range(args.folds))
    keys = set().union(*(folds[i] for i in chosen))
    sub = {k: v for k, v in gold.items() if k in keys}
    recs = records(sub)
    rep = evaluate_events(recs, sub)
    out: dict[str, Any] = {"folds": chosen, "all": figures(rep)}
    if args.per_fold:
        out["per_fold"] = {
            i: figures(evaluate_events(recs, {k: v for k, v in sub.items() if k in folds[i]}))
            for i in chosen
        }
    if args.types:
        out["per_type"] = rep.scores["per_type"]
    if args.errors:
        out["missed"] = rep.scores["missed"]
        out["spurious"] = rep.scores["spurious"]
        out["wrong"] = rep.scores["wrong_attributes"]
    if args.show:
        for k in sorted(sub):
            show(k, recs[k], sub[k])
    print(json.dumps(out, indent=1, ensure_ascii=False))


def show(key: str, rec: dict[str, Any], gold: dict[str, Any]) -> None:
    names = {e["id"]: e["name"] for e in rec["entities"]}
    print(f"## {key}")
    for e in gold["events"]:
        print(f"  GOLD {e['type']:11} {e['trigger']!r:30} {e['participants']} | {e['place']} | "
              f"{e['date']} | {e['status']}")
    for v in rec["events"]:
        parts = [names.get(p, p) for p in v["participants"]]
        print(f"  PRED {v['type']:11} {v['trigger']['text']!r:30} {parts} | {v['place']} | "
              f"{v['date']} | {v['status']}")


if __name__ == "__main__":
    main()
