"""Source gender against people annotated by hand (``training/ggt-dev-gender.jsonl``).

Gold, one JSON object per person and document: ``{"id", "person", "gender"}``, gender
female | male | unknown (unknown: the article never shows it).

Each gold person is matched to a predicted PERSON entity of the same document: the same
name (compared as ``norm_name`` does), else the one entity sharing its last word, else (a
one-word gold name) the one entity with that word. Figures:

- coverage: share of gold people given a gender other than unknown (no entity: unknown);
- precision: of the genders predicted for people whose gold gender is known, the share
  right; predictions for people whose article shows nothing cannot be checked and are
  counted apart (``unverifiable``);
- the same per evidence kind (honorific, noun, pronoun, given_name);
- ``name_table_alone``: what the given-name table would say for every matched gold person
  with a known gender, whatever decided the prediction (its own precision and coverage).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import norm_name
from newsgraph.extractors.source_gender import FEMALE, MALE, UNKNOWN, given_name_gender

_SEX = {"f": FEMALE, "m": MALE}


def load_gold(path: Path) -> list[dict[str, str]]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        if g.get("gender") not in (FEMALE, MALE, UNKNOWN) or not g.get("person"):
            raise ValueError(f"{path}:{n}: expected person and gender female|male|unknown")
        out.append(g)
    return out


def match(person: str, entities: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The predicted PERSON entity a gold person is."""
    people = [e for e in entities if e.get("type") == "PERSON"]
    key = norm_name(person)
    same = [e for e in people if norm_name(e.get("name")) == key]
    if same:
        return same[0]
    words = key.split()
    if not words:
        return None
    if len(words) > 1:
        last = [e for e in people if norm_name(e.get("name")).split()[-1:] == words[-1:]]
    else:
        last = [e for e in people if words[0] in norm_name(e.get("name")).split()]
    return last[0] if len(last) == 1 else None


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score_genders(
    gold: list[dict[str, str]], records: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    n = known = covered = right = wrong = unverifiable = 0
    kinds: dict[str, Counter[str]] = {}
    table: Counter[str] = Counter()
    errors = []
    for g in gold:
        rec = records.get(g["id"])
        ent = match(g["person"], rec.get("entities") or []) if rec else None
        pred = (ent.get("gender") if ent else None) or UNKNOWN
        kind = (ent.get("gender_evidence") if ent else None) or "none"
        n += 1
        truth = g["gender"]
        known += truth != UNKNOWN
        k = kinds.setdefault(kind, Counter())
        k["predicted"] += pred != UNKNOWN
        if pred != UNKNOWN:
            covered += 1
            if truth == UNKNOWN:
                unverifiable += 1
                k["unverifiable"] += 1
            elif pred == truth:
                right += 1
                k["right"] += 1
            else:
                wrong += 1
                k["wrong"] += 1
                errors.append({"id": g["id"], "person": g["person"], "gold": truth,
                               "predicted": pred, "evidence": kind})
        if ent is not None and truth != UNKNOWN:
            words = norm_name(ent.get("name")).split()
            sex = given_name_gender(words[0]) if len(words) > 1 else None
            table["people"] += 1
            if sex is not None:
                table["given"] += 1
                table["right"] += _SEX[sex] == truth
    return {
        "people": n,
        "gold_known": known,
        "coverage": _ratio(covered, n),
        "precision": _ratio(right, right + wrong),
        "right": right,
        "wrong": wrong,
        "unverifiable": unverifiable,
        "coverage_of_gold_known": _ratio(right + wrong, known),
        "by_evidence": {
            kind: {
                "predicted": c["predicted"],
                "right": c["right"],
                "wrong": c["wrong"],
                "unverifiable": c["unverifiable"],
                "precision": _ratio(c["right"], c["right"] + c["wrong"]),
            }
            for kind, c in sorted(kinds.items())
        },
        "name_table_alone": {
            "people": table["people"],
            "coverage": _ratio(table["given"], table["people"]),
            "precision": _ratio(table["right"], table["given"]),
        },
        "errors": errors,
    }
