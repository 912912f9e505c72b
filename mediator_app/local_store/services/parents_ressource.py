"""Parents Ressource: volunteer parents who co-facilitate workshops with the mediators.

A parent is marked on their record (``parent_resource``, with the day they were recruited,
``parent_resource_since``); that they co-facilitated a workshop is their attendance at it
with ``co_facilitated`` (they are then present). docs/architecture.md, « Parents
Ressource », has the counts:

- *recruited* = parents marked Parent Ressource (not anonymised, not merged);
- *mobilised* = distinct Parents Ressource present at a held workshop of the period;
- *co-facilitated workshops* = held workshops of the period with at least one Parent
  Ressource co-facilitating.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import ColumnElement, select

from mediator_app.core import texts
from mediator_app.core.entities import Attendance, attendance_id
from mediator_app.core.enums import Presence, WorkshopStatus
from mediator_app.core.errors import BusinessRuleError
from mediator_app.core.validation import check, validate_attendance
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.attendance import (
    AttendanceService,
    _markable_participant,
    _markable_workshop,
    upsert_attendance,
)
from mediator_app.local_store.unit_of_work import Result, Store, result

P = entity_tables["participant"]
A = entity_tables["attendance"]
W = entity_tables["workshop"]
S = entity_tables["structure"]

NOT_A_RESOURCE_MESSAGE = texts.text(
    "Seul un Parent Ressource peut co-animer un atelier : cochez « Parent Ressource » sur "
    "sa fiche d’abord."
)


@dataclass(frozen=True)
class ParentRessourceRow:
    """A Parent Ressource of the structure's list, with what they did."""

    participant_id: UUID
    name: str
    since: date | None
    structure_name: str
    co_facilitated: int
    attended: int
    last_co_facilitated: date | None


@dataclass(frozen=True)
class ParentsRessourceFigures:
    recruited: int
    recruited_in_period: int
    mobilised: int
    co_facilitated_workshops: int
    co_facilitators: int


class ParentRessourceService:
    """Follow the Parents Ressource: their list, their co-facilitations, the figures."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def set_co_facilitated(
        self, workshop_id: UUID, participant_id: UUID, value: bool = True
    ) -> Result[Attendance]:
        """Record that a Parent Ressource co-facilitated a workshop (they are marked
        present), or undo it (they stay present).

        Raises:
            BusinessRuleError: not a Parent Ressource, cancelled workshop, anonymised.
            NotFoundError: no such workshop or participant.
        """
        with self._store.write() as tx:
            workshop = _markable_workshop(tx, workshop_id)
            participant = _markable_participant(tx, participant_id)
            if value and not participant.parent_resource:
                raise BusinessRuleError(NOT_A_RESOURCE_MESSAGE)
            existing = tx.get(Attendance, attendance_id(workshop.id, participant.id))
            if existing is None or existing.status is not Presence.PRESENT:
                existing = upsert_attendance(
                    tx,
                    workshop.id,
                    participant,
                    status=Presence.PRESENT,
                    children_count=existing.children_count if existing else 0,
                    months=AttendanceService(self._store).retention_months,
                    workshop_date=workshop.date,
                )
            if existing.co_facilitated == value:
                return result(existing, tx)
            check(validate_attendance(dataclasses.replace(existing, co_facilitated=value)))
            return result(tx.update(existing, co_facilitated=value), tx)

    def rows(self, structure_id: UUID | None = None) -> list[ParentRessourceRow]:
        """The Parents Ressource this laptop holds (of one structure when given), by name."""
        where: list[ColumnElement[bool]] = [
            P.c.deleted.is_(False),
            P.c.parent_resource.is_(True),
            P.c.anonymised.is_(False),
            P.c.merged_into.is_(None),
        ]
        if structure_id is not None:
            where.append(P.c.structure_id == structure_id)
        held = [W.c.deleted.is_(False), W.c.status == WorkshopStatus.HELD.value]
        with self._store.read() as conn:
            people = conn.execute(
                select(
                    P.c.id,
                    P.c.first_name,
                    P.c.last_name,
                    P.c.parent_resource_since,
                    S.c.name.label("structure_name"),
                )
                .select_from(P.outerjoin(S, S.c.id == P.c.structure_id))
                .where(*where)
                .order_by(P.c.last_name, P.c.first_name, P.c.id)
            ).all()
            ids = [p.id for p in people]
            seen = conn.execute(
                select(A.c.participant_id, A.c.co_facilitated, W.c.date)
                .select_from(A.join(W, W.c.id == A.c.workshop_id))
                .where(
                    *held,
                    A.c.deleted.is_(False),
                    A.c.status == Presence.PRESENT.value,
                    A.c.participant_id.in_(ids),
                )
            ).all()
        attended: dict[UUID, int] = defaultdict(int)
        led: dict[UUID, list[date]] = defaultdict(list)
        for r in seen:
            attended[r.participant_id] += 1
            if r.co_facilitated:
                led[r.participant_id].append(r.date)
        return [
            ParentRessourceRow(
                participant_id=p.id,
                name=f"{p.first_name or ''} {p.last_name or ''}".strip(),
                since=p.parent_resource_since,
                structure_name=p.structure_name or "",
                co_facilitated=len(led[p.id]),
                attended=attended[p.id],
                last_co_facilitated=max(led[p.id], default=None),
            )
            for p in people
        ]

    def figures(
        self,
        start: date,
        end: date,
        *,
        department_code: str | None = None,
        structure_id: UUID | None = None,
    ) -> ParentsRessourceFigures:
        """The counts of the module docstring for ``start``..``end`` (inclusive)."""
        marked: list[ColumnElement[bool]] = [
            P.c.deleted.is_(False),
            P.c.parent_resource.is_(True),
            P.c.anonymised.is_(False),
            P.c.merged_into.is_(None),
        ]
        in_period: list[ColumnElement[bool]] = [
            W.c.deleted.is_(False),
            W.c.status == WorkshopStatus.HELD.value,
            W.c.date >= start,
            W.c.date <= end,
            A.c.deleted.is_(False),
            A.c.status == Presence.PRESENT.value,
        ]
        if department_code:
            marked.append(P.c.department_code == department_code)
            in_period.append(W.c.department_code == department_code)
        if structure_id is not None:
            marked.append(P.c.structure_id == structure_id)
            in_period.append(W.c.organizer_structure_id == structure_id)
        with self._store.read() as conn:
            since = list(conn.execute(select(P.c.parent_resource_since).where(*marked)).scalars())
            present = conn.execute(
                select(A.c.participant_id, A.c.workshop_id, A.c.co_facilitated)
                .select_from(
                    A.join(W, W.c.id == A.c.workshop_id).join(P, P.c.id == A.c.participant_id)
                )
                .where(*in_period, P.c.parent_resource.is_(True))
            ).all()
        return ParentsRessourceFigures(
            recruited=len(since),
            recruited_in_period=sum(1 for d in since if d is not None and start <= d <= end),
            mobilised=len({r.participant_id for r in present}),
            co_facilitated_workshops=len({r.workshop_id for r in present if r.co_facilitated}),
            co_facilitators=len({r.participant_id for r in present if r.co_facilitated}),
        )
