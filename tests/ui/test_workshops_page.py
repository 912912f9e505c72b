"""The Ateliers list: the paged model, its filters, and the page around it (real store)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import ReviewStatus, Theme, WorkshopFormat
from mediator_app.local_store import Store
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.models.workshop_table import (
    ROW_ROLE,
    WorkshopColumn,
    WorkshopTableModel,
)
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import InlineRunner, TaskRunner

BASE = date(2026, 3, 2)  # a Monday


def _bulk_workshops(store: Store, n: int) -> None:
    """Many workshops through the service (one transaction each would take minutes)."""
    svc = WorkshopService(store)
    for i in range(n):
        svc.create(
            Workshop(
                title=f"Atelier {i:04d}",
                date=BASE + timedelta(days=i % 300),
                start_time=time(9 + i % 8, 0),
                format=WorkshopFormat.CAFE_DES_PARENTS if i % 3 == 0 else WorkshopFormat.ATELIER,
                themes=(Theme.PARENTALITE,),
                commune="Sarcelles" if i % 2 else "Garges-lès-Gonesse",
                capacity=12,
            )
        )


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def few(store: Store) -> Store:
    svc = WorkshopService(store)
    w = svc.create(
        Workshop(
            title="Café des parents Pronote",
            date=date(2026, 3, 5),
            start_time=time(14, 0),
            format=WorkshopFormat.CAFE_DES_PARENTS,
            themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
            commune="Sarcelles",
            capacity=3,
        )
    ).value
    svc.create(
        Workshop(
            title="Contrôle parental",
            date=date(2026, 3, 12),
            start_time=time(9, 30),
            themes=(Theme.SECURITE_NUMERIQUE,),
            commune="Cergy",
        )
    )
    # Sent back by the coordinator: the list must say so in words.
    with store.write() as tx:  # as a sync brings it
        tx.update(
            tx.require(Workshop, w.id),
            review_status=ReviewStatus.NEEDS_CORRECTION,
            review_comment="Ajoutez le lieu",
        )
    return store


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, few: Store) -> None:
    model = WorkshopTableModel(InlineRunner(), WorkshopService(few))
    model.set_filter(WorkshopFilter())
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_model_shows_french_dates_places_and_badges(few: Store) -> None:
    model = WorkshopTableModel(InlineRunner(), WorkshopService(few))
    model.set_filter(WorkshopFilter(), newest_first=False)

    def cell(row: int, column: WorkshopColumn) -> str:
        return str(model.index(row, column).data())

    assert cell(0, WorkshopColumn.DATE) == "jeu. 5 mars 2026"
    assert cell(0, WorkshopColumn.TIME) == "14:00"
    assert cell(0, WorkshopColumn.FORMAT) == "Café des parents"
    assert cell(0, WorkshopColumn.PLACES) == "3 places restantes"
    assert cell(0, WorkshopColumn.STATUS) == "Prévu"
    assert cell(0, WorkshopColumn.REVIEW) == "⚠ à corriger"
    assert cell(0, WorkshopColumn.SYNC) == "● Enregistré sur ce poste"
    assert cell(1, WorkshopColumn.PLACES) == "sans limite"
    assert model.index(0, 0).data(ROW_ROLE).workshop.title == "Café des parents Pronote"


def test_model_pages_lazily(qtbot: QtBot, store: Store, runner: TaskRunner) -> None:
    _bulk_workshops(store, 1_050)
    model = WorkshopTableModel(runner, WorkshopService(store), page_size=100)
    with qtbot.waitSignal(model.loaded, timeout=10_000) as blocker:
        model.set_filter(WorkshopFilter())
    assert blocker.args == [1_050]
    assert model.rowCount() == 100
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=10_000)
    titles = [model.index(r, WorkshopColumn.TITLE).data() for r in range(200)]
    assert len(set(titles)) == 200  # pages do not overlap
    for _ in range(9):
        qtbot.waitUntil(model.canFetchMore, timeout=10_000)
        model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 1_050, timeout=10_000)
    assert not model.canFetchMore()


def test_stale_filter_results_are_dropped(qtbot: QtBot, store: Store, runner: TaskRunner) -> None:
    _bulk_workshops(store, 30)
    model = WorkshopTableModel(runner, WorkshopService(store))
    loaded: list[int] = []
    model.loaded.connect(loaded.append)
    # Two filters in a row: only the second one's rows may reach the view.
    model.set_filter(WorkshopFilter(format=WorkshopFormat.CAFE_DES_PARENTS))
    model.set_filter(WorkshopFilter(text="Atelier 0007"))
    qtbot.waitUntil(lambda: bool(loaded), timeout=10_000)
    qtbot.wait(100)
    assert loaded == [1]
    assert model.rowCount() == 1
    assert model.index(0, WorkshopColumn.TITLE).data() == "Atelier 0007"


def _page(qtbot: QtBot, store: Store, runner: TaskRunner) -> WorkshopsPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx)
    page.open_files = False
    qtbot.addWidget(page)
    page.resize(1180, 680)
    page.show()
    page.refresh()
    view = page.findChild(QTableView, "workshops_view")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=10_000)
    return page


def test_page_search_is_debounced_and_filters(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    _bulk_workshops(store, 40)
    page = _page(qtbot, store, runner)
    view = page.findChild(QTableView, "workshops_view")
    search = page.findChild(QLineEdit, "search_edit")
    model = page.model
    assert isinstance(model, WorkshopTableModel)
    assert view.model().sourceModel() is model  # the view shows it through its sort proxy
    page.focus_search()
    assert page.window().focusWidget() is search
    with qtbot.waitSignal(model.loaded, timeout=5_000) as blocker:
        qtbot.keyClicks(search, "Atelier 002")
        # Debounced: nothing is read while the user is still typing.
        assert model.total == 40
    assert blocker.args == [10]
    assert {model.index(r, WorkshopColumn.TITLE).data() for r in range(10)} == {
        f"Atelier 002{i}" for i in range(10)
    }
    count = page.findChild(type(page.count_label), "count_label")
    assert count is not None and count.text() == "10 ateliers"


def test_page_filters_by_format_status_and_custom_period(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    _bulk_workshops(store, 30)
    svc = WorkshopService(store)
    first = svc.list(WorkshopFilter(text="Atelier 0000")).rows[0].workshop
    svc.cancel(first.id)
    page = _page(qtbot, store, runner)
    model = page.model
    fmt = page.findChild(QComboBox, "format_combo")
    with qtbot.waitSignal(model.loaded, timeout=5_000) as blocker:
        fmt.setCurrentIndex(fmt.findData(WorkshopFormat.CAFE_DES_PARENTS))
    assert blocker.args == [10]
    status = page.findChild(QComboBox, "status_combo")
    with qtbot.waitSignal(model.loaded, timeout=5_000) as blocker:
        status.setCurrentIndex(status.findData("status:cancelled"))
    assert blocker.args == [1]
    assert model.index(0, WorkshopColumn.STATUS).data() == "Annulé"
    status.setCurrentIndex(0)
    fmt.setCurrentIndex(0)
    period = page.findChild(QComboBox, "period_combo")
    start = page.findChild(QDateEdit, "date_from_edit")
    end = page.findChild(QDateEdit, "date_to_edit")
    period.setCurrentIndex(period.findData("custom"))
    assert start.isVisible() and end.isVisible()
    start.setDate(QDate(2026, 3, 2))
    with qtbot.waitSignal(model.loaded, timeout=5_000) as blocker:
        end.setDate(QDate(2026, 3, 4))
    assert blocker.args == [3]


def test_new_workshop_button_has_shortcut(qtbot: QtBot, store: Store, runner: TaskRunner) -> None:
    page = _page_empty(qtbot, store, runner)
    button = page.findChild(QPushButton, "new_workshop_button")
    assert button is not None and button.isEnabled()
    assert "Ctrl+N" in button.toolTip()


def _page_empty(qtbot: QtBot, store: Store, runner: TaskRunner) -> WorkshopsPage:
    ctx = AppContext(store=store, services=Services.of(store), runner=runner)
    page = WorkshopsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_selecting_a_workshop_shows_its_review_comment(
    qtbot: QtBot, few: Store, runner: TaskRunner
) -> None:
    page = _page(qtbot, few, runner)
    view = page.findChild(QTableView, "workshops_view")
    model = view.model()
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, WorkshopColumn.TITLE).data() == "Café des parents Pronote"
    )
    view.selectRow(row)
    comment = page.findChild(type(page.count_label), "detail_review_comment")
    qtbot.waitUntil(lambda: comment.isVisible(), timeout=5_000)
    assert "Ajoutez le lieu" in comment.text()
    assert "corriger" in comment.text()
