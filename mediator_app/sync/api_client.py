"""HTTP client of the central T.N.E API, over one ``requests.Session``.

Every call has (connect, read) timeouts; transient failures (connection errors, timeouts,
429, 5xx) are retried with exponential backoff, jitter and ``Retry-After``; POST bodies are
gzipped; HTTPS is required except to loopback; the OS trust store is used for TLS. A captive
portal (HTML, or a redirect where JSON was expected) is reported as "no network", not as a
server error. ``requests`` exceptions never leave this module: they become ``KnownError``s.

A server that misbehaves cannot hold the laptop (docs/protocol.md, « Limits of the client »):
bodies are streamed and read in chunks, never past ``max_response_bytes``
(``ResponseTooLargeError``), and a sync run may set ``deadline`` (a ``time.monotonic()``
instant) that every call, every retry wait and every chunk of a body is checked against, so a
server that trickles its answer one byte at a time is cut at the deadline
(``SyncDeadlineError``), not after each per-read timeout.

Sync answers are read into the typed messages of ``core.messages`` (docs/protocol.md); an
answer that does not have its message's shape is a ``MalformedAnswerError``, never a
``KeyError``. Every call carries the protocol version (``X-TNE-Protocol``); a server that
finds it too old answers 426, which becomes ``UpdateRequiredError``.

``requests`` (and ``urllib3``) load with the first ``ApiClient``, not with this module: the
window's start imports the sync modules but makes no call before it shows.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import logging
import random
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID

from mediator_app import __version__
from mediator_app.core import texts
from mediator_app.core.errors import (
    AuthenticationError,
    KnownError,
    NetworkUnavailableError,
    ServerError,
    UpdateRequiredError,
)
from mediator_app.core.messages import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ClientReport,
    DeviceRegistration,
    DigestAnswer,
    MessageError,
    PullPage,
    PushRequest,
    PushResponse,
    SnapshotPage,
)
from mediator_app.core.wire import SCHEMA_VERSION, Op

if TYPE_CHECKING:
    import requests
    from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)

APP_VERSION = __version__
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
GZIP_MIN_BYTES = 1024
#: Largest answer body read (after gzip decoding); a pull page of 500 rows is a few MB.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
#: Bytes asked of the socket at a time while a body streams in.
READ_CHUNK_BYTES = 64 * 1024

NO_NETWORK = texts.template(
    "Réseau indisponible : vos modifications restent enregistrées sur ce poste et "
    "partiront dès que la connexion reviendra."
)
UPDATE_REQUIRED = texts.template(
    "Une mise à jour de TNE Médiation est nécessaire pour synchroniser. "
    "Vos modifications restent enregistrées sur ce poste en attendant."
)
MALFORMED_ANSWER = texts.template(
    "Le serveur a envoyé une réponse que cette version de TNE Médiation ne sait pas lire : "
    "la synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste "
    "et partiront au prochain essai ; si cela se reproduit, prévenez votre coordinateur·rice."
)
DEADLINE_PASSED = texts.template(
    "La synchronisation a pris trop de temps (le serveur répond trop lentement) : elle "
    "s’est arrêtée. Vos modifications restent enregistrées sur ce poste et partiront au "
    "prochain essai."
)
RESPONSE_TOO_LARGE = texts.template(
    "Le serveur a envoyé une réponse trop volumineuse (plus de {mb} Mo) : la "
    "synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste ; si "
    "cela se reproduit, prévenez votre coordinateur·rice."
)
CAPTIVE_PORTAL = texts.template(
    "Réseau indisponible : la connexion semble demander une identification "
    "(portail wifi). Ouvrez un navigateur pour vous connecter au wifi, puis réessayez."
)


class AccessExpiredError(KnownError):
    """HTTP 401: the access token expired or was revoked (refresh, then retry)."""

    code = "access_expired"


class ResyncRequiredError(KnownError):
    """HTTP 410: the server epoch or the user's scope changed; pull again from scratch."""

    code = "resync"

    def __init__(self, reason: str) -> None:
        super().__init__(texts.text("Resynchronisation complète nécessaire."))
        self.reason = reason


