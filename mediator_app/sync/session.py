"""Signing in: tokens in the OS keyring, the profile in the store, one API client.

The refresh token lives in the OS keyring. When the keyring backend is the "fail" or
"null" one (no secure storage on this machine), tokens live in memory only, the user is
told in French, and nothing is ever written to disk. ``keyring`` is imported where it is
used (not at the window's start: finding its backend loads every plugin it has).
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediator_app.core import texts
from mediator_app.core.errors import AuthenticationError, KnownError
from mediator_app.local_store import Store, save_profile
from mediator_app.local_store.state import get_state, set_state
from mediator_app.sync.api_client import ApiClient, Tokens, check_server_url

log = logging.getLogger(__name__)

KEYRING_SERVICE = "tne-mediation"
OTHER_ACCOUNT = texts.template(
    "Ces données appartiennent à un autre compte de ce serveur : elles ne peuvent pas être "
    "envoyées avec le vôtre. Connectez-vous depuis l’écran de connexion de TNE Médiation, "
    "qui ouvre les données de votre compte."
)
NO_SECURE_STORAGE = texts.template(
    "Ce poste n’a pas de coffre-fort de mots de passe : votre connexion ne sera pas "
    "mémorisée et il faudra vous reconnecter à chaque démarrage. Vos données restent "
    "enregistrées sur ce poste."
)


def keyring_account(server_url: str, email: str, device_id: str) -> str:
    """The keyring entry of one laptop's session.

    Per device, not per account: the server binds tokens to the device they were issued
    for and rotates refresh tokens, so two data folders of one account on the same machine
    must never share (and replace each other's) tokens.
    """
    return f"{server_url}|{email.lower()}|{device_id}"


def keyring_backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_is_secure() -> bool:
    """False for keyring's fail/null backends (nothing can be stored safely)."""
    name = keyring_backend_name()
    return not any(part in name for part in ("keyring.backends.fail", "keyring.backends.null"))


@dataclass
class SessionInfo:
    server_url: str
    email: str
    display_name: str
    role: str
    structure_id: str | None
    department_code: str
    tokens_persisted: bool
    warning: str = ""
    #: The folder of the store signed in (``sync.accounts``; None when not routed).
    store_dir: Path | None = None


class SessionManager:
    """Login, logout and a ready ``ApiClient`` for one local store.

    Tokens kept only in memory (no secure keyring) are held by this object, so they last
    as long as the application runs.
    """

    def __init__(self, store: Store, **client_options: Any) -> None:
        self._store = store
        self._client_options = client_options
        self._memory_tokens: Tokens | None = None

    # --- profile ------------------------------------------------------------------

    def profile(self) -> dict[str, Any]:
        with self._store.read() as conn:
            return dict(get_state(conn, "profile", {}) or {})

    def account(self) -> tuple[str, str] | None:
        """The server and e-mail of the last sign-in on this laptop, if any."""
        return self._account()

    def _account(self) -> tuple[str, str] | None:
        p = self.profile()
        if p.get("server_url") and p.get("email"):
            return str(p["server_url"]), str(p["email"])
        return None

    def _key(self, server_url: str, email: str) -> str:
        with self._store.read() as conn:
            device_id = str(get_state(conn, "device_id"))
        return keyring_account(server_url, email, device_id)

    # --- tokens -------------------------------------------------------------------

    def _save_tokens(self, server_url: str, email: str, tokens: Tokens) -> bool:
        if not keyring_is_secure():
            self._memory_tokens = tokens
            return False
        import keyring.errors

        try:
            keyring.set_password(
                KEYRING_SERVICE,
                self._key(server_url, email),
                json.dumps({"access": tokens.access_token, "refresh": tokens.refresh_token}),
            )
            self._memory_tokens = None
            return True
        except keyring.errors.KeyringError:
            log.warning("keyring refused to store the token; keeping it in memory only")
            self._memory_tokens = tokens
            return False

    def _load_tokens(self, server_url: str, email: str) -> Tokens | None:
        if self._memory_tokens is not None:
            return self._memory_tokens
        if not keyring_is_secure():
            return None
        key = self._key(server_url, email)
        import keyring.errors

        try:
            raw = keyring.get_password(KEYRING_SERVICE, key)
            if not raw:
                raw = self._adopt_legacy(server_url, email, key)
        except keyring.errors.KeyringError:
            return None
        if not raw:
            return None
        data = json.loads(raw)
        return Tokens(str(data["access"]), str(data["refresh"]))

    @staticmethod
    def _adopt_legacy(server_url: str, email: str, key: str) -> str | None:
        """Tokens saved by an earlier version under the account alone: moved to this
        laptop's entry, so that no other data folder of the same account picks them up."""
        import keyring.errors

        legacy = f"{server_url}|{email.lower()}"
        raw = keyring.get_password(KEYRING_SERVICE, legacy)
        if raw:
            keyring.set_password(KEYRING_SERVICE, key, raw)
            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(KEYRING_SERVICE, legacy)
        return raw

    # --- actions ------------------------------------------------------------------

    def login(self, server_url: str, email: str, password: str) -> SessionInfo:
        """Sign in, remember the user, register this laptop once.

        Data entered before the first login keeps its outbox ops and syncs afterwards;
        the profile (name, structure, département) comes from the server.

        Raises:
            AuthenticationError, NetworkUnavailableError, KnownError.
        """
        server_url = check_server_url(server_url)
        email = email.strip()
        with self._store.read() as conn:
            device_id = str(get_state(conn, "device_id"))
            previous = get_state(conn, "server_url")
        api = ApiClient(server_url, **self._client_options)
        body = api.login(email, password, device_id)
        assert api.tokens is not None
        user = body.get("user", {})
        known = self.profile()
        if (
            known.get("actor_id")
            and known.get("server_url") == server_url
            and str(known["actor_id"]) != str(user.get("id"))
        ):
            # One account per store: another account's outbox never leaves with these
            # tokens (sync/accounts.py routes each account to its own store).
            with contextlib.suppress(KnownError):
                api.logout()
            raise AuthenticationError(texts.text(OTHER_ACCOUNT), code="other_account")
        with self._store.engine.begin() as conn:
            if previous and previous != server_url:
                # Another server: a new client registration and a fresh pull.
                for key in ("client_id", "cursor", "server_epoch"):
                    set_state(conn, key, "")
            set_state(conn, "server_url", server_url)
        save_profile(
            self._store,
            {
                "display_name": user.get("display_name", ""),
                "actor_id": user.get("id"),
                "structure_id": user.get("structure_id"),
                "department_code": user.get("department_code", ""),
                "role": user.get("role", ""),
                "email": email,
                "server_url": server_url,
            },
        )
        persisted = self._save_tokens(server_url, email, api.tokens)
        log.info("signed in (role %s); tokens persisted: %s", user.get("role"), persisted)
        return SessionInfo(
            server_url,
            email,
            str(user.get("display_name", "")),
            str(user.get("role", "")),
            user.get("structure_id"),
            str(user.get("department_code", "")),
            persisted,
            "" if persisted else texts.text(NO_SECURE_STORAGE),
        )

    def is_signed_in(self) -> bool:
        account = self._account()
        return account is not None and self._load_tokens(*account) is not None

    def client(self) -> ApiClient:
        """An API client with the stored tokens; new tokens are saved back.

        Raises:
            AuthenticationError: nobody is signed in on this laptop.
        """
        account = self._account()
        tokens = None if account is None else self._load_tokens(*account)
        if account is None or tokens is None:
            raise AuthenticationError(
                texts.text(
                    "Connectez-vous au serveur TNE pour synchroniser. Vos données restent "
                    "enregistrées sur ce poste en attendant."
                )
            )
        server_url, email = account

        def keep(new: Tokens) -> None:
            self._save_tokens(server_url, email, new)

        return ApiClient(server_url, tokens=tokens, on_tokens=keep, **self._client_options)

    def logout(self) -> None:
        """Revoke the session on the server if reachable and forget the tokens here.
        The outbox is kept: it syncs at the next login."""
        account = self._account()
        if account is None:
            return
        with contextlib.suppress(KnownError):
            self.client().logout()
        self._memory_tokens = None
        if keyring_is_secure():
            import keyring.errors

            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(KEYRING_SERVICE, self._key(*account))
