"""The « Lignes de connexion » tab and the device sheet, driven like a mediator does on a
real store: create a line linked to a loan, edit it, end it with a reason, import the
operator's list with a progress bar and a cancel, open a device's sheet (double-click and
right-click), edit it, and the guard against losing what was typed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import AgreementTemplate, ConnectivityLine, Device, Participant
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceType,
    HandoutNature,
    LineEndReason,
    LineStatus,
    SignerCapacity,
)
from mediator_app.local_store import Store
from mediator_app.local_store.services.handouts import HandoutDraft
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.device_sheet import DeviceSheetDialog
from mediator_app.ui.dialogs.line_dialogs import EndLineDialog, LineDialog, LineImportDialog
from mediator_app.ui.pages.devices import DevicesPage
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from mediator_app.ui.widgets.forms import select_data

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 9, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(store, Services.of(store), InlineRunner())


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> DevicesPage:
    p = DevicesPage(ctx)
    p.open_documents = False
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    return p


def _box_on_loan(ctx: AppContext, store: Store) -> tuple[Device, object]:
    box = ctx.services.devices.add(
        Device(
            device_type=DeviceType.BOX_4G,
            brand="Huawei",
            model="B535",
            serial_number="BX-1",
            asset_tag="TNE95-B001",
        )
    ).value
    guardian = ctx.services.participants.create(
        Participant(first_name="Fatou", last_name="Diallo")
    ).value
    with store.write() as tx:
        template = tx.insert(AgreementTemplate(title="Convention", text="Prêt à {{famille}}."))
    handout = ctx.services.handouts.open_handout(
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=guardian.id,
            device_ids=(box.id,),
            handed_at=HANDED,
            agreement_template_id=template.id,
            expected_return=date(2027, 7, 3),
        ),
        signature_png=PNG,
        signer_name="Fatou Diallo",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=HANDED,
    )
    return box, handout.value.id


def _lines_tab(page: DevicesPage) -> None:
    page.tabs.setCurrentWidget(page.lines_view)


def test_create_a_line_linked_to_a_loan_edit_it_and_end_it_with_a_reason(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext, store: Store
) -> None:
    box, handout_id = _box_on_loan(ctx, store)
    _lines_tab(page)
    assert page.lines_view.table_or_empty.is_empty()
    assert page.lines_view.empty_state.isVisible()
    qtbot.mouseClick(page.lines_view.new_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, LineDialog)
    # Without an operator: said under the field, nothing saved.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.findChild(QLabel, "operator_error").isVisible()  # type: ignore[union-attr]
    assert ctx.services.devices.lines() == ()
    qtbot.keyClicks(dialog.operator_edit, "Orange")
    qtbot.keyClicks(dialog.number_edit, "07 00 11 22 33")
    qtbot.keyClicks(dialog.iccid_edit, "89330123456789012341")
    qtbot.keyClicks(dialog.plan_edit, "Data 100 Go")
    dialog.start_edit.setDate(QDate(2026, 9, 1))
    dialog.end_edit.setDate(QDate(2027, 8, 31))
    select_data(dialog.device_combo, str(box.id))
    select_data(dialog.handout_combo, str(handout_id))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (line,) = ctx.services.devices.lines()
    assert (line.operator, line.line_number, line.iccid, line.data_plan) == (
        "Orange",
        "07 00 11 22 33",
        "89330123456789012341",
        "Data 100 Go",
    )
    assert (line.start_date, line.end_date, line.device_id) == (
        date(2026, 9, 1),
        date(2027, 8, 31),
        box.id,
    )
    assert ctx.services.handouts.require(handout_id).line_id == line.id  # type: ignore[arg-type]
    # The list refreshed through the change hub: the structure's own number, whole.
    view = page.lines_view
    assert view.model.rowCount() == 1
    assert view.model.index(0, 1).data() == "07 00 11 22 33"
    assert view.model.index(0, 3).data() == "TNE95-B001 · prêtée à Fatou Diallo"
    assert "Lignes (1)" in page.tabs.tabText(4).replace("&", "")

    # Edit: double-click the row, change the plan.
    view.table.selectRow(0)
    view.table.doubleClicked.emit(view.model.index(0, 0))
    edit = page.last_dialog
    assert isinstance(edit, LineDialog) and edit is not dialog
    assert edit.operator_edit.text() == "Orange"
    assert edit.handout_combo.currentData() == str(handout_id)
    edit.plan_edit.setText("Data 200 Go")
    with qtbot.waitSignal(edit.saved):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert ctx.services.devices.get_line(line.id).data_plan == "Data 200 Go"  # type: ignore[union-attr]

    # End it: a reason is required; then it is ended, with its reason, in the list.
    view.table.selectRow(0)
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    end = page.last_dialog
    assert isinstance(end, EndLineDialog)
    qtbot.mouseClick(end.end_button, Qt.MouseButton.LeftButton)
    assert end.findChild(QLabel, "end_reason_error").isVisible()  # type: ignore[union-attr]
    assert ctx.services.devices.get_line(line.id).status is LineStatus.ACTIVE  # type: ignore[union-attr]
    end.date_edit.setDate(QDate(2027, 1, 15))
    select_data(end.reason_combo, LineEndReason.PERTE)
    with qtbot.waitSignal(end.ended):
        qtbot.mouseClick(end.end_button, Qt.MouseButton.LeftButton)
    ended = ctx.services.devices.get_line(line.id)
    assert ended is not None and ended.status is LineStatus.TERMINATED
    assert (ended.end_date, ended.end_reason) == (date(2027, 1, 15), LineEndReason.PERTE)
    assert view.model.index(0, 6).data() == "Résiliée (Perte)"
    view.table.selectRow(0)
    assert not view.end_button.isEnabled()
    view.show_ended.setChecked(False)
    assert view.model.rowCount() == 0


def test_a_line_of_another_structure_shows_a_masked_number(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext
) -> None:
    from uuid import uuid4

    ctx.services.devices.add_line(
        ConnectivityLine(operator="SFR", line_number="07 99 88 77 66", structure_id=uuid4())
    )
    page.refresh()
    assert page.lines_view.model.index(0, 1).data() == "•• •• •• •• 66"
    # Its form shows the number masked, read-only, and an edit never sends it back.
    page.lines_view.table.selectRow(0)
    dialog = page.edit_line()
    assert isinstance(dialog, LineDialog)
    assert dialog.number_edit.text() == "•• •• •• •• 66" and dialog.number_edit.isReadOnly()
    dialog.plan_edit.setText("Data 20 Go")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (line,) = ctx.services.devices.lines()
    assert (line.line_number, line.data_plan) == ("07 99 88 77 66", "Data 20 Go")


@pytest.fixture
def threaded(store: Store) -> Iterator[AppContext]:
    runner = TaskRunner()
    yield AppContext(store, Services.of(store), runner)
    runner.shutdown()


def test_import_the_operator_s_list_with_progress_then_cancel(
    qtbot: QtBot, threaded: AppContext, tmp_path: Path
) -> None:
    ctx = threaded
    path = tmp_path / "lignes.csv"
    path.write_bytes(
        (
            "Opérateur;Numéro de ligne;Forfait;Date de fin\r\n"
            "Société Réseau;0700000001;Éducatif;30/06/2027\r\n"
            "Société Réseau;07000;Éducatif;30/06/2027\r\n"
            ";0700000003;;\r\n"
        ).encode("latin-1")
    )
    dialog = LineImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file_edit.setText(str(path))
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    assert (dialog.report.rows_read, dialog.report.imported) == (3, 1)
    assert dialog.error_model.line_numbers() == [3, 4]
    assert "1 ligne importée sur 3 lignes lues" in dialog.summary_label.text()
    assert "2 lignes ont été refusées" in dialog.summary_label.text()
    (line,) = ctx.services.devices.lines()
    assert (line.operator, line.data_plan) == ("Société Réseau", "Éducatif")

    # A long list, cancelled while it runs: the window answers, nothing is saved.
    big = tmp_path / "longue-liste.csv"
    big.write_text(
        "operateur;numero_ligne\n" + "".join(f"Orange;07{i:08d}\n" for i in range(1, 3001)),
        encoding="utf-8",
    )
    gate = threading.Event()
    ctx.runner.run(lambda _t: gate.wait(10))  # holds the database lane until we cancel
    dialog.file_edit.setText(str(big))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and dialog._close_button.text() == "Annuler"
    qtbot.mouseClick(dialog._close_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=10_000)
    assert "rien n’a été enregistré" in dialog.summary_label.text()
    assert len(ctx.services.devices.lines()) == 1


def test_device_sheet_opens_by_double_click_or_menu_and_saves_an_edit(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    box, handout_id = _box_on_loan(ctx, store)
    ctx.services.devices.add_line(
        ConnectivityLine(operator="Orange", line_number="07 00 11 22 33", device_id=box.id),
        handout_id=handout_id,  # type: ignore[arg-type]
    )
    page.refresh()
    page.tabs.setCurrentIndex(0)
    index = page.table.model().index(0, 0)  # the view's (sortable) model
    page.table.setCurrentIndex(index)
    page.table.doubleClicked.emit(index)
    sheet = page.last_dialog
    assert isinstance(sheet, DeviceSheetDialog)
    assert sheet.tag_edit.text() == "TNE95-B001" and sheet.model_edit.text() == "B535"
    # Its history: the loan, the family named (this structure lent it), still out.
    assert sheet.history_model.rowCount() == 1
    assert [sheet.history_model.index(0, c).data() for c in (0, 1, 2, 4)] == [
        "Prêt",
        "Fatou Diallo",
        "14/09/2026",
        "en cours",
    ]
    assert sheet.line_label.text().startswith("Orange · 07 00 11 22 33")

    # Typed then closed: asked first; « Annuler » keeps the sheet open.
    sheet.model_edit.setText("B535-232")
    asked: list[str] = []

    def answer(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    sheet.reject()
    assert asked == ["Modifications non enregistrées"] and sheet.isVisible()

    # Saved through DeviceService: the store holds it.
    select_data(sheet.condition_combo, DeviceCondition.WORN)
    sheet.notes_edit.setPlainText("Antenne recollée.")
    with qtbot.waitSignal(sheet.saved):
        qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    saved = ctx.services.devices.get(box.id)
    assert saved is not None
    assert (saved.model, saved.condition, saved.notes) == (
        "B535-232",
        DeviceCondition.WORN,
        "Antenne recollée.",
    )
    assert not sheet.isVisible()

    # A bad value is refused under its field, nothing lost.
    again = page.open_sheet(saved)
    assert isinstance(again, DeviceSheetDialog)
    again.imei_edit.setText("123")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.findChild(QLabel, "imei_error").isVisible()  # type: ignore[union-attr]
    assert again.isVisible() and ctx.services.devices.get(box.id).imei is None  # type: ignore[union-attr]
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    again.reject()

    # Right-click › « Fiche… » opens it too.
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, _pos: shown.append(self))
    fresh = page.table.model().index(0, 0)  # the list was reloaded by the save
    page.table.customContextMenuRequested.emit(page.table.visualRect(fresh).center())
    (menu,) = shown
    (action,) = menu.actions()
    assert action.text().replace("&", "") == "Fiche…"
    action.trigger()
    assert isinstance(page.last_dialog, DeviceSheetDialog) and page.last_dialog is not again
