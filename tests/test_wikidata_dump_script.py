"""scripts/wikidata_extract.py on a dump we wrote in the dump's layout (a JSON array, one
entity a line): people and organisations kept, the rest dropped, a truncated line skipped,
--names narrowing, labels resolved, and the result read by newsgraph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsgraph.wikidata.extract import load_extract

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "wikidata_extract.py"


def claim(prop_value: str) -> dict:
    return {"mainsnak": {"datavalue": {"value": {"id": prop_value}}}}


def when(year: str) -> dict:
    return {"mainsnak": {"datavalue": {"value": {"time": f"{year}-01-01T00:00:00Z"}}}}


def entity(qid: str, label: str, classes: list[str], **claims: list[dict]) -> dict:
    return {"id": qid, "labels": {"en": {"language": "en", "value": label}},
            "descriptions": {"en": {"language": "en", "value": f"about {label}"}},
            "aliases": {"en": [{"language": "en", "value": label.upper()}]},
            "claims": {"P31": [claim(c) for c in classes], **claims}}


DUMP = [
    entity("Q1", "Ana Ruiz", ["Q5"], P106=[claim("Q10")], P27=[claim("Q20")],
           P21=[claim("Q6581072")], P569=[when("+1961")]),
    entity("Q2", "Acme Steel", ["Q4830453"], P17=[claim("Q20")]),
    entity("Q3", "Ruiz Peak", ["Q8502"]),  # a mountain: dropped
    entity("Q4", "Bo Lind", ["Q5"], P570=[when("+1950")]),
    entity("Q10", "economist", ["Q28640"]),
    entity("Q20", "Spain", ["Q6256"]),
]


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, text=True,
                          capture_output=True, check=True)


def test_items_labels_resolve(tmp_path: Path) -> None:
    lines = ["["] + [json.dumps(e) + "," for e in DUMP] + ['{"id": "Q9", "lab', "]"]
    dump = "\n".join(lines) + "\n"
    res = run(["items"], dump)
    assert "3 items written; 1 unreadable lines skipped" in res.stderr
    items = tmp_path / "items.jsonl"
    items.write_text(res.stdout, encoding="utf-8")
    got = {x["id"]: x for x in map(json.loads, res.stdout.splitlines())}
    assert sorted(got) == ["Q1", "Q2", "Q4"]  # not the mountain, the occupation, the country
    assert got["Q1"] == {"id": "Q1", "kind": "person", "labels": ["Ana Ruiz"],
                         "aliases": ["ANA RUIZ"], "description": "about Ana Ruiz",
                         "occupations": ["Q10"], "countries": ["Q20"], "gender": "female",
                         "birth": 1961, "death": None}
    assert got["Q2"]["kind"] == "organisation" and got["Q4"]["death"] == 1950
    names = tmp_path / "names.txt"
    names.write_text("ána ruiz\n", encoding="utf-8")
    assert [json.loads(x)["id"] for x in run(["items", "--names", str(names)],
                                             dump).stdout.splitlines()] == ["Q1"]
    labels = tmp_path / "labels.json"
    labels.write_text(run(["labels", str(items)], dump).stdout, encoding="utf-8")
    assert json.loads(labels.read_text(encoding="utf-8")) == {"Q10": "economist",
                                                               "Q20": "Spain"}
    out = tmp_path / "extract.jsonl"
    out.write_text(run(["resolve", str(items), str(labels)], "").stdout, encoding="utf-8")
    ex = load_extract(out)
    assert not ex.problems
    assert ex.items["Q1"].occupations == ["economist"] and ex.items["Q1"].countries == ["Spain"]
    assert ex.items["Q2"].countries == ["Spain"]
