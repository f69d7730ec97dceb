"""K-fold splits by document, the same on every run and on every machine."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def _key(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()


def article_folds(ids: Sequence[str], k: int) -> list[set[str]]:
    """``k`` disjoint, balanced sets of document ids covering ``ids``: the ids in the order
    of a hash of each (not their given order, which often groups a source), dealt out in
    turn."""
    if k < 2:
        raise ValueError("k-fold needs k >= 2")
    folds: list[set[str]] = [set() for _ in range(k)]
    for n, i in enumerate(sorted(set(ids), key=_key)):
        folds[n % k].add(i)
    return folds
