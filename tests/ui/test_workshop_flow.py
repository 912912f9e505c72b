"""A whole café des parents through the Ateliers screens, on a real store and the real task
runner: editor -> registrations -> check-in -> anonymous counts -> held, then the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import (
    AgeBand,
    Gender,
    Level,
    Material,
    Presence,
    RegistrationStatus,
    SocialStatus,
    StructureKind,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store import Store
from mediator_app.local_store.schema import entity_tables, outbox
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports.exporter import export
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import TaskRunner

DAY = date(2026, 3, 5)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _ops(store: Store) -> list[tuple[str, str, dict[str, Any]]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(outbox.c.entity, outbox.c.kind, outbox.c.changes).order_by(outbox.c.client_seq)
        ).all()
    return [(r.entity, r.kind, dict(r.changes)) for r in rows]


def _page(qtbot: QtBot, store: Store, runner: TaskRunner) -> WorkshopsPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx)
    page.open_files = False
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.count_label.text().endswith("atelier"), timeout=5_000)
    return page


def _child(parent: Any, kind: type, name: str) -> Any:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def _editor(qtbot: QtBot, page: WorkshopsPage) -> WorkshopEditor:
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isActiveWindow(), timeout=5_000)
    editor = page.editor
    assert editor is not None
    return editor


def _check_theme(editor: WorkshopEditor, theme: Theme) -> None:
    themes = _child(editor, QListWidget, "themes_list")
    for i in range(themes.count()):
        if themes.item(i).data(Qt.ItemDataRole.UserRole) == theme.value:
            themes.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(theme)


def test_cafe_des_parents_from_editor_to_held(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    known = (
        ParticipantService(store)
        .create(Participant(first_name="Fatou", last_name="Diallo", phone="07 11 22 33 44"))
        .value
    )
    page = _page(qtbot, store, runner)

    # 1. Ctrl+N opens the editor; a café des parents is filled in and saved with Ctrl+S.
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _editor(qtbot, page)
    fmt = _child(editor, QComboBox, "format_combo")
    fmt.setCurrentIndex(fmt.findData(WorkshopFormat.CAFE_DES_PARENTS.value))
    # (QTest types ASCII only: accented text is set directly.)
    _child(editor, QLineEdit, "title_edit").setText("Café des parents : Pronote")
    _child(editor, QDateEdit, "date_edit").setDate(QDate(2026, 3, 5))
    _child(editor, QLineEdit, "commune_edit").setText("Sarcelles")
    _child(editor, QSpinBox, "capacity_spin").setValue(10)
    _check_theme(editor, Theme.SCOLARITE_ET_NUMERIQUE)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)
    qtbot.waitUntil(
        lambda: (
            page.current_workshop is not None
            and page.current_workshop.workshop.title == "Café des parents : Pronote"
        ),
        timeout=5_000,
    )
    assert page.current_workshop is not None
    workshop = page.current_workshop.workshop
    assert workshop.format is WorkshopFormat.CAFE_DES_PARENTS
    assert workshop.date == DAY
    assert workshop.themes == (Theme.SCOLARITE_ET_NUMERIQUE,)

    # 2. Registrations: two quick adds (Enter submits) and a known parent by type-ahead.
    tabs = _child(page, QTabWidget, "detail_tabs")
    tabs.setCurrentWidget(page.registrations_tab)
    name = _child(page, QLineEdit, "quick_name_edit")
    phone = _child(page, QLineEdit, "quick_phone_edit")
    regs = _child(page, QTableView, "registrations_view")
    qtbot.keyClicks(name, "Nadia Benali")
    qtbot.keyClicks(phone, "06 12 34 56 78")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: regs.model().rowCount() == 1, timeout=5_000)
    name.setText("Yacine Traoré")
    qtbot.keyClicks(phone, "0698765432")
    qtbot.mouseClick(_child(page, QPushButton, "quick_add_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: regs.model().rowCount() == 2, timeout=5_000)
    search = _child(page, QLineEdit, "parent_search_edit")
    results = _child(page, QListWidget, "parent_results_list")
    qtbot.keyClicks(search, "Diall")
    qtbot.waitUntil(lambda: results.count() == 1, timeout=5_000)
    assert "DIALLO Fatou" in results.item(0).text()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: regs.model().rowCount() == 3, timeout=5_000)
    rows = RegistrationService(store).list(workshop.id)
    assert [r.display_name for r in rows] == ["Nadia Benali", "Yacine Traoré", "Fatou Diallo"]
    assert rows[0].phone == "+33612345678"  # normalised
    assert rows[2].registration.participant_id == known.id
    capacity = _child(page, QLabel, "capacity_label")
    qtbot.waitUntil(lambda: "7 places restantes" in capacity.text(), timeout=5_000)

    # 3. Check-in: the search has the focus; "Nad" + Entrée marks Nadia, Space marks Fatou.
    qtbot.mouseClick(_child(page, QPushButton, "checkin_button"), Qt.MouseButton.LeftButton)
    checkin = page.checkin
    assert checkin.isVisible()
    view = _child(checkin, QTableView, "checkin_view")
    qtbot.waitUntil(lambda: view.model().rowCount() == 3, timeout=5_000)
    box = _child(checkin, QLineEdit, "checkin_search_edit")
    assert checkin.window().focusWidget() is box  # focused on open
    qtbot.keyClicks(box, "Nad")
    assert view.model().rowCount() == 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            view.model().rowCount() == 1 and view.model().row_at(0).presence is Presence.PRESENT
        ),
        timeout=5_000,
    )
    box.clear()
    qtbot.waitUntil(lambda: view.model().rowCount() == 3, timeout=5_000)
    fatou = next(n for n in range(3) if view.model().row_at(n).participant_id == known.id)
    view.setFocus()
    view.selectRow(fatou)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: sum(view.model().row_at(n).presence is Presence.PRESENT for n in range(3)) == 2,
        timeout=5_000,
    )

    # 4. A walk-in, added inline (Entrée submits).
    qtbot.keyClicks(_child(checkin, QLineEdit, "walkin_first_edit"), "Samir")
    qtbot.keyClicks(_child(checkin, QLineEdit, "walkin_last_edit"), "Haddad")
    walk_phone = _child(checkin, QLineEdit, "walkin_phone_edit")
    qtbot.keyClicks(walk_phone, "06 55 44 33 22")
    qtbot.keyClick(walk_phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.model().rowCount() == 4, timeout=5_000)
    summary = _child(checkin, QLabel, "checkin_summary_label")
    qtbot.waitUntil(lambda: summary.text().startswith("3 présent·es"), timeout=5_000)

    # 5. Anonymous counts: the remainder follows the total live.
    _child(checkin, QSpinBox, "total_spin").setValue(5)
    _child(checkin, QSpinBox, "gender_female_spin").setValue(3)
    _child(checkin, QSpinBox, "age_25_39_spin").setValue(2)
    _child(checkin, QSpinBox, "children_present_spin").setValue(4)
    assert _child(checkin, QLabel, "gender_unknown_label").text() == "Non communiqué\u00a0: 2"
    assert _child(checkin, QLabel, "age_unknown_label").text() == "Non communiqué\u00a0: 3"

    # 6. Held: the counts are saved on the way.
    held = _child(checkin, QPushButton, "checkin_mark_held_button")
    qtbot.mouseClick(held, Qt.MouseButton.LeftButton)
    svc = WorkshopService(store)
    qtbot.waitUntil(
        lambda: (w := svc.get(workshop.id)) is not None and w.status is WorkshopStatus.HELD,
        timeout=5_000,
    )
    counts = svc.anonymous_counts(workshop.id)
    assert counts is not None
    assert (counts.total, counts.gender_female, counts.age_25_39, counts.children_present) == (
        5,
        3,
        2,
        4,
    )
    qtbot.waitUntil(lambda: not held.isEnabled(), timeout=5_000)

    # 7. The outbox holds exactly what must reach the server.
    ops = _ops(store)
    kinds = sorted((entity, kind) for entity, kind, _c in ops)
    assert kinds == sorted(
        [
            ("participant", "create"),  # Fatou, made before the session
            ("workshop", "create"),
            ("registration", "create"),
            ("registration", "create"),
            ("registration", "create"),
            ("participant", "create"),  # Nadia's record, made when she came
            ("attendance", "create"),
            ("attendance", "create"),
            ("participant", "create"),  # the walk-in
            ("registration", "create"),
            ("attendance", "create"),
            ("anonymous_counts", "create"),
        ]
    )
    workshop_op = next(c for e, _k, c in ops if e == "workshop")
    # Never sent yet, so "held" is folded into the pending create (one op per row).
    assert workshop_op["status"] == "held"
    assert workshop_op["format"] == "cafe_des_parents"
    walk = [c for e, _k, c in ops if e == "registration" and c.get("channel") == "sur_place"]
    assert len(walk) == 1


def test_editor_errors_are_inline_and_nothing_is_saved(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    page = _page(qtbot, store, runner)
    page.new_workshop()
    editor = _editor(qtbot, page)
    _child(editor, QComboBox, "place_type_combo").setCurrentIndex(
        _child(editor, QComboBox, "place_type_combo").findData("domicile")
    )
    _child(editor, QLineEdit, "postcode_edit").setText("9520")
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    title = _child(editor, QLabel, "title_error")
    qtbot.waitUntil(title.isVisible, timeout=5_000)
    assert title.text() == "⚠ Donnez un titre à l’atelier."
    assert _child(editor, QLabel, "themes_error").text() == "⚠ Choisissez au moins une thématique."
    assert _child(editor, QLabel, "commune_error").text() == "⚠ Indiquez la commune."
    assert _child(editor, QLabel, "postcode_error").text().startswith("⚠ Le code postal")
    assert not _child(editor, QLabel, "capacity_error").isVisible()
    assert editor.isVisible()
    assert _ops(store) == []
    # Fixing the fields clears the messages and saves.
    _child(editor, QLineEdit, "title_edit").setText("Atelier contrôle parental")
    _child(editor, QLineEdit, "commune_edit").setText("Garges-lès-Gonesse")
    _child(editor, QLineEdit, "postcode_edit").setText("95140")
    _check_theme(editor, Theme.SECURITE_NUMERIQUE)
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)
    assert [(e, k) for e, k, _c in _ops(store)] == [("workshop", "create")]


def test_notes_too_long_for_the_server_are_refused_when_typed(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    """The server's bound on a note (``core.limits``) is checked before saving: a French
    message by the field, the editor stays open with what was typed, nothing queued."""
    page = _page(qtbot, store, runner)
    page.new_workshop()
    editor = _editor(qtbot, page)
    _child(editor, QLineEdit, "title_edit").setText("Atelier contrôle parental")
    _child(editor, QLineEdit, "commune_edit").setText("Garges-lès-Gonesse")
    _child(editor, QLineEdit, "postcode_edit").setText("95140")
    _check_theme(editor, Theme.SECURITE_NUMERIQUE)
    notes = _child(editor, QPlainTextEdit, "notes_edit")
    notes.setPlainText("x" * 20_001)
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    error = _child(editor, QLabel, "notes_error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert error.text() == "⚠ Notes : texte trop long (au plus 20\u202f000 caractères)."
    assert editor.isVisible() and len(notes.toPlainText()) == 20_001
    assert _ops(store) == []
    notes.setPlainText("x" * 20_000)
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)
    assert [(e, k) for e, k, _c in _ops(store)] == [("workshop", "create")]


def _planned(store: Store, capacity: int | None = None, **values: Any) -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                title="Réseaux sociaux : en parler en famille",
                date=DAY,
                themes=(Theme.RESEAUX_SOCIAUX,),
                commune="Cergy",
                capacity=capacity,
                **values,
            )
        )
        .value
    )


def _select_first(qtbot: QtBot, page: WorkshopsPage) -> None:
    qtbot.waitUntil(lambda: page.view.model().rowCount() > 0, timeout=5_000)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: page.current_workshop is not None, timeout=5_000)


def test_mark_held_with_nobody_present_shows_the_rule(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    w = _planned(store)
    page = _page(qtbot, store, runner)
    _select_first(qtbot, page)
    qtbot.mouseClick(_child(page, QPushButton, "edit_button"), Qt.MouseButton.LeftButton)
    editor = _editor(qtbot, page)
    qtbot.mouseClick(_child(editor, QPushButton, "mark_held_button"), Qt.MouseButton.LeftButton)
    status = _child(editor, QLabel, "status_error")
    qtbot.waitUntil(status.isVisible, timeout=5_000)
    assert "au moins un participant présent" in status.text()
    assert status.text().startswith("⚠ ")
    assert WorkshopService(store).get(w.id).status is WorkshopStatus.PLANNED  # type: ignore[union-attr]
    editor.reject()


def test_review_comment_is_shown_in_the_editor(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    from mediator_app.core.enums import ReviewStatus

    w = _planned(store)
    with store.write() as tx:  # the coordinator's decision, as a sync brings it
        tx.update(
            tx.require(Workshop, w.id),
            review_status=ReviewStatus.NEEDS_CORRECTION,
            review_comment="Précisez le public accueilli.",
        )
    page = _page(qtbot, store, runner)
    _select_first(qtbot, page)
    page.edit_workshop()
    editor = _editor(qtbot, page)
    comment = _child(editor, QLabel, "review_comment_label")
    assert comment.isVisible()
    assert "Précisez le public accueilli." in comment.text()
    assert "À corriger" in comment.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)


def _answer_yes(qtbot: QtBot) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_cancelling_a_registration_promotes_the_waitlist_visibly(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    w = _planned(store, capacity=1)
    regs = RegistrationService(store)
    regs.register_contact(w.id, "Inès Martin", "0611111111")
    regs.register_contact(w.id, "Lucas Petit", "0622222222")
    page = _page(qtbot, store, runner)
    _select_first(qtbot, page)
    panel = page.registrations
    _child(page, QTabWidget, "detail_tabs").setCurrentWidget(page.registrations_tab)
    view = _child(panel, QTableView, "registrations_view")
    qtbot.waitUntil(lambda: view.model().rowCount() == 2, timeout=5_000)
    assert view.model().index(1, 2).data() == "En attente · rang 1"
    view.selectRow(0)
    _answer_yes(qtbot)
    qtbot.mouseClick(
        _child(panel, QPushButton, "cancel_registration_button"), Qt.MouseButton.LeftButton
    )
    promoted = _child(panel, QLabel, "promotion_label")
    qtbot.waitUntil(promoted.isVisible, timeout=5_000)
    assert "« Lucas Petit » passe de la liste d’attente aux inscrits." in promoted.text()
    qtbot.waitUntil(lambda: view.model().rowCount() == 1, timeout=5_000)
    assert view.model().index(0, 0).data() == "Lucas Petit"
    assert view.model().index(0, 2).data() == "Inscrit·e"
    rows = regs.list(w.id)
    assert [(r.display_name, r.registration.status) for r in rows] == [
        ("Lucas Petit", RegistrationStatus.REGISTERED)
    ]


def test_quick_add_with_a_bad_phone_says_so_in_french(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    w = _planned(store)
    page = _page(qtbot, store, runner)
    _select_first(qtbot, page)
    _child(page, QTabWidget, "detail_tabs").setCurrentWidget(page.registrations_tab)
    before = len(_ops(store))
    _child(page, QLineEdit, "quick_name_edit").setText("Awa Koné")
    phone = _child(page, QLineEdit, "quick_phone_edit")
    qtbot.keyClicks(phone, "12 34")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    error = _child(page, QLabel, "contact_phone_error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert error.text() == "⚠ Ce numéro de téléphone n’est pas un numéro français valide."
    assert len(_ops(store)) == before
    assert RegistrationService(store).list(w.id) == []


def test_editor_three_structures_venue_free_address_and_proposed_school(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    """The organiser is the user's structure; the venue is picked by typing (or a free
    address); the school is found by UAI, or proposed when this laptop does not know it."""
    from mediator_app.core.entities import Structure

    with store.write() as tx:
        school = tx.insert(
            Structure(
                name="École élémentaire Jean Jaurès",
                kind=StructureKind.ECOLE,
                uai="0952269A",
                commune="Goussainville",
                postcode="95190",
            )
        )
    page = _page(qtbot, store, runner)
    page.new_workshop()
    editor = _editor(qtbot, page)
    organizer = _child(editor, QComboBox, "organizer_combo")
    assert organizer.currentData() == str(store.identity.structure_id)
    assert not organizer.isEnabled()
    venue = _child(editor, QComboBox, "venue_combo")
    venue.setCurrentIndex(venue.findData(str(school.id)))
    # Picking a school as venue also proposes it as the school, and fills the commune.
    assert _child(editor, QComboBox, "school_combo").currentData() == str(school.id)
    assert _child(editor, QLineEdit, "commune_edit").text() == "Goussainville"
    _child(editor, QLineEdit, "title_edit").setText("Découvrir l’ENT")
    _check_theme(editor, Theme.SCOLARITE_ET_NUMERIQUE)
    values = editor.values()
    assert values["venue_structure_id"] == school.id and values["venue_address"] == ""
    assert values["organizer_structure_id"] == store.identity.structure_id
    # A free address typed instead of a listed place.
    venue.setEditText("Salle polyvalente, 3 rue des Lilas")
    values = editor.values()
    assert values["venue_structure_id"] is None
    assert values["venue_address"] == "Salle polyvalente, 3 rue des Lilas"
    # A school this laptop does not know: proposed offline, then selected.
    editor.school_combo.setEditText("École Paul Bert")

    def fill_and_accept() -> None:
        dialog = editor.findChild(QDialog, "propose_school_dialog")
        assert dialog is not None
        assert _child(dialog, QLineEdit, "school_name_edit").text() == "École Paul Bert"
        _child(dialog, QLineEdit, "school_commune_edit").setText("Sarcelles")
        dialog.accept()

    QTimer.singleShot(0, fill_and_accept)
    qtbot.mouseClick(
        _child(editor, QPushButton, "propose_school_button"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: "proposé" in editor.school_combo.currentText(), timeout=5_000)
    assert "Paul Bert" in editor.school_combo.currentText()
    proposed_id = editor.values()["school_id"]
    assert proposed_id is not None
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)
    ops = _ops(store)
    assert [(e, k) for e, k, _c in ops] == [
        ("structure", "create"),
        ("structure", "create"),
        ("workshop", "create"),
    ]
    assert ops[1][2]["proposed"] is True and ops[1][2]["name"] == "École Paul Bert"
    created = ops[2][2]
    assert created["school_id"] == str(proposed_id)
    assert created["venue_address"] == "Salle polyvalente, 3 rue des Lilas"
    assert created["venue_structure_id"] is None
    assert created["organizer_structure_id"] == str(store.identity.structure_id)


def test_a_mediator_fills_every_coop_column_from_the_editor(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    """Matériel, niveau and tags are set in the editor (with the themes, the place and the
    notes) and reach La Coop's export; only the columns this app records nowhere (an
    administrative procedure, a referral, the person's postcode) stay empty."""
    from mediator_app.core.entities import Attendance, Structure, attendance_id

    with store.write() as tx:
        college = tx.insert(
            Structure(
                name="Collège Jean Moulin",
                kind=StructureKind.COLLEGE,
                address="12 rue de la Paix",
                postcode="95200",
                commune="Sarcelles",
                insee_code="95585",
            )
        )
    page = _page(qtbot, store, runner)
    page.new_workshop()
    editor = _editor(qtbot, page)
    format_combo = _child(editor, QComboBox, "format_combo")
    format_combo.setCurrentIndex(format_combo.findData(WorkshopFormat.ATELIER.value))
    _child(editor, QLineEdit, "title_edit").setText("Créer son compte ÉduConnect")
    _child(editor, QDateEdit, "date_edit").setDate(QDate(2026, 11, 5))
    venue = _child(editor, QComboBox, "venue_combo")
    venue.setCurrentIndex(venue.findData(str(college.id)))
    _check_theme(editor, Theme.FAMILLE_SCOLARITE)
    _check_theme(editor, Theme.DIAGNOSTIC_NUMERIQUE)
    # « Pas de matériel » and a device exclude each other.
    no_device = _child(editor, QCheckBox, "material_aucun_check")
    computer = _child(editor, QCheckBox, "material_ordinateur_check")
    qtbot.mouseClick(no_device, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(computer, Qt.MouseButton.LeftButton)
    assert computer.isChecked() and not no_device.isChecked()
    qtbot.mouseClick(
        _child(editor, QCheckBox, "material_tablette_check"), Qt.MouseButton.LeftButton
    )
    level = _child(editor, QComboBox, "level_combo")
    assert level.currentData() == ""  # not said until the mediator says it
    level.setCurrentIndex(level.findData(Level.INTERMEDIAIRE.value))
    # Typed (QTest types ASCII only); a tag given twice is kept once.
    qtbot.keyClicks(_child(editor, QLineEdit, "tags_edit"), "TNE 95, Parents, Parents")
    qtbot.keyClicks(_child(editor, QPlainTextEdit, "notes_edit"), "Apporter les identifiants.")
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)

    svc = WorkshopService(store)
    with store.read() as conn:
        (workshop_id,) = conn.execute(select(entity_tables["workshop"].c.id)).scalars()
    w = svc.get(workshop_id)
    assert w is not None
    assert w.materials == (Material.ORDINATEUR, Material.TABLETTE)
    assert w.level is Level.INTERMEDIAIRE and w.tags == ("TNE 95", "Parents")
    # Reopened, the editor shows what was saved.
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    editor = WorkshopEditor(ctx, w, svc.places())
    qtbot.addWidget(editor)
    assert _child(editor, QComboBox, "level_combo").currentData() == Level.INTERMEDIAIRE.value
    assert _child(editor, QLineEdit, "tags_edit").text() == "TNE 95, Parents"
    assert _child(editor, QCheckBox, "material_tablette_check").isChecked()
    editor.reject()

    with store.write() as tx:
        parent = tx.insert(
            Participant(
                first_name="Awa",
                last_name="Traoré",
                commune="Sarcelles",
                gender=Gender.FEMININ,
                age_band=AgeBand.DE_25_39,
                social_status=SocialStatus.EN_EMPLOI,
            )
        )
        tx.insert(
            Attendance(
                id=attendance_id(w.id, parent.id), workshop_id=w.id, participant_id=parent.id
            )
        )
    svc.mark_held(w.id)
    out = tmp_path / "activites.xlsx"
    assert export(store, "workshops", "xlsx", out) == 1
    ws = load_workbook(out)["Activités"]
    cells = [[c.value for c in row] for row in ws[ws.tables["Activités"].ref]]
    row = dict(zip(cells[0], cells[1], strict=True))
    assert row["Matériel numérique utilisé"] == "Ordinateur\nTablette"
    assert row["Niveau d’autonomie (ou de l’atelier)"] == "2/3"
    assert row["Tags"] == "TNE 95\nParents"
    assert row["Thématique(s) d’accompagnement"] == "Diagnostic numérique\nFamille - Scolarité"
    recorded_nowhere = {
        "Nom de la démarche administrative",
        "Bénéficiaire réorienté",
        "Structure de redirection",
        "Code postal du bénéficiaire",
        "Code Insee du bénéficiaire",
    }
    assert {k for k, v in row.items() if v in (None, "")} == recorded_nowhere


