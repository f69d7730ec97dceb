"""A network (people, shared articles) as geometry for an inline SVG: a circular layout,
deterministic (the same network always draws the same), no script, no inline style.

The person a network is about sits in the middle; the others go round the circle, most
statements first, clockwise from the top. Edges are lines whose width grows with the
square root of their weight (1 to 6 units); labels sit outside the circle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsgraph.store.view_models import Network

WIDTH, HEIGHT = 640, 420
RADIUS = 150
MAX_STROKE = 6.0


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    slug: str
    name: str
    statements: int
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # start | middle | end
    center: bool


@dataclass(frozen=True, slots=True)
class Edge:
    source: Node
    target: Node
    articles: int
    width: float


@dataclass(frozen=True, slots=True)
class Drawing:
    nodes: list[Node]
    edges: list[Edge]
    width: int = WIDTH
    height: int = HEIGHT


def layout(net: Network) -> Drawing | None:
    if not net.nodes:
        return None
    cx, cy = WIDTH / 2, HEIGHT / 2
    ring = [n for n in net.nodes if n.id != net.center]
    centre = [n for n in net.nodes if n.id == net.center]
    top = max(n.statements for n in net.nodes) or 1
    placed: dict[int, Node] = {}
    for n in centre:
        placed[n.id] = Node(n.id, n.slug, n.name, n.statements, cx, cy, _radius(n.statements, top),
                            cx, cy - _radius(n.statements, top) - 6, "middle", True)
    for i, n in enumerate(ring):
        a = -math.pi / 2 + 2 * math.pi * i / len(ring)
        x, y = cx + RADIUS * math.cos(a), cy + RADIUS * math.sin(a)
        r = _radius(n.statements, top)
        lx, ly = cx + (RADIUS + r + 8) * math.cos(a), cy + (RADIUS + r + 8) * math.sin(a) + 4
        anchor = "middle" if abs(math.cos(a)) < 0.3 else ("start" if math.cos(a) > 0 else "end")
        placed[n.id] = Node(n.id, n.slug, n.name, n.statements, round(x, 1), round(y, 1), r,
                            round(lx, 1), round(ly, 1), anchor, False)
    heaviest = max((e.articles for e in net.edges), default=1) or 1
    edges = [Edge(placed[e.source], placed[e.target], e.articles,
                  round(1 + (MAX_STROKE - 1) * math.sqrt(e.articles / heaviest), 1))
             for e in net.edges if e.source in placed and e.target in placed]
    return Drawing(list(placed.values()), edges)


def _radius(statements: int, top: int) -> float:
    return round(5 + 11 * math.sqrt(statements / top), 1)
