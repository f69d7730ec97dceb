"""People, titles and speakers against pages annotated by hand (what a reader checks first:
is that a person, is the title theirs, is the speaker right).

Gold, one JSON object per page (JSON Lines)::

    {"id": "0031", "people": [{"name": "Farah Al-Ibrahim", "aliases": ["Al-Ibrahim"],
      "roles": ["President"], "orgs": [...], "gender": "f" | null}, ...],
     "quotes": [{"text": "...", "type": "direct", "speaker": "Farah Al-Ibrahim" | "officials",
                 "speaker_is_person": true}, ...]}

Figures:
- people: a predicted PERSON is right when its name is a gold person's name or alias, or
  the surname or given name alone of exactly one gold person; recall over gold people.
  ``people_per_page`` averages page-level precision and recall (a page with a long list
  of names weighs as much as any other).
- roles: over the people matched, a predicted role is right when its words, with or
  without its organisation's ("founder" of "New York Pilates"), match a gold role's
  (F1 of the word sets without function words >= 0.5).
- speakers: predicted statements matched to gold quotes by their words (each covering at
  least 30% of the other, one-to-one, best first); of those, the share whose speaker is
  right (the resolved name, else the mention as written, names compared as for people;
  for a speaker that is no person, the gold words inside the predicted mention or name).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import norm_name

Record = Mapping[str, Any]
_WORD = re.compile(r"\w+")
MIN_COVER = 0.3


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x]


def _words(s: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(s or "")]


class _People:
    """A page's gold people with their names, for matching predicted names."""

    def __init__(self, people: list[dict[str, Any]]):
        self.people = people
        self.full: dict[str, int] = {}
        parts: dict[str, set[int]] = {}
        for k, p in enumerate(people):
            for n in [p["name"], *(p.get("aliases") or [])]:
                self.full.setdefault(norm_name(n), k)
            words = norm_name(p["name"]).split()
            for w in (words[:1] + words[-1:]) if len(words) > 1 else []:
                parts.setdefault(w, set()).add(k)
        self.part = {w: next(iter(ks)) for w, ks in parts.items() if len(ks) == 1}

    def match(self, name: str | None) -> int | None:
        n = norm_name(name)
        if not n:
            return None
        if n in self.full:
            return self.full[n]
        return self.part.get(n) if len(n.split()) == 1 else None


ROLE_STOP = frozenset("of the a an at for in and to with on".split())


def _role_match(pred: str, gold: str) -> bool:
    a, b = set(_words(pred)) - ROLE_STOP, set(_words(gold)) - ROLE_STOP
    if not a or not b:
        return False
    inter = len(a & b)
    return 2 * inter / (len(a) + len(b)) >= 0.5


def _role_texts(role: dict[str, Any]) -> list[str]:
    """A predicted role as a reader sees it: the title alone, and with its organisation."""
    title = role.get("title") or ""
    org = role.get("org") or ""
    return [title, f"{title} {org}"] if org else [title]


def _cover(g: list[str], p: list[str]) -> tuple[float, float]:
    cg, cp = Counter(g), Counter(p)
    inter = sum((cg & cp).values())
    return inter / max(len(g), 1), inter / max(len(p), 1)


def _speaker_ok(gq: dict[str, Any], pred: Record, people: _People) -> bool:
    """Right when the resolved name (else the mention) names the gold person; for a
    speaker that is no person (an organisation, a document, a group), when the gold words
    and the resolved name's or the mention's words contain one another: "the report" is
    right as written or resolved to its author, as annotators differ on which they want."""
    mention = (pred.get("speaker") or {}).get("text")
    name = pred.get("speaker_name") or mention
    if gq.get("speaker") is None:
        return not name
    if gq.get("speaker_is_person"):
        k = people.match(name)
        return k is not None and norm_name(people.people[k]["name"]) == norm_name(gq["speaker"])
    gw = set(_words(gq["speaker"])) - {"the", "a", "an", "of"}
    for said in (name, mention):
        pw = set(_words(said)) - {"the", "a", "an", "of"}
        if gw and pw and (gw <= pw or pw <= gw):
            return True
    return False


