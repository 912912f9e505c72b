"""The application's one light stylesheet: spacing, empty states and the error and warning
tones, applied once at start (``apply``, from ``mediator_app.app``).

Colours stay the palette's (light, dark and high-contrast themes keep working) except the two
tones, which are chosen for the palette's window colour so that they read on it: an error
text is at least 4.5:1 against the window (WCAG AA), a warning icon at least 3:1. A widget
takes a tone with ``mark(widget, "error")`` (a ``tone`` property the stylesheet selects, and
the palette colour for widgets shown before ``apply`` or without it, as in tests). Errors
always start with "⚠" too: never colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

#: Tone -> (on a light window, on a dark window).
TONES: dict[str, tuple[str, str]] = {
    "error": ("#b3261e", "#ffb4ab"),
    "warning": ("#8a5300", "#ffcc66"),
    "success": ("#1b6e2b", "#8fdc9a"),
}

#: Margins of a page's content and the space between its blocks (pixels, before scaling).
PAGE_MARGINS = 16
SPACING = 12

STYLESHEET = """
QLabel[tone="error"] {{ color: {error}; font-weight: bold; }}
QLabel[tone="warning"] {{ color: {warning}; }}
QLabel[tone="success"] {{ color: {success}; }}
QToolTip {{ padding: 4px; }}
"""


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette | None = None) -> QColor:
    """The colour of tone ``name`` that reads on ``palette``'s window (the application's)."""
    pal = QGuiApplication.palette() if palette is None else palette
    light, dark = TONES[name]
    return QColor(dark if is_dark(pal) else light)


def muted(palette: QPalette) -> QColor:
    """Secondary text: the window text, a third of the way to the window colour (the
    disabled colour of some themes is too pale to read)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return QColor(
        round(text.red() * 2 / 3 + window.red() / 3),
        round(text.green() * 2 / 3 + window.green() / 3),
        round(text.blue() * 2 / 3 + window.blue() / 3),
    )


def stylesheet(palette: QPalette) -> str:
    return STYLESHEET.format(
        error=tone("error", palette).name(),
        warning=tone("warning", palette).name(),
        success=tone("success", palette).name(),
        muted=muted(palette).name(),
    )


def mark(widget: QWidget, name: str) -> None:
    """Give ``widget`` the tone ``name`` (its text colour; bold for an error)."""
    if name not in TONES:
        raise KeyError(name)
    widget.setProperty("tone", name)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, tone(name, palette))
    widget.setPalette(palette)
    if name == "error":
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)


def apply(app: QApplication) -> None:
    """Install the stylesheet, and again when the system switches light/dark."""
    app.setStyleSheet(stylesheet(app.palette()))
    if app.property("tne_style_connected"):
        return
    signal = getattr(app.styleHints(), "colorSchemeChanged", None)  # Qt 6.5+
    if signal is not None:
        signal.connect(lambda _scheme: app.setStyleSheet(stylesheet(app.palette())))
    app.setProperty("tne_style_connected", True)
