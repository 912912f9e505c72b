"""The window's start: the store's check and daily backup run once the window shows, and a
damaged store found then shows the French explanation and stops the app."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mediator_app.app import EXIT_KNOWN_ERROR, run
from mediator_app.local_store import open_local_store, save_profile
from mediator_app.local_store.db import BACKUP_DIRNAME
from mediator_app.paths import AppPaths
from mediator_app.ui.main_window import MainWindow


def _profiled_store(paths: AppPaths) -> Path:
    store, _ = open_local_store(paths.data_dir)
    save_profile(store, {"display_name": "Amina", "role": "mediator"})
    store.engine.dispose()
    return paths.data_dir / "mediation.sqlite3"


def test_check_and_daily_backup_run_after_the_window_shows(
    qapp: QApplication, quit_after: Callable[[int], None], data_dir: Path
) -> None:
    paths = AppPaths(data_dir)
    _profiled_store(paths)
    backups = data_dir / BACKUP_DIRNAME
    assert not list(backups.glob("quotidienne-*.sqlite3"))  # first open: nothing to copy yet

    def close_when_checked() -> None:
        log_text = paths.log_file.read_text(encoding="utf-8")
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if "store checked after the window showed" not in log_text or not windows:
            QTimer.singleShot(50, close_when_checked)
            return
        for w in windows:
            w.close()

    QTimer.singleShot(50, close_when_checked)
    quit_after(20_000)  # never hang the suite
    assert run(paths) == 0
    lines = paths.log_file.read_text(encoding="utf-8").splitlines()
    shown = next(i for i, line in enumerate(lines) if "main window shown" in line)
    checked = next(i for i, line in enumerate(lines) if "store checked after the window" in line)
    assert shown < checked
    copies = list(backups.glob("quotidienne-*.sqlite3"))
    assert len(copies) == 1
    con = sqlite3.connect(copies[0])
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM sync_state").fetchone()[0] > 0
    finally:
        con.close()


def test_damaged_store_found_after_the_window_shows_its_french_message(
    qapp: QApplication, quit_after: Callable[[int], None], data_dir: Path
) -> None:
    paths = AppPaths(data_dir)
    db = _profiled_store(paths)
    # Damage a page the first screen does not read (the audit trail): the window opens,
    # then the background check finds it.
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [int(r[0]) for r in con.execute("SELECT pageno FROM dbstat WHERE name='audit_event'")]
    con.close()
    raw = bytearray(db.read_bytes())
    for page in pages:
        raw[(page - 1) * 4096 : (page - 1) * 4096 + 32] = b"\xa5" * 32
    db.write_bytes(bytes(raw))
    before = db.read_bytes()
    seen: list[str] = []

    def answer_the_box() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        visible = [b for b in boxes if b.isVisible()]
        if not visible:
            QTimer.singleShot(50, answer_the_box)
            return
        seen.append(visible[0].text())
        visible[0].accept()

    QTimer.singleShot(50, answer_the_box)
    quit_after(20_000)  # never hang the suite
    assert run(paths) == EXIT_KNOWN_ERROR
    assert len(seen) == 1
    assert seen[0].startswith("Le fichier de données est") and "« backups »" in seen[0]
    assert db.read_bytes() == before
    assert not list((data_dir / BACKUP_DIRNAME).glob("quotidienne-*.sqlite3"))
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert log_text.index("main window shown") < log_text.index("failed its check")
