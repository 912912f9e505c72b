"""The calm « nothing chosen » states of the detail panels, the themes picker of the workshop
editor, the status markers of Matériel and the home lists sized to their rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu, QTableView
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Device, Participant, Workshop
from mediator_app.core.enums import (
    ConsentMode,
    ConsentPurpose,
    DeviceStatus,
    LineStatus,
    Theme,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.local_store import Store, save_profile
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
from mediator_app.ui.models.device_table import DeviceColumn, DeviceTableModel
from mediator_app.ui.models.participant_table import ParticipantColumn, consent_text
from mediator_app.ui.models.review_table import RowsTableModel, TableColumn
from mediator_app.ui.pages.coordination import CoordinationPage
from mediator_app.ui.pages.home import HomePage
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import InlineRunner, TaskRunner
from mediator_app.ui.widgets.status_marks import LINE_ENDING, MARKS, status_mark


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _workshop(store: Store, title: str = "Café des parents Pronote") -> Workshop:
    return (
        WorkshopService(store)
        .create(
            Workshop(
                title=title,
                date=date.today() + timedelta(days=3),
                format=WorkshopFormat.CAFE_DES_PARENTS,
                themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                commune="Sarcelles",
            )
        )
        .value
    )


def test_workshop_card_is_an_empty_state_until_a_row_is_chosen(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    _workshop(store)
    page = WorkshopsPage(AppContext(store, Services.of(store), runner))
    page.open_files = False
    qtbot.addWidget(page)
    page.resize(1180, 680)
    page.show()
    page.refresh()
    view = page.findChild(QTableView, "workshops_view")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount() == 1, timeout=10_000)

    stack = page.detail_or_empty
    assert stack.is_empty() and stack.empty.isVisible()
    assert "Choisissez un atelier dans la liste pour voir sa fiche" in stack.empty.text()
    for button in (page.edit_button, page.checkin_button, page.emargement_button):
        assert not button.isVisible()  # no disabled buttons on show

    view.setFocus()
    view.selectRow(0)
    qtbot.waitUntil(lambda: not stack.is_empty(), timeout=5_000)
    assert page.detail_tabs.isVisible() and not stack.empty.isVisible()
    assert page.edit_button.isVisible() and page.edit_button.isEnabled()
    assert page.detail_title.text() == "Café des parents Pronote"
    assert view.hasFocus()  # choosing a row leaves the keyboard in the list
    page.edit_button.setFocus()
    assert page.edit_button.hasFocus()  # the card's buttons take the focus again


def test_parent_card_is_an_empty_state_and_the_erase_message_stays(
    qtbot: QtBot, store: Store
) -> None:
    ctx = AppContext(store, Services.of(store), InlineRunner())
    svc = ctx.services.participants
    a = svc.create(Participant(first_name="Leïla", last_name="Haddad")).value
    page = ParticipantsPage(ctx)
    page.open_documents = False
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()

    detail = page.detail
    assert detail.card_or_empty.is_empty()
    assert "Choisissez un parent dans la liste" in detail.card_or_empty.empty.text()
    assert not detail.edit_button.isVisible() and not detail.erase_button.isVisible()

    page.open_participant(a.id)
    assert not detail.card_or_empty.is_empty()
    assert detail.name_label.text() == "Leïla Haddad"
    assert detail.edit_button.isVisible() and detail.edit_button.isEnabled()

    detail.show_nothing()
    detail.status_label.setText("La fiche a été effacée.")
    assert detail.card_or_empty.is_empty() and detail.status_label.isVisible()


def test_review_detail_is_an_empty_state_until_a_row_is_chosen(
    qtbot: QtBot, store: Store, runner: TaskRunner
) -> None:
    save_profile(store, {"role": "coordinator", "display_name": "Claire", "department_code": "95"})
    with store.write() as tx:
        tx.insert(
            Workshop(
                format=WorkshopFormat.ATELIER,
                title="Atelier réseaux sociaux",
                date=date.today() - timedelta(days=1),
                themes=(Theme.RESEAUX_SOCIAUX,),
                status=WorkshopStatus.HELD,
            )
        )
    page = CoordinationPage(
        AppContext(store, Services.of(store), runner),
        health_fetcher=lambda: pytest.fail("not asked"),
    )
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.reload_review()
    qtbot.waitUntil(lambda: page.review_model.rowCount() == 1, timeout=10_000)
    stack = page._detail_or_empty
    assert stack.is_empty() and stack.empty.isVisible()
    assert "Choisissez un atelier dans la liste" in stack.empty.text()
    assert not page._validate_button.isVisible()

    page.review_table.setCurrentIndex(page.review_table.model().index(0, 0))
    assert not stack.is_empty()
    assert page._validate_button.isVisible() and page._validate_button.isEnabled()
    assert page._detail_title.text() == "Atelier réseaux sociaux"


# A popup on the off-screen platform: it says it cannot grab the keyboard or raise a window.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_themes_are_one_line_in_the_form_and_all_in_a_popup_without_scroll_bars(
    qtbot: QtBot, store: Store
) -> None:
    editor = WorkshopEditor(AppContext(store, Services.of(store), InlineRunner()))
    qtbot.addWidget(editor)
    editor.show()
    button = editor.themes_button
    box = editor.themes_list
    assert button.text() == "Aucune thématique choisie"
    assert button.height() < 2.5 * button.fontMetrics().height()  # one line in the form
    assert box.count() == len(Theme)

    menu = button.menu()
    assert isinstance(menu, QMenu)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the keyboard opens it
    qtbot.waitUntil(menu.isVisible, timeout=5_000)
    assert box.isVisible()
    assert box.horizontalScrollBar().maximum() == 0
    assert box.verticalScrollBar().maximum() == 0
    viewport = box.viewport().rect()
    for i in range(box.count()):  # every theme in view, none behind a scroll
        assert viewport.contains(box.visualItemRect(box.item(i))), box.item(i).text()

    assert box.hasFocus() and box.currentRow() == 0
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ticks the second theme
    second = box.item(1)
    assert second.checkState() == Qt.CheckState.Checked
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=5_000)
    assert button.toolTip() == second.text()
    assert list(Theme)[1] in editor.values()["themes"]  # the value saved is the same


def _pixels(icon_image: QImage) -> set[int]:
    return {
        icon_image.pixel(x, y)
        for x in range(icon_image.width())
        for y in range(icon_image.height())
        if icon_image.pixelColor(x, y).alpha() > 200
    }


def test_every_status_has_a_marker_drawn_and_told_apart_by_shape() -> None:
    for status in DeviceStatus:
        mark = status_mark(status)
        assert not mark.isNull()
        assert _pixels(mark.pixmap(16, 16).toImage())  # something drawn
    for status in LineStatus:
        assert not status_mark(status).isNull()
    assert not status_mark(LINE_ENDING).isNull()
    # Told apart by shape too (colour-blind safe): same shape and colour only for the
    # statuses that mean the same to the eye (lost and stolen, both gone).
    seen: dict[tuple[str, str], set[str]] = {}
    for status in DeviceStatus:
        seen.setdefault(MARKS[status], set()).add(status)
    assert all(len(v) == 1 for k, v in seen.items() if k != MARKS[DeviceStatus.LOST])


def test_status_column_returns_the_marker_and_keeps_the_text() -> None:
    model = DeviceTableModel()
    rows = tuple(
        Device(asset_tag=f"TNE95-{i:04d}", serial_number=f"S{i}", status=s)
        for i, s in enumerate(DeviceStatus)
    )
    model.set_rows(rows)
    for row, status in enumerate(DeviceStatus):
        index = model.index(row, DeviceColumn.STATUS)
        assert index.data() == label(status)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        assert icon.cacheKey() == status_mark(status).cacheKey()
        assert model.index(row, DeviceColumn.TAG).data(Qt.ItemDataRole.DecorationRole) is None

    lines = RowsTableModel((TableColumn("Statut", lambda s: label(s), decoration=status_mark),))
    lines.set_rows(tuple(LineStatus))
    for row, status in enumerate(LineStatus):
        index = lines.index(row, 0)
        assert index.data() == label(status)
        assert (
            index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == status_mark(status).cacheKey()
        )
    assert lines.index(0, 0, QModelIndex()).isValid()


def test_consent_column_shows_whole_at_1366(qtbot: QtBot, store: Store) -> None:
    ctx = AppContext(store, Services.of(store), InlineRunner())
    p = ctx.services.participants.create(
        Participant(
            first_name="Awa",
            last_name="Ba",
            consent_date=date(2026, 11, 18),
            consent_purposes=(ConsentPurpose.SUIVI,),
            consent_mode=ConsentMode.WRITTEN,
        )
    ).value
    page = ParticipantsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 220, 700)  # the window less the sidebar
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    text = page.model.index(0, ParticipantColumn.CONSENT).data()
    assert text == consent_text(page.model.rows()[0]) and p.consent_mode is ConsentMode.WRITTEN
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: not header.isSectionHidden(ParticipantColumn.CONSENT))
    needed = page.table.fontMetrics().horizontalAdvance(text)
    assert header.sectionSize(ParticipantColumn.CONSENT) > needed


def test_home_lists_ask_for_the_height_of_their_rows(qtbot: QtBot, store: Store) -> None:
    page = HomePage(AppContext(store, Services.of(store), InlineRunner()))
    qtbot.addWidget(page)
    tree = page._workshops
    empty = tree.sizeHint().height()
    for i in range(5):
        _workshop(store, f"Atelier {i}")
    page.refresh()
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 5)
    five = tree.sizeHint().height()
    assert five > empty
    row = tree.sizeHintForRow(0)
    assert row > tree.fontMetrics().height()  # rows with some air
    for i in range(20):
        _workshop(store, f"Atelier bis {i}")
    page.refresh()
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 5)
    shown = min(tree.topLevelItemCount(), 12)  # capped at twelve rows
    assert tree.sizeHint().height() == five + (shown - 5) * row
