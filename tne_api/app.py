"""The FastAPI application: auth, sync endpoints, gzip both ways.

Endpoints are plain ``def`` functions (run in the thread pool) over the synchronous
``SyncService`` and ``AuthService``; every error leaves as ``{"detail": "<French message>"}``.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from mediator_app.core.messages import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    DeviceRegistration,
)
from mediator_app.core.wire import MAX_BATCH_OPS, PULL_PAGE_DEFAULT, PULL_PAGE_MAX, SCHEMA_VERSION
from mediator_app.logsafe import log_unexpected
from tne_api import __version__
from tne_api.addresses import client_address, parse_trusted_proxies
from tne_api.auth import SESSION_EXPIRED, AuthService
from tne_api.db import Database, get_epoch
from tne_api.errors import ApiError
from tne_api.health import ClientReport, sync_health
from tne_api.principal import Principal
from tne_api.schemas import (
    DeviceIn,
    DeviceOut,
    DigestOut,
    ErrorOut,
    GoneOut,
    HealthOut,
    LoginIn,
    LogoutIn,
    PullOut,
    PushIn,
    PushOut,
    RefreshIn,
    SafeStr,
    StatusOut,
    SyncHealthOut,
    TokenOut,
)
from tne_api.sequencing import Sequencer
from tne_api.service import SyncService
from tne_api.settings import Settings
from tne_api.snapshot import router as snapshot_router

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_bearer = HTTPBearer(auto_error=False)
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]

_TOO_MANY_OPS = f"Trop de changements dans un envoi (au plus {MAX_BATCH_OPS})."

_E = {"model": ErrorOut}
_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {401: _E, 403: _E, 404: _E, 426: _E}


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
                response = JSONResponse(
                    {"detail": "Erreur interne du serveur : réessayez plus tard."},
                    status_code=500,
                )
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
            await _reject(scope, receive, send, 415, "Encodage de requête non pris en charge.")
            return
        if declared is not None and declared > limit:
            await _reject(scope, receive, send, 413, too_large)
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
                await _reject(scope, receive, send, 413, too_large)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        if not gzipped:
            await self.app(scope, _replay([body], receive), send)
            return
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = inflater.decompress(body, limit + 1)
            if len(data) > limit or inflater.unconsumed_tail:
                await _reject(scope, receive, send, 413, too_large)
                return
            data += inflater.flush()
        except zlib.error:
            await _reject(scope, receive, send, 400, "Corps de requête gzip illisible.")
            return
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


async def _reject(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)


#: The answer to a client of an older sync protocol (docs/protocol.md, "Protocol version").
PROTOCOL_TOO_OLD = (
    "Cette version de TNE Médiation est trop ancienne pour le serveur : installez la mise à "
    "jour, vos saisies en attente sont conservées et seront envoyées ensuite."
)


def client_protocol(header: str | None) -> int:
    """The protocol a client speaks, from its ``X-TNE-Protocol`` header: protocol 1 sent
    none; something that is not a number is no protocol at all (0)."""
    if header is None:
        return 1
    try:
        return int(header.strip())
    except ValueError:
        return 0


def require_protocol(
    request: Request,
    protocol: Annotated[
        str | None,
        Header(
            alias=PROTOCOL_HEADER,
            description=f"Sync protocol of the client (this server speaks {PROTOCOL_VERSION}); "
            "missing (protocol 1) or older than the server's minimum "
            "(`min_protocol_version` of /health): 426.",
        ),
    ] = None,
) -> int:
    """The dependency of every sync endpoint: a client of a protocol older than the
    server's ``min_protocol_version`` gets 426 before anything else is looked at (the
    body, the token, the client id), and its queue stays on the laptop."""
    settings: Settings = request.app.state.settings
    version = client_protocol(protocol)
    if version < settings.min_protocol_version:
        raise ApiError(426, PROTOCOL_TOO_OLD)
    return version


_PROTOCOL = [Depends(require_protocol)]


def _check_versions(settings: Settings, schema_version: int) -> None:
    if schema_version < settings.min_schema_version:
        raise ApiError(
            426,
            "Cette version de l’application est trop ancienne : mettez-la à jour. "
            "Vos saisies sont conservées.",
        )


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    sequencer: Sequencer | None = None,
) -> FastAPI:
    """Build the application over ``settings`` (the database must be initialised).

    Args:
        settings: Server settings; ``Settings.from_env()`` when omitted.
        db: An existing database handle (tests); built from the settings when omitted.
        sequencer: The seq allocator and pull horizon (``tne_api.sequencing``); by dialect
            when omitted. Only the concurrency test and the benchmark choose one.
    """
    settings = settings or Settings.from_env()
    trusted_proxies = parse_trusted_proxies(settings.trusted_proxies)
    db = db or Database(settings.database_url)
    sync = SyncService(db, settings, sequencer=sequencer)
    auth = AuthService(sync, settings)
    app = FastAPI(
        title="TNE Médiation — API centrale",
        version=__version__,
        description="Reference central API of the T.N.E parentalité programme "
        f"(sync protocol {PROTOCOL_VERSION}, docs/protocol.md).",
    )
    app.state.settings = settings
    app.state.db = db
    app.state.sync = sync
    app.state.auth = auth
    app.add_middleware(SafeErrorsMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        RequestBodyMiddleware,
        max_bytes=settings.max_request_bytes,
        auth_max_bytes=settings.max_auth_request_bytes,
    )

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(
            tuple(e.get("loc", ())) == ("body", "ops") and e.get("type") == "too_long"
            for e in exc.errors()
        ):
            # Too many ops: the client halves its batch on 413 (docs/protocol.md).
            return JSONResponse({"detail": _TOO_MANY_OPS}, status_code=413)
        errors = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        where = ", ".join(".".join(e["loc"]) for e in errors[:3])
        return JSONResponse(
            {"detail": f"Requête invalide ({where}).", "errors": errors}, status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = {404: "Adresse inconnue.", 405: "Méthode non autorisée."}.get(
            exc.status_code, str(exc.detail)
        )
        return JSONResponse(
            {"detail": detail}, status_code=exc.status_code, headers=exc.headers or None
        )

    def principal(creds: HTTPAuthorizationCredentials | None) -> Principal:
        if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
            raise ApiError(401, SESSION_EXPIRED, headers={"WWW-Authenticate": "Bearer"})
        try:
            return auth.authenticate(creds.credentials)
        except ApiError as exc:
            exc.headers.setdefault("WWW-Authenticate", "Bearer")
            raise

    app.state.principal = principal
    app.include_router(snapshot_router, dependencies=_PROTOCOL)

    @app.get("/health", response_model=HealthOut, tags=["health"])
    def health() -> dict[str, Any]:
        """Liveness and the server's epoch, schema version and sync protocol."""
        with db.read() as conn:
            epoch = get_epoch(conn)
        return {
            "status": "ok",
            "epoch": epoch,
            "schema_version": SCHEMA_VERSION,
            "protocol_version": PROTOCOL_VERSION,
            "min_protocol_version": settings.min_protocol_version,
        }

    @app.post(
        "/auth/login",
        response_model=TokenOut,
        responses={401: _E, 429: _E},
        tags=["auth"],
    )
    def login(body: LoginIn, request: Request) -> dict[str, Any]:
        """Exchange email + password for an access token and a per-device refresh token."""
        address = client_address(
            request.client.host if request.client else None,
            request.headers.getlist("x-forwarded-for"),
            trusted_proxies,
        )
        return auth.login(body.email, body.password, body.device_id, address)

    @app.post("/auth/refresh", response_model=TokenOut, responses={401: _E}, tags=["auth"])
    def refresh(body: RefreshIn) -> dict[str, Any]:
        """Rotate the refresh token and get a new access token."""
        return auth.refresh(body.refresh_token)

    @app.post("/auth/logout", response_model=StatusOut, tags=["auth"])
    def logout(creds: Bearer, body: LogoutIn | None = None) -> dict[str, Any]:
        """Revoke the bearer access token and the given refresh token."""
        auth.logout(
            creds.credentials if creds is not None else None,
            body.refresh_token if body is not None else None,
        )
        return {"status": "ok"}

    @app.post(
        "/sync/v1/devices",
        response_model=DeviceOut,
        responses=_AUTH_ERRORS,
        tags=["sync"],
        dependencies=_PROTOCOL,
    )
    def devices(body: DeviceIn, creds: Bearer) -> DeviceOut:
        """Register this device once (idempotent per user and ``device_id``)."""
        _check_versions(settings, body.schema_version)
        p = principal(creds)
        assert creds is not None  # principal() answered 401 otherwise
        p = auth.bind_device(creds.credentials, p, body.device_id)
        registered = sync.register_device(
            p, body.device_id, body.device_name, body.app_version, body.schema_version
        )
        return DeviceOut.from_message(DeviceRegistration.from_json(registered))

    @app.post(
        "/sync/v1/push",
        response_model=PushOut,
        responses={**_AUTH_ERRORS, 413: _E, 422: _E},
        tags=["sync"],
        dependencies=_PROTOCOL,
    )
    def push(body: PushIn, creds: Bearer) -> PushOut:
        """Apply a batch of ops (each exactly once) and return one result per op."""
        _check_versions(settings, body.schema_version)
        p = principal(creds)
        if len(body.ops) > MAX_BATCH_OPS:  # also refused by the schema, before parsing ops
            raise ApiError(413, _TOO_MANY_OPS)
        request = body.to_message()
        report = request.client_report
        out = sync.push(
            p,
            request.client_id,
            request.ops,
            app_version=request.app_version,
            schema_version=request.schema_version,
            report=ClientReport(
                report.pending, report.parked, report.app_version or request.app_version
            )
            if report is not None
            else ClientReport(app_version=request.app_version),
        )
        return PushOut.from_message(out)

    @app.get(
        "/sync/v1/pull",
        response_model=PullOut,
        responses={**_AUTH_ERRORS, 400: _E, 410: {"model": GoneOut}},
        tags=["sync"],
        dependencies=_PROTOCOL,
    )
    def pull(
        creds: Bearer,
        client_id: UUID,
        app_version: Annotated[SafeStr, Query(max_length=64)],
        schema_version: Annotated[int, Query(ge=0, le=1_000_000)],
        cursor: Annotated[SafeStr, Query(max_length=2000)] = "",
        limit: Annotated[int, Query(ge=1, le=PULL_PAGE_MAX)] = PULL_PAGE_DEFAULT,
        pending: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
        parked: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
    ) -> PullOut:
        """The changes after ``cursor`` in the caller's scope, in seq order.

        ``pending`` and ``parked`` (optional) are the client's own counts, kept for the
        coordination's sync health when the last page is served."""
        _check_versions(settings, schema_version)
        p = principal(creds)
        report = ClientReport(pending, parked, app_version)
        return PullOut.from_message(sync.pull(p, client_id, cursor or None, limit, report))

    @app.get(
        "/coordination/v1/sync-health",
        response_model=SyncHealthOut,
        responses=_AUTH_ERRORS,
        tags=["coordination"],
    )
    def coordination_sync_health(creds: Bearer) -> Any:
        """Per device of the département's mediators and family referents (admins: every
        device): last successful sync, reported pending and parked changes, app version
        and flags. Coordinators and admins only (403 otherwise)."""
        p = principal(creds)
        return JSONResponse(sync_health(db, p))

    @app.get(
        "/sync/v1/digest",
        response_model=DigestOut,
        responses=_AUTH_ERRORS,
        tags=["sync"],
        dependencies=_PROTOCOL,
    )
    def digest(
        creds: Bearer,
        client_id: UUID,
        app_version: Annotated[SafeStr, Query(max_length=64)],
        schema_version: Annotated[int, Query(ge=0, le=1_000_000)],
    ) -> DigestOut:
        """Count, live count and order-independent hash per entity over the caller's scope."""
        _check_versions(settings, schema_version)
        p = principal(creds)
        return DigestOut.from_message(sync.digest(p, client_id))

    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (several workers): settings from the environment."""
    return create_app(Settings.from_env())
