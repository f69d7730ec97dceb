"""Score the cleaning stage on the WCXB dev pages with the referee's ``aeb`` mode.

    .venv/bin/python bench/clean_dev.py                 # html and text, shipped models
    .venv/bin/python bench/clean_dev.py --text --cv 5   # text, 5-fold cross-validated
    .venv/bin/python bench/clean_dev.py --html --cv 5   # html, 5-fold cross-validated
    .venv/bin/python bench/clean_dev.py --html --cv 5 --train-also ../shared/data/wcxb-dev-more

The shipped models were trained on these very pages, so only ``--cv`` numbers are honest:
each fold's pages are cleaned by models trained on the other folds (``train_lines`` /
``train_blocks`` with ``keys=``). Records go to ``--out`` (JSON Lines, ``newsgraph/1``
Document fields the referee reads), then the referee prints its summary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.clean import clean_page, train
from newsgraph.clean.html import clean_html
from newsgraph.clean.text import clean_text
from newsgraph.page import Article, RawPage
from newsgraph.record import Document, Source, document_id

DATA = Path("/work/shared/data/wcxb-dev-articles")
REFEREE = Path("/work/shared/referee/score.py")


def record(path: Path, fmt: str, art: Article | None, error: str | None = None) -> str:
    doc = Document(id=document_id(None, str(path)), source=Source(str(path), None, fmt),
                   text=art.text if art else None, title=art.title if art else None,
                   published=art.published if art else None,
                   authors=art.authors if art else [], site=art.site if art else None,
                   errors=[error] if error else [])
    return doc.to_json()


def page_of(path: Path, kind: str) -> RawPage:
    if kind == "html":
        return RawPage(content=train.read_html(path), kind="html", format="html", path=str(path))
    return RawPage(content=path.read_text(encoding="utf-8"), kind="text", format="text",
                   path=str(path))


def paths(data: Path, kind: str) -> list[Path]:
    return sorted((data / "html").glob("*.html*")) if kind == "html" else sorted(
        (data / "text").glob("*.txt"))


def key(path: Path) -> str:
    return path.name.split(".")[0]


def run_shipped(data: Path, kind: str, out) -> int:
    n = 0
    for p in paths(data, kind):
        try:
            art = clean_page(page_of(p, kind))
            out.write(record(p, kind, art) + "\n")
        except Exception as e:  # noqa: BLE001 - a failed page is a scored miss, not a crash
            out.write(record(p, kind, None, f"{type(e).__name__}: {e}") + "\n")
        n += 1
    return n


def run_cv(data: Path, kind: str, k: int, out, workdir: Path,
           extra: list[Path] | None = None) -> int:
    """Clean each fold with models trained on the other folds (and on every page of
    ``extra``, training pages that are never scored)."""
    keys = [key(p) for p in paths(data, kind)]
    by_key = {key(p): p for p in paths(data, kind)}
    cached = train.html_pages(data) if kind == "html" else None
    more = [x for d in extra or [] for x in train.html_pages(d)] if kind == "html" else []
    n = 0
    for i, fold in enumerate(train.folds(keys, k)):
        held = set(fold)
        rest = [x for x in keys if x not in held]
        t = time.time()
        if kind == "text":
            model = workdir / f"lines-fold{i}.crfsuite"
            train.train_lines(data, model, keys=rest)
        else:
            model = workdir / f"blocks-fold{i}.gbm.json"
            cmodel = workdir / f"blocks-fold{i}.context.gbm.json"
            qmodel = workdir / f"blocks-fold{i}.quick.gbm.json"
            train.train_blocks([], model, cmodel, quick_path=qmodel,
                               pages=[x for x in cached if x[0] not in held] + more)
        print(f"fold {i}: trained in {time.time() - t:.0f}s", file=sys.stderr, flush=True)
        for x in fold:
            p = by_key[x]
            if kind == "text":
                art = clean_text(p.read_text(encoding="utf-8"), model=model)
            else:
                art = clean_html(train.read_html(p), model=model, context_model=cmodel,
                                 quick_model=qmodel)
            out.write(record(p, kind, art) + "\n")
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html", action="store_true", help="score HTML input")
    ap.add_argument("--text", action="store_true", help="score scraped-text input")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation (retrains)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--train-also", type=Path, action="append", default=[],
                    help="more training pages for --cv (never scored), e.g. wcxb-dev-more")
    ap.add_argument("--out", type=Path, default=None, help="JSONL output (default: temp dir)")
    a = ap.parse_args()
    kinds = [k for k in ("html", "text") if getattr(a, k)] or ["html", "text"]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            out_path = a.out or Path(tmp) / f"clean-{kind}.jsonl"
            if a.out and len(kinds) > 1:
                out_path = a.out.with_name(f"{a.out.stem}-{kind}{a.out.suffix}")
            t = time.time()
            with open(out_path, "w", encoding="utf-8") as out:
                n = (run_cv(a.data, kind, a.cv, out, Path(tmp), a.train_also) if a.cv
                     else run_shipped(a.data, kind, out))
            how = f"{a.cv}-fold CV" if a.cv else "shipped models"
            print(f"== {kind} ({how}): {n} pages in {time.time() - t:.0f}s -> {out_path}")
            res = subprocess.run([sys.executable, str(REFEREE), "aeb", str(out_path),
                                  str(a.data / "ground-truth.json")],
                                 capture_output=True, text=True, check=False)
            print(res.stdout.strip().splitlines()[-1] if res.stdout.strip() else res.stderr)


if __name__ == "__main__":
    main()
