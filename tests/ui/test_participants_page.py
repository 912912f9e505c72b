"""The Participants screen on a real temporary store (pytest-qt, inline runner)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import ConsentMode, ConsentPurpose, Presence, Theme
from mediator_app.local_store import Store
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.participants import ParticipantFilter
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.participant_editor import ParticipantEditor
from mediator_app.ui.models.participant_table import (
    ROW_ROLE,
    ParticipantColumn,
    ParticipantTableModel,
)
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.tasks import InlineRunner
from tests.support.pdftext import pdf_text


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(store, Services.of(store), InlineRunner())


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> ParticipantsPage:
    p = ParticipantsPage(ctx)
    p.open_documents = False
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    return p


def _outbox_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(outbox)).scalar_one())


def _total(ctx: AppContext) -> int:
    return ctx.services.participants.search(ParticipantFilter(include_anonymised=True)).total


def _editor(page: ParticipantsPage) -> ParticipantEditor:
    editor = page.new_participant()
    assert editor.isVisible()
    return editor


def _error(widget: ParticipantEditor, field: str) -> QLabel:
    label = widget.findChild(QLabel, f"{field}_error")
    assert label is not None, field
    return label


def _click_when_modal(qtbot: QtBot, button_name: str) -> None:
    """Click a button of the next modal dialog (the confirmation) once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, click)
            return
        button = box.findChild(QPushButton, button_name)
        assert button is not None
        button.click()

    QTimer.singleShot(0, click)


def test_model_pages_in_sql_and_passes_the_model_tester(
    qtmodeltester: ModelTester, ctx: AppContext
) -> None:
    svc = ctx.services.participants
    for i in range(130):
        svc.create(Participant(first_name=f"Prénom{i:03}", last_name="Durand", commune="Sarcelles"))
    svc.create(Participant(first_name="Awa", last_name="Keita", phone="0612345678"))
    flt = ParticipantFilter()
    model = ParticipantTableModel()
    model.fetch_page = lambda offset: model.append_page(svc.search(flt, offset=offset, limit=50))
    model.set_page(svc.search(flt, offset=0, limit=50))
    assert model.rowCount() == 50 and model.total == 131
    assert model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 131
    awa = next(r for r in range(131) if model.row_at(r).participant.first_name == "Awa")
    assert model.index(awa, ParticipantColumn.PHONE).data() == "06 12 34 56 78"
    assert model.index(awa, ParticipantColumn.NAME).data() == "KEITA Awa"
    assert model.index(awa, ParticipantColumn.CONSENT).data() == "Non recueilli"
    assert model.index(awa, 0).data(ROW_ROLE).participant.first_name == "Awa"
    qtmodeltester.check(model)


def test_search_and_anonymised_badge(qtbot: QtBot, page: ParticipantsPage, ctx: AppContext) -> None:
    svc = ctx.services.participants
    svc.create(Participant(first_name="Éloïse", last_name="Martin", phone="06 11 22 33 44"))
    gone = svc.create(Participant(first_name="Yves", last_name="Morel")).value
    ctx.services.privacy.anonymise(gone.id)
    page.refresh()
    assert page.model.rowCount() == 1
    qtbot.keyClicks(page.search_edit, "eloise")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "1 parent" in page.count_label.text())
    page.search_edit.setText("11 22 33")
    page.refresh()
    assert page.model.rowCount() == 1
    page.search_edit.setText("zzz")
    page.refresh()
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "Aucun parent ne correspond"
    page.search_edit.clear()
    page.anonymised_checkbox.setChecked(True)
    assert page.model.rowCount() == 2
    badges = [page.model.index(r, ParticipantColumn.BADGE).data() for r in range(2)]
    assert "« anonymisé »" in badges


def test_form_errors_are_shown_inline_and_nothing_is_saved(
    qtbot: QtBot, page: ParticipantsPage, ctx: AppContext, store: Store
) -> None:
    before = _outbox_count(store)
    editor = _editor(page)
    qtbot.keyClicks(editor.phone_edit, "12 34")
    qtbot.keyClicks(editor.email_edit, "pas-une-adresse")
    editor.consent_group.setChecked(True)  # consent ticked but no purpose
    editor.notes_edit.setPlainText("x" * 501)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    for field in ("last_name", "phone", "email", "consent_purposes", "notes"):
        label = _error(editor, field)
        assert label.isVisible(), field
        assert label.text().startswith("⚠ "), field
    assert "numéro français" in _error(editor, "phone").text()
    assert not _error(editor, "first_name").isVisible()
    assert "⚠" in editor.findChild(QLabel, "notes_counter").text()  # type: ignore[union-attr]
    assert _total(ctx) == 0
    assert _outbox_count(store) == before

    # Fixed, it saves, and the phone is stored in E.164.
    editor.last_name_edit.setText("Traoré")
    editor.phone_edit.setText("06 98 76 54 32")
    editor.email_edit.clear()
    editor.notes_edit.setPlainText("Préfère être appelée le matin.")
    editor.findChild(QAbstractButton, "consent_purpose_suivi").setChecked(True)  # type: ignore[union-attr]
    editor.findChild(QAbstractButton, "consent_mode_ecrit").setChecked(True)  # type: ignore[union-attr]
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = ctx.services.participants.search(ParticipantFilter()).rows[0].participant
    assert saved.last_name == "Traoré" and saved.phone == "+33698765432"
    assert saved.consent_purposes == (ConsentPurpose.SUIVI,)
    assert saved.consent_mode is ConsentMode.WRITTEN
    assert saved.consent_date == date.today()
    assert saved.notice_version == "1"
    assert page.model.rowCount() == 1
    assert page.detail.name_label.text() == "Traoré"


