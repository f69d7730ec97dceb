"""Training the antecedent ranker (``antecedents.py``): ``newsgraph train speakers``.

Decisions to learn from, each a set of candidates with the right one known:
- GUM: every "he", "she", "him", "his", "her" and "the <person noun>" whose coreference
  chain has a named mention before it; right: the candidate with a mention on that chain.
- GGT: every gold quote whose speaker is written as such a pronoun or description; right:
  the candidate named as the gold ``reference``.
- PolNeAR train: the speaker mentions annotated for this project with the person they
  refer to (``training/polnear-antecedents.jsonl``).
Candidates and features come from the extraction itself, run as at prediction time.

Cross-validation (``cross_validate``): 5 folds of GGT articles, each scored with a ranker
fitted on the other GGT folds and the other corpora whole, pooled into one set of referee
figures; and 5 folds of GUM documents the same way (pronoun accuracy).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
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
ROUNDS = 1  # fits, each taking its decisions with the model of the one before
GGT_WEIGHT = 3  # each GGT decision counts this many times: speakers are what is resolved
POLNEAR_WEIGHT = 3  # the annotated PolNeAR speakers: news, as GGT
# GUM decisions by the anaphor's role: subjects of reporting verbs are what speakers are.
ROLE_WEIGHT = {"speaker": 3, "subject": 2}
Decision = tuple[list[Features], int]


def _state(doc: Doc, models: Models | None) -> Any:
    """The extraction of a training document. Earlier decisions in it (who spoke before)
    come from ``models``, by default the hand-set ranker: not the shipped model, so that
    training does not depend on the model it replaces."""
    from newsgraph.extractors import analyse

    return analyse(doc, models=models or Models(shipped().entity_types, None))


def _gender_of(head: Any) -> str | None:
    from newsgraph.extractors.lexicon import FEMALE_NOUNS, MALE_NOUNS

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


def _anaphor_head(doc: Doc, span: Any, loose: bool = False) -> Any | None:
    """The pronoun, or the person noun of a definite description, in a gold speaker span;
    ``loose``: any description ("the Republican nominee") by its head noun."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return None
    words = [t for t in sp if not t.is_punct and not t.is_space]
    if len(words) == 1 and words[0].lower_ in ("he", "she", "him", "his", "her"):
        return words[0]
    if len(words) == 2 and words[0].lower_ == "the" and words[1].lower_ in PERSON_NOUNS:
        return words[1]
    if loose and len(words) >= 2 and words[0].lower_ in ("the", "this", "that"):
        head = sp.root
        if head.pos_ == "NOUN" and not any(t.pos_ == "PROPN" for t in words):
            return head
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


# ---------------------------------------------------------------- PolNeAR


POLNEAR_ANTECEDENTS = Path(__file__).resolve().parents[3] / "training" / "polnear-antecedents.jsonl"


