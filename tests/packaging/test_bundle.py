"""Smoke test of the built PyInstaller bundle (``make bundle-smoke``).

Skipped unless ``TNE_BUNDLE_DIR`` names a built bundle folder (``dist/tne-mediation``). It
runs the frozen ``mediator-app``: ``self-test`` offscreen (Qt's French catalogue, migrations
at head, keyring backends discovered through their entry points), the graphical application
under Xvfb (a window shows, stays up, and closes cleanly when asked the way a window
manager asks), and the release tarball with its user-local ``install.sh``.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mediator_app.local_store import open_local_store, save_profile
from mediator_app.local_store.db import head_revision, known_revisions
from tests.packaging import _x11

BUNDLE_ENV = "TNE_BUNDLE_DIR"
ROOT = Path(__file__).resolve().parents[2]
APP_ID = "fr.tne.Mediation"
TARBALL_LIMIT_BYTES = 100_000_000  # the target: <= 100 MB as .tar.gz
WINDOW_TIMEOUT_S = 45.0
STAY_UP_S = 5.0
EXIT_TIMEOUT_S = 30.0

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get(BUNDLE_ENV), reason=f"{BUNDLE_ENV} does not name a built bundle"
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle"),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(os.environ[BUNDLE_ENV]).resolve()
    assert (folder / "mediator-app").is_file(), f"no mediator-app in {folder}"
    return folder


def _internal(bundle: Path) -> Path:
    return bundle / "_internal"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of the bundle: no inherited data dir, keyring choice or config."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MEDIATOR_DATA_DIR", "PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY"}
    }
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.update(extra)
    return env


def _self_test(exe: Path, data_dir: Path, env: dict[str, str]) -> tuple[dict[str, Any], str]:
    proc = subprocess.run(
        [str(exe), "--data-dir", str(data_dir), "self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"self-test exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout), proc.stderr


# --- contents -------------------------------------------------------------------------------


def test_bundle_holds_data_and_leaves_unused_qt_out(bundle: Path) -> None:
    internal = _internal(bundle)
    translations = internal / "PySide6" / "Qt" / "translations"
    assert (translations / "qtbase_fr.qm").is_file()
    assert (translations / "qtbase_en.qm").is_file()
    assert not (translations / "qtbase_de.qm").exists(), "only French and English are shipped"

    versions = internal / "mediator_app" / "local_store" / "migrations" / "versions"
    source = ROOT / "mediator_app" / "local_store" / "migrations" / "versions"
    assert {p.name for p in versions.glob("*.py")} == {p.name for p in source.glob("*.py")}
    assert (versions.parent / "env.py").is_file()

    icons = internal / "mediator_app" / "resources" / "icons"
    assert (icons / f"{APP_ID}.svg").is_file()
    assert (icons / f"{APP_ID}-256.png").is_file()

    entry_points = list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points, "keyring's metadata (entry points of its backends) is missing"
    assert "keyring.backends.SecretService" in entry_points[0].read_text(encoding="utf-8")

    names = [p.name for p in internal.rglob("*")]
    for unwanted in ("Qt6Sql", "Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Multimedia", "Qt63D"):
        assert not [n for n in names if unwanted in n], f"{unwanted} should not be bundled"
    assert not (internal / "PySide6" / "QtSql.abi3.so").exists()
    for package in ("tne_api", "fastapi", "uvicorn", "pytest", "_pytest", "hypothesis"):
        assert not (internal / package).exists(), f"{package} should not be bundled"


# --- self-test ------------------------------------------------------------------------------


def test_self_test_offscreen(bundle: Path, tmp_path: Path) -> None:
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", MEDIATOR_LOG_LEVEL="DEBUG")
    report, stderr = _self_test(bundle / "mediator-app", tmp_path / "data", env)

    assert report["ok"] is True, report
    checks = report["checks"]
    qt = checks["qt_translations"]
    assert qt["ok"] is True and not qt.get("skipped"), qt
    assert Path(qt["qtbase_fr"]).is_relative_to(bundle), "Qt's catalogue must come from the bundle"

    store = checks["store"]
    assert store["ok"] is True, store
    assert store["schema_revision"] == store["head_revision"] == head_revision()
    assert (tmp_path / "data" / "mediation.sqlite3").is_file()

    backend = checks["keyring"]["backend"]
    assert backend.startswith("keyring.backends."), backend
    # keyring found its backends through the bundled entry-point metadata (DEBUG log).
    for name in ("SecretService", "KWallet", "Windows", "macOS", "chainer"):
        assert f"Loading {name}" in stderr, f"keyring backend {name} not discovered:\n{stderr}"
    assert "Error initializing plugin" not in stderr, stderr


def test_self_test_on_an_existing_store_keeps_it(bundle: Path, tmp_path: Path) -> None:
    """A store made by the source tree opens in the bundle at the same revision."""
    data = tmp_path / "data"
    store, info = open_local_store(data)
    store.engine.dispose()
    assert info.schema_revision in known_revisions()
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen")
    report, _stderr = _self_test(bundle / "mediator-app", data, env)
    assert report["checks"]["store"]["migrated_from"] is None
    assert report["checks"]["store"]["schema_revision"] == info.schema_revision


# --- the window under Xvfb ------------------------------------------------------------------


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[str]:
    """A private X server; yields its display name (``:N``, a free number Xvfb picked)."""
    exe = shutil.which("Xvfb")
    if exe is None:
        pytest.fail("Xvfb is missing: apt-get install xvfb (.ci/run installs it)")
    read_fd, write_fd = os.pipe()
    log = (tmp_path / "xvfb.log").open("wb")
    proc = subprocess.Popen(
        [exe, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    os.close(write_fd)
    try:
        ready, _w, _x = select.select([read_fd], [], [], 20)
        number = os.read(read_fd, 32).decode().strip() if ready else ""
        assert number.isdigit(), f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}"
        yield f":{number}"
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


def _desktop_wm_class() -> str:
    for line in (ROOT / "packaging" / "linux" / f"{APP_ID}.desktop").read_text().splitlines():
        if line.startswith("StartupWMClass="):
            return line.split("=", 1)[1]
    raise AssertionError("no StartupWMClass in the .desktop file")


def _wait_for_window(
    display: _x11.Display, proc: subprocess.Popen[bytes], expect: str, log: Path
) -> _x11.TopLevel:
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"exited with {proc.returncode}:\n{log.read_text()}"
        for window in display.top_levels(proc.pid):
            if expect in window.title and window.width > 100 and window.height > 100:
                return window
        time.sleep(0.25)
    titles = [w.title for w in display.top_levels(proc.pid)]
    raise AssertionError(f"no window titled {expect!r} (saw {titles}):\n{log.read_text()}")


@pytest.mark.parametrize("screen", ["first_run", "main_window"])
def test_gui_opens_stays_up_and_closes(
    bundle: Path, tmp_path: Path, xvfb: str, screen: str
) -> None:
    data = tmp_path / "data"
    if screen == "main_window":
        # Somebody has introduced themselves already: the main window opens directly.
        store, _info = open_local_store(data)
        save_profile(store, {"display_name": "Profil de test", "role": "mediator"})
        store.engine.dispose()
    expect = "Bienvenue" if screen == "first_run" else "TNE Médiation"

    xlib = _x11.load_xlib([_internal(bundle)])
    log = tmp_path / "gui.log"
    env = _env(tmp_path, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(bundle / "mediator-app"), "--data-dir", str(data)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        with _x11.Display.open(xlib, xvfb) as display:
            window = _wait_for_window(display, proc, expect, log)
            if screen == "main_window":
                assert "Bienvenue" not in window.title
            assert window.wm_class and window.wm_class[0] == _desktop_wm_class(), window

            time.sleep(STAY_UP_S)
            assert proc.poll() is None, f"died after showing:\n{log.read_text()}"
            assert display.top_levels(proc.pid), "the window went away on its own"

            for top in display.top_levels(proc.pid):
                display.close(top.window)
            code = proc.wait(EXIT_TIMEOUT_S)
        assert code == 0, f"exit code {code} after closing the window:\n{log.read_text()}"
        assert "could not load the Qt platform plugin" not in log.read_text()
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


# --- release tarball ------------------------------------------------------------------------


def test_tarball_installs_for_the_user(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(ROOT / "packaging" / "linux" / "make_tarball.sh"), str(bundle), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    tarball = Path(out.stdout.strip().splitlines()[-1])
    assert tarball.name.endswith("-linux-x86_64.tar.gz")
    assert tarball.stat().st_size <= TARBALL_LIMIT_BYTES, f"{tarball.stat().st_size} bytes"

    with tarfile.open(tarball) as archive:
        top = archive.getnames()[0].split("/")[0]
        archive.extractall(tmp_path / "unpacked", filter="tar")
    release = tmp_path / "unpacked" / top
    for name in ("install.sh", "LISEZMOI.txt", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
        assert (release / name).is_file(), name
    assert (release / "tne-mediation" / "mediator-app").is_file()
    assert (release / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()

    home = tmp_path / "home"
    env = _env(tmp_path, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("XDG_DATA_HOME", None)
    subprocess.run([str(release / "install.sh")], env=env, check=True, timeout=120)
    local = home / ".local"
    desktop = (local / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{local}/lib/tne-mediation/mediator-app"' in desktop
    assert (local / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    command = local / "bin" / "mediator-app"
    report = json.loads(
        subprocess.run(
            [str(command), "self-test"], env=env, capture_output=True, timeout=120, check=True
        ).stdout
    )
    data_dir = home / ".local" / "share" / "tne-mediation"
    assert report["ok"] is True and Path(report["checks"]["data_dir"]["path"]) == data_dir

    subprocess.run([str(release / "install.sh"), "--uninstall"], env=env, check=True, timeout=60)
    assert not command.exists() and not (local / "lib" / "tne-mediation").exists()
    assert (data_dir / "mediation.sqlite3").is_file(), "uninstalling must keep the user's data"
