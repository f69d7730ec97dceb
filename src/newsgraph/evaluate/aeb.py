"""Article-body extraction (the article-extraction-benchmark metric).

Each page's gold ``articleBody`` and predicted ``text`` become multisets of 4-word shingles
(case kept). Per page: precision tp/(tp+fp) and recall tp/(tp+fn); a page where both texts
give the same shingles scores 1 and 1; a page with no predicted shingle adds no precision,
one with no gold shingle no recall. Precision and recall are averaged over pages and F1 is
taken of the two averages. A page without a prediction counts as an empty text. Title and
date accuracy are reported over the pages whose truth gives them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.evaluate.errors import EvalError, cannot_read
from newsgraph.evaluate.metrics import shingles, words
from newsgraph.evaluate.predictions import Predictions, Record, index_predictions
from newsgraph.evaluate.report import Report

Truth = dict[str, dict[str, Any]]
Details = dict[str, list[dict[str, Any]]]


def load_truth(path: str | Path) -> Truth:
    """``ground-truth.json``: {page key: {articleBody, title, published, url}}."""
    try:
        with open(path, encoding="utf-8") as f:
            truth = json.load(f)
    except (OSError, UnicodeError) as e:
        raise cannot_read("ground truth", path, e) from None
    except json.JSONDecodeError as e:
        raise EvalError(f"{path}: not JSON: {e}") from None
    if not isinstance(truth, dict) or not all(isinstance(v, dict) for v in truth.values()):
        raise EvalError(f"{path}: not an {{id: {{articleBody, ...}}}} ground truth")
    return truth


def _page_counts(item: dict[str, Any], d: Record | None) -> tuple[int, int, int]:
    g = shingles(item.get("articleBody") or "")
    p = shingles((d or {}).get("text") or "")
    return sum((g & p).values()), sum((p - g).values()), sum((g - p).values())


def _page_details(
    key: str, item: dict[str, Any], d: Record | None, counts: tuple[int, int, int]
) -> dict[str, Any]:
    """One page's precision, recall and F1 (for the details)."""
    tp, fp, fn = counts
    p = 1.0 if fp == fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    r = 1.0 if fp == fn == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "doc": key,
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(f, 4),
        "title": (d or {}).get("title"),
        "gold_title": item.get("title"),
    }


def _metadata(meta: Counter[str], details: Details, key: str, item: dict, d: Record | None) -> None:
    pred = d or {}
    if item.get("title"):
        meta["title_n"] += 1
        ok = words(item["title"]) == words(pred.get("title"))
        meta["title_ok"] += ok
        if not ok:
            details["title_wrong"].append(
                {"doc": key, "gold": item["title"], "pred": pred.get("title")}
            )
    if item.get("published"):
        meta["date_n"] += 1
        ok = str(pred.get("published") or "")[:10] == str(item["published"])[:10]
        meta["date_ok"] += ok
        if not ok:
            details["date_wrong"].append(
                {"doc": key, "gold": item["published"], "pred": pred.get("published")}
            )


def evaluate_aeb(predictions: Predictions, truth: str | Path | Truth) -> Report:
    """Score predicted article bodies (and titles, dates) against a ground truth."""
    preds = index_predictions(predictions)
    truth = load_truth(truth) if isinstance(truth, str | Path) else truth
    precs: list[float] = []
    recs: list[float] = []
    missing: list[str] = []
    meta: Counter[str] = Counter()
    details: Details = {"pages_imperfect": [], "title_wrong": [], "date_wrong": []}
    for key, item in sorted(truth.items()):
        d = preds.get(key) or preds.get("url:" + str(item.get("url")))
        if d is None:
            missing.append(key)
        _metadata(meta, details, key, item, d)
        counts = _page_counts(item, d)
        page = _page_details(key, item, d, counts)
        if page["f1"] < 1.0:
            details["pages_imperfect"].append(page)
        tp, fp, fn = counts
        if fp == fn == 0:
            precs.append(1.0)
            recs.append(1.0)
            continue
        if tp + fp > 0:
            precs.append(tp / (tp + fp))
        if tp + fn > 0:
            recs.append(tp / (tp + fn))
    res, summary = _figures(precs, recs, missing, meta, len(truth))
    details["pages_imperfect"].sort(key=lambda x: (x["f1"], x["doc"]))
    details["documents_missing"] = [{"doc": m} for m in missing]
    return Report("aeb", res, summary, not missing, details)


def _figures(
    precs: list[float], recs: list[float], missing: list[str], meta: Counter[str], n: int
) -> tuple[dict[str, Any], str]:
    pr = sum(precs) / max(len(precs), 1)
    rc = sum(recs) / max(len(recs), 1)
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    res: dict[str, Any] = {
        "documents": n,
        "documents_missing": missing,
        "precision": round(pr, 4),
        "recall": round(rc, 4),
        "f1": round(f1, 4),
    }
    summary = (
        f"aeb: shingle F1 {res['f1']} (P {res['precision']}, R {res['recall']}) over {n} pages"
    )
    if meta["title_n"]:
        res["title_acc"] = round(meta["title_ok"] / meta["title_n"], 4)
        summary += f"; title {res['title_acc']}"
    if meta["date_n"]:
        res["date_acc"] = round(meta["date_ok"] / meta["date_n"], 4)
        summary += f"; date {res['date_acc']}"
    return res, summary


def score_aeb(predictions: Predictions, truth: str | Path | Truth) -> dict[str, Any]:
    """The referee's figures for article-body extraction (see :func:`evaluate_aeb`)."""
    return evaluate_aeb(predictions, truth).scores
