"""Fitting the linear models of ``linear.py`` (needs the ``train`` extra: scikit-learn,
which brings NumPy and SciPy).

- ``fit_binary``: logistic regression, one example a row (entity typing).
- ``fit_ranking``: a conditional logit over candidate sets, one set per decision (which
  antecedent a pronoun takes): the softmax over a set's candidates is fitted to pick the
  right one, with an L2 penalty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Row = Mapping[str, float]


def _vectorise(rows: Sequence[Row]) -> tuple[list[str], object]:
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(rows)
    return list(vec.get_feature_names_out()), x


def fit_binary(
    rows: Sequence[Row],
    labels: Sequence[int],
    l2: float = 1.0,
    sample_weight: Sequence[float] | None = None,
    prior: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Weights (with "bias") of a logistic regression of ``labels`` (0/1) on ``rows``,
    penalised by ``l2`` times the squared distance from ``prior`` (hand-set weights; zero
    where it has none): features the data say little about keep their prior weight."""
    import numpy as np
    from scipy.optimize import minimize

    rows = [{**r, "bias": 1.0} for r in rows]
    names, x = _vectorise(rows)
    x = x.tocsr()  # type: ignore[attr-defined]
    y = np.asarray(labels, dtype=float)
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    mean = np.array([(prior or {}).get(n, 0.0) for n in names])
    pen = np.array([0.0 if n == "bias" else l2 for n in names])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        ll = sw * (np.logaddexp(0.0, z) - y * z)
        d = w - mean
        grad = x.T @ (sw * (p - y)) + pen * d
        return float(ll.sum() + 0.5 * float((pen * d) @ d)), grad

    res = minimize(loss, mean.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return {n: float(v) for n, v in zip(names, res.x, strict=True)}


def fit_ranking(
    sets: Sequence[tuple[Sequence[Row], int]],
    l2: float = 1.0,
    prior: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Weights of a conditional logit: each set is (candidate rows, index of the right one),
    penalised by ``l2`` times the squared distance from ``prior``."""
    import numpy as np
    from scipy.optimize import minimize

    rows = [r for cands, _ in sets for r in cands]
    names, x = _vectorise(rows)
    x = x.tocsr()  # type: ignore[attr-defined]
    bounds = np.cumsum([0] + [len(c) for c, _ in sets])
    gold = np.array([bounds[k] + g for k, (_, g) in enumerate(sets)])
    starts = bounds[:-1]
    set_of = np.repeat(np.arange(len(sets)), [len(c) for c, _ in sets])

    mean = np.array([(prior or {}).get(n, 0.0) for n in names])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        m = np.maximum.reduceat(s, starts)
        e = np.exp(s - m[set_of])
        z = np.add.reduceat(e, starts)
        p = e / z[set_of]
        nll = -np.sum(s[gold] - m - np.log(z))
        grad = x.T @ p - np.asarray(x[gold].sum(axis=0)).ravel()
        d = w - mean
        return float(nll + 0.5 * l2 * float(d @ d)), grad + l2 * d

    res = minimize(loss, mean.copy(), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {n: float(v) for n, v in zip(names, res.x, strict=True) if abs(v) > 1e-9}
