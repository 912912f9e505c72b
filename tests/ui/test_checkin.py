"""The check-in screen and the *feuille d'émargement* (real store, real task runner)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QSpinBox, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Presence, Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopRow, WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.i18n import install_language
from mediator_app.ui.pages.checkin import CheckInColumn, CheckInPage, CheckInTableModel
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import TaskRunner
from mediator_app.ui.widgets.registrations_panel import RegistrationTableModel
from tests.support.pdftext import page_texts, pdf_text

PEOPLE = [("Awa", "Koné"), ("Élise", "Durand"), ("Moussa", "Diallo"), ("Chloé", "Martin")]


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def row(store: Store) -> WorkshopRow:
    w = (
        WorkshopService(store)
        .create(
            Workshop(
                title="Atelier ENT et Pronote",
                date=date(2026, 3, 10),
                start_time=time(17, 30),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                commune="Villiers-le-Bel",
                capacity=20,
                co_facilitators=("Karim Haddad",),
            )
        )
        .value
    )
    people = ParticipantService(store)
    regs = RegistrationService(store)
    for first, last in PEOPLE:
        p = people.create(Participant(first_name=first, last_name=last)).value
        regs.register(w.id, p.id)
    found = WorkshopService(store).row(w.id)
    assert found is not None
    return found


def _open(qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow) -> CheckInPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.open_workshop(row)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(PEOPLE), timeout=5_000)
    return page


def _present(store: Store, row: WorkshopRow) -> dict[str, int]:
    names = {p.id: p.last_name for p in _participants(store)}
    return {
        names[a.participant_id]: a.children_count
        for a in AttendanceService(store).of_workshop(row.workshop.id)
        if a.status is Presence.PRESENT
    }


def _participants(store: Store) -> list[Participant]:
    from mediator_app.local_store.services.participants import ParticipantFilter

    return [r.participant for r in ParticipantService(store).search(ParticipantFilter()).rows]


def test_list_is_sorted_and_typeahead_ignores_accents(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)
    names = [page.model.index(n, CheckInColumn.NAME).data() for n in range(4)]
    assert names == ["DIALLO Moussa", "DURAND Élise", "KONÉ Awa", "MARTIN Chloé"]
    assert page.window().focusWidget() is page.search_edit
    qtbot.keyClicks(page.search_edit, "elis")
    assert page.model.rowCount() == 1
    assert page.model.index(0, CheckInColumn.NAME).data() == "DURAND Élise"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _present(store, row) == {"Durand": 0}, timeout=5_000)
    # The list has re-read the mark (else a second Entrée races the reload).
    qtbot.waitUntil(
        lambda: any(r.presence is Presence.PRESENT for r in page.model.rows()), timeout=5_000
    )
    # Entrée again on the same name never un-marks (only the list's Espace toggles).
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert _present(store, row) == {"Durand": 0}
    message = page.findChild(QLabel, "checkin_message_label")
    assert "déjà noté·e présent·e" in message.text()


def test_space_toggles_and_a_click_on_presence_marks(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)
    view = page.findChild(QTableView, "checkin_view")
    view.setFocus()
    view.selectRow(0)  # DIALLO
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _present(store, row) == {"Diallo": 0}, timeout=5_000)
    qtbot.waitUntil(
        lambda: page.model.index(0, CheckInColumn.PRESENCE).data() == "✓ Présent·e",
        timeout=5_000,
    )
    assert (
        page.model.index(0, CheckInColumn.PRESENCE).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    qtbot.keyClick(view, Qt.Key.Key_Space)  # toggles back
    qtbot.waitUntil(lambda: _present(store, row) == {}, timeout=5_000)
    cell = view.visualRect(page.model.index(3, CheckInColumn.PRESENCE)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(cell))
    qtbot.waitUntil(lambda: _present(store, row) == {"Martin": 0}, timeout=5_000)
    summary = page.findChild(QLabel, "checkin_summary_label")
    qtbot.waitUntil(lambda: summary.text() == "1 présent·e / 4 inscrit·es", timeout=5_000)


def test_all_present_and_children_per_parent(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)
    spin = page.findChild(QSpinBox, "children_spin")
    assert not spin.isEnabled()  # nobody present yet
    qtbot.mouseClick(page.findChild(QPushButton, "all_present_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_present(store, row)) == 4, timeout=5_000)
    qtbot.waitUntil(spin.isEnabled, timeout=5_000)
    page.view.selectRow(2)  # KONÉ
    spin.setValue(3)
    qtbot.waitUntil(lambda: _present(store, row)["Koné"] == 3, timeout=5_000)
    qtbot.waitUntil(
        lambda: page.model.index(2, CheckInColumn.CHILDREN).data() == "3", timeout=5_000
    )


def test_walk_in_errors_are_inline(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)
    phone = page.findChild(QLineEdit, "walkin_phone_edit")
    qtbot.keyClicks(phone, "123")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    error = page.findChild(QLabel, "last_name_error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert error.text() == "⚠ Indiquez au moins un nom ou un prénom."
    assert page.findChild(QLabel, "phone_error").text().startswith("⚠ Ce numéro")
    assert len(_participants(store)) == 4


def test_counts_remainder_live_and_breakdown_error(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)

    def spin(name: str) -> QSpinBox:
        found = page.findChild(QSpinBox, f"{name}_spin")
        assert found is not None
        return found

    spin("total").setValue(6)
    spin("age_40_59").setValue(2)
    spin("age_25_39").setValue(1)
    spin("status_employed").setValue(4)
    assert page.findChild(QLabel, "age_unknown_label").text() == "Non communiqué\u00a0: 3"
    assert page.findChild(QLabel, "status_unknown_label").text() == "Non communiqué\u00a0: 2"
    assert page.findChild(QLabel, "gender_unknown_label").text() == "Non communiqué\u00a0: 6"
    gender_error = page.findChild(QLabel, "gender_error")
    assert not gender_error.isVisible()
    spin("gender_male").setValue(7)
    assert gender_error.isVisible()
    assert gender_error.text() == (
        "⚠ La répartition par genres (7) dépasse le total de participants anonymes (6)."
    )
    # Saving is refused by the service with the same message; nothing is stored.
    qtbot.mouseClick(page.findChild(QPushButton, "counts_save_button"), Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert WorkshopService(store).anonymous_counts(row.workshop.id) is None
    assert gender_error.isVisible()
    spin("gender_male").setValue(2)
    assert not gender_error.isVisible()
    qtbot.mouseClick(page.findChild(QPushButton, "counts_save_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: WorkshopService(store).anonymous_counts(row.workshop.id) is not None,
        timeout=5_000,
    )
    counts = WorkshopService(store).anonymous_counts(row.workshop.id)
    assert counts is not None
    assert (counts.total, counts.gender_male, counts.age_40_59, counts.status_employed) == (
        6,
        2,
        2,
        4,
    )


def test_mark_held_with_nobody_shows_the_service_error(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow
) -> None:
    page = _open(qtbot, store, runner, row)
    qtbot.mouseClick(
        page.findChild(QPushButton, "checkin_mark_held_button"), Qt.MouseButton.LeftButton
    )
    error = page.findChild(QLabel, "mark_held_error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert error.text().startswith("⚠ Un atelier collectif réalisé doit avoir")


def test_checkin_and_registration_models(
    qtmodeltester: ModelTester, store: Store, row: WorkshopRow
) -> None:
    model = CheckInTableModel()
    model.set_rows(tuple(AttendanceService(store).check_in_list(row.workshop.id)))
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    regs = RegistrationTableModel()
    regs.set_rows(tuple(RegistrationService(store).list(row.workshop.id)))
    assert regs.rowCount() == 4
    qtmodeltester.check(regs)


def test_emargement_pdf_from_the_page(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow, tmp_path: Path
) -> None:
    AttendanceService(store).mark_walk_in(row.workshop.id, "Samir", "Benali")
    exports = tmp_path / "exports"
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx, exports_dir=exports)
    page.open_files = False
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.view.model().rowCount() == 1, timeout=5_000)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: page.current_workshop is not None, timeout=5_000)
    with qtbot.waitSignal(page.exporter.generated, timeout=20_000) as blocker:
        page.findChild(QPushButton, "checkin_button")  # the card's actions are there
        page.emargement_button.defaultAction().trigger()
    path = blocker.args[0]
    assert path == exports / "emargement-2026-03-10-atelier-ent-et-pronote.pdf"
    assert path.exists()
    texts = page_texts(path)
    assert len(texts) == 1
    text = pdf_text(path)
    assert "Feuille d’émargement" in text
    assert "Atelier ENT et Pronote" in text
    assert "mardi 10 mars 2026 à 17:30" in text
    assert "Villiers-le-Bel" in text
    assert "Amina Test, Karim Haddad" in text
    lines = text.splitlines()
    for first, last in [*PEOPLE, ("Samir", "Benali")]:
        # One table row per parent: its number, last name, first name (pypdf: one per line).
        at = lines.index(last)
        assert lines[at + 1] == first
    numbered = [lines[lines.index(last) - 1] for _f, last in PEOPLE]
    assert numbered == ["4", "3", "2", "5"]  # sorted by last name, Benali first
    assert "anonymisées" in text
    message = page.findChild(QLabel, "emargement_message_label")
    assert str(path) in message.text()


def test_emargement_of_a_big_workshop_spans_pages(
    qtbot: QtBot, store: Store, runner: TaskRunner, row: WorkshopRow, tmp_path: Path
) -> None:
    regs = RegistrationService(store)
    for n in range(40):
        regs.register_contact(row.workshop.id, f"Parent {n:02d}")
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    workshops = WorkshopsPage(ctx, exports_dir=tmp_path)
    workshops.open_files = False
    qtbot.addWidget(workshops)
    fresh = WorkshopService(store).row(row.workshop.id)
    assert fresh is not None
    with qtbot.waitSignal(workshops.exporter.generated, timeout=20_000) as blocker:
        workshops.print_emargement(fresh)
    texts = page_texts(blocker.args[0])
    assert len(texts) >= 2
    assert all("anonymisées" in t for t in texts)  # the notice is on every page
    everything = "\n".join(texts).splitlines()
    # Capacity 20: the 16 first contacts are registered and printed, the waitlist is not.
    assert "Parent 15" in everything
    assert "Parent 16" not in everything


def test_emargement_stays_french_in_the_english_interface(
    qtbot: QtBot,
    qapp: QApplication,
    store: Store,
    runner: TaskRunner,
    row: WorkshopRow,
    tmp_path: Path,
) -> None:
    before = QLocale()
    translators = install_language(qapp, "en")
    try:
        ctx = AppContext(store=store, services=Services.of(store), runner=runner)
        page = WorkshopsPage(ctx, exports_dir=tmp_path / "exports")
        page.open_files = False
        qtbot.addWidget(page)
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: page.view.model().rowCount() == 1, timeout=5_000)
        assert page.view.model().index(0, 0).data() == "Tue 10 Mar 2026"  # the screen: English
        page.view.selectRow(0)
        qtbot.waitUntil(lambda: page.current_workshop is not None, timeout=5_000)
        with qtbot.waitSignal(page.exporter.generated, timeout=20_000) as blocker:
            page.emargement_button.defaultAction().trigger()
        text = pdf_text(blocker.args[0])
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
    # The sheet is an official document: French whatever the interface's language.
    assert "mardi 10 mars 2026 à 17:30" in text
    assert "Tuesday" not in text and " at " not in text
