"""The main window on a real temporary store (pytest-qt, offscreen)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mediator_app.app import install_french, run
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.paths import AppPaths
from mediator_app.sync.session import NO_SECURE_STORAGE
from mediator_app.sync.status import SyncStatus
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.first_run import FirstRunDialog
from mediator_app.ui.main_window import SECTION_KEYS, MainWindow
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from mediator_app.ui.widgets.sync_chip import ChipState, SyncChip

MEDIATOR_KEYS = ["accueil", "ateliers", "participants", "materiel", "a_traiter", "parametres"]


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _prefs(data_dir: Path) -> Preferences:
    return Preferences.at(AppPaths(data_dir).settings_file)


def _window(
    qtbot: QtBot,
    store: Store,
    data_dir: Path,
    runner: TaskRunner | None = None,
    read_only_message: str = "",
) -> MainWindow:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner or InlineRunner())
    window = MainWindow(
        ctx, AppPaths(data_dir), _prefs(data_dir), read_only_message=read_only_message
    )
    qtbot.addWidget(window)
    return window


def _visible_keys(window: MainWindow) -> list[str]:
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    return [
        sidebar.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(sidebar.count())
        if not sidebar.isRowHidden(i)
    ]


def _add_workshops(store: Store, count: int) -> None:
    svc = WorkshopService(store)
    for i in range(count):
        svc.create(
            Workshop(
                title=f"Atelier {i}",
                date=date.today(),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                commune="Besançon",
            )
        )


def test_mediator_sees_six_sections_and_no_coordination(
    qtbot: QtBot, store: Store, data_dir: Path, runner: TaskRunner
) -> None:
    window = _window(qtbot, store, data_dir, runner)
    with qtbot.waitSignal(window.sync_status_loaded, timeout=5000):
        window.show()
    assert window.windowTitle() == "TNE Médiation"
    assert _visible_keys(window) == MEDIATOR_KEYS
    pages = window.findChild(QStackedWidget, "pages")
    assert pages is not None and pages.count() == len(SECTION_KEYS)
    assert pages.currentWidget().objectName() == "page_accueil"
    action = window.findChild(QAction, "go_coordination_action")
    assert action is not None and not action.isEnabled()
    window.show_section("coordination")  # not for mediators: nothing happens
    assert window.current_section() == "accueil"
    banner = window.findChild(QWidget, "read_only_banner")
    assert banner is not None and not banner.isVisibleTo(window)


def test_coordinator_sees_the_coordination_entry(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    save_profile(store, {"display_name": "Claire", "role": "coordinator", "department_code": "95"})
    window = _window(qtbot, store, data_dir)
    window.show()
    assert _visible_keys(window) == [*MEDIATOR_KEYS[:5], "coordination", "parametres"]
    action = window.findChild(QAction, "go_coordination_action")
    assert action is not None and action.shortcut().toString() == "Ctrl+7"
    action.trigger()
    assert window.current_section() == "coordination"
    assert window.current_page().objectName() == "page_coordination"


def test_switching_pages_from_sidebar_and_shortcuts(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    window = _window(qtbot, store, data_dir)
    window.show()
    sidebar = window.findChild(QListWidget, "sidebar")
    pages = window.findChild(QStackedWidget, "pages")
    assert sidebar is not None and pages is not None
    for key in MEDIATOR_KEYS:
        row = SECTION_KEYS.index(key)
        rect = sidebar.visualItemRect(sidebar.item(row))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert pages.currentWidget().objectName() == f"page_{key}"
        assert window.current_section() == key
    action = window.findChild(QAction, "go_participants_action")
    assert action is not None and action.shortcut().toString() == "Ctrl+3"
    action.trigger()
    assert window.current_section() == "participants"
    settings_dir = window.findChild(QLabel, "settings_data_dir")
    assert settings_dir is not None and settings_dir.text() == str(AppPaths(data_dir).data_dir)
    # Ctrl+N opens Ateliers wherever one is.
    window.show_section("materiel")
    new = window.findChild(QAction, "new_workshop_action")
    assert new is not None and new.shortcut().toString() == "Ctrl+N"
    window.new_workshop()
    assert window.current_section() == "ateliers"
    # A page's own Ctrl+N / Ctrl+F win while it is shown: never an ambiguous shortcut.
    find = window.findChild(QAction, "find_action")
    assert find is not None
    window.show_section("participants")
    assert not new.isEnabled() and not find.isEnabled()
    window.show_section("accueil")
    assert new.isEnabled() and find.isEnabled()
    sync = window.findChild(QAction, "sync_action")
    assert sync is not None and sync.shortcut().toString() == "F5"


def test_a_narrow_window_shows_the_sections_as_icons_with_their_names_in_tooltips(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    """1280×720 at 150 % leaves 853 px: the sidebar keeps its icons, names in tooltips and
    for screen readers; wide again, the names come back."""
    window = _window(qtbot, store, data_dir)
    window.resize(1200, 700)
    window.show()
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    row = SECTION_KEYS.index("participants")
    wide = sidebar.width()
    assert sidebar.item(row).text() == "Participants"
    window.resize(850, 440)
    qtbot.waitUntil(lambda: sidebar.item(row).text() == "")
    item = sidebar.item(row)
    assert item.toolTip().startswith("Participants — ")
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Participants"
    assert sidebar.width() < wide / 2
    assert window.findChild(QLabel, "sidebar_title").isHidden()  # type: ignore[union-attr]
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: sidebar.item(row).text() == "Participants")
    assert not item.toolTip().startswith("Participants")


def test_chip_and_sidebar_follow_the_store(qtbot: QtBot, store: Store, data_dir: Path) -> None:
    _add_workshops(store, 3)
    window = _window(qtbot, store, data_dir)
    window.resize(1200, 700)  # wide enough for the sidebar's labels
    window.show()
    chip = window.findChild(SyncChip, "sync_chip")
    assert chip is not None
    assert chip.text() == "3 modifications enregistrées sur ce poste (non connecté)"
    assert chip.state is ChipState.PENDING and chip.symbol() == "↑"
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    row = SECTION_KEYS.index("a_traiter")
    assert sidebar.item(row).text() == "À traiter"

    with store.engine.begin() as conn:  # the server refused one change: it is parked
        conn.exec_driver_sql("UPDATE outbox SET state = 'parked' WHERE client_seq = 1")
    with qtbot.waitSignal(window.sync_status_loaded) as blocker:
        window.findChild(QAction, "sync_action").trigger()  # type: ignore[union-attr]
    status = blocker.args[0]
    assert isinstance(status, SyncStatus) and status.parked == 1
    assert chip.text() == "1 élément à traiter"
    assert chip.state is ChipState.ATTENTION and chip.symbol() == "⚠"
    assert sidebar.item(row).text() == "À traiter (1)"

    # A write announced by any screen refreshes the chip.
    result = WorkshopService(store).create(
        Workshop(title="En plus", date=date.today(), themes=(Theme.PARENTALITE,), commune="Dole")
    )
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE outbox SET state = 'archived' WHERE state = 'parked'")
    with qtbot.waitSignal(window.sync_status_loaded):
        window._ctx.hub.announce(result.changes)
    assert chip.text() == "3 modifications enregistrées sur ce poste (non connecté)"
    assert sidebar.item(row).text() == "À traiter"


def test_read_only_store_shows_its_message_in_a_banner(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    message = "Ces données sont ouvertes en lecture seule."
    window = _window(qtbot, store, data_dir, read_only_message=message)
    window.show()
    banner = window.findChild(QWidget, "read_only_banner")
    text = window.findChild(QLabel, "read_only_banner_text")
    assert banner is not None and text is not None
    assert banner.isVisible() and text.text() == message
    button = window.findChild(QPushButton, "sync_now_button")
    assert button is not None and not button.isEnabled()  # no sync controller


def test_geometry_and_section_are_restored(qtbot: QtBot, store: Store, data_dir: Path) -> None:
    first = _window(qtbot, store, data_dir)
    first.show()
    first.resize(700, 480)
    first.show_section("a_traiter")
    first.close()
    assert AppPaths(data_dir).settings_file.exists()
    assert not _prefs(data_dir).window_geometry.isEmpty()
    assert _prefs(data_dir).last_section == "a_traiter"

    second = _window(qtbot, store, data_dir)
    second.show()
    assert (second.width(), second.height()) == (700, 480)
    assert second.current_section() == "a_traiter"


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


def _run_and_close(
    paths: AppPaths, quit_after: Callable[[int], None], seen: dict[str, object]
) -> int:
    def close_windows() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not windows:
            QTimer.singleShot(100, close_windows)
            return
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["locked"] = paths.lock_file.exists()
        for w in windows:
            w.close()

    QTimer.singleShot(300, close_windows)
    quit_after(20_000)  # never hang the suite
    before_locale = QLocale()
    try:
        return run(paths)
    finally:
        QLocale.setDefault(before_locale)


def test_run_opens_the_window_and_quits_cleanly(
    qapp: QApplication, quit_after: Callable[[int], None], data_dir: Path
) -> None:
    paths = AppPaths(data_dir)
    store, _ = open_local_store(paths.data_dir)
    save_profile(store, {"display_name": "Amina", "role": "mediator"})
    store.engine.dispose()
    seen: dict[str, object] = {}
    before_hook = sys.excepthook
    code = _run_and_close(paths, quit_after, seen)
    assert code == 0
    assert seen == {"titles": ["TNE Médiation"], "locked": True}
    assert _prefs(data_dir).last_section == "accueil"
    assert not paths.lock_file.exists()
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "starting TNE Médiation" in log_text
    assert str(data_dir) not in log_text  # the path may hold the user's name
    assert "Amina" not in log_text
    assert sys.excepthook is before_hook
    assert not any(
        isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger().handlers
    )


def test_run_on_a_new_laptop_asks_first_then_opens(
    qapp: QApplication, quit_after: Callable[[int], None], data_dir: Path
) -> None:
    paths = AppPaths(data_dir)
    asked: list[str] = []

    def answer_first_run() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(50, answer_first_run)
            return
        dialog = visible[0]
        asked.append(dialog.objectName())
        dialog.findChild(QPushButton, "offline_choice_button").click()  # type: ignore[union-attr]
        from PySide6.QtWidgets import QLineEdit

        dialog.findChild(QLineEdit, "display_name_edit").setText("Amina")  # type: ignore[union-attr]
        dialog.findChild(QLineEdit, "structure_name_edit").setText("CS Les Doucettes")  # type: ignore[union-attr]
        dialog.findChild(QPushButton, "start_offline_button").click()  # type: ignore[union-attr]

    QTimer.singleShot(100, answer_first_run)
    seen: dict[str, object] = {}
    assert _run_and_close(paths, quit_after, seen) == 0
    assert asked == ["first_run_dialog"]
    assert seen["titles"] == ["TNE Médiation"]
    store, _ = open_local_store(paths.data_dir)
    try:
        assert store.identity.actor_name == "Amina"
    finally:
        store.engine.dispose()


def test_preferences_are_typed_with_defaults_and_bounds(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    prefs = _prefs(data_dir)
    assert (prefs.retention_months, prefs.small_count_threshold, prefs.language) == (24, 5, "fr")
    prefs.retention_months = 36
    prefs.sync()
    assert _prefs(data_dir).retention_months == 36  # read back from the INI as an int
    with pytest.raises(ValueError):
        prefs.small_count_threshold = 0  # below the declared minimum: refused
    prefs.qsettings.setValue("bilan/seuil_petits_effectifs", "beaucoup")  # hand-edited file
    assert prefs.small_count_threshold == 5


def test_ctrl_n_and_ctrl_f_work_after_a_click_in_the_sidebar(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    """Keys pressed after choosing a section with the mouse reach the page: Ctrl+N opens a
    new workshop, Ctrl+F the search field, letters never jump the sidebar."""
    window = _window(qtbot, store, data_dir)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    for key in ("ateliers", "participants"):
        rect = sidebar.visualItemRect(sidebar.item(SECTION_KEYS.index(key)))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_section() == key
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        search = QApplication.focusWidget()
        assert search is not None and "search" in search.objectName(), search
        qtbot.keyClicks(search, "pa")
        qtbot.keyClicks(sidebar, "pa")  # letters typed in the list never jump sections
        assert window.current_section() == key
    rect = sidebar.visualItemRect(sidebar.item(SECTION_KEYS.index("ateliers")))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    opened: list[QWidget] = []
    page = window.current_page()
    page.findChild(QWidget, "workshop_editor")  # none yet
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(
        lambda: bool(
            opened.extend(
                w
                for w in QApplication.topLevelWidgets()
                if w.objectName() == "workshop_editor" and w.isVisible()
            )
            or opened
        ),
        timeout=3000,
    )
    for w in opened:
        w.close()


def test_keyring_verdict_found_after_the_window_shows_its_warning(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    # The start finds the keyring's backend once the window shows (it is slow to detect):
    # a laptop without a vault still gets the warning in Paramètres.
    window = _window(qtbot, store, data_dir)
    window.show()
    window.show_section("parametres")
    warning = window.findChild(QLabel, "keyring_warning_label")
    assert warning is not None
    assert not warning.isVisible()
    window.show_keyring_secure(True)
    assert not warning.isVisible()
    window.show_keyring_secure(False)
    assert warning.isVisible()
    assert warning.text() == "⚠ " + NO_SECURE_STORAGE
