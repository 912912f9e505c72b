"""The embedded SQLite database is created private to the account that runs the server."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import sqlite_url
from tne_api.cli import main
from tne_api.settings import default_database_url


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TNE_API_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("TNE_API_ARGON2_MEMORY_KIB", "1024")
    yield


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_is_created_private(tmp_path: Path, cli_env: None) -> None:
    previous = os.umask(0o022)  # a usual umask: files 0644, directories 0755
    try:
        folder = tmp_path / "srv" / "data"
        db = folder / "tne-api.sqlite3"
        assert main(["--database-url", sqlite_url(db), "init-db"]) == 0
        assert _mode(db) == 0o600
        assert _mode(folder) == 0o700 and _mode(folder.parent) == 0o700
        for side in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            if side.exists():
                assert _mode(side) == 0o600, side
        # An existing database file keeps the mode its administrator gave it.
        other = tmp_path / "existing.sqlite3"
        other.touch()
        other.chmod(0o640)
        assert main(["--database-url", sqlite_url(other), "init-db"]) == 0
        assert _mode(other) == 0o640
        # The default location (under the data directory) is private too.
        url = default_database_url()
        path = Path(url.removeprefix("sqlite:///"))
        assert _mode(path.parent) == 0o700
    finally:
        os.umask(previous)
