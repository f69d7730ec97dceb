"""Quotes per month as bar geometry for an inline SVG (markup, no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, AXIS = 720, 120, 18  # viewBox units; AXIS is the label strip at the bottom
MAX_BARS = 180  # more months than this are shown per year
MIN_MONTHS = 12  # a short career is shown within a year, not as one wall-wide bar


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # "2019-04" or "2019"
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True, slots=True)
class Timeline:
    bars: list[Bar]
    ticks: list[Tick]
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    axis: int = AXIS
    unit: str = "month"


def _shift(month: str, by: int) -> str:
    n = int(month[:4]) * 12 + int(month[5:7]) - 1 + by
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, padded on both sides to ``MIN_MONTHS``."""
    span = (int(last[:4]) * 12 + int(last[5:7])) - (int(first[:4]) * 12 + int(first[5:7])) + 1
    pad = max(0, MIN_MONTHS - span)
    start = _shift(first, -(pad // 2))
    return [_shift(start, k) for k in range(span + pad)]


def build(per_month: list[dict[str, Any]]) -> Timeline | None:
    """Every month from the first to the last (empty ones too), or years when too many."""
    counts: dict[str, int] = {}
    for row in per_month:
        month = str(row.get("month") or "")
        if len(month) == 7 and month[:4].isdigit() and month[5:7].isdigit():
            counts[month] = counts.get(month, 0) + int(row.get("count") or 0)
    if not counts:
        return None
    labels = _months(min(counts), max(counts))
    unit = "month"
    if len(labels) > MAX_BARS:
        unit = "year"
        years: dict[str, int] = {}
        for label in labels:
            years[label[:4]] = years.get(label[:4], 0) + counts.get(label, 0)
        counts, labels = years, sorted(years)
    peak = max(counts.values()) or 1
    step = WIDTH / len(labels)
    plot = HEIGHT - AXIS
    bars, ticks = [], []
    for i, label in enumerate(labels):
        c = counts.get(label, 0)
        h = round(plot * c / peak, 1)
        bars.append(Bar(label, c, round(i * step, 1), round(plot - h, 1),
                        round(max(step - 1, 0.5), 1), h))
        if unit == "year" or label.endswith("-01") or i == 0:
            ticks.append(Tick(label[:4], round(i * step, 1)))
    if len(ticks) > 12:  # keep the axis readable
        every = -(-len(ticks) // 12)
        ticks = ticks[::every]
    return Timeline(bars, ticks, peak, unit=unit)
