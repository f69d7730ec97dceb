"""Loading, applying and training the linear-chain CRFs (python-crfsuite) over page lines."""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

MODELS = Path(__file__).resolve().parent.parent / "models"
LINES_MODEL = MODELS / "lines.crfsuite"

BODY, JUNK, TITLE = "B", "J", "T"
_local = threading.local()


def tagger(path: str | Path) -> pycrfsuite.Tagger:
    """A Tagger for ``path``, opened once per thread (crfsuite taggers are not thread-safe)."""
    cache: dict[str, pycrfsuite.Tagger] = _local.__dict__.setdefault("taggers", {})
    key = str(path)
    if key not in cache:
        if not Path(key).exists():
            raise FileNotFoundError(
                f"line model {key} is missing: rebuild it with `newsgraph train lines`")
        t = pycrfsuite.Tagger()
        t.open(key)
        cache[key] = t
    return cache[key]


def tag(path: str | Path, feats: list[list[str]]) -> tuple[list[str], list[dict[str, float]]]:
    """Best label sequence and per-line marginal probabilities of every label."""
    if not feats:
        return [], []
    t = tagger(path)
    t.set(feats)
    labels = t.tag()
    probs = [{y: t.marginal(y, i) for y in t.labels()} for i in range(len(feats))]
    return labels, probs


def train(xseqs: list[list[list[str]]], yseqs: list[list[str]], out_path: str | Path,
          c1: float = 0.1, c2: float = 0.3, max_iterations: int = 200) -> Path:
    """Fit a CRF (L-BFGS with elastic-net regularisation) and write it to ``out_path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xseqs, yseqs, strict=True):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    tagger_cache: dict = _local.__dict__.get("taggers", {})
    tagger_cache.pop(str(out), None)
    return out


def stacked_paths(path: str | Path) -> tuple[Path, Path]:
    """The two files of a two-pass model: ``lines.crfsuite`` -> ``lines.1.crfsuite``, ``.2``."""
    p = Path(path)
    return p.with_suffix(".1" + p.suffix), p.with_suffix(".2" + p.suffix)


def tag_stacked(path: str | Path, feats: list[list[str]], nwords: list[int]
                ) -> tuple[list[str], list[dict[str, float]]]:
    """Two passes: the second sees the first pass's verdicts on the line and its surroundings."""
    from .features import stack_features

    first, second = stacked_paths(path)
    _, p1 = tag(first, feats)
    ctx = stack_features([p.get(BODY, 0.0) for p in p1], nwords)
    return tag(second, [a + b for a, b in zip(feats, ctx, strict=True)])


def train_stacked(xs: list[list[list[str]]], ys: list[list[str]], nwords: list[list[int]],
                  out_path: str | Path, inner_folds: int = 5, **params: float) -> Path:
    """Train both passes. The second pass learns from first-pass verdicts on pages the first
    pass did not see (``inner_folds``-fold cross-fitting), as it will meet them at run time."""
    from .features import stack_features

    first, second = stacked_paths(out_path)
    oof: list[list[float]] = [[] for _ in xs]
    idx = list(range(len(xs)))
    for k in range(inner_folds):
        held = idx[k::inner_folds]
        keep = [i for i in idx if i % inner_folds != k]
        tmp = first.with_suffix(f".fold{k}.tmp")
        train([xs[i] for i in keep], [ys[i] for i in keep], tmp, **params)
        for i in held:
            oof[i] = [p.get(BODY, 0.0) for p in tag(tmp, xs[i])[1]]
        _local.__dict__.get("taggers", {}).pop(str(tmp), None)
        tmp.unlink()
    train(xs, ys, first, **params)
    x2 = [[a + b for a, b in zip(x, stack_features(p, n), strict=True)]
          for x, p, n in zip(xs, oof, nwords, strict=True)]
    train(x2, ys, second, **params)
    return Path(out_path)
