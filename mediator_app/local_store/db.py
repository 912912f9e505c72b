"""Opening the local SQLite store: pragmas, integrity check, backups, migrations.

``open_store`` is the one way in. It checks the file (``quick_check``), refuses to write a
database stamped by a newer version of the application (it is opened read-only with a French
message), takes an online backup before migrating, keeps daily rotating backups, and runs
the Alembic migrations up to head.

The window does not wait for ``quick_check`` of a store already at head
(``open_store(..., defer_check=True)``): the file opens *writes-gated* and an
``IntegrityGate`` holds the verdict. Every write transaction asks the gate first, which runs
the check then and there if the background task has not yet done it, or waits for it: a
damaged file is still refused before anything is written to it.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

if TYPE_CHECKING:
    from alembic.config import Config

from mediator_app.core import texts
from mediator_app.core.errors import StorageError

log = logging.getLogger(__name__)

DB_FILENAME = "mediation.sqlite3"
BACKUP_DIRNAME = "backups"
DAILY_BACKUPS_KEPT = 7
MIGRATION_BACKUPS_KEPT = 5
BUSY_TIMEOUT_MS = 5000
_MIGRATIONS = Path(__file__).with_name("migrations")

READ_ONLY_FOLDER_MESSAGE = texts.text(
    "Le dossier des données n’est pas accessible en écriture (droits du dossier, disque ou "
    "clé USB protégés en écriture) : vos données sont affichées en lecture seule, rien ne "
    "peut être modifié ni synchronisé. Pour travailler, rendez le dossier modifiable (ou "
    "demandez-le à la personne qui gère ce poste), puis relancez TNE Médiation."
)
READ_ONLY_EMPTY_FOLDER = texts.text(
    "Le dossier des données n’est pas accessible en écriture et ne contient pas encore de "
    "données : TNE Médiation ne peut pas les créer. Choisissez un dossier modifiable "
    "(--data-dir ou MEDIATOR_DATA_DIR) ou rendez celui-ci modifiable, puis relancez."
)
NEWER_SCHEMA_MESSAGE = texts.text(
    "Ces données ont été enregistrées par une version plus récente de TNE Médiation. "
    "Elles sont ouvertes en lecture seule : installez la dernière version pour les modifier."
)


UNREADABLE_MESSAGE = texts.text(
    "Le fichier de données est illisible. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.",
    backup_dirname=BACKUP_DIRNAME,
)
DAMAGED_MESSAGE = texts.text(
    "Le fichier de données est endommagé. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.",
    backup_dirname=BACKUP_DIRNAME,
)
CHECK_PENDING = "en attente"


class IntegrityGate:
    """The ``quick_check`` verdict on a store file, taken once, before its first write.

    ``verify`` is thread-safe: the background task and a write that comes first share one
    run (the second caller waits on the lock for the first one's verdict), so the check is
    never taken twice and no write slips in before it.
    """

    def __init__(self, path: Path, *, verdict: str | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._verdict = verdict
        self._error: StorageError | None = None

    @property
    def pending(self) -> bool:
        return self._verdict is None and self._error is None

    def verify(self) -> str:
        """The verdict ("ok"), running the check now if nobody has yet.

        Raises:
            StorageError: the file is damaged or unreadable (every later call raises too).
        """
        with self._lock:
            if self._error is None and self._verdict is None:
                try:
                    self._verdict = check_file(self.path)
                except StorageError as exc:
                    self._error = exc
            if self._error is not None:
                raise self._error
            assert self._verdict is not None
            return self._verdict


@dataclass(frozen=True)
class StoreInfo:
    """What ``open_store`` found and did."""

    path: Path
    read_only: bool
    read_only_reason: str
    schema_revision: str | None
    head_revision: str
    migrated_from: str | None
    backup_path: Path | None
    quick_check: str
    gate: IntegrityGate | None = None


def alembic_config() -> Config:
    from alembic.config import Config  # only to migrate: Alembic is slow to import

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


def revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the revisions it follows, read from the text of the
    scripts in ``migrations/versions`` without importing them or Alembic (the start path
    only needs to know whether the store is at head; Alembic loads when a migration runs).
    ``tests/unit/test_migrations.py`` checks it against Alembic's own reading."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((_MIGRATIONS / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # __init__.py
        revision = ast.literal_eval(found["revision"])
        down = ast.literal_eval(found.get("down_revision", "None"))
        downs = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        graph[str(revision)] = tuple(str(d) for d in downs)
    return graph


def head_revision() -> str:
    graph = revision_graph()
    followed = {d for downs in graph.values() for d in downs}
    heads = [r for r in graph if r not in followed]
    assert len(heads) == 1, heads
    return heads[0]


def known_revisions() -> set[str]:
    return set(revision_graph())


def folder_writable(data_dir: Path) -> bool:
    """Whether files can be created in ``data_dir`` and its store written: tried for real
    (permissions, a read-only disk or mount, a locked USB key all show the same way)."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".ecriture-"):
            pass
    except OSError:
        return False
    path = data_dir / DB_FILENAME
    return not path.exists() or os.access(path, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that reads the store without writing anything next to it. A WAL
    database normally needs its ``-shm`` file, which a read-only folder cannot hold: then it
    is read as immutable (nobody can write it from here anyway)."""
    plain = f"file:{path}?mode=ro"
    try:
        con = sqlite3.connect(plain, uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
        return plain
    except sqlite3.Error:
        return f"file:{path}?mode=ro&immutable=1"


def make_engine(
    path: Path,
    *,
    read_only: bool = False,
    uri: str | None = None,
    gate: IntegrityGate | None = None,
) -> Engine:
    """An engine on the store file with the pragmas the outbox relies on.

    WAL lets the GUI read while the sync writes; ``synchronous=FULL`` makes a committed
    change (and its outbox row) survive a power cut; ``foreign_keys`` and ``busy_timeout``
    are per connection in SQLite, hence the connect hook. With a ``gate`` (a store opened
    before its check), a write transaction asks for the verdict before it begins.
    """
    if uri is not None:
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            ),
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()

    # pysqlite's own transaction handling is off (isolation_level=None); emit BEGIN here so
    # that SQLAlchemy's transactions are real SQLite transactions.
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front (a deferred transaction that upgrades can
        # fail with SQLITE_BUSY instead of waiting); readers never do.
        reading = read_only or conn.get_execution_options().get("tne_read", False)
        if gate is not None and not reading:
            gate.verify()  # StorageError on a damaged file: nothing is written
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _stamped_revision(path: Path, uri: str | None = None) -> str | None:
    if not path.exists():
        return None
    con = sqlite3.connect(uri or f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if found is None else str(found[0])
    finally:
        con.close()


def _readable_revision(path: Path, uri: str | None) -> str | None:
    """The stamped revision, or the French "unreadable" refusal for a file that is not an
    SQLite database at all (read before ``quick_check`` when the check is deferred)."""
    try:
        return _stamped_revision(path, uri)
    except sqlite3.DatabaseError as exc:
        log.error("the local store cannot be read: %s", type(exc).__name__)
        raise StorageError(
            texts.text("{message} ({exc})", message=UNREADABLE_MESSAGE, exc=exc)
        ) from exc


def quick_check(path: Path, uri: str | None = None) -> str:
    """``PRAGMA quick_check`` of the file ("ok" when sound); ``uri`` to read it read-only."""
    con = sqlite3.connect(uri, uri=True) if uri else sqlite3.connect(path)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    finally:
        con.close()
    return "; ".join(str(r[0]) for r in rows)


def check_file(path: Path, uri: str | None = None) -> str:
    """``quick_check`` as a verdict: "ok", or the French damaged/unreadable message.

    Raises:
        StorageError: the file is damaged or not an SQLite database.
    """
    try:
        check = quick_check(path, uri)
    except sqlite3.DatabaseError as exc:
        log.error("the local store cannot be read: %s", type(exc).__name__)
        raise StorageError(
            texts.text("{message} ({exc})", message=UNREADABLE_MESSAGE, exc=exc)
        ) from exc
    if check != "ok":
        log.error("quick_check failed on the local store: %s", check[:200])
        raise StorageError(DAMAGED_MESSAGE)
    return check


def backup(path: Path, dest: Path) -> Path:
    """Online copy of the store (SQLite backup API: consistent while others write)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".partial")
    src = sqlite3.connect(path)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    tmp.replace(dest)
    return dest


def _prune(folder: Path, pattern: str, keep: int) -> None:
    for old in sorted(folder.glob(pattern))[:-keep]:
        old.unlink(missing_ok=True)


def daily_backup(path: Path, now: datetime | None = None) -> Path | None:
    """One backup a day in ``backups/``, keeping the last ``DAILY_BACKUPS_KEPT``."""
    if not path.exists():
        return None
    now = now or datetime.now(UTC)
    folder = path.parent / BACKUP_DIRNAME
    dest = folder / f"quotidienne-{now:%Y-%m-%d}.sqlite3"
    if dest.exists():
        return None
    backup(path, dest)
    _prune(folder, "quotidienne-*.sqlite3", DAILY_BACKUPS_KEPT)
    return dest


#: A migration left rows pointing at rows that do not exist: nothing of it is kept.
MIGRATION_BROKE_LINKS = (
    "La mise à jour des données de ce poste a été annulée : elle aurait laissé des "
    "éléments sans l’atelier ou la fiche auxquels ils se rattachent. Vos données sont "
    "inchangées ; envoyez un rapport au support (menu Aide)."
)


def migrate(engine: Engine) -> None:
    """Upgrade the schema to head in one transaction (``run_migration``)."""
    from alembic import command

    run_migration(engine, lambda cfg: command.upgrade(cfg, "head"))


def run_migration(engine: Engine, step: Callable[[Config], None]) -> None:
    """Run an Alembic ``step`` (upgrade or downgrade) on the store in one transaction.

    SQLite alters a table by building a copy and dropping the original; with foreign keys
    on, dropping a table that registrations or attendance point at counts a violation and
    the commit fails, so a laptop with data could not upgrade. As SQLite's ALTER TABLE
    procedure prescribes, the checks are off for the migration (the pragma only takes
    effect outside a transaction) and ``PRAGMA foreign_key_check`` runs before the commit:
    a migration that would leave a dangling reference is rolled back whole."""
    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg)
                if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StorageError(MIGRATION_BROKE_LINKS)
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def open_store(data_dir: Path, *, defer_check: bool = False) -> tuple[Engine, StoreInfo]:
    """Open (create, check, back up, migrate) the store of a data directory.

    ``defer_check``: a writable store already at head skips ``quick_check`` and the daily
    backup here; ``info.gate`` then holds the check, taken before the first write (see the
    module docstring) and the caller runs it, then ``daily_backup``, in the background. A
    store to migrate, a new or read-only one is checked here as before (a migration writes).

    Raises:
        StorageError: the file is damaged or cannot be opened.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(READ_ONLY_EMPTY_FOLDER) from exc
    path = data_dir / DB_FILENAME
    head = head_revision()
    existed = path.exists()
    check = "ok"
    ro_uri: str | None = None
    if not folder_writable(data_dir):
        if not existed:
            raise StorageError(READ_ONLY_EMPTY_FOLDER)
        log.info("data folder not writable: the store opens read-only")
        ro_uri = _read_only_uri(path)
    stamped = _readable_revision(path, ro_uri) if existed else None
    if existed and defer_check and ro_uri is None and stamped == head:
        gate = IntegrityGate(path)
        engine = make_engine(path, gate=gate)
        info = StoreInfo(path, False, "", stamped, head, None, None, CHECK_PENDING, gate)
        return engine, info
    if existed:
        check = check_file(path, ro_uri)
    if ro_uri is not None:
        engine = make_engine(path, read_only=True, uri=ro_uri)
        reason: str = READ_ONLY_FOLDER_MESSAGE
        if stamped is not None and stamped not in known_revisions():
            reason = texts.text(
                "{newer} {read_only}",
                newer=NEWER_SCHEMA_MESSAGE,
                read_only=READ_ONLY_FOLDER_MESSAGE,
            )
        return engine, StoreInfo(path, True, reason, stamped, head, None, None, check)
    if stamped is not None and stamped not in known_revisions():
        log.warning("store stamped %s, newer than this app (head %s): read-only", stamped, head)
        engine = make_engine(path, read_only=True)
        return engine, StoreInfo(path, True, NEWER_SCHEMA_MESSAGE, stamped, head, None, None, check)

    backup_path: Path | None = None
    migrated_from: str | None = None
    if existed and stamped != head:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup_path = backup(
            path, data_dir / BACKUP_DIRNAME / f"avant-migration-{stamped or 'vide'}-{stamp}.sqlite3"
        )
        _prune(data_dir / BACKUP_DIRNAME, "avant-migration-*.sqlite3", MIGRATION_BACKUPS_KEPT)
        migrated_from = stamped or "vide"
    engine = make_engine(path)
    if stamped != head:
        migrate(engine)
    if existed:
        daily_backup(path)
    current = _stamped_revision(path)
    return engine, StoreInfo(path, False, "", current, head, migrated_from, backup_path, check)
