"""A linear model over named features, stored as JSON: what the learned extraction parts
(entity typing, antecedent ranking) share. Scoring is plain Python: no NumPy or
scikit-learn at run time.

    {"format": "newsgraph-linear/1", "kind": "entity-types", "weights": {"bias": -0.4, ...},
     "note": {...how it was trained, with its cross-validated figures...}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "newsgraph-linear/1"
MODELS = Path(__file__).resolve().parent.parent / "models"


class ModelFileError(ValueError):
    """A model file that is not a newsgraph linear model of the expected kind."""


@dataclass(slots=True)
class LinearModel:
    kind: str
    weights: dict[str, float]
    note: dict[str, Any] = field(default_factory=dict)

    def score(self, features: Mapping[str, float]) -> float:
        w = self.weights
        return w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in features.items())

    def save(self, path: str | Path) -> None:
        data = {"format": FORMAT, "kind": self.kind, "weights": self.weights, "note": self.note}
        weights = {k: round(v, 6) for k, v in sorted(self.weights.items()) if v != 0.0}
        data["weights"] = weights
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")

    @classmethod
    def load(cls, path: str | Path, kind: str) -> LinearModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelFileError(f"{path}: cannot read the model: {e}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("kind") != kind:
            raise ModelFileError(f"{path}: not a {FORMAT} model of kind {kind!r}")
        weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
        return cls(kind, weights, dict(data.get("note") or {}))
