"""Reading a Wikidata extract: JSON Lines, one item a line (``.gz`` too).

    {"id": "Q7747", "kind": "person", "labels": ["Vladimir Putin"],
     "aliases": ["Putin", "Vladimir Vladimirovich Putin"],
     "description": "President of Russia since 2012", "occupations": ["politician"],
     "countries": ["Russia"], "gender": "male", "birth": 1952, "death": null}

``kind`` is ``person`` (default) or ``organisation``; ``labels`` and ``aliases`` are lists
of names or ``{language: name or [names]}`` as the dump writes them; ``birth``/``death`` are
years. A line that cannot be used is reported (``extract.jsonl:12: ...``) and skipped.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.store.names import name_key

KINDS = ("person", "organisation")
GENDERS = ("female", "male")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class ExtractError(ValueError):
    """The extract cannot be read at all (the message names the file)."""


@dataclass(slots=True)
class Item:
    id: str
    kind: str
    labels: list[str]
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    occupations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    birth: int | None = None
    death: int | None = None


@dataclass(slots=True)
class Extract:
    items: dict[str, Item] = field(default_factory=dict)
    # name_key -> [(item id, "label" | "alias")]
    by_name: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items[item.id] = item
        seen: set[str] = set()
        for how, names in (("label", item.labels), ("alias", item.aliases)):
            for n in names:
                k = name_key(n)
                if k and k not in seen:
                    seen.add(k)
                    self.by_name.setdefault(k, []).append((item.id, how))

    def candidates(self, keys: Iterable[str], kind: str) -> dict[str, str]:
        """Items of ``kind`` named by any of the name keys: id -> "label" (if any key is
        one of its labels) or "alias"."""
        out: dict[str, str] = {}
        for k in keys:
            for qid, how in self.by_name.get(k, ()):
                if self.items[qid].kind == kind and out.get(qid) != "label":
                    out[qid] = how
        return out


def _names(x: Any, what: str) -> list[str]:
    if x is None:
        return []
    if isinstance(x, dict):  # {"en": "Name"} or {"en": ["A", "B"]}
        x = [v for vs in x.values() for v in (vs if isinstance(vs, list) else [vs])]
    if not isinstance(x, list) or not all(isinstance(v, str) for v in x):
        raise ValueError(f"{what} must be a list of names")
    return [v.strip() for v in x if v.strip()]


def _year(x: Any, what: str) -> int | None:
    if x is None or x == "":
        return None
    if isinstance(x, str) and re.match(r"^[+-]?\d{1,4}", x):  # "1952-10-07", "+1952"
        x = int(re.match(r"^[+-]?\d{1,4}", x).group())  # type: ignore[union-attr]
    if not isinstance(x, int) or isinstance(x, bool):
        raise ValueError(f"{what} must be a year")
    return x


def parse_item(obj: Any) -> Item:
    """One line's object as an Item; ``ValueError`` saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    qid = obj.get("id")
    if not isinstance(qid, str) or not _QID.match(qid):
        raise ValueError(f"id {qid!r} is not a Wikidata item id (Q followed by digits)")
    kind = obj.get("kind") or "person"
    if kind not in KINDS:
        raise ValueError(f"{qid}: kind {kind!r} is not one of {', '.join(KINDS)}")
    labels = _names(obj.get("labels"), f"{qid}: labels")
    if not labels:
        raise ValueError(f"{qid}: no labels")
    gender = obj.get("gender")
    if gender is not None and gender not in GENDERS:
        gender = None  # other values (non-binary, unknown) say nothing we compare
    desc = obj.get("description")
    if isinstance(desc, dict):
        desc = desc.get("en") or next(iter(desc.values()), None)
    if desc is not None and not isinstance(desc, str):
        raise ValueError(f"{qid}: description must be text")
    return Item(qid, kind, labels, _names(obj.get("aliases"), f"{qid}: aliases"), desc,
                _names(obj.get("occupations"), f"{qid}: occupations"),
                _names(obj.get("countries"), f"{qid}: countries"), gender,
                _year(obj.get("birth"), f"{qid}: birth"),
                _year(obj.get("death"), f"{qid}: death"))


def read_extract(lines: Iterable[str], name: str) -> Extract:
    out = Extract()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = parse_item(json.loads(line))
        except json.JSONDecodeError as exc:
            out.problems.append(f"{name}:{n}: invalid JSON: {exc}")
            continue
        except ValueError as exc:
            out.problems.append(f"{name}:{n}: {exc}")
            continue
        if item.id in out.items:
            out.problems.append(f"{name}:{n}: {item.id} is given twice (the first is kept)")
            continue
        out.add(item)
    return out


def load_extract(path: Path) -> Extract:
    """Read an extract file (``.gz`` too); ``ExtractError`` if it cannot be read at all."""
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            return read_extract(f, path.name)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ExtractError(f"{path}: cannot read the extract: {exc}") from None
