"""``WriteOp``, the screens' one write path, on a real SQLite store.

Success broadcasts the changes once and nudges the sync once; a ``ValidationError`` reaches
the form; another ``KnownError`` shows its French message; a bug reaches the crash handler;
with the real ``TaskRunner`` the service call runs off the GUI thread.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.local_store import Store
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.crash import CrashHandler
from mediator_app.ui.ops import LongWriteOp, WriteOp
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import CancelToken, InlineRunner, TaskRunner
from mediator_app.ui.widgets.french import message_label


def _no_engine() -> Any:
    raise KnownError("Personne n’est connecté.")


class _World:
    """A context on the real store, with what it broadcast and how often the sync was told."""

    def __init__(self, store: Store, runner: TaskRunner) -> None:
        self.status_reads = 0
        self.sync = SyncController(_no_engine, self._status, auto=False)
        self.ctx = AppContext(store, Services.of(store), runner, sync=self.sync)
        self.broadcasts: list[frozenset[str]] = []
        self.ctx.hub.changed.connect(self.broadcasts.append)
        self.page = QWidget()
        self.message = message_label("page_error", self.page)

    def _status(self) -> str:
        self.status_reads += 1  # read once by each nudge (``notify_edited``)
        return ""

    def workshop(self) -> Workshop:
        draft = Workshop(
            title="Réseaux sociaux : en parler en famille",
            date=date(2026, 3, 12),
            themes=(Theme.RESEAUX_SOCIAUX,),
            commune="Cergy",
        )
        return self.ctx.services.workshops.create(draft).value


@pytest.fixture
def world(qtbot: QtBot, store: Store) -> Iterator[_World]:
    w = _World(store, InlineRunner())
    qtbot.addWidget(w.page)
    yield w


def test_success_broadcasts_the_changes_once_and_nudges_the_sync_once(world: _World) -> None:
    ws = world.workshop()
    order: list[str] = []
    saved: list[Workshop] = []
    world.ctx.hub.changed.connect(lambda _c: order.append("broadcast"))

    def on_saved(w: Workshop) -> None:
        order.append("success")
        saved.append(w)

    (
        WriteOp(world.ctx, world.page, lambda s: s.workshops.update(ws.id, commune="Pontoise"))
        .settled(lambda: order.append("settled"))
        .success(on_saved)
        .message_to(world.message)
        .run()
    )
    assert world.broadcasts == [frozenset({"workshop"})]
    assert world.status_reads == 1 and world.sync._after_edit.isActive()
    assert order == ["broadcast", "settled", "success"]
    assert saved[0].commune == "Pontoise"
    assert world.ctx.services.workshops.get(ws.id).commune == "Pontoise"  # type: ignore[union-attr]
    assert world.message.isHidden()


def test_a_validation_error_reaches_the_form_and_nothing_is_announced(world: _World) -> None:
    ws = world.workshop()
    refused: list[dict[str, str]] = []
    settled: list[bool] = []
    (
        WriteOp(world.ctx, world.page, lambda s: s.workshops.update(ws.id, title=""))
        .settled(lambda: settled.append(True))
        .success(lambda _w: pytest.fail("a refused write is no success"))
        .failure(lambda error: refused.append(error.errors))
        .message_to(world.message)
        .run()
    )
    assert settled == [True]
    assert len(refused) == 1 and "title" in refused[0] and refused[0]["title"]
    assert world.broadcasts == [] and world.status_reads == 0
    assert world.message.isHidden()  # the form shows it under its field, not the page
    assert world.ctx.services.workshops.get(ws.id).title == ws.title  # type: ignore[union-attr]

    # Without a failure callback, the refusal's French sentence is shown on the page.
    WriteOp(world.ctx, world.page, lambda s: s.workshops.update(ws.id, title="")).message_to(
        world.message
    ).run()
    assert world.message.isVisibleTo(world.page)
    assert world.message.text().startswith("⚠ La fiche n’a pas été enregistrée :")


def test_a_known_error_shows_its_french_message_in_one_place(qtbot: QtBot, world: _World) -> None:
    gone = uuid4()
    failures: list[ValidationError] = []
    (
        WriteOp(world.ctx, world.page, lambda s: s.workshops.update(gone, commune="Osny"))
        .failure(failures.append)
        .message_to(world.message)
        .run()
    )
    assert failures == []  # not a field error: the page says it
    text = world.message.text()
    assert text.startswith("⚠ ") and len(text) > 10
    assert world.message.accessibleName() == text.removeprefix("⚠ ")
    assert world.broadcasts == [] and world.status_reads == 0

    # No message label: a warning box over the screen, opened without a nested loop.
    world.page.show()
    WriteOp(world.ctx, world.page, lambda s: s.workshops.update(gone, commune="Osny")).run()
    box = world.page.findChild(QMessageBox, "write_error_box")
    assert box is not None and box.isVisible()
    assert box.text() == text.removeprefix("⚠ ")
    box.accept()


def test_a_closed_screen_still_broadcasts_but_gets_no_callback(qtbot: QtBot, store: Store) -> None:
    world = _World(store, TaskRunner())
    ws = world.workshop()
    release = threading.Event()
    called: list[str] = []

    def slow(s: Services) -> Result[Workshop]:
        release.wait(5)
        return s.workshops.update(ws.id, commune="Osny")

    WriteOp(world.ctx, world.page, slow).settled(lambda: called.append("settled")).success(
        lambda _w: called.append("success")
    ).run()
    world.page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(world.page))
    release.set()
    qtbot.waitUntil(lambda: world.broadcasts == [frozenset({"workshop"})])
    assert called == [] and world.status_reads == 1
    world.ctx.runner.shutdown()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def test_with_the_real_runner_the_service_call_runs_off_the_gui_thread(
    qtbot: QtBot, store: Store
) -> None:
    world = _World(store, TaskRunner())
    qtbot.addWidget(world.page)
    ws = world.workshop()
    gui = threading.get_ident()
    threads: dict[str, int] = {}

    def update(s: Services) -> Result[Workshop]:
        threads["service"] = threading.get_ident()
        return s.workshops.update(ws.id, commune="Pontoise")

    def on_saved(_w: Workshop) -> None:
        threads["success"] = threading.get_ident()

    WriteOp(world.ctx, world.page, update).success(on_saved).message_to(world.message).run()
    qtbot.waitUntil(lambda: "success" in threads, timeout=5_000)
    assert threads["service"] != gui  # the database thread wrote (SQLite's one writer)
    assert threads["success"] == gui
    assert world.broadcasts == [frozenset({"workshop"})] and world.status_reads == 1
    # Written for good: the GUI thread's own connection reads it back from the file.
    assert world.ctx.services.workshops.get(ws.id).commune == "Pontoise"  # type: ignore[union-attr]
    world.ctx.runner.shutdown()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_reaches_the_crash_handler(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    world = _World(store, TaskRunner())
    qtbot.addWidget(world.page)
    log_file = tmp_path / "tne.log"
    handler = CrashHandler(log_file=log_file)
    before = sys.excepthook
    settled: list[bool] = []

    def broken(_s: Services) -> Result[None]:
        raise LookupError("no such row")

    handler.install()
    try:
        WriteOp(world.ctx, world.page, broken).settled(lambda: settled.append(True)).message_to(
            world.message
        ).run()
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    finally:
        handler.uninstall()
    assert sys.excepthook is before
    assert settled == [True]  # the screen got its buttons back
    assert world.broadcasts == [] and world.status_reads == 0
    assert world.message.isHidden()  # a bug is not the user's fault: the crash dialog says it
    assert handler.dialog is not None
    qtbot.addWidget(handler.dialog)
    handler.dialog.close()
    world.ctx.runner.shutdown()
    assert QApplication.instance() is not None


def test_a_long_write_reports_progress_and_routes_a_cancel_before_any_save(
    qtbot: QtBot, store: Store
) -> None:
    world = _World(store, TaskRunner())
    qtbot.addWidget(world.page)
    ws = world.workshop()
    gui = threading.get_ident()
    reported: list[tuple[int, int, bool]] = []
    outcome: list[str] = []

    def steps(s: Services, token: CancelToken) -> Result[Workshop]:
        for n in range(1, 4):
            token.progress(n, 3)
        return s.workshops.update(ws.id, commune="Osny")

    op = LongWriteOp(world.ctx, world.page, steps)
    op.progress(lambda d, t: reported.append((d, t, threading.get_ident() == gui))).success(
        lambda _w: outcome.append("success")
    ).message_to(world.message).run()
    qtbot.waitUntil(lambda: outcome == ["success"], timeout=5_000)
    assert reported == [(1, 3, True), (2, 3, True), (3, 3, True)]  # on the GUI thread
    assert world.broadcasts == [frozenset({"workshop"})] and world.status_reads == 1

    # The token exists before ``run``: cancelled at once, the action saves nothing and its
    # ``CancelledError`` goes to ``cancelled``, not to the page's message.
    def refuse(s: Services, token: CancelToken) -> Result[Workshop]:
        token.check()
        return s.workshops.update(ws.id, commune="Cergy")

    op = LongWriteOp(world.ctx, world.page, refuse)
    op.token.cancel()
    op.cancelled(lambda: outcome.append("cancelled")).success(
        lambda _w: outcome.append("success")
    ).message_to(world.message).run()
    qtbot.waitUntil(lambda: outcome[-1] == "cancelled", timeout=5_000)
    assert world.message.isHidden()
    assert world.broadcasts == [frozenset({"workshop"})] and world.status_reads == 1
    assert world.ctx.services.workshops.get(ws.id).commune == "Osny"  # type: ignore[union-attr]
    world.ctx.runner.shutdown()
