"""Every page of the main window fits a 1280×720 or 1366×768 screen at 100, 125 and 150 %
(the Windows defaults on many laptops) with a taskbar: its minimum size, in
device-independent pixels, is within width/scale × (height − 48)/scale — 853×448 for
1280×720 at 150 %, the smallest. Scaling multiplies every logical size, so checking the
minimum size hint here is what a scaled screen shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from mediator_app.local_store import Store, open_local_store, save_profile
from mediator_app.local_store.demo_data import generate
from mediator_app.paths import AppPaths
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.main_window import SECTIONS, MainWindow
from mediator_app.ui.settings import Preferences
from mediator_app.ui.tasks import InlineRunner

TASKBAR = 48
SCREENS = ((1280, 720), (1366, 768))
SCALES = (1.0, 1.25, 1.5)
#: (width, height, scale) of every screen checked.
SIZES = [(w, h, s) for (w, h) in SCREENS for s in SCALES]
#: The smallest room: 1280×720 at 150 %, taskbar excluded.
ROOM_W, ROOM_H = 1280 / 1.5, (720 - TASKBAR) / 1.5


def _fits(hint: QSize) -> bool:
    return hint.width() <= ROOM_W and hint.height() <= ROOM_H


@pytest.fixture
def coordinator_store(tmp_path: Path) -> Store:
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
    return st


@pytest.mark.parametrize("role", ["coordinator", "mediator", "admin"])
@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_every_page_fits_its_screen(
    qtbot: QtBot,
    coordinator_store: Store,
    tmp_path: Path,
    width: int,
    height: int,
    scale: float,
    role: str,
) -> None:
    st = coordinator_store
    if role == "mediator":  # the same laptop as a partner's mediator: Matériel, À traiter…
        save_profile(st, {"role": "mediator", "display_name": "Amina Benali"})
    if role == "admin":  # the national team: its dashboard has the départements
        save_profile(st, {"role": "admin", "department_code": "", "display_name": "Équipe GIP"})
    ctx = AppContext(st, Services.of(st), InlineRunner())
    paths = AppPaths(tmp_path / "data")
    window = MainWindow(ctx, paths, Preferences.at(paths.settings_file))
    qtbot.addWidget(window)
    window.show()
    room_w, room_h = width / scale, (height - TASKBAR) / scale
    too_big = []
    for section in SECTIONS:
        window.show_section(section.key)
        hint = window.minimumSizeHint()
        if hint.width() > room_w or hint.height() > room_h:
            too_big.append((section.key, hint.width(), hint.height()))
    assert too_big == [], f"room {room_w:.0f}×{room_h:.0f}"
    # Every tab of a page shows without the tab bar's scroll arrows.
    window.resize(int(room_w), int(room_h))
    qtbot.wait(1)
    # The window really takes that room: no minimum (a sidebar's labels…) keeps it wider.
    assert window.width() <= room_w and window.height() <= room_h
    cramped = []
    for section in SECTIONS:
        window.show_section(section.key)
        qtbot.wait(1)
        for tabs in window.findChildren(QTabWidget):
            if tabs.isVisible() and tabs.tabBar().sizeHint().width() > tabs.width():
                cramped.append((section.key, tabs.tabBar().sizeHint().width(), tabs.width()))
    assert cramped == [], f"room {room_w:.0f}×{room_h:.0f}"


def test_the_forms_and_the_device_and_line_dialogs_fit_their_screen(
    qtbot: QtBot, coordinator_store: Store
) -> None:
    """The workshop editor, the parent form, the convention, the device sheet and the line dialogs: sized to the
    screen's available area, with a minimum that fits 853×448 (1280×720 at 150 %): their
    content scrolls, « Enregistrer » stays on screen."""
    from mediator_app.core import programme
    from mediator_app.local_store.services.devices import DeviceFilter
    from mediator_app.ui.dialogs.device_sheet import DeviceSheetDialog
    from mediator_app.ui.dialogs.line_dialogs import EndLineDialog, LineDialog, LineImportDialog
    from mediator_app.ui.dialogs.parents_ressource import ParentsRessourceDialog
    from mediator_app.ui.dialogs.participant_editor import ParticipantEditor
    from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
    from mediator_app.ui.pages.programme import PartnershipDialog

    services = Services.of(coordinator_store)
    ctx = AppContext(coordinator_store, services, InlineRunner())
    # The demo device with the longest history, and a demo line.
    devices = services.devices.list(DeviceFilter(), limit=1000).rows
    device = max(devices, key=lambda d: len(services.handouts.by_device(d.id)))
    rows = services.devices.line_rows()
    assert rows, "the demo data has connectivity lines"
    from mediator_app.local_store.services.workshops import WorkshopFilter

    workshops = services.workshops.list(WorkshopFilter(), limit=1000).rows
    workshop = max((r.workshop for r in workshops), key=lambda w: len(w.title))
    for dialog in (
        WorkshopEditor(ctx),
        WorkshopEditor(ctx, workshop, services.workshops.places()),
        ParticipantEditor(ctx),
        PartnershipDialog(ctx, [], programme.school_year_of(date.today())),
        DeviceSheetDialog(ctx, device),
        LineDialog(ctx, rows[0]),
        EndLineDialog(ctx, rows[0].line),
        LineImportDialog(ctx),
        ParentsRessourceDialog(ctx, Path(coordinator_store.engine.url.database or ".").parent),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
        hint = dialog.minimumSizeHint()
        assert _fits(hint), (dialog.objectName(), hint)


def test_the_question_about_offline_work_fits_with_a_long_address(qtbot: QtBot) -> None:
    """« Rattacher … au compte de … ? » wraps a long e-mail: its buttons stay on screen."""
    from mediator_app.sync.accounts import LocalWork, attach_question
    from mediator_app.ui.dialogs.attach_offline import AttachOfflineDialog

    who = "marie-christine.de-la-fontaine@centre-social-des-doucettes.exemple.fr"
    dialog = AttachOfflineDialog(attach_question(LocalWork(128, 1543, 2000), who))
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.minimumSizeHint()
    assert _fits(hint), hint
    assert dialog.width() <= dialog.screen().availableGeometry().width()


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_export_dialog_with_the_pages_filter_fits_1280x720_at_150_percent(
    qtbot: QtBot, coordinator_store: Store, role: str
) -> None:
    """The export opened from the coordination page carries its département (national
    team) and structure lines: its minimum still fits 853×448."""
    from mediator_app.ui.pages.coordination import CoordinationPage

    st = coordinator_store
    if role == "admin":
        save_profile(st, {"role": "admin", "department_code": "", "display_name": "Équipe GIP"})
    ctx = AppContext(st, Services.of(st), InlineRunner())
    page = CoordinationPage(ctx, health_fetcher=lambda: None, today=date.today)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(page)
    page.refresh()
    bar = page.view_filter
    assert bar.partner.count() > 1
    bar.partner.setCurrentIndex(1)
    dialog = page.open_export_dialog()
    assert dialog._partner.currentText() == bar.partner.currentText()
    assert dialog._department.isVisibleTo(dialog) == (role == "admin")
    # The national team's export starts on the national view, which says it is not filtered.
    assert dialog._scope_note.isVisibleTo(dialog) == (role == "admin")
    hint = dialog.minimumSizeHint()
    assert _fits(hint), hint
    dialog.close()


def test_the_workshop_editor_puts_its_columns_one_above_the_other_when_narrow(
    qtbot: QtBot, coordinator_store: Store
) -> None:
    """At 150 % on 1280×720 the editor is 813 px wide: its two columns go one above the
    other, and scroll; on a wider screen they are side by side again."""
    from PySide6.QtWidgets import QBoxLayout

    from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
    from mediator_app.ui.widgets.screen_fit import ReflowScrollArea

    ctx = AppContext(coordinator_store, Services.of(coordinator_store), InlineRunner())
    editor = WorkshopEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    scroll = editor.findChild(ReflowScrollArea, "workshop_editor_scroll")
    assert scroll is not None
    columns = scroll.body.layout()
    assert isinstance(columns, QBoxLayout)
    editor.resize(scroll.side_by_side_width() + 80, 440)
    qtbot.waitUntil(lambda: columns.direction() == QBoxLayout.Direction.LeftToRight)
    editor.resize(int(ROOM_W) - 40, int(ROOM_H) - 8)
    qtbot.waitUntil(lambda: columns.direction() == QBoxLayout.Direction.TopToBottom)
    assert editor.width() <= ROOM_W
    # Nothing is cut on the right: the form fits the width, it scrolls down.
    assert scroll.body.width() <= scroll.viewport().width()
    assert scroll.verticalScrollBar().maximum() > 0


@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_the_workshops_custom_period_and_card_buttons_fit_without_scrolling(
    qtbot: QtBot, coordinator_store: Store, tmp_path: Path, width: int, height: int, scale: float
) -> None:
    """« Période : Personnalisée… » puts its two dates on a row of their own: the filters
    stay within the room's width; the card's buttons are pinned under its text, in view
    with no scrolling, on every screen and scale."""
    from PySide6.QtWidgets import QDateEdit, QPushButton, QToolButton

    from mediator_app.ui.pages.workshops import WorkshopsPage

    ctx = AppContext(coordinator_store, Services.of(coordinator_store), InlineRunner())
    paths = AppPaths(tmp_path / "data")
    window = MainWindow(ctx, paths, Preferences.at(paths.settings_file))
    qtbot.addWidget(window)
    window.show()
    room_w, room_h = width / scale, (height - TASKBAR) / scale
    window.resize(int(room_w), int(room_h))
    window.show_section("ateliers")
    page = window.findChild(WorkshopsPage, "page_ateliers")
    assert page is not None
    assert page.model.rowCount() > 0
    assert page._select(page.model.row_at(0).workshop.id)
    page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))
    qtbot.waitUntil(lambda: page.date_to_edit.isVisible())
    qtbot.wait(1)
    assert window.width() <= room_w and window.height() <= room_h
    hint = page.minimumSizeHint()
    assert hint.width() <= room_w and hint.height() <= room_h, (hint, room_w, room_h)
    # Everything the filters and the card offer is drawn whole, inside the window.
    wanted = [
        *(page.findChild(QDateEdit, name) for name in ("date_from_edit", "date_to_edit")),
        page.findChild(QPushButton, "reset_filters_button"),
        page.findChild(QPushButton, "new_workshop_button"),
        page.findChild(QPushButton, "edit_button"),
        page.findChild(QPushButton, "checkin_button"),
        page.findChild(QToolButton, "emargement_button"),
    ]
    cut = []
    for widget in wanted:
        assert widget is not None
        right = widget.mapTo(window, widget.rect().bottomRight())
        shown = widget.visibleRegion().boundingRect().size()
        if shown != widget.size() or right.x() >= window.width() or right.y() >= window.height():
            cut.append((widget.objectName(), shown, widget.size(), right))
    assert cut == [], f"room {room_w:.0f}×{room_h:.0f}"
    # Back to a preset period: the dates' row goes away.
    page.period_combo.setCurrentIndex(page.period_combo.findData("all"))
    assert not page.date_from_edit.isVisible()