def test_duplicate_warning_offers_the_existing_record_or_create_anyway(
    qtbot: QtBot, page: ParticipantsPage, ctx: AppContext
) -> None:
    existing = ctx.services.participants.create(
        Participant(first_name="Fatou", last_name="Diallo", phone="0612345678", commune="Garges")
    ).value
    page.refresh()

    editor = _editor(page)
    qtbot.keyClicks(editor.first_name_edit, "fatou")
    qtbot.keyClicks(editor.last_name_edit, "DIALLO")
    qtbot.keyClicks(editor.phone_edit, "06 12 34 56 78")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.duplicate_panel.isVisible()
    assert editor.duplicate_list.count() == 1
    assert "même nom" in editor.duplicate_list.item(0).text()
    assert "même téléphone" in editor.duplicate_list.item(0).text()
    assert _total(ctx) == 1
    with qtbot.waitSignal(editor.open_existing_requested) as opened:
        qtbot.mouseClick(
            editor.findChild(QPushButton, "open_existing_button"), Qt.MouseButton.LeftButton
        )
    assert opened.args == [existing.id]
    assert not editor.isVisible()
    assert _total(ctx) == 1
    assert page.selected_participant() is not None
    assert page.selected_participant().id == existing.id  # type: ignore[union-attr]

    editor = _editor(page)
    qtbot.keyClicks(editor.first_name_edit, "Fatou")
    qtbot.keyClicks(editor.last_name_edit, "Diallo")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.duplicate_panel.isVisible()
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(
            editor.findChild(QPushButton, "create_anyway_button"), Qt.MouseButton.LeftButton
        )
    assert _total(ctx) == 2


def test_edit_keeps_children_and_history_lists_workshops(
    qtbot: QtBot, page: ParticipantsPage, ctx: AppContext
) -> None:
    p = ctx.services.participants.create(Participant(first_name="Nadia", last_name="Benali")).value
    w = ctx.services.workshops.create(
        Workshop(
            title="Pronote pas à pas",
            date=date.today() - timedelta(days=3),
            themes=(Theme.PARENTALITE,),
            commune="Sarcelles",
        )
    ).value
    ctx.services.attendance.mark(w.id, p.id, Presence.PRESENT)
    page.refresh()
    page.table.selectRow(0)
    assert page.detail.name_label.text() == "Nadia Benali"
    items = [
        page.detail.workshops_list.item(i).text() for i in range(page.detail.workshops_list.count())
    ]
    assert any("Pronote pas à pas" in t for t in items)
    assert "1 présence" in page.detail.workshops_title.text()

    editor = page.edit_selected()
    assert editor is not None
    qtbot.mouseClick(editor.findChild(QPushButton, "add_child_button"), Qt.MouseButton.LeftButton)
    child_name = editor.findChild(QLineEdit, "child_first_name_0")
    assert child_name is not None
    child_name.setText("Inès")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = ctx.services.participants.get(p.id)
    assert saved is not None and [c.first_name for c in saved.children] == ["Inès"]
    assert "1 enfant" in page.detail.info_label.text()


def test_export_one_person_writes_json_and_pdf(
    qtbot: QtBot, page: ParticipantsPage, ctx: AppContext
) -> None:
    ctx.services.participants.create(
        Participant(
            first_name="Mariam",
            last_name="Coulibaly",
            phone="0611111111",
            consent_date=date.today(),
            consent_purposes=(ConsentPurpose.SUIVI, ConsentPurpose.STATISTIQUES),
            consent_mode=ConsentMode.ORAL,
            notice_version="2",
        )
    )
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.detail.export_button, Qt.MouseButton.LeftButton)
    assert page.last_export is not None
    json_path, pdf_path = page.last_export
    assert json_path.parent == page.exports_folder
    assert "Coulibaly" not in json_path.name  # no personal data in file names
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["participant"]["last_name"] == "Coulibaly"
    assert data["consent"]["purposes"] == ["suivi", "statistiques"]
    text = pdf_text(pdf_path)
    assert "Données personnelles – Mariam Coulibaly" in text
    assert "06 11 11 11 11" in text
    assert "Suivi de l’accompagnement, Statistiques" in text
    assert json_path.name in page.detail.status_label.text()


def _confirm_then(
    qtbot: QtBot, page: ParticipantsPage, action: Callable[[], None], button: str
) -> None:
    _click_when_modal(qtbot, button)
    action()


def test_anonymise_and_erase_ask_first_and_say_what_happens(
    qtbot: QtBot, page: ParticipantsPage, ctx: AppContext
) -> None:
    svc = ctx.services.participants
    a = svc.create(Participant(first_name="Leïla", last_name="Haddad", phone="0622222222")).value
    b = svc.create(Participant(first_name="Omar", last_name="Sy")).value
    page.refresh()

    page.open_participant(a.id)
    assert page.selected_participant().id == a.id  # type: ignore[union-attr]
    _confirm_then(qtbot, page, page.anonymise_selected, "cancel_button")
    assert svc.get(a.id).anonymised is False  # type: ignore[union-attr]

    _confirm_then(qtbot, page, page.anonymise_selected, "confirm_button")
    wiped = svc.get(a.id)
    assert wiped is not None and wiped.anonymised and wiped.phone is None
    assert wiped.first_name == ""
    assert page.detail.status_label.text() == "La fiche a été anonymisée."

    page.open_participant(b.id)
    _confirm_then(qtbot, page, page.erase_selected, "confirm_button")
    assert svc.get(b.id) is None
    assert page.detail.status_label.text() == "La fiche a été effacée."
    assert all(r.participant.id != b.id for r in page.model.rows())
