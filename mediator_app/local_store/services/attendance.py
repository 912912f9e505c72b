"""Attendance (*présences*): the check-in screen's actions and list.

An attendance row's id is ``attendance_id(workshop_id, participant_id)``, so two laptops
marking the same parent write the same row and the server merges them field by field.
Marking someone present refreshes the parent's last contact and retention date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select

from mediator_app.core import texts
from mediator_app.core.entities import (
    Attendance,
    Child,
    Participant,
    Registration,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import Presence, RegistrationChannel, RegistrationStatus
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.core.rules import co_facilitates, fold
from mediator_app.core.validation import check
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.participants import (
    ANONYMISED_MESSAGE,
    DEFAULT_RETENTION_MONTHS,
    contact_values,
    entities_where,
    prepare_participant,
    refresh_contact,
    today_of,
)
from mediator_app.local_store.services.registrations import add_registration, open_workshop
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

A = entity_tables["attendance"]
R = entity_tables["registration"]
P = entity_tables["participant"]

MAX_CHILDREN = 20
CANCELLED_MESSAGE = texts.text("Cet atelier est annulé : on ne peut pas y noter de présences.")
_ACTIVE = (RegistrationStatus.REGISTERED.value, RegistrationStatus.WAITLIST.value)


@dataclass(frozen=True)
class CheckInRow:
    """A person on the check-in screen: registered and/or marked.

    ``participant_id`` is ``None`` for a quick contact (name + phone, no record yet):
    ``mark_contact`` turns it into a participant marked present.
    """

    participant_id: UUID | None
    registration_id: UUID | None
    first_name: str
    last_name: str
    phone: str | None
    registration_status: RegistrationStatus | None
    presence: Presence | None
    children_count: int
    #: A Parent Ressource (their record says so) / co-facilitating this workshop.
    parent_resource: bool = False
    co_facilitated: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class WalkIn:
    """What a walk-in created in one transaction."""

    participant: Participant
    registration: Registration
    attendance: Attendance


def _check_children(children_count: int) -> None:
    if not 0 <= children_count <= MAX_CHILDREN:
        check(
            {
                "children_count": (
                    f"Le nombre d’enfants doit être compris entre 0 et {MAX_CHILDREN}."
                )
            }
        )


def upsert_attendance(
    tx: Tx,
    workshop_id: UUID,
    participant: Participant,
    *,
    status: Presence,
    children_count: int,
    months: int,
    workshop_date: date,
) -> Attendance:
    """Create or update the one attendance row of (workshop, participant) in ``tx``."""
    row_id = attendance_id(workshop_id, participant.id)
    existing = tx.get(Attendance, row_id, include_deleted=True)
    present = status is Presence.PRESENT
    if existing is not None and existing.deleted:
        # A tombstone cannot be revived without confusing the other laptops' merges.
        raise BusinessRuleError(
            texts.text(
                "Cette présence a été supprimée sur un autre poste : synchronisez, puis réessayez."
            )
        )
    if existing is None:
        att = tx.insert(
            Attendance(
                id=row_id,
                workshop_id=workshop_id,
                participant_id=participant.id,
                status=status,
                children_count=children_count,
                arrived_at=tx.clock() if present else None,
            )
        )
    else:
        att = tx.update(
            existing,
            status=status,
            children_count=children_count,
            arrived_at=(existing.arrived_at or tx.clock()) if present else None,
            # Only a parent in the room co-facilitates (core.rules.co_facilitates).
            co_facilitated=co_facilitates(status, existing.co_facilitated),
        )
    if present:
        refresh_contact(tx, participant, workshop_date, months)
    return att


class AttendanceService:
    """Every action of the check-in screen.

    Args:
        store: the local store.
        retention_months: months data is kept after the last contact (setting, default 24).
    """

    def __init__(self, store: Store, retention_months: int = DEFAULT_RETENTION_MONTHS) -> None:
        self._store = store
        self.retention_months = retention_months

    def mark(
        self,
        workshop_id: UUID,
        participant_id: UUID,
        status: Presence = Presence.PRESENT,
        children_count: int = 0,
    ) -> Result[Attendance]:
        """Mark a parent present (or absent / excused) at a workshop: one row per pair.

        Raises:
            ValidationError: children count out of range.
            BusinessRuleError: cancelled workshop or anonymised parent.
            NotFoundError: no such workshop or participant.
        """
        _check_children(children_count)
        with self._store.write() as tx:
            workshop = _markable_workshop(tx, workshop_id)
            participant = _markable_participant(tx, participant_id)
            att = upsert_attendance(
                tx,
                workshop.id,
                participant,
                status=status,
                children_count=children_count,
                months=self.retention_months,
                workshop_date=workshop.date,
            )
            return result(att, tx)

    def mark_walk_in(
        self,
        workshop_id: UUID,
        first_name: str,
        last_name: str,
        phone: str | None = None,
        children: int = 0,
    ) -> Result[WalkIn]:
        """A parent who came without registering: participant, registration (channel
        ``sur_place``, registered even when full: they are in the room) and attendance,
        all in one transaction — nothing is saved if any part is refused.

        Raises:
            ValidationError: no name, bad phone, children count out of range.
            BusinessRuleError: cancelled workshop.
        """
        _check_children(children)
        with self._store.write() as tx:
            workshop = _markable_workshop(tx, workshop_id)
            participant = tx.insert(
                prepare_participant(
                    tx,
                    Participant(first_name=first_name, last_name=last_name, phone=phone),
                    today=today_of(self._store),
                    months=self.retention_months,
                )
            )
            reg = add_registration(
                tx,
                workshop,
                participant_id=participant.id,
                channel=RegistrationChannel.SUR_PLACE,
            )
            att = upsert_attendance(
                tx,
                workshop.id,
                participant,
                status=Presence.PRESENT,
                children_count=children,
                months=self.retention_months,
                workshop_date=workshop.date,
            )
            fresh = tx.require(Participant, participant.id)
            return result(WalkIn(fresh, reg, att), tx)

    def mark_contact(self, registration_id: UUID, children_count: int = 0) -> Result[WalkIn]:
        """A quick contact who came: their participant record is created from the
        registration's name and phone, linked to it, and marked present (one transaction).

        Raises:
            BusinessRuleError: the registration already belongs to a participant.
        """
        _check_children(children_count)
        with self._store.write() as tx:
            reg = tx.require(Registration, registration_id)
            if reg.participant_id is not None:
                raise BusinessRuleError(
                    texts.text("Cette inscription est déjà liée à une fiche parent.")
                )
            workshop = _markable_workshop(tx, reg.workshop_id)
            participant = tx.insert(
                prepare_participant(
                    tx,
                    Participant(last_name=reg.contact_name, phone=reg.contact_phone),
                    today=today_of(self._store),
                    months=self.retention_months,
                )
            )
            reg = tx.update(reg, participant_id=participant.id)
            att = upsert_attendance(
                tx,
                workshop.id,
                participant,
                status=Presence.PRESENT,
                children_count=children_count,
                months=self.retention_months,
                workshop_date=workshop.date,
            )
            fresh = tx.require(Participant, participant.id)
            return result(WalkIn(fresh, reg, att), tx)

    def mark_all_present(self, workshop_id: UUID) -> Result[int]:
        """Mark every registered participant present (one transaction).

        Rows already present keep their arrival time and children count. Returns how many
        people were newly marked present.
        """
        with self._store.write() as tx:
            workshop = _markable_workshop(tx, workshop_id)
            regs = entities_where(
                tx,
                Registration,
                R,
                (R.c.workshop_id == workshop_id)
                & (R.c.status == RegistrationStatus.REGISTERED.value)
                & R.c.participant_id.is_not(None),
            )
            # Bulk: a handful of statements whatever the number of parents.
            pids = [r.participant_id for r in regs if r.participant_id is not None]
            people = tx.get_many(Participant, pids)
            existing = tx.get_many(
                Attendance, [attendance_id(workshop_id, p) for p in pids], include_deleted=True
            )
            now = tx.clock()
            new_rows: list[Attendance] = []
            updates: list[tuple[Attendance, dict[str, Any]]] = []
            contacts: list[tuple[Participant, dict[str, Any]]] = []
            for pid in dict.fromkeys(pids):
                participant = people.get(pid)
                if participant is None or participant.anonymised:
                    continue
                old = existing.get(attendance_id(workshop_id, pid))
                if old is not None and (old.deleted or old.status is Presence.PRESENT):
                    continue
                if old is None:
                    new_rows.append(
                        Attendance(
                            id=attendance_id(workshop_id, pid),
                            workshop_id=workshop_id,
                            participant_id=pid,
                            status=Presence.PRESENT,
                            arrived_at=now,
                        )
                    )
                else:
                    updates.append(
                        (old, {"status": Presence.PRESENT, "arrived_at": old.arrived_at or now})
                    )
                contacts.append(
                    (participant, contact_values(participant, workshop.date, self.retention_months))
                )
            tx.insert_many(new_rows)
            tx.update_many(updates)
            tx.update_many(contacts)
            changed = len(new_rows) + len(updates)
            if changed:
                tx.audit("mark_all_present", "workshop", workshop_id, f"count={changed}")
            return result(changed, tx)

    def unmark(self, workshop_id: UUID, participant_id: UUID) -> Result[Attendance | None]:
        """Undo a marking: the row becomes ``absent`` (0 children, no arrival time).

        The row is kept rather than deleted: its id is shared by every laptop, and a
        tombstone would beat a later re-marking made elsewhere. The retention date is not
        moved back (it only ever errs on the side of keeping a record longer, and the
        nightly anonymisation uses the last real contact on the next attendance).
        Returns ``None`` when the parent was never marked.
        """
        with self._store.write() as tx:
            existing = tx.get(Attendance, attendance_id(workshop_id, participant_id))
            if existing is None:
                return result(None, tx)
            att = tx.update(
                existing,
                status=Presence.ABSENT,
                children_count=0,
                arrived_at=None,
                co_facilitated=co_facilitates(Presence.ABSENT, existing.co_facilitated),
            )
            return result(att, tx)

    # --- queries --------------------------------------------------------------------

    def of_workshop(self, workshop_id: UUID) -> list[Attendance]:
        """Every attendance row of a workshop (all statuses)."""
        with self._store.read() as conn:
            rows = conn.execute(
                select(A).where(A.c.workshop_id == workshop_id, A.c.deleted.is_(False))
            ).mappings()
            return [entity_from_row(Attendance, r) for r in rows]

    def check_in_list(self, workshop_id: UUID, name_prefix: str = "") -> list[CheckInRow]:
        """Registered (and waitlisted) people with their presence, plus anyone marked
        without a registration, sorted by last name; ``name_prefix`` matches the start of
        the first or last name, ignoring accents and case.

        Two indexed queries on the workshop id; fine for the few hundred rows a workshop has.
        """
        with self._store.read() as conn:
            regs = conn.execute(
                select(
                    R.c.id,
                    R.c.participant_id,
                    R.c.status,
                    R.c.contact_name,
                    R.c.contact_phone,
                ).where(
                    R.c.workshop_id == workshop_id,
                    R.c.deleted.is_(False),
                    R.c.status.in_(_ACTIVE),
                )
            ).all()
            marked = conn.execute(
                select(
                    A.c.participant_id,
                    A.c.status,
                    A.c.children_count,
                    A.c.co_facilitated,
                    P.c.first_name,
                    P.c.last_name,
                    P.c.phone,
                    P.c.parent_resource,
                )
                .select_from(A.join(P, P.c.id == A.c.participant_id))
                .where(A.c.workshop_id == workshop_id, A.c.deleted.is_(False))
            ).all()
            registered_ids = [r.participant_id for r in regs if r.participant_id is not None]
            people = {
                p.id: p
                for p in conn.execute(
                    select(
                        P.c.id, P.c.first_name, P.c.last_name, P.c.phone, P.c.parent_resource
                    ).where(P.c.id.in_(registered_ids), P.c.deleted.is_(False))
                )
            }
        presence = {m.participant_id: m for m in marked}
        rows: list[CheckInRow] = []
        for r in regs:
            if r.participant_id is None:
                rows.append(
                    CheckInRow(
                        None,
                        r.id,
                        "",
                        r.contact_name,
                        r.contact_phone,
                        RegistrationStatus(r.status),
                        None,
                        0,
                    )
                )
                continue
            person = people.get(r.participant_id)
            if person is None:
                continue
            m = presence.pop(r.participant_id, None)
            rows.append(
                CheckInRow(
                    r.participant_id,
                    r.id,
                    person.first_name,
                    person.last_name,
                    person.phone,
                    RegistrationStatus(r.status),
                    Presence(m.status) if m else None,
                    int(m.children_count) if m else 0,
                    bool(person.parent_resource),
                    bool(m.co_facilitated) if m else False,
                )
            )
        for m in presence.values():
            rows.append(
                CheckInRow(
                    m.participant_id,
                    None,
                    m.first_name,
                    m.last_name,
                    m.phone,
                    None,
                    Presence(m.status),
                    int(m.children_count),
                    bool(m.parent_resource),
                    bool(m.co_facilitated),
                )
            )
        needle = fold(name_prefix)
        if needle:
            rows = [r for r in rows if _starts(r, needle)]
        rows.sort(key=lambda r: (fold(r.last_name), fold(r.first_name), str(r.registration_id)))
        return rows

    def children_of(self, participant_ids: Sequence[UUID]) -> dict[UUID, tuple[Child, ...]]:
        """The children recorded on each of these parents' records (the sign-in sheet's
        « Enfants » column); parents with none are left out."""
        people = self._store.fetch_many(Participant, list(participant_ids))
        return {p.id: p.children for p in people if p.children}


def _starts(row: CheckInRow, needle: str) -> bool:
    first, last = fold(row.first_name), fold(row.last_name)
    return (
        first.startswith(needle)
        or last.startswith(needle)
        or f"{first} {last}".startswith(needle)
        or f"{last} {first}".startswith(needle)
        or any(word.startswith(needle) for word in last.split())
    )


def _markable_workshop(tx: Tx, workshop_id: UUID) -> Workshop:
    try:
        return open_workshop(tx, workshop_id)
    except BusinessRuleError:
        raise BusinessRuleError(CANCELLED_MESSAGE) from None


def _markable_participant(tx: Tx, participant_id: UUID) -> Participant:
    participant = tx.get(Participant, participant_id)
    if participant is None:
        raise NotFoundError(
            texts.text("Cette fiche parent n’existe plus (elle a peut-être été fusionnée).")
        )
    if participant.anonymised:
        raise BusinessRuleError(ANONYMISED_MESSAGE)
    return participant
