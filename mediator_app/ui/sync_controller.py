"""Runs the sync engine in the background and tells the window how it went.

Triggers: at start, when the network comes back (``QNetworkInformation`` where the platform
has a backend, else a cheap ``/health`` probe every minute while offline), every 5 minutes
while online, 30 s after the last edit, and "Synchroniser maintenant" (F5). Never two syncs
at once, never on the GUI thread.

When the server says this version is too old (HTTP 426, docs/protocol.md), the automatic
triggers stop: the queue stays on the laptop, the French message stays shown, and only
« Synchroniser maintenant » tries again (after the update, the application restarts).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from mediator_app.core.errors import KnownError
from mediator_app.logsafe import log_unexpected
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.widgets.timers import single_shot

log = logging.getLogger(__name__)

PERIODIC_MS = 5 * 60 * 1000
AFTER_EDIT_MS = 30 * 1000
PROBE_MS = 60 * 1000


class Engine(Protocol):
    def sync(self, *, cancel: Callable[[], bool], progress: Any) -> Any: ...


class SyncController(QObject):
    """Drives a sync engine on a worker thread with Qt signals.

    Args:
        engine_factory: builds a signed-in engine; raises ``KnownError`` when nobody is
            signed in (the controller then stays quiet and reports it in the status).
        status_text: gives the status-bar sentence from the store (cheap, local).
        probe: a cheap reachability check (``ApiClient.health``) used without
            ``QNetworkInformation``.
    """

    started = Signal()
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str, str)
    status_changed = Signal(str)
    # Internal: worker -> GUI thread hand-off (queued across threads).
    _done = Signal(object, object)
    _probe_ok = Signal()

    def __init__(
        self,
        engine_factory: Callable[[], Engine],
        status_text: Callable[[], str],
        *,
        probe: Callable[[], bool] | None = None,
        parent: QObject | None = None,
        auto: bool = True,
    ) -> None:
        super().__init__(parent)
        self._engine_factory = engine_factory
        self._status_text = status_text
        self._probe = probe
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self._online = True
        self._update_required = False
        self._auto = auto
        self._thread: threading.Thread | None = None
        self._done.connect(self._on_worker_done)
        self._probe_ok.connect(self.sync_now)

        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIODIC_MS)
        self._periodic.timeout.connect(self._on_periodic_timeout)
        self._after_edit = single_shot(self, AFTER_EDIT_MS, self.sync_now)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_MS)
        self._probe_timer.timeout.connect(self._on_probe_timeout)
        if auto:
            self._periodic.start()
            self._watch_network()
            QTimer.singleShot(0, self.sync_now)

    # --- triggers -----------------------------------------------------------------

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend():
                info = QNetworkInformation.instance()
                if info is not None:
                    info.reachabilityChanged.connect(self._on_network_reachability_changed)
                    return
        except ImportError:  # pragma: no cover - QtNetwork ships with PySide6-Essentials
            pass
        if self._probe is not None:
            self._probe_timer.start()

    @Slot(object)
    def _on_network_reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability == QNetworkInformation.Reachability.Online
        if online and not self._online and not self._update_required:
            self.sync_now()
        self._online = online

    @Slot()
    def _on_probe_timeout(self) -> None:
        if self._online or self._probe is None or self._running:
            return
        probe = self._probe

        def run() -> None:
            ok = False
            try:
                ok = probe()
            except Exception:  # any failure of the probe just means "still offline"
                ok = False
            if ok:
                self._probe_ok.emit()  # queued to the GUI thread

        threading.Thread(target=run, name="tne-probe", daemon=True).start()

    @Slot()
    def _on_periodic_timeout(self) -> None:
        if self._online and not self._update_required:
            self.sync_now()

    def notify_edited(self) -> None:
        """A local edit was saved: sync 30 s after the last one (not while the server
        waits for an update of the application)."""
        if not self._update_required:
            self._after_edit.start()
        self.refresh_status()

    # --- running ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def update_required(self) -> bool:
        """The server refused this version (426): automatic syncs are stopped."""
        return self._update_required

    def _stop_automatic_syncs(self) -> None:
        self._update_required = True
        self._periodic.stop()
        self._after_edit.stop()
        self._probe_timer.stop()
        self._again = False

    @Slot()
    def sync_now(self) -> None:
        """Start a sync now, or right after the one running."""
        if self._running:
            self._again = True
            return
        try:
            engine = self._engine_factory()
        except KnownError as exc:
            self.status_changed.emit(self._status_text())
            log.info("sync not started: %s", exc.code)
            return
        self._running = True
        self._cancel.clear()
        self.started.emit()
        self.status_changed.emit(self.tr("Synchronisation en cours…"))

        def progress(stage: str, done: int, total: int) -> None:
            self.progress.emit(stage, done, total)  # queued to the GUI thread

        def work() -> None:
            try:
                report = engine.sync(cancel=self._cancel.is_set, progress=progress)
                self._done.emit(report, None)
            except KnownError as exc:
                self._done.emit(None, exc)
            except Exception as exc:  # a bug: logged, shown calmly, the app goes on
                log_unexpected(log, "sync crashed", exc)
                self._done.emit(None, exc)

        self._thread = threading.Thread(target=work, name="tne-sync", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the worker ends (tests and shutdown only)."""
        if self._thread is not None:
            self._thread.join(timeout)

    @Slot(object, object)
    def _on_worker_done(self, report: Any, error: BaseException | None) -> None:
        self._running = False
        if error is None:
            self._online = True
            if self._update_required:
                # A manual sync went through after all: automatic syncs resume.
                self._update_required = False
                if self._auto:
                    self._periodic.start()
            self.finished.emit(report)
        elif isinstance(error, KnownError):
            if error.code == "update_required":
                self._stop_automatic_syncs()
            elif error.code in ("network_unavailable", "server_error"):
                self._online = False
                if self._probe is not None and not self._probe_timer.isActive():
                    self._probe_timer.start()
            self.failed.emit(core_text(error.message), error.code)
        else:
            self.failed.emit(
                self.tr(
                    "La synchronisation a rencontré un problème inattendu\u00a0; elle sera "
                    "retentée. Vos données sont en sécurité sur ce poste."
                ),
                "bug",
            )
        self.refresh_status()
        if self._again:
            self._again = False
            self.sync_now()

    def refresh_status(self) -> None:
        if not self._running:
            self.status_changed.emit(self._status_text())
