"""Extraction overhead over the bare spaCy parse, in one process, on the same texts.

    python bench/throughput.py [--texts DIR] [--articles 200] [--model NAME]

Prints JSON: articles, words, parse_only_s, full_s, overhead (= full_s / parse_only_s - 1),
peak_rss_mb. The two passes are interleaved chunk by chunk (parse-only, then full, on the
same chunk) so that a noisy shared machine slows both alike. Because the extractors cost a
few per cent of the parse, that difference drowns in the machine's noise; ``extract_s``
times the extractors alone on the docs of the parse-only pass, and ``extract_overhead``
(= extract_s / parse_only_s) is the steadier figure. Default texts: the PolNeAR
training articles in ../shared/data (read in place, never copied), else the examples.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def load_texts(folder: Path, n: int) -> list[tuple[str, str]]:
    files = sorted(folder.glob("*.txt"))[:n] if folder.is_dir() else []
    if not files:
        files = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]
    while len(texts) < n:  # too few files: cycle them so the run has the requested size
        texts.append(texts[len(texts) % len(files)])
    return texts[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    from newsgraph import nlp as nlp_mod
    from newsgraph.page import RawPage
    from newsgraph.pipeline import CHUNK_PAGES, Extractor, Options

    texts = load_texts(args.texts, args.articles)
    extractor = Extractor(Options(raw=True, model=args.model))
    nlp = extractor.nlp
    # warm up both paths (lazy imports, caches)
    extractor.run([RawPage(texts[0][1], "text", "text", texts[0][0])])
    from newsgraph.extractors import extract_doc

    parse_s = full_s = extract_s = 0.0
    words = 0
    for k in range(0, len(texts), CHUNK_PAGES):
        chunk = texts[k : k + CHUNK_PAGES]
        t0 = time.perf_counter()
        docs = list(nlp.pipe((t for _, t in chunk), batch_size=nlp_mod.BATCH_SIZE))
        t1 = time.perf_counter()
        for doc in docs:
            words += sum(1 for t in doc if not t.is_space and not t.is_punct)
            e0 = time.perf_counter()
            extract_doc(doc)
            extract_s += time.perf_counter() - e0
        del docs
        t1b = time.perf_counter()
        extractor.run([RawPage(t, "text", "text", p) for p, t in chunk])
        t2 = time.perf_counter()
        parse_s += t1 - t0
        full_s += t2 - t1b
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(
        {
            "articles": len(texts),
            "words": words,
            "parse_only_s": round(parse_s, 3),
            "full_s": round(full_s, 3),
            "overhead": round(full_s / parse_s - 1, 4),
            "extract_s": round(extract_s, 3),
            "extract_overhead": round(extract_s / parse_s, 4),
            "words_per_s_full": round(words / full_s),
            "peak_rss_mb": round(peak, 1),
            "model": nlp_mod.model_name(args.model),
            "batch_size": nlp_mod.BATCH_SIZE,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
