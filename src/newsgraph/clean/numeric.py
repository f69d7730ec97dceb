"""Numeric feature matrix of a page's lines/blocks for the tree model.

Columns are named; a model stores the names it was trained with and ``matrix`` builds exactly
those columns. Binary string features (``features.line_features`` and the DOM features of
``blocks.block_features``) become 0/1 columns; lexical ones (``w=``, ``w0=``, ``wl=``) are left
to the CRF. Page context comes as numbers: position, distances to the main text, neighbours'
length / link density / extractor coverage, and window averages.
"""

from __future__ import annotations

import math

import numpy as np

from .features import WORD, line_features

LEXICAL = ("w=", "w0=", "wl=")
NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)


def window_mean(a: np.ndarray, r: int) -> np.ndarray:
    n = len(a)
    cs = np.concatenate([[0.0], np.cumsum(a)])
    idx = np.arange(n)
    lo = np.clip(idx - r, 0, n)
    hi = np.clip(idx + r + 1, 0, n)
    return (cs[hi] - cs[lo]) / np.maximum(hi - lo, 1)


def _shift(a: np.ndarray, k: int, fill: float = -1.0) -> np.ndarray:
    out = np.full(len(a), fill)
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    return out


def _distance_to(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines back to the previous / on to the next True in ``mask`` (capped at 50)."""
    n = len(mask)
    prev = np.full(n, 50.0)
    nxt = np.full(n, 50.0)
    last = -10**9
    for i in range(n):
        prev[i] = min(50, i - last)
        if mask[i]:
            last = i
    last = 10**9
    for i in range(n - 1, -1, -1):
        nxt[i] = min(50, last - i)
        if mask[i]:
            last = i
    return prev, nxt


def page_columns(texts: list[str], link: list[float] | None = None,
                 cover: list[float] | None = None) -> dict[str, np.ndarray]:
    """Numeric context columns of a page."""
    n = len(texts)
    nw = np.array([len(WORD.findall(t)) for t in texts], dtype=float)
    lw = np.log1p(nw)
    nc = np.array([len(t) for t in texts], dtype=float)
    ld = np.array(link if link is not None else [0.0] * n, dtype=float)
    cov = np.array(cover if cover is not None else [0.0] * n, dtype=float)
    term = np.array([1.0 if t.rstrip().endswith((".", "!", "?", '"', "”", "’")) else 0.0
                     for t in texts])
    total = max(nw.sum(), 1.0)
    before = np.concatenate([[0.0], np.cumsum(nw)[:-1]]) / total if n else np.zeros(0)
    longi = np.flatnonzero(nw >= 25)
    longest = int(np.argmax(nw)) if n else 0
    first = longi[0] if len(longi) else longest
    last = longi[-1] if len(longi) else longest
    idx = np.arange(n, dtype=float)
    cols: dict[str, np.ndarray] = {
        "nwords": nw, "logwords": lw, "nchars": nc, "linkdens": ld, "cover": cov, "term": term,
        "relpos": idx / max(n - 1, 1), "mass": before, "npage": np.full(n, math.log1p(n)),
        "pagewords": np.full(n, math.log1p(total)),
        "to_first_long": idx - first, "to_last_long": idx - last, "to_longest": idx - longest,
    }
    counts: dict[str, int] = {}
    for t in texts:
        k = t.strip().lower()
        counts[k] = counts.get(k, 0) + 1
    cols["repeats"] = np.array([counts[t.strip().lower()] for t in texts], dtype=float)
    for r in (2, 5, 15):
        cols[f"cover_w{r}"] = window_mean(cov, r)
    for r in (3, 10):
        cols[f"logwords_w{r}"] = window_mean(lw, r)
        cols[f"link_w{r}"] = window_mean(ld, r)
        cols[f"term_w{r}"] = window_mean(term, r)
    for k in NEIGHBOUR_OFFSETS:
        cols[f"logwords@{k}"] = _shift(lw, -k)
        cols[f"cover@{k}"] = _shift(cov, -k)
        cols[f"link@{k}"] = _shift(ld, -k)
        cols[f"term@{k}"] = _shift(term, -k)
    covered = cov >= 0.5
    dp, dn = _distance_to(covered)
    cols["cover_prev"], cols["cover_next"] = dp, dn
    ci = np.flatnonzero(covered)
    inside = np.zeros(n)
    if len(ci):
        inside[ci[0]: ci[-1] + 1] = 1.0
    cols["cover_span"] = inside
    cols["cover_share"] = np.full(n, float((nw * covered).sum() / total))
    return cols


def string_features(texts: list[str], extra: list[list[str]] | None = None,
                    base: list[list[str]] | None = None) -> list[list[str]]:
    """The binary (non-lexical) features of each line, plus its DOM features."""
    out = []
    for i, t in enumerate(texts):
        own = base[i] if base is not None else line_features(t)
        f = [x for x in own if not x.startswith(LEXICAL)]
        if extra is not None:
            f.extend(extra[i])
        out.append(f)
    return out


def matrix(columns: list[str], texts: list[str], extra: list[list[str]] | None = None,
           link: list[float] | None = None, cover: list[float] | None = None,
           more: dict[str, np.ndarray] | None = None, base: list[list[str]] | None = None
           ) -> np.ndarray:
    """The page's feature matrix with exactly ``columns`` (missing binary ones are 0)."""
    n = len(texts)
    num = page_columns(texts, link, cover)
    if more:
        num.update(more)
    index = {c: j for j, c in enumerate(columns)}
    x = np.zeros((n, len(columns)), dtype=np.float64)
    for name, values in num.items():
        j = index.get(name)
        if j is not None:
            x[:, j] = values
    for i, feats in enumerate(string_features(texts, extra, base)):
        for f in feats:
            j = index.get("f:" + f)
            if j is not None:
                x[i, j] = 1.0
    return x


def vocabulary(pages: list[tuple[list[str], list[list[str]] | None]], min_count: int = 20
               ) -> list[str]:
    """Column names for training: all numeric columns, and the binary features seen on at
    least ``min_count`` lines of the training pages."""
    counts: dict[str, int] = {}
    for texts, extra in pages:
        for feats in string_features(texts, extra):
            for f in set(feats):
                counts[f] = counts.get(f, 0) + 1
    numeric = list(page_columns(["a b", "c"]).keys())
    binary = sorted("f:" + f for f, c in counts.items() if c >= min_count)
    return numeric + binary
