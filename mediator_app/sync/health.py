"""Sync health as the coordination sees it: the server's report on every device.

The server knows when each laptop last synced and what it reported (changes waiting,
changes set aside); this module fetches that report over the API and turns it into frozen
rows. No Qt: the Coordination screen calls ``fetch_sync_health`` on the runner's network
lane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mediator_app.local_store.unit_of_work import Store
from mediator_app.sync.api_client import ApiClient

FLAG_STALE = "no_recent_sync"
FLAG_PARKED = "parked_changes"


@dataclass(frozen=True)
class DeviceHealth:
    """One device of one staff member, as last reported to the server."""

    client_id: str
    display_name: str
    role: str
    structure_name: str
    device_name: str
    app_version: str
    last_sync_at: datetime | None
    pending: int | None
    parked: int | None
    flags: tuple[str, ...]

    @property
    def stale(self) -> bool:
        """No successful sync for ``stale_after_days`` (or never)."""
        return FLAG_STALE in self.flags

    @property
    def has_parked(self) -> bool:
        return FLAG_PARKED in self.flags


@dataclass(frozen=True)
class SyncHealth:
    """The server's answer: when it was computed, the staleness threshold, the devices."""

    generated_at: datetime | None
    stale_after_days: int
    devices: tuple[DeviceHealth, ...]

    @property
    def flagged(self) -> int:
        return sum(1 for d in self.devices if d.flags)


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_sync_health(body: dict[str, Any]) -> SyncHealth:
    """The frozen form of a ``GET /coordination/v1/sync-health`` body."""
    devices = tuple(
        DeviceHealth(
            client_id=str(d.get("client_id", "")),
            display_name=str(d.get("display_name") or ""),
            role=str(d.get("role") or ""),
            structure_name=str(d.get("structure_name") or ""),
            device_name=str(d.get("device_name") or ""),
            app_version=str(d.get("app_version") or ""),
            last_sync_at=_when(d.get("last_sync_at")),
            pending=_count(d.get("pending")),
            parked=_count(d.get("parked")),
            flags=tuple(str(f) for f in d.get("flags") or ()),
        )
        for d in body.get("devices") or ()
        if isinstance(d, dict)
    )
    return SyncHealth(
        generated_at=_when(body.get("generated_at")),
        stale_after_days=int(body.get("stale_after_days") or 14),
        devices=devices,
    )


def fetch_sync_health(api: ApiClient) -> SyncHealth:
    """Ask the server for the sync health of the caller's département.

    Raises:
        NetworkUnavailableError: offline or behind a captive portal.
        AuthenticationError: not signed in, or not a coordinator (403).
        KnownError: any other failure, with a French message.
    """
    return parse_sync_health(api.sync_health())


def health_fetcher(
    store: Store, client: Callable[[], ApiClient] | None = None
) -> Callable[[], SyncHealth]:
    """A no-argument function fetching the sync health for the user signed in on ``store``.

    Args:
        store: the local store (its profile says which server and account).
        client: gives a signed-in ``ApiClient``; by default a ``SessionManager`` on the
            store (tokens from the keyring). The composition root passes its own session's
            ``client`` so tokens kept in memory only are used too.
    """
    if client is None:
        from mediator_app.sync.session import SessionManager

        client = SessionManager(store, max_attempts=2).client

    def fetch() -> SyncHealth:
        return fetch_sync_health(client())

    return fetch
