"""`newsgraph serve`: the web UI and JSON API over a knowledge base (thin layer over
``newsgraph.web``). The main app adds it with ``register(app)``; standalone:
``python -m newsgraph.cli_web serve --db kb.db``.

Exit status: 0 after a clean shutdown; 2 usage error; 3 the database cannot be opened.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import threading
import webbrowser
from typing import Annotated, Any

import typer

EXIT_USAGE = 2
EXIT_ENV = 3
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="NEWSGRAPH_DB", show_envvar=True,
    help="Database URL: sqlite:///file.db (default sqlite:///newsgraph.db) or "
         "postgresql://user:pass@host/db. Opened read-only.")]


def is_loopback(host: str) -> bool:
    if host.strip("[]") in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on. The default serves this machine only; "
                       "0.0.0.0 makes the knowledge base readable by anyone who can reach "
                       "it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the search page in the default browser.")] = False,
    log_level: Annotated[str, typer.Option(
        "--log-level", help="uvicorn log level: critical, error, warning, info, debug.")
    ] = "info",
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=64,
        help="Server processes answering requests side by side (default: the number of "
             "cores). Each opens the database and, on first use, its own extractor.")
    ] = None,
    threads: Annotated[int, typer.Option(
        "--threads", min=1, max=64,
        help="Requests each process works on at once. They share one interpreter lock: "
             "more than 1 only helps while requests wait on a database server.")] = 1,
) -> None:
    """Serve the knowledge base in the browser: search, people, articles, "Try it", and a
    JSON API under /api (docs at /api/docs). The database is opened read-only."""
    import uvicorn

    from newsgraph.store import StoreError
    from newsgraph.web import create_app
    from newsgraph.web.app import serve_settings

    if log_level not in ("critical", "error", "warning", "info", "debug"):
        typer.echo(f"error: --log-level must be critical, error, warning, info or debug, "
                   f"not {log_level!r}", err=True)
        raise typer.Exit(EXIT_USAGE)
    loopback = is_loopback(host)
    allowed = LOOPBACK_NAMES if loopback else None
    workers = workers or cpu_count()
    try:
        app = create_app(db, allowed_hosts=allowed, request_threads=threads)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_ENV) from None
    except Exception as exc:  # driver errors: unreachable server, bad credentials, ...
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        typer.echo(f"error: cannot open the knowledge base: {first}", err=True)
        raise typer.Exit(EXIT_ENV) from None
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if not loopback:
        typer.echo(f"warning: listening on {host}: anyone who can reach this machine can read "
                   "the knowledge base", err=True)
    from sqlalchemy.engine import make_url

    store = app.state.web.store
    where = make_url(store.url).render_as_string(hide_password=True)
    processes = f"{workers} processes" if workers > 1 else "1 process"
    typer.echo(f"newsgraph: serving {where} at {url} with {processes} (read-only; Ctrl+C to "
               "stop)", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    options = {"host": host.strip("[]"), "port": port, "log_level": log_level,
               "log_config": log_config(log_level), "server_header": False,
               "proxy_headers": False}
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # Each worker process builds its own app from the settings this one checked.
    store.close()
    os.environ.update(serve_settings(store.url, allowed, threads))
    uvicorn.run("newsgraph.web.app:app_from_settings", factory=True, workers=workers,
                **options)


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, with newsgraph's own messages (a client that left, an extraction
    stopped, an unexpected error) on its error stream at ``level``."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["newsgraph"] = {"handlers": ["default"], "level": level.upper(),
                                      "propagate": False}
    return config


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def register(app: typer.Typer) -> None:
    """Add `serve` to the main `newsgraph` app."""
    app.command("serve")(serve)


def _standalone() -> typer.Typer:
    app = typer.Typer(name="newsgraph", no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False)
    register(app)

    @app.callback()
    def _main() -> None:
        """newsgraph web server."""

    return app


if __name__ == "__main__":
    _standalone()()
