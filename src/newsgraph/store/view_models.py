"""What facets, timelines and networks return: plain dataclasses with ``to_dict()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.store.models import _Dict


@dataclass(slots=True)
class FacetValue(_Dict):
    value: str
    label: str
    count: int
    narrow: dict[str, str]  # the search parameters that keep only these statements


@dataclass(slots=True)
class FacetGroup(_Dict):
    name: str  # site | month | person | type | kind | language | gender
    label: str
    values: list[FacetValue]  # most statements first (at most ``top``)
    selected: str | None = None  # the value the search is already narrowed to
    more: int = 0  # further values not listed


@dataclass(slots=True)
class FacetCounts(_Dict):
    """Counts over the newest ``scanned`` matches of a search (every match when
    ``complete``); ``statements`` of them are of the kind searched for."""

    scanned: int
    complete: bool
    statements: int
    facets: list[FacetGroup] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    # facets this knowledge base cannot count (an older schema served read-only), and why
    notice: str | None = None


@dataclass(slots=True)
class MonthCount(_Dict):
    month: str  # YYYY-MM
    count: int


@dataclass(slots=True)
class MonthCounts(_Dict):
    """Statements per month over every match (dated by their first copy)."""

    total: int  # every match, undated ones included
    undated: int
    months: list[MonthCount]
    filters: dict[str, Any] = field(default_factory=dict)
    person: dict[str, Any] | None = None  # {"id", "slug", "name"} for a person's timeline


@dataclass(slots=True)
class NetworkNode(_Dict):
    id: int
    slug: str
    name: str
    statements: int  # statements in the scanned matches (a person network: all of theirs)


@dataclass(slots=True)
class NetworkEdge(_Dict):
    source: int  # person ids, source < target
    target: int
    articles: int  # articles both are quoted in


@dataclass(slots=True)
class Network(_Dict):
    nodes: list[NetworkNode] = field(default_factory=list)
    edges: list[NetworkEdge] = field(default_factory=list)
    center: int | None = None  # the person a person network is about
    scanned: int = 0  # statements (search) or articles (person) the edges were counted in
    complete: bool = True
    filters: dict[str, Any] = field(default_factory=dict)

