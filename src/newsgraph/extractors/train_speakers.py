"""Training the antecedent ranker (``antecedents.py``): ``newsgraph train speakers``.

Decisions to learn from, each a set of candidates with the right one known:
- GUM: every "he", "she", "him", "his", "her" and "the <person noun>" whose coreference
  chain has a named mention before it; right: the candidate with a mention on that chain.
- GGT: every gold quote whose speaker is written as such a pronoun or description; right:
  the candidate named as the gold ``reference``.
Candidates and features come from the extraction itself, run as at prediction time.

Cross-validation (``cross_validate``): 5 folds of GGT articles, each scored with a ranker
fitted on all of GUM and the other GGT folds, pooled into one set of referee figures; and
5 folds of GUM documents the same way (pronoun accuracy).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph.corpora.gum import GumDoc, load_gum
from newsgraph.evaluate.metrics import norm_name, speaker_ok
from newsgraph.extractors.antecedents import PRIOR, Features
from newsgraph.extractors.learned import Models, shipped
from newsgraph.extractors.lexicon import PERSON_NOUNS, PRONOUN_GENDER
from newsgraph.extractors.linear import LinearModel
from newsgraph.extractors.speakers import _anaphor_role

DEFAULT_L2 = 3.0
FOLDS = 5
ROUNDS = 2  # fits, each taking its decisions with the model of the one before
GGT_WEIGHT = 3  # each GGT decision counts this many times: speakers are what is resolved
# GUM decisions by the anaphor's role: subjects of reporting verbs are what speakers are.
ROLE_WEIGHT = {"speaker": 3, "subject": 2}
Decision = tuple[list[Features], int]


@dataclass(slots=True)
class Source:
    """One training document: its id, parse and the decisions taken from it."""

    key: str
    decisions: list[Decision]


def _state(doc: Doc, models: Models | None) -> Any:
    """The extraction of a training document. Earlier decisions in it (who spoke before)
    come from ``models``, by default the hand-set ranker: not the shipped model, so that
    training does not depend on the model it replaces."""
    from newsgraph.extractors import analyse

    return analyse(doc, models=models or Models(shipped().entity_types, None))


def _gender_of(head: Any) -> str | None:
    from newsgraph.extractors.speakers import FEMALE_NOUNS, MALE_NOUNS

    low = head.lower_
    if low in PRONOUN_GENDER:
        return PRONOUN_GENDER[low]
    return "f" if low in FEMALE_NOUNS else "m" if low in MALE_NOUNS else None


def _decision(state: Any, head: Any, right: Any) -> Decision | None:
    """The candidates for the anaphor ``head`` and the index of the first one ``right``
    accepts; None when no candidate is right or there is nothing to choose."""
    resolver = state.need("resolver")
    noun = None if head.lower_ in PRONOUN_GENDER else head.lower_
    described = resolver.described(head) if noun else frozenset()
    cands = resolver.candidates(head.i, _gender_of(head), noun, described)
    rows = [f for _, f in cands]
    good = [k for k, (c, _) in enumerate(cands) if right(c)]
    if not good or len(rows) < 2:
        return None
    return rows, good[0]


# ---------------------------------------------------------------- GUM


def gum_decisions(g: GumDoc, doc: Doc, models: Models | None = None) -> list[Decision]:
    from newsgraph.evaluate.gum import queries

    state = _state(doc, models)
    chains = g.chains()
    out: list[Decision] = []
    for (s, e), _kind in queries(g):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span[-1]
        chain = next(m.chain for m in g.mentions if (m.start, m.end) == (s, e))
        spans = [(m.min_start, m.min_end) for m in chains[chain] if m.start < s]

        def right(c: Any, spans: list[tuple[int, int]] = spans) -> bool:
            return any(
                a < doc[me - 1].idx + len(doc[me - 1]) and doc[ms].idx < b
                for ms, me in c.mentions
                for a, b in spans
            )

        d = _decision(state, head, right)
        if d is not None:
            out.extend([d] * ROLE_WEIGHT.get(_anaphor_role(head), 1))
    return out


# ---------------------------------------------------------------- GGT


def _anaphor_head(doc: Doc, span: Any) -> Any | None:
    """The pronoun, or the person noun of a definite description, in a gold speaker span."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return None
    words = [t for t in sp if not t.is_punct]
    if len(words) == 1 and words[0].lower_ in ("he", "she"):
        return words[0]
    if len(words) == 2 and words[0].lower_ == "the" and words[1].lower_ in PERSON_NOUNS:
        return words[1]
    return None


def ggt_decisions(g: dict[str, Any], doc: Doc, models: Models | None = None) -> list[Decision]:
    state = _state(doc, models)
    out: list[Decision] = []
    for q in g["quotes"]:
        ref = q.get("reference")
        span = q.get("speaker_span")
        if not ref or not span or None in span:
            continue
        head = _anaphor_head(doc, span)
        if head is None:
            continue

        def right(c: Any, ref: str = ref) -> bool:
            return speaker_ok(ref, c.name) or (
                len(norm_name(ref).split()) > 1
                and norm_name(ref).split()[-1:] == norm_name(c.name).split()[-1:]
            )

        d = _decision(state, head, right)
        if d is not None:
            out.append(d)
    return out


# ---------------------------------------------------------------- fitting


def fit(decisions: Sequence[Decision], l2: float = DEFAULT_L2) -> LinearModel:
    from newsgraph.extractors.train_linear import fit_ranking

    return LinearModel("antecedents", fit_ranking(decisions, l2, PRIOR))


