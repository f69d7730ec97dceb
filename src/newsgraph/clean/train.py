"""Training the line models from pages with a known article body (WCXB-style data).

``data_dir`` holds ``ground-truth.json`` ({id: {articleBody, title, ...}}) and ``text/<id>.txt``
(scraped text, one block per line) and/or ``html/<id>.html[.gz]``. Labels come from aligning
each line with the ground-truth body (see ``align.py``); the headline line is labelled title.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from . import crf, gbm
from .align import body_labels, title_index
from .features import WORD, sequence_features
from .text import split_lines


def load_truth(data_dir: str | Path) -> dict[str, dict]:
    with open(Path(data_dir) / "ground-truth.json", encoding="utf-8") as f:
        return json.load(f)


def line_labels(lines: list[str], truth: dict) -> list[str]:
    """B/J/T labels of a page's lines against its ground truth."""
    body = body_labels(lines, truth.get("articleBody") or "")
    labels = [crf.BODY if b else crf.JUNK for b in body]
    first = next((i for i, b in enumerate(body) if b), len(lines))
    t = title_index(lines, truth.get("title") or "", before=first)
    if t is None:
        t = title_index(lines, truth.get("title") or "")
    if t is not None and labels[t] == crf.JUNK:
        labels[t] = crf.TITLE
    return labels


def text_pages(data_dir: str | Path, keys: Iterable[str] | None = None
               ) -> list[tuple[str, list[str], list[str]]]:
    """(id, lines, labels) for the scraped-text pages of ``data_dir``."""
    truth = load_truth(data_dir)
    out = []
    for key in sorted(keys if keys is not None else truth):
        path = Path(data_dir) / "text" / f"{key}.txt"
        if not path.exists():
            continue
        lines = split_lines(path.read_text(encoding="utf-8"))
        out.append((key, lines, line_labels(lines, truth[key])))
    return out


def train_lines(data_dir: str | Path, out_path: str | Path = crf.LINES_MODEL,
                keys: Iterable[str] | None = None) -> Path:
    """Train the scraped-text line model (two-pass CRF) on ``data_dir`` (all pages, or
    ``keys``) and write ``out_path`` (its two passes go beside it, see ``crf.stacked_paths``)."""
    pages = text_pages(data_dir, keys)
    xs = [sequence_features(lines) for _, lines, _ in pages]
    ys = [labels for _, _, labels in pages]
    nws = [[len(WORD.findall(x)) for x in lines] for _, lines, _ in pages]
    return crf.train_stacked(xs, ys, nws, out_path)


def read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def folds(keys: list[str], k: int) -> list[list[str]]:
    """Split ids into ``k`` interleaved folds (deterministic)."""
    keys = sorted(keys)
    return [keys[i::k] for i in range(k)]


def html_pages(data_dir: str | Path, keys: Iterable[str] | None = None) -> list[tuple]:
    """(id, analysed page, labels) for the HTML pages of ``data_dir`` (trees dropped)."""
    from .html import analyse

    truth = load_truth(data_dir)
    out = []
    for key in sorted(keys if keys is not None else truth):
        path = Path(data_dir) / "html" / f"{key}.html.gz"
        if not path.exists():
            path = Path(data_dir) / "html" / f"{key}.html"
            if not path.exists():
                continue
        page = analyse(read_html(path))
        if page is None:
            continue
        page.tree = None  # keep memory small: the models need only the features
        page.blocks = []
        out.append((key, page, line_labels(page.texts, truth[key])))
    return out


def word_weights(nwords: list[int]) -> np.ndarray:
    """Training weights of a page's blocks for the tree model: each page keeps a total weight
    equal to its number of blocks, shared out in proportion to words (+1), so a paragraph
    outweighs a menu link as it does in the word-level score."""
    w = np.asarray(nwords, dtype=float) + 1.0
    return w * (len(w) / w.sum()) if len(w) else w


TREES = {"max_iter": 100, "learning_rate": 0.2}  # both block models (CV: as good as 250 x 0.1)


def _fit_trees(pages: list[tuple], build: Callable[[object], np.ndarray], columns: list[str],
               out_path: str | Path) -> Path:
    from . import gbm

    x = np.vstack([build(p) for _, p, _ in pages])
    y = np.concatenate([[lab == crf.BODY for lab in labels] for _, _, labels in pages])
    w = np.concatenate([word_weights(p.nwords) for _, p, _ in pages])
    return gbm.fit(x, y, columns, out_path, sample_weight=w, **TREES)


def train_blocks(data_dirs: str | Path | Iterable[str | Path],
                 out_path: str | Path | None = None, context_path: str | Path | None = None,
                 keys: Iterable[str] | None = None, pages: list[tuple] | None = None,
                 inner_folds: int = 3, quick_path: str | Path | None = None
                 ) -> tuple[Path, Path, Path]:
    """Train the three HTML block models on the pages of ``data_dirs`` (all pages, or
    ``keys`` of a single folder; or the analysed ``pages``): the first stage (``out_path``,
    default ``models/blocks.gbm.json``), the page-context stage (``context_path``) and the
    quick model without trafilatura (``quick_path``). The second stage learns from
    first-stage probabilities on pages that model did not see (``inner_folds``-fold
    cross-fitting), as it meets them at run time. Needs scikit-learn."""
    from .context import context_columns
    from .html import CONTEXT_MODEL, GBM_MODEL, QUICK_MODEL, context_matrix, first_matrix
    from .numeric import vocabulary

    if pages is None:
        dirs = [data_dirs] if isinstance(data_dirs, (str, Path)) else list(data_dirs)
        pages = [x for d in dirs for x in html_pages(d, keys)]
    out1 = Path(out_path) if out_path is not None else GBM_MODEL
    out2 = Path(context_path) if context_path is not None else CONTEXT_MODEL
    columns = vocabulary([(p.texts, p.dom) for _, p, _ in pages])
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    tmp = out1.with_suffix(".fold.tmp")
    for k in range(inner_folds):
        rest = [x for i, x in enumerate(pages) if i % inner_folds != k]
        _fit_trees(rest, lambda p: first_matrix(p, columns), columns, tmp)
        trees = gbm.load(str(tmp))
        for i in range(k, len(pages), inner_folds):
            oof[i] = trees.proba(first_matrix(pages[i][1], columns))
    tmp.unlink()
    _fit_trees(pages, lambda p: first_matrix(p, columns), columns, out1)
    ctx_names = sorted(context_columns(["a"], ["p"], [[0]], [-1], [1], np.zeros(1)))
    columns2 = columns + ctx_names
    probs = {id(p): q for (_, p, _), q in zip(pages, oof, strict=True)}
    _fit_trees(pages, lambda p: context_matrix(p, columns2, probs[id(p)]), columns2, out2)
    out0 = Path(quick_path) if quick_path is not None else QUICK_MODEL
    columns0 = [c for c in columns if not c.startswith("cover")]  # trafilatura's columns
    _fit_trees(pages, lambda p: first_matrix(p, columns0), columns0, out0)
    return out1, out2, out0