def test_a_training_of_professionals_counts_them_by_role_in_the_editor(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    """The role counts appear for « Formation de professionnels » only; typed, saved and
    shown again; switching to another format says the counts will be dropped, and they are;
    the store's refusal of a count past the maximum reaches its field in French."""
    page = _page(qtbot, store, runner)
    page.new_workshop()
    editor = _editor(qtbot, page)
    box = _child(editor, QWidget, "trained_box")
    assert not box.isVisible()
    format_combo = _child(editor, QComboBox, "format_combo")
    format_combo.setCurrentIndex(
        format_combo.findData(WorkshopFormat.FORMATION_PROFESSIONNELS.value)
    )
    assert box.isVisible()
    assert format_combo.currentText() == "Formation de professionnels"
    _child(editor, QLineEdit, "title_edit").setText("Former aux outils de l’ENT")
    _child(editor, QDateEdit, "date_edit").setDate(QDate(2026, 11, 5))
    _check_theme(editor, Theme.SCOLARITE_ET_NUMERIQUE)
    teachers = _child(editor, QSpinBox, "trained_teachers_spin")
    social = _child(editor, QSpinBox, "trained_social_workers_spin")
    teachers.selectAll()
    qtbot.keyClicks(teachers, "14")
    social.selectAll()
    qtbot.keyClicks(social, "3")
    assert teachers.value() == 14 and social.value() == 3
    total = _child(editor, QLabel, "trained_total_label").text()
    assert "17 professionnel(s)" in total and "1\u202f000" in total
    qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5_000)

    svc = WorkshopService(store)
    with store.read() as conn:
        (workshop_id,) = conn.execute(select(entity_tables["workshop"].c.id)).scalars()
    w = svc.get(workshop_id)
    assert w is not None
    assert w.format is WorkshopFormat.FORMATION_PROFESSIONNELS
    assert (w.trained_teachers, w.trained_social_workers, w.trained_total) == (14, 3, 17)
    (create,) = [c for e, k, c in _ops(store) if e == "workshop" and k == "create"]
    assert create["trained_teachers"] == 14 and create["trained_social_workers"] == 3

    # Reopened: the counts are shown; another format says they will be dropped.
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    editor = WorkshopEditor(ctx, w, svc.places())
    qtbot.addWidget(editor)
    editor.show()
    assert _child(editor, QSpinBox, "trained_teachers_spin").value() == 14
    fmt = _child(editor, QComboBox, "format_combo")
    fmt.setCurrentIndex(fmt.findData(WorkshopFormat.ATELIER.value))
    note = _child(editor, QLabel, "trained_note")
    assert note.isVisible() and "les 17 comptés seront retirés" in note.text()
    assert not _child(editor, QWidget, "trained_box").isVisible()
    assert editor.values()["trained_teachers"] == 0
    fmt.setCurrentIndex(fmt.findData(WorkshopFormat.FORMATION_PROFESSIONNELS.value))
    assert not note.isVisible()

    # A count the rule refuses (written past the spin box, as another laptop's could be)
    # is said under its field, in French, and nothing is saved.
    # The refusal comes back through the editor's write path (``WriteOp``).
    editor._run(lambda s: s.workshops.update(w.id, trained_teachers=1001))
    qtbot.waitUntil(lambda: not editor._busy)
    assert svc.get(w.id).trained_teachers == 14  # type: ignore[union-attr]
    assert editor.isVisible()
    err = _child(editor, QLabel, "trained_teachers_error")
    assert err.isVisible()
    assert err.text().endswith("Enseignants : le nombre doit être compris entre 0 et 1\u202f000.")
    editor.reject()


