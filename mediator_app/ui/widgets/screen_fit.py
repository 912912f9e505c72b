"""Dialogs sized to the screen they open on: never taller or wider than its available
area (taskbar excluded), whatever the scaling (125 % on a 1280×720 laptop leaves about
1024×538 device-independent pixels)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QStackedWidget, QWidget

#: Room left around a dialog for its frame and title bar.
MARGIN = 40


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width``×``height``, or to the available area of its screen
    when that is smaller (its content scrolls)."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - MARGIN)
        height = min(height, room.height() - MARGIN)
    dialog.resize(max(width, 200), max(height, 200))


class ReflowScrollArea(QScrollArea):
    """A form's room in a dialog: side by side columns when the dialog is wide enough for
    them, one above the other otherwise (1280×720 at 150 % leaves 853 device-independent
    pixels), and the content scrolls when it is taller than the room.

    Args:
        columns: the content's layout, a ``QBoxLayout`` going left to right; it is set on
            the scrolled widget and turned top to bottom when the viewport is narrower
            than the columns side by side.
        parent: the dialog.
    """

    def __init__(self, columns: QBoxLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._columns = columns
        self.body = QWidget(self)
        self.body.setLayout(columns)
        self.setWidget(self.body)

    def side_by_side_width(self) -> int:
        """The width the columns need side by side."""
        layout = self._columns
        margins = layout.contentsMargins()
        widths = [
            item.minimumSize().width()
            for item in (layout.itemAt(i) for i in range(layout.count()))
            if item is not None and not item.isEmpty()
        ]
        spacing = max(layout.spacing(), 0) * max(len(widths) - 1, 0)
        return sum(widths) + spacing + margins.left() + margins.right()

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = event.size().width() - self.verticalScrollBar().sizeHint().width()
        direction = (
            QBoxLayout.Direction.LeftToRight
            if room >= self.side_by_side_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
            self._columns.activate()
        super().resizeEvent(event)


def scrolling(widget: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``widget`` in a frameless scroll area on its parent's background: a panel that may
    be taller than a small screen's room scrolls instead of growing the window."""
    scroll = QScrollArea(parent)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra stop for Tab
    scroll.setWidget(widget)
    scroll.viewport().setAutoFillBackground(False)
    widget.setAutoFillBackground(False)
    return scroll


class CurrentPageStack(QStackedWidget):
    """Pages sized by the one shown: a short page does not scroll because another one is
    tall (``QStackedWidget`` alone takes the largest of all its pages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def _on_current_changed(self, _index: int) -> None:
        self.updateGeometry()
        parent = self.parentWidget()
        if parent is not None and parent.layout() is not None:
            parent.layout().invalidate()  # type: ignore[union-attr]
