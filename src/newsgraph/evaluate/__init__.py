"""The project's own evaluation: the referee's metric definitions, reimplemented.

``shared/referee/score.py`` judges the project but is not part of it; this package scores
with identical definitions so that development numbers are comparable. Each scorer is a
pure function of predictions (records keyed by document, or a list of Documents) and gold:

    score_golden(preds, "article.gold.json")      score_ggt(preds, "gold.jsonl")
    score_polnear(preds, "polnear/dev")           score_aeb(preds, "ground-truth.json")

returning the referee's JSON object; ``evaluate_X`` returns a :class:`Report` that adds the
summary line and the details (misses, false positives, wrong speakers).
"""

from newsgraph.evaluate.aeb import evaluate_aeb, score_aeb
from newsgraph.evaluate.errors import EvalError
from newsgraph.evaluate.ggt import evaluate_ggt, score_ggt
from newsgraph.evaluate.golden import evaluate_golden, score_golden
from newsgraph.evaluate.polnear import evaluate_polnear, score_polnear
from newsgraph.evaluate.predictions import index_predictions, load_predictions
from newsgraph.evaluate.report import Report

__all__ = [
    "EvalError",
    "Report",
    "evaluate_aeb",
    "evaluate_ggt",
    "evaluate_golden",
    "evaluate_polnear",
    "index_predictions",
    "load_predictions",
    "score_aeb",
    "score_ggt",
    "score_golden",
    "score_polnear",
]
