"""Participants (*parents / bénéficiaires*): create, edit, consent, duplicates, merge,
the paged list of the Parents screen and a parent's history.

The helpers taking a ``Tx`` (``prepare_participant``, ``refresh_contact``) are shared with
the registration and attendance services, so a walk-in is created by the same rules in the
same transaction.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, Table, func, or_, select

from mediator_app.core import rules, texts
from mediator_app.core.entities import (
    Attendance,
    Child,
    Entity,
    Handout,
    Participant,
    Registration,
    Structure,
    attendance_id,
)
from mediator_app.core.enums import (
    ConsentMode,
    ConsentPurpose,
    Presence,
    RegistrationStatus,
    StructureKind,
)
from mediator_app.core.errors import BusinessRuleError
from mediator_app.core.rules import fold
from mediator_app.core.validation import check, normalise_phone, validate_participant
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

E = TypeVar("E", bound=Entity)

P = entity_tables["participant"]
W = entity_tables["workshop"]
R = entity_tables["registration"]
A = entity_tables["attendance"]
H = entity_tables["handout"]
S = entity_tables["structure"]

#: Months a participant's data is kept after the last contact (CNIL social-sector rule).
DEFAULT_RETENTION_MONTHS = 24

ANONYMISED_MESSAGE = texts.text("Cette fiche a été anonymisée : elle ne peut plus être modifiée.")

# Ranks used when two records of one person disagree: the stronger state wins on merge.
_REGISTRATION_STRENGTH = {
    RegistrationStatus.REGISTERED: 2,
    RegistrationStatus.WAITLIST: 1,
    RegistrationStatus.CANCELLED: 0,
}
_PRESENCE_STRENGTH = {Presence.PRESENT: 2, Presence.EXCUSED: 1, Presence.ABSENT: 0}


# --- Name folding (accent- and case-insensitive comparison, ``core.rules.fold``) ----


def register_fold(conn: Connection) -> None:
    """Make ``tne_fold(text)`` available to SQL on this connection.

    SQLite's ``LIKE`` only folds ASCII case, so "élodie" would not find "Elodie"; a
    deterministic Python function is the standard way to extend it (sqlite3
    ``create_function``). Registering again on a pooled connection is harmless.
    """
    raw: Any = conn.connection.dbapi_connection
    raw.create_function("tne_fold", 1, _sql_fold, deterministic=True)


@functools.lru_cache(maxsize=65_536)
def _sql_fold(value: str | None) -> str:
    # Cached: search-as-you-type folds the same names on every keystroke.
    return fold(value) if value else ""


def clear_fold_cache() -> None:
    """Forget the folded names kept in memory (after an anonymisation or erasure)."""
    _sql_fold.cache_clear()


# --- Retention -------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def contact_values(participant: Participant, on: date, months: int) -> dict[str, Any]:
    """The fields a contact on ``on`` sets: ``last_contact_at`` moves forward (never back)
    and ``retention_until`` is recomputed from it."""
    last = participant.last_contact_at
    if last is not None and last >= on:
        on = last
    return {"last_contact_at": on, "retention_until": add_months(on, months)}


def refresh_contact(tx: Tx, participant: Participant, on: date, months: int) -> Participant:
    """Record a contact with a parent on ``on`` (see ``contact_values``)."""
    return tx.update(participant, **contact_values(participant, on, months))


def today_of(store: Store) -> date:
    """The local calendar day according to the store's clock."""
    return store.clock().astimezone().date()


# --- Creation rules shared with walk-ins -----------------------------------------------


def _clean_phone(phone: str | None) -> str | None:
    if phone is None or not phone.strip():
        return None
    # Unparseable text is kept as typed so the validation rule reports it in French.
    return normalise_phone(phone) or phone.strip()


def _clean_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    return email.strip().lower()


def prepare_participant(
    tx: Tx, participant: Participant, *, today: date, months: int
) -> Participant:
    """Normalise, complete and validate a new participant (not yet inserted).

    Raises:
        ValidationError: a rule is broken (French message per field).
    """
    ident = tx.identity
    contact = participant.last_contact_at or today
    p = dataclasses.replace(
        participant,
        first_name=participant.first_name.strip(),
        last_name=participant.last_name.strip(),
        phone=_clean_phone(participant.phone),
        email=_clean_email(participant.email),
        commune=participant.commune.strip(),
        structure_id=participant.structure_id or ident.structure_id,
        department_code=participant.department_code or ident.department_code,
        last_contact_at=contact,
        retention_until=add_months(contact, months),
        anonymised=False,
        merged_into=None,
    )
    check(validate_participant(p))
    return p