class UnknownClientError(KnownError):
    """HTTP 404 on a sync call: the server does not know this laptop (register again)."""

    code = "unknown_client"


class BatchTooLargeError(KnownError):
    """HTTP 413: send smaller batches."""

    code = "batch_too_large"


class SyncDeadlineError(NetworkUnavailableError):
    """The sync run's deadline passed (a server too slow, or trickling its answer)."""

    code = "deadline"


class ResponseTooLargeError(ServerError):
    """An answer body longer than ``max_response_bytes``: reading stopped there."""

    code = "response_too_large"


class PayloadMismatchError(KnownError):
    """HTTP 422: the request was refused as malformed (for a push: an op id reused)."""

    code = "payload_mismatch"


class MalformedAnswerError(ServerError):
    """A 200 whose body is not the message the protocol promises (a server of another
    version, a proxy rewriting bodies). Nothing is acknowledged or applied from it."""

    code = "malformed_answer"


_M = TypeVar("_M")


def read_answer(parse: Callable[[Any], _M], body: Any) -> _M:
    """``parse(body)`` (a message's ``from_json``), a malformed body becoming a
    ``MalformedAnswerError``.

    Raises:
        MalformedAnswerError: the body is not that message (French message; the log says
            where, never what the body held).
    """
    try:
        return parse(body)
    except MessageError as exc:
        # Where only: the body itself may hold families' data.
        log.warning("malformed answer from the server at %s", exc.where)
        raise MalformedAnswerError(texts.text(MALFORMED_ANSWER)) from None


@dataclass
class Tokens:
    access_token: str
    refresh_token: str