def load_polnear_antecedents(
    path: str | Path, text_dir: str | Path
) -> list[tuple[str, list[dict]]]:
    """(article text, its annotated speaker mentions) for each annotated PolNeAR article."""
    import json

    by_stem: dict[str, list[dict]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            x = json.loads(line)
            by_stem.setdefault(x["stem"], []).append(x)
    out = []
    for stem in sorted(by_stem):
        text = (Path(text_dir) / f"{stem}.txt").read_text(encoding="utf-8")
        out.append((text, by_stem[stem]))
    return out


def _same_person(name: str, reference: str) -> bool:
    """A candidate's name against an annotated one, loosely: "Trump" is "Donald J. Trump"."""
    a, b = norm_name(name).split(), norm_name(reference).split()
    return bool(a) and bool(b) and (a == b or a[-1] == b[-1])


def polnear_decisions(spans: list[dict], doc: Doc, models: Models | None = None) -> list[Decision]:
    state = _state(doc, models)
    out: list[Decision] = []
    for x in spans:
        ref = x.get("antecedent")
        if not ref:
            continue
        head = _anaphor_head(doc, (x["start"], x["end"]), loose=True)
        if head is None:
            continue
        d = _decision(state, head, lambda c, ref=ref: _same_person(c.name, ref))
        if d is not None:
            out.append(d)
    return out


# ---------------------------------------------------------------- fitting


def fit(decisions: Sequence[Decision], l2: float = DEFAULT_L2) -> LinearModel:
    from newsgraph.extractors.train_linear import fit_ranking

    return LinearModel("antecedents", fit_ranking(decisions, l2, PRIOR))


@dataclass(slots=True)
class Corpus:
    """Training documents of one kind: (key, annotation, parse) for each, the function that
    takes the decisions of one, and how many times each decision counts."""

    name: str
    items: list[tuple[str, Any, Doc]]
    decide: Callable[[Any, Doc, Models | None], list[Decision]]
    weight: int = 1

    def decisions(self, models: Models | None = None) -> list[list[Decision]]:
        return [self.decide(a, d, models) for _, a, d in self.items]


def load_corpora(
    gum_root: str | Path,
    ggt_gold: str | Path,
    polnear: str | Path | None = POLNEAR_ANTECEDENTS,
    polnear_texts: str | Path | None = None,
) -> list[Corpus]:
    """GUM, GGT dev and (when its file and texts are there) the PolNeAR antecedents."""
    from newsgraph.evaluate.ggt import load_ggt
    from newsgraph.extractors.train_cues import parse_texts

    gum = load_gum(gum_root)
    ggt = load_ggt(ggt_gold)
    out = [
        Corpus(
            "gum",
            [(g.name, g, d) for g, d in zip(gum, parse_texts([g.text for g in gum]), strict=True)],
            gum_decisions,
        ),
        Corpus(
            "ggt",
            [
                (g["id"], g, d)
                for g, d in zip(ggt, parse_texts([g["text"] for g in ggt]), strict=True)
            ],
            ggt_decisions,
            GGT_WEIGHT,
        ),
    ]
    texts = Path(polnear_texts) if polnear_texts else (
        Path(gum_root).parent / "polnear" / "train" / "text"
    )
    if polnear is not None and Path(polnear).is_file() and texts.is_dir():
        arts = load_polnear_antecedents(polnear, texts)
        docs = parse_texts([t for t, _ in arts])
        out.append(
            Corpus(
                "polnear",
                [
                    (str(k), spans, d)
                    for k, ((_, spans), d) in enumerate(zip(arts, docs, strict=True))
                ],
                polnear_decisions,
                POLNEAR_WEIGHT,
            )
        )
    return out


def fit_rounds(
    corpora: Sequence[Corpus],
    keep: dict[str, set[str]] | None = None,
    l2: float = DEFAULT_L2,
    rounds: int = ROUNDS,
    first: dict[str, list[list[Decision]]] | None = None,
) -> LinearModel:
    """Fit on the decisions of the corpora's documents (``keep``: only these keys of a
    corpus); then, ``rounds`` - 1 times, take the decisions again with the earlier
    decisions of each document made by the model just fitted (as they will be when it
    runs) and fit again. ``first``: each corpus's first-round decisions, when taken already
    (with the hand-set ranker)."""
    types = shipped().entity_types

    def pool(
        models: Models | None, given: dict[str, list[list[Decision]]] | None
    ) -> list[Decision]:
        out: list[Decision] = []
        for c in corpora:
            decs = given[c.name] if given is not None else c.decisions(models)
            for (key, _, _), ds in zip(c.items, decs, strict=True):
                if keep is None or c.name not in keep or key in keep[c.name]:
                    out.extend(ds * c.weight)
        return out

    model = fit(pool(None, first), l2)
    for _ in range(rounds - 1):
        model = fit(pool(Models(types, model), None), l2)
    return model


def cross_validate(
    corpora: Sequence[Corpus], l2: float = DEFAULT_L2, folds: int = FOLDS, rounds: int = ROUNDS
) -> dict[str, Any]:
    """GGT referee figures and GUM pronoun figures, each document scored by a ranker
    fitted without its fold (the other corpora whole)."""
    from newsgraph.evaluate.cv import article_folds
    from newsgraph.evaluate.ggt import evaluate_ggt
    from newsgraph.evaluate.gum import figures, run_document
    from newsgraph.extractors import extract_doc
    from newsgraph.record import Document, Source

    types = shipped().entity_types
    by_name = {c.name: c for c in corpora}
    first = {c.name: c.decisions() for c in corpora}
    ggt, gum = by_name["ggt"], by_name["gum"]
    records = []
    for test in article_folds([k for k, _, _ in ggt.items], folds):
        keep = {"ggt": {k for k, _, _ in ggt.items if k not in test}}
        models = Models(types, fit_rounds(corpora, keep, l2, rounds, first))
        for k, g, d in ggt.items:
            if k in test:
                x = extract_doc(d, models=models)
                records.append(
                    Document(
                        id=k, source=Source(k, None, "text"), text=g["text"],
                        entities=x.entities, quotes=x.quotes, events=x.events,
                    ).to_dict()
                )
    ggt_scores = evaluate_ggt(records, [g for _, g, _ in ggt.items]).scores
    tot: Counter[str] = Counter()
    for test in article_folds([k for k, _, _ in gum.items], folds):
        keep = {"gum": {k for k, _, _ in gum.items if k not in test}}
        models = Models(types, fit_rounds(corpora, keep, l2, rounds, first))
        for k, gd, d in gum.items:
            if k in test:
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
        "decisions": {c.name: sum(map(len, first[c.name])) for c in corpora},
    }


def train_speakers(
    gum_root: str | Path,
    ggt_gold: str | Path,
    out_path: str | Path,
    l2: float = DEFAULT_L2,
    cv: bool = True,
    polnear: str | Path | None = POLNEAR_ANTECEDENTS,
) -> LinearModel:
    """Fit the ranker on all the corpora and write it, with its cross-validated figures."""
    corpora = load_corpora(gum_root, ggt_gold, polnear)
    model = fit_rounds(corpora, None, l2)
    model.note = {
        "trained_on": ", ".join(f"{c.name} ({len(c.items)} documents)" for c in corpora),
        "l2": l2,
        "rounds": ROUNDS,
        "weights": {c.name: c.weight for c in corpora},
    }
    if cv:
        model.note["cv"] = cross_validate(corpora, l2)
    model.save(out_path)
    return model


__all__ = ["cross_validate", "fit", "load_corpora", "train_speakers"]
