"""Sync health: what each device reported at its last sync, for the coordination.

Clients send a small report with every push (``client_report`` in the body) and pull
(``pending`` / ``parked`` query parameters): how many changes still wait on the laptop and
how many were set aside after a refusal. The server keeps the latest report per
``sync_client`` with the time of the last successful exchange, and answers
``GET /coordination/v1/sync-health`` to coordinators (their département's mediators and
family referents) and admins (everyone). Staff display names only: nothing about families.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mediator_app.core.enums import Role
from tne_api import models
from tne_api.codec import JSON
from tne_api.db import Database, as_utc, utcnow
from tne_api.errors import Forbidden
from tne_api.principal import Principal

#: A device silent for longer than this is flagged.
STALE_AFTER_DAYS = 14
FLAG_STALE = "no_recent_sync"
FLAG_PARKED = "parked_changes"
COORDINATION_ONLY = "Réservé à la coordination départementale."

#: Roles whose devices a coordinator follows.
FOLLOWED_ROLES = (Role.MEDIATOR.value, Role.FAMILY_REFERENT.value)


@dataclass(frozen=True)
class ClientReport:
    """What a client says about itself at a push or a pull (all optional)."""

    pending: int | None = None
    parked: int | None = None
    app_version: str | None = None


def record_sync(
    conn: Connection,
    client_id: UUID,
    report: ClientReport | None,
    *,
    at: datetime | None = None,
) -> None:
    """Note a successful exchange of ``client_id`` and keep its report (in ``conn``'s
    transaction). Figures not reported are left as they were."""
    conn.execute(
        sa.update(models.sync_client)
        .where(models.sync_client.c.client_id == client_id)
        .values(**sync_values(report, at or utcnow()))
    )


def sync_values(report: ClientReport | None, at: datetime) -> dict[str, Any]:
    """The ``sync_client`` values ``record_sync`` writes (for a statement that writes
    others too)."""
    values: dict[str, Any] = {"last_sync_at": at}
    if report is not None:
        if report.pending is not None:
            values["pending"] = report.pending
        if report.parked is not None:
            values["parked"] = report.parked
        if report.app_version:
            values["app_version"] = report.app_version
    return values


def flags_of(
    last_sync_at: datetime | None, parked: int | None, now: datetime, stale_after_days: int
) -> list[str]:
    """The flags of one device: silent too long, or changes set aside."""
    flags = []
    if last_sync_at is None or now - as_utc(last_sync_at) > timedelta(days=stale_after_days):
        flags.append(FLAG_STALE)
    if parked:
        flags.append(FLAG_PARKED)
    return flags


def sync_health(
    db: Database, p: Principal, *, stale_after_days: int = STALE_AFTER_DAYS
) -> dict[str, JSON]:
    """Every followed device of ``p``'s scope with its last sync, figures and flags.

    Raises:
        Forbidden: for anyone but coordinators and admins.
    """
    if p.role not in (Role.COORDINATOR, Role.ADMIN):
        raise Forbidden(COORDINATION_ONLY)
    sc = models.sync_client.c
    u = models.users.c
    st = models.SYNCED["structure"]
    q = (
        sa.select(
            sc.client_id,
            sc.device_name,
            sc.app_version,
            sc.last_sync_at,
            sc.last_seen_at,
            sc.pending,
            sc.parked,
            u.display_name,
            u.role,
            u.department_code,
            u.structure_id,
            st.c.name.label("structure_name"),
        )
        .select_from(
            models.sync_client.join(models.users, u.id == sc.user_id).outerjoin(
                st, st.c.id == u.structure_id
            )
        )
        .where(sc.revoked.is_(False), u.active.is_(True))
        .order_by(u.display_name, sc.device_name, sc.client_id)
    )
    if p.role is Role.COORDINATOR:
        q = q.where(u.department_code == p.department_code, u.role.in_(FOLLOWED_ROLES))
    now = utcnow()
    with db.read() as conn:
        rows = conn.execute(q).mappings().all()
    devices: list[JSON] = []
    for r in rows:
        last = as_utc(r["last_sync_at"]) if r["last_sync_at"] is not None else None
        seen = as_utc(r["last_seen_at"]) if r["last_seen_at"] is not None else None
        devices.append(
            {
                "client_id": str(r["client_id"]),
                "display_name": r["display_name"],
                "role": r["role"],
                "department_code": r["department_code"],
                "structure_id": str(r["structure_id"]) if r["structure_id"] else None,
                "structure_name": r["structure_name"] or "",
                "device_name": r["device_name"],
                "app_version": r["app_version"],
                "last_sync_at": last.isoformat() if last else None,
                "last_seen_at": seen.isoformat() if seen else None,
                "pending": r["pending"],
                "parked": r["parked"],
                "flags": flags_of(last, r["parked"], now, stale_after_days),
            }
        )
    return {
        "generated_at": now.isoformat(),
        "stale_after_days": stale_after_days,
        "devices": devices,
    }
