"""One application per data directory, with real processes (offscreen, temporary data).

The first start owns the data directory; a second start hands over (the first one logs the
raise request) and exits 0 quickly; after SIGKILL of the first, the lock it left behind is
recovered by the next start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediator_app.local_store import open_local_store, save_profile
from mediator_app.paths import AppPaths
from mediator_app.ui.single_instance import Acquired, SingleInstance, server_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork semantics")

START_TIMEOUT = 60.0


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)  # the isolated XDG folders and memory keyring of conftest
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("MEDIATOR_DATA_DIR", None)
    return env


def _start(data_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mediator_app", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _log(paths: AppPaths) -> str:
    try:
        return paths.log_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _wait_for(predicate: object, timeout: float, proc: subprocess.Popen[bytes]) -> None:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            pytest.fail(f"the application stopped with code {proc.returncode}:\n{err}")
        time.sleep(0.1)
    pytest.fail("timed out")


@pytest.fixture
def app_paths(tmp_path: Path) -> Iterator[AppPaths]:
    paths = AppPaths(tmp_path / "données").ensure()
    store, _ = open_local_store(paths.data_dir)
    save_profile(store, {"display_name": "Amina Test", "role": "mediator"})
    store.engine.dispose()
    yield paths


@pytest.mark.slow  # a long journey: not in `make test-fast`
def test_second_start_hands_over_and_a_killed_first_leaves_a_recoverable_lock(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    first = _start(app_paths.data_dir, env)
    third: subprocess.Popen[bytes] | None = None
    try:
        _wait_for(lambda: _log(app_paths).count("main window shown") == 1, START_TIMEOUT, first)
        assert app_paths.lock_file.exists()

        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "mediator_app", "--data-dir", str(app_paths.data_dir)],
            env=env,
            capture_output=True,
            timeout=START_TIMEOUT,
        )
        elapsed = time.monotonic() - started
        assert second.returncode == 0, second.stderr.decode(errors="replace")
        assert elapsed < 20, f"the second start took {elapsed:.1f} s to hand over"
        _wait_for(lambda: "raise requested by another start" in _log(app_paths), 10.0, first)
        log_text = _log(app_paths)
        assert "window raised for another start" in log_text
        assert "its window was raised" in log_text  # the second start's own line
        assert log_text.count("main window shown") == 1  # the second never opened a window
        assert first.poll() is None  # the first one keeps running

        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert app_paths.lock_file.exists(), "SIGKILL leaves the lock file behind"

        third = _start(app_paths.data_dir, env)
        _wait_for(lambda: _log(app_paths).count("main window shown") == 2, START_TIMEOUT, third)
        assert "stale instance lock of a stopped process: recovered" in _log(app_paths)
        assert third.poll() is None
    finally:
        for proc in (first, third):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)


def test_server_name_is_a_hash_of_the_data_dir(tmp_path: Path) -> None:
    name = server_name(tmp_path / "Amina Test")
    assert name.startswith("tne-mediation-")
    assert "Amina" not in name and str(tmp_path) not in name
    assert name == server_name(tmp_path / "Amina Test")
    assert name != server_name(tmp_path / "autre")


def test_the_lock_is_exclusive_within_one_process_too(qapp: object, tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "d").ensure()
    first = SingleInstance(paths.data_dir, paths.lock_file)
    second = SingleInstance(paths.data_dir, paths.lock_file)
    try:
        assert first.acquire() is Acquired.FIRST
        assert second.acquire() is Acquired.OTHER_RUNNING
        first.release()
        assert not paths.lock_file.exists()
        assert second.acquire() is Acquired.FIRST
    finally:
        first.release()
        second.release()


def test_an_unreadable_lock_file_is_recovered(qapp: object, tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "d").ensure()
    paths.lock_file.write_bytes(b"\x00 not a lock \x00")  # e.g. a disk that filled up
    instance = SingleInstance(paths.data_dir, paths.lock_file)
    try:
        assert instance.acquire() is Acquired.FIRST
        assert instance.is_owner
        assert str(os.getpid()) in paths.lock_file.read_text(errors="replace")
    finally:
        instance.release()
