"""Write a synthetic corpus of newsgraph/1 records (JSON Lines) for benchmarks and demos.

    python bench/synthetic.py --quotes 100000 -o synthetic.jsonl

The generator itself lives in ``newsgraph.store.synthetic`` (the tests use it too).
"""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.store.synthetic import Corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000, help="distinct statements")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True, help="JSON Lines file to write")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    n = Corpus(seed=args.seed).write_jsonl(args.output, args.quotes)
    print(f"wrote {n:,} records with {args.quotes:,} statements to {args.output} in "
          f"{time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
