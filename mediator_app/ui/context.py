"""What every screen receives: the services, the task runner, the sync controller.

Built once by the composition root (``app.py``) and passed by constructor. Screens read
through ``ctx.runner.run(...)`` and write through ``ui.ops.WriteOp``, so no database work
happens on the GUI thread and every write is announced (``written``) the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from mediator_app.core.masking import DEFAULT_THRESHOLD
from mediator_app.local_store import Store
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.exports import ExportService
from mediator_app.local_store.services.handouts import HandoutService
from mediator_app.local_store.services.participants import (
    DEFAULT_RETENTION_MONTHS,
    ParticipantService,
)
from mediator_app.local_store.services.privacy import PrivacyService
from mediator_app.local_store.services.queries import QueryService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.ui.sync_controller import SyncController
from mediator_app.ui.tasks import TaskRunner


class ChangeHub(QObject):
    """Screens announce which entities they changed; others refresh what they show."""

    changed = Signal(object)  # frozenset[str] of entity names

    def announce(self, changes: frozenset[str] | set[str]) -> None:
        if changes:
            self.changed.emit(frozenset(changes))


@dataclass
class Services:
    workshops: WorkshopService
    registrations: RegistrationService
    attendance: AttendanceService
    participants: ParticipantService
    devices: DeviceService
    handouts: HandoutService
    attention: AttentionService
    privacy: PrivacyService
    queries: QueryService
    review: ReviewService
    exports: ExportService

    @classmethod
    def of(cls, store: Store, *, retention_months: int = DEFAULT_RETENTION_MONTHS) -> Services:
        return cls(
            workshops=WorkshopService(store),
            registrations=RegistrationService(store),
            attendance=AttendanceService(store, retention_months),
            participants=ParticipantService(store, retention_months),
            devices=DeviceService(store),
            handouts=HandoutService(store),
            attention=AttentionService(store),
            privacy=PrivacyService(store),
            queries=QueryService(store),
            review=ReviewService(store),
            exports=ExportService(store),
        )

    def set_retention_months(self, months: int) -> None:
        """Apply the retention setting to the services that compute retention dates."""
        self.attendance.retention_months = months
        self.participants.retention_months = months


@dataclass
class AppContext:
    """Everything a screen needs, passed by constructor (no globals)."""

    store: Store
    services: Services
    runner: TaskRunner
    hub: ChangeHub = field(default_factory=ChangeHub)
    sync: SyncController | None = None
    #: Small counts hidden in exports below this (Paramètres).
    small_count_threshold: int = DEFAULT_THRESHOLD

    @property
    def is_coordinator(self) -> bool:
        return self.store.identity.is_coordinator

    def written(self, changes: frozenset[str] | set[str]) -> None:
        """After a write: every screen showing these entities re-reads them, and the sync
        is nudged so the change leaves soon (the one place a screen reports its writes).
        A write that changed nothing (an import cancelled before its first save) says
        nothing."""
        if not changes:
            return
        self.hub.announce(changes)
        if self.sync is not None:
            self.sync.notify_edited()
