"""Training the person vote of ``entity_types.py`` on GUM (``newsgraph train entities``).

Each example is one name of one document as ``entities.py`` groups it (all its mentions,
whatever the tagger called them), with the features the vote sees. Its label comes from
GUM: a person when most of its mentions lie on GUM's named person mentions, not a person
when most lie on mentions of another type (place, organisation, object, event, ...) or on
groups of people ("Muslims"); names GUM does not annotate are left out. The figures in
the model's note are 5-fold cross-validated by document: each fold scored by a model fitted
without it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.corpora.gum import GumDoc, load_gum
from newsgraph.extractors.attribution import QuoteContext
from newsgraph.extractors.entities import _group, family_names, group_kin
from newsgraph.extractors.entity_types import Features, group_features
from newsgraph.extractors.linear import LinearModel
from newsgraph.extractors.mentions import find_mentions

DEFAULT_L2 = 3.0  # how strongly the weights are pulled back to the hand-set prior
FOLDS = 5


def _gold_type(g: GumDoc, s: int, e: int) -> str | None:
    """GUM's type for the characters [s, e): the innermost mention holding them whose
    minimal span they overlap. A person mention that is no singular name ("Muslims",
    "Democrats": a group) is "group": not a PERSON entity either."""
    best = None
    for m in g.mentions:
        if m.start <= s and e <= m.end and s < m.min_end and m.min_start < e and (
            best is None or m.end - m.start < best.end - best.start
        ):
            best = m
    if best is None:
        return None
    return "group" if best.type == "person" and best.plural else best.type


def examples(g: GumDoc, doc: Doc) -> list[tuple[Features, int, int]]:
    """(features, 1 person / 0 not, number of mentions) for each name of one document GUM
    types."""
    ctx = QuoteContext(doc)
    groups = _group(doc, find_mentions(doc, ctx))
    surnames = family_names(groups)
    out = []
    for grp in groups:
        votes: Counter[int] = Counter()
        for m in grp.mentions:
            t = _gold_type(g, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
            if t is not None:
                votes[int(t == "person")] += 1
        if not votes:
            continue
        label = 1 if votes[1] > votes[0] else 0
        feats = group_features(doc, grp.mentions, group_kin(grp, surnames))
        out.append((feats, label, len(grp.mentions)))
    return out


def fit(rows: Sequence[tuple[Features, int, int]], l2: float = DEFAULT_L2) -> LinearModel:
    """Each name weighs as many times as it is mentioned (a frequent name typed wrong costs
    every one of its mentions); the weights start from and are pulled back to ``PRIOR``."""
    from newsgraph.extractors.entity_types import PRIOR
    from newsgraph.extractors.train_linear import fit_binary

    weights = fit_binary(
        [r for r, _, _ in rows], [y for _, y, _ in rows], l2, [n for *_, n in rows], PRIOR
    )
    return LinearModel("entity-types", weights)


def cross_validate(
    docs: Sequence[GumDoc], parsed: Sequence[Doc], folds: int = FOLDS, l2: float = DEFAULT_L2
) -> dict[str, Any]:
    """GUM figures (``evaluate.gum``) with each fold's names typed by a model fitted on the
    other folds, and the accuracy of the person decision on held-out names."""
    from newsgraph.evaluate.cv import article_folds
    from newsgraph.evaluate.gum import figures, run_document
    from newsgraph.extractors.learned import Models, shipped

    per_doc = [examples(g, d) for g, d in zip(docs, parsed, strict=True)]
    tot: Counter[str] = Counter()
    right = n = 0
    for test in article_folds([g.name for g in docs], folds):
        train = [
            r for g, rows in zip(docs, per_doc, strict=True) if g.name not in test for r in rows
        ]
        model = fit(train, l2)
        models = Models(model, shipped().antecedents)
        for g, d, rows in zip(docs, parsed, per_doc, strict=True):
            if g.name not in test:
                continue
            tot.update(run_document(g, d, models))
            for f, y, _ in rows:
                right += int((model.score(f) > 0) == bool(y))
                n += 1
    out = figures(tot)
    out["names_typed_right"] = round(right / n, 4) if n else 0.0
    out["names"] = n
    return out


def train_entities(
    gum_root: str | Path,
    out_path: str | Path,
    l2: float = DEFAULT_L2,
    cv: bool = True,
    genres: tuple[str, ...] | None = None,
) -> LinearModel:
    """Fit the person vote on GUM (``genres``: only those) and write it, with its
    cross-validated figures."""
    from newsgraph.extractors.train_cues import parse_texts

    docs = load_gum(gum_root, genres)
    parsed = parse_texts([g.text for g in docs])
    rows = [r for g, d in zip(docs, parsed, strict=True) for r in examples(g, d)]
    model = fit(rows, l2)
    model.note = {
        "trained_on": f"GUM, {len(docs)} documents, {len(rows)} names "
        f"({sum(y for _, y, _ in rows)} people)",
        "l2": l2,
        "genres": list(genres) if genres else "all",
    }
    if cv:
        model.note["cv_gum"] = cross_validate(docs, parsed, FOLDS, l2)
    model.save(out_path)
    return model


__all__ = ["cross_validate", "examples", "fit", "train_entities"]
