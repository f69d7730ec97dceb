"""Cue-head detection on PolNeAR dev: the learned model against the reporting-verb lexicon.

    python bench/cue_dev.py [--model PATH | --train] [--dev DIR] [--cache DIR]

Gold: the head token of each cue span of the dev annotations (as train_cues labels them).
Scores, per threshold:
  head:  a predicted token is right when it is a gold cue head;
  span:  a predicted token is right when it lies inside a gold cue span, and a gold cue
         is found when any of its tokens is predicted (what a span-growing caller needs).
Baseline: the current rule (lemma in CUE_VERBS with POS VERB/AUX, or "according").
Also: the lemmas behind most false negatives and false positives at the default threshold,
and the scoring time against the spaCy parse time on the same articles. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import nlp as nlp_mod  # noqa: E402
from newsgraph.corpora.polnear import Article, load_split  # noqa: E402
from newsgraph.extractors.cuemodel import DEFAULT_MODEL, CueModel  # noqa: E402
from newsgraph.extractors.lexicon import CUE_VERBS  # noqa: E402
from newsgraph.extractors.train_cues import (  # noqa: E402
    DEFAULT_CACHE,
    cue_heads,
    parse_articles,
    train_cues,
)

DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
DEFAULT_THRESHOLD = 0.5
TIMING_DOCS = 30

Scorer = Callable[[Doc], list[float]]


def lexicon_scores(doc: Doc) -> list[float]:
    """The current rule as a 0/1 score."""
    return [
        1.0
        if (t.lemma_.lower() in CUE_VERBS and t.pos_ in ("VERB", "AUX")) or t.lower_ == "according"
        else 0.0
        for t in doc
    ]


def _prf(tp: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def evaluate(
    docs: Sequence[Doc],
    gold: Sequence[dict[int, list[int]]],
    scores: Sequence[list[float]],
    thresholds: Sequence[float],
) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for th in thresholds:
        c: Counter = Counter()
        for heads, sc in zip(gold, scores, strict=True):
            pred = {i for i, p in enumerate(sc) if p >= th}
            inside = {i for toks in heads.values() for i in toks}
            c["pred"] += len(pred)
            c["gold"] += len(heads)
            c["head_tp"] += len(pred & set(heads))
            c["span_tp"] += len(pred & inside)
            c["span_found"] += sum(1 for toks in heads.values() if pred & set(toks))
        out[str(th)] = {
            "head": _prf(c["head_tp"], c["pred"], c["head_tp"], c["gold"]),
            "span": _prf(c["span_tp"], c["pred"], c["span_found"], c["gold"]),
            "predicted": c["pred"],
        }
    return out


def errors(
    docs: Sequence[Doc],
    gold: Sequence[dict[int, list[int]]],
    scores: Sequence[list[float]],
    th: float,
    top: int = 20,
) -> dict[str, list]:
    fn: Counter = Counter()
    fp: Counter = Counter()
    fn_pos: Counter = Counter()
    for doc, heads, sc in zip(docs, gold, scores, strict=True):
        inside = {i for toks in heads.values() for i in toks}
        for i in heads:
            if sc[i] < th:
                fn[doc[i].lemma_.lower()] += 1
                fn_pos[doc[i].pos_] += 1
        for i, p in enumerate(sc):
            if p >= th and i not in inside:
                fp[doc[i].lemma_.lower()] += 1
    return {
        "false_negatives": fn.most_common(top),
        "false_negative_pos": fn_pos.most_common(),
        "false_positives": fp.most_common(top),
    }


def overhead(texts: Sequence[str], model: CueModel, repeat: int = 3) -> dict[str, float]:
    """Parse time vs scoring time on the same articles (scoring: best of ``repeat``)."""
    nlp = nlp_mod.load()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=nlp_mod.BATCH_SIZE))
    parse_s = time.perf_counter() - t0
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            model.scores(d)
        best = min(best, time.perf_counter() - t0)
    ntok = sum(len(d) for d in docs)
    return {
        "articles": len(docs),
        "tokens": ntok,
        "parse_s": round(parse_s, 3),
        "parse_tokens_per_s": round(ntok / parse_s),
        "score_s": round(best, 3),
        "score_us_per_token": round(1e6 * best / ntok, 2),
        "overhead": round(best / parse_s, 4),
    }


def run(
    model: CueModel,
    dev: Sequence[Article],
    docs: Sequence[Doc],
    timing_docs: int = TIMING_DOCS,
) -> dict:
    gold = [cue_heads(d, a) for d, a in zip(docs, dev, strict=True)]
    model_scores = [model.scores(d) for d in docs]
    lex = [lexicon_scores(d) for d in docs]
    res = {
        "dev_articles": len(dev),
        "gold_cue_heads": sum(len(g) for g in gold),
        "model": evaluate(docs, gold, model_scores, THRESHOLDS),
        "lexicon": evaluate(docs, gold, lex, (0.5,))["0.5"],
        "model_errors": errors(docs, gold, model_scores, DEFAULT_THRESHOLD),
        "lexicon_errors": errors(docs, gold, lex, 0.5, top=10),
        "model_meta": model.meta,
    }
    if timing_docs:
        res["timing"] = overhead([a.text for a in dev[:timing_docs]], model)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--train", action="store_true", help="train a fresh model on TRAIN first")
    ap.add_argument("--train-dir", type=Path, default=TRAIN)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--cache", default=str(DEFAULT_CACHE), help="parse cache dir ('' = none)")
    ap.add_argument("--C", type=float, default=None)
    ap.add_argument("--timing-docs", type=int, default=TIMING_DOCS)
    a = ap.parse_args()
    cache = Path(a.cache) if a.cache else None
    if a.train:
        kw = {} if a.C is None else {"C": a.C}
        with tempfile.TemporaryDirectory() as tmp:
            model = train_cues(a.train_dir, Path(tmp) / "cues.json", cache_dir=cache, **kw)
    else:
        model = CueModel.load(a.model)
    dev = load_split(a.dev)
    docs = parse_articles(dev, cache)
    print(json.dumps(run(model, dev, docs, a.timing_docs), indent=1))


__all__ = ["evaluate", "errors", "lexicon_scores", "overhead", "run"]

if __name__ == "__main__":
    main()
