"""« Imprimer… » and « Enregistrer le PDF… »: the sign-in sheet and the bilan printed
through a real ``QPrinter`` writing a PDF (the print dialog's choice injected), read back
with pypdf; a real store and the real task runner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Child, Participant, Workshop
from mediator_app.core.enums import Presence, SchoolLevel, Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopRow, WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.dialogs.export_dialog import ExportDialog
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import TaskRunner
from tests.support.pdftext import page_texts, pdf_text
from tests.support.printing import pdf_printer


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _workshop(store: Store, capacity: int | None) -> WorkshopRow:
    w = (
        WorkshopService(store)
        .create(
            Workshop(
                title="Café des parents",
                date=date(2026, 3, 12),
                start_time=time(9, 0),
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                commune="Sarcelles",
                capacity=capacity,
            )
        )
        .value
    )
    people = ParticipantService(store)
    regs = RegistrationService(store)
    families = [
        ("Awa", "Koné", (Child("Léa", SchoolLevel.ELEMENTAIRE), Child("Noé"))),
        ("Élise", "Durand", ()),
        ("Moussa", "Diallo", (Child("", SchoolLevel.COLLEGE),)),
    ]
    for first, last, children in families:
        p = people.create(Participant(first_name=first, last_name=last, children=children)).value
        regs.register(w.id, p.id)
        if last == "Durand":
            AttendanceService(store).mark(w.id, p.id, Presence.PRESENT, children_count=2)
    found = WorkshopService(store).row(w.id)
    assert found is not None
    return found


def _page(qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path) -> WorkshopsPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx, exports_dir=tmp_path / "exports")
    page.open_files = False
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.view.model().rowCount() == 1, timeout=5_000)
    page.view.selectRow(0)
    qtbot.waitUntil(lambda: page.current_workshop is not None, timeout=5_000)
    return page


def _numbers(text: str) -> list[int]:
    """The row numbers of the sheet (pypdf gives each cell on its own line)."""
    return [int(line) for line in text.splitlines() if line.strip().isdigit()]


def test_sign_in_sheet_printed_with_children_and_a_line_per_place_left(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    _workshop(store, capacity=12)
    page = _page(qtbot, store, runner, tmp_path)
    out = tmp_path / "imprimante.pdf"
    page.printer.choose_printer = pdf_printer(out)
    action = page.findChild(QAction, "emargement_print_action")
    assert action is not None and action.text() == "&Imprimer la feuille…"
    with qtbot.waitSignal(page.printer.printed, timeout=20_000) as blocker:
        action.trigger()
    texts = page_texts(out)
    assert blocker.args == [len(texts)] == [1]
    text = pdf_text(out)
    assert "Feuille d’émargement" in text and "Café des parents" in text
    words = " ".join(text.split())
    # Each row: number, name, first name, the family's children as recorded, else how many
    # came (Durand: none on file, 2 came); sorted by last name.
    assert "1 Diallo Moussa Enfant (collège) 2 Durand Élise 2 enfants 3 Koné Awa" in words
    assert "3 Koné Awa Léa (élémentaire), Noé 4" in words
    # 12 places, 3 registered: 9 blank lines, numbered on after the 3 names.
    assert _numbers(text) == list(range(1, 13))
    assert "envoyée à l’imprimante (1 page)" in page.emargement_message.text()


def test_sign_in_sheet_of_a_full_workshop_keeps_lines_for_walk_ins(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    _workshop(store, capacity=3)
    page = _page(qtbot, store, runner, tmp_path)
    out = tmp_path / "complet.pdf"
    page.printer.choose_printer = pdf_printer(out)
    with qtbot.waitSignal(page.printer.printed, timeout=20_000):
        assert page.print_emargement_on_paper()
    assert _numbers(pdf_text(out)) == list(range(1, 7))  # 3 names + the minimum of 3


def test_print_dialog_cancelled_prints_nothing(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    _workshop(store, capacity=12)
    page = _page(qtbot, store, runner, tmp_path)
    asked: list[QWidget | None] = []
    page.printer.choose_printer = lambda _printer, parent: asked.append(parent) or False
    assert not page.print_emargement_on_paper()
    assert asked == [page] and not page.printer.busy


def test_save_pdf_asks_where_then_says_where_it_went(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    row = _workshop(store, capacity=12)
    page = _page(qtbot, store, runner, tmp_path)
    chosen = tmp_path / "ailleurs" / "ma feuille"
    suggested: list[Path] = []

    def choose(_parent: QWidget | None, start: Path) -> Path:
        suggested.append(start)
        return chosen.with_suffix(".pdf")

    page.printer.choose_path = choose
    action = page.findChild(QAction, "emargement_save_as_action")
    assert action is not None and action.text() == "Enregistrer le P&DF…"
    with qtbot.waitSignal(page.printer.saved, timeout=20_000) as blocker:
        action.trigger()
    path = blocker.args[0]
    assert path == tmp_path / "ailleurs" / "ma feuille.pdf" and path.exists()
    assert suggested == [
        tmp_path / "exports" / f"emargement-{row.workshop.date}-cafe-des-parents.pdf"
    ]
    assert "Koné" in pdf_text(path)
    notice = page.printer.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    assert notice.text() == "Le PDF est enregistré ici :"
    assert notice.informativeText() == str(path)
    folder = notice.findChild(QPushButton, "open_folder_button")
    assert folder is not None and folder.text() == "Ouvrir le &dossier"
    assert str(path) in page.emargement_message.text()
    notice.close()


def test_bilan_printed_from_the_export_dialog(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    row = _workshop(store, capacity=12)
    WorkshopService(store).mark_held(row.workshop.id)
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    dialog = ExportDialog(ctx, date_from=date(2025, 9, 1), date_to=date(2026, 8, 31), what="bilan")
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QPushButton, "print_button")
    assert button is not None and button.isVisible() and button.text() == "&Imprimer…"
    out = tmp_path / "bilan-imprime.pdf"
    dialog.printer.choose_printer = pdf_printer(out)
    with qtbot.waitSignal(dialog.printer.printed, timeout=30_000) as blocker:
        button.click()
    texts = page_texts(out)
    assert blocker.args == [len(texts)] and len(texts) >= 1
    text = "\n".join(texts)
    assert "Bilan du volet parentalité" in text
    assert "du 01/09/2025 au 31/08/2026" in text
    assert "Ateliers réalisés" in text
    status = dialog.findChild(QWidget, "status_label")
    assert status is not None and "envoyé à l’imprimante" in status.text()  # type: ignore[attr-defined]
    # Not offered for a spreadsheet export.
    dialog._what.setCurrentIndex(dialog._what.findData("attendance"))
    assert not button.isVisible()
