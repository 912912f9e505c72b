"""Where the application keeps its files on this computer.

One ``AppPaths`` is built at start (``AppPaths.resolve``) and passed to whoever needs a path;
nothing else reads the environment or platformdirs. The data directory holds everything: the
SQLite store, its backups, the logs and the INI settings, so copying that one folder is a
complete backup of the laptop.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from mediator_app.core.errors import StorageError

APP_NAME = "tne-mediation"
DATA_DIR_ENV = "MEDIATOR_DATA_DIR"
DB_FILENAME = "mediation.sqlite3"
SETTINGS_FILENAME = "parametres.ini"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one data directory."""

    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """The paths to use, by priority: ``data_dir`` (``--data-dir``), then the
        ``MEDIATOR_DATA_DIR`` environment variable, then the user data folder of the OS
        (``platformdirs.user_data_dir("tne-mediation")``).
        """
        if data_dir is not None and str(data_dir):
            chosen = Path(data_dir)
        elif os.environ.get(DATA_DIR_ENV):
            chosen = Path(os.environ[DATA_DIR_ENV])
        else:
            chosen = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        return cls(chosen.expanduser().absolute())

    @property
    def database(self) -> Path:
        """The SQLite store."""
        return self.data_dir / DB_FILENAME

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "mediation.log"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports_dir(self) -> Path:
        """Default folder of exports (per-person JSON, bilans)."""
        return self.data_dir / "exports"

    @property
    def settings_file(self) -> Path:
        """The INI file behind ``QSettings`` (preferences, window geometry)."""
        return self.data_dir / SETTINGS_FILENAME

    @property
    def lock_file(self) -> Path:
        """Lock of the single instance allowed per data directory."""
        return self.data_dir / "instance.lock"

    def ensure(self) -> AppPaths:
        """Create the folders (idempotent) and return ``self``.

        A data folder that exists but cannot be written (permissions, a read-only disk) is
        left as it is: the store then opens read-only and says why (``writable``).

        Raises:
            StorageError: the data folder does not exist and cannot be created.
        """
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                "Le dossier des données ne peut pas être créé : choisissez un dossier "
                "modifiable (--data-dir ou MEDIATOR_DATA_DIR), puis relancez TNE Médiation."
            ) from exc
        for folder in (self.logs_dir, self.backups_dir):
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
        return self

    def writable(self) -> bool:
        """Whether files can be created in the data folder (tried for real: the rights of
        the folder, a read-only disk or a locked USB key all show the same way)."""
        try:
            with tempfile.NamedTemporaryFile(dir=self.data_dir, prefix=".ecriture-"):
                pass
        except OSError:
            return False
        return True
