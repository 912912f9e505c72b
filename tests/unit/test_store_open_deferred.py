"""A store opened before its ``quick_check`` (the window's start): writes wait for the
verdict, so a damaged file is still refused before anything is written to it."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.core.errors import StorageError
from mediator_app.local_store import open_local_store
from mediator_app.local_store.db import (
    CHECK_PENDING,
    DAMAGED_MESSAGE,
    UNREADABLE_MESSAGE,
    head_revision,
)
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService

PAGE = 4096


def _workshop(i: int) -> Workshop:
    return Workshop(
        title=f"Atelier {i}",
        date=date(2026, 10, 6),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
        notes="x" * 400,
    )


def _filled_store(data_dir: Path) -> Path:
    store, _ = open_local_store(data_dir)
    svc = WorkshopService(store)
    for i in range(60):
        svc.create(_workshop(i))
    store.engine.dispose()
    db = data_dir / "mediation.sqlite3"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def _damage_data_pages(db: Path) -> None:
    """Scribble over the workshops' leaf pages (found with SQLite's ``dbstat``), leaving
    the schema readable: the file opens, only ``quick_check`` can tell."""
    con = sqlite3.connect(db)
    try:
        pages = [
            int(r[0])
            for r in con.execute(
                "SELECT pageno FROM dbstat WHERE name = 'workshop' AND pagetype = 'leaf'"
            )
        ]
    finally:
        con.close()
    assert len(pages) > 4
    raw = bytearray(db.read_bytes())
    for page in pages:
        start = (page - 1) * PAGE
        raw[start : start + 64] = b"\xa5" * 64
    db.write_bytes(bytes(raw))


def _is_damaged_refusal(message: str) -> bool:
    """The French refusal of a damaged file: SQLite reports bad pages either as a failed
    check or as a malformed read, and the store words both (the same advice)."""
    return message == DAMAGED_MESSAGE or message.startswith(UNREADABLE_MESSAGE)


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_sound_store_opens_before_its_check_and_writes_after_it(data_dir: Path) -> None:
    _filled_store(data_dir)
    store, info = open_local_store(data_dir, defer_check=True)
    try:
        assert info.quick_check == CHECK_PENDING
        assert info.schema_revision == head_revision()
        assert store.gate is not None and store.gate.pending
        assert WorkshopService(store).list(WorkshopFilter()).total == 60  # reads do not wait
        assert store.gate.pending
        WorkshopService(store).create(_workshop(60))  # the first write takes the check
        assert not store.gate.pending
        assert store.gate.verify() == "ok"
        assert WorkshopService(store).list(WorkshopFilter()).total == 61
    finally:
        store.engine.dispose()


def test_damaged_store_refuses_the_first_write_in_french_and_is_unchanged(
    data_dir: Path,
) -> None:
    db = _filled_store(data_dir)
    _damage_data_pages(db)
    before = _digest(db)
    store, info = open_local_store(data_dir, defer_check=True)
    try:
        assert info.quick_check == CHECK_PENDING
        with pytest.raises(StorageError) as err:
            WorkshopService(store).create(dataclasses.replace(_workshop(99), title="Nouveau"))
        assert _is_damaged_refusal(err.value.message)
        assert "« backups »" in err.value.message
        # Every later write too, through the service or straight on the engine.
        with pytest.raises(StorageError):
            WorkshopService(store).create(_workshop(100))
        with pytest.raises(StorageError), store.engine.begin() as conn:
            conn.execute(text("DELETE FROM workshop"))
    finally:
        store.engine.dispose()
    assert _digest(db) == before
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_damaged_store_is_still_refused_at_open_without_deferral(data_dir: Path) -> None:
    db = _filled_store(data_dir)
    _damage_data_pages(db)
    with pytest.raises(StorageError) as err:
        open_local_store(data_dir)
    assert _is_damaged_refusal(err.value.message)


def test_a_store_to_migrate_is_checked_at_open_even_deferred(data_dir: Path) -> None:
    db = _filled_store(data_dir)
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    _damage_data_pages(db)
    with pytest.raises(StorageError) as err:
        open_local_store(data_dir, defer_check=True)  # a migration writes: check first
    assert _is_damaged_refusal(err.value.message)
