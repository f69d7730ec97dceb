"""Page context for the second block model: what the first model thinks of a block's
surroundings. A lone body-looking block inside a container of junk (a related-story card), a
paragraph under a "Comments" or "More from" heading, or far after the body span, is judged in
that light; a short block inside the article's container among body blocks is kept."""

from __future__ import annotations

import re

import numpy as np

from .numeric import window_mean

# Headings that open a section after (or beside) the article rather than a part of it.
# Generic web-page vocabulary, not taken from any evaluation page.
SECTION_HEADINGS = re.compile(
    r"\b(?:related|comments?|more (?:from|stories|news|on|in)|read (?:more|next|also)|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)|recommended|popular|trending|newsletter|"
    r"about the author|tags?|leave a (?:reply|comment)|share (?:this|on)|latest|archives?|"
    r"categories|follow us|sponsored|advertisement|see also|further reading|more like this|"
    r"also read|editor'?s picks|top stories|gallery|subscribe|sign up|recent posts)\b",
    re.IGNORECASE,
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CONTAINER_DEPTHS = (1, 2, 3, 4, 6)  # ancestors whose blocks are pooled (1: the parent)
WINDOWS = (1, 2, 5, 10)
OFFSETS = (-3, -2, -1, 1, 2, 3)
FAR = 50  # distances are capped here


def _shifted(p: np.ndarray, k: int) -> np.ndarray:
    out = np.full(len(p), -1.0)
    if k > 0:
        out[:-k] = p[k:]
    elif k < 0:
        out[-k:] = p[:k]
    return out


def _heading_like(text: str, tag: str, nwords: int) -> bool:
    short = 1 <= nwords <= 6 and not text.rstrip().endswith((".", "!", "?"))
    return tag in HEADING_TAGS or (short and bool(SECTION_HEADINGS.search(text)))


def context_columns(texts: list[str], tags: list[str], ancestors: list[list[int]],
                    articles: list[int], nwords: list[int], p: np.ndarray
                    ) -> dict[str, np.ndarray]:
    """Numeric columns from the first stage's body probabilities ``p``."""
    n = len(texts)
    nw = np.asarray(nwords, dtype=float)
    total = max(nw.sum(), 1.0)
    cols: dict[str, np.ndarray] = {"p1": np.asarray(p, dtype=float)}
    for r in WINDOWS:
        cols[f"p1_w{r}"] = window_mean(p, r)
    for k in OFFSETS:
        cols[f"p1@{k}"] = _shifted(p, k)
    body = p > 0.5
    body_words = nw * body
    idx = np.flatnonzero(body)
    pos = np.arange(n)
    if len(idx):
        cols["to_first_body"] = np.clip(pos - idx[0], -FAR, FAR).astype(float)
        cols["to_last_body"] = np.clip(pos - idx[-1], -FAR, FAR).astype(float)
        cols["body_before"] = (np.cumsum(body_words) - body_words) / max(body_words.sum(), 1.0)
    else:
        cols["to_first_body"] = np.full(n, -FAR - 10.0)
        cols["to_last_body"] = np.full(n, FAR + 10.0)
        cols["body_before"] = np.zeros(n)
    cols["body_share"] = np.full(n, body_words.sum() / total)
    weight = nw + 1.0
    for d in CONTAINER_DEPTHS:
        key = [a[d] if len(a) > d else -1 for a in ancestors]
        w_sum: dict[int, float] = {}
        p_sum: dict[int, float] = {}
        count: dict[int, int] = {}
        for i, k in enumerate(key):
            w_sum[k] = w_sum.get(k, 0.0) + weight[i]
            p_sum[k] = p_sum.get(k, 0.0) + weight[i] * p[i]
            count[k] = count.get(k, 0) + 1
        # the other blocks of the container: their word-weighted body probability
        cols[f"anc{d}_p"] = np.array([
            (p_sum[k] - weight[i] * p[i]) / (w_sum[k] - weight[i]) if count[k] > 1 else -1.0
            for i, k in enumerate(key)])
        cols[f"anc{d}_share"] = np.array([w_sum[k] / (total + n) for k in key])
        cols[f"anc{d}_n"] = np.log1p([count[k] for k in key])
    head_p = np.full(n, -1.0)
    head_kw = np.zeros(n)
    head_dist = np.full(n, float(FAR))
    self_kw = np.zeros(n)
    last: int | None = None
    for i in range(n):
        if last is not None:
            head_p[i] = p[last]
            head_dist[i] = min(FAR, i - last)
            head_kw[i] = float(bool(SECTION_HEADINGS.search(texts[last])))
        if _heading_like(texts[i], tags[i], nwords[i]):
            last = i
            self_kw[i] = float(nwords[i] <= 6 and bool(SECTION_HEADINGS.search(texts[i])))
    cols["head_p"], cols["head_kw"], cols["head_dist"] = head_p, head_kw, head_dist
    cols["self_kw"] = self_kw
    # a page of several articles (infinite scroll, teasers in <article> cards): the one
    # holding most body words, and headlines met since the body began
    art_words: dict[int, float] = {}
    for a, w in zip(articles, body_words, strict=True):
        if a >= 0:
            art_words[a] = art_words.get(a, 0.0) + w
    main = max(art_words, key=art_words.__getitem__) if art_words else -1
    cols["in_body_article"] = np.array([-1.0 if main < 0 or art_words[main] == 0 else
                                        float(a == main) for a in articles])
    since = np.full(n, -1.0)
    if len(idx):
        count = 0
        for i in range(idx[0], n):
            if tags[i] == "h1" and i > idx[0]:
                count += 1
            since[i] = min(count, 3)
    cols["h1_since_body"] = since
    return cols
