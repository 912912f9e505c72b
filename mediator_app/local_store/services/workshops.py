"""Workshops (*ateliers*, *cafés des parents*): create, edit, duplicate, cancel, mark held,
anonymous counts, and the paged list the Ateliers screen shows."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, func, select

from mediator_app.core import rules, texts
from mediator_app.core.entities import (
    AnonymousCounts,
    Structure,
    Workshop,
    anonymous_counts_id,
    new_id,
)
from mediator_app.core.enums import (
    PlaceType,
    Presence,
    RegistrationStatus,
    ReviewStatus,
    StructureKind,
    WorkshopFormat,
    WorkshopStatus,
)
from mediator_app.core.errors import BusinessRuleError
from mediator_app.core.validation import (
    check,
    normalise_uai,
    validate_anonymous_counts,
    validate_structure,
    validate_workshop,
)
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.common import Page, json_list_contains, like_any
from mediator_app.local_store.services.participants import today_of
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.unit_of_work import Result, Store, Tx, result

W = entity_tables["workshop"]
R = entity_tables["registration"]
A = entity_tables["attendance"]
AC = entity_tables["anonymous_counts"]
S = entity_tables["structure"]


@dataclass(frozen=True)
class WorkshopFilter:
    """Filters of the workshop list; ``None`` means "any"."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    format: WorkshopFormat | None = None
    status: WorkshopStatus | None = None
    theme: str | None = None
    venue_structure_id: UUID | None = None
    organizer_structure_id: UUID | None = None
    review_status: ReviewStatus | None = None
    owner_id: UUID | None = None
    department_code: str | None = None

    @classmethod
    def of_view(cls, view: ViewFilter, **more: Any) -> WorkshopFilter:
        """The workshops of a coordinator's view: held on a day of its period, in its
        département, organised by its structure (``more``: the list's other filters)."""
        return cls(
            date_from=view.start,
            date_to=view.end,
            department_code=view.department_code,
            organizer_structure_id=view.structure_id,
            **more,
        )


@dataclass(frozen=True)
class WorkshopRow:
    """A line of the workshop list."""

    workshop: Workshop
    registered: int
    waitlisted: int
    present: int
    anonymous_total: int

    @property
    def places_left(self) -> int | None:
        return rules.places_left(self.workshop.capacity, self.registered)


def _counts(conn: Connection, workshop_id: UUID) -> tuple[int, int, int]:
    registered = conn.execute(
        select(func.count())
        .select_from(R)
        .where(
            R.c.workshop_id == workshop_id,
            R.c.status == RegistrationStatus.REGISTERED.value,
            R.c.deleted.is_(False),
        )
    ).scalar_one()
    present = conn.execute(
        select(func.count())
        .select_from(A)
        .where(
            A.c.workshop_id == workshop_id,
            A.c.status == Presence.PRESENT.value,
            A.c.deleted.is_(False),
        )
    ).scalar_one()
    anon = conn.execute(
        select(AC.c.total).where(AC.c.workshop_id == workshop_id, AC.c.deleted.is_(False))
    ).scalar()
    return int(registered), int(present), int(anon or 0)


