"""The Matériel screen: inventory, scanner entry, CSV import report, handout lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import AgreementTemplate, Device, Participant
from mediator_app.core.enums import DeviceStatus, DeviceType, HandoutNature, SignerCapacity
from mediator_app.local_store import Store
from mediator_app.local_store.services.devices import DeviceFilter
from mediator_app.local_store.services.handouts import HandoutDraft
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.device_import import DeviceImportDialog
from mediator_app.ui.models.device_table import (
    DeviceColumn,
    DeviceTableModel,
    HandoutColumn,
    HandoutTableModel,
    ImportErrorModel,
)
from mediator_app.ui.pages.devices import AddDeviceDialog, DevicesPage
from mediator_app.ui.tasks import InlineRunner
from mediator_app.ui.widgets.forms import select_data

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


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


def _devices(ctx: AppContext) -> list[Device]:
    return list(ctx.services.devices.list(DeviceFilter(), limit=1000).rows)


def _loan(ctx: AppContext, store: Store, device: Device, handed: datetime, due: date) -> None:
    guardian = ctx.services.participants.create(
        Participant(first_name="Fatou", last_name="Diallo")
    ).value
    with store.write() as tx:
        template = tx.insert(AgreementTemplate(title="Convention", text="Prêt à {{famille}}."))
    ctx.services.handouts.open_handout(
        HandoutDraft(
            nature=HandoutNature.LOAN,
            guardian_id=guardian.id,
            device_ids=(device.id,),
            handed_at=handed,
            agreement_template_id=template.id,
            expected_return=due,
        ),
        signature_png=PNG,
        signer_name="Fatou Diallo",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=handed,
    )


def test_scanner_types_the_tag_then_enter_and_the_device_is_added(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext
) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, AddDeviceDialog)
    select_data(dialog.type_combo, DeviceType.TABLET)
    qtbot.keyClicks(dialog.brand_edit, "Lenovo")
    # Serial scanned first: Enter moves on to the tag field.
    qtbot.keyClicks(dialog.serial_edit, "PF-123456")
    qtbot.keyClick(dialog.serial_edit, Qt.Key.Key_Return)
    assert _devices(ctx) == []
    # The scanner sends the code, then Enter: saved, and ready for the next scan.
    qtbot.keyClicks(dialog.tag_edit, "TNE95-0101")
    qtbot.keyClick(dialog.tag_edit, Qt.Key.Key_Return)
    devices = _devices(ctx)
    assert [(d.asset_tag, d.serial_number, d.device_type, d.brand) for d in devices] == [
        ("TNE95-0101", "PF-123456", DeviceType.TABLET, "Lenovo")
    ]
    assert dialog.isVisible()
    assert dialog.tag_edit.text() == "" and dialog.serial_edit.text() == ""
    assert dialog.brand_edit.text() == "Lenovo"  # kept for the next one of the batch
    assert "TNE95-0101" in dialog.added_label.text()
    assert page.model.rowCount() == 1  # the inventory refreshed through the change hub

    # A tag already used is refused inline; nothing is saved; the tag is selected to rescan.
    qtbot.keyClicks(dialog.serial_edit, "PF-999")
    qtbot.keyClicks(dialog.tag_edit, "tne95-0101")
    qtbot.keyClick(dialog.tag_edit, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "asset_tag_error")
    assert error is not None and error.isVisible() and error.text().startswith("⚠")
    assert len(_devices(ctx)) == 1
    assert dialog.tag_edit.selectedText() == "tne95-0101"

    # Enter with no serial number: the missing field is said, nothing saved.
    dialog.serial_edit.clear()
    dialog.tag_edit.setText("TNE95-0102")
    qtbot.keyClick(dialog.tag_edit, Qt.Key.Key_Return)
    serial_error = dialog.findChild(QLabel, "serial_number_error")
    assert serial_error is not None and serial_error.isVisible()
    assert len(_devices(ctx)) == 1


def test_csv_import_reports_bad_lines_by_number_and_keeps_good_rows(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext, tmp_path: Path
) -> None:
    csv_file = tmp_path / "materiel.csv"
    csv_file.write_text(
        "type;marque;modele;numero_serie;numero_inventaire;etat\n"
        "ordinateur portable;Dell;Latitude;SN-1;TNE-1;neuf\n"
        "tablette;Lenovo;Tab M10;;TNE-2;bon\n"
        "box 4G;Huawei;B535;SN-3;TNE-3;neuf\n"
        "grille-pain;Moulinex;;SN-4;TNE-4;neuf\n"
        "ordinateur portable;HP;250 G8;SN-5;TNE-1;neuf\n",
        encoding="utf-8",
    )
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, DeviceImportDialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # no file chosen
    assert dialog.findChild(QLabel, "file_error").isVisible()  # type: ignore[union-attr]
    dialog.file_edit.setText(str(csv_file))
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    assert sorted(d.asset_tag for d in _devices(ctx)) == ["TNE-1", "TNE-3"]
    assert dialog.error_model.line_numbers() == [3, 5, 6]
    assert dialog.error_table.isVisible()
    messages = [dialog.error_model.index(r, 1).data() for r in range(dialog.error_model.rowCount())]
    assert "numéro de série" in messages[0]
    assert "grille-pain" in messages[1]
    assert "TNE-1" in messages[2] and "ligne 2" in messages[2]
    summary = dialog.summary_label.text()
    assert "2 équipements importés sur 5 lignes lues" in summary
    assert "3 lignes ont été refusées" in summary
    assert page.model.rowCount() == 2


def test_csv_without_required_columns_imports_nothing(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext, tmp_path: Path
) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("marque;modele\nDell;Latitude\n", encoding="utf-8")
    dialog = page.import_devices()
    dialog.file_edit.setText(str(csv_file))
    dialog.start_import()
    error = dialog.findChild(QLabel, "file_error")
    assert error is not None and error.isVisible() and "numero_serie" in error.text()
    assert _devices(ctx) == []


def test_filters_and_overdue_and_due_lists(
    qtbot: QtBot, page: DevicesPage, ctx: AppContext, store: Store
) -> None:
    svc = ctx.services.devices
    laptop = svc.add(Device(serial_number="S1", asset_tag="A-1", brand="Dell")).value
    late = svc.add(Device(serial_number="S2", asset_tag="A-2", brand="Dell")).value
    soon = svc.add(Device(serial_number="S3", asset_tag="A-3", brand="Dell")).value
    svc.add(Device(device_type=DeviceType.BOX_4G, serial_number="S4", asset_tag="B-1"))
    today = date.today()
    _loan(ctx, store, late, datetime.now(UTC) - timedelta(days=60), today - timedelta(days=5))
    _loan(ctx, store, soon, datetime.now(UTC) - timedelta(days=30), today + timedelta(days=3))
    page.refresh()
    assert page.model.rowCount() == 4
    assert "2 prêtés" in page.counts_label.text() and "2 en stock" in page.counts_label.text()
    select_data(page.type_filter, DeviceType.BOX_4G)
    assert [page.model.row_at(r).asset_tag for r in range(page.model.rowCount())] == ["B-1"]
    select_data(page.type_filter, None)
    select_data(page.status_filter, DeviceStatus.LOANED)
    assert page.model.rowCount() == 2
    assert page.model.index(0, DeviceColumn.STATUS).data() == "Prêté"
    select_data(page.status_filter, None)
    page.search_edit.setText("a-1")
    page.refresh()
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [laptop.id]

    assert page.overdue.model.rowCount() == 1
    assert page.overdue.model.index(0, HandoutColumn.DEVICES).data() == "A-2"
    assert page.overdue.model.index(0, HandoutColumn.LATE).data() == "⚠ 5 jours de retard"
    assert page.tabs.tabText(1).startswith("⚠ ") and "(1)" in page.tabs.tabText(1)
    assert page.due.model.rowCount() == 1
    assert page.due.model.index(0, HandoutColumn.LATE).data() == "À rendre dans 3 jours"
    assert page.open_list.model.rowCount() == 2
    assert page.overdue.model.index(0, HandoutColumn.FAMILY).data() == "Fatou Diallo"


def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, ctx: AppContext, store: Store
) -> None:
    svc = ctx.services.devices
    for i in range(30):
        svc.add(Device(serial_number=f"S{i}", asset_tag=f"T{i:02}"))
    model = DeviceTableModel()
    model.fetch_page = lambda offset: model.append_page(
        svc.list(DeviceFilter(), offset=offset, limit=10)
    )
    model.set_page(svc.list(DeviceFilter(), offset=0, limit=10))
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 30
    assert model.index(0, DeviceColumn.TYPE).data() == "Ordinateur portable"

    devices = _devices(ctx)
    _loan(ctx, store, devices[0], datetime.now(UTC), date.today() + timedelta(days=10))
    handouts = HandoutTableModel()
    handouts.set_rows(ctx.services.handouts.open_handouts())
    assert handouts.rowCount() == 1
    qtmodeltester.check(handouts)

    errors = ImportErrorModel()
    errors.set_errors(["Ligne 4 : le type est obligatoire.", "Fichier illisible."])
    assert errors.index(0, 0).data() == "4" and errors.index(0, 1).data().startswith("Le type")
    assert errors.index(1, 0).data() == ""
    qtmodeltester.check(errors)
