"""The handout wizard end to end: family, devices, agreement, drawn signature, PDF, return.

Runs on the real task runner (database work and the PDF on the worker thread) over a real
temporary store.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mediator_app.core.entities import AgreementTemplate, Device, Participant, Structure
from mediator_app.core.enums import (
    DeviceStatus,
    DeviceType,
    EndReason,
    HandoutNature,
    HandoutProgramme,
    StructureKind,
)
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.handouts import PNG_MAGIC, agreement_sha256
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.handout_wizard import HandoutWizard
from mediator_app.ui.dialogs.return_dialog import ReturnDialog
from mediator_app.ui.i18n import install_language
from mediator_app.ui.pages.devices import DevicesPage
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.forms import select_data
from tests.support.pdftext import page_texts, pdf_text
from tests.support.printing import pdf_printer

TEMPLATE = (
    "Convention de {{nature}} – Réussite connectée\n"
    "Entre {{structure}} et {{famille}}, responsable légal de {{eleve}} ({{niveau}}).\n"
    "Matériel :\n{{equipements}}\nAccessoires : {{accessoires}}.\n"
    "Retour prévu le {{date_retour}}. Signé par {{signataire}} ({{qualite}})."
)


@pytest.fixture
def ctx(store: Store) -> Iterator[AppContext]:
    runner = TaskRunner()
    yield AppContext(store, Services.of(store), runner)
    runner.shutdown()


def _setup(store: Store) -> tuple[Participant, list[Device]]:
    services = Services.of(store)
    guardian = services.participants.create(
        Participant(first_name="Fatou", last_name="Diallo", phone="06 12 34 56 78")
    ).value
    services.participants.create(Participant(first_name="Jean", last_name="Martin"))
    with store.write() as tx:  # reference data, as a pull would bring it
        tx.insert(
            AgreementTemplate(
                title="Convention Réussite connectée",
                text=TEMPLATE,
                valid_from=date(2025, 1, 1),
                department_code="95",
            )
        )
    laptops = [
        services.devices.add(
            Device(
                device_type=DeviceType.LAPTOP,
                brand="Dell",
                model="Latitude 3540",
                serial_number=f"SN-{i}",
                asset_tag=f"TNE95-000{i}",
            )
        ).value
        for i in (1, 2)
    ]
    return guardian, laptops


def _draw(qtbot: QtBot, wizard: HandoutWizard) -> None:
    canvas = wizard.signature_page.pad.canvas
    qtbot.waitUntil(lambda: canvas.width() > 100)
    y = canvas.height() // 2
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(30, y))
    for x in range(40, 260, 12):
        qtbot.mouseMove(canvas, QPoint(x, y + (x % 36) - 18))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(270, y))


def _next(qtbot: QtBot, wizard: HandoutWizard) -> None:
    button = wizard.findChild(QPushButton, "next_button")
    assert button is not None
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_hand_out_a_laptop_with_a_drawn_signature_then_take_it_back(
    qtbot: QtBot, ctx: AppContext, store: Store, data_dir: Path, tmp_path: Path
) -> None:
    guardian, laptops = _setup(store)
    wizard = HandoutWizard(ctx)
    wizard.open_documents = False
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Suivant >"

    # Page 1: find the family, name the pupil.
    search = wizard.findChild(QLineEdit, "guardian_search")
    assert search is not None
    qtbot.keyClicks(search, "diallo")
    guardians = wizard.findChild(QListWidget, "guardian_list")
    assert guardians is not None
    qtbot.waitUntil(lambda: guardians.count() == 1)
    assert not wizard.family_page.isComplete()
    guardians.setCurrentRow(0)
    assert wizard.family_page.guardian is not None
    assert wizard.family_page.guardian.id == guardian.id
    qtbot.keyClicks(wizard.family_page.pupil_first_name, "Moussa")
    wizard.family_page.pupil_level.setCurrentText("4e")
    _next(qtbot, wizard)

    # Page 2: the scanner types the tag then Enter; the charger is ticked.
    devices_page = wizard.devices_page
    qtbot.waitUntil(lambda: devices_page.device_list.count() == 2)
    assert not devices_page.isComplete()
    qtbot.keyClicks(devices_page.scan_edit, "tne95-0001")
    qtbot.keyClick(devices_page.scan_edit, Qt.Key.Key_Return)
    assert [d.id for d in devices_page.selected()] == [laptops[0].id]
    assert "TNE95-0001" in devices_page.scan_status.text()
    assert devices_page.scan_edit.text() == ""
    charger = wizard.findChild(QCheckBox, "accessory_chargeur")
    assert charger is not None
    charger.setChecked(True)
    _next(qtbot, wizard)

    # Page 3: the frozen text, read-only, with its hash; the return date is required.
    agreement = wizard.agreement_page
    qtbot.waitUntil(lambda: agreement.shown_sha256 is not None)
    text = agreement.text_view.toPlainText()
    assert agreement.text_view.isReadOnly()
    assert "Fatou Diallo" in text and "Moussa Diallo (4e)" in text and "TNE95-0001" in text
    assert "chargeur" in text
    assert agreement.shown_sha256 == agreement_sha256(text)
    assert agreement.shown_sha256 in agreement.hash_label.text()
    assert agreement.signer_edit.text() == "Fatou Diallo"
    _next(qtbot, wizard)

    # Page 4: nothing drawn yet, so « Enregistrer » is not available.
    finish = wizard.findChild(QPushButton, "finish_button")
    assert finish is not None
    assert not wizard.signature_page.isComplete()
    _draw(qtbot, wizard)
    assert not wizard.signature_page.pad.is_empty()
    qtbot.waitUntil(finish.isEnabled)
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    handout = wizard.handout
    assert handout is not None
    saved = ctx.services.handouts.get(handout.id)
    assert saved is not None
    assert saved.nature is HandoutNature.LOAN
    assert saved.guardian_id == guardian.id
    assert saved.device_ids == (laptops[0].id,)
    assert saved.signature_png is not None and saved.signature_png.startswith(PNG_MAGIC)
    assert saved.agreement_text == text and saved.agreement_hash == agreement_sha256(text)
    assert saved.accessories == ("chargeur",)
    assert saved.pupil_first_name == "Moussa"
    assert saved.expected_return is not None and saved.expected_return > date.today()
    loaned = ctx.services.devices.get(laptops[0].id)
    assert loaned is not None and loaned.status is DeviceStatus.LOANED
    other = ctx.services.devices.get(laptops[1].id)
    assert other is not None and other.status is DeviceStatus.IN_STOCK
    with store.read() as conn:
        ops = conn.execute(select(outbox.c.entity).where(outbox.c.row_id == handout.id)).all()
    assert [o.entity for o in ops] == ["handout"]

    # The convention PDF, in the data folder's exports, holds the frozen text.
    assert wizard.pdf_path is not None
    assert wizard.pdf_path.parent == data_dir / "exports"
    pdf = pdf_text(wizard.pdf_path)
    assert "Convention de prêt de matériel" in pdf
    assert "Fatou Diallo" in pdf
    assert "responsable légal de Moussa Diallo (4e)" in pdf
    assert agreement_sha256(text) in pdf.replace("\n", "")
    assert " ".join(pdf.split()).count("Signé par") == 1

    # « Imprimer… »: the same convention laid out on a printer (here one writing a PDF).
    printed = tmp_path / "imprimante.pdf"
    wizard.printer.choose_printer = pdf_printer(printed)
    with qtbot.waitSignal(wizard.printer.printed, timeout=20_000) as blocker:
        assert wizard.print_convention()
    assert blocker.args == [len(page_texts(printed))]
    assert " ".join(pdf_text(printed).split()) == " ".join(pdf.split())
    notice = wizard.show_document()
    assert notice is not None and notice.informativeText() == str(wizard.pdf_path)
    assert notice.findChild(QPushButton, "print_button") is not None
    notice.close()

    # The return: from the Matériel screen's « Remises en cours ».
    page = DevicesPage(ctx)
    page.open_documents = False
    qtbot.addWidget(page)
    page.resize(1200, 700)  # laid out, as the other Matériel tests click it
    page.show()
    qtbot.waitUntil(lambda: page.open_list.model.rowCount() == 1)
    assert "(1)" in page.tabs.tabText(3)
    page.tabs.setCurrentWidget(page.open_list)
    page.open_list.table.selectRow(0)
    assert page.open_list.return_button.isEnabled()
    qtbot.mouseClick(page.open_list.return_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, ReturnDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "end_reason_error")
    assert error is not None and error.isVisible() and error.text().startswith("⚠")
    assert ctx.services.handouts.get(handout.id).returned_at is None  # type: ignore[union-attr]
    select_data(dialog.reason_combo, EndReason.FIN_SCOLARITE)
    with qtbot.waitSignal(dialog.returned, timeout=5_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    back = ctx.services.devices.get(laptops[0].id)
    assert back is not None and back.status is DeviceStatus.IN_STOCK
    closed = ctx.services.handouts.get(handout.id)
    assert closed is not None and closed.end_reason is EndReason.FIN_SCOLARITE
    qtbot.waitUntil(lambda: page.open_list.model.rowCount() == 0)


def test_paper_signature_and_gift_need_no_drawing_or_return_date(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    guardian, laptops = _setup(store)
    wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[laptops[1].id])
    wizard.open_documents = False
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.family_page.isComplete())
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.devices_page.isComplete())
    assert [d.id for d in wizard.devices_page.selected()] == [laptops[1].id]
    _next(qtbot, wizard)
    agreement = wizard.agreement_page
    agreement.gift_radio.setChecked(True)
    assert not agreement.return_edit.isEnabled()
    qtbot.waitUntil(lambda: agreement.shown_sha256 is not None)
    assert "sans objet" in agreement.text_view.toPlainText()
    _next(qtbot, wizard)
    paper = wizard.findChild(QCheckBox, "signature_paper_checkbox")
    assert paper is not None
    assert not wizard.signature_page.isComplete()
    paper.setChecked(True)  # the keyboard way: no drawing needed
    assert wizard.signature_page.isComplete()
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.handout is not None
    saved = ctx.services.handouts.get(wizard.handout.id)
    assert saved is not None and saved.nature is HandoutNature.GIFT
    assert saved.expected_return is None
    assert saved.signature_png is not None and saved.signature_png.startswith(PNG_MAGIC)
    device = ctx.services.devices.get(laptops[1].id)
    assert device is not None and device.status is DeviceStatus.HANDED_OUT
    assert wizard.pdf_path is not None
    assert "Attestation de remise de matériel" in pdf_text(wizard.pdf_path)


def test_without_a_synced_template_the_wizard_says_why_it_cannot_go_on(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    services = Services.of(store)
    guardian = services.participants.create(Participant(first_name="A", last_name="B")).value
    device = services.devices.add(Device(serial_number="S1", asset_tag="T1")).value
    wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[device.id])
    wizard.open_documents = False
    qtbot.addWidget(wizard)
    wizard.show()
    error = wizard.findChild(QLabel, "agreement_template_id_error")
    assert error is not None
    qtbot.waitUntil(lambda: "synchronisez" in error.text())
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.devices_page.isComplete())
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.agreement_page
    assert not wizard.agreement_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_device_taken_meanwhile_is_refused_with_its_tag(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    guardian, laptops = _setup(store)
    wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[laptops[0].id])
    wizard.open_documents = False
    qtbot.addWidget(wizard)
    wizard.show()
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.devices_page.isComplete())
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.agreement_page.shown_sha256 is not None)
    _next(qtbot, wizard)
    # Another screen sends the laptop to repair while the family reads.
    ctx.services.devices.set_status(laptops[0].id, DeviceStatus.IN_REPAIR)
    wizard.signature_page.pad.paper_checkbox.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: "TNE95-0001" in wizard.general_error.text())
    assert wizard.isVisible() and wizard.handout is None
    assert ctx.services.handouts.open_handouts() == ()
    assert date.today() + timedelta(days=1) > date.today()


def _schools(store: Store) -> tuple[Structure, Structure]:
    with store.write() as tx:  # reference data, as a pull would bring it
        college = tx.insert(
            Structure(name="Collège Jean Moulin", kind=StructureKind.COLLEGE, uai="0951234A")
        )
        ecole = tx.insert(
            Structure(name="École Paul Éluard", kind=StructureKind.ECOLE, uai="0955678B")
        )
    return college, ecole


def _index(wizard: HandoutWizard, school: Structure) -> int:
    combo = wizard.family_page.pupil_school
    found = [i for i in range(combo.count()) if combo.itemData(i) == school.id]
    return found[0] if found else -1


def _pick(wizard: HandoutWizard, school: Structure) -> None:
    wizard.family_page.pupil_school.setCurrentIndex(_index(wizard, school))


def test_a_college_pupil_is_ticked_for_reussite_connectee_and_can_be_unticked(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    guardian, laptops = _setup(store)
    college, ecole = _schools(store)
    # The structure holds devices bought for the programme: it takes part.
    ctx.services.devices.add(
        Device(serial_number="SN-RC", asset_tag="TNE95-0100", programme="Réussite connectée")
    )
    wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[laptops[0].id])
    wizard.open_documents = False
    qtbot.addWidget(wizard)
    wizard.show()
    family = wizard.family_page
    qtbot.waitUntil(lambda: _index(wizard, college) >= 0)
    assert family.takes_part_in_reussite
    assert not family.reussite_check.isChecked()  # no school yet

    _pick(wizard, college)
    assert family.reussite_check.isChecked()
    assert "Collège Jean Moulin" in family.reussite_note.text()
    assert "Décochez-la" in family.reussite_note.text()
    family.reussite_check.setChecked(False)  # the mediator knows better
    assert "ne comptera pas pour Réussite Connectée" in family.reussite_note.text()
    _pick(wizard, ecole)
    assert not family.reussite_check.isChecked()

    _pick(wizard, college)
    assert family.reussite_check.isChecked()
    _pick(wizard, ecole)  # ticked by us, so unticked by us — and said
    assert not family.reussite_check.isChecked()
    assert "n’est pas un collège" in family.reussite_note.text()
    _pick(wizard, college)
    draft = wizard.draft()
    assert draft.programme is HandoutProgramme.REUSSITE_CONNECTEE
    assert draft.pupil_school_id == college.id


def test_a_structure_outside_the_programme_is_never_ticked(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    guardian, laptops = _setup(store)
    college, _ecole = _schools(store)
    assert not ctx.services.handouts.takes_part_in_reussite()
    wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[laptops[0].id])
    qtbot.addWidget(wizard)
    wizard.show()
    family = wizard.family_page
    qtbot.waitUntil(lambda: _index(wizard, college) >= 0)
    _pick(wizard, college)
    assert not family.reussite_check.isChecked()
    assert family.reussite_note.text() == ""
    assert wizard.draft().programme is None


def test_the_convention_stays_french_in_the_english_interface(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext, store: Store
) -> None:
    before = QLocale()
    translators = install_language(qapp, "en")
    try:
        guardian, laptops = _setup(store)
        wizard = HandoutWizard(ctx, guardian=guardian, device_ids=[laptops[1].id])
        wizard.open_documents = False
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: wizard.family_page.isComplete())
        _next(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.devices_page.isComplete())
        on_screen = wizard.devices_page.device_list.item(0).text()
        assert "Laptop" in on_screen  # the screen follows the language
        _next(qtbot, wizard)
        wizard.agreement_page.gift_radio.setChecked(True)
        qtbot.waitUntil(lambda: wizard.agreement_page.shown_sha256 is not None)
        _next(qtbot, wizard)
        paper = wizard.findChild(QCheckBox, "signature_paper_checkbox")
        assert paper is not None
        paper.setChecked(True)
        with qtbot.waitSignal(wizard.finished, timeout=10_000):
            wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.pdf_path is not None
        text = pdf_text(wizard.pdf_path)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
    # The document does not: an official paper, French whatever the interface's language.
    assert "Attestation de remise de matériel" in text
    assert "Ordinateur portable" in text
    assert "Laptop" not in text and "certificate" not in text
