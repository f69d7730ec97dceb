"""Training labels: which lines (or HTML blocks) of a page belong to its ground-truth body."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, the unit the alignment (and the referee) counts."""
    return [t.lower() for t in TOKEN.findall(text)]


def body_labels(lines: list[str], body: str, threshold: float = 0.5) -> list[bool]:
    """Mark each line True when most of its words align, in order, with ``body``.

    The page's words and the body's words are aligned with one longest-matching-blocks
    pass, so a sentence repeated in the page (teaser, related-links list) is only matched
    once, in sequence with the rest of the body.
    """
    page: list[str] = []
    owner: list[int] = []
    for i, line in enumerate(lines):
        toks = tokens(line)
        page.extend(toks)
        owner.extend([i] * len(toks))
    gold = tokens(body)
    matched = [0] * len(lines)
    sm = SequenceMatcher(None, page, gold, autojunk=False)
    for a, _b, size in sm.get_matching_blocks():
        if size < 2 and len(gold) > 50:
            continue  # a lone common word matched out of context
        for k in range(a, a + size):
            matched[owner[k]] += 1
    out = []
    for i, line in enumerate(lines):
        n = len(tokens(line))
        out.append(n > 0 and matched[i] / n >= threshold)
    return out


def title_index(lines: list[str], title: str, before: int | None = None) -> int | None:
    """Index of the line whose words equal the title's (the last one before ``before``)."""
    want = tokens(title)
    if not want:
        return None
    found = None
    for i, line in enumerate(lines[:before]):
        if tokens(line) == want:
            found = i
    if found is None:
        for i, line in enumerate(lines[:before]):
            if tokens(line)[: len(want)] == want:
                found = i
                break
    return found
