"""ASGI middleware of the API: a French 500 that logs no personal data, and the bound on
every request body (gzip included), before authentication and parsing."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi.responses import JSONResponse

from mediator_app.logsafe import log_unexpected
from tne_api.errors import (
    INTERNAL_ERROR,
    BadRequest,
    DomainError,
    TooLarge,
    UnsupportedEncoding,
    error_response,
)

log = logging.getLogger("tne_api.app")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Answers from this many bytes are gzip-compressed when the client accepts it.
GZIP_MIN_BYTES = 1000
#: The gzip level of answers: a fast level; pages are large and repetitive, and level 9
#: costs about three times the CPU of 5 for a body a few bytes smaller.
GZIP_LEVEL = 5

UNSUPPORTED_ENCODING = "Encodage de requête non pris en charge."
BAD_GZIP = "Corps de requête gzip illisible."


class SafeErrorsMiddleware:
    """Answers an unexpected error with a French 500 and logs it without its message.

    Starlette would otherwise print the exception with its message, and a database error's
    message holds the statement's parameters (names, phone numbers).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log_unexpected(log, f"{scope.get('method')} {scope.get('path')} failed", exc)
            if not started:
                response = JSONResponse({"detail": INTERNAL_ERROR}, status_code=500)
                await response(scope, receive, send)


def _size_fr(n: int) -> str:
    """``33554432`` -> ``"32 Mo"``, ``65536`` -> ``"64 ko"`` (for French messages)."""
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} Mo"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} ko"
    return f"{n} octets"


class RequestBodyMiddleware:
    """Bound every request body, then decompress ``Content-Encoding: gzip`` ones.

    The bound holds whatever the encoding: a ``Content-Length`` above it is refused before a
    byte is read, and a body streamed without one is refused as soon as the bytes received
    pass it. Both happen before authentication and before JSON parsing (413, French
    ``detail``). A gzip body is bounded twice: compressed, and once decompressed.

    Args:
        app: The wrapped ASGI app.
        max_bytes: Largest body (decompressed) of any request.
        auth_max_bytes: Largest body of the ``/auth/`` endpoints (small JSON documents).
    """

    def __init__(self, app: ASGIApp, max_bytes: int, auth_max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.auth_max_bytes = min(auth_max_bytes, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = (
            self.auth_max_bytes
            if str(scope.get("path", "")).startswith("/auth/")
            else self.max_bytes
        )
        too_large = f"Requête trop volumineuse (au plus {_size_fr(limit)})."
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers", []))
        encoding = b""
        declared: int | None = None
        for k, v in headers:
            name = k.lower()
            if name == b"content-encoding":
                encoding = v.strip().lower()
            elif name == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    declared = None
        gzipped = encoding == b"gzip"
        if encoding not in (b"", b"identity") and not gzipped:
            await _reject(scope, receive, send, UnsupportedEncoding(UNSUPPORTED_ENCODING))
            return
        if declared is not None and declared > limit:
            await _reject(scope, receive, send, TooLarge(too_large))
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away: let the app see the disconnect.
                await self.app(scope, _replay([], receive, first=message), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _reject(scope, receive, send, TooLarge(too_large))
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        # The request runs inside this frame: keep one copy of the body, not two.
        del chunks
        if not gzipped:
            await self.app(scope, _replay([body], receive), send)
            return
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = inflater.decompress(body, limit + 1)
            if len(data) > limit or inflater.unconsumed_tail:
                await _reject(scope, receive, send, TooLarge(too_large))
                return
            data += inflater.flush()
        except zlib.error:
            await _reject(scope, receive, send, BadRequest(BAD_GZIP))
            return
        del body, inflater
        new_headers = [
            (k, v) for k, v in headers if k.lower() not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(data)).encode()))
        await self.app({**scope, "headers": new_headers}, _replay([data], receive), send)


def _replay(bodies: list[bytes], receive: Receive, *, first: Message | None = None) -> Receive:
    """A ``receive`` that hands out the buffered body once, then defers to ``receive``."""
    pending: list[Message] = [first] if first is not None else []
    pending += [{"type": "http.request", "body": b, "more_body": False} for b in bodies]

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _reject(scope: Scope, receive: Receive, send: Send, error: DomainError) -> None:
    await error_response(error)(scope, receive, send)
