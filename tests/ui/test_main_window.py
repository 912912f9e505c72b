"""The main window on a real temporary store (pytest-qt, offscreen)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from mediator_app.app import install_french, run
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.core.errors import StorageError
from mediator_app.local_store import Store, StoreInfo, open_local_store
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.status import StoreStatus, store_status
from mediator_app.paths import AppPaths
from mediator_app.ui.main_window import GEOMETRY_KEY, MainWindow, pending_text
from mediator_app.ui.tasks import InlineRunner, TaskRunner

# The offscreen platform plugin warns whenever a window's size constraints change; that is
# the test platform talking, not the application.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SECTION_KEYS = ["accueil", "ateliers", "participants", "materiel", "a_traiter", "parametres"]


@pytest.fixture
def opened(data_dir: Path) -> Iterator[tuple[Store, StoreInfo]]:
    store, info = open_local_store(data_dir)
    yield store, info
    store.engine.dispose()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(AppPaths(data_dir).settings_file), QSettings.Format.IniFormat)


def _window(
    qtbot: QtBot,
    data_dir: Path,
    opened: tuple[Store, StoreInfo],
    runner: TaskRunner,
    read_only_message: str = "",
) -> MainWindow:
    store, info = opened
    window = MainWindow(
        AppPaths(data_dir),
        lambda: store_status(store, info),
        _settings(data_dir),
        runner,
        read_only_message=read_only_message,
    )
    qtbot.addWidget(window)
    return window


def _this_week(offset: int) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday()) + timedelta(days=offset)


def _add_workshops(store: Store, days: list[int]) -> None:
    svc = WorkshopService(store)
    for i, offset in enumerate(days):
        svc.create(
            Workshop(
                title=f"Atelier {i}",
                date=_this_week(offset),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                commune="Besançon",
            )
        )


def test_window_opens_with_the_six_sections(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo], runner: TaskRunner
) -> None:
    window = _window(qtbot, data_dir, opened, runner)
    with qtbot.waitSignal(window.status_loaded, timeout=5000):
        window.show()
    assert window.windowTitle() == "TNE Médiation"
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    keys = [sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(sidebar.count())]
    assert keys == SECTION_KEYS
    labels = [sidebar.item(i).text() for i in range(sidebar.count())]
    assert labels[4] == "À traiter" and labels[3] == "Matériel"
    pages = window.findChild(QStackedWidget, "pages")
    assert pages is not None and pages.count() == 6
    assert pages.currentWidget().objectName() == "page_accueil"
    banner = window.findChild(QWidget, "read_only_banner")
    assert banner is not None and not banner.isVisibleTo(window)


def test_switching_pages_from_sidebar_and_shortcut_actions(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo], runner: TaskRunner
) -> None:
    window = _window(qtbot, data_dir, opened, runner)
    window.show()
    sidebar = window.findChild(QListWidget, "sidebar")
    pages = window.findChild(QStackedWidget, "pages")
    assert sidebar is not None and pages is not None
    for row, key in enumerate(SECTION_KEYS):
        rect = sidebar.visualItemRect(sidebar.item(row))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert pages.currentWidget().objectName() == f"page_{key}"
        assert window.current_section() == key
    action = window.findChild(QAction, "go_participants_action")
    assert action is not None and action.shortcut().toString() == "Ctrl+3"
    action.trigger()
    assert pages.currentWidget().objectName() == "page_participants"
    assert sidebar.currentRow() == 2
    settings_dir = window.findChild(QLabel, "settings_data_dir")
    assert settings_dir is not None and settings_dir.text() == str(AppPaths(data_dir).data_dir)
    # Going home re-reads the figures.
    with qtbot.waitSignal(window.status_loaded, timeout=5000):
        window.show_section("accueil")


def test_home_shows_real_counts_and_status_bar(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo], runner: TaskRunner
) -> None:
    store, _ = opened
    _add_workshops(store, [0, 2, 6, 7, -1])  # three this week, one next, one last week
    window = _window(qtbot, data_dir, opened, runner)
    with qtbot.waitSignal(window.status_loaded, timeout=5000) as blocker:
        window.show()
    status = blocker.args[0]
    assert isinstance(status, StoreStatus)
    week = window.findChild(QLabel, "home_workshops_week_value")
    pending = window.findChild(QLabel, "home_pending_changes_value")
    bar = window.findChild(QLabel, "sync_status_label")
    assert week is not None and pending is not None and bar is not None
    assert week.text() == "3"
    assert pending.text() == "5"
    assert bar.text() == "Enregistré sur ce poste · 5 modifications en attente de connexion"

    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None and sidebar.item(4).text() == "À traiter"

    _add_workshops(store, [1])
    with store.engine.begin() as conn:  # the server refused one change: it is parked
        conn.exec_driver_sql("UPDATE outbox SET state = 'parked' WHERE client_seq = 1")
    with qtbot.waitSignal(window.status_loaded, timeout=5000):
        window.refresh()
    assert week.text() == "4"
    assert bar.text().endswith("5 modifications en attente de connexion")
    attention = window.findChild(QLabel, "home_attention_value")
    assert attention is not None and attention.text() == "1"
    assert sidebar.item(4).text() == "À traiter (1)"


def test_pending_text_is_singular_for_zero_and_one() -> None:
    assert (
        pending_text(0) == "Enregistré sur ce poste · aucune modification en attente de connexion"
    )
    assert pending_text(1) == "Enregistré sur ce poste · 1 modification en attente de connexion"
    assert pending_text(2) == "Enregistré sur ce poste · 2 modifications en attente de connexion"


def test_read_only_store_shows_its_message_in_a_banner(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo], runner: TaskRunner
) -> None:
    message = "Ces données sont ouvertes en lecture seule."
    window = _window(qtbot, data_dir, opened, runner, read_only_message=message)
    window.show()
    banner = window.findChild(QWidget, "read_only_banner")
    text = window.findChild(QLabel, "read_only_banner_text")
    assert banner is not None and text is not None
    assert banner.isVisible()
    assert text.text() == message


def test_a_failed_read_is_shown_not_raised(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo]
) -> None:
    def broken() -> StoreStatus:
        raise StorageError("Le fichier de données est illisible.")

    window = MainWindow(AppPaths(data_dir), broken, _settings(data_dir), InlineRunner())
    qtbot.addWidget(window)
    window.show()
    error = window.findChild(QLabel, "home_error_label")
    assert error is not None and error.isVisible()
    assert error.text() == "Le fichier de données est illisible."


def test_geometry_and_section_are_restored(
    qtbot: QtBot, data_dir: Path, opened: tuple[Store, StoreInfo]
) -> None:
    runner = InlineRunner()
    first = _window(qtbot, data_dir, opened, runner)
    first.show()
    first.resize(700, 480)
    first.show_section("materiel")
    first.close()
    assert _settings(data_dir).contains(GEOMETRY_KEY)
    assert AppPaths(data_dir).settings_file.exists()

    store, _ = opened
    _add_workshops(store, [0])
    second = _window(qtbot, data_dir, opened, runner)
    second.show()
    assert (second.width(), second.height()) == (700, 480)
    assert second.current_section() == "materiel"
    # Not on the home page, yet the status bar has the real figures.
    bar = second.findChild(QLabel, "sync_status_label")
    assert bar is not None and bar.text().endswith("· 1 modification en attente de connexion")


def test_install_french_translates_qt_and_sets_the_locale(qapp: QApplication) -> None:
    before = QLocale()
    translators = install_french(qapp)
    try:
        assert translators, "qtbase_fr.qm not found"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert QLocale().language() == QLocale.Language.French
        assert QLocale().toString(1.5, "f", 1) == "1,5"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)


def test_run_opens_the_window_and_quits_cleanly(qapp: QApplication, data_dir: Path) -> None:
    paths = AppPaths(data_dir)
    seen: dict[str, object] = {}

    def close_windows() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["locked"] = paths.lock_file.exists()
        for w in windows:
            w.close()

    QTimer.singleShot(300, close_windows)
    QTimer.singleShot(20_000, qapp.quit)  # never hang the suite
    before_hook, before_locale = sys.excepthook, QLocale()
    try:
        code = run(paths)
    finally:
        QLocale.setDefault(before_locale)
    assert code == 0
    assert seen == {"titles": ["TNE Médiation"], "locked": True}
    assert paths.database.exists()
    assert _settings(data_dir).contains(GEOMETRY_KEY)
    assert not paths.lock_file.exists()
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "starting TNE Médiation" in log_text
    assert str(data_dir) not in log_text  # the path may hold the user's name
    assert sys.excepthook is before_hook
    assert not any(
        isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger().handlers
    )
