"""Fixtures of the UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture
def quit_after(qapp: QApplication) -> Iterator[Callable[[int], None]]:
    """``quit_after(ms)`` quits the application's event loop after ``ms`` if the test's
    ``run()`` hangs. The timer stops when the test ends: a ``quit`` firing later, in another
    test, would make every later wait of that worker return at once (Qt's event loops
    refuse to run until the next ``exec``) and fail a string of unrelated tests."""
    timers: list[QTimer] = []

    def arm(ms: int) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(qapp.quit)
        timer.start(ms)
        timers.append(timer)

    yield arm
    for timer in timers:
        timer.stop()