def _load(gum_root: Path, ggt_gold: Path) -> tuple[list[GumDoc], list[Doc], list[dict], list[Doc]]:
    from newsgraph.evaluate.ggt import load_ggt
    from newsgraph.extractors.train_cues import parse_texts

    gum = load_gum(gum_root)
    ggt = load_ggt(ggt_gold)
    return gum, parse_texts([x.text for x in gum]), ggt, parse_texts([x["text"] for x in ggt])


def fit_rounds(
    gum: Sequence[tuple[GumDoc, Doc]],
    ggt: Sequence[tuple[dict[str, Any], Doc]],
    l2: float = DEFAULT_L2,
    rounds: int = ROUNDS,
    first: tuple[list[list[Decision]], list[list[Decision]]] | None = None,
) -> LinearModel:
    """Fit on the decisions of these documents; then, ``rounds`` - 1 times, take the
    decisions again with the earlier decisions of each document made by the model just
    fitted (as they will be when it runs) and fit again. ``first``: the decisions of the
    first round, when already taken (with the hand-set ranker)."""
    types = shipped().entity_types
    gum_dec, ggt_dec = first or (
        [gum_decisions(g, d) for g, d in gum],
        [ggt_decisions(g, d) for g, d in ggt],
    )
    model = fit(_pool(gum_dec, ggt_dec), l2)
    for _ in range(rounds - 1):
        models = Models(types, model)
        gum_dec = [gum_decisions(g, d, models) for g, d in gum]
        ggt_dec = [ggt_decisions(g, d, models) for g, d in ggt]
        model = fit(_pool(gum_dec, ggt_dec), l2)
    return model


def _pool(gum_dec: list[list[Decision]], ggt_dec: list[list[Decision]]) -> list[Decision]:
    return [x for ds in gum_dec for x in ds] + GGT_WEIGHT * [x for ds in ggt_dec for x in ds]


def cross_validate(
    gum: Sequence[GumDoc],
    gum_docs: Sequence[Doc],
    ggt: Sequence[dict[str, Any]],
    ggt_docs: Sequence[Doc],
    l2: float = DEFAULT_L2,
    folds: int = FOLDS,
    rounds: int = ROUNDS,
) -> dict[str, Any]:
    """GGT referee figures and GUM pronoun figures, each document scored by a ranker
    fitted without its fold."""
    from newsgraph.evaluate.cv import article_folds
    from newsgraph.evaluate.ggt import evaluate_ggt
    from newsgraph.evaluate.gum import figures, run_document
    from newsgraph.extractors import extract_doc
    from newsgraph.record import Document, Source

    types = shipped().entity_types
    gum_items = list(zip(gum, gum_docs, strict=True))
    ggt_items = list(zip(ggt, ggt_docs, strict=True))
    gum_dec = [gum_decisions(g, d) for g, d in gum_items]
    ggt_dec = [ggt_decisions(g, d) for g, d in ggt_items]

    def fold_model(gum_keep: list[bool], ggt_keep: list[bool]) -> LinearModel:
        return fit_rounds(
            [x for x, k in zip(gum_items, gum_keep, strict=True) if k],
            [x for x, k in zip(ggt_items, ggt_keep, strict=True) if k],
            l2,
            rounds,
            (
                [x for x, k in zip(gum_dec, gum_keep, strict=True) if k],
                [x for x, k in zip(ggt_dec, ggt_keep, strict=True) if k],
            ),
        )

    records = []
    for test in article_folds([g["id"] for g in ggt], folds):
        model = fold_model([True] * len(gum), [g["id"] not in test for g in ggt])
        models = Models(types, model)
        for g, d in ggt_items:
            if g["id"] in test:
                x = extract_doc(d, models=models)
                records.append(
                    Document(
                        id=g["id"], source=Source(g["id"], None, "text"), text=g["text"],
                        entities=x.entities, quotes=x.quotes, events=x.events,
                    ).to_dict()
                )
    ggt_scores = evaluate_ggt(records, list(ggt)).scores
    tot: Counter[str] = Counter()
    for test in article_folds([g.name for g in gum], folds):
        model = fold_model([g.name not in test for g in gum], [True] * len(ggt))
        models = Models(types, model)
        for gd, d in gum_items:
            if gd.name in test:
                tot.update(run_document(gd, d, models))
    gum_figs = figures(tot)
    return {
        "ggt": {
            k: ggt_scores[k]
            for k in (
                "quotes_strict_0.3",
                "quotes_strict_0.8",
                "speaker_resolved_acc_0.3",
                "pronoun_resolved_acc_0.3",
            )
        },
        "gum": {k: gum_figs[k] for k in ("pronouns", "speaker_pronouns", "nominals")},
        "decisions": {"gum": sum(map(len, gum_dec)), "ggt": sum(map(len, ggt_dec))},
    }


def train_speakers(
    gum_root: str | Path,
    ggt_gold: str | Path,
    out_path: str | Path,
    l2: float = DEFAULT_L2,
    cv: bool = True,
) -> LinearModel:
    """Fit the ranker on all of GUM and GGT and write it, with its cross-validated figures."""
    gum, gum_docs, ggt, ggt_docs = _load(Path(gum_root), Path(ggt_gold))
    model = fit_rounds(
        list(zip(gum, gum_docs, strict=True)), list(zip(ggt, ggt_docs, strict=True)), l2
    )
    model.note = {
        "trained_on": f"GUM ({len(gum)} documents) and GGT dev ({len(ggt)} articles)",
        "l2": l2,
        "rounds": ROUNDS,
        "ggt_weight": GGT_WEIGHT,
    }
    if cv:
        model.note["cv"] = cross_validate(gum, gum_docs, ggt, ggt_docs, l2)
    model.save(out_path)
    return model


__all__ = ["cross_validate", "fit", "ggt_decisions", "gum_decisions", "train_speakers"]
