"""Domain errors of the services, and their HTTP answers — the one place that maps them.

The services (``tne_api.service``, ``tne_api.auth``, ``tne_api.health``) raise a
``DomainError`` subclass with a French sentence for a person; ``STATUS`` gives its HTTP
status, and ``error_response`` / ``install_error_handlers`` turn it, FastAPI's validation
errors and Starlette's own HTTP errors into ``{"detail": "<French message>", ...}``.
The request-body middleware (``tne_api.middleware``) answers through ``error_response`` too.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from mediator_app.core.wire import MAX_BATCH_OPS
from tne_api.schemas import ErrorOut, GoneOut, ReusedOpOut, ValidationErrorOut


class DomainError(Exception):
    """A refusal answered to the client with a French ``detail``.

    Args:
        detail: French message for a person (``{"detail": ...}``).
        headers: Extra response headers (e.g. ``Retry-After``).
        extra: Extra keys merged into the JSON body (e.g. ``{"reason": "epoch_changed"}``).
    """

    def __init__(
        self,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}

    @property
    def status(self) -> int:
        """The HTTP status of this error (``STATUS``)."""
        return next(STATUS[c] for c in type(self).__mro__ if c in STATUS)

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"detail": self.detail, **self.extra}


class BadRequest(DomainError):
    """Something sent cannot be read (a cursor, a gzip body)."""


class NotAuthenticated(DomainError):
    """No session, an expired or revoked one, or one opened on another device."""


class Forbidden(DomainError):
    """The caller may not do this (a revoked device, someone else's, a role's limit)."""


class NotFound(DomainError):
    """The server does not know this (a device to register again)."""


class DeviceLimitReached(DomainError):
    """The account already has as many devices as it may register."""


class ResyncNeeded(DomainError):
    """The client's cursor is no longer valid (``extra["reason"]``): pull from scratch."""


class TooLarge(DomainError):
    """A request over its bound (bytes, or ops in one push: the client halves its batch)."""


class UnsupportedEncoding(DomainError):
    """A ``Content-Encoding`` other than gzip or identity."""


class Unprocessable(DomainError):
    """Well-formed but not acceptable (an op id reused with another content)."""


class UpgradeRequired(DomainError):
    """The client's protocol or schema is older than the server accepts."""


class TooManyAttempts(DomainError):
    """Too many failed logins; ``Retry-After`` says when to try again."""


#: The HTTP status of every domain error (docs/protocol.md, "Errors").
STATUS: dict[type[DomainError], int] = {
    BadRequest: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    DeviceLimitReached: 409,
    ResyncNeeded: 410,
    TooLarge: 413,
    UnsupportedEncoding: 415,
    Unprocessable: 422,
    UpgradeRequired: 426,
    TooManyAttempts: 429,
}

#: The answer to a push of more than ``MAX_BATCH_OPS`` ops (413: the client halves it).
TOO_MANY_OPS = f"Trop de changements dans un envoi (au plus {MAX_BATCH_OPS})."

#: Starlette's own errors (no route, wrong method), in French.
_HTTP_DETAIL = {404: "Adresse inconnue.", 405: "Méthode non autorisée."}

INTERNAL_ERROR = "Erreur interne du serveur : réessayez plus tard."


def error_response(exc: DomainError) -> JSONResponse:
    """The HTTP answer to ``exc``."""
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers or None)


def validation_response(exc: RequestValidationError) -> JSONResponse:
    """A request FastAPI could not validate: 422 with where it failed (413 for too many ops)."""
    if any(
        tuple(e.get("loc", ())) == ("body", "ops") and e.get("type") == "too_long"
        for e in exc.errors()
    ):
        return error_response(TooLarge(TOO_MANY_OPS))
    errors = [
        {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    where = ", ".join(".".join(e["loc"]) for e in errors[:3])
    return JSONResponse(
        {"detail": f"Requête invalide ({where}).", "errors": errors}, status_code=422
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer every refusal of ``app`` as ``{"detail": "<French message>"}``."""

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = _HTTP_DETAIL.get(exc.status_code, str(exc.detail))
        return JSONResponse(
            {"detail": detail}, status_code=exc.status_code, headers=exc.headers or None
        )


#: What each refusal means, for ``/openapi.json``.
_MEANING: dict[int, str] = {
    400: "Unreadable input (a cursor, a gzip body).",
    401: "No live session: refresh the token or sign in again.",
    403: "Not allowed (revoked device, someone else's device, role).",
    404: "Unknown device: register it again.",
    409: "The account already has its most devices: the administrator revokes one.",
    410: "Full resync needed (``reason``).",
    413: "Body too large, or too many ops in one push (halve the batch).",
    415: "Content-Encoding other than gzip.",
    422: "The request does not match its schema.",
    426: "Client protocol or schema too old: update the app.",
    429: "Too many failed logins (``Retry-After``).",
}

_MODEL: dict[int, Any] = {410: GoneOut, 422: ValidationErrorOut}

#: Every request body passes the body middleware first (``tne_api.middleware``).
BODY_ERRORS = (400, 413, 415, 422)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route answering ``statuses`` besides its 200: the French
    error body (``ErrorOut``; ``GoneOut`` for 410, ``ValidationErrorOut`` for 422)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in sorted(set(statuses)):
        model = _MODEL.get(status, ErrorOut)
        out[status] = {"model": model, "description": _MEANING[status]}
    return out


def documented_push() -> dict[int | str, dict[str, Any]]:
    """``documented`` for the push: its 422 is a schema mismatch or a reused op id."""
    out = documented(*BODY_ERRORS, 401, 403, 404, 426)
    out[422] = {
        "model": ValidationErrorOut | ReusedOpOut,
        "description": _MEANING[422] + " Or an op id already received with another content.",
    }
    return out
