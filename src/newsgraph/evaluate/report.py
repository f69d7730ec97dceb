"""What every scorer returns: the referee's figures, its summary line, and the details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Report:
    """One evaluation.

    ``scores`` has exactly the referee's keys and values; ``summary`` is its one-line
    summary; ``ok`` is False when the referee would exit 1 (gold documents without a
    prediction, or an imperfect golden article); ``details`` lists the errors by kind
    (missed gold items, extra predictions, wrong speakers, ...) for error analysis.
    """

    mode: str
    scores: dict[str, Any]
    summary: str
    ok: bool
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