class WorkshopService:
    """Every user action on workshops."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _validated(self, tx: Tx, w: Workshop) -> None:
        registered, present, anon = _counts(tx.conn, w.id)
        stored = tx.get(Workshop, w.id)
        check(
            validate_workshop(
                w,
                registered=registered,
                identified_present=present,
                anonymous_total=anon,
                capacity_before=None if stored is None else stored.capacity,
                today=today_of(self._store),
            )
        )

    def create(self, workshop: Workshop) -> Result[Workshop]:
        """Save a new workshop, filling owner, organising structure and département from
        the user (the venue and the school are the user's choice and grant no rights).

        Raises:
            ValidationError: a rule is broken (French message per field); nothing saved.
        """
        ident = self._store.identity
        organizer = workshop.organizer_structure_id or ident.structure_id
        venue = workshop.venue_structure_id
        if venue is None and not workshop.venue_address.strip() and not workshop.commune.strip():
            # Nothing said of the place (a scripted or imported workshop; the editor always
            # asks): the organiser's own premises.
            venue = organizer if workshop.place_type is PlaceType.LIEU_ACTIVITE else None
        w = dataclasses.replace(
            workshop,
            venue_structure_id=venue,
            owner_id=workshop.owner_id or ident.actor_id,
            owner_name=workshop.owner_name or ident.actor_name,
            organizer_structure_id=organizer,
            department_code=workshop.department_code or ident.department_code,
            review_status=ReviewStatus.TO_REVIEW,
            review_comment="",
        )
        with self._store.write() as tx:
            self._validated(tx, w)
            return result(tx.insert(w), tx)

    def update(self, workshop_id: UUID, **values: Any) -> Result[Workshop]:
        """Change fields of a workshop. A correction of a workshop sent back by the
        coordinator returns it to the review queue.

        Raises:
            ValidationError, NotFoundError.
        """
        if not rules.review_write_allowed(self._store.identity.role, "workshop", values):
            raise BusinessRuleError(rules.REVIEW_DECISION_MESSAGE)
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            if old.review_status is ReviewStatus.NEEDS_CORRECTION and "review_status" not in values:
                values["review_status"] = ReviewStatus.TO_REVIEW
            self._validated(tx, dataclasses.replace(old, **values))
            new = tx.update(old, **values)
            if new.capacity != old.capacity:
                # More places: the waitlist moves up in the same transaction.
                from mediator_app.local_store.services.registrations import promote_waitlist

                promote_waitlist(tx, new)
            return result(new, tx)

    def duplicate(self, workshop_id: UUID, on: date) -> Result[Workshop]:
        """A copy of a workshop on another date, planned, without registrations."""
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            copy = dataclasses.replace(
                old,
                id=new_id(),
                date=on,
                status=WorkshopStatus.PLANNED,
                review_status=ReviewStatus.TO_REVIEW,
                review_comment="",
            )
            self._validated(tx, copy)
            return result(tx.insert(copy), tx)

    def cancel(self, workshop_id: UUID) -> Result[Workshop]:
        """Cancel a planned workshop (registrations are kept, so families can be told)."""
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            if old.status is WorkshopStatus.HELD:
                raise BusinessRuleError(
                    texts.text("Un atelier déjà réalisé ne peut pas être annulé.")
                )
            return result(tx.update(old, status=WorkshopStatus.CANCELLED), tx)

    def mark_held(self, workshop_id: UUID) -> Result[Workshop]:
        """Mark a workshop as held; a collectif needs a present parent or anonymous count.

        Raises:
            ValidationError: nobody is recorded as present.
        """
        with self._store.write() as tx:
            old = tx.require(Workshop, workshop_id)
            new = dataclasses.replace(old, status=WorkshopStatus.HELD)
            self._validated(tx, new)
            return result(tx.update(old, status=WorkshopStatus.HELD), tx)

    def delete(self, workshop_id: UUID) -> Result[Workshop]:
        with self._store.write() as tx:
            return result(tx.delete(tx.require(Workshop, workshop_id)), tx)

    def set_anonymous_counts(self, workshop_id: UUID, **counts: Any) -> Result[AnonymousCounts]:
        """Record the anonymous counts of a workshop (created on first use).

        Raises:
            ValidationError: a breakdown exceeds the total, or a number is out of range.
        """
        row_id = anonymous_counts_id(workshop_id)
        with self._store.write() as tx:
            tx.require(Workshop, workshop_id)
            old = tx.get(AnonymousCounts, row_id, include_deleted=True)
            base = old or AnonymousCounts(id=row_id, workshop_id=workshop_id)
            check(validate_anonymous_counts(dataclasses.replace(base, **counts)))
            if old is None:
                value = tx.insert(dataclasses.replace(base, **counts))
            else:
                value = tx.update(old, **counts)
            return result(value, tx)

    # --- queries ------------------------------------------------------------------

    def get(self, workshop_id: UUID) -> Workshop | None:
        return self._store.fetch(Workshop, workshop_id)

    def anonymous_counts(self, workshop_id: UUID) -> AnonymousCounts | None:
        return self._store.fetch(AnonymousCounts, anonymous_counts_id(workshop_id))

    def places(self) -> list[Structure]:
        """The places (structures) known on this laptop, by name: the editor's and the
        list filter's choices."""
        with self._store.read() as conn:
            rows = conn.execute(
                select(S).where(S.c.deleted.is_(False)).order_by(S.c.name, S.c.id)
            ).mappings()
            return [entity_from_row(Structure, r) for r in rows]

    def propose_school(
        self, name: str, commune: str = "", uai: str = "", kind: StructureKind | None = None
    ) -> Result[Structure]:
        """Propose a school this laptop does not know (offline, before the directory was
        pulled): a structure flagged ``proposed`` until a coordinator confirms it. An UAI
        already known here gives that school back instead of a duplicate.

        Raises:
            ValidationError: no name, or an UAI whose check letter is wrong.
        """
        code = normalise_uai(uai) if uai.strip() else None
        school = Structure(
            name=name.strip(),
            kind=kind or StructureKind.ECOLE,
            uai=code or (uai.strip().upper() or None),
            commune=commune.strip(),
            department_code=self._store.identity.department_code,
            proposed=True,
        )
        with self._store.write() as tx:
            check(validate_structure(school))
            if code is not None:
                known = (
                    tx.conn.execute(select(S).where(S.c.uai == code, S.c.deleted.is_(False)))
                    .mappings()
                    .first()
                )
                if known is not None:
                    return result(entity_from_row(Structure, known), tx)
            return result(tx.insert(school), tx)

    def row(self, workshop_id: UUID) -> WorkshopRow | None:
        page = self.list(WorkshopFilter(), ids=(workshop_id,))
        return page.rows[0] if page.rows else None

    def list(
        self,
        flt: WorkshopFilter,
        *,
        offset: int = 0,
        limit: int = 100,
        ids: tuple[UUID, ...] = (),
        newest_first: bool = True,
    ) -> Page[WorkshopRow]:
        """A page of workshops matching the filter, with their counts, paged in SQL."""
        where: list[ColumnElement[bool]] = [W.c.deleted.is_(False)]
        if ids:
            where.append(W.c.id.in_(ids))
        if flt.text.strip():
            where.append(like_any(W, ("title", "commune", "notes"), flt.text))
        if flt.date_from:
            where.append(W.c.date >= flt.date_from)
        if flt.date_to:
            where.append(W.c.date <= flt.date_to)
        if flt.format:
            where.append(W.c.format == flt.format.value)
        if flt.status:
            where.append(W.c.status == flt.status.value)
        if flt.theme:
            where.append(json_list_contains(W, "themes", flt.theme))
        if flt.venue_structure_id:
            where.append(W.c.venue_structure_id == flt.venue_structure_id)
        if flt.organizer_structure_id:
            where.append(W.c.organizer_structure_id == flt.organizer_structure_id)
        if flt.review_status:
            where.append(W.c.review_status == flt.review_status.value)
        if flt.owner_id:
            where.append(W.c.owner_id == flt.owner_id)
        if flt.department_code:
            where.append(W.c.department_code == flt.department_code)

        order = (
            (W.c.date.desc(), W.c.start_time.desc())
            if newest_first
            else (W.c.date.asc(), W.c.start_time.asc())
        )
        # The page is chosen first, then counted: when the filter's index is not the date
        # order, SQLite sorts every match and would evaluate the counts for all of them.
        pg = select(W).where(*where).order_by(*order, W.c.id).offset(offset).limit(limit)
        page = pg.subquery("page")

        def reg_count(status: RegistrationStatus) -> Any:
            return (
                select(func.count())
                .where(
                    R.c.workshop_id == page.c.id,
                    R.c.status == status.value,
                    R.c.deleted.is_(False),
                )
                .scalar_subquery()
            )

        present = (
            select(func.count())
            .where(
                A.c.workshop_id == page.c.id,
                A.c.status == Presence.PRESENT.value,
                A.c.deleted.is_(False),
            )
            .scalar_subquery()
        )
        anon = (
            select(func.coalesce(func.sum(AC.c.total), 0))
            .where(AC.c.workshop_id == page.c.id, AC.c.deleted.is_(False))
            .scalar_subquery()
        )
        page_order = (
            (page.c.date.desc(), page.c.start_time.desc())
            if newest_first
            else (page.c.date.asc(), page.c.start_time.asc())
        )
        with self._store.read() as conn:
            total = conn.execute(select(func.count()).select_from(W).where(*where)).scalar_one()
            rows = (
                conn.execute(
                    select(
                        page,
                        reg_count(RegistrationStatus.REGISTERED).label("_registered"),
                        reg_count(RegistrationStatus.WAITLIST).label("_waitlisted"),
                        present.label("_present"),
                        anon.label("_anon"),
                    ).order_by(*page_order, page.c.id)
                )
                .mappings()
                .all()
            )
        return Page(
            tuple(
                WorkshopRow(
                    entity_from_row(Workshop, r),
                    int(r["_registered"]),
                    int(r["_waitlisted"]),
                    int(r["_present"]),
                    int(r["_anon"]),
                )
                for r in rows
            ),
            int(total),
            offset,
            limit,
        )
