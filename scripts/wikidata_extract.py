"""Make the extract `newsgraph link --wikidata` reads from the public Wikidata JSON dump,
streaming: one entity at a time, never the dump in memory.

    # 1. people and organisations (occupations and countries still as Q-ids)
    zcat latest-all.json.gz | python scripts/wikidata_extract.py items \
        [--names names.txt] [--languages en] > items.jsonl
    # 2. the English labels of the occupations and countries those items name
    zcat latest-all.json.gz | python scripts/wikidata_extract.py labels items.jsonl > labels.json
    # 3. the extract, with those labels in place of the Q-ids
    python scripts/wikidata_extract.py resolve items.jsonl labels.json > extract.jsonl

The dump (https://dumps.wikimedia.org/wikidatawiki/entities/latest-all.json.gz) is a JSON
array written one entity a line; each line is parsed alone. ``items`` keeps humans
(instance of Q5) and organisations (instance of one of ``ORG_CLASSES``, more with
``--org-class``); ``--names FILE`` (one name a line, e.g. the people of a knowledge base:
``newsgraph export --table people --format csv``'s name column) keeps only items one of
whose labels or aliases is such a name, compared case- and accent-insensitively: a few MB
instead of tens of GB. Output lines: ``{"id", "kind", "labels", "aliases", "description",
"occupations", "countries", "gender", "birth", "death"}`` (docs/workbench.md).

Bad lines (a truncated dump) are counted on stderr and skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import IO, Any

HUMAN = "Q5"
ORG_CLASSES = {
    "Q43229",  # organization
    "Q4830453",  # business
    "Q783794",  # company
    "Q891723",  # public company
    "Q6881511",  # enterprise
    "Q7278",  # political party
    "Q7210356",  # political organization
    "Q2659904",  # government organization
    "Q327333",  # government agency
    "Q484652",  # international organization
    "Q163740",  # nonprofit organization
    "Q15911314",  # association
    "Q1193236",  # news agency
    "Q11032",  # newspaper
    "Q1331793",  # media company
    "Q3918",  # university
    "Q31855",  # research institute
    "Q4671277",  # academic institution
    "Q48204",  # voluntary association
    "Q17127659",  # terrorist organization
}
GENDER = {"Q6581072": "female", "Q6581097": "male"}


def name_key(s: str) -> str:
    """Names compared without case, accents and punctuation (as newsgraph compares them)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def entities(lines: Iterable[str], bad: list[int]) -> Iterator[dict[str, Any]]:
    """The entities of a dump, one a line; unreadable lines counted in ``bad``."""
    for line in lines:
        line = line.strip().rstrip(",")
        if line in ("[", "]", ""):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            bad[0] += 1


def _ids(entity: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in entity.get("claims", {}).get(prop, ()):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            out.append(value["id"])
    return out


def _year(entity: dict[str, Any], prop: str) -> int | None:
    for claim in entity.get("claims", {}).get(prop, ()):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            m = re.match(r"^([+-]\d+)-", value["time"])
            if m:
                return int(m.group(1))
    return None


def item(entity: dict[str, Any], langs: list[str], org_classes: set[str]) -> dict[str, Any] | None:
    classes = set(_ids(entity, "P31"))
    kind = "person" if HUMAN in classes else "organisation" if classes & org_classes else None
    if kind is None or not str(entity.get("id", "")).startswith("Q"):
        return None
    labels = [entity["labels"][lang]["value"] for lang in langs
              if lang in entity.get("labels", {})]
    if not labels:
        return None
    aliases = [a["value"] for lang in langs for a in entity.get("aliases", {}).get(lang, ())]
    desc = next((entity["descriptions"][lang]["value"] for lang in langs
                 if lang in entity.get("descriptions", {})), None)
    out: dict[str, Any] = {"id": entity["id"], "kind": kind, "labels": labels,
                           "aliases": aliases, "description": desc,
                           "occupations": _ids(entity, "P106") if kind == "person" else [],
                           "countries": _ids(entity, "P27" if kind == "person" else "P17")}
    if kind == "person":
        out["gender"] = next((GENDER[g] for g in _ids(entity, "P21") if g in GENDER), None)
        out["birth"], out["death"] = _year(entity, "P569"), _year(entity, "P570")
    return out


def cmd_items(args: argparse.Namespace, lines: Iterable[str], out: IO[str]) -> int:
    names = None
    if args.names:
        with open(args.names, encoding="utf-8") as f:
            names = {name_key(x) for x in f if x.strip()}
    org_classes = ORG_CLASSES | set(args.org_class or ())
    langs = args.languages.split(",")
    bad, n = [0], 0
    for e in entities(lines, bad):
        it = item(e, langs, org_classes)
        if it is None:
            continue
        if names is not None and not any(name_key(x) in names
                                         for x in (*it["labels"], *it["aliases"])):
            continue
        out.write(json.dumps(it, ensure_ascii=False) + "\n")
        n += 1
    print(f"{n:,} items written; {bad[0]:,} unreadable lines skipped", file=sys.stderr)
    return 0


def _referenced(path: str) -> set[str]:
    refs: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                it = json.loads(line)
                refs.update(it.get("occupations") or ())
                refs.update(it.get("countries") or ())
    return refs


def cmd_labels(args: argparse.Namespace, lines: Iterable[str], out: IO[str]) -> int:
    wanted = _referenced(args.items)
    langs = args.languages.split(",")
    labels: dict[str, str] = {}
    bad = [0]
    for e in entities(lines, bad):
        qid = e.get("id")
        if qid in wanted:
            label = next((e["labels"][lang]["value"] for lang in langs
                          if lang in e.get("labels", {})), None)
            if label:
                labels[qid] = label
    json.dump(labels, out, ensure_ascii=False)
    print(f"{len(labels):,} of {len(wanted):,} labels found; {bad[0]:,} unreadable lines "
          "skipped", file=sys.stderr)
    return 0


def cmd_resolve(args: argparse.Namespace, out: IO[str]) -> int:
    with open(args.labels, encoding="utf-8") as f:
        labels = json.load(f)
    with open(args.items, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                it = json.loads(line)
                for k in ("occupations", "countries"):
                    it[k] = [labels[q] for q in it.get(k) or () if q in labels]
                out.write(json.dumps(it, ensure_ascii=False) + "\n")
    return 0


def main(argv: list[str] | None = None, stdin: IO[str] | None = None,
         stdout: IO[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("items", help="humans and organisations of the dump on stdin")
    p.add_argument("--names", help="keep only items with one of these names (one a line)")
    p.add_argument("--org-class", action="append", help="another organisation class (Q-id)")
    p.add_argument("--languages", default="en", help="label languages, comma-separated")
    p = sub.add_parser("labels", help="labels of the Q-ids ITEMS names, from the dump on stdin")
    p.add_argument("items")
    p.add_argument("--languages", default="en")
    p = sub.add_parser("resolve", help="ITEMS with LABELS in place of Q-ids")
    p.add_argument("items")
    p.add_argument("labels")
    args = ap.parse_args(argv)
    lines = stdin or sys.stdin
    out = stdout or sys.stdout
    if args.cmd == "items":
        return cmd_items(args, lines, out)
    if args.cmd == "labels":
        return cmd_labels(args, lines, out)
    return cmd_resolve(args, out)


if __name__ == "__main__":
    sys.exit(main())
