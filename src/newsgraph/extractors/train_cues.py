"""Training the cue detector (cuemodel.py) from PolNeAR's train split.

Labels: for each gold cue span (all its ranges), its syntactic head is the positive token:
the token of the span whose head lies outside the span, the highest one in the tree when
there are several ("according to" -> "according", "called for" -> "called", "said in a
statement" -> "said", a transcript's ":" -> ":"). The other tokens of a cue span are left
out of training (neither cue heads nor clear non-cues); every other candidate token is a
negative. The classifier is an L2 logistic regression (scikit-learn, at training time only);
its weights are written as JSON for ``CueModel``.

    python -m newsgraph.extractors.train_cues [--train DIR] [--out PATH] [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsgraph import nlp as nlp_mod
from newsgraph.corpora.polnear import Article, load_split
from newsgraph.extractors.cuemodel import (
    ALL_GROUPS,
    DEFAULT_MODEL,
    Candidates,
    CueModel,
    Lexicons,
    candidate_indices,
    current_lexicons,
    doc_view,
    token_features,
)

DEFAULT_TRAIN = Path(__file__).resolve().parents[4] / "shared" / "data" / "polnear" / "train"
DEFAULT_CACHE = Path("/tmp/newsgraph-cache")
DEFAULT_C = 0.5
MIN_COUNT = 3  # features seen fewer times in training are dropped
# A (part of speech, lemma) other than a verb becomes a candidate when it heads a cue this
# many times in training, and in at least this share of its occurrences.
CAND_MIN_COUNT = 2
CAND_MIN_RATE = 0.05


# ---------------------------------------------------------------- parsing, cached


def _cache_key(texts: Sequence[str], model: str) -> str:
    h = hashlib.sha1(model.encode())
    for t in texts:
        h.update(hashlib.sha1(t.encode()).digest())
    return h.hexdigest()[:16]


def parse_texts(texts: Sequence[str], cache_dir: Path | None = DEFAULT_CACHE) -> list[Doc]:
    """Parse with the project pipeline, reusing a DocBin in ``cache_dir`` when the same texts
    were parsed by the same model before."""
    nlp = nlp_mod.load()
    path = None
    if cache_dir is not None:
        path = Path(cache_dir) / f"docs-{_cache_key(texts, nlp.meta.get('name', ''))}.spacy"
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=nlp_mod.BATCH_SIZE))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return docs


def parse_articles(
    articles: Sequence[Article], cache_dir: Path | None = DEFAULT_CACHE
) -> list[Doc]:
    return parse_texts([a.text for a in articles], cache_dir)


# ---------------------------------------------------------------- labels


def span_tokens(doc: Doc, ranges: Iterable[tuple[int, int]]) -> list[int]:
    """Tokens (not whitespace) overlapping any of the character ranges."""
    out: set[int] = set()
    for s, e in ranges:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        out.update(t.i for t in span if not t.is_space)
    return sorted(out)


def _depth(doc: Doc, i: int) -> int:
    d = 0
    t = doc[i]
    while t.head.i != t.i and d < 200:
        t = t.head
        d += 1
    return d


def span_head(doc: Doc, toks: Sequence[int]) -> int | None:
    """The token of ``toks`` whose head is outside them; the highest one if several."""
    inside = set(toks)
    heads = [i for i in toks if doc[i].head.i not in inside or doc[i].head.i == i]
    if not heads:
        return None
    return min(heads, key=lambda i: (_depth(doc, i), i))


def cue_heads(doc: Doc, article: Article) -> dict[int, list[int]]:
    """Gold cue heads of an article: head token -> the tokens of its cue span(s)."""
    out: dict[int, list[int]] = {}
    for att in article.attributions:
        if not att.cue:
            continue
        toks = span_tokens(doc, att.cue)
        h = span_head(doc, toks)
        if h is not None:
            out.setdefault(h, [])
            out[h] = sorted(set(out[h]) | set(toks))
    return out


def learn_candidates(
    docs: Sequence[Doc],
    articles: Sequence[Article],
    min_count: int = CAND_MIN_COUNT,
    min_rate: float = CAND_MIN_RATE,
) -> Candidates:
    """All verbs, and the other (pos, lemma) pairs that often head a cue in training."""
    seen: Counter = Counter()
    heads: Counter = Counter()
    for doc, art in zip(docs, articles, strict=True):
        gold = cue_heads(doc, art)
        for t in doc:
            key = (t.pos_, t.lemma_.lower())
            seen[key] += 1
            if t.i in gold:
                heads[key] += 1
    lemmas: dict[str, set[str]] = {}
    for (pos, lemma), c in heads.items():
        if pos != "VERB" and c >= min_count and c / seen[(pos, lemma)] >= min_rate:
            lemmas.setdefault(pos, set()).add(lemma)
    return Candidates(frozenset({"VERB"}), {p: frozenset(ls) for p, ls in lemmas.items()})


def examples(
    docs: Sequence[Doc],
    articles: Sequence[Article],
    groups: Sequence[str] = ALL_GROUPS,
    lexicons: Lexicons | None = None,
    candidates: Candidates | None = None,
    inner_negative: bool = False,
) -> tuple[list[list[str]], list[int], dict]:
    """Features and labels of every candidate token. The non-head tokens of cue spans
    ("called" in "is called for") are skipped, or negatives with ``inner_negative``."""
    lexicons = current_lexicons() if lexicons is None else lexicons
    candidates = Candidates() if candidates is None else candidates
    X: list[list[str]] = []
    y: list[int] = []
    stats: Counter = Counter()
    for doc, art in zip(docs, articles, strict=True):
        heads = cue_heads(doc, art)
        inner = {i for toks in heads.values() for i in toks} - set(heads)
        v = doc_view(doc, None, lexicons)
        cands = candidate_indices(v, candidates)
        stats["gold_heads"] += len(heads)
        stats["gold_heads_candidate"] += len(set(cands) & set(heads))
        for i in cands:
            if i in inner and not inner_negative:
                continue
            X.append(token_features(v, i, groups))
            y.append(int(i in heads))
    stats["examples"] = len(y)
    stats["positives"] = sum(y)
    return X, y, dict(stats)


# ---------------------------------------------------------------- fitting


def fit(
    X: Sequence[Sequence[str]],
    y: Sequence[int],
    C: float = DEFAULT_C,
    min_count: int = MIN_COUNT,
    groups: Sequence[str] = ALL_GROUPS,
    lexicons: Lexicons | None = None,
    candidates: Candidates | None = None,
) -> CueModel:
    """An L2 logistic regression over the features seen in ``min_count`` examples (values:
    how many times an example lists the feature)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in X for f in set(feats))
    vocab = {f: k for k, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    rows, cols = [], []
    for r, feats in enumerate(X):
        for f in feats:
            c = vocab.get(f)
            if c is not None:  # a feature listed twice counts twice, as in CueModel
                rows.append(r)
                cols.append(c)
    M = csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(X), len(vocab)))
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
    clf.fit(M, np.asarray(y))
    names = sorted(vocab, key=lambda f: vocab[f])
    weights = {f: float(w) for f, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    return CueModel(
        weights,
        float(clf.intercept_[0]),
        tuple(groups),
        current_lexicons() if lexicons is None else lexicons,
        Candidates() if candidates is None else candidates,
    )


def train_cues(
    train_dir: str | Path = DEFAULT_TRAIN,
    out_path: str | Path | None = DEFAULT_MODEL,
    C: float = DEFAULT_C,
    min_count: int = MIN_COUNT,
    groups: Sequence[str] = ALL_GROUPS,
    cache_dir: Path | None = DEFAULT_CACHE,
) -> CueModel:
    """Build the cue model from a PolNeAR split and write it (with a note) to ``out_path``."""
    t0 = time.time()
    articles = load_split(train_dir)
    docs = parse_articles(articles, cache_dir)
    t1 = time.time()
    lexicons = current_lexicons()
    candidates = learn_candidates(docs, articles)
    X, y, stats = examples(docs, articles, groups, lexicons, candidates)
    model = fit(X, y, C, min_count, groups, lexicons, candidates)
    t2 = time.time()
    model.meta = {
        "data": f"PolNeAR {Path(train_dir).name} split ({len(articles)} articles)",
        "parser": nlp_mod.model_name(),
        "classifier": f"logistic regression, L2, C={C}, liblinear",
        "min_count": min_count,
        "labels": "head token of each gold cue span; other cue-span tokens not trained on",
        "features": len(model.weights),
        "candidates": "all verbs; other (pos, lemma) heading a cue >= "
        f"{CAND_MIN_COUNT} times and in >= {CAND_MIN_RATE:.0%} of its uses: "
        + ", ".join(f"{p} {len(ls)}" for p, ls in sorted(candidates.lemmas.items())),
        **stats,
        "train_seconds": round(t2 - t1, 1),
        "parse_or_cache_seconds": round(t1 - t0, 1),
    }
    if out_path is not None:
        out = model.save(out_path)
        note = out.with_name(out.stem + ".note.json")
        note.write_text(json.dumps(model.meta, indent=1) + "\n", encoding="utf-8")
    return model


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default=str(DEFAULT_TRAIN), help="PolNeAR train split dir")
    ap.add_argument("--out", default=str(DEFAULT_MODEL))
    ap.add_argument("--C", type=float, default=DEFAULT_C)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--cache", default=str(DEFAULT_CACHE), help="parse cache dir ('' = none)")
    a = ap.parse_args(argv)
    model = train_cues(
        a.train, a.out, a.C, a.min_count, cache_dir=Path(a.cache) if a.cache else None
    )
    print(json.dumps(model.meta, indent=1))


if __name__ == "__main__":
    main()
