"""Before the window: are the system libraries of Qt's X11 plugin (``xcb``) installed?

Without them Qt stops the process with « could not load the Qt platform plugin "xcb" », in
English, after the user double-clicked. The graphical command checks first
(``mediator_app.cli``, ``_cmd_gui``): ``ldd`` on the plugin lists what the system lacks, and
the hint names the Debian/Ubuntu packages to install. Only QtCore is imported here (it needs
none of those libraries).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: Sonames whose Debian package does not follow the usual naming (``libfoo.so.1`` → ``libfoo1``).
PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_SONAME = re.compile(r"^(?P<name>.+?)\.so\.(?P<major>\d+)")


def xcb_plugin() -> Path:
    """The X11 platform plugin of the Qt in use (a wheel or the bundle)."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will certainly try the X11 plugin (and stop when it cannot load it)."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    # Unset: a Wayland session may use the Wayland plugin first; no verdict there.
    return not (env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland")


#: Libraries that come with the application (the wheel or the bundle), never the system.
OURS = ("libQt6", "libpyside6", "libshiboken6", "libicu")


def missing_libraries(ldd_output: str) -> list[str]:
    """The system's sonames ``ldd`` reported as « not found », in order, without repeats."""
    found = _NOT_FOUND.findall(ldd_output)
    return list(dict.fromkeys(s for s in found if not s.startswith(OURS)))


def package_of(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (its usual name)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    match = _SONAME.match(soname)
    if match is None:
        return soname
    name, major = match.group("name").lower(), match.group("major")
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def hint(missing: list[str]) -> str:
    """The French message that names the packages to install."""
    packages = list(dict.fromkeys(package_of(s) for s in missing))
    return (
        "TNE Médiation ne peut pas ouvrir sa fenêtre : des bibliothèques du système manquent "
        f"pour l’affichage ({', '.join(missing)}).\n"
        "Sur Debian ou Ubuntu, installez-les avec :\n"
        f"    sudo apt install {' '.join(packages)}\n"
        "puis relancez TNE Médiation. (Vos données ne sont pas touchées.)"
    )


def _library_dirs() -> list[str]:
    """Where the application's own libraries are: Qt's (the wheel) and the bundle's root."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(str(bundle))
    return dirs


def _ldd(plugin: Path) -> str:
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    # Resolved as the running application resolves them (docs/linux.md does the same).
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(
        [*_library_dirs(), *filter(None, [env.get("LD_LIBRARY_PATH")])]
    )
    try:
        done = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False, env=env
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def check(
    env: Mapping[str, str] | None = None,
    *,
    plugin: Path | None = None,
    ldd: Callable[[Path], str] = _ldd,
) -> str:
    """The French hint when Qt would stop for missing system libraries, else ``""``.

    No verdict (``""``) when Qt will not use X11, the plugin is not there or ``ldd`` is
    missing: Qt then speaks for itself.
    """
    if not uses_xcb(os.environ if env is None else env):
        return ""
    target = xcb_plugin() if plugin is None else plugin
    if not target.exists():
        return ""
    missing = missing_libraries(ldd(target))
    return hint(missing) if missing else ""
