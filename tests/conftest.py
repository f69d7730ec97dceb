"""Shared fixtures: the real spaCy pipeline (loaded once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_GOLDEN = EXAMPLES / "articles" / "vladivostok-summit.txt"
GOLDEN_TEXT = (  # the repository carries the golden article too (examples/), the same bytes
    SHARED / "golden" / "vladivostok-summit.txt"
    if (SHARED / "golden" / "vladivostok-summit.txt").exists()
    else EXAMPLE_GOLDEN
)
GOLDEN_GOLD = SHARED / "golden" / "vladivostok-summit.gold.json"
REFEREE = SHARED / "referee" / "score.py"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Run the extractors over a text we wrote: returns the Extraction."""
    from newsgraph.extractors import extract_doc

    def run(text: str, published: str | None = None):
        return extract_doc(nlp(text), published)

    return run
