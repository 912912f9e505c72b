"""Registrations (*inscriptions*) to workshops: capacity, waitlist and its promotion.

Where a registration lands is ``core.rules.arrival``, checked here against what this
laptop knows, and again by the server with the same function across laptops (a
registration to a workshop another laptop already filled comes back as a
``capacity_full`` result and goes to the waitlist); see docs/architecture.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import case, func, select

from mediator_app.core import rules, texts
from mediator_app.core.entities import Participant, Registration, Workshop
from mediator_app.core.enums import RegistrationChannel, RegistrationStatus, WorkshopStatus
from mediator_app.core.errors import BusinessRuleError, NotFoundError
from mediator_app.core.validation import check, normalise_phone, validate_registration
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.participants import ANONYMISED_MESSAGE, entities_where
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

R = entity_tables["registration"]
P = entity_tables["participant"]
W = entity_tables["workshop"]

CANCELLED_WORKSHOP_MESSAGE = texts.text(
    "Cet atelier est annulé : il n’accepte plus d’inscriptions."
)
ALREADY_REGISTERED_MESSAGE = texts.text("Cette personne est déjà inscrite à cet atelier.")
_ACTIVE = (RegistrationStatus.REGISTERED.value, RegistrationStatus.WAITLIST.value)


@dataclass(frozen=True)
class RegistrationRow:
    """A line of a workshop's registration list."""

    registration: Registration
    display_name: str
    phone: str | None

    @property
    def is_quick_contact(self) -> bool:
        return self.registration.participant_id is None


@dataclass(frozen=True)
class Cancellation:
    """A cancelled registration and the waitlisted registrations promoted in its place."""

    cancelled: Registration
    promoted: tuple[Registration, ...]


# --- Helpers shared with attendance (walk-ins) -----------------------------------------


def registered_count(tx: Tx, workshop_id: UUID) -> int:
    return int(
        tx.conn.execute(
            select(func.count()).where(
                R.c.workshop_id == workshop_id,
                R.c.status == RegistrationStatus.REGISTERED.value,
                R.c.deleted.is_(False),
            )
        ).scalar_one()
    )


def waitlist_ranks(tx: Tx, workshop_id: UUID) -> list[int | None]:
    return list(
        tx.conn.execute(
            select(R.c.waitlist_rank).where(
                R.c.workshop_id == workshop_id,
                R.c.status == RegistrationStatus.WAITLIST.value,
                R.c.deleted.is_(False),
            )
        ).scalars()
    )


def open_workshop(tx: Tx, workshop_id: UUID) -> Workshop:
    """The workshop, refusing a cancelled one (French message)."""
    workshop = tx.require(Workshop, workshop_id)
    if workshop.status is WorkshopStatus.CANCELLED:
        raise BusinessRuleError(CANCELLED_WORKSHOP_MESSAGE)
    return workshop


def add_registration(
    tx: Tx,
    workshop: Workshop,
    *,
    participant_id: UUID | None = None,
    contact_name: str = "",
    contact_phone: str | None = None,
    channel: RegistrationChannel = RegistrationChannel.TELEPHONE,
) -> Registration:
    """Register someone in ``tx`` where ``rules.arrival`` puts them: registered while
    places are left, else waitlisted — except a person registered on site (channel
    ``sur_place``, e.g. a walk-in), registered even when full, as the server does.
    A cancelled registration of the same participant is reactivated rather than doubled.

    Raises:
        BusinessRuleError: already registered, or the participant was anonymised.
        ValidationError: no name for a quick contact, or a bad phone number.
    """
    phone = None
    if contact_phone and contact_phone.strip():
        phone = normalise_phone(contact_phone) or contact_phone.strip()
    previous: Registration | None = None
    if participant_id is not None:
        participant = tx.require(Participant, participant_id)
        if participant.anonymised:
            raise BusinessRuleError(ANONYMISED_MESSAGE)
        same = entities_where(
            tx,
            Registration,
            R,
            (R.c.workshop_id == workshop.id) & (R.c.participant_id == participant_id),
        )
    elif phone is not None:
        same = entities_where(
            tx,
            Registration,
            R,
            (R.c.workshop_id == workshop.id)
            & R.c.participant_id.is_(None)
            & (R.c.contact_phone == phone),
        )
    else:
        same = []
    for reg in same:
        if reg.status is not RegistrationStatus.CANCELLED:
            raise BusinessRuleError(ALREADY_REGISTERED_MESSAGE)
        previous = reg

    landing = rules.arrival(
        capacity=workshop.capacity,
        registered=registered_count(tx, workshop.id),
        channel=channel,
        waitlist_ranks=waitlist_ranks(tx, workshop.id),
    )
    status, rank = landing.status, landing.waitlist_rank
    reg = Registration(
        workshop_id=workshop.id,
        participant_id=participant_id,
        contact_name=contact_name.strip(),
        contact_phone=phone,
        status=status,
        waitlist_rank=rank,
        channel=channel,
        registered_at=tx.clock(),
    )
    check(validate_registration(reg))
    if previous is not None:
        return tx.update(
            previous,
            status=status,
            waitlist_rank=rank,
            channel=channel,
            registered_at=reg.registered_at,
        )
    return tx.insert(reg)