# --- Rows out --------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    """An existing participant who may be the person being created."""

    participant: Participant
    same_name: bool
    same_phone: bool


@dataclass(frozen=True)
class ParticipantFilter:
    """Filters of the Parents list; ``text`` searches names, commune and phone digits."""

    text: str = ""
    commune: str = ""
    structure_id: UUID | None = None
    parent_resource: bool | None = None
    include_anonymised: bool = False


@dataclass(frozen=True)
class ParticipantRow:
    """A line of the Parents list."""

    participant: Participant
    attended: int
    last_attended: date | None


@dataclass(frozen=True)
class AttendedWorkshop:
    """One workshop in a parent's history."""

    workshop_id: UUID
    date: date
    title: str
    status: Presence
    children_count: int


@dataclass(frozen=True)
class ParticipantHistory:
    """What the participant screen shows besides the record itself."""

    participant: Participant
    attended: tuple[AttendedWorkshop, ...]
    registrations: tuple[Registration, ...]
    handouts: tuple[Handout, ...]


@dataclass(frozen=True)
class MergeReport:
    """What a merge moved onto the kept participant."""

    kept: Participant
    registrations_moved: int
    registrations_folded: int
    attendance_moved: int
    attendance_folded: int
    attendance_left: int
    handouts_moved: int


