"""The interface in English, end to end: Paramètres -> preference -> catalogues -> window.

The French source strings go through ``make i18n`` into ``tne_mediation_en.ts`` and the
committed ``.qm``; these tests load that real catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from mediator_app.app import run
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.paths import AppPaths
from mediator_app.sync.status import SyncStatus, status_text
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.i18n import (
    CATALOGUE,
    TRANSLATIONS_DIR,
    check_catalogues,
    count_ts,
    install_language,
)
from mediator_app.ui.main_window import MainWindow
from mediator_app.ui.pages.settings import SettingsPage
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner
from mediator_app.ui.widgets.sync_chip import SyncChip

ENGLISH_SIDEBAR = ["Home", "Workshops", "Participants", "Equipment", "To handle", "Settings"]
FRENCH_SIDEBAR = ["Accueil", "Ateliers", "Participants", "Matériel", "À traiter", "Paramètres"]


@pytest.fixture
def restore_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _sidebar_texts(window: MainWindow) -> list[str]:
    sidebar = window.findChild(QListWidget, "sidebar")
    assert sidebar is not None
    return [
        # A narrow window shows the sections as icons, their names in the tooltips.
        (sidebar.item(i).text() or sidebar.item(i).toolTip().split(" — ")[0]).split(" (")[0]
        for i in range(sidebar.count())
        if not sidebar.isRowHidden(i)
    ]


def _window(qtbot: QtBot, store: Store, paths: AppPaths) -> MainWindow:
    ctx = AppContext(store=store, services=Services.of(store), runner=InlineRunner())
    window = MainWindow(ctx, paths, Preferences.at(paths.settings_file))
    qtbot.addWidget(window)
    return window


def test_choosing_english_in_parametres_gives_an_english_window(
    qtbot: QtBot, qapp: QApplication, store: Store, data_dir: Path, restore_locale: None
) -> None:
    paths = AppPaths(data_dir)
    french = _window(qtbot, store, paths)
    assert _sidebar_texts(french) == FRENCH_SIDEBAR
    combo = french.settings_page.findChild(QComboBox, "language_combo")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == ["Français", "English"]
    combo.setCurrentIndex(combo.findData("en"))  # what the user picks
    hint = french.settings_page.findChild(QLabel, "language_hint_label")
    assert hint is not None and "redémarrez" in hint.text()
    french.close()

    # The next start: app.py installs the catalogues of the saved preference.
    language = Preferences.at(paths.settings_file).language
    assert language == "en"
    translators = install_language(qapp, language)
    try:
        assert len(translators) == 2, "tne_mediation_en and qtbase_en"
        english = _window(qtbot, store, paths)
        assert _sidebar_texts(english) == ENGLISH_SIDEBAR
        sync_button = english.findChild(QPushButton, "sync_now_button")
        assert sync_button is not None and sync_button.text() == "Sync now"
        settings = english.findChild(SettingsPage, "page_parametres")
        assert settings is not None
        support = settings.findChild(QPushButton, "support_report_button")
        assert support is not None and support.text() == "Report for &support…"
        assert QLocale().language() == QLocale.Language.English
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Accueil") == "Accueil"


def test_run_starts_in_the_saved_language(
    qapp: QApplication, quit_after: Callable[[int], None], data_dir: Path, restore_locale: None
) -> None:
    paths = AppPaths(data_dir)
    store, _ = open_local_store(paths.data_dir)
    save_profile(store, {"display_name": "Amina", "role": "mediator"})
    store.engine.dispose()
    prefs = Preferences.at(paths.settings_file)
    prefs.language = "en"
    prefs.sync()
    seen: dict[str, list[str]] = {}

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in windows if w.isVisible()]
        if not shown:
            QTimer.singleShot(100, look_and_close)
            return
        seen["sidebar"] = _sidebar_texts(shown[0])
        seen["cancel"] = [QCoreApplication.translate("QPlatformTheme", "Cancel")]
        shown[0].close()

    QTimer.singleShot(200, look_and_close)
    quit_after(20_000)
    assert run(paths) == 0
    assert seen["sidebar"] == ENGLISH_SIDEBAR
    assert seen["cancel"] == ["Cancel"]
    # Translators removed when the window closed: French again for the next test.
    assert QCoreApplication.translate("MainWindow", "Ateliers") == "Ateliers"


def test_unknown_language_falls_back_to_french(qapp: QApplication, restore_locale: None) -> None:
    translators = install_language(qapp, "tlh")
    try:
        assert QLocale().language() == QLocale.Language.French
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_shipped_catalogue_loads_and_is_mostly_translated(qapp: QApplication) -> None:
    checks = check_catalogues()
    assert [(c.language, c.loaded) for c in checks] == [("en", True)]
    counts = count_ts(TRANSLATIONS_DIR / f"{CATALOGUE}_en.ts")
    assert counts.total > 500
    assert counts.finished >= 200
    qm = TRANSLATIONS_DIR / f"{CATALOGUE}_en.qm"
    assert qm.stat().st_size > 10_000


def test_count_ts_reads_unfinished_and_ignores_vanished(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context><name>A</name>
<message><source>Oui</source><translation>Yes</translation></message>
<message><source>Non</source><translation type="unfinished"></translation></message>
<message><source>Peut-être</source><translation type="unfinished">Maybe</translation></message>
<message><source>Jadis</source><translation type="vanished">Once</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    counts = count_ts(ts)
    assert (counts.total, counts.unfinished, counts.finished) == (3, 2, 1)


def test_self_test_names_the_translations_found(qapp: QApplication, data_dir: Path) -> None:
    from mediator_app.cli import run_self_test

    qt = run_self_test(AppPaths(data_dir))["checks"]["qt_translations"]
    assert qt["ok"] is True
    assert Path(qt["app_catalogues"]["en"]).name == "tne_mediation_en.qm"
    assert Path(qt["qtbase_fr"]).name == "qtbase_fr.qm"


def test_table_model_headers_follow_the_language(qapp: QApplication, restore_locale: None) -> None:
    from mediator_app.ui.models.device_table import DeviceTableModel

    translators = install_language(qapp, "en")
    try:
        model = DeviceTableModel()
        header = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        assert header == "Asset tag"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def _status(
    pending: int = 0,
    open_items: int = 0,
    *,
    server: str = "https://tne.example",
    synced_ago: timedelta | None = None,
    now: datetime,
) -> SyncStatus:
    return SyncStatus(
        pending=pending,
        parked=0,
        open_items=open_items,
        last_sync_at=None if synced_ago is None else now - synced_ago,
        last_error="",
        signed_in_server=server,
    )


def test_sync_chip_says_what_status_text_says_in_french(qtbot: QtBot) -> None:
    chip = SyncChip()
    qtbot.addWidget(chip)
    now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    statuses = [
        _status(open_items=1, now=now),
        _status(open_items=4, now=now),
        _status(pending=1, server="", now=now),
        _status(pending=3, server="", now=now),
        _status(pending=1, now=now),
        _status(pending=12, now=now),
        _status(now=now),
        _status(synced_ago=timedelta(seconds=20), now=now),
        _status(synced_ago=timedelta(minutes=5), now=now),
        _status(synced_ago=timedelta(hours=3), now=now),
        _status(synced_ago=timedelta(days=1, hours=2), now=now),
        _status(synced_ago=timedelta(days=3), now=now),
        _status(synced_ago=timedelta(hours=2), server="", now=now),
    ]
    for status in statuses:
        assert chip.sentence(status, now) == status_text(status, now)
    # Signed out: never "Tout est synchronisé".
    signed_out = _status(synced_ago=timedelta(hours=2), server="", now=now)
    assert status_text(signed_out, now) == "Non connecté · dernière synchronisation il y a 2 h"
    chip.show_status(signed_out)
    assert chip.symbol() != "✓"


def test_sync_chip_and_tr_helpers_follow_the_language(
    qapp: QApplication, qtbot: QtBot, restore_locale: None
) -> None:
    from mediator_app.core.enums import RegistrationStatus
    from mediator_app.local_store.services.attendance import CheckInRow
    from mediator_app.ui.models.review_table import ReviewTableModel
    from mediator_app.ui.pages.checkin import registration_text

    translators = install_language(qapp, "en")
    try:
        chip = SyncChip()
        qtbot.addWidget(chip)
        now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
        chip.show_status(_status(pending=3, now=now))
        assert chip.text() == "3 changes waiting for a connection"
        assert chip.sentence(_status(pending=1, now=now), now) == (
            "1 change waiting for a connection"
        )
        assert chip.sentence(_status(open_items=2, now=now), now) == "2 items to handle"
        synced = _status(synced_ago=timedelta(minutes=5), now=now)
        assert chip.sentence(synced, now) == "Everything is synced · 5 min ago"

        def person(status: RegistrationStatus | None) -> CheckInRow:
            return CheckInRow(uuid4(), uuid4(), "Awa", "Koné", None, status, None, 0)

        assert registration_text(person(None)) == "Walk-in"
        assert registration_text(person(RegistrationStatus.WAITLIST)) == "Waiting list"

        review = ReviewTableModel()
        headers = [
            review.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for i in range(review.columnCount())
        ]
        assert headers[1:4] == ["Workshop", "Format", "Mediator"]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
