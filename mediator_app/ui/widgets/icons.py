"""The interface's icons: Lucide's outline set (ISC licence, ``resources/icons/ui/LICENSE.txt``),
bundled as SVG, one line weight everywhere.

``icon(name)`` gives a cached ``QIcon`` drawn at any size (sharp at 125 % too) in the
palette's text colour, and in its disabled colour for a disabled button, so the icons follow
light and dark themes. The SVGs use ``currentColor``; nothing else is recoloured.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication

from mediator_app.ui import style

ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons" / "ui"

#: What each of the application's actions shows (a name of ``ICONS_DIR`` without ``.svg``).
SECTION_ICONS = {
    "accueil": "house",
    "ateliers": "calendar-days",
    "participants": "users",
    "materiel": "laptop",
    "a_traiter": "inbox",
    "coordination": "chart-column",
    "parametres": "settings",
}


def names() -> list[str]:
    """Every bundled icon's name."""
    return sorted(p.stem for p in ICONS_DIR.glob("*.svg"))


@cache
def _svg(name: str) -> str:
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        raise KeyError(name)
    return path.read_text(encoding="utf-8")


def _colour(mode: QIcon.Mode, tone_name: str | None) -> QColor:
    palette = QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    if tone_name is not None:
        return style.tone(tone_name, palette)
    return palette.color(QPalette.ColorRole.ButtonText)


class _SvgEngine(QIconEngine):
    """Draws one SVG in the palette's colour of the requested mode (or in a tone of
    ``ui.style``), read when painted, so a theme change repaints it right."""

    def __init__(self, name: str, tone_name: str | None = None) -> None:
        super().__init__()
        self._name = name
        self._tone = tone_name

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        svg = _svg(self._name).replace("currentColor", _colour(mode, self._tone).name())
        return QSvgRenderer(QByteArray(svg.encode("utf-8")))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        del state
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._name, self._tone)

    def iconName(self) -> str:
        return self._name


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (a file of ``ICONS_DIR``); ``KeyError`` for an unknown name."""
    _svg(name)  # fail now, not when first painted
    return QIcon(_SvgEngine(name))


def set_icon(button: QAbstractButton, name: str) -> None:
    """Put the icon ``name`` on a button (the text stays: icons never replace words)."""
    button.setIcon(icon(name))


def warning_icon() -> QIcon:
    """The warning triangle of banners and of the problem report, in the warning tone
    (``ui.style``: chosen to read on the window's colour)."""
    return toned("triangle-alert", "warning")


@cache
def toned(name: str, tone_name: str) -> QIcon:
    """The icon ``name`` in the tone ``tone_name`` of ``ui.style`` (not the text colour)."""
    _svg(name)
    style.tone(tone_name)  # KeyError now for an unknown tone
    return QIcon(_SvgEngine(name, tone_name))
