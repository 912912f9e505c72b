"""Automatic garbage collection is off while the app runs; the GUI thread collects."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from mediator_app.ui.gc_guard import GuiGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collects_cycles_from_the_gui_thread(qtbot: QtBot) -> None:
    collector = GuiGarbageCollector()
    collector.install()
    try:
        assert not gc.isenabled()
        before = gc.get_count()[0]
        for _ in range(gc.get_threshold()[0] + 50):
            _Cycle()
        assert gc.get_count()[0] > before
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=3000)
    finally:
        collector.uninstall()
