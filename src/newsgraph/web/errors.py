"""Errors as clean answers: JSON ``{"error", "status"}`` under /api, an HTML page elsewhere.

Messages are ours (or the store's, which are written for users); exception details and
tracebacks only go to the server log.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsgraph.store import QueryError, StoreError
from newsgraph.web.render import Pages

TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          413: "Too large", 415: "Unsupported media type", 422: "Invalid parameter",
          500: "Server error", 503: "Unavailable"}


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


class ErrorPages:
    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def __call__(self, path: str, status: int, message: str,
                 extra: dict[str, Any] | None = None) -> Response:
        if is_api(path):
            return JSONResponse({"error": message, "status": status, **(extra or {})},
                                status_code=status)
        return self.pages.response("error.html", status=status, status_code=status,
                                   title=TITLES.get(status, "Error"), message=message)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, str]]]:
    problems = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        problems.append({"parameter": ".".join(loc) or "request", "message": str(e.get("msg"))})
    text = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems[:5])
    return text or "invalid request", problems[:20]


def install(app: FastAPI, errors: ErrorPages) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException too
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code,
                                                                             "error")
        if exc.status_code == 404 and message == "Not Found":
            message = "there is no page at this address"
        response = errors(request.url.path, exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, problems = _validation_message(exc)
        return errors(request.url.path, 422, message, {"problems": problems})

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return errors(request.url.path, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, exc: StoreError) -> Response:
        return errors(request.url.path, 503, f"the knowledge base cannot be used: {exc}")
