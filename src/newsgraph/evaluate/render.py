"""Printing a Report: the referee's JSON object, or a readable table, then the summary line."""

from __future__ import annotations

import json
from typing import Any

from newsgraph.evaluate.report import Report

PRF_KEYS = ("p", "r", "f1")


def _is_prf(v: Any) -> bool:
    return isinstance(v, dict) and set(v) == set(PRF_KEYS)


def render_json(report: Report, details: bool = False) -> str:
    """The referee's output: its JSON object (indent 1) and the summary line; with
    ``details`` the object gets a ``details`` key."""
    obj = dict(report.scores)
    if details:
        obj["details"] = report.details
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n" + report.summary


def _value(v: Any) -> str:
    if isinstance(v, list):
        return str(len(v))
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


def render_table(report: Report) -> str:
    """A readable table: P/R/F1 rows, then the other figures (lists as counts), then the
    summary line."""
    prfs = [(k, v) for k, v in report.scores.items() if _is_prf(v)]
    others = [(k, v) for k, v in report.scores.items() if not _is_prf(v)]
    width = max([len(k) for k, _ in report.scores.items()] + [10])
    lines = [f"{report.mode} evaluation"]
    if prfs:
        lines.append(f"  {'':<{width}}  {'P':>7} {'R':>7} {'F1':>7}")
        for k, v in prfs:
            lines.append(f"  {k:<{width}}  {v['p']:>7.4f} {v['r']:>7.4f} {v['f1']:>7.4f}")
    for k, v in others:
        lines.append(f"  {k:<{width}}  {_value(v):>7}")
    lines.append(report.summary)
    return "\n".join(lines)


def _item(entry: dict[str, Any]) -> str:
    doc = entry.get("doc")
    rest = "; ".join(f"{k}: {_short(v)}" for k, v in entry.items() if k != "doc")
    return f"  [{doc}] {rest}" if doc is not None else f"  {rest}"


def _short(v: Any) -> str:
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:.4f}"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v)


def render_details(report: Report) -> str:
    """Every non-empty kind of error, one item a line."""
    lines = []
    for kind, items in report.details.items():
        if not items:
            continue
        lines.append(f"{kind.replace('_', ' ')} ({len(items)}):")
        lines.extend(_item(e) for e in items)
    return "\n".join(lines) if lines else "no errors to list"
