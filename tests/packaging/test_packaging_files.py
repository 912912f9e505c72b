"""The packaging files agree with each other and with the project's version (no build needed)."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mediator_app import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "mediator_app" / "resources" / "icons"
APP_ID = "fr.tne.Mediation"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = __version__


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry() -> None:
    entry = _desktop()
    assert entry["Name"] == "TNE Médiation"
    assert entry["Icon"] == APP_ID
    assert entry["Categories"] == "Office;Education;"
    assert entry["Exec"].split()[0] == "mediator-app"
    # Qt names X11 windows after the executable (WM_CLASS instance): the bundle's is mediator-app.
    assert entry["StartupWMClass"] == "mediator-app"
    assert "matériel" in entry["Comment"]  # French, like the whole interface


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    out = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "linux" / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "error" not in out.stdout


def test_one_version_for_the_app_the_server_and_the_package() -> None:
    """pyproject.toml has no version of its own: setuptools reads the app's, the server
    imports it, and the spec and the tarball script read the same line."""
    import tne_api

    assert "version" not in PYPROJECT["project"]
    assert "version" in PYPROJECT["project"]["dynamic"]
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "mediator_app.__version__"}
    assert tne_api.__version__ == VERSION
    assert "mediator_app" in (PACKAGING / "mediator-app.spec").read_text(encoding="utf-8")
    tarball = (PACKAGING / "linux" / "make_tarball.sh").read_text(encoding="utf-8")
    assert "mediator_app/__init__.py" in tarball


def test_metainfo_names_the_desktop_file_and_this_version() -> None:
    tree = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml")
    root = tree.getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable[@type='desktop-id']").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.find("provides/binary").text == "mediator-app"  # type: ignore[union-attr]
    versions = [r.get("version") for r in root.iterfind("releases/release")]
    assert versions[0] == VERSION, "add a <release> for mediator_app.__version__"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates() -> None:
    out = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            str(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icons_exist_in_every_size() -> None:
    assert ET.parse(ICONS / f"{APP_ID}.svg").getroot().tag.endswith("svg")
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert _png_size(ICONS / f"{APP_ID}-{size}.png") == (size, size)
    ico = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert (reserved, kind) == (0, 1)
    assert {16, 32, 48, 256} <= sizes


def test_tarball_script_ships_every_icon_size() -> None:
    script = (PACKAGING / "linux" / "make_tarball.sh").read_text(encoding="utf-8")
    assert "for size in 16 32 48 64 128 256 512" in script
    assert "linux-x86_64.tar.gz" in script


def test_inno_setup_script() -> None:
    raw = (PACKAGING / "windows" / "tne-mediation.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ISCC reads accents right only with a UTF-8 BOM"
    iss = raw.decode("utf-8-sig")
    assert "PrivilegesRequired=lowest" in iss
    assert r"DefaultDirName={localappdata}\Programs\{#AppName}" in iss
    assert '#define AppName "TNE Médiation"' in iss
    assert r'MessagesFile: "compiler:Languages\French.isl"' in iss
    assert "{autoprograms}" in iss
    # The data folder (platformdirs' user_data_dir "tne-mediation") is kept and said so.
    assert "[UninstallDelete]\n" not in iss.replace("; No [UninstallDelete]", "")
    assert r"%LOCALAPPDATA%\tne-mediation" in iss
    # The bundle it packs is the spec's output, and the version comes from its exe.
    assert r'#define BundleDir "..\..\dist\tne-mediation"' in iss
    assert '#define AppExeName "mediator-app.exe"' in iss
    assert 'GetStringFileInfo(AppExePath, "ProductVersion")' in iss
    assert r"mediator_app\resources\icons\fr.tne.Mediation.ico" in iss


def test_windows_version_resource_template() -> None:
    """The template is a valid VSVersionInfo expression once the spec fills it in.

    PyInstaller's own parser needs pefile (Windows only), so the expression is evaluated
    against recorders of the same constructor names.
    """
    strings: dict[str, str] = {}
    fixed: dict[str, object] = {}

    def record_fixed(**kwargs: object) -> None:
        fixed.update(kwargs)

    def string_struct(name: str, value: str) -> None:
        strings[name] = value

    def anything(*_args: object, **_kwargs: object) -> None:
        return None

    names = {
        "VSVersionInfo": anything,
        "FixedFileInfo": record_fixed,
        "StringFileInfo": anything,
        "StringTable": anything,
        "StringStruct": string_struct,
        "VarFileInfo": anything,
        "VarStruct": anything,
    }
    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    filled = text.replace("@VERSION_TUPLE@", "(0, 1, 0, 0)").replace("@VERSION@", VERSION)
    eval(filled, {"__builtins__": {}}, names)  # what the spec hands to PyInstaller
    assert fixed["filevers"] == fixed["prodvers"] == (0, 1, 0, 0)
    assert strings["ProductVersion"] == strings["FileVersion"] == VERSION
    assert strings["ProductName"] == "TNE Médiation"
    assert strings["OriginalFilename"] == "mediator-app.exe"
    spec = (PACKAGING / "mediator-app.spec").read_text(encoding="utf-8")
    assert '.replace("@VERSION_TUPLE@", repr(version_tuple))' in spec


def test_build_docs_match_the_spec() -> None:
    doc = (ROOT / "docs" / "build-windows.md").read_text(encoding="utf-8")
    for step in (
        "pip install .[dev] pyinstaller",
        "pyinstaller --noconfirm --clean packaging/mediator-app.spec",
        "iscc packaging/windows/tne-mediation.iss",
    ):
        assert step in doc, step
    spec = (PACKAGING / "mediator-app.spec").read_text(encoding="utf-8")
    assert 'name="tne-mediation"' in spec
    assert '"mediator-app-console"' in spec
    linux = (ROOT / "docs" / "linux.md").read_text(encoding="utf-8")
    for package in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1"):
        assert package in linux, package


def test_interface_icons_are_bundled_with_their_licence() -> None:
    """The spec's own ``tree`` (read from the spec, run here) ships every interface icon and
    Lucide's licence; the wheel's package data names the folder too."""
    import ast

    spec = (PACKAGING / "mediator-app.spec").read_text(encoding="utf-8")
    module = ast.parse(spec)
    tree_def = next(n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "tree")
    names: dict[str, object] = {"Path": Path}
    exec(compile(ast.Module([tree_def], []), "mediator-app.spec", "exec"), names)
    assert 'tree(PACKAGE / "resources", "mediator_app/resources"' in spec
    pairs = names["tree"](ROOT / "mediator_app" / "resources", "mediator_app/resources", (".ts",))  # type: ignore[operator]
    shipped = {
        Path(src).relative_to(ICONS / "ui").as_posix()
        for src, dest in pairs
        if dest == "mediator_app/resources/icons/ui"
    }
    svgs = {p.name for p in (ICONS / "ui").glob("*.svg")}
    assert len(svgs) >= 20
    assert svgs | {"LICENSE.txt"} == shipped
    assert "ISC License" in (ICONS / "ui" / "LICENSE.txt").read_text(encoding="utf-8")
    data = PYPROJECT["tool"]["setuptools"]["package-data"]["mediator_app.resources"]
    assert "icons/ui/*" in data
