"""Golden-article evaluation: one hand-annotated page, checked item by item.

The gold file (``*.gold.json``) names its page in ``document`` (a file beside it). Checks:
no gold boilerplate line survives as a line of the text; the body's first and last words
are kept; the title equals the gold title (normalised); every gold person is a PERSON
entity (normalised name), with each gold title's words among one of its roles' title
words; no PERSON entity beyond the gold people and their aliases; quotes match one-to-one
when both word-bag coverages are >= 0.5 (predictions matching an optional quote are not
counted); the matched quotes' speakers equal the gold speaker or an alias; each gold event
is found (its participants among a predicted event's, its place within the event's place,
its date a suffix of the event's date).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.evaluate.errors import EvalError, cannot_read
from newsgraph.evaluate.metrics import (
    bag_overlap,
    doc_key,
    excerpt,
    greedy_match,
    is_speech,
    norm_name,
    prf,
    quote_text,
    speaker_name,
    speaker_ok,
    words,
)
from newsgraph.evaluate.predictions import Predictions, Record, index_predictions
from newsgraph.evaluate.report import Report

QUOTE_THRESHOLD = 0.5
REQUIRED = (
    "document",
    "title",
    "body_starts",
    "body_ends",
    "boilerplate_lines",
    "people",
    "quotes",
    "events",
)
Gold = dict[str, Any]
Details = dict[str, list[dict[str, Any]]]
Items = list[dict[str, Any]]
Pairs = list[tuple[int, int]]


def load_golden(path: str | Path) -> Gold:
    """A golden gold file, checked for the fields the evaluation reads."""
    try:
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
    except (OSError, UnicodeError) as e:
        raise cannot_read("golden gold", path, e) from None
    except json.JSONDecodeError as e:
        raise EvalError(f"{path}: not JSON: {e}") from None
    lacking = [k for k in REQUIRED if not isinstance(gold, dict) or k not in gold]
    if lacking:
        raise EvalError(f"{path}: not a golden gold file (lacks {', '.join(lacking)})")
    return gold


def document_path(gold_path: str | Path, gold: Gold) -> Path:
    """The annotated page: ``document`` resolved beside the gold file."""
    return Path(gold_path).parent / gold["document"]


def _cleaning(res: dict[str, Any], gold: Gold, d: Record) -> list[str]:
    text = d.get("text") or ""
    lines = {ln.strip() for ln in text.splitlines() if ln.strip()}
    leaked = [b for b in gold["boilerplate_lines"] if b in lines]
    res["boilerplate_leaked"] = leaked
    res["body_start_kept"] = gold["body_starts"] in text
    res["body_end_kept"] = gold["body_ends"] in text
    res["title_ok"] = norm_name(d.get("title")) == norm_name(gold["title"])
    return leaked


def _people(
    res: dict[str, Any], gold: Gold, d: Record, details: Details
) -> tuple[list[bool], int, int, list[str | None]]:
    """People found, titles found (of titles asked), spurious people."""
    ents = [e for e in d.get("entities", []) if e.get("type") == "PERSON"]
    found, role_hits, role_total = [], 0, 0
    for person in gold["people"]:
        match = [e for e in ents if speaker_ok(person["name"], e.get("name"))]
        found.append(bool(match))
        titles = [r.get("title") or "" for e in match for r in e.get("roles", [])]
        for role in person["roles"]:
            if "title" not in role:
                continue
            role_total += 1
            if any(set(words(role["title"])) <= set(words(t)) for t in titles):
                role_hits += 1
            else:
                details["titles_missed"].append(
                    {"person": person["name"], "title": role["title"], "pred": titles}
                )
    res["people_found"] = f"{sum(found)}/{len(found)}"
    res["people_missing"] = [p["name"] for p, f in zip(gold["people"], found, strict=True) if not f]
    names = {norm_name(p["name"]) for p in gold["people"]} | {
        norm_name(a) for p in gold["people"] for a in p["aliases"]
    }
    spurious = [e.get("name") for e in ents if norm_name(e.get("name")) not in names]
    res["people_spurious"] = spurious
    res["titles_found"] = f"{role_hits}/{role_total}"
    return found, role_hits, role_total, spurious


def _bag_match(gold_texts: list[str], pred_texts: list[str | None]) -> Pairs:
    return greedy_match(
        [words(t) for t in gold_texts],
        [words(t) for t in pred_texts],
        bag_overlap,
        QUOTE_THRESHOLD,
    )["strict"]


def _quotes(
    res: dict[str, Any], gold: Gold, d: Record, details: Details
) -> tuple[Pairs, int, int, int]:
    """Quote matches, predictions counted, speakers right, gold quotes with a speaker."""
    gq = gold["quotes"]
    pq = [q for q in d.get("quotes", []) if quote_text(q) and is_speech(q)]
    m = _bag_match([q["text"] for q in gq], [quote_text(q) for q in pq])
    # predictions that match an optional attribution are neither required nor false
    rest = [j for j in range(len(pq)) if j not in {b for _, b in m}]
    opt = gold.get("optional_quotes", [])
    mo = _bag_match([q["text"] for q in opt], [quote_text(pq[j]) for j in rest])
    n_pred = len(pq) - len(mo)
    matched_rest = {b for _, b in mo}
    res["quotes_extra"] = [
        excerpt(quote_text(pq[rest[j]])) for j in range(len(rest)) if j not in matched_rest
    ]
    sp_ok, wrong = _speakers(gq, pq, m)
    named = sum(1 for q in gq if q["speaker"])
    res["quotes"] = prf(len(m), n_pred, len(gq))
    res["quotes_missed"] = [
        excerpt(gq[i]["text"]) for i in range(len(gq)) if i not in {a for a, _ in m}
    ]
    res["speaker_correct"] = f"{sp_ok}/{named}"
    res["speaker_wrong"] = wrong
    details["quotes_extra"] = [
        {"quote": quote_text(pq[rest[j]]), "speaker": speaker_name(pq[rest[j]])}
        for j in range(len(rest))
        if j not in matched_rest
    ]
    details["quotes_missed"] = [
        {"quote": gq[i]["text"], "speaker": gq[i]["speaker"]}
        for i in range(len(gq))
        if i not in {a for a, _ in m}
    ]
    return m, n_pred, sp_ok, named


def _speakers(gq: Items, pq: Items, m: Pairs) -> tuple[int, Items]:
    sp_ok, wrong = 0, []
    for i, j in m:
        if gq[i]["speaker"] is None:
            continue
        names = [gq[i]["speaker"]] + gq[i].get("speaker_aliases", [])
        if any(speaker_ok(nm, speaker_name(pq[j])) for nm in names):
            sp_ok += 1
        else:
            wrong.append(
                {
                    "gold": gq[i]["speaker"],
                    "pred": speaker_name(pq[j]),
                    "quote": excerpt(gq[i]["text"]),
                }
            )
    return sp_ok, wrong


def _event_found(ge: dict[str, Any], evs: Items, id2name: dict[str, str | None]) -> bool:
    for pe in evs:
        parts = {norm_name(id2name.get(x, x)) for x in pe.get("participants", [])}
        need = {norm_name(x) for x in ge["participants"]}
        place_ok = norm_name(ge["place"]) in norm_name(str(pe.get("place") or ""))
        date_ok = ge["date"] is None or (pe.get("date") or "").endswith(ge["date"].lstrip("-"))
        if need <= parts and place_ok and date_ok:
            return True
    return False


def _events(res: dict[str, Any], gold: Gold, d: Record, details: Details) -> int:
    evs = d.get("events", [])
    id2name = {e.get("id"): e.get("name") for e in d.get("entities", [])}
    hits = 0
    for ge in gold["events"]:
        if _event_found(ge, evs, id2name):
            hits += 1
        else:
            details["events_missed"].append(dict(ge))
    res["events_found"] = f"{hits}/{len(gold['events'])}"
    return hits


def summary_line(stem: str, res: dict[str, Any]) -> str:
    """The referee's one-line summary of a golden evaluation."""
    return (
        f"golden {stem}: boilerplate leaked {len(res['boilerplate_leaked'])}, "
        f"people {res['people_found']}, titles {res['titles_found']}, "
        f"spurious people {len(res['people_spurious'])}, quotes F1 {res['quotes']['f1']}, "
        f"speakers {res['speaker_correct']}, events {res['events_found']}"
    )


