"""People, titles and speakers on hand-annotated pages (``newsgraph.evaluate.people``).

    python bench/people_dev.py GOLD.jsonl [--mode html|text] [--pages] [--skip ID,...]

GOLD.jsonl: pages annotated by hand, each with "set" (the folder under ../shared/data) and
"id" (html/<id>.html.gz there). html: the pages go through the whole pipeline (cleaning
included), as a user's pages do; text: the ground-truth article body is extracted as clean
text (no cleaning errors). Parses are cached. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.clean import clean_page  # noqa: E402
from newsgraph.evaluate.people import evaluate_people, load_gold  # noqa: E402
from newsgraph.extractors import extract_doc  # noqa: E402
from newsgraph.extractors.train_cues import parse_texts  # noqa: E402
from newsgraph.read import iter_pages  # noqa: E402
from newsgraph.record import Document, Source  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def texts_for(gold: list[dict], mode: str) -> list[str]:
    if mode == "text":
        truth = {}
        for s in {g["set"] for g in gold}:
            truth[s] = json.loads((DATA / s / "ground-truth.json").read_text(encoding="utf-8"))
        return [truth[g["set"]][g["id"]]["articleBody"] for g in gold]
    paths = [str(DATA / g["set"] / "html" / f"{g['id']}.html.gz") for g in gold]
    return [clean_page(p).text for p in iter_pages(paths)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--pages", action="store_true", help="figures per page too")
    ap.add_argument("--skip", default="", help="page ids to leave out, comma-separated")
    ap.add_argument("--dump", type=Path, help="write the records here (JSON Lines)")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    gold = [g for g in load_gold(args.gold) if g["id"] not in skip]
    texts = texts_for(gold, args.mode)
    recs = {}
    for g, text, doc in zip(gold, texts, parse_texts(texts), strict=True):
        x = extract_doc(doc)
        recs[g["id"]] = Document(
            id=g["id"], source=Source(g["id"], None, args.mode), text=text,
            entities=x.entities, quotes=x.quotes, events=x.events,
        ).to_dict()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for r in recs.values():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = evaluate_people(gold, recs)
    if not args.pages:
        out.pop("pages")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
