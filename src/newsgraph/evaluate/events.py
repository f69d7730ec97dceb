"""Event evaluation (``shared/EVENTS.md``), defined exactly as the referee's ``events`` mode.

A predicted event matches a gold event of the same type that shares a named participant
(names compared as speakers are; a one-word name matches a full name ending in it) or, when
either has no named participant, that shares a trigger word (function words left out).
Matching is greedy and one-to-one, best pairs first (most shared participants, then place,
date and status agreement, then the trigger). Reported: P/R/F1 of matched events over all
gold documents; over the matched pairs, participant P/R/F1 (pooled), place, date and status
accuracy. ``tests/test_evaluate.py`` checks the figures against the referee's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgraph.evaluate.errors import EvalError, cannot_read
from newsgraph.evaluate.metrics import norm_name, prf, words
from newsgraph.evaluate.predictions import Predictions, Record, index_predictions
from newsgraph.evaluate.report import Report

Gold = dict[str, dict[str, Any]]
TRIGGER_STOP = frozenset(
    """
    a an the by of to in on at for with and or up out off down into from be is was were
    has had have will would
    """.split()
)


def load_events_gold(path: str | Path) -> Gold:
    """``{doc_id: {"published", "events": [...]}}``, checked for the fields scoring reads."""
    try:
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
    except (OSError, UnicodeError) as e:
        raise cannot_read("events gold", path, e) from None
    except json.JSONDecodeError as e:
        raise EvalError(f"events gold {path} is not JSON: {e}") from None
    if not isinstance(gold, dict):
        raise EvalError(f"events gold {path} is not an object of documents")
    for key, item in gold.items():
        if not isinstance(item, dict) or not isinstance(item.get("events", []), list):
            raise EvalError(f"events gold {path}: document {key!r} has no events list")
        for e in item.get("events") or []:
            if not isinstance(e, dict) or "type" not in e:
                raise EvalError(f"events gold {path}: an event of {key!r} has no type")
    return gold


def name_match(a: str | None, b: str | None) -> bool:
    """The same name, or a one-word name that is the last word of the other."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = na.split(), nb.split()
    return (len(wa) == 1 and wa[0] == wb[-1]) or (len(wb) == 1 and wb[0] == wa[-1])


def names_matched(gold_names: list[str], pred_names: list[str]) -> int:
    """One-to-one name matching (exact names first, then surnames): the pair count."""
    used: set[tuple[str, int]] = set()
    n = 0
    for exact in (True, False):
        for i, g in enumerate(gold_names):
            if ("g", i) in used:
                continue
            for j, p in enumerate(pred_names):
                if ("p", j) in used:
                    continue
                if (norm_name(g) == norm_name(p)) if exact else name_match(g, p):
                    used.update({("g", i), ("p", j)})
                    n += 1
                    break
    return n


def trigger_words(t: Any) -> set[str]:
    if isinstance(t, dict):
        t = t.get("text")
    return {w for w in words(t) if w not in TRIGGER_STOP}


def place_ok(g: str | None, p: str | None) -> bool:
    """Same place, or one name's words inside the other's; null equals only null."""
    gn, pn = norm_name(g), norm_name(p)
    if not gn or not pn:
        return not gn and not pn
    a, b = sorted((gn.split(), pn.split()), key=len)
    return any(b[k : k + len(a)] == a for k in range(len(b) - len(a) + 1))


def _date_parts(d: Any) -> list[str]:
    s = str(d or "").strip()
    if s.startswith("--"):
        s = "XXXX-" + s[2:]
    return [x for x in s[:10].split("-") if x]


def date_ok(g: Any, p: Any) -> bool:
    """Equal as far as both go ('2019-04' ~ '2019-04-25'); 'XXXX' matches any year."""
    gp, pp = _date_parts(g), _date_parts(p)
    if not gp or not pp:
        return not gp and not pp
    return all(
        a == b or set(a) <= {"X", "x"} or set(b) <= {"X", "x"} for a, b in zip(gp, pp, strict=False)
    )


def unique_names(names: Iterable[str | None]) -> list[str]:
    out, seen = [], set()
    for n in names:
        k = norm_name(n)
        if n and k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _predicted(d: Record) -> list[dict[str, Any]]:
    id2name = {e.get("id"): e.get("name") for e in d.get("entities") or []}
    return [
        {
            "type": e.get("type") or "?",
            "trigger": e.get("trigger"),
            "participants": unique_names(
                id2name.get(x) or x for x in e.get("participants") or []
            ),
            "place": e.get("place"),
            "date": e.get("date"),
            "status": e.get("status") or "occurred",
        }
        for e in d.get("events") or []
    ]


