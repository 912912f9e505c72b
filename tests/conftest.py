"""Test set-up shared by every test: offscreen Qt, isolated paths, in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TNE_CRASHPOINT", None)

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediator_app.local_store import Store, open_local_store, save_profile


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
