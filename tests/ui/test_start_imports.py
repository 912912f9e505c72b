"""The start path imports only what the first window needs: Alembic (to migrate), requests
(to sync), the PDF and spreadsheet writers, printing and the other sections' pages load
later (``docs/benchmarks.md`` « UI »: launch on the benchmark store)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mediator_app.local_store import open_local_store, save_profile

ROOT = Path(__file__).resolve().parents[2]

LATER = (
    "alembic",
    "requests",
    "urllib3",
    "reportlab",
    "openpyxl",
    "mediator_app.reports.pdf",
    "mediator_app.ui.widgets.printing",
    "mediator_app.ui.dialogs.handout_wizard",
    "mediator_app.ui.pages.workshops",
    "mediator_app.ui.pages.participants",
    "mediator_app.ui.pages.devices",
    "mediator_app.ui.pages.coordination",
    "tne_api",
    "fastapi",
)

_CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from mediator_app.app import run
from mediator_app.paths import AppPaths
from mediator_app.ui.main_window import LATER_MODULES, MainWindow
later = json.loads(sys.argv[2])
seen = {}

def loaded():
    return sorted(m for m in later if m in sys.modules)

def watch():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    if windows and "shown" not in seen:
        seen["shown"] = loaded()
    if windows and all(m in sys.modules for m in LATER_MODULES):
        seen["after"] = loaded()
        windows[0].close()
        return
    QTimer.singleShot(5, watch)

seen["imports"] = loaded()
QTimer.singleShot(0, watch)
QTimer.singleShot(20_000, app.quit)
code = run(AppPaths(Path(sys.argv[1])))
print(json.dumps(seen))
sys.exit(code)
"""


def test_the_window_opens_before_the_modules_it_does_not_show(data_dir: Path) -> None:
    store, _ = open_local_store(data_dir)  # at head: the start need not load Alembic
    save_profile(store, {"display_name": "Amina", "role": "mediator"})
    store.engine.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("MEDIATOR_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir), json.dumps(LATER)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["imports"] == []
    assert seen["shown"] == []  # the window, the store at head, no migration
    # Once the first reads are back, the other sections' modules are loaded for them.
    assert set(seen["after"]) >= {
        "mediator_app.ui.pages.workshops",
        "mediator_app.ui.pages.participants",
        "mediator_app.ui.pages.devices",
        "mediator_app.ui.pages.coordination",
        "mediator_app.ui.dialogs.handout_wizard",
    }