class ParticipantService:
    """Every user action on participants.

    Args:
        store: the local store.
        retention_months: months data is kept after the last contact (setting, default 24).
    """

    def __init__(self, store: Store, retention_months: int = DEFAULT_RETENTION_MONTHS) -> None:
        self._store = store
        self.retention_months = retention_months

    # --- writes ---------------------------------------------------------------------

    def create(self, participant: Participant) -> Result[Participant]:
        """Save a new participant: phone to E.164, e-mail checked, retention date set.

        Raises:
            ValidationError: a rule is broken (French message per field); nothing saved.
        """
        with self._store.write() as tx:
            p = prepare_participant(
                tx, participant, today=today_of(self._store), months=self.retention_months
            )
            return result(tx.insert(p), tx)

    def update(self, participant_id: UUID, **values: Any) -> Result[Participant]:
        """Change fields of a participant (phone and e-mail normalised as on create).

        Raises:
            ValidationError, NotFoundError; BusinessRuleError for an anonymised record.
        """
        if "phone" in values:
            values["phone"] = _clean_phone(values["phone"])
        if "email" in values:
            values["email"] = _clean_email(values["email"])
        for name in ("first_name", "last_name", "commune"):
            if isinstance(values.get(name), str):
                values[name] = values[name].strip()
        if "last_contact_at" in values and values["last_contact_at"] is not None:
            values["retention_until"] = add_months(values["last_contact_at"], self.retention_months)
        with self._store.write() as tx:
            old = tx.require(Participant, participant_id)
            if old.anonymised:
                raise BusinessRuleError(ANONYMISED_MESSAGE)
            check(validate_participant(dataclasses.replace(old, **values)))
            return result(tx.update(old, **values), tx)

    def record_consent(
        self,
        participant_id: UUID,
        *,
        on: date,
        purposes: Sequence[ConsentPurpose],
        mode: ConsentMode,
        notice_version: str,
    ) -> Result[Participant]:
        """Record the parent's consent: date, purposes, how it was given, notice version.

        Raises:
            ValidationError: no purpose, or no notice version.
        """
        check(
            rules.consent_errors(
                purposes=purposes,
                notice_version=notice_version,
                on=on,
                today=today_of(self._store),
            )
        )
        return self.update(
            participant_id,
            consent_date=on,
            consent_purposes=tuple(dict.fromkeys(purposes)),
            consent_mode=mode,
            notice_version=notice_version.strip(),
        )

    def merge(self, keep_id: UUID, duplicate_id: UUID) -> Result[MergeReport]:
        """Merge a duplicate into the kept participant, in one transaction.

        Registrations and handouts of the duplicate are re-pointed to the kept participant.
        Attendance ids are derived from (workshop, participant), so each attendance of the
        duplicate is tombstoned and recreated under the kept participant's id; when the kept
        participant already has that attendance, the two are folded (the stronger status and
        the larger children count win). Empty fields of the kept record are filled from the
        duplicate. The duplicate is then marked ``merged_into`` and tombstoned, so its data
        stays in the journal of the sync and nothing is silently lost.

        Raises:
            BusinessRuleError: merging a record with itself, or an anonymised record.
            NotFoundError: either participant is missing.
        """
        if keep_id == duplicate_id:
            raise BusinessRuleError(texts.text("Choisissez deux fiches différentes à fusionner."))
        with self._store.write() as tx:
            keep = tx.require(Participant, keep_id)
            dup = tx.require(Participant, duplicate_id)
            if keep.anonymised or dup.anonymised:
                raise BusinessRuleError(
                    texts.text("Une fiche anonymisée ne peut pas être fusionnée.")
                )
            reg_moved, reg_folded = _merge_registrations(tx, keep_id, duplicate_id)
            att_moved, att_folded, att_left = _merge_attendance(tx, keep_id, duplicate_id)
            handouts = _merge_handouts(tx, keep_id, duplicate_id)
            kept = tx.update(keep, **_filled_fields(keep, dup, self.retention_months))
            merged = tx.update(dup, merged_into=keep_id)
            tx.delete(merged)
            tx.audit(
                "merge",
                "participant",
                keep_id,
                f"duplicate={duplicate_id} registrations={reg_moved}+{reg_folded} "
                f"attendance={att_moved}+{att_folded}+{att_left} handouts={handouts}",
            )
            report = MergeReport(
                kept, reg_moved, reg_folded, att_moved, att_folded, att_left, handouts
            )
            return result(report, tx)

    # --- queries --------------------------------------------------------------------

    def get(self, participant_id: UUID) -> Participant | None:
        return self._store.fetch(Participant, participant_id)

    def schools(self) -> tuple[Structure, ...]:
        """Schools known on this laptop (écoles, collèges, lycées), by name: the choices for
        a child's or a pupil's school."""
        kinds = (StructureKind.ECOLE, StructureKind.COLLEGE, StructureKind.LYCEE)
        with self._store.read() as conn:
            rows = (
                conn.execute(
                    select(S)
                    .where(S.c.deleted.is_(False), S.c.kind.in_([k.value for k in kinds]))
                    .order_by(S.c.name, S.c.id)
                )
                .mappings()
                .all()
            )
        return tuple(entity_from_row(Structure, r) for r in rows)

    def possible_duplicates(
        self, first_name: str, last_name: str, phone: str | None = None
    ) -> list[DuplicateMatch]:
        """Participants who may already be this person, strongest matches first.

        A match is the same name (accents, case, hyphens ignored, first and last name possibly
        swapped) or the same phone number; both together come first. A shared phone alone is
        reported too (a couple often shares one), the UI only warns.
        """
        wanted = fold(f"{first_name} {last_name}")
        swapped = fold(f"{last_name} {first_name}")
        number = normalise_phone(phone) if phone else None
        if not wanted and number is None:
            return []
        where: list[ColumnElement[bool]] = []
        if wanted:
            where.append(func.tne_fold(P.c.first_name + " " + P.c.last_name).in_({wanted, swapped}))
        if number is not None:
            where.append(P.c.phone == number)
        with self._store.read() as conn:
            register_fold(conn)
            rows = (
                conn.execute(
                    select(P).where(
                        P.c.deleted.is_(False),
                        P.c.anonymised.is_(False),
                        P.c.merged_into.is_(None),
                        or_(*where),
                    )
                )
                .mappings()
                .all()
            )
        matches = []
        for row in rows:
            p = entity_from_row(Participant, row)
            same_name = bool(wanted) and fold(p.full_name) in (wanted, swapped)
            same_phone = number is not None and p.phone == number
            matches.append(DuplicateMatch(p, same_name, same_phone))
        matches.sort(key=lambda m: (-(m.same_name + m.same_phone), fold(m.participant.full_name)))
        return matches

    def search(
        self, flt: ParticipantFilter, *, offset: int = 0, limit: int = 100
    ) -> Page[ParticipantRow]:
        """A page of participants, by last then first name, paged in SQL."""
        where: list[ColumnElement[bool]] = [P.c.deleted.is_(False), P.c.merged_into.is_(None)]
        if not flt.include_anonymised:
            where.append(P.c.anonymised.is_(False))
        if flt.structure_id:
            where.append(P.c.structure_id == flt.structure_id)
        if flt.parent_resource is not None:
            where.append(P.c.parent_resource.is_(flt.parent_resource))
        if flt.commune.strip():
            where.append(func.tne_fold(P.c.commune) == fold(flt.commune))
        where.extend(_text_matches(flt.text))
        attended = (
            select(func.count(), func.max(W.c.date))
            .select_from(A.join(W, W.c.id == A.c.workshop_id))
            .where(
                A.c.participant_id == P.c.id,
                A.c.deleted.is_(False),
                A.c.status == Presence.PRESENT.value,
                W.c.deleted.is_(False),
            )
        )
        count_col = attended.with_only_columns(func.count()).scalar_subquery()
        last_col = attended.with_only_columns(func.max(W.c.date)).scalar_subquery()
        with self._store.read() as conn:
            register_fold(conn)
            total = conn.execute(select(func.count()).select_from(P).where(*where)).scalar_one()
            rows = (
                conn.execute(
                    select(P, count_col.label("_attended"), last_col.label("_last"))
                    .where(*where)
                    .order_by(func.tne_fold(P.c.last_name + " " + P.c.first_name), P.c.id)
                    .offset(offset)
                    .limit(limit)
                )
                .mappings()
                .all()
            )
        return Page(
            tuple(
                ParticipantRow(
                    entity_from_row(Participant, r),
                    int(r["_attended"]),
                    _as_date(r["_last"]),
                )
                for r in rows
            ),
            int(total),
            offset,
            limit,
        )

    def history(self, participant_id: UUID) -> ParticipantHistory | None:
        """The workshops a parent attended (newest first), registrations and handouts."""
        with self._store.read() as conn:
            row = conn.execute(select(P).where(P.c.id == participant_id)).mappings().first()
            if row is None or row["deleted"]:
                return None
            attended = conn.execute(
                select(W.c.id, W.c.date, W.c.title, A.c.status, A.c.children_count)
                .select_from(A.join(W, W.c.id == A.c.workshop_id))
                .where(
                    A.c.participant_id == participant_id,
                    A.c.deleted.is_(False),
                    W.c.deleted.is_(False),
                )
                .order_by(W.c.date.desc(), W.c.start_time.desc())
            ).all()
            regs = (
                conn.execute(
                    select(R)
                    .where(R.c.participant_id == participant_id, R.c.deleted.is_(False))
                    .order_by(R.c.registered_at.desc())
                )
                .mappings()
                .all()
            )
            handouts = (
                conn.execute(
                    select(H)
                    .where(H.c.guardian_id == participant_id, H.c.deleted.is_(False))
                    .order_by(H.c.handed_at.desc())
                )
                .mappings()
                .all()
            )
        return ParticipantHistory(
            entity_from_row(Participant, row),
            tuple(
                AttendedWorkshop(a.id, a.date, a.title, Presence(a.status), int(a.children_count))
                for a in attended
            ),
            tuple(entity_from_row(Registration, r) for r in regs),
            tuple(entity_from_row(Handout, h) for h in handouts),
        )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


