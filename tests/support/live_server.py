"""A real ``tne_api`` server on 127.0.0.1 for tests.

Usage::

    from tests.support.live_server import live_server, sqlite_url

    def test_something(tmp_path):
        with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
            structure = server.create_structure("Collège Jean Moulin", department_code="95")
            server.create_user("m@example.org", "un-mot-de-passe-de-test", "mediator",
                               structure_id=structure, department_code="95")
            requests.post(f"{server.base_url}/auth/login", json={...})

``start_live_server(url)`` returns the same object without the ``with``; call ``stop()``.
The server runs uvicorn in a daemon thread on a free loopback port, against its own database
(initialised with the Alembic migrations). ``server.sync`` / ``server.auth`` are the server's
services on the same database, for seeding data without HTTP.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import uvicorn

from mediator_app.core.entities import department_id
from mediator_app.core.enums import Role
from tne_api.app import create_app
from tne_api.auth import AuthService, NewUser
from tne_api.db import Database, init_db, new_epoch
from tne_api.sequencing import Sequencer
from tne_api.service import SyncService
from tne_api.settings import Settings


def sqlite_url(path: Path | str) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{Path(path)}"


_sqlite_template: Path | None = None


def _migrated_sqlite_template() -> Path:
    """A SQLite file migrated to the head revision once per test process (by ``init_db``)."""
    global _sqlite_template
    if _sqlite_template is None:
        folder = Path(tempfile.mkdtemp(prefix="tne-api-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "migrated.sqlite3"
        db = Database(sqlite_url(path))
        init_db(db)
        db.dispose()
        _sqlite_template = path
    return _sqlite_template


def prepare_database(db: Database) -> None:
    """``init_db`` on the database, except that a new SQLite file starts as a copy of the
    template ``init_db`` migrated in this process, with its own epoch: a tenth of the CPU of
    running every migration for each test's server, and no check at head either (alembic
    reads its twelve scripts again for that)."""
    url = db.engine.url
    # ``Database`` has already created the file, empty and private (``prepare_sqlite_file``):
    # an empty file is a new one; the copy keeps its mode.
    path = Path(str(url.database or ""))
    if (
        url.get_backend_name() == "sqlite"
        and url.database not in (None, "", ":memory:")
        and (not path.exists() or path.stat().st_size == 0)
    ):
        shutil.copyfile(_migrated_sqlite_template(), path)
        new_epoch(db)
    else:
        init_db(db)


class _ThreadServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # pragma: no cover - not in the main thread
        pass


@dataclass
class LiveServer:
    """A running server.

    Attributes:
        base_url: ``http://127.0.0.1:<port>``.
        database_url: The database it serves.
        settings: Its settings.
        db: A database handle on the same database (for seeding/inspection).
        sync: The sync service on that handle (every write bumps the counter).
        auth: The auth service on that handle.
    """

    base_url: str
    database_url: str
    settings: Settings
    db: Database
    sync: SyncService
    auth: AuthService
    _server: _ThreadServer
    _thread: threading.Thread
    #: The served app's own handle: closed with the server, or every PostgreSQL test
    #: would leave its pool's connections open until the run ends.
    _app_db: Database | None = None

    def stop(self) -> None:
        """Stop uvicorn and close the database handles."""
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self.db.dispose()
        if self._app_db is not None:
            self._app_db.dispose()

    def create_structure(
        self,
        name: str,
        *,
        department_code: str = "95",
        uai: str | None = None,
        kind: str = "college",
        structure_id: UUID | None = None,
    ) -> UUID:
        """Create a ``structure`` reference row (and its département if missing)."""
        self.ensure_department(department_code)
        sid = structure_id or uuid.uuid4()
        self.sync.server_upsert(
            "structure",
            sid,
            {"name": name, "kind": kind, "uai": uai, "department_code": department_code},
        )
        return sid

    def ensure_department(self, code: str = "95", name: str | None = None) -> UUID:
        """Create the ``department`` row for ``code`` if it is missing."""
        self.auth.ensure_department(code, name or f"Département {code}")
        return department_id(code)

    def create_user(
        self,
        email: str,
        password: str,
        role: Role | str,
        *,
        structure_id: UUID | None = None,
        department_code: str = "95",
        display_name: str = "Utilisatrice de test",
    ) -> dict[str, Any]:
        """Create an account; returns ``{"user_id", "actor_id", "email", "role"}``."""
        return self.auth.create_user(
            NewUser(
                email=email,
                password=password,
                role=Role(role),
                display_name=display_name,
                department_code=department_code if Role(role) is not Role.ADMIN else "",
                structure_id=structure_id,
            )
        )


def start_live_server(
    database_url: str,
    *,
    settings: Settings | None = None,
    port: int = 0,
    sequencer: Sequencer | None = None,
    **overrides: Any,
) -> LiveServer:
    """Initialise ``database_url`` and serve it on a free loopback port.

    Args:
        database_url: SQLAlchemy URL (SQLite file or PostgreSQL).
        settings: Base settings (defaults otherwise); ``database_url`` replaces its URL.
        port: A given port (a server restarted at the same address, e.g. after an
            update); a free one when 0.
        sequencer: The served app's seq allocator and pull horizon (the concurrency test
            swaps it); the database's default when ``None``.
        **overrides: Settings fields to override (e.g. ``access_ttl_s=1``).

    Without ``settings``, password hashing uses cheap argon2 parameters (tests only).
    """
    base = settings or Settings(
        database_url=database_url, argon2_time_cost=1, argon2_memory_kib=1024
    )
    settings = base.with_(**{**overrides, "database_url": database_url})
    db = Database(database_url)
    prepare_database(db)
    app_db = Database(database_url)
    app = create_app(settings, db=app_db, sequencer=sequencer)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",  # as deployed: the app's lifespan sizes its thread pool
        proxy_headers=False,  # as `tne-api serve`: the app reads X-Forwarded-For itself
    )
    server = _ThreadServer(config)
    thread = threading.Thread(target=server.run, name="tne-api-live", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live tne_api server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    sync = SyncService(db, settings, sequencer=sequencer)
    return LiveServer(
        base_url=f"http://127.0.0.1:{port}",
        database_url=database_url,
        settings=settings,
        db=db,
        sync=sync,
        auth=AuthService(sync, settings),
        _server=server,
        _thread=thread,
        _app_db=app_db,
    )


@contextmanager
def live_server(
    database_url: str, *, port: int = 0, sequencer: Sequencer | None = None, **overrides: Any
) -> Iterator[LiveServer]:
    """``start_live_server`` as a context manager (stops the server on exit)."""
    server = start_live_server(database_url, port=port, sequencer=sequencer, **overrides)
    try:
        yield server
    finally:
        server.stop()
