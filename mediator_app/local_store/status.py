"""A snapshot of the store for the status command, the self-test and the home screen.

Plain data only (counts, revisions, dates), no personal data: safe to print, log and show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from mediator_app.core.entities import ENTITIES
from mediator_app.core.enums import WorkshopStatus
from mediator_app.local_store.db import StoreInfo
from mediator_app.local_store.schema import attention_item, entity_tables, outbox
from mediator_app.local_store.state import get_state
from mediator_app.local_store.unit_of_work import Store

#: Outbox states that still have to reach the server.
WAITING_STATES = ("pending", "inflight")


@dataclass(frozen=True)
class StoreStatus:
    """Counts and sync bookkeeping of the local store."""

    counts: dict[str, int]
    pending_ops: int
    parked_ops: int
    open_attention_items: int
    schema_revision: str | None
    head_revision: str
    read_only: bool
    read_only_reason: str
    last_sync_at: str | None
    workshops_this_week: int
    week_start: date

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "outbox": {"pending": self.pending_ops, "parked": self.parked_ops},
            "open_attention_items": self.open_attention_items,
            "schema": {"revision": self.schema_revision, "head": self.head_revision},
            "read_only": self.read_only,
            "read_only_reason": self.read_only_reason,
            "last_sync_at": self.last_sync_at,
            "workshops_this_week": self.workshops_this_week,
            "week_start": self.week_start.isoformat(),
        }


def _count(conn: Connection, stmt: Any) -> int:
    return int(conn.execute(stmt).scalar_one())


def store_status(store: Store, info: StoreInfo, *, today: date | None = None) -> StoreStatus:
    """Read the status of the store in one consistent snapshot.

    Args:
        store: the open store.
        info: what ``open_store`` reported (revisions, read-only flag).
        today: the day whose week (Monday to Sunday) counts as "this week".
    """
    today = today or date.today()
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    workshop = entity_tables["workshop"]
    with store.read() as conn:
        counts = {
            name: _count(
                conn,
                select(func.count())
                .select_from(entity_tables[name])
                .where(entity_tables[name].c.deleted.is_(False)),
            )
            for name in ENTITIES
        }

        def ops(*states: str) -> int:
            return _count(
                conn, select(func.count()).select_from(outbox).where(outbox.c.state.in_(states))
            )

        pending = ops(*WAITING_STATES)
        parked = ops("parked")
        attention = _count(
            conn,
            select(func.count())
            .select_from(attention_item)
            .where(attention_item.c.status == "open"),
        )
        this_week = _count(
            conn,
            select(func.count())
            .select_from(workshop)
            .where(
                workshop.c.deleted.is_(False),
                workshop.c.date >= monday,
                workshop.c.date <= sunday,
                workshop.c.status != WorkshopStatus.CANCELLED.value,
            ),
        )
        last_sync = get_state(conn, "last_sync_at")
    return StoreStatus(
        counts=counts,
        pending_ops=pending,
        parked_ops=parked,
        open_attention_items=attention,
        schema_revision=info.schema_revision,
        head_revision=info.head_revision,
        read_only=info.read_only,
        read_only_reason=info.read_only_reason,
        last_sync_at=None if last_sync is None else str(last_sync),
        workshops_this_week=this_week,
        week_start=monday,
    )
