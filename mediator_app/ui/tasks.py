"""The task runner: slow work off the GUI thread, results back by queued signal.

Two workers, as STYLE.md asks: one thread for the database (SQLite likes one writer) and
one for the network; a third, "check", for the store's start-up integrity check and daily
backup, which only read the store (on their own connections) and must not hold up the
screens' first reads for the seconds a big file's check takes. A task is a plain function taking plain data and a ``CancelToken``;
its result or its error comes back on the GUI thread. Tests swap in ``InlineRunner``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from mediator_app.core.errors import CancelledError, KnownError
from mediator_app.logsafe import log_unexpected
from mediator_app.ui.core_messages import translated_error

log = logging.getLogger(__name__)

#: The worker threads: the database, the network, the start-up check (read-only).
LANES = ("db", "net", "check")


@dataclass
class CancelToken:
    """Cancellation and progress for one task."""

    _event: threading.Event = field(default_factory=threading.Event)
    _progress: Callable[[int, int, str], None] | None = None

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise ``CancelledError`` if the user cancelled."""
        if self._event.is_set():
            raise CancelledError()

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._progress is not None:
            self._progress(done, total, text)


Done = Callable[[Any], None]
Failed = Callable[[KnownError], None]
Progress = Callable[[int, int, str], None]


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    token: CancelToken
    on_done: Done | None
    on_error: Failed | None
    on_progress: Progress | None


class _Bridge(QObject):
    """Lives on the GUI thread; worker threads emit, Qt queues."""

    finished = Signal(object, object, object)  # job, result, error
    progressed = Signal(object, int, int, str)

    @Slot(object, object, object)
    def _on_finished(self, job: _Job, res: Any, error: BaseException | None) -> None:
        if error is None:
            if job.on_done is not None:
                job.on_done(res)
        elif isinstance(error, KnownError):
            if job.on_error is not None:
                job.on_error(translated_error(error))
            else:
                log.info("task failed: %s", error.code)
        else:
            # A bug: re-raise on the GUI thread so the crash handler sees it.
            raise error

    @Slot(object, int, int, str)
    def _on_progressed(self, job: _Job, done: int, total: int, text: str) -> None:
        if job.on_progress is not None:
            job.on_progress(done, total, text)


class TaskRunner(QObject):
    """Runs tasks on the database or the network worker thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._bridge._on_finished)
        self._bridge.progressed.connect(self._bridge._on_progressed)
        self._queues: dict[str, queue.Queue[_Job | None]] = {}
        self._threads: list[threading.Thread] = []
        self._pending = 0
        for lane in LANES:
            q: queue.Queue[_Job | None] = queue.Queue()
            self._queues[lane] = q
            t = threading.Thread(target=self._loop, args=(q,), name=f"tne-{lane}", daemon=True)
            t.start()
            self._threads.append(t)

    def _loop(self, q: queue.Queue[_Job | None]) -> None:
        while True:
            job = q.get()
            if job is None:
                return
            try:
                res = job.fn(*job.args, job.token)
                self._bridge.finished.emit(job, res, None)
            except BaseException as exc:  # handed to the GUI thread, never lost
                if not isinstance(exc, KnownError):
                    log_unexpected(log, "task crashed", exc)
                self._bridge.finished.emit(job, None, exc)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        lane: str = "db",
        token: CancelToken | None = None,
    ) -> CancelToken:
        """Queue ``fn(*args, token)``; callbacks run on the GUI thread. A caller that must
        be able to cancel before ``run`` returns passes its own ``token``."""
        token = token if token is not None else CancelToken()
        job = _Job(fn, args, token, on_done, on_error, on_progress)
        token._progress = lambda d, t, s: self._bridge.progressed.emit(job, d, t, s)
        self._queues[lane].put(job)
        return token

    def shutdown(self, timeout: float = 5.0) -> None:
        for q in self._queues.values():
            q.put(None)
        for t in self._threads:
            t.join(timeout)


class InlineRunner(TaskRunner):
    """Runs tasks immediately on the calling thread (tests)."""

    def __init__(self, parent: QObject | None = None) -> None:
        QObject.__init__(self, parent)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        lane: str = "db",
        token: CancelToken | None = None,
    ) -> CancelToken:
        token = token if token is not None else CancelToken()
        token._progress = on_progress
        try:
            res = fn(*args, token)
        except KnownError as exc:
            if on_error is None:
                raise
            on_error(translated_error(exc))
            return token
        if on_done is not None:
            on_done(res)
        return token

    def shutdown(self, timeout: float = 5.0) -> None:
        return None