def score_page(gold: dict[str, Any], rec: Record) -> Counter[str]:
    tot: Counter[str] = Counter()
    people = _People(gold.get("people") or [])
    matched: dict[int, list[dict[str, Any]]] = {}
    preds = [e for e in rec.get("entities") or [] if e.get("type") == "PERSON"]
    for e in preds:
        k = people.match(e.get("name"))
        tot["people_pred"] += 1
        if k is not None:
            tot["people_tp"] += 1
            matched.setdefault(k, []).extend(
                [r for r in e.get("roles") or [] if r.get("title")]
            )
        else:
            tot["people_fp"] += 1
    tot["people_gold"] += len(people.people)
    tot["people_found"] += len(matched)
    for k, roles in matched.items():
        gold_roles = people.people[k].get("roles") or []
        shown = {tuple(_role_texts(r)) for r in roles}
        tot["roles_gold"] += len(gold_roles)
        tot["roles_found"] += sum(
            1 for g in gold_roles if any(_role_match(t, g) for ts in shown for t in ts)
        )
        tot["roles_pred"] += len(shown)
        tot["roles_tp"] += sum(
            1 for ts in shown if any(_role_match(t, g) for t in ts for g in gold_roles)
        )
    for k, p in enumerate(people.people):
        if k not in matched:
            tot["roles_gold"] += len(p.get("roles") or [])
    # statements
    gq = [q for q in gold.get("quotes") or []]
    pq = [q for q in rec.get("quotes") or [] if (q.get("kind") or "speech") == "speech"]
    gw = [_words(q["text"]) for q in gq]
    pw = [_words((q.get("content") or {}).get("text")) for q in pq]
    pairs = []
    for i, g in enumerate(gw):
        for j, p in enumerate(pw):
            a, b = _cover(g, p)
            if a >= MIN_COVER and b >= MIN_COVER:
                pairs.append((min(a, b), i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        tot["quotes_matched"] += 1
        ok = _speaker_ok(gq[i], pq[j], people)
        tot["speaker_ok"] += ok
        if gq[i].get("speaker_is_person"):
            tot["person_quotes_matched"] += 1
            tot["person_speaker_ok"] += ok
    tot["quotes_gold"] += len(gq)
    tot["quotes_pred"] += len(pq)
    return tot


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def figures(tot: Counter[str]) -> dict[str, Any]:
    return {
        "people": {
            "p": _ratio(tot["people_tp"], tot["people_pred"]),
            "r": _ratio(tot["people_found"], tot["people_gold"]),
            "pred": tot["people_pred"],
            "gold": tot["people_gold"],
        },
        "roles": {
            "p": _ratio(tot["roles_tp"], tot["roles_pred"]),
            "r": _ratio(tot["roles_found"], tot["roles_gold"]),
            "pred": tot["roles_pred"],
            "gold": tot["roles_gold"],
        },
        "quotes": {
            "p": _ratio(tot["quotes_matched"], tot["quotes_pred"]),
            "r": _ratio(tot["quotes_matched"], tot["quotes_gold"]),
        },
        "speakers_right": _ratio(tot["speaker_ok"], tot["quotes_matched"]),
        "person_speakers_right": _ratio(tot["person_speaker_ok"], tot["person_quotes_matched"]),
        "matched": tot["quotes_matched"],
    }


def evaluate_people(
    gold: Iterable[dict[str, Any]], records: Mapping[str, Record]
) -> dict[str, Any]:
    """Figures over the pages (``records`` keyed by page id), pooled and averaged per page."""
    tot: Counter[str] = Counter()
    pages: list[dict[str, Any]] = []
    missing = []
    for g in gold:
        rec = records.get(g["id"])
        if rec is None:
            missing.append(g["id"])
            rec = {}
        c = score_page(g, rec)
        tot.update(c)
        pages.append({"id": g["id"], **figures(c)})
    out = figures(tot)
    out["people_per_page"] = {
        "p": round(sum(p["people"]["p"] for p in pages if p["people"]["pred"]) / max(
            1, sum(1 for p in pages if p["people"]["pred"])), 4),
        "r": round(sum(p["people"]["r"] for p in pages) / max(1, len(pages)), 4),
    }
    out["pages"] = pages
    out["missing"] = missing
    return out


__all__ = ["evaluate_people", "load_gold", "score_page"]
