"""Training the line models from pages with a known article body (WCXB-style data).

``data_dir`` holds ``ground-truth.json`` ({id: {articleBody, title, ...}}) and ``text/<id>.txt``
(scraped text, one block per line) and/or ``html/<id>.html[.gz]``. Labels come from aligning
each line with the ground-truth body (see ``align.py``); the headline line is labelled title.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from . import crf
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


def train_blocks(data_dir: str | Path, out_path: str | Path = crf.BLOCKS_MODEL,
                 gbm_path: str | Path | None = None, keys: Iterable[str] | None = None,
                 pages: list[tuple] | None = None) -> tuple[Path, Path]:
    """Train the HTML block models on ``data_dir``: the two-pass CRF (``out_path``) and the
    tree model (``gbm_path``, default ``models/blocks.gbm.json``). Needs scikit-learn."""
    from . import gbm
    from .html import GBM_MODEL, gbm_matrix
    from .numeric import vocabulary

    pages = pages if pages is not None else html_pages(data_dir, keys)
    crf.train_stacked([p.crf_feats for _, p, _ in pages], [y for _, _, y in pages],
                      [p.nwords for _, p, _ in pages], out_path)
    columns = vocabulary([(p.texts, p.dom) for _, p, _ in pages])
    columns += sorted(pages[0][1].more) if pages else []
    x = np.vstack([gbm_matrix(p, columns) for _, p, _ in pages])
    y = np.concatenate([[lab == crf.BODY for lab in labels] for _, _, labels in pages])
    gpath = Path(gbm_path) if gbm_path is not None else GBM_MODEL
    gbm.fit(x, y, columns, gpath, sample_weight=np.concatenate([word_weights(p.nwords)
                                                                for _, p, _ in pages]))
    return Path(out_path), gpath
