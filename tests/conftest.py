"""Test set-up shared by every test: offscreen Qt, isolated paths, in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TNE_CRASHPOINT", None)

import atexit
import gc
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mediator_app.local_store import Store, db, open_local_store, save_profile


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user's data dir, settings or keyring."""
    monkeypatch.setenv("MEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "mediator_app.sync.memory_keyring.MemoryKeyring")


@pytest.fixture(autouse=True, scope="session")
def _one_qt_application(qapp: object) -> None:
    """The widgets' QApplication exists before any test: a PDF export run first would
    otherwise create a bare QGuiApplication, and every widget test after it would abort."""
    del qapp


@pytest.fixture(autouse=True, scope="session")
def _gc_on_main_thread() -> Iterator[None]:
    """Collect garbage on the main (GUI) thread only, as the app does (ui/gc_guard.py): a
    collection on a task-runner thread could destroy GUI-thread Qt objects there."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_test() -> Iterator[None]:
    yield
    gc.collect()
    # What survives is alive for good (session fixtures, imported modules, Qt's caches):
    # freezing it keeps the next collections to what later tests create, so a collection
    # stays as cheap at the thousandth test as at the first.
    gc.freeze()


class _MigratedStoreTemplate:
    """A new laptop store starts as a copy of one migrated once per test process.

    Running the seven client migrations costs about 0.15 s of CPU per new store, and the
    suite creates more than a thousand (every test's store, every laptop of the integration
    tests). ``db.migrate`` on an *empty* file (nothing in ``sqlite_master``) copies the
    file the real migrations produced the first time instead; a store that holds anything
    migrates for real. The migration tests (``tests/unit/test_migrations.py``) always run
    the real path."""

    def __init__(self) -> None:
        self.real = db.migrate
        self.file: Path | None = None
        self.enabled = True

    def migrate(self, engine: sa.Engine) -> None:
        path = Path(str(engine.url.database or ""))
        if not self.enabled or not path.name or not self._empty(engine):
            self.real(engine)
            return
        if self.file is None:
            self.real(engine)
            engine.dispose()
            folder = Path(tempfile.mkdtemp(prefix="tne-store-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            template = folder / path.name
            with sqlite3.connect(path) as src, sqlite3.connect(template) as dst:
                src.backup(dst)
            self.file = template
            return
        engine.dispose()
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        shutil.copyfile(self.file, path)

    @staticmethod
    def _empty(engine: sa.Engine) -> bool:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar() == 0


_STORE_TEMPLATE = _MigratedStoreTemplate()
db.migrate = _STORE_TEMPLATE.migrate  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _real_migrations_where_tested(request: pytest.FixtureRequest) -> Iterator[None]:
    _STORE_TEMPLATE.enabled = not request.module.__name__.endswith("test_migrations")
    yield
    _STORE_TEMPLATE.enabled = True


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A real SQLite store in a temp dir, with a mediator profile."""
    st, _info = open_local_store(data_dir)
    save_profile(
        st,
        {
            "display_name": "Amina Test",
            "actor_id": "6a1d2c8e-0a4b-4f5c-8e7d-1b2c3d4e5f60",
            "structure_id": "0e9f8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f",
            "department_code": "95",
            "role": "mediator",
        },
    )
    yield st
    st.engine.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow layer first, the rest in its order: on several workers the long tests start
    while the short ones can still fill the other workers, instead of one of them running
    alone at the end (a sort by the ``slow`` mark only; the same order in every worker)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