_PHONE_PUNCTUATION = re.compile(r"[\s.\-+()/]")


def _phone_digits(text: str) -> str | None:
    """The digits to look for when ``text`` looks like (part of) a phone number."""
    bare = _PHONE_PUNCTUATION.sub("", text)
    if len(bare) < 2 or not bare.isdigit():
        return None
    # "06 12…" is stored as "+33612…": the national leading zero is not in E.164.
    return bare.removeprefix("0") or bare


def _text_matches(text: str) -> list[ColumnElement[bool]]:
    """The search box: phone digits in any usual form, or words that must each appear in
    the names or the commune (accents and case ignored).

    One fold per row over "first last commune" rather than one per column keeps a 5,000
    parent list search well under 100 ms.
    """
    digits = _phone_digits(text)
    if digits is not None:
        return [P.c.phone.like(f"%{digits}%")]
    haystack = func.tne_fold(P.c.first_name + " " + P.c.last_name + " " + P.c.commune)
    clauses: list[ColumnElement[bool]] = []
    for word in text.split():
        needle = fold(word).replace("%", "").replace("_", "")
        if needle:
            clauses.append(haystack.like(f"%{needle}%"))
    return clauses


# --- Merge helpers ---------------------------------------------------------------------


def _filled_fields(keep: Participant, dup: Participant, months: int) -> dict[str, Any]:
    """Fields of the kept record completed from the duplicate (the kept values win)."""
    values: dict[str, Any] = {}
    for name in ("first_name", "last_name", "phone", "email", "commune", "notice_version"):
        if not getattr(keep, name) and getattr(dup, name):
            values[name] = getattr(dup, name)
    for name in ("gender", "age_band", "social_status", "consent_mode"):
        if getattr(keep, name) is None and getattr(dup, name) is not None:
            values[name] = getattr(dup, name)
    if keep.consent_date is None and dup.consent_date is not None:
        values["consent_date"] = dup.consent_date
        values["consent_purposes"] = dup.consent_purposes
    if not keep.notes and dup.notes:
        values["notes"] = dup.notes
    languages = tuple(dict.fromkeys((*keep.languages, *dup.languages)))
    if languages != keep.languages:
        values["languages"] = languages
    children = list(keep.children)
    for child in dup.children:
        if not any(_same_child(child, c) for c in children):
            children.append(child)
    if len(children) != len(keep.children):
        values["children"] = tuple(children)
    values["interpreter_needed"] = keep.interpreter_needed or dup.interpreter_needed
    values["parent_resource"] = keep.parent_resource or dup.parent_resource
    contacts = [d for d in (keep.last_contact_at, dup.last_contact_at) if d is not None]
    if contacts:
        values["last_contact_at"] = max(contacts)
        values["retention_until"] = add_months(max(contacts), months)
    return values


