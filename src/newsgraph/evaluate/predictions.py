"""Predictions to score: records keyed the way the referee keys them.

A record is found by the stem of its ``source.path`` (``doc_key``), else its ``id``, else
its line number; crawl records are also found by ``"url:" + url``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgraph.evaluate.errors import EvalError, cannot_read
from newsgraph.evaluate.metrics import doc_key
from newsgraph.record import Document

Record = dict[str, Any]
Predictions = Mapping[str, Record] | Iterable[Document | Record]


def _add(docs: dict[str, Record], d: Record, n: int) -> None:
    src = (d.get("source") or {}).get("path") or d.get("id") or str(n)
    docs[doc_key(src)] = d
    url = (d.get("source") or {}).get("url") or d.get("url")
    if url:
        docs["url:" + url] = d  # crawl records (WARC/WET) are matched by URL


def index_predictions(preds: Predictions) -> dict[str, Record]:
    """Records keyed for scoring. A mapping is taken as already keyed; a sequence of
    Documents or record dicts is keyed by path stem (position from 1 as the last resort)."""
    if isinstance(preds, Mapping):
        return dict(preds)
    docs: dict[str, Record] = {}
    for n, d in enumerate(preds, 1):
        _add(docs, d.to_dict() if isinstance(d, Document) else d, n)
    return docs


def load_predictions(path: str | Path) -> dict[str, Record]:
    """Read a JSON Lines records file and key it (blank lines skipped, line numbers kept)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = list(f)
    except (OSError, UnicodeError) as e:
        raise cannot_read("predictions", path, e) from None
    docs: dict[str, Record] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalError(f"{path}:{n}: not JSON: {e}") from None
        if not isinstance(d, dict):
            raise EvalError(f"{path}:{n}: not a JSON object")
        _add(docs, d, n)
    return docs
