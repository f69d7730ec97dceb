"""Shared fixtures: the real spaCy pipeline (loaded once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLDEN_TEXT = SHARED / "golden" / "vladivostok-summit.txt"
GOLDEN_GOLD = SHARED / "golden" / "vladivostok-summit.gold.json"
REFEREE = SHARED / "referee" / "score.py"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


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
