"""Jinja2 templates with autoescaping always on, and the helpers templates may call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsgraph.web import urls
from newsgraph.web.highlight import mark_terms, safe_href

TEMPLATES = Path(__file__).parent / "templates"


def _number(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _css(s: str | None) -> str:
    """A class-name suffix from a label (entity or quote type): letters and digits only."""
    return "".join(c for c in (s or "").lower() if c.isalnum()) or "other"


def environment() -> Environment:
    # autoescape=True for every template, whatever its name: page text is untrusted.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = _number
    env.filters["css"] = _css
    env.globals.update(urls=urls, safe_href=safe_href, mark_terms=mark_terms)
    return env


class Pages:
    """Renders templates into HTML responses."""

    def __init__(self, env: Environment | None = None) -> None:
        self.env = env or environment()

    def render(self, template: str, /, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def response(self, template: str, /, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render(template, **context), status_code=status)
