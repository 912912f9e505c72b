"""The look: icons drawn in the palette's colour, error text that reads on light and dark
windows, and the same empty state on the list pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QStyleFactory
from pytestqt.qtbot import QtBot

from mediator_app.local_store import Store
from mediator_app.ui import style
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.pages.attention import AttentionPage
from mediator_app.ui.pages.devices import DevicesPage
from mediator_app.ui.pages.participants import ParticipantsPage
from mediator_app.ui.pages.workshops import WorkshopsPage
from mediator_app.ui.tasks import InlineRunner
from mediator_app.ui.widgets import icons
from mediator_app.ui.widgets.empty_state import EmptyOr, EmptyState
from mediator_app.ui.widgets.forms import FieldErrors
from mediator_app.ui.widgets.french import error_label

UI = Path(icons.__file__).resolve().parents[1]


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#f0f0f0"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#f0f0f0"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#f0f0f0"),
    ):
        pal.setColor(role, QColor(colour))
    return pal


def _palettes() -> dict[str, QPalette]:
    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    contrast_black = QPalette(QColor("#000000"))
    contrast_black.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    return {
        "fusion": fusion.standardPalette(),
        "white": QPalette(QColor("#ffffff")),
        "dark": _dark_palette(),
        "black": contrast_black,
    }


@pytest.mark.parametrize("name", ["fusion", "white", "dark", "black"])
def test_error_and_warning_tones_read_on_every_palette(qapp: QApplication, name: str) -> None:
    palette = _palettes()[name]
    window = palette.color(QPalette.ColorRole.Window)
    assert contrast(style.tone("error", palette), window) >= 4.5
    assert contrast(style.tone("success", palette), window) >= 4.5
    assert contrast(style.tone("warning", palette), window) >= 3.0  # icons: non-text
    assert contrast(style.muted(palette), window) >= 4.5
    sheet = style.stylesheet(palette)
    assert f'QLabel[tone="error"] {{ color: {style.tone("error", palette).name()};' in sheet


def test_error_labels_take_the_error_tone(qtbot: QtBot) -> None:
    """Both kinds of error label; the form's used the palette's « bright text », white on
    the light theme."""
    general = QLabel()
    qtbot.addWidget(general)
    errors = FieldErrors(general)
    field = errors.label("title", general)
    inline = error_label("date", general)
    want = style.tone("error", general.palette())
    for label in (general, field, inline):
        assert label.property("tone") == "error"
        assert label.palette().color(QPalette.ColorRole.WindowText) == want
        assert label.font().bold()
        window = label.palette().color(QPalette.ColorRole.Window)
        assert contrast(label.palette().color(QPalette.ColorRole.WindowText), window) >= 4.5


def _used_icon_names() -> set[str]:
    used: set[str] = set(icons.SECTION_ICONS.values()) | {"triangle-alert"}
    pattern = re.compile(r'(?:set_icon\([^,]+,\s*|icon\(|icon_name=)"([a-z0-9-]+)"')
    for path in UI.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_icon_used_is_bundled_and_every_bundled_one_used() -> None:
    used = _used_icon_names()
    assert used == set(icons.names())
    assert (icons.ICONS_DIR / "LICENSE.txt").is_file()
    with pytest.raises(KeyError):
        icons.icon("absent")


def test_icons_are_drawn_in_the_palette_colour(qapp: QApplication) -> None:
    icon = icons.icon("house")
    assert icon is icons.icon("house")  # cached
    want = QApplication.palette().color(QPalette.ColorRole.ButtonText)
    for side in (16, 20, 40):  # any size, sharp at 125 % too
        image = icon.pixmap(QSize(side, side)).toImage()
        assert (image.width(), image.height()) == (side, side)
        opaque = [
            image.pixelColor(x, y)
            for x in range(side)
            for y in range(side)
            if image.pixelColor(x, y).alpha() == 255
        ]
        assert opaque, "nothing drawn"
        assert {c.name() for c in opaque} == {want.name()}
    disabled = icon.pixmap(QSize(24, 24), QIcon.Mode.Disabled).toImage()
    drawn = {
        disabled.pixelColor(x, y).name()
        for x in range(24)
        for y in range(24)
        if disabled.pixelColor(x, y).alpha() == 255
    }
    assert drawn == {
        QApplication.palette()
        .color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        .name()
    }


@pytest.fixture
def ctx(store: Store) -> Iterator[AppContext]:
    yield AppContext(store=store, services=Services.of(store), runner=InlineRunner())


def _state(page: object, name: str) -> EmptyState:
    assert hasattr(page, "findChild")
    found = page.findChild(EmptyState, f"{name}_empty_state")  # type: ignore[attr-defined]
    assert isinstance(found, EmptyState)
    return found


def test_empty_workshops_page_offers_the_first_workshop(qtbot: QtBot, ctx: AppContext) -> None:
    page = WorkshopsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    state = _state(page, "workshops")
    qtbot.waitUntil(state.isVisible, timeout=5_000)
    assert state.title_label.text() == "Aucun atelier pour l’instant"
    assert "synchronisation" in state.hint_label.text()
    assert state.button.text() == "Nouvel atelier" and state.button.isVisible()
    page.search_edit.setText("zzz")
    page.apply_filter()
    qtbot.waitUntil(
        lambda: state.title_label.text() == "Aucun atelier ne correspond", timeout=5_000
    )
    assert state.button.text() == "Réinitialiser les filtres"
    state.button.click()
    assert page.search_edit.text() == ""
    qtbot.waitUntil(
        lambda: state.title_label.text() == "Aucun atelier pour l’instant", timeout=5_000
    )


def test_empty_participants_and_devices_pages(qtbot: QtBot, ctx: AppContext) -> None:
    people = ParticipantsPage(ctx)
    qtbot.addWidget(people)
    people.show()
    people.refresh()
    state = _state(people, "participants")
    qtbot.waitUntil(state.isVisible, timeout=5_000)
    assert state.title_label.text() == "Aucun parent pour l’instant"
    assert state.button.text() == "Nouveau parent"

    devices = DevicesPage(ctx)
    qtbot.addWidget(devices)
    devices.show()
    devices.refresh()
    inventory = _state(devices, "devices")
    qtbot.waitUntil(inventory.isVisible, timeout=5_000)
    assert inventory.title_label.text() == "Aucun équipement pour l’instant"
    assert inventory.button.text() == "Ajouter des équipements…"
    for name in ("overdue", "due", "open", "lines"):
        tab = _state(devices, name)
        holder = tab.parentWidget()
        assert isinstance(holder, EmptyOr) and holder.is_empty(), name
        assert tab.title_label.text().startswith("Aucun")
    # The handout lists had the lines tab's « lignes terminées » box: only that tab keeps it.
    boxes = devices.findChildren(QCheckBox, "show_ended_lines_check")
    assert [b.parentWidget() for b in boxes] == [devices.lines_view]


def test_empty_attention_page_says_all_is_in_order(qtbot: QtBot, ctx: AppContext) -> None:
    page = AttentionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    state = _state(page, "attention")
    qtbot.waitUntil(state.isVisible, timeout=5_000)
    assert state.text().startswith("✓ Rien à traiter")
    assert not state.button.isVisible()
