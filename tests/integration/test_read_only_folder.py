"""A read-only data folder, or data of a newer version: the window starts and explains in
French; ``mediator-app`` commands that would write say why in French and exit 2, never with
a traceback.

A folder without write rights is only read-only for a user without them: when the tests run
as root, the commands run as ``nobody`` (``setpriv``), otherwise the folder is made
read-only with ``chmod``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediator_app.local_store import open_local_store
from mediator_app.local_store.db import NEWER_SCHEMA_MESSAGE, READ_ONLY_FOLDER_MESSAGE

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def _as_reader() -> list[str]:
    """The command prefix of a user who may read the folder but not write it."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no user without rights to test with")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def read_only_dir() -> Iterator[Path]:
    """A data folder with a store, that the test's reader cannot write."""
    # Outside pytest's private temporary folder, which another user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="tne-lecture-seule-"))
    data = root / "donnees"
    store, _info = open_local_store(data)
    store.engine.dispose()
    for path in (root, data, *data.rglob("*")):
        mode = 0o555 if path.is_dir() else 0o444
        path.chmod(mode)
    try:
        yield data
    finally:
        for path in (root, data, *data.rglob("*")):
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(root)


def _run(prefix: list[str], *argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(home),
        "PYTHON_KEYRING_BACKEND": "mediator_app.sync.memory_keyring.MemoryKeyring",
        "QT_QPA_PLATFORM": "offscreen",
        "MEDIATOR_PASSWORD": "correct-horse-42",
    }
    return subprocess.run(
        [*prefix, sys.executable, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def home() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="tne-home-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize(
    "command",
    [
        ["sync"],
        ["sync", "--server", "http://127.0.0.1:9", "--email", "amina@tne.test"],
        ["login", "--server", "http://127.0.0.1:9", "--email", "amina@tne.test"],
        ["logout"],
        ["demo-data", "--scale", "test"],
        ["purge-retention"],
    ],
    ids=["sync", "sync-login", "login", "logout", "demo-data", "purge"],
)
def test_writing_commands_on_a_read_only_folder_say_why_in_french(
    read_only_dir: Path, home: Path, command: list[str]
) -> None:
    proc = _run(
        _as_reader(), "-m", "mediator_app", "--data-dir", str(read_only_dir), *command, home=home
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"Commande impossible : {READ_ONLY_FOLDER_MESSAGE}" in proc.stderr
    assert proc.stdout == ""


def test_status_and_self_test_on_a_read_only_folder(read_only_dir: Path, home: Path) -> None:
    prefix = _as_reader()
    status = _run(
        prefix,
        "-m",
        "mediator_app",
        "--data-dir",
        str(read_only_dir),
        "status",
        "--json",
        home=home,
    )
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["read_only"] is True
    assert report["read_only_reason"] == READ_ONLY_FOLDER_MESSAGE
    check = _run(
        prefix, "-m", "mediator_app", "--data-dir", str(read_only_dir), "self-test", home=home
    )
    assert "Traceback" not in check.stderr
    assert check.returncode == 1  # not ok: nothing can be written here
    checks = json.loads(check.stdout)["checks"]
    assert checks["data_dir"]["ok"] is False
    assert checks["store"]["quick_check"] == "ok" and checks["store"]["read_only"] is True


def test_the_window_starts_on_a_read_only_folder_and_explains(
    read_only_dir: Path, home: Path
) -> None:
    before = sorted(p.name for p in read_only_dir.iterdir())
    proc = _run(_as_reader(), "-m", "tests.support.read_only_window", str(read_only_dir), home=home)
    assert "Traceback" not in proc.stderr, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["shown"] is True
    assert seen["banner"] == READ_ONLY_FOLDER_MESSAGE
    # Nothing was written in the folder (no log, no lock, no backup).
    assert before == ["mediation.sqlite3"]
    assert sorted(p.name for p in read_only_dir.iterdir()) == before


def test_sync_on_a_store_of_a_newer_version_says_why_in_french(tmp_path: Path) -> None:
    data = tmp_path / "donnees"
    store, _info = open_local_store(data)
    store.engine.dispose()
    con = sqlite3.connect(data / "mediation.sqlite3")
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    proc = _run([], "-m", "mediator_app", "--data-dir", str(data), "sync", home=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"Commande impossible : {NEWER_SCHEMA_MESSAGE}" in proc.stderr
