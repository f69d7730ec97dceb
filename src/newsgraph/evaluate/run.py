"""Running the extraction an evaluation mode needs, through the library.

PolNeAR and GGT gold offsets index the given texts, so they are extracted in raw mode; a
golden article and the article-body pages go through the normal path (cleaning included).
Every function yields records in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.corpora.polnear import annotation_files
from newsgraph.evaluate.errors import EvalError
from newsgraph.page import RawPage

if TYPE_CHECKING:  # the pipeline (and spaCy) load only when an extraction runs
    from newsgraph.record import Document


def ggt_pages(articles: Iterable[dict]) -> Iterator[RawPage]:
    """One text page per GGT gold article; its path is the article id (the scoring key)."""
    for g in articles:
        yield RawPage(g["text"], "text", "text", path=str(g["id"]), url=g.get("url"))


def run_ggt(articles: list[dict], workers: int = 1, model: str | None = None) -> Iterator[Document]:
    """Raw-mode records for the texts of GGT-style gold articles."""
    from newsgraph.pipeline import Options, process_pages

    return process_pages(ggt_pages(articles), Options(raw=True, model=model), workers)


def polnear_texts(root: str | Path) -> list[str]:
    """The text files of a PolNeAR split's annotated articles, sorted by stem."""
    root = Path(root)
    paths = [root / "text" / f"{stem}.txt" for stem in sorted(annotation_files(root))]
    absent = [p for p in paths if not p.is_file()]
    if absent:
        raise EvalError(f"{len(absent)} annotated articles have no text, e.g. {absent[0]}")
    return [str(p) for p in paths]


def run_polnear(root: str | Path, workers: int = 1, model: str | None = None) -> Iterator[Document]:
    """Raw-mode records for the annotated articles of a PolNeAR split."""
    from newsgraph.pipeline import extract_many

    return extract_many(polnear_texts(root), workers=workers, raw=True, model=model)


def run_golden(
    document: str | Path, workers: int = 1, model: str | None = None
) -> Iterator[Document]:
    """The normal-mode record of a golden article's page."""
    from newsgraph.pipeline import extract_many

    if not Path(document).is_file():
        raise EvalError(f"the golden article's document {document} does not exist")
    return extract_many([str(document)], workers=workers, model=model)


def run_aeb(inputs: list[str], workers: int = 1, model: str | None = None) -> Iterator[Document]:
    """Normal-mode records for article pages (HTML or text files, or directories of them)."""
    from newsgraph.pipeline import extract_many

    absent = [p for p in inputs if p != "-" and not Path(p).exists()]
    if absent:
        raise EvalError(f"no such input: {absent[0]}")
    return extract_many(inputs, workers=workers, model=model)
