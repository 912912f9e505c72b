"""Server settings (pydantic-settings), read once from the environment.

Every setting has a ``TNE_API_`` environment variable (docs/deploy.md, "Settings"); a value
given to the constructor wins over the environment, so tests build ``Settings`` directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import platformdirs
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from mediator_app.core.messages import MIN_PROTOCOL_VERSION
from mediator_app.core.wire import MIN_SCHEMA_VERSION
from tne_api.files import ensure_private_dir


def default_database_url() -> str:
    """A SQLite file under the user's data directory (created on demand, ``0700``)."""
    data_dir = Path(platformdirs.user_data_dir("tne-api"))
    ensure_private_dir(data_dir)
    return f"sqlite:///{data_dir / 'tne-api.sqlite3'}"


def _env(name: str, *more: str) -> Any:
    """Accept the field's own name (constructor) and its environment variable(s)."""
    return AliasChoices(name, *more)


class Settings(BaseSettings):
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
        max_devices_per_user: Devices (not revoked) one account may register; the next one
            is refused (409) until the administrator revokes an old one.
        argon2_time_cost: argon2id iterations for new password hashes.
        argon2_memory_kib: argon2id memory for new password hashes (KiB).
    """

    model_config = SettingsConfigDict(
        env_prefix="TNE_API_",
        env_ignore_empty=True,
        populate_by_name=True,
        frozen=True,
        extra="ignore",
    )

    database_url: str = Field(default_factory=default_database_url)
    access_ttl_s: int = Field(
        default=15 * 60, validation_alias=_env("access_ttl_s", "TNE_API_ACCESS_TTL")
    )
    refresh_ttl_s: int = Field(
        default=90 * 24 * 3600, validation_alias=_env("refresh_ttl_s", "TNE_API_REFRESH_TTL")
    )
    min_schema_version: int = MIN_SCHEMA_VERSION
    min_protocol_version: int = MIN_PROTOCOL_VERSION
    login_window_s: int = Field(
        default=15 * 60, validation_alias=_env("login_window_s", "TNE_API_LOGIN_WINDOW")
    )
    login_max_per_account: int = 5
    login_max_per_address: int = 20
    #: Comma-separated in the environment; ``FORWARDED_ALLOW_IPS`` (uvicorn's) when unset.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        validation_alias=_env("trusted_proxies", "TNE_API_TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS"),
    )
    max_request_bytes: int = 32 * 1024 * 1024
    max_auth_request_bytes: int = 64 * 1024
    max_devices_per_user: int = Field(default=10, ge=1)
    #: Requests a worker process runs at once (its thread pool; the others wait their turn
    #: in its event loop): docs/architecture.md, « Serving ».
    worker_threads: int = Field(default=8, ge=1, le=256)
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    @field_validator("database_url", mode="before")
    @classmethod
    def _blank_url(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return default_database_url()
        return value.strip() if isinstance(value, str) else value

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from ``TNE_API_*`` environment variables, defaults elsewhere."""
        return cls()

    def with_(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (validated like the constructor's arguments)."""
        return type(self)(**{**self.model_dump(), **changes})
