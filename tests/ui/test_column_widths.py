"""Every list of the pages fits a 1366×768 window without a horizontal scrollbar, and its
free-text column (title, name, model, place) gets the room: the short columns are sized to
their contents with a cap (``fit_columns``), the free-text ones stretch."""

from __future__ import annotations

import contextlib
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QTreeView
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from pytestqt.qtbot import QtBot

from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.demo_data import generate
from mediator_app.paths import AppPaths
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.main_window import MainWindow
from mediator_app.ui.models.device_table import DeviceColumn
from mediator_app.ui.models.participant_table import ParticipantColumn
from mediator_app.ui.models.review_table import ReviewColumn
from mediator_app.ui.models.workshop_table import WorkshopColumn
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner

#: The least a free-text column gets: « Atelier parentalité et numérique » shows whole.
MIN_TEXT_WIDTH = 200
#: 1180: the window Xvfb shows at 1366×768 without a window manager; 1366: maximised.
WIDTHS = (1180, 1366)

# (section, the table's object name, its free-text column)
TABLES = (
    ("accueil", "home_workshops_list", 2),
    ("ateliers", "workshops_view", WorkshopColumn.TITLE),
    ("ateliers", "workshops_view", WorkshopColumn.PLACE),
    ("participants", "participant_table", ParticipantColumn.NAME),
    ("materiel", "device_table", DeviceColumn.MODEL),
    ("coordination", "review_table", ReviewColumn.TITLE),
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    st: Store
    st, _ = open_local_store(tmp_path / "data")
    generate(st, seed=2, scale="test")
    save_profile(
        st,
        {
            "display_name": "Claire Coordination",
            "actor_id": str(uuid4()),
            "department_code": "95",
            "role": "coordinator",
        },
    )
    ctx = AppContext(st, Services.of(st), InlineRunner())
    paths = AppPaths(tmp_path / "data")
    win = MainWindow(ctx, paths, Preferences.at(paths.settings_file))
    qtbot.addWidget(win)
    win.show()
    return win


def _show(window: MainWindow, view: QAbstractItemView) -> None:
    """Bring forward every tab holding ``view`` (the first tab of a page may be another)."""
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.widget(i).isAncestorOf(view):
                tabs.setCurrentIndex(i)


def _columns(view: QAbstractItemView) -> list[int]:
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()  # type: ignore[attr-defined]
    return [header.sectionSize(c) for c in range(header.count())]


@pytest.mark.parametrize("width", WIDTHS)
def test_lists_fit_without_a_horizontal_scrollbar(
    qtbot: QtBot, window: MainWindow, width: int
) -> None:
    window.resize(width, 768)
    failures = []
    for section, name, text_column in TABLES:
        window.show_section(section)
        view = window.findChild(QAbstractItemView, name)
        assert isinstance(view, (QTableView, QTreeView)), name
        _show(window, view)
        assert view.isVisible(), name

        def problems(
            view: QAbstractItemView = view, name: str = name, text_column: int = text_column
        ) -> list[tuple[object, ...]]:
            bar = view.horizontalScrollBar()
            sizes = _columns(view)
            found: list[tuple[object, ...]] = []
            if view.model().rowCount() == 0:
                found.append((name, "no rows"))
            if bar.isVisible() and bar.maximum() > 0:
                found.append((name, "scrollbar", bar.maximum(), view.viewport().width(), sizes))
            if sizes[text_column] < MIN_TEXT_WIDTH:
                found.append(
                    (name, text_column, sizes[text_column], view.viewport().width(), sizes)
                )
            return found

        # The columns are re-fitted on the next turns of the event loop (rows arriving, the
        # vertical scrollbar appearing, optional columns giving way): judge the settled layout.
        with contextlib.suppress(QtTimeoutError):
            qtbot.waitUntil(lambda problems=problems: not problems(), timeout=3000)
        failures += problems()
    assert failures == []
