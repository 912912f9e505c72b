"""Figures about the sync state of a store, for the status bar and ``status --json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from mediator_app.local_store.schema import attention_item, outbox
from mediator_app.local_store.state import get_state
from mediator_app.local_store.unit_of_work import Store


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    parked: int
    open_items: int
    last_sync_at: datetime | None
    last_error: str
    signed_in_server: str

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["last_sync_at"] = self.last_sync_at.isoformat() if self.last_sync_at else None
        return out


def sync_status(store: Store) -> SyncStatus:
    with store.read() as conn:
        counts: dict[str, int] = {
            str(state): int(n)
            for state, n in conn.execute(
                select(outbox.c.state, func.count()).group_by(outbox.c.state)
            )
        }
        open_items = conn.execute(
            select(func.count())
            .select_from(attention_item)
            .where(attention_item.c.status == "open")
        ).scalar_one()
        last = get_state(conn, "last_sync_at")
        error = get_state(conn, "last_sync_error", "") or ""
        server = get_state(conn, "server_url", "") or ""
    return SyncStatus(
        pending=int(counts.get("pending", 0)) + int(counts.get("inflight", 0)),
        parked=int(counts.get("parked", 0)),
        open_items=int(open_items),
        last_sync_at=datetime.fromisoformat(last) if last else None,
        last_error=str(error),
        signed_in_server=str(server),
    )


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
    if status.open_items + status.parked:
        n = status.open_items + status.parked
        return f"{n} élément{'s' if n > 1 else ''} à traiter"
    if status.pending:
        n = status.pending
        if not status.signed_in_server:
            return (
                f"{n} modification{'s' if n > 1 else ''} enregistrée{'s' if n > 1 else ''} "
                "sur ce poste (non connecté)"
            )
        return f"{n} modification{'s' if n > 1 else ''} en attente de connexion"
    if status.last_sync_at is None:
        return "Enregistré sur ce poste · jamais synchronisé"
    return f"Tout est synchronisé · {_ago((now - status.last_sync_at).total_seconds())}"
