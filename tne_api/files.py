"""Files the server creates on this machine: private to the account that runs it.

The embedded SQLite database holds names, phone numbers and signatures of families: its
file is created ``0600`` and the directories created for it ``0700`` (SQLite gives its
``-wal`` and ``-shm`` files the database file's mode). Existing files and directories are
left as the administrator set them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import sqlalchemy as sa

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and its missing parents, each one ``0700``."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=DIR_MODE)
            os.chmod(directory, DIR_MODE)  # mkdir's mode is filtered by the umask


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; ``None`` for another database or an in-memory one."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    if parsed.query.get("uri") or parsed.query.get("mode") == "memory":
        return None
    return Path(database)


def prepare_sqlite_file(url: str) -> None:
    """Create the database file of a SQLite URL (and its directory) private, if missing."""
    path = sqlite_path(url)
    if path is None:
        return
    ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, FILE_MODE)
