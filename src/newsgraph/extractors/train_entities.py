"""Training the person vote of ``entity_types.py`` (``newsgraph train entities``).

Each example is one name of one document as ``entities.py`` groups it (all its mentions,
whatever the tagger called them), with the features the vote sees. Labels:
- GUM: a person when most of its mentions lie on GUM's named person mentions, not a person
  when most lie on mentions of another type (place, organisation, object, event, ...) or on
  groups of people ("Muslims"); names GUM does not annotate are left out;
- web pages annotated for this project (``training/wcxb-people.jsonl``, its
  ``wcxb-dev-more`` pages, cleaned as the pipeline cleans them): a person when the name is
  one of the page's people (or another form of it), else not, the list being complete.
The figures in the model's note are 5-fold cross-validated by document: each fold scored by
a model fitted without it.
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
    surnames = family_names(doc, groups)
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


WCXB_PEOPLE = Path(__file__).resolve().parents[3] / "training" / "wcxb-people.jsonl"
TRAIN_SET = "wcxb-dev-more"


def page_examples(people: list[dict[str, Any]], doc: Doc) -> list[tuple[Features, int, int]]:
    """(features, 1 person / 0 not, mentions) for each name of a page whose people are
    all listed."""
    from newsgraph.evaluate.people import _People

    listed = _People(people)
    ctx = QuoteContext(doc)
    groups = _group(doc, find_mentions(doc, ctx))
    surnames = family_names(doc, groups)
    out = []
    for grp in groups:
        name = " ".join(grp.words)
        label = int(listed.match(name) is not None)
        out.append((group_features(doc, grp.mentions, group_kin(grp, surnames)), label,
                    len(grp.mentions)))
    return out


def load_pages(
    people_file: str | Path, data_root: str | Path, which: str = TRAIN_SET
) -> list[tuple[str, list[dict[str, Any]], Doc]]:
    """(page id, its people, the parse of its cleaned text) for the annotated pages of one
    WCXB folder (``which``), read from ``data_root``/``which``/html."""
    import json

    from newsgraph.clean import clean_page
    from newsgraph.extractors.train_cues import parse_texts
    from newsgraph.read import iter_pages

    rows = [json.loads(x) for x in Path(people_file).read_text(encoding="utf-8").splitlines() if x]
    rows = [r for r in rows if r["set"] == which]
    paths = [str(Path(data_root) / which / "html" / f"{r['id']}.html.gz") for r in rows]
    texts = [clean_page(p).text for p in iter_pages(paths)]
    docs = parse_texts(texts)
    return [(r["id"], r["people"], d) for r, d in zip(rows, docs, strict=True)]


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
    docs: Sequence[GumDoc],
    parsed: Sequence[Doc],
    folds: int = FOLDS,
    l2: float = DEFAULT_L2,
    pages: Sequence[tuple[str, list[dict[str, Any]], Doc]] = (),
) -> dict[str, Any]:
    """GUM figures (``evaluate.gum``) with each fold's names typed by a model fitted on the
    other folds (and all the annotated pages), and the accuracy of the person decision on
    held-out names; the pages' people likewise, 5 folds of pages with all of GUM."""
    from newsgraph.evaluate.cv import article_folds
    from newsgraph.evaluate.gum import figures, run_document
    from newsgraph.extractors.learned import Models, shipped

    per_doc = [examples(g, d) for g, d in zip(docs, parsed, strict=True)]
    per_page = [page_examples(people, d) for _, people, d in pages]
    page_rows = [r for rows in per_page for r in rows]
    tot: Counter[str] = Counter()
    right = n = 0
    for test in article_folds([g.name for g in docs], folds):
        train = page_rows + [
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
    if pages:
        out["pages"] = _pages_cv(docs, parsed, pages, per_doc, per_page, folds, l2)
    return out


def _pages_cv(
    docs: Sequence[GumDoc],
    parsed: Sequence[Doc],
    pages: Sequence[tuple[str, list[dict[str, Any]], Doc]],
    per_doc: list[list[tuple[Features, int, int]]],
    per_page: list[list[tuple[Features, int, int]]],
    folds: int,
    l2: float,
) -> dict[str, Any]:
    """People precision and recall on the annotated pages, each page's names typed by a
    model fitted without its fold."""
    from newsgraph.evaluate.cv import article_folds
    from newsgraph.evaluate.people import evaluate_people
    from newsgraph.extractors import extract_doc
    from newsgraph.extractors.learned import Models, shipped
    from newsgraph.record import Document, Source

    gum_rows = [r for rows in per_doc for r in rows]
    records = {}
    for test in article_folds([k for k, _, _ in pages], folds):
        train = gum_rows + [
            r for (k, _, _), rows in zip(pages, per_page, strict=True) if k not in test
            for r in rows
        ]
        models = Models(fit(train, l2), shipped().antecedents)
        for k, _, d in pages:
            if k in test:
                x = extract_doc(d, models=models)
                records[k] = Document(
                    id=k, source=Source(k, None, "html"), text=d.text, entities=x.entities,
                    quotes=x.quotes, events=x.events,
                ).to_dict()
    figs = evaluate_people([{"id": k, "people": p, "quotes": []} for k, p, _ in pages], records)
    return {"people": figs["people"], "roles": figs["roles"]}


def train_entities(
    gum_root: str | Path,
    out_path: str | Path,
    l2: float = DEFAULT_L2,
    cv: bool = True,
    genres: tuple[str, ...] | None = None,
    people: str | Path | None = WCXB_PEOPLE,
) -> LinearModel:
    """Fit the person vote on GUM (``genres``: only those) and the annotated web pages
    (``people``, when it and the pages are there) and write it, with its cross-validated
    figures."""
    from newsgraph.extractors.train_cues import parse_texts

    docs = load_gum(gum_root, genres)
    parsed = parse_texts([g.text for g in docs])
    rows = [r for g, d in zip(docs, parsed, strict=True) for r in examples(g, d)]
    data_root = Path(gum_root).parent
    pages = (
        load_pages(people, data_root)
        if people is not None and Path(people).is_file() and (data_root / TRAIN_SET).is_dir()
        else []
    )
    rows += [r for _, ppl, d in pages for r in page_examples(ppl, d)]
    model = fit(rows, l2)
    model.note = {
        "trained_on": f"GUM, {len(docs)} documents, and {len(pages)} annotated web pages: "
        f"{len(rows)} names ({sum(y for _, y, _ in rows)} people)",
        "l2": l2,
        "genres": list(genres) if genres else "all",
    }
    if cv:
        model.note["cv_gum"] = cross_validate(docs, parsed, FOLDS, l2, pages)
    model.save(out_path)
    return model


__all__ = ["cross_validate", "examples", "fit", "train_entities"]
