"""Source gender of the GGT dev speakers (issue 16), against ``training/ggt-dev-gender.jsonl``.

    python bench/gender_dev.py [--gold training/ggt-dev-gender.jsonl] [--data DIR] [--errors]
    python bench/gender_dev.py --wcxb      # the people of training/wcxb-people.jsonl too

The 30 GGT dev texts (``../shared/data/ggt-dev/text/<id>.txt``) are extracted as clean text
(``--raw``, as the referee runs them; parses are cached), and each hand-annotated speaker's
entity is scored (``newsgraph.evaluate.gender``): precision of the genders given, coverage
of the speakers, per evidence kind, and the given-name table alone. ``--wcxb`` also scores
every person named on the 80 WCXB pages of ``training/wcxb-people.jsonl`` (annotated
earlier, for entities, with the gender "where the page itself shows it"; no gender: unknown),
their ground-truth bodies extracted as clean text. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluate.gender import load_gold, score_genders  # noqa: E402
from newsgraph.extractors import extract_doc  # noqa: E402
from newsgraph.extractors.train_cues import parse_texts  # noqa: E402
from newsgraph.record import Document, Source  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ggt-dev"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "training" / "ggt-dev-gender.jsonl")
    ap.add_argument("--data", type=Path, default=DATA, help="the ggt-dev folder")
    ap.add_argument("--errors", action="store_true", help="list the wrong genders")
    ap.add_argument("--wcxb", action="store_true", help="also the WCXB pages' people")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    ids = sorted({g["id"] for g in gold})
    texts = [(args.data / "text" / f"{i}.txt").read_text(encoding="utf-8") for i in ids]
    recs = {}
    for i, text, doc in zip(ids, texts, parse_texts(texts), strict=True):
        x = extract_doc(doc)
        recs[i] = Document(id=i, source=Source(i, None, "text"), text=text,
                           entities=x.entities, quotes=x.quotes, events=x.events).to_dict()
    out = {"ggt_dev_speakers": score_genders(gold, recs)}
    if args.wcxb:
        out["wcxb_people"] = score_genders(*wcxb())
    for v in out.values():
        if not args.errors:
            v.pop("errors")
    print(json.dumps(out, indent=1))


def wcxb() -> tuple[list[dict[str, str]], dict[str, dict]]:
    pages = [json.loads(x) for x in (ROOT / "training" / "wcxb-people.jsonl")
             .read_text(encoding="utf-8").splitlines() if x.strip()]
    truth = {s: json.loads((DATA.parent / s / "ground-truth.json").read_text(encoding="utf-8"))
             for s in {p["set"] for p in pages}}
    texts = [truth[p["set"]][p["id"]]["articleBody"] for p in pages]
    sex = {"f": "female", "m": "male", None: "unknown"}
    gold, recs = [], {}
    for p, text, doc in zip(pages, texts, parse_texts(texts), strict=True):
        key = f"{p['set']}/{p['id']}"
        x = extract_doc(doc)
        recs[key] = Document(id=key, source=Source(key, None, "text"), text=text,
                             entities=x.entities).to_dict()
        gold += [{"id": key, "person": q["name"], "gender": sex[q.get("gender")]}
                 for q in p["people"]]
    return gold, recs


if __name__ == "__main__":
    main()
