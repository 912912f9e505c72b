"""Opening the local store: backups before migrations, daily rotation, read-only newer
databases, damaged files, and the pragmas the outbox relies on."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.core.errors import ReadOnlyStoreError, StorageError
from mediator_app.local_store import open_local_store
from mediator_app.local_store.db import (
    BUSY_TIMEOUT_MS,
    DAILY_BACKUPS_KEPT,
    NEWER_SCHEMA_MESSAGE,
    alembic_config,
    daily_backup,
    head_revision,
)
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService
from mediator_app.paths import AppPaths


def _sqlite_tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def _stamp(path: Path, revision: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        con.commit()
    finally:
        con.close()


def _workshop() -> Workshop:
    return Workshop(
        title="Café des parents",
        date=date(2026, 10, 6),
        themes=(Theme.PARENTALITE,),
        commune="Sarcelles",
    )


def test_paths_point_at_the_store_file(data_dir: Path) -> None:
    paths = AppPaths.resolve()  # MEDIATOR_DATA_DIR is set by the autouse fixture
    assert paths.data_dir == data_dir.absolute()
    store, info = open_local_store(paths.data_dir)
    store.engine.dispose()
    assert info.path == paths.database
    assert paths.backups_dir.name == "backups"


def test_unstamped_existing_file_is_backed_up_before_migration(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = AppPaths(data_dir).database
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE notes_anciennes (id INTEGER PRIMARY KEY, texte TEXT)")
    con.execute("INSERT INTO notes_anciennes (texte) VALUES ('gardée')")
    con.commit()
    con.close()

    store, info = open_local_store(data_dir)
    store.engine.dispose()

    assert info.migrated_from == "vide"
    assert info.schema_revision == head_revision()
    assert info.backup_path is not None and info.backup_path.exists()
    assert info.backup_path.parent == data_dir / "backups"
    assert info.backup_path.name.startswith("avant-migration-")
    # The backup is the file as it was before the migration: a sound SQLite database with
    # the old table and none of the new ones.
    tables = _sqlite_tables(info.backup_path)
    assert "notes_anciennes" in tables
    assert "workshop" not in tables and "outbox" not in tables
    assert "workshop" in _sqlite_tables(db)


def test_downgraded_store_is_backed_up_with_its_data_then_migrated(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    WorkshopService(store).create(_workshop())
    with store.engine.begin() as conn:
        conn.execute(text("CREATE TABLE temoin (valeur TEXT)"))
        conn.execute(text("INSERT INTO temoin VALUES ('avant')"))
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    store.engine.dispose()
    assert "workshop" not in _sqlite_tables(data_dir / "mediation.sqlite3")

    store, info = open_local_store(data_dir)
    store.engine.dispose()
    assert info.migrated_from == "vide"
    assert info.backup_path is not None
    con = sqlite3.connect(info.backup_path)
    try:
        assert con.execute("SELECT valeur FROM temoin").fetchall() == [("avant",)]
    finally:
        con.close()
    assert info.schema_revision == head_revision()


def test_fresh_store_needs_no_migration_backup(data_dir: Path) -> None:
    store, info = open_local_store(data_dir)
    store.engine.dispose()
    assert info.backup_path is None and info.migrated_from is None
    store, info = open_local_store(data_dir)
    store.engine.dispose()
    assert info.backup_path is None
    assert not list((data_dir / "backups").glob("avant-migration-*"))


def test_daily_backups_rotate_keeping_seven(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    WorkshopService(store).create(_workshop())
    db = data_dir / "mediation.sqlite3"
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    for day in range(10):
        made = daily_backup(db, now=start + timedelta(days=day))
        assert made is not None
        # A second start on the same day does not make another copy.
        assert daily_backup(db, now=start + timedelta(days=day, hours=5)) is None
    store.engine.dispose()
    kept = sorted(p.name for p in (data_dir / "backups").glob("quotidienne-2026-03-*.sqlite3"))
    assert DAILY_BACKUPS_KEPT == 7
    assert kept == [f"quotidienne-2026-03-{d:02d}.sqlite3" for d in range(4, 11)]
    assert "workshop" in _sqlite_tables(data_dir / "backups" / kept[-1])


def test_reopening_makes_todays_daily_backup(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    store.engine.dispose()
    store, _ = open_local_store(data_dir)
    store.engine.dispose()
    daily = list((data_dir / "backups").glob("quotidienne-*.sqlite3"))
    assert len(daily) == 1
    assert "outbox" in _sqlite_tables(daily[0])


def test_newer_schema_opens_read_only(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    WorkshopService(store).create(_workshop())
    store.engine.dispose()
    db = data_dir / "mediation.sqlite3"
    _stamp(db, "9999_from_the_future")
    before = db.read_bytes()

    store, info = open_local_store(data_dir)
    try:
        assert info.read_only is True
        assert info.read_only_reason == NEWER_SCHEMA_MESSAGE
        assert "lecture seule" in info.read_only_reason
        assert info.schema_revision == "9999_from_the_future"
        assert info.backup_path is None
        assert store.read_only is True
        with pytest.raises(ReadOnlyStoreError) as err, store.write():
            pass
        assert err.value.message == NEWER_SCHEMA_MESSAGE
        with pytest.raises(ReadOnlyStoreError):
            WorkshopService(store).create(_workshop())
        # Reading still works, so the mediator can look at her data.
        assert WorkshopService(store).list(WorkshopFilter()).total == 1
        with store.read() as conn, pytest.raises(Exception, match=r"readonly|read-only|query_only"):
            conn.execute(text("DELETE FROM workshop"))
    finally:
        store.engine.dispose()
    assert db.read_bytes() == before
    assert not list((data_dir / "backups").glob("avant-migration-*"))


def test_garbage_file_raises_storage_error_in_french(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "mediation.sqlite3").write_bytes(b"ceci n'est pas une base SQLite\x00" * 200)
    with pytest.raises(StorageError) as err:
        open_local_store(data_dir)
    assert "illisible" in err.value.message
    assert "sauvegarde" in err.value.message
    assert err.value.code == "storage"


def test_damaged_pages_raise_storage_error(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    svc = WorkshopService(store)
    for i in range(40):
        svc.create(dataclasses.replace(_workshop(), title=f"Atelier {i}", notes="x" * 400))
    store.engine.dispose()
    db = data_dir / "mediation.sqlite3"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    assert len(raw) > 8 * page
    # Scribble over every page but the header page: b-tree pages become nonsense.
    for offset in range(page, len(raw), page):
        raw[offset : offset + 64] = b"\xa5" * 64
    db.write_bytes(bytes(raw))
    with pytest.raises(StorageError) as err:
        open_local_store(data_dir)
    assert "endommagé" in err.value.message or "illisible" in err.value.message


def test_pragmas_are_set_on_every_connection(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)
    try:
        for _ in range(2):
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        assert BUSY_TIMEOUT_MS >= 1000
    finally:
        store.engine.dispose()
