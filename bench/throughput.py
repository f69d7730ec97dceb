"""Extraction overhead over the bare spaCy parse, in one process, on the same texts.

    python bench/throughput.py [--texts DIR] [--articles 200] [--model NAME] [--long-text]

Prints JSON: articles, words, parse_only_s, full_s, overhead (= full_s / parse_only_s - 1),
peak_rss_mb. The two passes are interleaved chunk by chunk (parse-only, then full, on the
same chunk) so that a noisy shared machine slows both alike. Because the extractors cost a
few per cent of the parse, that difference drowns in the machine's noise; ``extract_s``
times the extractors alone on the docs of the parse-only pass, and ``extract_overhead``
(= extract_s / parse_only_s) is the steadier figure. Default texts: the PolNeAR
training articles in ../shared/data (read in place, never copied), else the examples.

--long-text: instead, one paragraph of many short statements written here (names,
quotations, "he said", "said that ...", and events: "X met Y in P on Monday", "X will visit
P", "the summit between X and Y was cancelled"), at 25, 100 and 400 KB, through the whole pipeline
(raw mode): CPU seconds per 100 KB at each size, for the whole extraction and for the
extractors alone, and the ratio of the 400 KB figure to the 25 KB one (1.0 = linear; the
cost must not grow faster than the text).
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


FIRST = "Ana John Mary Peter Lena Omar Kim Raj Sofia Tom".split()
LAST = "Ruiz Smith Jones Brown Khan Lee Novak Costa Meyer Wang".split()
VERBS = ["said", "added", "noted", "told reporters", "argued", "warned"]


PLACES = ["Lisbon", "Oslo", "Vienna", "Prague", "Madrid"]


def statements_paragraph(n_bytes: int, seed: int = 7) -> str:
    """One paragraph of short statements, and one sentence in five an event (a meeting, a
    visit, a deal), about ``n_bytes`` long (deterministic)."""
    import random

    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_bytes:
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        other = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        k = rnd.random()
        if rnd.random() < 0.2:
            s = rnd.choice([f"{name} met {other} in {rnd.choice(PLACES)} on Monday.",
                            f"{name} will visit {rnd.choice(PLACES)} next week.",
                            f"The summit between {name} and {other} was cancelled."])
        elif k < 0.3:
            s = f"“We will {rnd.choice(['win', 'try', 'see', 'wait'])} this year,” {name} said."
        elif k < 0.6:
            s = f"{name} {rnd.choice(VERBS)} that the plan was {rnd.choice(['bad', 'late'])}."
        elif k < 0.8:
            s = f"He {rnd.choice(VERBS)} the company would respond."
        else:
            s = "“It is time,” she said."
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def long_text(model: str | None) -> dict:
    from newsgraph.extractors import extract_doc
    from newsgraph.page import RawPage
    from newsgraph.pipeline import Extractor, Options

    extractor = Extractor(Options(raw=True, model=model))
    extractor.run([RawPage(statements_paragraph(2000), "text", "text", "warm-up")])
    sizes: dict[str, dict[str, float]] = {}
    for kb in (25, 100, 400):
        text = statements_paragraph(kb * 1000)
        t0 = time.process_time()
        (rec,) = extractor.run([RawPage(text, "text", "text", f"{kb}KB")])
        t1 = time.process_time()
        doc = extractor.nlp(text)
        t2 = time.process_time()
        extract_doc(doc)
        t3 = time.process_time()
        sizes[f"{kb}KB"] = {
            "s_per_100KB": round((t1 - t0) / kb * 100, 3),
            "extract_s_per_100KB": round((t3 - t2) / kb * 100, 3),
            "statements": len(rec.quotes),
            "events": len(rec.events),
        }
    a, b = sizes["25KB"], sizes["400KB"]
    return {
        "long_text": sizes,
        "ratio_400_to_25": round(b["s_per_100KB"] / a["s_per_100KB"], 3),
        "extract_ratio_400_to_25": round(b["extract_s_per_100KB"] / a["extract_s_per_100KB"], 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--model", default=None)
    ap.add_argument("--long-text", action="store_true", help="the long-paragraph case")
    args = ap.parse_args()
    if args.long_text:
        json.dump(long_text(args.model), sys.stdout)
        print()
        return

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