def promote_waitlist(tx: Tx, workshop: Workshop) -> tuple[Registration, ...]:
    """Move waitlisted registrations (lowest rank first) into the places left."""
    promoted: list[Registration] = []
    free = rules.places_left(workshop.capacity, registered_count(tx, workshop.id))
    waiting = sorted(
        entities_where(
            tx,
            Registration,
            R,
            (R.c.workshop_id == workshop.id) & (R.c.status == RegistrationStatus.WAITLIST.value),
        ),
        key=lambda r: (r.waitlist_rank or 0, r.registered_at or r.created_at, str(r.id)),
    )
    for reg in waiting:
        if free is not None and free <= 0:
            break
        promoted.append(tx.update(reg, status=RegistrationStatus.REGISTERED, waitlist_rank=None))
        if free is not None:
            free -= 1
    return tuple(promoted)


def cancel_registration(tx: Tx, reg: Registration) -> Cancellation:
    """Cancel ``reg`` in ``tx`` and promote the waitlist into the place it frees."""
    was_registered = reg.status is RegistrationStatus.REGISTERED
    cancelled = tx.update(reg, status=RegistrationStatus.CANCELLED, waitlist_rank=None)
    promoted: tuple[Registration, ...] = ()
    if was_registered:
        workshop = tx.get(Workshop, reg.workshop_id)
        if workshop is not None and workshop.status is not WorkshopStatus.CANCELLED:
            promoted = promote_waitlist(tx, workshop)
    return Cancellation(cancelled, promoted)


class RegistrationService:
    """Every user action on registrations."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def register(
        self,
        workshop_id: UUID,
        participant_id: UUID,
        *,
        channel: RegistrationChannel = RegistrationChannel.TELEPHONE,
    ) -> Result[Registration]:
        """Register a known participant; waitlisted (next rank) when the workshop is full.

        Raises:
            BusinessRuleError: cancelled workshop, already registered, anonymised parent.
            NotFoundError: no such workshop or participant.
        """
        with self._store.write() as tx:
            workshop = open_workshop(tx, workshop_id)
            reg = add_registration(tx, workshop, participant_id=participant_id, channel=channel)
            return result(reg, tx)

    def register_contact(
        self,
        workshop_id: UUID,
        name: str,
        phone: str | None = None,
        *,
        channel: RegistrationChannel = RegistrationChannel.TELEPHONE,
    ) -> Result[Registration]:
        """Register a quick contact (name + phone) without creating a participant record.

        Raises:
            ValidationError: no name, or a phone number that is not French.
            BusinessRuleError: cancelled workshop, or this phone is already registered.
        """
        with self._store.write() as tx:
            workshop = open_workshop(tx, workshop_id)
            reg = add_registration(
                tx, workshop, contact_name=name, contact_phone=phone, channel=channel
            )
            return result(reg, tx)

    def cancel(self, registration_id: UUID) -> Result[Cancellation]:
        """Cancel a registration; the first waitlisted person takes the freed place in the
        same transaction.

        Raises:
            NotFoundError; BusinessRuleError when it is already cancelled.
        """
        with self._store.write() as tx:
            reg = tx.require(Registration, registration_id)
            if reg.status is RegistrationStatus.CANCELLED:
                raise BusinessRuleError(texts.text("Cette inscription est déjà annulée."))
            return result(cancel_registration(tx, reg), tx)

    def fill_from_waitlist(self, workshop_id: UUID) -> Result[tuple[Registration, ...]]:
        """Promote waitlisted people into places left (e.g. after the capacity grew)."""
        with self._store.write() as tx:
            return result(promote_waitlist(tx, open_workshop(tx, workshop_id)), tx)

    # --- queries --------------------------------------------------------------------

    def list(self, workshop_id: UUID, *, include_cancelled: bool = False) -> list[RegistrationRow]:
        """A workshop's registrations: registered (in order of arrival), then the waitlist
        by rank, then (optionally) the cancelled ones."""
        statuses = [*_ACTIVE, RegistrationStatus.CANCELLED.value] if include_cancelled else _ACTIVE
        order = case(
            (R.c.status == RegistrationStatus.REGISTERED.value, 0),
            (R.c.status == RegistrationStatus.WAITLIST.value, 1),
            else_=2,
        )
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(
                        R,
                        P.c.first_name.label("_first"),
                        P.c.last_name.label("_last"),
                        P.c.phone.label("_phone"),
                    )
                    .select_from(R.outerjoin(P, P.c.id == R.c.participant_id))
                    .where(
                        R.c.workshop_id == workshop_id,
                        R.c.deleted.is_(False),
                        R.c.status.in_(statuses),
                    )
                    .order_by(order, R.c.waitlist_rank, R.c.registered_at, R.c.id)
                )
                .mappings()
                .all()
            )
        out = []
        for r in rows:
            reg = entity_from_row(Registration, r)
            if reg.participant_id is None:
                name, phone = reg.contact_name, reg.contact_phone
            else:
                name = f"{r['_first'] or ''} {r['_last'] or ''}".strip()
                phone = r["_phone"]
            out.append(RegistrationRow(reg, name, phone))
        return out

    def places_left(self, workshop_id: UUID) -> int | None:
        """Capacity minus registered people (``None`` when the workshop has no limit)."""
        with self._store.read() as conn:
            cap = conn.execute(
                select(W.c.capacity).where(W.c.id == workshop_id, W.c.deleted.is_(False))
            ).first()
            if cap is None:
                raise NotFoundError(
                    texts.text("Cette fiche n’existe plus (elle a peut-être été supprimée).")
                )
            registered = conn.execute(
                select(func.count()).where(
                    R.c.workshop_id == workshop_id,
                    R.c.status == RegistrationStatus.REGISTERED.value,
                    R.c.deleted.is_(False),
                )
            ).scalar_one()
        return rules.places_left(cap[0], int(registered))
