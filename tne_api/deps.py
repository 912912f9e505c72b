"""FastAPI dependencies of the routers: the services, the caller and the version gates.

The services live on ``app.state`` (``tne_api.app.create_app`` puts them there), so the
routers never build one and a test builds the app over its own database and sequencer.

A dependency that only reads the request is an ``async def``: FastAPI runs a plain ``def``
one in the thread pool, a trip there and back per dependency and request. Only the caller's
authentication (``current_principal``: a database read) runs there, as the endpoints do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION
from tne_api.addresses import Network, client_address
from tne_api.auth import SESSION_EXPIRED, AuthService
from tne_api.db import Database
from tne_api.errors import NotAuthenticated, UpgradeRequired
from tne_api.principal import Principal
from tne_api.service import SyncService
from tne_api.settings import Settings

#: The answer to a client of an older sync protocol (docs/protocol.md, "Protocol version").
PROTOCOL_TOO_OLD = (
    "Cette version de TNE Médiation est trop ancienne pour le serveur : installez la mise à "
    "jour, vos saisies en attente sont conservées et seront envoyées ensuite."
)

#: The answer to a client whose local schema is older than the server accepts.
SCHEMA_TOO_OLD = (
    "Cette version de l’application est trop ancienne : mettez-la à jour. "
    "Vos saisies sont conservées."
)

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def get_sync(request: Request) -> SyncService:
    return request.app.state.sync  # type: ignore[no-any-return]


async def get_auth(request: Request) -> AuthService:
    return request.app.state.auth  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
SyncDep = Annotated[SyncService, Depends(get_sync)]
AuthDep = Annotated[AuthService, Depends(get_auth)]

_bearer = HTTPBearer(auto_error=False)
#: The ``Authorization: Bearer`` credentials, if any (logout accepts none).
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _bearer_token(creds: HTTPAuthorizationCredentials | None) -> str:
    """The bearer token of the request (401 when there is none)."""
    if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
        raise NotAuthenticated(SESSION_EXPIRED, headers=dict(_CHALLENGE))
    return creds.credentials


async def bearer_token(creds: Bearer) -> str:
    """``_bearer_token`` as a dependency."""
    return _bearer_token(creds)


Token = Annotated[str, Depends(bearer_token)]


def current_principal(token: Token, auth: AuthDep) -> Principal:
    """Who is calling, from their access token (401 when it is not a live one)."""
    try:
        return auth.authenticate(token)
    except NotAuthenticated as exc:
        exc.headers.setdefault("WWW-Authenticate", "Bearer")
        raise


#: The authenticated caller of an endpoint that has no parameters to validate first.
Caller = Annotated[Principal, Depends(current_principal)]


class Session:
    """The caller of a sync endpoint, authenticated when the endpoint asks (``principal``).

    FastAPI runs a dependency before it reports the request's validation errors; the sync
    endpoints answer in the order of docs/protocol.md instead — protocol (426), body and
    query string (413/422), schema version (426), then the token (401) — so their
    dependency hands over the credentials and authenticates on demand.
    """

    def __init__(self, creds: HTTPAuthorizationCredentials | None, auth: AuthService) -> None:
        self._creds = creds
        self._auth = auth
        self._principal: Principal | None = None

    @property
    def token(self) -> str:
        """The bearer token (401 when there is none)."""
        return _bearer_token(self._creds)

    def principal(self) -> Principal:
        """The authenticated caller (401 when the token is not a live one)."""
        if self._principal is None:
            self._principal = current_principal(self.token, self._auth)
        return self._principal


async def sync_session(creds: Bearer, auth: AuthDep) -> Session:
    return Session(creds, auth)


#: The caller of a sync endpoint, authenticated after the request is validated.
SessionDep = Annotated[Session, Depends(sync_session)]


async def caller_address(request: Request) -> str:
    """The client's address: the TCP peer, or ``X-Forwarded-For`` behind a trusted proxy."""
    trusted: tuple[Network, ...] = request.app.state.trusted_proxies
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        trusted,
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


async def require_protocol(
    settings: SettingsDep,
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
    version = client_protocol(protocol)
    if version < settings.min_protocol_version:
        raise UpgradeRequired(PROTOCOL_TOO_OLD)
    return version


def check_schema(settings: Settings, schema_version: int) -> None:
    """426 to a client whose local schema is older than ``min_schema_version``."""
    if schema_version < settings.min_schema_version:
        raise UpgradeRequired(SCHEMA_TOO_OLD)
