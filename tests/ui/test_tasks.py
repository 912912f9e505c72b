from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot

from mediator_app.core.errors import CancelledError, KnownError
from mediator_app.ui.tasks import CancelToken, TaskRunner


def test_task_runs_off_gui_thread_and_reports_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: dict[str, Any] = {}

    def work(x: int, token: CancelToken) -> int:
        seen["thread"] = threading.get_ident()
        token.progress(1, 2, "moitié")
        return x * 2

    progress: list[tuple[int, int, str]] = []
    with qtbot.waitCallback() as cb:
        runner.run(work, 21, on_done=cb, on_progress=lambda *a: progress.append(a))
    cb.assert_called_with(42)
    assert seen["thread"] != gui
    qtbot.waitUntil(lambda: progress == [(1, 2, "moitié")])
    runner.shutdown()


def test_known_error_and_cancel_reach_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()

    def slow(token: CancelToken) -> None:
        started.set()
        release.wait(5)
        token.check()

    errors: list[KnownError] = []
    token = runner.run(slow, on_error=errors.append)
    assert started.wait(5)
    token.cancel()
    release.set()
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], CancelledError)
    assert errors[0].message == "Opération annulée."
    runner.shutdown()
