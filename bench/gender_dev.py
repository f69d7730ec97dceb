"""Source gender of the GGT dev speakers (issue 16), against ``training/ggt-dev-gender.jsonl``.

    python bench/gender_dev.py [--gold training/ggt-dev-gender.jsonl] [--data DIR] [--errors]

The 30 GGT dev texts (``../shared/data/ggt-dev/text/<id>.txt``) are extracted as clean text
(``--raw``, as the referee runs them; parses are cached), and each hand-annotated speaker's
entity is scored (``newsgraph.evaluate.gender``): precision of the genders given, coverage
of the speakers, per evidence kind, and the given-name table alone. Prints JSON.
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
    args = ap.parse_args()
    gold = load_gold(args.gold)
    ids = sorted({g["id"] for g in gold})
    texts = [(args.data / "text" / f"{i}.txt").read_text(encoding="utf-8") for i in ids]
    recs = {}
    for i, text, doc in zip(ids, texts, parse_texts(texts), strict=True):
        x = extract_doc(doc)
        recs[i] = Document(id=i, source=Source(i, None, "text"), text=text,
                           entities=x.entities, quotes=x.quotes, events=x.events).to_dict()
    out = score_genders(gold, recs)
    if not args.errors:
        out.pop("errors")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
