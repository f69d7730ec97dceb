"""Fitting and cross-validating the learned event filter (``event_model.py``) on events-dev.

Every document is parsed and run through the extraction passes once; its candidate events
(all of them, before the filter) get their features and a label: 1 when the referee's
matching pairs the candidate with a gold event. A logistic regression, pulled towards the
hand-set prior, is fitted on the labelled candidates. Cross-validation is by document
(``evaluate.cv.article_folds``): each fold's candidates are filtered by a model fitted on
the other folds, and the referee's figures are computed on the pooled output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.corpora.events_dev import EventsDoc, load_events_dev
from newsgraph.evaluate.cv import article_folds
from newsgraph.evaluate.events import _match, evaluate_events, unique_names
from newsgraph.extractors.event_model import KIND, PRIOR, features, keep
from newsgraph.extractors.linear import LinearModel
from newsgraph.record import Document, Event, Source

DEFAULT_L2 = 8.0  # chosen by 5-fold CV among 0.5, 2 and 8 (docs/events.md)
FOLDS = 5


@dataclass(slots=True)
class DocCandidates:
    key: str
    doc: EventsDoc
    record: dict[str, Any]  # the document's record, events left empty
    events: list[Event] = field(default_factory=list)  # every candidate, as a record event
    rows: list[dict[str, float]] = field(default_factory=list)  # their features
    labels: list[int] = field(default_factory=list)


def collect(docs: Sequence[EventsDoc]) -> list[DocCandidates]:
    """Candidates, features and labels of every document."""
    from newsgraph.extractors import analyse, extract_doc
    from newsgraph.extractors.events import event_candidates, to_record
    from newsgraph.extractors.train_cues import parse_texts

    parsed = parse_texts([d.text for d in docs])
    out = []
    for d, doc in zip(docs, parsed, strict=True):
        x = extract_doc(doc, d.published)
        state = analyse(doc, d.published)
        cands = event_candidates(
            doc, state.index, state.need("roles"), d.published, state.need("resolver"),
            state.need("context"),
        )
        rec = Document(
            id=d.key, source=Source(d.key, None, "text"), text=d.text, published=d.published,
            entities=x.entities,
        ).to_dict()
        dc = DocCandidates(d.key, d, rec)
        dc.events = [to_record(doc, n, e) for n, e in enumerate(cands, 1)]
        dc.rows = [features(e, state.context) for e in cands]
        dc.labels = _labels(dc)
        out.append(dc)
    return out


def _labels(dc: DocCandidates) -> list[int]:
    """1 for the candidates the referee's matching pairs with a gold event."""
    rec = dict(dc.record, events=[_as_dict(v) for v in dc.events])
    names = {e["id"]: e["name"] for e in rec["entities"]}
    pe = [
        {"type": v["type"], "trigger": v["trigger"],
         "participants": unique_names(names.get(p) for p in v["participants"]),
         "place": v["place"], "date": v["date"], "status": v["status"]}
        for v in rec["events"]
    ]
    ge = dc.doc.gold.get("events") or []
    gparts = [unique_names(g.get("participants") or []) for g in ge]
    matched = {j for _, j in _match(ge, gparts, pe)}
    return [int(j in matched) for j in range(len(pe))]


def _as_dict(v: Event) -> dict[str, Any]:
    return Document(id="", source=Source(), text=None, events=[v]).to_dict()["events"][0]


def fit(cands: Sequence[DocCandidates], l2: float = DEFAULT_L2) -> LinearModel:
    from newsgraph.extractors.train_linear import fit_binary

    rows = [r for c in cands for r in c.rows]
    labels = [y for c in cands for y in c.labels]
    return LinearModel(KIND, fit_binary(rows, labels, l2, prior=PRIOR))


def records(cands: Sequence[DocCandidates], model: LinearModel | None) -> list[dict[str, Any]]:
    """The documents' records with the events ``model`` keeps (all, for None)."""
    out = []
    for c in cands:
        kept = [v for v, r in zip(c.events, c.rows, strict=True) if model is None or keep(model, r)]
        out.append(dict(c.record, events=[_as_dict(v) for v in kept]))
    return out


def figures(recs: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    s = evaluate_events(recs, gold).scores
    return {
        "events": s["events"], "participants": s["participants"], "place": s["place_acc"],
        "date": s["date_acc"], "status": s["status_acc"], "gold": s["gold_events"],
        "predicted": s["pred_events"],
    }


def cross_validate(
    cands: Sequence[DocCandidates], k: int = FOLDS, l2: float = DEFAULT_L2
) -> dict[str, Any]:
    """Each fold filtered by a model fitted on the others; figures on the pooled output."""
    folds = article_folds([c.key for c in cands], k)
    recs: list[dict[str, Any]] = []
    for test in folds:
        model = fit([c for c in cands if c.key not in test], l2)
        recs.extend(records([c for c in cands if c.key in test], model))
    return figures(recs, {c.key: c.doc.gold for c in cands})


def held_out(
    cands: Sequence[DocCandidates], train: set[str], l2: float = DEFAULT_L2
) -> dict[str, Any]:
    """Fitted on the ``train`` documents, scored on the others."""
    model = fit([c for c in cands if c.key in train], l2)
    test = [c for c in cands if c.key not in train]
    return figures(records(test, model), {c.key: c.doc.gold for c in test})


def train_events(
    gold_path: str | Path, out: str | Path, l2: float = DEFAULT_L2, cv: bool = True
) -> LinearModel:
    docs = load_events_dev(gold_path)
    cands = collect(docs)
    gold = {c.key: c.doc.gold for c in cands}
    model = fit(cands, l2)
    model.note = {
        "trained_on": f"events-dev ({len(docs)} documents, "
        f"{sum(len(c.doc.gold.get('events') or []) for c in cands)} events)",
        "candidates": sum(len(c.rows) for c in cands),
        "l2": l2,
        "prior_only": figures(records(cands, LinearModel(KIND, dict(PRIOR))), gold),
        "dev_fit": figures(records(cands, model), gold),
    }
    if cv:
        model.note[f"cv_{FOLDS}fold"] = cross_validate(cands, FOLDS, l2)
    model.save(out)
    return model
