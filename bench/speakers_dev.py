"""Entities and speakers on the development sets, fast: parses are cached, extraction runs
in-process, scores come from the project's copies of the referee's metrics.

    python bench/speakers_dev.py [ggt] [polnear] [gum] [--folds K] [--errors]

ggt      GGT dev: quote F1 and speaker accuracy (raw mode, as the referee runs it), also
         per fold of a K-fold split by article (the folds the speaker ranker is
         cross-validated on: `newsgraph train speakers --cv`).
polnear  PolNeAR dev: exact source / cue / content F1.
gum      GUM (108 documents, never used to write a rule): person mentions found and typed,
         names clustered, "he"/"she" resolved to the chain's named person
         (`newsgraph.evaluate.gum`).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.evaluate.cv import article_folds  # noqa: E402
from newsgraph.evaluate.ggt import evaluate_ggt, load_ggt  # noqa: E402
from newsgraph.evaluate.gum import evaluate_gum  # noqa: E402
from newsgraph.evaluate.metrics import norm_name  # noqa: E402
from newsgraph.evaluate.polnear import evaluate_polnear, load_polnear  # noqa: E402
from newsgraph.extractors import extract_doc  # noqa: E402
from newsgraph.extractors.train_cues import parse_texts  # noqa: E402
from newsgraph.record import Document, Source  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def records(keys: list[str], texts: list[str]) -> list[dict]:
    docs = parse_texts(texts)
    out = []
    for key, text, doc in zip(keys, texts, docs, strict=True):
        x = extract_doc(doc)
        out.append(
            Document(
                id=key, source=Source(key, None, "text"), text=text,
                entities=x.entities, quotes=x.quotes, events=x.events,
            ).to_dict()
        )
    return out


def run_ggt(folds: int, errors: bool) -> dict:
    gold = load_ggt(DATA / "ggt-dev" / "gold.jsonl")
    recs = records([g["id"] for g in gold], [g["text"] for g in gold])
    rep = evaluate_ggt(recs, gold)
    res = rep.scores
    out = {k: res[k] for k in ("quotes_strict_0.3", "quotes_strict_0.8",
                                "speaker_resolved_acc_0.3", "pronoun_resolved_acc_0.3")}
    out["people"] = people_figures(gold, recs)
    if folds > 1:
        per = []
        for test in article_folds([g["id"] for g in gold], folds):
            sub = [g for g in gold if g["id"] in test]
            f = evaluate_ggt([x for x in recs if x["id"] in test], sub).scores
            per.append(f["speaker_resolved_acc_0.3"])
        out["per_fold_speaker"] = per
    if errors:
        out["speaker_errors"] = rep.details.get("wrong_speaker", [])
    return out


def people_figures(gold: list[dict], recs: list[dict]) -> dict:
    """Our PERSON entities against each article's gold list of people, by name (a full
    name, or a surname shared with exactly one gold person)."""
    tp_p = n_p = tp_r = n_g = 0
    for g, r in zip(gold, recs, strict=True):
        names = [norm_name(x) for x in g.get("people") or [] if x]
        pred = [norm_name(e["name"]) for e in r["entities"] if e["type"] == "PERSON"]
        n_g += len(names)
        n_p += len(pred)
        tp_p += sum(1 for p in pred if any(_same_person(p, n) for n in names))
        tp_r += sum(1 for n in names if any(_same_person(p, n) for p in pred))
    return prf_counts(tp_p, n_p, tp_r, n_g)


def _same_person(pred: str, gold: str) -> bool:
    return pred == gold or (pred.split()[-1:] == gold.split()[-1:] and len(pred.split()) == 1)


def prf_counts(tp_p: int, n_p: int, tp_r: int, n_g: int) -> dict:
    p, r = tp_p / max(n_p, 1), tp_r / max(n_g, 1)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "pred": n_p, "gold": n_g}


def run_polnear() -> dict:
    root = DATA / "polnear" / "dev"
    arts = load_polnear(root)
    recs = records([a.stem for a in arts], [a.text for a in arts])
    return {"summary": evaluate_polnear(recs, arts).summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", default=["ggt", "polnear", "gum"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", action="store_true", help="list the GGT speaker errors")
    args = ap.parse_args()
    out: dict = {}
    for s in args.sets:
        t0 = time.time()
        if s == "ggt":
            out["ggt"] = run_ggt(args.folds, args.errors)
        elif s == "polnear":
            out["polnear"] = run_polnear()
        elif s == "gum":
            out["gum"] = evaluate_gum(DATA / "gum")
        else:
            ap.error(f"unknown set {s!r}")
        out.setdefault("seconds", {})[s] = round(time.time() - t0, 1)
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
