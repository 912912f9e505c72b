"""Dialogs sized to the screen they open on: never taller or wider than its available
area (taskbar excluded), whatever the scaling (125 % on a 1280×720 laptop leaves about
1024×538 device-independent pixels)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

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
