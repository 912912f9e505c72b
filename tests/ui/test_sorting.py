"""Sortable lists: a click on a header sorts (text the French way, numbers as numbers), and
what is done on the selected row after sorting is done on that row (real store, real task
runner, the sign-in sheet printed to a PDF printer and read back)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Theme
from mediator_app.local_store import Store
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.models.workshop_table import ROW_ROLE, WorkshopColumn
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import TaskRunner
from tests.support.pdftext import pdf_text
from tests.support.printing import pdf_printer

# Title, day of March 2026, registered parents.
WORKSHOPS = [("Éveil au code", 3, 2), ("atelier Pronote", 20, 10), ("Zoom sur l’ENT", 9, 1)]


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _click_header(qtbot: QtBot, view: QTableView, column: int) -> None:
    header: QHeaderView = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _column(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def _workshops(store: Store) -> None:
    people = ParticipantService(store)
    regs = RegistrationService(store)
    for n, (title, day, registered) in enumerate(WORKSHOPS):
        w = (
            WorkshopService(store)
            .create(
                Workshop(
                    title=title,
                    date=date(2026, 3, day),
                    start_time=time(14, 0),
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                    commune="Sarcelles",
                    capacity=30,
                )
            )
            .value
        )
        for k in range(registered):
            p = people.create(Participant(first_name=f"P{k}", last_name=f"Famille{n}{k:02d}"))
            regs.register(w.id, p.value.id)


def test_workshop_list_sorts_by_title_and_number_then_acts_on_the_row_shown(
    qtbot: QtBot, store: Store, runner: TaskRunner, tmp_path: Path
) -> None:
    _workshops(store)
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx, exports_dir=tmp_path)
    page.open_files = False
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    view = page.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 3, timeout=5_000)
    # The service's order (newest first) until a header is clicked.
    assert _column(view, WorkshopColumn.TITLE) == [
        "atelier Pronote",
        "Zoom sur l’ENT",
        "Éveil au code",
    ]
    _click_header(qtbot, view, WorkshopColumn.TITLE)
    # French order: accents and case do not count (« Éveil » between « atelier » and « Zoom »).
    assert _column(view, WorkshopColumn.TITLE) == [
        "atelier Pronote",
        "Éveil au code",
        "Zoom sur l’ENT",
    ]
    _click_header(qtbot, view, WorkshopColumn.TITLE)
    assert _column(view, WorkshopColumn.TITLE)[0] == "Zoom sur l’ENT"
    _click_header(qtbot, view, WorkshopColumn.REGISTERED)
    # Numbers as numbers: 1, 2, 10 (as text it would be 1, 10, 2).
    assert _column(view, WorkshopColumn.REGISTERED) == ["1", "2", "10"]
    _click_header(qtbot, view, WorkshopColumn.DATE)
    assert [view.model().index(r, 0).data(ROW_ROLE).workshop.date.day for r in range(3)] == [
        3,
        9,
        20,
    ]

    # The first row shown is « Éveil au code » (3 March): selecting it and printing its
    # sheet prints that workshop, not the first row of the unsorted list.
    view.selectRow(0)
    qtbot.waitUntil(lambda: page.current_workshop is not None, timeout=5_000)
    assert page.current_workshop is not None
    assert page.current_workshop.workshop.title == "Éveil au code"
    out = tmp_path / "trie.pdf"
    page.printer.choose_printer = pdf_printer(out)
    with qtbot.waitSignal(page.printer.printed, timeout=20_000):
        assert page.print_emargement_on_paper()
    words = " ".join(pdf_text(out).split())
    assert "Éveil au code" in words and "Famille000" in words and "Famille100" not in words
    # Selecting by id (after an edit) finds the row where the sort put it.
    pronote = page.model.rows()[0]  # « atelier Pronote », first in the service's order
    page.open_workshop(pronote.workshop.id)
    assert view.selectionModel().selectedRows()[0].row() == 2  # 20 March: last by date
    assert view.selectionModel().selectedRows()[0].data(ROW_ROLE).workshop.id == (
        pronote.workshop.id
    )


def test_participants_sort_by_name_the_french_way(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    people = ParticipantService(store)
    for first, last in (("Zoé", "Abel"), ("Émile", "Durand"), ("adam", "Élan"), ("Li", "Bo")):
        people.create(Participant(first_name=first, last_name=last))
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    view = page.table
    qtbot.waitUntil(lambda: view.model().rowCount() == 4, timeout=5_000)
    _click_header(qtbot, view, 0)
    names = _column(view, 0)
    assert [n.split()[0].upper() for n in names] == ["ABEL", "BO", "DURAND", "ÉLAN"]
    _click_header(qtbot, view, 0)
    assert _column(view, 0) == names[::-1]
    view.selectRow(0)  # « Élan » is shown first now: its record opens
    qtbot.waitUntil(
        lambda: (p := page.selected_participant()) is not None and p.last_name == "Élan",
        timeout=5_000,
    )
