"""Unexpected errors and the support report never carry personal data.

An exception raised in a slot goes through the crash handler: one log entry and the crash
dialog, whose report has the versions and the frames but not the participant's name, e-mail
or phone that were in the message. « Rapport pour le support » writes a ZIP of the scrubbed
logs, the counts and the self-test, with no name the store holds.
"""

from __future__ import annotations

import json
import logging
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.app import configure_logging
from mediator_app.core.entities import Participant
from mediator_app.core.errors import StorageError
from mediator_app.local_store import Store
from mediator_app.paths import AppPaths
from mediator_app.support import name_words, scrub
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.crash import CrashHandler, crash_report
from mediator_app.ui.pages.settings import SettingsPage
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner

PEOPLE = (
    ("Zoé", "Martin-Lefèvre", "06 12 34 56 78", "zoe.martin@example.fr"),
    ("Awa", "Diallo", "07 11 22 33 44", "awa.diallo@example.org"),
)
SECRETS = ("Zoé", "Martin-Lefèvre", "Lefèvre", "Awa", "Diallo", "zoe.martin", "awa.diallo")


@pytest.fixture
def people(store: Store) -> Store:
    svc = Services.of(store).participants
    for first, last, phone, email in PEOPLE:
        svc.create(Participant(first_name=first, last_name=last, phone=phone, email=email))
    return store


@pytest.fixture
def log_file(data_dir: Path) -> Iterator[Path]:
    paths = AppPaths(data_dir)
    handler = configure_logging(paths)
    yield paths.log_file
    logging.getLogger().removeHandler(handler)
    handler.close()


def _no_secret(text: str) -> None:
    for secret in (*SECRETS, "06 12 34 56 78", "+33612345678", "0711223344"):
        assert secret.casefold() not in text.casefold(), secret


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_without_personal_data(
    qtbot: QtBot, people: Store, log_file: Path
) -> None:
    from mediator_app.support import known_names

    handler = CrashHandler(names=lambda: known_names(people), log_file=log_file)
    before = sys.excepthook
    handler.install()
    try:

        def failing_slot() -> None:
            participant = "Zoé Martin-Lefèvre"  # a local: only its type may appear
            raise LookupError(
                f"no household for {participant} (zoe.martin@example.fr, 06 12 34 56 78); "
                "see 'Awa Diallo'"
            )

        QTimer.singleShot(0, failing_slot)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    finally:
        handler.uninstall()
    assert sys.excepthook is before

    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crash_dialog"]
    assert len(dialogs) == 1 and isinstance(dialogs[0], QDialog)
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    text_edit = dialog.findChild(QPlainTextEdit, "crash_report_text")
    assert text_edit is not None
    report = text_edit.toPlainText()
    assert "builtins.LookupError" in report
    assert "failing_slot" in report and "participant: str (18)" in report
    assert "Version : " in report and "Python : " in report and "Qt : 6." in report
    assert "Message : no household for <nom> <nom> (<e-mail>, <téléphone>); see <texte>" in report
    _no_secret(report)

    logged = log_file.read_text(encoding="utf-8")
    assert logged.count("CRITICAL") == 1 and "unexpected error" in logged
    assert "builtins.LookupError" in logged and "failing_slot" in logged
    _no_secret(logged)

    copy = dialog.findChild(QPushButton, "copy_report_button")
    assert copy is not None
    copy.click()
    assert QGuiApplication.clipboard().text() == report
    close = dialog.findChild(QPushButton, "close_button")
    assert close is not None
    close.click()
    assert not dialog.isVisible()


def test_without_the_names_the_message_is_left_out(qapp: QApplication) -> None:
    def broken_store() -> frozenset[str]:
        raise RuntimeError("database is locked")

    handler = CrashHandler(names=broken_store)
    try:
        raise ValueError("Madame Ndiaye n’a pas de fiche")
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__, handler._read_names())
    assert "Message : (omis)" in report and "Ndiaye" not in report
    assert "builtins.ValueError" in report


def test_scrub_removes_contacts_quotes_and_names_but_keeps_timestamps() -> None:
    line = (
        "2026-05-12 10:11:12,345 INFO tne-db app: "
        "Awa Diallo +33 7 11 22 33 44 awa@example.org «x» 'y' 6a1d2c8e-0a4b-4f5c-8e7d-1b2c3d4e5f60 "
        "12 rows"
    )
    cleaned = scrub(line, name_words(["Awa Diallo"]))
    assert cleaned == (
        "2026-05-12 10:11:12,345 INFO tne-db app: <nom> <nom> <téléphone> <e-mail> <texte> "
        "<texte> 6a1d2c8e-0a4b-4f5c-8e7d-1b2c3d4e5f60 12 rows"
    )
    home = str(Path.home())
    assert scrub(f"{home}/Amina/data x", folders=[Path(home) / "Amina" / "data"]) == (
        "<dossier des données> x"
    )


def test_support_zip_from_parametres_has_no_personal_data(
    qtbot: QtBot, people: Store, data_dir: Path, log_file: Path, tmp_path: Path
) -> None:
    paths = AppPaths(data_dir)
    logging.getLogger("test").warning(
        "leak from an old version: Zoé Martin-Lefèvre zoe.martin@example.fr 06 12 34 56 78"
    )
    (paths.logs_dir / "mediation.log.1").write_text(
        f"2026-01-01 09:00:00,000 INFO x: Awa Diallo, 07 11 22 33 44, in {paths.data_dir}\n",
        encoding="utf-8",
    )
    ctx = AppContext(store=people, services=Services.of(people), runner=InlineRunner())
    page = SettingsPage(ctx, paths, Preferences.at(paths.settings_file), None)
    qtbot.addWidget(page)
    dest = tmp_path / "sortie" / "rapport.zip"
    with qtbot.waitSignal(page.support_report_written, timeout=30_000):
        page.export_support_report(dest)

    with zipfile.ZipFile(dest) as archive:
        names = sorted(archive.namelist())
        assert names == [
            "LISEZMOI.txt",
            "logs/mediation.log",
            "logs/mediation.log.1",
            "self-test.json",
            "status.json",
        ]
        contents = {n: archive.read(n).decode("utf-8") for n in names}
    everything = "\n".join(contents.values())
    _no_secret(everything)
    assert str(data_dir) not in everything
    assert "leak from an old version: <nom> <nom> <e-mail> <téléphone>" in everything
    status = json.loads(contents["status.json"])
    assert status["counts"]["participant"] == 2
    assert status["environment"]["python"]
    assert json.loads(contents["self-test.json"])["checks"]["store"]["ok"] is True
    label = page.findChild(QPushButton, "support_report_button")
    assert label is not None and label.isEnabled()


def test_support_zip_failure_is_shown_in_french(
    qtbot: QtBot, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    paths = AppPaths(data_dir).ensure()
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    ctx = AppContext(store=store, services=Services.of(store), runner=InlineRunner())
    page = SettingsPage(ctx, paths, Preferences.at(paths.settings_file), None)
    qtbot.addWidget(page)
    page.export_support_report(blocker / "rapport.zip")  # a file where a folder should be
    from PySide6.QtWidgets import QLabel

    label = page.findChild(QLabel, "support_report_label")
    assert label is not None
    assert label.text().startswith("⚠ Le rapport pour le support n’a pas pu être écrit")
    assert StorageError.code == "storage"
