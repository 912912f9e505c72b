"""Python's garbage collector runs on the GUI thread only.

The cyclic collector runs on whichever thread happens to allocate when a threshold is
crossed. On a task-runner thread it can destroy Qt objects that belong to the GUI thread
(crashes, "Timers cannot be stopped from another thread"). So automatic collection is
switched off and this object collects from a GUI-thread timer instead, honouring the same
thresholds (the approach qutebrowser takes for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    """Disables automatic collection and collects on a GUI-thread timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._was_enabled = gc.isenabled()

    def install(self) -> None:
        gc.disable()
        self._timer.start()

    def uninstall(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def _on_timer_timeout(self) -> None:
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        # The oldest generation whose count crossed its threshold, as the automatic
        # collector would choose.
        generation = -1
        for gen in range(3):
            if counts[gen] > thresholds[gen] > 0:
                generation = gen
        if generation >= 0:
            gc.collect(generation)
