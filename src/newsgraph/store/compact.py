"""Store records compactly: span texts that the article text already holds are dropped.

A newsgraph/1 record repeats every span's text (quote contents, mentions) next to its
offsets. The knowledge base keeps the article text once and each record without those copies;
``expand`` restores them exactly (``text[start:end] == span.text`` is a schema rule; a span
that breaks it keeps its own text).
"""

from __future__ import annotations

from typing import Any


def _strip(span: Any, text: str) -> Any:
    if isinstance(span, dict) and "text" in span:
        s, e = span.get("start"), span.get("end")
        if isinstance(s, int) and isinstance(e, int) and text[s:e] == span["text"]:
            return {k: v for k, v in span.items() if k != "text"}
    return span


def _fill(span: Any, text: str) -> Any:
    if isinstance(span, dict) and "text" not in span and "start" in span:
        return {**span, "text": text[span["start"]:span["end"]]}
    return span


def _walk(d: dict[str, Any], text: str, f: Any) -> dict[str, Any]:
    out = {k: v for k, v in d.items() if k != "text"}
    ents = d.get("entities")
    if isinstance(ents, list):
        out["entities"] = [
            {**e, "mentions": [f(m, text) for m in e.get("mentions") or []]}
            if isinstance(e, dict) else e for e in ents]
    quotes = d.get("quotes")
    if isinstance(quotes, list):
        out["quotes"] = [
            {**q, **{k: f(q.get(k), text) for k in ("content", "cue", "speaker") if k in q}}
            if isinstance(q, dict) else q for q in quotes]
    events = d.get("events")
    if isinstance(events, list):
        out["events"] = [{**v, "trigger": f(v.get("trigger"), text)}
                         if isinstance(v, dict) and "trigger" in v else v for v in events]
    return out


def compact(record: dict[str, Any], text: str) -> dict[str, Any]:
    """The record without ``text`` and without span texts that ``text`` can restore."""
    return _walk(record, text, _strip)


def expand(stored: dict[str, Any], text: str) -> dict[str, Any]:
    """The full record again: ``text`` put back, span texts restored from offsets."""
    out = _walk(stored, text, _fill)
    # Put "text" back where the record format has it (after "language").
    ordered: dict[str, Any] = {}
    for k, v in out.items():
        ordered[k] = v
        if k == "language":
            ordered["text"] = text
    if "text" not in ordered:
        ordered["text"] = text
    return ordered
