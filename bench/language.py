"""Accuracy and cost of the language judgement (``newsgraph.clean.language``).

    .venv/bin/python bench/language.py

Prints JSON. English: every dev text we have (WCXB article bodies of both dev folders, GGT,
PolNeAR dev and train): how many are judged another language (must be ~0). Other languages:
spaCy's example sentences of each language it ships (``spacy.lang.XX.examples``, headline-like
sentences, joined into one text per language) — a hard case, a few dozen words each — and the
same sentences one by one. CPU milliseconds per English text.
"""

from __future__ import annotations

import glob
import importlib
import json
import pkgutil
import time
from pathlib import Path

import spacy.lang

from newsgraph.clean.language import detect_language

DATA = Path("/work/shared/data")
# codes that name one language or its close written kin
SAME = {"nb": {"no", "nb", "nn"}, "nn": {"no", "nb", "nn"}, "he": {"he", "iw"},
        "sr": {"sr", "hr", "bs"}, "kmr": {"ku"}}


def english_texts() -> list[str]:
    out = []
    for name in ("wcxb-dev-articles", "wcxb-dev-more"):
        path = DATA / name / "ground-truth.json"
        if path.exists():
            truth = json.loads(path.read_text(encoding="utf-8"))
            out += [v["articleBody"] for v in truth.values() if v.get("articleBody")]
    for pattern in ("ggt-dev/text/*.txt", "polnear/*/text/*.txt"):
        out += [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(DATA / pattern)))]
    return out


def example_sentences() -> dict[str, list[str]]:
    out = {}
    for mod in pkgutil.iter_modules(spacy.lang.__path__):
        if not mod.ispkg or mod.name in ("en", "xx"):
            continue
        try:
            sents = importlib.import_module(f"spacy.lang.{mod.name}.examples").sentences
        except (ImportError, AttributeError):
            continue
        if sents:
            out[mod.name] = list(sents)
    return out


def right(code: str, got: str | None) -> bool:
    return got == code or got in SAME.get(code, ())


def main() -> None:
    eng = english_texts()
    t = time.process_time()
    wrong_en = sum(detect_language(x) != "en" for x in eng)
    ms = 1000 * (time.process_time() - t) / max(len(eng), 1)
    examples = example_sentences()
    per_lang = {c: detect_language(" ".join(s)) for c, s in examples.items()}
    missed = {c: g for c, g in per_lang.items() if not right(c, g)}
    sents = [(c, s) for c, ss in examples.items() for s in ss]
    sent_right = sum(right(c, detect_language(s)) for c, s in sents)
    print(json.dumps({
        "english_texts": len(eng), "english_judged_other": wrong_en,
        "ms_per_english_text": round(ms, 2),
        "languages": len(per_lang),
        "languages_right_on_joined_examples": len(per_lang) - len(missed),
        "missed": missed,
        "single_sentences": len(sents), "single_sentences_right": sent_right,
    }, indent=1))


if __name__ == "__main__":
    main()