def _match(ge: list[dict[str, Any]], gparts: list[list[str]],
           pe: list[dict[str, Any]]) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(ge):
        for j, p in enumerate(pe):
            if g["type"] != p["type"]:
                continue
            shared = names_matched(gparts[i], p["participants"])
            trig = bool(trigger_words(g.get("trigger")) & trigger_words(p["trigger"]))
            if not shared and not ((not gparts[i] or not p["participants"]) and trig):
                continue
            agree = (
                place_ok(g.get("place"), p["place"])
                + date_ok(g.get("date"), p["date"])
                + ((g.get("status") or "occurred") == p["status"])
            )
            pairs.append(((shared, agree, trig), i, j))
    pairs.sort(key=lambda x: (tuple(-v for v in x[0]), x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    m = []
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        m.append((i, j))
    return m


def score_events(preds: Predictions, gold: Gold | str | Path) -> dict[str, Any]:
    """The referee's ``events`` figures (see :func:`evaluate_events` for the details)."""
    return evaluate_events(preds, gold).scores


def evaluate_events(preds: Predictions, gold: Gold | str | Path) -> Report:
    """Score predicted records against an events gold (a path or the loaded mapping)."""
    if not isinstance(gold, Mapping):
        gold = load_events_gold(gold)
    docs = index_predictions(preds)
    tot: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = {}
    missing: list[str] = []
    missed: list[str] = []
    spurious: list[str] = []
    wrong: list[dict[str, Any]] = []
    details: dict[str, list[dict[str, Any]]] = {"missed": [], "spurious": [], "wrong": []}
    for key, item in sorted(gold.items()):
        d = docs.get(key) or (docs.get("url:" + item["url"]) if item.get("url") else None)
        if d is None:
            missing.append(key)
            d = {}
        ge = item.get("events") or []
        pe = _predicted(d)
        gparts = [unique_names(g.get("participants") or []) for g in ge]
        m = _match(ge, gparts, pe)
        used_g = {i for i, _ in m}
        used_p = {j for _, j in m}
        tot["gold"] += len(ge)
        tot["pred"] += len(pe)
        tot["tp"] += len(m)
        for g in ge:
            per_type.setdefault(g["type"], Counter())["gold"] += 1
        for p in pe:
            per_type.setdefault(p["type"], Counter())["pred"] += 1
        for i, j in m:
            g, p = ge[i], pe[j]
            per_type[g["type"]]["tp"] += 1
            tot["part_tp"] += names_matched(gparts[i], p["participants"])
            tot["part_gold"] += len(gparts[i])
            tot["part_pred"] += len(p["participants"])
            checks = {
                "place": place_ok(g.get("place"), p["place"]),
                "date": date_ok(g.get("date"), p["date"]),
                "status": (g.get("status") or "occurred") == p["status"],
            }
            for k, ok in checks.items():
                tot[f"{k}_ok"] += ok
            bad = [k for k, ok in checks.items() if not ok]
            entry = {"doc": key, "type": g["type"], "trigger": g.get("trigger"),
                     "gold": gparts[i], "pred": p["participants"]}
            details["wrong"].append({**entry, "pred_trigger": p["trigger"], "bad": bad,
                                     "gold_event": g, "pred_event": p})
            if bad:
                wrong.append({
                    "doc": key, "type": g["type"], "trigger": g.get("trigger"),
                    **{k: {"gold": g.get(k) if k != "status" else g.get("status") or "occurred",
                           "pred": p[k]} for k in bad},
                })
        for i, g in enumerate(ge):
            if i not in used_g:
                missed.append(f"{key}: {g['type']} '{g.get('trigger')}' {gparts[i]}")
                details["missed"].append({"doc": key, **g})
        for j, p in enumerate(pe):
            if j not in used_p:
                t = p["trigger"].get("text") if isinstance(p["trigger"], dict) else p["trigger"]
                spurious.append(f"{key}: {p['type']} '{t}' {p['participants']}")
                details["spurious"].append({"doc": key, **p})
    n = max(tot["tp"], 1)
    res: dict[str, Any] = {
        "documents": len(gold),
        "documents_missing": missing,
        "gold_events": tot["gold"],
        "pred_events": tot["pred"],
        "matched": tot["tp"],
        "events": prf(tot["tp"], tot["pred"], tot["gold"]),
        "participants": prf(tot["part_tp"], tot["part_pred"], tot["part_gold"]),
        "place_acc": round(tot["place_ok"] / n, 4) if tot["tp"] else 0.0,
        "date_acc": round(tot["date_ok"] / n, 4) if tot["tp"] else 0.0,
        "status_acc": round(tot["status_ok"] / n, 4) if tot["tp"] else 0.0,
        "per_type": {
            t: {"gold": c["gold"], "pred": c["pred"], "matched": c["tp"],
                **prf(c["tp"], c["pred"], c["gold"])}
            for t, c in sorted(per_type.items())
        },
        "missed": missed,
        "spurious": spurious,
        "wrong_attributes": wrong,
    }
    summary = (
        f"events: F1 {res['events']['f1']} (P {res['events']['p']}, R {res['events']['r']}) "
        f"over {tot['gold']} gold events; participants F1 {res['participants']['f1']}; "
        f"place {res['place_acc']}; date {res['date_acc']}; status {res['status_acc']}"
    )
    return Report("events", res, summary, not missing, details)
