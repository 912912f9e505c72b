"""Fixtures of the UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture
def quit_after(qapp: QApplication) -> Iterator[Callable[[int], None]]:
    """``quit_after(ms)`` quits the application's event loop after ``ms`` if the test's
    ``run()`` hangs. The timer stops when the test ends: a one-shot ``quit`` left behind
    would fire in whatever test of that worker runs 20–30 s later, and end its event loop
    (a later test's ``run()``) early."""
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
