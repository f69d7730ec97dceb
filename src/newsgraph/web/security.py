"""Response headers (a strict Content-Security-Policy on everything), host and origin checks,
HEAD answered as GET without the body, and a last-resort handler: an unexpected error is
logged here and answered with a clean 500, never a traceback; a client that left is logged
in one line.

This is plain ASGI middleware (not ``BaseHTTPMiddleware``), so it also covers streamed and
static responses and costs almost nothing per request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("newsgraph.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    # Not no-referrer: with it browsers send "Origin: null" on our own form posts, which the
    # origin check must refuse. same-origin: our origin on our own requests, and nothing at
    # all to other sites.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# path, status, message -> a response (JSON under /api, an HTML page elsewhere)
ErrorResponder = Callable[[str, int, str], Response]


def _host_name(host: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``[::1]``."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """Adds the security headers; refuses foreign Host headers (DNS rebinding) when
    ``allowed_hosts`` is given, and cross-site POSTs (a web page making the browser post to
    this server); turns unhandled exceptions into a clean 500."""

    def __init__(self, app: ASGIApp, error: ErrorResponder,
                 allowed_hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.error = error
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = Headers(scope=scope)
        host = _host_name(headers.get("host", "").lower())
        if self.allowed is not None and host not in self.allowed:
            return 400, "unknown Host header: open the server by the address it printed"
        # Browsers send Origin on cross-site POSTs ("null" from sandboxed frames); tools such
        # as curl send none and are welcome.
        origin = headers.get("origin")
        if scope.get("method") in UNSAFE_METHODS and origin and \
                origin.split("://", 1)[-1].lower() != headers.get("host", "").lower():
            return 403, "cross-site requests are refused"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    if k not in headers:
                        headers[k] = v
            await send(message)

        path = scope.get("path", "")
        refused = self.refusal(scope)
        if refused:
            await self.error(path, *refused)(scope, receive, send_with_headers)
            return
        send_out = send_with_headers
        if scope.get("method") == "HEAD":  # every GET route, the API's too: GET without body
            scope = {**scope, "method": "GET"}

            async def send_out(message: Message) -> None:
                if message["type"] == "http.response.body":
                    if message.get("more_body"):
                        return
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                await send_with_headers(message)

        try:
            await self.app(scope, receive, send_out)
        except ClientDisconnect:
            log.info("%s %s: the client disconnected before the answer", scope.get("method"),
                     path)
        except Exception:
            log.exception("error while serving %s", path)
            if started:
                raise
            response = self.error(path, 500, "internal error: the server could not answer "
                                             "this request (details are in the server log)")
            await response(scope, receive, send_out)
