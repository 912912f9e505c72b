"""The core's French wordings in the interface's language (mediator_app/ui/core_labels.py).

The core stays Qt-free; its labels are translated at display time in the ``labels``
context, from the generated ``label_catalogue.py`` lupdate extracts. These tests load the
real committed catalogue and a demo-data window.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from mediator_app.core import labels as core
from mediator_app.core.enums import (
    DeviceStatus,
    PlaceType,
    WorkshopFormat,
    WorkshopStatus,
    label_wordings,
)
from mediator_app.core.enums import label as french_label
from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.demo_data import generate
from mediator_app.paths import AppPaths
from mediator_app.reports.exporter import month_label
from mediator_app.sync.session import NO_SECURE_STORAGE
from mediator_app.ui import core_labels, label_catalogue
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.i18n import CATALOGUE, TRANSLATIONS_DIR, install_language, ui_locale
from mediator_app.ui.main_window import MainWindow
from mediator_app.ui.models.device_table import DeviceColumn
from mediator_app.ui.models.workshop_table import WorkshopColumn
from mediator_app.ui.pages.settings import SettingsPage
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner
from mediator_app.ui.widgets.french import document_date, month_text, short_date

TS_FILE = TRANSLATIONS_DIR / f"{CATALOGUE}_en.ts"

#: French words an English list must not show (statuses, formats, month and day names).
FRENCH_WORDS = {
    *(french_label(s) for s in WorkshopStatus),
    *(french_label(f) for f in WorkshopFormat),
    *(french_label(s) for s in DeviceStatus),
    *("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    *("janv.", "févr.", "avr.", "mai", "juin", "juil.", "sept.", "oct.", "nov.", "déc."),
} - {"Atelier"}  # checked below: « Atelier » -> « Workshop »


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    translators = install_language(qapp, "en")
    assert len(translators) == 2
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_catalogue_lists_every_core_wording_literally() -> None:
    # Regenerate with ``python -m mediator_app.ui.core_labels --write`` when this fails.
    source = core_labels.CATALOGUE_FILE.read_text(encoding="utf-8")
    assert source == core_labels.catalogue_source()
    assert set(label_catalogue.WORDINGS) == set(core.wordings())
    assert set(label_wordings()) <= set(core.wordings())
    assert {"Prévu", "En stock", "statut", "atelier", "(vide)", "oui"} <= set(core.wordings())


def test_every_core_wording_is_translated_in_the_english_catalogue() -> None:
    root = ET.parse(TS_FILE).getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    assert "labels" in contexts, "run make i18n: the labels context is missing"
    translated = {}
    for message in contexts["labels"].iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in (None, ""):
            translated[message.findtext("source")] = translation.text or ""
    missing = [w for w in core.wordings() if not translated.get(w)]
    assert missing == []


def test_core_labels_follow_the_language(english: None) -> None:
    assert core_labels.label(WorkshopStatus.PLANNED) == "Planned"
    assert core_labels.label(DeviceStatus.IN_STOCK) == "In stock"
    assert core_labels.field_label("status") == "status"
    assert core_labels.entity_label("workshop") == "workshop"
    assert core_labels.workshop_place(PlaceType.A_DISTANCE, "", "", "") == "Remote"
    # What people typed is never translated.
    assert core_labels.workshop_place(PlaceType.A_DISTANCE, "École Jaurès", "", "") == (
        "École Jaurès"
    )
    assert short_date(date(2026, 11, 26)) == "Thu 26 Nov 2026"
    assert month_text("2026-11") == "November 2026"
    assert ui_locale().language() == QLocale.Language.English
    # The core and the exports stay French.
    assert french_label(WorkshopStatus.PLANNED) == "Prévu"
    assert month_label("2026-11") == "novembre 2026"
    assert document_date(date(2026, 11, 26)) == "jeudi 26 novembre 2026"


def test_core_labels_stay_french_without_a_catalogue() -> None:
    assert core_labels.label(WorkshopStatus.PLANNED) == "Prévu"
    assert short_date(date(2026, 11, 26)) == "jeu. 26 nov. 2026"
    assert month_text("2026-11") == "novembre 2026"
    assert month_text("2026-13") == "2026-13"
    assert ui_locale().language() == QLocale.Language.French


def _column(view: QAbstractItemView, column: int) -> list[str]:
    model = view.model()
    return [
        str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
    ]


def test_english_window_on_demo_data_shows_english_lists(
    qtbot: QtBot, tmp_path: Path, english: None
) -> None:
    st: Store
    st, _ = open_local_store(tmp_path / "data")
    generate(st, seed=3, scale="test")
    save_profile(
        st, {"display_name": "Camille Médiation", "actor_id": str(uuid4()), "role": "mediator"}
    )
    ctx = AppContext(st, Services.of(st), InlineRunner())
    paths = AppPaths(tmp_path / "data")
    window = MainWindow(ctx, paths, Preferences.at(paths.settings_file), keyring_secure=False)
    qtbot.addWidget(window)
    window.show()

    window.show_section("ateliers")
    workshops = window.findChild(QAbstractItemView, "workshops_view")
    assert workshops is not None
    qtbot.waitUntil(lambda: workshops.model().rowCount() > 0)
    formats = _column(workshops, WorkshopColumn.FORMAT)
    statuses = _column(workshops, WorkshopColumn.STATUS)
    dates = _column(workshops, WorkshopColumn.DATE)
    english_formats = {core_labels.label(f) for f in WorkshopFormat}
    english_statuses = {core_labels.label(s) for s in WorkshopStatus}
    assert set(formats) <= english_formats and set(statuses) <= english_statuses
    assert "Held" in statuses or "Planned" in statuses
    words = {w.strip(".") for text in dates for w in text.split()}
    assert words & {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, dates[:3]
    shown = set(formats) | set(statuses) | words
    assert shown.isdisjoint(FRENCH_WORDS), sorted(shown & FRENCH_WORDS)
    assert "Atelier" not in formats
    period = window.findChild(QComboBox, "period_combo")
    assert period is not None and period.itemText(0) == "All dates"
    page = window.findChild(QWidget, "page_ateliers")
    assert page is not None
    captions = [lab.text() for lab in page.findChildren(QLabel) if lab.text().endswith(":")]
    assert "F&ormat:" in captions
    assert [c for c in captions if c.endswith("\u00a0:")] == []

    window.show_section("materiel")
    devices = window.findChild(QAbstractItemView, "device_table")
    assert devices is not None
    qtbot.waitUntil(lambda: devices.model().rowCount() > 0)
    device_statuses = set(_column(devices, DeviceColumn.STATUS))
    assert device_statuses and device_statuses <= {core_labels.label(s) for s in DeviceStatus}
    assert device_statuses.isdisjoint(FRENCH_WORDS), device_statuses

    settings = window.findChild(SettingsPage, "page_parametres")
    assert settings is not None
    warning = settings.findChild(QLabel, "keyring_warning_label")
    assert warning is not None
    assert warning.text().startswith("⚠ This computer has no password vault")


def test_keyring_warning_source_is_the_session_sentence(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    ctx = AppContext(store=store, services=Services.of(store), runner=InlineRunner())
    paths = AppPaths(data_dir)
    prefs = Preferences.at(paths.settings_file)
    page = SettingsPage(ctx, paths, prefs, None, keyring_secure=False)
    qtbot.addWidget(page)
    warning = page.findChild(QLabel, "keyring_warning_label")
    assert warning is not None
    assert warning.text() == "⚠ " + NO_SECURE_STORAGE
