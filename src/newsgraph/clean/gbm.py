"""Gradient-boosted trees in a portable form: trained with scikit-learn, stored as JSON,
applied with numpy (no scikit-learn, no pickle at run time)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np


class Trees:
    """A binary classifier: the sum of all trees' leaf values, through a logistic."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.features: list[str] = spec["features"]
        self.baseline = float(spec["baseline"])
        offsets, feat, thr, left, right, leaf, value, miss = [], [], [], [], [], [], [], []
        base = 0
        for t in spec["trees"]:
            n = len(t["feature"])
            offsets.append(base)
            feat += t["feature"]
            thr += t["threshold"]
            left += [x + base for x in t["left"]]
            right += [x + base for x in t["right"]]
            leaf += t["leaf"]
            value += t["value"]
            miss += t["missing_left"]
            base += n
        self.roots = np.array(offsets, dtype=np.int64)
        self.leaf = np.array(leaf, dtype=bool)
        # a leaf points to itself on both sides and compares feature 0 with +inf, so every
        # row takes the same number of steps and stays on its leaf once there
        own = np.arange(len(feat), dtype=np.int64)
        self.feat = np.where(self.leaf, 0, np.array(feat, dtype=np.int64))
        self.thr = np.where(self.leaf, np.inf, np.array(thr, dtype=np.float64))
        self.left = np.where(self.leaf, own, np.array(left, dtype=np.int64))
        self.right = np.where(self.leaf, own, np.array(right, dtype=np.int64))
        self.value = np.array(value, dtype=np.float64)
        self.miss = np.where(self.leaf, True, np.array(miss, dtype=bool))
        self.depth = int(spec.get("max_depth", 32))

    def decision(self, x: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds) for the rows of ``x``; all trees walked at once."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        rows = np.arange(n)[:, None]
        missing = bool(np.isnan(x).any())
        for _ in range(self.depth + 1):
            v = x[rows, self.feat[node]]
            go_left = v <= self.thr[node]
            if missing:
                go_left = np.where(np.isnan(v), self.miss[node], go_left)
            node = np.where(go_left, self.left[node], self.right[node])
            if self.leaf[node].all():
                break
        return self.baseline + self.value[node].sum(axis=1)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision(x)))


@lru_cache(maxsize=8)
def load(path: str) -> Trees:
    if not Path(path).exists():
        raise FileNotFoundError(f"model {path} is missing: rebuild it with `newsgraph train`")
    with open(path, encoding="utf-8") as f:
        return Trees(json.load(f))


def fit(x: np.ndarray, y: np.ndarray, features: list[str], out_path: str | Path,
        max_iter: int = 250, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
        max_depth: int = 8, l2: float = 1.0, seed: int = 0,
        sample_weight: np.ndarray | None = None) -> Path:
    """Train with scikit-learn's HistGradientBoostingClassifier and export the trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=max_iter, learning_rate=learning_rate, max_leaf_nodes=max_leaf_nodes,
        max_depth=max_depth, l2_regularization=l2, early_stopping=False, random_state=seed)
    clf.fit(x, y, sample_weight=sample_weight)
    trees = []
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        trees.append({
            "feature": nodes["feature_idx"].astype(int).tolist(),
            "threshold": [float(t) for t in nodes["num_threshold"]],
            "left": nodes["left"].astype(int).tolist(),
            "right": nodes["right"].astype(int).tolist(),
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
            "value": [round(float(v), 6) for v in nodes["value"]],
            "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
        })
    spec = {"kind": "gbdt-binary", "features": features,
            "baseline": float(np.ravel(clf._baseline_prediction)[0]),
            "max_depth": max_depth, "trees": trees}
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
    load.cache_clear()
    return out
