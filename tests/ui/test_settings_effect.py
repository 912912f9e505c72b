"""Paramètres settings change what the services and exports do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.participants import add_months
from mediator_app.paths import AppPaths
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.pages.settings import SettingsPage
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner


def test_retention_and_threshold_settings_take_effect(qtbot: QtBot, store: Store) -> None:
    services = Services.of(store, retention_months=6)
    ctx = AppContext(store=store, services=services, runner=InlineRunner(), small_count_threshold=9)
    w = services.workshops.create(
        Workshop(title="Café", date=date(2026, 11, 5), themes=(Theme.PARENTALITE,), commune="Cergy")
    ).value
    p = services.participants.create(Participant(first_name="A", last_name="B")).value
    marked = services.attendance.mark(w.id, p.id)
    assert marked.value is not None
    after = services.participants.get(p.id)
    assert after is not None and after.last_contact_at is not None
    assert after.retention_until == add_months(after.last_contact_at, 6)
    services.set_retention_months(12)
    services.attendance.unmark(w.id, p.id)
    services.attendance.mark(w.id, p.id)  # recomputed with the new setting
    again = services.participants.get(p.id)
    assert again is not None and again.last_contact_at is not None
    assert again.retention_until == add_months(again.last_contact_at, 12)
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.findChild(type(dialog._threshold), "threshold_spin").value() == 9


def test_short_retention_is_confirmed_first(
    qtbot: QtBot, store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths(data_dir).ensure()
    prefs = Preferences.at(paths.settings_file)
    services = Services.of(store, retention_months=prefs.retention_months)
    ctx = AppContext(store=store, services=services, runner=InlineRunner())
    page = SettingsPage(ctx, paths, prefs, None)
    qtbot.addWidget(page)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]

    def answer(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    spin = page.findChild(QSpinBox, "retention_months_spin")
    assert spin is not None and spin.value() == 24
    spin.setValue(12)  # not short: no question
    assert asked == [] and prefs.retention_months == 12
    spin.setValue(3)  # refused: the spin and the setting keep 12
    assert len(asked) == 1 and "plus de 3 mois seront effacées" in asked[0]
    assert spin.value() == 12 and prefs.retention_months == 12
    spin.setValue(3)  # confirmed
    assert len(asked) == 2
    assert spin.value() == 3 and prefs.retention_months == 3
    # The services compute retention with the confirmed value.
    w = services.workshops.create(
        Workshop(title="Café", date=date(2026, 11, 5), themes=(Theme.PARENTALITE,), commune="Cergy")
    ).value
    p = services.participants.create(Participant(first_name="A", last_name="B")).value
    services.attendance.mark(w.id, p.id)
    after = services.participants.get(p.id)
    assert after is not None and after.last_contact_at is not None
    assert after.retention_until == add_months(after.last_contact_at, 3)
    spin.setValue(8)  # raising it again is never asked
    assert len(asked) == 2 and prefs.retention_months == 8
