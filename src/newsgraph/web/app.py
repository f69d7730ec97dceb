"""The web application: ``create_app(db_url)`` builds it without starting a server.

    from newsgraph.web import create_app
    app = create_app("sqlite:///kb.db")       # then: uvicorn.run(app) or TestClient(app)

The knowledge base is opened read-only (``open_store(url, read_only=True)``): a missing or
outdated database raises ``StoreError`` here, before any request.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.store import open_store
from newsgraph.web import errors
from newsgraph.web.extraction import Extraction
from newsgraph.web.limits import DEFAULT_LIMITS, Limits
from newsgraph.web.render import Pages
from newsgraph.web.routes import api, docs, pages, views_api, workbench
from newsgraph.web.security import Guard
from newsgraph.web.state import WebState

STATIC = Path(__file__).parent / "static"
SETTINGS_ENV = "NEWSGRAPH_SERVE_SETTINGS"  # how `serve --workers N` configures its workers


def create_app(db_url: str | None = None, *, limits: Limits = DEFAULT_LIMITS,
               allowed_hosts: tuple[str, ...] | None = None,
               extraction: Extraction | None = None,
               request_threads: int | None = None) -> FastAPI:
    """The app over the knowledge base at ``db_url`` (None: ``$NEWSGRAPH_DB`` or the default).

    ``limits.max_extract_bytes`` and the text-length limits apply as given; page sizes and
    offsets in the API use the defaults (they are part of its documented schema).
    ``allowed_hosts``: Host header names to accept (``serve`` passes the loopback names when
    it binds to loopback, against DNS rebinding); None accepts any.
    ``extraction``: what runs "Try it" (default: the real extractor, under ``limits``).
    ``request_threads``: requests answered at once (pages and the API are computed in
    threads; None keeps anyio's default of 40). They share one interpreter lock, so one
    thread per process, and a process per core (``serve --workers``), serves many clients
    faster than many threads do: each request runs to its end instead of time-sharing.
    """
    store = open_store(db_url, read_only=True)
    extraction = extraction or Extraction(limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if request_threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = request_threads
        yield
        extraction.close()
        store.close()

    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan,
                  description="Who said what, from the newsgraph knowledge base (read-only).",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    page_renderer = Pages()
    app.state.web = WebState(store, page_renderer, limits, extraction)
    error_pages = errors.ErrorPages(page_renderer)
    errors.install(app, error_pages)
    app.add_middleware(Guard, error=error_pages, allowed_hosts=allowed_hosts)
    app.include_router(api.router)
    app.include_router(workbench.router)
    app.include_router(views_api.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve_settings(db_url: str, allowed_hosts: tuple[str, ...] | None,
                   request_threads: int | None) -> dict[str, str]:
    """Environment for ``app_from_settings`` in the server's worker processes."""
    return {SETTINGS_ENV: json.dumps({"db": db_url, "allowed_hosts": allowed_hosts,
                                      "request_threads": request_threads})}


def app_from_settings() -> FastAPI:
    """The app of one ``serve --workers N`` process (uvicorn calls this in each)."""
    settings = json.loads(os.environ[SETTINGS_ENV])
    hosts = settings.get("allowed_hosts")
    return create_app(settings["db"], allowed_hosts=tuple(hosts) if hosts else None,
                      request_threads=settings.get("request_threads"))
