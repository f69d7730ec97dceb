"""Readable API documentation, rendered on the server from the app's OpenAPI schema.

FastAPI's own Swagger/ReDoc pages load scripts from a CDN and run inline scripts, which the
Content-Security-Policy forbids; this page needs no script at all. The machine-readable
schema is at /api/openapi.json.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from newsgraph.web.state import WebState, web

router = APIRouter(include_in_schema=False)
PAGE: dict[str, Any] = {"methods": ["GET", "HEAD"], "response_class": HTMLResponse}
Web = Annotated[WebState, Depends(web)]
METHODS = ("get", "post", "put", "patch", "delete")
# Code spans in descriptions, as Markdown (`x`) or as docstrings write them (``x``).
_CODE = re.compile(r"``(.+?)``|`([^`]+)`")


def prose(text: str | None) -> Markup:
    """A description as HTML: escaped, with its code spans as <code>."""
    out, pos = [], 0
    for m in _CODE.finditer(text or ""):
        out.append(escape(text[pos:m.start()]))  # type: ignore[index]
        out.append(Markup("<code>{}</code>").format(m.group(1) or m.group(2)))
        pos = m.end()
    out.append(escape((text or "")[pos:]))
    return Markup("").join(out)


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    t = str(schema.get("type", "any"))
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    return t + (f" ({', '.join(bounds)})" if bounds else "")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's operations, flattened for the template."""
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type(p.get("schema", {})),
                       "default": p.get("schema", {}).get("default"),
                       "description": prose(p.get("description") or p.get(
                           "schema", {}).get("description", ""))}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody")
            out.append({"method": method.upper(), "path": path,
                        "summary": op.get("summary", ""),
                        "description": prose(op.get("description")), "params": params,
                        "body": prose(body.get("description")) if body else None,
                        "body_types": list(body.get("content", {})) if body else [],
                        "responses": [(code, prose(r.get("description")))
                                      for code, r in op.get("responses", {}).items()]})
    return out


@router.api_route("/api/docs", **PAGE)
@router.api_route("/api", **PAGE)
@router.api_route("/docs", **PAGE)
def api_docs(request: Request, w: Web) -> HTMLResponse:
    spec = request.app.openapi()
    base = str(request.base_url).rstrip("/")
    return w.pages.response("api_docs.html", ops=operations(spec), base=base,
                            version=spec.get("info", {}).get("version", ""))