def _token_answer(body: Any, *, refresh_fallback: str | None = None) -> Tokens:
    """The tokens of a login or refresh answer; anything else is a ``MalformedAnswerError``
    (French message), never a ``KeyError``."""
    access = body.get("access_token") if isinstance(body, dict) else None
    refresh = body.get("refresh_token") if isinstance(body, dict) else None
    if refresh in (None, "") and refresh_fallback is not None:
        refresh = refresh_fallback
    user = body.get("user", {}) if isinstance(body, dict) else None
    if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
        log.warning("malformed answer from the server at the tokens")
        raise MalformedAnswerError(texts.text(MALFORMED_ANSWER))
    if not isinstance(user, dict):
        log.warning("malformed answer from the server at the user")
        raise MalformedAnswerError(texts.text(MALFORMED_ANSWER))
    return Tokens(access, refresh)


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """Normalise a server URL; HTTPS is required except to this machine.

    Raises:
        KnownError: the URL is not usable (French message).
    """
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KnownError(
            texts.text(
                "Adresse du serveur invalide : elle doit commencer par https:// "
                "(par exemple https://tne.exemple.fr)."
            )
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise KnownError(
            texts.text(
                "Pour protéger les données des familles, la connexion au serveur doit être "
                "chiffrée : utilisez une adresse en https://."
            )
        )
    return url


def _trust_store_adapter() -> HTTPAdapter:
    """An adapter doing TLS through the operating system's trust store (truststore)."""
    from requests.adapters import HTTPAdapter

    class _TrustStoreAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            import truststore

            kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            super().init_poolmanager(*args, **kwargs)

    return _TrustStoreAdapter()


class ApiClient:
    """Typed calls to the central API.

    ``protocol_version`` is what the client sends in ``X-TNE-Protocol`` (tests lower it to
    play an older client).

    Args:
        base_url: ``https://…`` (``http://`` only to loopback).
        tokens: current tokens, if signed in.
        on_tokens: called with new tokens after a refresh (to keep them in the keyring).
        max_attempts: tries per call for transient failures.
        backoff: first retry delay in seconds (doubled each time, with jitter, capped).
        session: a ``requests.Session`` (tests mount fault-injecting adapters on it).
        proxy: an explicit proxy URL; otherwise the environment's settings apply.
        max_response_bytes: longest answer body read (``ResponseTooLargeError`` beyond).
        clock: the clock of ``deadline`` (``time.monotonic``).
    """

    def __init__(
        self,
        base_url: str,
        *,
        tokens: Tokens | None = None,
        on_tokens: Callable[[Tokens], None] | None = None,
        max_attempts: int = 4,
        backoff: float = 1.0,
        backoff_cap: float = 30.0,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        session: requests.Session | None = None,
        proxy: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] = lambda: False,
        protocol_version: int = PROTOCOL_VERSION,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.protocol_version = protocol_version
        self.tokens = tokens
        self.on_tokens = on_tokens
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.backoff_cap = backoff_cap
        self.timeout = timeout
        self.sleep = sleep
        self.cancelled = cancelled
        self.max_response_bytes = max_response_bytes
        self.clock = clock
        #: A ``clock()`` instant no call may run past (set by the sync engine per run).
        self.deadline: float | None = None
        self.requests_made = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        import requests

        self.session = session or requests.Session()
        if session is None:
            self.session.mount("https://", _trust_store_adapter())
        if proxy:
            self.session.proxies = {"http": proxy, "https": proxy}
        self.session.headers["User-Agent"] = f"tne-mediation/{APP_VERSION}"
        self.session.headers["Accept"] = "application/json"
        self.session.headers[PROTOCOL_HEADER] = str(self.protocol_version)

    # --- public calls -------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/health", auth=False, max_attempts=1)

    def login(self, email: str, password: str, device_id: str) -> dict[str, Any]:
        """Sign in; keeps the tokens. Raises ``AuthenticationError`` on refusal."""
        body = self._call(
            "POST",
            "/auth/login",
            body={"email": email, "password": password, "device_id": device_id},
            auth=False,
        )
        self.tokens = _token_answer(body)
        return body

    def refresh(self) -> None:
        """Get a new access token with the refresh token.

        Raises:
            AuthenticationError: the refresh token expired or was revoked.
        """
        if self.tokens is None:
            raise AuthenticationError(
                texts.text(
                    "Vous n’êtes pas connecté·e au serveur : connectez-vous pour synchroniser."
                )
            )
        try:
            body = self._call(
                "POST",
                "/auth/refresh",
                body={"refresh_token": self.tokens.refresh_token},
                auth=False,
            )
        except AuthenticationError:
            raise
        except AccessExpiredError as exc:
            raise AuthenticationError(
                texts.text(
                    "Votre session a expiré : reconnectez-vous pour synchroniser. "
                    "Vos modifications restent enregistrées sur ce poste."
                )
            ) from exc
        self.tokens = _token_answer(body, refresh_fallback=self.tokens.refresh_token)
        if self.on_tokens:
            self.on_tokens(self.tokens)

    def logout(self) -> None:
        if self.tokens is not None:
            try:
                self._call(
                    "POST",
                    "/auth/logout",
                    body={"refresh_token": self.tokens.refresh_token},
                    auth=False,
                    max_attempts=1,
                )
            except KnownError:
                log.info("logout could not reach the server; tokens dropped locally")
        self.tokens = None

    def register_device(self, device_id: str, device_name: str) -> DeviceRegistration:
        body = self._call(
            "POST",
            "/sync/v1/devices",
            body={"device_id": device_id, "device_name": device_name, **self._versions()},
        )
        return read_answer(DeviceRegistration.from_json, body)

    def push(
        self,
        client_id: str,
        batch_id: str,
        ops: Sequence[Op],
        report: ClientReport | None = None,
    ) -> PushResponse:
        """Send a batch of ops; one outcome per op the server handled."""
        request = PushRequest(
            client_id=UUID(client_id),
            batch_id=batch_id,
            app_version=APP_VERSION,
            schema_version=SCHEMA_VERSION,
            ops=tuple(ops),
            client_report=report,
        )
        body = self._call(
            "POST", "/sync/v1/push", body=request.to_json(), headers={"Idempotency-Key": batch_id}
        )
        return read_answer(PushResponse.from_json, body)

    def pull(
        self,
        client_id: str,
        cursor: str,
        limit: int,
        report: ClientReport | None = None,
    ) -> PullPage:
        """One pull page after ``cursor`` (opaque: sent back as received); ``report``
        (``pending``/``parked`` counts) feeds the server's sync health."""
        params: dict[str, Any] = {
            "client_id": client_id,
            "cursor": cursor,
            "limit": limit,
            **self._versions(),
        }
        if report is not None:
            if report.pending is not None:
                params["pending"] = report.pending
            if report.parked is not None:
                params["parked"] = report.parked
        return read_answer(PullPage.from_json, self._call("GET", "/sync/v1/pull", params=params))

    def snapshot(
        self, client_id: str, entity: str, snapshot: str, after: str | None, limit: int
    ) -> SnapshotPage:
        """One snapshot page of ``entity`` (docs/protocol.md, « Snapshot »): ``snapshot``
        is the token of the first page (opaque, ``""`` to start one), ``after`` the
        ``next_after`` of the previous page of the entity."""
        params: dict[str, Any] = {
            "client_id": client_id,
            "entity": entity,
            "snapshot": snapshot,
            "limit": limit,
            **self._versions(),
        }
        if after:
            params["after"] = after
        return read_answer(
            SnapshotPage.from_json, self._call("GET", "/sync/v1/snapshot", params=params)
        )

    def sync_health(self) -> dict[str, Any]:
        """``GET /coordination/v1/sync-health`` (coordinators and admins; 403 otherwise)."""
        return self._call("GET", "/coordination/v1/sync-health", params=self._versions())

    def digest(self, client_id: str) -> DigestAnswer:
        body = self._call(
            "GET", "/sync/v1/digest", params={"client_id": client_id, **self._versions()}
        )
        return read_answer(DigestAnswer.from_json, body)

    # --- plumbing -----------------------------------------------------------------

    def remaining(self) -> float | None:
        """Seconds left before ``deadline`` (``None`` without one).

        Raises:
            SyncDeadlineError: the deadline has passed.
        """
        if self.deadline is None:
            return None
        left = self.deadline - self.clock()
        if left <= 0:
            raise SyncDeadlineError(texts.text(DEADLINE_PASSED))
        return left

    def pause(self, seconds: float) -> None:
        """Sleep ``seconds``, never past the deadline.

        Raises:
            SyncDeadlineError: the deadline comes first.
        """
        left = self.remaining()
        if left is not None and left <= seconds:
            raise SyncDeadlineError(texts.text(DEADLINE_PASSED))
        self.sleep(seconds)

    @staticmethod
    def _versions() -> dict[str, Any]:
        return {"app_version": APP_VERSION, "schema_version": SCHEMA_VERSION}

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        max_attempts: int | None = None,
    ) -> dict[str, Any]:
        refreshed = False
        while True:
            try:
                return self._with_retries(
                    method, path, body, params, headers, auth, max_attempts or self.max_attempts
                )
            except AccessExpiredError:
                if not auth or refreshed:
                    raise AuthenticationError(
                        texts.text(
                            "Votre session a expiré : reconnectez-vous pour synchroniser. "
                            "Vos modifications restent enregistrées sur ce poste."
                        )
                    ) from None
                self.refresh()
                refreshed = True

    def _with_retries(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        auth: bool,
        max_attempts: int,
    ) -> dict[str, Any]:
        delay = self.backoff
        for attempt in range(1, max_attempts + 1):
            retry_after: float | None = None
            try:
                return self._once(method, path, body, params, headers, auth)
            except _Transient as exc:
                error: KnownError = exc.error
                retry_after = exc.retry_after
            if attempt == max_attempts or self.cancelled():
                raise error
            wait = retry_after if retry_after is not None else delay * (0.5 + random.random())
            wait = min(wait, self.backoff_cap)
            left = self.remaining() if self.deadline is not None else None
            if left is not None and left <= wait:
                raise error  # no time left for another try: the failure itself is the news
            log.info(
                "%s %s failed (%s), retry %d in %.1fs", method, path, error.code, attempt, wait
            )
            self.sleep(wait)
            delay = min(delay * 2, self.backoff_cap)
        raise AssertionError("unreachable")

    def _once(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        auth: bool,
    ) -> dict[str, Any]:
        import requests
        import urllib3

        hdrs: dict[str, str] = dict(headers or {})
        data: bytes | None = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":")).encode()
            hdrs["Content-Type"] = "application/json"
            if len(data) >= GZIP_MIN_BYTES:
                data = gzip.compress(data, compresslevel=6)
                hdrs["Content-Encoding"] = "gzip"
        if auth:
            if self.tokens is None:
                raise AuthenticationError(
                    texts.text(
                        "Vous n’êtes pas connecté·e au serveur : connectez-vous pour synchroniser."
                    )
                )
            hdrs["Authorization"] = f"Bearer {self.tokens.access_token}"
        timeout = self.timeout
        left = self.remaining()
        if left is not None:
            timeout = (min(timeout[0], left), min(timeout[1], left))
        self.requests_made += 1
        self.bytes_sent += len(data or b"")
        try:
            resp = self.session.request(
                method,
                self.base_url + path,
                data=data,
                params=params,
                headers=hdrs,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
            )
            try:
                content = self._read_body(resp)
            finally:
                resp.close()
        except requests.exceptions.SSLError as exc:
            raise KnownError(
                texts.text(
                    "La connexion sécurisée au serveur a échoué (certificat non reconnu). "
                    "Vérifiez l’adresse du serveur ou contactez votre coordinateur·rice."
                )
            ) from exc
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
        ) as exc:
            # A read cut by the deadline (the socket's timeout was the time left).
            self.remaining()
            raise _Transient(NetworkUnavailableError(texts.text(NO_NETWORK))) from exc
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            raise _Transient(NetworkUnavailableError(texts.text(NO_NETWORK))) from exc
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            # A body cut while streaming (urllib3's own errors: ``read1`` is below requests).
            self.remaining()
            raise _Transient(NetworkUnavailableError(texts.text(NO_NETWORK))) from exc
        declared = resp.headers.get("Content-Length", "")
        self.bytes_received += int(declared) if declared.isdigit() else len(content)
        return self._interpret(resp, content)

    def _read_body(self, resp: requests.Response) -> bytes:
        """The body of a streamed answer, in chunks: never more than ``max_response_bytes``
        (decoded), never past the deadline, whatever ``Content-Length`` claims.

        Raises:
            ResponseTooLargeError: the body is longer than the cap (reading stopped there).
            SyncDeadlineError: the deadline passed while the body trickled in.
        """
        cap = self.max_response_bytes
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and "Content-Encoding" not in resp.headers and int(declared) > cap:
            raise self._too_large(resp)
        if getattr(resp, "_content_consumed", False):
            # Already read by a transport adapter (tests mount some): bounded the same way.
            content = resp.content or b""
            if len(content) > cap:
                raise self._too_large(resp)
            return content
        body = bytearray()
        raw = resp.raw
        # ``read1`` returns as soon as some bytes came (``read`` waits for the whole chunk).
        read = getattr(raw, "read1", None) or raw.read
        while True:
            self._bound_socket_wait(raw)
            chunk = read(READ_CHUNK_BYTES, decode_content=True)
            if not chunk:
                break
            body += chunk
            if len(body) > cap:
                raise self._too_large(resp)
        return bytes(body)

    def _bound_socket_wait(self, raw: Any) -> None:
        """Each wait for bytes ends at the deadline: the socket's timeout is the time left
        (a read timeout alone restarts with every byte a trickling server sends)."""
        left = self.remaining()
        if left is None:
            return
        sock = getattr(getattr(raw, "connection", None), "sock", None)
        if sock is not None:
            sock.settimeout(max(0.01, min(self.timeout[1], left)))

    def _too_large(self, resp: requests.Response) -> ResponseTooLargeError:
        log.warning(
            "answer of %s longer than %d bytes: reading stopped",
            resp.request.path_url.split("?")[0] if resp.request else "?",
            self.max_response_bytes,
        )
        mb = max(1, self.max_response_bytes // (1024 * 1024))
        return ResponseTooLargeError(texts.text(RESPONSE_TOO_LARGE, mb=mb))

    def _interpret(self, resp: requests.Response, content: bytes) -> dict[str, Any]:
        status = resp.status_code
        if 300 <= status < 400:
            raise _Transient(NetworkUnavailableError(texts.text(CAPTIVE_PORTAL)))
        ctype = resp.headers.get("Content-Type", "")
        parsed: Any = None
        if "json" in ctype:
            try:
                parsed = json.loads(content)
            except ValueError:
                # A truncated body: the connection broke mid-response.
                raise _Transient(NetworkUnavailableError(texts.text(NO_NETWORK))) from None
        elif status < 500 and status != 429:
            # HTML where JSON was expected: a captive portal or a proxy's page.
            raise _Transient(NetworkUnavailableError(texts.text(CAPTIVE_PORTAL)))
        detail = parsed.get("detail") if isinstance(parsed, dict) else None
        if status == 200 or status == 201:
            if not isinstance(parsed, dict):
                raise _Transient(NetworkUnavailableError(texts.text(NO_NETWORK)))
            return parsed
        if status == 401:
            if isinstance(detail, str) and resp.request.path_url.startswith("/auth/login"):
                raise AuthenticationError(detail)
            raise AccessExpiredError(texts.text("Session expirée."))
        if status == 403:
            raise AuthenticationError(
                detail
                if isinstance(detail, str)
                else texts.text(
                    "Ce poste n’est plus autorisé à synchroniser : contactez votre coordinateur·rice."
                )
            )
        if status == 404 and resp.request.path_url.startswith("/sync/"):
            raise UnknownClientError(
                texts.text("Ce poste doit être de nouveau enregistré auprès du serveur.")
            )
        if status == 410:
            reason = parsed.get("reason", "") if isinstance(parsed, dict) else ""
            if not reason and isinstance(detail, dict):
                reason = str(detail.get("reason", ""))
            raise ResyncRequiredError(str(reason))
        if status == 413:
            raise BatchTooLargeError(texts.text("Lot trop volumineux."))
        if status == 422:
            raise PayloadMismatchError(
                str(detail)[:300] if detail else texts.text("Requête refusée.")
            )
        if status == 426:
            # The server's own French sentence when it has one (docs/protocol.md, 426).
            raise UpdateRequiredError(
                detail
                if isinstance(detail, str) and detail.strip()
                else texts.text(UPDATE_REQUIRED)
            )
        if status == 429 or status >= 500:
            retry_after = _retry_after(resp.headers.get("Retry-After"))
            if status == 429 and resp.request.path_url.startswith("/auth/login"):
                raise AuthenticationError(
                    detail
                    if isinstance(detail, str)
                    else texts.text(
                        "Trop de tentatives de connexion : réessayez dans quelques minutes."
                    )
                )
            raise _Transient(
                ServerError(
                    texts.text(
                        "Le serveur est momentanément indisponible ; nouvel essai automatique "
                        "plus tard. Vos modifications sont en sécurité sur ce poste."
                    )
                ),
                retry_after,
            )
        raise ServerError(
            detail
            if isinstance(detail, str)
            else texts.text("Réponse inattendue du serveur ({status}).", status=status)
        )


class _Transient(Exception):
    """A failure worth retrying; carries the KnownError to raise when retries run out."""

    def __init__(self, error: KnownError, retry_after: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
