"""Paramètres settings change what the services and exports do."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.participants import add_months
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
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