def test_editor_errors_read_in_english_in_english_mode(
    qtbot: QtBot, store: Store, runner: TaskRunner, qapp: Any
) -> None:
    """The same inline errors, the app's real English catalogue installed: the core's
    messages (its validation rules) read in English under their fields."""
    from PySide6.QtCore import QLocale

    from mediator_app.ui.i18n import install_language

    before = QLocale()
    translators = install_language(qapp, "en")
    try:
        page = WorkshopsPage(AppContext(store=store, services=Services.of(store), runner=runner))
        page.open_files = False
        qtbot.addWidget(page)
        page.resize(1180, 700)
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: "workshop" in page.count_label.text(), timeout=5_000)
        page.new_workshop()
        editor = _editor(qtbot, page)
        _child(editor, QComboBox, "place_type_combo").setCurrentIndex(
            _child(editor, QComboBox, "place_type_combo").findData("domicile")
        )
        _child(editor, QLineEdit, "postcode_edit").setText("9520")
        qtbot.mouseClick(_child(editor, QPushButton, "save_button"), Qt.MouseButton.LeftButton)
        title = _child(editor, QLabel, "title_error")
        qtbot.waitUntil(title.isVisible, timeout=5_000)
        assert title.text() == "⚠ Give the workshop a title."
        assert _child(editor, QLabel, "themes_error").text() == "⚠ Choose at least one theme."
        assert _child(editor, QLabel, "commune_error").text() == "⚠ Enter the town."
        assert (
            _child(editor, QLabel, "postcode_error").text() == "⚠ The postcode must have 5 digits."
        )
        assert _ops(store) == []
        editor.hide()  # not closed: the unsaved-changes question would wait for an answer
        editor.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
