"""Before the window: missing system libraries of Qt's X11 plugin are named in French with
the Debian/Ubuntu packages to install, instead of Qt's English abort."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mediator_app import cli
from mediator_app.ui import qt_platform

X11 = {"DISPLAY": ":0"}


def _plugin_with_missing_dependency(tmp_path: Path) -> Path:
    """A real shared object linked against a library built here and then removed: ``ldd``
    reports it « not found » exactly as it reports ``libxcb-cursor.so.0`` on a machine
    without ``libxcb-cursor0`` (a soname no system ships, since this one may have it)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the stand-in plugin")
    dep_dir = tmp_path / "dep"
    dep_dir.mkdir()
    (tmp_path / "dep.c").write_text("int xcb_cursor_stub(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text(
        "int xcb_cursor_stub(void);\nint plugin(void) { return xcb_cursor_stub(); }\n"
    )
    dep = dep_dir / "libxcb-absent.so.0"
    soname = "-Wl,-soname,libxcb-absent.so.0"
    source = str(tmp_path / "dep.c")
    subprocess.run([compiler, "-shared", "-fPIC", soname, "-o", str(dep), source], check=True)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"), str(dep)],
        check=True,
    )
    dep.unlink()
    return plugin


def test_missing_xcb_library_is_named_with_its_package(tmp_path: Path) -> None:
    if shutil.which("ldd") is None:
        pytest.skip("no ldd on this system")
    plugin = _plugin_with_missing_dependency(tmp_path)
    message = qt_platform.check(X11, plugin=plugin)
    assert "des bibliothèques du système manquent" in message
    assert "(libxcb-absent.so.0)" in message
    assert "sudo apt install libxcb-absent0\n" in message
    # Wayland asked for, or not Linux: no verdict, Qt decides.
    assert qt_platform.check({"QT_QPA_PLATFORM": "wayland"}, plugin=plugin) == ""
    assert qt_platform.check({"QT_QPA_PLATFORM": "xcb"}, plugin=plugin) == message


def test_installed_qt_passes_the_check() -> None:
    """On this machine the wheel's real plugin loads: nothing to say."""
    plugin = qt_platform.xcb_plugin()
    if shutil.which("ldd") is None or not plugin.exists():
        pytest.skip("no X11 plugin or ldd here")
    assert qt_platform.check({"QT_QPA_PLATFORM": "xcb"}) == ""


def test_packages_follow_debian_names() -> None:
    ldd_output = (
        "\tlibxkbcommon-x11.so.0 => not found\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibX11-xcb.so.1 => /lib/x86_64-linux-gnu/libX11-xcb.so.1 (0x0000)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibglib-2.0.so.0 => not found\n"
        "\tlibQt6XcbQpa.so.6 => not found\n"  # ours: the bundle's, never the system's
    )
    missing = qt_platform.missing_libraries(ldd_output)
    assert missing == [
        "libxkbcommon-x11.so.0",
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libglib-2.0.so.0",
    ]
    assert [qt_platform.package_of(s) for s in missing] == [
        "libxkbcommon-x11-0",
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libglib2.0-0",
    ]
    assert qt_platform.package_of("libX11-xcb.so.1") == "libx11-xcb1"
    assert not qt_platform.uses_xcb(X11, platform="win32")
    assert not qt_platform.uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})
    assert qt_platform.uses_xcb({"QT_QPA_PLATFORM": "xcb;wayland"})


def test_the_graphical_command_stops_with_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("ldd") is None:
        pytest.skip("no ldd on this system")
    plugin = _plugin_with_missing_dependency(tmp_path)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_platform, "xcb_plugin", lambda: plugin)
    code = cli.main(["--data-dir", str(tmp_path / "donnees")])
    assert code == cli.EXIT_KNOWN_ERROR
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-absent0" in err
    assert not list(tmp_path.glob("donnees/**/*.sqlite*"))  # nothing opened
