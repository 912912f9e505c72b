"""Measure the desktop bundle and write the "Bundle" section of docs/benchmarks.md.

Run from the repository root (it runs ``make bundle`` itself, from a clean build folder):

    .venv/bin/python packaging/report_bundle.py

Figures: ``make bundle`` wall time, the bundle folder's size and file count, the release
tarball's size (target <= 100 MB), and the bundled ``self-test`` wall time (cold start).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._report import write_section  # noqa: E402 - after the path set-up

BUNDLE = ROOT / "dist" / "tne-mediation"
TARGET_MB = 100.0
MiB = 1024 * 1024


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["make", "bundle"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - started

    size, count = _folder_size(BUNDLE)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        out = subprocess.run(
            [str(ROOT / "packaging" / "linux" / "make_tarball.sh"), str(BUNDLE), tmp],
            check=True,
            capture_output=True,
            text=True,
        )
        tar_s = time.perf_counter() - started
        tarball = Path(out.stdout.strip().splitlines()[-1])
        tar_size = tarball.stat().st_size
        tar_name = tarball.name

        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        started = time.perf_counter()
        run = subprocess.run(
            [str(BUNDLE / "mediator-app"), "--data-dir", str(Path(tmp) / "data"), "self-test"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        self_test_s = time.perf_counter() - started
    report = json.loads(run.stdout)

    tar_mb = tar_size / MiB
    body = f"""
The PyInstaller one-folder bundle of the desktop client (`make bundle`,
`packaging/mediator-app.spec`) and its Linux release tarball
(`packaging/linux/make_tarball.sh`). Measured by `packaging/report_bundle.py`; CI builds the
bundle and runs `make bundle-smoke`, whose tarball test fails above {TARGET_MB:.0f} MB.

| figure | value | target |
| --- | --- | --- |
| `{tar_name}` | **{tar_size / 1e6:.1f} MB** ({tar_mb:.1f} MiB, {tar_size} bytes) | <= {TARGET_MB:.0f} MB ({tar_size / 1e6 / TARGET_MB:.0%} of it) |
| bundle folder `dist/tne-mediation/` | {size / 1e6:.1f} MB, {count} files | |
| `make bundle` (PyInstaller `--clean`, venv ready) | {build_s:.0f} s | well under CI's 30 min |
| tarball packing (gzip) | {tar_s:.0f} s | |
| bundled `mediator-app self-test`, fresh data folder, cold | {self_test_s:.2f} s, `"ok": {str(report["ok"]).lower()}` | |

MB are 10^6 bytes. What takes the room: ICU's data (`libicudata`, 32 MB, needed by
Qt Core), libpython (23 MB), `cryptography` (15 MB, for the Secret Service keyring through
SecretStorage), Qt Gui, Widgets and Core (27 MB). Left out by the spec: QtSql, QML/Quick,
WebEngine, 3D, Multimedia, Designer, the server (`tne_api`, FastAPI, uvicorn) and the dev
tools; Qt's catalogues other than French and English; the GTK 3 theme, EGL/framebuffer/VNC
platforms and rare image-format plugins, with the libraries only they needed.
"""
    write_section("Bundle", body)
    sys.stdout.write(f"{tar_name}: {tar_size / 1e6:.1f} MB; make bundle {build_s:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
