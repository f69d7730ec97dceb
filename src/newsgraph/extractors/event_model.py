"""The learned event filter: is a candidate event one the article reports?

The rules find candidates and read their arguments; this linear model decides which to
keep, from general features of the candidate (its type, how it was found, what it names,
where it stands), never its words. Its prior weights are the hand-set rule (an event names
a participant, a place or a date; a bare plural names no one happening; a visit needs a
traveller); ``newsgraph train events`` fits it to the events-dev gold, pulled towards that
prior, and notes its cross-validated figures (``train_events.py``).

    {"format": "newsgraph-linear/1", "kind": "events", "weights": {...}, "note": {...}}
"""

from __future__ import annotations

from functools import lru_cache

from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.event_coref import MergedEvent
from newsgraph.extractors.linear import MODELS, LinearModel
from newsgraph.extractors.lines import LINK_LABEL

EVENTS_MODEL = MODELS / "events.json"
KIND = "events"
# The rule as weights: kept unless it names nothing, is a bare plural or a visit of no one.
PRIOR: dict[str, float] = {
    "bias": 2.0,
    "no_args": -4.0,
    "specific_election": 4.0,
    "type=deadline": 2.0,
    "generic_plural": -4.0,
    "visit_no_one": -4.0,
}


@lru_cache(maxsize=1)
def shipped_filter() -> LinearModel:
    if EVENTS_MODEL.exists():
        return LinearModel.load(EVENTS_MODEL, KIND)
    return LinearModel(KIND, dict(PRIOR), {"source": "hand-set prior"})


def features(e: MergedEvent, context: QuoteContext | None) -> dict[str, float]:
    """What the filter weighs for one candidate event (all 0/1)."""
    first = e.first
    trig = first.trigger
    t = trig.head
    parts = e.participants
    f: dict[str, float] = {
        f"type={e.type}": 1.0,
        f"kind={trig.kind}": 1.0,
        f"parts={min(len(parts), 2)}": 1.0,
    }
    types = {c.type for c in parts}
    for kind in ("PERSON", "ORG", "GPE", "NORP"):
        if kind in types:
            f[f"has_{kind.lower()}"] = 1.0
    if e.place:
        f["place"] = 1.0
    if e.date:
        f["date"] = 1.0
        if len(e.date.split("-")) == 3:
            f["date_day"] = 1.0
    if not (parts or e.place or e.date):
        f["no_args"] = 1.0
    elif len(parts) <= 1 and not (e.place or e.date):
        f["thin"] = 1.0  # one participant, no place, no date: "X met with voters"
        f[f"thin|type={e.type}"] = 1.0
    if e.status != "occurred":
        f[f"status={e.status}"] = 1.0
    if len(e.mentions) > 1:
        f["mentions=2+"] = 1.0
    if any(m.specific for m in e.mentions):
        f["specific_election" if e.type == "election" else "specific"] = 1.0
    if all(m.generic for m in e.mentions):
        f["generic_plural"] = 1.0
    if e.type == "visit" and not parts:
        f["visit_no_one"] = 1.0
    if any(m.definite for m in e.mentions):
        f["definite"] = 1.0
    if t.dep_ == "relcl" or t.head.dep_ == "relcl":
        f["relative_clause"] = 1.0
    if t.sent.text.rstrip().endswith("?"):
        f["question"] = 1.0
    if context is not None:
        if all(context.quote_of_token[m.trigger.head.i] is not None for m in e.mentions):
            f["quoted"] = 1.0
        if all(context.lines.furniture_at(m.trigger.head.idx) for m in e.mentions):
            f["furniture"] = 1.0
    return f


def keep(model: LinearModel, feats: dict[str, float]) -> bool:
    return model.score(feats) >= 0.0


def is_link_line(context: QuoteContext | None, at: int) -> bool:
    """A 'READ MORE: ...' or 'WATCH: ...' line: a link to another story, whose events are
    that story's."""
    if context is None:
        return False
    s, e = context.lines.bounds_at(at)
    return bool(LINK_LABEL.match(context.text[s:e].strip()))
