"""The status-bar sentence of the sync state of a store."""

from __future__ import annotations

from datetime import UTC, datetime

# The counters are read by the store (one query shared with ``status --json``); this module
# adds the French wording of the status-bar chip.
from mediator_app.local_store.status import SyncStatus, sync_status

__all__ = ["SyncStatus", "status_text", "sync_status"]


def _ago(delta_s: float) -> str:
    minutes = int(delta_s // 60)
    if minutes < 1:
        return "à l’instant"
    if minutes < 60:
        return f"il y a {minutes} min"
    hours = minutes // 60
    if hours < 24:
        return f"il y a {hours} h"
    days = hours // 24
    return f"il y a {days} jour" + ("s" if days > 1 else "")


def status_text(status: SyncStatus, now: datetime | None = None) -> str:
    """The status-bar sentence, in plain French (0 and 1 are singular)."""
    now = now or datetime.now(UTC)
    if status.to_handle:
        n = status.to_handle
        return f"{n} élément{'s' if n > 1 else ''} à traiter"
    if status.pending:
        n = status.pending
        if not status.signed_in_server:
            return (
                f"{n} modification{'s' if n > 1 else ''} enregistrée{'s' if n > 1 else ''} "
                "sur ce poste (non connecté)"
            )
        return f"{n} modification{'s' if n > 1 else ''} en attente de connexion"
    if status.incomplete and status.signed_in_server:
        return "Synchronisation incomplète · la suite au prochain essai"
    if status.last_sync_at is None:
        return "Enregistré sur ce poste · jamais synchronisé"
    if not status.signed_in_server:
        ago = _ago((now - status.last_sync_at).total_seconds())
        return f"Non connecté · dernière synchronisation {ago}"
    return f"Tout est synchronisé · {_ago((now - status.last_sync_at).total_seconds())}"
