"""The local SQLite store: tables, migrations, transactional outbox and services."""

from __future__ import annotations

import uuid
from pathlib import Path
from uuid import UUID

from sqlalchemy.exc import DatabaseError

from mediator_app.core.errors import StorageError
from mediator_app.local_store.db import UNREADABLE_MESSAGE, StoreInfo, open_store
from mediator_app.local_store.state import get_state, set_state
from mediator_app.local_store.unit_of_work import Identity, Store


def identity_of(store: Store) -> Identity:
    """Read who writes on this laptop from the store (device id made at first open)."""
    with store.read() as conn:
        device_id = get_state(conn, "device_id")
        profile = get_state(conn, "profile", {}) or {}
    structure = profile.get("structure_id")
    actor = profile.get("actor_id")
    return Identity(
        device_id=str(device_id or ""),
        actor_name=str(profile.get("display_name", "")),
        actor_id=UUID(actor) if actor else None,
        structure_id=UUID(structure) if structure else None,
        department_code=str(profile.get("department_code", "")),
        role=str(profile.get("role", "")),
    )


def open_local_store(data_dir: Path, *, defer_check: bool = False) -> tuple[Store, StoreInfo]:
    """Open the store of a data directory, ready for services.

    Creates the device id on first open. Raises ``StorageError`` when the file is damaged;
    with ``defer_check`` (the window), at the first write instead when the check has not
    run yet (``store.gate``; see ``open_store``).
    """
    engine, info = open_store(data_dir, defer_check=defer_check)
    store = Store(
        engine,
        Identity(device_id=""),
        read_only=info.read_only,
        read_only_reason=info.read_only_reason,
        gate=info.gate,
    )
    try:
        _first_reads(store, info.read_only)
    except DatabaseError as exc:  # a malformed page met before the deferred check
        store.engine.dispose()
        if store.gate is not None:
            store.gate.verify()  # the check's own French verdict
        raise StorageError(UNREADABLE_MESSAGE) from exc
    return store, info


def _first_reads(store: Store, read_only: bool) -> None:
    """The device id (made on first open) and who writes here."""
    if not read_only:
        with store.read() as conn:
            missing = get_state(conn, "device_id") is None
        if missing:  # a write: with a deferred check, the engine takes the check first
            with store.engine.begin() as conn:
                set_state(conn, "device_id", str(uuid.uuid4()))
    store.identity = identity_of(store)


def save_profile(store: Store, profile: dict[str, str | None]) -> None:
    """Record who uses this laptop (display name, role, structure, département)."""
    with store.engine.begin() as conn:
        set_state(conn, "profile", profile)
    store.identity = identity_of(store)


__all__ = ["Identity", "Store", "StoreInfo", "identity_of", "open_local_store", "save_profile"]