def _same_child(a: Child, b: Child) -> bool:
    if a.first_name and b.first_name:
        return fold(a.first_name) == fold(b.first_name)
    return a.school_level == b.school_level and a.school_id == b.school_id


def _merge_registrations(tx: Tx, keep_id: UUID, dup_id: UUID) -> tuple[int, int]:
    """Re-point the duplicate's registrations; fold those to a workshop both have."""
    moved = folded = 0
    mine = {
        r.workshop_id: r for r in entities_where(tx, Registration, R, R.c.participant_id == keep_id)
    }
    for reg in entities_where(tx, Registration, R, R.c.participant_id == dup_id):
        existing = mine.get(reg.workshop_id)
        if existing is None:
            tx.update(reg, participant_id=keep_id)
            moved += 1
            continue
        if _REGISTRATION_STRENGTH[reg.status] > _REGISTRATION_STRENGTH[existing.status]:
            mine[reg.workshop_id] = tx.update(
                existing, status=reg.status, waitlist_rank=reg.waitlist_rank
            )
        tx.delete(reg)
        folded += 1
    return moved, folded


def _merge_attendance(tx: Tx, keep_id: UUID, dup_id: UUID) -> tuple[int, int, int]:
    """Move the duplicate's attendance to the kept participant's deterministic ids.

    Returns (moved, folded into an existing row, left on the duplicate). A row is left only
    when the kept participant's attendance at that workshop was deleted elsewhere: a
    tombstone cannot be revived, and deleting the duplicate's row would lose the fact.
    """
    moved = folded = left = 0
    for att in entities_where(tx, Attendance, A, A.c.participant_id == dup_id):
        new_id = attendance_id(att.workshop_id, keep_id)
        existing = tx.get(Attendance, new_id, include_deleted=True)
        if existing is not None and existing.deleted:
            left += 1
            continue
        if existing is None:
            tx.insert(dataclasses.replace(att, id=new_id, participant_id=keep_id))
            moved += 1
        else:
            changes: dict[str, Any] = {
                "children_count": max(existing.children_count, att.children_count)
            }
            if _PRESENCE_STRENGTH[att.status] > _PRESENCE_STRENGTH[existing.status]:
                changes["status"] = att.status
                changes["arrived_at"] = existing.arrived_at or att.arrived_at
            tx.update(existing, **changes)
            folded += 1
        tx.delete(att)
    return moved, folded, left


def _merge_handouts(tx: Tx, keep_id: UUID, dup_id: UUID) -> int:
    handouts = entities_where(tx, Handout, H, H.c.guardian_id == dup_id)
    for h in handouts:
        tx.update(h, guardian_id=keep_id)
    return len(handouts)


def entities_where(tx: Tx, cls: type[E], table: Table, where: ColumnElement[bool]) -> list[E]:
    """The live (not tombstoned) rows of ``table`` matching ``where``, inside ``tx``."""
    rows = tx.conn.execute(select(table).where(where, table.c.deleted.is_(False))).mappings()
    return [entity_from_row(cls, r) for r in rows]
