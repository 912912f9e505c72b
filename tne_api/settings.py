"""Server settings, read once from the environment.

Every setting has an ``TNE_API_`` environment variable; tests build ``Settings`` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from mediator_app.core.messages import MIN_PROTOCOL_VERSION
from mediator_app.core.wire import MIN_SCHEMA_VERSION
from tne_api.files import ensure_private_dir


def default_database_url() -> str:
    """A SQLite file under the user's data directory (created on demand, ``0700``)."""
    data_dir = Path(platformdirs.user_data_dir("tne-api"))
    ensure_private_dir(data_dir)
    return f"sqlite:///{data_dir / 'tne-api.sqlite3'}"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _env_list(name: str, *, fallback: str = "") -> tuple[str, ...]:
    """Comma-separated values of ``name`` (or, when it is unset, of ``fallback``)."""
    raw = os.environ.get(name)
    if raw is None and fallback:
        raw = os.environ.get(fallback)
    return tuple(v.strip() for v in (raw or "").split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    """Server configuration.

    Attributes:
        database_url: SQLAlchemy URL (``sqlite:///…`` or ``postgresql+psycopg://…``).
        access_ttl_s: Lifetime of an access token, in seconds.
        refresh_ttl_s: Lifetime of a refresh token, in seconds.
        min_schema_version: Oldest client schema accepted (older ones get 426).
        min_protocol_version: Oldest sync protocol accepted (older clients get 426); lower
            it only to let clients of the previous protocol sync during a roll-out.
        login_window_s: Window over which failed logins are counted.
        login_max_per_account: Failures per account in the window before 429.
        login_max_per_address: Failures per client address in the window before 429.
        trusted_proxies: Addresses or networks of the reverse proxies whose
            ``X-Forwarded-For`` is believed (``tne_api.addresses``); empty: the header is
            ignored and the TCP peer is the client.
        max_request_bytes: Largest (decompressed) request body accepted, whatever its
            encoding (413 beyond, before authentication and parsing).
        max_auth_request_bytes: Largest request body of the ``/auth/`` endpoints.
        argon2_time_cost: argon2id iterations for new password hashes.
        argon2_memory_kib: argon2id memory for new password hashes (KiB).
    """

    database_url: str = field(default_factory=default_database_url)
    access_ttl_s: int = 15 * 60
    refresh_ttl_s: int = 90 * 24 * 3600
    min_schema_version: int = MIN_SCHEMA_VERSION
    min_protocol_version: int = MIN_PROTOCOL_VERSION
    login_window_s: int = 15 * 60
    login_max_per_account: int = 5
    login_max_per_address: int = 20
    trusted_proxies: tuple[str, ...] = ()
    max_request_bytes: int = 32 * 1024 * 1024
    max_auth_request_bytes: int = 64 * 1024
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from ``TNE_API_*`` environment variables, defaults elsewhere."""
        url = os.environ.get("TNE_API_DATABASE_URL", "").strip() or default_database_url()
        return cls(
            database_url=url,
            access_ttl_s=_env_int("TNE_API_ACCESS_TTL", 15 * 60),
            refresh_ttl_s=_env_int("TNE_API_REFRESH_TTL", 90 * 24 * 3600),
            min_schema_version=_env_int("TNE_API_MIN_SCHEMA_VERSION", MIN_SCHEMA_VERSION),
            min_protocol_version=_env_int("TNE_API_MIN_PROTOCOL_VERSION", MIN_PROTOCOL_VERSION),
            login_window_s=_env_int("TNE_API_LOGIN_WINDOW", 15 * 60),
            login_max_per_account=_env_int("TNE_API_LOGIN_MAX_PER_ACCOUNT", 5),
            login_max_per_address=_env_int("TNE_API_LOGIN_MAX_PER_ADDRESS", 20),
            trusted_proxies=_env_list("TNE_API_TRUSTED_PROXIES", fallback="FORWARDED_ALLOW_IPS"),
            max_request_bytes=_env_int("TNE_API_MAX_REQUEST_BYTES", 32 * 1024 * 1024),
            max_auth_request_bytes=_env_int("TNE_API_MAX_AUTH_REQUEST_BYTES", 64 * 1024),
            argon2_time_cost=_env_int("TNE_API_ARGON2_TIME_COST", 3),
            argon2_memory_kib=_env_int("TNE_API_ARGON2_MEMORY_KIB", 64 * 1024),
        )
