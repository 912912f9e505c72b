"""A snapshot of the store for the status command, the self-test and the sync chip.

Plain data only (counts, revisions, dates), no personal data: safe to print, log and show.
The sync counters (outbox, « À traiter », last sync) are read by one function,
``sync_counters``, shared by ``store_status`` (``status --json``) and ``sync_status`` (the
status-bar chip); ``mediator_app.sync.status`` re-exports the latter with its French wording.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, func, select
from sqlalchemy import false as sa_false

from mediator_app.core.entities import ENTITIES
from mediator_app.core.enums import ReviewStatus, WorkshopStatus
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


@dataclass(frozen=True)
class SyncStatus:
    """The sync counters of a store, for the status-bar chip."""

    pending: int
    parked: int
    open_items: int
    last_sync_at: datetime | None
    last_error: str
    signed_in_server: str
    #: This structure's workshops the coordinator sent back (« À corriger »).
    corrections: int = 0
    #: What the last sync run left for the next one ("pull" after its page cap), or "".
    remaining: str = ""

    @property
    def incomplete(self) -> bool:
        """The last run stopped before the end: pages left, or an error other than being
        offline (a server too slow, an answer too large…). Nothing is then "synchronised"
        (docs/protocol.md, « Limits of the client »)."""
        return bool(self.remaining) or self.last_error not in ("", "network_unavailable")

    @property
    def to_handle(self) -> int:
        """Cards of « À traiter ». A refused (parked) change opens its own item in the same
        transaction, so the two counts overlap: the larger one is the number of those
        cards; each workshop sent back for correction is one more."""
        return max(self.open_items, self.parked) + self.corrections

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["last_sync_at"] = self.last_sync_at.isoformat() if self.last_sync_at else None
        return out


def _count(conn: Connection, stmt: Any) -> int:
    return int(conn.execute(stmt).scalar_one())


def sync_counters(conn: Connection) -> tuple[SyncStatus, str | None]:
    """The sync counters read on ``conn``, and the raw ``last_sync_at`` text."""
    counts: dict[str, int] = {
        str(state): int(n)
        for state, n in conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))
    }
    open_items = _count(
        conn,
        select(func.count()).select_from(attention_item).where(attention_item.c.status == "open"),
    )
    corrections = _count(conn, corrections_query(conn, select(func.count())))
    last = get_state(conn, "last_sync_at")
    error = get_state(conn, "last_sync_error", "") or ""
    server = get_state(conn, "server_url", "") or ""
    status = SyncStatus(
        pending=sum(int(counts.get(state, 0)) for state in WAITING_STATES),
        parked=int(counts.get("parked", 0)),
        open_items=open_items,
        last_sync_at=datetime.fromisoformat(last) if last else None,
        last_error=str(error),
        signed_in_server=str(server),
        corrections=corrections,
        remaining=str(get_state(conn, "sync_remaining", "") or ""),
    )
    return status, None if last is None else str(last)


def corrections_query(conn: Connection, stmt: Any) -> Any:
    """``stmt`` restricted to the workshops of this laptop's structure that the
    coordinator sent back for correction (none for a coordinator: theirs is the queue)."""
    workshop = entity_tables["workshop"]
    profile = get_state(conn, "profile", {}) or {}
    where = [
        workshop.c.deleted.is_(False),
        workshop.c.review_status == ReviewStatus.NEEDS_CORRECTION.value,
    ]
    if profile.get("role") in ("coordinator", "admin"):
        where.append(sa_false())
    elif profile.get("structure_id"):
        where.append(workshop.c.organizer_structure_id == UUID(str(profile["structure_id"])))
    return stmt.select_from(workshop).where(*where)


def sync_status(store: Store) -> SyncStatus:
    """The sync counters of ``store`` in one snapshot."""
    with store.read() as conn:
        return sync_counters(conn)[0]


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
        sync, last_sync = sync_counters(conn)
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
    return StoreStatus(
        counts=counts,
        pending_ops=sync.pending,
        parked_ops=sync.parked,
        open_attention_items=sync.open_items,
        schema_revision=info.schema_revision,
        head_revision=info.head_revision,
        read_only=info.read_only,
        read_only_reason=info.read_only_reason,
        last_sync_at=last_sync,
        workshops_this_week=this_week,
        week_start=monday,
    )
