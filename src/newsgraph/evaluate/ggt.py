"""GGT-style evaluation: quotes with resolved speakers (``gold.jsonl``, one article a line).

A gold quote and a predicted quote match when their token sets (``\\w+`` tokens wholly
inside the span) cover each other: strict needs both coverages >= the threshold, loose
(GGT's own rule) only the gold one. Matching is one-to-one, best pairs first, at 0.3 and
0.8. Speakers are judged on the strict matches: the prediction's resolved name (else its
mention) must equal the gold ``reference`` after normalisation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.evaluate.errors import EvalError, cannot_read, text_differs
from newsgraph.evaluate.metrics import (
    MODES,
    PRONOUNS,
    THRESHOLDS,
    Tokens,
    excerpt,
    greedy_match,
    is_speech,
    prf,
    set_coverage,
    speaker_name,
    speaker_ok,
    surname_ok,
    tokset,
    word_spans,
)
from newsgraph.evaluate.predictions import Predictions, Record, index_predictions
from newsgraph.evaluate.report import Report

GoldArticle = dict[str, Any]
Items = list[dict[str, Any]]
DETAIL_THRESHOLD = 0.3  # the details list the errors of strict matching at this threshold


def load_ggt(path: str | Path) -> list[GoldArticle]:
    """The gold articles of a GGT-style ``gold.jsonl`` (each with ``id``, ``text``, ``quotes``)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = list(f)  # not str.splitlines: a JSON string may hold U+2028
    except (OSError, UnicodeError) as e:
        raise cannot_read("GGT gold", path, e) from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalError(f"{path}:{n}: not JSON: {e}") from None
        if not isinstance(g, dict) or not {"id", "text", "quotes"} <= g.keys():
            raise EvalError(f"{path}:{n}: a GGT gold line needs id, text and quotes")
        out.append(g)
    return out


def _gold_quotes(g: GoldArticle) -> list[dict[str, Any]]:
    return [q for q in g["quotes"] if q.get("quote_span") and None not in q["quote_span"]]


def _pred_quotes(d: Record) -> list[dict[str, Any]]:
    return [
        q
        for q in d.get("quotes", [])
        if isinstance(q.get("content"), dict) and q["content"].get("start") is not None
        and is_speech(q)
    ]


def _reference(q: dict[str, Any]) -> str | None:
    return q.get("reference") or q.get("speaker")


def _speakers(
    tot: Counter[str], th: float, pairs: list[tuple[int, int]], gq: Items, pq: Items
) -> None:
    for i, j in pairs:
        tot[f"sp_n_{th}"] += 1
        ref, pname = _reference(gq[i]), speaker_name(pq[j])
        tot[f"sp_ok_{th}"] += speaker_ok(ref, pname)
        tot[f"sp_sur_{th}"] += surname_ok(ref, pname)
        pronoun = (gq[i].get("speaker") or "").lower() in PRONOUNS
        tot[f"pro_n_{th}"] += pronoun
        tot[f"pro_ok_{th}"] += pronoun and speaker_ok(ref, pname)


def _note_errors(
    details: dict[str, list[dict[str, Any]]],
    g: GoldArticle,
    gq: Items,
    pq: Items,
    pairs: list[tuple[int, int]],
) -> None:
    text, doc = g["text"], g["id"]
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, q in enumerate(gq):
        if i not in matched_g:
            s, e = q["quote_span"]
            details["missed"].append(
                {"doc": doc, "quote": excerpt(text[s:e]), "speaker": _reference(q)}
            )
    for j, q in enumerate(pq):
        if j not in matched_p:
            details["extra"].append(
                {"doc": doc, "quote": excerpt(q["content"].get("text")), "speaker": speaker_name(q)}
            )
    for i, j in pairs:
        ref, pname = _reference(gq[i]), speaker_name(pq[j])
        if not speaker_ok(ref, pname):
            s, e = gq[i]["quote_span"]
            details["wrong_speaker"].append(
                {"doc": doc, "quote": excerpt(text[s:e]), "gold": ref, "pred": pname}
            )


def _score_article(
    g: GoldArticle, d: Record, tot: Counter[str], details: dict[str, list[dict[str, Any]]]
) -> None:
    text = g["text"]
    toks: Tokens = word_spans(text)
    gq, pq = _gold_quotes(g), _pred_quotes(d)
    gt = [tokset(toks, [q["quote_span"]]) for q in gq]
    pt = [tokset(toks, [(q["content"]["start"], q["content"]["end"])]) for q in pq]
    tot["gold"] += len(gq)
    tot["pred"] += len(pq)
    for th in THRESHOLDS:
        mm = greedy_match(gt, pt, set_coverage, th)
        for mode in MODES:
            tot[f"tp_{mode}_{th}"] += len(mm[mode])
        _speakers(tot, th, mm["strict"], gq, pq)
        if th == DETAIL_THRESHOLD:
            _note_errors(details, g, gq, pq, mm["strict"])


def _figures(tot: Counter[str], missing: list[str]) -> dict[str, Any]:
    res: dict[str, Any] = {
        "documents_missing": missing,
        "gold_quotes": tot["gold"],
        "pred_quotes": tot["pred"],
    }
    for th in THRESHOLDS:
        for mode in MODES:
            res[f"quotes_{mode}_{th}"] = prf(tot[f"tp_{mode}_{th}"], tot["pred"], tot["gold"])
        n = max(tot[f"sp_n_{th}"], 1)
        res[f"speaker_resolved_acc_{th}"] = round(tot[f"sp_ok_{th}"] / n, 4)
        res[f"speaker_surname_acc_{th}"] = round(tot[f"sp_sur_{th}"] / n, 4)
        res[f"pronoun_resolved_acc_{th}"] = round(
            tot[f"pro_ok_{th}"] / max(tot[f"pro_n_{th}"], 1), 4
        )
    return res


def summary_line(res: dict[str, Any]) -> str:
    """The referee's one-line summary of a GGT evaluation."""
    return (
        f"ggt: quote F1 strict@0.3 {res['quotes_strict_0.3']['f1']} "
        f"@0.8 {res['quotes_strict_0.8']['f1']} "
        f"(GGT-rule @0.3 {res['quotes_loose_0.3']['f1']}); "
        f"resolved speaker acc {res['speaker_resolved_acc_0.3']}, "
        f"pronouns {res['pronoun_resolved_acc_0.3']}"
    )


def evaluate_ggt(predictions: Predictions, gold: str | Path | list[GoldArticle]) -> Report:
    """Score predictions (made in raw mode on the gold texts) against GGT-style gold.

    Raises EvalError when a prediction's text is not the gold text.
    """
    preds = index_predictions(predictions)
    articles = load_ggt(gold) if isinstance(gold, str | Path) else gold
    tot: Counter[str] = Counter()
    missing: list[str] = []
    details: dict[str, list[dict[str, Any]]] = {"missed": [], "extra": [], "wrong_speaker": []}
    for g in articles:
        d = preds.get(g["id"])
        if d is None:
            missing.append(g["id"])
            d = {"quotes": [], "text": g["text"]}
        if (d.get("text") or "") != g["text"]:
            raise text_differs(g["id"], d)
        _score_article(g, d, tot, details)
    res = _figures(tot, missing)
    details["documents_missing"] = [{"doc": m} for m in missing]
    return Report("ggt", res, summary_line(res), not missing, details)


def score_ggt(predictions: Predictions, gold: str | Path | list[GoldArticle]) -> dict[str, Any]:
    """The referee's figures for GGT-style gold (see :func:`evaluate_ggt`)."""
    return evaluate_ggt(predictions, gold).scores