def evaluate_golden(predictions: Predictions, gold: str | Path | Gold) -> Report:
    """Score the prediction for a golden article. Raises EvalError when there is none."""
    preds = index_predictions(predictions)
    gold = load_golden(gold) if isinstance(gold, str | Path) else gold
    stem = doc_key(gold["document"])
    if stem not in preds:
        have = ", ".join(sorted(preds)[:5]) or "none"
        raise EvalError(f"no prediction for {gold['document']} (have: {have})")
    d = preds[stem]
    res: dict[str, Any] = {}
    details: Details = {"titles_missed": [], "events_missed": []}
    leaked = _cleaning(res, gold, d)
    found, role_hits, role_total, spurious = _people(res, gold, d, details)
    m, n_pred, sp_ok, named = _quotes(res, gold, d, details)
    ev_hits = _events(res, gold, d, details)
    res["perfect"] = bool(
        not leaked
        and res["body_start_kept"]
        and res["body_end_kept"]
        and res["title_ok"]
        and all(found)
        and role_hits == role_total
        and not spurious
        and len(m) == len(gold["quotes"])
        and n_pred == len(gold["quotes"])
        and sp_ok == named
        and ev_hits == len(gold["events"])
    )
    _copy_lists(res, details)
    return Report("golden", res, summary_line(stem, res), res["perfect"], details)


def _copy_lists(res: dict[str, Any], details: Details) -> None:
    details["boilerplate_leaked"] = [{"line": b} for b in res["boilerplate_leaked"]]
    details["people_missing"] = [{"name": n} for n in res["people_missing"]]
    details["people_spurious"] = [{"name": n} for n in res["people_spurious"]]
    details["speaker_wrong"] = list(res["speaker_wrong"])


def score_golden(predictions: Predictions, gold: str | Path | Gold) -> dict[str, Any]:
    """The referee's figures for a golden article (see :func:`evaluate_golden`)."""
    return evaluate_golden(predictions, gold).scores
